using System;

namespace ConvGen.Numerics.Tests.Pool;

/// <summary>
/// PyTorch's pooling written out plainly from aten/src/ATen/native (Pool.h, cpu/MaxPoolKernel.cpp, cpu/AvgPoolKernel.cpp,
/// cpu/AdaptiveAvgPoolKernel.cpp, cpu/AdaptiveMaxPoolKernel.cpp, MaxUnpooling.cpp), one output at a time, in double
/// for the averages. Independent of the runtime: its own output-size and window formulas.
/// </summary>
public static class ReferencePool
{
    public sealed record Window(int KH, int KW, int SH, int SW, int PH, int PW, int DH = 1, int DW = 1, bool Ceil = false,
        bool IncludePad = true, int Divisor = 0);

    public static int OutSize(int input, int k, int p, int s, int d, bool ceil)
    {
        long num = input + 2L * p - (long)d * (k - 1) - 1 + (ceil ? s - 1 : 0);
        long o = (long)Math.Floor(num / (double)s) + 1;
        if (ceil && (o - 1) * s >= input + p) o--;
        return (int)o;
    }

    /// <summary>Max pooling: values and flat indices; a value replaces the maximum when greater or NaN.</summary>
    public static (float[] Values, long[] Indices) Max(Window w, float[] x, int planes, int h, int wd)
    {
        int oh = OutSize(h, w.KH, w.PH, w.SH, w.DH, w.Ceil), ow = OutSize(wd, w.KW, w.PW, w.SW, w.DW, w.Ceil);
        var y = new float[planes * oh * ow];
        var idx = new long[y.Length];
        for (int p = 0; p < planes; p++)
        for (int i = 0; i < oh; i++)
        for (int j = 0; j < ow; j++)
        {
            float max = float.NegativeInfinity;
            long at = -1;
            for (int a = 0; a < w.KH; a++)
            for (int b = 0; b < w.KW; b++)
            {
                int r = i * w.SH - w.PH + a * w.DH, c = j * w.SW - w.PW + b * w.DW;
                if (at < 0) at = (long)Math.Max(r, FirstInside(i * w.SH - w.PH, w.DH)) * wd + Math.Max(c, FirstInside(j * w.SW - w.PW, w.DW));
                if (r < 0 || r >= h || c < 0 || c >= wd) continue;
                float v = x[(p * h + r) * wd + c];
                if (v > max || float.IsNaN(v)) { max = v; at = (long)r * wd + c; }
            }

            y[(p * oh + i) * ow + j] = max;
            idx[(p * oh + i) * ow + j] = at;
        }

        return (y, idx);
    }

    /// <summary>PyTorch's first tap of a window starting at <paramref name="start"/>: start advanced by the dilation until it is not negative.</summary>
    private static int FirstInside(int start, int d)
    {
        while (start < 0) start += d;
        return start;
    }

    /// <summary>Average pooling in double, and Σ|x| of each window (the magnitude the float error scales with).</summary>
    public static (double[] Values, double[] Magnitude) Average(Window w, float[] x, int planes, int h, int wd)
    {
        int oh = OutSize(h, w.KH, w.PH, w.SH, 1, w.Ceil), ow = OutSize(wd, w.KW, w.PW, w.SW, 1, w.Ceil);
        var y = new double[planes * oh * ow];
        var m = new double[y.Length];
        for (int p = 0; p < planes; p++)
        for (int i = 0; i < oh; i++)
        for (int j = 0; j < ow; j++)
        {
            int h0 = i * w.SH - w.PH, w0 = j * w.SW - w.PW;
            int h1 = Math.Min(h0 + w.KH, h + w.PH), w1 = Math.Min(w0 + w.KW, wd + w.PW);
            int poolSize = (h1 - h0) * (w1 - w0);
            h0 = Math.Max(h0, 0); w0 = Math.Max(w0, 0); h1 = Math.Min(h1, h); w1 = Math.Min(w1, wd);
            double sum = 0, mag = 0;
            for (int r = h0; r < h1; r++)
            for (int c = w0; c < w1; c++) { sum += x[(p * h + r) * wd + c]; mag += Math.Abs(x[(p * h + r) * wd + c]); }
            double divisor = w.Divisor != 0 ? w.Divisor : w.IncludePad ? poolSize : (h1 - h0) * (w1 - w0);
            y[(p * oh + i) * ow + j] = sum / divisor;
            m[(p * oh + i) * ow + j] = mag / Math.Abs(divisor);
        }

        return (y, m);
    }

    public static (int H, int W) AdaptiveSize(int oh, int ow, int h, int w) => (oh == 0 ? h : oh, ow == 0 ? w : ow);

    /// <summary>Adaptive average (max: <paramref name="max"/>): window [floor(i·in/out), ceil((i+1)·in/out)).</summary>
    public static (double[] Values, double[] Magnitude) Adaptive(bool max, int outH, int outW, float[] x, int planes, int h, int wd)
    {
        var (oh, ow) = AdaptiveSize(outH, outW, h, wd);
        var y = new double[planes * oh * ow];
        var m = new double[y.Length];
        for (int p = 0; p < planes; p++)
        for (int i = 0; i < oh; i++)
        for (int j = 0; j < ow; j++)
        {
            int h0 = (int)Math.Floor(i * (double)h / oh), h1 = (int)Math.Ceiling((i + 1) * (double)h / oh);
            int w0 = (int)Math.Floor(j * (double)wd / ow), w1 = (int)Math.Ceiling((j + 1) * (double)wd / ow);
            double sum = 0, mag = 0;
            float best = float.NegativeInfinity;
            for (int r = h0; r < h1; r++)
            for (int c = w0; c < w1; c++)
            {
                float v = x[(p * h + r) * wd + c];
                sum += v; mag += Math.Abs(v);
                if (v > best || float.IsNaN(v)) best = v;
            }

            int n = (h1 - h0) * (w1 - w0);
            y[(p * oh + i) * ow + j] = max ? best : sum / n;
            m[(p * oh + i) * ow + j] = mag / n;
        }

        return (y, m);
    }

    /// <summary>MaxUnpool: zeros, then output[index] = input for every input element in order.</summary>
    public static float[] Unpool(float[] x, long[] indices, int planes, int h, int w, int oh, int ow)
    {
        var y = new float[planes * oh * ow];
        for (int p = 0; p < planes; p++)
        for (int i = 0; i < h * w; i++)
            y[p * oh * ow + indices[p * h * w + i]] = x[p * h * w + i];
        return y;
    }
}
