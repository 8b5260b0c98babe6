using System.Collections.Generic;

namespace ConvGen.Generator.Layers.LinearLayers
{
    /// <summary>
    /// The names of the members a Linear layer generates: the emitter writes them from here, and the parser checks the
    /// user's class against <see cref="All"/> (CONV307).
    /// </summary>
    internal static class LinearMembers
    {
        public const string InFeatures = nameof(InFeatures);
        public const string OutFeatures = nameof(OutFeatures);
        public const string HasBias = nameof(HasBias);
        public const string Activation = nameof(Activation);
        public const string WeightLength = nameof(WeightLength);
        public const string BiasLength = nameof(BiasLength);
        public const string TileFeatures = nameof(TileFeatures);
        public const string WeightsField = "_linearWeights";
        public const string BiasField = "_linearBias";
        /// <summary>The interface's properties, implemented explicitly (the constants above have the same names).</summary>
        public const string LayerName = "s_linearName";

        public static IReadOnlyCollection<string> All { get; } = new HashSet<string>
        {
            InFeatures, OutFeatures, HasBias, Activation, WeightLength, BiasLength, TileFeatures, WeightsField, BiasField, LayerName,
        };
    }
}
