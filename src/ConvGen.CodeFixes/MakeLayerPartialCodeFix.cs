using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;

namespace ConvGen.CodeFixes
{
    /// <summary>CONV301 (layer class must be partial): add <c>partial</c> to the class.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakeLayerPartialCodeFix)), Shared]
    public sealed class MakeLayerPartialCodeFix : ConvGenCodeFixProvider
    {
        /// <summary>Equivalence key of this fix (the same for every diagnostic, so Fix All can apply it everywhere).</summary>
        public const string EquivalenceKey = "ConvGen.CONV301.AddPartial";

        /// <inheritdoc />
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("CONV301");

        internal override IEnumerable<Fix> GetFixes(SyntaxNode root, SemanticModel model, TextSpan span, CancellationToken cancellationToken)
        {
            if (PartialModifier.DeclarationAt(root, span) is not { } layer || PartialModifier.Has(layer)) yield break;
            yield return new Fix($"Make '{layer.Identifier.ValueText}' partial", EquivalenceKey, new Edit(layer, PartialModifier.Add));
        }
    }
}
