using System.Collections.Generic;
using System.Linq;
using System.Threading;
using ConvGen.Generator.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ConvGen.Generator.Layers.Conv
{
    /// <summary>
    /// Reads a <c>[Conv1d]</c>, <c>[Conv2d]</c> or <c>[Conv3d]</c> attribute and its class into a <see cref="ConvSpec"/>.
    /// Never throws: a malformed argument becomes a diagnostic, and an argument the compiler already rejects yields no
    /// spec and no diagnostic of ours.
    /// </summary>
    internal static class ConvParser
    {
        /// <summary>The attribute of a rank: ConvGen.Conv2dAttribute, ConvGen.ConvTranspose2dAttribute, ….</summary>
        public static string AttributeName(int rank, bool transposed) => LayerAttributes.MetadataName($"Conv{(transposed ? "Transpose" : "")}{rank}d");

        private static readonly string[] s_constructorParameters = { "inChannels", "outChannels", "kernelSize" };

        public static ParseResult<ConvSpec> Parse(GeneratorAttributeSyntaxContext context, int rank, bool transposed, CancellationToken cancellationToken) =>
            LayerAttributes.Parse(context, ConvMembers.All(rank), cancellationToken,
                (attribute, target, diagnostics) => Read(attribute, target, rank, transposed, diagnostics));

        /// <summary>The spec of one attribute for <paramref name="target"/> (null when it can't be made; <paramref name="diagnostics"/> says why).</summary>
        public static ConvSpec? Read(AttributeData attribute, LayerTarget target, int rank, bool transposed, List<DiagnosticInfo> diagnostics)
        {
            var sites = ArgumentSites.From(attribute, s_constructorParameters);
            var reader = new ArgumentReader(sites, diagnostics);
            var args = attribute.ConstructorArguments;
            int inChannels = reader.Int(args[0], "in_channels", "inChannels");
            int outChannels = reader.Int(args[1], "out_channels", "outChannels");
            Axes kernel = reader.PerAxis(args[2], rank, "kernel_size", "kernelSize");
            Axes stride = Axes.Uniform(rank, 1), padding = Axes.Uniform(rank, 0), dilation = Axes.Uniform(rank, 1);
            var paddingKind = PaddingKind.Explicit;
            int groups = 1;
            bool bias = true, slopeGiven = false;
            var mode = PaddingMode.Zeros;
            var activation = Activation.None;
            float slope = 0.01f;
            var inputSize = new int[rank];
            Axes outputPadding = Axes.Uniform(rank, 0);
            var algorithm = ConvAlgorithm.Direct;
            foreach (var named in attribute.NamedArguments)
            {
                var value = named.Value;
                switch (named.Key)
                {
                    case "Stride": stride = reader.PerAxis(value, rank, "stride", named.Key); break;
                    case "Dilation": dilation = reader.PerAxis(value, rank, "dilation", named.Key); break;
                    case "Padding": (paddingKind, padding) = reader.Padding(value, rank); break;
                    case "Groups": groups = reader.Int(value, "groups", named.Key); break;
                    case "Bias": bias = value.Value is true; break;
                    case "PaddingMode": mode = reader.Mode(value); break;
                    case "Activation": activation = reader.Activation(value); break;
                    case "NegativeSlope": slope = reader.Float(value, "negative_slope", named.Key); slopeGiven = true; break;
                    case "OutputPadding": outputPadding = reader.PerAxis(value, rank, "output_padding", named.Key); break;
                    case "Algorithm": algorithm = reader.Algorithm(value); break;
                    default:
                        for (int axis = 0; axis < rank; axis++)
                        {
                            if (named.Key == ConvMembers.Input(rank, axis)) inputSize[axis] = reader.Int(value, named.Key, named.Key);
                        }

                        break;
                }
            }

            var spec = new ConvSpec(target, rank, inChannels, outChannels, kernel, stride, paddingKind,
                padding, dilation, groups, bias, mode, activation, slope, new Axes(inputSize), transposed, outputPadding, algorithm);
            if (slopeGiven && activation != Activation.LeakyReLU)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SlopeWithoutLeakyReLU, sites["NegativeSlope"], activation));
            if (!reader.Failed) diagnostics.AddRange(ConvValidator.Validate(spec, sites));
            bool ok = !reader.Failed && LayerAttributes.NoErrors(diagnostics);
            return ok ? spec : null;
        }
    }
}
