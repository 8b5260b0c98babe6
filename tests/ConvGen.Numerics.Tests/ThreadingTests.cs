using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace ConvGen.Numerics.Tests;

/// <summary>
/// <c>Forward(..., threads)</c>: the same output as one thread, bit for bit, on every layer of the matrix; checked
/// arguments; safe when several threads call it at once.
/// </summary>
public class ThreadingTests
{
    /// <summary>Grids of one step and of many, direct and padded output, and depthwise images below and above the plane kernel's minimum.</summary>
    private static readonly (int H, int W)[] Sizes = { (1, 1), (5, 7), (17, 10), (23, 37), (40, 61) };

    public static IEnumerable<object[]> Layers() => LayerMatrix.All.Select(c => new object[] { c });

    [Theory]
    [MemberData(nameof(Layers))]
    public void Every_thread_count_gives_the_one_thread_output_bit_for_bit(LayerCase layer)
    {
        var p = layer.Parameters;
        var random = new Random(TestData.Seed(layer.Name) + 1);
        var conv = layer.Create(TestData.Uniform(random, p.WeightLength), p.Bias ? TestData.Uniform(random, p.OutChannels) : null);
        var sizes = layer.FixedSize is { } size ? new[] { size } : Sizes.Where(s => ReferenceConv2d.Invalid(p, s.H, s.W) is null).ToArray();
        Assert.NotEmpty(sizes);
        foreach (var (h, w) in sizes)
        {
            foreach (int batch in new[] { 1, 2 })
            {
                float[] input = TestData.Uniform(random, batch * p.InChannels * h * w);
                int outLength = batch * p.OutChannels * p.OutputHeight(h) * p.OutputWidth(w);
                var one = new float[outLength];
                conv.Forward(input, one, batch, h, w, 1);
                Assert.DoesNotContain(one, float.IsNaN); // the inputs are finite: a NaN would be an unwritten element
                foreach (int threads in new[] { 2, 3, 64 })
                {
                    var many = new float[outLength];
                    many.AsSpan().Fill(float.NaN);
                    conv.Forward(input, many, batch, h, w, threads);
                    Assert.True(one.AsSpan().SequenceEqual(many),
                        $"{layer.Name} batch {batch} input {h}x{w}: threads {threads} differs from one thread at element {FirstDifference(one, many)}");
                }
            }
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Fewer_than_one_thread_is_rejected(int threads)
    {
        var conv = new Dense7(new float[7 * 3 * 3 * 3], new float[7]);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => conv.Forward(new float[3 * 8 * 8], new float[7 * 8 * 8], 1, 8, 8, threads));
        Assert.Equal("threads", ex.ParamName);
    }

    [Fact]
    public void Shape_errors_are_the_same_on_many_threads()
    {
        var conv = new Dense7(new float[7 * 3 * 3 * 3], new float[7]);
        var ex = Assert.Throws<ArgumentException>(() => conv.Forward(new float[3 * 8 * 8], new float[7 * 8 * 7], 1, 8, 8, 2));
        Assert.Contains("(N=1, C=7, H=8, W=8)", ex.Message);
    }

    /// <summary>Callers on many threads at once, each asking for two: the pool takes one job at a time, the rest run on their own thread.</summary>
    [Fact]
    public void Concurrent_multi_threaded_calls_give_the_one_thread_result()
    {
        var dense = new ManyInputs(TestData.Uniform(new Random(5), 9 * 64 * 3 * 3), TestData.Uniform(new Random(6), 9));
        var depthwise = new ReadmeDepthwise(TestData.Uniform(new Random(7), 144 * 9), TestData.Uniform(new Random(8), 144));
        var random = new Random(9);
        var denseInputs = Enumerable.Range(0, 8).Select(_ => TestData.Uniform(random, 64 * 21 * 19)).ToArray();
        var depthwiseInputs = Enumerable.Range(0, 8).Select(_ => TestData.Uniform(random, 144 * 20 * 22)).ToArray();
        var denseExpected = denseInputs.Select(x => { var y = new float[9 * 21 * 19]; dense.Forward(x, y, 1, 21, 19); return y; }).ToArray();
        var depthwiseExpected = depthwiseInputs.Select(x => { var y = new float[144 * 20 * 22]; depthwise.Forward(x, y, 1, 20, 22); return y; }).ToArray();
        Parallel.For(0, 96, new ParallelOptions { MaxDegreeOfParallelism = 6 }, i =>
        {
            if (i % 2 == 0)
            {
                var y = new float[9 * 21 * 19];
                dense.Forward(denseInputs[i % 8], y, 1, 21, 19, 2);
                Assert.Equal(denseExpected[i % 8], y);
            }
            else
            {
                var y = new float[144 * 20 * 22];
                depthwise.Forward(depthwiseInputs[i % 8], y, 1, 20, 22, 2);
                Assert.Equal(depthwiseExpected[i % 8], y);
            }
        });
    }

    private static int FirstDifference(float[] a, float[] b)
    {
        for (int i = 0; i < a.Length; i++)
            if (BitConverter.SingleToInt32Bits(a[i]) != BitConverter.SingleToInt32Bits(b[i])) return i;
        return -1;
    }
}

/// <summary>Runs after the parallel tests, alone: the allocation count covers every thread, the workers' too.</summary>
[CollectionDefinition(nameof(AllocationCollection), DisableParallelization = true)]
public class AllocationCollection
{
}

[Collection(nameof(AllocationCollection))]
public class ThreadingAllocationTests
{
    [Fact]
    public void Multi_threaded_Forward_allocates_nothing_in_steady_state()
    {
        var dense = new ManyInputs(new float[9 * 64 * 3 * 3], new float[9]);
        var depthwise = new ReadmeDepthwise(new float[144 * 9], new float[144]);
        var denseIn = new float[2 * 64 * 33 * 31];
        var denseOut = new float[2 * 9 * 33 * 31];
        var depthwiseIn = new float[144 * 30 * 30];
        var depthwiseOut = new float[144 * 30 * 30];
        for (int i = 0; i < 50; i++) // warm up: JIT, the worker, and the buffers of whichever thread takes which items
        {
            dense.Forward(denseIn, denseOut, 2, 33, 31, 2);
            depthwise.Forward(depthwiseIn, depthwiseOut, 1, 30, 30, 2);
        }

        // The count covers the whole process, so the test runner's own threads may add a few bytes to a round now and
        // then (more often in long rounds: the scalar path with DOTNET_EnableHWIntrinsic=0 is slow); an allocation in
        // Forward would show in every round, so many short rounds.
        var rounds = new List<long>();
        for (int round = 0; round < 12; round++)
        {
            long before = GC.GetTotalAllocatedBytes(precise: true);
            for (int i = 0; i < 4; i++)
            {
                dense.Forward(denseIn, denseOut, 2, 33, 31, 2);
                depthwise.Forward(depthwiseIn, depthwiseOut, 1, 30, 30, 2);
            }

            rounds.Add(GC.GetTotalAllocatedBytes(precise: true) - before);
        }

        Assert.True(rounds.Min() == 0, $"bytes allocated per round of 8 calls: {string.Join(", ", rounds)}");
    }
}
