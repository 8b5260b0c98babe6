using System;
using System.Collections.Generic;
using System.Linq;
using ConvGen.Fuzz.Tests.Harness;
using ConvGen.Numerics.Tests;
using Microsoft.CodeAnalysis;
using Xunit;

namespace ConvGen.Fuzz.Tests;

/// <summary>
/// Conv1d and Conv3d kernels next to inaccessible pages: each layer (the direct paths that read the caller's input or
/// write the caller's output in place, every padding mode, strides, dilations, depthwise, fused activations, a fixed
/// size) runs with its input and output ending at and starting at a guard page, at lengths and widths where every
/// vector width's full steps and tails are taken, on 1–3 threads. A read or write one element outside the spans faults;
/// the output must equal the reference and, bit for bit, the one-thread output of ordinary arrays. CI runs this (with
/// <see cref="DepthwisePlaneGuardPageTests"/>) under every instruction set.
/// </summary>
public class ConvNdGuardPageTests
{
    private static int[] A(params int[] values) => values;

    private static ConvParameters C(int cin, int cout, int[] k, int[]? s = null, int[]? pad = null, int[]? padAfter = null, int[]? d = null,
        int groups = 1, bool bias = true, PaddingMode mode = PaddingMode.Zeros, Activation act = Activation.None, float slope = 0.01f) =>
        new(cin, cout, k, s, pad, padAfter, d, groups, bias, mode, act, slope);

    private static readonly (string Attribute, ConvParameters Parameters, int[]? FixedSize)[] Layers =
    {
        ("Conv1d(2, 3, 3)", C(2, 3, A(3)), null),
        ("Conv1d(3, 4, 1, Bias = false, Activation = Activation.Hardswish)", C(3, 4, A(1), bias: false, act: Activation.Hardswish), null),
        ("Conv1d(2, 3, 5, Padding = 2, Activation = Activation.ReLU)", C(2, 3, A(5), pad: A(2), act: Activation.ReLU), null),
        ("Conv1d(3, 2, 5, Stride = 2, Padding = 2, PaddingMode = PaddingMode.Reflect)", C(3, 2, A(5), s: A(2), pad: A(2), mode: PaddingMode.Reflect), null),
        ("Conv1d(2, 2, 3, Stride = 3, Dilation = 2, Groups = 2, Activation = Activation.GELU)", C(2, 2, A(3), s: A(3), d: A(2), groups: 2, act: Activation.GELU), null),
        ("Conv1d(4, 4, 4, Padding = \"same\", Groups = 4, PaddingMode = PaddingMode.Circular, Activation = Activation.SiLU)",
            C(4, 4, A(4), pad: A(1), padAfter: A(2), groups: 4, mode: PaddingMode.Circular, act: Activation.SiLU), null),
        ("Conv1d(1, 2, 7, Stride = 4, Padding = 3, PaddingMode = PaddingMode.Replicate, Activation = Activation.LeakyReLU, NegativeSlope = 0.2f)",
            C(1, 2, A(7), s: A(4), pad: A(3), mode: PaddingMode.Replicate, act: Activation.LeakyReLU, slope: 0.2f), null),

        ("Conv3d(2, 3, 3)", C(2, 3, A(3, 3, 3)), null),
        ("Conv3d(1, 3, 1, Activation = Activation.Tanh)", C(1, 3, A(1, 1, 1), act: Activation.Tanh), null),
        ("Conv3d(2, 2, new[] { 1, 3, 3 }, Padding = new[] { 0, 1, 1 }, Groups = 2, Activation = Activation.ReLU6)",
            C(2, 2, A(1, 3, 3), pad: A(0, 1, 1), groups: 2, act: Activation.ReLU6), null),
        ("Conv3d(3, 2, 2, Stride = 2, Padding = 1, PaddingMode = PaddingMode.Replicate)", C(3, 2, A(2, 2, 2), s: A(2, 2, 2), pad: A(1, 1, 1), mode: PaddingMode.Replicate), null),
        ("Conv3d(2, 4, new[] { 3, 1, 2 }, Stride = new[] { 1, 3, 1 }, Dilation = new[] { 2, 1, 1 }, Padding = new[] { 2, 0, 1 }, PaddingMode = PaddingMode.Reflect, Activation = Activation.LeakyReLU, NegativeSlope = 0.2f)",
            C(2, 4, A(3, 1, 2), s: A(1, 3, 1), pad: A(2, 0, 1), d: A(2, 1, 1), mode: PaddingMode.Reflect, act: Activation.LeakyReLU, slope: 0.2f), null),
        ("Conv3d(2, 2, 3, Padding = 1, PaddingMode = PaddingMode.Circular, InputDepth = 3, InputHeight = 4, InputWidth = 17, Activation = Activation.Sigmoid)",
            C(2, 2, A(3, 3, 3), pad: A(1, 1, 1), mode: PaddingMode.Circular, act: Activation.Sigmoid), A(3, 4, 17)),
    };

