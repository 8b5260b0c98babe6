using System;

namespace ConvGen
{
    /// <summary>
    /// The named arguments of <c>torch.nn.ConvTransposeNd</c> beyond those every convolution has: <c>output_padding</c>.
    /// <c>Padding</c> is numbers only and <c>PaddingMode</c> must stay <see cref="ConvGen.PaddingMode.Zeros"/>, as in PyTorch.
    /// </summary>
    public abstract class ConvTransposeAttribute : ConvAttribute
    {
        /// <summary>Sets the arguments PyTorch takes positionally.</summary>
        private protected ConvTransposeAttribute(int inChannels, int outChannels, int[] kernelSize)
            : base(inChannels, outChannels, kernelSize)
        {
        }

        /// <summary>
        /// <c>output_padding</c>: an <c>int</c> or one per spatial axis, added after the last output row/column; each must be
        /// smaller than its stride or its dilation. Default 0.
        /// </summary>
        public object OutputPadding { get; set; } = 0;
    }

    /// <summary>
    /// Generates a <c>torch.nn.ConvTranspose1d</c> layer: weight <c>(in, out/groups, k)</c> as PyTorch stores it, bias
    /// <c>(out)</c>, output length <c>(L − 1)·stride − 2·padding + dilation·(k − 1) + output_padding + 1</c>.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class ConvTranspose1dAttribute : ConvTransposeAttribute
    {
        /// <summary><c>nn.ConvTranspose1d(inChannels, outChannels, kernelSize)</c>.</summary>
        public ConvTranspose1dAttribute(int inChannels, int outChannels, int kernelSize)
            : base(inChannels, outChannels, new[] { kernelSize })
        {
        }
    }

    /// <summary>
    /// Generates a <c>torch.nn.ConvTranspose2d</c> layer (U-Net and DCGAN decoders): weight <c>(in, out/groups, kH, kW)</c>
    /// as PyTorch stores it, bias <c>(out)</c>, output <c>(H − 1)·stride − 2·padding + dilation·(k − 1) + output_padding + 1</c>
    /// per axis. Mistakes PyTorch would reject are build errors.
    /// </summary>
    /// <example><code>
    /// [ConvTranspose2d(64, 32, 4, Stride = 2, Padding = 1)]  // nn.ConvTranspose2d(64, 32, 4, stride=2, padding=1): doubles H and W
    /// public partial class Up;
    /// </code></example>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class ConvTranspose2dAttribute : ConvTransposeAttribute
    {
        /// <summary><c>nn.ConvTranspose2d(inChannels, outChannels, kernelSize)</c> with a square kernel.</summary>
        public ConvTranspose2dAttribute(int inChannels, int outChannels, int kernelSize)
            : base(inChannels, outChannels, new[] { kernelSize, kernelSize })
        {
        }

        /// <summary><c>nn.ConvTranspose2d(inChannels, outChannels, (kH, kW))</c>.</summary>
        public ConvTranspose2dAttribute(int inChannels, int outChannels, int[] kernelSize)
            : base(inChannels, outChannels, kernelSize)
        {
        }
    }

    /// <summary>Generates a <c>torch.nn.ConvTranspose3d</c> layer: weight <c>(in, out/groups, kD, kH, kW)</c>, bias <c>(out)</c>.</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class ConvTranspose3dAttribute : ConvTransposeAttribute
    {
        /// <summary><c>nn.ConvTranspose3d(inChannels, outChannels, kernelSize)</c> with a cubic kernel.</summary>
        public ConvTranspose3dAttribute(int inChannels, int outChannels, int kernelSize)
            : base(inChannels, outChannels, new[] { kernelSize, kernelSize, kernelSize })
        {
        }

        /// <summary><c>nn.ConvTranspose3d(inChannels, outChannels, (kD, kH, kW))</c>.</summary>
        public ConvTranspose3dAttribute(int inChannels, int outChannels, int[] kernelSize)
            : base(inChannels, outChannels, kernelSize)
        {
        }
    }
}
