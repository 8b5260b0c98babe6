using System;

namespace ConvGen.Internal
{
    /// <summary>
    /// Every decision about how a multi-threaded <c>Forward</c> shares its work, in one place. Whatever the split, each
    /// output element is computed by one thread exactly as with one, so the output does not depend on the thread count.
    /// </summary>
    internal static class WorkSplit
    {
        /// <summary>
        /// Work a thread must have to itself to be worth waking: 2 MFLOP by default, 10–20 µs, several times what handing
        /// work to another core costs; smaller calls stay on one thread. The runtime configuration option
        /// <c>ConvGen.MinFlopsPerThread</c> sets it (tests set 0 to split even tiny layers).
        /// </summary>
        private static readonly long MinFlopsPerThread =
            AppContext.GetData("ConvGen.MinFlopsPerThread") is string text && long.TryParse(text, out long value) && value >= 0 ? value : 2_000_000;

        /// <summary>
        /// <paramref name="threads"/>, lowered to the machine's processors and so that each thread gets at least
        /// <see cref="MinFlopsPerThread"/>: the one place a call's thread count is decided.
        /// </summary>
        public static int Useful(int threads, in ConvDims p, int batch, in ConvGeometry g)
        {
            threads = Math.Min(threads, Environment.ProcessorCount);
            if (threads == 1 || MinFlopsPerThread == 0) return threads;
            long flops = 2L * batch * p.OutChannels * g.OutputPlane * p.Filter;
            return (int)Math.Max(1, Math.Min(threads, flops / MinFlopsPerThread));
        }

        /// <summary>
        /// The same rule for a depthwise 2-D layer, whose time goes as much into moving each element in and out (a padded
        /// or transposed copy, a plane kernel's shuffles) as into its few multiply-adds: each element read or written
        /// counts as 32 operations. (By multiply-adds alone, MobileNetV2's 28×28 and 14×14 depthwise layers, tens of
        /// microseconds each, stayed on one thread, and the network ran slower on two threads than on one.)
        /// </summary>
        public static int UsefulDepthwise(int threads, in ConvDims p, int batch, long inPlane, long outPlane) =>
            Useful(threads, 2L * batch * p.OutChannels * outPlane * p.Taps + 32L * batch * p.OutChannels * (inPlane + outPlane));

        /// <summary>
        /// The same rule for a layer that is not a convolution (pooling): <paramref name="flops"/> operations in all, about
        /// one per element read.
        /// </summary>
        public static int Useful(int threads, long flops)
        {
            threads = Math.Min(threads, Environment.ProcessorCount);
            if (threads == 1 || MinFlopsPerThread == 0) return threads;
            return (int)Math.Max(1, Math.Min(threads, flops / MinFlopsPerThread));
        }

        /// <summary>
        /// Each thread takes whole (image, group) units, padding them in its own workspace, when there are at least two
        /// per thread: the padded input then never moves between cores. Otherwise the threads share each unit.
        /// </summary>
        public static bool ByUnits(int units, int threads) => threads > 1 && units >= 2 * threads;

        /// <summary>
        /// Runs of whole input channels a unit's padding is cut into: on one thread the padding would hold up the others
        /// for 2–5 % of a layer's time (more with stride 2).
        /// </summary>
        public static int FillParts(int channels, int threads) => threads == 1 ? 1 : Math.Min(channels, 4 * threads);

        /// <summary>
        /// How many parts each channel tile's grid is cut into: one on one thread; on more, enough that there are about
        /// eight work items per thread (a layer with few tiles, e.g. 64 channels in tiles of 8, would otherwise leave a
        /// thread idle while the other finishes its last tile), but no part shorter than a step of the kernel.
        /// </summary>
        /// <summary>
        /// The runs of whole planes a plane-by-plane call (depthwise) is cut into: one on one thread; on more, four per
        /// thread, so a thread takes neighbouring planes (one plane per item left the threads fighting over the counter
        /// and the cache lines between neighbouring planes: 2 threads were slower than one on MobileNetV2's depthwise layers).
        /// </summary>
        public static int PlaneParts(int planes, int threads) => threads == 1 ? 1 : Math.Min(planes, 4 * threads);

        public static int GridParts(int tiles, int steps, int threads) =>
            threads == 1 ? 1 : Math.Max(1, Math.Min(steps, (8 * threads + tiles - 1) / tiles));
    }

    /// <summary>One grid-kernel call: pointers into arrays and spans pinned by the driver, and the layer's numbers by value.</summary>
    internal unsafe struct GroupJob
    {
        public ConvDims Dims;
        public float* Input, Output, Weights, Bias;
        public ConvGeometry Geometry;
    }

    /// <summary>One unit's padding, cut into <see cref="Parts"/> runs of whole channels.</summary>
    internal unsafe struct FillJob
    {
        public ConvDims Dims;
        public float* Image, Scratch;
        public ConvGeometry Geometry;
        public int Parts;
    }

    /// <summary>One unit's channel tiles, each cut into <see cref="Parts"/> parts of the grid.</summary>
    internal unsafe struct TileJob
    {
        public float* Input, Weights, Bias, Output;
        public ConvGeometry Geometry;
        public int OutChannels, OutPlane, Filter;

        /// <summary>Parts of the grid per tile and pixels per part (a multiple of TilePixels; the last part also takes the rest).</summary>
        public int Parts, PartPixels;
    }

    /// <summary>What every plane of a depthwise plane-kernel call shares.</summary>
    internal unsafe struct PlaneJob
    {
        public float* Input, Output, Weights, Bias, Zeros;
        public int Channels, Taps, Height, Width, InPlane, OutPlane;

        /// <summary>Planes of the call, and the runs of consecutive planes the threads take one at a time.</summary>
        public int Planes, Parts;
    }
}
