using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using ConvGen.Fuzz.Tests.Harness;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Xunit;
using Xunit.Abstractions;

namespace ConvGen.Fuzz.Tests;

/// <summary>
/// Random mistakes in <c>[Conv1d]</c>, <c>[Conv2d]</c> and <c>[Conv3d]</c> declarations fed to the generator: every one is
/// reported (a ConvGen diagnostic, or the C# compiler's error for a C# type error; a warning and no error for a harmless
/// one such as a NegativeSlope without LeakyReLU), the generator never throws (which Roslyn would turn into CS8785 and a
/// silently missing layer), and nothing it generates has a diagnostic of its own.
/// </summary>
public class InvalidAttributeFuzzTests(ITestOutputHelper log)
{
    public const int BatchSize = 60;

    /// <summary>Invalid declarations per CI run (five batches from fixed seeds).</summary>
    public const int CiCount = 5 * BatchSize;

    public static IEnumerable<object[]> Batches() => FuzzSettings.Batches(CiCount, BatchSize);

    [Theory]
    [MemberData(nameof(Batches))]
    public void Random_mistakes_are_reported_and_never_crash_the_generator(int batchSeed, int count)
    {
        var cases = Enumerable.Range(0, count).Select(i => InvalidCase.Random(FuzzSettings.CaseSeed(batchSeed, i))).ToList();
        var text = new StringBuilder("using ConvGen;\n\n");
        var regions = new List<TextSpan>();
        for (int i = 0; i < cases.Count; i++)
        {
            int start = text.Length;
            text.Append($"namespace Bad.N{i}\n{{\n    {cases[i].Declaration}\n}}\n\n");
            regions.Add(TextSpan.FromBounds(start, text.Length));
        }

        var run = InMemoryCompiler.RunGenerator(InMemoryCompiler.Compile(
            $"Invalid{batchSeed}", new[] { InMemoryCompiler.Parse(text.ToString(), "Layers.cs") }, OptimizationLevel.Debug));
        var failures = run.Exceptions.Select(e => $"generator threw: {e}").ToList();
        failures.AddRange(GeneratedCodeDiagnostics(run).Select(d => $"diagnostic in generated code: {d}"));

        // Every diagnostic, ConvGen's and the compiler's, by the case whose declaration it points into.
        var all = run.GeneratorDiagnostics.Concat(run.Output.GetDiagnostics()).Where(d => d.Location.Kind != LocationKind.None).ToList();
        var byKind = new SortedDictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < cases.Count; i++)
        {
            var mine = all.Where(d => regions[i].Contains(d.Location.SourceSpan.Start) && d.Location.SourceTree?.FilePath is null or "Layers.cs").ToList();
            var severity = cases[i].Warning ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error;
            var ids = mine.Where(d => d.Severity == severity).Select(d => d.Id).Distinct().ToList();
            if (!ids.Intersect(cases[i].Expected).Any() || cases[i].Warning && mine.Any(d => d.Severity == DiagnosticSeverity.Error))
            {
                failures.Add($"case {i}: {cases[i].Describe()}{Environment.NewLine}    expected {(cases[i].Warning ? "a warning and no error" : "an error")} among [{string.Join(", ", cases[i].Expected)}], " +
                             $"got [{string.Join(", ", mine.Select(d => $"{d.Id} {d.Severity}"))}]");
            }

            byKind[cases[i].Kind] = byKind.GetValueOrDefault(cases[i].Kind) + 1;
        }

        log.WriteLine($"batch seed {batchSeed}: " + string.Join(", ", byKind.Select(k => $"{k.Key} ×{k.Value}")));
        Assert.True(failures.Count == 0,
            $"Batch seed {batchSeed}: {failures.Count} failure(s) among {count} invalid declarations:{Environment.NewLine}" +
            string.Join(Environment.NewLine, failures.Take(15)) + Environment.NewLine +
            "Rerun: " + FuzzSettings.Repro(nameof(InvalidAttributeFuzzTests), batchSeed, count));
    }

    /// <summary>Warnings and errors located in generated files (a layer that was generated must be clean code).</summary>
    internal static IEnumerable<Diagnostic> GeneratedCodeDiagnostics(GeneratorRun run) =>
        run.GeneratedTrees.SelectMany(t => run.Output.GetSemanticModel(t).GetDiagnostics())
            .Where(d => d.Severity >= DiagnosticSeverity.Warning);
}
