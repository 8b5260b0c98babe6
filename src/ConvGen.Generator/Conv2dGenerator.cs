using ConvGen.Generator.Emit;
using ConvGen.Generator.Model;
using ConvGen.Generator.Parsing;
using ConvGen.Generator.Planning;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ConvGen.Generator
{
    /// <summary>
    /// <c>[Conv2d]</c> on a partial class → a convolution layer. Pipeline: parse (attribute → spec + diagnostics, with
    /// validation) → plan (spec → register tiles and tap offsets) → emit (plan → source). Diagnostics go to their own
    /// output so moving a squiggle never re-emits code.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class Conv2dGenerator : IIncrementalGenerator
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
            var parsed = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    Conv2dParser.AttributeName,
                    static (node, _) => node is TypeDeclarationSyntax,
                    Conv2dParser.Parse)
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
                .Select(static (s, _) => KernelPlanner.Plan(s!))
                .WithTrackingName(Steps.Plan);
            context.RegisterSourceOutput(plans, static (spc, plan) => spc.AddSource(plan.Spec.Target.HintName, LayerEmitter.Emit(plan)));
        }
    }
}
