using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace ConvGen.Benchmarks
{
    /// <summary>
    /// The pieces of an ONNX model the benchmark writes by hand (<see cref="OnnxConvModel"/>, <see cref="OnnxOpModel"/>):
    /// attributes, float initializers, typed graph inputs/outputs and the model around a graph, over a minimal protobuf
    /// writer. Field numbers are those of onnx/onnx.proto3: ModelProto{ir_version=1, producer_name=2, graph=7,
    /// opset_import=8}, OperatorSetIdProto{domain=1, version=2}, GraphProto{node=1, name=2, initializer=5, input=11,
    /// output=12}, NodeProto{input=1, output=2, name=3, op_type=4, attribute=5}, AttributeProto{name=1, f=2, i=3, s=4,
    /// ints=8, type=20}, TensorProto{dims=1, data_type=2, name=8, raw_data=9}, ValueInfoProto{name=1, type=2},
    /// TypeProto{tensor_type=1}, TypeProto.Tensor{elem_type=1, shape=2}, TensorShapeProto{dim=1}, Dimension{dim_value=1}.
    /// </summary>
    internal static class OnnxProto
    {
        private const int FloatType = 1; // TensorProto.DataType.FLOAT
        private const int AttrFloat = 1; // AttributeProto.AttributeType.FLOAT
        private const int AttrInt = 2; // AttributeProto.AttributeType.INT
        private const int AttrString = 3; // AttributeProto.AttributeType.STRING
        private const int AttrInts = 7; // AttributeProto.AttributeType.INTS

        /// <summary>A NodeProto: inputs, outputs, name, op type and attributes.</summary>
        public static ProtoWriter Node(string opType, string name, string[] inputs, string[] outputs, params ProtoWriter[] attributes)
        {
            var node = new ProtoWriter();
            foreach (string input in inputs) node.String(1, input);
            foreach (string output in outputs) node.String(2, output);
            node.String(3, name);
            node.String(4, opType);
            foreach (ProtoWriter a in attributes) node.Message(5, a);
            return node;
        }

        /// <summary>A ModelProto with one graph and the default-domain opset <paramref name="opset"/>.</summary>
        public static byte[] Model(ProtoWriter graph, long irVersion, long opset)
        {
            var opsetId = new ProtoWriter();
            opsetId.String(1, "");
            opsetId.Varint(2, opset);

            var model = new ProtoWriter();
            model.Varint(1, irVersion);
            model.String(2, "ConvGen.Benchmarks");
            model.Message(7, graph);
            model.Message(8, opsetId);
            return model.ToArray();
        }

        public static ProtoWriter IntAttribute(string name, long value)
        {
            var a = new ProtoWriter();
            a.String(1, name);
            a.Varint(3, value);
            a.Varint(20, AttrInt);
            return a;
        }

        public static ProtoWriter FloatAttribute(string name, float value)
        {
            var a = new ProtoWriter();
            a.String(1, name);
            a.Fixed32(2, value);
            a.Varint(20, AttrFloat);
            return a;
        }

        public static ProtoWriter StringAttribute(string name, string value)
        {
            var a = new ProtoWriter();
            a.String(1, name);
            a.String(4, value);
            a.Varint(20, AttrString);
            return a;
        }

        public static ProtoWriter IntsAttribute(string name, params long[] values)
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

        public static ProtoWriter FloatTensor(string name, long[] dims, float[] values)
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

        public static ProtoWriter ValueInfo(string name, long[] dims)
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
    }

    /// <summary>Just enough of the protobuf wire format: varints (wire type 0), 32-bit floats (5) and length-delimited (2).</summary>
    internal sealed class ProtoWriter
    {
        private readonly MemoryStream _stream = new MemoryStream();

        public void Varint(int field, long value)
        {
            Tag(field, 0);
            WriteVarint((ulong)value);
        }

        public void Fixed32(int field, float value)
        {
            Tag(field, 5);
            Span<byte> bytes = stackalloc byte[4];
            BitConverter.TryWriteBytes(bytes, value);
            _stream.Write(bytes);
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
