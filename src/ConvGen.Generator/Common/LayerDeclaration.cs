using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ConvGen.Generator.Common
{
    /// <summary>The class that receives a layer: its namespace, name and the chain of types it is nested in, as C# source.</summary>
    /// <param name="Namespace">Null for the global namespace; keywords escaped (<c>@class.Models</c>).</param>
    /// <param name="Name">The class name as it must be written in C# (<c>@class</c> for a class named with a keyword).</param>
    /// <param name="ContainingTypes">Declaration headers, outermost first, e.g. <c>partial class Outer&lt;T&gt;</c>.</param>
    internal sealed record LayerTarget(string? Namespace, string Name, EquatableArray<string> ContainingTypes)
    {
        /// <summary>Stable hint name: Namespace.Outer.Name.g.cs (generic arity as `n).</summary>
        public string HintName { get; init; } = Name + ".g.cs";

        /// <summary>Fully qualified display name, for messages.</summary>
        public string DisplayName { get; init; } = Name;

        /// <summary>The name without a verbatim <c>@</c>, for generated identifiers built from it.</summary>
        public string PlainName => Name.TrimStart('@');
    }

    /// <summary>Facts about the declaration that decide whether code can be generated for it.</summary>
    internal sealed record DeclarationInfo(
        string Name,
        bool IsPartial,
        bool IsStatic,
        bool IsGeneric,
        bool IsRecord,
        bool IsFileLocal,
        string? NonPartialContainingType,
        string? ConflictingMember,
        bool HasPrimaryConstructor = false);

    /// <summary>What every layer family reads and checks about the class its attribute is on (CONV301–CONV307).</summary>
    internal static class LayerDeclaration
    {
        private static readonly SymbolDisplayFormat s_namespaceFormat = new(
            globalNamespaceStyle: SymbolDisplayGlobalNamespaceStyle.Omitted,
            typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
            miscellaneousOptions: SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers);

        /// <summary>A type or namespace on the path to the class has no name (e.g. <c>namespace 1e9 Fuzz</c> while typing).</summary>
        public static bool HasIncompleteName(INamedTypeSymbol type)
        {
            for (ISymbol? s = type; s is not null and not INamespaceSymbol { IsGlobalNamespace: true }; s = s.ContainingSymbol)
            {
                if (string.IsNullOrEmpty(s.Name) || !SyntaxFacts.IsValidIdentifier(s.Name)) return true;
            }

            return false;
        }

        public static DeclarationInfo Read(INamedTypeSymbol type, TypeDeclarationSyntax declaration, IReadOnlyCollection<string> generatedNames)
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
                ConflictingMember(type, generatedNames),
                type.DeclaringSyntaxReferences.Select(r => r.GetSyntax()).OfType<TypeDeclarationSyntax>().Any(d => d.ParameterList is not null));
        }

        public static IEnumerable<DiagnosticInfo> Validate(DeclarationInfo declaration, LocationInfo? name)
        {
            if (declaration.IsRecord) yield return DiagnosticInfo.Create(DiagnosticDescriptors.RecordLayer, name, declaration.Name);
            if (!declaration.IsPartial) yield return DiagnosticInfo.Create(DiagnosticDescriptors.NotPartial, name, declaration.Name);
            if (declaration.NonPartialContainingType is { } outer)
                yield return DiagnosticInfo.Create(DiagnosticDescriptors.ContainingTypeNotPartial, name, declaration.Name, outer);
            if (declaration.IsGeneric) yield return DiagnosticInfo.Create(DiagnosticDescriptors.GenericLayer, name, declaration.Name);
            if (declaration.IsStatic) yield return DiagnosticInfo.Create(DiagnosticDescriptors.StaticLayer, name, declaration.Name);
            if (declaration.IsFileLocal) yield return DiagnosticInfo.Create(DiagnosticDescriptors.FileLocalLayer, name, declaration.Name);
            if (declaration.HasPrimaryConstructor) yield return DiagnosticInfo.Create(DiagnosticDescriptors.PrimaryConstructorLayer, name, declaration.Name);
            if (declaration.ConflictingMember is { } member)
                yield return DiagnosticInfo.Create(DiagnosticDescriptors.MemberConflict, name, declaration.Name, member);
        }

        /// <summary>
        /// A member of the user's class that the generated part would declare again (so the generated code would not
        /// compile): one of <paramref name="generatedNames"/>, or a constructor or <c>Forward</c> whose parameters are all
        /// ReadOnlySpan&lt;float&gt;/Span&lt;float&gt;/int like the generated ones.
        /// </summary>
        private static string? ConflictingMember(INamedTypeSymbol type, IReadOnlyCollection<string> generatedNames)
        {
            foreach (var member in type.GetMembers())
            {
                if (member.IsImplicitlyDeclared) continue;
                // A primary constructor is CONV308's, not a member the generated part would declare again.
                if (member is IMethodSymbol { MethodKind: MethodKind.Constructor } ctor
                    && ctor.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is TypeDeclarationSyntax)) continue;
                if (generatedNames.Contains(member.Name)) return member.Name;
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

        public static LayerTarget ReadTarget(INamedTypeSymbol type)
        {
            string? ns = type.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString(s_namespaceFormat) : null;
            var containing = new List<INamedTypeSymbol>();
            for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
                containing.Insert(0, outer);

            var headers = containing.Select(t => $"partial {Keyword(t)} {Escaped(t.Name)}{TypeParameters(t)}");
            var path = containing.Select(t => t.Arity > 0 ? $"{t.Name}`{t.Arity}" : t.Name).Concat(new[] { type.Name });
            string dotted = string.Join(".", path);
            // Hint and display names are plain text: the names without a verbatim @.
            var namespaces = new List<string>();
            for (var n2 = type.ContainingNamespace; n2 is { IsGlobalNamespace: false }; n2 = n2.ContainingNamespace) namespaces.Insert(0, n2.Name);
            string plainNamespace = namespaces.Count == 0 ? "" : string.Join(".", namespaces) + ".";
            return new LayerTarget(ns, Escaped(type.Name), new EquatableArray<string>(headers))
            {
                HintName = plainNamespace + dotted + ".g.cs",
                DisplayName = plainNamespace + dotted,
            };
        }

        /// <summary>A name as C# source: a keyword used as a name (<c>class</c>) is written <c>@class</c>.</summary>
        private static string Escaped(string name) => SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

        private static string Keyword(INamedTypeSymbol type) => type switch
        {
            { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
            { IsRecord: true } => "record",
            { TypeKind: TypeKind.Struct } => "struct",
            { TypeKind: TypeKind.Interface } => "interface",
            _ => "class",
        };

        private static string TypeParameters(INamedTypeSymbol type) =>
            type.TypeParameters.Length == 0 ? "" : "<" + string.Join(", ", type.TypeParameters.Select(p => Escaped(p.Name))) + ">";
    }
}
