using System.Linq;
using ConvGen.Generator.Common;

namespace ConvGen.Generator.Network
{
    /// <summary>
    /// The shape of one sample between two layers: (C, H, W) for an image, (F) for features. Plain values.
    /// </summary>
    internal sealed record SampleShape(EquatableArray<int> Dims)
    {
        public static SampleShape Image(int channels, int height, int width) => new(new EquatableArray<int>(new[] { channels, height, width }));

        public static SampleShape Features(int features) => new(new EquatableArray<int>(new[] { features }));

        public bool IsImage => Dims.Count == 3;

        public int Channels => Dims[0];

        public int Height => Dims[1];

        public int Width => Dims[2];

        /// <summary>Elements of one sample.</summary>
        public long Length => Dims.Aggregate(1L, (a, d) => a * d);

        /// <summary>As messages and comments write it: <c>6×14×14</c>, <c>400</c>.</summary>
        public override string ToString() => string.Join("×", Dims);
    }

    /// <summary>
    /// One layer of a network as its attribute says: its <c>nn.Sequential</c> index, its state_dict name (the index, or the
    /// attribute's <c>Name</c>), the family's spec (its target the nested class that runs it; a convolution's or pooling's
    /// input size fixed to <see cref="Input"/>), and the sample shapes around it.
    /// </summary>
    /// <param name="Spec">ConvSpec, PoolSpec, LinearSpec, ActivationLayerSpec, BatchNormSpec, FlattenSpec or PadSpec.</param>
    /// <param name="ActivationName">The state_dict name a convolution's or Linear's <c>Activation =</c> stands for (it
    /// counts as the next <c>nn.Sequential</c> index, as the activation module it replaces); null without one.</param>
    internal sealed record NetworkLayer(int Index, string Name, string Module, object Spec, SampleShape Input, SampleShape Output, string? ActivationName);

    /// <summary>A block used as one layer of a network (the listing's entry for <c>[Block(typeof(T))]</c>).</summary>
    /// <param name="Kind">SequentialBlock, Residual, SqueezeExcitation or Concat.</param>
    internal sealed record BlockSpec(string TypeName, string Kind)
    {
        public string ToPyTorch() => $"{TypeName}()";
    }

    /// <summary>The sum of a residual block's two branches (the shapes are equal), with <c>[Residual]</c>'s activation after it.</summary>
    internal sealed record AddSpec(string Block)
    {
        public string ToPyTorch() => $"{Block}: x + shortcut";
    }

    /// <summary>A squeeze-and-excitation gate: the block's input times its layers' output (C×1×1, broadcast, or the full shape).</summary>
    internal sealed record MultiplySpec(string Block)
    {
        public string ToPyTorch() => $"{Block}: x * gate";
    }

    /// <summary>The branches of a concat block joined along the channels, in order.</summary>
    internal sealed record ConcatSpec(string Block)
    {
        public string ToPyTorch() => $"{Block}: torch.cat(branches, dim=1)";
    }

    /// <summary>
    /// One computation of the flattened network graph, in execution order: a layer (inside blocks too) or a block's merge
    /// (<see cref="AddSpec"/>, <see cref="MultiplySpec"/>, <see cref="ConcatSpec"/>). Its value is numbered
    /// <see cref="Id"/>; it reads the values <see cref="Inputs"/> (<see cref="NetworkNode.NetworkInput"/>: the network's input).
    /// </summary>
    /// <param name="Path">The node's place for generated names: "3" for a network's layer 3, "4_0" for layer 0 of the
    /// block at 4, "4_s0" for its shortcut's, "5_b1_2" for concat branch 1's layer 2.</param>
    /// <param name="Name">The state_dict prefix of its tensors ("layer1.0.conv1").</param>
    internal sealed record NetworkNode(int Id, string Path, string Name, object Spec, EquatableArray<int> Inputs, SampleShape Input, SampleShape Output)
    {
        public const int NetworkInput = -1;
    }

    /// <summary>What a <c>[Sequential]</c> class says once every layer's shape checks: plain values only.</summary>
    /// <param name="Layers">The network's own layers as it lists them (a block as one <see cref="BlockSpec"/> layer).</param>
    /// <param name="Nodes">The graph Forward computes: every layer, blocks expanded, in order.</param>
    internal sealed record NetworkSpec(LayerTarget Target, SampleShape Input, EquatableArray<NetworkLayer> Layers, EquatableArray<NetworkNode> Nodes)
    {
        public SampleShape Output => Layers.Count == 0 ? Input : Layers[Layers.Count - 1].Output;
    }
}
