using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using ConvGen.Generator.Common;
using ConvGen.Generator.Layers.Activations;
using ConvGen.Generator.Layers.Conv;
using ConvGen.Generator.Layers.LinearLayers;
using ConvGen.Generator.Layers.Norm;
using ConvGen.Generator.Layers.Pool;
using ConvGen.Generator.Layers.Shape;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ConvGen.Generator.Network
{
    /// <summary>
    /// Reads a <c>[Sequential]</c> class: its input, then each layer attribute in source order through its family's reader
    /// (the same checks as on a layer of its own) and <see cref="NetworkShapes"/> (the shapes chain). Never throws.
    /// </summary>
    internal static class NetworkParser
    {
        public static ParseResult<NetworkSpec> Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            if (context.TargetSymbol is not INamedTypeSymbol type || type.TypeKind != TypeKind.Class
                || context.TargetNode is not TypeDeclarationSyntax declaration || LayerDeclaration.HasIncompleteName(type))
            {
                return ParseResult<NetworkSpec>.None; // the compiler reports CS0592 or the missing name
            }

            var diagnostics = new List<DiagnosticInfo>();
            var name = LocationInfo.From(declaration.Identifier);
            diagnostics.AddRange(LayerDeclaration.Validate(LayerDeclaration.Read(type, declaration, NetworkMembers.All), name));
            var input = ReadInput(context.Attributes[0], diagnostics);

            var attributes = type.GetAttributes()
                .Where(a => LayerAttributes.All.Contains(a.AttributeClass?.ToDisplayString()) && a.ApplicationSyntaxReference is not null)
                .ToList();
            var declarations = attributes.Select(a => a.ApplicationSyntaxReference!.GetSyntax(cancellationToken).FirstAncestorOrSelf<TypeDeclarationSyntax>())
                .Distinct().ToList();
            if (attributes.Count == 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NetworkWithoutLayers, name, type.Name));
                return Result(null, diagnostics);
            }

            if (declarations.Count > 1)
            {
                var stray = attributes.First(a => a.ApplicationSyntaxReference!.GetSyntax(cancellationToken).FirstAncestorOrSelf<TypeDeclarationSyntax>() == declarations[1]);
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayersSplitAcrossDeclarations, ArgumentSites.From(stray).Attribute, type.Name));
                return Result(null, diagnostics);
            }

            attributes.Sort((a, b) => a.ApplicationSyntaxReference!.Span.Start.CompareTo(b.ApplicationSyntaxReference!.Span.Start));
            var target = LayerDeclaration.ReadTarget(type);
            var layers = new List<NetworkLayer>();
            var names = new HashSet<string>();
            SampleShape? shape = input;
            string shapeText = input?.ToString() ?? "", from = "the input";
            int index = 0;
            foreach (var attribute in attributes)
            {
                cancellationToken.ThrowIfCancellationRequested();
                string module = LayerAttributes.ShortName(attribute);
                var sites = ArgumentSites.From(attribute);
                string layerName = attribute.NamedArguments.FirstOrDefault(a => a.Key == "Name").Value.Value as string
                    ?? index.ToString(CultureInfo.InvariantCulture);
                if (!names.Add(layerName))
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateLayerName, sites.Attribute, type.Name, layerName));

                var layerDiagnostics = new List<DiagnosticInfo>();
                object? spec = LayerAttributes.IsReadable(attribute) ? Read(module, attribute, Nested(target, index), layerDiagnostics) : null;
                diagnostics.AddRange(layerDiagnostics);
                bool fused = spec is ConvSpec { Activation: not Activation.None } or LinearSpec { Activation: not Activation.None };
                if (spec is not null && shape is not null)
                {
                    var (sized, output) = NetworkShapes.Apply(spec, module, shape, shapeText, from, sites, diagnostics);
                    if (output is not null)
                    {
                        string? activationName = fused ? (index + 1).ToString(CultureInfo.InvariantCulture) : null;
                        layers.Add(new NetworkLayer(index, layerName, module, sized, shape, output, activationName));
                    }

                    shapeText = spec is FlattenSpec && shape.IsImage && output is not null ? $"{shape} = {output}" : output?.ToString() ?? "";
                    shape = output;
                }
                else
                {
                    shape = null; // a layer that can't be read: the shapes after it are unknown, so they are not checked
                }

                from = $"layer {index} ({module})";
                index += fused ? 2 : 1;
            }

            bool ok = shape is not null && LayerAttributes.NoErrors(diagnostics);
            return Result(ok ? new NetworkSpec(target, input!, new EquatableArray<NetworkLayer>(layers)) : null, diagnostics);
        }

        private static ParseResult<NetworkSpec> Result(NetworkSpec? spec, List<DiagnosticInfo> diagnostics) =>
            new(spec, new EquatableArray<DiagnosticInfo>(diagnostics));

        /// <summary>The sample the network takes: (InChannels, InputHeight, InputWidth), or (InFeatures); null after CONV702.</summary>
        private static SampleShape? ReadInput(AttributeData sequential, List<DiagnosticInfo> diagnostics)
        {
            var values = sequential.NamedArguments.ToDictionary(a => a.Key, a => a.Value.Value as int? ?? 0);
            int Get(string key) => values.TryGetValue(key, out int v) ? v : 0;
            int channels = Get(NetworkMembers.InChannels), height = Get(NetworkMembers.InputHeight), width = Get(NetworkMembers.InputWidth);
            int features = Get(NetworkMembers.InFeatures);
            if (channels > 0 && height > 0 && width > 0 && features == 0) return SampleShape.Image(channels, height, width);
            if (features > 0 && channels == 0 && height == 0 && width == 0) return SampleShape.Features(features);

            string given = values.Count == 0 ? "nothing" : string.Join(", ", values.Select(v => $"{v.Key} = {v.Value}"));
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NetworkInput, ArgumentSites.From(sequential).Attribute, given));
            return null;
        }

        /// <summary>The nested class that runs layer <paramref name="index"/>: Network.Layer{index}, in its own file.</summary>
        private static LayerTarget Nested(LayerTarget network, int index)
        {
            string name = NetworkMembers.LayerClass(index);
            var containing = network.ContainingTypes.Concat(new[] { $"partial class {network.Name}" });
            string hint = network.HintName.Substring(0, network.HintName.Length - ".g.cs".Length);
            return new LayerTarget(network.Namespace, name, new EquatableArray<string>(containing))
            {
                HintName = $"{hint}.{name}.g.cs",
                DisplayName = $"{network.DisplayName}.{name}",
            };
        }

        /// <summary>The family's reader of a layer attribute (module = the attribute's short name).</summary>
        private static object? Read(string module, AttributeData attribute, LayerTarget target, List<DiagnosticInfo> diagnostics)
        {
            if (module.StartsWith("Conv", StringComparison.Ordinal))
            {
                bool transposed = module.StartsWith("ConvTranspose", StringComparison.Ordinal);
                return ConvParser.Read(attribute, target, module[module.Length - 2] - '0', transposed, diagnostics);
            }

            if (Enum.TryParse(module, out PoolModule pool)) return PoolParser.Read(attribute, target, pool, diagnostics);
            if (ActivationParser.Modules.Contains(module)) return ActivationParser.Read(attribute, target, module, diagnostics);
            if (PadParser.Modules.Contains(module)) return PadParser.Read(attribute, target, module, diagnostics);
            return module switch
            {
                "Linear" => LinearParser.Read(attribute, target, diagnostics),
                "BatchNorm2d" => BatchNormParser.Read(attribute, target, diagnostics),
                "Flatten" => FlattenParser.Read(attribute, target, diagnostics),
                _ => null,
            };
        }
    }
}
