using System;

namespace ConvGen
{
    /// <summary>
    /// Generates a <c>torch.nn.MaxPool2d</c> layer on the <c>partial class</c> it decorates: a parameterless constructor and
    /// <c>Forward(input, output, batch, channels, height, width)</c> for NCHW float32 input; with
    /// <see cref="ReturnIndices"/> also an overload that writes PyTorch's flat per-plane indices h·W + w.
    /// Mistakes PyTorch would reject are build errors.
    /// </summary>
    /// <example><code>
    /// [MaxPool2d(3, Stride = 2, Padding = 1)]  // nn.MaxPool2d(3, stride=2, padding=1)
    /// public partial class StemPool;
    /// </code></example>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class MaxPool2dAttribute : LayerAttribute
    {
        /// <summary><c>nn.MaxPool2d(kernelSize)</c> with a square window.</summary>
        public MaxPool2dAttribute(int kernelSize) => KernelSize = new[] { kernelSize, kernelSize };

        /// <summary><c>nn.MaxPool2d((kH, kW))</c>: <paramref name="kernelSize"/> is <c>new[] { kH, kW }</c>.</summary>
        public MaxPool2dAttribute(int[] kernelSize) => KernelSize = kernelSize;

        /// <summary><c>kernel_size</c> (height, width).</summary>
        public int[] KernelSize { get; }

        /// <summary><c>stride</c>: an <c>int</c> or <c>new[] { sH, sW }</c>. Default (null): the kernel size, as in PyTorch.</summary>
        public object? Stride { get; set; }

        /// <summary><c>padding</c> (implicit −∞ padding): an <c>int</c> or <c>new[] { pH, pW }</c>, at most half the kernel (CONV401). Default 0.</summary>
        public object Padding { get; set; } = 0;

        /// <summary><c>dilation</c>: an <c>int</c> or <c>new[] { dH, dW }</c>. Default 1.</summary>
        public object Dilation { get; set; } = 1;

        /// <summary><c>ceil_mode</c>: ceil instead of floor in the output size (the last window must start inside the input or the left padding). Default false.</summary>
        public bool CeilMode { get; set; }

        /// <summary><c>return_indices</c>: adds <c>Forward(input, output, indices, …)</c> writing each maximum's flat index h·W + w in its plane. Default false.</summary>
        public bool ReturnIndices { get; set; }

        /// <summary>Optional compile-time input height (give <see cref="InputWidth"/> too): an empty output becomes a build error and the output size a constant.</summary>
        public int InputHeight { get; set; }

        /// <summary>Optional compile-time input width; see <see cref="InputHeight"/>.</summary>
        public int InputWidth { get; set; }
    }

    /// <summary>
    /// Generates a <c>torch.nn.AvgPool2d</c> layer on the <c>partial class</c> it decorates: a parameterless constructor and
    /// <c>Forward(input, output, batch, channels, height, width)</c> for NCHW float32 input, with PyTorch's divisor in every
    /// case (count_include_pad, divisor_override, ceil-mode windows past the padding).
    /// </summary>
    /// <example><code>
    /// [AvgPool2d(2, CeilMode = true, CountIncludePad = false)]  // nn.AvgPool2d(2, ceil_mode=True, count_include_pad=False)
    /// public partial class Downsample;
    /// </code></example>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class AvgPool2dAttribute : LayerAttribute
    {
        /// <summary><c>nn.AvgPool2d(kernelSize)</c> with a square window.</summary>
        public AvgPool2dAttribute(int kernelSize) => KernelSize = new[] { kernelSize, kernelSize };

        /// <summary><c>nn.AvgPool2d((kH, kW))</c>: <paramref name="kernelSize"/> is <c>new[] { kH, kW }</c>.</summary>
        public AvgPool2dAttribute(int[] kernelSize) => KernelSize = kernelSize;

        /// <summary><c>kernel_size</c> (height, width).</summary>
        public int[] KernelSize { get; }

        /// <summary><c>stride</c>: an <c>int</c> or <c>new[] { sH, sW }</c>. Default (null): the kernel size, as in PyTorch.</summary>
        public object? Stride { get; set; }

        /// <summary><c>padding</c> (implicit zero padding): an <c>int</c> or <c>new[] { pH, pW }</c>, at most half the kernel. Default 0.</summary>
        public object Padding { get; set; } = 0;

        /// <summary><c>ceil_mode</c>. Default false.</summary>
        public bool CeilMode { get; set; }

        /// <summary><c>count_include_pad</c>: the zero padding counts in the divisor. Default true, as in PyTorch.</summary>
        public bool CountIncludePad { get; set; } = true;

        /// <summary><c>divisor_override</c>: every window is divided by this instead of its size. Not set by default; must not be 0.</summary>
        public int DivisorOverride { get; set; }

        /// <summary>Optional compile-time input height (give <see cref="InputWidth"/> too): an empty output becomes a build error and the output size a constant.</summary>
        public int InputHeight { get; set; }

        /// <summary>Optional compile-time input width; see <see cref="InputHeight"/>.</summary>
        public int InputWidth { get; set; }
    }

