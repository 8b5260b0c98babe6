using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ConvGen.Internal
{
    /// <summary>
    /// Runs a 3×3, stride-1 <c>Conv2d</c> as Winograd F(4×4, 3×3) (<see cref="ConvAlgorithm.Winograd"/>): Y = Aᵀ[(G g Gᵀ) ⊙
    /// (Bᵀ d B)]A per 4×4 output tile, with the points 0, ±1, ±2, ∞ of Lavin and Gray (2016). Channels are in the vector
    /// lanes throughout, so every transform is whole-vector arithmetic:
    /// <list type="number">
    /// <item>the input of a group of images is padded and transposed to (image, row, column, channel) — <see cref="PadRow"/>;</item>
    /// <item>each 6×6 patch of a block of tiles becomes 36 channel vectors V[k][tile][channel] — <see cref="InputTransform"/>;</item>
    /// <item>36 matrix products M[k] = V[k]·U[k] over the input channels, a register tile of 6 tiles × 4 (or 2) vectors of output
    ///   channels per step — <see cref="Gemm"/>;</item>
    /// <item>each tile's 36 products become 4×4 outputs in (image, row, column, channel) — <see cref="OutputTransform"/>;</item>
    /// <item>those are transposed to the (N, C, H, W) output, with the bias and the activation — <see cref="Finish"/>.</item>
    /// </list>
    /// The filters are transformed once, in double, when the layer is created (<see cref="PackWeights"/>). Tiles are taken in
    /// blocks small enough for V and M to stay near the core while every U[k] is read once per block; small images are
    /// grouped so that a block spans several of them. Threads share each phase; nothing is allocated per call once warm.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class WinogradDriver
    {
        /// <summary>Tiles per register tile of the matrix product.</summary>
        private const int Rows = 6;

        /// <summary>
        /// Vectors of output channels per register tile of the matrix product (and per packed panel of U): 4 with 32 vector
        /// registers (Vector512: 24 accumulators, 4 weight vectors, a broadcast), 2 with 16 (12 accumulators).
        /// </summary>
        private static int Vectors => Lanes == 16 ? 4 : 2;

        /// <summary>
        /// Bytes of V and M per block of tiles, so that they stay in a core's L2 while U streams past (A/B in one process on
        /// Zen 5: 2 MiB against 8 MiB halves the time of 56×56 × 64-channel layers at batch 8 and of 160×160 × 32 ones) —
        /// unless U itself is larger than the caches, when every block reads it from memory again: then a block holds a
        /// quarter of U's bytes (a 13×13 image of 512 → 1024 channels, U = 75 MB, is one block instead of two).
        /// </summary>
        private static long BlockBytes(long transformedWeightBytes) => Math.Max(2L << 20, transformedWeightBytes / 4);

        /// <summary>Floats per vector of the widest accelerated width: the runtime's choice, made the same way at packing and at Forward.</summary>
        internal static int Lanes =>
            Vector512.IsHardwareAccelerated ? 16 : Vector256.IsHardwareAccelerated ? 8 : Vector128.IsHardwareAccelerated ? 4 : 1;

        /// <summary>Output channels rounded up to whole panels of U.</summary>
        private static int PaddedOut(int outChannels) => RoundUp(outChannels, Vectors * Lanes);

        private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;

        /// <summary>
        /// Checks <paramref name="weight"/> (out, in, 3, 3) and transforms each filter g to U = G g Gᵀ (6×6, in double, rounded
        /// once), stored as U[k][panel][in][a panel: 4 (or 2) vectors of output channels], k = 6·row + column.
        /// </summary>
        public static float[] PackWeights(ConvParameters parameters, ReadOnlySpan<float> weight)
        {
            var p = parameters.Dims;
            CheckServes(p);
            ConvDriver.CheckWeight(parameters, weight);
            int cin = p.InChannels, cout = p.OutChannels, panel = Vectors * Lanes, coutP = PaddedOut(cout), panels = coutP / panel;
            var packed = new float[36L * cin * coutP];
            Span<double> gg = stackalloc double[18], u = stackalloc double[6];
            for (int oc = 0; oc < cout; oc++)
            {
                for (int ic = 0; ic < cin; ic++)
                {
                    ReadOnlySpan<float> g = weight.Slice((oc * cin + ic) * 9, 9);
                    // G g (6×3), one column of g at a time; then (G g) Gᵀ (6×6), one row of G g at a time.
                    for (int c = 0; c < 3; c++) Interpolate(g[c], g[3 + c], g[6 + c], gg, c, 3);
                    for (int r = 0; r < 6; r++)
                    {
                        Interpolate(gg[r * 3], gg[r * 3 + 1], gg[r * 3 + 2], u, 0, 1);
                        for (int c = 0; c < 6; c++)
                            packed[(((long)(r * 6 + c) * panels + oc / panel) * cin + ic) * panel + oc % panel] = (float)u[c];
                    }
                }
            }

            return packed;
        }

        /// <summary>G·(g0, g1, g2): the filter's values at the points 0, 1, −1, 2, −2, ∞ (scaled), stored at target[offset + i·step].</summary>
        private static void Interpolate(double g0, double g1, double g2, Span<double> target, int offset, int step)
        {
            target[offset] = g0 / 4;
            target[offset + step] = -(g0 + g1 + g2) / 6;
            target[offset + 2 * step] = -(g0 - g1 + g2) / 6;
            target[offset + 3 * step] = g0 / 24 + g1 / 12 + g2 / 6;
            target[offset + 4 * step] = g0 / 24 - g1 / 12 + g2 / 6;
            target[offset + 5 * step] = g2;
        }

        /// <summary>Throws when <see cref="WinogradRule"/> rules this layer out (the generator reports it at build time first).</summary>
        private static void CheckServes(in ConvDims p)
        {
            string? why = WinogradRule.Unsupported(p.Rank, p.Transposed, p.H.Kernel, p.W.Kernel, p.H.Stride, p.W.Stride,
                p.H.Dilation, p.W.Dilation, p.Groups, p.PaddingMode);
            if (why is not null) throw new ArgumentException($"ConvAlgorithm.Winograd can't compute this layer: {why}.");
        }

        /// <summary>
        /// Convolves <paramref name="batch"/> images (in, height, width) into (out, outHeight, outWidth) on up to
        /// <paramref name="threads"/> threads, with the widest accelerated vectors.
        /// </summary>
        public static void Forward(ConvParameters parameters, float[] packedWeights, float[]? bias,
            ReadOnlySpan<float> input, Span<float> output, int batch, int height, int width, int threads)
        {
            var p = parameters.Dims;
            if (batch < 0) throw new ArgumentOutOfRangeException(nameof(batch), batch, "batch must not be negative.");
            if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), threads, "threads must be at least 1.");
            if (height <= 0) throw new ArgumentOutOfRangeException(nameof(height), height, "height must be positive.");
            if (width <= 0) throw new ArgumentOutOfRangeException(nameof(width), width, "width must be positive.");
            long outH = p.H.Output(height), outW = p.W.Output(width);
            if (outH <= 0 || outW <= 0)
            {
                throw new ArgumentException(
                    $"Padded input size per channel is {p.H.Padded(height)} x {p.W.Padded(width)} but the kernel is 3 x 3: " +
                    "the kernel can't be larger than the padded input.");
            }

            ConvDriver.CheckSpans(p, input, output, batch, (1, height, width), (1, outH, outW));
            if (packedWeights.Length != 36L * p.InChannels * PaddedOut(p.OutChannels))
                throw new InvalidOperationException("The weights were packed for another vector width.");
            if (batch == 0) return;
            if (Vector512.IsHardwareAccelerated) Run<Vector512<float>, Ops512>(parameters, packedWeights, bias, input, output, batch, height, width, threads);
            else if (Vector256.IsHardwareAccelerated) Run<Vector256<float>, Ops256>(parameters, packedWeights, bias, input, output, batch, height, width, threads);
            else if (Vector128.IsHardwareAccelerated) Run<Vector128<float>, Ops128>(parameters, packedWeights, bias, input, output, batch, height, width, threads);
            else Run<float, OpsScalar>(parameters, packedWeights, bias, input, output, batch, height, width, threads);
        }

        /// <summary>One call's sizes and buffers, shared by the threads of each phase.</summary>
        private unsafe struct Job
        {
            public float* Input, Output, Weights, Bias, P, V, M, O;
            public int Cin, Cout, CinP, CoutP, Panels;
            public int Height, Width, OutHeight, OutWidth, TilesHigh, TilesWide, PaddedHeight, PaddedWidth, PadTop, PadLeft;
            /// <summary>Images in the current group; tiles [FirstTile, FirstTile + Tiles) of the group (numbered image by image) in the current block.</summary>
            public int Images, FirstTile, Tiles, Parts;
            /// <summary>Floats between V[k] and V[k + 1], and between M[k] and M[k + 1].</summary>
            public nint VStride, MStride;
            public Activation Activation;
            public float Slope;
            /// <summary>Panels of 4 vectors (<see cref="Gemm4"/>) rather than 2.</summary>
            public bool Wide;

            public readonly int TilesPerImage => TilesHigh * TilesWide;
        }

        private static unsafe void Run<TV, W>(ConvParameters parameters, float[] packedWeights, float[]? bias,
            ReadOnlySpan<float> input, Span<float> output, int batch, int height, int width, int threads)
            where TV : struct where W : struct, IVectorOps<TV>
        {
            var p = parameters.Dims;
            int lanes = (int)W.Lanes;
            var job = new Job
            {
                Cin = p.InChannels, Cout = p.OutChannels, CinP = RoundUp(p.InChannels, lanes), CoutP = PaddedOut(p.OutChannels),
                Height = height, Width = width, OutHeight = (int)p.H.Output(height), OutWidth = (int)p.W.Output(width),
                PadTop = p.H.PadBefore, PadLeft = p.W.PadBefore, Activation = parameters.Activation, Slope = parameters.NegativeSlope,
            };
            job.Panels = job.CoutP / (Vectors * lanes);
            job.Wide = Vectors == 4;
            job.TilesHigh = (job.OutHeight + 3) / 4;
            job.TilesWide = (job.OutWidth + 3) / 4;
            job.PaddedHeight = 4 * job.TilesHigh + 2;
            job.PaddedWidth = 4 * job.TilesWide + 2;
            int tilesPerImage = job.TilesPerImage;
            long blockBytes = BlockBytes(36L * 4 * job.Cin * job.CoutP);
            int blockTiles = RoundUp((int)Math.Min(1 << 20, Math.Max(Rows, blockBytes / (36L * 4 * (job.CinP + job.CoutP)))), Rows);
            int groupImages = tilesPerImage >= blockTiles ? 1 : Math.Min(batch, blockTiles / tilesPerImage);
            int maxTiles = Math.Min(blockTiles, groupImages * tilesPerImage);
            job.VStride = Staggered((long)maxTiles * job.CinP);
            job.MStride = Staggered((long)maxTiles * job.CoutP);
            long pLength = (long)groupImages * job.PaddedHeight * job.PaddedWidth * job.CinP;
            long oLength = (long)groupImages * 4 * job.TilesHigh * 4 * job.TilesWide * job.CoutP;
            long length = pLength + oLength + 36L * (job.VStride + job.MStride);
            if (length > Array.MaxLength)
                throw new ArgumentException($"An input of {height} x {width} is too large for this layer's working buffer.");

            long inImage = (long)p.InChannels * height * width, outImage = (long)p.OutChannels * job.OutHeight * job.OutWidth;
            threads = WorkSplit.Useful(threads, 2L * batch * outImage * p.InChannels * 9 / 4); // a quarter of the direct multiplies
            float[] workspace = ThreadBuffers.Workspace((int)length);
            fixed (float* x = input, y = output, u = packedWeights, b = bias, buffer = workspace)
            {
                job.Weights = u;
                job.Bias = b;
                job.P = buffer;
                job.O = buffer + pLength;
                job.V = job.O + oLength;
                job.M = job.V + 36 * job.VStride;
                for (int n0 = 0; n0 < batch; n0 += groupImages)
                {
                    job.Images = Math.Min(groupImages, batch - n0);
                    job.Input = x + n0 * inImage;
                    job.Output = y + n0 * outImage;
                    WorkerPool.For(threads, job.Images * job.PaddedHeight, &PadRow<TV, W>, &job);
                    int groupTiles = job.Images * tilesPerImage;
                    for (job.FirstTile = 0; job.FirstTile < groupTiles; job.FirstTile += blockTiles)
                    {
                        job.Tiles = Math.Min(blockTiles, groupTiles - job.FirstTile);
                        job.Parts = threads == 1 ? 1 : Math.Min(job.Tiles, 4 * threads);
                        WorkerPool.For(threads, job.Parts, &InputTransform<TV, W>, &job);
                        WorkerPool.For(threads, 36 * job.Panels, job.Wide ? &Gemm4<TV, W> : &Gemm<TV, W>, &job);
                        WorkerPool.For(threads, job.Parts, &OutputTransform<TV, W>, &job);
                    }

                    WorkerPool.For(threads, job.Images * ((job.Cout + lanes - 1) / lanes), &Finish<TV, W>, &job);
                }
            }
        }

        /// <summary>
        /// <paramref name="length"/> rounded up to an odd number of 64-byte lines: the 36 slices of V and M a transform
        /// touches for one tile then fall in different cache sets, where a multiple of 4 KiB (256 channels × 16 tiles) would
        /// put all 36 in one set and evict each other.
        /// </summary>
        private static nint Staggered(long length)
        {
            long lines = (length + 15) / 16;
            return (nint)((lines | 1) * 16);
        }

        /// <summary>
        /// Row <paramref name="item"/> = image · PaddedHeight + row of the padded, transposed input P[image][row][column][channel]:
        /// zeros outside the input, input channels transposed in Lanes × Lanes blocks, channels past the last zero.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)] // optimised at the first call, as the generated kernels: no tier-0 pass
        private static unsafe void PadRow<TV, W>(void* state, int item)
            where TV : struct where W : struct, IVectorOps<TV>
        {
            ref Job job = ref *(Job*)state;
            int lanes = (int)W.Lanes, cin = job.Cin, cinP = job.CinP, width = job.Width;
            int image = item / job.PaddedHeight, row = item % job.PaddedHeight, h = row - job.PadTop;
            nint rowLength = (nint)job.PaddedWidth * cinP;
            float* target = job.P + ((nint)image * job.PaddedHeight + row) * rowLength;
            if (h < 0 || h >= job.Height)
            {
                new Span<float>(target, (int)rowLength).Clear();
                return;
            }

            nint plane = (nint)job.Height * width;
            float* source = job.Input + (nint)image * cin * plane + (nint)h * width;
            float* inside = target + (nint)job.PadLeft * cinP;
            new Span<float>(target, job.PadLeft * cinP).Clear();
            new Span<float>(inside + (nint)width * cinP, (int)(rowLength - (job.PadLeft + width) * (nint)cinP)).Clear();
            int fullChannels = cin / lanes * lanes, fullColumns = width / lanes * lanes;
            for (int c = 0; c < fullChannels; c += lanes)
            {
                for (int w = 0; w < fullColumns; w += lanes)
                    W.TransposeTile(ref source[c * plane + w], plane, ref inside[(nint)w * cinP + c], cinP);
                for (int w = fullColumns; w < width; w++)
                {
                    for (int i = 0; i < lanes; i++) inside[(nint)w * cinP + c + i] = source[(c + i) * plane + w];
                }
            }

            for (int w = 0; w < width; w++)
            {
                for (int c = fullChannels; c < cinP; c++) inside[(nint)w * cinP + c] = c < cin ? source[c * plane + w] : 0f;
            }
        }

        /// <summary>
        /// Part <paramref name="part"/> of the block's tiles: each tile's 6×6 patch d of P becomes V[k][tile] = (Bᵀ d B)[k],
        /// the column pass first (stored in V), then the row pass in place.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)] // optimised at the first call, as the generated kernels: no tier-0 pass
        private static unsafe void InputTransform<TV, W>(void* state, int part)
            where TV : struct where W : struct, IVectorOps<TV>
        {
            ref Job job = ref *(Job*)state;
            int lanes = (int)W.Lanes, cinP = job.CinP, tilesPerImage = job.TilesPerImage;
            nint vk = job.VStride, pixel = cinP, patchRow = (nint)job.PaddedWidth * cinP;
            int begin = (int)((long)job.Tiles * part / job.Parts), end = (int)((long)job.Tiles * (part + 1) / job.Parts);
            for (int t = begin; t < end; t++)
            {
                int tile = job.FirstTile + t, image = tile / tilesPerImage, ty = tile % tilesPerImage / job.TilesWide, tx = tile % job.TilesWide;
                ref float d = ref job.P[(((nint)image * job.PaddedHeight + 4 * ty) * job.PaddedWidth + 4 * tx) * cinP];
                ref float v = ref job.V[(nint)t * cinP];
                for (nint c = 0; c < cinP; c += lanes)
                {
                    for (nint j = 0; j < 6; j++)
                    {
                        nint at = j * pixel + c;
                        Transform6<TV, W>(W.Load(ref d, at), W.Load(ref d, at + patchRow), W.Load(ref d, at + 2 * patchRow),
                            W.Load(ref d, at + 3 * patchRow), W.Load(ref d, at + 4 * patchRow), W.Load(ref d, at + 5 * patchRow),
                            ref v, j * vk + c, 6 * vk);
                    }

                    for (nint i = 0; i < 6; i++)
                    {
                        nint at = 6 * i * vk + c;
                        Transform6<TV, W>(W.Load(ref v, at), W.Load(ref v, at + vk), W.Load(ref v, at + 2 * vk),
                            W.Load(ref v, at + 3 * vk), W.Load(ref v, at + 4 * vk), W.Load(ref v, at + 5 * vk),
                            ref v, at, vk);
                    }
                }
            }
        }

        /// <summary>Bᵀ·(d0 … d5), stored at target[offset + i·step].</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Transform6<TV, W>(TV d0, TV d1, TV d2, TV d3, TV d4, TV d5, ref float target, nint offset, nint step)
            where TV : struct where W : struct, IVectorOps<TV>
        {
            TV four = W.Splat(4f), minusFour = W.Splat(-4f), two = W.Splat(2f), minusFive = W.Splat(-5f);
            TV d4m2 = W.Subtract(d4, d2);
            W.Store(W.MultiplyAdd(d0, four, W.MultiplyAdd(d2, minusFive, d4)), ref target, offset);
            W.Store(W.MultiplyAdd(W.Add(d1, d2), minusFour, W.Add(d3, d4)), ref target, offset + step);
            W.Store(W.MultiplyAdd(W.Subtract(d1, d2), four, W.Subtract(d4, d3)), ref target, offset + 2 * step);
            W.Store(W.MultiplyAdd(W.Subtract(d3, d1), two, d4m2), ref target, offset + 3 * step);
            W.Store(W.MultiplyAdd(W.Subtract(d1, d3), two, d4m2), ref target, offset + 4 * step);
            W.Store(W.MultiplyAdd(d1, four, W.MultiplyAdd(d3, minusFive, d5)), ref target, offset + 5 * step);
        }

        /// <summary>
        /// Item <paramref name="item"/> = k · Panels + panel: M[k][tile][panel] = Σ_in V[k][tile][in] · U[k][panel][in] for every
        /// tile of the block, 6 tiles × 2 vectors in registers; the last step repeats the block's last tile instead of reading past it.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)] // optimised at the first call, as the generated kernels: no tier-0 pass
        private static unsafe void Gemm<TV, W>(void* state, int item)
            where TV : struct where W : struct, IVectorOps<TV>
        {
            ref Job job = ref *(Job*)state;
            int k = item / job.Panels, panel = item % job.Panels, cin = job.Cin, tiles = job.Tiles;
            nint lanes = W.Lanes, width = 2 * lanes, cinP = job.CinP, coutP = job.CoutP;
            float* u = job.Weights + ((nint)k * job.Panels + panel) * cin * width;
            float* vk = job.V + k * job.VStride;
            float* mk = job.M + k * job.MStride + panel * width;
            for (int t0 = 0; t0 < tiles; t0 += Rows)
            {
                int last = tiles - 1;
                float* v0 = vk + t0 * cinP, v1 = vk + Math.Min(t0 + 1, last) * cinP, v2 = vk + Math.Min(t0 + 2, last) * cinP;
                float* v3 = vk + Math.Min(t0 + 3, last) * cinP, v4 = vk + Math.Min(t0 + 4, last) * cinP, v5 = vk + Math.Min(t0 + 5, last) * cinP;
                TV a00 = default, a01 = default, a10 = default, a11 = default, a20 = default, a21 = default;
                TV a30 = default, a31 = default, a40 = default, a41 = default, a50 = default, a51 = default;
                ref float w = ref *u;
                for (nint c = 0; c < cin; c++)
                {
                    TV w0 = W.Load(ref w, c * width), w1 = W.Load(ref w, c * width + lanes);
                    TV x = W.Splat(v0[c]);
                    a00 = W.MultiplyAdd(x, w0, a00); a01 = W.MultiplyAdd(x, w1, a01);
                    x = W.Splat(v1[c]);
                    a10 = W.MultiplyAdd(x, w0, a10); a11 = W.MultiplyAdd(x, w1, a11);
                    x = W.Splat(v2[c]);
                    a20 = W.MultiplyAdd(x, w0, a20); a21 = W.MultiplyAdd(x, w1, a21);
                    x = W.Splat(v3[c]);
                    a30 = W.MultiplyAdd(x, w0, a30); a31 = W.MultiplyAdd(x, w1, a31);
                    x = W.Splat(v4[c]);
                    a40 = W.MultiplyAdd(x, w0, a40); a41 = W.MultiplyAdd(x, w1, a41);
                    x = W.Splat(v5[c]);
                    a50 = W.MultiplyAdd(x, w0, a50); a51 = W.MultiplyAdd(x, w1, a51);
                }

                // Stored last to first, so that a repeated last tile ends with its own (equal) values either way.
                ref float m = ref *mk;
                W.Store(a50, ref m, Math.Min(t0 + 5, last) * coutP); W.Store(a51, ref m, Math.Min(t0 + 5, last) * coutP + lanes);
                W.Store(a40, ref m, Math.Min(t0 + 4, last) * coutP); W.Store(a41, ref m, Math.Min(t0 + 4, last) * coutP + lanes);
                W.Store(a30, ref m, Math.Min(t0 + 3, last) * coutP); W.Store(a31, ref m, Math.Min(t0 + 3, last) * coutP + lanes);
                W.Store(a20, ref m, Math.Min(t0 + 2, last) * coutP); W.Store(a21, ref m, Math.Min(t0 + 2, last) * coutP + lanes);
                W.Store(a10, ref m, Math.Min(t0 + 1, last) * coutP); W.Store(a11, ref m, Math.Min(t0 + 1, last) * coutP + lanes);
                W.Store(a00, ref m, (nint)t0 * coutP); W.Store(a01, ref m, (nint)t0 * coutP + lanes);
            }
        }

        /// <summary><see cref="Gemm"/> with 4 vectors of output channels per step (6 tiles × 4 vectors in registers).</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)] // optimised at the first call, as the generated kernels: no tier-0 pass
        private static unsafe void Gemm4<TV, W>(void* state, int item)
            where TV : struct where W : struct, IVectorOps<TV>
        {
            ref Job job = ref *(Job*)state;
            int k = item / job.Panels, panel = item % job.Panels, cin = job.Cin, tiles = job.Tiles;
            nint lanes = W.Lanes, width = 4 * lanes, cinP = job.CinP, coutP = job.CoutP;
            float* u = job.Weights + ((nint)k * job.Panels + panel) * cin * width;
            float* vk = job.V + k * job.VStride;
            float* mk = job.M + k * job.MStride + panel * width;
            for (int t0 = 0; t0 < tiles; t0 += Rows)
            {
                int last = tiles - 1;
                float* v0 = vk + t0 * cinP, v1 = vk + Math.Min(t0 + 1, last) * cinP, v2 = vk + Math.Min(t0 + 2, last) * cinP;
                float* v3 = vk + Math.Min(t0 + 3, last) * cinP, v4 = vk + Math.Min(t0 + 4, last) * cinP, v5 = vk + Math.Min(t0 + 5, last) * cinP;
                TV a00 = default, a01 = default, a02 = default, a03 = default, a10 = default, a11 = default, a12 = default, a13 = default;
                TV a20 = default, a21 = default, a22 = default, a23 = default, a30 = default, a31 = default, a32 = default, a33 = default;
                TV a40 = default, a41 = default, a42 = default, a43 = default, a50 = default, a51 = default, a52 = default, a53 = default;
                ref float w = ref *u;
                for (nint c = 0; c < cin; c++)
                {
                    nint at = c * width;
                    TV w0 = W.Load(ref w, at), w1 = W.Load(ref w, at + lanes), w2 = W.Load(ref w, at + 2 * lanes), w3 = W.Load(ref w, at + 3 * lanes);
                    TV x = W.Splat(v0[c]);
                    a00 = W.MultiplyAdd(x, w0, a00); a01 = W.MultiplyAdd(x, w1, a01); a02 = W.MultiplyAdd(x, w2, a02); a03 = W.MultiplyAdd(x, w3, a03);
                    x = W.Splat(v1[c]);
                    a10 = W.MultiplyAdd(x, w0, a10); a11 = W.MultiplyAdd(x, w1, a11); a12 = W.MultiplyAdd(x, w2, a12); a13 = W.MultiplyAdd(x, w3, a13);
                    x = W.Splat(v2[c]);
                    a20 = W.MultiplyAdd(x, w0, a20); a21 = W.MultiplyAdd(x, w1, a21); a22 = W.MultiplyAdd(x, w2, a22); a23 = W.MultiplyAdd(x, w3, a23);
                    x = W.Splat(v3[c]);
                    a30 = W.MultiplyAdd(x, w0, a30); a31 = W.MultiplyAdd(x, w1, a31); a32 = W.MultiplyAdd(x, w2, a32); a33 = W.MultiplyAdd(x, w3, a33);
                    x = W.Splat(v4[c]);
                    a40 = W.MultiplyAdd(x, w0, a40); a41 = W.MultiplyAdd(x, w1, a41); a42 = W.MultiplyAdd(x, w2, a42); a43 = W.MultiplyAdd(x, w3, a43);
                    x = W.Splat(v5[c]);
                    a50 = W.MultiplyAdd(x, w0, a50); a51 = W.MultiplyAdd(x, w1, a51); a52 = W.MultiplyAdd(x, w2, a52); a53 = W.MultiplyAdd(x, w3, a53);
                }

                // Last to first, as in Gemm.
                ref float m = ref *mk;
                nint r = Math.Min(t0 + 5, last) * coutP;
                W.Store(a50, ref m, r); W.Store(a51, ref m, r + lanes); W.Store(a52, ref m, r + 2 * lanes); W.Store(a53, ref m, r + 3 * lanes);
                r = Math.Min(t0 + 4, last) * coutP;
                W.Store(a40, ref m, r); W.Store(a41, ref m, r + lanes); W.Store(a42, ref m, r + 2 * lanes); W.Store(a43, ref m, r + 3 * lanes);
                r = Math.Min(t0 + 3, last) * coutP;
                W.Store(a30, ref m, r); W.Store(a31, ref m, r + lanes); W.Store(a32, ref m, r + 2 * lanes); W.Store(a33, ref m, r + 3 * lanes);
                r = Math.Min(t0 + 2, last) * coutP;
                W.Store(a20, ref m, r); W.Store(a21, ref m, r + lanes); W.Store(a22, ref m, r + 2 * lanes); W.Store(a23, ref m, r + 3 * lanes);
                r = Math.Min(t0 + 1, last) * coutP;
                W.Store(a10, ref m, r); W.Store(a11, ref m, r + lanes); W.Store(a12, ref m, r + 2 * lanes); W.Store(a13, ref m, r + 3 * lanes);
                r = (nint)t0 * coutP;
                W.Store(a00, ref m, r); W.Store(a01, ref m, r + lanes); W.Store(a02, ref m, r + 2 * lanes); W.Store(a03, ref m, r + 3 * lanes);
            }
        }

        /// <summary>
        /// Part <paramref name="part"/> of the block's tiles: each tile's 36 products become Aᵀ M A, 4×4 outputs written to
        /// O[image][row][column][channel]; the column pass is stored in M's first four rows, the row pass goes to O.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)] // optimised at the first call, as the generated kernels: no tier-0 pass
        private static unsafe void OutputTransform<TV, W>(void* state, int part)
            where TV : struct where W : struct, IVectorOps<TV>
        {
            ref Job job = ref *(Job*)state;
            int lanes = (int)W.Lanes, coutP = job.CoutP, tilesPerImage = job.TilesPerImage;
            nint mk = job.MStride, oRow = (nint)4 * job.TilesWide * coutP;
            int begin = (int)((long)job.Tiles * part / job.Parts), end = (int)((long)job.Tiles * (part + 1) / job.Parts);
            for (int t = begin; t < end; t++)
            {
                int tile = job.FirstTile + t, image = tile / tilesPerImage, ty = tile % tilesPerImage / job.TilesWide, tx = tile % job.TilesWide;
                ref float m = ref job.M[(nint)t * coutP];
                ref float o = ref job.O[(((nint)image * 4 * job.TilesHigh + 4 * ty) * 4 * job.TilesWide + 4 * tx) * coutP];
                for (nint c = 0; c < coutP; c += lanes)
                {
                    for (nint j = 0; j < 6; j++)
                    {
                        nint at = j * mk + c;
                        Inverse6<TV, W>(W.Load(ref m, at), W.Load(ref m, at + 6 * mk), W.Load(ref m, at + 12 * mk),
                            W.Load(ref m, at + 18 * mk), W.Load(ref m, at + 24 * mk), W.Load(ref m, at + 30 * mk),
                            ref m, at, 6 * mk);
                    }

                    for (nint r = 0; r < 4; r++)
                    {
                        nint at = 6 * r * mk + c;
                        Inverse6<TV, W>(W.Load(ref m, at), W.Load(ref m, at + mk), W.Load(ref m, at + 2 * mk),
                            W.Load(ref m, at + 3 * mk), W.Load(ref m, at + 4 * mk), W.Load(ref m, at + 5 * mk),
                            ref o, r * oRow + c, coutP);
                    }
                }
            }
        }

        /// <summary>Aᵀ·(m0 … m5), stored at target[offset + i·step] for i = 0 … 3.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Inverse6<TV, W>(TV m0, TV m1, TV m2, TV m3, TV m4, TV m5, ref float target, nint offset, nint step)
            where TV : struct where W : struct, IVectorOps<TV>
        {
            TV sum12 = W.Add(m1, m2), diff12 = W.Subtract(m1, m2), sum34 = W.Add(m3, m4), diff34 = W.Subtract(m3, m4);
            W.Store(W.Add(W.Add(m0, sum12), sum34), ref target, offset);
            W.Store(W.MultiplyAdd(diff34, W.Splat(2f), diff12), ref target, offset + step);
            W.Store(W.MultiplyAdd(sum34, W.Splat(4f), sum12), ref target, offset + 2 * step);
            W.Store(W.Add(W.MultiplyAdd(diff34, W.Splat(8f), diff12), m5), ref target, offset + 3 * step);
        }

        /// <summary>
        /// Item <paramref name="item"/> = image · channel blocks + block: Lanes output channels of O transposed into the
        /// (N, C, H, W) output (the rows and columns past the output dropped), then bias and activation over their planes.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)] // optimised at the first call, as the generated kernels: no tier-0 pass
        private static unsafe void Finish<TV, W>(void* state, int item)
            where TV : struct where W : struct, IVectorOps<TV>
        {
            ref Job job = ref *(Job*)state;
            int lanes = (int)W.Lanes, blocks = (job.Cout + lanes - 1) / lanes, image = item / blocks, c0 = item % blocks * lanes;
            int count = Math.Min(lanes, job.Cout - c0), outW = job.OutWidth, coutP = job.CoutP;
            nint plane = (nint)job.OutHeight * outW, oWidth = 4 * job.TilesWide;
            float* source = job.O + (nint)image * 4 * job.TilesHigh * oWidth * coutP + c0;
            float* target = job.Output + ((nint)image * job.Cout + c0) * plane;
            int fullColumns = count == lanes ? outW / lanes * lanes : 0;
            for (int h = 0; h < job.OutHeight; h++)
            {
                float* row = source + h * oWidth * coutP;
                for (int w = 0; w < fullColumns; w += lanes)
                    W.TransposeTile(ref row[(nint)w * coutP], coutP, ref target[(nint)h * outW + w], plane);
                for (int w = fullColumns; w < outW; w++)
                {
                    for (int i = 0; i < count; i++) target[i * plane + (nint)h * outW + w] = row[(nint)w * coutP + i];
                }
            }

            for (int i = 0; i < count; i++)
                BiasActivation<TV, W>(new Span<float>(target + i * plane, (int)plane), job.Bias is null ? null : job.Bias[c0 + i], job.Activation, job.Slope);
        }

        /// <summary>values = activation(values + bias), the bias left out when there is none.</summary>
        private static void BiasActivation<TV, W>(Span<float> values, float? hasBias, Activation activation, float slope)
            where TV : struct where W : struct, IVectorOps<TV>
        {
            if (activation == Activation.None && hasBias is null) return;
            float bias = hasBias ?? 0f;
            ref float x = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(values);
            nint n = values.Length, i = 0;
            TV b = W.Splat(bias);
            if (activation == Activation.None)
            {
                for (; i <= n - W.Lanes; i += W.Lanes) W.Store(W.Add(W.Load(ref x, i), b), ref x, i);
                for (; i < n; i++) Unsafe.Add(ref x, i) += bias;
                return;
            }

            for (; i <= n - W.Lanes; i += W.Lanes) W.Store(ActivationPass.Apply<TV, W>(W.Add(W.Load(ref x, i), b), activation, slope), ref x, i);
            for (; i < n; i++) Unsafe.Add(ref x, i) = ActivationPass.Apply<float, OpsScalar>(Unsafe.Add(ref x, i) + bias, activation, slope);
        }
    }
}
