using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;

namespace ConvGen.CodeFixes
{
    /// <summary>
    /// One way to fix a diagnostic: a title the user reads, an equivalence key that groups the same kind of fix across
    /// diagnostics (Fix All), and node rewrites on the document's syntax root.
    /// </summary>
    internal sealed class Fix
    {
        public Fix(string title, string equivalenceKey, params Edit[] edits)
        {
            Title = title;
            EquivalenceKey = equivalenceKey;
            Edits = edits;
        }

        public string Title { get; }

        public string EquivalenceKey { get; }

        public IReadOnlyList<Edit> Edits { get; }
    }

    /// <summary>
    /// Rewrites <see cref="Target"/>: <see cref="Rewrite"/> receives the node with any edits of its descendants already
    /// applied, so edits of nested types compose.
    /// </summary>
    internal sealed class Edit
    {
        public Edit(SyntaxNode target, System.Func<SyntaxNode, SyntaxNode> rewrite)
        {
            Target = target;
            Rewrite = rewrite;
        }

        public SyntaxNode Target { get; }

        public System.Func<SyntaxNode, SyntaxNode> Rewrite { get; }
    }

    /// <summary>
    /// Common plumbing of ConvGen's code fixes. The diagnostics come from the generator, not an analyzer; the IDE hands
    /// them to code fixes since Visual Studio 17.7 (dotnet/roslyn#67953). A fixer only needs the diagnostic's span: it
    /// re-reads everything else from the syntax and the semantic model, so the diagnostics carry no extra properties.
    /// </summary>
    public abstract class ConvGenCodeFixProvider : CodeFixProvider
    {
        /// <inheritdoc />
        public sealed override FixAllProvider GetFixAllProvider() => new FixAllInDocuments(this);

        /// <inheritdoc />
        public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var document = context.Document;
            var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || model is null) return;

            // Two diagnostics can share a span (CONV103 for in_channels and out_channels on the same Groups argument):
            // offer each fix once.
            var offered = new HashSet<string>();
            foreach (var diagnostic in context.Diagnostics)
            {
                foreach (var fix in GetFixes(root, model, diagnostic.Location.SourceSpan, context.CancellationToken))
                {
                    if (!offered.Add(fix.EquivalenceKey)) continue;
                    var action = CodeAction.Create(
                        fix.Title,
                        _ => Task.FromResult(document.WithSyntaxRoot(Apply(root, new[] { fix }))),
                        fix.EquivalenceKey);
                    context.RegisterCodeFix(action, context.Diagnostics);
                }
            }
        }

        /// <summary>The fixes for the diagnostic at <paramref name="span"/>, in the order the IDE should list them.</summary>
        internal abstract IEnumerable<Fix> GetFixes(SyntaxNode root, SemanticModel model, TextSpan span, CancellationToken cancellationToken);

        private static SyntaxNode Apply(SyntaxNode root, IEnumerable<Fix> fixes)
        {
            // The first edit of a node wins: two diagnostics on one attribute or one containing type ask for the same edit.
            var edits = new Dictionary<SyntaxNode, Edit>();
            foreach (var edit in fixes.SelectMany(f => f.Edits))
            {
                if (!edits.ContainsKey(edit.Target)) edits.Add(edit.Target, edit);
            }

            return root.ReplaceNodes(edits.Keys, (original, rewritten) => edits[original].Rewrite(rewritten));
        }

        /// <summary>Fix All: the fix with the chosen equivalence key for every diagnostic of a document, in one pass.</summary>
        private sealed class FixAllInDocuments : DocumentBasedFixAllProvider
        {
            private readonly ConvGenCodeFixProvider _provider;

            public FixAllInDocuments(ConvGenCodeFixProvider provider) => _provider = provider;

            protected override async Task<Document?> FixAllAsync(FixAllContext fixAllContext, Document document, ImmutableArray<Diagnostic> diagnostics)
            {
                var cancellationToken = fixAllContext.CancellationToken;
                var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                if (root is null || model is null) return null;

                var fixes = diagnostics
                    .SelectMany(d => _provider.GetFixes(root, model, d.Location.SourceSpan, cancellationToken))
                    .Where(f => f.EquivalenceKey == fixAllContext.CodeActionEquivalenceKey)
                    .ToList();
                return fixes.Count == 0 ? null : document.WithSyntaxRoot(Apply(root, fixes));
            }
        }
    }
}
