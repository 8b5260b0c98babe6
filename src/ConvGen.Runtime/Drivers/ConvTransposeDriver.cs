using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ConvGen.Internal
{
    /// <summary>
    /// Runs a transposed convolution (<c>torch.nn.ConvTransposeNd</c>) as one stride-1 convolution per output phase
    /// (<see cref="TransposedShape"/>): the input is zero-padded once per (image, group), each phase's generated kernel
    /// (<see cref="ITransposedKernel"/>) computes its outputs — every tap that reaches them summed in registers, then the
    /// bias and the activation — and they are written to their places in the output, stride apart. No product is spent on
    /// the zeros of a zero-upsampled input, and no output is summed in memory.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class ConvTransposeDriver
    {
        /// <summary>
        /// Checks <paramref name="weight"/> <c>(in, out/groups, *kernel_size)</c>, as PyTorch stores it, and packs it per
        /// phase, one after the other: phase p's block is <c>[tile][in/groups][phase taps][channel in tile]</c>, its taps in
        /// (kd, kh, kw) order, as the generator emits them.
        /// </summary>
        public static float[] PackWeights(ConvParameters parameters, ReadOnlySpan<float> weight, int tileChannels)
        {
            var p = parameters.Dims;
            if (weight.Length != parameters.WeightLength)
            {
                throw new ArgumentException(
                    $"weight has {weight.Length} elements but shape (in={p.InChannels}, out/groups={p.OutChannelsPerGroup}, " +
                    $"{string.Join(", ", parameters.KernelSize)}) needs {parameters.WeightLength}.", nameof(weight));
            }

            int taps = p.Taps, inG = p.InChannelsPerGroup, outG = p.OutChannelsPerGroup;
            var packed = new float[PackedLength(p)];
            var tapIndex = new int[taps];
            int start = 0;
            for (int phase = 0; phase < Phases(p); phase++)
            {
                int count = PhaseTaps(p, phase, tapIndex);
                if (count == 0) continue;
                int filter = inG * count;
                var conv = new float[p.OutChannels * filter]; // the phase's (out, in/groups, phase taps) convolution weight
                for (int g = 0; g < p.Groups; g++)
                for (int ic = 0; ic < inG; ic++)
                for (int oc = 0; oc < outG; oc++)
                for (int t = 0; t < count; t++)
                    conv[((g * outG + oc) * inG + ic) * count + t] = weight[((g * inG + ic) * outG + oc) * taps + tapIndex[t]];
                ConvDriver.PackTiles(conv, packed.AsSpan(start, conv.Length), p.Groups, outG, filter, tileChannels);
                start += conv.Length;
            }

            return packed;
        }

        /// <summary>
        /// <paramref name="batch"/> images <c>(in, depth, height, width)</c> → <c>(out, outDepth, outHeight, outWidth)</c>
        /// with <typeparamref name="TKernel"/> on up to <paramref name="threads"/> threads (phases, channel tiles and parts of
        /// the grid shared as a convolution's tiles are). Allocates nothing once each thread's buffers are sized.
        /// </summary>
        public static unsafe void Forward<TKernel>(ConvParameters parameters, float[] packedWeights, float[]? bias,
            ReadOnlySpan<float> input, Span<float> output, int batch, int depth, int height, int width, int threads)
            where TKernel : struct, ITransposedKernel
        {
            var p = parameters.Dims;
            if (batch < 0) throw new ArgumentOutOfRangeException(nameof(batch), batch, "batch must not be negative.");
            if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), threads, "threads must be at least 1.");
            if (depth <= 0) throw new ArgumentOutOfRangeException(nameof(depth), depth, "depth must be positive.");
            if (height <= 0) throw new ArgumentOutOfRangeException(nameof(height), height, "height must be positive.");
            if (width <= 0) throw new ArgumentOutOfRangeException(p.Rank == 1 ? "length" : nameof(width), width, $"{(p.Rank == 1 ? "length" : "width")} must be positive.");
            long outD = p.D.TransposedOutput(depth), outH = p.H.TransposedOutput(height), outW = p.W.TransposedOutput(width);
            if (outD <= 0 || outH <= 0 || outW <= 0)
                throw new ArgumentException($"An input of {p.Size(depth, height, width)} gives an empty output {p.Size(outD, outH, outW)}.");
            ConvDriver.CheckSpans(p, input, output, batch, (depth, height, width), (outD, outH, outW));
            if (batch == 0) return;

            var q = PhaseConvolution(p, depth, height, width, outD, outH, outW);
            // The kernel's grid always goes to a tile buffer: its outputs are spread over the output, stride apart.
            var g = ConvGeometry.Create(q, depth, height, width, TKernel.TileChannels, TKernel.TilePixels, TKernel.TailPixels) with { DirectOutput = false };
            threads = WorkSplit.Useful(threads, q, batch, g);
            int tiles = (p.OutChannelsPerGroup + TKernel.TileChannels - 1) / TKernel.TileChannels;
            int parts = WorkSplit.GridParts(tiles * p.D.Stride * p.H.Stride, g.GridEnd / TKernel.TilePixels, threads);
            int groupInput = p.InChannelsPerGroup * g.InputPlane;
            long outPlane = outD * outH * outW;
            float[] workspace = ThreadBuffers.Workspace(g.DirectInput ? 0 : g.ScratchLength);
            fixed (float* x = input, y = output, w = packedWeights, b = bias, padded = workspace)
            {
                var job = new PhaseJob
                {
                    Dims = p, Geometry = g, Weights = w, Tiles = tiles, Parts = parts,
                    PartPixels = g.GridEnd / parts / TKernel.TilePixels * TKernel.TilePixels,
                    OutDepth = (int)outD, OutHeight = (int)outH, OutWidth = (int)outW,
                    Activation = parameters.Activation, Slope = parameters.NegativeSlope,
                };
                for (int unit = 0; unit < batch * p.Groups; unit++)
                {
                    int n = unit / p.Groups, group = unit % p.Groups;
                    float* groupStart = x + (nint)unit * groupInput;
                    if (!g.DirectInput)
                    {
                        var fill = new FillJob { Dims = q, Image = groupStart, Scratch = padded, Geometry = g, Parts = WorkSplit.FillParts(p.InChannelsPerGroup, threads) };
                        WorkerPool.For(threads, fill.Parts, &ConvDriver.RunFill, &fill);
                    }

                    int oc0 = group * p.OutChannelsPerGroup;
                    job.Input = g.DirectInput ? groupStart : padded;
                    job.Group = group;
                    job.Bias = b is null ? null : b + oc0;
                    job.Output = y + (nint)((n * (long)p.OutChannels + oc0) * outPlane);
                    WorkerPool.For(threads, p.D.Stride * p.H.Stride * tiles * parts, &RunTile<TKernel>, &job);
                }
            }
        }

        /// <summary>
        /// The phases' common stride-1 convolution: kernel = the phases' window, padding in front as the taps need, and
        /// behind as far as the longest phase's outputs read, so that its output covers every phase (longer phases than
        /// a given one compute a few outputs that are not written anywhere).
        /// </summary>
        private static ConvDims PhaseConvolution(in ConvDims p, int depth, int height, int width, long outD, long outH, long outW)
        {
            static ConvAxis Axis(in ConvAxis a, int input, long output)
            {
                int before = TransposedShape.PadBefore(a.Kernel, a.Stride, a.Dilation, a.PadBefore);
                int window = TransposedShape.Window(a.Kernel, a.Stride, a.Dilation, a.PadBefore);
                long longest = TransposedShape.PhaseLength(output, 0, a.Stride);
                int after = (int)Math.Max(0, longest + window - 1 - input - before);
                return new ConvAxis(window, 1, 1, before, after);
            }

            return p with { D = Axis(p.D, depth, outD), H = Axis(p.H, height, outH), W = Axis(p.W, width, outW), PaddingMode = PaddingMode.Zeros, Transposed = false };
        }

        private static int Phases(in ConvDims p) => p.D.Stride * p.H.Stride * p.W.Stride;

        /// <summary>(rd, rh, rw) of phase <paramref name="phase"/> = (rd·sH + rh)·sW + rw.</summary>
        private static (int D, int H, int W) Phase(in ConvDims p, int phase) =>
            (phase / (p.H.Stride * p.W.Stride), phase / p.W.Stride % p.H.Stride, phase % p.W.Stride);

        /// <summary>Taps that reach <paramref name="phase"/>; with <paramref name="taps"/>, also their indices kd·kH·kW + kh·kW + kw, in order.</summary>
        private static int PhaseTaps(in ConvDims p, int phase, Span<int> taps = default)
        {
            var (rd, rh, rw) = Phase(p, phase);
            int count = 0;
            for (int kd = 0; kd < p.D.Kernel; kd++)
            for (int kh = 0; kh < p.H.Kernel; kh++)
            for (int kw = 0; kw < p.W.Kernel; kw++)
            {
                if (!TransposedShape.Feeds(rd, kd, p.D.Stride, p.D.Dilation, p.D.PadBefore, out _)
                    || !TransposedShape.Feeds(rh, kh, p.H.Stride, p.H.Dilation, p.H.PadBefore, out _)
                    || !TransposedShape.Feeds(rw, kw, p.W.Stride, p.W.Dilation, p.W.PadBefore, out _))
                {
                    continue;
                }

                if (!taps.IsEmpty) taps[count] = (kd * p.H.Kernel + kh) * p.W.Kernel + kw;
                count++;
            }

            return count;
        }

        /// <summary>Elements of all phases' packed weights: every tap of every (in, out/groups) pair once.</summary>
        private static int PackedLength(in ConvDims p) => p.InChannels * p.OutChannelsPerGroup * p.Taps;

        /// <summary>What every tile of one (image, group) unit shares.</summary>
        private unsafe struct PhaseJob
        {
            public ConvDims Dims;
            public ConvGeometry Geometry;
            public float* Input, Weights, Bias, Output;
            public int Group, Tiles, Parts, PartPixels, OutDepth, OutHeight, OutWidth;
            public Activation Activation;
            public float Slope;
        }

        /// <summary>
        /// Work item (row phase·Tiles + tile)·Parts + part, row phase = rd·sH + rh: for each column phase rw, the phase
        /// kernel computes the part's grid pixels of the tile's channels into this thread's tile buffer; then they go to
        /// their outputs, the two column phases of a stride-2 row interleaved in registers. A phase that no tap reaches
        /// gets the activated bias, written by the tile's first part.
        /// </summary>
        private static unsafe void RunTile<TKernel>(void* state, int item)
            where TKernel : struct, ITransposedKernel
        {
            ref PhaseJob job = ref *(PhaseJob*)state;
            ref readonly ConvDims p = ref job.Dims;
            ref readonly ConvGeometry g = ref job.Geometry;
            int part = item % job.Parts, tile = item / job.Parts % job.Tiles, rowPhase = item / job.Parts / job.Tiles;
            int outG = p.OutChannelsPerGroup, t0 = tile * TKernel.TileChannels, count = Math.Min(TKernel.TileChannels, outG - t0);
            int outPlane = job.OutDepth * job.OutHeight * job.OutWidth, sW = p.W.Stride;
            var result = new Span<float>(job.Output + (nint)t0 * outPlane, count * outPlane);
            int q0 = part * job.PartPixels, q1 = part == job.Parts - 1 ? g.GridEnd : q0 + job.PartPixels;
            int block = TKernel.TileChannels * g.ChannelPitch;
            Span<float> tiles = ThreadBuffers.Tile(sW * block);
            var range = g with { GridEnd = q1 - q0 };
            ref float x = ref job.Input[q0];
            ref float b = ref job.Bias is null ? ref Unsafe.NullRef<float>() : ref job.Bias[t0];
            for (int rw = 0, phase = rowPhase * sW; rw < sW; rw++, phase++)
            {
                int taps = PhaseTaps(p, phase);
                if (taps == 0)
                {
                    if (part == 0) FillPhase(ref job, result, count, phase, job.Bias is null ? null : job.Bias + t0);
                    continue;
                }

                int start = 0;
                for (int earlier = 0; earlier < phase; earlier++) start += p.OutChannels * p.InChannelsPerGroup * PhaseTaps(p, earlier);
                ref float w = ref job.Weights[start + (nint)(job.Group * outG + t0) * p.InChannelsPerGroup * taps];
                ref float y = ref tiles[rw * block + q0];
                if (count == TKernel.TileChannels)
                    TKernel.Full(phase, ref x, ref w, ref b, ref y, in range);
                else
                    TKernel.Remainder(phase, ref x, ref w, ref b, ref y, in range);
            }

            CopyOut(ref job, tiles, block, result, count, rowPhase, q0, q1);
        }

        /// <summary>
        /// Grid pixel (jd, jh, jw) of grid pixels [<paramref name="q0"/>, <paramref name="q1"/>) of column phase rw — grid
        /// row r is jd = r / PlaneHeight, jh = r mod PlaneHeight — is output (sD·jd + rd, sH·jh + rh, sW·jw + rw) if that
        /// is inside the output. Column phase rw's grid is at rw·<paramref name="block"/> in <paramref name="tiles"/> (if a
        /// tap reaches it).
        /// </summary>
        private static void CopyOut(ref PhaseJob job, ReadOnlySpan<float> tiles, int block, Span<float> output, int count,
            int rowPhase, int q0, int q1)
        {
            ref readonly ConvDims p = ref job.Dims;
            ref readonly ConvGeometry g = ref job.Geometry;
            var (rd, rh, _) = Phase(p, rowPhase * p.W.Stride);
            int planeW = g.PlaneWidth, planeH = g.PlaneHeight, outW = job.OutWidth, outH = job.OutHeight, outPlane = output.Length / count;
            int lengthD = (int)TransposedShape.PhaseLength(job.OutDepth, rd, p.D.Stride);
            int lengthH = (int)TransposedShape.PhaseLength(outH, rh, p.H.Stride);
            int sW = p.W.Stride, even = (int)TransposedShape.PhaseLength(outW, 0, sW), odd = (int)TransposedShape.PhaseLength(outW, 1, sW);
            int firstPhase = rowPhase * sW;
            bool pairs = sW == 2 && PhaseTaps(p, firstPhase) > 0 && PhaseTaps(p, firstPhase + 1) > 0;
            if (tiles.Length < (long)(sW - 1) * block + (long)(count - 1) * g.ChannelPitch + q1)
                throw new InvalidOperationException("The tile does not match the output block.");
            ref float tileStart = ref MemoryMarshal.GetReference(tiles);
            ref float outStart = ref MemoryMarshal.GetReference(output);
            for (int rw = 0; rw < (pairs ? 1 : sW); rw++)
            {
                if (!pairs && PhaseTaps(p, firstPhase + rw) == 0) continue;
                int length = (int)TransposedShape.PhaseLength(outW, rw, sW);
                for (int r = q0 / planeW; r <= (q1 - 1) / planeW; r++)
                {
                    int jd = r / planeH, jh = r - jd * planeH;
                    if (jd >= lengthD || jh >= lengthH) continue;
                    int rowStart = r * planeW, c0 = Math.Max(q0, rowStart) - rowStart, c1 = Math.Min(q1 - rowStart, length);
                    if (c0 >= c1) continue;
                    nint row = ((nint)(jd * p.D.Stride + rd) * outH + jh * p.H.Stride + rh) * outW;
                    for (int m = 0; m < count; m++)
                    {
                        ref float source = ref Unsafe.Add(ref tileStart, rw * block + (nint)m * g.ChannelPitch + rowStart);
                        ref float destination = ref Unsafe.Add(ref outStart, (nint)m * outPlane + row);
                        if (pairs)
                        {
                            // Columns 2j and 2j + 1 from the even and odd phase; the even one is one longer when outW is odd.
                            int n = Math.Min(c1, odd) - c0;
                            if (n > 0) Rows.Interleave(ref Unsafe.Add(ref source, c0), ref Unsafe.Add(ref source, block + c0), ref Unsafe.Add(ref destination, 2 * c0), n);
                            if (even > odd && c0 <= odd && odd < c1) Unsafe.Add(ref destination, 2 * odd) = Unsafe.Add(ref source, odd);
                        }
                        else if (sW == 1)
                        {
                            Rows.Copy(ref Unsafe.Add(ref source, c0), ref Unsafe.Add(ref destination, c0), c1 - c0);
                        }
                        else
                        {
                            for (nint j = c0; j < c1; j++) Unsafe.Add(ref destination, j * sW + rw) = Unsafe.Add(ref source, j);
                        }
                    }
                }
            }
        }

        /// <summary>The outputs of a phase no tap reaches: the bias (0 without one) through the activation.</summary>
        private static unsafe void FillPhase(ref PhaseJob job, Span<float> output, int count, int phase, float* bias)
        {
            ref readonly ConvDims p = ref job.Dims;
            var (rd, rh, rw) = Phase(p, phase);
            int outPlane = output.Length / count;
            Span<float> value = stackalloc float[1];
            for (int m = 0; m < count; m++)
            {
                value[0] = bias is null ? 0f : bias[m];
                ActivationPass.Apply(value, job.Activation, job.Slope);
                for (int od = rd; od < job.OutDepth; od += p.D.Stride)
                for (int oh = rh; oh < job.OutHeight; oh += p.H.Stride)
                for (int ow = rw; ow < job.OutWidth; ow += p.W.Stride)
                    output[m * outPlane + (od * job.OutHeight + oh) * job.OutWidth + ow] = value[0];
            }
        }
    }
}
