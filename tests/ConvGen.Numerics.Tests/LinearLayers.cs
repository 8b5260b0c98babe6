using System;
using System.Collections.Generic;
using ConvGen;

namespace ConvGen.Numerics.Tests;

// Linear layers around every tile edge: in/out below, at and above the lanes (4, 8, 16) and tiles (8, 16, 32 features),
// in below and above the full-unroll limit (16) and not a multiple of the unroll (4); LeNet-5's and the ImageNet heads'
// sizes; bias off; each fused activation. Each is compared with a double reference on many row counts.
[Linear(1, 1)] public partial class Lin1x1;
[Linear(3, 5)] public partial class Lin3x5;
[Linear(7, 16)] public partial class Lin7x16;
[Linear(16, 32)] public partial class Lin16x32;
[Linear(17, 33)] public partial class Lin17x33;
[Linear(33, 1, Bias = false)] public partial class Lin33x1NoBias;
[Linear(64, 100)] public partial class Lin64x100;
[Linear(100, 17, Bias = false)] public partial class Lin100x17NoBias;
[Linear(5, 65)] public partial class Lin5x65;
[Linear(2, 48)] public partial class Lin2x48;
[Linear(130, 9)] public partial class Lin130x9;
[Linear(400, 120)] public partial class LeNetFc1;   // nn.Linear(16 * 5 * 5, 120)
[Linear(120, 84)] public partial class LeNetFc2;
[Linear(84, 10)] public partial class LeNetFc3;
[Linear(512, 1000)] public partial class ResNetHead;  // ResNet-18's fc
[Linear(31, 47, Activation = Activation.ReLU)] public partial class LinRelu;
[Linear(20, 40, Activation = Activation.LeakyReLU, NegativeSlope = 0.2f)] public partial class LinLeaky;
[Linear(24, 19, Activation = Activation.GELU)] public partial class LinGelu;
[Linear(9, 70, Activation = Activation.Sigmoid, Bias = false)] public partial class LinSigmoid;
[Linear(40, 24, Activation = Activation.Tanh)] public partial class LinTanh;
[Linear(18, 36, Activation = Activation.Hardswish)] public partial class LinHardswish;
[Linear(12, 13, Activation = Activation.SiLU)] public partial class LinSilu;
[Linear(6, 6, Activation = Activation.ReLU6)] public partial class LinRelu6;
[Linear(21, 11, Activation = Activation.Hardsigmoid)] public partial class LinHardsigmoid;
[Linear(11, 29, Activation = Activation.GELUTanh)] public partial class LinGeluTanh;

/// <summary>Every Linear layer of the tests by name, with a factory taking (weight, bias).</summary>
internal static class LinearLayers
{
    public sealed record Entry(string Name, int In, int Out, bool Bias, Activation Activation, float Slope, Func<float[], float[], ILinearLayer> Create);

    private static Entry E<T>(int inF, int outF, bool bias, Activation activation, float slope, Func<float[], float[], ILinearLayer> create) =>
        new(typeof(T).Name, inF, outF, bias, activation, slope, create);

    public static readonly IReadOnlyList<Entry> All = new[]
    {
        E<Lin1x1>(1, 1, true, Activation.None, 0, (w, b) => new Lin1x1(w, b)),
        E<Lin3x5>(3, 5, true, Activation.None, 0, (w, b) => new Lin3x5(w, b)),
        E<Lin7x16>(7, 16, true, Activation.None, 0, (w, b) => new Lin7x16(w, b)),
        E<Lin16x32>(16, 32, true, Activation.None, 0, (w, b) => new Lin16x32(w, b)),
        E<Lin17x33>(17, 33, true, Activation.None, 0, (w, b) => new Lin17x33(w, b)),
        E<Lin33x1NoBias>(33, 1, false, Activation.None, 0, (w, _) => new Lin33x1NoBias(w)),
        E<Lin64x100>(64, 100, true, Activation.None, 0, (w, b) => new Lin64x100(w, b)),
        E<Lin100x17NoBias>(100, 17, false, Activation.None, 0, (w, _) => new Lin100x17NoBias(w)),
        E<Lin5x65>(5, 65, true, Activation.None, 0, (w, b) => new Lin5x65(w, b)),
        E<Lin2x48>(2, 48, true, Activation.None, 0, (w, b) => new Lin2x48(w, b)),
        E<Lin130x9>(130, 9, true, Activation.None, 0, (w, b) => new Lin130x9(w, b)),
        E<LeNetFc1>(400, 120, true, Activation.None, 0, (w, b) => new LeNetFc1(w, b)),
        E<LeNetFc2>(120, 84, true, Activation.None, 0, (w, b) => new LeNetFc2(w, b)),
        E<LeNetFc3>(84, 10, true, Activation.None, 0, (w, b) => new LeNetFc3(w, b)),
        E<ResNetHead>(512, 1000, true, Activation.None, 0, (w, b) => new ResNetHead(w, b)),
        E<LinRelu>(31, 47, true, Activation.ReLU, 0, (w, b) => new LinRelu(w, b)),
        E<LinLeaky>(20, 40, true, Activation.LeakyReLU, 0.2f, (w, b) => new LinLeaky(w, b)),
        E<LinGelu>(24, 19, true, Activation.GELU, 0, (w, b) => new LinGelu(w, b)),
        E<LinSigmoid>(9, 70, false, Activation.Sigmoid, 0, (w, _) => new LinSigmoid(w)),
        E<LinTanh>(40, 24, true, Activation.Tanh, 0, (w, b) => new LinTanh(w, b)),
        E<LinHardswish>(18, 36, true, Activation.Hardswish, 0, (w, b) => new LinHardswish(w, b)),
        E<LinSilu>(12, 13, true, Activation.SiLU, 0, (w, b) => new LinSilu(w, b)),
        E<LinRelu6>(6, 6, true, Activation.ReLU6, 0, (w, b) => new LinRelu6(w, b)),
        E<LinHardsigmoid>(21, 11, true, Activation.Hardsigmoid, 0, (w, b) => new LinHardsigmoid(w, b)),
        E<LinGeluTanh>(11, 29, true, Activation.GELUTanh, 0, (w, b) => new LinGeluTanh(w, b)),
    };
}
