using System;

namespace ConvGen
{
    /// <summary>
    /// Generates a <c>torch.nn.Conv2d</c> layer on the <c>partial class</c> it decorates: a constructor taking PyTorch-layout
    /// weight <c>(out, in/groups, kH, kW)</c> and bias <c>(out)</c>, and <c>Forward</c> for NCHW / CHW float32 input.
    /// Mistakes PyTorch would reject are build errors (diagnostics CONV001–CONV306).
    /// </summary>
    /// <example><code>
    /// [Conv2d(16, 33, new[] { 3, 5 }, Stride = new[] { 2, 1 }, Padding = new[] { 4, 2 })]  // nn.Conv2d(16, 33, (3, 5), stride=(2, 1), padding=(4, 2))
    /// public partial class Layer;
    /// </code></example>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    public sealed class Conv2dAttribute : Attribute
    {
        /// <summary><c>nn.Conv2d(inChannels, outChannels, kernelSize)</c> with a square kernel.</summary>
        public Conv2dAttribute(int inChannels, int outChannels, int kernelSize)
            : this(inChannels, outChannels, new[] { kernelSize, kernelSize })
        {
        }

        /// <summary><c>nn.Conv2d(inChannels, outChannels, (kH, kW))</c>: <paramref name="kernelSize"/> is <c>new[] { kH, kW }</c>.</summary>
        public Conv2dAttribute(int inChannels, int outChannels, int[] kernelSize)
        {
            InChannels = inChannels;
            OutChannels = outChannels;
            KernelSize = kernelSize;
        }

        /// <summary><c>in_channels</c>.</summary>
        public int InChannels { get; }

        /// <summary><c>out_channels</c>.</summary>
        public int OutChannels { get; }

        /// <summary><c>kernel_size</c> as <c>{ kH, kW }</c>.</summary>
        public int[] KernelSize { get; }

        /// <summary><c>stride</c>: an <c>int</c> or <c>new[] { sH, sW }</c>. Default 1.</summary>
        public object Stride { get; set; } = 1;

        /// <summary><c>padding</c>: an <c>int</c>, <c>new[] { pH, pW }</c>, <c>"same"</c> or <c>"valid"</c>. Default 0.</summary>
        public object Padding { get; set; } = 0;

        /// <summary><c>dilation</c>: an <c>int</c> or <c>new[] { dH, dW }</c>. Default 1.</summary>
        public object Dilation { get; set; } = 1;

        /// <summary><c>groups</c>: must divide both channel counts. Default 1; <c>Groups = inChannels</c> is depthwise.</summary>
        public int Groups { get; set; } = 1;

        /// <summary><c>bias</c>. Default true; when false the constructor takes the weight only.</summary>
        public bool Bias { get; set; } = true;

        /// <summary><c>padding_mode</c>. Default <see cref="ConvGen.PaddingMode.Zeros"/>.</summary>
        public PaddingMode PaddingMode { get; set; } = PaddingMode.Zeros;

        /// <summary>
        /// Optional compile-time input height (give <see cref="InputWidth"/> too). The output size then becomes a constant,
        /// the kernel specialises on it, and an input the kernel does not fit is a build error.
        /// </summary>
        public int InputHeight { get; set; }

        /// <summary>Optional compile-time input width; see <see cref="InputHeight"/>.</summary>
        public int InputWidth { get; set; }
    }
}
