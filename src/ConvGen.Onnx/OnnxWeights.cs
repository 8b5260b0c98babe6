using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.ComponentModel;
using System.IO;
using System.Linq;
using System.Text.Json;
using ConvGen.Onnx.Schema;

namespace ConvGen.Onnx
{
    /// <summary>One tensor an imported network reads: its state_dict name, the ONNX tensor, the shape the layer takes, transposed or not.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed record OnnxTensorMap(string Name, string Source, int[] Shape, bool Transpose = false);

    /// <summary>
    /// What an imported class's constructor calls: reads the .onnx file, checks it is the model the class was generated
    /// from (<see cref="OnnxFingerprint"/>), and hands the network its weights under their state_dict names, as the
    /// in-memory safetensors file ConvGen networks load from (so every shape is checked by the same code as for PyTorch's).
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class OnnxWeights
    {
        /// <summary>The weights of <paramref name="modelPath"/> for the imported class <paramref name="className"/>.</summary>
        /// <exception cref="InvalidDataException">Not that model, or truncated, corrupted, or a tensor of the wrong size.</exception>
        public static SafeTensors Open(string modelPath, string className, string fingerprint, IReadOnlyList<OnnxTensorMap> tensors)
        {
            ArgumentNullException.ThrowIfNull(modelPath);
            var model = OnnxTensors.ReadModel(modelPath);
            string found = OnnxFingerprint.Of(model);
            if (found != fingerprint)
            {
                throw new InvalidDataException(
                    $"{modelPath} is not the model {className} was generated from: its graph differs (fingerprint {found}, expected {fingerprint}). Re-import the model, or pass the file it was imported from.");
            }

            var stored = new Dictionary<string, TensorProto>(StringComparer.Ordinal);
            foreach (var t in model.Graph.Initializer) stored[t.Name] = t;
            foreach (var node in model.Graph.Node)
            {
                if (node.OpType == "Constant" && node.Attribute.FirstOrDefault(a => a.Name == "value")?.T is { } value)
                    stored[node.Output[0]] = value;
            }

            var header = new MemoryStream();
            var data = new List<float[]>();
            long offset = 0;
            using (var json = new Utf8JsonWriter(header))
            {
                json.WriteStartObject();
                foreach (var map in tensors)
                {
                    if (!stored.TryGetValue(map.Source, out var tensor))
                        throw new InvalidDataException($"{modelPath} has no tensor \"{map.Source}\", which {className} reads as \"{map.Name}\".");
                    var values = OnnxTensors.Floats(tensor, modelPath);
                    long expected = map.Shape.Aggregate(1L, (a, d) => a * d);
                    if (values.Length != expected)
                        throw new InvalidDataException($"{modelPath}: tensor \"{map.Source}\" has {values.Length} values but {className} reads it as \"{map.Name}\" of shape [{string.Join(", ", map.Shape)}].");
                    if (map.Transpose) values = Transpose(values, map.Shape[1], map.Shape[0]);
                    json.WriteStartObject(map.Name);
                    json.WriteString("dtype", "F32");
                    json.WriteStartArray("shape");
                    foreach (int d in map.Shape) json.WriteNumberValue(d);
                    json.WriteEndArray();
                    json.WriteStartArray("data_offsets");
                    json.WriteNumberValue(offset);
                    json.WriteNumberValue(offset + (4L * values.Length));
                    json.WriteEndArray();
                    json.WriteEndObject();
                    offset += 4L * values.Length;
                    data.Add(values);
                }

                json.WriteEndObject();
            }

            var file = new byte[8 + header.Length + offset];
            BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)header.Length);
            header.GetBuffer().AsSpan(0, (int)header.Length).CopyTo(file.AsSpan(8));
            int at = 8 + (int)header.Length;
            foreach (var values in data)
            {
                foreach (float v in values)
                {
                    BinaryPrimitives.WriteSingleLittleEndian(file.AsSpan(at), v);
                    at += 4;
                }
            }

            return SafeTensors.Parse(file);
        }

        /// <summary>A (rows, columns) matrix as (columns, rows).</summary>
        private static float[] Transpose(float[] values, int rows, int columns)
        {
            var result = new float[values.Length];
            for (int r = 0; r < rows; r++)
                for (int c = 0; c < columns; c++)
                    result[(c * rows) + r] = values[(r * columns) + c];
            return result;
        }
    }
}
