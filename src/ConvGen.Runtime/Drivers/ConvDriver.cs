using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ConvGen.Internal
{
    /// <summary>
    /// Runs a generated grid kernel (<see cref="IGridKernel"/>) for a convolution of any rank: argument checks, weight
    /// packing, padding, the loops over images, groups and channel tiles, and the copy from the kernel's grid to the
    /// (N, C, *spatial) output. How threads share a call is decided in <see cref="WorkSplit"/>.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class ConvDriver
    {
        /// <summary>
        /// Checks <paramref name="weight"/> <c>(out, in/groups, *kernel_size)</c> and packs it per tile of
        /// <paramref name="tileChannels"/> output channels: <c>[tile][in/groups][taps][channel in tile]</c>; a depthwise 2-D layer's
        /// are followed by the same weights as <see cref="DepthwiseChannelBlocks"/> reads them.
        /// </summary>
        public static float[] PackWeights(ConvParameters parameters, ReadOnlySpan<float> weight, int tileChannels)
        {
            var p = parameters.Dims;
            CheckWeight(parameters, weight);

            // A depthwise 2-D layer also keeps its weights as DepthwiseChannelBlocks reads them, after the tiles.
            var packed = new float[weight.Length + DepthwiseChannelBlocks.PackedLength(p)];
            PackTiles(weight, packed, p.Groups, p.OutChannelsPerGroup, p.Filter, tileChannels);
            if (packed.Length > weight.Length) DepthwiseChannelBlocks.Pack(p, weight, packed.AsSpan(weight.Length));
            return packed;
        }

        /// <summary>Checks that <paramref name="weight"/> has the elements of shape <c>(out, in/groups, *kernel_size)</c>, naming it otherwise.</summary>
        internal static void CheckWeight(ConvParameters parameters, ReadOnlySpan<float> weight)
        {
            var p = parameters.Dims;
            if (weight.Length != parameters.WeightLength)
            {
                string kernel = p.Rank switch
                {
                    1 => $"k={p.W.Kernel}",
                    2 => $"kH={p.H.Kernel}, kW={p.W.Kernel}",
                    _ => $"kD={p.D.Kernel}, kH={p.H.Kernel}, kW={p.W.Kernel}",
                };
                throw new ArgumentException(
                    $"weight has {weight.Length} elements but shape (out={p.OutChannels}, in/groups={p.InChannelsPerGroup}, " +
                    $"{kernel}) needs {parameters.WeightLength}.", nameof(weight));
            }
        }

        /// <summary>
        /// Packs a <c>(out, filter)</c> weight per tile of <paramref name="tileChannels"/> output channels of each group:
        /// <c>[tile][filter][channel in tile]</c>, a last tile of a group holding only its channels.
        /// </summary>
        internal static void PackTiles(ReadOnlySpan<float> weight, Span<float> packed, int groups, int coutG, int filter, int tileChannels)
        {
            for (int g = 0; g < groups; g++)
            {
                for (int t0 = 0; t0 < coutG; t0 += tileChannels)
                {
                    int oc0 = g * coutG + t0, count = Math.Min(tileChannels, coutG - t0);
                    Span<float> tile = packed.Slice(oc0 * filter, count * filter);
                    for (int m = 0; m < count; m++)
                    {
                        ReadOnlySpan<float> source = weight.Slice((oc0 + m) * filter, filter);
                        for (int k = 0; k < source.Length; k++)
                            tile[k * count + m] = source[k];
                    }
                }
            }
        }

        /// <summary>Checks and copies the bias <c>(out)</c>.</summary>
        public static float[] CopyBias(ConvParameters p, ReadOnlySpan<float> bias)
        {
            if (bias.Length != p.OutChannels)
                throw new ArgumentException($"bias has {bias.Length} elements but shape (out={p.OutChannels}) needs {p.OutChannels}.", nameof(bias));
            return bias.ToArray();
        }

        /// <summary>
        /// Convolves <paramref name="batch"/> images <c>(in, depth, height, width)</c> (depth and height 1 below 3-D) with
        /// kernel <typeparamref name="TKernel"/>. Allocates nothing in steady state: the padded input lives in the calling
        /// thread's workspace, the kernel's output tile in a buffer of the thread that computes it (<see cref="ThreadBuffers"/>).
        /// The kernel reads the caller's input directly when there is nothing to pad or split, and writes the caller's
        /// output directly when its grid has no extra columns (see <see cref="ConvGeometry"/>). Up to <c>threads</c> threads
        /// share the work (<see cref="WorkSplit"/>, <see cref="WorkerPool"/>). A 1×1 layer on a single pixel is a
        /// matrix–vector product (<see cref="PixelDriver"/>).
        /// </summary>
        public static unsafe void Forward<TKernel>(ConvParameters parameters, float[] packedWeights, float[]? bias,
            ReadOnlySpan<float> input, Span<float> output, int batch, int depth, int height, int width, int threads)
            where TKernel : struct, IGridKernel
        {
            var p = parameters.Dims;
            var g = Check<TKernel>(p, input, output, batch, depth, height, width, threads);
            if (batch == 0) return;
            if (PixelDriver.Serves(p, g))
            {
                fixed (float* x = input, y = output, w = packedWeights, b = bias)
                    PixelDriver.Run(parameters, w, b, x, y, batch, TKernel.TileChannels);
                return;
            }

            Run<TKernel>(p, packedWeights, bias, input, output, batch, g, WorkSplit.Useful(threads, p, batch, g));
        }

        /// <summary>Checks the sizes and spans of a call and returns its geometry.</summary>
        internal static ConvGeometry Check<TKernel>(in ConvDims p, ReadOnlySpan<float> input, Span<float> output,
            int batch, int depth, int height, int width, int threads)
            where TKernel : struct, IGridKernel
        {
            if (batch < 0) throw new ArgumentOutOfRangeException(nameof(batch), batch, "batch must not be negative.");
            if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), threads, "threads must be at least 1.");
            var g = ConvGeometry.Create(p, depth, height, width, TKernel.TileChannels, TKernel.TilePixels, TKernel.TailPixels);
            CheckSpans(p, input, output, batch, (depth, height, width), (g.OutputDepth, g.OutputHeight, g.OutputWidth));
            return g;
        }

        /// <summary>
        /// Checks that <paramref name="input"/> and <paramref name="output"/> hold <paramref name="batch"/> images of the
        /// given sizes, naming PyTorch's shape on a mismatch, and that they do not overlap.
        /// </summary>
        internal static void CheckSpans(in ConvDims p, ReadOnlySpan<float> input, Span<float> output, int batch,
            (long D, long H, long W) inSize, (long D, long H, long W) outSize)
        {
            long inImage = p.InChannels * inSize.D * inSize.H * inSize.W, outImage = p.OutChannels * outSize.D * outSize.H * outSize.W;
            if (inImage > Array.MaxLength || outImage > Array.MaxLength)
                throw new ArgumentException($"An image of {p.Shape(1, p.InChannels, inSize.D, inSize.H, inSize.W).Replace("N=1, ", "")} is larger than a span can hold.");
            if (input.Length != batch * inImage)
            {
                throw new ArgumentException(
                    $"input has {input.Length} elements but shape {p.Shape(batch, p.InChannels, inSize.D, inSize.H, inSize.W)} needs {batch * inImage}.",
                    nameof(input));
            }

            if (output.Length != batch * outImage)
            {
                throw new ArgumentException(
                    $"output has {output.Length} elements but shape {p.Shape(batch, p.OutChannels, outSize.D, outSize.H, outSize.W)} " +
                    $"needs {batch * outImage}.", nameof(output));
            }

            if (batch > 0 && input.Overlaps(output))
                throw new ArgumentException("input and output must not overlap.", nameof(output));
        }

        /// <summary>
        /// The tiles over the padded copy of each (image, group) unit, after <see cref="Check"/>. With more threads, either
        /// each thread takes whole units, or, one unit after the other, the threads share its padding by channels and then
        /// its channel tiles, each cut into parts of the grid (<see cref="WorkSplit"/>).
        /// </summary>
        internal static unsafe void Run<TKernel>(in ConvDims p, float[] packedWeights, float[]? bias,
            ReadOnlySpan<float> input, Span<float> output, int batch, in ConvGeometry g, int threads)
            where TKernel : struct, IGridKernel
        {
            int units = batch * p.Groups;
            fixed (float* x = input, y = output, w = packedWeights, b = bias)
            {
                var job = new GroupJob { Dims = p, Input = x, Output = y, Weights = w, Bias = b, Geometry = g };
                if (WorkSplit.ByUnits(units, threads))
                {
                    WorkerPool.For(threads, units, &RunUnit<TKernel>, &job);
                    return;
                }

                for (int unit = 0; unit < units; unit++) RunUnit<TKernel>(ref job, unit, threads);
            }
        }

        private static unsafe void RunUnit<TKernel>(void* state, int unit)
            where TKernel : struct, IGridKernel =>
            RunUnit<TKernel>(ref *(GroupJob*)state, unit, 1);

        /// <summary>Group unit mod groups of image unit / groups: pads it in this thread's workspace, then its tiles on up to <paramref name="threads"/> threads.</summary>
        private static unsafe void RunUnit<TKernel>(ref GroupJob job, int unit, int threads)
            where TKernel : struct, IGridKernel
        {
            ref readonly ConvDims p = ref job.Dims;
            ref readonly ConvGeometry g = ref job.Geometry;
            int n = unit / p.Groups, group = unit % p.Groups;
            int groupInput = p.InChannelsPerGroup * g.InputPlane, outPlane = g.OutputPlane;
            int tileChannels = TKernel.TileChannels, coutG = p.OutChannelsPerGroup, oc0 = group * coutG;
            float[] workspace = ThreadBuffers.Workspace(g.DirectInput ? 0 : g.ScratchLength);
            float* groupStart = job.Input + (nint)unit * groupInput; // images are groups·groupInput apart
            fixed (float* padded = workspace)
            {
                if (!g.DirectInput)
                {
                    var fill = new FillJob { Dims = p, Image = groupStart, Scratch = padded, Geometry = g };
                    fill.Parts = WorkSplit.FillParts(p.InChannelsPerGroup, threads);
                    WorkerPool.For(threads, fill.Parts, &RunFill, &fill);
                }

                int tiles = (coutG + tileChannels - 1) / tileChannels;
                int parts = WorkSplit.GridParts(tiles, g.GridEnd / TKernel.TilePixels, threads);
                var tileJob = new TileJob
                {
                    Input = g.DirectInput ? groupStart : padded,
                    Filter = p.Filter,
                    Bias = job.Bias is null ? null : job.Bias + oc0,
                    Output = job.Output + (nint)n * p.OutChannels * outPlane + (nint)oc0 * outPlane,
                    Geometry = g, OutChannels = coutG, OutPlane = outPlane,
                    Parts = parts, PartPixels = g.GridEnd / parts / TKernel.TilePixels * TKernel.TilePixels,
                };
                tileJob.Weights = job.Weights + (nint)oc0 * tileJob.Filter;
                WorkerPool.For(threads, tiles * parts, &RunTile<TKernel>, &tileJob);
            }
        }

        /// <summary>Pads channels [part·channels/Parts, (part + 1)·channels/Parts) of a unit; the last part also writes the slack past its last channel.</summary>
        internal static unsafe void RunFill(void* state, int part)
        {
            ref FillJob job = ref *(FillJob*)state;
            ref readonly ConvDims p = ref job.Dims;
            ref readonly ConvGeometry g = ref job.Geometry;
            int channels = p.InChannelsPerGroup, c0 = (int)((long)part * channels / job.Parts), c1 = (int)((long)(part + 1) * channels / job.Parts);
            int plane = g.InputPlane;
            int scratchEnd = part == job.Parts - 1 ? g.ScratchLength : c1 * g.ChannelStride;
            Span<float> row = p.W.Stride > 2 ? ThreadBuffers.Row(g.PaddedWidth).AsSpan(0, g.PaddedWidth) : default;
            InputPadding.Fill(new ReadOnlySpan<float>(job.Image + (nint)c0 * plane, (c1 - c0) * plane),
                new Span<float>(job.Scratch + (nint)c0 * g.ChannelStride, scratchEnd - c0 * g.ChannelStride), row, p, g);
        }

        /// <summary>
        /// Work item <paramref name="item"/> = tile · Parts + part of a unit: the kernel computes the part's grid pixels of
        /// the tile's channels into the caller's output, or into this thread's tile buffer when the grid has extra columns
        /// or rows, which <see cref="CopyOut"/> then drops.
        /// </summary>
        private static unsafe void RunTile<TKernel>(void* state, int item)
            where TKernel : struct, IGridKernel
        {
            ref TileJob job = ref *(TileJob*)state;
            ref readonly ConvGeometry g = ref job.Geometry;
            int tile = item / job.Parts, part = item % job.Parts;
            int q0 = part * job.PartPixels, q1 = part == job.Parts - 1 ? g.GridEnd : q0 + job.PartPixels;
            int t0 = tile * TKernel.TileChannels, count = Math.Min(TKernel.TileChannels, job.OutChannels - t0);
            ref float w = ref job.Weights[(nint)t0 * job.Filter];
            ref float b = ref job.Bias is null ? ref Unsafe.NullRef<float>() : ref job.Bias[t0];
            var result = new Span<float>(job.Output + (nint)t0 * job.OutPlane, count * job.OutPlane);
            Span<float> target = g.DirectOutput ? result : ThreadBuffers.Tile(TKernel.TileChannels * g.ChannelPitch);
            var range = g with { GridEnd = q1 - q0 };
            ref float x = ref job.Input[q0];
            ref float y = ref Unsafe.Add(ref MemoryMarshal.GetReference(target), q0);
            if (count == TKernel.TileChannels)
                TKernel.Full(ref x, ref w, ref b, ref y, in range);
            else
                TKernel.Remainder(ref x, ref w, ref b, ref y, in range);
            if (!g.DirectOutput) CopyOut(target, result, count, g, q0, q1);
        }

        /// <summary>
        /// Drops the grid's extra columns (and, in 3-D, rows) from grid pixels [<paramref name="q0"/>, <paramref name="q1"/>):
        /// grid row r is output row r mod PlaneHeight of depth slice r / PlaneHeight, if that row is below OutputHeight;
        /// row oh of slice od of channel m is tile[m·ChannelPitch + od·SliceSize + oh·PlaneWidth ..][..OutputWidth].
        /// </summary>
        private static void CopyOut(ReadOnlySpan<float> tile, Span<float> output, int count, in ConvGeometry g, int q0, int q1)
        {
            int outW = g.OutputWidth, outH = g.OutputHeight, planeW = g.PlaneWidth, planeH = g.PlaneHeight, outPlane = g.OutputPlane;
            // Small layers copy hundreds of short rows per call: check the block once, then walk two references.
            if (count == 0) return;
            long lastRow = (long)(g.OutputDepth - 1) * planeH + outH - 1;
            if (tile.Length < (long)(count - 1) * g.ChannelPitch + lastRow * planeW + outW || output.Length != count * outPlane)
                throw new InvalidOperationException("The tile does not match the output block.");
            int firstRow = q0 / planeW, endRow = (int)Math.Min(lastRow + 1, (q1 + (long)planeW - 1) / planeW);
            ref float tileStart = ref MemoryMarshal.GetReference(tile);
            ref float outStart = ref MemoryMarshal.GetReference(output);
            for (int m = 0; m < count; m++)
            {
                for (int r = firstRow; r < endRow; r++)
                {
                    int od = r / planeH, oh = r - od * planeH;
                    if (oh >= outH) continue;
                    // The part of grid row r inside [q0, q1): all of it unless the row straddles a part's start or end.
                    int rowStart = r * planeW, lo = Math.Max(q0, rowStart), hi = Math.Min(q1, rowStart + outW);
                    if (lo >= hi) continue;
                    Rows.Copy(ref Unsafe.Add(ref tileStart, (nint)m * g.ChannelPitch + lo),
                        ref Unsafe.Add(ref outStart, (nint)m * outPlane + ((nint)od * outH + oh) * outW + (lo - rowStart)), hi - lo);
                }
            }
        }
    }
}
