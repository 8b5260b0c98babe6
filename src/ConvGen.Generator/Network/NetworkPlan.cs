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
    /// <summary>Where a step reads or writes: the caller's sample, one of the two intermediate buffers, or in place.</summary>
    internal enum Slot
    {
        Input,
        Output,
        BufferA,
        BufferB,
    }

    /// <summary>A BatchNorm2d folded into the convolution before it when the weights are loaded.</summary>
    /// <param name="Name">The BatchNorm's state_dict name.</param>
    /// <param name="Epsilon">(float)eps, as ATen adds it.</param>
    /// <param name="ConvBias">The convolution has a bias of its own in the state_dict (its attribute's <c>Bias</c>).</param>
    internal sealed record FoldedNorm(string Name, float Epsilon, bool Affine, bool ConvBias);

    /// <summary>
    /// One call of Forward: the layer (its spec as generated, after fusion), the layers of the <c>nn.Sequential</c> it
    /// stands for (for comments), where it reads and writes. A step without a spec moves no data (Flatten, Dropout).
    /// </summary>
    /// <param name="Spec">The family spec the nested class is generated from; null for an identity step.</param>
    /// <param name="Covers">The PyTorch modules this step computes, e.g. <c>nn.Conv2d(3, 16, 3) + nn.BatchNorm2d(16) + nn.ReLU()</c>.</param>
    internal sealed record NetworkStep(int Index, string Name, object? Spec, string Covers, SampleShape Input, SampleShape Output,
        Slot Source, Slot Destination, FoldedNorm? Fold);

    /// <summary>What the network emitter writes: the steps in order, and the buffers.</summary>
    /// <param name="BufferLength">Elements of one sample in each buffer (the largest intermediate sample); 0: no buffer.</param>
    /// <param name="Chunk">Samples that go through the layers together: each layer runs once per chunk (a Linear as one
    /// GEMM over its rows), and the buffers hold Chunk samples.</param>
    /// <param name="LayerShapes">Every layer's index and output shape, fused or not (the shape constants).</param>
    internal sealed record NetworkPlan(NetworkSpec Spec, EquatableArray<NetworkStep> Steps, long BufferLength, int Chunk,
        EquatableArray<NetworkLayer> LayerShapes);

    /// <summary>
    /// Decides how a network runs: a BatchNorm2d after a convolution is folded into its weights and bias; an activation
    /// after a convolution or Linear runs in its kernel's epilogue; Flatten and Dropout move no data; the steps alternate
    /// between two buffers of the largest intermediate sample (times the chunk of samples run together), the first reading the caller's input and the last writing
    /// the caller's output, element-wise activations in place.
    /// </summary>
    internal static class NetworkPlanner
    {
        /// <summary>The two buffers' budget when choosing the chunk: half a typical per-core L2 cache.</summary>
        private const long ChunkBytes = 512 * 1024;

        /// <summary>The most samples per chunk.</summary>
        private const int MaxChunk = 16;

        public static NetworkPlan Plan(NetworkSpec spec)
        {
            var layers = spec.Layers;
            var fused = new List<(NetworkLayer Layer, object? Spec, string Covers, SampleShape Output, FoldedNorm? Fold)>();
            for (int i = 0; i < layers.Count; i++)
            {
                var layer = layers[i];
                object? run = layer.Spec is FlattenSpec || layer.Spec is ActivationLayerSpec { IsDropout: true } ? null : layer.Spec;
                string covers = PyTorch(layer.Spec);
                var output = layer.Output;
                FoldedNorm? fold = null;
                if (run is ConvSpec { Transposed: false, Activation: Activation.None } conv && Next(i) is { Spec: BatchNormSpec norm } bn)
                {
                    run = conv with { Bias = true };
                    fold = new FoldedNorm(bn.Name, (float)norm.Eps, norm.Affine, conv.Bias);
                    covers += " + " + norm.ToPyTorch();
                    i++;
                }

                if (Next(i) is { Spec: ActivationLayerSpec { Function: not Activation.None } act })
                {
                    if (run is ConvSpec { Activation: Activation.None } c)
                    {
                        run = c with { Activation = act.Function, NegativeSlope = act.NegativeSlope };
                        covers += " + " + act.ToPyTorch();
                        i++;
                    }
                    else if (run is LinearSpec { Activation: Activation.None } l)
                    {
                        run = l with { Activation = act.Function, NegativeSlope = act.NegativeSlope };
                        covers += " + " + act.ToPyTorch();
                        i++;
                    }
                }

                fused.Add((layer, run, covers, output, fold));
            }

            // Slots: the first computing step reads the input, the last writes the output, the others alternate.
            int last = fused.FindLastIndex(f => f.Spec is not null);
            var steps = new List<NetworkStep>();
            var at = Slot.Input;
            long buffer = 0;
            for (int i = 0; i < fused.Count; i++)
            {
                var (layer, run, covers, output, fold) = fused[i];
                if (run is null)
                {
                    steps.Add(new NetworkStep(layer.Index, layer.Name, null, covers, layer.Input, output, at, at, null));
                    continue;
                }

                bool inPlace = run is ActivationLayerSpec { IsSoftmax: false } && at is Slot.BufferA or Slot.BufferB;
                var to = i == last ? Slot.Output : inPlace ? at : at == Slot.BufferA ? Slot.BufferB : Slot.BufferA;
                if (to is Slot.BufferA or Slot.BufferB) buffer = System.Math.Max(buffer, output.Length);
                steps.Add(new NetworkStep(layer.Index, layer.Name, run, covers, layer.Input, output, at, to, fold));
                at = to;
            }

            // As many samples per chunk as keep both buffers within ChunkBytes (at least 1, at most MaxChunk): small networks
            // run a batch in few calls per layer, large ones one sample at a time with their buffers in cache.
            int chunk = (int)System.Math.Max(1, System.Math.Min(MaxChunk, ChunkBytes / System.Math.Max(1, 2 * 4 * buffer)));
            return new NetworkPlan(spec, new EquatableArray<NetworkStep>(steps), buffer, chunk, layers);

            NetworkLayer? Next(int i) => i + 1 < layers.Count ? layers[i + 1] : null;
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
            _ => spec.ToString() ?? "",
        };

        public static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
