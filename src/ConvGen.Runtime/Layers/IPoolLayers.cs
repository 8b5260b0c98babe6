using System;

namespace ConvGen
{
    /// <summary>
    /// A generated 2-D pooling layer (<c>[MaxPool2d]</c>, <c>[AvgPool2d]</c>, <c>[AdaptiveAvgPool2d]</c>,
    /// <c>[AdaptiveMaxPool2d]</c>): NCHW float32 in and out, the channel count given per call.
    /// </summary>
    public interface IPool2dLayer
    {
        /// <summary>PyTorch's module call this layer is equivalent to, e.g. <c>nn.MaxPool2d(3, stride=2, padding=1)</c>.</summary>
        string PyTorch { get; }

        /// <summary>The output (height, width) for an input of <paramref name="height"/> × <paramref name="width"/>; a dimension is 0 or less when the window does not fit (Forward throws then).</summary>
        (int Height, int Width) OutputSize(int height, int width);

        /// <summary>Pools <paramref name="batch"/> images (channels, height, width) into (channels, outHeight, outWidth).</summary>
        /// <exception cref="ArgumentException">A span has the wrong length, a size is not positive, or the output would be empty.</exception>
        void Forward(ReadOnlySpan<float> input, Span<float> output, int batch, int channels, int height, int width);

        /// <summary>The same on up to <paramref name="threads"/> threads; the output is identical to one thread's.</summary>
        void Forward(ReadOnlySpan<float> input, Span<float> output, int batch, int channels, int height, int width, int threads);
    }

    /// <summary>A generated <c>[MaxUnpool2d]</c> layer: scatters pooled values back to the indices MaxPool2d returned.</summary>
    public interface IMaxUnpool2dLayer
    {
        /// <summary>PyTorch's module call this layer is equivalent to, e.g. <c>nn.MaxUnpool2d(2, stride=2)</c>.</summary>
        string PyTorch { get; }

        /// <summary>The default output (height, width) for an input of <paramref name="height"/> × <paramref name="width"/>: (in − 1)·stride − 2·padding + kernel.</summary>
        (int Height, int Width) OutputSize(int height, int width);

        /// <summary>Unpools to the default output size.</summary>
        /// <exception cref="ArgumentException">A span has the wrong length or an index is outside the output plane.</exception>
        void Forward(ReadOnlySpan<float> input, ReadOnlySpan<long> indices, Span<float> output, int batch, int channels, int height, int width);

        /// <summary>Unpools to an explicit output size (PyTorch's <c>output_size</c>), which must lie strictly within default ± stride.</summary>
        /// <exception cref="ArgumentException">The output size is outside PyTorch's range, a span has the wrong length or an index is outside the output plane.</exception>
        void Forward(ReadOnlySpan<float> input, ReadOnlySpan<long> indices, Span<float> output, int batch, int channels, int height, int width,
            int outputHeight, int outputWidth);
    }
}
