using System.Collections.Generic;
using System.Threading;
using ConvGen.Generator.Common;
using Microsoft.CodeAnalysis;

namespace ConvGen.Generator.Layers.Norm
{
    /// <summary>Reads a <c>[BatchNorm2d]</c> attribute and its class into a <see cref="BatchNormSpec"/>. Never throws.</summary>
    internal static class BatchNormParser
    {
        public static readonly string AttributeName = LayerAttributes.MetadataName("BatchNorm2d");

        public static ParseResult<BatchNormSpec> Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken) =>
            LayerAttributes.Parse(context, NormMembers.All, cancellationToken,
                (attribute, target, diagnostics) => Read(attribute, target, diagnostics));

        /// <summary>The spec of one attribute for <paramref name="target"/> (null when it can't be made; <paramref name="diagnostics"/> says why).</summary>
        public static BatchNormSpec? Read(AttributeData attribute, LayerTarget target, List<DiagnosticInfo> diagnostics)
        {
            var sites = ArgumentSites.From(attribute, "numFeatures");
            var reader = new ArgumentReader(sites, diagnostics);
            int features = reader.Int(attribute.ConstructorArguments[0], "num_features", "numFeatures");
            double eps = 1e-5, momentum = 0.1;
            bool affine = true, track = true;
            foreach (var named in attribute.NamedArguments)
            {
                switch (named.Key)
                {
                    case "Eps": eps = Shape.ShapeArguments.FiniteDouble(named.Value, "eps", named.Key, sites, diagnostics); break;
                    case "Momentum": momentum = named.Value.Value is double m ? m : 0.1; break;
                    case "Affine": affine = named.Value.Value is true; break;
                    case "TrackRunningStats": track = named.Value.Value is true; break;
                }
            }

            var spec = new BatchNormSpec(target, features, eps, momentum, affine);
            if (!reader.Failed) diagnostics.AddRange(BatchNormValidator.Validate(spec, track, sites));
            bool ok = !reader.Failed && LayerAttributes.NoErrors(diagnostics);
            return ok ? spec : null;
        }
    }
}
