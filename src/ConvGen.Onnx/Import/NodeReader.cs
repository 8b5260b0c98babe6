using System;
using System.Linq;
using ConvGen.Onnx.Schema;
using static ConvGen.Onnx.Import.Attributes;

namespace ConvGen.Onnx.Import
{
    /// <summary>
    /// Turns one ONNX node on runtime values into ConvGen ops, with PyTorch's semantics exactly where ONNX's match them and
    /// an <see cref="OnnxImportException"/> where they don't.
    /// </summary>
    internal sealed class NodeReader
    {
        private readonly GraphReader _graph;
        private readonly NodeProto _node;
        private readonly string _name;
        private readonly string[] _inputs;
        private readonly Attributes _a;

        public NodeReader(GraphReader graph, NodeProto node, string name, string[] inputs)
        {
            _graph = graph;
            _node = node;
            _name = name;
            _inputs = inputs;
            _a = new Attributes(node, name);
        }

        /// <summary>The operators read here that take exactly one input.</summary>
        public static readonly System.Collections.Generic.HashSet<string> Unary = new(StringComparer.Ordinal)
        {
            "MaxPool", "AveragePool", "GlobalAveragePool", "GlobalMaxPool", "Relu", "Sigmoid", "Tanh", "HardSwish", "LeakyRelu",
            "HardSigmoid", "Gelu", "Softmax", "Identity", "Flatten", "Shape", "Cast",
        };

        private string Output => _node.Output[0];

        private int[] X => _graph.ShapeOf(_inputs[0]);

        public void Read()
        {
            if (_node.OpType is "BatchNormalization" or "Dropout" or "MaxPool") CheckUnusedOutputs();
            switch (_node.OpType)
            {
                case "Conv": Conv(); break;
                case "ConvTranspose": ConvTranspose(); break;
                case "BatchNormalization": BatchNorm(); break;
                case "MaxPool": Pool(max: true); break;
                case "AveragePool": Pool(max: false); break;
                case "GlobalAveragePool": Image(); Layer("AdaptiveAvgPool2d(1)", new[] { X[0], 1, 1 }); break;
                case "GlobalMaxPool": Image(); Layer("AdaptiveMaxPool2d(1)", new[] { X[0], 1, 1 }); break;
                case "Relu": _a.Only(); Activation("ReLU", "ReLU"); break;
                case "Sigmoid": _a.Only(); Activation("Sigmoid", "Sigmoid"); break;
                case "Tanh": _a.Only(); Activation("Tanh", "Tanh"); break;
                case "HardSwish": _a.Only(); Activation("Hardswish", "Hardswish"); break;
                case "LeakyRelu": _a.Only("alpha"); Activation($"LeakyReLU({Number(_a.Float("alpha", 0.01f))}f)", null); break;
                case "HardSigmoid": HardSigmoid(); break;
                case "Gelu": Gelu(); break;
                case "Clip": Clip(); break;
                case "Softmax": Softmax(); break;
                case "Identity" or "Dropout": _graph.Alias(Output, _inputs[0]); break;
                case "Flatten": Flatten(); break;
                case "Reshape": Reshape(); break;
                case "Shape": _graph.SetConstant(Output, Constant.Ints(new[] { Constant.Batch }.Concat(Shape(_inputs[0]).Select(d => (long)d)).ToArray())); break;
                case "Gemm": Gemm(); break;
                case "MatMul": MatMul(); break;
                case "Add" or "Sub" or "Mul" or "Div": Arithmetic(); break;
                case "Concat": Concat(); break;
                case "Pad": Pad(); break;
                default:
                    throw Unsupported($"operator {_node.OpType} is not supported. ConvGen imports Conv, ConvTranspose, BatchNormalization, Relu, LeakyRelu, Clip, HardSigmoid, HardSwish, Sigmoid, Tanh, Gelu, Add/Sub/Mul/Div, MaxPool, AveragePool, GlobalAveragePool, GlobalMaxPool, Concat, Gemm, MatMul, Flatten, Reshape, Softmax, Pad, Dropout, Identity and constant shape arithmetic");
            }
        }

