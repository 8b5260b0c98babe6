using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ConvGen.CodeFixes
{
    /// <summary>Adds <c>partial</c> to a type declaration, where C# wants it: last, right before class/struct/record.</summary>
    internal static class PartialModifier
    {
        public static bool Has(TypeDeclarationSyntax type) => type.Modifiers.Any(SyntaxKind.PartialKeyword);

        public static SyntaxNode Add(SyntaxNode node)
        {
            if (node is not TypeDeclarationSyntax type || Has(type)) return node;
            if (type.Modifiers.Count == 0)
            {
                // `class C` → `partial class C`: the keyword's indentation moves to the new first token.
                var keyword = type.Keyword;
                var partial = SyntaxFactory.Token(keyword.LeadingTrivia, SyntaxKind.PartialKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
                return type.WithKeyword(keyword.WithLeadingTrivia()).WithModifiers(SyntaxFactory.TokenList(partial));
            }

            return type.WithModifiers(type.Modifiers.Add(SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space)));
        }

        /// <summary>The declaration whose name the diagnostic underlines (CONV301, CONV302 are on the class identifier).</summary>
        public static TypeDeclarationSyntax? DeclarationAt(SyntaxNode root, Microsoft.CodeAnalysis.Text.TextSpan span)
        {
            if (span.Start < 0 || span.End > root.FullSpan.End) return null;
            return root.FindToken(span.Start).Parent?.FirstAncestorOrSelf<TypeDeclarationSyntax>();
        }
    }
}
