using System.ComponentModel;

namespace ConvGen.Internal
{
    /// <summary>
    /// A transposed convolution's generated kernel: per output phase (<c>TransposedShape</c>), a register-tile grid kernel
    /// (as <see cref="IGridKernel"/>) over the phase's stride-1 convolution of the padded input, bias and activation in its
    /// epilogue. <see cref="ConvTransposeDriver"/> runs it; a phase that no tap reaches has no kernel.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public interface ITransposedKernel
    {
        /// <inheritdoc cref="IGridKernel.TileChannels"/>
        static abstract int TileChannels { get; }

        /// <inheritdoc cref="IGridKernel.TilePixels"/>
        static abstract int TilePixels { get; }

        /// <inheritdoc cref="IGridKernel.TailPixels"/>
        static abstract int TailPixels { get; }

        /// <summary>A full tile of <paramref name="phase"/>, as <see cref="IGridKernel.Full"/>; weights packed <c>[in/groups][phase taps][TileChannels]</c>.</summary>
        static abstract void Full(int phase, ref float input, ref float weights, ref float bias, ref float output, in ConvGeometry geometry);

        /// <summary>The last tile of a group of <paramref name="phase"/> when <c>out/groups</c> is not a multiple of <see cref="TileChannels"/>.</summary>
        static abstract void Remainder(int phase, ref float input, ref float weights, ref float bias, ref float output, in ConvGeometry geometry);
    }
}
