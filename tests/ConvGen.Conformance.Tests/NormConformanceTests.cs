using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ConvGen.Golden;
using Xunit;

namespace ConvGen.Conformance.Tests.Norm;

/// <summary>
/// BatchNorm2d, the padding layers and Flatten against PyTorch's own modules (golden-layers/norm, written by
/// <c>tools/ConvGen.Oracle generate-norm</c>). Padding and Flatten move values, so they must match bit for bit (NaN
/// payloads and −0 included). BatchNorm2d computes ATen's float32 formula (α = (1/√(var + eps))·w, β = b − mean·α,
/// x·α + β), libtorch in its own order (its vectorised kernel may fuse the last multiply and add, and round α and β
/// differently): α carries up to three roundings (square root, division, weight), β two more (mean·α, subtraction),
/// the result two, on each side, so each element must be within 8·2⁻²⁴·(|x·α| + |mean·α|) + 2·2⁻²⁴·|β| plus one ulp
/// of the result of PyTorch's (measured: at most 2 ulps apart); NaN and ±∞ exactly where PyTorch has them. The test also counts the exact matches and reports them.
/// </summary>
public class NormConformanceTests
{
    private static string Folder => Path.Combine(AppContext.BaseDirectory, "golden-layers", "norm");

    public static TheoryData<string> BatchNormNames => new(NormGoldenLayers.BatchNorm.Keys);

    public static TheoryData<string> PadNames => new(NormGoldenLayers.Pad.Keys);

    public static TheoryData<string> FlattenNames => new(NormGoldenLayers.Flatten.Keys);

    private static Dictionary<string, GoldenTensor> Load(string name) => TensorFile.Read(Path.Combine(Folder, name + ".bin"));

    [Fact]
    public void Every_golden_file_has_its_twin_and_the_set_covers_what_is_promised()
    {
        var files = Directory.GetFiles(Folder, "*.bin").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).ToList();
        var twins = NormGoldenLayers.BatchNorm.Keys.Concat(NormGoldenLayers.Pad.Keys).Concat(NormGoldenLayers.Flatten.Keys).Order(StringComparer.Ordinal);
        Assert.Equal(twins, files);
        Assert.True(NormGoldenLayers.BatchNorm.Count >= 60, $"{NormGoldenLayers.BatchNorm.Count} BatchNorm2d files");
        foreach (string module in new[] { "zero-", "constant-", "reflection-", "replication-" })
        {
            int count = NormGoldenLayers.Pad.Keys.Count(k => k.Split('-', 2)[1].StartsWith(module, StringComparison.Ordinal));
            Assert.True(count >= 20, $"{module}: {count} files");
        }

        Assert.True(NormGoldenLayers.Flatten.Count >= 10, $"{NormGoldenLayers.Flatten.Count} Flatten files");
        Assert.Contains(NormGoldenLayers.BatchNorm.Keys, k => k.Contains("noaffine", StringComparison.Ordinal));
        Assert.Contains(NormGoldenLayers.BatchNorm.Keys, k => k.Contains("bn512", StringComparison.Ordinal));
        Assert.Contains(NormGoldenLayers.BatchNorm.Keys, k => k.Contains("bn1-", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(BatchNormNames))]
    public void BatchNorm2d_matches_PyTorch(string name)
    {
        var t = Load(name);
        var x = t["input"];
        int batch = (int)x.Shape[0], h = (int)x.Shape[2], w = (int)x.Shape[3];
        var layer = NormGoldenLayers.BatchNorm[name](t.GetValueOrDefault("weight")?.F32, t.GetValueOrDefault("bias")?.F32, t["running_mean"].F32, t["running_var"].F32);
        var expected = t["output"].F32;
        foreach (int threads in new[] { 1, 2 })
        {
            var y = new float[expected.Length];
            layer.Forward(x.F32, y, batch, h, w, threads);
            int plane = h * w, channels = (int)x.Shape[1], exact = 0;
            for (int i = 0; i < y.Length; i++)
            {
                float e = expected[i], a = y[i];
                if (BitConverter.SingleToInt32Bits(e) == BitConverter.SingleToInt32Bits(a) || (float.IsNaN(e) && float.IsNaN(a)))
                {
                    exact++;
                    continue;
                }

                int c = i / plane % channels;
                double u = Math.Pow(2, -24), alpha = layer.Scale[c];
                double bound = 8 * u * (Math.Abs(x.F32[i] * alpha) + Math.Abs(t["running_mean"].F32[c] * alpha)) + 2 * u * Math.Abs(layer.Shift[c])
                    + Math.Abs(MathF.BitIncrement(Math.Abs(e)) - Math.Abs(e));
                bool ok = float.IsFinite(e) && float.IsFinite(a) && Math.Abs(a - (double)e) <= bound;
                Assert.True(ok, $"{name}: element {i} (channel {c}) is {a:R}, PyTorch {e:R}, x = {x.F32[i]:R}, α = {layer.Scale[c]:R}, β = {layer.Shift[c]:R}");
            }

            if (threads == 1 && exact < y.Length) Console.WriteLine($"{name}: {exact} of {y.Length} bit-identical to PyTorch");
        }
    }

