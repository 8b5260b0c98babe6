using System;
using System.IO;
using System.Linq;
using ConvGen.Onnx.Import;
using ConvGen.Onnx.Schema;

namespace ConvGen.Onnx
{
    /// <summary>
    /// Turns an ONNX model into the C# source of a ConvGen network: what the <c>ConvGenModel</c> build item and
    /// <c>dotnet convgen import</c> run. The source declares the model's layers as attributes (one line per layer, naming
    /// the ONNX node), so the ConvGen generator checks and compiles it like any network; its constructor reads the weights
    /// from the .onnx file at run time.
    /// </summary>
    public static class OnnxImporter
    {
        /// <summary>Imports the model at <paramref name="modelPath"/> as the class <paramref name="className"/>.</summary>
        /// <param name="modelPath">The .onnx file.</param>
        /// <param name="className">The generated class's name (a C# identifier).</param>
        /// <param name="ns">Its namespace, or null for none.</param>
        /// <param name="inputShape">The input's (C, H, W) or (F), fixing the model's dynamic dimensions; null to take the model's.</param>
        /// <param name="algorithm">The network's convolution algorithm (<see cref="ConvAlgorithm.Winograd"/>: every 3×3 stride-1
        /// convolution it serves with ≥ 64 channels in and out; the others stay direct).</param>
        /// <returns>The C# source.</returns>
        /// <exception cref="OnnxImportException">The model uses an operator, attribute or structure ConvGen can't run exactly (the message names the node).</exception>
        /// <exception cref="InvalidDataException">The file is not a valid ONNX model, or a tensor's stored size disagrees with its shape.</exception>
        public static string Import(string modelPath, string className, string? ns = null, int[]? inputShape = null,
            ConvAlgorithm algorithm = ConvAlgorithm.Direct)
        {
            CheckIdentifier(className, "class name");
            if (ns is not null && ns.Length == 0) ns = null;
            if (ns is not null) foreach (var part in ns.Split('.')) CheckIdentifier(part, "namespace");
            var model = OnnxTensors.ReadModel(modelPath);
            return Import(model, Path.GetFileName(modelPath), className, ns, inputShape, algorithm);
        }

        internal static string Import(ModelProto model, string fileName, string className, string? ns, int[]? inputShape,
            ConvAlgorithm algorithm = ConvAlgorithm.Direct)
        {
            var graph = new GraphReader(model, fileName, inputShape);
            var ops = Idioms.Rewrite(graph.Read());
            var layers = new Blocks(ops, graph.Output).Network(graph.Prologue.Head);
            if (layers.Count == 0 && graph.Prologue.Steps.Count == 0) throw new OnnxImportException($"{fileName} computes nothing (its output is its input).");
            string producer = (model.ProducerName + " " + model.ProducerVersion).Trim();
            var imported = new ImportedModel(className, ns, fileName, producer.Length == 0 ? "unknown producer" : producer, graph.Opset,
                graph.InputShape, inputShape is not null, graph.ShapeOf(graph.Output), OnnxFingerprint.Of(model), graph.Prologue.Steps, layers)
            {
                Algorithm = algorithm,
            };
            return SourceWriter.Write(imported);
        }

        /// <summary>Parses an <c>InputShape</c> ("3,224,224").</summary>
        /// <exception cref="ArgumentException">Not a list of positive integers.</exception>
        public static int[] ParseShape(string text)
        {
            var parts = text.Split(new[] { ',', 'x', '×', ' ' }, StringSplitOptions.RemoveEmptyEntries);
            var dims = new int[parts.Length];
            for (int i = 0; i < parts.Length; i++)
            {
                if (!int.TryParse(parts[i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out dims[i]) || dims[i] <= 0)
                    throw new ArgumentException($"InputShape \"{text}\" must be positive integers separated by commas (C,H,W such as 3,224,224, or F).", nameof(text));
            }

            if (dims.Length is not (1 or 3))
                throw new ArgumentException($"InputShape \"{text}\" has {dims.Length} dimensions; give C,H,W for an image or F for features (the batch is Forward's argument).", nameof(text));
            return dims;
        }

        /// <summary>Parses an <c>Algorithm</c> ("Direct", "Winograd", any case; empty = Direct).</summary>
        /// <exception cref="ArgumentException">Not one of them.</exception>
        public static ConvAlgorithm ParseAlgorithm(string text)
        {
            if (text.Length == 0) return ConvAlgorithm.Direct;
            foreach (var value in Enum.GetValues<ConvAlgorithm>())
            {
                if (string.Equals(text, value.ToString(), StringComparison.OrdinalIgnoreCase)) return value;
            }

            throw new ArgumentException($"Algorithm \"{text}\" is not one of {string.Join(", ", Enum.GetNames<ConvAlgorithm>())}.", nameof(text));
        }

        private static void CheckIdentifier(string name, string what)
        {
            bool ok = name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_') && name.All(c => char.IsLetterOrDigit(c) || c == '_');
            if (!ok) throw new ArgumentException($"The {what} \"{name}\" is not a C# identifier.");
        }
    }
}
