using System;
using System.Collections.Generic;
using ConvGen;

namespace ConvGen.Numerics.Tests;

// The layer matrix: every padding mode × stride × dilation × groups (incl. depthwise and multiplier) × odd, even and
// rectangular kernels × bias on/off, plus layers with a compile-time input size. Each is compared with ReferenceConv2d.

// README examples, beside their PyTorch lines.
[Conv2d(16, 33, 3, Stride = 2)] public partial class ReadmeStride2;                                              // nn.Conv2d(16, 33, 3, stride=2)
[Conv2d(16, 33, new[] { 3, 5 }, Stride = new[] { 2, 1 }, Padding = new[] { 4, 2 })] public partial class ReadmeRect; // nn.Conv2d(16, 33, (3, 5), stride=(2, 1), padding=(4, 2))
[Conv2d(16, 33, new[] { 3, 5 }, Stride = new[] { 2, 1 }, Padding = new[] { 4, 2 }, Dilation = new[] { 3, 1 })] public partial class ReadmeDilated;
[Conv2d(6, 6, 1, Groups = 3, Bias = false)] public partial class ReadmeGrouped1x1;                               // nn.Conv2d(6, 6, 1, groups=3, bias=False)
[Conv2d(144, 144, 3, Padding = 1, Groups = 144)] public partial class ReadmeDepthwise;                           // nn.Conv2d(144, 144, 3, padding=1, groups=144)
[Conv2d(32, 64, 3, Groups = 32)] public partial class ReadmeDepthwiseMultiplier;                                 // nn.Conv2d(32, 64, 3, groups=32)

// Padding strings.
[Conv2d(4, 5, 3, Padding = "same")] public partial class SameOdd;
[Conv2d(4, 5, 4, Padding = "same")] public partial class SameEven;
[Conv2d(3, 4, new[] { 2, 4 }, Padding = "same", Dilation = new[] { 2, 1 })] public partial class SameEvenDilated;
[Conv2d(3, 4, 3, Padding = "valid")] public partial class Valid;
[Conv2d(2, 3, 4, Padding = "same", PaddingMode = PaddingMode.Reflect)] public partial class SameEvenReflect;
[Conv2d(3, 3, new[] { 2, 3 }, Padding = "same", PaddingMode = PaddingMode.Circular, Bias = false)] public partial class SameEvenCircular;

// Padding modes × stride × dilation × groups.
[Conv2d(3, 5, 3, Padding = 1, PaddingMode = PaddingMode.Reflect)] public partial class Reflect1;
[Conv2d(3, 5, 3, Stride = 2, Padding = 2, PaddingMode = PaddingMode.Reflect)] public partial class Reflect2Stride2;
[Conv2d(4, 6, new[] { 3, 5 }, Padding = new[] { 2, 1 }, Dilation = new[] { 1, 2 }, PaddingMode = PaddingMode.Reflect, Bias = false)] public partial class ReflectRectDilated;
[Conv2d(2, 4, new[] { 3, 2 }, Padding = 2, PaddingMode = PaddingMode.Replicate)] public partial class ReplicateRect;
[Conv2d(6, 9, 3, Padding = 1, Groups = 3, PaddingMode = PaddingMode.Replicate)] public partial class ReplicateGrouped;
[Conv2d(2, 2, 3, Padding = 3, Stride = new[] { 1, 2 }, PaddingMode = PaddingMode.Replicate)] public partial class ReplicateWide;
[Conv2d(3, 4, 3, Padding = 1, Stride = 2, Dilation = 2, PaddingMode = PaddingMode.Circular)] public partial class CircularStrideDilation;
[Conv2d(5, 5, 3, Padding = new[] { 2, 1 }, Groups = 5, PaddingMode = PaddingMode.Circular, Bias = false)] public partial class CircularDepthwise;
[Conv2d(1, 2, 3, Padding = 2, PaddingMode = PaddingMode.Circular)] public partial class CircularFull;

