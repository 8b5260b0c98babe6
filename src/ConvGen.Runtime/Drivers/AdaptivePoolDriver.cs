using System;
using System.ComponentModel;

namespace ConvGen.Internal
{
    /// <summary>
    /// <c>AdaptiveAvgPool2d</c> and <c>AdaptiveMaxPool2d</c>: output (oh, ow) pools input rows [floor(oh·H/oH), ceil((oh + 1)·H/oH))
    /// and the same columns (<see cref="PoolShape.AdaptiveWindow"/>). An output size of 0 is PyTorch's None: the input's
    /// size. A 1 × 1 output (global pooling) reduces each plane with vectors (<see cref="PoolMath"/>).
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class AdaptivePoolDriver
    {
        /// <summary>The output size for an input size: <paramref name="outputSize"/>, or the input size when it is 0 (None).</summary>
        public static int OutputSize(int outputSize, int inputSize) => outputSize == 0 ? inputSize : outputSize;

        /// <summary>Average: each window's sum divided by its height, then by its width, as PyTorch does.</summary>
        public static unsafe void Average(int outputHeight, int outputWidth, ReadOnlySpan<float> input, Span<float> output,
            int batch, int channels, int height, int width, int threads) =>
            Run(outputHeight, outputWidth, input, output, batch, channels, height, width, threads, max: false);

        /// <summary>Maximum, NaN winning as in PyTorch.</summary>
        public static unsafe void Max(int outputHeight, int outputWidth, ReadOnlySpan<float> input, Span<float> output,
            int batch, int channels, int height, int width, int threads) =>
            Run(outputHeight, outputWidth, input, output, batch, channels, height, width, threads, max: true);

        private static unsafe void Run(int outputHeight, int outputWidth, ReadOnlySpan<float> input, Span<float> output,
            int batch, int channels, int height, int width, int threads, bool max)
        {
            PoolDriver.CheckSizes(batch, channels, height, width, threads);
            int outH = OutputSize(outputHeight, height), outW = OutputSize(outputWidth, width);
            PoolDriver.CheckSpans(input, output, batch, channels, (height, width), (outH, outW));
            if (batch == 0) return;
            fixed (float* x = input, y = output)
            {
                bool global = outH == 1 && outW == 1;
                var job = new PoolPlanes
                {
                    Input = x, Output = y, Planes = batch * channels, Height = height, Width = width, OutHeight = outH, OutWidth = outW,
                    Plane = global ? (max ? &GlobalMax : &GlobalAverage) : (max ? &MaxPlane : &AveragePlane),
                };
                PoolPlanes.Run(ref job, threads, input.Length);
            }
        }

        private static unsafe void GlobalAverage(ref PoolPlanes job, int plane)
        {
            int size = job.Height * job.Width;
            float sum = PoolMath.Sum(new ReadOnlySpan<float>(job.Input + (nint)plane * size, size));
            job.Output[plane] = sum / job.Height / job.Width;
        }

        private static unsafe void GlobalMax(ref PoolPlanes job, int plane)
        {
            int size = job.Height * job.Width;
            job.Output[plane] = PoolMath.Maximum(new ReadOnlySpan<float>(job.Input + (nint)plane * size, size));
        }

        private static unsafe void AveragePlane(ref PoolPlanes job, int plane)
        {
            int height = job.Height, width = job.Width, outH = job.OutHeight, outW = job.OutWidth;
            float* x = job.Input + (nint)plane * height * width;
            float* y = job.Output + (nint)plane * outH * outW;
            for (int oh = 0; oh < outH; oh++)
            {
                var (h0, h1) = PoolShape.AdaptiveWindow(oh, height, outH);
                for (int ow = 0; ow < outW; ow++)
                {
                    var (w0, w1) = PoolShape.AdaptiveWindow(ow, width, outW);
                    float sum = 0f;
                    for (long ih = h0; ih < h1; ih++)
                    {
                        for (long iw = w0; iw < w1; iw++) sum += x[ih * width + iw];
                    }

                    y[oh * outW + ow] = sum / (h1 - h0) / (w1 - w0);
                }
            }
        }

        private static unsafe void MaxPlane(ref PoolPlanes job, int plane)
        {
            int height = job.Height, width = job.Width, outH = job.OutHeight, outW = job.OutWidth;
            float* x = job.Input + (nint)plane * height * width;
            float* y = job.Output + (nint)plane * outH * outW;
            for (int oh = 0; oh < outH; oh++)
            {
                var (h0, h1) = PoolShape.AdaptiveWindow(oh, height, outH);
                for (int ow = 0; ow < outW; ow++)
                {
                    var (w0, w1) = PoolShape.AdaptiveWindow(ow, width, outW);
                    float max = float.NegativeInfinity;
                    for (long ih = h0; ih < h1; ih++)
                    {
                        for (long iw = w0; iw < w1; iw++) max = PoolMath.Max(max, x[ih * width + iw]);
                    }

                    y[oh * outW + ow] = max;
                }
            }
        }
    }
}
