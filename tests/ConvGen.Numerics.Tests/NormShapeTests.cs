using System;
using System.Collections.Generic;
using System.Linq;
using ConvGen;
using Xunit;

namespace ConvGen.Numerics.Tests.NormShape;

[Conv2d(3, 3, 3, Padding = 1)] public partial class ConvBeforeBn;

/// <summary>BatchNorm2d, the padding layers and Flatten against <see cref="NormShapeReference"/>, on every plane size around the vector widths.</summary>
public class NormShapeTests
{
    private static readonly int[] s_sizes = { 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 33 };

    private static (float[] W, float[] B, float[] Mean, float[] Var) Statistics(Random random, int c) =>
        (TestData.Uniform(random, c).Select(v => 1.5f * v).ToArray(), TestData.Uniform(random, c),
         TestData.Uniform(random, c).Select(v => 3 * v).ToArray(), TestData.Uniform(random, c).Select(v => v * v * 4 + 0.01f).ToArray());

    private static IBatchNorm2dLayer Make(int features, float[] w, float[] b, float[] mean, float[] variance) => features switch
    {
        3 => new Bn3(w, b, mean, variance),
        20 => new Bn20Eps3(w, b, mean, variance),
        7 => new Bn7NoAffine(mean, variance),
        _ => new Bn64(w, b, mean, variance),
    };

    public static IEnumerable<object[]> BatchNormLayers() => new[] { 3, 20, 7, 64 }.Select(c => new object[] { c });

    [Theory]
    [MemberData(nameof(BatchNormLayers))]
    public void BatchNorm_is_atens_float_formula_bit_for_bit(int features)
    {
        var random = new Random(TestData.Seed("bn" + features));
        var (w, b, mean, variance) = Statistics(random, features);
        bool affine = features != 7;
        float eps = features == 20 ? 1e-3f : 1e-5f;
        var layer = Make(features, w, b, mean, variance);
        foreach (int h in new[] { 1, 3, 8 })
        {
            foreach (int width in s_sizes)
            {
                foreach (int batch in new[] { 0, 1, 2 })
                {
                    var x = TestData.Uniform(random, batch * features * h * width).Select(v => 10 * v).ToArray();
                    var y = new float[x.Length];
                    layer.Forward(x, y, batch, h, width);
                    var expected = NormShapeReference.BatchNormFloat(x, batch, features, h * width, affine ? w : null, affine ? b : null, mean, variance, eps);
                    for (int i = 0; i < y.Length; i++)
                    {
                        if (BitConverter.SingleToInt32Bits(y[i]) != BitConverter.SingleToInt32Bits(expected[i]))
                            Assert.Fail($"C={features} N={batch} H={h} W={width}: element {i} is {y[i]:R}, ATen's formula gives {expected[i]:R}");
                        int c = i / (h * width) % features;
                        double exact = NormShapeReference.BatchNormExact(x[i], affine ? w[c] : null, affine ? b[c] : null, mean[c], variance[c], eps);
                        // α and β carry 3 roundings, the product and the sum 2 more: 8 units of 2⁻²⁴ of the terms' size.
                        double size = Math.Abs(x[i] * (double)layer.Scale[c]) + Math.Abs(mean[c] * (double)layer.Scale[c])
                            + (affine ? Math.Abs(b[c]) : 0) + Math.Abs(exact);
                        Assert.True(Math.Abs(y[i] - exact) <= 8 * Math.Pow(2, -24) * size, $"element {i}: {y[i]} vs exact {exact}");
                    }
                }
            }
        }
    }

    [Fact]
    public void BatchNorm_passes_NaN_and_infinities_through_and_works_in_place()
    {
        var random = new Random(5);
        var (w, b, mean, variance) = Statistics(random, 3);
        var layer = new Bn3(w, b, mean, variance);
        var x = TestData.Uniform(random, 2 * 3 * 5 * 7);
        x[0] = float.NaN; x[40] = float.PositiveInfinity; x[77] = float.NegativeInfinity;
        var expected = NormShapeReference.BatchNormFloat(x, 2, 3, 35, w, b, mean, variance, 1e-5f);
        var y = new float[x.Length];
        layer.Forward(x, y, 2, 5, 7);
        Assert.True(float.IsNaN(y[0]));
        Assert.Equal(expected, y);
        layer.Forward(x, x, 2, 5, 7); // the same memory: in place
        Assert.Equal(expected, x);
    }

