using Microsoft.CodeAnalysis;

namespace ConvGen.Generator.Common
{
    /// <summary>The pooling family's diagnostics: CONV4xx.</summary>
    internal static partial class DiagnosticDescriptors
    {
        public static readonly DiagnosticDescriptor PoolPaddingTooLarge = Error("CONV401",
            "Pooling padding more than half the kernel",
            "{0}, but got pad={1}, kernel_size={2} and dilation={3}");

        public static readonly DiagnosticDescriptor PoolOutputEmpty = Error("CONV402",
            "Pooling output empty for the fixed input size",
            "Given input size: ({0}). Calculated output size: ({1}). Output size is too small");

        public static readonly DiagnosticDescriptor DivisorOverrideZero = Error("CONV403",
            "divisor_override is zero",
            "divisor must be not zero (DivisorOverride = {0}); leave it out to divide by the window size");

        public static readonly DiagnosticDescriptor AdaptiveOutputNegative = Error("CONV404",
            "Adaptive pooling output size negative",
            "{0}: elements of output_size must be greater than or equal to 0 (0 is None: the input size), but received {1}");
    }
}
