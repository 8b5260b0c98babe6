using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace ConvGen.Internal
{
    /// <summary>
    /// What a generated <c>[Linear]</c> layer calls: packs the weight once (<see cref="PackWeights"/>), checks each call's
    /// spans and runs the layer's <see cref="ILinearKernel"/>, on more threads split by tiles of output features, so
    /// every output element is computed by one thread exactly as with one.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class LinearDriver
    {
        /// <summary>
        /// PyTorch's weight (out, in) → <c>[tile][in][tileFeatures]</c>: for each tile of output features, each input
        /// feature's weights of those outputs side by side (one vector load in the kernel); the last tile padded with zeros.
        /// </summary>
        public static float[] PackWeights(ReadOnlySpan<float> weight, int inFeatures, int outFeatures, int tileFeatures, string layer)
        {
            long expected = (long)outFeatures * inFeatures;
            if (weight.Length != expected)
            {
                throw new ArgumentException(
                    $"{layer}: weight has {weight.Length} elements but shape (out_features={outFeatures}, in_features={inFeatures}) needs {expected}.",
                    nameof(weight));
            }

            int tiles = Tiles(outFeatures, tileFeatures);
            var packed = new float[(long)tiles * inFeatures * tileFeatures];
            for (int o = 0; o < outFeatures; o++)
            {
                int tile = o / tileFeatures, lane = o % tileFeatures;
                ReadOnlySpan<float> row = weight.Slice(o * inFeatures, inFeatures);
                long start = (long)tile * inFeatures * tileFeatures + lane;
                for (int k = 0; k < inFeatures; k++) packed[start + (long)k * tileFeatures] = row[k];
            }

            return packed;
        }

        /// <summary>The bias (out) padded with zeros to whole tiles.</summary>
        public static float[] PackBias(ReadOnlySpan<float> bias, int outFeatures, int tileFeatures, string layer)
        {
            if (bias.Length != outFeatures)
                throw new ArgumentException($"{layer}: bias has {bias.Length} elements but shape (out_features={outFeatures}) needs {outFeatures}.", nameof(bias));
            var packed = new float[Tiles(outFeatures, tileFeatures) * tileFeatures];
            bias.CopyTo(packed);
            return packed;
        }

        /// <summary>Checks the spans, then computes every row on up to <paramref name="threads"/> threads.</summary>
        public static unsafe void Forward<TKernel>(float[] weights, float[]? bias, ReadOnlySpan<float> input, Span<float> output,
            int rows, int inFeatures, int outFeatures, int threads, string layer)
            where TKernel : struct, ILinearKernel
        {
            if (rows < 0) throw new ArgumentOutOfRangeException(nameof(rows), rows, $"{layer}: rows must not be negative.");
            if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), threads, $"{layer}: threads must be at least 1.");
            if (input.Length != (long)rows * inFeatures)
            {
                throw new ArgumentException(
                    $"{layer}: input has {input.Length} elements but shape (rows={rows}, in_features={inFeatures}) needs {(long)rows * inFeatures}.",
                    nameof(input));
            }

            if (output.Length != (long)rows * outFeatures)
            {
                throw new ArgumentException(
                    $"{layer}: output has {output.Length} elements but shape (rows={rows}, out_features={outFeatures}) needs {(long)rows * outFeatures}.",
                    nameof(output));
            }

            if (rows == 0) return;
            if (input.Overlaps(output)) throw new ArgumentException($"{layer}: input and output must not overlap.", nameof(output));

            int tiles = Tiles(outFeatures, TKernel.TileFeatures);
            threads = WorkSplit.Useful(threads, 2L * rows * inFeatures * outFeatures);
            fixed (float* x = input, y = output, w = weights, b = bias)
            {
                var job = new LinearJob { Input = x, Output = y, Weights = w, Bias = b is null ? w : b, Rows = rows, Tiles = tiles };
                // About four parts per thread, so that a core slowed by other work takes fewer; every part whole tiles.
                job.Parts = threads == 1 ? 1 : Math.Min(tiles, 4 * threads);
                if (job.Parts == 1) RunPart<TKernel>(&job, 0);
                else WorkerPool.For(threads, job.Parts, &RunPart<TKernel>, &job);
            }
        }

        private static int Tiles(int outFeatures, int tileFeatures) => (outFeatures + tileFeatures - 1) / tileFeatures;

        /// <summary>Tiles [part·tiles/Parts, (part + 1)·tiles/Parts).</summary>
        private static unsafe void RunPart<TKernel>(void* state, int part)
            where TKernel : struct, ILinearKernel
        {
            ref LinearJob job = ref *(LinearJob*)state;
            int first = (int)((long)part * job.Tiles / job.Parts), end = (int)((long)(part + 1) * job.Tiles / job.Parts);
            TKernel.Run(ref *job.Input, ref *job.Weights, ref *job.Bias, ref *job.Output, job.Rows, first, end);
        }

        /// <summary>One call's pointers (pinned by <see cref="Forward{TKernel}"/>) and sizes.</summary>
        private unsafe struct LinearJob
        {
            public float* Input, Output, Weights, Bias;
            public int Rows, Tiles, Parts;
        }
    }
}
