using System;
using System.Collections.Generic;
using ConvGen;

namespace ConvGen.Numerics.Tests;

// Conv1d: strides, dilations, "same" (odd and even kernels), every padding mode, depthwise, grouped 1×1, a speech
// front-end's large strided kernel, and a fused activation.
[Conv1d(4, 6, 3, Padding = 1)] public partial class C1Basic;
[Conv1d(16, 33, 3, Stride = 2)] public partial class C1Readme;                                                     // nn.Conv1d(16, 33, 3, stride=2)
[Conv1d(2, 4, 7, Stride = 3, Padding = 3, Dilation = 2)] public partial class C1StrideDilation;
[Conv1d(6, 6, 5, Padding = "same", Groups = 6)] public partial class C1DepthwiseSame;
[Conv1d(3, 5, 4, Padding = "same", PaddingMode = PaddingMode.Reflect)] public partial class C1SameEvenReflect;
[Conv1d(3, 4, 3, Padding = 2, PaddingMode = PaddingMode.Circular, Bias = false)] public partial class C1Circular;
[Conv1d(2, 3, 3, Padding = 2, Stride = 3, PaddingMode = PaddingMode.Replicate)] public partial class C1ReplicateStride3;
[Conv1d(8, 12, 1, Groups = 4)] public partial class C1PointwiseGrouped;
[Conv1d(1, 16, 40, Stride = 8, Padding = 20)] public partial class C1SpeechFrontEnd;
[Conv1d(4, 8, 3, Padding = 2, Dilation = 2, Activation = Activation.GELU)] public partial class C1TcnGelu;

// Conv3d: C3D, (2+1)D factorised kernels, rectangular strides and dilations, depthwise, every padding mode, patches,
// a fixed input size, and fused activations.
[Conv3d(3, 8, 3, Padding = 1)] public partial class C3C3d;
[Conv3d(2, 4, new[] { 1, 3, 3 }, Padding = new[] { 0, 1, 1 })] public partial class C3Spatial;
[Conv3d(4, 4, new[] { 3, 1, 1 }, Padding = new[] { 1, 0, 0 }, Activation = Activation.ReLU)] public partial class C3Temporal;
[Conv3d(3, 5, new[] { 3, 5, 2 }, Stride = new[] { 2, 1, 1 }, Padding = new[] { 1, 2, 0 }, Dilation = new[] { 1, 1, 2 })] public partial class C3Rect;
[Conv3d(6, 6, 3, Groups = 6, Padding = 1, Stride = 2)] public partial class C3DepthwiseStride2;
[Conv3d(2, 3, 3, Padding = 1, PaddingMode = PaddingMode.Reflect)] public partial class C3Reflect;
[Conv3d(2, 3, new[] { 2, 3, 3 }, Padding = new[] { 1, 2, 3 }, Stride = new[] { 1, 3, 4 }, PaddingMode = PaddingMode.Replicate)] public partial class C3ReplicateStrides;
[Conv3d(2, 2, 3, Padding = new[] { 2, 1, 1 }, PaddingMode = PaddingMode.Circular, Bias = false)] public partial class C3Circular;
[Conv3d(4, 6, 2, Stride = 2, Bias = false)] public partial class C3Patch;
[Conv3d(3, 4, 3, Padding = "same", Dilation = 2, Activation = Activation.ReLU6)] public partial class C3SameDilatedRelu6;
[Conv3d(2, 3, 3, Padding = 1, InputDepth = 4, InputHeight = 5, InputWidth = 6, Activation = Activation.SiLU)] public partial class C3Fixed;

