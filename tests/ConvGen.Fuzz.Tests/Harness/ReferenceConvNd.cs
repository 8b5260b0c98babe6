using System;
using System.Linq;
using ConvGen.Numerics.Tests;

namespace ConvGen.Fuzz.Tests.Harness;

/// <summary>
/// The oracle for Conv1d/2d/3d and the fused activations: the numerics tests' ReferenceConv (linked) for the input-size
/// rules and the activations, with its convolution rewritten for speed, not meaning: each axis's source indices are
/// tabulated once per call instead of recomputed for every product (the fuzz runs this on hundreds of layers per run);
/// and ConvNdTests.AssertActivated, its tolerance. Shares no code with the runtime.
/// </summary>
internal static class ReferenceConvNd
{
    // The rules and the activation formulas are the numerics tests' (ReferenceConv, linked into this project); only
    // the convolution itself is tabulated here for speed.
    public static string? Invalid(ConvParameters p, int[] size) => ReferenceConv.Invalid(p, size);

    public static int[] OutputSize(ConvParameters p, int[] size) => ReferenceConv.OutputSize(p, size);

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

    public static double Activate(double x, Activation activation, double slope) => ReferenceConv.Activate(x, activation, slope);

    public static double Lipschitz(Activation activation, double slope) => ReferenceConv.Lipschitz(activation, slope);

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