        private OnnxImportException Unsupported(string what) => new(_name, what);

        private int[] Shape(string value) => _graph.TryConstant(value, out var c) ? c.Dims.Skip(1).Select(d => (int)d).ToArray() : _graph.ShapeOf(value);

        /// <summary>Training-mode outputs (BatchNorm's statistics, Dropout's mask, MaxPool's indices) must be unused.</summary>
        private void CheckUnusedOutputs()
        {
            for (int i = 1; i < _node.Output.Count; i++)
            {
                if (_node.Output[i].Length > 0 && _graph.UsesOf(_node.Output[i]) > 0)
                    throw Unsupported($"{_node.OpType}'s output {i} (\"{_node.Output[i]}\") is used; ConvGen imports inference graphs, which use only the first output.");
            }
        }

        private void Image()
        {
            if (X.Length != 3)
                throw Unsupported($"{_node.OpType} needs an image (N, C, H, W) but its input \"{_inputs[0]}\" is ({string.Join(", ", new[] { "N" }.Concat(X.Select(d => d.ToString()))) })");
        }

        private Op Layer(string attribute, int[] shape, string? input = null, string? output = null)
        {
            var op = new Op(_name, OpKind.Layer, new[] { input ?? _inputs[0] }, output ?? Output, shape) { Attribute = attribute };
            return _graph.Add(op);
        }

        private void Activation(string attribute, string? activation)
        {
            var op = Layer(attribute, X);
            op.Activation = activation;
        }

        private Constant Const(int index, string what)
        {
            if (index >= _inputs.Length || _inputs[index].Length == 0 || !_graph.TryConstant(_inputs[index], out var c))
                throw Unsupported($"{_node.OpType}'s {what} must be a constant (an initializer) for ConvGen to generate the layer for it");
            return c;
        }

        private Constant? OptionalConst(int index, string what) =>
            index >= _inputs.Length || _inputs[index].Length == 0 ? null : Const(index, what);

        private static string Source(Constant c, string what) =>
            c.Source ?? throw new OnnxImportException($"the {what} is computed at import time; ConvGen reads weights stored in the model");

        // ---- convolutions -------------------------------------------------------------------------------------------------

        private void Conv()
        {
            _a.Only("auto_pad", "dilations", "group", "kernel_shape", "pads", "strides");
            Image();
            var w = Const(1, "weight");
            if (w.Dims.Length != 4)
                throw Unsupported($"Conv weight \"{_inputs[1]}\" has shape {w.ShapeText}; ConvGen networks run 2-D convolutions (weight (M, C/group, kH, kW))");
            int c = X[0], m = (int)w.Dims[0], groups = (int)_a.Int("group", 1);
            int[] k = { (int)w.Dims[2], (int)w.Dims[3] };
            CheckKernelShape(k);
            if (groups < 1 || c % groups != 0 || w.Dims[1] * groups != c || m % groups != 0)
                throw Unsupported($"Conv with group {groups} needs weight (M, {(groups > 0 ? c / groups : 0)}, kH, kW) for {c} input channels, but the weight is {w.ShapeText}");
            var s = Pair("strides", 1);
            var d = Pair("dilations", 1);
            var pads = Pads(k, s, d);
            var b = OptionalConst(2, "bias");
            string input = PadIfNeeded(pads, "ZeroPad2d", null);
            int[] p = pads.Symmetric ?? new[] { 0, 0 };
            int[] inner = _graph.ShapeOf(input);
            int[] output = { m, Out(inner[1], k[0], s[0], d[0], 2 * p[0]), Out(inner[2], k[1], s[1], d[1], 2 * p[1]) };
            string args = $"Conv2d({c}, {m}, {Ints(k)}{Named("Stride", s, 1)}{Named("Padding", p, 0)}{Named("Dilation", d, 1)}{(groups != 1 ? $", Groups = {groups}" : "")}{(b is null ? ", Bias = false" : "")})";
            var op = Layer(args, output, input);
            op.Tensors.Add(new TensorRef("weight", Source(w, "weight"), w.Dims.Select(x => (int)x).ToArray()));
            if (b is not null) op.Tensors.Add(Vector("bias", b, m));
        }