    [Fact]
    public void BatchNorm_rejects_a_negative_or_NaN_variance_and_wrong_lengths()
    {
        var random = new Random(6);
        var (w, b, mean, variance) = Statistics(random, 3);
        variance[1] = -0.5f;
        var e = Assert.Throws<ArgumentException>(() => new Bn3(w, b, mean, variance));
        Assert.Contains("runningVar[1] is -0.5", e.Message);
        variance[1] = float.NaN;
        Assert.Throws<ArgumentException>(() => new Bn3(w, b, mean, variance));
        variance[1] = 0f;
        e = Assert.Throws<ArgumentException>(() => new Bn3(w, b.AsSpan(0, 2), mean, variance));
        Assert.Contains("bias has 2 elements but shape (num_features=3) needs 3", e.Message);
        var layer = new Bn3(w, b, mean, variance);
        e = Assert.Throws<ArgumentException>(() => layer.Forward(new float[3 * 4 * 4 - 1], new float[3 * 4 * 4], 1, 4, 4));
        Assert.Contains("input has 47 elements but shape (N=1, C=3, H=4, W=4) needs 48", e.Message);
        var buffer = new float[100];
        Assert.Throws<ArgumentException>(() => layer.Forward(buffer.AsSpan(0, 48), buffer.AsSpan(1, 48), 1, 4, 4));
    }

    [Fact]
    public void BatchNorm_folded_into_the_convolution_matches_convolution_then_batch_norm()
    {
        var random = new Random(7);
        var (w, b, mean, variance) = Statistics(random, 3);
        var bn = new Bn3(w, b, mean, variance);
        var convWeight = TestData.Uniform(random, 3 * 3 * 3 * 3);
        var convBias = TestData.Uniform(random, 3);
        var x = TestData.Uniform(random, 2 * 3 * 9 * 11);
        var conv = new ConvBeforeBn(convWeight, convBias);
        var convOut = new float[x.Length];
        conv.Forward(x, convOut, 2, 9, 11);
        var expected = new float[x.Length];
        bn.Forward(convOut, expected, 2, 9, 11);

        bn.FoldInto(convWeight, convBias);
        var folded = new float[x.Length];
        new ConvBeforeBn(convWeight, convBias).Forward(x, folded, 2, 9, 11);
        for (int i = 0; i < x.Length; i++)
        {
            int c = i / 99 % 3;
            // Both sides round 27 products and sums of size ≤ 27 + |bias| scaled by |α|, plus α·, +β: (27 + 6)·2⁻²⁴ of that size.
            double size = (27 + Math.Abs(convBias[c])) * Math.Abs(bn.Scale[c]) + Math.Abs(bn.Shift[c]) + Math.Abs(expected[i]);
            Assert.True(Math.Abs(folded[i] - expected[i]) <= 2 * 33 * Math.Pow(2, -24) * size, $"element {i}: folded {folded[i]}, unfolded {expected[i]}");
        }
    }

    private static IEnumerable<IPad2dLayer> PadLayers() => new IPad2dLayer[]
    {
        new Zero1(), new ZeroRightBottom(), new ZeroMixed(), new ZeroLarge(), new Const2(), new ConstMixed(), new ConstCrop(),
        new Reflect1(), new ReflectAsym(), new ReflectMixed(), new Replicate2(), new ReplicateMixed(), new ReplicateCropPastEdge(),
    };

    [Fact]
    public void Padding_layers_match_atens_index_rules_or_raise_where_PyTorch_raises()
    {
        var random = new Random(8);
        foreach (var layer in PadLayers())
        {
            var p = layer.Parameters;
            foreach (int h in s_sizes.Take(9))
            {
                foreach (int w in s_sizes)
                {
                    int batch = 2, channels = 3;
                    var x = TestData.Uniform(random, batch * channels * h * w);
                    var expected = NormShapeReference.Pad(x, batch, channels, h, w, p.Left, p.Right, p.Top, p.Bottom, p.Mode, p.Value, out int oh, out int ow);
                    string context = $"{p} on H={h}, W={w}";
                    if (expected is null)
                    {
                        Assert.Throws<ArgumentException>(() => layer.Forward(x, new float[Math.Max(0, batch * channels * oh * ow)], batch, channels, h, w));
                        continue;
                    }

                    Assert.Equal(oh, p.OutputHeight(h));
                    Assert.Equal(ow, p.OutputWidth(w));
                    var y = new float[expected.Length];
                    y.AsSpan().Fill(float.NaN);
                    layer.Forward(x, y, batch, channels, h, w);
                    Assert.True(expected.AsSpan().SequenceEqual(y), context);
                    var threaded = new float[expected.Length];
                    layer.Forward(x, threaded, batch, channels, h, w, threads: 3);
                    Assert.True(expected.AsSpan().SequenceEqual(threaded), context + " on 3 threads");
                }
            }
        }
    }

