using System;
using ConvGen;

namespace ConvGen.Numerics.Tests;

/// <summary>
/// The oracle: torch.nn.Conv2d written straight from its definition, in double precision, one output element at a time.
/// Padding is applied by index mapping exactly as F.pad does for each padding_mode, then a plain cross-correlation:
///   out[n, oc, oh, ow] = bias[oc] + Σ_{ic in group, kh, kw} w[oc, ic, kh, kw] · pad(x)[n, g·Cin/G + ic, oh·sH + kh·dH, ow·sW + kw·dW]
/// It shares no code with the runtime (which uses phase-split planes and register tiles).
/// </summary>
internal static class ReferenceConv2d
{
    /// <summary>PyTorch's own checks for an input size: null when valid, otherwise the reason.</summary>
    public static string? Invalid(Conv2dParameters p, int height, int width)
    {
        if (height <= 0 || width <= 0) return "empty input";
        long outH = (height + p.PaddingTop + p.PaddingBottom - (long)p.DilationHeight * (p.KernelHeight - 1) - 1);
        long outW = (width + p.PaddingLeft + p.PaddingRight - (long)p.DilationWidth * (p.KernelWidth - 1) - 1);
        if (outH < 0 || outW < 0) return "kernel larger than padded input";
        int padH = Math.Max(p.PaddingTop, p.PaddingBottom), padW = Math.Max(p.PaddingLeft, p.PaddingRight);
        if (p.PaddingMode == PaddingMode.Reflect && (padH >= height || padW >= width)) return "reflect padding too large";
        if (p.PaddingMode == PaddingMode.Circular && (padH > height || padW > width)) return "circular padding too large";
        return null;
    }

    public static int OutputSize(int input, int before, int after, int kernel, int stride, int dilation) =>
        (input + before + after - dilation * (kernel - 1) - 1) / stride + 1;

    /// <summary>Returns the output and, per element, Σ|w·x| + |b| (the magnitude that bounds its rounding error).</summary>
    public static (double[] Output, double[] Magnitude) Run(Conv2dParameters p, float[] input, float[] weight, float[]? bias,
        int batch, int height, int width)
    {
        int outH = OutputSize(height, p.PaddingTop, p.PaddingBottom, p.KernelHeight, p.StrideHeight, p.DilationHeight);
        int outW = OutputSize(width, p.PaddingLeft, p.PaddingRight, p.KernelWidth, p.StrideWidth, p.DilationWidth);
        int cinG = p.InChannels / p.Groups, coutG = p.OutChannels / p.Groups;
        var output = new double[batch * p.OutChannels * outH * outW];
        var magnitude = new double[output.Length];
        for (int n = 0; n < batch; n++)
        for (int oc = 0; oc < p.OutChannels; oc++)
        {
            int group = oc / coutG;
            for (int oh = 0; oh < outH; oh++)
            for (int ow = 0; ow < outW; ow++)
            {
                double sum = bias is null ? 0 : bias[oc];
                double mag = Math.Abs(sum);
                for (int ic = 0; ic < cinG; ic++)
                for (int kh = 0; kh < p.KernelHeight; kh++)
                for (int kw = 0; kw < p.KernelWidth; kw++)
                {
                    int ih = Source(oh * p.StrideHeight + kh * p.DilationHeight - p.PaddingTop, height, p.PaddingMode);
                    int iw = Source(ow * p.StrideWidth + kw * p.DilationWidth - p.PaddingLeft, width, p.PaddingMode);
                    if (ih < 0 || iw < 0) continue; // zero padding
                    int c = group * cinG + ic;
                    double x = input[((n * p.InChannels + c) * height + ih) * width + iw];
                    double w = weight[((oc * cinG + ic) * p.KernelHeight + kh) * p.KernelWidth + kw];
                    sum += w * x;
                    mag += Math.Abs(w * x);
                }

                int o = ((n * p.OutChannels + oc) * outH + oh) * outW + ow;
                output[o] = sum;
                magnitude[o] = mag;
            }
        }

        return (output, magnitude);
    }

    /// <summary>F.pad's index for a padded coordinate i (relative to the input's first element); −1 means zero.</summary>
    private static int Source(int i, int n, PaddingMode mode)
    {
        if (i >= 0 && i < n) return i;
        switch (mode)
        {
            case PaddingMode.Zeros:
                return -1;
            case PaddingMode.Reflect:
                // torch reflect: index −1 → 1, n → n − 2 (the edge itself is not repeated).
                return i < 0 ? -i : 2 * n - 2 - i;
            case PaddingMode.Replicate:
                return Math.Clamp(i, 0, n - 1);
            case PaddingMode.Circular:
                // torch circular: index −1 → n − 1, n → 0 (padding never wraps more than once).
                return i < 0 ? i + n : i - n;
            default:
                throw new ArgumentOutOfRangeException(nameof(mode));
        }
    }
}
