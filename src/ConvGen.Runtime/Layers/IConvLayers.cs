using System;

namespace ConvGen
{
    /// <summary>What every generated <c>[Conv1d]</c> layer offers, for code that handles layers of different shapes.</summary>
    public interface IConv1dLayer
    {
        /// <summary>The layer's hyper-parameters.</summary>
        ConvParameters Parameters { get; }

        /// <summary>
        /// Convolves a batch: <paramref name="input"/> is <c>(batch, in, length)</c>, <paramref name="output"/> is
        /// <c>(batch, out, outLength)</c>, both row-major float32. Throws <see cref="ArgumentException"/> naming the expected
        /// and actual shape when a length or size is wrong.
        /// </summary>
        void Forward(ReadOnlySpan<float> input, Span<float> output, int batch, int length);

        /// <summary>
        /// The same on up to <paramref name="threads"/> threads, with the same output bit for bit (see
        /// <see cref="IConv2dLayer.Forward(ReadOnlySpan{float}, Span{float}, int, int, int, int)"/>).
        /// </summary>
        void Forward(ReadOnlySpan<float> input, Span<float> output, int batch, int length, int threads);
    }

    /// <summary>What every generated <c>[Conv3d]</c> layer offers, for code that handles layers of different shapes.</summary>
    public interface IConv3dLayer
    {
        /// <summary>The layer's hyper-parameters.</summary>
        ConvParameters Parameters { get; }

        /// <summary>
        /// Convolves a batch: <paramref name="input"/> is <c>(batch, in, depth, height, width)</c>, <paramref name="output"/>
        /// is <c>(batch, out, outDepth, outHeight, outWidth)</c>, both row-major float32. Throws
        /// <see cref="ArgumentException"/> naming the expected and actual shape when a length or size is wrong.
        /// </summary>
        void Forward(ReadOnlySpan<float> input, Span<float> output, int batch, int depth, int height, int width);

        /// <summary>
        /// The same on up to <paramref name="threads"/> threads, with the same output bit for bit (see
        /// <see cref="IConv2dLayer.Forward(ReadOnlySpan{float}, Span{float}, int, int, int, int)"/>).
        /// </summary>
        void Forward(ReadOnlySpan<float> input, Span<float> output, int batch, int depth, int height, int width, int threads);
    }

    /// <summary>What every generated <c>[ConvTranspose1d]</c> layer offers.</summary>
    public interface IConvTranspose1dLayer
    {
        /// <summary>The layer's hyper-parameters (<see cref="ConvParameters.Transposed"/> is true).</summary>
        ConvParameters Parameters { get; }

        /// <summary>Runs a batch <c>(batch, in, length)</c> → <c>(batch, out, outLength)</c>.</summary>
        void Forward(ReadOnlySpan<float> input, Span<float> output, int batch, int length);

        /// <summary>The same on up to <paramref name="threads"/> threads, with the same output bit for bit.</summary>
        void Forward(ReadOnlySpan<float> input, Span<float> output, int batch, int length, int threads);
    }

    /// <summary>What every generated <c>[ConvTranspose2d]</c> layer offers.</summary>
    public interface IConvTranspose2dLayer
    {
        /// <summary>The layer's hyper-parameters (<see cref="ConvParameters.Transposed"/> is true).</summary>
        ConvParameters Parameters { get; }

        /// <summary>Runs a batch <c>(batch, in, height, width)</c> → <c>(batch, out, outHeight, outWidth)</c>.</summary>
        void Forward(ReadOnlySpan<float> input, Span<float> output, int batch, int height, int width);

        /// <summary>The same on up to <paramref name="threads"/> threads, with the same output bit for bit.</summary>
        void Forward(ReadOnlySpan<float> input, Span<float> output, int batch, int height, int width, int threads);
    }

    /// <summary>What every generated <c>[ConvTranspose3d]</c> layer offers.</summary>
    public interface IConvTranspose3dLayer
    {
        /// <summary>The layer's hyper-parameters (<see cref="ConvParameters.Transposed"/> is true).</summary>
        ConvParameters Parameters { get; }

        /// <summary>Runs a batch <c>(batch, in, depth, height, width)</c> → <c>(batch, out, outDepth, outHeight, outWidth)</c>.</summary>
        void Forward(ReadOnlySpan<float> input, Span<float> output, int batch, int depth, int height, int width);

        /// <summary>The same on up to <paramref name="threads"/> threads, with the same output bit for bit.</summary>
        void Forward(ReadOnlySpan<float> input, Span<float> output, int batch, int depth, int height, int width, int threads);
    }
}
