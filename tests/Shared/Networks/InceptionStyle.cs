// A small network with an Inception block (torchvision.models.inception's BasicConv2d names): parallel branches
// concatenated along the channels. Compiled into the conformance tests.

namespace ConvGen.Networks;

/// <summary>Stem, one Inception block, pooling and a classifier on 32×32 RGB images: 10 logits.</summary>
[Sequential(InChannels = 3, InputHeight = 32, InputWidth = 32)]
[Conv2d(3, 16, 3, Padding = 1, Bias = false, Name = "stem.conv")] [BatchNorm2d(16, Eps = 0.001, Name = "stem.bn")] [ReLU]
[Block(typeof(MiniInception), Name = "mixed")]
[MaxPool2d(2)] [AdaptiveAvgPool2d(1)] [Flatten] [Linear(24, 10, Name = "fc")]
public partial class InceptionStyle;

/// <summary>Three branches on the same input: 1×1 (8), 1×1 → 3×3 (12), 3×3 average pool → 1×1 (4): 24 channels.</summary>
[Concat(typeof(Branch1x1), typeof(Branch3x3), typeof(BranchPool))]
public partial class MiniInception;

[SequentialBlock]
[Conv2d(16, 8, 1, Bias = false, Name = "branch1x1.conv")] [BatchNorm2d(8, Eps = 0.001, Name = "branch1x1.bn")] [ReLU]
public partial class Branch1x1;

[SequentialBlock]
[Conv2d(16, 8, 1, Bias = false, Name = "branch3x3_1.conv")] [BatchNorm2d(8, Eps = 0.001, Name = "branch3x3_1.bn")] [ReLU]
[Conv2d(8, 12, 3, Padding = 1, Bias = false, Name = "branch3x3_2.conv")] [BatchNorm2d(12, Eps = 0.001, Name = "branch3x3_2.bn")] [ReLU]
public partial class Branch3x3;

[SequentialBlock]
[AvgPool2d(3, Stride = 1, Padding = 1)]
[Conv2d(16, 4, 1, Bias = false, Name = "branch_pool.conv")] [BatchNorm2d(4, Eps = 0.001, Name = "branch_pool.bn")] [ReLU]
public partial class BranchPool;
