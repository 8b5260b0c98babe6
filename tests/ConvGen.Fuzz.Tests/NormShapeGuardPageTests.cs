using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using ConvGen.Fuzz.Tests.Harness;
using ConvGen.Numerics.Tests;
using ConvGen.Numerics.Tests.NormShape;
using Microsoft.CodeAnalysis;
using Xunit;

namespace ConvGen.Fuzz.Tests;

/// <summary>
/// Differential fuzz of the CONV6xx layers: random padding layers (every module, each side −4 … 6, crops included),
/// BatchNorm2d layers (1 … 40 features, affine or not, random eps) and Flatten layers, generated and compiled in-process,
/// run on random sizes (batch 0 … 3, 1 … 3 channels, planes 1 … 20 high and 1 … 40 wide) with input and output next to
/// inaccessible pages on either side and on 1 or 3 threads. Each call must equal the plain reference of
/// <see cref="NormShapeReference"/> bit for bit, or throw an ArgumentException exactly where PyTorch raises.
/// </summary>
public class NormShapeGuardPageTests
{
    private static readonly string[] s_modules = { "ZeroPad2d", "ConstantPad2d", "ReflectionPad2d", "ReplicationPad2d" };

    public static IEnumerable<object[]> Batches() => FuzzSettings.Batches(ciCount: 60, batchSize: 60);

