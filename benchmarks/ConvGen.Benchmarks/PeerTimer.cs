using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace ConvGen.Benchmarks
{
    /// <summary>The `time` mode's measurement: the median of ~0.3 s of calls (at least 10) after a warm-up, and what the calls allocated.</summary>
    public static class PeerTimer
    {
        public readonly record struct Result(double MedianUs, long AllocatedBytes, int Calls);

        /// <summary>Seconds of timed calls: 0.3, or CONVGEN_TIME_SECONDS (e.g. longer, to profile the calls with perf).</summary>
        private static readonly double Seconds =
            double.TryParse(Environment.GetEnvironmentVariable("CONVGEN_TIME_SECONDS"), System.Globalization.CultureInfo.InvariantCulture, out double s) && s > 0 ? s : 0.3;

        public static Result Measure(IBenchPeer peer)
        {
            // Warm up until the tiered JIT has replaced the first, unoptimized code of the layer and its runtime driver
            // (it recompiles a method ~100 ms after its 30th call, in the background): three rounds of up to 40 calls
            // (at most ~0.1 s each), each followed by a pause, as StreamFloor does. Without it the first layers of a
            // family (e.g. gap_512 before gap_1280) were timed partly on tier-0 driver code.
            for (int round = 0; round < 3; round++)
            {
                var warm = Stopwatch.StartNew();
                for (int i = 0; i < 40 && (i < 2 || warm.Elapsed.TotalSeconds < 0.1); i++)
                {
                    peer.Run();
                }

                System.Threading.Thread.Sleep(150);
            }

            var samples = new List<double>(1 << 16); // sized up front: the count below is the calls' own allocation
            var total = Stopwatch.StartNew();
            long allocated = GC.GetTotalAllocatedBytes(precise: true);
            while ((total.Elapsed.TotalSeconds < Seconds || samples.Count < 10) && samples.Count < samples.Capacity)
            {
                long t0 = Stopwatch.GetTimestamp();
                peer.Run();
                samples.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds * 1000);
            }

            allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
            samples.Sort();
            return new Result(samples[samples.Count / 2], allocated, samples.Count);
        }
    }
}
