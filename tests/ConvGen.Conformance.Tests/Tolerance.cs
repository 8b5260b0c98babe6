using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using ConvGen;

namespace ConvGen.Conformance.Tests;

/// <summary>
/// How close ConvGen must be to PyTorch, and the double-precision sums the bound is computed from.
/// <para>
/// Each output is y = b + Σ_{j=1..n} w_j·x_j with n = (in/groups)·kH·kW terms (x_j taken from the padded input). PyTorch
/// (oneDNN direct kernels, or im2col + sgemm, one thread) and ConvGen both compute it in float32, each with its own
/// summation order, blocking and FMA use. For any order, fused or not, the rounding error of such a sum is at most
/// γ_k·M with M = |b| + Σ|w_j·x_j|, γ_k = k·u/(1 − k·u), u = 2⁻²⁴ and k = n + 1 (Higham, "Accuracy and Stability of
/// Numerical Algorithms", 2nd ed., §3.1, eq. 3.5); we take k = n + 2 to also cover a separately rounded bias add. Both
/// results lie within γ_k·M of the exact value, so they can differ by at most
///     |convgen − pytorch| ≤ 2·γ_{n+2}·M   (plus 1e-37·n for results flushed to zero / denormal).
/// M is computed here in double from the exact float32 inputs (products of two floats are exact in double), with
/// PyTorch's padding (the recorded top/bottom/left/right and mode).
/// </para>
/// <para>
/// Why this still catches indexing errors: the bound is relative to M, i.e. about 2·(n+2)·6e-8 of the sum of the term
/// magnitudes (3.5e-6 of M for a 3×3×3 kernel, 5.5e-4 for ResNet's 512×3×3), while reading one wrong input or weight
/// changes the result by a whole term |w·x| ≈ M/n on average; for the small and medium configurations (n ≤ ~600) one
/// wrong term is 10–10⁴ times the bound, and a wrong row, column, channel or padding value changes many terms
/// at once. <see cref="ConformanceTests.Tolerance_RejectsSwappedRowsColumnsAndChannels"/> checks this on every file.
/// </para>
/// </summary>
internal static class Tolerance
{
    public static double Gamma(int terms)
    {
        double u = Math.Pow(2, -24), k = terms + 2;
        return k * u / (1 - k * u);
    }

    /// <summary>Allowed |convgen − pytorch| for an output with term magnitude <paramref name="magnitude"/>.</summary>
    public static double Allowed(double magnitude, int terms) => 2 * Gamma(terms) * magnitude + 1e-37 * terms;

    /// <summary>
    /// Whether <paramref name="actual"/> matches PyTorch's <paramref name="expected"/>: NaN ↔ NaN, ±∞ ↔ the same ±∞,
    /// otherwise within <see cref="Allowed"/>.
    /// </summary>
    public static bool Matches(float actual, float expected, double magnitude, int terms) =>
        float.IsNaN(expected) ? float.IsNaN(actual)
        : float.IsInfinity(expected) ? actual == expected
        : Math.Abs((double)actual - expected) <= Allowed(magnitude, terms);

    public static string Describe(GoldenFile g, int flatIndex)
    {
        int ow = flatIndex % g.OutputWidth, rest = flatIndex / g.OutputWidth;
        int oh = rest % g.OutputHeight;
        rest /= g.OutputHeight;
        return string.Create(CultureInfo.InvariantCulture, $"(n={rest / g.OutChannels}, oc={rest % g.OutChannels}, oh={oh}, ow={ow})");
    }
}

