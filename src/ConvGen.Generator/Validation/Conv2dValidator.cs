using System.Collections.Generic;
using ConvGen.Generator.Diagnostics;
using ConvGen.Generator.Model;
using ConvGen.Generator.Parsing;

namespace ConvGen.Generator.Validation
{
    /// <summary>
    /// Pure checks: everything <c>torch.nn.Conv2d</c> would reject, with PyTorch's meaning, plus what a compile-time input
    /// size lets us check early. Each diagnostic points at the argument that is wrong.
    /// </summary>
    internal static class Conv2dValidator
    {
        public static IEnumerable<DiagnosticInfo> ValidateDeclaration(DeclarationInfo declaration, LocationInfo? name)
        {
            if (declaration.IsRecord) yield return DiagnosticInfo.Create(DiagnosticDescriptors.RecordLayer, name, declaration.Name);
            if (!declaration.IsPartial) yield return DiagnosticInfo.Create(DiagnosticDescriptors.NotPartial, name, declaration.Name);
            if (declaration.NonPartialContainingType is { } outer)
                yield return DiagnosticInfo.Create(DiagnosticDescriptors.ContainingTypeNotPartial, name, declaration.Name, outer);
            if (declaration.IsGeneric) yield return DiagnosticInfo.Create(DiagnosticDescriptors.GenericLayer, name, declaration.Name);
            if (declaration.IsStatic) yield return DiagnosticInfo.Create(DiagnosticDescriptors.StaticLayer, name, declaration.Name);
            if (declaration.IsFileLocal) yield return DiagnosticInfo.Create(DiagnosticDescriptors.FileLocalLayer, name, declaration.Name);
            if (declaration.ConflictingMember is { } member)
                yield return DiagnosticInfo.Create(DiagnosticDescriptors.MemberConflict, name, declaration.Name, member);
        }

        public static List<DiagnosticInfo> Validate(Conv2dSpec spec, ArgumentSites sites)
        {
            var found = new List<DiagnosticInfo>();
            void Report(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, string site, params object[] args) =>
                found.Add(DiagnosticInfo.Create(descriptor, sites[site], args));

            bool Positive(int value, string pytorchName, string site)
            {
                if (value > 0) return true;
                Report(DiagnosticDescriptors.NotPositive, site, pytorchName, value);
                return false;
            }

            bool ok = Positive(spec.InChannels, "in_channels", "inChannels");
            ok &= Positive(spec.OutChannels, "out_channels", "outChannels");
            ok &= Positive(spec.Kernel.Height, "kernel_size", "kernelSize") && Positive(spec.Kernel.Width, "kernel_size", "kernelSize");
            ok &= Positive(spec.Stride.Height, "stride", "Stride") && Positive(spec.Stride.Width, "stride", "Stride");
            ok &= Positive(spec.Dilation.Height, "dilation", "Dilation") && Positive(spec.Dilation.Width, "dilation", "Dilation");
            bool groupsOk = Positive(spec.Groups, "groups", "Groups");
            if (spec.Padding.Height < 0 || spec.Padding.Width < 0)
            {
                Report(DiagnosticDescriptors.NegativePadding, "Padding", spec.Padding);
                ok = false;
            }

            if (groupsOk && spec.InChannels > 0 && spec.InChannels % spec.Groups != 0)
                Report(DiagnosticDescriptors.GroupsDoNotDivide, "Groups", "in_channels", spec.InChannels, spec.Groups);
            if (groupsOk && spec.OutChannels > 0 && spec.OutChannels % spec.Groups != 0)
                Report(DiagnosticDescriptors.GroupsDoNotDivide, "Groups", "out_channels", spec.OutChannels, spec.Groups);
            ok &= groupsOk && found.Count == 0;

            if (spec.PaddingKind == PaddingKind.Same && (spec.Stride.Height > 1 || spec.Stride.Width > 1))
            {
                Report(DiagnosticDescriptors.SameWithStride, "Padding", spec.Stride);
                ok = false;
            }

            if (!ok) return found;

            var sides = spec.ResolvePadding();
            if (spec.PaddingKind == PaddingKind.Same && (sides.Top != sides.Bottom || sides.Left != sides.Right))
            {
                Report(DiagnosticDescriptors.AsymmetricSame, "Padding", spec.Kernel, spec.Dilation,
                    sides.Top, sides.Bottom, sides.Left, sides.Right);
            }

            long weight = (long)spec.OutChannels * (spec.InChannels / spec.Groups) * spec.Kernel.Height * spec.Kernel.Width;
            if (weight > MaxArrayLength)
            {
                Report(DiagnosticDescriptors.LayerTooLarge, "outChannels", weight);
                return found;
            }

            ValidateInputSize(spec, sides, Report);
            return found;
        }

        /// <summary>Array.MaxLength, which netstandard2.0 does not expose.</summary>
        private const long MaxArrayLength = 0x7FFFFFC7;

        private static void ValidateInputSize(Conv2dSpec spec, Sides sides, System.Action<Microsoft.CodeAnalysis.DiagnosticDescriptor, string, object[]> report)
        {
            if (spec.InputHeight == 0 && spec.InputWidth == 0) return;
            if (spec.InputHeight <= 0 || spec.InputWidth <= 0)
            {
                // Underline a negative size, else the one that was given without its partner.
                string site = spec.InputHeight < 0 ? "InputHeight" : spec.InputWidth < 0 ? "InputWidth"
                    : spec.InputHeight == 0 ? "InputWidth" : "InputHeight";
                report(DiagnosticDescriptors.IncompleteInputSize, site, new object[] { spec.InputHeight, spec.InputWidth });
                return;
            }

            long outH = ConvShape.OutputSize(spec.InputHeight, sides.Top, sides.Bottom, spec.Kernel.Height, spec.Stride.Height, spec.Dilation.Height);
            long outW = ConvShape.OutputSize(spec.InputWidth, sides.Left, sides.Right, spec.Kernel.Width, spec.Stride.Width, spec.Dilation.Width);
            if (outH <= 0 || outW <= 0)
            {
                long paddedH = (long)spec.InputHeight + sides.Top + sides.Bottom, paddedW = (long)spec.InputWidth + sides.Left + sides.Right;
                long spanH = (long)spec.Dilation.Height * (spec.Kernel.Height - 1) + 1, spanW = (long)spec.Dilation.Width * (spec.Kernel.Width - 1) + 1;
                report(DiagnosticDescriptors.KernelLargerThanInput, outH <= 0 ? "InputHeight" : "InputWidth",
                    new object[] { $"{paddedH}x{paddedW}", $"{spanH}x{spanW}" });
            }

            int padH = System.Math.Max(sides.Top, sides.Bottom), padW = System.Math.Max(sides.Left, sides.Right);
            if (spec.PaddingMode == PaddingModeSpec.Reflect)
            {
                if (padH >= spec.InputHeight) report(DiagnosticDescriptors.ReflectPaddingTooLarge, "InputHeight", new object[] { padH, "height", spec.InputHeight });
                if (padW >= spec.InputWidth) report(DiagnosticDescriptors.ReflectPaddingTooLarge, "InputWidth", new object[] { padW, "width", spec.InputWidth });
            }

            if (spec.PaddingMode == PaddingModeSpec.Circular)
            {
                if (padH > spec.InputHeight) report(DiagnosticDescriptors.CircularPaddingTooLarge, "InputHeight", new object[] { padH, "height", spec.InputHeight });
                if (padW > spec.InputWidth) report(DiagnosticDescriptors.CircularPaddingTooLarge, "InputWidth", new object[] { padW, "width", spec.InputWidth });
            }
        }
    }
}
