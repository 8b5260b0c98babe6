using System;

namespace ConvGen
{
    /// <summary>
    /// Uses a block — a class marked <see cref="SequentialBlockAttribute"/>, <see cref="ResidualAttribute"/>,
    /// <see cref="SqueezeExcitationAttribute"/> or <see cref="ConcatAttribute"/> — as one layer of a network or of another
    /// block. Its layers are checked against the shape they get here and run as part of the network (each convolution
    /// generated for its exact input size); their state_dict names are prefixed with this layer's <see cref="LayerAttribute.Name"/>
    /// (or index) and a dot, as a submodule's are in PyTorch.
    /// <code>
    /// [Block(typeof(BasicBlock), Name = "layer1.0")]   // reads layer1.0.conv1.weight, layer1.0.bn1.running_mean, …
    /// </code>
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class BlockAttribute : LayerAttribute
    {
        /// <summary>Uses the block <paramref name="block"/> as a layer.</summary>
        public BlockAttribute(Type block) => Type = block;

        /// <summary>The block's class.</summary>
        public Type Type { get; }
    }

    /// <summary>
    /// Marks a class as a block of layers run in order (a <c>nn.Sequential</c> used as one module of a network, e.g.
    /// torchvision's <c>Conv2dNormActivation</c> or ResNet's <c>downsample</c>): the layer attributes on it, in order, with
    /// their names relative to the block. A block has no input size of its own; it takes the shape of where
    /// <see cref="BlockAttribute"/> uses it, and generates nothing until then.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    public sealed class SequentialBlockAttribute : Attribute
    {
    }

    /// <summary>
    /// Marks a class as a residual block: output = activation(layers(x) + shortcut(x)), the layer attributes on the class
    /// being the residual branch (ResNet's basic and bottleneck blocks, MobileNetV2's inverted residual). The shortcut is
    /// the input itself, or the block <see cref="Shortcut"/> (e.g. ResNet's 1×1 convolution and BatchNorm when the shape
    /// changes); both branches must give the same shape.
    /// <code>
    /// [Residual(Shortcut = typeof(Downsample128), Activation = Activation.ReLU)]
    /// [Conv2d(64, 128, 3, Stride = 2, Padding = 1, Bias = false, Name = "conv1")] [BatchNorm2d(128, Name = "bn1")] [ReLU]
    /// [Conv2d(128, 128, 3, Padding = 1, Bias = false, Name = "conv2")] [BatchNorm2d(128, Name = "bn2")]
    /// public partial class BasicBlockDown128;
    /// </code>
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    public sealed class ResidualAttribute : Attribute
    {
        /// <summary>
        /// A <see cref="SequentialBlockAttribute"/> class computing the shortcut; null (default): the input itself.
        /// </summary>
        public Type? Shortcut { get; set; }

        /// <summary>The shortcut's state_dict name, the prefix of its layers' names; default <c>"downsample"</c> (torchvision's ResNet).</summary>
        public string ShortcutName { get; set; } = "downsample";

        /// <summary>The activation applied after the sum (ResNet: <see cref="ConvGen.Activation.ReLU"/>); default none.</summary>
        public Activation Activation { get; set; }
    }

    /// <summary>
    /// Marks a class as a squeeze-and-excitation block: output = x · layers(x), the layers (e.g. global average pooling,
    /// 1×1 convolutions, an activation, a gate) giving one value per channel (C×1×1) that scales each channel of the input,
    /// as torchvision's <c>SqueezeExcitation</c> (MobileNetV3, EfficientNet). The layers may also give the input's full
    /// shape (an element-wise gate).
    /// <code>
    /// [SqueezeExcitation]
    /// [AdaptiveAvgPool2d(1)] [Conv2d(96, 24, 1, Name = "fc1", Activation = Activation.ReLU)] [Conv2d(24, 96, 1, Name = "fc2")] [Hardsigmoid]
    /// public partial class SqueezeExcitation96;
    /// </code>
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    public sealed class SqueezeExcitationAttribute : Attribute
    {
    }

    /// <summary>
    /// Marks a class as a block of parallel branches whose outputs are concatenated along the channels
    /// (<c>torch.cat(..., dim=1)</c>, Inception): each branch is a block class run on the block's input, in order; they must
    /// give images of the same height and width. The branches' layer names are used as they are (Inception names its
    /// layers <c>branch1x1.conv</c>, <c>branch5x5_1.conv</c>, … directly under the block).
    /// <code>
    /// [Concat(typeof(Branch1x1), typeof(Branch5x5), typeof(BranchPool))]
    /// public partial class InceptionA;
    /// </code>
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    public sealed class ConcatAttribute : Attribute
    {
        /// <summary>The branches, each a block class, concatenated in this order.</summary>
        public ConcatAttribute(params Type[] branches) => Branches = branches;

        /// <summary>The branches, in order.</summary>
        public Type[] Branches { get; }
    }
}
