using System;
using System.Linq;
using Xunit;
using W = ConvGen.Numerics.Tests.Pool.ReferencePool.Window;

namespace ConvGen.Numerics.Tests.Pool;

/// <summary>MaxPool2d(..., ReturnIndices = true) and MaxUnpool2d against the reference, with ties, NaN and bad indices.</summary>
public class PoolIndicesTests
{
    private static readonly (int H, int W)[] Sizes = { (1, 1), (2, 3), (5, 5), (7, 9), (16, 13), (33, 20) };

    public static TheoryData<string> Layers() => new() { "MaxCeilIndices", "MaxK4S3Indices", "MaxK3S1Indices" };

    private static (Action<float[], float[], long[], int, int, int, int, int> Forward, W Window) Layer(string name) => name switch
    {
        "MaxCeilIndices" => ((x, y, i, n, c, h, w, t) => new MaxCeilIndices().Forward(x, y, i, n, c, h, w, t), new W(3, 3, 3, 3, 1, 1, Ceil: true)),
        "MaxK4S3Indices" => ((x, y, i, n, c, h, w, t) => new MaxK4S3Indices().Forward(x, y, i, n, c, h, w, t), new W(4, 4, 3, 3, 0, 0, Ceil: true)),
        _ => ((x, y, i, n, c, h, w, t) => new MaxK3S1Indices().Forward(x, y, i, n, c, h, w, t), new W(3, 3, 1, 1, 1, 1)),
    };

    [Theory]
    [MemberData(nameof(Layers))]
    public void Values_and_indices_match_the_reference_with_ties_and_specials(string name)
    {
        var (forward, window) = Layer(name);
        var random = new Random(TestData.Seed(name));
        foreach (var (h, w) in Sizes)
        {
            int oh = ReferencePool.OutSize(h, window.KH, window.PH, window.SH, 1, window.Ceil);
            int ow = ReferencePool.OutSize(w, window.KW, window.PW, window.SW, 1, window.Ceil);
            if (oh < 1 || ow < 1) continue;
            foreach (int mode in new[] { 0, 1, 2 })
            {
                // 0: random; 1: few distinct values (ties everywhere); 2: NaN and infinities sprinkled in.
                float[] x = TestData.Uniform(random, 3 * h * w);
                if (mode == 1) x = x.Select(v => MathF.Round(v * 2)).ToArray();
                if (mode == 2)
                {
                    for (int k = 0; k < x.Length / 4 + 1; k++)
                        x[random.Next(x.Length)] = new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity }[random.Next(3)];
                }

                var y = new float[3 * oh * ow];
                var indices = new long[y.Length];
                forward(x, y, indices, 1, 3, h, w, mode + 1);
                var (ey, ei) = ReferencePool.Max(window, x, 3, h, w);
                Assert.Equal(ei, indices);
                Assert.Equal(ey.Select(BitConverter.SingleToInt32Bits).Select(b => float.IsNaN(BitConverter.Int32BitsToSingle(b)) ? 0x7FC00000 : b),
                    y.Select(BitConverter.SingleToInt32Bits).Select(b => float.IsNaN(BitConverter.Int32BitsToSingle(b)) ? 0x7FC00000 : b));
            }
        }
    }

    [Fact]
    public void Unpooling_the_pooled_indices_restores_the_maxima_and_zeros_elsewhere()
    {
        var random = new Random(11);
        foreach (var (h, w) in new[] { (4, 4), (6, 9), (17, 12) })
        {
            float[] x = TestData.Uniform(random, 2 * 3 * h * w);
            int oh = h / 2, ow = w / 2;
            var pooled = new float[2 * 3 * oh * ow];
            var indices = new long[pooled.Length];
            new MaxK2Indices().Forward(x, pooled, indices, 2, 3, h, w);
            var unpool = new Unpool2();
            Assert.Equal((oh * 2, ow * 2), unpool.OutputSize(oh, ow));
            // PyTorch: MaxUnpool2d(2)(pool(x)) has the default size 2·out, or the input's size when given (odd sizes).
            var y = new float[2 * 3 * h * w];
            unpool.Forward(pooled, indices, y, 2, 3, oh, ow, h, w);
            Assert.Equal(ReferencePool.Unpool(pooled, indices, 6, oh, ow, h, w), y);
            var threaded = new float[y.Length];
            unpool.Forward(pooled, indices, threaded, 2, 3, oh, ow, h, w, 3);
            Assert.Equal(y, threaded);
        }
    }

    [Fact]
    public void Unpooling_with_padding_matches_the_reference_and_later_duplicates_win()
    {
        var random = new Random(12);
        int h = 5, w = 4, oh = Unpool3.GetOutputHeight(h), ow = Unpool3.GetOutputWidth(w);
        Assert.Equal((9, 7), (oh, ow)); // (5 − 1)·2 − 2·1 + 3, (4 − 1)·2 − 2·1 + 3
        float[] x = TestData.Uniform(random, 2 * h * w);
        long[] indices = Enumerable.Range(0, x.Length).Select(_ => (long)random.Next(oh * ow)).ToArray();
        indices[3] = indices[1]; // a duplicate: the later element is written last
        var y = new float[2 * oh * ow];
        new Unpool3().Forward(x, indices, y, 1, 2, h, w);
        Assert.Equal(ReferencePool.Unpool(x, indices, 2, h, w, oh, ow), y);
    }

    [Fact]
    public void Bad_indices_and_output_sizes_throw_without_writing()
    {
        var unpool = new Unpool2();
        float[] x = { 1, 2, 3, 4 };
        var y = new float[16];
        y.AsSpan().Fill(7f);
        foreach (long bad in new[] { -1L, 16L, long.MaxValue, long.MinValue })
        {
            long[] indices = { 0, 5, bad, 15 };
            var e = Assert.Throws<ArgumentException>(() => unpool.Forward(x, indices, y, 1, 1, 2, 2));
            Assert.Contains("invalid max index", e.Message);
            Assert.All(y, v => Assert.Equal(7f, v));
        }

        // PyTorch accepts default − stride < size < default + stride: 4 ± 2 exclusive.
        long[] good = { 0, 1, 2, 3 };
        unpool.Forward(x, good, new float[3 * 3], 1, 1, 2, 2, 3, 3);
        unpool.Forward(x, good, new float[5 * 5], 1, 1, 2, 2, 5, 5);
        Assert.ThrowsAny<ArgumentException>(() => unpool.Forward(x, good, new float[2 * 4], 1, 1, 2, 2, 2, 4));
        Assert.ThrowsAny<ArgumentException>(() => unpool.Forward(x, good, new float[6 * 4], 1, 1, 2, 2, 6, 4));
        Assert.Throws<ArgumentException>(() => unpool.Forward(x, good.AsSpan(1), y, 1, 1, 2, 2));
        Assert.Throws<ArgumentException>(() => new MaxK3S1Indices().Forward(new float[4], new float[4], new long[3], 1, 1, 2, 2));
    }
}

[MaxPool2d(2, ReturnIndices = true)] public partial class MaxK2Indices;
