using ConvGen.Golden;
using System;
using System.Globalization;
using ConvGen;

namespace ConvGen.Conformance.Tests;

/// <summary>
/// How close ConvGen must be to PyTorch, and the double-precision sums the bound is computed from.
/// <para>
/// <b>The convolution.</b> Each output is y = b + Σ_{j=1..n} w_j·x_j with n = (in/groups)·∏kernel terms (kL; kH·kW;
/// kD·kH·kW) and x_j taken from the padded input. PyTorch (oneDNN direct kernels, or im2col + sgemm, one thread) and
/// ConvGen both compute it in float32, each with its own summation order, blocking and FMA use. For any order, fused or
/// not, the rounding error of such a sum is at most γ_k·M with M = |b| + Σ|w_j·x_j|, γ_k = k·u/(1 − k·u), u = 2⁻²⁴
/// and k = n + 1 (Higham, "Accuracy and Stability of Numerical Algorithms", 2nd ed., §3.1, eq. 3.5); we take k = n + 2
/// to also cover a separately rounded bias add. Both results lie within γ_k·M of the exact value, so they can differ by
/// at most
///     |convgen − pytorch| ≤ C = 2·γ_{n+2}·M   (plus 1e-37·n for results flushed to zero / denormal).
/// M is computed here in double from the exact float32 inputs (products of two floats are exact in double), with
/// PyTorch's padding (the recorded before/after per axis and mode).
/// </para>
/// <para>
/// <b>A transposed convolution</b> (torch.nn.ConvTransposeNd) is a sum of the same kind: input element i of an axis
/// reaches output i·s + k·d − p through tap k, so y = b + Σ w·x over the input channels of the group and the taps that
/// land on the output, at most n = (in/groups)·∏ L terms with L per axis the most taps that reach one output
/// (⌈k / (s/gcd(s, d))⌉, and at most the input size: <see cref="GoldenFile.LandingTaps"/>). Whatever the order —
/// ConvGen: per output phase, bias + Σ over the landing taps and the group's input channels in registers; PyTorch: a GEMM
/// and col2im, or a direct kernel — each term passes through at most (in/groups) + L_total + 1 ≤ n + 2 roundings, so the same
/// bound C = 2·γ_{n+2}·M holds with M = |b| + Σ|w·x| over the landing terms (<see cref="DirectConvolution.RunTransposed"/>).
/// For a stride-2, kernel-4 layer (DCGAN) that is 4·(in/groups) terms instead of the kernel's 16·(in/groups).
/// </para>
/// <para>
/// <b>A fused activation f.</b> PyTorch computes f_P(p) and ConvGen f_C(c) from their own convolutions p and c, both
/// within γ_{n+2}·M of the exact y. So
///     |f_C(c) − f_P(p)| ≤ |f_C(c) − f(c)| + |f(c) − f(p)| + |f(p) − f_P(p)| ≤ E_C + L·C + E_P,
/// with L the largest slope of f (σ 1/4, hardsigmoid 1/6, hardswish 1.5, SiLU 1.1, GELU and its tanh form 1.13,
/// LeakyReLU max(1, |slope|), ReLU/ReLU6/tanh 1), E_C ConvGen's documented float error of f (ulps of the result:
/// sigmoid 2.5, tanh 1.5, hardsigmoid 1.25, hardswish 2, SiLU 3, GELU 4.5, GELUTanh 2 plus its |v|·2⁻²² relative
/// term for v &lt; 0, LeakyReLU 0.5, ReLU/ReLU6 0) and E_P PyTorch's: sigmoid 2.5, tanh 1, hardsigmoid 1.25, hardswish 2,
/// SiLU 2.5, GELU 2, GELUTanh 2 ulps, LeakyReLU 0.5, ReLU/ReLU6 0, plus for GELU 6·|y|·2⁻²⁴ and GELUTanh 1·|y|·2⁻²⁴
/// absolute (libtorch's float GELU has an absolute, not relative, error: its erf approximation, and 1 + tanh(v)
/// cancelling for y &lt; 0; its GELU is −0 below y ≈ −9.5 where the exact value is about −10⁻²⁰, and up to 2·10⁻⁴
/// relative off near y = −3). Ulps are those of the larger of |f_C|, |f_P| and |f(y)|; (1 + |y|)·2⁻¹²⁶ is added for
/// results in the subnormal range (e.g. PyTorch's σ(y) = 1/(1 + e^−y) is 0 once e^−y overflows). PyTorch's bounds
/// are those of libtorch 2.10 on the CPU: the oracle measures every module on 600,000 arguments at each
/// <c>generate</c> and fails if one is exceeded, and <c>GoldenData_AgreesWithDoubleReference</c> checks PyTorch's
/// output of every golden file against f of the double-precision convolution with L·γ_{n+2}·M + E_P.
/// </para>
/// <para>
/// Why this still catches indexing errors: the convolution bound is relative to M, i.e. about 2·(n+2)·6e-8 of the sum
/// of the term magnitudes (3.5e-6 of M for a 3×3×3 kernel, 5.5e-4 for ResNet's 512×3×3), while reading one wrong
/// input or weight changes the result by a whole term |w·x| ≈ M/n on average; for the small and medium configurations
/// (n ≤ ~600) one wrong term is 10–10⁴ times the bound, and a wrong row, column, channel or padding value changes many
/// terms at once. The activation terms are a few ulps of the result (plus, for PyTorch's GELU, ~3.6e-7·|y|).
/// <see cref="GoldenDataTests.Tolerance_RejectsSwappedRowsColumnsAndChannels"/> checks this on every file.
/// </para>
/// </summary>
internal static class Tolerance
{
    public static double Gamma(int terms)
    {
        double u = Math.Pow(2, -24), k = terms + 2;
        return k * u / (1 - k * u);
    }

