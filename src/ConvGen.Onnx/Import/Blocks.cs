using System;
using System.Collections.Generic;
using System.Linq;

namespace ConvGen.Onnx.Import
{
    /// <summary>An element of a layer list: one layer, or a block used as one layer.</summary>
    internal abstract record Item;

    internal sealed record LayerItem(Op Op) : Item;

    /// <summary>
    /// A ConvGen block: <c>Residual</c> (<see cref="Layers"/> + the input or <see cref="Shortcut"/>, then
    /// <see cref="Activation"/>), <c>SqueezeExcitation</c> (input · <see cref="Layers"/>) or <c>Concat</c> (of
    /// <see cref="Branches"/>), standing for the ONNX merge node <see cref="Merge"/>.
    /// </summary>
    internal sealed record BlockItem(string Kind, Op Merge, IReadOnlyList<Item> Layers, IReadOnlyList<Item>? Shortcut = null,
        IReadOnlyList<IReadOnlyList<Item>>? Branches = null, Op? Activation = null) : Item;

    /// <summary>
    /// Finds the network's structure in the graph: a chain of layers from the input to the output, where each value read
    /// by more than one node (a fork) starts a block that ends at the node where every path from it meets again (its
    /// immediate post-dominator, found by walking the graph in order until one value is left alive). That node decides
    /// the block: an Add is a residual, a Mul of the input by a gate is squeeze-and-excitation, a Concat joins branches.
    /// Anything else — branches that cross, a merge of values from different forks — is an error naming the node.
    /// </summary>
    internal sealed class Blocks
    {
        private readonly List<Op> _ops;
        private readonly Dictionary<string, Op> _producer = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<Op>> _uses;
        private readonly Dictionary<Op, int> _order = new();
        private readonly string _output;

        public Blocks(List<Op> ops, string output)
        {
            _ops = ops;
            _output = output;
            _uses = Idioms.Uses(ops);
            for (int i = 0; i < ops.Count; i++)
            {
                _producer[ops[i].Output] = ops[i];
                _order[ops[i]] = i;
            }
        }

        /// <summary>The layers from <paramref name="input"/> to the model's output.</summary>
        public IReadOnlyList<Item> Network(string input) => Chain(input, _output, null);

        private List<Op> Users(string value, HashSet<Op>? within) =>
            _uses.TryGetValue(value, out var u) ? u.Where(o => within is null || within.Contains(o)).ToList() : new List<Op>();

        /// <summary>The layers from <paramref name="from"/> to <paramref name="to"/>, using only ops in <paramref name="within"/> (all if null).</summary>
        private List<Item> Chain(string from, string to, HashSet<Op>? within)
        {
            var items = new List<Item>();
            string value = from;
            while (value != to)
            {
                var users = Users(value, within);
                if (users.Count == 0)
                    throw new OnnxImportException($"the value \"{value}\" is not used on the way to \"{to}\" (a branch of the graph leads nowhere ConvGen can follow)");
                if (users.Count == 1 && users[0].Kind == OpKind.Layer)
                {
                    items.Add(new LayerItem(users[0]));
                    value = users[0].Output;
                    continue;
                }

                var merge = MergeOf(value, to, within);
                var block = Block(value, merge, within, out value);
                items.Add(block);
            }

            return items;
        }

        /// <summary>The op where every path from the fork <paramref name="fork"/> meets again (on the way to <paramref name="to"/>, which is read after).</summary>
        private Op MergeOf(string fork, string to, HashSet<Op>? within)
        {
            var live = new Dictionary<string, int>(StringComparer.Ordinal) { [fork] = Users(fork, within).Count };
            int start = _producer.TryGetValue(fork, out var p) ? _order[p] + 1 : 0;
            for (int i = start; i < _ops.Count; i++)
            {
                var op = _ops[i];
                if ((within is not null && !within.Contains(op)) || !op.Inputs.Any(live.ContainsKey)) continue;
                foreach (var input in op.Inputs.Distinct())
                {
                    if (!live.ContainsKey(input))
                        throw new OnnxImportException(op.Node, $"it reads \"{input}\" from outside the block that starts at the fork \"{fork}\"; ConvGen blocks (residual, squeeze-and-excitation, concat) have one input and one output");
                    if (--live[input] == 0) live.Remove(input);
                }

                int users = Users(op.Output, within).Count + (op.Output == to ? 1 : 0);
                if (users > 0) live[op.Output] = users;
                if (live.Count == 1 && live.ContainsKey(op.Output) && op.Kind != OpKind.Layer) return op;
                if (live.Count == 0 || (op.Output == to && live.Count > 1))
                    throw new OnnxImportException(op.Node, $"the branches that start at \"{fork}\" do not meet again before the output");
            }

            throw new OnnxImportException($"the branches that start at \"{fork}\" do not meet again");
        }

        /// <summary>The ops strictly between <paramref name="from"/> and <paramref name="to"/>, walking back from <paramref name="to"/>.</summary>
        private HashSet<Op> Between(string from, string to)
        {
            var set = new HashSet<Op>();
            var stack = new Stack<string>();
            stack.Push(to);
            while (stack.Count > 0)
            {
                string v = stack.Pop();
                if (v == from || !_producer.TryGetValue(v, out var op) || !set.Add(op)) continue;
                foreach (var input in op.Inputs) stack.Push(input);
            }

            return set;
        }

        private BlockItem Block(string fork, Op merge, HashSet<Op>? within, out string next)
        {
            var sides = merge.Inputs.Select(v => Between(fork, v)).ToList();
            for (int i = 0; i < sides.Count; i++)
                for (int j = i + 1; j < sides.Count; j++)
                    if (sides[i].Overlaps(sides[j]))
                        throw new OnnxImportException(merge.Node, $"the branches it joins share layers ({sides[i].Intersect(sides[j]).First().Node}); ConvGen's blocks have independent branches");
            var chains = merge.Inputs.Select((v, i) => Chain(fork, v, sides[i])).ToList();
            next = merge.Output;
            switch (merge.Kind)
            {
                case OpKind.Add when chains.Count == 2 && chains.Any(c => c.Count > 0):
                {
                    int main = chains[0].Count >= chains[1].Count ? 0 : 1;
                    var shortcut = chains[1 - main];
                    Op? activation = null;
                    var after = Users(merge.Output, within);
                    if (after.Count == 1 && after[0].Kind == OpKind.Layer && after[0].Activation is not null && after[0].Attribute == after[0].Activation)
                    {
                        activation = after[0];
                        next = activation.Output;
                    }

                    return new BlockItem("Residual", merge, chains[main], shortcut.Count > 0 ? shortcut : null, Activation: activation);
                }

                case OpKind.Multiply when chains.Count == 2 && chains.Count(c => c.Count == 0) == 1:
                    return new BlockItem("SqueezeExcitation", merge, chains.First(c => c.Count > 0));
                case OpKind.Concat when chains.All(c => c.Count > 0):
                    return new BlockItem("Concat", merge, Array.Empty<Item>(), Branches: chains);
                case OpKind.Concat:
                    throw new OnnxImportException(merge.Node, "Concat of a block's input with its own branches (DenseNet-style) is not supported: each branch needs a layer");
                case OpKind.Multiply:
                    throw new OnnxImportException(merge.Node, "Mul of two computed branches is not a squeeze-and-excitation gate (input · gate(input))");
                default:
                    throw new OnnxImportException(merge.Node, $"{merge.Kind} of a value with itself is not supported");
            }
        }
    }
}