    /// <summary>
    /// Generates a <c>torch.nn.MaxUnpool2d</c> layer on the <c>partial class</c> it decorates: a parameterless constructor and
    /// <c>Forward(input, indices, output, batch, channels, height, width)</c> that scatters each input value to the flat
    /// per-plane index <c>MaxPool2d(..., ReturnIndices = true)</c> wrote; the rest of the output is zero.
    /// </summary>
    /// <example><code>
    /// [MaxUnpool2d(2, Stride = 2)]  // nn.MaxUnpool2d(2, stride=2)
    /// public partial class Unpool;
    /// </code></example>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class MaxUnpool2dAttribute : LayerAttribute
    {
        /// <summary><c>nn.MaxUnpool2d(kernelSize)</c> with a square window.</summary>
        public MaxUnpool2dAttribute(int kernelSize) => KernelSize = new[] { kernelSize, kernelSize };

        /// <summary><c>nn.MaxUnpool2d((kH, kW))</c>: <paramref name="kernelSize"/> is <c>new[] { kH, kW }</c>.</summary>
        public MaxUnpool2dAttribute(int[] kernelSize) => KernelSize = kernelSize;

        /// <summary><c>kernel_size</c> (height, width).</summary>
        public int[] KernelSize { get; }

        /// <summary><c>stride</c>: an <c>int</c> or <c>new[] { sH, sW }</c>. Default (null): the kernel size, as in PyTorch.</summary>
        public object? Stride { get; set; }

        /// <summary><c>padding</c>: an <c>int</c> or <c>new[] { pH, pW }</c>. Default 0.</summary>
        public object Padding { get; set; } = 0;
    }

    /// <summary>
    /// Generates a <c>torch.nn.AdaptiveAvgPool2d</c> layer on the <c>partial class</c> it decorates: output window i covers
    /// input [floor(i·in/out), ceil((i + 1)·in/out)). <c>AdaptiveAvgPool2d(1)</c> is global average pooling.
    /// </summary>
    /// <example><code>
    /// [AdaptiveAvgPool2d(1)]  // nn.AdaptiveAvgPool2d(1)
    /// public partial class GlobalPool;
    /// </code></example>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class AdaptiveAvgPool2dAttribute : LayerAttribute
    {
        /// <summary><c>nn.AdaptiveAvgPool2d(outputSize)</c>: a square output.</summary>
        public AdaptiveAvgPool2dAttribute(int outputSize) => OutputSize = new[] { outputSize, outputSize };

        /// <summary><c>nn.AdaptiveAvgPool2d((oH, oW))</c>: <c>new[] { oH, oW }</c>; 0 on an axis is PyTorch's None (the input size).</summary>
        public AdaptiveAvgPool2dAttribute(int[] outputSize) => OutputSize = outputSize;

        /// <summary><c>output_size</c> (height, width); 0 means None: the input's size on that axis.</summary>
        public int[] OutputSize { get; }
    }

    /// <summary>
    /// Generates a <c>torch.nn.AdaptiveMaxPool2d</c> layer on the <c>partial class</c> it decorates: output window i covers
    /// input [floor(i·in/out), ceil((i + 1)·in/out)); NaN propagates as in PyTorch.
    /// </summary>
    /// <example><code>
    /// [AdaptiveMaxPool2d(new[] { 7, 7 })]  // nn.AdaptiveMaxPool2d((7, 7))
    /// public partial class RoiPool;
    /// </code></example>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class AdaptiveMaxPool2dAttribute : LayerAttribute
    {
        /// <summary><c>nn.AdaptiveMaxPool2d(outputSize)</c>: a square output.</summary>
        public AdaptiveMaxPool2dAttribute(int outputSize) => OutputSize = new[] { outputSize, outputSize };

        /// <summary><c>nn.AdaptiveMaxPool2d((oH, oW))</c>: <c>new[] { oH, oW }</c>; 0 on an axis is PyTorch's None (the input size).</summary>
        public AdaptiveMaxPool2dAttribute(int[] outputSize) => OutputSize = outputSize;

        /// <summary><c>output_size</c> (height, width); 0 means None: the input's size on that axis.</summary>
        public int[] OutputSize { get; }
    }
}
