using System.Collections.Generic;
using System.Linq;
using ConvGen.Generator.Common;
using Microsoft.CodeAnalysis;

namespace ConvGen.Generator.Layers.Conv
{
    /// <summary>
    /// Pure checks: everything <c>torch.nn.Conv1d/2d/3d</c> would reject, with PyTorch's meaning, plus what a compile-time
    /// input size lets us check early. Each diagnostic points at the argument that is wrong.
    /// </summary>
    internal static class ConvValidator
    {
        /// <summary>Array.MaxLength, which netstandard2.0 does not expose.</summary>
        private const long MaxArrayLength = 0x7FFFFFC7;

        public static List<DiagnosticInfo> Validate(ConvSpec spec, ArgumentSites sites)
        {
            var found = new List<DiagnosticInfo>();
            void Report(DiagnosticDescriptor descriptor, string site, params object[] args) =>
                found.Add(DiagnosticInfo.Create(descriptor, sites[site], args));

            bool Positive(int value, string pytorchName, string site)
            {
                if (value > 0) return true;
                Report(DiagnosticDescriptors.NotPositive, site, pytorchName, value);
                return false;
            }

            bool AllPositive(Axes values, string pytorchName, string site) =>
                Enumerable.Range(0, values.Rank).All(i => Positive(values[i], pytorchName, site));

            bool ok = Positive(spec.InChannels, "in_channels", "inChannels");
            ok &= Positive(spec.OutChannels, "out_channels", "outChannels");
            ok &= AllPositive(spec.Kernel, "kernel_size", "kernelSize");
            ok &= AllPositive(spec.Stride, "stride", "Stride");
            ok &= AllPositive(spec.Dilation, "dilation", "Dilation");
            bool groupsOk = Positive(spec.Groups, "groups", "Groups");
            if (spec.Padding.Any(p => p < 0))
            {
                Report(DiagnosticDescriptors.NegativePadding, "Padding", "padding", spec.Padding);
                ok = false;
            }

            if (spec.OutputPadding.Any(p => p < 0))
            {
                Report(DiagnosticDescriptors.NegativePadding, "OutputPadding", "output_padding", spec.OutputPadding);
                ok = false;
            }

            if (spec.Transposed)
            {
                if (spec.PaddingKind != PaddingKind.Explicit)
                {
                    Report(DiagnosticDescriptors.TransposedPaddingString, "Padding", spec.Module, spec.PaddingKind.ToString().ToLowerInvariant());
                    ok = false;
                }

                if (spec.PaddingMode != PaddingMode.Zeros)
                {
                    Report(DiagnosticDescriptors.TransposedPaddingMode, "PaddingMode", spec.Module, spec.PaddingMode);
                    ok = false;
                }

                for (int i = 0; ok && i < spec.Rank; i++)
                {
                    if (spec.OutputPadding[i] >= spec.Stride[i] && spec.OutputPadding[i] >= spec.Dilation[i] && spec.Stride[i] > 0 && spec.Dilation[i] > 0)
                    {
                        Report(DiagnosticDescriptors.OutputPaddingTooLarge, "OutputPadding", spec.OutputPadding, spec.Stride, spec.Dilation);
                        ok = false;
                    }
                }
            }

            if (groupsOk && spec.InChannels > 0 && spec.InChannels % spec.Groups != 0)
                Report(DiagnosticDescriptors.GroupsDoNotDivide, "Groups", "in_channels", spec.InChannels, spec.Groups);
            if (groupsOk && spec.OutChannels > 0 && spec.OutChannels % spec.Groups != 0)
                Report(DiagnosticDescriptors.GroupsDoNotDivide, "Groups", "out_channels", spec.OutChannels, spec.Groups);
            ok &= groupsOk && found.Count == 0;

            if (spec.PaddingKind == PaddingKind.Same && spec.Stride.Any(s => s > 1))
            {
                Report(DiagnosticDescriptors.SameWithStride, "Padding", spec.Stride);
                ok = false;
            }

            if (spec.Algorithm == ConvAlgorithm.Winograd && spec.WinogradUnsupported is { } why)
            {
                Report(DiagnosticDescriptors.WinogradUnsupported, "Algorithm", why);
                ok = false;
            }

            if (!ok) return found;

            var sides = spec.ResolvePadding();
            if (spec.PaddingKind == PaddingKind.Same && sides.Any(s => s.Before != s.After))
            {
                string split = string.Join(", ", Enumerable.Range(0, spec.Rank).Select(i =>
                {
                    var (before, after) = ConvMembers.Padding(spec.Rank, i);
                    return $"{Lower(before)} {sides[i].Before}, {Lower(after)} {sides[i].After}";
                }));
                Report(DiagnosticDescriptors.AsymmetricSame, "Padding", spec.Kernel, spec.Dilation, split);
            }

            // Winograd keeps 36 transformed values per filter (out rounded up to 32 for the widest vectors) instead of 9.
            long stored = spec.Algorithm == ConvAlgorithm.Winograd ? 36L * spec.InChannels * ((spec.OutChannels + 31) / 32 * 32) : spec.WeightLength;
            if (stored > MaxArrayLength)
            {
                Report(DiagnosticDescriptors.LayerTooLarge, "outChannels", stored);
                return found;
            }

            ValidateInputSize(spec, sides, Report);
            return found;
        }

