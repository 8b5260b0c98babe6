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

            var target = LayerDeclaration.ReadTarget(type);
            var layers = new List<NetworkLayer>();
            var reader = new NetworkGraphReader(target, diagnostics, cancellationToken, ReadAlgorithm(context.Attributes[0], diagnostics));
            var ordered = BlockParser.Layers(type, cancellationToken);
            SampleShape? output = null;
            if (input is not null)
            {
                output = reader.ReadNetwork(type, ordered, input, layers);
            }
            else
            {
                foreach (var attribute in ordered.Where(LayerAttributes.IsReadable)) // no shapes to check, but the arguments are
                    NetworkGraphReader.Read(LayerAttributes.ShortName(attribute), attribute, target, diagnostics);
            }

            bool ok = output is not null && LayerAttributes.NoErrors(diagnostics);
            return Result(ok ? new NetworkSpec(target, input!, new EquatableArray<NetworkLayer>(layers), new EquatableArray<NetworkNode>(reader.Nodes.ToArray())) : null, diagnostics);
        }

        private static ParseResult<NetworkSpec> Result(NetworkSpec? spec, List<DiagnosticInfo> diagnostics) =>
            new(spec, new EquatableArray<DiagnosticInfo>(diagnostics));

        /// <summary>The network's <c>Algorithm</c> (CONV007 when it is not a member of ConvAlgorithm).</summary>
        private static ConvAlgorithm ReadAlgorithm(AttributeData sequential, List<DiagnosticInfo> diagnostics)
        {
            var given = sequential.NamedArguments.FirstOrDefault(a => a.Key == ConvMembers.Algorithm);
            return given.Key is null ? ConvAlgorithm.Direct : new ArgumentReader(ArgumentSites.From(sequential), diagnostics).Algorithm(given.Value);
        }

        /// <summary>The sample the network takes: (InChannels, InputHeight, InputWidth), or (InFeatures); null after CONV702.</summary>
        private static SampleShape? ReadInput(AttributeData sequential, List<DiagnosticInfo> diagnostics)
        {
            var values = sequential.NamedArguments.Where(a => a.Key != ConvMembers.Algorithm).ToDictionary(a => a.Key, a => a.Value.Value as int? ?? 0);
            int Get(string key) => values.TryGetValue(key, out int v) ? v : 0;
            int channels = Get(NetworkMembers.InChannels), height = Get(NetworkMembers.InputHeight), width = Get(NetworkMembers.InputWidth);
            int features = Get(NetworkMembers.InFeatures);
            if (channels > 0 && height > 0 && width > 0 && features == 0) return SampleShape.Image(channels, height, width);
            if (features > 0 && channels == 0 && height == 0 && width == 0) return SampleShape.Features(features);

            string given = values.Count == 0 ? "nothing" : string.Join(", ", values.Select(v => $"{v.Key} = {v.Value}"));
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NetworkInput, ArgumentSites.From(sequential).Attribute, given));
            return null;
        }
    }
}
