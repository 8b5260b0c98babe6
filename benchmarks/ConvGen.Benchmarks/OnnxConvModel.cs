using System;
using System.Collections.Generic;
using System.Linq;

namespace ConvGen.Benchmarks
{
    /// <summary>
    /// Builds the bytes of a one-node ONNX model <c>Y = Conv(X, W, B)</c> or <c>Y = ConvTranspose(X, W, B)</c> (opset 17,
    /// IR version 8) with W and B as initializers (protobuf pieces: <see cref="OnnxProto"/>). Conv has the attributes
    /// dilations, group, kernel_shape, pads and strides; ConvTranspose also output_padding, and its weight is (C_in,
    /// C_out/group, *kernel), the layout PyTorch stores, so both get <see cref="LayerData.Weight"/> as it is. pads lists
    /// the begin of every spatial axis, then the end of every axis.
    /// </summary>
    public static class OnnxConvModel
    {
        public const string InputName = "X";
        public const string OutputName = "Y";
        public const long OpsetVersion = 17;
        private const long IrVersion = 8;

        public static byte[] Build(LayerData data)
        {
            ConvLayerSpec p = data.Spec;
            var inputs = new List<string> { InputName, "W" };
            if (data.Bias is not null)
            {
                inputs.Add("B");
            }

            var attributes = new List<ProtoWriter>
            {
                OnnxProto.IntsAttribute("dilations", Longs(p.Dilation)),
                OnnxProto.IntAttribute("group", p.Groups),
                OnnxProto.IntsAttribute("kernel_shape", Longs(p.Kernel)),
            };
            if (p.Transposed)
            {
                attributes.Add(OnnxProto.IntsAttribute("output_padding", Longs(p.OutputPadding)));
            }

            // [x1_begin, x2_begin, ..., x1_end, x2_end, ...]: 2-D is [top, left, bottom, right]
            attributes.Add(OnnxProto.IntsAttribute("pads", Longs(p.Padding.Concat(p.Padding).ToArray())));
            attributes.Add(OnnxProto.IntsAttribute("strides", Longs(p.Stride)));
            ProtoWriter node = OnnxProto.Node(p.Transposed ? "ConvTranspose" : "Conv", p.Transposed ? "conv_transpose" : "conv",
                inputs.ToArray(), new[] { OutputName }, attributes.ToArray());

            var graph = new ProtoWriter();
            graph.Message(1, node);
            graph.String(2, (p.Transposed ? $"conv_transpose{p.Rank}d_" : $"conv{p.Rank}d_") + p.Name);
            graph.Message(5, OnnxProto.FloatTensor("W", p.WeightShape, data.Weight));
            if (data.Bias is not null)
            {
                graph.Message(5, OnnxProto.FloatTensor("B", new long[] { p.OutChannels }, data.Bias));
            }

            graph.Message(11, OnnxProto.ValueInfo(InputName, p.InputShape));
            graph.Message(12, OnnxProto.ValueInfo(OutputName, p.OutputShape));
            return OnnxProto.Model(graph, IrVersion, OpsetVersion);
        }

        private static long[] Longs(IReadOnlyList<int> values) => values.Select(v => (long)v).ToArray();
    }
}
