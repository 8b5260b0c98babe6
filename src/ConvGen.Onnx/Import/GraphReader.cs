using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using ConvGen.Onnx.Schema;

namespace ConvGen.Onnx.Import
{
    /// <summary>
    /// Reads an ONNX graph into <see cref="Op"/>s on runtime values, in the graph's order: every node whose inputs are known
    /// at import time is folded into a <see cref="Constant"/> (shape arithmetic), identities vanish, each other node becomes
    /// a ConvGen layer (or a pad layer and a layer), a merge, or a scalar step. Every sample shape is computed on the way;
    /// anything ConvGen can't run exactly is an <see cref="OnnxImportException"/> naming the node.
    /// </summary>
    internal sealed class GraphReader
    {
        /// <summary>The operator sets the importer knows.</summary>
        public const int MinOpset = 7, MaxOpset = 21;

        private readonly GraphProto _graph;
        private readonly string _source;
        private readonly Dictionary<string, Constant> _constants = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int[]> _shapes = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _alias = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _uses = new(StringComparer.Ordinal);

        public GraphReader(ModelProto model, string source, int[]? inputShape)
        {
            _graph = model.Graph;
            _source = source;
            Opset = (int)model.OpsetImport.Where(o => o.Domain is "" or "ai.onnx").Select(o => o.Version).DefaultIfEmpty(1).Max();
            if (Opset < MinOpset || Opset > MaxOpset)
                throw new OnnxImportException($"{source} uses ONNX opset {Opset}; ConvGen imports opsets {MinOpset} to {MaxOpset}.");
            foreach (var tensor in _graph.Initializer)
                _constants[tensor.Name] = FromTensor(tensor, tensor.Name);
            foreach (var node in _graph.Node)
                foreach (var input in node.Input)
                    _uses[input] = _uses.TryGetValue(input, out int n) ? n + 1 : 1;

            var inputs = _graph.Input.Where(i => !_constants.ContainsKey(i.Name)).ToList();
            if (inputs.Count != 1)
                throw new OnnxImportException($"{source} has {inputs.Count} inputs ({string.Join(", ", inputs.Select(i => i.Name))}); ConvGen imports models with one input.");
            Input = inputs[0].Name;
            InputShape = SampleShapeOf(inputs[0], inputShape);
            _shapes[Input] = InputShape;
            Prologue = new Prologue(this, Input);

            if (_graph.Output.Count != 1)
                throw new OnnxImportException($"{source} has {_graph.Output.Count} outputs ({string.Join(", ", _graph.Output.Select(o => o.Name))}); ConvGen imports models with one output.");
        }

        public int Opset { get; }

        /// <summary>Preprocessing at the start of the graph, run before the network.</summary>
        public Prologue Prologue { get; }

        public string Input { get; }

        /// <summary>The input's shape for one sample: (C, H, W) or (F).</summary>
        public int[] InputShape { get; }

        /// <summary>The ops in the graph's order; after <see cref="Read"/>.</summary>
        public List<Op> Ops { get; } = new();

        /// <summary>The runtime value the model outputs (identities followed).</summary>
        public string Output => Resolve(_graph.Output[0].Name);

        public int[] ShapeOf(string value) => _shapes[value];

