// Linked into the runtime (public API) and the generator (which reads the attribute's value and validates it): one
// list of algorithms and one rule for which layers Winograd serves.
namespace ConvGen
{
    /// <summary>How a convolution is computed. Every algorithm gives PyTorch's result up to float rounding; only
    /// <see cref="Direct"/> rounds as PyTorch's direct convolution does.</summary>
#if CONVGEN_GENERATOR
    internal enum ConvAlgorithm
#else
    public enum ConvAlgorithm
#endif
    {
        /// <summary>The direct convolution: a generated kernel sums every tap of every input channel in registers.</summary>
        Direct = 0,

        /// <summary>
        /// Winograd F(4×4, 3×3) (Lavin and Gray, 2016): each 6×6 input patch and each filter transformed, 36 matrix products
        /// over channels, 4×4 outputs transformed back: 36 multiplies per 16 outputs per channel pair instead of 144. For
        /// <c>Conv2d</c> with a 3×3 kernel, stride 1, dilation 1, groups 1 and zero padding. Its rounding differs from
        /// PyTorch's: the error against a double-precision reference is larger than the direct convolution's (see
        /// docs/winograd.md for the measured bound), so it is chosen, never applied silently.
        /// </summary>
        Winograd = 1,
    }

    /// <summary>Which layers <see cref="ConvAlgorithm.Winograd"/> serves: one rule for the generator's diagnostic and the runtime's check.</summary>
    internal static class WinogradRule
    {
        /// <summary>Why Winograd can't compute this layer, as a phrase ("the kernel is 5×5"), or null when it can.</summary>
        public static string? Unsupported(int rank, bool transposed, int kernelH, int kernelW, int strideH, int strideW,
            int dilationH, int dilationW, int groups, PaddingMode mode)
        {
            if (rank != 2 || transposed) return "it is not a Conv2d";
            if (kernelH != 3 || kernelW != 3) return $"the kernel is {kernelH}×{kernelW}, not 3×3";
            if (strideH != 1 || strideW != 1) return $"the stride is ({strideH}, {strideW}), not 1";
            if (dilationH != 1 || dilationW != 1) return $"the dilation is ({dilationH}, {dilationW}), not 1";
            if (groups != 1) return $"it has {groups} groups, not 1";
            if (mode != PaddingMode.Zeros) return $"its padding mode is {mode}, not Zeros";
            return null;
        }

        /// <summary>
        /// Whether Winograd is worth it for a layer it serves: a network's <c>Algorithm</c> gives it only to these. With
        /// fewer channels its transforms cost more than the multiplications they save (measured on Zen 5 against the direct
        /// kernels: 3 → 64 channels 4.5× slower, 32 → 32 1.1–1.8×, 64 → 3 10×; 64 → 64 and up 1.8–2.7× faster).
        /// </summary>
        public static bool Pays(int inChannels, int outChannels) => inChannels >= 64 && outChannels >= 64;
    }
}
