using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ConvGen.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace ConvGen.CodeFixes.Tests;

/// <summary>
/// The Roslyn code-fix test framework with ConvGen's generator as the source of diagnostics: the framework runs the
/// generator (GetSourceGenerators), collects its diagnostics next to the compiler's, applies the fix one diagnostic at a
/// time and as Fix All in document, project and solution, and then checks the fixed code has no diagnostics at all
/// (no CONV diagnostic, no compiler error in the generated layer).
/// </summary>
public sealed class ConvGenFixTest<TFix> : CSharpCodeFixTest<EmptyDiagnosticAnalyzer, TFix, DefaultVerifier>
    where TFix : CodeFixProvider, new()
{
    public ConvGenFixTest()
    {
        // Compile against the running .NET (as the generator tests do) instead of downloading reference packs.
        ReferenceAssemblies = new ReferenceAssemblies("net10.0");
        TestState.AdditionalReferences.AddRange(ConvGen.Testing.RuntimeReferences.All);
        // The generated layers are checked by the generator tests; here only that they compile (no CS errors) matters.
        TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
    }

    /// <summary>Also check the chosen fix's title (what the user reads in the light-bulb menu).</summary>
    public string? ExpectedTitle
    {
        init => CodeActionVerifier = (action, verifier) => verifier.Equal(value, action.Title, "code action title");
    }

    protected override IEnumerable<Type> GetSourceGenerators()
    {
        yield return typeof(ConvGenGenerator);
    }

    /// <summary>
    /// The generator reports its diagnostics at <c>Location.Create(path, span, lineSpan)</c> (locations kept as plain data
    /// for incremental caching), i.e. external-file locations. The IDE maps those to the document with that path; do the
    /// same here so the framework sees them in a document and hands them to the fixer.
    /// </summary>
    protected override async Task<(Compilation compilation, ImmutableArray<Diagnostic> generatorDiagnostics)> GetProjectCompilationAsync(
        Project project, IVerifier verifier, CancellationToken cancellationToken)
    {
        var (compilation, diagnostics) = await base.GetProjectCompilationAsync(project, verifier, cancellationToken);
        return (compilation, diagnostics.Select(d => InSourceTree(d, compilation)).ToImmutableArray());
    }

    internal static Diagnostic InSourceTree(Diagnostic diagnostic, Compilation compilation)
    {
        if (diagnostic.Location.Kind != LocationKind.ExternalFile) return diagnostic;
        string path = diagnostic.Location.GetLineSpan().Path;
        var tree = compilation.SyntaxTrees.FirstOrDefault(t => t.FilePath == path);
        if (tree is null) return diagnostic;
        var descriptor = diagnostic.Descriptor;
        return Diagnostic.Create(descriptor.Id, descriptor.Category, diagnostic.GetMessage(), diagnostic.Severity,
            descriptor.DefaultSeverity, descriptor.IsEnabledByDefault, diagnostic.WarningLevel, descriptor.Title,
            descriptor.Description, descriptor.HelpLinkUri, Location.Create(tree, diagnostic.Location.SourceSpan),
            customTags: descriptor.CustomTags, properties: diagnostic.Properties);
    }
}

