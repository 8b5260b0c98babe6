using System;
using System.Buffers.Binary;
using System.IO;
using ConvGen.Onnx.Schema;
using Google.Protobuf;

namespace ConvGen.Onnx
{
    /// <summary>
    /// Reads ONNX files and the values of their tensors, trusting nothing: a file that does not parse, a tensor whose
    /// stored size disagrees with its shape, a shape with negative or overflowing dimensions, data kept outside the file:
    /// each an <see cref="InvalidDataException"/> naming the file and the tensor.
    /// </summary>
    internal static class OnnxTensors
    {
        /// <summary>The largest tensor read, in elements (what a 32-bit span can hold).</summary>
        private const long MaxElements = int.MaxValue / 8;

        /// <summary>Parses <paramref name="path"/> as an ONNX model.</summary>
        public static ModelProto ReadModel(string path)
        {
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(path);
            }
            catch (IOException e)
            {
                throw new FileNotFoundException($"Can't read the ONNX model {path}: {e.Message}", path, e);
            }

            return ParseModel(bytes, path);
        }

        /// <summary>Parses <paramref name="bytes"/> (the file <paramref name="source"/>) as an ONNX model.</summary>
        public static ModelProto ParseModel(byte[] bytes, string source)
        {
            ModelProto model;
            try
            {
                model = ModelProto.Parser.ParseFrom(bytes);
            }
            catch (InvalidProtocolBufferException e)
            {
                throw new InvalidDataException($"{source} is not a valid ONNX model (truncated or corrupted): {e.Message}", e);
            }

            if (model.Graph is null || model.Graph.Node.Count == 0)
                throw new InvalidDataException($"{source} is not an ONNX model: it has no graph (is it an ONNX file? {bytes.Length} bytes).");
            return model;
        }

        /// <summary>The tensor's dimensions, checked: non-negative, at most <see cref="MaxElements"/> elements in all.</summary>
        public static long[] Dims(TensorProto tensor, string source)
        {
            var dims = new long[tensor.Dims.Count];
            long count = 1;
            for (int i = 0; i < dims.Length; i++)
            {
                dims[i] = tensor.Dims[i];
                if (dims[i] < 0 || (dims[i] > 0 && count > MaxElements / dims[i]))
                    throw new InvalidDataException($"{source}: tensor \"{tensor.Name}\" has shape [{string.Join(", ", tensor.Dims)}], which is negative or too large.");
                count *= dims[i];
            }

            return dims;
        }

        /// <summary>Elements of <paramref name="dims"/>.</summary>
        public static int Count(long[] dims)
        {
            long count = 1;
            foreach (long d in dims) count *= d;
            return checked((int)count);
        }

