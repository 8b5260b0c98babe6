using System.Collections.Generic;
using System.Linq;
using ConvGen.Generator.Diagnostics;
using ConvGen.Generator.Model;
using Microsoft.CodeAnalysis;

namespace ConvGen.Generator.Parsing
{
    /// <summary>
    /// Turns attribute arguments into values. <c>Stride</c>, <c>Padding</c> and <c>Dilation</c> are <c>object</c>-typed so
    /// they take an int or a pair like PyTorch; anything else is reported here (CONV001–CONV003) and marks the parse failed.
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

        /// <summary>An int (square) or an int pair <c>new[] { h, w }</c>.</summary>
        public Pair Pair(TypedConstant value, string pytorchName, string site)
        {
            if (value.Kind == TypedConstantKind.Primitive && value.Value is int i) return Model.Pair.Square(i);
            if (value.Kind == TypedConstantKind.Array && !value.IsNull && value.Values.Length == 2
                && value.Values.All(v => v.Value is int))
            {
                return new Pair((int)value.Values[0].Value!, (int)value.Values[1].Value!);
            }

            Fail(DiagnosticDescriptors.WrongArgumentType, site, pytorchName, "an int or a pair new[] { height, width }", Describe(value));
            return Model.Pair.Square(1);
        }

        public (PaddingKind Kind, Pair Padding) Padding(TypedConstant value)
        {
            if (value.Kind == TypedConstantKind.Primitive && value.Value is string text)
            {
                switch (text)
                {
                    case "same": return (PaddingKind.Same, Model.Pair.Square(0));
                    case "valid": return (PaddingKind.Valid, Model.Pair.Square(0));
                    default:
                        Fail(DiagnosticDescriptors.UnknownPaddingString, "Padding", text);
                        return (PaddingKind.Explicit, Model.Pair.Square(0));
                }
            }

            if (value.Kind == TypedConstantKind.Primitive && value.Value is int i) return (PaddingKind.Explicit, Model.Pair.Square(i));
            if (value.Kind == TypedConstantKind.Array && !value.IsNull && value.Values.Length == 2 && value.Values.All(v => v.Value is int))
                return (PaddingKind.Explicit, new Pair((int)value.Values[0].Value!, (int)value.Values[1].Value!));

            Fail(DiagnosticDescriptors.WrongArgumentType, "Padding", "padding",
                "an int, a pair new[] { height, width }, \"same\" or \"valid\"", Describe(value));
            return (PaddingKind.Explicit, Model.Pair.Square(0));
        }

        public PaddingModeSpec Mode(TypedConstant value)
        {
            if (value.Value is int i && i >= 0 && i <= (int)PaddingModeSpec.Circular) return (PaddingModeSpec)i;
            Fail(DiagnosticDescriptors.UnknownPaddingMode, "PaddingMode", value.Value ?? "null");
            return PaddingModeSpec.Zeros;
        }

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
