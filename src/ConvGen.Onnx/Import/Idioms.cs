using System;
using System.Collections.Generic;
using System.Linq;

namespace ConvGen.Onnx.Import
{
    /// <summary>
    /// Activations exporters write out in arithmetic, recognised and replaced by the ConvGen layer they are:
    /// hard-sigmoid as relu6(x + 3) / 6 (or · 1/6), hard-swish as x · that or x · relu6(x + 3) / 6, SiLU as x · sigmoid(x),
    /// ReLU6 and ReLU as Clip(0, 6) and Clip(0, ∞). Any scalar step left over is an error naming its node.
    /// </summary>
    internal static class Idioms
    {
        public static List<Op> Rewrite(List<Op> ops)
        {
            var producer = new Dictionary<string, Op>(StringComparer.Ordinal);
            foreach (var op in ops) producer[op.Output] = op;
            var uses = Uses(ops);
            var removed = new HashSet<Op>();

            Op? Single(string value) => uses.TryGetValue(value, out var u) && u.Count == 1 ? u[0] : null;
            Op? From(string value) => producer.TryGetValue(value, out var p) ? p : null;
            bool Is(Op? op, string scalar, float a) => op is { Kind: OpKind.Scalar } && op.Scalar == scalar && Math.Abs(op.A - a) <= 1e-6f * Math.Abs(a);
            bool IsSixth(Op? op) => Is(op, "div", 6) || Is(op, "mul", 1f / 6);

            void Replace(Op last, string input, string attribute, params Op[] gone)
            {
                var layer = new Op(last.Node, OpKind.Layer, new[] { input }, last.Output, last.Shape) { Attribute = attribute, Activation = attribute };
                ops[ops.IndexOf(last)] = layer;
                producer[layer.Output] = layer;
                foreach (var g in gone) removed.Add(g);
            }

            foreach (var clip in ops.ToList())
            {
                if (removed.Contains(clip) || clip.Kind != OpKind.Scalar || clip.Scalar != "clip" || clip.A != 0 || clip.B != 6) continue;
                var plus3 = From(clip.Inputs[0]);
                if (!Is(plus3, "add", 3) || Single(plus3!.Output) != clip) continue;
                string x = plus3.Inputs[0];
                var next = Single(clip.Output);
                if (IsSixth(next))
                {
                    Replace(next!, x, "Hardsigmoid", plus3, clip);
                }
                else if (next is { Kind: OpKind.Multiply } mul && mul.Inputs.Contains(x) && IsSixth(Single(mul.Output)))
                {
                    Replace(Single(mul.Output)!, x, "Hardswish", plus3, clip, mul);
                }
            }

            foreach (var mul in ops.ToList())
            {
                if (removed.Contains(mul) || mul.Kind != OpKind.Multiply) continue;
                for (int side = 0; side < 2; side++)
                {
                    var gate = From(mul.Inputs[side]);
                    string x = mul.Inputs[1 - side];
                    if (gate is not { Kind: OpKind.Layer } || gate.Inputs[0] != x || Single(gate.Output) != mul) continue;
                    string? fused = gate.Attribute switch { "Hardsigmoid" => "Hardswish", "Sigmoid" => "SiLU", _ => null };
                    if (fused is null) continue;
                    Replace(mul, x, fused, gate);
                    break;
                }
            }

            var result = ops.Where(o => !removed.Contains(o)).ToList();
            foreach (var op in result.Where(o => o.Kind == OpKind.Scalar))
            {
                if (op.Scalar == "clip" && op.A == 0 && (op.B == 6 || float.IsPositiveInfinity(op.B)))
                {
                    op.Kind = OpKind.Layer;
                    op.Attribute = op.Activation = op.B == 6 ? "ReLU6" : "ReLU";
                    continue;
                }

                throw new OnnxImportException(op.Node, op.Scalar == "clip"
                    ? $"Clip to [{Attributes.Number(op.A)}, {Attributes.Number(op.B)}] is not supported (ConvGen reads Clip(0, 6) as ReLU6 and Clip(0, ∞) as ReLU)"
                    : $"scalar {op.Scalar} by {Attributes.Number(op.A)} outside the hard-swish/hard-sigmoid idioms is not supported");
            }

            return result;
        }

        /// <summary>For each value, the ops that read it (an op reading it twice counted once).</summary>
        public static Dictionary<string, List<Op>> Uses(IEnumerable<Op> ops)
        {
            var uses = new Dictionary<string, List<Op>>(StringComparer.Ordinal);
            foreach (var op in ops)
            {
                foreach (var input in op.Inputs.Distinct())
                {
                    if (!uses.TryGetValue(input, out var list)) uses[input] = list = new List<Op>();
                    list.Add(op);
                }
            }

            return uses;
        }
    }
}