        public List<Op> Read()
        {
            int index = 0;
            foreach (var node in _graph.Node)
            {
                string name = node.Name.Length > 0 ? node.Name : $"#{index} ({node.OpType})";
                index++;
                if (node.Domain is not ("" or "ai.onnx"))
                    throw new OnnxImportException(name, $"operator {node.Domain}.{node.OpType} is not a standard ONNX operator; ConvGen imports the ai.onnx domain.");
                CheckArity(node, name);
                var inputs = node.Input.Select(i => i.Length == 0 ? "" : Resolve(i)).ToArray();
                if (inputs.Where(i => i.Length > 0).All(_constants.ContainsKey) && node.OpType != "Shape")
                {
                    Fold(node, name, inputs);
                    continue;
                }

                if (Ops.Count == 0 && Prologue.TryRead(node, name, inputs)) continue;
                foreach (var input in inputs)
                {
                    if (input.Length > 0 && !_constants.ContainsKey(input) && !_shapes.ContainsKey(input))
                        throw new OnnxImportException(name, $"input \"{input}\" is produced by no earlier node (the graph is not in topological order or is incomplete).");
                }

                new NodeReader(this, node, name, inputs).Read();
            }

            if (!_shapes.ContainsKey(Output))
                throw new OnnxImportException($"{_source}: the output \"{_graph.Output[0].Name}\" is a constant or produced by no node.");
            return Ops;
        }

        internal string Source => _source;

        /// <summary>How many inputs each operator takes (min, max), as the ONNX operator specs give them.</summary>
        private static readonly Dictionary<string, (int Min, int Max)> Arity = new(StringComparer.Ordinal)
        {
            ["Conv"] = (2, 3), ["ConvTranspose"] = (2, 3), ["BatchNormalization"] = (5, 5), ["Clip"] = (1, 3), ["Dropout"] = (1, 3),
            ["Reshape"] = (2, 2), ["Gemm"] = (2, 3), ["MatMul"] = (2, 2), ["Add"] = (2, 2), ["Sub"] = (2, 2), ["Mul"] = (2, 2),
            ["Div"] = (2, 2), ["Concat"] = (1, int.MaxValue), ["Pad"] = (1, 4), ["Constant"] = (0, 0), ["Gather"] = (2, 2),
            ["Unsqueeze"] = (1, 2), ["Squeeze"] = (1, 2), ["Slice"] = (1, 5),
        };

        /// <summary>A node with no output, a missing required input or too many inputs is a malformed model.</summary>
        private void CheckArity(NodeProto node, string name)
        {
            if (node.Output.Count == 0 || node.Output[0].Length == 0)
                throw new InvalidDataException($"{_source}: node {name} ({node.OpType}) has no output.");
            // Operators not listed take one input (the activations, pooling, Flatten, Shape...) or are not supported at all,
            // which their own error says.
            var (min, max) = Arity.TryGetValue(node.OpType, out var a) ? a : NodeReader.Unary.Contains(node.OpType) ? (1, 1) : (0, int.MaxValue);
            int given = node.Input.Count;
            if (given < min || given > max || (min > 0 && node.Input[0].Length == 0) || node.Input.Take(min).Any(i => i.Length == 0))
                throw new InvalidDataException($"{_source}: node {name} ({node.OpType}) has {given} input{(given == 1 ? "" : "s")} [{string.Join(", ", node.Input)}]; it takes {(min == max ? min.ToString() : $"{min} to {(max == int.MaxValue ? "any number" : max.ToString())}")}.");
            if (_shapes.ContainsKey(node.Output[0]) || _constants.ContainsKey(node.Output[0]))
                throw new InvalidDataException($"{_source}: node {name} writes \"{node.Output[0]}\", which an earlier node or an initializer already defines.");
        }

        internal bool TryConstant(string value, out Constant constant) => _constants.TryGetValue(value, out constant!);

        internal int UsesOf(string value) => _uses.TryGetValue(value, out int n) ? n : 0;

        internal void Alias(string output, string input)
        {
            _alias[output] = input;
            if (_shapes.TryGetValue(input, out var shape)) _shapes[output] = shape;
        }

        internal Op Add(Op op)
        {
            Ops.Add(op);
            _shapes[op.Output] = op.Shape;
            return op;
        }

        internal void SetShape(string value, int[] shape) => _shapes[value] = shape;

        internal void SetConstant(string value, Constant constant) => _constants[value] = constant;

        private string Resolve(string value)
        {
            while (_alias.TryGetValue(value, out var target)) value = target;
            return value;
        }

