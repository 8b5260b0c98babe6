using System;

namespace ConvGen.Numerics.Tests;

internal static class TestData
{
    /// <summary>Uniform in [-1, 1), reproducible from a seed.</summary>
    public static float[] Uniform(Random random, int length)
    {
        var values = new float[length];
        for (int i = 0; i < values.Length; i++) values[i] = (float)(random.NextDouble() * 2 - 1);
        return values;
    }

    /// <summary>A seed that is stable across processes (string.GetHashCode is not).</summary>
    public static int Seed(string name)
    {
        int seed = 17;
        foreach (char c in name) seed = unchecked(seed * 31 + c);
        return seed;
    }

    /// <summary>
    /// Asserts every element of <paramref name="actual"/> against the double-precision reference.
    /// Tolerance: each output is a sum of n = (in/groups)·kH·kW products plus the bias. Whatever the order of summation
    /// and whether products are fused (FMA) or rounded separately, float32 rounding error of such a sum is bounded by
    /// γ_{n+1}·Σ|terms| with γ_k = k·u / (1 − k·u), u = 2⁻²⁴ (Higham, Accuracy and Stability, §3.1). We allow exactly
    /// that bound (+1 for the final rounding of the bias addition), so any indexing or padding mistake, which changes a
    /// result by the size of a whole term, fails.
    /// Non-finite references must be matched exactly (NaN ↔ NaN, ±∞ ↔ same ±∞).
    /// </summary>
    public static void AssertClose(double[] expected, double[] magnitude, ReadOnlySpan<float> actual, int terms, string context)
    {
        if (expected.Length != actual.Length)
            throw new Xunit.Sdk.XunitException($"{context}: output length {actual.Length}, expected {expected.Length}");
        double u = Math.Pow(2, -24), k = terms + 2, gamma = k * u / (1 - k * u);
        for (int i = 0; i < expected.Length; i++)
        {
            double e = expected[i], a = actual[i];
            bool ok = double.IsNaN(e) ? double.IsNaN(a)
                : double.IsInfinity(e) ? a == e
                : Math.Abs(a - e) <= gamma * magnitude[i] + 1e-37;
            if (!ok)
            {
                throw new Xunit.Sdk.XunitException(
                    $"{context}: element {i} is {a:R}, reference {e:R} (allowed error {gamma * magnitude[i]:E2})");
            }
        }
    }
}