// Strides, dilations, kernels.
[Conv2d(3, 7, 2, Stride = 3)] public partial class Stride3Even;
[Conv2d(3, 5, 3, Stride = new[] { 1, 3 }, Dilation = new[] { 2, 1 }, Padding = new[] { 1, 0 })] public partial class StrideDilationMixed;
[Conv2d(3, 10, 7, Stride = 2, Padding = 3)] public partial class Stem7x7;
[Conv2d(1, 8, 5)] public partial class Mnist5x5;
[Conv2d(4, 4, 3, Padding = 2, Dilation = 2)] public partial class Dilated2;
[Conv2d(3, 5, 3, Stride = 2, Dilation = 3, Padding = 2)] public partial class Dilated3Stride2;
[Conv2d(4, 4, new[] { 1, 7 }, Padding = new[] { 0, 3 })] public partial class Kernel1x7;
[Conv2d(4, 4, new[] { 7, 1 }, Padding = new[] { 3, 0 }, Bias = false)] public partial class Kernel7x1;
[Conv2d(3, 4, 2)] public partial class Even2;
[Conv2d(2, 3, 3, Padding = 4)] public partial class PaddingLargerThanKernel;
[Conv2d(3, 16, 4, Stride = 4)] public partial class Patchify;
[Conv2d(3, 5, new[] { 3, 1 }, Dilation = new[] { 2, 1 })] public partial class Column3x1Unpadded;          // reads the input in place

// Channel tiling: out/groups below, equal to and not a multiple of the tile; many input channels.
[Conv2d(24, 13, 1)] public partial class Pointwise13;
[Conv2d(8, 6, 1, Stride = 2, Bias = false)] public partial class PointwiseStride2;
[Conv2d(4, 6, 3, Groups = 2, Padding = 1)] public partial class Grouped3PerGroup;
[Conv2d(3, 7, 3, Padding = 1)] public partial class Dense7;
[Conv2d(16, 16, 3, Padding = 1, Groups = 4)] public partial class Grouped4;
[Conv2d(64, 9, 3, Padding = 1)] public partial class ManyInputs;
[Conv2d(5, 9, 3, Padding = 1, Stride = 2, Bias = false)] public partial class DenseNoBiasStride2;

// Depthwise.
[Conv2d(16, 16, 3, Stride = 2, Padding = 1, Groups = 16)] public partial class DepthwiseStride2;
[Conv2d(8, 8, 5, Padding = "same", Groups = 8, Bias = false)] public partial class Depthwise5x5Same;
[Conv2d(3, 12, 3, Groups = 3, Padding = 1)] public partial class DesignCardFixed;                                 // the design card's example, made valid

// Compile-time input size.
[Conv2d(3, 12, 3, Groups = 3, Padding = 1, InputHeight = 13, InputWidth = 17)] public partial class Fixed13x17;
[Conv2d(4, 6, 3, Stride = 2, Padding = 1, PaddingMode = PaddingMode.Reflect, InputHeight = 9, InputWidth = 11)] public partial class FixedReflectStride2;
[Conv2d(1, 8, 5, InputHeight = 28, InputWidth = 28)] public partial class FixedMnist;
[Conv2d(5, 3, 1, InputHeight = 1, InputWidth = 1, Bias = false)] public partial class Fixed1x1;
[Conv2d(6, 6, 3, Groups = 6, Dilation = 2, Padding = "same", PaddingMode = PaddingMode.Circular, InputHeight = 7, InputWidth = 5)] public partial class FixedDepthwiseCircular;

/// <summary>A layer of the matrix: how to build it from (weight, bias) and which input sizes it is tested at.</summary>
public sealed record LayerCase(string Name, Conv2dParameters Parameters, Func<float[], float[]?, IConv2dLayer> Create, (int H, int W)? FixedSize)
{
    public override string ToString() => Name;
}

public static class LayerMatrix
{
    private static LayerCase Case<T>(Func<float[], float[]?, T> create, Conv2dParameters parameters, (int, int)? fixedSize = null)
        where T : IConv2dLayer => new(typeof(T).Name, parameters, (w, b) => create(w, b), fixedSize);

