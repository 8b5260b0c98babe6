using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using ConvGen.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ConvGen.Fuzz.Tests.Harness;

/// <summary>
/// Runs the ConvGen generator in-process on source text (CSharpGeneratorDriver), compiles the result with Roslyn and
/// loads it into a collectible <see cref="AssemblyLoadContext"/> in which ConvGen.Runtime is the assembly this test
/// already uses, so generated layers cast to <see cref="IConv2dLayer"/>.
/// </summary>
internal static class InMemoryCompiler
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public static MetadataReference[] References => ConvGen.Testing.RuntimeReferences.All;

    /// <summary>A compilation of <paramref name="trees"/> as the consuming project would see it: nullable on, warning level 9999.</summary>
    public static CSharpCompilation Compile(string assemblyName, IEnumerable<SyntaxTree> trees, OptimizationLevel optimization) =>
        CSharpCompilation.Create(assemblyName, trees, References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary,
                optimizationLevel: optimization,
                nullableContextOptions: NullableContextOptions.Enable,
                warningLevel: 9999,
                deterministic: true));

    public static SyntaxTree Parse(string source, string path) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: path);

    /// <summary>Runs the generator over <paramref name="input"/>.</summary>
    public static GeneratorRun RunGenerator(CSharpCompilation input)
    {
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            new[] { new ConvGenGenerator().AsSourceGenerator() }, parseOptions: ParseOptions);
        driver = driver.RunGeneratorsAndUpdateCompilation(input, out var output, out var diagnostics);
        return new GeneratorRun(input, (CSharpCompilation)output, driver.GetRunResult(), diagnostics);
    }

    /// <summary>Emits <paramref name="compilation"/> and loads it; null plus the diagnostics when emission fails.</summary>
    public static (LoadedAssembly? Assembly, ImmutableArray<Diagnostic> Diagnostics) Emit(Compilation compilation)
    {
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        if (!result.Success) return (null, result.Diagnostics);
        image.Position = 0;
        return (new LoadedAssembly(image), result.Diagnostics);
    }

    /// <summary>Error or warning text for a failure message, at most <paramref name="max"/> of them.</summary>
    public static string Describe(IEnumerable<Diagnostic> diagnostics, int max = 20)
    {
        var list = diagnostics.ToList();
        var lines = list.Take(max).Select(d => "  " + d.ToString()).ToList();
        if (list.Count > max) lines.Add($"  … and {list.Count - max} more");
        return string.Join(Environment.NewLine, lines);
    }
}

/// <summary>The generator's output for one compilation.</summary>
internal sealed record GeneratorRun(
    CSharpCompilation Input,
    CSharpCompilation Output,
    GeneratorDriverRunResult Result,
    ImmutableArray<Diagnostic> GeneratorDiagnostics)
{
    /// <summary>Exceptions the generator threw (the driver turns them into warning CS8785 and drops all its output).</summary>
    public IReadOnlyList<Exception> Exceptions =>
        Result.Results.Where(r => r.Exception is not null).Select(r => r.Exception!).ToList();

    public ImmutableArray<GeneratedSourceResult> Sources =>
        Result.Results.SelectMany(r => r.GeneratedSources).ToImmutableArray();

    /// <summary>The generated syntax trees of <see cref="Output"/> (all trees that were not in the input).</summary>
    public IReadOnlyList<SyntaxTree> GeneratedTrees =>
        Output.SyntaxTrees.Where(t => !Input.SyntaxTrees.Contains(t)).ToList();
}

/// <summary>A compiled assembly in its own collectible load context; disposing unloads it.</summary>
internal sealed class LoadedAssembly : IDisposable
{
    private readonly FuzzLoadContext _context;

    public LoadedAssembly(Stream image)
    {
        _context = new FuzzLoadContext();
        Assembly = _context.LoadFromStream(image);
    }

    public Assembly Assembly { get; }

    public Type GetType(string name) =>
        Assembly.GetType(name, throwOnError: false) ?? throw new InvalidOperationException($"Type {name} not found in the compiled assembly.");

    public void Dispose() => _context.Unload();

    private sealed class FuzzLoadContext : AssemblyLoadContext
    {
        private static readonly Assembly s_runtime = typeof(IConv2dLayer).Assembly;

        public FuzzLoadContext() : base("ConvGen.Fuzz", isCollectible: true)
        {
        }

        // ConvGen.Runtime must be the very assembly the test holds, or the layer would not cast to its IConv2dLayer.
        protected override Assembly? Load(AssemblyName name) =>
            AssemblyName.ReferenceMatchesDefinition(name, s_runtime.GetName()) ? s_runtime : null;
    }
}
