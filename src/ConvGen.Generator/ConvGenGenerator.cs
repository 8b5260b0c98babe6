using ConvGen.Generator.Layers.Conv;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ConvGen.Generator
{
    /// <summary>
    /// Every ConvGen layer attribute on a partial class → a layer. One pipeline per attribute: parse (attribute → spec +
    /// diagnostics, with validation) → plan (spec → kernels) → emit (plan → source). Diagnostics go to their own output
    /// so moving a squiggle never re-emits code. Layer families live in <c>Layers/</c>, shared kernels in <c>Kernels/</c>.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class ConvGenGenerator : IIncrementalGenerator
    {
        /// <summary>Tracking names of the pipeline steps (asserted by the incremental-caching tests).</summary>
        public static class Steps
        {
            public const string Parse = nameof(Parse);
            public const string Diagnostics = nameof(Diagnostics);
            public const string Specs = nameof(Specs);
            public const string Plan = nameof(Plan);
        }

        /// <inheritdoc />
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            for (int rank = 1; rank <= 3; rank++)
            {
                RegisterConvolution(context, rank, transposed: false);
                RegisterConvolution(context, rank, transposed: true);
            }
        }

        /// <summary><c>[Conv1d]</c> … <c>[Conv3d]</c>, <c>[ConvTranspose1d]</c> … <c>[ConvTranspose3d]</c>.</summary>
        private static void RegisterConvolution(IncrementalGeneratorInitializationContext context, int rank, bool transposed)
        {
            var parsed = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    ConvParser.AttributeName(rank, transposed),
                    static (node, _) => node is TypeDeclarationSyntax,
                    (attribute, token) => ConvParser.Parse(attribute, rank, transposed, token))
                .WithTrackingName(Steps.Parse);

            var diagnostics = parsed.Select(static (r, _) => r.Diagnostics).WithTrackingName(Steps.Diagnostics);
            context.RegisterSourceOutput(diagnostics, static (spc, list) =>
            {
                foreach (var diagnostic in list) spc.ReportDiagnostic(diagnostic.ToDiagnostic());
            });

            var plans = parsed
                .Select(static (r, _) => r.Spec)
                .Where(static s => s is not null)
                .WithTrackingName(Steps.Specs)
                .Select(static (s, _) => ConvPlanner.Plan(s!))
                .WithTrackingName(Steps.Plan);
            context.RegisterSourceOutput(plans, static (spc, plan) => spc.AddSource(plan.Spec.Target.HintName, ConvLayerEmitter.Emit(plan)));
        }
    }
}
