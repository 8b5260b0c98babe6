using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using ConvGen.Fuzz.Tests.Harness;
using ConvGen.Numerics.Tests;
using Microsoft.CodeAnalysis;
using Xunit;

namespace ConvGen.Fuzz.Tests;

/// <summary>
/// Random valid Linear layers (in/out 1–80 and a few large ones, bias on/off, any fused activation) and activation
/// layers, generated and compiled in-process, run on random row counts on 1–3 threads and compared with a double
/// reference; every call also runs with input and output next to inaccessible pages on either side (a read or write
/// one element outside a span faults), and random wrong arguments must give an ArgumentException, never a wrong write.
/// </summary>
public class LinearGuardPageFuzzTests
{
    private static readonly Activation[] Activations = Enum.GetValues<Activation>();

    private sealed record Config(int In, int Out, bool Bias, Activation Activation, float Slope)
    {
        public string Attribute
        {
            get
            {
                string args = (Bias ? "" : ", Bias = false") + (Activation == Activation.None ? "" : $", Activation = Activation.{Activation}");
                if (Activation == Activation.LeakyReLU) args += $", NegativeSlope = {Slope.ToString("R", CultureInfo.InvariantCulture)}f";
                return $"[Linear({In}, {Out}{args})]";
            }
        }
    }

    private static Config RandomConfig(Random r)
    {
        int Size() => r.Next(10) == 0 ? r.Next(81, 600) : r.Next(1, 81);
        var activation = r.Next(2) == 0 ? Activation.None : Activations[r.Next(Activations.Length)];
        return new Config(Size(), Size(), r.Next(4) != 0, activation, activation == Activation.LeakyReLU ? (float)Math.Round(r.NextDouble() * 2 - 1, 3) : 0.01f);
    }

    public static IEnumerable<object[]> Batches() => FuzzSettings.Batches(ciCount: 48, batchSize: 24);

