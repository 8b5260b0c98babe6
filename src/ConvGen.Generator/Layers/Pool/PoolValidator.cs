using System.Collections.Generic;
using System.Linq;
using ConvGen.Generator.Common;
using Microsoft.CodeAnalysis;

namespace ConvGen.Generator.Layers.Pool
{
    /// <summary>
    /// Pure checks: everything <c>torch.nn</c>'s pooling modules reject (Pool.h, AdaptiveAveragePooling.cpp), plus what a
    /// compile-time input size lets us check early. Each diagnostic points at the argument that is wrong.
    /// </summary>
    internal static class PoolValidator
    {
        public static List<DiagnosticInfo> Validate(PoolSpec spec, ArgumentSites sites)
        {
            var found = new List<DiagnosticInfo>();
            void Report(DiagnosticDescriptor descriptor, string site, params object[] args) =>
                found.Add(DiagnosticInfo.Create(descriptor, sites[site], args));

            if (spec.IsAdaptive)
            {
                if (spec.Window.Any(v => v < 0))
                {
                    string function = spec.Module == PoolModule.AdaptiveAvgPool2d ? "adaptive_avg_pool2d" : "adaptive_max_pool2d";
                    Report(DiagnosticDescriptors.AdaptiveOutputNegative, "outputSize", function, spec.Window);
                }

                return found;
            }

            bool ok = true;
            void Positive(Axes values, string pytorchName, string site)
            {
                if (values.All(v => v > 0)) return;
                Report(DiagnosticDescriptors.NotPositive, site, pytorchName, values);
                ok = false;
            }

            Positive(spec.Window, "kernel_size", "kernelSize");
            if (spec.Stride != spec.Window) Positive(spec.Stride, "stride", "Stride"); // a default stride is the kernel, checked above
            Positive(spec.Dilation, "dilation", "Dilation");
            if (spec.Padding.Any(p => p < 0))
            {
                Report(DiagnosticDescriptors.NegativePadding, "Padding", "padding", spec.Padding);
                ok = false;
            }

            if (spec.DivisorOverride == 0) Report(DiagnosticDescriptors.DivisorOverrideZero, "DivisorOverride", 0);
            if (!ok || !spec.IsWindowed) return found;

            for (int i = 0; i < 2; i++)
            {
                if (!PoolShape.PaddingFits(spec.Window[i], spec.Padding[i], spec.Dilation[i]))
                {
                    // PyTorch checks the effective kernel first (pooling_output_shape), then the kernel (pool2d_shape_check).
                    string rule = PoolShape.PaddingFitsEffectiveKernel(spec.Window[i], spec.Padding[i], spec.Dilation[i])
                        ? "pad should be smaller than or equal to half of kernel size"
                        : "pad should be at most half of effective kernel size";
                    Report(DiagnosticDescriptors.PoolPaddingTooLarge, "Padding", rule, spec.Padding[i], spec.Window[i], spec.Dilation[i]);
                    return found;
                }
            }

            ValidateInputSize(spec, sites, found);
            return found;
        }

        /// <summary>With InputHeight/InputWidth: both given and positive (CONV201), and a non-empty output (CONV402).</summary>
        public static void ValidateInputSize(PoolSpec spec, ArgumentSites sites, List<DiagnosticInfo> found)
        {
            var size = spec.InputSize;
            if (size.All(v => v == 0)) return;
            if (!spec.HasFixedInput)
            {
                // Underline the one that is written: the given one when the other is missing, else the first not positive.
                string site = size[1] == 0 ? PoolMembers.InputHeight : size[0] == 0 || size[0] > 0 ? PoolMembers.InputWidth : PoolMembers.InputHeight;
                found.Add(DiagnosticInfo.Create(DiagnosticDescriptors.IncompleteInputSize, sites[site], "InputHeight and InputWidth",
                    $"InputHeight = {size[0]}, InputWidth = {size[1]}"));
                return;
            }

            long outH = PoolPlanner.OutputSize(spec, 0, size[0]), outW = PoolPlanner.OutputSize(spec, 1, size[1]);
            if (outH < 1 || outW < 1)
            {
                found.Add(DiagnosticInfo.Create(DiagnosticDescriptors.PoolOutputEmpty, sites[outH < 1 ? PoolMembers.InputHeight : PoolMembers.InputWidth],
                    $"{size[0]}x{size[1]}", $"{outH}x{outW}"));
            }
        }
    }
}
