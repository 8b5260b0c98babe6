using ConvGen.Generator.Model;

namespace ConvGen.Generator.Planning
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
    }

    /// <summary>
    /// A kernel row's start in the padded input, relative to the grid pixel: Plane·planeSize + Row·planeWidth.
    /// Taps of one kernel row share it unless a column stride puts them in different phase planes.
    /// </summary>
    internal sealed record RowOffset(int Plane, int Row);

    /// <summary>Kernel tap (Kh, Kw) reads the padded input at its row offset <see cref="RowIndex"/> plus <see cref="Column"/>.</summary>
    internal sealed record Tap(int Kh, int Kw, int RowIndex, int Column);

    /// <summary>Sizes known at compile time when the attribute fixes the input size.</summary>
    internal sealed record FixedGeometry(int Height, int Width, int OutputHeight, int OutputWidth, int PlaneWidth, int PlaneSize, int ChannelStride);

    /// <summary>Everything emission needs: the spec, resolved padding, one kernel per instruction set, and the tap layout.</summary>
    /// <param name="Depthwise">The layer also gets a depthwise plane kernel that reads the caller's input and writes its
    /// output directly (see <c>DepthwiseEmitter</c>).</param>
    internal sealed record KernelPlan(
        Conv2dSpec Spec,
        Sides Padding,
        string KernelName,
        EquatableArray<IsaKernel> Kernels,
        EquatableArray<RowOffset> Rows,
        EquatableArray<Tap> Taps,
        FixedGeometry? Fixed,
        bool Depthwise);
}
