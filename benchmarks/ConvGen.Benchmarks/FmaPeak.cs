using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ConvGen.Benchmarks
{
    /// <summary>
    /// Peak single-core FMA throughput: 12 independent accumulator chains <c>a = a * m + c</c> (enough to cover
    /// latency × pipes on current x86 cores: 4 cycles × 2 pipes = 8 in flight), counted as 2 flops per lane per FMA.
    /// </summary>
    public static class FmaPeak
    {
        public const int Chains = 12;

        public sealed record Result(string Width, int Lanes, double GFlops, bool Supported);

        public static Result[] MeasureAll(double secondsPerWidth = 0.6)
        {
            return new[]
            {
                Avx512F.IsSupported
                    ? new Result("Vector512", Vector512<float>.Count, Measure(V512Loop, Vector512<float>.Count, secondsPerWidth), true)
                    : new Result("Vector512", Vector512<float>.Count, 0, false),
                Fma.IsSupported
                    ? new Result("Vector256", Vector256<float>.Count, Measure(V256Loop, Vector256<float>.Count, secondsPerWidth), true)
                    : new Result("Vector256", Vector256<float>.Count, 0, false),
            };
        }

        /// <summary>Best of several timed batches (the first batches also serve as warm-up / JIT).</summary>
        private static double Measure(Func<long, float> loop, int lanes, double seconds)
        {
            const long Iterations = 4_000_000;
            loop(1000); // JIT
            double best = 0;
            var total = Stopwatch.StartNew();
            float sink = 0;
            do
            {
                long t0 = Stopwatch.GetTimestamp();
                sink += loop(Iterations);
                double dt = Stopwatch.GetElapsedTime(t0).TotalSeconds;
                double gflops = Iterations * Chains * lanes * 2.0 / dt / 1e9;
                best = Math.Max(best, gflops);
            }
            while (total.Elapsed.TotalSeconds < seconds);

            if (float.IsNaN(sink))
            {
                Console.WriteLine("(unreachable)");
            }

            return best;
        }

        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
        private static float V512Loop(long iterations)
        {
            Vector512<float> m = Vector512.Create(0.9999f), c = Vector512.Create(0.0001f);
            Vector512<float> a0 = Vector512.Create(0.10f), a1 = Vector512.Create(0.11f), a2 = Vector512.Create(0.12f);
            Vector512<float> a3 = Vector512.Create(0.13f), a4 = Vector512.Create(0.14f), a5 = Vector512.Create(0.15f);
            Vector512<float> a6 = Vector512.Create(0.16f), a7 = Vector512.Create(0.17f), a8 = Vector512.Create(0.18f);
            Vector512<float> a9 = Vector512.Create(0.19f), a10 = Vector512.Create(0.20f), a11 = Vector512.Create(0.21f);
            for (long i = 0; i < iterations; i++)
            {
                a0 = Avx512F.FusedMultiplyAdd(a0, m, c);
                a1 = Avx512F.FusedMultiplyAdd(a1, m, c);
                a2 = Avx512F.FusedMultiplyAdd(a2, m, c);
                a3 = Avx512F.FusedMultiplyAdd(a3, m, c);
                a4 = Avx512F.FusedMultiplyAdd(a4, m, c);
                a5 = Avx512F.FusedMultiplyAdd(a5, m, c);
                a6 = Avx512F.FusedMultiplyAdd(a6, m, c);
                a7 = Avx512F.FusedMultiplyAdd(a7, m, c);
                a8 = Avx512F.FusedMultiplyAdd(a8, m, c);
                a9 = Avx512F.FusedMultiplyAdd(a9, m, c);
                a10 = Avx512F.FusedMultiplyAdd(a10, m, c);
                a11 = Avx512F.FusedMultiplyAdd(a11, m, c);
            }

            Vector512<float> s = ((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7)) + ((a8 + a9) + (a10 + a11));
            return Vector512.Sum(s);
        }

        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
        private static float V256Loop(long iterations)
        {
            Vector256<float> m = Vector256.Create(0.9999f), c = Vector256.Create(0.0001f);
            Vector256<float> a0 = Vector256.Create(0.10f), a1 = Vector256.Create(0.11f), a2 = Vector256.Create(0.12f);
            Vector256<float> a3 = Vector256.Create(0.13f), a4 = Vector256.Create(0.14f), a5 = Vector256.Create(0.15f);
            Vector256<float> a6 = Vector256.Create(0.16f), a7 = Vector256.Create(0.17f), a8 = Vector256.Create(0.18f);
            Vector256<float> a9 = Vector256.Create(0.19f), a10 = Vector256.Create(0.20f), a11 = Vector256.Create(0.21f);
            for (long i = 0; i < iterations; i++)
            {
                a0 = Fma.MultiplyAdd(a0, m, c);
                a1 = Fma.MultiplyAdd(a1, m, c);
                a2 = Fma.MultiplyAdd(a2, m, c);
                a3 = Fma.MultiplyAdd(a3, m, c);
                a4 = Fma.MultiplyAdd(a4, m, c);
                a5 = Fma.MultiplyAdd(a5, m, c);
                a6 = Fma.MultiplyAdd(a6, m, c);
                a7 = Fma.MultiplyAdd(a7, m, c);
                a8 = Fma.MultiplyAdd(a8, m, c);
                a9 = Fma.MultiplyAdd(a9, m, c);
                a10 = Fma.MultiplyAdd(a10, m, c);
                a11 = Fma.MultiplyAdd(a11, m, c);
            }

            Vector256<float> s = ((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7)) + ((a8 + a9) + (a10 + a11));
            return Vector256.Sum(s);
        }
    }
}
