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
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class Conv2dAttribute : ConvAttribute
    {
        /// <summary><c>nn.Conv2d(inChannels, outChannels, kernelSize)</c> with a square kernel.</summary>
        public Conv2dAttribute(int inChannels, int outChannels, int kernelSize)
            : base(inChannels, outChannels, new[] { kernelSize, kernelSize })
        {
        }

        /// <summary><c>nn.Conv2d(inChannels, outChannels, (kH, kW))</c>: <paramref name="kernelSize"/> is <c>new[] { kH, kW }</c>.</summary>
        public Conv2dAttribute(int inChannels, int outChannels, int[] kernelSize)
            : base(inChannels, outChannels, kernelSize)
        {
        }

        /// <summary>
        /// Optional compile-time input height (give <see cref="InputWidth"/> too). The output size then becomes a constant,
        /// the kernel specialises on it, and an input the kernel does not fit is a build error.
        /// </summary>
        public int InputHeight { get; set; }

        /// <summary>Optional compile-time input width; see <see cref="InputHeight"/>.</summary>
        public int InputWidth { get; set; }

        /// <summary>
        /// How the layer is computed: <see cref="ConvAlgorithm.Direct"/> (default, rounds as PyTorch does) or
        /// <see cref="ConvAlgorithm.Winograd"/> (3×3, stride 1, dilation 1, groups 1, zero padding; faster, with a larger but
        /// bounded rounding error; anything else is build error CONV110).
        /// </summary>
        public ConvAlgorithm Algorithm { get; set; }
    }
}
