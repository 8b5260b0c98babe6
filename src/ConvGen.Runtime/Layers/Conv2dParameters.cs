using System;
using System.Globalization;

namespace ConvGen
{
    /// <summary>
    /// The hyper-parameters of a <c>torch.nn.Conv2d</c> layer with padding resolved to four sides. Every generated layer
    /// exposes its own as <c>Parameters</c>; the shape helpers here are the ones <c>Forward</c> checks against.
    /// </summary>
    public sealed class Conv2dParameters
    {
        /// <summary>Creates and checks a parameter set (the same rules the generator enforces at build time).</summary>
        public Conv2dParameters(
            int inChannels, int outChannels, int kernelHeight, int kernelWidth,
            int strideHeight = 1, int strideWidth = 1,
            int paddingTop = 0, int paddingBottom = 0, int paddingLeft = 0, int paddingRight = 0,
            int dilationHeight = 1, int dilationWidth = 1, int groups = 1, bool bias = true,
            PaddingMode paddingMode = PaddingMode.Zeros, Activation activation = Activation.None, float negativeSlope = 0.01f)
        {
            Convolution = new ConvParameters(inChannels, outChannels, new[] { kernelHeight, kernelWidth },
                new[] { strideHeight, strideWidth }, new[] { paddingTop, paddingLeft }, new[] { paddingBottom, paddingRight },
                new[] { dilationHeight, dilationWidth }, groups, bias, paddingMode, activation, negativeSlope);
            InChannels = inChannels;
            OutChannels = outChannels;
            KernelHeight = kernelHeight;
            KernelWidth = kernelWidth;
            StrideHeight = strideHeight;
            StrideWidth = strideWidth;
            PaddingTop = paddingTop;
            PaddingBottom = paddingBottom;
            PaddingLeft = paddingLeft;
            PaddingRight = paddingRight;
            DilationHeight = dilationHeight;
            DilationWidth = dilationWidth;
            Groups = groups;
            Bias = bias;
            PaddingMode = paddingMode;
        }

        /// <summary>The same layer as an N-d convolution, which the drivers run.</summary>
        public ConvParameters Convolution { get; }

        /// <summary>The activation applied to the output in the kernel.</summary>
        public Activation Activation => Convolution.Activation;

        /// <summary><c>in_channels</c>.</summary>
        public int InChannels { get; }
        /// <summary><c>out_channels</c>.</summary>
        public int OutChannels { get; }
        /// <summary><c>kernel_size[0]</c>.</summary>
        public int KernelHeight { get; }
        /// <summary><c>kernel_size[1]</c>.</summary>
        public int KernelWidth { get; }
        /// <summary><c>stride[0]</c>.</summary>
        public int StrideHeight { get; }
        /// <summary><c>stride[1]</c>.</summary>
        public int StrideWidth { get; }
        /// <summary>Rows added above the input.</summary>
        public int PaddingTop { get; }
        /// <summary>Rows added below the input (one more than <see cref="PaddingTop"/> for an even <c>"same"</c> kernel).</summary>
        public int PaddingBottom { get; }
        /// <summary>Columns added left of the input.</summary>
        public int PaddingLeft { get; }
        /// <summary>Columns added right of the input.</summary>
        public int PaddingRight { get; }
        /// <summary><c>dilation[0]</c>.</summary>
        public int DilationHeight { get; }
        /// <summary><c>dilation[1]</c>.</summary>
        public int DilationWidth { get; }
        /// <summary><c>groups</c>.</summary>
        public int Groups { get; }
        /// <summary><c>bias</c>.</summary>
        public bool Bias { get; }
        /// <summary><c>padding_mode</c>.</summary>
        public PaddingMode PaddingMode { get; }

        /// <summary><c>in_channels / groups</c>: the second dimension of the weight.</summary>
        public int InChannelsPerGroup => InChannels / Groups;
        /// <summary><c>out_channels / groups</c>.</summary>
        public int OutChannelsPerGroup => OutChannels / Groups;
        /// <summary>Elements of the weight <c>(out, in/groups, kH, kW)</c>.</summary>
        public int WeightLength => OutChannels * InChannelsPerGroup * KernelHeight * KernelWidth;
        /// <summary>Elements of the bias: <c>out_channels</c>, or 0 without bias.</summary>
        public int BiasLength => Bias ? OutChannels : 0;

        /// <summary>Output height for an input height, as PyTorch computes it; 0 when the kernel does not fit.</summary>
        public int OutputHeight(int inputHeight) =>
            (int)Math.Min(int.MaxValue, ConvShape.OutputSize(inputHeight, PaddingTop, PaddingBottom, KernelHeight, StrideHeight, DilationHeight));

        /// <summary>Output width for an input width, as PyTorch computes it; 0 when the kernel does not fit.</summary>
        public int OutputWidth(int inputWidth) =>
            (int)Math.Min(int.MaxValue, ConvShape.OutputSize(inputWidth, PaddingLeft, PaddingRight, KernelWidth, StrideWidth, DilationWidth));

        /// <summary>The equivalent PyTorch constructor call, followed by the activation if there is one.</summary>
        public override string ToString()
        {
            var inv = CultureInfo.InvariantCulture;
            string Pair(int h, int w) => h == w ? h.ToString(inv) : string.Format(inv, "({0}, {1})", h, w);
            string padding = PaddingTop == PaddingBottom && PaddingLeft == PaddingRight
                ? Pair(PaddingTop, PaddingLeft)
                : string.Format(inv, "'same' (top {0}, bottom {1}, left {2}, right {3})", PaddingTop, PaddingBottom, PaddingLeft, PaddingRight);
            string text = string.Format(inv,
                "nn.Conv2d({0}, {1}, {2}, stride={3}, padding={4}, dilation={5}, groups={6}, bias={7}, padding_mode='{8}')",
                InChannels, OutChannels, Pair(KernelHeight, KernelWidth), Pair(StrideHeight, StrideWidth), padding,
                Pair(DilationHeight, DilationWidth), Groups, Bias ? "True" : "False", PaddingMode.ToString().ToLowerInvariant());
            return Activation == Activation.None ? text : text + " + " + ConvParameters.ActivationText(Activation, Convolution.NegativeSlope);
        }
    }
}
