// ResNet-18 as torchvision defines it (torchvision.models.resnet18), declared with ConvGen's layer attributes and blocks,
// under torchvision's state_dict names. Compiled into the conformance tests (against libtorch, tools/ConvGen.Oracle) and
// the benchmarks (against ONNX Runtime and TorchSharp).

namespace ConvGen.Networks;

/// <summary>ResNet-18 for 224×224 RGB images: 1000 ImageNet logits.</summary>
[Sequential(InChannels = 3, InputHeight = 224, InputWidth = 224)]
[Conv2d(3, 64, 7, Stride = 2, Padding = 3, Bias = false, Name = "conv1")] [BatchNorm2d(64, Name = "bn1")] [ReLU] [MaxPool2d(3, Stride = 2, Padding = 1)]
[Block(typeof(BasicBlock64), Name = "layer1.0")] [Block(typeof(BasicBlock64), Name = "layer1.1")]
[Block(typeof(BasicBlockDown128), Name = "layer2.0")] [Block(typeof(BasicBlock128), Name = "layer2.1")]
[Block(typeof(BasicBlockDown256), Name = "layer3.0")] [Block(typeof(BasicBlock256), Name = "layer3.1")]
[Block(typeof(BasicBlockDown512), Name = "layer4.0")] [Block(typeof(BasicBlock512), Name = "layer4.1")]
[AdaptiveAvgPool2d(1)] [Flatten] [Linear(512, 1000, Name = "fc")]
public partial class ResNet18;

/// <summary>torchvision's BasicBlock(64, 64): two 3×3 convolutions with BatchNorm, the input added back, ReLU.</summary>
[Residual(Activation = Activation.ReLU)]
[Conv2d(64, 64, 3, Padding = 1, Bias = false, Name = "conv1")] [BatchNorm2d(64, Name = "bn1")] [ReLU]
[Conv2d(64, 64, 3, Padding = 1, Bias = false, Name = "conv2")] [BatchNorm2d(64, Name = "bn2")]
public partial class BasicBlock64;

[Residual(Activation = Activation.ReLU)]
[Conv2d(128, 128, 3, Padding = 1, Bias = false, Name = "conv1")] [BatchNorm2d(128, Name = "bn1")] [ReLU]
[Conv2d(128, 128, 3, Padding = 1, Bias = false, Name = "conv2")] [BatchNorm2d(128, Name = "bn2")]
public partial class BasicBlock128;

[Residual(Activation = Activation.ReLU)]
[Conv2d(256, 256, 3, Padding = 1, Bias = false, Name = "conv1")] [BatchNorm2d(256, Name = "bn1")] [ReLU]
[Conv2d(256, 256, 3, Padding = 1, Bias = false, Name = "conv2")] [BatchNorm2d(256, Name = "bn2")]
public partial class BasicBlock256;

[Residual(Activation = Activation.ReLU)]
[Conv2d(512, 512, 3, Padding = 1, Bias = false, Name = "conv1")] [BatchNorm2d(512, Name = "bn1")] [ReLU]
[Conv2d(512, 512, 3, Padding = 1, Bias = false, Name = "conv2")] [BatchNorm2d(512, Name = "bn2")]
public partial class BasicBlock512;

/// <summary>torchvision's BasicBlock(64, 128, stride=2, downsample): the shortcut a strided 1×1 convolution with BatchNorm.</summary>
[Residual(Shortcut = typeof(Downsample128), Activation = Activation.ReLU)]
[Conv2d(64, 128, 3, Stride = 2, Padding = 1, Bias = false, Name = "conv1")] [BatchNorm2d(128, Name = "bn1")] [ReLU]
[Conv2d(128, 128, 3, Padding = 1, Bias = false, Name = "conv2")] [BatchNorm2d(128, Name = "bn2")]
public partial class BasicBlockDown128;

[Residual(Shortcut = typeof(Downsample256), Activation = Activation.ReLU)]
[Conv2d(128, 256, 3, Stride = 2, Padding = 1, Bias = false, Name = "conv1")] [BatchNorm2d(256, Name = "bn1")] [ReLU]
[Conv2d(256, 256, 3, Padding = 1, Bias = false, Name = "conv2")] [BatchNorm2d(256, Name = "bn2")]
public partial class BasicBlockDown256;

[Residual(Shortcut = typeof(Downsample512), Activation = Activation.ReLU)]
[Conv2d(256, 512, 3, Stride = 2, Padding = 1, Bias = false, Name = "conv1")] [BatchNorm2d(512, Name = "bn1")] [ReLU]
[Conv2d(512, 512, 3, Padding = 1, Bias = false, Name = "conv2")] [BatchNorm2d(512, Name = "bn2")]
public partial class BasicBlockDown512;

/// <summary>ResNet's downsample: nn.Sequential(conv1x1(64, 128, stride=2), BatchNorm2d(128)), names "0" and "1".</summary>
[SequentialBlock] [Conv2d(64, 128, 1, Stride = 2, Bias = false)] [BatchNorm2d(128)]
public partial class Downsample128;

[SequentialBlock] [Conv2d(128, 256, 1, Stride = 2, Bias = false)] [BatchNorm2d(256)]
public partial class Downsample256;

[SequentialBlock] [Conv2d(256, 512, 1, Stride = 2, Bias = false)] [BatchNorm2d(512)]
public partial class Downsample512;
