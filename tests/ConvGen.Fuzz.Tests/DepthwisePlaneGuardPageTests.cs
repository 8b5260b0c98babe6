using System;
using System.Linq;
using ConvGen.Fuzz.Tests.Harness;
using ConvGen.Numerics.Tests;
using Microsoft.CodeAnalysis;
using Xunit;

namespace ConvGen.Fuzz.Tests;

/// <summary>
/// The depthwise plane kernel reads the caller's input rows in place, with loads that end exactly at a row's last
/// column and gathers that stop short of it (stride 2). Here each such layer runs with its input and output next to
/// inaccessible pages, on both sides, at widths where every load variant is taken with 16, 8, 4 and 1 lanes: a read or
/// write one element outside the spans faults. The result must also equal the reference.
/// </summary>
public class DepthwisePlaneGuardPageTests
{
    private static readonly (string Attribute, Conv2dParameters Parameters)[] Layers =
    {
        ("Conv2d(2, 2, 3, Padding = 1, Groups = 2)", new(2, 2, 3, 3, 1, 1, 1, 1, 1, 1, groups: 2)),
        ("Conv2d(2, 2, 3, Groups = 2)", new(2, 2, 3, 3, groups: 2)),
        ("Conv2d(2, 2, 3, Stride = 2, Padding = 1, Groups = 2)", new(2, 2, 3, 3, 2, 2, 1, 1, 1, 1, groups: 2)),
        ("Conv2d(2, 2, 4, Stride = 2, Groups = 2)", new(2, 2, 4, 4, 2, 2, groups: 2)),
        ("Conv2d(2, 2, new[] { 3, 5 }, Stride = new[] { 1, 2 }, Padding = new[] { 0, 2 }, Dilation = new[] { 1, 2 }, Groups = 2)",
            new(2, 2, 3, 5, 1, 2, 0, 0, 2, 2, 1, 2, groups: 2)),
    };

    [Fact]
    public void Plane_kernel_stays_inside_its_spans()
    {
        string source = "using ConvGen;\nnamespace Fuzz\n{\n"
            + string.Concat(Layers.Select((l, i) => $"    [{l.Attribute}] public partial class P{i};\n"))
            + "    public static class Factory\n    {\n"
            + string.Concat(Layers.Select((_, i) => $"        public static IConv2dLayer Create{i}(float[] w, float[]? b) => new P{i}(w, b!);\n"))
            + "    }\n}\n";
        var run = InMemoryCompiler.RunGenerator(InMemoryCompiler.Compile(
            "PlaneGuard", new[] { InMemoryCompiler.Parse(source, "Layers.cs") }, OptimizationLevel.Release));
        var (assembly, diagnostics) = InMemoryCompiler.Emit(run.Output);
        Assert.True(assembly is not null, InMemoryCompiler.Describe(diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        using (assembly)
        {
            int calls = 0;
            for (int i = 0; i < Layers.Length; i++)
            {
                var p = Layers[i].Parameters;
                var random = new Random(i);
                float[] weight = TestData.Uniform(random, p.WeightLength), bias = TestData.Uniform(random, p.OutChannels);
                var layer = LayerBatch.Factory(assembly!, i)(weight, bias);
                foreach (int w in new[] { 7, 8, 9, 15, 16, 17, 23, 24, 25, 31, 32, 33, 47, 48, 49, 50, 63, 64, 65, 95, 96, 97, 98, 99, 100, 129 })
                {
                    const int h = 9;
                    if (ReferenceConv2d.Invalid(p, h, w) is not null) continue;
                    float[] input = TestData.Uniform(random, p.InChannels * h * w);
                    var (expected, magnitude) = ReferenceConv2d.Run(p, input, weight, bias, 1, h, w);
                    foreach (bool touchEnd in new[] { true, false })
                    {
                        using var guardedIn = new GuardPages(input.Length, touchEnd);
                        using var guardedOut = new GuardPages(expected.Length, touchEnd);
                        input.CopyTo(guardedIn.Span);
                        layer.Forward(guardedIn.Span, guardedOut.Span, 1, h, w);
                        TestData.AssertClose(expected, magnitude, guardedOut.Span, p.KernelHeight * p.KernelWidth,
                            $"[{Layers[i].Attribute}] input {h}x{w}, {(touchEnd ? "ending at" : "starting at")} a guard page");
                        calls++;
                    }
                }
            }

            Assert.True(calls > 200, $"only {calls} guarded calls");
        }
    }
}
