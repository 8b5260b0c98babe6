using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ConvGen.Internal
{
    /// <summary>
    /// Runs a <c>MaxPool2d</c>/<c>AvgPool2d</c> layer: its generated grid kernel (<see cref="IGridKernel"/>, one input and
    /// one output channel per group, per-tap max or add) through <see cref="ConvDriver"/>'s padding, tiling and threads,
    /// with the padding filled with −∞ (max) or 0 (average). In ceil mode the padding after the input grows until the
    /// floor formula gives PyTorch's output size. Average windows whose PyTorch divisor is not the kernel area (clipped
    /// by the input or the padding) are recomputed afterwards with their own divisor.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class PoolDriver
    {
        /// <summary>Pools <paramref name="batch"/> images (channels, height, width) with kernel <typeparamref name="TKernel"/>.</summary>
        public static void Forward<TKernel>(in PoolWindow window, ReadOnlySpan<float> input, Span<float> output,
            int batch, int channels, int height, int width, int threads)
            where TKernel : struct, IGridKernel
        {
            var (outH, outW) = Check(window, input, output, batch, channels, height, width, threads);
            if (batch == 0) return;
            var p = Dims(window, channels, height, width, outH, outW);
            var g = ConvGeometry.Create(p, 1, height, width, TKernel.TileChannels, TKernel.TilePixels, TKernel.TailPixels);
            if (g.OutputHeight != outH || g.OutputWidth != outW)
                throw new InvalidOperationException($"The pooling grid is {g.OutputHeight} x {g.OutputWidth} but PyTorch's output is {outH} x {outW}.");
            ConvDriver.Run<TKernel>(p, Array.Empty<float>(), null, input, output, batch, g, WorkSplit.Useful(threads, p, batch, g));
            if (window.Kind == PoolKind.Average && window.DivisorOverride == 0)
                FixDivisors(window, input, output, batch * channels, height, width, outH, outW);
        }

        /// <summary>
        /// Checks a call as PyTorch does and returns the output size: non-negative batch, positive channels and sizes, a
        /// non-empty output, span lengths naming the shape, no overlap.
        /// </summary>
        internal static (int Height, int Width) Check(in PoolWindow window, ReadOnlySpan<float> input, Span<float> output,
            int batch, int channels, int height, int width, int threads)
        {
            CheckSizes(batch, channels, height, width, threads);
            int outH = window.OutputHeight(height), outW = window.OutputWidth(width);
            if (outH < 1 || outW < 1)
            {
                throw new ArgumentException(
                    $"Given input size: ({channels}x{height}x{width}). Calculated output size: ({channels}x{outH}x{outW}). Output size is too small.");
            }

            CheckSpans(input, output, batch, channels, (height, width), (outH, outW));
            return (outH, outW);
        }

        /// <summary>batch ≥ 0, channels, height, width &gt; 0, threads ≥ 1.</summary>
        internal static void CheckSizes(int batch, int channels, int height, int width, int threads)
        {
            if (batch < 0) throw new ArgumentOutOfRangeException(nameof(batch), batch, "batch must not be negative.");
            if (channels <= 0) throw new ArgumentOutOfRangeException(nameof(channels), channels, "channels must be positive.");
            if (height <= 0) throw new ArgumentOutOfRangeException(nameof(height), height, "height must be positive.");
            if (width <= 0) throw new ArgumentOutOfRangeException(nameof(width), width, "width must be positive.");
            if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), threads, "threads must be at least 1.");
        }

        /// <summary>Input (N, C, H, W) and output (N, C, outH, outW) lengths, naming PyTorch's shape on a mismatch; no overlap.</summary>
        internal static void CheckSpans(ReadOnlySpan<float> input, Span<float> output, int batch, int channels,
            (int H, int W) inSize, (int H, int W) outSize)
        {
            long inImage = (long)channels * inSize.H * inSize.W, outImage = (long)channels * outSize.H * outSize.W;
            if (batch * inImage > Array.MaxLength || batch * outImage > Array.MaxLength)
                throw new ArgumentException($"A batch of (N={batch}, C={channels}, H={inSize.H}, W={inSize.W}) is larger than a span can hold.");
            if (input.Length != batch * inImage)
            {
                throw new ArgumentException(
                    $"input has {input.Length} elements but shape (N={batch}, C={channels}, H={inSize.H}, W={inSize.W}) needs {batch * inImage}.",
                    nameof(input));
            }

            if (output.Length != batch * outImage)
            {
                throw new ArgumentException(
                    $"output has {output.Length} elements but shape (N={batch}, C={channels}, H={outSize.H}, W={outSize.W}) needs {batch * outImage}.",
                    nameof(output));
            }

            if (batch > 0 && input.Overlaps(output)) throw new ArgumentException("input and output must not overlap.", nameof(output));
        }

        /// <summary>
        /// The convolution the grid kernel runs: channels groups of one channel, the window's kernel, stride and dilation,
        /// the padding after the input grown in ceil mode (<see cref="PoolShape.PaddingAfter"/>), filled with −∞ for max.
        /// </summary>
        private static ConvDims Dims(in PoolWindow w, int channels, int height, int width, int outH, int outW) => new ConvDims
        {
            Rank = 2,
            InChannels = channels,
            OutChannels = channels,
            Groups = channels,
            D = ConvAxis.Unit,
            H = new ConvAxis(w.KernelHeight, w.StrideHeight, w.DilationHeight, w.PaddingHeight,
                (int)PoolShape.PaddingAfter(height, outH, w.KernelHeight, w.PaddingHeight, w.StrideHeight, w.DilationHeight)),
            W = new ConvAxis(w.KernelWidth, w.StrideWidth, w.DilationWidth, w.PaddingWidth,
                (int)PoolShape.PaddingAfter(width, outW, w.KernelWidth, w.PaddingWidth, w.StrideWidth, w.DilationWidth)),
            PaddingMode = PaddingMode.Zeros,
            PadValue = w.Kind == PoolKind.Max ? float.NegativeInfinity : 0f,
        };

        /// <summary>
        /// The kernel divided every window by kH·kW; PyTorch divides by the product of both axes' counts
        /// (<see cref="PoolWindow.Count"/>). Border windows where that differs are summed again over the input, in
        /// PyTorch's order, and divided by their own divisor. Rows of such windows are a few at the top and bottom, columns a few at each side.
        /// </summary>
        private static void FixDivisors(PoolWindow w, ReadOnlySpan<float> input, Span<float> output, int planes,
            int height, int width, int outH, int outW)
        {
            int kH = w.KernelHeight, kW = w.KernelWidth;
            for (int oh = 0; oh < outH; oh++)
            {
                int countH = PoolWindow.Count(oh, height, kH, w.StrideHeight, w.PaddingHeight, w.CountIncludePad);
                if (countH == kH)
                {
                    // Only the columns at each side whose window is clipped.
                    int left = 0, right = outW;
                    while (left < outW && Width(left) != kW) left++;
                    while (right > left && Width(right - 1) != kW) right--;
                    for (int ow = 0; ow < left; ow++) Fix(oh, ow, countH, Width(ow), w, input, output, planes, height, width, outH, outW);
                    for (int ow = right; ow < outW; ow++) Fix(oh, ow, countH, Width(ow), w, input, output, planes, height, width, outH, outW);
                }
                else
                {
                    for (int ow = 0; ow < outW; ow++) Fix(oh, ow, countH, Width(ow), w, input, output, planes, height, width, outH, outW);
                }
            }

            int Width(int ow) => PoolWindow.Count(ow, width, w.KernelWidth, w.StrideWidth, w.PaddingWidth, w.CountIncludePad);
        }

        /// <summary>Output (oh, ow) of every plane: the sum of its window's input elements divided by countH·countW.</summary>
        private static void Fix(int oh, int ow, int countH, int countW, in PoolWindow w, ReadOnlySpan<float> input, Span<float> output,
            int planes, int height, int width, int outH, int outW)
        {
            int h0 = oh * w.StrideHeight - w.PaddingHeight, w0 = ow * w.StrideWidth - w.PaddingWidth;
            int h1 = Math.Min(h0 + w.KernelHeight, height), w1 = Math.Min(w0 + w.KernelWidth, width);
            h0 = Math.Max(h0, 0);
            w0 = Math.Max(w0, 0);
            float divisor = (long)countH * countW;
            int inPlane = height * width, outPlane = outH * outW;
            ref float x = ref MemoryMarshal.GetReference(input);
            ref float y = ref MemoryMarshal.GetReference(output);
            for (int plane = 0; plane < planes; plane++)
            {
                ref float source = ref Unsafe.Add(ref x, (nint)plane * inPlane);
                float sum = 0f;
                for (int ih = h0; ih < h1; ih++)
                {
                    for (int iw = w0; iw < w1; iw++) sum += Unsafe.Add(ref source, ih * width + iw);
                }

                Unsafe.Add(ref y, (nint)plane * outPlane + oh * outW + ow) = h0 < h1 && w0 < w1 ? sum / divisor : 0f;
            }
        }
    }
}