/// <summary>
/// Direct convolution in double over PyTorch's padded input (the recorded padding and mode, F.pad's index rules), one
/// output plane at a time. Returns the value (for checking the golden data itself) and M = |b| + Σ|w·x| (for the
/// tolerance). Non-finite weights/inputs contribute 0 to M (an output they reach is non-finite and compared exactly).
/// </summary>
internal static class DirectConvolution
{
    public static (double[] Value, double[] Magnitude) Run(GoldenFile g)
    {
        int outH = g.OutputHeight, outW = g.OutputWidth, plane = outH * outW;
        int padH = g.Height + g.PaddingTop + g.PaddingBottom, padW = g.Width + g.PaddingLeft + g.PaddingRight;
        int cinG = g.InChannelsPerGroup, coutG = g.OutChannels / g.Groups;
        var value = new double[g.OutputLength];
        var magnitude = new double[g.OutputLength];
        var xp = new double[g.InChannels][];
        var xa = new double[g.InChannels][];
        int[] rowSource = new int[padH], colSource = new int[padW];
        for (int i = 0; i < padH; i++) rowSource[i] = Source(i - g.PaddingTop, g.Height, g.PaddingMode);
        for (int i = 0; i < padW; i++) colSource[i] = Source(i - g.PaddingLeft, g.Width, g.PaddingMode);

        for (int n = 0; n < g.Batch; n++)
        {
            for (int c = 0; c < g.InChannels; c++)
            {
                xp[c] = new double[padH * padW];
                xa[c] = new double[padH * padW];
                for (int i = 0; i < padH; i++)
                {
                    if (rowSource[i] < 0) continue;
                    for (int j = 0; j < padW; j++)
                    {
                        if (colSource[j] < 0) continue;
                        double v = g.Input[((n * g.InChannels + c) * g.Height + rowSource[i]) * g.Width + colSource[j]];
                        xp[c][i * padW + j] = v;
                        xa[c][i * padW + j] = double.IsFinite(v) ? Math.Abs(v) : 0;
                    }
                }
            }

            for (int oc = 0; oc < g.OutChannels; oc++)
            {
                int o0 = (n * g.OutChannels + oc) * plane;
                Span<double> val = value.AsSpan(o0, plane), mag = magnitude.AsSpan(o0, plane);
                double b = g.BiasValues is null ? 0 : g.BiasValues[oc];
                val.Fill(b);
                mag.Fill(double.IsFinite(b) ? Math.Abs(b) : 0);
                int group = oc / coutG;
                for (int ic = 0; ic < cinG; ic++)
                {
                    double[] x = xp[group * cinG + ic], xAbs = xa[group * cinG + ic];
                    for (int kh = 0; kh < g.KernelHeight; kh++)
                    for (int kw = 0; kw < g.KernelWidth; kw++)
                    {
                        double w = g.Weight[((oc * cinG + ic) * g.KernelHeight + kh) * g.KernelWidth + kw];
                        double wAbs = double.IsFinite(w) ? Math.Abs(w) : 0;
                        for (int oh = 0; oh < outH; oh++)
                        {
                            int row = (oh * g.StrideHeight + kh * g.DilationHeight) * padW + kw * g.DilationWidth;
                            int o = oh * outW;
                            for (int ow = 0; ow < outW; ow++)
                            {
                                int at = row + ow * g.StrideWidth;
                                val[o + ow] += w * x[at];
                                mag[o + ow] += wAbs * xAbs[at];
                            }
                        }
                    }
                }
            }
        }

        return (value, magnitude);
    }

    /// <summary>F.pad's source index for padded coordinate i (relative to the first input element); −1 = zero.</summary>
    private static int Source(int i, int n, PaddingMode mode)
    {
        if (i >= 0 && i < n) return i;
        return mode switch
        {
            PaddingMode.Zeros => -1,
            PaddingMode.Reflect => i < 0 ? -i : 2 * n - 2 - i,      // −1 → 1, n → n − 2 (the edge is not repeated)
            PaddingMode.Replicate => Math.Clamp(i, 0, n - 1),
            PaddingMode.Circular => i < 0 ? i + n : i - n,         // −1 → n − 1, n → 0 (padding ≤ n: wraps once)
            _ => throw new ArgumentOutOfRangeException(nameof(mode)),
        };
    }
}
