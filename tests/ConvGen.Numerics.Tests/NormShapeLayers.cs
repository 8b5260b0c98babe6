using ConvGen;

namespace ConvGen.Numerics.Tests.NormShape;

[BatchNorm2d(3)] public partial class Bn3;
[BatchNorm2d(20, Eps = 1e-3)] public partial class Bn20Eps3;
[BatchNorm2d(7, Affine = false)] public partial class Bn7NoAffine;
[BatchNorm2d(64, Momentum = 0.01)] public partial class Bn64;

[ZeroPad2d(1)] public partial class Zero1;
[ZeroPad2d(0, 1, 0, 1)] public partial class ZeroRightBottom;
[ZeroPad2d(-1, 2, 3, -2)] public partial class ZeroMixed;
[ZeroPad2d(5, 6, 7, 4)] public partial class ZeroLarge;
[ConstantPad2d(2, 3.5)] public partial class Const2;
[ConstantPad2d(new[] { 3, 0, -1, 2 }, -1.25)] public partial class ConstMixed;
[ConstantPad2d(new[] { -1, -2, -1, 0 }, 9)] public partial class ConstCrop;
[ReflectionPad2d(1)] public partial class Reflect1;
[ReflectionPad2d(new[] { 3, 1, 2, 0 })] public partial class ReflectAsym;
[ReflectionPad2d(new[] { -2, 2, 1, -1 })] public partial class ReflectMixed;
[ReplicationPad2d(2)] public partial class Replicate2;
[ReplicationPad2d(new[] { 0, 5, -2, 3 })] public partial class ReplicateMixed;
[ReplicationPad2d(new[] { 4, -6, 1, 1 })] public partial class ReplicateCropPastEdge;

[Flatten] public partial class FlattenDefault;
[Flatten(StartDim = 0)] public partial class FlattenAll;
[Flatten(StartDim = 2, EndDim = 3)] public partial class FlattenSpatial;
[Flatten(StartDim = -3, EndDim = -2)] public partial class FlattenChannelHeight;
[Flatten(StartDim = 2, EndDim = 2)] public partial class FlattenNothing;
