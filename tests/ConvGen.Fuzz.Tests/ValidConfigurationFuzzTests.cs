using System;
using System.Collections.Generic;
using System.Linq;
using ConvGen.Fuzz.Tests.Harness;
using ConvGen.Numerics.Tests;
using Microsoft.CodeAnalysis;
using Xunit;

namespace ConvGen.Fuzz.Tests;

/// <summary>
/// Differential fuzzing: random valid torch.nn.Conv2d configurations, many per compilation, generated and compiled
/// in-process, then run on random data and compared with <see cref="ReferenceConv2d"/> within the rounding bound of
/// <see cref="TestData.AssertClose"/>. The layers run under this process's instruction set (see <see cref="FuzzSettings"/>).
/// </summary>
public class ValidConfigurationFuzzTests(Xunit.Abstractions.ITestOutputHelper log)
{
    /// <summary>Layers per compilation: one generator run and one Roslyn compile serve them all.</summary>
    public const int BatchSize = 80;

    /// <summary>Configurations per CI run (four batches from fixed seeds).</summary>
    public const int CiCount = 4 * BatchSize;

    public static IEnumerable<object[]> Batches() => FuzzSettings.Batches(CiCount, BatchSize);

    [Theory]
    [MemberData(nameof(Batches))]
    public void Random_valid_layers_compile_cleanly_and_match_the_reference(int batchSeed, int count)
    {
        var configs = Enumerable.Range(0, count).Select(i => LayerConfig.Random(FuzzSettings.CaseSeed(batchSeed, i))).ToList();
        string repro = FuzzSettings.Repro(nameof(ValidConfigurationFuzzTests), batchSeed, count);
        foreach (var config in configs)
        {
            // Self-check of the configuration generator: the size it drew is one PyTorch accepts.
            Assert.True(ReferenceConv2d.Invalid(config.Expected, config.Height, config.Width) is null,
                $"fuzzer bug: {config.Describe()} is not a valid input size: {ReferenceConv2d.Invalid(config.Expected, config.Height, config.Width)}");
        }

        var batch = new LayerBatch(configs, batchSeed);
        var run = InMemoryCompiler.RunGenerator(InMemoryCompiler.Compile(
            $"Fuzz{batchSeed}", new[] { InMemoryCompiler.Parse(batch.Source, "Layers.cs") }, OptimizationLevel.Release));
        log.WriteLine($"batch seed {batchSeed}: {count} layers, {run.Sources.Sum(s => s.SourceText.Length)} generated characters");
        var failures = new List<string>();
        foreach (var exception in run.Exceptions) failures.Add($"generator threw: {exception}");

        // Generator diagnostics: exactly one CONV105 per layer whose "same" padding is uneven, nothing else.
        var warned = new HashSet<int>();
        foreach (var diagnostic in run.GeneratorDiagnostics)
        {
            int layer = batch.LayerAt(diagnostic.Location);
            if (diagnostic.Id == "CONV105" && layer >= 0 && configs[layer].UnevenSame && warned.Add(layer)) continue;
            failures.Add($"unexpected generator diagnostic {diagnostic}" + (layer >= 0 ? $" on {configs[layer].Describe()}" : ""));
        }

        foreach (int i in Enumerable.Range(0, count).Where(i => configs[i].UnevenSame && !warned.Contains(i)))
            failures.Add($"no CONV105 for uneven \"same\" padding: {configs[i].Describe()}");
        if (run.Sources.Length != count) failures.Add($"{run.Sources.Length} generated files for {count} layers");
        Fail(failures, batchSeed, repro, batch);

        var (assembly, diagnostics) = InMemoryCompiler.Emit(run.Output);
        var problems = diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        if (assembly is null || problems.Count > 0)
        {
            assembly?.Dispose();
            failures.Add("the generated code does not compile cleanly:" + Environment.NewLine + InMemoryCompiler.Describe(problems)
                + Environment.NewLine + Culprits(problems, run, batch));
            Fail(failures, batchSeed, repro, batch);
        }

        using (assembly)
        {
            for (int i = 0; i < count; i++)
            {
                string? failure = RunLayer(assembly!, i, configs[i]);
                if (failure is not null) failures.Add($"layer {i}: {failure}");
            }
        }

        Fail(failures, batchSeed, repro, batch);
    }

    /// <summary>Builds layer <paramref name="index"/>, runs it once and compares with the reference; null when it matches.</summary>
    private static string? RunLayer(LoadedAssembly assembly, int index, LayerConfig config)
    {
        var p = config.Expected;
        var random = new Random(config.Seed);
        float[] weight = TestData.Uniform(random, p.WeightLength);
        float[]? bias = p.Bias ? TestData.Uniform(random, p.OutChannels) : null;
        float[] input = TestData.Uniform(random, config.Batch * p.InChannels * config.Height * config.Width);
        try
        {
            var layer = LayerBatch.Factory(assembly, index)(weight, bias);
            if (layer.Parameters.ToString() != p.ToString())
                return $"{config.Describe()}: Parameters is {layer.Parameters}, expected {p}";

            var (expected, magnitude) = ReferenceConv2d.Run(p, input, weight, bias, config.Batch, config.Height, config.Width);
            var output = new float[expected.Length];
            output.AsSpan().Fill(float.NaN); // an element the layer forgets to write fails
            layer.Forward(input, output, config.Batch, config.Height, config.Width);
            TestData.AssertClose(expected, magnitude, output, config.Terms, config.Describe());
            return null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return e is Xunit.Sdk.XunitException ? e.Message : $"{config.Describe()}: threw {e}";
        }
    }

    /// <summary>Which layers' generated files the compile errors are in.</summary>
    private static string Culprits(IEnumerable<Diagnostic> diagnostics, GeneratorRun run, LayerBatch batch)
    {
        var files = diagnostics.Select(d => d.Location.SourceTree?.FilePath).Where(f => f is not null).Distinct();
        var lines = new List<string>();
        foreach (string? file in files)
        {
            for (int i = 0; i < batch.Configs.Count; i++)
            {
                // Hint names are Namespace.Outer.L17.g.cs.
                if (file!.EndsWith($".L{i}.g.cs", StringComparison.Ordinal))
                    lines.Add($"  {file}: {batch.Configs[i].Describe()}");
            }
        }

        return string.Join(Environment.NewLine, lines);
    }

    private static void Fail(List<string> failures, int batchSeed, string repro, LayerBatch batch)
    {
        if (failures.Count == 0) return;
        var shown = failures.Take(15).ToList();
        if (failures.Count > shown.Count) shown.Add($"… and {failures.Count - shown.Count} more");
        throw new Xunit.Sdk.XunitException(
            $"Batch seed {batchSeed}: {failures.Count} failure(s) among {batch.Configs.Count} random layers." + Environment.NewLine +
            string.Join(Environment.NewLine, shown) + Environment.NewLine + "Rerun: " + repro);
    }
}
