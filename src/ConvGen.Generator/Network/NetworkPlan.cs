using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ConvGen.Generator.Common;
using ConvGen.Generator.Layers.Activations;
using ConvGen.Generator.Layers.Conv;
using ConvGen.Generator.Layers.LinearLayers;
using ConvGen.Generator.Layers.Norm;
using ConvGen.Generator.Layers.Shape;

namespace ConvGen.Generator.Network
{
    /// <summary>Where a step reads or writes: the caller's input or output, or one of the network's buffers (0, 1, …).</summary>
    internal static class Slot
    {
        public const int Input = -1;
        public const int Output = -2;
    }

    /// <summary>A BatchNorm2d folded into the convolution before it when the weights are loaded.</summary>
    /// <param name="Name">The BatchNorm's state_dict name.</param>
    /// <param name="Epsilon">(float)eps, as ATen adds it.</param>
    /// <param name="ConvBias">The convolution has a bias of its own in the state_dict (its attribute's <c>Bias</c>).</param>
    internal sealed record FoldedNorm(string Name, float Epsilon, bool Affine, bool ConvBias);

    /// <summary>
    /// One call of Forward: the layer or merge (its spec as generated, after fusion), the modules it stands for (for
    /// comments), where it reads and writes. A step without a spec moves no data (Flatten, Dropout).
    /// </summary>
    /// <param name="Path">Its node's path: the nested class Layer{Path} runs it.</param>
    /// <param name="Spec">The family spec the nested class is generated from, a merge spec, or null for an identity step.</param>
    /// <param name="Covers">The PyTorch modules this step computes, e.g. <c>nn.Conv2d(3, 16, 3) + nn.BatchNorm2d(16) + nn.ReLU()</c>.</param>
    /// <param name="Inputs">The shapes it reads, one per source.</param>
    /// <param name="Sources">The slots it reads (<see cref="Slot"/>), one per input.</param>
    internal sealed record NetworkStep(string Path, string Name, object? Spec, string Covers, EquatableArray<SampleShape> Inputs, SampleShape Output,
        EquatableArray<int> Sources, int Destination, FoldedNorm? Fold)
    {
        public SampleShape Input => Inputs[0];

        public int Source => Sources[0];
    }

    /// <summary>What the network emitter writes: the steps in order, and the buffers.</summary>
    /// <param name="BufferLength">Elements of one sample in each buffer (the largest intermediate sample); 0: no buffer.</param>
    /// <param name="Buffers">How many buffers the steps need at once (values still to be read, e.g. a residual block's input).</param>
    /// <param name="Chunk">Samples that go through the layers together: each layer runs once per chunk (a Linear as one
    /// GEMM over its rows), and the buffers hold Chunk samples.</param>
    /// <param name="LayerShapes">The network's own layers (blocks as one), for the shape constants.</param>
    internal sealed record NetworkPlan(NetworkSpec Spec, EquatableArray<NetworkStep> Steps, long BufferLength, int Buffers, int Chunk,
        EquatableArray<NetworkLayer> LayerShapes);

    /// <summary>
    /// Decides how a network runs: a BatchNorm2d after a convolution is folded into its weights and bias; an activation
    /// after a convolution or Linear runs in its kernel's epilogue; Flatten and Dropout move no data; each value gets a
    /// buffer of the largest intermediate sample (times the chunk of samples run together) that no value still to be read
    /// holds, so a residual block's input survives its layers; the first step reads the caller's input and the step of the
    /// network's output writes the caller's output; element-wise activations, sums and gates write over an input read for
    /// the last time.
    /// </summary>
    internal static class NetworkPlanner
    {
        /// <summary>The buffers' budget when choosing the chunk: half a typical per-core L2 cache.</summary>
        private const long ChunkBytes = 512 * 1024;

        /// <summary>The most samples per chunk.</summary>
        private const int MaxChunk = 16;

