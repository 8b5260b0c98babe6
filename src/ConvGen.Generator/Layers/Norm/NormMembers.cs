using System.Collections.Generic;

namespace ConvGen.Generator.Layers.Norm
{
    /// <summary>
    /// The names of the members a <c>[BatchNorm2d]</c> layer generates: the emitter writes them from here, and the parser
    /// checks the user's class against <see cref="All"/> (CONV307).
    /// </summary>
    internal static class NormMembers
    {
        public const string NumFeatures = nameof(NumFeatures);
        public const string Eps = nameof(Eps);
        public const string Affine = nameof(Affine);
        public const string Scale = nameof(Scale);
        public const string Shift = nameof(Shift);
        public const string FoldInto = nameof(FoldInto);
        public const string FoldedField = "_batchNormFolded";

        public static IReadOnlyCollection<string> All { get; } = new HashSet<string>
        {
            NumFeatures, Eps, Affine, Scale, Shift, FoldInto, FoldedField,
        };
    }
}
