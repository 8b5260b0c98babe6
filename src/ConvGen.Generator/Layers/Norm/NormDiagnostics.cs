using Microsoft.CodeAnalysis;

namespace ConvGen.Generator.Common
{
    /// <summary>CONV6xx: normalisation, padding and reshaping layers (<c>[BatchNorm2d]</c>, <c>[Flatten]</c>, the <c>Pad2d</c> layers).</summary>
    internal static partial class DiagnosticDescriptors
    {
        public static readonly DiagnosticDescriptor FlattenStartAfterEnd = Error("CONV601",
            "Flatten start_dim after end_dim",
            "flatten() has invalid args: start_dim cannot come after end_dim (start_dim={0} is dimension {1}, end_dim={2} is dimension {3} of the (N, C, H, W) input)");

        public static readonly DiagnosticDescriptor BatchNormWithoutRunningStats = Error("CONV602",
            "BatchNorm2d without running statistics",
            "track_running_stats=False normalises every batch with its own statistics, even in eval(); [{0}] is an inference layer with running_mean and running_var: remove TrackRunningStats = false");

        public static readonly DiagnosticDescriptor FlattenDimOutOfRange = Error("CONV603",
            "Flatten dimension out of range",
            "Dimension out of range (expected to be in range of [-4, 3], but got {1}): {0} of a Flatten of the (N, C, H, W) input");
    }
}