        private void ConvTranspose()
        {
            _a.Only("auto_pad", "dilations", "group", "kernel_shape", "pads", "strides", "output_padding", "output_shape");
            Image();
            var w = Const(1, "weight");
            if (w.Dims.Length != 4)
                throw Unsupported($"ConvTranspose weight \"{_inputs[1]}\" has shape {w.ShapeText}; ConvGen networks run 2-D transposed convolutions (weight (C, M/group, kH, kW))");
            int c = X[0], groups = (int)_a.Int("group", 1);
            int m = (int)w.Dims[1] * groups;
            int[] k = { (int)w.Dims[2], (int)w.Dims[3] };
            CheckKernelShape(k);
            if (w.Dims[0] != c || groups < 1 || c % groups != 0)
                throw Unsupported($"ConvTranspose with group {groups} needs weight ({c}, M/group, kH, kW) for {c} input channels, but the weight is {w.ShapeText}");
            if (_a.String("auto_pad", "NOTSET") is not ("NOTSET" or "" or "VALID"))
                throw Unsupported($"ConvTranspose with auto_pad {_a.String("auto_pad", "")} is not supported; export it with explicit pads");
            var s = Pair("strides", 1);
            var d = Pair("dilations", 1);
            var pads = _a.Ints("pads", new long[4]);
            if (pads.Length != 4 || pads[0] != pads[2] || pads[1] != pads[3] || pads.Any(v => v < 0))
                throw Unsupported($"ConvTranspose pads [{string.Join(", ", pads)}] are not symmetric; ConvGen (as PyTorch's ConvTranspose2d) pads both sides equally");
            int[] p = { (int)pads[0], (int)pads[1] };
            var op2 = _a.Ints("output_padding", new long[2]).Select(v => (int)v).ToArray();
            int[] output = new int[3];
            output[0] = m;
            for (int i = 0; i < 2; i++)
            {
                int natural = (X[i + 1] - 1) * s[i] - 2 * p[i] + d[i] * (k[i] - 1) + 1;
                if (_a.Has("output_shape"))
                {
                    var shape = _a.Ints("output_shape", Array.Empty<long>());
                    long wanted = shape[shape.Length - 2 + i];
                    op2[i] = (int)(wanted - natural);
                }

                if (op2[i] < 0 || op2[i] >= Math.Max(s[i], d[i]))
                    throw Unsupported($"ConvTranspose output padding {op2[i]} (axis {i}) must be at least 0 and less than the stride or dilation");
                output[i + 1] = natural + op2[i];
            }

            var b = OptionalConst(2, "bias");
            string args = $"ConvTranspose2d({c}, {m}, {Ints(k)}{Named("Stride", s, 1)}{Named("Padding", p, 0)}{Named("OutputPadding", op2, 0)}{Named("Dilation", d, 1)}{(groups != 1 ? $", Groups = {groups}" : "")}{(b is null ? ", Bias = false" : "")})";
            var op = Layer(args, output);
            op.Tensors.Add(new TensorRef("weight", Source(w, "weight"), w.Dims.Select(x => (int)x).ToArray()));
            if (b is not null) op.Tensors.Add(Vector("bias", b, m));
        }

        private void CheckKernelShape(int[] k)
        {
            var given = _a.Ints("kernel_shape", Array.Empty<long>());
            if (given.Length > 0 && (given.Length != 2 || given[0] != k[0] || given[1] != k[1]))
                throw Unsupported($"kernel_shape [{string.Join(", ", given)}] disagrees with the weight's kernel {k[0]}×{k[1]}");
        }

        private int[] Pair(string name, int fallback)
        {
            var v = _a.Ints(name, new long[] { fallback, fallback });
            if (v.Length != 2 || v.Any(x => x < 1))
                throw Unsupported($"{name} [{string.Join(", ", v)}] must be two positive values (height, width)");
            return new[] { (int)v[0], (int)v[1] };
        }