    private static readonly int[] Lengths = Enumerable.Range(1, 70).Concat(new[] { 95, 96, 97, 98, 99, 100, 127, 128, 129, 130, 255, 256, 257 }).ToArray();
    private static readonly int[] Depths = { 1, 2, 3, 5 }, Heights = { 1, 2, 4, 7 }, Widths = { 1, 3, 4, 7, 8, 9, 15, 16, 17, 31, 32, 33 };

    [Fact]
    public void Conv1d_and_Conv3d_kernels_stay_inside_their_spans()
    {
        string source = "using ConvGen;\nnamespace Fuzz\n{\n"
            + string.Concat(Layers.Select((l, i) => $"    [{l.Attribute}] public partial class G{i};\n"))
            + "    public static class Factory\n    {\n"
            + string.Concat(Layers.Select((l, i) =>
                $"        public static IConv{l.Parameters.Rank}dLayer Create{i}(float[] w, float[]? b) => {(l.Parameters.Bias ? $"new G{i}(w, b!)" : $"new G{i}(w)")};\n"))
            + "    }\n}\n";
        var run = InMemoryCompiler.RunGenerator(InMemoryCompiler.Compile(
            "NdGuard", new[] { InMemoryCompiler.Parse(source, "Layers.cs") }, OptimizationLevel.Release));
        Assert.Empty(run.Exceptions);
        Assert.Empty(run.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        var (assembly, diagnostics) = InMemoryCompiler.Emit(run.Output);
        Assert.True(assembly is not null, InMemoryCompiler.Describe(diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        using (assembly)
        {
            var calls = new int[4];
            for (int i = 0; i < Layers.Length; i++)
            {
                var (attribute, p, fixedSize) = Layers[i];
                var random = new Random(i);
                float[] weight = TestData.Uniform(random, p.WeightLength);
                float[]? bias = p.Bias ? TestData.Uniform(random, p.OutChannels) : null;
                var layer = LayerBatch.AnyFactory(assembly!, i)(weight, bias);
                Assert.Equal(p.ToString(), layer.ParametersText);
                IEnumerable<int[]> sizes = fixedSize is not null ? new[] { fixedSize }
                    : p.Rank == 1 ? Lengths.Select(l => A(l))
                    : from d in Depths from h in Heights from w in Widths select A(d, h, w);
                foreach (int[] size in sizes.Where(s => ReferenceConvNd.Invalid(p, s) is null))
                {
                    int batch = 1 + calls[p.Rank] % 2;
                    float[] input = TestData.Uniform(random, batch * p.InChannels * size.Aggregate(1, (a, b) => a * b));
                    var (expected, magnitude) = ReferenceConvNd.Run(p, input, weight, bias, batch, size);
                    var plain = new float[expected.Length];
                    layer.Forward(input, plain, batch, size);
                    foreach (bool touchEnd in new[] { true, false })
                    {
                        int threads = 1 + calls[p.Rank]++ % 3;
                        string context = $"[{attribute}] batch {batch}, input ({string.Join(", ", size)}), {(touchEnd ? "ending at" : "starting at")} a guard page, {threads} thread(s)";
                        using var guardedIn = new GuardPages(input.Length, touchEnd);
                        using var guardedOut = new GuardPages(expected.Length, touchEnd);
                        input.CopyTo(guardedIn.Span);
                        guardedOut.Span.Fill(float.NaN);
                        layer.Forward(guardedIn.Span, guardedOut.Span, batch, size, threads);
                        ReferenceConvNd.AssertActivated(p, expected, magnitude, guardedOut.Span, context);
                        Assert.True(FuzzLayer.BitEqual(plain, guardedOut.Span), $"{context}: differs from the one-thread output of arrays");
                    }
                }
            }

            Assert.True(calls[1] > 500 && calls[3] > 500, $"only {calls[1]} Conv1d and {calls[3]} Conv3d guarded calls");
        }
    }
}
