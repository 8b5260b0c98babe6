using System;
using System.Linq;

namespace ConvGen.Benchmarks
{
    /// <summary>
    /// The ONNX model of one <see cref="OpLayerSpec"/> (opset 20, IR version 9), as PyTorch's exporter writes the module:
    /// <c>MaxPool</c> / <c>AveragePool</c> (kernel_shape, pads, strides), <c>GlobalAveragePool</c> for
    /// AdaptiveAvgPool2d(1), <c>Gemm(X, W, B, transB = 1)</c> for Linear, <c>Relu</c>, <c>Sigmoid</c>, <c>HardSwish</c>,
    /// <c>Gelu</c> (opset 20, approximate "none"), SiLU as <c>Mul(X, Sigmoid(X))</c> (the exporter has no SiLU op), and
    /// <c>BatchNormalization(X, scale, B, mean, var, epsilon)</c> in inference mode. Parameters are initializers.
    /// </summary>
    public static class OnnxOpModel
    {
        public const string InputName = OnnxConvModel.InputName;
        public const string OutputName = OnnxConvModel.OutputName;
        public const long OpsetVersion = 20;
        public const long IrVersion = 9;

        public static byte[] Build(OpData data)
        {
            OpLayerSpec p = data.Spec;
            var graph = new ProtoWriter();
            string[] x = { InputName }, y = { OutputName };
            switch (p.Kind)
            {
                case OpKind.MaxPool2d:
                case OpKind.AvgPool2d:
                    graph.Message(1, OnnxProto.Node(p.Kind == OpKind.MaxPool2d ? "MaxPool" : "AveragePool", "pool", x, y,
                        OnnxProto.IntsAttribute("kernel_shape", p.Kernel, p.Kernel),
                        OnnxProto.IntsAttribute("pads", p.Padding, p.Padding, p.Padding, p.Padding),
                        OnnxProto.IntsAttribute("strides", p.Stride, p.Stride)));
                    break;
                case OpKind.AdaptiveAvgPool2d:
                    graph.Message(1, OnnxProto.Node("GlobalAveragePool", "gap", x, y));
                    break;
                case OpKind.Linear:
                    graph.Message(1, OnnxProto.Node("Gemm", "linear", new[] { InputName, "W", "B" }, y, OnnxProto.IntAttribute("transB", 1)));
                    graph.Message(5, OnnxProto.FloatTensor("W", new long[] { p.OutFeatures, p.Channels }, data.Weight));
                    graph.Message(5, OnnxProto.FloatTensor("B", new long[] { p.OutFeatures }, data.Bias));
                    break;
                case OpKind.SiLU:
                    graph.Message(1, OnnxProto.Node("Sigmoid", "sigmoid", x, new[] { "S" }));
                    graph.Message(1, OnnxProto.Node("Mul", "mul", new[] { InputName, "S" }, y));
                    break;
                case OpKind.ReLU:
                case OpKind.Sigmoid:
                case OpKind.Hardswish:
                case OpKind.GELU:
                    string op = p.Kind switch { OpKind.ReLU => "Relu", OpKind.Hardswish => "HardSwish", OpKind.GELU => "Gelu", _ => "Sigmoid" };
                    graph.Message(1, OnnxProto.Node(op, op.ToLowerInvariant(), x, y));
                    break;
                case OpKind.BatchNorm2d:
                    graph.Message(1, OnnxProto.Node("BatchNormalization", "batchnorm", new[] { InputName, "scale", "B", "mean", "var" }, y,
                        OnnxProto.FloatAttribute("epsilon", OpData.BatchNormEps)));
                    long[] c = { p.Channels };
                    graph.Message(5, OnnxProto.FloatTensor("scale", c, data.Weight));
                    graph.Message(5, OnnxProto.FloatTensor("B", c, data.Bias));
                    graph.Message(5, OnnxProto.FloatTensor("mean", c, data.RunningMean));
                    graph.Message(5, OnnxProto.FloatTensor("var", c, data.RunningVar));
                    break;
                default:
                    throw new NotSupportedException(p.Kind.ToString());
            }

            graph.String(2, p.Name);
            graph.Message(11, OnnxProto.ValueInfo(InputName, p.InputShape.ToArray()));
            graph.Message(12, OnnxProto.ValueInfo(OutputName, p.OutputShape.ToArray()));
            return OnnxProto.Model(graph, IrVersion, OpsetVersion);
        }
    }
}