// Conv2d with every fused activation (grid kernel), on the depthwise plane kernel, and with a fixed input size.
[Conv2d(3, 7, 3, Padding = 1, Activation = Activation.ReLU)] public partial class A2Relu;
[Conv2d(3, 7, 3, Padding = 1, Activation = Activation.ReLU6)] public partial class A2Relu6;
[Conv2d(3, 7, 3, Padding = 1, Activation = Activation.LeakyReLU, NegativeSlope = 0.2f)] public partial class A2Leaky;
[Conv2d(3, 7, 3, Padding = 1, Activation = Activation.Sigmoid)] public partial class A2Sigmoid;
[Conv2d(3, 7, 3, Padding = 1, Activation = Activation.Tanh)] public partial class A2Tanh;
[Conv2d(3, 7, 3, Padding = 1, Activation = Activation.Hardsigmoid)] public partial class A2Hardsigmoid;
[Conv2d(3, 7, 3, Padding = 1, Activation = Activation.Hardswish)] public partial class A2Hardswish;
[Conv2d(3, 7, 3, Padding = 1, Activation = Activation.SiLU)] public partial class A2Silu;
[Conv2d(3, 7, 3, Padding = 1, Activation = Activation.GELU)] public partial class A2Gelu;
[Conv2d(3, 7, 3, Padding = 1, Activation = Activation.GELUTanh)] public partial class A2GeluTanh;
[Conv2d(8, 8, 3, Padding = 1, Groups = 8, Activation = Activation.ReLU6)] public partial class A2DepthwiseRelu6;
[Conv2d(8, 8, 3, Padding = 1, Groups = 8, Stride = 2, Activation = Activation.Hardswish)] public partial class A2DepthwiseS2Hardswish;
[Conv2d(20, 20, 5, Padding = 2, Groups = 20, Activation = Activation.SiLU)] public partial class A2DepthwiseBlocksSilu;
[Conv2d(6, 4, 1, Activation = Activation.LeakyReLU)] public partial class A2PointwiseLeaky;
[Conv2d(40, 44, 1, Activation = Activation.Hardsigmoid)] public partial class A2SqueezeExcitationGate;
[Conv2d(1, 8, 5, InputHeight = 12, InputWidth = 12, Activation = Activation.Tanh)] public partial class A2FixedTanh;

// ConvTranspose1d/2d/3d: DCGAN and U-Net up-sampling, output_padding, padding larger than the window (crops),
// rectangular strides and dilations, groups, depthwise, fused activations.
[ConvTranspose2d(8, 4, 4, Stride = 2, Padding = 1)] public partial class T2Dcgan;
[ConvTranspose2d(6, 3, 2, Stride = 2)] public partial class T2UnetUp;
[ConvTranspose2d(4, 6, 3, Stride = 2, Padding = 1, OutputPadding = 1)] public partial class T2OutputPadding;
[ConvTranspose2d(4, 6, new[] { 3, 5 }, Stride = new[] { 3, 1 }, Padding = new[] { 2, 0 }, Dilation = new[] { 1, 2 }, Groups = 2, Bias = false)] public partial class T2RectGrouped;
[ConvTranspose2d(6, 6, 3, Groups = 6, Padding = 1, Activation = Activation.ReLU)] public partial class T2DepthwiseRelu;
[ConvTranspose2d(3, 5, 3, Stride = 2, Padding = 4, OutputPadding = 1, Dilation = 2, Activation = Activation.Tanh)] public partial class T2CropDilatedTanh;
[ConvTranspose2d(16, 9, 1)] public partial class T2Pointwise;
[ConvTranspose1d(4, 2, 5, Stride = 3, Padding = 1, OutputPadding = 2)] public partial class T1Stride3;
[ConvTranspose3d(2, 3, new[] { 2, 3, 3 }, Stride = new[] { 2, 1, 2 }, Padding = new[] { 0, 1, 1 }, Activation = Activation.SiLU)] public partial class T3Video;
// Kernels smaller than the stride: output phases that no tap reaches hold the activated bias.
[ConvTranspose2d(3, 4, 1, Stride = 2, Activation = Activation.Sigmoid)] public partial class T2SparsePhases;
[ConvTranspose1d(2, 3, 2, Stride = 4, Padding = 2, Dilation = 3, OutputPadding = 2)] public partial class T1DilatedGaps;