        private static string Lower(string paddingMember) => paddingMember.Substring("Padding".Length).ToLowerInvariant();

        /// <summary>The checks of a fixed input size (CONV201–CONV204), also run on each convolution of a network.</summary>
        public static List<DiagnosticInfo> ValidateInputSize(ConvSpec spec, ArgumentSites sites)
        {
            var found = new List<DiagnosticInfo>();
            ValidateInputSize(spec, spec.ResolvePadding(), (descriptor, site, args) => found.Add(DiagnosticInfo.Create(descriptor, sites[site], args)));
            return found;
        }

        private static void ValidateInputSize(ConvSpec spec, EquatableArray<AxisPadding> sides, System.Action<DiagnosticDescriptor, string, object[]> report)
        {
            var size = spec.InputSize;
            int rank = spec.Rank;
            if (size.All(v => v == 0)) return;
            string Name(int axis) => ConvMembers.Input(rank, axis);
            if (size.Any(v => v <= 0))
            {
                // Underline a negative size, else one that was given without the others.
                int axis = Enumerable.Range(0, rank).Where(i => size[i] < 0).DefaultIfEmpty(-1).First();
                if (axis < 0) axis = Enumerable.Range(0, rank).First(i => size[i] > 0);
                string given = string.Join(", ", Enumerable.Range(0, rank).Select(i => $"{Name(i)}={size[i]}"));
                report(DiagnosticDescriptors.IncompleteInputSize, Name(axis), new object[] { string.Join(" and ", Enumerable.Range(0, rank).Select(Name)), given });
                return;
            }

            var output = Enumerable.Range(0, rank).Select(i =>
                ConvShape.OutputSize(size[i], sides[i].Before, sides[i].After, spec.Kernel[i], spec.Stride[i], spec.Dilation[i])).ToList();
            if (output.Any(o => o <= 0))
            {
                string padded = string.Join("x", Enumerable.Range(0, rank).Select(i => (long)size[i] + sides[i].Before + sides[i].After));
                string span = string.Join("x", Enumerable.Range(0, rank).Select(i => (long)spec.Dilation[i] * (spec.Kernel[i] - 1) + 1));
                report(DiagnosticDescriptors.KernelLargerThanInput, Name(output.FindIndex(o => o <= 0)), new object[] { padded, span });
            }

            for (int i = 0; i < rank; i++)
            {
                int pad = System.Math.Max(sides[i].Before, sides[i].After);
                string axisName = ConvMembers.Axis(rank, i).ToLowerInvariant();
                if (spec.PaddingMode == PaddingMode.Reflect && pad >= size[i])
                    report(DiagnosticDescriptors.ReflectPaddingTooLarge, Name(i), new object[] { pad, axisName, size[i] });
                if (spec.PaddingMode == PaddingMode.Circular && pad > size[i])
                    report(DiagnosticDescriptors.CircularPaddingTooLarge, Name(i), new object[] { pad, axisName, size[i] });
            }
        }
    }
}
