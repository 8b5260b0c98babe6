using System;
using System.Collections.Generic;
using System.Linq;
using ConvGen.Onnx.Schema;

namespace ConvGen.Onnx.Import
{
    /// <summary>
    /// A step of the input's preprocessing (ONNX node <c>Node</c>): channels reordered by <c>Order</c> ("permute"), or the
    /// constant <c>Tensor</c> (broadcast to the sample) applied elementwise: "add", "sub", "rsub" (c − x), "mul", "div", "rdiv" (c / x).
    /// </summary>
    internal sealed record PrologueStep(string Op, string Node, int[]? Order = null, TensorRef? Tensor = null);

    /// <summary>
    /// Preprocessing baked into the start of a model — channels reordered (Split along the channels, then Concat of the
    /// parts in another order: RGB → BGR) and stored constants subtracted, added, multiplied or divided elementwise (a mean
    /// image, per-channel scales, x / 255) — which no ConvGen layer expresses. Read while nothing else has been, it runs in the imported
    /// class before the network (<see cref="OnnxPrologue"/>), exactly as ONNX computes it.
    /// </summary>
    internal sealed class Prologue
    {
        private readonly GraphReader _graph;
        private readonly Dictionary<string, (int Start, int Count)> _parts = new(StringComparer.Ordinal);

        public Prologue(GraphReader graph, string input)
        {
            _graph = graph;
            Head = input;
        }

        /// <summary>The value the network starts from: the input after the steps.</summary>
        public string Head { get; private set; }

        public List<PrologueStep> Steps { get; } = new();

        /// <summary>Reads <paramref name="node"/> as a step if it is one on <see cref="Head"/>; false otherwise.</summary>
        public bool TryRead(NodeProto node, string name, string[] inputs)
        {
            int[] sample = _graph.ShapeOf(_graph.Input);
            if (sample.Length != 3) return false;
            switch (node.OpType)
            {
                case "Split" when inputs[0] == Head && _parts.Count == 0 && _graph.UsesOf(Head) == 1:
                {
                    var a = new Attributes(node, name);
                    long axis = a.Int("axis", 0);
                    if (axis != 1 && axis != -3) return false;
                    long[] sizes = inputs.Length > 1 && inputs[1].Length > 0 && _graph.TryConstant(inputs[1], out var s) ? s.Integers
                        : a.Ints("split", Enumerable.Repeat((long)(sample[0] / node.Output.Count), node.Output.Count).ToArray());
                    if (sizes.Length != node.Output.Count || sizes.Sum() != sample[0] || sizes.Any(v => v <= 0)) return false;
                    int start = 0;
                    for (int i = 0; i < sizes.Length; i++)
                    {
                        _parts[node.Output[i]] = (start, (int)sizes[i]);
                        start += (int)sizes[i];
                    }

                    return true;
                }

                case "Concat" when _parts.Count > 0:
                {
                    long axis = new Attributes(node, name).Int("axis", 1);
                    if ((axis != 1 && axis != -3) || inputs.Length != _parts.Count || inputs.Distinct().Count() != inputs.Length || !inputs.All(_parts.ContainsKey))
                        throw new OnnxImportException(name, "a Split of the input's channels must be joined again by one Concat of all its parts (a channel reordering); ConvGen reads no other use of Split");
                    var order = inputs.SelectMany(i => Enumerable.Range(_parts[i].Start, _parts[i].Count)).ToArray();
                    _parts.Clear();
                    Steps.Add(new PrologueStep("permute", name, Order: order));
                    Advance(node.Output[0]);
                    return true;
                }

                case "Add" or "Sub" or "Mul" or "Div" when _parts.Count == 0 && inputs.Contains(Head) && _graph.UsesOf(Head) == 1:
                {
                    bool first = inputs[0] == Head;
                    if (!_graph.TryConstant(inputs[first ? 1 : 0], out var c) || c.Source is null || !Broadcasts(c.Dims, sample))
                        return false;
                    string op = node.OpType.ToLowerInvariant();
                    if (!first && op is "sub" or "div") op = "r" + op;
                    Steps.Add(new PrologueStep(op, name, Tensor: new TensorRef($"input.{Steps.Count}", c.Source, c.Dims.Select(d => (int)d).ToArray())));
                    Advance(node.Output[0]);
                    return true;
                }

                default:
                    if (_parts.Count > 0)
                        throw new OnnxImportException(name, "a Split of the input's channels must be joined again by one Concat of all its parts (a channel reordering); ConvGen reads no other use of Split");
                    return false;
            }
        }

        private void Advance(string output)
        {
            Head = output;
            _graph.SetShape(output, _graph.ShapeOf(_graph.Input));
        }

        /// <summary>Whether <paramref name="dims"/> broadcasts to (1, C, H, W) as ONNX (numpy) broadcasting does.</summary>
        public static bool Broadcasts(long[] dims, int[] sample)
        {
            var full = new long[] { 1, sample[0], sample[1], sample[2] };
            if (dims.Length > 4) return false;
            for (int i = 0; i < dims.Length; i++)
            {
                long d = dims[dims.Length - 1 - i], f = full[3 - i];
                if (d != 1 && d != f) return false;
            }

            return true;
        }
    }
}
