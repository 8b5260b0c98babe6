using System;

namespace ConvGen
{
    /// <summary>What every generated <c>[Conv2d]</c> layer offers, for code that handles layers of different shapes.</summary>
    public interface IConv2dLayer
    {
        /// <summary>The layer's hyper-parameters.</summary>
        Conv2dParameters Parameters { get; }

        /// <summary>
        /// Convolves a batch: <paramref name="input"/> is <c>(batch, in, height, width)</c>, <paramref name="output"/> is
        /// <c>(batch, out, outHeight, outWidth)</c>, both row-major float32. Throws <see cref="ArgumentException"/> naming
        /// the expected and actual shape when a length or size is wrong.
        /// </summary>
        void Forward(ReadOnlySpan<float> input, Span<float> output, int batch, int height, int width);
    }
}
