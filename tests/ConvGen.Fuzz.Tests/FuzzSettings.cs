using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace ConvGen.Fuzz.Tests;

/// <summary>
/// How much to fuzz, and from which seeds.
///
/// CI mode (no environment variables): a fixed list of batch seeds, so every run checks the same cases and a failure
/// reproduces exactly. Each fuzz test runs its default number of cases (see the constants).
///
/// Long mode: set either or both variables; every fuzz test then runs CONVGEN_FUZZ_COUNT cases, in batches whose seeds
/// count up from CONVGEN_FUZZ_SEED (default: the first CI seed, so the long run is a superset of CI):
/// <code>
///   CONVGEN_FUZZ_SEED=123456 CONVGEN_FUZZ_COUNT=5000 dotnet test tests/ConvGen.Fuzz.Tests -c Release
/// </code>
/// A failure message names its batch seed and the case index; <c>CONVGEN_FUZZ_SEED=&lt;batch seed&gt;</c> with the
/// test's batch size as the count reruns exactly that batch. Add <c>--filter FullyQualifiedName~ValidConfigurationFuzzTests</c>
/// (or <c>InvalidAttributeFuzzTests</c>, <c>RuntimeInputFuzzTests</c>) to fuzz one part only.
///
/// The generated layers run in this process, so they take whatever instruction set it has; run the long mode again
/// under DOTNET_EnableAVX512=0, DOTNET_EnableAVX2=0 or DOTNET_EnableHWIntrinsic=0 to fuzz the other kernels.
/// </summary>
internal static class FuzzSettings
{
    public const string SeedVariable = "CONVGEN_FUZZ_SEED";
    public const string CountVariable = "CONVGEN_FUZZ_COUNT";

    /// <summary>The first CI batch seed; CI batches use this and the following seeds.</summary>
    public const int BaseSeed = 20_250_917;

    /// <summary>The start seed from the environment, or null in CI mode.</summary>
    public static int? SeedOverride => Read(SeedVariable);

    /// <summary>The case count from the environment, or null in CI mode.</summary>
    public static int? CountOverride => Read(CountVariable);

    public static bool LongMode => SeedOverride is not null || CountOverride is not null;

    /// <summary>
    /// Batches of at most <paramref name="batchSize"/> cases covering <paramref name="ciCount"/> cases in CI mode or
    /// CONVGEN_FUZZ_COUNT in long mode: (batch seed, cases in the batch), seeds counting up from the start seed.
    /// </summary>
    public static IEnumerable<object[]> Batches(int ciCount, int batchSize)
    {
        int total = CountOverride ?? ciCount;
        int seed = SeedOverride ?? BaseSeed;
        for (int done = 0, b = 0; done < total; done += batchSize, b++)
            yield return new object[] { unchecked(seed + b), Math.Min(batchSize, total - done) };
    }

    /// <summary>A seed for case <paramref name="index"/> of a batch, well mixed (SplitMix64) so neighbours are unrelated.</summary>
    public static int CaseSeed(int batchSeed, int index)
    {
        ulong z = unchecked((ulong)(uint)batchSeed * 0x9E3779B97F4A7C15UL + (ulong)index * 0xBF58476D1CE4E5B9UL + 0x94D049BB133111EBUL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return (int)(uint)(z ^ (z >> 31)) & int.MaxValue;
    }

    /// <summary>The command that reruns one batch.</summary>
    public static string Repro(string testClass, int batchSeed, int count) =>
        $"{SeedVariable}={batchSeed} {CountVariable}={count} dotnet test tests/ConvGen.Fuzz.Tests -c Release --filter FullyQualifiedName~{testClass}";

    private static int? Read(string name)
    {
        string? text = Environment.GetEnvironmentVariable(name);
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (!int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value))
            throw new InvalidOperationException($"{name}={text} is not an integer.");
        return value;
    }
}
