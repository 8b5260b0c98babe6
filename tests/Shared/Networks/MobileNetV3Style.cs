// A small network in MobileNetV3's style (torchvision.models.mobilenetv3 modules and names): hard-swish, inverted residuals
// with squeeze-and-excitation gates, 5×5 depthwise convolutions. Compiled into the conformance tests.

namespace ConvGen.Networks;

/// <summary>Four MobileNetV3 stages on 96×96 RGB images: 10 logits.</summary>
[Sequential(InChannels = 3, InputHeight = 96, InputWidth = 96)]
[Conv2d(3, 16, 3, Stride = 2, Padding = 1, Bias = false, Name = "features.0.0")] [BatchNorm2d(16, Eps = 0.001, Name = "features.0.1")] [Hardswish]
[Block(typeof(V3Block16Se), Name = "features.1")]
[Block(typeof(V3Block16To24), Name = "features.2")]
[Block(typeof(V3Block24SeHs), Name = "features.3")]
[Conv2d(24, 144, 1, Bias = false, Name = "features.4.0")] [BatchNorm2d(144, Eps = 0.001, Name = "features.4.1")] [Hardswish]
[AdaptiveAvgPool2d(1)] [Flatten]
[Linear(144, 256, Name = "classifier.0")] [Hardswish] [Dropout(0.2f)] [Linear(256, 10, Name = "classifier.3")]
public partial class MobileNetV3Style;

/// <summary>InvertedResidual(16, k3, exp 16, out 16, SE, ReLU, stride 2): depthwise, SE gate, project; no residual.</summary>
[SequentialBlock]
[Conv2d(16, 16, 3, Stride = 2, Padding = 1, Groups = 16, Bias = false, Name = "block.0.0")] [BatchNorm2d(16, Eps = 0.001, Name = "block.0.1")] [ReLU]
[Block(typeof(SqueezeExcitation16), Name = "block.1")]
[Conv2d(16, 16, 1, Bias = false, Name = "block.2.0")] [BatchNorm2d(16, Eps = 0.001, Name = "block.2.1")]
public partial class V3Block16Se;

/// <summary>torchvision's SqueezeExcitation(16, 8): global average, fc1 + ReLU, fc2 + Hardsigmoid, scale the input.</summary>
[SqueezeExcitation]
[AdaptiveAvgPool2d(1)] [Conv2d(16, 8, 1, Name = "fc1", Activation = Activation.ReLU)] [Conv2d(8, 16, 1, Name = "fc2")] [Hardsigmoid]
public partial class SqueezeExcitation16;

/// <summary>InvertedResidual(16, k3, exp 72, out 24, ReLU, stride 2): expand, depthwise, project.</summary>
[SequentialBlock]
[Conv2d(16, 72, 1, Bias = false, Name = "block.0.0")] [BatchNorm2d(72, Eps = 0.001, Name = "block.0.1")] [ReLU]
[Conv2d(72, 72, 3, Stride = 2, Padding = 1, Groups = 72, Bias = false, Name = "block.1.0")] [BatchNorm2d(72, Eps = 0.001, Name = "block.1.1")] [ReLU]
[Conv2d(72, 24, 1, Bias = false, Name = "block.2.0")] [BatchNorm2d(24, Eps = 0.001, Name = "block.2.1")]
public partial class V3Block16To24;

/// <summary>InvertedResidual(24, k5, exp 96, out 24, SE, hard-swish, stride 1): the input added back.</summary>
[Residual]
[Conv2d(24, 96, 1, Bias = false, Name = "block.0.0")] [BatchNorm2d(96, Eps = 0.001, Name = "block.0.1")] [Hardswish]
[Conv2d(96, 96, 5, Padding = 2, Groups = 96, Bias = false, Name = "block.1.0")] [BatchNorm2d(96, Eps = 0.001, Name = "block.1.1")] [Hardswish]
[Block(typeof(SqueezeExcitation96), Name = "block.2")]
[Conv2d(96, 24, 1, Bias = false, Name = "block.3.0")] [BatchNorm2d(24, Eps = 0.001, Name = "block.3.1")]
public partial class V3Block24SeHs;

/// <summary>torchvision's SqueezeExcitation(96, 24).</summary>
[SqueezeExcitation]
[AdaptiveAvgPool2d(1)] [Conv2d(96, 24, 1, Name = "fc1", Activation = Activation.ReLU)] [Conv2d(24, 96, 1, Name = "fc2")] [Hardsigmoid]
public partial class SqueezeExcitation96;
