using System;

namespace ConvGen.Numerics.Tests.NormShape;

/// <summary>
/// Plain references for the CONV6xx layers, written from PyTorch's definitions rather than from ConvGen's code: batch
/// norm as ATen's float32 formula and in double, padding as ATen's PaddingKernel.cpp index functions (with its offsets)
/// and constant_pad_nd's crop-then-fill, and the validity rules of their meta functions (as libtorch 2.10 applies them).
/// </summary>
internal static class NormShapeReference
{
    /// <summary>ATen: invstd = 1 / sqrt(var + (float)eps); α = invstd·w; β = b − mean·α; y = x·α + β, all float32, no FMA.</summary>
    public static float[] BatchNormFloat(float[] x, int batch, int channels, int plane, float[]? w, float[]? b, float[] mean, float[] variance, float eps)
    {
        var y = new float[x.Length];
        for (int n = 0; n < batch; n++)
        {
            for (int c = 0; c < channels; c++)
            {
                float invstd = 1f / MathF.Sqrt(variance[c] + eps);
                float alpha = invstd * (w is null ? 1f : w[c]);
                float beta = (b is null ? 0f : b[c]) - mean[c] * alpha;
                for (int i = 0; i < plane; i++)
                {
                    int k = (n * channels + c) * plane + i;
                    float product = x[k] * alpha;
                    y[k] = product + beta;
                }
            }
        }

        return y;
    }

    /// <summary>(x − mean) / √(var + eps)·w + b in double: the exact value the float results approximate.</summary>
    public static double BatchNormExact(float x, float? w, float? b, float mean, float variance, float eps) =>
        (x - (double)mean) / Math.Sqrt(variance + (double)eps) * (w ?? 1f) + (b ?? 0f);

    /// <summary>ATen's ReflectionPad::index / ReplicationPad::index with PaddingParams' offset, for output index j.</summary>
    public static int AtenIndex(int j, int size, int pad, PaddingMode mode)
    {
        int offset = Math.Max(0, -pad) - Math.Max(0, pad);
        int i;
        if (mode == PaddingMode.Reflect) i = j < pad ? pad * 2 - j : j < size + pad ? j : (size + pad - 1) * 2 - j;
        else i = j < pad ? pad : j < size + pad ? j : size + pad - 1;
        return i + offset;
    }

    /// <summary>The padded tensor, or null where PyTorch raises (its checks, in its order).</summary>
    public static float[]? Pad(float[] x, int batch, int channels, int h, int w, int left, int right, int top, int bottom, PaddingMode mode, float value,
        out int oh, out int ow)
    {
        oh = h + top + bottom;
        ow = w + left + right;
        if (!Valid(h, w, left, right, top, bottom, mode)) return null;
        var y = new float[batch * channels * oh * ow];
        for (int p = 0; p < batch * channels; p++)
        {
            for (int i = 0; i < oh; i++)
            {
                for (int j = 0; j < ow; j++)
                {
                    float v;
                    if (mode == PaddingMode.Zeros)
                    {
                        int si = i - top, sj = j - left;
                        v = si >= 0 && si < h && sj >= 0 && sj < w ? x[(p * h + si) * w + sj] : value;
                    }
                    else
                    {
                        v = x[(p * h + AtenIndex(i, h, top, mode)) * w + AtenIndex(j, w, left, mode)];
                    }

                    y[(p * oh + i) * ow + j] = v;
                }
            }
        }

        return y;
    }

    public static bool Valid(int h, int w, int left, int right, int top, int bottom, PaddingMode mode)
    {
        int oh = h + top + bottom, ow = w + left + right;
        switch (mode)
        {
            case PaddingMode.Reflect:
                if (left >= w || right >= w || top >= h || bottom >= h) return false;
                return (ow >= 1 || oh >= 1) && oh >= 0 && ow >= 0;
            case PaddingMode.Replicate:
                return (ow >= 1 || oh >= 1) && oh >= 0 && ow >= 0;
            default:
                // narrow() for each negative pad, then every padded size positive unless no pad is positive.
                if (h + Math.Min(top, 0) < 0 || h + Math.Min(top, 0) + Math.Min(bottom, 0) < 0) return false;
                if (w + Math.Min(left, 0) < 0 || w + Math.Min(left, 0) + Math.Min(right, 0) < 0) return false;
                // libtorch 2.10 then accepts an empty padded axis (the golden (−3, 0, 1, 1) on 3×3 gives 5×0).
                return oh >= 0 && ow >= 0;
        }
    }
}
