using System.ComponentModel;

namespace ConvGen.Internal
{
    /// <summary>
    /// A generated register-tile kernel over the output grid (<see cref="ConvGeometry"/>): computes
    /// <see cref="TileChannels"/> output channels over grid pixels [0, <see cref="ConvGeometry.GridEnd"/>) of one group,
    /// <see cref="TilePixels"/> grid pixels per step, every tap of the window unrolled, and applies the layer's epilogue
    /// (bias, activation) in registers before it stores. The driver may hand it a part of the grid: input and output
    /// advanced to the part's first pixel (a multiple of TilePixels) and GridEnd the part's length (at least TilePixels).
    /// Implemented by the generator once per instruction set; <see cref="ConvDriver"/> runs it.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public interface IGridKernel
    {
        /// <summary>Output channels per tile (the weights are packed for it).</summary>
        static abstract int TileChannels { get; }

        /// <summary>Grid pixels per step: vectors per row of the register tile × lanes.</summary>
        static abstract int TilePixels { get; }

        /// <summary>What the grid's last step is a multiple of: one vector if the kernel has narrower last steps, else <see cref="TilePixels"/>.</summary>
        static abstract int TailPixels { get; }

        /// <summary>
        /// A full tile. <paramref name="input"/>: the group's first padded channel; <paramref name="weights"/>: the tile's
        /// packed weights <c>[in/groups][taps][TileChannels]</c>; <paramref name="bias"/>: the tile's first bias (unused
        /// without bias); <paramref name="output"/>: TileChannels output channels, <see cref="ConvGeometry.ChannelPitch"/> apart.
        /// </summary>
        static abstract void Full(ref float input, ref float weights, ref float bias, ref float output, in ConvGeometry geometry);

        /// <summary>The last tile of a group when <c>out/groups</c> is not a multiple of <see cref="TileChannels"/>.</summary>
        static abstract void Remainder(ref float input, ref float weights, ref float bias, ref float output, in ConvGeometry geometry);
    }

    /// <summary>
    /// A depthwise 2-D layer's kernel (one input and one output channel per group, stride 1 or 2, zero padding): besides
    /// the tiles over a padded copy, a plane kernel that reads the caller's input and writes the caller's output directly.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public interface IDepthwisePlaneKernel : IGridKernel
    {
        /// <summary>Narrowest output <see cref="Plane"/> takes; narrower images go through DepthwiseChannelBlocks.</summary>
        static abstract int MinOutputWidth { get; }

        /// <summary>Lowest output <see cref="Plane"/> takes; lower images go through DepthwiseChannelBlocks.</summary>
        static abstract int MinOutputHeight { get; }

        /// <summary>Narrowest input <see cref="Plane"/> takes; narrower images go through DepthwiseChannelBlocks.</summary>
        static abstract int MinInputWidth { get; }

        /// <summary>
        /// One channel: <paramref name="input"/> (height, width), <paramref name="weights"/> (kH·kW),
        /// <paramref name="output"/> (out height, out width). <paramref name="zeros"/>: at least width zeros, read for the
        /// rows of padding.
        /// </summary>
        static abstract void Plane(ref float input, ref float zeros, ref float weights, ref float bias, ref float output, int height, int width);
    }
}
