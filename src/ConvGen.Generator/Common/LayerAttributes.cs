using System;
using System.Collections.Generic;
using System.Threading;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ConvGen.Generator.Common
{
    /// <summary>
    /// Every layer attribute of the runtime (the one list: CONV004 checks against it) and the checks every layer
    /// family's parser starts with.
    /// </summary>
    internal static class LayerAttributes
    {
        /// <summary>Metadata names of the layer attributes; a class carries at most one (CONV004).</summary>
        public static readonly IReadOnlyList<string> All = new[]
        {
            "Conv1d", "Conv2d", "Conv3d", "ConvTranspose1d", "ConvTranspose2d", "ConvTranspose3d",
            "MaxPool2d", "AvgPool2d", "MaxUnpool2d", "AdaptiveAvgPool2d", "AdaptiveMaxPool2d",
            "Linear", "ReLU", "ReLU6", "LeakyReLU", "Sigmoid", "Tanh", "Hardsigmoid", "Hardswish", "SiLU", "GELU", "Softmax", "Dropout",
            "BatchNorm2d", "Flatten", "ZeroPad2d", "ReflectionPad2d", "ReplicationPad2d", "ConstantPad2d", BlockShortName,
        }.Select(MetadataName).ToArray();

        /// <summary><c>[Block(typeof(T))]</c>: a block class used as one layer of a network or block.</summary>
        public const string BlockShortName = "Block";

        /// <summary>The attributes that make a class a block (a network's layer defined once, used by <c>[Block]</c>).</summary>
        public static readonly IReadOnlyList<string> BlockMarkers = new[] { "SequentialBlock", "Residual", "SqueezeExcitation", "Concat" }
            .Select(MetadataName).ToArray();

        /// <summary>The network attribute: a class that carries it is a network, its layer attributes its layers.</summary>
        public const string SequentialName = "ConvGen.SequentialAttribute";

        /// <summary>
        /// A layer family's parse step: <see cref="Begin"/>, then <paramref name="read"/> (attribute, the class as target,
        /// diagnostics → spec or null) on the class's attribute.
        /// </summary>
        public static ParseResult<TSpec> Parse<TSpec>(GeneratorAttributeSyntaxContext context, IReadOnlyCollection<string> generatedNames,
            CancellationToken cancellationToken, Func<AttributeData, LayerTarget, List<DiagnosticInfo>, TSpec?> read)
            where TSpec : class
        {
            var diagnostics = new List<DiagnosticInfo>();
            var type = Begin(context, generatedNames, diagnostics);
            cancellationToken.ThrowIfCancellationRequested();
            var spec = type is null ? null : read(context.Attributes[0], LayerDeclaration.ReadTarget(type), diagnostics);
            return new ParseResult<TSpec>(spec, new EquatableArray<DiagnosticInfo>(diagnostics));
        }

        /// <summary><c>ConvGen.{name}Attribute</c>.</summary>
        public static string MetadataName(string layer) => $"ConvGen.{layer}Attribute";

        /// <summary>
        /// The checks before a layer attribute's arguments are read: the target is a named class (else the compiler
        /// reports it), it is its only layer attribute (CONV004, reported once, by the first attribute's pipeline, on the
        /// second), and its declaration can take generated members named <paramref name="generatedNames"/> (CONV3xx).
        /// Returns the class, or null when no spec can be made; <paramref name="diagnostics"/> gets what is reported.
        /// </summary>
        public static INamedTypeSymbol? Begin(GeneratorAttributeSyntaxContext context, IReadOnlyCollection<string> generatedNames,
            List<DiagnosticInfo> diagnostics)
        {
            if (context.TargetSymbol is not INamedTypeSymbol type || type.TypeKind != TypeKind.Class
                || context.TargetNode is not TypeDeclarationSyntax declaration)
            {
                return null; // the compiler reports CS0592
            }

            if (LayerDeclaration.HasIncompleteName(type)) return null; // mid-edit: the compiler reports the missing name
            if (IsNetwork(type)) return null; // the network's own pipeline reads its layers

            var attribute = context.Attributes[0];
            var layers = type.GetAttributes()
                .Where(a => All.Contains(a.AttributeClass?.ToDisplayString()))
                .OrderBy(a => a.ApplicationSyntaxReference?.Span.Start ?? 0)
                .ToList();
            if (layers.Count > 1)
            {
                if (!SameAttribute(layers[0], attribute)) return null;
                var second = ArgumentSites.From(layers[1]);
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateAttribute, second.Attribute, type.Name,
                    ShortName(layers[0]), ShortName(layers[1])));
                return null;
            }

            diagnostics.AddRange(LayerDeclaration.Validate(LayerDeclaration.Read(type, declaration, generatedNames),
                LocationInfo.From(declaration.Identifier)));
            return IsReadable(attribute) ? type : null;
        }

        /// <summary>The class carries <c>[Sequential]</c> or a block marker: its layer attributes are a network's or block's.</summary>
        public static bool IsNetwork(INamedTypeSymbol type) =>
            type.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() is { } name && (name == SequentialName || BlockMarkers.Contains(name)));

        /// <summary>No error among <paramref name="diagnostics"/>: the spec can be emitted.</summary>
        public static bool NoErrors(IEnumerable<DiagnosticInfo> diagnostics) =>
            diagnostics.All(d => d.Descriptor.DefaultSeverity != DiagnosticSeverity.Error);

        private static bool SameAttribute(AttributeData a, AttributeData b) =>
            a.ApplicationSyntaxReference?.Span == b.ApplicationSyntaxReference?.Span
            && a.ApplicationSyntaxReference?.SyntaxTree == b.ApplicationSyntaxReference?.SyntaxTree;

        public static string ShortName(AttributeData attribute)
        {
            string name = attribute.AttributeClass?.Name ?? "?";
            return name.EndsWith("Attribute", System.StringComparison.Ordinal) ? name.Substring(0, name.Length - "Attribute".Length) : name;
        }

        /// <summary>The compiler bound the attribute to a constructor and reports no error in its arguments: a family's reader
        /// may read it (otherwise the compiler's error is the one to show, mid-edit).</summary>
        public static bool IsReadable(AttributeData attribute) => attribute.AttributeConstructor is not null && !HasCompilerError(attribute);

        private static bool HasCompilerError(AttributeData attribute) =>
            attribute.ConstructorArguments.Any(a => a.Kind == TypedConstantKind.Error)
            || attribute.NamedArguments.Any(a => a.Value.Kind == TypedConstantKind.Error);
    }
}
