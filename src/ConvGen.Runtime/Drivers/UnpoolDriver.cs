using System;
using System.ComponentModel;

namespace ConvGen.Internal
{
    /// <summary>
    /// <c>MaxUnpool2d</c>: the output is zero except at each input value's index (flat h·W + w in its plane), as PyTorch's
    /// <c>max_unpooling2d_forward</c>; a later value at the same index overwrites an earlier one. Every index is checked
    /// before anything is written, so a bad one throws and never writes outside the output.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class UnpoolDriver
    {
        /// <summary>Unpools to <paramref name="outputHeight"/> × <paramref name="outputWidth"/>, which must be within PyTorch's range for the window.</summary>
        public static unsafe void Forward(in PoolWindow window, ReadOnlySpan<float> input, ReadOnlySpan<long> indices, Span<float> output,
            int batch, int channels, int height, int width, int outputHeight, int outputWidth, int threads)
        {
            PoolDriver.CheckSizes(batch, channels, height, width, threads);
            CheckOutputSize("outputHeight", outputHeight, height, window.KernelHeight, window.StrideHeight, window.PaddingHeight);
            CheckOutputSize("outputWidth", outputWidth, width, window.KernelWidth, window.StrideWidth, window.PaddingWidth);
            PoolDriver.CheckSpans(input, output, batch, channels, (height, width), (outputHeight, outputWidth));
            if (indices.Length != input.Length)
            {
                throw new ArgumentException(
                    $"indices has {indices.Length} elements but shape (N={batch}, C={channels}, H={height}, W={width}) needs {input.Length}.", nameof(indices));
            }

            long plane = (long)outputHeight * outputWidth;
            for (int i = 0; i < indices.Length; i++)
            {
                if ((ulong)indices[i] >= (ulong)plane)
                {
                    throw new ArgumentException(
                        $"Found an invalid max index: {indices[i]} (output volumes are of size {outputHeight}x{outputWidth}) at element {i}.", nameof(indices));
                }
            }

            if (batch == 0) return;
            fixed (float* x = input, y = output)
            fixed (long* index = indices)
            {
                var job = new PoolPlanes
                {
                    Input = x, Output = y, Indices = index, Planes = batch * channels,
                    Height = height, Width = width, OutHeight = outputHeight, OutWidth = outputWidth, Plane = &Plane,
                };
                PoolPlanes.Run(ref job, threads, output.Length);
            }
        }

        /// <summary>PyTorch's check: default − stride &lt; size &lt; default + stride, and positive.</summary>
        private static void CheckOutputSize(string name, int size, int input, int kernel, int stride, int padding)
        {
            long standard = PoolShape.UnpoolOutputSize(input, kernel, stride, padding);
            if (size < 1 || !PoolShape.UnpoolSizeAccepted(size, input, kernel, stride, padding))
            {
                throw new ArgumentOutOfRangeException(name, size,
                    $"invalid output size {size}: it must be positive and between {standard - stride} and {standard + stride} (exclusive) for an input of {input}.");
            }
        }

        private static unsafe void Plane(ref PoolPlanes job, int plane)
        {
            int inPlane = job.Height * job.Width, outPlane = job.OutHeight * job.OutWidth;
            float* x = job.Input + (nint)plane * inPlane;
            long* index = job.Indices + (nint)plane * inPlane;
            var y = new Span<float>(job.Output + (nint)plane * outPlane, outPlane);
            y.Clear();
            for (int i = 0; i < inPlane; i++) y[(int)index[i]] = x[i];
        }
    }
}
