namespace ConvGen.Numerics.Tests.Pool;

// Layers of the pooling numerics tests: every argument and edge PyTorch has (ceil mode, padding = half the kernel,
// dilation, count_include_pad, divisor_override, non-square windows, strides above and below the kernel).
[MaxPool2d(2)] public partial class MaxK2;
[MaxPool2d(3, Stride = 2, Padding = 1)] public partial class MaxStem;
[MaxPool2d(3, Stride = 2, CeilMode = true)] public partial class MaxCeil;
[MaxPool2d(new[] { 3, 2 }, Stride = new[] { 2, 1 }, Padding = new[] { 1, 1 }, Dilation = new[] { 2, 1 })] public partial class MaxDilatedRect;
[MaxPool2d(2, Stride = 1, Dilation = 3, Padding = 1, CeilMode = true)] public partial class MaxDilatedCeil;
[MaxPool2d(3, Stride = 3, Padding = 1, CeilMode = true, ReturnIndices = true)] public partial class MaxCeilIndices;
[MaxPool2d(1)] public partial class MaxK1;
[MaxPool2d(5, Stride = 4, Padding = 2)] public partial class MaxK5S4;
[MaxPool2d(4, Stride = 3, CeilMode = true, ReturnIndices = true)] public partial class MaxK4S3Indices;
[MaxPool2d(3, Stride = 1, Padding = 1, ReturnIndices = true)] public partial class MaxK3S1Indices;
[MaxPool2d(2, Stride = 2, InputHeight = 8, InputWidth = 6)] public partial class MaxFixed;

[AvgPool2d(2)] public partial class AvgK2;
[AvgPool2d(3, Stride = 2, Padding = 1)] public partial class AvgPad;
[AvgPool2d(3, Stride = 2, Padding = 1, CountIncludePad = false)] public partial class AvgPadExclude;
[AvgPool2d(3, Stride = 2, Padding = 1, CeilMode = true)] public partial class AvgCeil;
[AvgPool2d(3, Stride = 2, Padding = 1, CeilMode = true, CountIncludePad = false)] public partial class AvgCeilExclude;
[AvgPool2d(new[] { 3, 2 }, Stride = new[] { 2, 3 }, Padding = new[] { 1, 1 }, DivisorOverride = 5)] public partial class AvgDivisor;
[AvgPool2d(4, Stride = 3, CeilMode = true)] public partial class AvgK4S3Ceil;
[AvgPool2d(5, Stride = 1, Padding = 2)] public partial class AvgK5S1;
[AvgPool2d(2, Stride = 2, CeilMode = true, DivisorOverride = -3)] public partial class AvgNegativeDivisor;

[MaxUnpool2d(2)] public partial class Unpool2;
[MaxUnpool2d(3, Stride = 2, Padding = 1)] public partial class Unpool3;

[AdaptiveAvgPool2d(1)] public partial class GlobalAvg;
[AdaptiveAvgPool2d(new[] { 3, 5 })] public partial class AdaptiveAvg3x5;
[AdaptiveAvgPool2d(new[] { 0, 4 })] public partial class AdaptiveAvgNoneBy4;
[AdaptiveMaxPool2d(1)] public partial class GlobalMax;
[AdaptiveMaxPool2d(new[] { 5, 3 })] public partial class AdaptiveMax5x3;
