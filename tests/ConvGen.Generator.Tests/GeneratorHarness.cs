using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using ConvGen.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace ConvGen.Generator.Tests;

/// <summary>Runs the generator in memory on source text and compiles its output.</summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public static CSharpCompilation Compile(params string[] sources) =>
        CSharpCompilation.Create("Tests",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Source{i}.cs")),
            ConvGen.Testing.RuntimeReferences.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable,
                warningLevel: 9999));

    public sealed record Result(
        ImmutableArray<Diagnostic> GeneratorDiagnostics,
        ImmutableArray<GeneratedSourceResult> Sources,
        ImmutableArray<Diagnostic> OutputDiagnostics,
        GeneratorDriverRunResult Run);

    public static Result Run(params string[] sources)
    {
        var compilation = Compile(sources);
        GeneratorDriver driver = CSharpGeneratorDriver.Create(new[] { new ConvGenGenerator().AsSourceGenerator() }, parseOptions: ParseOptions);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        var run = driver.GetRunResult();
        foreach (var result in run.Results)
            Assert.Null(result.Exception);
        return new Result(run.Diagnostics, run.Results.SelectMany(r => r.GeneratedSources).ToImmutableArray(),
            output.GetDiagnostics(), run);
    }

    /// <summary>
    /// Runs the generator on a valid layer declaration and asserts it reports nothing, writes one file, and that file
    /// compiles without a warning.
    /// </summary>
    public static void AssertCleanLayer(string source)
    {
        var result = Run(source);
        Xunit.Assert.Empty(result.GeneratorDiagnostics);
        Xunit.Assert.DoesNotContain(result.OutputDiagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
        Xunit.Assert.Single(result.Sources);
    }

    /// <summary>
    /// Runs the generator on <paramref name="markup"/> (source with <c>{|CONVnnn:span|}</c> marks) and asserts that its
    /// CONV diagnostics are exactly the marked ones, at the marked spans; returns the run for further checks.
    /// </summary>
    public static Result AssertMarkedDiagnostics(string markup)
    {
        var (source, expected) = ParseMarkup(markup);
        var result = Run(source);
        var actual = result.GeneratorDiagnostics.Where(d => d.Id.StartsWith("CONV")).Select(d => (d.Id, d.Location.SourceSpan)).ToList();
        Xunit.Assert.Equal(expected, actual);
        return result;
    }

    /// <summary>Markup <c>{|ID:text|}</c>: returns the plain source and the (ID, span) pairs it marks.</summary>
    public static (string Source, List<(string Id, TextSpan Span)> Expected) ParseMarkup(string markup)
    {
        var expected = new List<(string, TextSpan)>();
        var text = new System.Text.StringBuilder();
        int i = 0;
        var pattern = new Regex(@"\{\|(?<id>[A-Z]+[0-9]+):(?<body>.*?)\|\}", RegexOptions.Singleline);
        foreach (Match m in pattern.Matches(markup))
        {
            text.Append(markup, i, m.Index - i);
            expected.Add((m.Groups["id"].Value, new TextSpan(text.Length, m.Groups["body"].Length)));
            text.Append(m.Groups["body"].Value);
            i = m.Index + m.Length;
        }

        text.Append(markup, i, markup.Length - i);
        return (text.ToString(), expected);
    }
}
