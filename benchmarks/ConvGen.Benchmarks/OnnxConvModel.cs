using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;

namespace ConvGen.Benchmarks
{
    /// <summary>
    /// Builds the bytes of a one-node ONNX model <c>Y = Conv(X, W, B)</c> or <c>Y = ConvTranspose(X, W, B)</c> (opset 17,
    /// IR version 8) with W and B as initializers, using a minimal protobuf writer. Conv has the attributes dilations,
    /// group, kernel_shape, pads and strides; ConvTranspose also output_padding, and its weight is (C_in, C_out/group,
    /// *kernel), the layout PyTorch stores, so both get <see cref="LayerData.Weight"/> as it is. pads lists the begin of
    /// every spatial axis, then the end of every axis. Field numbers are those of onnx/onnx.proto3:
    /// ModelProto{ir_version=1, producer_name=2, graph=7, opset_import=8}, OperatorSetIdProto{domain=1, version=2},
    /// GraphProto{node=1, name=2, initializer=5, input=11, output=12}, NodeProto{input=1, output=2, name=3, op_type=4,
    /// attribute=5}, AttributeProto{name=1, i=3, ints=8, type=20}, TensorProto{dims=1, data_type=2, name=8, raw_data=9},
    /// ValueInfoProto{name=1, type=2}, TypeProto{tensor_type=1}, TypeProto.Tensor{elem_type=1, shape=2},
    /// TensorShapeProto{dim=1}, Dimension{dim_value=1}.
    /// </summary>
    public static class OnnxConvModel
    {
        public const string InputName = "X";
        public const string OutputName = "Y";
        public const long OpsetVersion = 17;
        private const long IrVersion = 8;
        private const int FloatType = 1; // TensorProto.DataType.FLOAT
        private const int AttrInt = 2; // AttributeProto.AttributeType.INT
        private const int AttrInts = 7; // AttributeProto.AttributeType.INTS

        public static byte[] Build(LayerData data)
        {
            ConvLayerSpec p = data.Spec;

            var node = new ProtoWriter();
            node.String(1, InputName);
            node.String(1, "W");
            if (data.Bias is not null)
            {
                node.String(1, "B");
            }

            node.String(2, OutputName);
            node.String(3, p.Transposed ? "conv_transpose" : "conv");
            node.String(4, p.Transposed ? "ConvTranspose" : "Conv");
            node.Message(5, IntsAttribute("dilations", Longs(p.Dilation)));
            node.Message(5, IntAttribute("group", p.Groups));
            node.Message(5, IntsAttribute("kernel_shape", Longs(p.Kernel)));
            if (p.Transposed)
            {
                node.Message(5, IntsAttribute("output_padding", Longs(p.OutputPadding)));
            }

            // [x1_begin, x2_begin, ..., x1_end, x2_end, ...]: 2-D is [top, left, bottom, right]
            node.Message(5, IntsAttribute("pads", Longs(p.Padding.Concat(p.Padding).ToArray())));
            node.Message(5, IntsAttribute("strides", Longs(p.Stride)));

            var graph = new ProtoWriter();
            graph.Message(1, node);
            graph.String(2, (p.Transposed ? $"conv_transpose{p.Rank}d_" : $"conv{p.Rank}d_") + p.Name);
            graph.Message(5, FloatTensor("W", p.WeightShape, data.Weight));
            if (data.Bias is not null)
            {
                graph.Message(5, FloatTensor("B", new long[] { p.OutChannels }, data.Bias));
            }

            graph.Message(11, ValueInfo(InputName, p.InputShape));
            graph.Message(12, ValueInfo(OutputName, p.OutputShape));

            var opset = new ProtoWriter();
            opset.String(1, "");
            opset.Varint(2, OpsetVersion);

            var model = new ProtoWriter();
            model.Varint(1, IrVersion);
            model.String(2, "ConvGen.Benchmarks");
            model.Message(7, graph);
            model.Message(8, opset);
            return model.ToArray();
        }

        private static long[] Longs(IReadOnlyList<int> values) => values.Select(v => (long)v).ToArray();

        private static ProtoWriter IntAttribute(string name, long value)
        {
            var a = new ProtoWriter();
            a.String(1, name);
            a.Varint(3, value);
            a.Varint(20, AttrInt);
            return a;
        }

        private static ProtoWriter IntsAttribute(string name, params long[] values)
        {
            var a = new ProtoWriter();
            a.String(1, name);
            foreach (long v in values)
            {
                a.Varint(8, v); // unpacked repeated int64 (accepted by every protobuf parser)
            }

            a.Varint(20, AttrInts);
            return a;
        }

        private static ProtoWriter FloatTensor(string name, long[] dims, float[] values)
        {
            var t = new ProtoWriter();
            foreach (long d in dims)
            {
                t.Varint(1, d);
            }

            t.Varint(2, FloatType);
            t.String(8, name);
            if (!BitConverter.IsLittleEndian)
            {
                throw new PlatformNotSupportedException("raw_data is little-endian");
            }

            t.Bytes(9, MemoryMarshal.AsBytes(values.AsSpan()));
            return t;
        }

        private static ProtoWriter ValueInfo(string name, long[] dims)
        {
            var shape = new ProtoWriter();
            foreach (long d in dims)
            {
                var dim = new ProtoWriter();
                dim.Varint(1, d);
                shape.Message(1, dim);
            }

            var tensorType = new ProtoWriter();
            tensorType.Varint(1, FloatType);
            tensorType.Message(2, shape);

            var type = new ProtoWriter();
            type.Message(1, tensorType);

            var vi = new ProtoWriter();
            vi.String(1, name);
            vi.Message(2, type);
            return vi;
        }

        /// <summary>Just enough of the protobuf wire format: varints (wire type 0) and length-delimited (wire type 2).</summary>
        private sealed class ProtoWriter
        {
            private readonly MemoryStream _stream = new MemoryStream();

            public void Varint(int field, long value)
            {
                Tag(field, 0);
                WriteVarint((ulong)value);
            }

            public void String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

            public void Message(int field, ProtoWriter message) => Bytes(field, message.ToArray());

            public void Bytes(int field, ReadOnlySpan<byte> value)
            {
                Tag(field, 2);
                WriteVarint((ulong)value.Length);
                _stream.Write(value);
            }

            public byte[] ToArray() => _stream.ToArray();

            private void Tag(int field, int wireType) => WriteVarint(((ulong)field << 3) | (uint)wireType);

            private void WriteVarint(ulong value)
            {
                while (value >= 0x80)
                {
                    _stream.WriteByte((byte)(value | 0x80));
                    value >>= 7;
                }

                _stream.WriteByte((byte)value);
            }
        }
    }
}
