using ConvGen.Generator.Common;

namespace ConvGen.Generator.Kernels
{
    /// <summary>The instruction sets a layer gets a kernel for, widest first: the order <c>Forward</c> dispatches in.</summary>
    internal enum Isa
    {
        Vector512,
        Vector256,
        Vector128,
        Scalar,
    }

    /// <summary>
    /// One instruction set's register tile: <see cref="TileChannels"/> output channels × <see cref="Vectors"/> vectors of
    /// <see cref="Lanes"/> grid pixels, i.e. TileChannels·Vectors accumulators.
    /// </summary>
    /// <param name="RemainderChannels">Output channels of a group's last tile when out/groups is not a multiple of TileChannels; 0 otherwise.</param>
    /// <param name="FixedPitch">With a fixed input size, the distance between output channels where the kernel writes
    /// (<c>ConvShape.TileLoop</c>); null otherwise. Where the grid ends always comes from the geometry: a multi-threaded
    /// call hands each thread a part of the grid.</param>
    internal sealed record IsaKernel(Isa Isa, int Lanes, int TileChannels, int Vectors, int RemainderChannels, int? FixedPitch)
    {
        public int TilePixels => Lanes * Vectors;

        /// <summary>
        /// What the grid's last step is a multiple of: one vector when a tile has at most <see cref="MaxTailVectors"/>
        /// vectors of at least 8 lanes (a step of 1 or 2 vectors each gets its own method), a whole tile otherwise. A
        /// 128-bit or scalar tile is 12 pixels or fewer: rounding a grid up to it wastes too little to pay for the code.
        /// </summary>
        public int TailPixels => Vectors <= MaxTailVectors && Lanes >= 8 ? Lanes : TilePixels;

        /// <summary>
        /// Narrow tiles with many vectors (depthwise-like groups) keep whole-tile steps: a tail method per vector count
        /// would multiply their code for a grid end that is a small part of their work.
        /// </summary>
        public const int MaxTailVectors = 3;

        /// <summary>The kernel's name in generated code, as XNNPACK names its micro-kernels: tile and instruction set, e.g. <c>8x3v_Vector512</c>.</summary>
        public string Suffix => $"{TileChannels}x{Vectors}v_{Isa}";
    }

    /// <summary>
    /// Where a kernel row starts in the padded input, relative to the grid pixel: Phase·phaseSize + Slice·sliceSize +
    /// Row·planeWidth (<c>ConvGeometry</c>). Taps of one kernel row share it unless a column stride puts them in
    /// different phases.
    /// </summary>
    internal sealed record RowOffset(int Phase, int Slice, int Row);

    /// <summary>A kernel tap (<paramref name="Label"/>, e.g. "(1, 2)") reads the padded input at row offset <see cref="RowIndex"/> plus <see cref="Column"/>.</summary>
    internal sealed record Tap(string Label, int RowIndex, int Column);

    /// <summary>The geometry's sizes, known at compile time when the attribute fixes the input size.</summary>
    internal sealed record FixedGeometry(int PlaneWidth, int SliceSize, int PhaseSize, int ChannelStride);

    /// <summary>What a kernel applies to its accumulators before it stores them: the bias first (they start at it), then this.</summary>
    /// <param name="Divisor">Average pooling's divisor: the accumulators are divided by it before the activation; 1 otherwise (no division).</param>
    internal sealed record Epilogue(Activation Activation, float NegativeSlope, int Divisor = 1);

    /// <summary>
    /// What every tap does to the accumulators, and what they start at: a convolution's multiply-add of the broadcast
    /// weight (from the bias or zero), max pooling's maximum with PyTorch's NaN rule (from −∞), average pooling's add
    /// (from zero). Max and add read no weights; their layers have one input and one output channel per group.
    /// </summary>
    internal enum TapOperation
    {
        MultiplyAdd,
        Max,
        Add,
    }

    /// <summary>
    /// A register-tile kernel over the output grid: for every tile of output channels and every step of grid pixels, the
    /// accumulators start at the bias, every input channel of the group adds every tap (per-tap <see cref="Operation"/>:
    /// multiply-add, or for pooling max or add), and the epilogue runs before the store. One <see cref="IsaKernel"/> per
    /// instruction set.
    /// </summary>
    /// <param name="Name">The kernel's name in generated code (layer and parameters, e.g. <c>Stem_K3x3S1D1G3</c>); each instruction set adds its tile.</param>
    /// <param name="Description">What the kernel computes, for its doc comment.</param>
    internal sealed record GridKernelPlan(
        string Name,
        string Description,
        int InChannelsPerGroup,
        int OutChannelsPerGroup,
        bool Bias,
        EquatableArray<IsaKernel> Kernels,
        EquatableArray<RowOffset> Rows,
        EquatableArray<Tap> Taps,
        FixedGeometry? Fixed,
        Epilogue Epilogue,
        TapOperation Operation = TapOperation.MultiplyAdd);
}
