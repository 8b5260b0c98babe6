using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace ConvGen.CodeFixes
{
    /// <summary>
    /// A <c>[Conv2d(...)]</c> as written (its arguments, found by name like the generator's ArgumentSites) and as the
    /// compiler evaluated it (constants, so <c>Groups = G</c> or <c>new[] { K, K }</c> read like literals).
    /// </summary>
    internal sealed class Conv2dAttributeSyntax
    {
        private const string AttributeName = "ConvGen.Conv2dAttribute";
        private static readonly string[] s_constructorParameters = { "inChannels", "outChannels", "kernelSize" };

        private readonly AttributeData _data;

        private Conv2dAttributeSyntax(AttributeSyntax syntax, AttributeData data)
        {
            Syntax = syntax;
            _data = data;
        }

        public AttributeSyntax Syntax { get; }

        /// <summary>The <c>[Conv2d]</c> that contains <paramref name="span"/> (a diagnostic on one of its arguments).</summary>
        public static Conv2dAttributeSyntax? At(SyntaxNode root, SemanticModel model, TextSpan span, CancellationToken cancellationToken)
        {
            if (span.Start < 0 || span.End > root.FullSpan.End) return null;
            var attribute = root.FindNode(span, getInnermostNodeForTie: true).FirstAncestorOrSelf<AttributeSyntax>();
            if (attribute?.Parent?.Parent is not TypeDeclarationSyntax declaration) return null;
            if (model.GetDeclaredSymbol(declaration, cancellationToken) is not INamedTypeSymbol type) return null;

            var data = type.GetAttributes().FirstOrDefault(a =>
                a.ApplicationSyntaxReference is { } reference
                && reference.SyntaxTree == attribute.SyntaxTree
                && reference.Span == attribute.Span
                && a.AttributeClass?.ToDisplayString() == AttributeName);
            if (data is null || data.AttributeConstructor is null || data.ConstructorArguments.Length != 3) return null;
            return new Conv2dAttributeSyntax(attribute, data);
        }

        /// <summary>The argument written for constructor parameter or property <paramref name="name"/>, if any.</summary>
        public AttributeArgumentSyntax? Argument(string name)
        {
            if (Syntax.ArgumentList is null) return null;
            int position = 0;
            foreach (var argument in Syntax.ArgumentList.Arguments)
            {
                string? argumentName = argument.NameEquals?.Name.Identifier.ValueText
                    ?? argument.NameColon?.Name.Identifier.ValueText
                    ?? (position < s_constructorParameters.Length ? s_constructorParameters[position] : null);
                if (argument.NameEquals is null && argument.NameColon is null) position++;
                if (argumentName == name) return argument;
            }

            return null;
        }

        public int? InChannels => Int(_data.ConstructorArguments[0]);

        public int? OutChannels => Int(_data.ConstructorArguments[1]);

        public (int Height, int Width)? Kernel => Pair(_data.ConstructorArguments[2]);

        /// <summary>A named int property (<paramref name="fallback"/> when not written).</summary>
        public int? NamedInt(string name, int fallback) => Named(name) is { } value ? Int(value) : fallback;

        /// <summary>A named int-or-pair property (<paramref name="fallback"/> on both axes when not written).</summary>
        public (int Height, int Width)? NamedPair(string name, int fallback) => Named(name) is { } value ? Pair(value) : (fallback, fallback);

        /// <summary>The argument with its value replaced by <paramref name="value"/> (name and trivia kept).</summary>
        public static SyntaxNode WithValue(SyntaxNode argument, ExpressionSyntax value) =>
            argument is AttributeArgumentSyntax a ? a.WithExpression(value.WithTriviaFrom(a.Expression)) : argument;

        public static ExpressionSyntax Literal(int value) =>
            SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(value));

        /// <summary>An int when both axes are equal, else <c>new[] { h, w }</c>, the forms the generator accepts.</summary>
        public static ExpressionSyntax IntOrPair(int height, int width) =>
            height == width ? Literal(height) : SyntaxFactory.ParseExpression($"new[] {{ {height}, {width} }}");

        public static string Describe(int height, int width) => height == width ? $"{height}" : $"new[] {{ {height}, {width} }}";

        private TypedConstant? Named(string name)
        {
            foreach (var argument in _data.NamedArguments)
            {
                if (argument.Key == name) return argument.Value;
            }

            return null;
        }

        private static int? Int(TypedConstant value) =>
            value.Kind == TypedConstantKind.Primitive && value.Value is int i ? i : null;

        private static (int Height, int Width)? Pair(TypedConstant value)
        {
            if (Int(value) is { } square) return (square, square);
            if (value.Kind == TypedConstantKind.Array && !value.IsNull && value.Values.Length == 2
                && value.Values[0].Value is int h && value.Values[1].Value is int w)
            {
                return (h, w);
            }

            return null;
        }
    }
}
