using Microsoft.CodeAnalysis;

namespace ConvGen.Generator.Common
{
    /// <summary>CONV5xx: the activation layers, Softmax and Dropout (Linear reuses CONV001, CONV005, CONV006, CONV101, CONV106).</summary>
    internal static partial class DiagnosticDescriptors
    {
        public static readonly DiagnosticDescriptor UnknownGeluApproximation = Error("CONV501",
            "Unknown GELU approximation",
            "approximate argument must be either none or tanh, but got \"{0}\"");

        public static readonly DiagnosticDescriptor DropoutProbability = Error("CONV502",
            "Dropout probability outside [0, 1]",
            "dropout probability has to be between 0 and 1, but got {0}");

        public static readonly DiagnosticDescriptor SoftmaxDimOutOfRange = Error("CONV503",
            "Softmax dim out of range",
            "Dimension out of range (expected to be in range of [-4, 3], but got {0}): dim must name an axis of the (N, C, H, W) or (rows, features) input");
    }
}