    /// <summary>
    /// The parameters as PyTorch would state them, written independently of the generated layer (from its constants),
    /// so a wrong constant or a wrong "same" split is caught by the reference comparison.
    /// </summary>
    private static Conv2dParameters P<T>() where T : IConv2dLayer => Declared[typeof(T).Name];

    private static readonly Dictionary<string, Conv2dParameters> Declared = new()
    {
        ["ReadmeStride2"] = new(16, 33, 3, 3, strideHeight: 2, strideWidth: 2),
        ["ReadmeRect"] = new(16, 33, 3, 5, 2, 1, 4, 4, 2, 2),
        ["ReadmeDilated"] = new(16, 33, 3, 5, 2, 1, 4, 4, 2, 2, dilationHeight: 3, dilationWidth: 1),
        ["ReadmeGrouped1x1"] = new(6, 6, 1, 1, groups: 3, bias: false),
        ["ReadmeDepthwise"] = new(144, 144, 3, 3, paddingTop: 1, paddingBottom: 1, paddingLeft: 1, paddingRight: 1, groups: 144),
        ["ReadmeDepthwiseMultiplier"] = new(32, 64, 3, 3, groups: 32),
        ["SameOdd"] = new(4, 5, 3, 3, paddingTop: 1, paddingBottom: 1, paddingLeft: 1, paddingRight: 1),
        // "same", k=4: total 3 → 1 before, 2 after (PyTorch puts the extra one at the bottom/right).
        ["SameEven"] = new(4, 5, 4, 4, paddingTop: 1, paddingBottom: 2, paddingLeft: 1, paddingRight: 2),
        // H: d=2, k=2 → total 2 → 1/1; W: d=1, k=4 → total 3 → 1/2.
        ["SameEvenDilated"] = new(3, 4, 2, 4, paddingTop: 1, paddingBottom: 1, paddingLeft: 1, paddingRight: 2, dilationHeight: 2, dilationWidth: 1),
        ["Valid"] = new(3, 4, 3, 3),
        ["SameEvenReflect"] = new(2, 3, 4, 4, paddingTop: 1, paddingBottom: 2, paddingLeft: 1, paddingRight: 2, paddingMode: PaddingMode.Reflect),
        // H: k=2 → 0/1; W: k=3 → 1/1.
        ["SameEvenCircular"] = new(3, 3, 2, 3, paddingTop: 0, paddingBottom: 1, paddingLeft: 1, paddingRight: 1, bias: false, paddingMode: PaddingMode.Circular),
        ["Reflect1"] = new(3, 5, 3, 3, 1, 1, 1, 1, 1, 1, paddingMode: PaddingMode.Reflect),
        ["Reflect2Stride2"] = new(3, 5, 3, 3, 2, 2, 2, 2, 2, 2, paddingMode: PaddingMode.Reflect),
        ["ReflectRectDilated"] = new(4, 6, 3, 5, 1, 1, 2, 2, 1, 1, dilationHeight: 1, dilationWidth: 2, bias: false, paddingMode: PaddingMode.Reflect),
        ["ReplicateRect"] = new(2, 4, 3, 2, 1, 1, 2, 2, 2, 2, paddingMode: PaddingMode.Replicate),
        ["ReplicateGrouped"] = new(6, 9, 3, 3, 1, 1, 1, 1, 1, 1, groups: 3, paddingMode: PaddingMode.Replicate),
        ["ReplicateWide"] = new(2, 2, 3, 3, 1, 2, 3, 3, 3, 3, paddingMode: PaddingMode.Replicate),
        ["CircularStrideDilation"] = new(3, 4, 3, 3, 2, 2, 1, 1, 1, 1, 2, 2, paddingMode: PaddingMode.Circular),
        ["CircularDepthwise"] = new(5, 5, 3, 3, 1, 1, 2, 2, 1, 1, groups: 5, bias: false, paddingMode: PaddingMode.Circular),
        ["CircularFull"] = new(1, 2, 3, 3, 1, 1, 2, 2, 2, 2, paddingMode: PaddingMode.Circular),
        ["Stride3Even"] = new(3, 7, 2, 2, 3, 3),
        ["StrideDilationMixed"] = new(3, 5, 3, 3, 1, 3, 1, 1, 0, 0, dilationHeight: 2, dilationWidth: 1),
        ["Stem7x7"] = new(3, 10, 7, 7, 2, 2, 3, 3, 3, 3),
        ["Mnist5x5"] = new(1, 8, 5, 5),
        ["Dilated2"] = new(4, 4, 3, 3, 1, 1, 2, 2, 2, 2, 2, 2),
        ["Dilated3Stride2"] = new(3, 5, 3, 3, 2, 2, 2, 2, 2, 2, 3, 3),
        ["Kernel1x7"] = new(4, 4, 1, 7, paddingLeft: 3, paddingRight: 3),
        ["Kernel7x1"] = new(4, 4, 7, 1, paddingTop: 3, paddingBottom: 3, bias: false),
        ["Even2"] = new(3, 4, 2, 2),
        ["PaddingLargerThanKernel"] = new(2, 3, 3, 3, 1, 1, 4, 4, 4, 4),
        ["Patchify"] = new(3, 16, 4, 4, 4, 4),
        ["Column3x1Unpadded"] = new(3, 5, 3, 1, dilationHeight: 2, dilationWidth: 1),
        ["Pointwise13"] = new(24, 13, 1, 1),
        ["PointwiseStride2"] = new(8, 6, 1, 1, 2, 2, bias: false),
        ["Grouped3PerGroup"] = new(4, 6, 3, 3, 1, 1, 1, 1, 1, 1, groups: 2),
        ["Dense7"] = new(3, 7, 3, 3, 1, 1, 1, 1, 1, 1),
        ["Grouped4"] = new(16, 16, 3, 3, 1, 1, 1, 1, 1, 1, groups: 4),
        ["ManyInputs"] = new(64, 9, 3, 3, 1, 1, 1, 1, 1, 1),
        ["DenseNoBiasStride2"] = new(5, 9, 3, 3, 2, 2, 1, 1, 1, 1, bias: false),
        ["DepthwiseStride2"] = new(16, 16, 3, 3, 2, 2, 1, 1, 1, 1, groups: 16),
        ["Depthwise5x5Same"] = new(8, 8, 5, 5, 1, 1, 2, 2, 2, 2, groups: 8, bias: false),
        ["DesignCardFixed"] = new(3, 12, 3, 3, 1, 1, 1, 1, 1, 1, groups: 3),
        ["Fixed13x17"] = new(3, 12, 3, 3, 1, 1, 1, 1, 1, 1, groups: 3),
        ["FixedReflectStride2"] = new(4, 6, 3, 3, 2, 2, 1, 1, 1, 1, paddingMode: PaddingMode.Reflect),
        ["FixedMnist"] = new(1, 8, 5, 5),
        ["Fixed1x1"] = new(5, 3, 1, 1, bias: false),
        // "same", k=3, d=2: total 4 → 2/2.
        ["FixedDepthwiseCircular"] = new(6, 6, 3, 3, 1, 1, 2, 2, 2, 2, 2, 2, groups: 6, paddingMode: PaddingMode.Circular),
    };

