using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace ConvGen.Benchmarks
{
    /// <summary>The non-convolution layers of the <c>layers</c> suite (issue 12), by their PyTorch module name.</summary>
    public enum OpKind
    {
        MaxPool2d,
        AvgPool2d,
        AdaptiveAvgPool2d,
        Linear,
        ReLU,
        SiLU,
        GELU,
        Hardswish,
        Sigmoid,
        BatchNorm2d,
    }

    /// <summary>
    /// One layer of the <c>layers</c> suite: a pooling layer, global average pooling, Linear, an activation or
    /// BatchNorm2d (inference) on an NCHW input (Linear: (rows, in_features)). Float32, one thread, like the convolutions.
    /// </summary>
    public sealed class OpLayerSpec
    {
        private OpLayerSpec(string name, OpKind kind, long[] inputShape, long[] outputShape, string torchCall, string attribute, string source)
        {
            Name = name;
            Kind = kind;
            InputShape = inputShape;
            OutputShape = outputShape;
            TorchCall = torchCall;
            Attribute = attribute;
            Source = source;
        }

        /// <summary><c>nn.MaxPool2d(kernel, stride, padding)</c> on (1, C, size, size).</summary>
        public static OpLayerSpec MaxPool2d(string name, int kernel, int stride, int padding, int channels, int size, string source) =>
            Pool(name, OpKind.MaxPool2d, kernel, stride, padding, channels, size, source);

        /// <summary><c>nn.AvgPool2d(kernel)</c> (stride = kernel, no padding) on (1, C, size, size).</summary>
        public static OpLayerSpec AvgPool2d(string name, int kernel, int channels, int size, string source) =>
            Pool(name, OpKind.AvgPool2d, kernel, kernel, 0, channels, size, source);

        /// <summary><c>nn.AdaptiveAvgPool2d(1)</c> (global average pooling) on (1, C, size, size).</summary>
        public static OpLayerSpec GlobalAvgPool(string name, int channels, int size, string source) =>
            new OpLayerSpec(name, OpKind.AdaptiveAvgPool2d, Nchw(channels, size, size), Nchw(channels, 1, 1),
                "AdaptiveAvgPool2d(1)", "[AdaptiveAvgPool2d(1)]", source);

        /// <summary><c>nn.Linear(in, out)</c> (bias on) on (rows, in).</summary>
        public static OpLayerSpec Linear(string name, int inFeatures, int outFeatures, int rows, string source) =>
            new OpLayerSpec(name, OpKind.Linear, new long[] { rows, inFeatures }, new long[] { rows, outFeatures },
                $"Linear({inFeatures}, {outFeatures})", $"[Linear({inFeatures}, {outFeatures})]", source);

        /// <summary>An element-wise activation module (ReLU, SiLU, GELU, Hardswish, Sigmoid) on (1, C, size, size).</summary>
        public static OpLayerSpec Activation(string name, OpKind kind, int channels, int size, string source) =>
            new OpLayerSpec(name, kind, Nchw(channels, size, size), Nchw(channels, size, size), $"{kind}()", $"[{kind}]", source);

        /// <summary><c>nn.BatchNorm2d(C)</c> in eval mode (running statistics, affine, eps 1e-5) on (1, C, size, size).</summary>
        public static OpLayerSpec BatchNorm2d(string name, int channels, int size, string source) =>
            new OpLayerSpec(name, OpKind.BatchNorm2d, Nchw(channels, size, size), Nchw(channels, size, size),
                $"BatchNorm2d({channels}).eval()", $"[BatchNorm2d({channels})]", source);

        private static OpLayerSpec Pool(string name, OpKind kind, int kernel, int stride, int padding, int channels, int size, string source)
        {
            int output = (size + 2 * padding - kernel) / stride + 1;
            var torch = new List<string> { kernel.ToString(CultureInfo.InvariantCulture) };
            var attribute = new List<string>(torch);
            if (stride != kernel)
            {
                torch.Add($"stride={stride}");
                attribute.Add($"Stride = {stride}");
            }

            if (padding != 0)
            {
                torch.Add($"padding={padding}");
                attribute.Add($"Padding = {padding}");
            }

            return new OpLayerSpec(name, kind, Nchw(channels, size, size), Nchw(channels, output, output),
                $"{kind}({string.Join(", ", torch)})", $"[{kind}({string.Join(", ", attribute)})]", source)
            {
                Kernel = kernel,
                Stride = stride,
                Padding = padding,
            };
        }

        public string Name { get; }

        public OpKind Kind { get; }

        /// <summary>(N, C, H, W), or (rows, in_features) for Linear.</summary>
        public IReadOnlyList<long> InputShape { get; }

        /// <summary>(N, C, Hout, Wout), or (rows, out_features) for Linear.</summary>
        public IReadOnlyList<long> OutputShape { get; }

        /// <summary>The PyTorch module with its non-default arguments, e.g. <c>MaxPool2d(3, stride=2, padding=1)</c>.</summary>
        public string TorchCall { get; }

        /// <summary>The ConvGen attribute, e.g. <c>[MaxPool2d(3, Stride = 2, Padding = 1)]</c> (ConvGenOpLayers.cs).</summary>
        public string Attribute { get; }

        /// <summary>The network the layer comes from.</summary>
        public string Source { get; }

        /// <summary>Pooling window, stride and padding (square); 0 for other kinds.</summary>
        public int Kernel { get; private init; }

        public int Stride { get; private init; }

        public int Padding { get; private init; }

        public bool IsLinear => Kind == OpKind.Linear;

        public bool IsActivation => Kind is OpKind.ReLU or OpKind.SiLU or OpKind.GELU or OpKind.Hardswish or OpKind.Sigmoid;

        /// <summary>N, or the rows of a Linear layer.</summary>
        public int Batch => (int)InputShape[0];

        /// <summary>C, or in_features of a Linear layer.</summary>
        public int Channels => (int)InputShape[1];

        public int OutFeatures => (int)OutputShape[1];

        public int Height => IsLinear ? 1 : (int)InputShape[2];

        public int Width => IsLinear ? 1 : (int)InputShape[3];

        public int InputLength => checked((int)InputShape.Aggregate(1L, (a, d) => a * d));

        public int OutputLength => checked((int)OutputShape.Aggregate(1L, (a, d) => a * d));

        /// <summary>Weight elements: (out, in) for Linear, (C) for BatchNorm2d (its bias, running mean and var have as many).</summary>
        public int WeightLength => Kind switch
        {
            OpKind.Linear => checked(Channels * OutFeatures),
            OpKind.BatchNorm2d => Channels,
            _ => 0,
        };

        /// <summary>Bias elements (Linear: out_features; BatchNorm2d: C).</summary>
        public int BiasLength => Kind switch
        {
            OpKind.Linear => OutFeatures,
            OpKind.BatchNorm2d => Channels,
            _ => 0,
        };

        /// <summary>Parameter floats a call must read: Linear's weight and bias; BatchNorm2d's weight, bias, mean and var.</summary>
        public int ParameterLength => Kind == OpKind.BatchNorm2d ? 4 * Channels : WeightLength + BiasLength;

        /// <summary>Floats read at least once per call: the input and the parameters.</summary>
        public int ReadLength => InputLength + ParameterLength;

        /// <summary>Bytes a call moves at the least: every input and parameter float read once, every output float written once.</summary>
        public long BytesMoved => 4L * (ReadLength + OutputLength);

        /// <summary>Multiply-adds × 2 for Linear (bias not counted); 0 for the other kinds (no GFLOP/s figure).</summary>
        public double Flops => IsLinear ? 2.0 * Batch * Channels * OutFeatures : 0;

        /// <summary>
        /// Layers whose time is bounded by moving their bytes (pooling, activations, BatchNorm2d, global average pooling,
        /// Linear at batch 1 = a GEMV streaming its weight): the report puts them against the read+write floor.
        /// </summary>
        public bool MemoryBound => !IsLinear || Batch == 1;

        /// <summary>Inputs are uniform in [-scale, scale): ±4 for activations (past Hardswish's ±3 knees, into Sigmoid's tails), else ±1.</summary>
        public float InputScale => IsActivation ? 4f : 1f;

        public string InputDims => string.Join("×", InputShape);

        public string OutputDims => string.Join("×", OutputShape);

        private static long[] Nchw(int c, int h, int w) => new long[] { 1, c, h, w };

        public override string ToString() => $"{Name}: {TorchCall} on {InputDims} -> {OutputDims} ({Source})";
    }

    /// <summary>The <c>layers</c> suite: the pooling, Linear, activation and BatchNorm2d layers of issue 12's benchmark list.</summary>
    public static class OpLayers
    {
        public const string Suite = "layers";

        /// <summary>Activations over a ResNet/MobileNet-sized feature map (issue 12: "activations over a 56×56×64 tensor").</summary>
        private const int ActC = 64;
        private const int ActSize = 56;

        public static readonly IReadOnlyList<OpLayerSpec> All = new[]
        {
            OpLayerSpec.MaxPool2d("maxpool_stem", 3, 2, 1, 64, 112, "ResNet stem, after the 7×7 conv"),
            OpLayerSpec.AvgPool2d("avgpool_2x2", 2, 256, 56, "DenseNet-style transition (2×2 average)"),
            OpLayerSpec.GlobalAvgPool("gap_512", 512, 7, "ResNet-18/34 head"),
            OpLayerSpec.GlobalAvgPool("gap_1280", 1280, 7, "MobileNetV2 head"),
            OpLayerSpec.Linear("fc_512_b1", 512, 1000, 1, "ResNet-18/34 classifier, one image"),
            OpLayerSpec.Linear("fc_512_b32", 512, 1000, 32, "ResNet-18/34 classifier, batch 32"),
            OpLayerSpec.Linear("fc_1280_b1", 1280, 1000, 1, "MobileNetV2 classifier, one image"),
            OpLayerSpec.Linear("fc_1280_b32", 1280, 1000, 32, "MobileNetV2 classifier, batch 32"),
            OpLayerSpec.Activation("relu", OpKind.ReLU, ActC, ActSize, "ResNet"),
            OpLayerSpec.Activation("silu", OpKind.SiLU, ActC, ActSize, "EfficientNet"),
            OpLayerSpec.Activation("gelu", OpKind.GELU, ActC, ActSize, "ConvNeXt"),
            OpLayerSpec.Activation("hardswish", OpKind.Hardswish, ActC, ActSize, "MobileNetV3"),
            OpLayerSpec.Activation("sigmoid", OpKind.Sigmoid, ActC, ActSize, "squeeze-excitation gates"),
            OpLayerSpec.BatchNorm2d("batchnorm_64", 64, 56, "ResNet (unfused, inference)"),
        };

        /// <summary>The subset run by <c>--suite layers --quick</c>: a pooling layer, a GEMV and an activation.</summary>
        public static readonly IReadOnlyList<string> Quick = new[] { "maxpool_stem", "fc_512_b1", "silu" };

        public static IReadOnlyList<OpLayerSpec> Select(bool quick) => quick ? Quick.Select(Get).ToArray() : All;

        public static bool IsOp(string name) => All.Any(l => string.Equals(l.Name, name, StringComparison.OrdinalIgnoreCase));

        public static OpLayerSpec Get(string name) =>
            All.FirstOrDefault(l => string.Equals(l.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"unknown layer '{name}'; known: {string.Join(", ", All.Select(l => l.Name))}");
    }
}
