using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;
using W = ConvGen.Numerics.Tests.Pool.ReferencePool.Window;

namespace ConvGen.Numerics.Tests.Pool;

/// <summary>A pooling layer of the tests, with the reference's description of it.</summary>
public sealed record PoolCase(string Name, IPool2dLayer Layer, ReferencePool.Window? Window, bool Max, int AdaptiveH = 0, int AdaptiveW = 0)
{
    public override string ToString() => Name;

    public (int H, int W) OutSize(int h, int w) => Window is { } win
        ? (ReferencePool.OutSize(h, win.KH, win.PH, win.SH, win.DH, win.Ceil), ReferencePool.OutSize(w, win.KW, win.PW, win.SW, win.DW, win.Ceil))
        : ReferencePool.AdaptiveSize(AdaptiveH, AdaptiveW, h, w);

    /// <summary>The reference output (double) and the magnitude the float error scales with.</summary>
    public (double[] Values, double[] Magnitude, int Terms) Reference(float[] x, int planes, int h, int w)
    {
        if (Window is { } win && Max)
        {
            var values = ReferencePool.Max(win, x, planes, h, w).Values;
            return (values.Select(v => (double)v).ToArray(), new double[values.Length], 1);
        }

        if (Window is { } avg)
        {
            var (v, m) = ReferencePool.Average(avg, x, planes, h, w);
            return (v, m, avg.KH * avg.KW + 1);
        }

        var (av, am) = ReferencePool.Adaptive(Max, AdaptiveH, AdaptiveW, x, planes, h, w);
        return (av, am, h * w + 2);
    }
}

public class PoolTests
{
    public static readonly PoolCase[] Cases =
    {
        new("MaxK2", new MaxK2(), new W(2, 2, 2, 2, 0, 0), true),
        new("MaxStem", new MaxStem(), new W(3, 3, 2, 2, 1, 1), true),
        new("MaxCeil", new MaxCeil(), new W(3, 3, 2, 2, 0, 0, Ceil: true), true),
        new("MaxDilatedRect", new MaxDilatedRect(), new W(3, 2, 2, 1, 1, 1, 2, 1), true),
        new("MaxDilatedCeil", new MaxDilatedCeil(), new W(2, 2, 1, 1, 1, 1, 3, 3, Ceil: true), true),
        new("MaxCeilIndices", new MaxCeilIndices(), new W(3, 3, 3, 3, 1, 1, Ceil: true), true),
        new("MaxK1", new MaxK1(), new W(1, 1, 1, 1, 0, 0), true),
        new("MaxK5S4", new MaxK5S4(), new W(5, 5, 4, 4, 2, 2), true),
        new("MaxK4S3Indices", new MaxK4S3Indices(), new W(4, 4, 3, 3, 0, 0, Ceil: true), true),
        new("MaxK3S1Indices", new MaxK3S1Indices(), new W(3, 3, 1, 1, 1, 1), true),
        new("AvgK2", new AvgK2(), new W(2, 2, 2, 2, 0, 0), false),
        new("AvgPad", new AvgPad(), new W(3, 3, 2, 2, 1, 1), false),
        new("AvgPadExclude", new AvgPadExclude(), new W(3, 3, 2, 2, 1, 1, IncludePad: false), false),
        new("AvgCeil", new AvgCeil(), new W(3, 3, 2, 2, 1, 1, Ceil: true), false),
        new("AvgCeilExclude", new AvgCeilExclude(), new W(3, 3, 2, 2, 1, 1, Ceil: true, IncludePad: false), false),
        new("AvgDivisor", new AvgDivisor(), new W(3, 2, 2, 3, 1, 1, Divisor: 5), false),
        new("AvgK4S3Ceil", new AvgK4S3Ceil(), new W(4, 4, 3, 3, 0, 0, Ceil: true), false),
        new("AvgK5S1", new AvgK5S1(), new W(5, 5, 1, 1, 2, 2), false),
        new("AvgNegativeDivisor", new AvgNegativeDivisor(), new W(2, 2, 2, 2, 0, 0, Ceil: true, Divisor: -3), false),
        new("GlobalAvg", new GlobalAvg(), null, false, 1, 1),
        new("AdaptiveAvg3x5", new AdaptiveAvg3x5(), null, false, 3, 5),
        new("AdaptiveAvgNoneBy4", new AdaptiveAvgNoneBy4(), null, false, 0, 4),
        new("GlobalMax", new GlobalMax(), null, true, 1, 1),
        new("AdaptiveMax5x3", new AdaptiveMax5x3(), null, true, 5, 3),
    };