        private static int Out(int size, int k, int s, int d, int pad, bool ceil = false)
        {
            int span = size + pad - (d * (k - 1) + 1);
            if (span < 0) return 0;
            return (ceil ? (span + s - 1) / s : span / s) + 1;
        }

        /// <summary>
        /// A node's padding as ConvGen can take it: symmetric per axis (<see cref="PadPlan.Symmetric"/>), which also serves
        /// asymmetric ONNX pads whose windows are the same (the left pad on both sides gives the same output size: the extra
        /// right pad is never read, as in CNTK's and TensorFlow's exports), or an explicit pad layer before it.
        /// </summary>
        private PadPlan Pads(int[] k, int[] s, int[] d, bool ceil = false)
        {
            long[] pads;
            string auto = _a.String("auto_pad", "NOTSET");
            switch (auto)
            {
                case "NOTSET" or "":
                    pads = _a.Ints("pads", new long[4]);
                    break;
                case "VALID":
                    pads = new long[4];
                    break;
                case "SAME_UPPER" or "SAME_LOWER":
                    pads = new long[4];
                    for (int i = 0; i < 2; i++)
                    {
                        int size = X[i + 1], output = (size + s[i] - 1) / s[i];
                        int total = Math.Max(0, (output - 1) * s[i] + d[i] * (k[i] - 1) + 1 - size);
                        int small = total / 2;
                        pads[i] = auto == "SAME_UPPER" ? small : total - small;
                        pads[i + 2] = total - pads[i];
                    }

                    break;
                default:
                    throw Unsupported($"auto_pad \"{auto}\" is not NOTSET, VALID, SAME_UPPER or SAME_LOWER");
            }

            if (pads.Length != 4 || pads.Any(p => p < 0))
                throw Unsupported($"pads [{string.Join(", ", pads)}] must be 4 non-negative values (top, left, bottom, right)");
            var plan = new PadPlan { Top = (int)pads[0], Left = (int)pads[1], Bottom = (int)pads[2], Right = (int)pads[3] };
            bool same = true;
            for (int i = 0; i < 2; i++)
            {
                int begin = (int)pads[i], end = (int)pads[i + 2];
                same &= begin == end || Windows(X[i + 1], k[i], s[i], d[i], begin, end, ceil) == Windows(X[i + 1], k[i], s[i], d[i], begin, begin, ceil);
            }

            if (same) plan.Symmetric = new[] { plan.Top, plan.Left };
            return plan;
        }

        /// <summary>Windows along an axis padded by <paramref name="begin"/> and <paramref name="end"/>; with ceil mode, none may start in the end padding.</summary>
        private static int Windows(int size, int k, int s, int d, int begin, int end, bool ceil)
        {
            int n = Out(size, k, s, d, begin + end, ceil);
            if (ceil && n > 0 && (n - 1) * s >= size + begin) n--;
            return n;
        }

        /// <summary>The value the layer reads: its input, or a pad layer's output when its padding isn't symmetric.</summary>
        private string PadIfNeeded(PadPlan pads, string layer, string? value)
        {
            if (pads.Symmetric is not null) return _inputs[0];
            string padded = Output + "__pad";
            var sides = $"{pads.Left}, {pads.Right}, {pads.Top}, {pads.Bottom}";
            string attribute = layer == "ZeroPad2d" ? $"ZeroPad2d({sides})" : $"ConstantPad2d(new[] {{ {sides} }}, {value})";
            Layer(attribute, new[] { X[0], X[1] + pads.Top + pads.Bottom, X[2] + pads.Left + pads.Right }, output: padded);
            return padded;
        }

        private sealed class PadPlan
        {
            public int Top, Left, Bottom, Right;
            public int[]? Symmetric;
        }

        // ---- normalisation, pooling ----------------------------------------------------------------------------------------

