using System.Collections.Generic;
using System.Linq;
using System.Threading;
using ConvGen.Generator.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ConvGen.Generator.Network
{
    /// <summary>
    /// Block classes (<c>[SequentialBlock]</c>, <c>[Residual]</c>, <c>[SqueezeExcitation]</c>, <c>[Concat]</c>): what they
    /// are made of, for <see cref="NetworkGraphReader"/>, and their own pipeline, which checks what can be checked without an
    /// input (each layer's arguments, names, shortcut and branches) and generates nothing: a block runs inside the networks
    /// that use it, generated for the shapes they give it.
    /// </summary>
    internal static class BlockParser
    {
        public const string SequentialBlock = nameof(SequentialBlock);
        public const string Residual = nameof(Residual);
        public const string SqueezeExcitation = nameof(SqueezeExcitation);
        public const string Concat = nameof(Concat);

        /// <summary>The class's block attribute, or null when it is not a block.</summary>
        public static AttributeData? Marker(INamedTypeSymbol type) =>
            type.GetAttributes().FirstOrDefault(a => LayerAttributes.BlockMarkers.Contains(a.AttributeClass?.ToDisplayString()));

        /// <summary>SequentialBlock, Residual, SqueezeExcitation or Concat; null when the class is not a block.</summary>
        public static string? KindOf(INamedTypeSymbol type) => Marker(type) is { } marker ? LayerAttributes.ShortName(marker) : null;

        /// <summary>The layer attributes of a network or block class, in source order.</summary>
        public static List<AttributeData> Layers(INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            var layers = type.GetAttributes()
                .Where(a => LayerAttributes.All.Contains(a.AttributeClass?.ToDisplayString()) && a.ApplicationSyntaxReference is not null)
                .ToList();
            layers.Sort((a, b) => a.ApplicationSyntaxReference!.Span.Start.CompareTo(b.ApplicationSyntaxReference!.Span.Start));
            cancellationToken.ThrowIfCancellationRequested();
            return layers;
        }

        /// <summary>A <c>[Concat]</c>'s branch classes, in order.</summary>
        public static IEnumerable<INamedTypeSymbol> Branches(AttributeData concat) =>
            concat.ConstructorArguments.Length == 1 && concat.ConstructorArguments[0].Kind == TypedConstantKind.Array
                ? concat.ConstructorArguments[0].Values.Select(v => v.Value).OfType<INamedTypeSymbol>()
                : Enumerable.Empty<INamedTypeSymbol>();

        /// <summary>The block pipeline's parse: diagnostics only (the spec is always null).</summary>
        public static ParseResult<NetworkSpec> Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            if (context.TargetSymbol is not INamedTypeSymbol type || type.TypeKind != TypeKind.Class
                || context.TargetNode is not TypeDeclarationSyntax || LayerDeclaration.HasIncompleteName(type))
            {
                return ParseResult<NetworkSpec>.None;
            }

            var markers = Markers(type);
            var marker = context.Attributes[0];
            if (markers.Count == 0 || markers[0].ApplicationSyntaxReference?.Span != marker.ApplicationSyntaxReference?.Span)
                return ParseResult<NetworkSpec>.None; // reported once, by the first marker's pipeline

            var diagnostics = new List<DiagnosticInfo>();
            Validate(type, markers, cancellationToken, diagnostics);
            return new ParseResult<NetworkSpec>(null, new EquatableArray<DiagnosticInfo>(diagnostics));
        }

        /// <summary>
        /// <c>[Block(typeof(T))]</c>'s own pipeline: on a class that is neither a network nor a block (whose pipelines read
        /// it), it would do nothing, so it is an error (CONV714), reported once, on the first. Other layer attributes beside
        /// it are already one too many (CONV004, reported by their pipelines).
        /// </summary>
        public static ParseResult<NetworkSpec> ParseUse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            if (context.TargetSymbol is not INamedTypeSymbol type || type.TypeKind != TypeKind.Class || LayerAttributes.IsNetwork(type))
                return ParseResult<NetworkSpec>.None;
            var layers = Layers(type, cancellationToken);
            var first = context.Attributes[0];
            if (layers.Any(a => LayerAttributes.ShortName(a) != LayerAttributes.BlockShortName)
                || layers[0].ApplicationSyntaxReference?.Span != first.ApplicationSyntaxReference?.Span)
            {
                return ParseResult<NetworkSpec>.None;
            }

            string block = first.ConstructorArguments.Length == 1 && first.ConstructorArguments[0].Value is INamedTypeSymbol t ? t.Name : "?";
            var diagnostic = DiagnosticInfo.Create(DiagnosticDescriptors.BlockOutsideNetwork, ArgumentSites.From(first).Attribute, block, type.Name);
            return new ParseResult<NetworkSpec>(null, new EquatableArray<DiagnosticInfo>(new[] { diagnostic }));
        }

        private static List<AttributeData> Markers(INamedTypeSymbol type) =>
            type.GetAttributes().Where(a => LayerAttributes.BlockMarkers.Contains(a.AttributeClass?.ToDisplayString()))
                .OrderBy(a => a.ApplicationSyntaxReference?.Span.Start ?? 0).ToList();

        /// <summary>A block is well formed (what its pipeline reports is an error-free list): a network uses it only then.</summary>
        public static bool IsWellFormed(INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            var markers = Markers(type);
            var diagnostics = new List<DiagnosticInfo>();
            if (markers.Count > 0) Validate(type, markers, cancellationToken, diagnostics);
            return markers.Count > 0 && LayerAttributes.NoErrors(diagnostics);
        }

        /// <summary>What can be checked on a block without an input: its kind, layers' arguments and names, shortcut, branches.</summary>
        private static void Validate(INamedTypeSymbol type, List<AttributeData> markers, CancellationToken cancellationToken, List<DiagnosticInfo> diagnostics)
        {
            var marker = markers[0];
            var site = ArgumentSites.From(marker).Attribute;
            void Problem(LocationInfo? at, string problem) =>
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BlockDefinition, at, type.Name, problem));

            string kind = LayerAttributes.ShortName(marker);
            if (markers.Count > 1) Problem(ArgumentSites.From(markers[1]).Attribute, $"it is marked [{kind}] and [{LayerAttributes.ShortName(markers[1])}]; a block is of one kind");
            if (type.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == LayerAttributes.SequentialName))
                Problem(site, "it is also a [Sequential] network; a network runs on its own, a block inside a network ([Block(typeof(...))]), so make two classes");

            var layers = Layers(type, cancellationToken);
            var declarations = layers.Select(a => a.ApplicationSyntaxReference!.GetSyntax(cancellationToken).FirstAncestorOrSelf<TypeDeclarationSyntax>()).Distinct().Count();
            if (declarations > 1) diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayersSplitAcrossDeclarations, site, type.Name));

            if (kind == Concat)
            {
                var branches = Branches(marker).ToList();
                if (branches.Count == 0) Problem(site, "[Concat] needs at least one branch: [Concat(typeof(Branch1), typeof(Branch2))]");
                foreach (var branch in branches.Where(b => KindOf(b) is null))
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotABlock, site, branch.Name));
                if (layers.Count > 0)
                    Problem(ArgumentSites.From(layers[0]).Attribute, $"a [Concat] block's branches are its layers; move [{LayerAttributes.ShortName(layers[0])}] into a branch class, or after the block in the network");
            }
            else if (layers.Count == 0)
            {
                Problem(site, "it has no layers; stack layer attributes on it in order, e.g. [Conv2d(64, 64, 3, Padding = 1)] [ReLU]");
            }

            if (kind == Residual)
            {
                if (marker.NamedArguments.FirstOrDefault(a => a.Key == "Shortcut").Value.Value is INamedTypeSymbol shortcut && KindOf(shortcut) is null)
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotABlock, ArgumentSites.From(marker)["Shortcut"], shortcut.Name));
            }

            var target = LayerDeclaration.ReadTarget(type);
            var names = new HashSet<string>();
            int index = 0;
            foreach (var layer in layers)
            {
                string module = LayerAttributes.ShortName(layer);
                var sites = ArgumentSites.From(layer);
                string name = NetworkGraphReader.NameOf(layer, index);
                if (!names.Add(name)) diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateLayerName, sites.Attribute, type.Name, name));
                object? spec = null;
                if (module == LayerAttributes.BlockShortName)
                {
                    if (layer.ConstructorArguments.Length == 1 && layer.ConstructorArguments[0].Value is INamedTypeSymbol used && KindOf(used) is null)
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotABlock, sites.Attribute, used.Name));
                }
                else if (LayerAttributes.IsReadable(layer))
                {
                    spec = NetworkGraphReader.Read(module, layer, target, diagnostics);
                }

                index += NetworkGraphReader.Indices(spec);
            }
        }
    }
}
