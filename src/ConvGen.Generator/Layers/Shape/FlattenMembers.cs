using System.Collections.Generic;

namespace ConvGen.Generator.Layers.Shape
{
    /// <summary>The members a <c>[Flatten]</c> layer generates (emitter) and that the user's class must not declare (CONV307).</summary>
    internal static class FlattenMembers
    {
        public const string StartDim = nameof(StartDim);
        public const string EndDim = nameof(EndDim);
        public const string OutputRank = nameof(OutputRank);
        public const string GetOutputShape = nameof(GetOutputShape);

        public static IReadOnlyCollection<string> All { get; } = new HashSet<string> { StartDim, EndDim, OutputRank, GetOutputShape };
    }
}