/// <summary>Runs a layer of any rank: (input, output, batch, spatial size, threads).</summary>
public delegate void ForwardNd(ReadOnlySpan<float> input, Span<float> output, int batch, int[] size, int threads);

/// <summary>A layer of the N-d matrix: the parameters as PyTorch would state them and how to build and run the generated layer.</summary>
public sealed record NdCase(string Name, ConvParameters Parameters, Func<float[], float[]?, (ForwardNd Forward, object Parameters)> Create, int[]? FixedSize)
{
    public override string ToString() => Name;
}

public static class NdMatrix
{
    private static NdCase One<T>(ConvParameters p, Func<float[], float[]?, T> create) where T : IConv1dLayer =>
        new(typeof(T).Name, p, (w, b) => { var l = create(w, b); return ((x, y, n, s, t) => l.Forward(x, y, n, s[0], t), l.Parameters); }, null);

    private static NdCase Two<T>(ConvParameters p, Func<float[], float[]?, T> create, int[]? fixedSize = null) where T : IConv2dLayer =>
        new(typeof(T).Name, p, (w, b) => { var l = create(w, b); return ((x, y, n, s, t) => l.Forward(x, y, n, s[0], s[1], t), l.Parameters); }, fixedSize);

    private static NdCase Three<T>(ConvParameters p, Func<float[], float[]?, T> create, int[]? fixedSize = null) where T : IConv3dLayer =>
        new(typeof(T).Name, p, (w, b) => { var l = create(w, b); return ((x, y, n, s, t) => l.Forward(x, y, n, s[0], s[1], s[2], t), l.Parameters); }, fixedSize);

    private static NdCase T1<T>(ConvParameters p, Func<float[], float[]?, T> create) where T : IConvTranspose1dLayer =>
        new(typeof(T).Name, p, (w, b) => { var l = create(w, b); return ((x, y, n, s, t) => l.Forward(x, y, n, s[0], t), l.Parameters); }, null);

    private static NdCase T2<T>(ConvParameters p, Func<float[], float[]?, T> create) where T : IConvTranspose2dLayer =>
        new(typeof(T).Name, p, (w, b) => { var l = create(w, b); return ((x, y, n, s, t) => l.Forward(x, y, n, s[0], s[1], t), l.Parameters); }, null);

    private static NdCase T3<T>(ConvParameters p, Func<float[], float[]?, T> create) where T : IConvTranspose3dLayer =>
        new(typeof(T).Name, p, (w, b) => { var l = create(w, b); return ((x, y, n, s, t) => l.Forward(x, y, n, s[0], s[1], s[2], t), l.Parameters); }, null);

    private static ConvParameters Tr(int cin, int cout, int[] k, int[]? s = null, int[]? pad = null, int[]? outPad = null, int[]? d = null,
        int groups = 1, bool bias = true, Activation act = Activation.None) =>
        new(cin, cout, k, s, pad, pad, d, groups, bias, PaddingMode.Zeros, act, 0.01f, transposed: true, outputPadding: outPad);

    private static int[] A(params int[] values) => values;

    private static ConvParameters C(int cin, int cout, int[] k, int[]? s = null, int[]? pad = null, int[]? padAfter = null, int[]? d = null,
        int groups = 1, bool bias = true, PaddingMode mode = PaddingMode.Zeros, Activation act = Activation.None, float slope = 0.01f) =>
        new(cin, cout, k, s, pad, padAfter, d, groups, bias, mode, act, slope);

    private static readonly int[] K3x3 = { 3, 3 }, Pad1x1 = { 1, 1 };