        private void BatchNorm()
        {
            _a.Only("epsilon", "momentum", "spatial", "is_test", "training_mode");
            Image();
            if (_a.Int("spatial", 1) != 1) throw Unsupported("BatchNormalization with spatial=0 (statistics per element) is not supported");
            if (_a.Int("training_mode", 0) != 0) throw Unsupported("BatchNormalization in training mode is not supported; export the model in eval mode");
            int c = X[0];
            var refs = new[] { ("weight", 1), ("bias", 2), ("running_mean", 3), ("running_var", 4) }
                .Select(t => Vector(t.Item1, Const(t.Item2, t.Item1 == "weight" ? "scale" : t.Item1), c)).ToList();
            float eps = _a.Float("epsilon", 1e-5f);
            var op = Layer($"BatchNorm2d({c}{(eps == 1e-5f ? "" : $", Eps = {Number(eps)}")})", X);
            op.Tensors.AddRange(refs);
        }

        /// <summary>A per-channel tensor (shape [n] or [1, n]) read as [n].</summary>
        private TensorRef Vector(string suffix, Constant c, int n)
        {
            if (c.Count != n || c.Dims.Count(d => d != 1) > 1)
                throw Unsupported($"{suffix} \"{c.Source}\" has shape {c.ShapeText} but {n} values (one per channel or feature) were expected");
            return new TensorRef(suffix, Source(c, suffix), new[] { n });
        }

        private void Pool(bool max)
        {
            if (max) _a.Only("auto_pad", "ceil_mode", "dilations", "kernel_shape", "pads", "strides", "storage_order");
            else _a.Only("auto_pad", "ceil_mode", "count_include_pad", "kernel_shape", "pads", "strides");
            Image();
            var kernel = _a.Ints("kernel_shape", Array.Empty<long>());
            if (kernel.Length != 2) throw Unsupported($"kernel_shape [{string.Join(", ", kernel)}] must have two values (2-D pooling)");
            int[] k = { (int)kernel[0], (int)kernel[1] };
            var s = Pair("strides", 1);
            var d = max ? Pair("dilations", 1) : new[] { 1, 1 };
            bool ceil = _a.Int("ceil_mode", 0) != 0, include = !max && _a.Int("count_include_pad", 0) != 0;
            var pads = Pads(k, s, d, ceil);
            string op = max ? "MaxPool2d" : "AvgPool2d";

            // PyTorch pads at most half the kernel; beyond that (or with asymmetric pads) a pad layer runs first: −∞ before
            // a max pool (never the max of a window that holds an input element), zeros before an average that counts them.
            if (pads.Symmetric is { } sym && (sym[0] > k[0] / 2 || sym[1] > k[1] / 2)) pads.Symmetric = null;
            if (pads.Symmetric is null && !max && !include)
                throw Unsupported($"AveragePool with pads [{pads.Top}, {pads.Left}, {pads.Bottom}, {pads.Right}] and count_include_pad=0 has no PyTorch equivalent (asymmetric, or more than half the kernel)");
            if (pads.Symmetric is null && ceil)
                throw Unsupported($"{_node.OpType} with ceil_mode and pads [{pads.Top}, {pads.Left}, {pads.Bottom}, {pads.Right}] has no PyTorch equivalent");
            string input = PadIfNeeded(pads, max ? "ConstantPad2d" : "ZeroPad2d", "double.NegativeInfinity");
            int[] p = pads.Symmetric ?? new[] { 0, 0 };
            int[] inner = _graph.ShapeOf(input);
            int[] output = { inner[0], PoolOut(inner[1], k[0], s[0], d[0], p[0], ceil), PoolOut(inner[2], k[1], s[1], d[1], p[1], ceil) };
            if (!max && input == _inputs[0] && p[0] == 0 && p[1] == 0 && k[0] == X[1] && k[1] == X[2])
            {
                Layer("AdaptiveAvgPool2d(1)", new[] { X[0], 1, 1 });
                return;
            }

            string args = $"{op}({Ints(k)}, Stride = {Ints(s)}{Named("Padding", p, 0)}{(max ? Named("Dilation", d, 1) : "")}{(ceil ? ", CeilMode = true" : "")}{(!max && !include && (p[0] | p[1]) != 0 ? ", CountIncludePad = false" : "")})";
            Layer(args, output, input);
        }

        /// <summary>PyTorch's (and ONNX's) pooling output size: with ceil mode, the last window must start inside the input or the left padding.</summary>
        private static int PoolOut(int size, int k, int s, int d, int pad, bool ceil) => Windows(size, k, s, d, pad, pad, ceil);

