using System;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace ConvGen.Testing
{
    /// <summary>
    /// Metadata references for compiling a consumer of ConvGen in memory: the running runtime's assemblies and
    /// ConvGen.Runtime (attributes, <c>IConv2dLayer</c>, the helpers generated code calls). Shared by the test projects
    /// that run the generator in-process.
    /// </summary>
    internal static class RuntimeReferences
    {
        private static readonly Lazy<MetadataReference[]> s_all = new(() =>
            ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
                .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
                .Append(typeof(Conv2dAttribute).Assembly.Location)
                .Distinct(StringComparer.Ordinal)
                .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
                .ToArray());

        public static MetadataReference[] All => s_all.Value;
    }
}