        /// <summary>A FLOAT, FLOAT16 or DOUBLE tensor's values as floats, its stored size checked against its shape.</summary>
        public static float[] Floats(TensorProto tensor, string source)
        {
            int count = Count(Dims(tensor, source));
            CheckInline(tensor, source);
            var type = (TensorProto.Types.DataType)tensor.DataType;
            var values = new float[count];
            var raw = tensor.RawData.Span;
            switch (type)
            {
                case TensorProto.Types.DataType.Float when raw.Length > 0 || tensor.FloatData.Count == 0:
                    CheckSize(tensor, source, raw.Length, (long)count * 4, "bytes of raw_data");
                    for (int i = 0; i < count; i++) values[i] = BinaryPrimitives.ReadSingleLittleEndian(raw.Slice(i * 4));
                    break;
                case TensorProto.Types.DataType.Float:
                    CheckSize(tensor, source, tensor.FloatData.Count, count, "float_data values");
                    tensor.FloatData.CopyTo(values, 0);
                    break;
                case TensorProto.Types.DataType.Double when raw.Length > 0 || tensor.DoubleData.Count == 0:
                    CheckSize(tensor, source, raw.Length, (long)count * 8, "bytes of raw_data");
                    for (int i = 0; i < count; i++) values[i] = (float)BinaryPrimitives.ReadDoubleLittleEndian(raw.Slice(i * 8));
                    break;
                case TensorProto.Types.DataType.Double:
                    CheckSize(tensor, source, tensor.DoubleData.Count, count, "double_data values");
                    for (int i = 0; i < count; i++) values[i] = (float)tensor.DoubleData[i];
                    break;
                case TensorProto.Types.DataType.Float16 when raw.Length > 0 || tensor.Int32Data.Count == 0:
                    CheckSize(tensor, source, raw.Length, (long)count * 2, "bytes of raw_data");
                    for (int i = 0; i < count; i++) values[i] = (float)BitConverter.UInt16BitsToHalf(BinaryPrimitives.ReadUInt16LittleEndian(raw.Slice(i * 2)));
                    break;
                case TensorProto.Types.DataType.Float16:
                    CheckSize(tensor, source, tensor.Int32Data.Count, count, "int32_data values");
                    for (int i = 0; i < count; i++) values[i] = (float)BitConverter.UInt16BitsToHalf(unchecked((ushort)tensor.Int32Data[i]));
                    break;
                default:
                    throw new InvalidDataException($"{source}: tensor \"{tensor.Name}\" is {type}; a weight must be FLOAT, FLOAT16 or DOUBLE.");
            }

            return values;
        }

        /// <summary>An INT64 or INT32 tensor's values (shapes, axes, pads given as tensors), its stored size checked.</summary>
        public static long[] Longs(TensorProto tensor, string source)
        {
            int count = Count(Dims(tensor, source));
            CheckInline(tensor, source);
            var type = (TensorProto.Types.DataType)tensor.DataType;
            var values = new long[count];
            var raw = tensor.RawData.Span;
            switch (type)
            {
                case TensorProto.Types.DataType.Int64 when raw.Length > 0 || tensor.Int64Data.Count == 0:
                    CheckSize(tensor, source, raw.Length, (long)count * 8, "bytes of raw_data");
                    for (int i = 0; i < count; i++) values[i] = BinaryPrimitives.ReadInt64LittleEndian(raw.Slice(i * 8));
                    break;
                case TensorProto.Types.DataType.Int64:
                    CheckSize(tensor, source, tensor.Int64Data.Count, count, "int64_data values");
                    tensor.Int64Data.CopyTo(values, 0);
                    break;
                case TensorProto.Types.DataType.Int32 when raw.Length > 0 || tensor.Int32Data.Count == 0:
                    CheckSize(tensor, source, raw.Length, (long)count * 4, "bytes of raw_data");
                    for (int i = 0; i < count; i++) values[i] = BinaryPrimitives.ReadInt32LittleEndian(raw.Slice(i * 4));
                    break;
                case TensorProto.Types.DataType.Int32:
                    CheckSize(tensor, source, tensor.Int32Data.Count, count, "int32_data values");
                    for (int i = 0; i < count; i++) values[i] = tensor.Int32Data[i];
                    break;
                default:
                    var floats = Floats(tensor, source);
                    for (int i = 0; i < count; i++) values[i] = (long)floats[i];
                    break;
            }

            return values;
        }

        private static void CheckInline(TensorProto tensor, string source)
        {
            if (tensor.DataLocation == TensorProto.Types.DataLocation.External || tensor.ExternalData.Count > 0)
                throw new InvalidDataException($"{source}: tensor \"{tensor.Name}\" keeps its data in an external file; save the model with its weights inside it (onnx.save(model, path, save_as_external_data=False)).");
        }

        private static void CheckSize(TensorProto tensor, string source, long found, long expected, string what)
        {
            if (found != expected)
            {
                throw new InvalidDataException(
                    $"{source}: tensor \"{tensor.Name}\" of shape [{string.Join(", ", tensor.Dims)}] needs {expected} {what} but the file holds {found}.");
            }
        }
    }
}
