using System;
using System.Collections.Generic;
using System.Linq;
using ConvGen.Fuzz.Tests.Harness;
using ConvGen.Numerics.Tests;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;

namespace ConvGen.Fuzz.Tests;

/// <summary>
/// Random run-time arguments for random generated layers: wrong weight/bias/input/output lengths, batch, height or width
/// that are zero, negative, too small for the kernel, beyond what reflect/circular padding allows, or not the layer's
/// fixed size; input and output that overlap; NaN and ±∞ in the input. Every call either throws an
/// <see cref="ArgumentException"/> whose message names the expected and the actual size, or gives the reference's
/// result; and no call writes outside the output span (guard cells before and after both spans must keep their value),
/// or reads or writes outside either span (every computed call is repeated with both spans next to inaccessible pages).
/// </summary>
public class RuntimeInputFuzzTests(ITestOutputHelper log)
{
    public const int BatchSize = 40;

    /// <summary>Layers per CI run; each gets <see cref="CallsPerLayer"/> random calls.</summary>
    public const int CiCount = 2 * BatchSize;

    public const int CallsPerLayer = 12;

    private const int Guard = 37;
    private const float GuardValue = -1234.5f;

    public static IEnumerable<object[]> Batches() => FuzzSettings.Batches(CiCount, BatchSize);

    [Theory]
    [MemberData(nameof(Batches))]
    public void Random_arguments_throw_clearly_or_compute_the_reference(int batchSeed, int count)
    {
        var configs = Enumerable.Range(0, count).Select(i => LayerConfig.Random(FuzzSettings.CaseSeed(batchSeed, i))).ToList();
        var batch = new LayerBatch(configs, batchSeed);
        var run = InMemoryCompiler.RunGenerator(InMemoryCompiler.Compile(
            $"Runtime{batchSeed}", new[] { InMemoryCompiler.Parse(batch.Source, "Layers.cs") }, OptimizationLevel.Release));
        var (assembly, diagnostics) = InMemoryCompiler.Emit(run.Output);
        Assert.True(assembly is not null, InMemoryCompiler.Describe(diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));

        var failures = new List<string>();
        var outcomes = new SortedDictionary<string, int>(StringComparer.Ordinal);
        using (assembly)
        {
            for (int i = 0; i < count; i++)
            {
                var random = new Random(configs[i].Seed ^ 0x5EED);
                try
                {
                    foreach (string outcome in Exercise(LayerBatch.Factory(assembly!, i), configs[i], random))
                        outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    failures.Add($"layer {i} {configs[i].Describe()}: {e.Message}");
                }
            }
        }

        log.WriteLine($"batch seed {batchSeed}: " + string.Join(", ", outcomes.Select(o => $"{o.Key} ×{o.Value}")));
        Assert.True(failures.Count == 0,
            $"Batch seed {batchSeed}: {failures.Count} failure(s) among {count} layers:{Environment.NewLine}" +
            string.Join(Environment.NewLine, failures.Take(15)) + Environment.NewLine +
            "Rerun: " + FuzzSettings.Repro(nameof(RuntimeInputFuzzTests), batchSeed, count));
    }

