using System;

namespace ConvGen
{
    /// <summary>What every generated <c>[BatchNorm2d]</c> layer offers, for code that handles layers of different shapes.</summary>
    public interface IBatchNorm2dLayer
    {
        /// <summary>
        /// Normalises a batch: <paramref name="input"/> and <paramref name="output"/> are <c>(batch, numFeatures, height, width)</c>
        /// row-major float32; they may be the same memory (in place) but must not otherwise overlap. Throws
        /// <see cref="ArgumentException"/> naming the expected and actual shape when a length or size is wrong.
        /// </summary>
        void Forward(ReadOnlySpan<float> input, Span<float> output, int batch, int height, int width);

        /// <summary>The same on up to <paramref name="threads"/> threads (whole planes each), with the same output bit for bit.</summary>
        void Forward(ReadOnlySpan<float> input, Span<float> output, int batch, int height, int width, int threads);

        /// <summary>The per-channel scale α = weight / √(running_var + eps) the layer multiplies by.</summary>
        ReadOnlySpan<float> Scale { get; }

        /// <summary>The per-channel shift β = bias − running_mean·α the layer adds.</summary>
        ReadOnlySpan<float> Shift { get; }
    }

    /// <summary>What every generated padding layer (<c>[ZeroPad2d]</c>, <c>[ConstantPad2d]</c>, <c>[ReflectionPad2d]</c>, <c>[ReplicationPad2d]</c>) offers.</summary>
    public interface IPad2dLayer
    {
        /// <summary>The padding per side, the mode and the fill value.</summary>
        Pad2dParameters Parameters { get; }

        /// <summary>
        /// Pads a batch: <paramref name="input"/> is <c>(batch, channels, height, width)</c>, <paramref name="output"/> is
        /// <c>(batch, channels, height + top + bottom, width + left + right)</c>, both row-major float32, not overlapping.
        /// Throws <see cref="ArgumentException"/> with PyTorch's message when PyTorch rejects the sizes, and naming the
        /// expected and actual shape when a length is wrong.
        /// </summary>
        void Forward(ReadOnlySpan<float> input, Span<float> output, int batch, int channels, int height, int width);

        /// <summary>The same on up to <paramref name="threads"/> threads (whole planes each), with the same output bit for bit.</summary>
        void Forward(ReadOnlySpan<float> input, Span<float> output, int batch, int channels, int height, int width, int threads);
    }

    /// <summary>What every generated <c>[Flatten]</c> layer offers.</summary>
    public interface IFlattenLayer
    {
        /// <summary>
        /// Flattens a contiguous <c>(batch, channels, height, width)</c> tensor: the elements do not move, so this copies
        /// <paramref name="input"/> to <paramref name="output"/> (nothing when they are the same memory).
        /// </summary>
        void Forward(ReadOnlySpan<float> input, Span<float> output, int batch, int channels, int height, int width);
    }
}
