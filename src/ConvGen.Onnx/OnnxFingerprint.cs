using System;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using ConvGen.Onnx.Schema;
using Google.Protobuf;

namespace ConvGen.Onnx
{
    /// <summary>
    /// A digest of what an imported class was generated from: every node (operator, inputs, outputs, attributes), the
    /// graph's inputs and outputs, and each initializer's name, type and shape, but not the weights' values. The importer
    /// writes it into the class; <see cref="OnnxWeights"/> recomputes it from the file it is given, so weights from
    /// another model (or another version of the graph) are refused instead of running the wrong network.
    /// </summary>
    internal static class OnnxFingerprint
    {
        public static string Of(ModelProto model)
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            void Text(string s)
            {
                var bytes = Encoding.UTF8.GetBytes(s);
                hash.AppendData(BitConverter.GetBytes(bytes.Length));
                hash.AppendData(bytes);
            }

            var graph = model.Graph;
            foreach (var node in graph.Node)
            {
                Text(node.Domain + ":" + node.OpType);
                Text(string.Join("\u0001", node.Input));
                Text(string.Join("\u0001", node.Output));
                foreach (var attribute in node.Attribute.OrderBy(a => a.Name, StringComparer.Ordinal))
                    hash.AppendData(attribute.ToByteArray());
            }

            Text(string.Join("\u0001", graph.Input.Select(i => i.Name)));
            Text(string.Join("\u0001", graph.Output.Select(o => o.Name)));
            foreach (var tensor in graph.Initializer)
                Text($"{tensor.Name}:{tensor.DataType}:{string.Join(",", tensor.Dims)}");
            return Convert.ToHexString(hash.GetHashAndReset(), 0, 16).ToLowerInvariant();
        }
    }
}
