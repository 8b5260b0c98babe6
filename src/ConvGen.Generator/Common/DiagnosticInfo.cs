using System.Linq;
using Microsoft.CodeAnalysis;

namespace ConvGen.Generator.Common
{
    /// <summary>A diagnostic as plain, equatable data; turned into a <see cref="Diagnostic"/> only when reported.</summary>
    internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> Arguments)
    {
        public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params object[] arguments) =>
            new(descriptor, location, new EquatableArray<string>(arguments.Select(a => string.Format(System.Globalization.CultureInfo.InvariantCulture, "{0}", a))));

        public Diagnostic ToDiagnostic() =>
            Diagnostic.Create(Descriptor, Location?.ToLocation(), Arguments.Cast<object>().ToArray());
    }
}
