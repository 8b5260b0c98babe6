using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace ConvGen.CodeFixes
{
    /// <summary>
    /// CONV707 on a <c>[Linear]</c> of a network that gets an image: put <c>[Flatten]</c> before it (what nn.Sequential
    /// models do). A Linear alone in its attribute list gets a list of its own before it (<c>[Flatten] [Linear(…)]</c>);
    /// in a list with others, Flatten goes into the list just before it.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(InsertFlattenCodeFix)), Shared]
    public sealed class InsertFlattenCodeFix : ConvGenCodeFixProvider
    {
        /// <summary>Equivalence key of this fix (the same for every diagnostic, so Fix All can apply it everywhere).</summary>
        public const string EquivalenceKey = "ConvGen.CONV707.InsertFlatten";

        /// <inheritdoc />
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("CONV707");

        internal override IEnumerable<Fix> GetFixes(SyntaxNode root, SemanticModel model, TextSpan span, CancellationToken cancellationToken)
        {
            if (root.FindNode(span).FirstAncestorOrSelf<AttributeSyntax>() is not { Parent: AttributeListSyntax list } linear) yield break;
            if (model.GetSymbolInfo(linear, cancellationToken).Symbol?.ContainingType?.ToDisplayString() != "ConvGen.LinearAttribute") yield break;

            var flatten = SyntaxFactory.Attribute(SyntaxFactory.IdentifierName("Flatten"));
            const string title = "Put [Flatten] before [Linear]";
            if (list.Attributes.Count > 1)
            {
                int position = list.Attributes.IndexOf(linear);
                yield return new Fix(title, EquivalenceKey,
                    new Edit(list, node => ((AttributeListSyntax)node).WithAttributes(((AttributeListSyntax)node).Attributes.Insert(position, flatten))));
                yield break;
            }

            // A list of its own just before the Linear's, on the same line: "[Flatten] [Linear(400, 10)]".
            if (list.Parent is not MemberDeclarationSyntax owner) yield break;
            int index = owner.AttributeLists.IndexOf(list);
            yield return new Fix(title, EquivalenceKey, new Edit(owner, node =>
            {
                var member = (MemberDeclarationSyntax)node;
                var target = member.AttributeLists[index];
                // Whitespace normalised, so no elastic trivia is left for the formatter to put the list on a line of its own.
                var added = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(flatten)).NormalizeWhitespace()
                    .WithLeadingTrivia(target.GetLeadingTrivia())
                    .WithTrailingTrivia(SyntaxFactory.Space);
                return member.WithAttributeLists(member.AttributeLists.Replace(target, target.WithLeadingTrivia()).Insert(index, added));
            }));
        }
    }
}
