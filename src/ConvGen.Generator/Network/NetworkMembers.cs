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
        /// <summary>The nested class that runs the layer at this path: Layer0, Layer3, Layer4_0 (layer 0 of the block at 4), ….</summary>
        public static string LayerClass(string path) => "Layer" + path;

        /// <summary>Its instance field: _layer0, ….</summary>
        public static string LayerField(string path) => "_layer" + path;

        /// <summary>Intermediate buffer <paramref name="index"/>: _buffer0, _buffer1, ….</summary>
        public static string Buffer(int index) => "_buffer" + index;

        /// <summary>
        /// The names every network may generate besides the per-layer ones (Layer{path}…, _layer{path}) and its buffers
        /// (_buffer{n}), which depend on the layers and are not checked against the user's members.
        /// </summary>
        public static readonly IReadOnlyCollection<string> All = new HashSet<string>
        {
            InChannels, InputHeight, InputWidth, InFeatures, InputLength, OutputLength, Chunk,
            "OutputChannels", "OutputHeight", "OutputWidth", "OutputFeatures",
        };
    }
}