        private int[] SampleShapeOf(ValueInfoProto input, int[]? given)
        {
            var dims = input.Type?.TensorType?.Shape?.Dim;
            if (input.Type?.TensorType is { } t && t.ElemType != (int)TensorProto.Types.DataType.Float)
                throw new OnnxImportException($"{_source}: the input \"{input.Name}\" is {(TensorProto.Types.DataType)t.ElemType}; ConvGen networks take FLOAT input.");
            if (dims is null || (dims.Count != 2 && dims.Count != 4))
            {
                throw new OnnxImportException(
                    $"{_source}: the input \"{input.Name}\" has {(dims is null ? "no shape" : $"rank {dims.Count}")}; ConvGen networks take (N, C, H, W) images or (N, F) features.");
            }

            var sample = new int[dims.Count - 1];
            for (int i = 1; i < dims.Count; i++)
            {
                var d = dims[i];
                int? known = d.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue && d.DimValue > 0 ? checked((int)d.DimValue) : null;
                int? fixedTo = given is not null && given.Length == sample.Length ? given[i - 1] : null;
                if (given is not null && given.Length != sample.Length)
                    throw new OnnxImportException($"{_source}: InputShape gives {given.Length} dimensions ({string.Join(",", given)}) but the input \"{input.Name}\" has {sample.Length} besides the batch ({(sample.Length == 3 ? "C,H,W" : "F")}).");
                if (known is not null && fixedTo is not null && known != fixedTo)
                    throw new OnnxImportException($"{_source}: InputShape fixes dimension {i} of \"{input.Name}\" to {fixedTo} but the model fixes it to {known}.");
                sample[i - 1] = fixedTo ?? known ?? throw new OnnxImportException(
                    $"{_source}: dimension {i} of the input \"{input.Name}\" is dynamic (\"{d.DimParam}\"); set InputShape (e.g. InputShape=\"3,224,224\") to fix it.");
                if (sample[i - 1] <= 0) throw new OnnxImportException($"{_source}: InputShape has a dimension {sample[i - 1]}; each must be positive.");
            }

            return sample;
        }

        internal Constant FromTensor(TensorProto tensor, string source)
        {
            var dims = OnnxTensors.Dims(tensor, _source);
            var type = (TensorProto.Types.DataType)tensor.DataType;
            return type is TensorProto.Types.DataType.Int64 or TensorProto.Types.DataType.Int32
                ? new Constant(dims, null, OnnxTensors.Longs(tensor, _source), source)
                : new Constant(dims, OnnxTensors.Floats(tensor, _source), null, source);
        }

