using System;
using System.Linq;

namespace ConvGen.Fuzz.Tests.Harness;

/// <summary>
/// The oracle for Conv1d/2d/3d and the fused activations: a copy of tests/ConvGen.Numerics.Tests/ReferenceConv.cs
/// (torch.nn.ConvNd straight from its definition in double precision, one output element at a time, PyTorch's padding
/// modes by index mapping, then the activation's formula in double) and of ConvNdTests.AssertActivated, its tolerance.
/// One change for speed, not meaning: each axis's source indices are tabulated once per call instead of recomputed for
/// every product (the fuzz runs this on hundreds of layers per run). Shares no code with the runtime.
/// </summary>
internal static class ReferenceConvNd
{
    /// <summary>PyTorch's own checks for an input size: null when valid, otherwise the reason.</summary>
    public static string? Invalid(ConvParameters p, int[] size)
    {
        if (size.Any(s => s <= 0)) return "empty input";
        for (int a = 0; a < p.Rank; a++)
        {
            if (size[a] + p.PaddingBefore[a] + p.PaddingAfter[a] - (long)p.Dilation[a] * (p.KernelSize[a] - 1) - 1 < 0) return "kernel larger than padded input";
            int pad = Math.Max(p.PaddingBefore[a], p.PaddingAfter[a]);
            if (p.PaddingMode == PaddingMode.Reflect && pad >= size[a]) return "reflect padding too large";
            if (p.PaddingMode == PaddingMode.Circular && pad > size[a]) return "circular padding too large";
        }

        return null;
    }

    public static int[] OutputSize(ConvParameters p, int[] size) =>
        Enumerable.Range(0, p.Rank).Select(a =>
            (size[a] + p.PaddingBefore[a] + p.PaddingAfter[a] - p.Dilation[a] * (p.KernelSize[a] - 1) - 1) / p.Stride[a] + 1).ToArray();

    /// <summary>The convolution (before the activation) and, per element, Σ|w·x| + |b| (what bounds its rounding error).</summary>
    public static (double[] Output, double[] Magnitude) Run(ConvParameters p, float[] input, float[] weight, float[]? bias, int batch, int[] size)
    {
        int rank = p.Rank;
        int[] outSize = OutputSize(p, size);
        int[] kernel = p.KernelSize.ToArray();
        // source[a][o·kernel[a] + k]: the input index along axis a that output o reads with tap k (F.pad's mapping), −1 for a zero.
        var source = new int[rank][];
        for (int a = 0; a < rank; a++)
        {
            source[a] = new int[outSize[a] * kernel[a]];
            for (int o = 0; o < outSize[a]; o++)
            for (int k = 0; k < kernel[a]; k++)
                source[a][o * kernel[a] + k] = Source(o * p.Stride[a] + k * p.Dilation[a] - p.PaddingBefore[a], size[a], p.PaddingMode);
        }

        int inPlane = size.Aggregate(1, (a, b) => a * b), outPlane = outSize.Aggregate(1, (a, b) => a * b);
        int taps = kernel.Aggregate(1, (a, b) => a * b);
        var tap = new int[taps][];
        for (int t = 0; t < taps; t++)
        {
            tap[t] = new int[rank];
            Unflatten(t, kernel, tap[t]);
        }

        int cinG = p.InChannels / p.Groups, coutG = p.OutChannels / p.Groups;
        var output = new double[batch * p.OutChannels * outPlane];
        var magnitude = new double[output.Length];
        var o2 = new int[rank];
        for (int n = 0; n < batch; n++)
        for (int oc = 0; oc < p.OutChannels; oc++)
        for (int op = 0; op < outPlane; op++)
        {
            Unflatten(op, outSize, o2);
            double sum = bias is null ? 0 : bias[oc];
            double mag = Math.Abs(sum);
            for (int ic = 0; ic < cinG; ic++)
            for (int t = 0; t < taps; t++)
            {
                int index = 0;
                for (int a = 0; a < rank && index >= 0; a++)
                {
                    int i = source[a][o2[a] * kernel[a] + tap[t][a]];
                    index = i < 0 ? -1 : index * size[a] + i;
                }

                if (index < 0) continue; // zero padding
                int c = oc / coutG * cinG + ic;
                double x = input[(n * p.InChannels + c) * inPlane + index];
                double w = weight[(oc * cinG + ic) * taps + t];
                sum += w * x;
                mag += Math.Abs(w * x);
            }

            output[(n * p.OutChannels + oc) * outPlane + op] = sum;
            magnitude[(n * p.OutChannels + oc) * outPlane + op] = mag;
        }

        return (output, magnitude);
    }