        // ---- activations ---------------------------------------------------------------------------------------------------

        private void HardSigmoid()
        {
            _a.Only("alpha", "beta");
            float alpha = _a.Float("alpha", 0.2f), beta = _a.Float("beta", 0.5f);
            if (Math.Abs(alpha - 1f / 6) > 1e-6f || beta != 0.5f)
                throw Unsupported($"HardSigmoid with alpha={Number(alpha)}, beta={Number(beta)} is not PyTorch's hardsigmoid (alpha=1/6, beta=0.5)");
            Activation("Hardsigmoid", "Hardsigmoid");
        }

        private void Gelu()
        {
            _a.Only("approximate");
            string approximate = _a.String("approximate", "none");
            Activation(approximate == "tanh" ? "GELU(Approximate = \"tanh\")" : "GELU", approximate == "tanh" ? "GELUTanh" : "GELU");
        }

        private void Clip()
        {
            float lo, hi;
            if (_graph.Opset < 11)
            {
                _a.Only("min", "max");
                lo = _a.Float("min", float.NegativeInfinity);
                hi = _a.Float("max", float.PositiveInfinity);
            }
            else
            {
                _a.Only();
                lo = OptionalConst(1, "min") is { } min ? min.Scalar : float.NegativeInfinity;
                hi = OptionalConst(2, "max") is { } max ? max.Scalar : float.PositiveInfinity;
            }

            var op = Layer("", X);
            op.Kind = OpKind.Scalar;
            op.Scalar = "clip";
            op.A = lo;
            op.B = hi;
        }

        private void Softmax()
        {
            _a.Only("axis");
            long axis = _a.Int("axis", _graph.Opset < 13 ? 1 : -1);
            int rank = X.Length + 1;
            if (axis < 0) axis += rank;
            bool channels = axis == 1 && (_graph.Opset >= 13 || X.Skip(1).All(d => d == 1));
            if (!channels)
                throw Unsupported($"Softmax over axis {_a.Int("axis", 0)} of a rank-{rank} tensor is not over the channels or features; ConvGen's Softmax runs over dim 1");
            Activation("Softmax(1)", null);
        }

        // ---- shapes --------------------------------------------------------------------------------------------------------

        private void Flatten()
        {
            _a.Only("axis");
            if (_a.Int("axis", 1) != 1) throw Unsupported($"Flatten with axis {_a.Int("axis", 1)}: ConvGen flattens each sample (axis 1)");
            if (X.Length == 1) _graph.Alias(Output, _inputs[0]);
            else Layer("Flatten", new[] { X.Aggregate(1, (a, b) => a * b) });
        }

        private void Reshape()
        {
            _a.Only("allowzero");
            var target = Const(1, "shape").Integers;
            int length = X.Aggregate(1, (a, b) => a * b);
            if (target.Length < 2 || (target[0] != Constant.Batch && target[0] != 0 && target[0] != -1 && target[0] != 1))
                throw Unsupported($"Reshape to [{TargetText(target)}] does not keep the batch as its first dimension");
            var rest = target.Skip(1).Select((v, i) => v == 0 && i + 1 < X.Length + 1 && _a.Int("allowzero", 0) == 0 ? X[i] : v).ToArray();
            if (target[0] == -1 && rest.Any(v => v < 0))
                throw Unsupported($"Reshape to [{TargetText(target)}] has two unknown dimensions");
            long known = rest.Where(v => v >= 0).Aggregate(1L, (a, b) => a * b);
            rest = rest.Select(v => v < 0 && known > 0 ? length / known : v).ToArray();
            if (rest.Aggregate(1L, (a, b) => a * b) != length)
                throw Unsupported($"Reshape to [{TargetText(target)}] does not hold the {length} elements of a sample ({string.Join("×", X)})");
            if (rest.SequenceEqual(X.Select(v => (long)v))) _graph.Alias(Output, _inputs[0]);
            else if (rest.Length == 1) Layer("Flatten", new[] { length });
            else throw Unsupported($"Reshape of a {string.Join("×", X)} sample to {string.Join("×", rest)} is not supported (only flattening each sample is)");
        }

