using System.Collections.Generic;
using System.Linq;
using ConvGen.Generator.Common;
using Microsoft.CodeAnalysis;

namespace ConvGen.Generator.Layers.Shape
{
    /// <summary>
    /// The argument forms of the CONV6xx layers that <see cref="ArgumentReader"/> does not read: a double (<c>eps</c>,
    /// <c>value</c>) and a padding given as one int or four (left, right, top, bottom). A wrong form is CONV001.
    /// </summary>
    internal static class ShapeArguments
    {
        public const string FourSides = "an int or new[] { left, right, top, bottom }";

        /// <summary>A finite double; else CONV001 and 0.</summary>
        public static double FiniteDouble(TypedConstant value, string pytorchName, string site, ArgumentSites sites, List<DiagnosticInfo> diagnostics)
        {
            if (value.Value is double d && !double.IsNaN(d) && !double.IsInfinity(d)) return d;
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.WrongArgumentType, sites[site], pytorchName, "a finite number", Describe(value)));
            return 0;
        }

        /// <summary>(left, right, top, bottom) from an int or a four-element int array; else CONV001 and null.</summary>
        public static int[]? FourSidesOf(TypedConstant value, string site, ArgumentSites sites, List<DiagnosticInfo> diagnostics)
        {
            if (value.Kind == TypedConstantKind.Primitive && value.Value is int i) return new[] { i, i, i, i };
            if (value.Kind == TypedConstantKind.Array && !value.IsNull && value.Values.Length == 4 && value.Values.All(v => v.Value is int))
                return value.Values.Select(v => (int)v.Value!).ToArray();
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.WrongArgumentType, sites[site], "padding", FourSides, Describe(value)));
            return null;
        }

        private static string Describe(TypedConstant value) => value switch
        {
            { IsNull: true } => "null",
            { Kind: TypedConstantKind.Array } => $"an array of {value.Values.Length} {(value.Type as IArrayTypeSymbol)?.ElementType.ToDisplayString() ?? "values"}",
            { Value: string s } => $"\"{s}\"",
            { Value: double d } => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            _ => $"{value.Value} ({value.Type?.ToDisplayString() ?? "unknown type"})",
        };
    }
}
