using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ConvGen.Golden;
using Xunit;

namespace ConvGen.Conformance.Tests;

/// <summary>
/// The pooling layers against PyTorch's own modules (golden-layers/pool, written by tools/ConvGen.Oracle generate-pool):
/// every file's twin (PoolGoldenLayers.g.cs) on one and on two threads. Max pooling, its indices, unpooling and adaptive
/// max pooling must match bit for bit (NaN where PyTorch has NaN); averages within the float error of their sums.
/// </summary>
public class PoolConformanceTests
{
    private static string Directory => Path.Combine(AppContext.BaseDirectory, "golden-layers", "pool");

    public static IEnumerable<object[]> Files() =>
        System.IO.Directory.GetFiles(Directory, "*.bin").Select(Path.GetFileNameWithoutExtension).OrderBy(n => n).Select(n => new object[] { n! });

    [Fact]
    public void Every_module_has_its_configurations_and_every_file_a_twin()
    {
        var names = System.IO.Directory.GetFiles(Directory, "*.bin").Select(Path.GetFileNameWithoutExtension).ToList();
        Assert.Equal(names.OrderBy(n => n), PoolGoldenLayers.All.Keys.OrderBy(n => n));
        var modules = PoolGoldenLayers.All.Values.Select(t => Module(t.Create())).ToList();
        Assert.True(modules.Count(m => m == "MaxPool2d") >= 60, "MaxPool2d files");
        Assert.True(modules.Count(m => m == "AvgPool2d") >= 60, "AvgPool2d files");
        foreach (string m in new[] { "MaxUnpool2d", "AdaptiveAvgPool2d", "AdaptiveMaxPool2d" })
            Assert.True(modules.Count(x => x == m) >= 20, m + " files");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Matches_PyTorch(string name)
    {
        var tensors = TensorFile.Read(Path.Combine(Directory, name + ".bin"));
        var twin = PoolGoldenLayers.All[name];
        object layer = twin.Create();
        var (input, shape) = Input(tensors);
        int n = (int)shape[0], c = (int)shape[1], h = (int)shape[2], w = (int)shape[3];
        var expected = tensors["output"];
        foreach (int threads in new[] { 1, 2 })
        {
            var output = new float[expected.F32.Length];
            output.AsSpan().Fill(12345f);
            if (layer is IMaxUnpool2dLayer unpool)
            {
                long[] size = tensors["output_size"].I64;
                unpool.Forward(input, tensors["indices"].I64, output, n, c, h, w, (int)size[0], (int)size[1]);
                AssertExact(expected.F32, output, name);
                continue;
            }

            var pool = (IPool2dLayer)layer;
            Assert.Equal((expected.Shape[2], expected.Shape[3]), ((long)pool.OutputSize(h, w).Height, (long)pool.OutputSize(h, w).Width));
            pool.Forward(input, output, n, c, h, w, threads);
            if (Module(layer).Contains("Max")) AssertExact(expected.F32, output, name);
            else AssertClose(expected.F32, output, twin.WindowElements == 0 ? h * w : twin.WindowElements, name);
            if (twin.Indices is { } forward)
            {
                var values = new float[output.Length];
                var indices = new long[output.Length];
                forward(layer)(input, values, indices, n, c, h, w, threads);
                AssertExact(expected.F32, values, name + " (indices overload)");
                Assert.Equal(tensors["indices"].I64, indices);
            }
        }
    }

    private static string Module(object layer) =>
        (layer is IPool2dLayer p ? p.PyTorch : ((IMaxUnpool2dLayer)layer).PyTorch).Split('(')[0].Replace("nn.", "");

    /// <summary>The stored input, or the one regenerated from input_seed (seed, values, N, C, H, W) as the oracle made it.</summary>
    private static (float[] Input, long[] Shape) Input(Dictionary<string, GoldenTensor> tensors)
    {
        if (tensors.TryGetValue("input", out var stored)) return (stored.F32, stored.Shape);
        long[] s = tensors["input_seed"].I64;
        float[] x = SplitMix64.Uniform((int)(s[2] * s[3] * s[4] * s[5]), (ulong)s[0]);
        // The oracle's value kinds (PoolOracle.Apply): 1 rounds to halves, 2 puts NaN, +∞, −∞ in turn at every 7th element.
        if (s[1] == 1) for (int i = 0; i < x.Length; i++) x[i] = MathF.Round(x[i] * 2) / 2;
        if (s[1] == 2) for (int i = 0; i < x.Length; i += 7) x[i] = (i / 7 % 3) switch { 0 => float.NaN, 1 => float.PositiveInfinity, _ => float.NegativeInfinity };
        return (x, s[2..]);
    }

    private static void AssertExact(float[] expected, float[] actual, string name)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            bool same = float.IsNaN(expected[i]) ? float.IsNaN(actual[i]) : BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(actual[i]);
            Assert.True(same, $"{name}: element {i} is {actual[i]:R}, PyTorch {expected[i]:R}");
        }
    }

    /// <summary>An average of n inputs of magnitude below 1: float sums in any order differ by at most (n + 2)·n·2⁻²⁴.</summary>
    private static void AssertClose(float[] expected, float[] actual, int n, string name)
    {
        Assert.Equal(expected.Length, actual.Length);
        double tolerance = (n + 2.0) * n * Math.Pow(2, -24);
        for (int i = 0; i < expected.Length; i++)
        {
            float e = expected[i], a = actual[i];
            bool ok = float.IsNaN(e) ? float.IsNaN(a) : float.IsInfinity(e) ? a == e : Math.Abs(a - e) <= tolerance;
            Assert.True(ok, $"{name}: element {i} is {a:R}, PyTorch {e:R} (tolerance {tolerance:E2})");
        }
    }
}