        public static NetworkPlan Plan(NetworkSpec spec)
        {
            var nodes = spec.Nodes;
            var readers = new Dictionary<int, int>();
            foreach (var node in nodes)
                foreach (int input in node.Inputs) readers[input] = readers.TryGetValue(input, out int n) ? n + 1 : 1;
            bool OnlyReader(NetworkNode producer, NetworkNode? next) =>
                next is not null && next.Inputs.Count == 1 && next.Inputs[0] == producer.Id && readers[producer.Id] == 1;

            // Fusion: each group of nodes becomes one step whose value is the group's last node's.
            var alias = new Dictionary<int, int> { [NetworkNode.NetworkInput] = NetworkNode.NetworkInput };
            int Resolve(int value) => alias[value];
            var groups = new List<(NetworkNode First, object? Spec, string Covers, int Value, SampleShape Output, FoldedNorm? Fold)>();
            for (int i = 0; i < nodes.Count; i++)
            {
                var node = nodes[i];
                NetworkNode? Next() => i + 1 < nodes.Count ? nodes[i + 1] : null;
                if (node.Spec is FlattenSpec || node.Spec is ActivationLayerSpec { IsDropout: true })
                {
                    alias[node.Id] = Resolve(node.Inputs[0]);
                    groups.Add((node, null, PyTorch(node.Spec), alias[node.Id], node.Output, null));
                    continue;
                }

                object run = node.Spec;
                string covers = PyTorch(node.Spec);
                FoldedNorm? fold = null;
                var last = node;
                if (run is ConvSpec { Transposed: false, Activation: Activation.None } conv && Next() is { Spec: BatchNormSpec norm } bn && OnlyReader(last, bn))
                {
                    run = conv with { Bias = true };
                    fold = new FoldedNorm(bn.Name, (float)norm.Eps, norm.Affine, conv.Bias);
                    covers += " + " + norm.ToPyTorch();
                    last = bn;
                    i++;
                }

                if (Next() is { Spec: ActivationLayerSpec { Function: not Activation.None } act } activation && OnlyReader(last, activation))
                {
                    object? fused = run switch
                    {
                        ConvSpec { Activation: Activation.None } c => c with { Activation = act.Function, NegativeSlope = act.NegativeSlope },
                        LinearSpec { Activation: Activation.None } l => l with { Activation = act.Function, NegativeSlope = act.NegativeSlope },
                        _ => null,
                    };
                    if (fused is not null)
                    {
                        run = fused;
                        covers += " + " + act.ToPyTorch();
                        last = activation;
                        i++;
                    }
                }

                alias[last.Id] = last.Id;
                if (last != node) alias[node.Id] = last.Id;
                groups.Add((node, run, covers, last.Id, last.Output, fold));
            }

            // Buffers: a value's buffer is free again after the last step that reads it.
            int final = nodes.Count == 0 ? NetworkNode.NetworkInput : Resolve(nodes[nodes.Count - 1].Id);
            var lastRead = new Dictionary<int, int>();
            for (int k = 0; k < groups.Count; k++)
            {
                if (groups[k].Spec is null) continue;
                foreach (int input in groups[k].First.Inputs) lastRead[Resolve(input)] = k;
            }

            var slotOf = new Dictionary<int, int> { [NetworkNode.NetworkInput] = Slot.Input };
            var holder = new List<int?>(); // buffer → the value it holds
            var steps = new List<NetworkStep>();
            long bufferLength = 0;
            for (int k = 0; k < groups.Count; k++)
            {
                var (first, run, covers, value, output, fold) = groups[k];
                var inputs = first.Inputs.Select(Resolve).ToArray();
                var inputShapes = new EquatableArray<SampleShape>(inputs.Select(v => v == NetworkNode.NetworkInput ? spec.Input : Shape(v)).ToArray());
                if (run is null)
                {
                    int at = slotOf[inputs[0]];
                    steps.Add(new NetworkStep(first.Path, first.Name, null, covers, inputShapes, output, new EquatableArray<int>(new[] { at }), at, null));
                    continue;
                }

                for (int b = 0; b < holder.Count; b++)
                {
                    if (holder[b] is int held && lastRead.TryGetValue(held, out int r) && r < k && held != final) holder[b] = null;
                }

                int destination;
                if (value == final)
                {
                    destination = Slot.Output;
                }
                else
                {
                    // In place: over an input read for the last time here (an element-wise activation, a sum, a gate's input).
                    int? over = null;
                    bool elementwise = run is ActivationLayerSpec { IsSoftmax: false } || run is AddSpec || run is MultiplySpec;
                    if (elementwise)
                    {
                        int n = run is AddSpec ? inputs.Length : 1;
                        for (int j = 0; j < n && over is null; j++)
                        {
                            int v = inputs[j];
                            if (slotOf[v] >= 0 && lastRead[v] == k && inputs.Count(x => x == v) == 1 && Shape(v) == output) over = slotOf[v];
                        }
                    }

                    if (over is int reuse)
                    {
                        destination = reuse;
                    }
                    else
                    {
                        destination = holder.FindIndex(h => h is null);
                        if (destination < 0)
                        {
                            destination = holder.Count;
                            holder.Add(null);
                        }
                    }

                    holder[destination] = value;
                    bufferLength = System.Math.Max(bufferLength, output.Length);
                }

                slotOf[value] = destination;
                steps.Add(new NetworkStep(first.Path, first.Name, run, covers, inputShapes, output,
                    new EquatableArray<int>(inputs.Select(v => slotOf[v]).ToArray()), destination, fold));
            }

            // As many samples per chunk as keep the buffers within ChunkBytes (at least 1, at most MaxChunk): small networks
            // run a batch in few calls per layer, large ones one sample at a time with their buffers in cache.
            int buffers = holder.Count;
            int chunk = (int)System.Math.Max(1, System.Math.Min(MaxChunk, ChunkBytes / System.Math.Max(1, buffers * 4 * bufferLength)));
            return new NetworkPlan(spec, new EquatableArray<NetworkStep>(steps), bufferLength, buffers, chunk, spec.Layers);

            SampleShape Shape(int value) => nodes[value].Output;
        }

        /// <summary>The <c>torch.nn</c> call of a layer as its attribute states it.</summary>
        public static string PyTorch(object spec) => spec switch
        {
            ConvSpec s => s.ToPyTorch(),
            Layers.Pool.PoolSpec s => s.ToPyTorch(),
            LinearSpec s => s.ToPyTorch(),
            ActivationLayerSpec s => s.ToPyTorch(),
            BatchNormSpec s => s.ToPyTorch(),
            FlattenSpec s => s.ToPyTorch(),
            PadSpec s => s.ToPyTorch(),
            BlockSpec s => s.ToPyTorch(),
            AddSpec s => s.ToPyTorch(),
            MultiplySpec s => s.ToPyTorch(),
            ConcatSpec s => s.ToPyTorch(),
            _ => spec.ToString() ?? "",
        };

        public static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
