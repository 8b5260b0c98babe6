using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace ConvGen.CodeFixes
{
    /// <summary>
    /// CONV302 (containing type must be partial): add <c>partial</c> to every type the layer is nested in that lacks it
    /// (the diagnostic names the innermost one; the generated part repeats them all).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakeContainingTypesPartialCodeFix)), Shared]
    public sealed class MakeContainingTypesPartialCodeFix : ConvGenCodeFixProvider
    {
        /// <summary>Equivalence key of this fix (the same for every diagnostic, so Fix All can apply it everywhere).</summary>
        public const string EquivalenceKey = "ConvGen.CONV302.AddPartialToContainingTypes";

        /// <inheritdoc />
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("CONV302");

        internal override IEnumerable<Fix> GetFixes(SyntaxNode root, SemanticModel model, TextSpan span, CancellationToken cancellationToken)
        {
            if (PartialModifier.DeclarationAt(root, span) is not { } layer) yield break;
            var outers = layer.Ancestors().OfType<TypeDeclarationSyntax>().Where(t => !PartialModifier.Has(t)).Reverse().ToList();
            if (outers.Count == 0) yield break;

            var names = outers.Select(t => $"'{t.Identifier.ValueText}'").ToList();
            string list = names.Count == 1 ? names[0] : string.Join(", ", names.Take(names.Count - 1)) + " and " + names[names.Count - 1];
            yield return new Fix($"Make {list} partial", EquivalenceKey,
                outers.Select(t => new Edit(t, PartialModifier.Add)).ToArray());
        }
    }
}
