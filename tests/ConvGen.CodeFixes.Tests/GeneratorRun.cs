using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ConvGen.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace ConvGen.CodeFixes.Tests;

/// <summary>The generator and a fixer driven by hand, the way the IDE does it, without the test framework.</summary>
internal static class GeneratorRun
{
    private const string Path = "/src/Layer.cs";

    public sealed record Result(Document Document, ImmutableArray<Diagnostic> Diagnostics, ImmutableArray<Diagnostic> OutputDiagnostics, int GeneratedSources);

    public static async Task<Result> RunAsync(string source)
    {
        var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var solution = workspace.CurrentSolution
            .AddProject(projectId, "Test", "Test", LanguageNames.CSharp)
            .WithProjectCompilationOptions(projectId, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary))
            .WithProjectParseOptions(projectId, new CSharpParseOptions(LanguageVersion.Latest))
            .AddMetadataReferences(projectId, ConvGen.Testing.RuntimeReferences.All);
        var documentId = DocumentId.CreateNewId(projectId);
        solution = solution.AddDocument(documentId, "Layer.cs", SourceText.From(source), filePath: Path);
        var document = solution.GetDocument(documentId)!;

        var compilation = (await document.Project.GetCompilationAsync())!;
        var driver = CSharpGeneratorDriver.Create(new[] { new ConvGenGenerator().AsSourceGenerator() }, parseOptions: new CSharpParseOptions(LanguageVersion.Latest));
        driver = (CSharpGeneratorDriver)driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        var run = driver.GetRunResult();
        Assert.All(run.Results, r => Assert.Null(r.Exception));
        var diagnostics = run.Diagnostics.Select(d => ConvGenFixTest<MakeLayerPartialCodeFix>.InSourceTree(d, compilation)).ToImmutableArray();
        return new Result(document, diagnostics, output.GetDiagnostics(), run.GeneratedTrees.Length);
    }

    /// <summary>The titles <paramref name="fixer"/> offers for the diagnostics of <paramref name="source"/>, grouped by span as the IDE does.</summary>
    public static async Task<List<string>> OfferedTitlesAsync(CodeFixProvider fixer, string source)
    {
        var result = await RunAsync(source);
        var titles = new List<string>();
        var fixable = result.Diagnostics.Where(d => fixer.FixableDiagnosticIds.Contains(d.Id));
        foreach (var group in fixable.GroupBy(d => d.Location.SourceSpan))
        {
            var actions = new List<CodeAction>();
            var context = new CodeFixContext(result.Document, group.Key, group.ToImmutableArray(), (action, _) => actions.Add(action), CancellationToken.None);
            await fixer.RegisterCodeFixesAsync(context);
            titles.AddRange(actions.Select(a => a.Title));
        }

        return titles;
    }
}