        private static string TargetText(long[] target) => string.Join(", ", target.Select(v => v == Constant.Batch ? "N" : v.ToString()));

        // ---- linear --------------------------------------------------------------------------------------------------------

        private void Gemm()
        {
            _a.Only("alpha", "beta", "transA", "transB", "broadcast");
            if (X.Length != 1) throw Unsupported($"Gemm needs (N, F) features but gets ({string.Join(", ", X)}); flatten first");
            if (_a.Int("transA", 0) != 0) throw Unsupported("Gemm with transA=1 (the batch along the columns) is not supported");
            if (_a.Float("alpha", 1) != 1 || _a.Float("beta", 1) != 1)
                throw Unsupported($"Gemm with alpha={Number(_a.Float("alpha", 1))}, beta={Number(_a.Float("beta", 1))} is not nn.Linear (alpha = beta = 1)");
            var w = Const(1, "weight (B)");
            bool transB = _a.Int("transB", 0) != 0;
            if (w.Dims.Length != 2) throw Unsupported($"Gemm's B \"{_inputs[1]}\" has shape {w.ShapeText}; a matrix was expected");
            int inF = (int)(transB ? w.Dims[1] : w.Dims[0]), outF = (int)(transB ? w.Dims[0] : w.Dims[1]);
            if (inF != X[0]) throw Unsupported($"Gemm's B is {w.ShapeText}{(transB ? " (transposed)" : "")}, for {inF} features, but the input has {X[0]}");
            var c = OptionalConst(2, "bias (C)");
            Linear(w, !transB, inF, outF, c);
        }

        private void MatMul()
        {
            if (X.Length != 1) throw Unsupported($"MatMul needs (N, F) features but gets ({string.Join(", ", X)})");
            var w = Const(1, "weight");
            if (w.Dims.Length != 2 || w.Dims[0] != X[0])
                throw Unsupported($"MatMul's weight \"{_inputs[1]}\" has shape {w.ShapeText}; ({X[0]}, out) was expected");
            Linear(w, true, X[0], (int)w.Dims[1], null);
        }

        private void Linear(Constant w, bool transpose, int inF, int outF, Constant? bias)
        {
            var op = Layer($"Linear({inF}, {outF}{(bias is null ? ", Bias = false" : "")})", new[] { outF });
            op.Tensors.Add(new TensorRef("weight", Source(w, "weight"), new[] { outF, inF }, transpose));
            if (bias is not null) op.Tensors.Add(Vector("bias", bias, outF));
        }

        // ---- merges and scalar arithmetic ----------------------------------------------------------------------------------

        private void Arithmetic()
        {
            _a.Only("broadcast", "axis");
            bool c0 = _graph.TryConstant(_inputs[0], out var k0), c1 = _graph.TryConstant(_inputs[1], out var k1);
            if (!c0 && !c1)
            {
                var a = _graph.ShapeOf(_inputs[0]);
                var b = _graph.ShapeOf(_inputs[1]);
                var kind = _node.OpType switch
                {
                    "Add" => OpKind.Add,
                    "Mul" => OpKind.Multiply,
                    _ => throw Unsupported($"{_node.OpType} of two computed tensors is not supported (ConvGen adds residuals and multiplies gates)"),
                };
                bool gate = kind == OpKind.Multiply && (b.Length == 3 && a.Length == 3 && b[0] == a[0] && b[1] == 1 && b[2] == 1);
                bool gateFirst = kind == OpKind.Multiply && (a.Length == 3 && b.Length == 3 && a[0] == b[0] && a[1] == 1 && a[2] == 1);
                if (!a.SequenceEqual(b) && !gate && !gateFirst)
                    throw Unsupported($"{_node.OpType} of {string.Join("×", a)} and {string.Join("×", b)}: the shapes must be equal{(kind == OpKind.Multiply ? " or one C×1×1" : "")}");
                _graph.Add(new Op(_name, kind, _inputs.Take(2).ToArray(), Output, gateFirst ? b : a));
                return;
            }

            var (constant, value) = c1 ? (k1, 0) : (k0, 1);
            if (!constant.IsScalar || (c0 && _node.OpType is "Sub" or "Div"))
                throw Unsupported($"{_node.OpType} with the constant {(constant.Source is null ? "" : $"\"{constant.Source}\" ")}of shape {constant.ShapeText} is not supported (ConvGen reads scalar arithmetic only inside hard-swish and hard-sigmoid written out as x·relu6(x + 3)/6)");
            var op = new Op(_name, OpKind.Scalar, new[] { _inputs[value] }, Output, _graph.ShapeOf(_inputs[value]))
            {
                Scalar = _node.OpType == "Sub" ? "add" : _node.OpType.ToLowerInvariant(),
                A = _node.OpType == "Sub" ? -constant.Scalar : constant.Scalar,
            };
            _graph.Add(op);
        }