    [Theory]
    [MemberData(nameof(Batches))]
    public void Random_Linear_layers_match_the_reference_inside_guard_pages(int batchSeed, int count)
    {
        var configs = Enumerable.Range(0, count).Select(i => RandomConfig(new Random(FuzzSettings.CaseSeed(batchSeed, i)))).ToList();
        string source = "using ConvGen;\nnamespace Fuzz\n{\n"
            + string.Concat(configs.Select((c, i) => $"    {c.Attribute} public partial class L{i};\n"))
            + "    public static class Factory\n    {\n"
            + string.Concat(configs.Select((c, i) => $"        public static ILinearLayer Create{i}(float[] w, float[] b) => {(c.Bias ? $"new L{i}(w, b)" : $"new L{i}(w)")};\n"))
            + "    }\n}\n";
        using var assembly = Compile(source, "LinearFuzz");
        var factory = assembly.GetType("Fuzz.Factory");
        for (int i = 0; i < configs.Count; i++)
        {
            var c = configs[i];
            var r = new Random(FuzzSettings.CaseSeed(batchSeed, i) + 1);
            string repro = $"case {i} {c.Attribute}; {FuzzSettings.Repro(nameof(LinearGuardPageFuzzTests), batchSeed, count)}";
            float[] w = TestData.Uniform(r, c.In * c.Out), b = TestData.Uniform(r, c.Out);
            var layer = (ILinearLayer)factory.GetMethod($"Create{i}")!.Invoke(null, new object[] { w, b })!;
            int rows = r.Next(4) == 0 ? r.Next(0, 3) : r.Next(1, 20);
            float[] x = TestData.Uniform(r, rows * c.In);
            if (r.Next(5) == 0 && x.Length > 0) x[r.Next(x.Length)] = new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity }[r.Next(3)];
            var expected = Reference(c, x, w, b, rows);
            var plain = new float[rows * c.Out];
            layer.Forward(x, plain, rows);
            AssertClose(c, expected, plain, repro);
            foreach (bool touchEnd in new[] { true, false })
            {
                using var guardedIn = new GuardPages(x.Length, touchEnd);
                using var guardedOut = new GuardPages(plain.Length, touchEnd);
                x.CopyTo(guardedIn.Span);
                layer.Forward(guardedIn.Span, guardedOut.Span, rows, r.Next(1, 4));
                Assert.True(FuzzLayer.BitEqual(plain, guardedOut.Span), $"threads or guard pages changed the output: {repro}");
            }

            // Wrong arguments: an ArgumentException, and the output untouched.
            var output = new float[plain.Length + 1];
            Assert.ThrowsAny<ArgumentException>(() => layer.Forward(x, output, rows));
            Assert.ThrowsAny<ArgumentException>(() => layer.Forward(x, plain, rows + 1));
            Assert.ThrowsAny<ArgumentException>(() => layer.Forward(x, plain, -1 - r.Next(3)));
            Assert.All(output, v => Assert.Equal(0f, v));
        }
    }

    private static (double[] Y, double[] Magnitude) Reference(Config c, float[] x, float[] w, float[] b, int rows)
    {
        var y = new double[rows * c.Out];
        var m = new double[rows * c.Out];
        for (int r = 0; r < rows; r++)
        for (int o = 0; o < c.Out; o++)
        {
            double sum = c.Bias ? b[o] : 0, mag = Math.Abs(sum);
            for (int k = 0; k < c.In; k++)
            {
                double t = (double)x[r * c.In + k] * w[o * c.In + k];
                sum += t;
                mag += Math.Abs(t);
            }

            y[r * c.Out + o] = sum;
            m[r * c.Out + o] = double.IsFinite(mag) ? mag : 0;
        }

        return (y, m);
    }

    private static void AssertClose(Config c, (double[] Y, double[] Magnitude) reference, float[] actual, string repro)
    {
        double u = Math.Pow(2, -24), k = c.In + 2, gamma = k * u / (1 - k * u), lipschitz = ReferenceConv.Lipschitz(c.Activation, c.Slope);
        for (int i = 0; i < actual.Length; i++)
        {
            double e = ReferenceConv.Activate(reference.Y[i], c.Activation, c.Slope), a = actual[i];
            double allowed = lipschitz * gamma * reference.Magnitude[i] + 8 * u * Math.Abs(e) + 1e-37;
            bool ok = double.IsNaN(e) ? double.IsNaN(a) : double.IsInfinity(e) ? a == e : Math.Abs(a - e) <= allowed;
            if (!ok) throw new Xunit.Sdk.XunitException($"element {i} is {a:R}, reference {e:R} (allowed {allowed:E2}): {repro}");
        }
    }

    /// <summary>Every activation layer and Softmax at every length 0–70 inside guard pages, in place and not.</summary>
    [Fact]
    public void Activation_layers_stay_inside_guard_pages()
    {
        string[] attributes = { "ReLU", "ReLU6", "LeakyReLU(0.3f)", "Sigmoid", "Tanh", "Hardsigmoid", "Hardswish", "SiLU", "GELU", "GELU(Approximate = \"tanh\")", "Dropout" };
        string source = "using ConvGen;\nnamespace Fuzz\n{\n"
            + string.Concat(attributes.Select((a, i) => $"    [{a}] public partial class A{i};\n"))
            + "    [Softmax(1)] public partial class S;\n"
            + "    public static class Factory\n    {\n"
            + string.Concat(attributes.Select((_, i) => $"        public static IElementwiseLayer Create{i}() => new A{i}();\n"))
            + "        public static ISoftmaxLayer Softmax() => new S();\n    }\n}\n";
        using var assembly = Compile(source, "ActivationGuard");
        var factory = assembly.GetType("Fuzz.Factory");
        var random = new Random(7);
        for (int i = 0; i < attributes.Length; i++)
        {
            var layer = (IElementwiseLayer)factory.GetMethod($"Create{i}")!.Invoke(null, null)!;
            for (int n = 0; n <= 70; n++)
            {
                float[] x = TestData.Uniform(random, n).Select(v => v * 10).ToArray();
                var plain = new float[n];
                layer.Forward(x, plain);
                foreach (bool touchEnd in new[] { true, false })
                {
                    using var guarded = new GuardPages(n, touchEnd);
                    x.CopyTo(guarded.Span);
                    layer.Forward(guarded.Span, guarded.Span); // in place
                    Assert.True(FuzzLayer.BitEqual(plain, guarded.Span), $"[{attributes[i]}] n={n} in place");
                }
            }
        }

        var softmax = (ISoftmaxLayer)factory.GetMethod("Softmax")!.Invoke(null, null)!;
        foreach (var (rows, features) in new[] { (1, 1), (3, 15), (2, 16), (5, 17), (1, 70), (4, 33) })
        {
            float[] x = TestData.Uniform(random, rows * features);
            var plain = new float[x.Length];
            softmax.Forward(x, plain, rows, features);
            var nchw = new float[x.Length];
            foreach (bool touchEnd in new[] { true, false })
            {
                using var guardedIn = new GuardPages(x.Length, touchEnd);
                using var guardedOut = new GuardPages(x.Length, touchEnd);
                x.CopyTo(guardedIn.Span);
                softmax.Forward(guardedIn.Span, guardedOut.Span, rows, features);
                Assert.True(FuzzLayer.BitEqual(plain, guardedOut.Span), $"softmax ({rows}, {features})");
                // The same numbers as (1, features, rows, 1): along channels, vectors across pixels.
                softmax.Forward(guardedIn.Span, guardedOut.Span, 1, rows, features, 1);
                softmax.Forward(x, nchw, 1, rows, features, 1);
                Assert.True(FuzzLayer.BitEqual(nchw, guardedOut.Span), $"softmax (1, {rows}, {features}, 1)");
            }
        }
    }

    private static LoadedAssembly Compile(string source, string name)
    {
        var run = InMemoryCompiler.RunGenerator(InMemoryCompiler.Compile(name, new[] { InMemoryCompiler.Parse(source, "Layers.cs") }, OptimizationLevel.Release));
        Assert.Empty(run.Exceptions);
        var (assembly, diagnostics) = InMemoryCompiler.Emit(run.Output);
        Assert.True(assembly is not null, InMemoryCompiler.Describe(diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        return assembly!;
    }
}