    [Theory]
    [MemberData(nameof(Batches))]
    public void Random_norm_pad_and_flatten_layers_match_the_reference_GuardPage(int seed, int count)
    {
        var random = new Random(seed);
        var declarations = new List<string>();
        var factories = new List<string>();
        var kinds = new List<(string Kind, int[] Pad, PaddingMode Mode, float Value, int Features, bool Affine, float Eps, int Start, int End)>();
        for (int i = 0; i < count; i++)
        {
            int kind = i % 6;
            if (kind < 4)
            {
                string module = s_modules[random.Next(4)];
                int[] pad = Enumerable.Range(0, 4).Select(_ => random.Next(-4, 7)).ToArray();
                double value = module == "ConstantPad2d" ? Math.Round(random.NextDouble() * 8 - 4, 2) : 0;
                string sides = random.Next(3) == 0 ? $"{pad[0]}" : $"new[] {{ {string.Join(", ", pad)} }}";
                if (sides == $"{pad[0]}") pad = new[] { pad[0], pad[0], pad[0], pad[0] };
                string attribute = module switch
                {
                    "ZeroPad2d" => pad.Distinct().Count() == 1 ? $"ZeroPad2d({pad[0]})" : $"ZeroPad2d({string.Join(", ", pad)})",
                    "ConstantPad2d" => $"ConstantPad2d({sides}, {value.ToString(System.Globalization.CultureInfo.InvariantCulture)})",
                    _ => $"{module}({sides})",
                };
                var mode = module == "ReflectionPad2d" ? PaddingMode.Reflect : module == "ReplicationPad2d" ? PaddingMode.Replicate : PaddingMode.Zeros;
                declarations.Add($"[{attribute}] public partial class L{i};");
                factories.Add($"public static object Create{i}(float[] a, float[] b, float[] c, float[] d) => new L{i}();");
                kinds.Add(("pad", pad, mode, (float)value, 0, false, 0, 0, 0));
            }
            else if (kind == 4)
            {
                int features = 1 + random.Next(40);
                bool affine = random.Next(3) != 0;
                double eps = Math.Pow(10, -random.Next(1, 8));
                declarations.Add($"[BatchNorm2d({features}, Eps = {eps.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}{(affine ? "" : ", Affine = false")})] public partial class L{i};");
                factories.Add(affine
                    ? $"public static object Create{i}(float[] a, float[] b, float[] c, float[] d) => new L{i}(a, b, c, d);"
                    : $"public static object Create{i}(float[] a, float[] b, float[] c, float[] d) => new L{i}(c, d);");
                kinds.Add(("bn", Array.Empty<int>(), PaddingMode.Zeros, 0, features, affine, (float)eps, 0, 0));
            }
            else
            {
                int start = random.Next(-4, 4), end = random.Next(-4, 4);
                if ((start < 0 ? start + 4 : start) > (end < 0 ? end + 4 : end)) (start, end) = (end, start);
                if ((start < 0 ? start + 4 : start) > (end < 0 ? end + 4 : end)) end = 3;
                declarations.Add($"[Flatten(StartDim = {start}, EndDim = {end})] public partial class L{i};");
                factories.Add($"public static object Create{i}(float[] a, float[] b, float[] c, float[] d) => new L{i}();");
                kinds.Add(("flatten", Array.Empty<int>(), PaddingMode.Zeros, 0, 0, false, 0, start < 0 ? start + 4 : start, end < 0 ? end + 4 : end));
            }
        }

        string source = "using ConvGen;\nnamespace Fuzz\n{\n" + string.Concat(declarations.Select(d => "    " + d + "\n"))
            + "    public static class Factory\n    {\n" + string.Concat(factories.Select(f => "        " + f + "\n")) + "    }\n}\n";
        var run = InMemoryCompiler.RunGenerator(InMemoryCompiler.Compile("NormGuard", new[] { InMemoryCompiler.Parse(source, "Layers.cs") }, OptimizationLevel.Release));
        Assert.Empty(run.GeneratorDiagnostics);
        var (assembly, diagnostics) = InMemoryCompiler.Emit(run.Output);
        Assert.True(assembly is not null, InMemoryCompiler.Describe(diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        using (assembly)
        {
            int calls = 0, raised = 0;
            var factory = assembly!.GetType("Fuzz.Factory");
            for (int i = 0; i < count; i++)
            {
                var k = kinds[i];
                float[] w = TestData.Uniform(random, Math.Max(k.Features, 1)), b = TestData.Uniform(random, Math.Max(k.Features, 1));
                float[] mean = TestData.Uniform(random, Math.Max(k.Features, 1)), variance = TestData.Uniform(random, Math.Max(k.Features, 1)).Select(v => v * v).ToArray();
                object layer = factory.GetMethod($"Create{i}", BindingFlags.Public | BindingFlags.Static)!.Invoke(null, new object[] { w, b, mean, variance })!;
                for (int trial = 0; trial < 6; trial++)
                {
                    int batch = random.Next(4), channels = k.Kind == "bn" ? k.Features : 1 + random.Next(3);
                    int h = 1 + random.Next(20), width = 1 + random.Next(40), threads = 1 + 2 * random.Next(2);
                    float[] input = TestData.Uniform(random, batch * channels * h * width);
                    float[]? expected;
                    int outLength;
                    if (k.Kind == "pad")
                    {
                        expected = NormShapeReference.Pad(input, batch, channels, h, width, k.Pad[0], k.Pad[1], k.Pad[2], k.Pad[3], k.Mode, k.Value, out int oh, out int ow);
                        outLength = expected?.Length ?? Math.Max(0, batch * channels * oh * ow);
                    }
                    else if (k.Kind == "bn")
                    {
                        expected = NormShapeReference.BatchNormFloat(input, batch, channels, h * width, k.Affine ? w : null, k.Affine ? b : null, mean, variance, k.Eps);
                        outLength = expected.Length;
                    }
                    else
                    {
                        expected = input;
                        outLength = input.Length;
                    }

                    using var guardedIn = new GuardPages(input.Length, touchEnd: trial % 2 == 0);
                    using var guardedOut = new GuardPages(outLength, touchEnd: trial % 2 == 1);
                    input.CopyTo(guardedIn.Span);
                    string context = $"seed {seed}, layer {i} ({declarations[i]}), N={batch} C={channels} H={h} W={width}, {threads} threads";
                    try
                    {
                        switch (layer)
                        {
                            case IPad2dLayer pad: pad.Forward(guardedIn.Span, guardedOut.Span, batch, channels, h, width, threads); break;
                            case IBatchNorm2dLayer bn: bn.Forward(guardedIn.Span, guardedOut.Span, batch, h, width, threads); break;
                            case IFlattenLayer flatten: flatten.Forward(guardedIn.Span, guardedOut.Span, batch, channels, h, width); break;
                        }
                    }
                    catch (ArgumentException e)
                    {
                        Assert.True(expected is null, $"{context}: threw '{e.Message}' but PyTorch computes it");
                        raised++;
                        continue;
                    }

                    Assert.True(expected is not null, $"{context}: PyTorch raises but the layer computed");
                    Assert.True(guardedOut.Span.SequenceEqual(expected), $"{context}: differs from the reference");
                    calls++;
                }
            }

            Assert.True(calls > count * 3, $"only {calls} computed calls ({raised} raised)");
        }
    }
}