    public static readonly NdCase[] All =
    {
        One(C(4, 6, A(3), pad: A(1)), (w, b) => new C1Basic(w, b!)),
        One(C(16, 33, A(3), s: A(2)), (w, b) => new C1Readme(w, b!)),
        One(C(2, 4, A(7), s: A(3), pad: A(3), d: A(2)), (w, b) => new C1StrideDilation(w, b!)),
        One(C(6, 6, A(5), pad: A(2), groups: 6), (w, b) => new C1DepthwiseSame(w, b!)),
        One(C(3, 5, A(4), pad: A(1), padAfter: A(2), mode: PaddingMode.Reflect), (w, b) => new C1SameEvenReflect(w, b!)),
        One(C(3, 4, A(3), pad: A(2), bias: false, mode: PaddingMode.Circular), (w, _) => new C1Circular(w)),
        One(C(2, 3, A(3), s: A(3), pad: A(2), mode: PaddingMode.Replicate), (w, b) => new C1ReplicateStride3(w, b!)),
        One(C(8, 12, A(1), groups: 4), (w, b) => new C1PointwiseGrouped(w, b!)),
        One(C(1, 16, A(40), s: A(8), pad: A(20)), (w, b) => new C1SpeechFrontEnd(w, b!)),
        One(C(4, 8, A(3), pad: A(2), d: A(2), act: Activation.GELU), (w, b) => new C1TcnGelu(w, b!)),

        Three(C(3, 8, A(3, 3, 3), pad: A(1, 1, 1)), (w, b) => new C3C3d(w, b!)),
        Three(C(2, 4, A(1, 3, 3), pad: A(0, 1, 1)), (w, b) => new C3Spatial(w, b!)),
        Three(C(4, 4, A(3, 1, 1), pad: A(1, 0, 0), act: Activation.ReLU), (w, b) => new C3Temporal(w, b!)),
        Three(C(3, 5, A(3, 5, 2), s: A(2, 1, 1), pad: A(1, 2, 0), d: A(1, 1, 2)), (w, b) => new C3Rect(w, b!)),
        Three(C(6, 6, A(3, 3, 3), s: A(2, 2, 2), pad: A(1, 1, 1), groups: 6), (w, b) => new C3DepthwiseStride2(w, b!)),
        Three(C(2, 3, A(3, 3, 3), pad: A(1, 1, 1), mode: PaddingMode.Reflect), (w, b) => new C3Reflect(w, b!)),
        Three(C(2, 3, A(2, 3, 3), s: A(1, 3, 4), pad: A(1, 2, 3), mode: PaddingMode.Replicate), (w, b) => new C3ReplicateStrides(w, b!)),
        Three(C(2, 2, A(3, 3, 3), pad: A(2, 1, 1), bias: false, mode: PaddingMode.Circular), (w, _) => new C3Circular(w)),
        Three(C(4, 6, A(2, 2, 2), s: A(2, 2, 2), bias: false), (w, _) => new C3Patch(w)),
        Three(C(3, 4, A(3, 3, 3), pad: A(2, 2, 2), d: A(2, 2, 2), act: Activation.ReLU6), (w, b) => new C3SameDilatedRelu6(w, b!)),
        Three(C(2, 3, A(3, 3, 3), pad: A(1, 1, 1), act: Activation.SiLU), (w, b) => new C3Fixed(w, b!), A(4, 5, 6)),

        Two(C(3, 7, K3x3, pad: Pad1x1, act: Activation.ReLU), (w, b) => new A2Relu(w, b!)),
        Two(C(3, 7, K3x3, pad: Pad1x1, act: Activation.ReLU6), (w, b) => new A2Relu6(w, b!)),
        Two(C(3, 7, K3x3, pad: Pad1x1, act: Activation.LeakyReLU, slope: 0.2f), (w, b) => new A2Leaky(w, b!)),
        Two(C(3, 7, K3x3, pad: Pad1x1, act: Activation.Sigmoid), (w, b) => new A2Sigmoid(w, b!)),
        Two(C(3, 7, K3x3, pad: Pad1x1, act: Activation.Tanh), (w, b) => new A2Tanh(w, b!)),
        Two(C(3, 7, K3x3, pad: Pad1x1, act: Activation.Hardsigmoid), (w, b) => new A2Hardsigmoid(w, b!)),
        Two(C(3, 7, K3x3, pad: Pad1x1, act: Activation.Hardswish), (w, b) => new A2Hardswish(w, b!)),
        Two(C(3, 7, K3x3, pad: Pad1x1, act: Activation.SiLU), (w, b) => new A2Silu(w, b!)),
        Two(C(3, 7, K3x3, pad: Pad1x1, act: Activation.GELU), (w, b) => new A2Gelu(w, b!)),
        Two(C(3, 7, K3x3, pad: Pad1x1, act: Activation.GELUTanh), (w, b) => new A2GeluTanh(w, b!)),
        Two(C(8, 8, K3x3, pad: Pad1x1, groups: 8, act: Activation.ReLU6), (w, b) => new A2DepthwiseRelu6(w, b!)),
        Two(C(8, 8, K3x3, s: A(2, 2), pad: Pad1x1, groups: 8, act: Activation.Hardswish), (w, b) => new A2DepthwiseS2Hardswish(w, b!)),
        Two(C(20, 20, A(5, 5), pad: A(2, 2), groups: 20, act: Activation.SiLU), (w, b) => new A2DepthwiseBlocksSilu(w, b!)),
        Two(C(6, 4, A(1, 1), act: Activation.LeakyReLU), (w, b) => new A2PointwiseLeaky(w, b!)),
        // 1×1 on one pixel is a matrix–vector product (PixelDriver): 44 channels = four tiles at once, one, a part.
        Two(C(40, 44, A(1, 1), act: Activation.Hardsigmoid), (w, b) => new A2SqueezeExcitationGate(w, b!)),
        Two(C(1, 8, A(5, 5), act: Activation.Tanh), (w, b) => new A2FixedTanh(w, b!), A(12, 12)),

        T2(Tr(8, 4, A(4, 4), s: A(2, 2), pad: A(1, 1)), (w, b) => new T2Dcgan(w, b!)),
        T2(Tr(6, 3, A(2, 2), s: A(2, 2)), (w, b) => new T2UnetUp(w, b!)),
        T2(Tr(4, 6, K3x3, s: A(2, 2), pad: Pad1x1, outPad: A(1, 1)), (w, b) => new T2OutputPadding(w, b!)),
        T2(Tr(4, 6, A(3, 5), s: A(3, 1), pad: A(2, 0), d: A(1, 2), groups: 2, bias: false), (w, _) => new T2RectGrouped(w)),
        T2(Tr(6, 6, K3x3, pad: Pad1x1, groups: 6, act: Activation.ReLU), (w, b) => new T2DepthwiseRelu(w, b!)),
        T2(Tr(3, 5, K3x3, s: A(2, 2), pad: A(4, 4), outPad: A(1, 1), d: A(2, 2), act: Activation.Tanh), (w, b) => new T2CropDilatedTanh(w, b!)),
        T2(Tr(16, 9, A(1, 1)), (w, b) => new T2Pointwise(w, b!)),
        T1(Tr(4, 2, A(5), s: A(3), pad: A(1), outPad: A(2)), (w, b) => new T1Stride3(w, b!)),
        T2(Tr(3, 4, A(1, 1), s: A(2, 2), act: Activation.Sigmoid), (w, b) => new T2SparsePhases(w, b!)),
        T1(Tr(2, 3, A(2), s: A(4), pad: A(2), outPad: A(2), d: A(3)), (w, b) => new T1DilatedGaps(w, b!)),
        T3(Tr(2, 3, A(2, 3, 3), s: A(2, 1, 2), pad: A(0, 1, 1), act: Activation.SiLU), (w, b) => new T3Video(w, b!)),
    };
}
