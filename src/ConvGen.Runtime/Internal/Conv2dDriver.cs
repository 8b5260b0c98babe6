using System;
using System.Buffers;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ConvGen.Internal
{
    /// <summary>
    /// The part of every generated layer that does not depend on its shape: argument checks, weight packing, padding,
    /// the loops over images, groups and channel tiles, and the copy from the kernel's grid to NCHW output.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class Conv2dDriver
    {
        /// <summary>
        /// Checks <paramref name="weight"/> <c>(out, in/groups, kH, kW)</c> and packs it per tile of
        /// <paramref name="tileChannels"/> output channels: <c>[tile][in/groups][kH·kW][channel in tile]</c>.
        /// </summary>
        public static float[] PackWeights(Conv2dParameters p, ReadOnlySpan<float> weight, int tileChannels)
        {
            if (weight.Length != p.WeightLength)
            {
                throw new ArgumentException(
                    $"weight has {weight.Length} elements but shape (out={p.OutChannels}, in/groups={p.InChannelsPerGroup}, " +
                    $"kH={p.KernelHeight}, kW={p.KernelWidth}) needs {p.WeightLength}.", nameof(weight));
            }

            int taps = p.KernelHeight * p.KernelWidth, cinG = p.InChannelsPerGroup, coutG = p.OutChannelsPerGroup;
            var packed = new float[weight.Length];
            for (int g = 0; g < p.Groups; g++)
            {
                for (int t0 = 0; t0 < coutG; t0 += tileChannels)
                {
                    int oc0 = g * coutG + t0, count = Math.Min(tileChannels, coutG - t0);
                    Span<float> tile = packed.AsSpan(oc0 * cinG * taps, count * cinG * taps);
                    for (int m = 0; m < count; m++)
                    {
                        ReadOnlySpan<float> filter = weight.Slice((oc0 + m) * cinG * taps, cinG * taps);
                        for (int k = 0; k < filter.Length; k++)
                            tile[k * count + m] = filter[k];
                    }
                }
            }

            return packed;
        }

        [ThreadStatic]
        private static float[]? t_workspace;

        /// <summary>
        /// This thread's scratch memory, grown to the largest layer it has run and then kept: unlike
        /// <see cref="ArrayPool{T}"/>, which may drop idle buffers after a gen-2 GC and allocate again, it never allocates
        /// once warm. Forward never re-enters itself, so one buffer per thread is enough.
        /// </summary>
        private static float[] Workspace(int length) => Grown(ref t_workspace, length);

        /// <summary><paramref name="buffer"/>, replaced by a new array first if it is shorter than <paramref name="length"/>.</summary>
        private static float[] Grown(ref float[]? buffer, int length)
        {
            if (buffer is null || buffer.Length < length) buffer = new float[length];
            return buffer;
        }

        /// <summary>Checks and copies the bias <c>(out)</c>.</summary>
        public static float[] CopyBias(Conv2dParameters p, ReadOnlySpan<float> bias)
        {
            if (bias.Length != p.OutChannels)
                throw new ArgumentException($"bias has {bias.Length} elements but shape (out={p.OutChannels}) needs {p.OutChannels}.", nameof(bias));
            return bias.ToArray();
        }

        /// <summary>
        /// Convolves <paramref name="batch"/> images <c>(in, height, width)</c> with kernel <typeparamref name="TKernel"/>.
        /// Allocates nothing in steady state: the padded input lives in the calling thread's workspace
        /// (<see cref="Workspace"/>), the kernel's output tile in a buffer of the thread that computes it (<see cref="RunTile"/>).
        /// The kernel reads the caller's input directly when there is nothing to pad or split, and writes the caller's
        /// output directly when its grid has no extra columns (see <see cref="Conv2dGeometry"/>). Up to <c>threads</c> threads
        /// share the work (see <see cref="Run"/> and <see cref="WorkerPool"/>).
        /// </summary>
        public static void Forward<TKernel>(Conv2dParameters p, float[] packedWeights, float[]? bias,
            ReadOnlySpan<float> input, Span<float> output, int batch, int height, int width, int threads)
            where TKernel : struct, IConv2dKernel
        {
            var g = Check<TKernel>(p, input, output, batch, height, width, threads);
            if (batch > 0) Run<TKernel>(p, packedWeights, bias, input, output, batch, g, Useful(threads, p, batch, g));
        }

        /// <summary>
        /// Work a thread must have to itself to be worth waking: 2 MFLOP by default, 10–20 µs, several times what handing
        /// work to another core costs; smaller calls (small_3_12_g3, tiny_mnist: 0.2 MFLOP) stay on one thread. The
        /// runtime configuration option <c>ConvGen.MinFlopsPerThread</c> sets it (tests set 0 to split even tiny layers).
        /// </summary>
        private static readonly long MinFlopsPerThread =
            AppContext.GetData("ConvGen.MinFlopsPerThread") is string text && long.TryParse(text, out long value) && value >= 0 ? value : 2_000_000;

        /// <summary>
        /// <paramref name="threads"/>, lowered to the machine's processors and so that each thread gets at least
        /// <see cref="MinFlopsPerThread"/>: the one place a call's thread count is decided.
        /// </summary>
        private static int Useful(int threads, Conv2dParameters p, int batch, in Conv2dGeometry g)
        {
            threads = Math.Min(threads, Environment.ProcessorCount);
            if (threads == 1 || MinFlopsPerThread == 0) return threads;
            long flops = 2L * batch * p.OutChannels * g.OutputHeight * g.OutputWidth * p.InChannelsPerGroup * p.KernelHeight * p.KernelWidth;
            return (int)Math.Max(1, Math.Min(threads, flops / MinFlopsPerThread));
        }

        /// <summary>
        /// <see cref="Forward"/> for a depthwise layer: each channel goes straight from the caller's input to the caller's
        /// output through <see cref="IDepthwiseKernel.Plane"/>, with no copies; images smaller than the plane kernel
        /// takes go through the padded copy. Up to <c>threads</c> threads share the image planes (see <see cref="WorkerPool"/>).
        /// </summary>
        public static unsafe void ForwardDepthwise<TKernel>(Conv2dParameters p, float[] weights, float[]? bias,
            ReadOnlySpan<float> input, Span<float> output, int batch, int height, int width, int threads)
            where TKernel : struct, IDepthwiseKernel
        {
            var g = Check<TKernel>(p, input, output, batch, height, width, threads);
            if (batch == 0) return;
            threads = Useful(threads, p, batch, g);
            if (g.OutputWidth < TKernel.MinOutputWidth || g.OutputHeight < TKernel.MinOutputHeight || width < TKernel.MinInputWidth)
            {
                Run<TKernel>(p, weights, bias, input, output, batch, g, threads);
                return;
            }

            fixed (float* x = input, y = output, w = weights, b = bias, zeros = Zeros(width))
            {
                var job = new PlaneJob
                {
                    Input = x, Output = y, Weights = w, Bias = b, Zeros = zeros, Channels = p.OutChannels,
                    Taps = p.KernelHeight * p.KernelWidth, Height = height, Width = width,
                    InPlane = height * width, OutPlane = g.OutputHeight * g.OutputWidth,
                };
                WorkerPool.For(threads, batch * p.OutChannels, &RunPlane<TKernel>, &job);
            }
        }

        /// <summary>What every plane of a depthwise call shares; pointers into arrays and spans pinned by the caller.</summary>
        private unsafe struct PlaneJob
        {
            public float* Input, Output, Weights, Bias, Zeros;
            public int Channels, Taps, Height, Width, InPlane, OutPlane;
        }

        /// <summary>Plane <paramref name="plane"/> = n·channels + c of a depthwise call.</summary>
        private static unsafe void RunPlane<TKernel>(void* state, int plane)
            where TKernel : struct, IDepthwiseKernel
        {
            ref PlaneJob job = ref *(PlaneJob*)state;
            int c = plane % job.Channels;
            ref float b = ref job.Bias is null ? ref Unsafe.NullRef<float>() : ref job.Bias[c];
            TKernel.Plane(ref job.Input[(nint)plane * job.InPlane], ref *job.Zeros, ref job.Weights[c * job.Taps], ref b,
                ref job.Output[(nint)plane * job.OutPlane], job.Height, job.Width);
        }

        [ThreadStatic]
        private static float[]? t_zeros;

        /// <summary>This thread's row of zeros (never written), at least <paramref name="length"/> long.</summary>
        private static float[] Zeros(int length) => Grown(ref t_zeros, length);

        /// <summary>Checks the sizes and spans of a call and returns its geometry.</summary>
        private static Conv2dGeometry Check<TKernel>(Conv2dParameters p, ReadOnlySpan<float> input, Span<float> output, int batch, int height, int width, int threads)
            where TKernel : struct, IConv2dKernel
        {
            if (batch < 0) throw new ArgumentOutOfRangeException(nameof(batch), batch, "batch must not be negative.");
            if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), threads, "threads must be at least 1.");
            var g = Conv2dGeometry.Create(p, height, width, TKernel.TileChannels, TKernel.TilePixels, TKernel.TailPixels);
            long inImage64 = (long)p.InChannels * height * width, outImage64 = (long)p.OutChannels * g.OutputHeight * g.OutputWidth;
            if (inImage64 > Array.MaxLength || outImage64 > Array.MaxLength)
                throw new ArgumentException($"An image of ({p.InChannels}, {height}, {width}) is larger than a span can hold.");
            if (input.Length != batch * inImage64)
            {
                throw new ArgumentException(
                    $"input has {input.Length} elements but shape (N={batch}, C={p.InChannels}, H={height}, W={width}) " +
                    $"needs {batch * inImage64}.", nameof(input));
            }

            if (output.Length != batch * outImage64)
            {
                throw new ArgumentException(
                    $"output has {output.Length} elements but shape (N={batch}, C={p.OutChannels}, H={g.OutputHeight}, " +
                    $"W={g.OutputWidth}) needs {batch * outImage64}.", nameof(output));
            }

            if (batch > 0 && input.Overlaps(output))
                throw new ArgumentException("input and output must not overlap.", nameof(output));
            return g;
        }

        /// <summary>
        /// The tiles over the padded copy of each group (see <see cref="Forward"/>), after <see cref="Check"/>. With more
        /// threads, either each thread takes whole groups (of an image), padding them in its own workspace, when there
        /// are at least two per thread: the padded input then never moves between cores; or, one group after the other,
        /// the threads share its padding by channels and then its channel tiles, each cut into parts of the grid. Each
        /// output element is computed by one thread exactly as with one, so the result does not depend on the thread count.
        /// </summary>
        private static unsafe void Run<TKernel>(Conv2dParameters p, float[] packedWeights, float[]? bias,
            ReadOnlySpan<float> input, Span<float> output, int batch, in Conv2dGeometry g, int threads)
            where TKernel : struct, IConv2dKernel
        {
            int units = batch * p.Groups;
            fixed (float* x = input, y = output, w = packedWeights, b = bias)
            {
                // The job points at the local p: this frame outlives the job, and the GC updates the slot if p moves.
                var job = new GroupJob { Parameters = Unsafe.AsPointer(ref p), Input = x, Output = y, Weights = w, Bias = b, Geometry = g };
                if (threads > 1 && units >= 2 * threads)
                {
                    WorkerPool.For(threads, units, &RunGroup<TKernel>, &job);
                    return;
                }

                for (int unit = 0; unit < units; unit++) RunGroup<TKernel>(ref job, unit, threads);
            }
        }

        /// <summary>One <see cref="Forward"/> call: pointers into arrays and spans pinned by <see cref="Run"/>.</summary>
        private unsafe struct GroupJob
        {
            /// <summary>The address of <see cref="Run"/>'s <c>Conv2dParameters</c> argument.</summary>
            public void* Parameters;
            public float* Input, Output, Weights, Bias;
            public Conv2dGeometry Geometry;
        }

        private static unsafe void RunGroup<TKernel>(void* state, int unit)
            where TKernel : struct, IConv2dKernel =>
            RunGroup<TKernel>(ref *(GroupJob*)state, unit, 1);

        /// <summary>Group unit mod groups of image unit / groups: pads it in this thread's workspace, then its tiles on up to <paramref name="threads"/> threads.</summary>
        private static unsafe void RunGroup<TKernel>(ref GroupJob job, int unit, int threads)
            where TKernel : struct, IConv2dKernel
        {
            Conv2dParameters p = Unsafe.AsRef<Conv2dParameters>(job.Parameters);
            ref readonly Conv2dGeometry g = ref job.Geometry;
            int n = unit / p.Groups, group = unit % p.Groups;
            int groupInput = p.InChannelsPerGroup * g.Height * g.Width, outPlane = g.OutputHeight * g.OutputWidth;
            int tileChannels = TKernel.TileChannels, coutG = p.OutChannelsPerGroup, oc0 = group * coutG;
            float[] workspace = Workspace(g.DirectInput ? 0 : g.ScratchLength);
            float* groupStart = job.Input + (nint)unit * groupInput; // images are groups·groupInput apart
            fixed (float* padded = workspace)
            {
                if (!g.DirectInput)
                {
                    // The padding shares the group's channels out too: on one thread it would hold up the other for 2–5 %
                    // of a layer's time (more with stride 2).
                    var fill = new FillJob { Parameters = job.Parameters, Image = groupStart, Scratch = padded, Geometry = g };
                    fill.Parts = threads == 1 ? 1 : Math.Min(p.InChannelsPerGroup, 4 * threads);
                    WorkerPool.For(threads, fill.Parts, &RunFill, &fill);
                }

                int tiles = (coutG + tileChannels - 1) / tileChannels, parts = GridParts(tiles, g.GridEnd / TKernel.TilePixels, threads);
                var tileJob = new TileJob
                {
                    Input = g.DirectInput ? groupStart : padded,
                    Filter = p.InChannelsPerGroup * p.KernelHeight * p.KernelWidth,
                    Bias = job.Bias is null ? null : job.Bias + oc0,
                    Output = job.Output + (nint)n * p.OutChannels * outPlane + (nint)oc0 * outPlane,
                    Geometry = g, OutChannels = coutG, OutPlane = outPlane,
                    Parts = parts, PartPixels = g.GridEnd / parts / TKernel.TilePixels * TKernel.TilePixels,
                };
                tileJob.Weights = job.Weights + (nint)oc0 * tileJob.Filter;
                WorkerPool.For(threads, tiles * parts, &RunTile<TKernel>, &tileJob);
            }
        }

        /// <summary>One group's padding, cut into <see cref="Parts"/> runs of whole channels.</summary>
        private unsafe struct FillJob
        {
            public void* Parameters;
            public float* Image, Scratch;
            public Conv2dGeometry Geometry;
            public int Parts;
        }

        [ThreadStatic]
        private static float[]? t_row;

        /// <summary>Pads channels [part·channels/Parts, (part + 1)·channels/Parts) of a group; the last part also writes the slack past its last channel.</summary>
        private static unsafe void RunFill(void* state, int part)
        {
            ref FillJob job = ref *(FillJob*)state;
            Conv2dParameters p = Unsafe.AsRef<Conv2dParameters>(job.Parameters);
            ref readonly Conv2dGeometry g = ref job.Geometry;
            int channels = p.InChannelsPerGroup, c0 = (int)((long)part * channels / job.Parts), c1 = (int)((long)(part + 1) * channels / job.Parts);
            int plane = g.Height * g.Width;
            int scratchEnd = part == job.Parts - 1 ? g.ScratchLength : c1 * g.ChannelStride;
            Span<float> row = p.StrideWidth > 2 ? Grown(ref t_row, g.PaddedWidth).AsSpan(0, g.PaddedWidth) : default;
            InputPadding.Fill(new ReadOnlySpan<float>(job.Image + (nint)c0 * plane, (c1 - c0) * plane),
                new Span<float>(job.Scratch + (nint)c0 * g.ChannelStride, scratchEnd - c0 * g.ChannelStride), row, p, g);
        }

        /// <summary>
        /// How many parts each channel tile's grid is cut into: one on one thread; on more, enough that there are about
        /// eight work items per thread (a layer with few tiles, e.g. 64 channels in tiles of 8, would otherwise leave a
        /// thread idle while the other finishes its last tile), but no part shorter than a step of the kernel.
        /// </summary>
        private static int GridParts(int tiles, int steps, int threads) =>
            threads == 1 ? 1 : Math.Max(1, Math.Min(steps, (8 * threads + tiles - 1) / tiles));

        /// <summary>One group of one image: pointers into arrays and spans pinned by <see cref="Run"/>.</summary>
        private unsafe struct TileJob
        {
            public float* Input, Weights, Bias, Output;
            public Conv2dGeometry Geometry;
            public int OutChannels, OutPlane, Filter;

            /// <summary>Parts of the grid per tile and pixels per part (a multiple of TilePixels; the last part also takes the rest).</summary>
            public int Parts, PartPixels;
        }

        [ThreadStatic]
        private static float[]? t_tile;

        /// <summary>
        /// Work item <paramref name="item"/> = tile · Parts + part of a group: the kernel computes the part's grid pixels of
        /// the tile's channels into the caller's output, or into this thread's tile buffer (grown once, then kept) when the
        /// grid has extra columns, which <see cref="CopyOut"/> then drops.
        /// </summary>
        private static unsafe void RunTile<TKernel>(void* state, int item)
            where TKernel : struct, IConv2dKernel
        {
            ref TileJob job = ref *(TileJob*)state;
            ref readonly Conv2dGeometry g = ref job.Geometry;
            int tile = item / job.Parts, part = item % job.Parts;
            int q0 = part * job.PartPixels, q1 = part == job.Parts - 1 ? g.GridEnd : q0 + job.PartPixels;
            int t0 = tile * TKernel.TileChannels, count = Math.Min(TKernel.TileChannels, job.OutChannels - t0);
            ref float w = ref job.Weights[(nint)t0 * job.Filter];
            ref float b = ref job.Bias is null ? ref Unsafe.NullRef<float>() : ref job.Bias[t0];
            var result = new Span<float>(job.Output + (nint)t0 * job.OutPlane, count * job.OutPlane);
            Span<float> target = g.DirectOutput ? result : Grown(ref t_tile, TKernel.TileChannels * g.ChannelPitch);
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
        /// Drops the grid's extra columns from grid pixels [<paramref name="q0"/>, <paramref name="q1"/>): row oh of channel
        /// m is tile[m·ChannelPitch + oh·PlaneWidth ..][..OutputWidth].
        /// </summary>
        private static void CopyOut(ReadOnlySpan<float> tile, Span<float> output, int count, in Conv2dGeometry g, int q0, int q1)
        {
            int outW = g.OutputWidth, outH = g.OutputHeight, planeW = g.PlaneWidth;
            // Small layers copy hundreds of short rows per call: check the block once, then walk two references.
            if (count == 0) return;
            if (tile.Length < (long)(count - 1) * g.ChannelPitch + (long)(outH - 1) * planeW + outW || output.Length != count * outH * outW)
                throw new InvalidOperationException("The tile does not match the output block.");
            int firstRow = q0 / planeW, lastRow = Math.Min(outH, (q1 + planeW - 1) / planeW);
            ref float tileStart = ref MemoryMarshal.GetReference(tile);
            ref float outStart = ref MemoryMarshal.GetReference(output);
            for (int m = 0; m < count; m++)
            {
                for (int oh = firstRow; oh < lastRow; oh++)
                {
                    // The part of row oh inside [q0, q1): all of it unless the row straddles a part's start or end.
                    int rowStart = oh * planeW, lo = Math.Max(q0, rowStart), hi = Math.Min(q1, rowStart + outW);
                    if (lo >= hi) continue;
                    Rows.Copy(ref Unsafe.Add(ref tileStart, (nint)m * g.ChannelPitch + lo),
                        ref Unsafe.Add(ref outStart, (nint)m * outH * outW + (nint)oh * outW + (lo - rowStart)), hi - lo);
                }
            }
        }
    }
}