        /// <summary>Folds a node whose inputs are all constants (the shape arithmetic exporters emit).</summary>
        private void Fold(NodeProto node, string name, string[] inputs)
        {
            var x = inputs.Select(i => i.Length == 0 ? null : _constants[i]).ToArray();
            var a = new Attributes(node, name);
            Constant result;
            switch (node.OpType)
            {
                case "Constant":
                    result = a.Has("value") ? FromTensor(a.Tensor("value"), node.Output[0])
                        : a.Has("value_float") ? new Constant(Array.Empty<long>(), new[] { a.Float("value_float", 0) }, null, null)
                        : a.Has("value_floats") ? new Constant(new long[] { a.Floats("value_floats").Length }, a.Floats("value_floats"), null, null)
                        : a.Has("value_int") ? new Constant(Array.Empty<long>(), null, new[] { a.Int("value_int", 0) }, null)
                        : a.Has("value_ints") ? Constant.Ints(a.Ints("value_ints", Array.Empty<long>()))
                        : throw new OnnxImportException(name, "Constant has no value ConvGen reads (value, value_float(s), value_int(s)).");
                    break;
                case "Identity" or "Dropout" or "Cast":
                    result = x[0]!;
                    break;
                case "Gather" when x[0]!.Dims.Length == 1 && a.Int("axis", 0) == 0:
                {
                    var data = x[0]!.Integers;
                    var picked = x[1]!.Integers.Select(i => data[i < 0 ? i + data.Length : i]).ToArray();
                    result = new Constant(x[1]!.Dims, null, picked, null);
                    break;
                }

                case "Unsqueeze" or "Squeeze" or "Reshape" or "Flatten":
                    result = new Constant(new[] { x[0]!.Count }, x[0]!.Floats, x[0]!.Longs, null);
                    break;
                case "Concat" when x.All(c => c!.Longs is not null):
                    result = Constant.Ints(x.SelectMany(c => c!.Longs!).ToArray());
                    break;
                case "Mul" or "Add" or "Sub" or "Div" when x[0]!.Longs is not null && x[1]!.Longs is not null && x[1]!.IsScalar:
                {
                    long b = x[1]!.Longs![0];
                    result = new Constant(x[0]!.Dims, null, x[0]!.Longs!.Select(v => v == Constant.Batch || b == Constant.Batch ? Constant.Batch : node.OpType switch
                    {
                        "Mul" => v * b,
                        "Add" => v + b,
                        "Sub" => v - b,
                        _ => b == 0 ? throw new OnnxImportException(name, "division by zero in shape arithmetic") : v / b,
                    }).ToArray(), null);
                    break;
                }

                case "Slice" when x[0]!.Dims.Length == 1:
                {
                    var data = x[0]!.Integers;
                    long start = Opset < 10 ? a.Ints("starts", new long[] { 0 })[0] : x[1]!.Integers[0];
                    long end = Opset < 10 ? a.Ints("ends", new long[] { long.MaxValue })[0] : x[2]!.Integers[0];
                    if (start < 0) start += data.Length;
                    if (end < 0) end += data.Length;
                    start = Math.Clamp(start, 0, data.Length);
                    end = Math.Clamp(end, start, data.Length);
                    result = Constant.Ints(data.Skip((int)start).Take((int)(end - start)).ToArray());
                    break;
                }

                default:
                    throw new OnnxImportException(name, $"{node.OpType} on constants only is not something ConvGen folds at import time (it folds Constant, Shape, Gather, Slice, Cast, Unsqueeze, Squeeze, Concat, Reshape and integer arithmetic).");
            }

            _constants[node.Output[0]] = result;
        }
    }

    /// <summary>A node's attributes, read with defaults; an attribute the reader does not expect is reported.</summary>
    internal sealed class Attributes
    {
        private readonly NodeProto _node;
        private readonly string _name;

        public Attributes(NodeProto node, string name)
        {
            _node = node;
            _name = name;
        }

        public bool Has(string name) => _node.Attribute.Any(a => a.Name == name);

        /// <summary>Throws if the node has an attribute not in <paramref name="known"/>.</summary>
        public void Only(params string[] known)
        {
            foreach (var a in _node.Attribute)
            {
                if (Array.IndexOf(known, a.Name) < 0)
                    throw new OnnxImportException(_name, $"{_node.OpType} attribute \"{a.Name}\" is not supported (ConvGen reads {string.Join(", ", known)}).");
            }
        }

        private AttributeProto? Get(string name) => _node.Attribute.FirstOrDefault(a => a.Name == name);

        public long Int(string name, long fallback) => Get(name) is { } a ? a.I : fallback;

        public float Float(string name, float fallback) => Get(name) is { } a ? a.F : fallback;

        public string String(string name, string fallback) => Get(name) is { } a ? a.S.ToStringUtf8() : fallback;

        public long[] Ints(string name, long[] fallback) => Get(name) is { } a ? a.Ints.ToArray() : fallback;

        public float[] Floats(string name) => Get(name)!.Floats.ToArray();

        public TensorProto Tensor(string name) => Get(name)!.T ?? throw new OnnxImportException(_name, $"attribute \"{name}\" has no tensor.");

        public static string Number(float value) => value.ToString("R", CultureInfo.InvariantCulture);
    }
}