    [Fact]
    public void Padding_errors_carry_PyTorchs_messages()
    {
        var x = new float[3 * 2 * 2];
        var e = Assert.Throws<ArgumentException>(() => new Reflect1().Forward(new float[3 * 2 * 1], new float[3 * 4 * 3], 1, 3, 2, 1));
        Assert.Equal("Argument #4: Padding size should be less than the corresponding input dimension, but got: padding (1, 1) at dimension 3 of input [1, 3, 2, 1]", e.Message);
        e = Assert.Throws<ArgumentException>(() => new ConstCrop().Forward(new float[1], new float[0], 1, 1, 1, 1));
        Assert.StartsWith("narrow()", e.Message);
        // (-1, 2, 3, -2) on 1×3: narrow() removes 2 rows of 1 before the padding is added, as constant_pad_nd does.
        e = Assert.Throws<ArgumentException>(() => new ZeroMixed().Forward(new float[3], new float[2 * 4], 1, 1, 1, 3));
        Assert.StartsWith("narrow(): length must be non-negative", e.Message);
        Assert.Throws<ArgumentException>(() => new Zero1().Forward(x, new float[3 * 4 * 4 + 1], 1, 3, 2, 2));
        var shared = new float[200];
        Assert.Throws<ArgumentException>(() => new Zero1().Forward(shared.AsSpan(0, 12), shared.AsSpan(10, 48), 1, 3, 2, 2));
    }

    [Fact]
    public void Padding_an_empty_batch_writes_nothing()
    {
        new Zero1().Forward(ReadOnlySpan<float>.Empty, Span<float>.Empty, 0, 3, 4, 4);
        new Reflect1().Forward(ReadOnlySpan<float>.Empty, Span<float>.Empty, 0, 3, 4, 4);
        new Bn3(new float[3], new float[3], new float[3], new float[3]).Forward(ReadOnlySpan<float>.Empty, Span<float>.Empty, 0, 4, 4);
    }

    [Fact]
    public void Flatten_gives_torch_flattens_shape_and_copies()
    {
        var cases = new (IFlattenLayer Layer, int[] Shape)[]
        {
            (new FlattenDefault(), FlattenDefault.GetOutputShape(2, 3, 4, 5)),
            (new FlattenAll(), FlattenAll.GetOutputShape(2, 3, 4, 5)),
            (new FlattenSpatial(), FlattenSpatial.GetOutputShape(2, 3, 4, 5)),
            (new FlattenChannelHeight(), FlattenChannelHeight.GetOutputShape(2, 3, 4, 5)),
            (new FlattenNothing(), FlattenNothing.GetOutputShape(2, 3, 4, 5)),
        };
        int[][] expected = { new[] { 2, 60 }, new[] { 120 }, new[] { 2, 3, 20 }, new[] { 2, 12, 5 }, new[] { 2, 3, 4, 5 } };
        for (int i = 0; i < cases.Length; i++)
        {
            Assert.Equal(expected[i], cases[i].Shape);
            var x = TestData.Uniform(new Random(i), 120);
            var y = new float[120];
            cases[i].Layer.Forward(x, y, 2, 3, 4, 5);
            Assert.Equal(x, y);
            cases[i].Layer.Forward(x, x, 2, 3, 4, 5);
        }

        Assert.Equal(2, FlattenDefault.OutputRank);
        Assert.Equal(3, FlattenDefault.EndDim);
        Span<int> shape = stackalloc int[3];
        FlattenChannelHeight.GetOutputShape(1, 2, 3, 4, shape);
        Assert.Equal(new[] { 1, 6, 4 }, shape.ToArray());
        var buffer = new float[50];
        Assert.Throws<ArgumentException>(() => new FlattenDefault().Forward(buffer.AsSpan(0, 24), buffer.AsSpan(1, 24), 1, 2, 3, 4));
    }

    [Fact]
    public void Forward_allocates_nothing()
    {
        var random = new Random(9);
        var (w, b, mean, variance) = Statistics(random, 64);
        var bn = new Bn64(w, b, mean, variance);
        var x = TestData.Uniform(random, 2 * 64 * 9 * 9);
        var y = new float[x.Length];
        var pad = new Reflect1();
        var padded = new float[2 * 64 * 11 * 11];
        var constant = new ConstMixed();
        var cropped = new float[2 * 64 * 10 * 12];
        var flatten = new FlattenDefault();
        void Round()
        {
            bn.Forward(x, y, 2, 9, 9);
            bn.Forward(x, y, 2, 9, 9, threads: 2);
            pad.Forward(x, padded, 2, 64, 9, 9);
            pad.Forward(x, padded, 2, 64, 9, 9, threads: 2);
            constant.Forward(x, cropped, 2, 64, 9, 9);
            flatten.Forward(x, y, 2, 64, 9, 9);
        }

        Round();
        Round();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 5; i++) Round();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
