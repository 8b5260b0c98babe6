using System;

namespace ConvGen
{
    /// <summary>What every generated <c>[Linear]</c> layer offers, for code that handles layers of different sizes.</summary>
    public interface ILinearLayer
    {
        /// <summary><c>in_features</c>.</summary>
        int InFeatures { get; }

        /// <summary><c>out_features</c>.</summary>
        int OutFeatures { get; }

        /// <summary>
        /// y = x·Wᵀ + b for <paramref name="rows"/> rows: <paramref name="input"/> is <c>(rows, in)</c> (PyTorch's
        /// <c>(*, in)</c> flattened), <paramref name="output"/> is <c>(rows, out)</c>, row-major float32, not overlapping.
        /// Throws <see cref="ArgumentException"/> naming the expected and actual shape when a length is wrong.
        /// </summary>
        void Forward(ReadOnlySpan<float> input, Span<float> output, int rows);

        /// <summary>The same on up to <paramref name="threads"/> threads (split by output features), with the same output bit for bit.</summary>
        void Forward(ReadOnlySpan<float> input, Span<float> output, int rows, int threads);
    }

    /// <summary>
    /// What every generated element-wise layer offers (<c>[ReLU]</c>, <c>[ReLU6]</c>, <c>[LeakyReLU]</c>, <c>[Sigmoid]</c>,
    /// <c>[Tanh]</c>, <c>[Hardsigmoid]</c>, <c>[Hardswish]</c>, <c>[SiLU]</c>, <c>[GELU]</c>, <c>[Dropout]</c>). Input and
    /// output may be the same memory (in-place); any other overlap is an <see cref="ArgumentException"/>.
    /// </summary>
    public interface IElementwiseLayer
    {
        /// <summary>The activation this layer applies (<see cref="Activation.None"/> for Dropout, the identity at inference).</summary>
        Activation Activation { get; }

        /// <summary>Applies the layer to every element: any shape, <paramref name="output"/> as long as <paramref name="input"/>.</summary>
        void Forward(ReadOnlySpan<float> input, Span<float> output);

        /// <summary>Applies the layer to an NCHW tensor <c>(batch, channels, height, width)</c>.</summary>
        void Forward(ReadOnlySpan<float> input, Span<float> output, int batch, int channels, int height, int width);
    }

    /// <summary>What every generated <c>[Softmax]</c> layer offers.</summary>
    public interface ISoftmaxLayer
    {
        /// <summary><c>dim</c> as given to the attribute.</summary>
        int Dim { get; }

        /// <summary>Softmax of an NCHW tensor along <see cref="Dim"/> (1 or −3: over the channels of each pixel).</summary>
        void Forward(ReadOnlySpan<float> input, Span<float> output, int batch, int channels, int height, int width);

        /// <summary>Softmax of a (rows, features) matrix along <see cref="Dim"/> (1 or −1: over the features of each row).</summary>
        void Forward(ReadOnlySpan<float> input, Span<float> output, int rows, int features);
    }
}
