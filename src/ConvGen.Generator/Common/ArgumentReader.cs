using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace ConvGen.Generator.Common
{
    /// <summary>How <c>padding</c> was written: numbers, <c>"same"</c> or <c>"valid"</c>.</summary>
    internal enum PaddingKind
    {
        Explicit,
        Same,
        Valid,
    }

    /// <summary>
    /// Turns attribute arguments into values. Per-axis arguments (<c>Stride</c>, <c>Padding</c>, <c>Dilation</c>) are
    /// <c>object</c>-typed so they take an int or one int per axis like PyTorch; anything else is reported here
    /// (CONV001–CONV003, CONV005) and marks the parse failed.
    /// </summary>
    internal sealed class ArgumentReader
    {
        private readonly ArgumentSites _sites;
        private readonly List<DiagnosticInfo> _diagnostics;

        public ArgumentReader(ArgumentSites sites, List<DiagnosticInfo> diagnostics)
        {
            _sites = sites;
            _diagnostics = diagnostics;
        }

        public bool Failed { get; private set; }

        public int Int(TypedConstant value, string pytorchName, string site)
        {
            if (value.Kind == TypedConstantKind.Primitive && value.Value is int i) return i;
            return Fail(DiagnosticDescriptors.WrongArgumentType, site, pytorchName, "an int", Describe(value));
        }

        public float Float(TypedConstant value, string pytorchName, string site)
        {
            if (value.Kind == TypedConstantKind.Primitive && value.Value is float f && !float.IsNaN(f) && !float.IsInfinity(f)) return f;
            Fail(DiagnosticDescriptors.WrongArgumentType, site, pytorchName, "a finite float", Describe(value));
            return 0f;
        }

        /// <summary>An int (the same on every axis) or one int per axis: <c>new[] { h, w }</c>.</summary>
        public Axes PerAxis(TypedConstant value, int rank, string pytorchName, string site)
        {
            if (TryPerAxis(value, rank, out var axes)) return axes;
            Fail(DiagnosticDescriptors.WrongArgumentType, site, pytorchName, PerAxisForm(rank), Describe(value));
            return Axes.Uniform(rank, 1);
        }

        public (PaddingKind Kind, Axes Padding) Padding(TypedConstant value, int rank)
        {
            if (value.Kind == TypedConstantKind.Primitive && value.Value is string text)
            {
                switch (text)
                {
                    case "same": return (PaddingKind.Same, Axes.Uniform(rank, 0));
                    case "valid": return (PaddingKind.Valid, Axes.Uniform(rank, 0));
                    default:
                        Fail(DiagnosticDescriptors.UnknownPaddingString, "Padding", text);
                        return (PaddingKind.Explicit, Axes.Uniform(rank, 0));
                }
            }

            if (TryPerAxis(value, rank, out var axes)) return (PaddingKind.Explicit, axes);
            Fail(DiagnosticDescriptors.WrongArgumentType, "Padding", "padding", PerAxisForm(rank) + ", \"same\" or \"valid\"", Describe(value));
            return (PaddingKind.Explicit, Axes.Uniform(rank, 0));
        }

        public PaddingMode Mode(TypedConstant value)
        {
            if (value.Value is int i && i >= 0 && i <= (int)PaddingMode.Circular) return (PaddingMode)i;
            Fail(DiagnosticDescriptors.UnknownPaddingMode, "PaddingMode", value.Value ?? "null");
            return PaddingMode.Zeros;
        }

        public Activation Activation(TypedConstant value)
        {
            if (value.Value is int i && i >= 0 && i <= (int)ConvGen.Activation.GELUTanh) return (Activation)i;
            Fail(DiagnosticDescriptors.UnknownActivation, "Activation", value.Value ?? "null");
            return ConvGen.Activation.None;
        }

        public ConvAlgorithm Algorithm(TypedConstant value)
        {
            if (value.Value is int i && i >= 0 && i <= (int)ConvAlgorithm.Winograd) return (ConvAlgorithm)i;
            Fail(DiagnosticDescriptors.UnknownAlgorithm, "Algorithm", value.Value ?? "null");
            return ConvAlgorithm.Direct;
        }

        private static bool TryPerAxis(TypedConstant value, int rank, out Axes axes)
        {
            axes = default;
            if (value.Kind == TypedConstantKind.Primitive && value.Value is int i)
            {
                axes = Axes.Uniform(rank, i);
                return true;
            }

            if (value.Kind != TypedConstantKind.Array || value.IsNull || value.Values.Length != rank || !value.Values.All(v => v.Value is int))
                return false;
            axes = new Axes(value.Values.Select(v => (int)v.Value!).ToArray());
            return true;
        }

        private static string PerAxisForm(int rank) => rank switch
        {
            1 => "an int",
            2 => "an int or a pair new[] { height, width }",
            _ => "an int or a triple new[] { depth, height, width }",
        };

        private int Fail(DiagnosticDescriptor descriptor, string site, params object[] arguments)
        {
            _diagnostics.Add(DiagnosticInfo.Create(descriptor, _sites[site], arguments));
            Failed = true;
            return 1;
        }

        private static string Describe(TypedConstant value) => value switch
        {
            { IsNull: true } => "null",
            { Kind: TypedConstantKind.Array } => $"an array of {value.Values.Length} {(value.Type as IArrayTypeSymbol)?.ElementType.ToDisplayString() ?? "values"}",
            { Kind: TypedConstantKind.Type } => "a type",
            { Value: string s } => $"\"{s}\"",
            _ => $"{value.Value} ({value.Type?.ToDisplayString() ?? "unknown type"})",
        };
    }
}
