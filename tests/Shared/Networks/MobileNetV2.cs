// MobileNetV2 as torchvision defines it (torchvision.models.mobilenet_v2, width 1.0), declared with ConvGen's layer
// attributes and blocks under torchvision's state_dict names. Compiled into the conformance tests and the benchmarks.

namespace ConvGen.Networks;

/// <summary>MobileNetV2 for 224×224 RGB images: 1000 ImageNet logits.</summary>
[Sequential(InChannels = 3, InputHeight = 224, InputWidth = 224)]
[Block(typeof(ConvBNReLU6Stem), Name = "features.0")]
[Block(typeof(InvertedResidual32To16), Name = "features.1")]
[Block(typeof(InvertedResidual16To24S2), Name = "features.2")] [Block(typeof(InvertedResidual24), Name = "features.3")]
[Block(typeof(InvertedResidual24To32S2), Name = "features.4")] [Block(typeof(InvertedResidual32), Name = "features.5")] [Block(typeof(InvertedResidual32), Name = "features.6")]
[Block(typeof(InvertedResidual32To64S2), Name = "features.7")] [Block(typeof(InvertedResidual64), Name = "features.8")] [Block(typeof(InvertedResidual64), Name = "features.9")] [Block(typeof(InvertedResidual64), Name = "features.10")]
[Block(typeof(InvertedResidual64To96), Name = "features.11")] [Block(typeof(InvertedResidual96), Name = "features.12")] [Block(typeof(InvertedResidual96), Name = "features.13")]
[Block(typeof(InvertedResidual96To160S2), Name = "features.14")] [Block(typeof(InvertedResidual160), Name = "features.15")] [Block(typeof(InvertedResidual160), Name = "features.16")]
[Block(typeof(InvertedResidual160To320), Name = "features.17")]
[Conv2d(320, 1280, 1, Bias = false, Name = "features.18.0")] [BatchNorm2d(1280, Name = "features.18.1")] [ReLU6]
[AdaptiveAvgPool2d(1)] [Flatten] [Dropout(0.2f, Name = "classifier.0")] [Linear(1280, 1000, Name = "classifier.1")]
public partial class MobileNetV2;

/// <summary>features.0: Conv2dNormActivation(3, 32, stride=2) = conv 3×3, BatchNorm, ReLU6.</summary>
[SequentialBlock] [Conv2d(3, 32, 3, Stride = 2, Padding = 1, Bias = false)] [BatchNorm2d(32)] [ReLU6]
public partial class ConvBNReLU6Stem;

/// <summary>InvertedResidual(32, 16, stride 1, expand 1): depthwise 3×3 (conv.0), project 1×1 (conv.1, conv.2); no residual.</summary>
[SequentialBlock]
[Conv2d(32, 32, 3, Padding = 1, Groups = 32, Bias = false, Name = "conv.0.0")] [BatchNorm2d(32, Name = "conv.0.1")] [ReLU6]
[Conv2d(32, 16, 1, Bias = false, Name = "conv.1")] [BatchNorm2d(16, Name = "conv.2")]
public partial class InvertedResidual32To16;

/// <summary>InvertedResidual(16, 24, stride 2, expand 6): expand 1×1 (conv.0), depthwise 3×3 (conv.1), project 1×1 (conv.2, conv.3).</summary>
[SequentialBlock]
[Conv2d(16, 96, 1, Bias = false, Name = "conv.0.0")] [BatchNorm2d(96, Name = "conv.0.1")] [ReLU6]
[Conv2d(96, 96, 3, Stride = 2, Padding = 1, Groups = 96, Bias = false, Name = "conv.1.0")] [BatchNorm2d(96, Name = "conv.1.1")] [ReLU6]
[Conv2d(96, 24, 1, Bias = false, Name = "conv.2")] [BatchNorm2d(24, Name = "conv.3")]
public partial class InvertedResidual16To24S2;

/// <summary>InvertedResidual(24, 24, stride 1, expand 6): the input added back.</summary>
[Residual]
[Conv2d(24, 144, 1, Bias = false, Name = "conv.0.0")] [BatchNorm2d(144, Name = "conv.0.1")] [ReLU6]
[Conv2d(144, 144, 3, Padding = 1, Groups = 144, Bias = false, Name = "conv.1.0")] [BatchNorm2d(144, Name = "conv.1.1")] [ReLU6]
[Conv2d(144, 24, 1, Bias = false, Name = "conv.2")] [BatchNorm2d(24, Name = "conv.3")]
public partial class InvertedResidual24;

