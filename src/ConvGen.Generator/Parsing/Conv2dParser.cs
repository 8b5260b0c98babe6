using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using ConvGen.Generator.Diagnostics;
using ConvGen.Generator.Model;
using ConvGen.Generator.Validation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ConvGen.Generator.Parsing
{
    /// <summary>What the parse step hands on: a spec when code can be generated, and the diagnostics either way.</summary>
    internal sealed record ParseResult(Conv2dSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics);

    /// <summary>
    /// Reads a <c>[Conv2d]</c> attribute and its class into a <see cref="Conv2dSpec"/>. Never throws: a malformed argument
    /// becomes a diagnostic, and an argument the compiler already rejects yields no spec and no diagnostic of ours.
    /// </summary>
    internal static class Conv2dParser
    {
        public const string AttributeName = "ConvGen.Conv2dAttribute";

        public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            var diagnostics = new List<DiagnosticInfo>();
            if (context.TargetSymbol is not INamedTypeSymbol type || type.TypeKind != TypeKind.Class
                || context.TargetNode is not TypeDeclarationSyntax declaration)
            {
                return new ParseResult(null, EquatableArray<DiagnosticInfo>.Empty); // the compiler reports CS0592
            }

            if (HasIncompleteName(type))
                return new ParseResult(null, EquatableArray<DiagnosticInfo>.Empty); // mid-edit: the compiler reports the missing name

            ImmutableArray<AttributeData> attributes = context.Attributes;
            var sites = ArgumentSites.From(attributes[0]);
            if (attributes.Length > 1)
            {
                var second = ArgumentSites.From(attributes[1]);
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateAttribute, second.Attribute, type.Name));
                return new ParseResult(null, new EquatableArray<DiagnosticInfo>(diagnostics));
            }

            diagnostics.AddRange(Conv2dValidator.ValidateDeclaration(ReadDeclaration(type, declaration), LocationInfo.From(declaration.Identifier)));

            var attribute = attributes[0];
            if (attribute.AttributeConstructor is null || HasCompilerError(attribute))
                return new ParseResult(null, new EquatableArray<DiagnosticInfo>(diagnostics));

            cancellationToken.ThrowIfCancellationRequested();
            var reader = new ArgumentReader(sites, diagnostics);
            var args = attribute.ConstructorArguments;
            int inChannels = reader.Int(args[0], "in_channels", "inChannels");
            int outChannels = reader.Int(args[1], "out_channels", "outChannels");
            Pair kernel = reader.Pair(args[2], "kernel_size", "kernelSize");
            Pair stride = Pair.Square(1), padding = Pair.Square(0), dilation = Pair.Square(1);
            var paddingKind = PaddingKind.Explicit;
            int groups = 1, inputHeight = 0, inputWidth = 0;
            bool bias = true;
            var mode = PaddingModeSpec.Zeros;
            foreach (var named in attribute.NamedArguments)
            {
                var value = named.Value;
                switch (named.Key)
                {
                    case "Stride": stride = reader.Pair(value, "stride", named.Key); break;
                    case "Dilation": dilation = reader.Pair(value, "dilation", named.Key); break;
                    case "Padding": (paddingKind, padding) = reader.Padding(value); break;
                    case "Groups": groups = reader.Int(value, "groups", named.Key); break;
                    case "Bias": bias = value.Value is true; break;
                    case "PaddingMode": mode = reader.Mode(value); break;
                    case "InputHeight": inputHeight = reader.Int(value, "InputHeight", named.Key); break;
                    case "InputWidth": inputWidth = reader.Int(value, "InputWidth", named.Key); break;
                }
            }

            var spec = new Conv2dSpec(ReadTarget(type), inChannels, outChannels, kernel, stride, paddingKind, padding, dilation,
                groups, bias, mode, inputHeight, inputWidth);
            if (!reader.Failed) diagnostics.AddRange(Conv2dValidator.Validate(spec, sites));
            bool ok = !reader.Failed && diagnostics.All(d => d.Descriptor.DefaultSeverity != DiagnosticSeverity.Error);
            return new ParseResult(ok ? spec : null, new EquatableArray<DiagnosticInfo>(diagnostics));
        }

        /// <summary>A type or namespace on the path to the class has no name (e.g. <c>namespace 1e9 Fuzz</c> while typing).</summary>
        private static bool HasIncompleteName(INamedTypeSymbol type)
        {
            for (ISymbol? s = type; s is not null and not INamespaceSymbol { IsGlobalNamespace: true }; s = s.ContainingSymbol)
            {
                if (string.IsNullOrEmpty(s.Name) || !SyntaxFacts.IsValidIdentifier(s.Name)) return true;
            }

            return false;
        }

        private static bool HasCompilerError(AttributeData attribute) =>
            attribute.ConstructorArguments.Any(a => a.Kind == TypedConstantKind.Error)
            || attribute.NamedArguments.Any(a => a.Value.Kind == TypedConstantKind.Error);

        private static DeclarationInfo ReadDeclaration(INamedTypeSymbol type, TypeDeclarationSyntax declaration)
        {
            string? nonPartial = null;
            for (var outer = type.ContainingType; outer is not null && nonPartial is null; outer = outer.ContainingType)
            {
                bool partial = outer.DeclaringSyntaxReferences
                    .Select(r => r.GetSyntax())
                    .OfType<TypeDeclarationSyntax>()
                    .All(d => d.Modifiers.Any(SyntaxKind.PartialKeyword));
                if (!partial) nonPartial = outer.Name;
            }

            return new DeclarationInfo(
                type.Name,
                declaration.Modifiers.Any(SyntaxKind.PartialKeyword),
                type.IsStatic,
                type.Arity > 0,
                type.IsRecord,
                declaration.Modifiers.Any(SyntaxKind.FileKeyword),
                nonPartial,
                ConflictingMember(type));
        }

        /// <summary>Names every generated layer declares (LayerEmitter), whatever the signature.</summary>
        private static readonly string[] s_generatedNames =
        {
            "InChannels", "OutChannels", "KernelHeight", "KernelWidth", "StrideHeight", "StrideWidth", "PaddingTop",
            "PaddingBottom", "PaddingLeft", "PaddingRight", "DilationHeight", "DilationWidth", "Groups", "HasBias",
            "PaddingMode", "WeightLength", "BiasLength", "InputHeight", "InputWidth", "OutputHeight", "OutputWidth",
            "InputLength", "OutputLength", "Parameters", "GetOutputHeight", "GetOutputWidth", "TileChannels",
            "s_convParameters", "_convWeights", "_convBias",
        };

        /// <summary>
        /// A member of the user's class that the generated part would declare again (so the generated code would not
        /// compile): one of the generated names, or a constructor or <c>Forward</c> whose parameters are all
        /// ReadOnlySpan&lt;float&gt;/Span&lt;float&gt;/int like the generated ones.
        /// </summary>
        private static string? ConflictingMember(INamedTypeSymbol type)
        {
            foreach (var member in type.GetMembers())
            {
                if (member.IsImplicitlyDeclared) continue;
                if (System.Array.IndexOf(s_generatedNames, member.Name) >= 0) return member.Name;
                if (member is IMethodSymbol { MethodKind: MethodKind.Constructor or MethodKind.Ordinary } method
                    && (method.MethodKind == MethodKind.Constructor || method.Name == "Forward")
                    && method.Parameters.Length > 0
                    && method.Parameters.All(p => p.Type.SpecialType == SpecialType.System_Int32
                        || p.Type is INamedTypeSymbol { Name: "ReadOnlySpan" or "Span", TypeArguments.Length: 1 } span
                            && span.TypeArguments[0].SpecialType == SpecialType.System_Single))
                {
                    return method.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
                }
            }

            return null;
        }

        private static LayerTarget ReadTarget(INamedTypeSymbol type)
        {
            string? ns = type.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : null;
            var containing = new List<INamedTypeSymbol>();
            for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
                containing.Insert(0, outer);

            var headers = containing.Select(t => $"partial {Keyword(t)} {t.Name}{TypeParameters(t)}");
            var path = containing.Select(t => t.Arity > 0 ? $"{t.Name}`{t.Arity}" : t.Name).Concat(new[] { type.Name });
            string dotted = string.Join(".", path);
            return new LayerTarget(ns, type.Name, new EquatableArray<string>(headers))
            {
                HintName = (ns is null ? "" : ns + ".") + dotted + ".g.cs",
                DisplayName = (ns is null ? "" : ns + ".") + dotted,
            };
        }

        private static string Keyword(INamedTypeSymbol type) => type switch
        {
            { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
            { IsRecord: true } => "record",
            { TypeKind: TypeKind.Struct } => "struct",
            { TypeKind: TypeKind.Interface } => "interface",
            _ => "class",
        };

        private static string TypeParameters(INamedTypeSymbol type) =>
            type.TypeParameters.Length == 0 ? "" : "<" + string.Join(", ", type.TypeParameters.Select(p => p.Name)) + ">";
    }
}
