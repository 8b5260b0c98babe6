using System;
using System.ComponentModel;

namespace ConvGen.Internal
{
    /// <summary>Which reduction a windowed pooling layer applies.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public enum PoolKind
    {
        /// <summary><c>nn.MaxPool2d</c>: −∞ padding, NaN wins.</summary>
        Max,

        /// <summary><c>nn.AvgPool2d</c>: zero padding, PyTorch's divisor.</summary>
        Average,
    }

    /// <summary>
    /// A <c>MaxPool2d</c>/<c>AvgPool2d</c>/<c>MaxUnpool2d</c> layer's numbers, for generated code: a value with no
    /// references, so jobs handed to worker threads carry it by value. The output-size rule is <c>PoolShape</c>, shared with the generator.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public readonly struct PoolWindow
    {
        /// <summary>Creates the window; generated code names every argument.</summary>
        public PoolWindow(PoolKind kind, int kernelHeight, int kernelWidth, int strideHeight, int strideWidth, int paddingHeight, int paddingWidth,
            int dilationHeight = 1, int dilationWidth = 1, bool ceilMode = false, bool countIncludePad = true, int divisorOverride = 0)
        {
            Kind = kind;
            KernelHeight = kernelHeight;
            KernelWidth = kernelWidth;
            StrideHeight = strideHeight;
            StrideWidth = strideWidth;
            PaddingHeight = paddingHeight;
            PaddingWidth = paddingWidth;
            DilationHeight = dilationHeight;
            DilationWidth = dilationWidth;
            CeilMode = ceilMode;
            CountIncludePad = countIncludePad;
            DivisorOverride = divisorOverride;
        }

        /// <summary>Max or average.</summary>
        public PoolKind Kind { get; }
        /// <summary><c>kernel_size[0]</c>.</summary>
        public int KernelHeight { get; }
        /// <summary><c>kernel_size[1]</c>.</summary>
        public int KernelWidth { get; }
        /// <summary><c>stride[0]</c>.</summary>
        public int StrideHeight { get; }
        /// <summary><c>stride[1]</c>.</summary>
        public int StrideWidth { get; }
        /// <summary><c>padding[0]</c> (top and bottom).</summary>
        public int PaddingHeight { get; }
        /// <summary><c>padding[1]</c> (left and right).</summary>
        public int PaddingWidth { get; }
        /// <summary><c>dilation[0]</c>.</summary>
        public int DilationHeight { get; }
        /// <summary><c>dilation[1]</c>.</summary>
        public int DilationWidth { get; }
        /// <summary><c>ceil_mode</c>.</summary>
        public bool CeilMode { get; }
        /// <summary><c>count_include_pad</c> (average only).</summary>
        public bool CountIncludePad { get; }
        /// <summary><c>divisor_override</c>, 0 when not set (average only).</summary>
        public int DivisorOverride { get; }

        /// <summary>PyTorch's output height for an input height (0 or less when the window does not fit).</summary>
        public int OutputHeight(int height) => Clamp(PoolShape.OutputSize(height, KernelHeight, PaddingHeight, StrideHeight, DilationHeight, CeilMode));

        /// <summary>PyTorch's output width for an input width (0 or less when the window does not fit).</summary>
        public int OutputWidth(int width) => Clamp(PoolShape.OutputSize(width, KernelWidth, PaddingWidth, StrideWidth, DilationWidth, CeilMode));

        /// <summary>MaxUnpool's default output height: (height − 1)·stride − 2·padding + kernel.</summary>
        public int UnpoolHeight(int height) => Clamp(PoolShape.UnpoolOutputSize(height, KernelHeight, StrideHeight, PaddingHeight));

        /// <summary>MaxUnpool's default output width: (width − 1)·stride − 2·padding + kernel.</summary>
        public int UnpoolWidth(int width) => Clamp(PoolShape.UnpoolOutputSize(width, KernelWidth, StrideWidth, PaddingWidth));

        /// <summary>
        /// The divisor count of output index <paramref name="o"/> along one axis, as PyTorch's <c>cpu_avg_pool</c> forms it:
        /// the window clipped to the padded input (count_include_pad) or to the input; the divisor is the product of both axes'.
        /// </summary>
        internal static int Count(int o, int input, int kernel, int stride, int padding, bool includePad)
        {
            long start = (long)o * stride - padding, end = Math.Min(start + kernel, input + padding);
            if (includePad) return (int)(end - start);
            return (int)(Math.Min(end, input) - Math.Max(start, 0));
        }

        private static int Clamp(long value) => (int)Math.Clamp(value, int.MinValue, int.MaxValue);
    }
}
