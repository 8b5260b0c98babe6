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
    /// CONV104 (<c>Padding = "same"</c> with a stride above 1): either drop the stride (stride 1, where "same" is
    /// allowed) or keep the stride and write the padding PyTorch users write for it, <c>dilation·(kernel−1)/2</c> per axis.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SameWithStrideCodeFix)), Shared]
    public sealed class SameWithStrideCodeFix : ConvGenCodeFixProvider
    {
        /// <summary>Equivalence key of this fix (the same for every diagnostic, so Fix All can apply it everywhere).</summary>
        public const string RemoveStrideKey = "ConvGen.CONV104.RemoveStride";
        /// <summary>Equivalence key of this fix (the same for every diagnostic, so Fix All can apply it everywhere).</summary>
        public const string ExplicitPaddingKey = "ConvGen.CONV104.ExplicitPadding";

        /// <inheritdoc />
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("CONV104");

        internal override IEnumerable<Fix> GetFixes(SyntaxNode root, SemanticModel model, TextSpan span, CancellationToken cancellationToken)
        {
            if (ConvAttributeSyntax.At(root, model, span, cancellationToken) is not { } conv) yield break;
            var padding = conv.Argument("Padding");
            var stride = conv.Argument("Stride");
            if (padding is null || stride is null || conv.Syntax.ArgumentList is not { } arguments) yield break;

            yield return new Fix($"Remove '{stride.ToString()}' (stride 1 allows padding \"same\")", RemoveStrideKey,
                new Edit(arguments, list => list is AttributeArgumentListSyntax l && l.Arguments.IndexOf(a => a.IsEquivalentTo(stride)) is var i and >= 0
                    ? l.WithArguments(l.Arguments.RemoveAt(i))
                    : list));

            if (conv.Kernel is { } kernel && conv.NamedPerAxis("Dilation", 1) is { } dilation && kernel.All(k => k > 0) && dilation.All(d => d > 0))
            {
                int[] explicitPadding = kernel.Select((k, i) => dilation[i] * (k - 1) / 2).ToArray();
                yield return new Fix($"Replace \"same\" with Padding = {ConvAttributeSyntax.Describe(explicitPadding)}", ExplicitPaddingKey,
                    new Edit(padding, node => ConvAttributeSyntax.WithValue(node, ConvAttributeSyntax.IntOrAxes(explicitPadding))));
            }
        }
    }
}