    public static readonly IReadOnlyList<LayerCase> All = new[]
    {
        Case((w, b) => new ReadmeStride2(w, b), P<ReadmeStride2>()),
        Case((w, b) => new ReadmeRect(w, b), P<ReadmeRect>()),
        Case((w, b) => new ReadmeDilated(w, b), P<ReadmeDilated>()),
        Case((w, _) => new ReadmeGrouped1x1(w), P<ReadmeGrouped1x1>()),
        Case((w, b) => new ReadmeDepthwise(w, b), P<ReadmeDepthwise>()),
        Case((w, b) => new ReadmeDepthwiseMultiplier(w, b), P<ReadmeDepthwiseMultiplier>()),
        Case((w, b) => new SameOdd(w, b), P<SameOdd>()),
        Case((w, b) => new SameEven(w, b), P<SameEven>()),
        Case((w, b) => new SameEvenDilated(w, b), P<SameEvenDilated>()),
        Case((w, b) => new Valid(w, b), P<Valid>()),
        Case((w, b) => new SameEvenReflect(w, b), P<SameEvenReflect>()),
        Case((w, _) => new SameEvenCircular(w), P<SameEvenCircular>()),
        Case((w, b) => new Reflect1(w, b), P<Reflect1>()),
        Case((w, b) => new Reflect2Stride2(w, b), P<Reflect2Stride2>()),
        Case((w, _) => new ReflectRectDilated(w), P<ReflectRectDilated>()),
        Case((w, b) => new ReplicateRect(w, b), P<ReplicateRect>()),
        Case((w, b) => new ReplicateGrouped(w, b), P<ReplicateGrouped>()),
        Case((w, b) => new ReplicateWide(w, b), P<ReplicateWide>()),
        Case((w, b) => new CircularStrideDilation(w, b), P<CircularStrideDilation>()),
        Case((w, _) => new CircularDepthwise(w), P<CircularDepthwise>()),
        Case((w, b) => new CircularFull(w, b), P<CircularFull>()),
        Case((w, b) => new Stride3Even(w, b), P<Stride3Even>()),
        Case((w, b) => new StrideDilationMixed(w, b), P<StrideDilationMixed>()),
        Case((w, b) => new Stem7x7(w, b), P<Stem7x7>()),
        Case((w, b) => new Mnist5x5(w, b), P<Mnist5x5>()),
        Case((w, b) => new Dilated2(w, b), P<Dilated2>()),
        Case((w, b) => new Dilated3Stride2(w, b), P<Dilated3Stride2>()),
        Case((w, b) => new Kernel1x7(w, b), P<Kernel1x7>()),
        Case((w, _) => new Kernel7x1(w), P<Kernel7x1>()),
        Case((w, b) => new Even2(w, b), P<Even2>()),
        Case((w, b) => new PaddingLargerThanKernel(w, b), P<PaddingLargerThanKernel>()),
        Case((w, b) => new Patchify(w, b), P<Patchify>()),
        Case((w, b) => new Column3x1Unpadded(w, b), P<Column3x1Unpadded>()),
        Case((w, b) => new Pointwise13(w, b), P<Pointwise13>()),
        Case((w, _) => new PointwiseStride2(w), P<PointwiseStride2>()),
        Case((w, b) => new Grouped3PerGroup(w, b), P<Grouped3PerGroup>()),
        Case((w, b) => new Dense7(w, b), P<Dense7>()),
        Case((w, b) => new Grouped4(w, b), P<Grouped4>()),
        Case((w, b) => new ManyInputs(w, b), P<ManyInputs>()),
        Case((w, _) => new DenseNoBiasStride2(w), P<DenseNoBiasStride2>()),
        Case((w, b) => new DepthwiseStride2(w, b), P<DepthwiseStride2>()),
        Case((w, _) => new Depthwise5x5Same(w), P<Depthwise5x5Same>()),
        Case((w, b) => new DesignCardFixed(w, b), P<DesignCardFixed>()),
        Case((w, b) => new Fixed13x17(w, b), P<Fixed13x17>(), (13, 17)),
        Case((w, b) => new FixedReflectStride2(w, b), P<FixedReflectStride2>(), (9, 11)),
        Case((w, b) => new FixedMnist(w, b), P<FixedMnist>(), (28, 28)),
        Case((w, _) => new Fixed1x1(w), P<Fixed1x1>(), (1, 1)),
        Case((w, b) => new FixedDepthwiseCircular(w, b), P<FixedDepthwiseCircular>(), (7, 5)),
    };

}
