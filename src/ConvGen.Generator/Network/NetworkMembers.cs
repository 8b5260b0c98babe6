using System.Collections.Generic;

namespace ConvGen.Generator.Network
{
    /// <summary>
    /// The names of the members a network generates: the emitter writes them from here, and the parser checks the user's
    /// class against <see cref="All"/> (CONV307).
    /// </summary>
    internal static class NetworkMembers
    {
        public const string InChannels = nameof(InChannels);
        public const string InputHeight = nameof(InputHeight);
        public const string InputWidth = nameof(InputWidth);
        public const string InFeatures = nameof(InFeatures);
        public const string InputLength = nameof(InputLength);
        public const string OutputLength = nameof(OutputLength);
        public const string Chunk = nameof(Chunk);
        public const string BufferA = "_bufferA";
        public const string BufferB = "_bufferB";

        /// <summary>The nested class that runs the layer of this index: Layer0, Layer3, ….</summary>
        public static string LayerClass(int index) => "Layer" + index;

        /// <summary>Its instance field: _layer0, ….</summary>
        public static string LayerField(int index) => "_layer" + index;

        /// <summary>
        /// The names every network may generate besides the per-layer ones (Layer{index}…, _layer{index}), which depend on
        /// the layers and are not checked against the user's members.
        /// </summary>
        public static readonly IReadOnlyCollection<string> All = new HashSet<string>
        {
            InChannels, InputHeight, InputWidth, InFeatures, InputLength, OutputLength, Chunk, BufferA, BufferB,
            "OutputChannels", "OutputHeight", "OutputWidth", "OutputFeatures",
        };
    }
}
