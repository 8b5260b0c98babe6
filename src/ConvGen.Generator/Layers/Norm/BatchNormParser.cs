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

        public static ParseResult<BatchNormSpec> Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            var diagnostics = new List<DiagnosticInfo>();
            var type = LayerAttributes.Begin(context, NormMembers.All, diagnostics);
            if (type is null) return new ParseResult<BatchNormSpec>(null, new EquatableArray<DiagnosticInfo>(diagnostics));

            cancellationToken.ThrowIfCancellationRequested();
            var attribute = context.Attributes[0];
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

            var spec = new BatchNormSpec(LayerDeclaration.ReadTarget(type), features, eps, momentum, affine);
            if (!reader.Failed) diagnostics.AddRange(BatchNormValidator.Validate(spec, track, sites));
            bool ok = !reader.Failed && LayerAttributes.NoErrors(diagnostics);
            return new ParseResult<BatchNormSpec>(ok ? spec : null, new EquatableArray<DiagnosticInfo>(diagnostics));
        }
    }
}
