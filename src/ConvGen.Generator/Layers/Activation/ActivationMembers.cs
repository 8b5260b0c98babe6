using System.Collections.Generic;

namespace ConvGen.Generator.Layers.Activations
{
    /// <summary>The names of the members an activation layer generates (emitter) and the parser checks (CONV307).</summary>
    internal static class ActivationMembers
    {
        public const string Activation = nameof(Activation);
        public const string NegativeSlope = nameof(NegativeSlope);
        public const string Approximate = nameof(Approximate);
        public const string Dim = nameof(Dim);
        public const string P = nameof(P);

        public static IReadOnlyCollection<string> All { get; } = new HashSet<string> { Activation, NegativeSlope, Approximate, Dim, P };
    }
}
