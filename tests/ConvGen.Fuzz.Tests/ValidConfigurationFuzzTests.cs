using System;
using System.Collections.Generic;
using System.Linq;
using ConvGen.Fuzz.Tests.Harness;
using ConvGen.Numerics.Tests;
using Microsoft.CodeAnalysis;
using Xunit;

namespace ConvGen.Fuzz.Tests;

/// <summary>
/// Differential fuzzing: random valid torch.nn.Conv1d, Conv2d and Conv3d configurations, some with a fused activation,
/// many of every rank per compilation, generated and compiled in-process, then run on random data and compared with
/// <see cref="ReferenceConvNd"/> within the rounding bound of <see cref="ReferenceConvNd.AssertActivated"/>; the
/// <c>threads</c> overload (1–3 threads) must then give the one-thread output bit for bit. The layers run under this
/// process's instruction set (see <see cref="FuzzSettings"/>).
/// </summary>
public class ValidConfigurationFuzzTests(Xunit.Abstractions.ITestOutputHelper log)
{
    /// <summary>Layers per compilation: one generator run and one Roslyn compile serve them all.</summary>
    public const int BatchSize = 80;

    /// <summary>Configurations per CI run (four batches from fixed seeds), about 3 in 10 Conv1d, 4 in 10 Conv2d, 3 in 10 Conv3d.</summary>
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
            Assert.True(ReferenceConvNd.Invalid(config.Expected, config.Size) is null,
                $"fuzzer bug: {config.Describe()} is not a valid input size: {ReferenceConvNd.Invalid(config.Expected, config.Size)}");
        }

        var batch = new LayerBatch(configs, batchSeed);
        var run = InMemoryCompiler.RunGenerator(InMemoryCompiler.Compile(
            $"Fuzz{batchSeed}", new[] { InMemoryCompiler.Parse(batch.Source, "Layers.cs") }, OptimizationLevel.Release));
        var generated = new long[4];
        foreach (var source in run.Sources)
        {
            int layer = Enumerable.Range(0, count).FirstOrDefault(i => source.HintName.EndsWith($".L{i}.g.cs", StringComparison.Ordinal), -1);
            if (layer >= 0) generated[configs[layer].Rank] += source.SourceText.Length;
        }

        log.WriteLine($"batch seed {batchSeed}: {count} layers, {configs.Count(c => c.Expected.Activation != Activation.None)} with an activation; generated: " +
                      string.Join(", ", configs.GroupBy(c => c.Rank).OrderBy(g => g.Key).Select(g => $"{g.Count()} Conv{g.Key}d ({generated[g.Key] / 1000} k characters)")));
        var failures = new List<string>();
        foreach (var exception in run.Exceptions) failures.Add($"generator threw: {exception}");

        // Generator diagnostics: exactly one CONV105 per layer whose "same" padding is uneven, one CONV006 per layer with
        // a NegativeSlope but no LeakyReLU, nothing else.
        var warned = new HashSet<(int, string)>();
        foreach (var diagnostic in run.GeneratorDiagnostics)
        {
            int layer = batch.LayerAt(diagnostic.Location);
            if (layer >= 0 && diagnostic.Severity == DiagnosticSeverity.Warning && configs[layer].ExpectedWarnings.Contains(diagnostic.Id)
                && warned.Add((layer, diagnostic.Id))) continue;
            failures.Add($"unexpected generator diagnostic {diagnostic}" + (layer >= 0 ? $" on {configs[layer].Describe()}" : ""));
        }

        for (int i = 0; i < count; i++)
        {
            foreach (string id in configs[i].ExpectedWarnings.Where(id => !warned.Contains((i, id))))
                failures.Add($"no {id} warning: {configs[i].Describe()}");
        }

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

    /// <summary>
    /// Builds layer <paramref name="index"/>, runs it once and compares with the reference, then runs it again on 1–3
    /// threads and compares with the first run bit for bit; null when all match.
    /// </summary>
    private static string? RunLayer(LoadedAssembly assembly, int index, LayerConfig config)
    {
        var p = config.Expected;
        var random = new Random(config.Seed);
        float[] weight = TestData.Uniform(random, p.WeightLength);
        float[]? bias = p.Bias ? TestData.Uniform(random, p.OutChannels) : null;
        float[] input = TestData.Uniform(random, config.InputLength);
        if (p.Activation != Activation.None && random.Next(2) == 0)
        {
            // Larger values, so that the activations see their saturated parts too.
            for (int i = 0; i < input.Length; i++) input[i] *= 4;
        }

        try
        {
            var layer = LayerBatch.AnyFactory(assembly, index)(weight, bias);
            if (layer.Rank != config.Rank) return $"{config.Describe()}: the layer implements IConv{layer.Rank}dLayer";
            if (layer.ParametersText != config.ExpectedText)
                return $"{config.Describe()}: Parameters is {layer.ParametersText}, expected {config.ExpectedText}";

            var (expected, magnitude) = ReferenceConvNd.Run(p, input, weight, bias, config.Batch, config.Size);
            var output = new float[expected.Length];
            output.AsSpan().Fill(float.NaN); // an element the layer forgets to write fails
            layer.Forward(input, output, config.Batch, config.Size);
            ReferenceConvNd.AssertActivated(p, expected, magnitude, output, config.Describe());

            int threads = random.Next(1, 4);
            var threaded = new float[expected.Length];
            threaded.AsSpan().Fill(float.NaN);
            layer.Forward(input, threaded, config.Batch, config.Size, threads);
            if (!FuzzLayer.BitEqual(output, threaded))
            {
                int at = Enumerable.Range(0, output.Length).First(i => BitConverter.SingleToInt32Bits(output[i]) != BitConverter.SingleToInt32Bits(threaded[i]));
                return $"{config.Describe()}: on {threads} thread(s) element {at} is {threaded[at]:R}, on one thread {output[at]:R}";
            }

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