    /// <summary>PyTorch's activation modules, in double.</summary>
    public static double Activate(double x, Activation activation, double slope) => activation switch
    {
        Activation.None => x,
        Activation.ReLU => double.IsNaN(x) ? x : Math.Max(x, 0),
        Activation.ReLU6 => double.IsNaN(x) ? x : Math.Min(Math.Max(x, 0), 6),
        Activation.LeakyReLU => x > 0 ? x : x * slope,
        Activation.Sigmoid => 1 / (1 + Math.Exp(-x)),
        Activation.Tanh => Math.Tanh(x),
        Activation.Hardsigmoid => double.IsNaN(x) ? x : Math.Min(Math.Max(x + 3, 0), 6) / 6,
        Activation.Hardswish => double.IsNaN(x) ? x : x * Math.Min(Math.Max(x + 3, 0), 6) / 6,
        Activation.SiLU => x / (1 + Math.Exp(-x)),
        Activation.GELU => 0.5 * x * (1 + Erf(x / Math.Sqrt(2))),
        Activation.GELUTanh => 0.5 * x * (1 + Math.Tanh(Math.Sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x))),
        _ => throw new ArgumentOutOfRangeException(nameof(activation)),
    };

    /// <summary>The largest slope of an activation: how much it can magnify the convolution's rounding error.</summary>
    public static double Lipschitz(Activation activation, double slope) => activation switch
    {
        Activation.LeakyReLU => Math.Max(1, Math.Abs(slope)),
        Activation.Sigmoid => 0.25,
        Activation.Hardsigmoid => 1.0 / 6,
        Activation.Hardswish => 1.5,
        Activation.SiLU => 1.1,
        Activation.GELU or Activation.GELUTanh => 1.13,
        _ => 1,
    };

    /// <summary>
    /// erf in double: Taylor series near 0, continued fraction of erfc beyond (relative error below 1e-15); erf(±∞) = ±1
    /// (the continued fraction would compute ∞·0 there and make GELU(+∞) NaN instead of PyTorch's +∞).
    /// </summary>
    public static double Erf(double x)
    {
        if (double.IsNaN(x)) return x;
        if (double.IsInfinity(x)) return Math.Sign(x);
        double ax = Math.Abs(x);
        if (ax < 2.5)
        {
            double term = ax, sum = ax;
            for (int n = 1; n < 200 && Math.Abs(term) > 1e-18 * Math.Abs(sum); n++)
            {
                term *= -ax * ax / n;
                sum += term / (2 * n + 1);
            }

            return Math.Sign(x) * 2 / Math.Sqrt(Math.PI) * sum;
        }

        // erfc(x) = exp(−x²)/√π · 1/(x + 1/2/(x + 1/(x + 3/2/(x + …)))) (Lentz), for x ≥ 2.5.
        double f = ax, c = ax, d = 0;
        for (int n = 1; n < 300; n++)
        {
            double an = n / 2.0;
            d = ax + an * d;
            d = 1 / d;
            c = ax + an / c;
            double delta = c * d;
            f *= delta;
            if (Math.Abs(delta - 1) < 1e-16) break;
        }

        double erfc = Math.Exp(-ax * ax) / Math.Sqrt(Math.PI) / f;
        return Math.Sign(x) * (1 - erfc);
    }

    /// <summary>
    /// ConvNdTests.AssertActivated: the convolution's rounding error (γ_{n+2}·Σ|w·x|, see TestData.AssertClose) magnified
    /// by at most the activation's largest slope, plus the activation's own float32 error: a few units in the last place
    /// of its result. NaN and ±∞ of the reference must be matched exactly.
    /// </summary>
    public static void AssertActivated(ConvParameters p, double[] expected, double[] magnitude, ReadOnlySpan<float> actual, string context)
    {
        if (expected.Length != actual.Length)
            throw new Xunit.Sdk.XunitException($"{context}: output length {actual.Length}, expected {expected.Length}");
        int terms = p.InChannelsPerGroup * p.KernelSize.Aggregate(1, (a, b) => a * b);
        double u = Math.Pow(2, -24), k = terms + 2, gamma = k * u / (1 - k * u);
        double lipschitz = Lipschitz(p.Activation, p.NegativeSlope);
        for (int i = 0; i < expected.Length; i++)
        {
            double e = Activate(expected[i], p.Activation, p.NegativeSlope), a = actual[i];
            double allowed = lipschitz * gamma * magnitude[i] + 8 * u * Math.Abs(e) + 1e-37;
            bool ok = double.IsNaN(e) ? double.IsNaN(a) : double.IsInfinity(e) ? a == e : Math.Abs(a - e) <= allowed;
            if (!ok)
                throw new Xunit.Sdk.XunitException($"{context}: element {i} is {a:R}, reference {e:R} (allowed error {allowed:E2})");
        }
    }

    private static void Unflatten(int index, int[] sizes, int[] into)
    {
        for (int a = sizes.Length - 1; a >= 0; a--)
        {
            into[a] = index % sizes[a];
            index /= sizes[a];
        }
    }

    /// <summary>F.pad's index for a padded coordinate i (relative to the input's first element); −1 means zero.</summary>
    private static int Source(int i, int n, PaddingMode mode)
    {
        if (i >= 0 && i < n) return i;
        return mode switch
        {
            PaddingMode.Zeros => -1,
            PaddingMode.Reflect => i < 0 ? -i : 2 * n - 2 - i,
            PaddingMode.Replicate => Math.Clamp(i, 0, n - 1),
            PaddingMode.Circular => i < 0 ? i + n : i - n,
            _ => throw new ArgumentOutOfRangeException(nameof(mode)),
        };
    }
}
