using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace ConvGen.Internal
{
    /// <summary>
    /// One pooling call whose planes (image, channel) are independent: pointers into the pinned spans, the sizes, and the
    /// routine that pools one plane. Threads take runs of whole planes, so the output does not depend on the thread count.
    /// </summary>
    internal unsafe struct PoolPlanes
    {
        public float* Input, Output;
        public long* Indices;
        public PoolWindow Window;
        public int Planes, Parts, Height, Width, OutHeight, OutWidth;
        public delegate*<ref PoolPlanes, int, void> Plane;

        /// <summary>Runs <see cref="Plane"/> for every plane on up to <paramref name="threads"/> threads (fewer when the work is small).</summary>
        public static void Run(ref PoolPlanes job, int threads, long work)
        {
            threads = Math.Min(WorkSplit.Useful(threads, work), job.Planes);
            job.Parts = threads <= 1 ? 1 : Math.Min(job.Planes, 4 * threads);
            fixed (PoolPlanes* state = &job) WorkerPool.For(threads, job.Parts, &RunPart, state);
        }

        private static void RunPart(void* state, int part)
        {
            ref PoolPlanes job = ref *(PoolPlanes*)state;
            int p0 = (int)((long)part * job.Planes / job.Parts), p1 = (int)((long)(part + 1) * job.Planes / job.Parts);
            for (int plane = p0; plane < p1; plane++) job.Plane(ref job, plane);
        }
    }

    /// <summary>
    /// <c>MaxPool2d(..., ReturnIndices = true)</c>: PyTorch's <c>cpu_max_pool</c> loop, value and index together. Window
    /// taps are the dilated kernel's, those inside the input; a value replaces the maximum when greater or NaN (so the
    /// last NaN's index), and a window with no input tap keeps −∞ and the index of its first tap, as in PyTorch.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class MaxPoolIndicesDriver
    {
        /// <summary>Pools and writes each maximum's flat index h·W + w within its plane to <paramref name="indices"/> (same shape as the output).</summary>
        public static unsafe void Forward(in PoolWindow window, ReadOnlySpan<float> input, Span<float> output, Span<long> indices,
            int batch, int channels, int height, int width, int threads)
        {
            var (outH, outW) = PoolDriver.Check(window, input, output, batch, channels, height, width, threads);
            if (indices.Length != output.Length)
            {
                throw new ArgumentException(
                    $"indices has {indices.Length} elements but shape (N={batch}, C={channels}, H={outH}, W={outW}) needs {output.Length}.", nameof(indices));
            }

            if (batch == 0) return;
            fixed (float* x = input, y = output)
            fixed (long* i = indices)
            {
                var job = new PoolPlanes
                {
                    Input = x, Output = y, Indices = i, Window = window, Planes = batch * channels,
                    Height = height, Width = width, OutHeight = outH, OutWidth = outW, Plane = &Plane,
                };
                PoolPlanes.Run(ref job, threads, (long)output.Length * window.KernelHeight * window.KernelWidth);
            }
        }

        private static unsafe void Plane(ref PoolPlanes job, int plane)
        {
            ref readonly PoolWindow w = ref job.Window;
            int height = job.Height, width = job.Width, dH = w.DilationHeight, dW = w.DilationWidth;
            float* x = job.Input + (nint)plane * height * width;
            nint outStart = (nint)plane * job.OutHeight * job.OutWidth;
            float* y = job.Output + outStart;
            long* index = job.Indices + outStart;
            for (int oh = 0; oh < job.OutHeight; oh++)
            {
                int h0 = oh * w.StrideHeight - w.PaddingHeight;
                int h1 = Math.Min(h0 + (w.KernelHeight - 1) * dH + 1, height);
                while (h0 < 0) h0 += dH;
                for (int ow = 0; ow < job.OutWidth; ow++)
                {
                    int w0 = ow * w.StrideWidth - w.PaddingWidth;
                    int w1 = Math.Min(w0 + (w.KernelWidth - 1) * dW + 1, width);
                    while (w0 < 0) w0 += dW;
                    long maxIndex = (long)h0 * width + w0;
                    float max = float.NegativeInfinity;
                    for (int ih = h0; ih < h1; ih += dH)
                    {
                        for (int iw = w0; iw < w1; iw += dW)
                        {
                            float value = x[ih * width + iw];
                            if (value > max || float.IsNaN(value))
                            {
                                max = value;
                                maxIndex = ih * width + iw;
                            }
                        }
                    }

                    y[oh * job.OutWidth + ow] = max;
                    index[oh * job.OutWidth + ow] = maxIndex;
                }
            }
        }
    }
}