    public static IEnumerable<object[]> All() => Cases.Select(c => new object[] { c });

    /// <summary>Sizes around the vector widths and the windows, 1×1 included.</summary>
    private static readonly (int H, int W)[] Sizes =
        { (1, 1), (1, 7), (2, 2), (3, 5), (5, 3), (7, 7), (8, 9), (13, 17), (16, 16), (17, 33), (31, 20), (40, 61) };

    private static IEnumerable<(int H, int W)> ValidSizes(PoolCase c) =>
        Sizes.Where(s => c.OutSize(s.H, s.W) is var o && o.H >= 1 && o.W >= 1);

    [Theory]
    [MemberData(nameof(All))]
    public void Matches_the_reference_on_every_size_batch_and_channel_count(PoolCase c)
    {
        var random = new Random(TestData.Seed(c.Name));
        Assert.NotEmpty(ValidSizes(c));
        foreach (var (h, w) in ValidSizes(c))
        {
            foreach (var (batch, channels) in new[] { (1, 1), (2, 3), (1, 5) })
            {
                float[] x = TestData.Uniform(random, batch * channels * h * w);
                var (oh, ow) = c.OutSize(h, w);
                Assert.Equal((oh, ow), c.Layer.OutputSize(h, w));
                var y = new float[batch * channels * oh * ow];
                y.AsSpan().Fill(float.NaN); // an unwritten element stays NaN and fails
                c.Layer.Forward(x, y, batch, channels, h, w);
                var (expected, magnitude, terms) = c.Reference(x, batch * channels, h, w);
                TestData.AssertClose(expected, magnitude, y, terms, $"{c.Name} N={batch} C={channels} {h}x{w}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(All))]
    public void NaN_and_infinities_propagate_as_in_PyTorch(PoolCase c)
    {
        var random = new Random(TestData.Seed(c.Name) + 7);
        foreach (var (h, w) in ValidSizes(c).Where(s => s.H * s.W >= 4))
        {
            float[] x = TestData.Uniform(random, 2 * h * w);
            float[] specials = { float.NaN, float.PositiveInfinity, float.NegativeInfinity, -0f };
            for (int k = 0; k < x.Length / 5 + 1; k++) x[random.Next(x.Length)] = specials[random.Next(specials.Length)];
            var (oh, ow) = c.OutSize(h, w);
            var y = new float[2 * oh * ow];
            c.Layer.Forward(x, y, 1, 2, h, w);
            var (expected, magnitude, terms) = c.Reference(x, 2, h, w);
            TestData.AssertClose(expected, magnitude, y, terms, $"{c.Name} specials {h}x{w}");
        }
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Every_thread_count_gives_the_one_thread_output_bit_for_bit(PoolCase c)
    {
        var random = new Random(TestData.Seed(c.Name) + 3);
        foreach (var (h, w) in ValidSizes(c).Where(s => s.H >= 7))
        {
            float[] x = TestData.Uniform(random, 3 * 4 * h * w);
            var (oh, ow) = c.OutSize(h, w);
            var one = new float[3 * 4 * oh * ow];
            c.Layer.Forward(x, one, 3, 4, h, w, 1);
            foreach (int threads in new[] { 2, 3, 64 })
            {
                var many = new float[one.Length];
                c.Layer.Forward(x, many, 3, 4, h, w, threads);
                Assert.Equal(one.Select(BitConverter.SingleToInt32Bits), many.Select(BitConverter.SingleToInt32Bits));
            }
        }
    }

    [Theory]
    [MemberData(nameof(All))]
    public void An_empty_batch_writes_nothing_and_wrong_shapes_throw(PoolCase c)
    {
        var (h, w) = ValidSizes(c).Last();
        c.Layer.Forward(ReadOnlySpan<float>.Empty, Span<float>.Empty, 0, 3, h, w);
        var (oh, ow) = c.OutSize(h, w);
        var x = new float[2 * h * w];
        var y = new float[2 * oh * ow];
        Assert.Throws<ArgumentException>(() => c.Layer.Forward(x.AsSpan(1), y, 1, 2, h, w));
        var e = Assert.Throws<ArgumentException>(() => c.Layer.Forward(x, y.AsSpan(1), 1, 2, h, w));
        Assert.Contains($"(N=1, C=2, H={oh}, W={ow})", e.Message);
        Assert.ThrowsAny<ArgumentException>(() => c.Layer.Forward(x, y, -1, 2, h, w));
        Assert.ThrowsAny<ArgumentException>(() => c.Layer.Forward(x, y, 1, 0, h, w));
        Assert.ThrowsAny<ArgumentException>(() => c.Layer.Forward(x, y, 1, 2, h, w, 0));
    }

    [Fact]
    public void An_input_the_window_does_not_fit_is_PyTorchs_output_size_error()
    {
        var e = Assert.Throws<ArgumentException>(() => new MaxCeil().Forward(new float[2], new float[0], 1, 2, 1, 1));
        Assert.Contains("Output size is too small", e.Message);
        Assert.Throws<ArgumentException>(() => new AvgK2().Forward(new float[3], new float[0], 1, 1, 1, 3));
        Assert.Equal(0, MaxCeil.GetOutputHeight(1));
        Assert.Equal(1, MaxK5S4.GetOutputHeight(1)); // k=5, p=2: the padded 1×1 input holds one window
    }

    [Fact]
    public void A_fixed_input_size_has_constants_and_rejects_other_sizes()
    {
        Assert.Equal((4, 3), (MaxFixed.OutputHeight, MaxFixed.OutputWidth));
        var layer = new MaxFixed();
        var y = new float[2 * 12];
        layer.Forward(TestData.Uniform(new Random(1), 2 * 48), y, 1, 2, 8, 6);
        Assert.Throws<ArgumentException>(() => layer.Forward(new float[2 * 49], new float[2 * 12], 1, 2, 7, 7));
    }

    [Fact]
    public void Global_average_pooling_of_resnet_and_mobilenet_heads_matches_the_reference()
    {
        var random = new Random(5);
        foreach (int channels in new[] { 512, 1280 })
        {
            float[] x = TestData.Uniform(random, 2 * channels * 49);
            var y = new float[2 * channels];
            new GlobalAvg().Forward(x, y, 2, channels, 7, 7, 2);
            var (expected, magnitude) = ReferencePool.Adaptive(false, 1, 1, x, 2 * channels, 7, 7);
            TestData.AssertClose(expected, magnitude, y, 51, $"global average {channels}");
        }
    }

    [Fact]
    public void Layers_print_their_PyTorch_call()
    {
        Assert.Equal("nn.MaxPool2d(3, stride=2, padding=1)", new MaxStem().PyTorch);
        Assert.Equal("nn.AvgPool2d((3, 2), stride=(2, 3), padding=1, divisor_override=5)", new AvgDivisor().PyTorch);
        Assert.Equal("nn.AdaptiveAvgPool2d((None, 4))", new AdaptiveAvgNoneBy4().PyTorch);
    }
}
