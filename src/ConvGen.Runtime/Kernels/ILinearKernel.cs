using System.ComponentModel;
using System.Runtime.Intrinsics;

namespace ConvGen.Internal
{
    /// <summary>
    /// A generated GEMM kernel of a <c>[Linear]</c> layer for one instruction set: y = x·Wᵀ + b (then the layer's
    /// activation) for its fixed in/out features. The weight is packed in tiles of <see cref="TileFeatures"/> output
    /// features, <c>[tile][in][TileFeatures]</c> with the last tile padded with zeros (<see cref="LinearDriver.PackWeights"/>);
    /// the output features of a tile lie in vector lanes, rows are broadcast. <see cref="LinearDriver"/> runs it.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public interface ILinearKernel
    {
        /// <summary>Output features per packed tile (a register tile's width).</summary>
        static abstract int TileFeatures { get; }

        /// <summary>
        /// Every row of tiles [<paramref name="firstTile"/>, <paramref name="endTile"/>): <paramref name="input"/> is
        /// (rows, in), <paramref name="weights"/> the packed weight, <paramref name="bias"/> the packed bias (unused without
        /// bias), <paramref name="output"/> (rows, out).
        /// </summary>
        static abstract void Run(ref float input, ref float weights, ref float bias, ref float output, int rows, int firstTile, int endTile);
    }

    /// <summary>
    /// A generated element-wise function (an activation layer's), one overload per vector width and for a float: the
    /// same operations on each, so a value gives the same result in every lane and in the scalar tail.
    /// <see cref="ElementwiseDriver"/> runs it over a span.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public interface IElementwiseKernel
    {
        /// <summary>f on 16 lanes.</summary>
        static abstract Vector512<float> Apply(Vector512<float> x);

        /// <summary>f on 8 lanes.</summary>
        static abstract Vector256<float> Apply(Vector256<float> x);

        /// <summary>f on 4 lanes.</summary>
        static abstract Vector128<float> Apply(Vector128<float> x);

        /// <summary>f on one value.</summary>
        static abstract float Apply(float x);
    }
}
