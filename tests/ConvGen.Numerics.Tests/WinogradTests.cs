using System;
using System.Collections.Generic;
using System.Linq;
using ConvGen;
using Xunit;

namespace ConvGen.Numerics.Tests;

// Winograd F(4×4, 3×3) layers: channel counts on and off the vector widths (1, 3, 17, 33 …), every padding 0–2 incl. a
// rectangular one, no bias, fused activations, small images with many channels (one tile: 1×1 … 4×4 outputs) and a fixed size.
[Conv2d(1, 1, 3, Algorithm = ConvAlgorithm.Winograd)] public partial class WgSingle;
[Conv2d(3, 5, 3, Padding = 1, Algorithm = ConvAlgorithm.Winograd)] public partial class WgSmall;
[Conv2d(17, 33, 3, Padding = 2, Algorithm = ConvAlgorithm.Winograd)] public partial class WgOddChannels;
[Conv2d(16, 32, 3, Padding = new[] { 1, 2 }, Bias = false, Algorithm = ConvAlgorithm.Winograd)] public partial class WgRectPadding;
[Conv2d(64, 64, 3, Padding = "same", Algorithm = ConvAlgorithm.Winograd, Activation = Activation.ReLU)] public partial class WgResNetRelu;
[Conv2d(8, 24, 3, Padding = 1, Algorithm = ConvAlgorithm.Winograd, Activation = Activation.LeakyReLU, NegativeSlope = 0.1f)] public partial class WgLeaky;
[Conv2d(6, 9, 3, Padding = 1, Algorithm = ConvAlgorithm.Winograd, Activation = Activation.SiLU)] public partial class WgSilu;
[Conv2d(200, 40, 3, Padding = 1, Algorithm = ConvAlgorithm.Winograd)] public partial class WgManyChannels;
[Conv2d(4, 7, 3, Padding = 1, InputHeight = 9, InputWidth = 14, Algorithm = ConvAlgorithm.Winograd)] public partial class WgFixed;
// 42 tiles per image, more than one block holds with 512 output channels: an image in two blocks.
[Conv2d(4, 512, 3, Padding = 1, InputHeight = 26, InputWidth = 22, Algorithm = ConvAlgorithm.Winograd)] public partial class WgTwoBlocks;

/// <summary>
/// Winograd layers against the double-precision reference, within the bound docs/winograd.md states: every output
/// within <see cref="BoundFactor"/>·u·M of the exact convolution (before the activation), where u = 2⁻²⁴ and
/// M = |b| + Σ_in (Σ_taps |w|)·max|x| over the 9×9 input neighbourhood any 6×6 patch containing the output's window lies in.
/// Unlike the direct convolution's bound (Σ|w·x|), M covers the patch: a transformed patch mixes inputs outside the
/// output's own window, whose rounding then reaches it.
/// </summary>
public class WinogradTests
{
    /// <summary>The documented bound; the largest error/(u·M) measured over these layers is 32.7 (one channel), 12–28 elsewhere (see docs/winograd.md).</summary>
    public const double BoundFactor = 64;

    private delegate void Forward(float[] input, float[] output, int batch, int height, int width, int threads);

    private sealed record Case(string Name, int WeightLength, int BiasLength, ConvAlgorithm Algorithm,
        Func<float[], float[]?, (Forward Forward, Conv2dParameters Parameters)> Create, int[]? FixedSize);

    public static IEnumerable<object[]> Cases() => All.Select(c => new object[] { c.Name });

    private static readonly Case[] All =
    {
        Make(WgSingle.WeightLength, WgSingle.BiasLength, WgSingle.Algorithm, (w, b) => new WgSingle(w, b!)),
        Make(WgSmall.WeightLength, WgSmall.BiasLength, WgSmall.Algorithm, (w, b) => new WgSmall(w, b!)),
        Make(WgOddChannels.WeightLength, WgOddChannels.BiasLength, WgOddChannels.Algorithm, (w, b) => new WgOddChannels(w, b!)),
        Make(WgRectPadding.WeightLength, WgRectPadding.BiasLength, WgRectPadding.Algorithm, (w, _) => new WgRectPadding(w)),
        Make(WgResNetRelu.WeightLength, WgResNetRelu.BiasLength, WgResNetRelu.Algorithm, (w, b) => new WgResNetRelu(w, b!)),
        Make(WgLeaky.WeightLength, WgLeaky.BiasLength, WgLeaky.Algorithm, (w, b) => new WgLeaky(w, b!)),
        Make(WgSilu.WeightLength, WgSilu.BiasLength, WgSilu.Algorithm, (w, b) => new WgSilu(w, b!)),
        Make(WgManyChannels.WeightLength, WgManyChannels.BiasLength, WgManyChannels.Algorithm, (w, b) => new WgManyChannels(w, b!)),
        Make(WgFixed.WeightLength, WgFixed.BiasLength, WgFixed.Algorithm, (w, b) => new WgFixed(w, b!), new[] { WgFixed.InputHeight, WgFixed.InputWidth }),
        Make(WgTwoBlocks.WeightLength, WgTwoBlocks.BiasLength, WgTwoBlocks.Algorithm, (w, b) => new WgTwoBlocks(w, b!), new[] { WgTwoBlocks.InputHeight, WgTwoBlocks.InputWidth }),
    };

    private static Case Make<T>(int weightLength, int biasLength, ConvAlgorithm algorithm, Func<float[], float[]?, T> create, int[]? fixedSize = null)
        where T : IConv2dLayer =>
        new(typeof(T).Name, weightLength, biasLength, algorithm,
            (w, b) => { var l = create(w, b); return ((x, y, n, h, wd, t) => l.Forward(x, y, n, h, wd, t), l.Parameters); }, fixedSize);

