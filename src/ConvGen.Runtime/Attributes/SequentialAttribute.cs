using System;

namespace ConvGen
{
    /// <summary>
    /// Generates a network: the layer attributes on the same class, in order, as <c>nn.Sequential</c> lists its modules.
    /// Every shape between them is checked at build time; the class gets a constructor that loads a PyTorch
    /// <c>state_dict</c> saved as safetensors, <c>Forward(input, output, batch)</c> and its <c>threads</c> overload, and
    /// a constant for every intermediate shape.
    /// <code>
    /// [Sequential(InChannels = 1, InputHeight = 28, InputWidth = 28)]
    /// [Conv2d(1, 6, 5, Padding = 2, Activation = Activation.ReLU)] [MaxPool2d(2)]
    /// [Conv2d(6, 16, 5)] [ReLU] [MaxPool2d(2)]
    /// [Flatten] [Linear(400, 120)] [ReLU] [Linear(120, 84)] [ReLU] [Linear(84, 10)]
    /// public partial class LeNet5;
    /// </code>
    /// The input is (N, InChannels, InputHeight, InputWidth), or (N, InFeatures) for a network of Linear layers.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    public sealed class SequentialAttribute : Attribute
    {
        /// <summary>Channels of the input image.</summary>
        public int InChannels { get; set; }

        /// <summary>Height of the input image.</summary>
        public int InputHeight { get; set; }

        /// <summary>Width of the input image.</summary>
        public int InputWidth { get; set; }

        /// <summary>Features of a flat input (instead of an image): a network that starts with <c>Linear</c>.</summary>
        public int InFeatures { get; set; }

        /// <summary>
        /// The algorithm of every <c>Conv2d</c> of the network that can use it and does not name its own: with
        /// <see cref="ConvAlgorithm.Winograd"/>, each 3×3, stride-1, dilation-1, ungrouped, zero-padded convolution with at
        /// least 64 input and 64 output channels runs as Winograd F(4×4, 3×3) (with fewer it is slower than the direct
        /// kernel) and the others stay direct.
        /// </summary>
        public ConvAlgorithm Algorithm { get; set; }
    }
}
