using System.Collections.Generic;
using System.Threading;
using ConvGen.Generator.Common;
using Microsoft.CodeAnalysis;

namespace ConvGen.Generator.Layers.LinearLayers
{
    /// <summary>Reads a <c>[Linear]</c> attribute and its class into a <see cref="LinearSpec"/>; never throws.</summary>
    internal static class LinearParser
    {
        public static readonly string AttributeName = LayerAttributes.MetadataName("Linear");

        private static readonly string[] s_constructorParameters = { "inFeatures", "outFeatures" };

        public static ParseResult<LinearSpec> Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken) =>
            LayerAttributes.Parse(context, LinearMembers.All, cancellationToken,
                (attribute, target, diagnostics) => Read(attribute, target, diagnostics));

        /// <summary>The spec of one attribute for <paramref name="target"/> (null when it can't be made; <paramref name="diagnostics"/> says why).</summary>
        public static LinearSpec? Read(AttributeData attribute, LayerTarget target, List<DiagnosticInfo> diagnostics)
        {
            var sites = ArgumentSites.From(attribute, s_constructorParameters);
            var reader = new ArgumentReader(sites, diagnostics);
            var args = attribute.ConstructorArguments;
            int inFeatures = reader.Int(args[0], "in_features", "inFeatures");
            int outFeatures = reader.Int(args[1], "out_features", "outFeatures");
            bool bias = true, slopeGiven = false;
            var activation = Activation.None;
            float slope = 0.01f;
            foreach (var named in attribute.NamedArguments)
            {
                switch (named.Key)
                {
                    case "Bias": bias = named.Value.Value is true; break;
                    case "Activation": activation = reader.Activation(named.Value); break;
                    case "NegativeSlope": slope = reader.Float(named.Value, "negative_slope", named.Key); slopeGiven = true; break;
                }
            }

            var spec = new LinearSpec(target, inFeatures, outFeatures, bias, activation, slope);
            if (slopeGiven && activation != Activation.LeakyReLU)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SlopeWithoutLeakyReLU, sites["NegativeSlope"], activation));
            if (!reader.Failed) diagnostics.AddRange(LinearValidator.Validate(spec, sites));
            bool ok = !reader.Failed && LayerAttributes.NoErrors(diagnostics);
            return ok ? spec : null;
        }
    }
}
