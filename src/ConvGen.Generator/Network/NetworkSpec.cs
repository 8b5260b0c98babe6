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

    /// <summary>What a <c>[Sequential]</c> class says once every layer's shape checks: plain values only.</summary>
    internal sealed record NetworkSpec(LayerTarget Target, SampleShape Input, EquatableArray<NetworkLayer> Layers)
    {
        public SampleShape Output => Layers.Count == 0 ? Input : Layers[Layers.Count - 1].Output;
    }
}
