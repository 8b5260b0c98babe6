using System;

namespace ConvGen
{
    /// <summary>
    /// The named arguments every convolution attribute (<see cref="Conv1dAttribute"/>, <see cref="Conv2dAttribute"/>,
    /// <see cref="Conv3dAttribute"/>) shares with <c>torch.nn.ConvNd</c>, plus the fused activation.
    /// </summary>
    public abstract class ConvAttribute : LayerAttribute
    {
        /// <summary>Sets the arguments PyTorch takes positionally.</summary>
        private protected ConvAttribute(int inChannels, int outChannels, int[] kernelSize)
        {
            InChannels = inChannels;
            OutChannels = outChannels;
            KernelSize = kernelSize;
        }

        /// <summary><c>in_channels</c>.</summary>
        public int InChannels { get; }

        /// <summary><c>out_channels</c>.</summary>
        public int OutChannels { get; }

        /// <summary><c>kernel_size</c>, one entry per spatial axis.</summary>
        public int[] KernelSize { get; }

        /// <summary><c>stride</c>: an <c>int</c> or one <c>int</c> per spatial axis (<c>new[] { sH, sW }</c>). Default 1.</summary>
        public object Stride { get; set; } = 1;

        /// <summary><c>padding</c>: an <c>int</c>, one <c>int</c> per spatial axis, <c>"same"</c> or <c>"valid"</c>. Default 0.</summary>
        public object Padding { get; set; } = 0;

        /// <summary><c>dilation</c>: an <c>int</c> or one <c>int</c> per spatial axis. Default 1.</summary>
        public object Dilation { get; set; } = 1;

        /// <summary><c>groups</c>: must divide both channel counts. Default 1; <c>Groups = inChannels</c> is depthwise.</summary>
        public int Groups { get; set; } = 1;

        /// <summary><c>bias</c>. Default true; when false the constructor takes the weight only.</summary>
        public bool Bias { get; set; } = true;

        /// <summary><c>padding_mode</c>. Default <see cref="ConvGen.PaddingMode.Zeros"/>.</summary>
        public PaddingMode PaddingMode { get; set; } = PaddingMode.Zeros;

        /// <summary>
        /// The activation applied to the output in the kernel's epilogue, in registers: the layer's output equals PyTorch's
        /// convolution followed by this activation. Default <see cref="ConvGen.Activation.None"/>.
        /// </summary>
        public Activation Activation { get; set; } = Activation.None;

        /// <summary><c>negative_slope</c> of <see cref="ConvGen.Activation.LeakyReLU"/>. Default 0.01, as in PyTorch.</summary>
        public float NegativeSlope { get; set; } = 0.01f;
    }

    /// <summary>
    /// Generates a <c>torch.nn.Conv1d</c> layer on the <c>partial class</c> it decorates: a constructor taking PyTorch-layout
    /// weight <c>(out, in/groups, k)</c> and bias <c>(out)</c>, and <c>Forward</c> for (N, C, L) / (C, L) float32 input.
    /// Mistakes PyTorch would reject are build errors.
    /// </summary>
    /// <example><code>
    /// [Conv1d(16, 33, 3, Stride = 2)]  // nn.Conv1d(16, 33, 3, stride=2)
    /// public partial class Layer;
    /// </code></example>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class Conv1dAttribute : ConvAttribute
    {
        /// <summary><c>nn.Conv1d(inChannels, outChannels, kernelSize)</c>.</summary>
        public Conv1dAttribute(int inChannels, int outChannels, int kernelSize)
            : base(inChannels, outChannels, new[] { kernelSize })
        {
        }
    }

    /// <summary>
    /// Generates a <c>torch.nn.Conv3d</c> layer on the <c>partial class</c> it decorates: a constructor taking PyTorch-layout
    /// weight <c>(out, in/groups, kD, kH, kW)</c> and bias <c>(out)</c>, and <c>Forward</c> for (N, C, D, H, W) / (C, D, H, W)
    /// float32 input. Mistakes PyTorch would reject are build errors.
    /// </summary>
    /// <example><code>
    /// [Conv3d(16, 33, new[] { 3, 5, 2 }, Stride = new[] { 2, 1, 1 }, Padding = new[] { 4, 2, 0 })]  // nn.Conv3d(16, 33, (3, 5, 2), stride=(2, 1, 1), padding=(4, 2, 0))
    /// public partial class Layer;
    /// </code></example>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class Conv3dAttribute : ConvAttribute
    {
        /// <summary><c>nn.Conv3d(inChannels, outChannels, kernelSize)</c> with a cubic kernel.</summary>
        public Conv3dAttribute(int inChannels, int outChannels, int kernelSize)
            : base(inChannels, outChannels, new[] { kernelSize, kernelSize, kernelSize })
        {
        }

        /// <summary><c>nn.Conv3d(inChannels, outChannels, (kD, kH, kW))</c>: <paramref name="kernelSize"/> is <c>new[] { kD, kH, kW }</c>.</summary>
        public Conv3dAttribute(int inChannels, int outChannels, int[] kernelSize)
            : base(inChannels, outChannels, kernelSize)
        {
        }

        /// <summary>Optional compile-time input depth (give <see cref="InputHeight"/> and <see cref="InputWidth"/> too); see <see cref="Conv2dAttribute.InputHeight"/>.</summary>
        public int InputDepth { get; set; }

        /// <summary>Optional compile-time input height.</summary>
        public int InputHeight { get; set; }

        /// <summary>Optional compile-time input width.</summary>
        public int InputWidth { get; set; }
    }
}
