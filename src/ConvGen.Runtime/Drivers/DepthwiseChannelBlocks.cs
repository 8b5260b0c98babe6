using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ConvGen.Internal
{
    /// <summary>
    /// Depthwise 2-D layers on images too narrow for the plane kernel's row vectors (7×7 to 28×28 with 16 lanes: the late
    /// layers of MobileNet and EfficientNet): channels in lanes instead of pixels. One vector's worth of channels is
    /// copied into a padded (height, width, channel) block, each output pixel is the sum over the taps of an input vector
    /// times that tap's weight vector — every lane useful whatever the image's width — and the results go back to
    /// (channel, height, width). The block stays in the core's caches; its copies in and out are each one pass. Every
    /// output element is computed the same way on any number of threads.
    /// </summary>
    internal static unsafe class DepthwiseChannelBlocks
    {
        /// <summary>Floats this process's vectors hold: the lanes a block of channels fills.</summary>
        internal static int Lanes =>
            Vector512.IsHardwareAccelerated ? 16 : Vector256.IsHardwareAccelerated ? 8 : Vector128.IsHardwareAccelerated ? 4 : 1;

        /// <summary>
        /// Floats <see cref="Pack"/> appends to a layer's packed weights: [block][tap][lane] for a depthwise 2-D layer (one
        /// input and one output channel per group), none for any other.
        /// </summary>
        internal static int PackedLength(in ConvDims p) =>
            p.Rank == 2 && !p.Transposed && p.Groups == p.InChannels && p.Groups == p.OutChannels
                ? (p.OutChannels + Lanes - 1) / Lanes * Lanes * p.Taps : 0;

        /// <summary>
        /// The weights <c>(channels, kH·kW)</c> as [block][tap][lane], once when the layer is built; lanes past the last
        /// channel hold zeros.
        /// </summary>
        internal static void Pack(in ConvDims p, ReadOnlySpan<float> weight, Span<float> packed)
        {
            int lanes = Lanes, taps = p.Taps;
            packed.Clear();
            for (int c = 0; c < p.OutChannels; c++)
            {
                Span<float> block = packed.Slice(c / lanes * taps * lanes);
                for (int t = 0; t < taps; t++) block[t * lanes + c % lanes] = weight[c * taps + t];
            }
        }

        /// <summary>
        /// Convolves <paramref name="batch"/> images after the driver's checks; <paramref name="g"/> holds the output size,
        /// <paramref name="weights"/> the layer's packed weights with <see cref="Pack"/>'s blocks after the first
        /// channels·taps floats.
        /// </summary>
        public static void Run(ConvParameters parameters, float* input, float* output, float* weights, float* bias,
            int batch, int height, int width, in ConvGeometry g, int threads)
        {
            // The width Pack laid the weights out for.
            switch (Lanes)
            {
                case 16: Run<Vector512<float>, Ops512>(parameters, input, output, weights, bias, batch, height, width, g, threads); break;
                case 8: Run<Vector256<float>, Ops256>(parameters, input, output, weights, bias, batch, height, width, g, threads); break;
                case 4: Run<Vector128<float>, Ops128>(parameters, input, output, weights, bias, batch, height, width, g, threads); break;
                default: Run<float, OpsScalar>(parameters, input, output, weights, bias, batch, height, width, g, threads); break;
            }
        }

        private static void Run<TV, W>(ConvParameters parameters, float* input, float* output, float* weights, float* bias,
            int batch, int height, int width, in ConvGeometry g, int threads)
            where TV : struct where W : struct, IVectorOps<TV>
        {
            var p = parameters.Dims;
            int lanes = (int)W.Lanes, blocks = (p.OutChannels + lanes - 1) / lanes;
            var job = new Job
            {
                Input = input, Output = output, Weights = weights + (long)p.OutChannels * p.Taps, Bias = bias,
                Channels = p.OutChannels, Height = height, Width = width, OutHeight = g.OutputHeight, OutWidth = g.OutputWidth,
                H = p.H, W = p.W, Activation = parameters.Activation, Slope = parameters.NegativeSlope,
                // Only the rows and columns some window reaches: the padding after the image may be partly unread.
                PaddedHeight = (int)((g.OutputHeight - 1L) * p.H.Stride + p.H.Span),
                PaddedWidth = (int)((g.OutputWidth - 1L) * p.W.Stride + p.W.Span),
                Blocks = blocks, Units = batch * blocks,
            };
            job.Parts = WorkSplit.PlaneParts(job.Units, threads);
            WorkerPool.For(threads, job.Parts, &RunPart<TV, W>, &job);
        }

        /// <summary>Run <paramref name="part"/> of the (image, channel block) units.</summary>
        private static void RunPart<TV, W>(void* state, int part)
            where TV : struct where W : struct, IVectorOps<TV>
        {
            ref Job job = ref *(Job*)state;
            int lanes = (int)W.Lanes, taps = job.H.Kernel * job.W.Kernel;
            int paddedLength = job.PaddedHeight * job.PaddedWidth * lanes, outLength = job.OutHeight * job.OutWidth * lanes;
            // This thread's block: padded input, the block's weights [tap][lane] and bias [lane], a transposed tile; the
            // results apart. Each starts on a 64-byte boundary, so no vector load or store splits a cache line (in one run
            // the narrow depthwise layers' median ratio to ONNX Runtime went from 0.69x to 0.91x with it).
            const int Align = 16;
            float[] scratch = ThreadBuffers.Workspace(paddedLength + (taps + 1 + lanes) * lanes + 4 * Align);
            float[] results = ThreadBuffers.Tile(outLength + Align);
            int first = (int)((long)part * job.Units / job.Parts), end = (int)((long)(part + 1) * job.Units / job.Parts);
            fixed (float* scratchStart = scratch, resultsStart = results)
            {
                float* padded = Aligned(scratchStart), blockWeights = Aligned(padded + paddedLength);
                float* blockBias = Aligned(blockWeights + taps * lanes), tile = Aligned(blockBias + lanes), sums = Aligned(resultsStart);
                for (int unit = first; unit < end; unit++)
                {
                    int n = unit / job.Blocks, block = unit % job.Blocks, c0 = block * lanes, count = Math.Min(lanes, job.Channels - c0);
                    long plane = (long)n * job.Channels + c0;
                    new Span<float>(job.Weights + (long)block * taps * lanes, taps * lanes).CopyTo(new Span<float>(blockWeights, taps * lanes));
                    Load<TV, W>(ref job, job.Input + plane * job.Height * job.Width, padded, blockBias, tile, c0, count);
                    Compute<TV, W>(ref job, padded, blockWeights, blockBias, sums);
                    ActivationPass.Apply(new Span<float>(sums, outLength), job.Activation, job.Slope);
                    Store<TV, W>(ref job, sums, job.Output + plane * job.OutHeight * job.OutWidth, count);
                }
            }
        }

        /// <summary>
        /// The block's channels [c0, c0 + count) into (padded row, padded column, lane), zeros around them, and its bias as
        /// [lane] (zero in the lanes past <paramref name="count"/>, whose results are never stored). A full block goes
        /// Lanes × Lanes at a time, transposed in registers: straight into the padded rows when a row holds a whole tile
        /// (a row's last tile ends at its end, overlapping the one before), else through <paramref name="tile"/> for
        /// Lanes pixels of the flattened image at a time.
        /// </summary>
        [MethodImpl(MethodImplOptions.NoInlining)] // its own loops and registers; one call per block
        private static void Load<TV, W>(ref Job job, float* x, float* padded, float* blockBias, float* tile, int c0, int count)
            where TV : struct where W : struct, IVectorOps<TV>
        {
            int lanes = (int)W.Lanes, top = job.H.PadBefore, left = job.W.PadBefore, ph = job.PaddedHeight, pw = job.PaddedWidth;
            int rows = Math.Clamp(ph - top, 0, job.Height), columns = Math.Clamp(pw - left, 0, job.Width);
            // The border: whole padded rows above and below the image, the columns left and right of it.
            new Span<float>(padded, Math.Min(top, ph) * pw * lanes).Clear();
            new Span<float>(padded + (long)(top + rows) * pw * lanes, Math.Max(0, ph - top - rows) * pw * lanes).Clear();
            int leftZeros = Math.Min(left, pw) * lanes, rightZeros = Math.Max(0, pw - left - columns) * lanes;
            for (int r = top; r < top + rows; r++)
            {
                float* row = padded + (long)r * pw * lanes;
                for (int i = 0; i < leftZeros; i++) row[i] = 0;
                for (int i = (left + columns) * lanes, e = i + rightZeros; i < e; i++) row[i] = 0;
            }

            for (int c = 0; c < lanes; c++) blockBias[c] = c < count && job.Bias != null ? job.Bias[c0 + c] : 0;
            int inPlane = job.Height * job.Width, width = job.Width, q = 0;
            ref float to = ref Unsafe.AsRef<float>(padded);
            if (count == lanes && columns >= lanes)
            {
                for (int ih = 0; ih < rows; ih++)
                {
                    for (int start = 0; start < columns; start += lanes)
                    {
                        int iw = Math.Min(start, columns - lanes);
                        W.TransposeTile(ref x[(nint)ih * width + iw], inPlane, ref Unsafe.Add(ref to, ((nint)(top + ih) * pw + left + iw) * lanes), lanes);
                    }
                }

                return;
            }

            if (count == lanes)
            {
                ref float t = ref Unsafe.AsRef<float>(tile);
                for (int ih = 0, iw = 0; q + lanes <= inPlane; q += lanes)
                {
                    W.TransposeTile(ref x[q], inPlane, ref t, lanes);
                    for (int i = 0; i < lanes; i++)
                    {
                        if (ih < rows && iw < columns) W.Store(W.Load(ref t, i * lanes), ref to, ((nint)(top + ih) * pw + left + iw) * lanes);
                        if (++iw == width) (iw, ih) = (0, ih + 1);
                    }
                }
            }

            // The pixels past the last whole tile, or every pixel of a partial block, one element at a time; lanes past
            // the last channel get zeros.
            for (; q < inPlane; q++)
            {
                int ih = q / width, iw = q - ih * width;
                if (ih >= rows || iw >= columns) continue;
                float* cell = padded + ((long)(top + ih) * pw + left + iw) * lanes;
                for (int c = 0; c < lanes; c++) cell[c] = c < count ? x[(long)c * inPlane + q] : 0;
            }
        }

        /// <summary>
        /// Each output pixel of the block: bias + Σ taps input · weight, as (pixel, lane). The pixels go in groups of 2 rows
        /// × 4 that share each weight load and keep 8 independent chains of multiply-adds in flight; a group that would pass
        /// the last row or column ends there and overlaps the one before (those pixels are computed twice, the same way).
        /// No call in here (the activation is a pass of its own): with one, the JIT kept the accumulators on the
        /// stack, 5× slower.
        /// </summary>
        [MethodImpl(MethodImplOptions.NoInlining)] // its own loops and registers; one call per block
        private static void Compute<TV, W>(ref Job job, float* padded, float* blockWeights, float* blockBias, float* sums)
            where TV : struct where W : struct, IVectorOps<TV>
        {
            int lanes = (int)W.Lanes, pw = job.PaddedWidth, kh = job.H.Kernel, kw = job.W.Kernel, outHeight = job.OutHeight, outWidth = job.OutWidth;
            nint rowStep = (nint)job.H.Dilation * pw * lanes, columnStep = (nint)job.W.Dilation * lanes;
            nint pixelStep = (nint)job.W.Stride * lanes, rowStride = (nint)job.H.Stride * pw * lanes;
            ref float x = ref Unsafe.AsRef<float>(padded);
            ref float w = ref Unsafe.AsRef<float>(blockWeights);
            ref float y = ref Unsafe.AsRef<float>(sums);
            TV b = W.Load(ref Unsafe.AsRef<float>(blockBias), 0);
            // Groups of 2 rows × 4 pixels: 8 chains in flight, two input pointers. A group that would pass the image's
            // last row or column is moved back to end there. Images lower than 2 rows or narrower than 4 columns go one
            // pixel at a time.
            int rows = outHeight >= 2 && outWidth >= 4 ? 2 : 1, columns = rows == 2 ? 4 : 1;
            for (int rowStart = 0; rowStart < outHeight; rowStart += rows)
            {
                int oh = Math.Min(rowStart, outHeight - rows);
                for (int columnStart = 0; columnStart < outWidth; columnStart += columns)
                {
                    int ow = Math.Min(columnStart, outWidth - columns);
                    nint window = oh * rowStride + ow * pixelStep, o = ((nint)oh * outWidth + ow) * lanes;
                    if (rows == 2)
                        Pixels2x4<TV, W>(ref x, ref w, ref y, b, window, o, kh, kw, rowStep, columnStep, pixelStep, rowStride, (nint)outWidth * lanes);
                    else
                        Pixel<TV, W>(ref x, ref w, ref y, b, window, o, kh, kw, rowStep, columnStep);
                }
            }
        }

        /// <summary>Output pixels [ow, ow + 4) of rows oh and oh + 1 (window offsets <paramref name="rowStride"/> apart, results <paramref name="outRow"/> apart).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Pixels2x4<TV, W>(ref float x, ref float w, ref float y, TV b, nint window, nint o, int kh, int kw,
            nint rowStep, nint columnStep, nint pixelStep, nint rowStride, nint outRow)
            where TV : struct where W : struct, IVectorOps<TV>
        {
            nint lanes = W.Lanes, tap = 0;
            TV acc0 = b, acc1 = b, acc2 = b, acc3 = b, acc4 = b, acc5 = b, acc6 = b, acc7 = b;
            ref float x1 = ref Unsafe.Add(ref x, rowStride);
            for (int i = 0; i < kh; i++, window += rowStep)
            {
                nint at = window;
                for (int j = 0; j < kw; j++, at += columnStep, tap += lanes)
                {
                    TV weight = W.Load(ref w, tap);
                    acc0 = W.MultiplyAdd(W.Load(ref x, at), weight, acc0);
                    acc1 = W.MultiplyAdd(W.Load(ref x, at + pixelStep), weight, acc1);
                    acc2 = W.MultiplyAdd(W.Load(ref x, at + 2 * pixelStep), weight, acc2);
                    acc3 = W.MultiplyAdd(W.Load(ref x, at + 3 * pixelStep), weight, acc3);
                    acc4 = W.MultiplyAdd(W.Load(ref x1, at), weight, acc4);
                    acc5 = W.MultiplyAdd(W.Load(ref x1, at + pixelStep), weight, acc5);
                    acc6 = W.MultiplyAdd(W.Load(ref x1, at + 2 * pixelStep), weight, acc6);
                    acc7 = W.MultiplyAdd(W.Load(ref x1, at + 3 * pixelStep), weight, acc7);
                }
            }

            W.Store(acc0, ref y, o);
            W.Store(acc1, ref y, o + lanes);
            W.Store(acc2, ref y, o + 2 * lanes);
            W.Store(acc3, ref y, o + 3 * lanes);
            W.Store(acc4, ref y, o + outRow);
            W.Store(acc5, ref y, o + outRow + lanes);
            W.Store(acc6, ref y, o + outRow + 2 * lanes);
            W.Store(acc7, ref y, o + outRow + 3 * lanes);
        }

        /// <summary>One output pixel, from window offset <paramref name="window"/>, to <paramref name="o"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Pixel<TV, W>(ref float x, ref float w, ref float y, TV b, nint window, nint o, int kh, int kw,
            nint rowStep, nint columnStep)
            where TV : struct where W : struct, IVectorOps<TV>
        {
            nint lanes = W.Lanes, tap = 0;
            TV acc0 = b;
            for (int i = 0; i < kh; i++, window += rowStep)
            {
                nint at = window;
                for (int j = 0; j < kw; j++, at += columnStep, tap += lanes)
                {
                    TV weight = W.Load(ref w, tap);
                    acc0 = W.MultiplyAdd(W.Load(ref x, at), weight, acc0);
                }
            }

            W.Store(acc0, ref y, o + 0 * lanes);
        }

        /// <summary>Lanes [0, count) of the block's results to their (channel, out height, out width) planes, whole tiles transposed in registers.</summary>
        [MethodImpl(MethodImplOptions.NoInlining)] // its own loops and registers; one call per block
        private static void Store<TV, W>(ref Job job, float* sums, float* y, int count)
            where TV : struct where W : struct, IVectorOps<TV>
        {
            int lanes = (int)W.Lanes, outPlane = job.OutHeight * job.OutWidth, q = 0;
            if (count == lanes)
            {
                for (; q + lanes <= outPlane; q += lanes) W.TransposeTile(ref sums[(nint)q * lanes], lanes, ref y[q], outPlane);
            }

            for (int c = 0; c < count; c++)
            {
                float* to = y + (long)c * outPlane, from = sums + c;
                for (int i = q; i < outPlane; i++) to[i] = from[i * lanes];
            }
        }

        /// <summary>The first 64-byte boundary at or after <paramref name="p"/>.</summary>
        private static float* Aligned(float* p) => (float*)(((nint)p + 63) & ~(nint)63);

        private struct Job
        {
            public float* Input, Output, Weights, Bias;
            public int Channels, Height, Width, OutHeight, OutWidth, PaddedHeight, PaddedWidth, Blocks, Units, Parts;
            public ConvAxis H, W;
            public Activation Activation;
            public float Slope;
        }
    }
}
