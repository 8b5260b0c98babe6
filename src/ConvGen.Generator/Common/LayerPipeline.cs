using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ConvGen.Generator.Common
{
    /// <summary>What a layer family's parse step hands on: a spec when code can be generated, and the diagnostics either way.</summary>
    internal sealed record ParseResult<TSpec>(TSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics)
        where TSpec : class
    {
        public static ParseResult<TSpec> None { get; } = new(null, EquatableArray<DiagnosticInfo>.Empty);
    }

    /// <summary>
    /// The pipeline every layer family registers, one per attribute: parse (attribute → equatable spec + diagnostics,
    /// validation included; never throws) → plan (spec → kernels and sizes) → emit (plan → source). Diagnostics go to
    /// their own output, so a moved squiggle never re-emits code; steps carry <see cref="ConvGenGenerator.Steps"/> names.
    /// </summary>
    internal static class LayerPipeline
    {
        public static void Register<TSpec, TPlan>(
            IncrementalGeneratorInitializationContext context,
            string attributeName,
            Func<GeneratorAttributeSyntaxContext, CancellationToken, ParseResult<TSpec>> parse,
            Func<TSpec, TPlan> plan,
            Func<TPlan, string> hintName,
            Func<TPlan, string> emit)
            where TSpec : class =>
            Register(context, attributeName, parse, plan, p => new[] { (hintName(p), emit(p)) });

        /// <summary>The same for a plan that makes several files (a network and its layers).</summary>
        public static void Register<TSpec, TPlan>(
            IncrementalGeneratorInitializationContext context,
            string attributeName,
            Func<GeneratorAttributeSyntaxContext, CancellationToken, ParseResult<TSpec>> parse,
            Func<TSpec, TPlan> plan,
            Func<TPlan, IEnumerable<(string HintName, string Source)>> emit)
            where TSpec : class
        {
            var parsed = context.SyntaxProvider
                .ForAttributeWithMetadataName(attributeName, static (node, _) => node is TypeDeclarationSyntax, (a, token) => parse(a, token))
                .WithTrackingName(ConvGenGenerator.Steps.Parse);

            var diagnostics = parsed.Select(static (r, _) => r.Diagnostics).WithTrackingName(ConvGenGenerator.Steps.Diagnostics);
            context.RegisterSourceOutput(diagnostics, static (spc, list) =>
            {
                foreach (var diagnostic in list) spc.ReportDiagnostic(diagnostic.ToDiagnostic());
            });

            var plans = parsed
                .Select(static (r, _) => r.Spec)
                .Where(static s => s is not null)
                .WithTrackingName(ConvGenGenerator.Steps.Specs)
                .Select((s, _) => plan(s!))
                .WithTrackingName(ConvGenGenerator.Steps.Plan);
            context.RegisterSourceOutput(plans, (spc, p) =>
            {
                foreach (var (hint, source) in emit(p)) spc.AddSource(hint, source);
            });
        }
    }
}