    /// <summary>Allowed |convgen − pytorch| of the convolution alone, for an output with term magnitude <paramref name="magnitude"/>.</summary>
    public static double Allowed(double magnitude, int terms) => 2 * Gamma(terms) * magnitude + 1e-37 * terms;

    /// <summary>
    /// Allowed |convgen − pytorch| for an output of <paramref name="g"/>: the convolution's bound, and with an activation
    /// L times it plus both activations' float errors. <paramref name="exact"/> is the double-precision convolution
    /// (before the activation); <paramref name="actual"/>/<paramref name="expected"/> the two results (NaN when unknown).
    /// </summary>
    public static double Allowed(GoldenFile g, double magnitude, double exact, double actual, double expected)
    {
        double conv = Allowed(magnitude, g.Terms);
        GoldenActivation a = g.GoldenActivation;
        if (a == GoldenActivation.None) return conv;
        double scale = ResultScale(g, exact, actual, expected);
        return ActivationReference.Lipschitz(a, g.NegativeSlope) * conv
               + ActivationReference.ConvGenError(a, exact, scale) + ActivationReference.TorchError(a, exact, scale);
    }

    /// <summary>
    /// Allowed |pytorch − f(exact)| (PyTorch against the double-precision reference): L·γ_{n+2}·M plus PyTorch's
    /// activation error (L = 1 and no activation error without one).
    /// </summary>
    public static double AllowedOneSided(GoldenFile g, double magnitude, double exact, double expected)
    {
        double conv = Gamma(g.Terms) * magnitude + 1e-37 * g.Terms;
        GoldenActivation a = g.GoldenActivation;
        if (a == GoldenActivation.None) return conv;
        return ActivationReference.Lipschitz(a, g.NegativeSlope) * conv
               + ActivationReference.TorchError(a, exact, ResultScale(g, exact, double.NaN, expected));
    }

    /// <summary>f applied to the double-precision convolution (the identity without an activation).</summary>
    public static double Activate(GoldenFile g, double exact) => ActivationReference.Exact(g.GoldenActivation, exact, g.NegativeSlope);

    private static double ResultScale(GoldenFile g, double exact, double actual, double expected)
    {
        double scale = 0;
        foreach (double v in new[] { actual, expected, Activate(g, exact) })
        {
            if (double.IsFinite(v)) scale = Math.Max(scale, Math.Abs(v));
        }

        return scale;
    }

    /// <summary>
    /// Whether <paramref name="actual"/> matches PyTorch's <paramref name="expected"/>: NaN ↔ NaN, ±∞ ↔ the same ±∞,
    /// otherwise within <see cref="Allowed(GoldenFile, double, double, double, double)"/>.
    /// </summary>
    public static bool Matches(GoldenFile g, float actual, float expected, double magnitude, double exact) =>
        float.IsNaN(expected) ? float.IsNaN(actual)
        : float.IsInfinity(expected) ? actual == expected
        : Math.Abs((double)actual - expected) <= Allowed(g, magnitude, exact, actual, expected);