[SequentialBlock]
[Conv2d(24, 144, 1, Bias = false, Name = "conv.0.0")] [BatchNorm2d(144, Name = "conv.0.1")] [ReLU6]
[Conv2d(144, 144, 3, Stride = 2, Padding = 1, Groups = 144, Bias = false, Name = "conv.1.0")] [BatchNorm2d(144, Name = "conv.1.1")] [ReLU6]
[Conv2d(144, 32, 1, Bias = false, Name = "conv.2")] [BatchNorm2d(32, Name = "conv.3")]
public partial class InvertedResidual24To32S2;

[Residual]
[Conv2d(32, 192, 1, Bias = false, Name = "conv.0.0")] [BatchNorm2d(192, Name = "conv.0.1")] [ReLU6]
[Conv2d(192, 192, 3, Padding = 1, Groups = 192, Bias = false, Name = "conv.1.0")] [BatchNorm2d(192, Name = "conv.1.1")] [ReLU6]
[Conv2d(192, 32, 1, Bias = false, Name = "conv.2")] [BatchNorm2d(32, Name = "conv.3")]
public partial class InvertedResidual32;

[SequentialBlock]
[Conv2d(32, 192, 1, Bias = false, Name = "conv.0.0")] [BatchNorm2d(192, Name = "conv.0.1")] [ReLU6]
[Conv2d(192, 192, 3, Stride = 2, Padding = 1, Groups = 192, Bias = false, Name = "conv.1.0")] [BatchNorm2d(192, Name = "conv.1.1")] [ReLU6]
[Conv2d(192, 64, 1, Bias = false, Name = "conv.2")] [BatchNorm2d(64, Name = "conv.3")]
public partial class InvertedResidual32To64S2;

[Residual]
[Conv2d(64, 384, 1, Bias = false, Name = "conv.0.0")] [BatchNorm2d(384, Name = "conv.0.1")] [ReLU6]
[Conv2d(384, 384, 3, Padding = 1, Groups = 384, Bias = false, Name = "conv.1.0")] [BatchNorm2d(384, Name = "conv.1.1")] [ReLU6]
[Conv2d(384, 64, 1, Bias = false, Name = "conv.2")] [BatchNorm2d(64, Name = "conv.3")]
public partial class InvertedResidual64;

[SequentialBlock]
[Conv2d(64, 384, 1, Bias = false, Name = "conv.0.0")] [BatchNorm2d(384, Name = "conv.0.1")] [ReLU6]
[Conv2d(384, 384, 3, Padding = 1, Groups = 384, Bias = false, Name = "conv.1.0")] [BatchNorm2d(384, Name = "conv.1.1")] [ReLU6]
[Conv2d(384, 96, 1, Bias = false, Name = "conv.2")] [BatchNorm2d(96, Name = "conv.3")]
public partial class InvertedResidual64To96;

[Residual]
[Conv2d(96, 576, 1, Bias = false, Name = "conv.0.0")] [BatchNorm2d(576, Name = "conv.0.1")] [ReLU6]
[Conv2d(576, 576, 3, Padding = 1, Groups = 576, Bias = false, Name = "conv.1.0")] [BatchNorm2d(576, Name = "conv.1.1")] [ReLU6]
[Conv2d(576, 96, 1, Bias = false, Name = "conv.2")] [BatchNorm2d(96, Name = "conv.3")]
public partial class InvertedResidual96;

[SequentialBlock]
[Conv2d(96, 576, 1, Bias = false, Name = "conv.0.0")] [BatchNorm2d(576, Name = "conv.0.1")] [ReLU6]
[Conv2d(576, 576, 3, Stride = 2, Padding = 1, Groups = 576, Bias = false, Name = "conv.1.0")] [BatchNorm2d(576, Name = "conv.1.1")] [ReLU6]
[Conv2d(576, 160, 1, Bias = false, Name = "conv.2")] [BatchNorm2d(160, Name = "conv.3")]
public partial class InvertedResidual96To160S2;

[Residual]
[Conv2d(160, 960, 1, Bias = false, Name = "conv.0.0")] [BatchNorm2d(960, Name = "conv.0.1")] [ReLU6]
[Conv2d(960, 960, 3, Padding = 1, Groups = 960, Bias = false, Name = "conv.1.0")] [BatchNorm2d(960, Name = "conv.1.1")] [ReLU6]
[Conv2d(960, 160, 1, Bias = false, Name = "conv.2")] [BatchNorm2d(160, Name = "conv.3")]
public partial class InvertedResidual160;

[SequentialBlock]
[Conv2d(160, 960, 1, Bias = false, Name = "conv.0.0")] [BatchNorm2d(960, Name = "conv.0.1")] [ReLU6]
[Conv2d(960, 960, 3, Padding = 1, Groups = 960, Bias = false, Name = "conv.1.0")] [BatchNorm2d(960, Name = "conv.1.1")] [ReLU6]
[Conv2d(960, 320, 1, Bias = false, Name = "conv.2")] [BatchNorm2d(320, Name = "conv.3")]
public partial class InvertedResidual160To320;
