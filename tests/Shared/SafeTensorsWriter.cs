using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace ConvGen.Golden
{
    /// <summary>
    /// A safetensors writer for tests, laid out as the reference library writes a file (huggingface/safetensors
    /// <c>safetensors/src/tensor.rs</c>, <c>prepare</c> and <c>serialize</c>, which <c>safetensors.torch.save_file</c> calls):
    /// tensors ordered by dtype, largest alignment first (the order of <see cref="SafeTensorDType"/>, descending), then by
    /// name (bytewise); data packed in that order from offset 0; the header compact serde_json (<c>__metadata__</c> first,
    /// then <c>{"dtype","shape","data_offsets"}</c> per tensor) padded with spaces to a multiple of 8 bytes; the length as a
    /// little-endian u64. Metadata keys are written sorted (the reference writes a HashMap's order).
    /// </summary>
    internal static class SafeTensorsWriter
    {
        /// <summary>One tensor to write: its raw little-endian data must be the size its dtype and shape need.</summary>
        public sealed record Tensor(string Name, SafeTensorDType DType, long[] Shape, byte[] Data);

        public static Tensor F32(string name, long[] shape, params float[] values) =>
            new(name, SafeTensorDType.F32, shape, Bytes(values.Length, 4, (b, i) => BinaryPrimitives.WriteSingleLittleEndian(b, values[i])));

        public static Tensor F64(string name, long[] shape, params double[] values) =>
            new(name, SafeTensorDType.F64, shape, Bytes(values.Length, 8, (b, i) => BinaryPrimitives.WriteDoubleLittleEndian(b, values[i])));

        /// <summary>F16 or BF16 (or any 16-bit dtype) from raw bit patterns.</summary>
        public static Tensor Bits16(string name, SafeTensorDType dtype, long[] shape, params ushort[] bits) =>
            new(name, dtype, shape, Bytes(bits.Length, 2, (b, i) => BinaryPrimitives.WriteUInt16LittleEndian(b, bits[i])));

        public static Tensor I64(string name, long[] shape, params long[] values) =>
            new(name, SafeTensorDType.I64, shape, Bytes(values.Length, 8, (b, i) => BinaryPrimitives.WriteInt64LittleEndian(b, values[i])));

        /// <summary>The whole file.</summary>
        public static byte[] Write(IEnumerable<Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
        {
            var ordered = tensors.OrderByDescending(t => t.DType).ThenBy(t => Encoding.UTF8.GetBytes(t.Name), ByteOrder.Instance).ToList();
            var json = new StringBuilder("{");
            if (metadata is not null)
            {
                json.Append("\"__metadata__\":{");
                json.AppendJoin(",", metadata.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{Quote(p.Key)}:{Quote(p.Value)}"));
                json.Append('}');
            }

            long offset = 0;
            foreach (Tensor t in ordered)
            {
                if (json.Length > 1) json.Append(',');
                string shape = string.Join(",", t.Shape.Select(d => d.ToString(CultureInfo.InvariantCulture)));
                json.Append(CultureInfo.InvariantCulture, $"{Quote(t.Name)}:{{\"dtype\":\"{t.DType}\",\"shape\":[{shape}],\"data_offsets\":[{offset},{offset + t.Data.Length}]}}");
                offset += t.Data.Length;
            }

            json.Append('}');
            byte[] header = Encoding.UTF8.GetBytes(json.ToString());
            int padded = (header.Length + 7) / 8 * 8;
            return Assemble(header.Concat(Enumerable.Repeat((byte)' ', padded - header.Length)).ToArray(), ordered.SelectMany(t => t.Data).ToArray());
        }

        /// <summary>A file from a header written by hand (no padding added) and data bytes: for malformed files.</summary>
        public static byte[] Assemble(string headerJson, byte[] data) => Assemble(Encoding.UTF8.GetBytes(headerJson), data);

        /// <summary>The 8-byte length of <paramref name="header"/>, the header, the data.</summary>
        public static byte[] Assemble(byte[] header, byte[] data)
        {
            var file = new byte[8 + header.Length + data.Length];
            BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)header.Length);
            header.CopyTo(file, 8);
            data.CopyTo(file, 8 + header.Length);
            return file;
        }

        /// <summary>A JSON string as serde_json writes it: quotes, backslashes and control characters escaped.</summary>
        private static string Quote(string text)
        {
            var s = new StringBuilder("\"");
            foreach (char c in text)
            {
                s.Append(c switch
                {
                    '"' => "\\\"",
                    '\\' => "\\\\",
                    '\n' => "\\n",
                    '\r' => "\\r",
                    '\t' => "\\t",
                    '\b' => "\\b",
                    '\f' => "\\f",
                    < ' ' => $"\\u{(int)c:x4}",
                    _ => c.ToString(),
                });
            }

            return s.Append('"').ToString();
        }

        private static byte[] Bytes(int count, int size, WriteAt write)
        {
            var bytes = new byte[count * size];
            for (int i = 0; i < count; i++) write(bytes.AsSpan(i * size), i);
            return bytes;
        }

        private delegate void WriteAt(Span<byte> destination, int index);

        private sealed class ByteOrder : IComparer<byte[]>
        {
            public static readonly ByteOrder Instance = new();

            public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
        }
    }
}
