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
/// Random run-time arguments for random generated Conv1d, Conv2d and Conv3d layers (some with a fused activation): wrong
/// weight/bias/input/output lengths; a batch, length, depth, height or width that is zero, negative, too small for the
/// kernel, beyond what reflect/circular padding allows, or not the layer's fixed size; a thread count below 1; input and
/// output that overlap; NaN and ±∞ in the input. Every call either throws an <see cref="ArgumentException"/> that says
/// what is wrong (a wrong length: the span, its length, the shape it should have in PyTorch's letters, e.g.
/// <c>(N=2, C=4, L=10)</c> or <c>(N=1, C=8, D=2, H=3, W=4)</c>, and the length that shape needs; a bad size: the
/// argument's name), or gives the reference's result; and no call writes outside the output span (guard cells before and
/// after both spans must keep their value), or reads or writes outside either span (every computed call is repeated
/// with both spans next to inaccessible pages, on 1–3 threads, and must give the same output bit for bit).
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
                    foreach (string outcome in Exercise(LayerBatch.AnyFactory(assembly!, i), configs[i], random))
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
    private static IEnumerable<string> Exercise(Func<float[], float[]?, FuzzLayer> create, LayerConfig config, Random r)
    {
        ConvParameters p = config.Expected;
        int rank = config.Rank;
        float[] weight = TestData.Uniform(r, p.WeightLength);
        float[]? bias = p.Bias ? TestData.Uniform(r, p.OutChannels) : null;

        int wrongWeight = Math.Max(0, p.WeightLength + Off(r));
        ExpectArgumentException(() => create(new float[wrongWeight], bias), "weight", wrongWeight, p.WeightLength, WeightShape(p));
        yield return "wrong weight length";
        if (bias is not null)
        {
            int wrongBias = Math.Max(0, p.OutChannels + Off(r));
            ExpectArgumentException(() => create(weight, new float[wrongBias]), "bias", wrongBias, p.OutChannels, $"(out={p.OutChannels})");
            yield return "wrong bias length";
        }

        FuzzLayer layer = create(weight, bias);
        for (int call = 0; call < CallsPerLayer; call++)
        {
            int n = config.Batch, threads = 1;
            int[] size = config.Size.ToArray();
            int inDelta = 0, outDelta = 0;
            bool overlap = false, nonFinite = false, threaded = false;
            string what;
            switch (r.Next(10))
            {
                case 0: what = "wrong input length"; inDelta = Off(r); break;
                case 1: what = "wrong output length"; outDelta = Off(r); break;
                case 2: what = "batch not positive"; n = r.Next(-3, 1); break;
                case 3:
                {
                    int axis = r.Next(rank);
                    what = LayerConfig.AxisName(rank, axis) + " not positive";
                    size[axis] = r.Next(-3, 1);
                    break;
                }
                case 4:
                    what = "other sizes";
                    int step = Math.Max(2, LayerConfig.MaxSize(rank) / 6);
                    for (int a = 0; a < rank; a++) size[a] = Math.Max(1, size[a] + r.Next(-step, step + 1));
                    break;
                case 5: what = "overlapping input and output"; overlap = true; break;
                case 6: what = "NaN and infinity in the input"; nonFinite = true; break;
                case 7: what = "threads not positive"; threaded = true; threads = r.Next(-2, 1); break;
                default: what = "valid"; break;
            }

            string? fixedMismatch = config.FixedSize is { } f && !f.SequenceEqual(size) ? "not the fixed input size" : null;
            string? invalid = fixedMismatch ?? (n < 0 ? "negative batch" : threads < 1 ? "threads below 1" : ReferenceConvNd.Invalid(p, size));
            bool positive = size.All(s => s > 0);
            int[]? outSize = ReferenceConvNd.Invalid(p, size) is null ? ReferenceConvNd.OutputSize(p, size) : null;
            long inLength = positive ? (long)Math.Max(n, 0) * p.InChannels * size.Aggregate(1L, (a, b) => a * b) : 0;
            long outLength = outSize is not null ? (long)Math.Max(n, 0) * p.OutChannels * outSize.Aggregate(1L, (a, b) => a * b) : 0;
            int inLen = (int)Math.Max(0, inLength + inDelta), outLen = (int)Math.Max(0, outLength + outDelta);
            bool inOff = inLen != inLength, outOff = outLen != outLength; // an empty batch with a "wrong" length 0 is right
            bool shouldThrow = invalid is not null || inOff || outOff || overlap && n > 0 && inLen > 0 && outLen > 0;

            // One buffer: [guard][input][guard][output][guard], or input and output sharing cells when overlapping.
            int outStart = overlap ? Guard + Math.Max(0, inLen - 1 - r.Next(Math.Max(1, Math.Min(inLen, outLen)))) : Guard + inLen + Guard;
            var buffer = new float[Math.Max(Guard + inLen + Guard, outStart + outLen + Guard)];
            buffer.AsSpan().Fill(GuardValue);
            float[] input = TestData.Uniform(r, inLen);
            if (p.Activation != Activation.None && r.Next(2) == 0)
            {
                for (int i = 0; i < input.Length; i++) input[i] *= 4; // the activations' saturated parts too
            }

            if (nonFinite)
            {
                for (int k = 0, hits = r.Next(1, 4); k < hits && inLen > 0; k++)
                    input[r.Next(inLen)] = new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity }[r.Next(3)];
            }

            input.CopyTo(buffer, Guard);
            var inSpan = new ReadOnlySpan<float>(buffer, Guard, inLen);
            var outSpan = new Span<float>(buffer, outStart, outLen);
            if (!overlap) outSpan.Fill(float.NaN); // an element the layer forgets to write fails below
            string context = $"{what}: Forward(input[{inLen}], output[{outLen}], batch {n}, size ({string.Join(", ", size)}){(threaded ? $", threads {threads}" : "")})";

            if (shouldThrow)
            {
                Exception? thrown = null;
                float[] before = buffer.ToArray();
                try
                {
                    if (threaded) layer.Forward(inSpan, outSpan, n, size, threads);
                    else layer.Forward(inSpan, outSpan, n, size);
                }
                catch (Exception e)
                {
                    thrown = e;
                }

                if (thrown is not ArgumentException argument)
                    throw new Xunit.Sdk.XunitException($"{context} ({invalid ?? "length off"}): expected ArgumentException, got {thrown?.GetType().Name ?? "no exception"}");
                if (!before.AsSpan().SequenceEqual(buffer))
                    throw new Xunit.Sdk.XunitException($"{context}: threw {thrown.GetType().Name} but wrote to memory first");
                string? unclear = Unclear(argument, config, invalid, fixedMismatch is not null, n, threads, size, outSize, inOff, outOff,
                    inLen, inLength, outLen, outLength);
                if (unclear is not null)
                    throw new Xunit.Sdk.XunitException($"{context} ({invalid ?? (inOff || outOff ? "length off" : "overlap")}): {unclear}: \"{argument.Message}\" (parameter {argument.ParamName ?? "null"})");

                yield return $"Conv{rank}d " + what + " → " + (invalid ?? (inOff || outOff ? "length" : "overlap")) + " rejected";
                continue;
            }

            layer.Forward(inSpan, outSpan, n, size);
            CheckGuards(buffer, Guard, outStart, inLen, outLen, overlap, context);
            if (!overlap && n > 0)
            {
                var (expected, magnitude) = ReferenceConvNd.Run(p, input, weight, bias, n, size);
                ReferenceConvNd.AssertActivated(p, expected, magnitude, outSpan, context);
                if (!new ReadOnlySpan<float>(buffer, Guard, inLen).SequenceEqual(input))
                    throw new Xunit.Sdk.XunitException($"{context}: the input was modified");
            }

            // The same call again with input and output next to inaccessible pages, on one to three threads: a read or
            // write past either end faults, and every thread count gives the one-thread result bit for bit.
            bool guarded = !overlap && n > 0;
            if (guarded)
            {
                bool touchEnd = r.Next(2) == 0;
                threads = 1 + r.Next(3);
                using var guardedIn = new GuardPages(inLen, touchEnd);
                using var guardedOut = new GuardPages(outLen, touchEnd);
                input.CopyTo(guardedIn.Span);
                layer.Forward(guardedIn.Span, guardedOut.Span, n, size, threads);
                if (!FuzzLayer.BitEqual(guardedOut.Span, outSpan))
                    throw new Xunit.Sdk.XunitException($"{context}: a different result next to guard pages on {threads} thread(s)");
            }

            yield return $"Conv{rank}d " + what + " → computed";
            if (guarded) yield return $"Conv{rank}d " + what + " → computed next to guard pages";
        }
    }

    /// <summary>
    /// Null when the exception says what is wrong, else what it lacks. The first check that fails is the one reported:
    /// the fixed size, then batch, threads, each size (depth, height, width), the padding modes and kernel, the input
    /// length, the output length, and last the overlap.
    /// </summary>
    private static string? Unclear(ArgumentException e, LayerConfig config, string? invalid, bool fixedMismatch, int n, int threads,
        int[] size, int[]? outSize, bool inOff, bool outOff, int inLen, long inLength, int outLen, long outLength)
    {
        var p = config.Expected;
        int rank = config.Rank;
        string m = e.Message;
        if (fixedMismatch)
        {
            string expected = string.Join(" x ", config.FixedSize!), given = string.Join(" x ", size);
            return m.Contains($"generated for {expected} inputs") && m.Contains($"but got {given}") ? null : $"does not name the fixed size {expected} and {given}";
        }

        if (n < 0) return e.ParamName == "batch" ? null : "does not name batch";
        if (threads < 1) return e.ParamName == "threads" ? null : "does not name threads";
        int bad = Array.FindIndex(size, s => s <= 0);
        if (bad >= 0)
        {
            string name = LayerConfig.AxisName(rank, bad);
            return e.ParamName == name ? null : $"does not name {name}";
        }

        if (invalid is not null)
        {
            // Which of PyTorch's rules the size breaks (possibly several, on different axes): the message names one.
            var fragments = new List<string>();
            for (int a = 0; a < rank; a++)
            {
                int pad = Math.Max(p.PaddingBefore[a], p.PaddingAfter[a]);
                if (p.PaddingMode == PaddingMode.Reflect && pad >= size[a]) fragments.Add("Reflect padding");
                if (p.PaddingMode == PaddingMode.Circular && pad > size[a]) fragments.Add("Circular padding");
                if (size[a] + p.PaddingBefore[a] + p.PaddingAfter[a] < p.Dilation[a] * (p.KernelSize[a] - 1) + 1) fragments.Add("the kernel can't be larger than the padded input");
            }

            return fragments.Any(m.Contains) ? null : $"names none of [{string.Join("; ", fragments.Distinct())}]";
        }

        if (inOff)
            return LengthMessage(e, "input", inLen, inLength, LayerConfig.Shape(rank, n, p.InChannels, size));
        if (outOff)
            return LengthMessage(e, "output", outLen, outLength, LayerConfig.Shape(rank, n, p.OutChannels, outSize!));
        return e.ParamName == "output" && m.Contains("overlap") ? null : "does not say that input and output overlap";
    }

    /// <summary>Null when the message says which span, how long it is, which shape it should have and how long that is.</summary>
    private static string? LengthMessage(ArgumentException e, string parameter, long actual, long expected, string shape)
    {
        string m = e.Message;
        return e.ParamName == parameter && m.Contains($"{parameter} has {actual} elements") && m.Contains($"shape {shape} needs {expected}")
            ? null
            : $"expected \"{parameter} has {actual} elements but shape {shape} needs {expected}\"";
    }

    /// <summary>The weight's shape as the constructor's message writes it.</summary>
    private static string WeightShape(ConvParameters p)
    {
        var k = p.KernelSize;
        string kernel = p.Rank switch
        {
            1 => $"k={k[0]}",
            2 => $"kH={k[0]}, kW={k[1]}",
            _ => $"kD={k[0]}, kH={k[1]}, kW={k[2]}",
        };
        return $"(out={p.OutChannels}, in/groups={p.InChannelsPerGroup}, {kernel})";
    }

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

    private static void ExpectArgumentException(Action action, string parameter, int actual, long expected, string shape)
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

        if (thrown is not ArgumentException argument)
            throw new Xunit.Sdk.XunitException($"{parameter} of length {actual} (needs {expected}): expected ArgumentException, got {thrown?.GetType().Name ?? "no exception"}");
        string? unclear = LengthMessage(argument, parameter, actual, expected, shape);
        if (unclear is not null)
            throw new Xunit.Sdk.XunitException($"{parameter} of length {actual}: {unclear}, got \"{argument.Message}\" (parameter {argument.ParamName ?? "null"})");
    }
}