        private void Concat()
        {
            _a.Only("axis");
            long axis = _a.Int("axis", 1);
            if (X.Length != 3 || (axis != 1 && axis != -3))
                throw Unsupported($"Concat along axis {axis} is not supported (ConvGen joins images along the channels, axis 1)");
            var shapes = _inputs.Select(i => _graph.TryConstant(i, out _) ? throw Unsupported($"Concat with the constant \"{i}\" is not supported") : _graph.ShapeOf(i)).ToList();
            if (shapes.Any(s => s.Length != 3 || s[1] != X[1] || s[2] != X[2]))
                throw Unsupported($"Concat of {string.Join(", ", shapes.Select(s => string.Join("×", s)))}: the heights and widths must agree");
            _graph.Add(new Op(_name, OpKind.Concat, _inputs.ToArray(), Output, new[] { shapes.Sum(s => s[0]), X[1], X[2] }));
        }

        private void Pad()
        {
            Image();
            long[] pads;
            string mode;
            float value;
            if (_graph.Opset < 11)
            {
                _a.Only("mode", "pads", "value", "paddings");
                pads = _a.Ints(_a.Has("pads") ? "pads" : "paddings", new long[8]);
                mode = _a.String("mode", "constant");
                value = _a.Float("value", 0);
            }
            else
            {
                _a.Only("mode");
                pads = Const(1, "pads").Integers;
                mode = _a.String("mode", "constant");
                value = OptionalConst(2, "constant_value") is { } v ? v.Scalar : 0;
                if (_inputs.Length > 3 && _inputs[3].Length > 0) throw Unsupported("Pad with axes is not supported; pad all four dimensions");
            }

            if (pads.Length != 8 || pads[0] != 0 || pads[1] != 0 || pads[4] != 0 || pads[5] != 0 || pads.Any(p => p < 0))
                throw Unsupported($"Pad [{string.Join(", ", pads)}] must pad height and width only, by non-negative amounts");
            string sides = $"{pads[3]}, {pads[7]}, {pads[2]}, {pads[6]}";
            string attribute = mode switch
            {
                "constant" when value == 0 => $"ZeroPad2d({sides})",
                "constant" => $"ConstantPad2d(new[] {{ {sides} }}, {(float.IsNegativeInfinity(value) ? "double.NegativeInfinity" : float.IsPositiveInfinity(value) ? "double.PositiveInfinity" : Number(value))})",
                "reflect" => $"ReflectionPad2d(new[] {{ {sides} }})",
                "edge" => $"ReplicationPad2d(new[] {{ {sides} }})",
                _ => throw Unsupported($"Pad mode \"{mode}\" is not supported (constant, reflect, edge)"),
            };
            Layer(attribute, new[] { X[0], X[1] + (int)(pads[2] + pads[6]), X[2] + (int)(pads[3] + pads[7]) });
        }

        // ---- attribute text ------------------------------------------------------------------------------------------------

        private static string Ints(int[] v) => v[0] == v[1] ? v[0].ToString() : $"new[] {{ {v[0]}, {v[1]} }}";

        private static string Named(string name, int[] v, int fallback) => v[0] == fallback && v[1] == fallback ? "" : $", {name} = {Ints(v)}";
    }
}
