using System;
using Xunit;

namespace ConvGen.Numerics.Tests.Pool;

/// <summary>No pooling layer allocates per call once warm, whatever the channel count (it arrives in Forward).</summary>
[Collection(nameof(AllocationCollection))]
public class PoolAllocationTests
{
    [Fact]
    public void Pooling_layers_allocate_nothing_per_call_once_warm()
    {
        float[] x = TestData.Uniform(new Random(3), 2 * 64 * 28 * 28);
        var pooled = new float[2 * 64 * 14 * 14];
        var indices = new long[pooled.Length];
        var avg = new float[2 * 64 * 15 * 15]; // k3 s2 p1 in ceil mode: 28 → 15
        var global = new float[2 * 64];
        var adaptive = new float[2 * 64 * 3 * 5];
        var unpooled = new float[x.Length];
        var max = new MaxStem();
        var maxIndices = new MaxK2Indices();
        var average = new AvgCeilExclude();
        var globalAvg = new GlobalAvg();
        var adaptiveMax = new AdaptiveAvg3x5();
        var unpool = new Unpool2();
        void Run(int threads)
        {
            max.Forward(x, pooled, 2, 64, 28, 28, threads);
            maxIndices.Forward(x, pooled, indices, 2, 64, 28, 28, threads);
            average.Forward(x, avg, 2, 64, 28, 28, threads);
            globalAvg.Forward(x, global, 2, 64, 28, 28, threads);
            adaptiveMax.Forward(x, adaptive, 2, 64, 28, 28, threads);
            unpool.Forward(pooled, indices, unpooled, 2, 64, 14, 14, 28, 28, threads);
        }

        // Warm up: JIT, the worker, and the buffers of whichever thread takes which items. The count covers the whole
        // process, so the test runner's threads may add bytes to a round now and then; an allocation in Forward would
        // show in every round (as ThreadingAllocationTests).
        for (int i = 0; i < 20; i++) { Run(1); Run(2); }
        foreach (int threads in new[] { 1, 2 })
        {
            var rounds = new System.Collections.Generic.List<long>();
            for (int round = 0; round < 12; round++)
            {
                long before = GC.GetTotalAllocatedBytes(precise: true);
                Run(threads);
                rounds.Add(GC.GetTotalAllocatedBytes(precise: true) - before);
            }

            Assert.True(System.Linq.Enumerable.Min(rounds) == 0, $"threads={threads}: bytes allocated per round: {string.Join(", ", rounds)}");
        }
    }
}
