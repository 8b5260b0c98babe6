using System;
using System.Linq;
using ConvGen;

namespace ConvGen.Numerics.Tests;

/// <summary>
/// The oracle for Conv1d/2d/3d of any rank and the fused activations: torch.nn.ConvNd written straight from its
/// definition in double precision, one output element at a time, on (N, C, *spatial) with PyTorch's padding modes, then
/// the activation's formula in double. Shares no code with the runtime.
/// </summary>
internal static class ReferenceConv
{
    /// <summary>PyTorch's own checks for an input size: null when valid, otherwise the reason.</summary>
    public static string? Invalid(ConvParameters p, int[] size)
    {
        if (size.Any(s => s <= 0)) return "empty input";
        if (p.Transposed) return OutputSize(p, size).Any(o => o <= 0) ? "empty output" : null;
        for (int a = 0; a < p.Rank; a++)
        {
            if (size[a] + p.PaddingBefore[a] + p.PaddingAfter[a] - (long)p.Dilation[a] * (p.KernelSize[a] - 1) - 1 < 0) return "kernel larger than padded input";
            int pad = Math.Max(p.PaddingBefore[a], p.PaddingAfter[a]);
            if (p.PaddingMode == PaddingMode.Reflect && pad >= size[a]) return "reflect padding too large";
            if (p.PaddingMode == PaddingMode.Circular && pad > size[a]) return "circular padding too large";
        }

        return null;
    }

    public static int[] OutputSize(ConvParameters p, int[] size) => p.Transposed
        ? Enumerable.Range(0, p.Rank).Select(a =>
            (size[a] - 1) * p.Stride[a] - p.PaddingBefore[a] - p.PaddingAfter[a] + p.Dilation[a] * (p.KernelSize[a] - 1) + p.OutputPadding[a] + 1).ToArray()
        : Enumerable.Range(0, p.Rank).Select(a =>
            (size[a] + p.PaddingBefore[a] + p.PaddingAfter[a] - p.Dilation[a] * (p.KernelSize[a] - 1) - 1) / p.Stride[a] + 1).ToArray();

    /// <summary>The convolution (before the activation) and, per element, Σ|w·x| + |b| (what bounds its rounding error).</summary>
    public static (double[] Output, double[] Magnitude) Run(ConvParameters p, float[] input, float[] weight, float[]? bias, int batch, int[] size)
    {
        if (p.Transposed) return RunTransposed(p, input, weight, bias, batch, size);
        int rank = p.Rank;
        int[] outSize = OutputSize(p, size);
        int inPlane = size.Aggregate(1, (a, b) => a * b), outPlane = outSize.Aggregate(1, (a, b) => a * b);
        int taps = p.KernelSize.Aggregate(1, (a, b) => a * b);
        int cinG = p.InChannels / p.Groups, coutG = p.OutChannels / p.Groups;
        var output = new double[batch * p.OutChannels * outPlane];
        var magnitude = new double[output.Length];
        var o = new int[rank];
        var k = new int[rank];
        for (int n = 0; n < batch; n++)
        for (int oc = 0; oc < p.OutChannels; oc++)
        for (int op = 0; op < outPlane; op++)
        {
            Unflatten(op, outSize, o);
            double sum = bias is null ? 0 : bias[oc];
            double mag = Math.Abs(sum);
            for (int ic = 0; ic < cinG; ic++)
            for (int t = 0; t < taps; t++)
            {
                Unflatten(t, p.KernelSize.ToArray(), k);
                int index = 0;
                for (int a = 0; a < rank && index >= 0; a++)
                {
                    int i = Source(o[a] * p.Stride[a] + k[a] * p.Dilation[a] - p.PaddingBefore[a], size[a], p.PaddingMode);
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

    /// <summary>
    /// torch.nn.ConvTransposeNd from its definition: every input pixel i scatters x·w[ic, oc, k] to output
    /// i·stride + k·dilation − padding on each axis (dropped outside the output); weight (in, out/groups, *kernel).
    /// </summary>
    private static (double[] Output, double[] Magnitude) RunTransposed(ConvParameters p, float[] input, float[] weight, float[]? bias, int batch, int[] size)
    {
        int rank = p.Rank;
        int[] outSize = OutputSize(p, size);
        int[] kernel = p.KernelSize.ToArray();
        int inPlane = size.Aggregate(1, (a, b) => a * b), outPlane = outSize.Aggregate(1, (a, b) => a * b);
        int taps = kernel.Aggregate(1, (a, b) => a * b), cinG = p.InChannels / p.Groups, coutG = p.OutChannels / p.Groups;
        var output = new double[batch * p.OutChannels * outPlane];
        var magnitude = new double[output.Length];
        for (int n = 0; n < batch; n++)
        for (int oc = 0; oc < p.OutChannels; oc++)
        for (int op = 0; op < outPlane; op++)
        {
            output[(n * p.OutChannels + oc) * outPlane + op] = bias is null ? 0 : bias[oc];
            magnitude[(n * p.OutChannels + oc) * outPlane + op] = bias is null ? 0 : Math.Abs(bias[oc]);
        }

        var i = new int[rank];
        var k = new int[rank];
        for (int n = 0; n < batch; n++)
        for (int ic = 0; ic < p.InChannels; ic++)
        for (int ip = 0; ip < inPlane; ip++)
        {
            Unflatten(ip, size, i);
            double x = input[(n * p.InChannels + ic) * inPlane + ip];
            for (int ocg = 0; ocg < coutG; ocg++)
            for (int t = 0; t < taps; t++)
            {
                Unflatten(t, kernel, k);
                int index = 0;
                for (int a = 0; a < rank && index >= 0; a++)
                {
                    int o = i[a] * p.Stride[a] + k[a] * p.Dilation[a] - p.PaddingBefore[a];
                    index = o < 0 || o >= outSize[a] ? -1 : index * outSize[a] + o;
                }

                if (index < 0) continue;
                int oc = ic / cinG * coutG + ocg;
                double product = x * weight[(ic * coutG + ocg) * taps + t];
                output[(n * p.OutChannels + oc) * outPlane + index] += product;
                magnitude[(n * p.OutChannels + oc) * outPlane + index] += Math.Abs(product);
            }
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

    /// <summary>erf in double: Taylor series near 0, continued fraction of erfc beyond (relative error below 1e-15).</summary>
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
