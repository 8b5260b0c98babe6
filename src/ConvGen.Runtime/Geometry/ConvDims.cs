using System;

namespace ConvGen.Internal
{
    /// <summary>
    /// One spatial axis of a convolution: kernel size, stride, dilation and the padding before and after the input, as
    /// PyTorch resolves them.
    /// </summary>
    internal readonly struct ConvAxis
    {
        public ConvAxis(int kernel, int stride, int dilation, int padBefore, int padAfter, int outputPadding = 0)
        {
            OutputPadding = outputPadding;
            Kernel = kernel;
            Stride = stride;
            Dilation = dilation;
            PadBefore = padBefore;
            PadAfter = padAfter;
        }

        /// <summary>An axis that is not there (the depth of a 2-D layer): one input row gives one output row.</summary>
        public static ConvAxis Unit => new(1, 1, 1, 0, 0);

        public int Kernel { get; }
        public int Stride { get; }
        public int Dilation { get; }
        public int PadBefore { get; }
        public int PadAfter { get; }
        /// <summary>A transposed convolution's <c>output_padding</c>: extra output rows after the last one.</summary>
        public int OutputPadding { get; }

        /// <summary>The dilated kernel's extent: dilation·(kernel − 1) + 1.</summary>
        public long Span => (long)Dilation * (Kernel - 1) + 1;

        public long Padded(long input) => input + PadBefore + PadAfter;

        /// <summary>PyTorch's output size for an input of this many elements along the axis (0 when the kernel does not fit).</summary>
        public long Output(long input) => ConvShape.OutputSize(input, PadBefore, PadAfter, Kernel, Stride, Dilation);

        /// <summary>A transposed convolution's output size (<see cref="ConvShape.TransposedOutputSize"/>; 0 or less when nothing is left).</summary>
        public long TransposedOutput(long input) => ConvShape.TransposedOutputSize(input, PadBefore, PadAfter, Kernel, Stride, Dilation, OutputPadding);

        public int MaxPadding => Math.Max(PadBefore, PadAfter);
    }

    /// <summary>
    /// A convolution's numbers as plain data (no references), so that jobs handed to worker threads can carry them by
    /// value. Every layer is stored as 3-D (depth, height, width); a 2-D layer's depth axis and a 1-D layer's depth and
    /// height axes are <see cref="ConvAxis.Unit"/>, which every loop runs once.
    /// </summary>
    internal readonly struct ConvDims
    {
        public int Rank { get; init; }
        public int InChannels { get; init; }
        public int OutChannels { get; init; }
        public int Groups { get; init; }
        public ConvAxis D { get; init; }
        public ConvAxis H { get; init; }
        public ConvAxis W { get; init; }
        public PaddingMode PaddingMode { get; init; }
        /// <summary>The value of zero padding and of the padded buffer past the input: 0 for convolutions, −∞ for max pooling.</summary>
        public float PadValue { get; init; }
        /// <summary>A transposed convolution: the weight is (in, out/groups, *kernel) and each input pixel scatters its kernel window.</summary>
        public bool Transposed { get; init; }

        public int InChannelsPerGroup => InChannels / Groups;
        public int OutChannelsPerGroup => OutChannels / Groups;
        public int Taps => D.Kernel * H.Kernel * W.Kernel;

        /// <summary>Elements of one output channel's filter: (in/groups)·taps (for a transposed convolution, of one input channel's: (out/groups)·taps).</summary>
        public int Filter => (Transposed ? OutChannelsPerGroup : InChannelsPerGroup) * Taps;

        public bool IsUnpadded => D.PadBefore == 0 && D.PadAfter == 0 && H.PadBefore == 0 && H.PadAfter == 0 && W.PadBefore == 0 && W.PadAfter == 0;

        /// <summary>An input shape as PyTorch names it: (N=2, C=3, H=8, W=8), (N, C, L) or (N, C, D, H, W).</summary>
        public string Shape(long batch, long channels, long depth, long height, long width) => Rank switch
        {
            1 => $"(N={batch}, C={channels}, L={width})",
            2 => $"(N={batch}, C={channels}, H={height}, W={width})",
            _ => $"(N={batch}, C={channels}, D={depth}, H={height}, W={width})",
        };

        /// <summary>The spatial part of a size, as the rank has it: "8", "(8, 9)", "(4, 8, 9)".</summary>
        public string Size(long depth, long height, long width) => Rank switch
        {
            1 => $"{width}",
            2 => $"({height}, {width})",
            _ => $"({depth}, {height}, {width})",
        };
    }
}