    private static readonly int[][] Sizes = { new[] { 1, 1 }, new[] { 3, 3 }, new[] { 4, 6 }, new[] { 5, 5 }, new[] { 7, 7 }, new[] { 9, 14 }, new[] { 14, 14 }, new[] { 17, 30 } };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_reference_within_the_documented_bound(string name)
    {
        var layer = All.Single(c => c.Name == name);
        Assert.Equal(ConvAlgorithm.Winograd, layer.Algorithm);
        var random = new Random(TestData.Seed(name));
        float[] weight = TestData.Uniform(random, layer.WeightLength);
        float[]? bias = layer.BiasLength > 0 ? TestData.Uniform(random, layer.BiasLength) : null;
        var (forward, parameters) = layer.Create(weight, bias);
        var p = parameters.Convolution;
        var sizes = layer.FixedSize is { } f ? new[] { f } : Sizes.Where(s => ReferenceConv.Invalid(p, s) is null).ToArray();
        Assert.NotEmpty(sizes);
        double worst = 0;
        foreach (int[] s in sizes)
        {
            foreach (int batch in new[] { 1, 3 })
            {
                float[] input = TestData.Uniform(random, batch * p.InChannels * s[0] * s[1]).Select(v => 4 * v).ToArray();
                var (expected, _) = ReferenceConv.Run(p, input, weight, bias, batch, s);
                double[] bound = PatchMagnitude(p, input, weight, bias, batch, s);
                var output = new float[expected.Length];
                output.AsSpan().Fill(float.NaN); // an element the layer forgets to write fails
                forward(input, output, batch, s[0], s[1], 1);
                string context = $"{name} batch {batch} input {s[0]}x{s[1]}";
                worst = Math.Max(worst, AssertWithin(p, expected, bound, output, context));
                foreach (int threads in new[] { 2, 3 })
                {
                    var threaded = new float[expected.Length];
                    forward(input, threaded, batch, s[0], s[1], threads);
                    Assert.True(output.AsSpan().SequenceEqual(threaded), $"{context}: {threads} threads differ from one");
                }
            }
        }

        Console.WriteLine($"Winograd {name}: largest error / (u·M) = {worst:F2}");
    }

    /// <summary>Per output: |b| + Σ_in (Σ_taps |w|)·max|x| over padded rows oh − 3 … oh + 5 and columns ow − 3 … ow + 5.</summary>
    private static double[] PatchMagnitude(ConvParameters p, float[] input, float[] weight, float[]? bias, int batch, int[] size)
    {
        int h = size[0], w = size[1], cin = p.InChannels, cout = p.OutChannels;
        int[] o = ReferenceConv.OutputSize(p, size);
        int pt = p.PaddingBefore[0], pl = p.PaddingBefore[1];
        var result = new double[batch * cout * o[0] * o[1]];
        var near = new double[cin * o[0] * o[1]];
        var filterSum = new double[cout * cin];
        for (int i = 0; i < filterSum.Length; i++)
        {
            for (int t = 0; t < 9; t++) filterSum[i] += Math.Abs(weight[i * 9 + t]);
        }

        for (int n = 0; n < batch; n++)
        {
            for (int c = 0; c < cin; c++)
            for (int oh = 0; oh < o[0]; oh++)
            for (int ow = 0; ow < o[1]; ow++)
            {
                double max = 0;
                for (int r = oh - 3 - pt; r <= oh + 5 - pt; r++)
                for (int q = ow - 3 - pl; q <= ow + 5 - pl; q++)
                {
                    if (r >= 0 && r < h && q >= 0 && q < w) max = Math.Max(max, Math.Abs(input[((n * cin + c) * h + r) * w + q]));
                }

                near[(c * o[0] + oh) * o[1] + ow] = max;
            }

            for (int oc = 0; oc < cout; oc++)
            for (int i = 0; i < o[0] * o[1]; i++)
            {
                double m = bias is null ? 0 : Math.Abs(bias[oc]);
                for (int c = 0; c < cin; c++)
                    m += filterSum[oc * cin + c] * near[c * o[0] * o[1] + i];
                result[(n * cout + oc) * o[0] * o[1] + i] = m;
            }
        }

        return result;
    }

    /// <summary>Asserts activation(expected) within the bound (scaled by the activation's Lipschitz constant, plus its own rounding); returns the largest error/(u·M).</summary>
    private static double AssertWithin(ConvParameters p, double[] expected, double[] magnitude, ReadOnlySpan<float> actual, string context)
    {
        double u = Math.Pow(2, -24), lipschitz = ReferenceConv.Lipschitz(p.Activation, p.NegativeSlope), worst = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double e = ReferenceConv.Activate(expected[i], p.Activation, p.NegativeSlope), a = actual[i];
            double allowed = lipschitz * BoundFactor * u * magnitude[i] + 8 * u * Math.Abs(e) + 1e-37;
            if (!(Math.Abs(a - e) <= allowed))
                throw new Xunit.Sdk.XunitException($"{context}: element {i} is {a:R}, reference {e:R} (allowed error {allowed:E2})");
            worst = Math.Max(worst, Math.Abs(a - e) / (u * magnitude[i] + 1e-300));
        }

        return worst;
    }

    [Fact]
    public void Rejects_inputs_the_kernel_does_not_fit_and_wrong_spans()
    {
        var layer = new WgSingle(new float[9], new float[1]);
        Assert.Throws<ArgumentException>(() => layer.Forward(new float[4], new float[0], 1, 2, 2));
        Assert.Throws<ArgumentException>(() => layer.Forward(new float[16], new float[3], 1, 4, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => layer.Forward(new float[16], new float[4], -1, 4, 4));
        Assert.Throws<ArgumentException>(() => new WgSmall(new float[3 * 5 * 9 - 1], new float[5]));
    }
}
