using System.ComponentModel;

namespace ConvGen.Internal
{
    /// <summary>
    /// A generated micro-kernel: computes <see cref="TileChannels"/> output channels over the whole output grid of one
    /// group, <see cref="TilePixels"/> grid pixels per step, with the kernel window unrolled. Implemented by the
    /// generator once per instruction set; <see cref="Conv2dDriver"/> runs it.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public interface IConv2dKernel
    {
        /// <summary>Output channels per tile (the weights are packed for it).</summary>
        static abstract int TileChannels { get; }

        /// <summary>Grid pixels per step: vectors per row of the register tile × lanes.</summary>
        static abstract int TilePixels { get; }

        /// <summary>
        /// A full tile. <paramref name="input"/>: the group's first padded channel; <paramref name="weights"/>: the tile's
        /// packed weights <c>[in/groups][kH·kW][TileChannels]</c>; <paramref name="bias"/>: the tile's first bias (unused
        /// without bias); <paramref name="output"/>: TileChannels output channels, <see cref="Conv2dGeometry.ChannelPitch"/> apart.
        /// </summary>
        static abstract void Full(ref float input, ref float weights, ref float bias, ref float output, in Conv2dGeometry geometry);

        /// <summary>The last tile of a group when <c>out/groups</c> is not a multiple of <see cref="TileChannels"/>.</summary>
        static abstract void Remainder(ref float input, ref float weights, ref float bias, ref float output, in Conv2dGeometry geometry);
    }
}
