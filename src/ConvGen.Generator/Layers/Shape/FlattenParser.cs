using System.Collections.Generic;
using System.Threading;
using ConvGen.Generator.Common;
using Microsoft.CodeAnalysis;

namespace ConvGen.Generator.Layers.Shape
{
    /// <summary>Reads a <c>[Flatten]</c> attribute into a <see cref="FlattenSpec"/> and checks it as <c>torch.flatten</c> does on a 4-D input.</summary>
    internal static class FlattenParser
    {
        public static readonly string AttributeName = LayerAttributes.MetadataName("Flatten");

        public static ParseResult<FlattenSpec> Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken) =>
            LayerAttributes.Parse(context, FlattenMembers.All, cancellationToken,
                (attribute, target, diagnostics) => Read(attribute, target, diagnostics));

        /// <summary>The spec of one attribute for <paramref name="target"/> (null when it can't be made; <paramref name="diagnostics"/> says why).</summary>
        public static FlattenSpec? Read(AttributeData attribute, LayerTarget target, List<DiagnosticInfo> diagnostics)
        {
            var sites = ArgumentSites.From(attribute);
            var reader = new ArgumentReader(sites, diagnostics);
            int start = 1, end = -1;
            foreach (var named in attribute.NamedArguments)
            {
                if (named.Key == "StartDim") start = reader.Int(named.Value, "start_dim", named.Key);
                else if (named.Key == "EndDim") end = reader.Int(named.Value, "end_dim", named.Key);
            }

            var spec = new FlattenSpec(target, start, end);
            if (!reader.Failed) diagnostics.AddRange(Validate(spec, sites));
            bool ok = !reader.Failed && LayerAttributes.NoErrors(diagnostics);
            return ok ? spec : null;
        }

        /// <summary>Each dimension in [−4, 3] (CONV603), then start not after end (CONV601), in torch.flatten's order.</summary>
        private static IEnumerable<DiagnosticInfo> Validate(FlattenSpec spec, ArgumentSites sites)
        {
            bool inRange = true;
            foreach (var (value, name, site) in new[] { (spec.StartDim, "start_dim", "StartDim"), (spec.EndDim, "end_dim", "EndDim") })
            {
                if (value < -FlattenSpec.InputRank || value >= FlattenSpec.InputRank)
                {
                    inRange = false;
                    yield return DiagnosticInfo.Create(DiagnosticDescriptors.FlattenDimOutOfRange, sites[site], name, value);
                }
            }

            if (inRange && FlattenSpec.Normalise(spec.StartDim) > FlattenSpec.Normalise(spec.EndDim))
            {
                yield return DiagnosticInfo.Create(DiagnosticDescriptors.FlattenStartAfterEnd, sites["StartDim"],
                    spec.StartDim, FlattenSpec.Normalise(spec.StartDim), spec.EndDim, FlattenSpec.Normalise(spec.EndDim));
            }
        }
    }
}
