using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using ConvGen.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ConvGen.GeneratorBenchmarks
{
    /// <summary>
    /// What each re-run of the benchmark actually executes, from Roslyn's step tracking
    /// (<c>trackIncrementalGeneratorSteps</c>): per pipeline step, how many outputs were taken from the cache and how
    /// many were recomputed (and then found equal = Unchanged, or different = Modified / New).
    /// </summary>
    public static class IncrementalSteps
    {
        public static string Markdown(SampleProject project)
        {
            var options = new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true);
            GeneratorDriver warm = CSharpGeneratorDriver.Create(new[] { new ConvGenGenerator().AsSourceGenerator() },
                parseOptions: SampleProject.ParseOptions, driverOptions: options).RunGenerators(project.Compilation);
            var unrelated = project.UnrelatedEdit();
            var layer = project.LayerEdit();
            var runs = new List<(string Name, GeneratorRunResult Result)>
            {
                ("(a) cold run", Single(warm)),
                ("no edit, same compilation (for reference)", Single(warm.RunGenerators(project.Compilation))),
                ("(b) unrelated file edited", Single(warm.RunGenerators(project.Compilation.ReplaceSyntaxTree(unrelated.Old, unrelated.New)))),
                ("(c) one layer's attribute edited", Single(warm.RunGenerators(project.Compilation.ReplaceSyntaxTree(layer.Old, layer.New)))),
            };

            var md = new StringBuilder();
            md.AppendLine("What each run executes (Roslyn's step tracking; \"ran\" = recomputed, of which \"changed\" produced a different value;");
            md.AppendLine("the rest came from the driver's cache; \"emitted\" = layers whose source was written again):");
            md.AppendLine();
            md.AppendLine("| run | Parse: attribute → spec (ran / changed) | Plan (ran / changed) | emitted |");
            md.AppendLine("|---|---:|---:|---:|");
            foreach (var (name, result) in runs)
            {
                var parse = Count(result.TrackedSteps, ConvGenGenerator.Steps.Parse);
                var plan = Count(result.TrackedSteps, ConvGenGenerator.Steps.Plan);
                var emitted = result.TrackedOutputSteps.Values.SelectMany(s => s)
                    .Where(s => s.Inputs.Any(i => i.Source.Name == ConvGenGenerator.Steps.Plan))
                    .SelectMany(s => s.Outputs).Count(o => o.Reason is IncrementalStepRunReason.New or IncrementalStepRunReason.Modified);
                md.AppendLine($"| {name} | {parse.Ran} / {parse.Changed} | {plan.Ran} / {plan.Changed} | {emitted} |");
            }

            md.AppendLine();
            md.AppendLine("`ForAttributeWithMetadataName` re-runs its semantic part (and with it ConvGen's `Parse` transform, which binds the");
            md.AppendLine("attribute) for every attributed class whenever the compilation changes: Roslyn combines the cached syntax matches");
            md.AppendLine("with `CompilationProvider` and binds each match against the new compilation; only the syntax scan of unedited");
            md.AppendLine("files is cached. The resulting specs are value-equal, so planning and emitting stop there: after an edit only the");
            md.AppendLine("edited layer is planned and emitted again. The floor rows above show how much of a re-run that binding is.");
            return md.ToString();
        }

        private static GeneratorRunResult Single(GeneratorDriver driver) => driver.GetRunResult().Results.Single();

        private static (int Ran, int Changed) Count(ImmutableDictionary<string, ImmutableArray<IncrementalGeneratorRunStep>> steps, string name)
        {
            if (!steps.TryGetValue(name, out var list)) return (0, 0);
            var outputs = list.SelectMany(s => s.Outputs).ToList();
            return (outputs.Count(o => o.Reason != IncrementalStepRunReason.Cached),
                outputs.Count(o => o.Reason is IncrementalStepRunReason.New or IncrementalStepRunReason.Modified));
        }
    }
}
