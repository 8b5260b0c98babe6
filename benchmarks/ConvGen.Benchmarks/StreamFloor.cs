using System;
using System.Diagnostics;
using System.Linq;
using System.Runtime.Intrinsics;

namespace ConvGen.Benchmarks
{
    /// <summary>
    /// The memory floor of a layer on this core: the median time to read every input element once and write every output
    /// element once (a vector sum over the input, then a fill of the output), with the same arrays reused call after call
    /// as in the benchmark. No convolution can be faster than this; for depthwise layers it is most of the budget, and for
    /// pooling, activations, BatchNorm2d and a batch-1 Linear (weight read once) all of it.
    /// </summary>
    public static class StreamFloor
    {
        public static double MedianUs(ConvLayerSpec layer, int reps = 301) => MedianUs(layer.InputLength, layer.OutputLength, reps);

        /// <summary>
        /// The same for <paramref name="readLength"/> floats read and <paramref name="writeLength"/> floats written (a layer
        /// of the <c>layers</c> suite: its input plus its parameters, e.g. Linear's weight, and its output).
        /// </summary>
        public static double MedianUs(int readLength, int writeLength, int reps = 301)
        {
            var input = new float[readLength];
            var output = new float[writeLength];
            input.AsSpan().Fill(0.5f);
            float sink = 0;
            // Warm up until the tiered JIT has replaced the first, unoptimized code (it waits ~100 ms after the 30th call).
            for (int round = 0; round < 3; round++)
            {
                for (int i = 0; i < 40; i++) sink += Pass(input, output, sink);
                System.Threading.Thread.Sleep(150);
            }

            var times = new double[reps];
            for (int i = 0; i < reps; i++)
            {
                long t0 = Stopwatch.GetTimestamp();
                sink += Pass(input, output, sink);
                times[i] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds * 1e3;
            }

            GC.KeepAlive(sink);
            Array.Sort(times);
            return times[reps / 2];
        }

        private static float Pass(float[] input, float[] output, float seed)
        {
            Vector512<float> a0 = Vector512<float>.Zero, a1 = a0, a2 = a0, a3 = a0;
            ReadOnlySpan<float> x = input;
            int i = 0;
            for (; i + 64 <= x.Length; i += 64)
            {
                a0 += Vector512.Create(x.Slice(i, 16));
                a1 += Vector512.Create(x.Slice(i + 16, 16));
                a2 += Vector512.Create(x.Slice(i + 32, 16));
                a3 += Vector512.Create(x.Slice(i + 48, 16));
            }

            float sum = Vector512.Sum(a0 + a1 + a2 + a3);
            for (; i < x.Length; i++) sum += x[i];
            output.AsSpan().Fill(seed * 1e-30f + 1);
            return sum * 1e-30f;
        }
    }
}