    /// <summary>Constructor checks, then <see cref="CallsPerLayer"/> random Forward calls. Yields what each call tested.</summary>
    private static IEnumerable<string> Exercise(Func<float[], float[]?, IConv2dLayer> create, LayerConfig config, Random r)
    {
        Conv2dParameters p = config.Expected;
        float[] weight = TestData.Uniform(r, p.WeightLength);
        float[]? bias = p.Bias ? TestData.Uniform(r, p.OutChannels) : null;

        int wrongWeight = Math.Max(0, p.WeightLength + Off(r));
        ExpectArgumentException(() => create(new float[wrongWeight], bias), "weight", wrongWeight, p.WeightLength);
        yield return "wrong weight length";
        if (bias is not null)
        {
            int wrongBias = Math.Max(0, p.OutChannels + Off(r));
            ExpectArgumentException(() => create(weight, new float[wrongBias]), "bias", wrongBias, p.OutChannels);
            yield return "wrong bias length";
        }

        IConv2dLayer layer = create(weight, bias);
        for (int call = 0; call < CallsPerLayer; call++)
        {
            int n = config.Batch, h = config.Height, w = config.Width;
            int inDelta = 0, outDelta = 0;
            bool overlap = false, nonFinite = false;
            string what;
            switch (r.Next(9))
            {
                case 0: what = "wrong input length"; inDelta = Off(r); break;
                case 1: what = "wrong output length"; outDelta = Off(r); break;
                case 2: what = "batch not positive"; n = r.Next(-3, 1); break;
                case 3: what = "height or width not positive"; if (r.Next(2) == 0) h = r.Next(-3, 1); else w = r.Next(-3, 1); break;
                case 4: what = "other height or width"; h = Math.Max(1, h + r.Next(-6, 7)); w = Math.Max(1, w + r.Next(-6, 7)); break;
                case 5: what = "overlapping input and output"; overlap = true; break;
                case 6: what = "NaN and infinity in the input"; nonFinite = true; break;
                default: what = "valid"; break;
            }

            string? invalid = n < 0 ? "negative batch" : ReferenceConv2d.Invalid(p, h, w);
            if (invalid is null && config.FixedHeight is int fh && (h != fh || w != config.FixedWidth)) invalid = "not the fixed input size";
            long inLength = invalid is null || h > 0 && w > 0 ? (long)Math.Max(n, 0) * p.InChannels * Math.Max(h, 0) * Math.Max(w, 0) : 0;
            long outLength = invalid is null ? (long)n * p.OutChannels * OutSize(p, h, w).H * OutSize(p, h, w).W : 0;
            int inLen = (int)Math.Max(0, inLength + inDelta), outLen = (int)Math.Max(0, outLength + outDelta);
            bool shouldThrow = invalid is not null || inDelta != 0 || outDelta != 0 || overlap && n > 0 && inLen > 0 && outLen > 0;
            if (n == 0 && invalid is null && inLen == 0 && outLen == 0) shouldThrow = false; // an empty batch is a no-op

            // One buffer: [guard][input][guard][output][guard], or input and output sharing cells when overlapping.
            int outStart = overlap ? Guard + Math.Max(0, inLen - 1 - r.Next(Math.Max(1, Math.Min(inLen, outLen)))) : Guard + inLen + Guard;
            var buffer = new float[Math.Max(Guard + inLen + Guard, outStart + outLen + Guard)];
            buffer.AsSpan().Fill(GuardValue);
            float[] input = TestData.Uniform(r, inLen);
            if (nonFinite)
            {
                for (int k = 0, hits = r.Next(1, 4); k < hits && inLen > 0; k++)
                    input[r.Next(inLen)] = new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity }[r.Next(3)];
            }

            input.CopyTo(buffer, Guard);
            var inSpan = new ReadOnlySpan<float>(buffer, Guard, inLen);
            var outSpan = new Span<float>(buffer, outStart, outLen);
            if (!overlap) outSpan.Fill(float.NaN); // an element the layer forgets to write fails below
            string context = $"{what}: Forward(input[{inLen}], output[{outLen}], batch {n}, height {h}, width {w})";

            if (shouldThrow)
            {
                Exception? thrown = null;
                float[] before = buffer.ToArray();
                try
                {
                    layer.Forward(inSpan, outSpan, n, h, w);
                }
                catch (Exception e)
                {
                    thrown = e;
                }

                if (thrown is not ArgumentException)
                    throw new Xunit.Sdk.XunitException($"{context} ({invalid ?? "length off"}): expected ArgumentException, got {thrown?.GetType().Name ?? "no exception"}");
                if (!before.AsSpan().SequenceEqual(buffer))
                    throw new Xunit.Sdk.XunitException($"{context}: threw {thrown.GetType().Name} but wrote to memory first");
                if (inDelta != 0 || outDelta != 0)
                {
                    bool isInput = inDelta != 0;
                    ExpectMessage(thrown, isInput ? "input" : "output", isInput ? inLen : outLen, isInput ? inLength : outLength);
                }

                yield return what + " → " + (invalid ?? (overlap ? "overlap" : "length")) + " rejected";
                continue;
            }

            layer.Forward(inSpan, outSpan, n, h, w);
            CheckGuards(buffer, Guard, outStart, inLen, outLen, overlap, context);
            if (!overlap && n > 0)
            {
                var (expected, magnitude) = ReferenceConv2d.Run(p, input, weight, bias, n, h, w);
                TestData.AssertClose(expected, magnitude, outSpan, config.Terms, context);
                if (!new ReadOnlySpan<float>(buffer, Guard, inLen).SequenceEqual(input))
                    throw new Xunit.Sdk.XunitException($"{context}: the input was modified");
            }

            // The same call again with input and output next to inaccessible pages, on one to three threads: a read or
            // write past either end faults, and every thread count gives the one-thread result bit for bit.
            if (!overlap && n > 0)
            {
                bool touchEnd = r.Next(2) == 0;
                int threads = 1 + r.Next(3);
                using var guardedIn = new GuardPages(inLen, touchEnd);
                using var guardedOut = new GuardPages(outLen, touchEnd);
                input.CopyTo(guardedIn.Span);
                layer.Forward(guardedIn.Span, guardedOut.Span, n, h, w, threads);
                if (!guardedOut.Span.SequenceEqual(outSpan))
                    throw new Xunit.Sdk.XunitException($"{context}: a different result next to guard pages on {threads} thread(s)");
            }

            bool guarded = !overlap && n > 0;
            yield return what + " → computed";
            if (guarded) yield return what + " → computed next to guard pages";
        }
    }

    private static (int H, int W) OutSize(Conv2dParameters p, int h, int w) =>
        (ReferenceConv2d.OutputSize(h, p.PaddingTop, p.PaddingBottom, p.KernelHeight, p.StrideHeight, p.DilationHeight),
         ReferenceConv2d.OutputSize(w, p.PaddingLeft, p.PaddingRight, p.KernelWidth, p.StrideWidth, p.DilationWidth));

    /// <summary>A non-zero length error: off by one, by a few, or by a lot.</summary>
    private static int Off(Random r)
    {
        int magnitude = r.Next(3) switch { 0 => 1, 1 => r.Next(2, 9), _ => r.Next(9, 1000) };
        return r.Next(2) == 0 ? magnitude : -magnitude;
    }

    private static void CheckGuards(float[] buffer, int inStart, int outStart, int inLen, int outLen, bool overlap, string context)
    {
        for (int i = 0; i < buffer.Length; i++)
        {
            bool inside = i >= outStart && i < outStart + outLen || i >= inStart && i < inStart + inLen;
            if (!inside && BitConverter.SingleToInt32Bits(buffer[i]) != BitConverter.SingleToInt32Bits(GuardValue))
                throw new Xunit.Sdk.XunitException($"{context}: wrote {buffer[i]} at guard cell {i} (input [{inStart}, {inStart + inLen}), output [{outStart}, {outStart + outLen}))");
        }
    }

    private static void ExpectArgumentException(Action action, string parameter, int actual, long expected)
    {
        Exception? thrown = null;
        try
        {
            action();
        }
        catch (Exception e)
        {
            thrown = e;
        }

        if (thrown is not ArgumentException)
            throw new Xunit.Sdk.XunitException($"{parameter} of length {actual} (needs {expected}): expected ArgumentException, got {thrown?.GetType().Name ?? "no exception"}");
        ExpectMessage(thrown, parameter, actual, expected);
    }

    /// <summary>The message says which span, how long it is and how long it must be.</summary>
    private static void ExpectMessage(Exception e, string parameter, long actual, long expected)
    {
        string m = e.Message;
        if (((ArgumentException)e).ParamName != parameter || !m.Contains($"has {actual} elements") || !m.Contains($"needs {expected}"))
            throw new Xunit.Sdk.XunitException($"{parameter} of length {actual} (needs {expected}): unclear message \"{m}\" (parameter {((ArgumentException)e).ParamName})");
    }
}