    [Theory]
    [MemberData(nameof(PadNames))]
    public void Padding_matches_PyTorch_bit_for_bit(string name)
    {
        var t = Load(name);
        var x = t["input"];
        int batch = (int)x.Shape[0], channels = (int)x.Shape[1], h = (int)x.Shape[2], w = (int)x.Shape[3];
        var layer = NormGoldenLayers.Pad[name]();
        int oh = layer.Parameters.OutputHeight(h), ow = layer.Parameters.OutputWidth(w);
        if (t.ContainsKey("raises"))
        {
            Assert.Throws<ArgumentException>(() => layer.Forward(x.F32, new float[Math.Max(0, batch * channels * oh * ow)], batch, channels, h, w));
            return;
        }

        var output = t["output"];
        Assert.Equal(new long[] { batch, channels, oh, ow }, output.Shape);
        foreach (int threads in new[] { 1, 2 })
        {
            var y = new float[output.F32.Length];
            y.AsSpan().Fill(-12345f);
            layer.Forward(x.F32, y, batch, channels, h, w, threads);
            for (int i = 0; i < y.Length; i++)
            {
                if (BitConverter.SingleToInt32Bits(y[i]) != BitConverter.SingleToInt32Bits(output.F32[i]))
                    Assert.Fail($"{name} ({layer.Parameters}): element {i} is {y[i]:R}, PyTorch {output.F32[i]:R}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(FlattenNames))]
    public void Flatten_matches_PyTorch(string name)
    {
        var t = Load(name);
        var x = t["input"];
        var output = t["output"];
        var (create, shape) = NormGoldenLayers.Flatten[name];
        int[] s = x.Shape.Select(d => (int)d).ToArray();
        Assert.Equal(output.Shape, shape(s[0], s[1], s[2], s[3]).Select(d => (long)d).ToArray());
        var y = new float[output.F32.Length];
        create().Forward(x.F32, y, s[0], s[1], s[2], s[3]);
        Assert.Equal(output.F32, y);
    }

    [Fact]
    public void A_swap_of_two_rows_columns_or_channels_is_caught()
    {
        // The comparison above must notice a permutation: swap neighbours in a padded output and compare again.
        string name = NormGoldenLayers.Pad.Keys.First(k => k.Contains("reflection-3_0_2_1", StringComparison.Ordinal));
        var t = Load(name);
        var x = t["input"];
        var layer = NormGoldenLayers.Pad[name]();
        var y = new float[t["output"].F32.Length];
        layer.Forward(x.F32, y, (int)x.Shape[0], (int)x.Shape[1], (int)x.Shape[2], (int)x.Shape[3]);
        int ow = layer.Parameters.OutputWidth((int)x.Shape[3]);
        foreach (int stride in new[] { 1, ow })
        {
            var swapped = (float[])y.Clone();
            (swapped[0], swapped[stride]) = (swapped[stride], swapped[0]);
            Assert.False(swapped.AsSpan().SequenceEqual(t["output"].F32));
        }
    }
}
