using System;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace ConvGen.Numerics.Tests;

/// <summary>Bad input gets an ArgumentException naming the expected and actual shape; good input allocates nothing.</summary>
public class ShapeCheckTests
{
    private static Dense7 NewDense7(int seed = 3)
    {
        var random = new Random(seed);
        return new Dense7(TestData.Uniform(random, Dense7.WeightLength), TestData.Uniform(random, Dense7.BiasLength));
    }

    [Fact]
    public void Constants_describe_the_layer()
    {
        Assert.Equal((3, 7, 3, 3, 1, 1), (Dense7.InChannels, Dense7.OutChannels, Dense7.KernelHeight, Dense7.KernelWidth, Dense7.PaddingTop, Dense7.PaddingLeft));
        Assert.Equal(7 * 3 * 3 * 3, Dense7.WeightLength);
        Assert.Equal((1, 2, 1, 2), (SameEven.PaddingTop, SameEven.PaddingBottom, SameEven.PaddingLeft, SameEven.PaddingRight));
        Assert.Equal(PaddingMode.Reflect, FixedReflectStride2.PaddingMode);
        Assert.False(ReadmeGrouped1x1.HasBias);
        Assert.Equal(0, ReadmeGrouped1x1.BiasLength);
        Assert.Equal(16, ReadmeRect.GetOutputHeight(25)); // floor((25 + 8 − 2 − 1) / 2) + 1
        Assert.Equal(28, ReadmeRect.GetOutputWidth(28));
        Assert.Equal((5, 6, 24, 24), (FixedReflectStride2.OutputHeight, FixedReflectStride2.OutputWidth, FixedMnist.OutputHeight, FixedMnist.OutputWidth));
        Assert.Equal(8 * 24 * 24, FixedMnist.OutputLength);
    }

    [Fact]
    public void Wrong_input_length_names_both_shapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => NewDense7().Forward(new float[2 * 3 * 8 * 8 - 1], new float[2 * 7 * 8 * 8], 2, 8, 8));
        Assert.Contains("input has 383 elements", ex.Message);
        Assert.Contains("(N=2, C=3, H=8, W=8) needs 384", ex.Message);
    }

    [Fact]
    public void Wrong_output_length_names_both_shapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => NewDense7().Forward(new float[3 * 8 * 8], new float[7 * 8 * 7], 1, 8, 8));
        Assert.Contains("output has 392 elements", ex.Message);
        Assert.Contains("(N=1, C=7, H=8, W=8) needs 448", ex.Message);
    }

    [Fact]
    public void Wrong_weight_and_bias_lengths_name_the_pytorch_shape()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Dense7(new float[10], new float[7]));
        Assert.Contains("(out=7, in/groups=3, kH=3, kW=3) needs 189", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => new Dense7(new float[189], new float[6]));
        Assert.Contains("bias has 6 elements but shape (out=7) needs 7", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => new ReadmeDepthwiseMultiplier(new float[64 * 32 * 9], new float[64]));
        Assert.Contains("(out=64, in/groups=1, kH=3, kW=3) needs 576", ex.Message); // a dense (64, 32, 3, 3) weight is wrong here
    }

    [Fact]
    public void Bad_sizes_and_batches_throw()
    {
        var layer = NewDense7();
        Assert.Throws<ArgumentOutOfRangeException>(() => layer.Forward(new float[0], new float[0], -1, 4, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => layer.Forward(new float[0], new float[0], 1, 0, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => layer.Forward(new float[0], new float[0], 1, 4, -2));
        var ex = Assert.Throws<ArgumentException>(() => NewStem().Forward(new float[3 * 2 * 2], new float[10], 1, 2, 2));
        Assert.Contains("kernel can't be larger than the padded input", ex.Message); // 2x2 input, 3x3 kernel, no padding
    }

    private static Valid NewStem() => new(new float[Valid.WeightLength], new float[Valid.BiasLength]);

    [Fact]
    public void Reflect_and_circular_padding_limits_are_checked_at_run_time()
    {
        var reflect = new Reflect2Stride2(new float[Reflect2Stride2.WeightLength], new float[5]);
        var ex = Assert.Throws<ArgumentException>(() => reflect.Forward(new float[3 * 2 * 9], new float[100], 1, 2, 9));
        Assert.Contains("Reflect padding (2, 2) must be smaller than the input size (2, 9)", ex.Message);
        var circular = new CircularFull(new float[CircularFull.WeightLength], new float[2]);
        ex = Assert.Throws<ArgumentException>(() => circular.Forward(new float[1], new float[100], 1, 1, 1));
        Assert.Contains("Circular padding (2, 2) must not be larger than the input size (1, 1)", ex.Message);
    }

    [Fact]
    public void A_fixed_size_layer_rejects_other_sizes()
    {
        var layer = new FixedMnist(new float[FixedMnist.WeightLength], new float[8]);
        var ex = Assert.Throws<ArgumentException>(() => layer.Forward(new float[27 * 27], new float[8 * 23 * 23], 1, 27, 27));
        Assert.Contains("generated for 28 x 28 inputs", ex.Message);
        layer.Forward(new float[2 * FixedMnist.InputLength], new float[2 * FixedMnist.OutputLength], 2);
    }

    [Fact]
    public void Empty_batch_is_a_no_op()
    {
        NewDense7().Forward(ReadOnlySpan<float>.Empty, Span<float>.Empty, 0, 5, 5);
    }

    [Fact]
    public void Overlapping_input_and_output_are_rejected()
    {
        var buffer = new float[3 * 6 * 6 + 7 * 6 * 6];
        var ex = Assert.Throws<ArgumentException>(() =>
            NewDense7().Forward(buffer.AsSpan(0, 3 * 6 * 6), buffer.AsSpan(3 * 6 * 6 - 1, 7 * 6 * 6), 1, 6, 6));
        Assert.Contains("must not overlap", ex.Message);
    }

    [Fact]
    public void Forward_allocates_nothing_in_steady_state()
    {
        var layer = NewDense7();
        var input = new float[2 * 3 * 31 * 29];
        var output = new float[2 * 7 * 31 * 29];
        layer.Forward(input, output, 2, 31, 29); // warm up: JIT, static constructors, the pool's first buffer
        layer.Forward(input, output, 2, 31, 29);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++)
        {
            layer.Forward(input, output, 2, 31, 29);
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true); // the workspace survives full GCs
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Concurrent_calls_give_the_single_threaded_result()
    {
        var layer = NewDense7();
        var random = new Random(4);
        var inputs = Enumerable.Range(0, 16).Select(_ => TestData.Uniform(random, 3 * 19 * 23)).ToArray();
        var expected = inputs.Select(x =>
        {
            var y = new float[7 * 19 * 23];
            layer.Forward(x, y, 1, 19, 23);
            return y;
        }).ToArray();
        var actual = new float[inputs.Length][];
        Parallel.For(0, 64, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var y = new float[7 * 19 * 23];
            layer.Forward(inputs[i % 16], y, 1, 19, 23);
            Assert.Equal(expected[i % 16], y);
        });
    }
}
