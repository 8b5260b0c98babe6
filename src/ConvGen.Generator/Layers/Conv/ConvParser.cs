using System.Collections.Generic;
using System.Linq;
using System.Threading;
using ConvGen.Generator.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ConvGen.Generator.Layers.Conv
{
    /// <summary>What the parse step hands on: a spec when code can be generated, and the diagnostics either way.</summary>
    internal sealed record ConvParseResult(ConvSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics);

    /// <summary>
    /// Reads a <c>[Conv1d]</c>, <c>[Conv2d]</c> or <c>[Conv3d]</c> attribute and its class into a <see cref="ConvSpec"/>.
    /// Never throws: a malformed argument becomes a diagnostic, and an argument the compiler already rejects yields no
    /// spec and no diagnostic of ours.
    /// </summary>
    internal static class ConvParser
    {
        /// <summary>The attribute of a rank: ConvGen.Conv2dAttribute, ConvGen.ConvTranspose2dAttribute, ….</summary>
        public static string AttributeName(int rank, bool transposed) => $"ConvGen.Conv{(transposed ? "Transpose" : "")}{rank}dAttribute";

        /// <summary>Every layer attribute of the runtime: a class carries at most one of them (CONV004).</summary>
        private static readonly string[] s_layerAttributes =
            new[] { false, true }.SelectMany(t => new[] { 1, 2, 3 }.Select(r => AttributeName(r, t))).ToArray();

        private static readonly string[] s_constructorParameters = { "inChannels", "outChannels", "kernelSize" };

        public static ConvParseResult Parse(GeneratorAttributeSyntaxContext context, int rank, bool transposed, CancellationToken cancellationToken)
        {
            var diagnostics = new List<DiagnosticInfo>();
            var none = new ConvParseResult(null, EquatableArray<DiagnosticInfo>.Empty);
            if (context.TargetSymbol is not INamedTypeSymbol type || type.TypeKind != TypeKind.Class
                || context.TargetNode is not TypeDeclarationSyntax declaration)
            {
                return none; // the compiler reports CS0592
            }

            if (LayerDeclaration.HasIncompleteName(type)) return none; // mid-edit: the compiler reports the missing name

            var attribute = context.Attributes[0];
            var layers = type.GetAttributes()
                .Where(a => s_layerAttributes.Contains(a.AttributeClass?.ToDisplayString()))
                .OrderBy(a => a.ApplicationSyntaxReference?.Span.Start ?? 0)
                .ToList();
            if (layers.Count > 1)
            {
                // Reported once, by the pipeline of the first layer attribute, on the second one.
                if (!SameAttribute(layers[0], attribute)) return none;
                var second = ArgumentSites.From(layers[1]);
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateAttribute, second.Attribute, type.Name,
                    ShortName(layers[0]), ShortName(layers[1])));
                return new ConvParseResult(null, new EquatableArray<DiagnosticInfo>(diagnostics));
            }

            diagnostics.AddRange(LayerDeclaration.Validate(LayerDeclaration.Read(type, declaration, ConvMembers.All(rank)),
                LocationInfo.From(declaration.Identifier)));

            if (attribute.AttributeConstructor is null || HasCompilerError(attribute))
                return new ConvParseResult(null, new EquatableArray<DiagnosticInfo>(diagnostics));

            cancellationToken.ThrowIfCancellationRequested();
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
                    default:
                        for (int axis = 0; axis < rank; axis++)
                        {
                            if (named.Key == ConvMembers.Input(rank, axis)) inputSize[axis] = reader.Int(value, named.Key, named.Key);
                        }

                        break;
                }
            }

            var spec = new ConvSpec(LayerDeclaration.ReadTarget(type), rank, inChannels, outChannels, kernel, stride, paddingKind,
                padding, dilation, groups, bias, mode, activation, slope, new Axes(inputSize), transposed, outputPadding);
            if (slopeGiven && activation != Activation.LeakyReLU)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SlopeWithoutLeakyReLU, sites["NegativeSlope"], activation));
            if (!reader.Failed) diagnostics.AddRange(ConvValidator.Validate(spec, sites));
            bool ok = !reader.Failed && diagnostics.All(d => d.Descriptor.DefaultSeverity != DiagnosticSeverity.Error);
            return new ConvParseResult(ok ? spec : null, new EquatableArray<DiagnosticInfo>(diagnostics));
        }

        private static bool SameAttribute(AttributeData a, AttributeData b) =>
            a.ApplicationSyntaxReference?.Span == b.ApplicationSyntaxReference?.Span
            && a.ApplicationSyntaxReference?.SyntaxTree == b.ApplicationSyntaxReference?.SyntaxTree;

        private static string ShortName(AttributeData attribute)
        {
            string name = attribute.AttributeClass?.Name ?? "?";
            return name.EndsWith("Attribute", System.StringComparison.Ordinal) ? name.Substring(0, name.Length - "Attribute".Length) : name;
        }

        private static bool HasCompilerError(AttributeData attribute) =>
            attribute.ConstructorArguments.Any(a => a.Kind == TypedConstantKind.Error)
            || attribute.NamedArguments.Any(a => a.Value.Kind == TypedConstantKind.Error);
    }
}
