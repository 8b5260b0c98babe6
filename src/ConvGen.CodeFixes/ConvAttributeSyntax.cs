using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace ConvGen.CodeFixes
{
    /// <summary>
    /// A convolution attribute (<c>[Conv1d]</c> … <c>[ConvTranspose3d]</c>) as written (its arguments, found by name like the
    /// generator's ArgumentSites) and as the compiler evaluated it (constants, so <c>Groups = G</c> or <c>new[] { K, K }</c>
    /// read like literals). Per-axis values have <see cref="Rank"/> entries.
    /// </summary>
    internal sealed class ConvAttributeSyntax
    {
        private const string BaseAttributeName = "ConvGen.ConvAttribute";
        private static readonly string[] s_constructorParameters = { "inChannels", "outChannels", "kernelSize" };

        private readonly AttributeData _data;

        private ConvAttributeSyntax(AttributeSyntax syntax, AttributeData data, int rank)
        {
            Syntax = syntax;
            _data = data;
            Rank = rank;
        }

        public AttributeSyntax Syntax { get; }

        /// <summary>Spatial axes: the digit in the attribute's name (Conv2d, ConvTranspose3d, …).</summary>
        public int Rank { get; }

        /// <summary>The convolution attribute that contains <paramref name="span"/> (a diagnostic on one of its arguments).</summary>
        public static ConvAttributeSyntax? At(SyntaxNode root, SemanticModel model, TextSpan span, CancellationToken cancellationToken)
        {
            if (span.Start < 0 || span.End > root.FullSpan.End) return null;
            var attribute = root.FindNode(span, getInnermostNodeForTie: true).FirstAncestorOrSelf<AttributeSyntax>();
            if (attribute?.Parent?.Parent is not TypeDeclarationSyntax declaration) return null;
            if (model.GetDeclaredSymbol(declaration, cancellationToken) is not INamedTypeSymbol type) return null;

            var data = type.GetAttributes().FirstOrDefault(a =>
                a.ApplicationSyntaxReference is { } reference
                && reference.SyntaxTree == attribute.SyntaxTree
                && reference.Span == attribute.Span
                && a.AttributeClass?.BaseType is { } parent
                && (parent.ToDisplayString() == BaseAttributeName || parent.BaseType?.ToDisplayString() == BaseAttributeName));
            if (data is null || data.AttributeConstructor is null || data.ConstructorArguments.Length != 3) return null;
            char digit = data.AttributeClass!.Name.FirstOrDefault(char.IsDigit);
            return digit is >= '1' and <= '3' ? new ConvAttributeSyntax(attribute, data, digit - '0') : null;
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

        public int[]? Kernel => PerAxis(_data.ConstructorArguments[2]);

        /// <summary>A named int property (<paramref name="fallback"/> when not written).</summary>
        public int? NamedInt(string name, int fallback) => Named(name) is { } value ? Int(value) : fallback;

        /// <summary>A named per-axis property (<paramref name="fallback"/> on every axis when not written).</summary>
        public int[]? NamedPerAxis(string name, int fallback) => Named(name) is { } value ? PerAxis(value) : Enumerable.Repeat(fallback, Rank).ToArray();

        /// <summary>The argument with its value replaced by <paramref name="value"/> (name and trivia kept).</summary>
        public static SyntaxNode WithValue(SyntaxNode argument, ExpressionSyntax value) =>
            argument is AttributeArgumentSyntax a ? a.WithExpression(value.WithTriviaFrom(a.Expression)) : argument;

        public static ExpressionSyntax Literal(int value) =>
            SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(value));

        /// <summary>An int when every axis has it, else <c>new[] { h, w }</c>, the forms the generator accepts.</summary>
        public static ExpressionSyntax IntOrAxes(int[] values) => SyntaxFactory.ParseExpression(Describe(values));

        public static string Describe(int[] values) =>
            values.All(v => v == values[0]) ? $"{values[0]}" : $"new[] {{ {string.Join(", ", values)} }}";

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

        private int[]? PerAxis(TypedConstant value)
        {
            if (Int(value) is { } all) return Enumerable.Repeat(all, Rank).ToArray();
            if (value.Kind == TypedConstantKind.Array && !value.IsNull && value.Values.Length == Rank && value.Values.All(v => v.Value is int))
                return value.Values.Select(v => (int)v.Value!).ToArray();
            return null;
        }
    }
}