    /// <summary>An output position in PyTorch's terms: (n, oc, l), (n, oc, oh, ow) or (n, oc, od, oh, ow).</summary>
    public static string Describe(GoldenFile g, int flatIndex)
    {
        int[] o = g.OutputSize;
        int ow = flatIndex % o[2], rest = flatIndex / o[2];
        int oh = rest % o[1];
        rest /= o[1];
        int od = rest % o[0];
        rest /= o[0];
        int n = rest / g.OutChannels, oc = rest % g.OutChannels;
        return g.Rank switch
        {
            1 => string.Create(CultureInfo.InvariantCulture, $"(n={n}, oc={oc}, l={ow})"),
            2 => string.Create(CultureInfo.InvariantCulture, $"(n={n}, oc={oc}, oh={oh}, ow={ow})"),
            _ => string.Create(CultureInfo.InvariantCulture, $"(n={n}, oc={oc}, od={od}, oh={oh}, ow={ow})"),
        };
    }
}

/// <summary>
/// Direct convolution in double over PyTorch's padded input (the recorded padding and mode, F.pad's index rules), one
/// output volume at a time, for every rank (lower ranks are unit leading axes); transposed convolutions by their own
/// definition (<see cref="RunTransposed"/>). Returns the value before any activation
/// (for checking the golden data itself) and M = |b| + Σ|w·x| (for the tolerance). Non-finite weights/inputs contribute
/// 0 to M (an output they reach is non-finite and compared exactly).
/// </summary>
internal static class DirectConvolution
{
    public static (double[] Value, double[] Magnitude) Run(GoldenFile g)
    {
        if (g.Transposed) return RunTransposed(g);
        int[] o = g.OutputSize, k = g.Kernel, s = g.Stride, dl = g.Dilation, size = g.Size;
        int plane = g.Plane;
        int padD = size[0] + g.PaddingBefore[0] + g.PaddingAfter[0];
        int padH = size[1] + g.PaddingBefore[1] + g.PaddingAfter[1];
        int padW = size[2] + g.PaddingBefore[2] + g.PaddingAfter[2];
        int cinG = g.InChannelsPerGroup, coutG = g.OutChannels / g.Groups;
        var value = new double[g.OutputLength];
        var magnitude = new double[g.OutputLength];
        var xp = new double[g.InChannels][];
        var xa = new double[g.InChannels][];
        int[] depthSource = new int[padD], rowSource = new int[padH], colSource = new int[padW];
        for (int i = 0; i < padD; i++) depthSource[i] = Source(i - g.PaddingBefore[0], size[0], g.PaddingMode);
        for (int i = 0; i < padH; i++) rowSource[i] = Source(i - g.PaddingBefore[1], size[1], g.PaddingMode);
        for (int i = 0; i < padW; i++) colSource[i] = Source(i - g.PaddingBefore[2], size[2], g.PaddingMode);
        int inputVolume = size[0] * size[1] * size[2];

        for (int n = 0; n < g.Batch; n++)
        {
            for (int c = 0; c < g.InChannels; c++)
            {
                xp[c] = new double[padD * padH * padW];
                xa[c] = new double[padD * padH * padW];
                int baseIn = (n * g.InChannels + c) * inputVolume;
                for (int d = 0; d < padD; d++)
                {
                    if (depthSource[d] < 0) continue;
                    for (int i = 0; i < padH; i++)
                    {
                        if (rowSource[i] < 0) continue;
                        int rowIn = baseIn + (depthSource[d] * size[1] + rowSource[i]) * size[2];
                        int rowOut = (d * padH + i) * padW;
                        for (int j = 0; j < padW; j++)
                        {
                            if (colSource[j] < 0) continue;
                            double v = g.Input[rowIn + colSource[j]];
                            xp[c][rowOut + j] = v;
                            xa[c][rowOut + j] = double.IsFinite(v) ? Math.Abs(v) : 0;
                        }
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
                    for (int kd = 0; kd < k[0]; kd++)
                    for (int kh = 0; kh < k[1]; kh++)
                    for (int kw = 0; kw < k[2]; kw++)
                    {
                        double w = g.Weight[(((oc * cinG + ic) * k[0] + kd) * k[1] + kh) * k[2] + kw];
                        double wAbs = double.IsFinite(w) ? Math.Abs(w) : 0;
                        for (int od = 0; od < o[0]; od++)
                        {
                            int slab = (od * s[0] + kd * dl[0]) * padH;
                            for (int oh = 0; oh < o[1]; oh++)
                            {
                                int row = (slab + oh * s[1] + kh * dl[1]) * padW + kw * dl[2];
                                int at0 = (od * o[1] + oh) * o[2];
                                for (int ow = 0; ow < o[2]; ow++)
                                {
                                    int at = row + ow * s[2];
                                    val[at0 + ow] += w * x[at];
                                    mag[at0 + ow] += wAbs * xAbs[at];
                                }
                            }
                        }
                    }
                }
            }
        }

        return (value, magnitude);
    }

    /// <summary>
    /// A transposed convolution by its definition (the gradient of a convolution with respect to its input): every input
    /// element x[n, ic, i] adds w[ic, oc − g·out/groups, k]·x to output i·s + k·d − p (per axis) of every output channel oc
    /// of its group g, where that lies inside the output (the padding crops, output_padding extends after the end); the
    /// bias starts every output. Weight (in, out/groups, *kernel). Returns the value before any activation and
    /// M = |b| + Σ|w·x|; non-finite weights/inputs contribute 0 to M (as in <see cref="Run"/>).
    /// </summary>
    public static (double[] Value, double[] Magnitude) RunTransposed(GoldenFile g)
    {
        int[] o = g.OutputSize, k = g.Kernel, s = g.Stride, dl = g.Dilation, size = g.Size, p = g.PaddingBefore;
        int plane = g.Plane, inputVolume = size[0] * size[1] * size[2], taps = k[0] * k[1] * k[2];
        int cinG = g.InChannelsPerGroup, coutG = g.OutChannels / g.Groups;
        var value = new double[g.OutputLength];
        var magnitude = new double[g.OutputLength];
        var x = new double[inputVolume];
        var xAbs = new double[inputVolume];
        for (int n = 0; n < g.Batch; n++)
        {
            for (int ic = 0; ic < g.InChannels; ic++)
            {
                int at = (n * g.InChannels + ic) * inputVolume;
                for (int i = 0; i < inputVolume; i++)
                {
                    double v = g.Input[at + i];
                    x[i] = v;
                    xAbs[i] = double.IsFinite(v) ? Math.Abs(v) : 0;
                }

                int group = ic / cinG;
                for (int ocInGroup = 0; ocInGroup < coutG; ocInGroup++)
                {
                    int oc = group * coutG + ocInGroup;
                    Span<double> val = value.AsSpan((n * g.OutChannels + oc) * plane, plane), mag = magnitude.AsSpan((n * g.OutChannels + oc) * plane, plane);
                    for (int kd = 0; kd < k[0]; kd++)
                    for (int kh = 0; kh < k[1]; kh++)
                    for (int kw = 0; kw < k[2]; kw++)
                    {
                        double w = g.Weight[(ic * coutG + ocInGroup) * taps + (kd * k[1] + kh) * k[2] + kw];
                        double wAbs = double.IsFinite(w) ? Math.Abs(w) : 0;
                        // The input columns whose output i·s + kw·d − p lies in [0, outWidth).
                        var (w0, w1) = Inside(kw * dl[2] - p[2], s[2], size[2], o[2]);
                        for (int id = 0; id < size[0]; id++)
                        {
                            int od = id * s[0] + kd * dl[0] - p[0];
                            if ((uint)od >= (uint)o[0]) continue;
                            for (int ih = 0; ih < size[1]; ih++)
                            {
                                int oh = ih * s[1] + kh * dl[1] - p[1];
                                if ((uint)oh >= (uint)o[1]) continue;
                                int row = (id * size[1] + ih) * size[2], outRow = (od * o[1] + oh) * o[2] + kw * dl[2] - p[2];
                                for (int iw = w0; iw < w1; iw++)
                                {
                                    int ow = outRow + iw * s[2];
                                    val[ow] += w * x[row + iw];
                                    mag[ow] += wAbs * xAbs[row + iw];
                                }
                            }
                        }
                    }
                }
            }

            // Every output starts with the bias (added last here: the order does not matter in double).
            for (int oc = 0; oc < g.OutChannels; oc++)
            {
                double b = g.BiasValues is null ? 0 : g.BiasValues[oc];
                int o0 = (n * g.OutChannels + oc) * plane;
                for (int i = 0; i < plane; i++)
                {
                    value[o0 + i] += b;
                    magnitude[o0 + i] += double.IsFinite(b) ? Math.Abs(b) : 0;
                }
            }
        }

        return (value, magnitude);
    }

    /// <summary>The inputs i in [0, inSize) with 0 ≤ i·stride + shift &lt; outSize, as [lo, hi): i·stride + shift increases with i.</summary>
    private static (int Lo, int Hi) Inside(int shift, int stride, int inSize, int outSize)
    {
        int lo = 0, hi = inSize;
        while (lo < hi && lo * stride + shift < 0) lo++;
        while (hi > lo && (hi - 1) * stride + shift >= outSize) hi--;
        return (lo, hi);
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
