using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ConvGen.Internal;

namespace ConvGen
{
    /// <summary>
    /// The hyper-parameters of a <c>torch.nn.Conv1d</c>, <c>Conv2d</c> or <c>Conv3d</c> layer (<see cref="Rank"/> spatial
    /// axes), with padding resolved to both sides of every axis. Generated Conv1d/Conv3d layers expose theirs as
    /// <c>Parameters</c>; Conv2d layers expose a <see cref="Conv2dParameters"/>. Per-axis lists are in PyTorch's order:
    /// (length), (height, width) or (depth, height, width).
    /// </summary>
    public sealed class ConvParameters
    {
        /// <summary>Creates and checks a parameter set (the rules the generator enforces at build time).</summary>
        /// <param name="inChannels"><c>in_channels</c>.</param>
        /// <param name="outChannels"><c>out_channels</c>.</param>
        /// <param name="kernelSize"><c>kernel_size</c>, one entry per spatial axis (1 to 3 of them).</param>
        /// <param name="stride">Default 1 on every axis.</param>
        /// <param name="paddingBefore">Padding before the input on each axis (top, left, front). Default 0.</param>
        /// <param name="paddingAfter">Padding after the input on each axis. Default: <paramref name="paddingBefore"/>.</param>
        /// <param name="dilation">Default 1 on every axis.</param>
        /// <param name="groups"><c>groups</c>.</param>
        /// <param name="bias"><c>bias</c>.</param>
        /// <param name="paddingMode"><c>padding_mode</c>.</param>
        /// <param name="activation">The activation applied to the output.</param>
        /// <param name="negativeSlope">The slope of <see cref="Activation.LeakyReLU"/> below zero.</param>
        /// <param name="transposed">A <c>torch.nn.ConvTransposeNd</c>: weight (in, out/groups, *kernel_size), zero padding only.</param>
        /// <param name="outputPadding">A transposed convolution's <c>output_padding</c> per axis; each smaller than its stride or its dilation. Default 0.</param>
        public ConvParameters(int inChannels, int outChannels, int[] kernelSize, int[]? stride = null, int[]? paddingBefore = null,
            int[]? paddingAfter = null, int[]? dilation = null, int groups = 1, bool bias = true,
            PaddingMode paddingMode = PaddingMode.Zeros, Activation activation = Activation.None, float negativeSlope = 0.01f,
            bool transposed = false, int[]? outputPadding = null)
        {
            if (kernelSize is null) throw new ArgumentNullException(nameof(kernelSize));
            int rank = kernelSize.Length;
            if (rank is < 1 or > 3) throw new ArgumentException($"kernelSize must have 1 to 3 entries, but has {rank}.", nameof(kernelSize));
            stride ??= Filled(rank, 1);
            dilation ??= Filled(rank, 1);
            paddingBefore ??= Filled(rank, 0);
            paddingAfter ??= paddingBefore;
            SameRank(stride, rank, nameof(stride));
            SameRank(dilation, rank, nameof(dilation));
            SameRank(paddingBefore, rank, nameof(paddingBefore));
            SameRank(paddingAfter, rank, nameof(paddingAfter));
            outputPadding ??= Filled(rank, 0);
            SameRank(outputPadding, rank, nameof(outputPadding));
            if (!transposed && outputPadding.Any(o => o != 0))
                throw new ArgumentException("output_padding applies to transposed convolutions only.", nameof(outputPadding));
            for (int i = 0; i < rank; i++)
            {
                if (transposed && (outputPadding[i] < 0 || outputPadding[i] >= stride[i] && outputPadding[i] >= dilation[i]))
                {
                    throw new ArgumentOutOfRangeException(nameof(outputPadding), outputPadding[i],
                        $"output_padding ({outputPadding[i]}) must be smaller than either stride ({stride[i]}) or dilation ({dilation[i]}), and not negative.");
                }
            }

            if (transposed && paddingMode != PaddingMode.Zeros)
                throw new ArgumentException($"Only zeros padding is supported for transposed convolutions, not {paddingMode}.", nameof(paddingMode));
            Positive(inChannels, nameof(inChannels));
            Positive(outChannels, nameof(outChannels));
            Positive(groups, nameof(groups));
            foreach (int k in kernelSize) Positive(k, nameof(kernelSize));
            foreach (int s in stride) Positive(s, nameof(stride));
            foreach (int d in dilation) Positive(d, nameof(dilation));
            foreach (int p in paddingBefore) NotNegative(p, nameof(paddingBefore));
            foreach (int p in paddingAfter) NotNegative(p, nameof(paddingAfter));
            if (inChannels % groups != 0)
                throw new ArgumentException($"in_channels ({inChannels}) must be divisible by groups ({groups}).", nameof(groups));
            if (outChannels % groups != 0)
                throw new ArgumentException($"out_channels ({outChannels}) must be divisible by groups ({groups}).", nameof(groups));
            if ((uint)paddingMode > (uint)PaddingMode.Circular)
                throw new ArgumentOutOfRangeException(nameof(paddingMode), paddingMode, "Unknown padding mode.");
            if ((uint)activation > (uint)Activation.GELUTanh)
                throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation.");
            long weightLength = (long)outChannels * (inChannels / groups) * kernelSize.Aggregate(1L, (a, k) => a * k);
            if (weightLength > Array.MaxLength)
                throw new ArgumentException($"The weight would have {weightLength} elements, more than an array can hold.");

            KernelSize = kernelSize.ToArray();
            Stride = stride.ToArray();
            PaddingBefore = paddingBefore.ToArray();
            PaddingAfter = paddingAfter.ToArray();
            Dilation = dilation.ToArray();
            OutputPadding = outputPadding.ToArray();
            Bias = bias;
            Activation = activation;
            NegativeSlope = negativeSlope;
            // Axes a lower rank lacks are leading unit axes: (L) is (1, 1, L), (H, W) is (1, H, W).
            ConvAxis Axis(int spatial)
            {
                int i = spatial - (3 - rank);
                return i < 0 ? ConvAxis.Unit : new ConvAxis(kernelSize[i], stride[i], dilation[i], paddingBefore[i], paddingAfter[i], outputPadding[i]);
            }

            Dims = new ConvDims
            {
                Rank = rank, InChannels = inChannels, OutChannels = outChannels, Groups = groups,
                D = Axis(0), H = Axis(1), W = Axis(2), PaddingMode = paddingMode, Transposed = transposed,
            };
        }

        /// <summary>The same numbers as plain data, for the drivers and kernels.</summary>
        internal ConvDims Dims { get; }

        /// <summary>Spatial axes: 1 (Conv1d), 2 (Conv2d) or 3 (Conv3d).</summary>
        public int Rank => Dims.Rank;
        /// <summary><c>in_channels</c>.</summary>
        public int InChannels => Dims.InChannels;
        /// <summary><c>out_channels</c>.</summary>
        public int OutChannels => Dims.OutChannels;
        /// <summary><c>kernel_size</c>, per spatial axis.</summary>
        public IReadOnlyList<int> KernelSize { get; }
        /// <summary><c>stride</c>, per spatial axis.</summary>
        public IReadOnlyList<int> Stride { get; }
        /// <summary>Padding before the input (top, left, front), per spatial axis.</summary>
        public IReadOnlyList<int> PaddingBefore { get; }
        /// <summary>Padding after the input (bottom, right, back), per spatial axis; more than before for an even <c>"same"</c> kernel.</summary>
        public IReadOnlyList<int> PaddingAfter { get; }
        /// <summary><c>output_padding</c> of a transposed convolution, per spatial axis (0 otherwise).</summary>
        public IReadOnlyList<int> OutputPadding { get; }
        /// <summary>A <c>torch.nn.ConvTransposeNd</c>.</summary>
        public bool Transposed => Dims.Transposed;
        /// <summary><c>dilation</c>, per spatial axis.</summary>
        public IReadOnlyList<int> Dilation { get; }
        /// <summary><c>groups</c>.</summary>
        public int Groups => Dims.Groups;
        /// <summary><c>bias</c>.</summary>
        public bool Bias { get; }
        /// <summary><c>padding_mode</c>.</summary>
        public PaddingMode PaddingMode => Dims.PaddingMode;
        /// <summary>The activation applied to the output in the kernel.</summary>
        public Activation Activation { get; }
        /// <summary>The slope of <see cref="Activation.LeakyReLU"/> below zero.</summary>
        public float NegativeSlope { get; }

        /// <summary><c>in_channels / groups</c>: the second dimension of the weight.</summary>
        public int InChannelsPerGroup => Dims.InChannelsPerGroup;
        /// <summary><c>out_channels / groups</c>.</summary>
        public int OutChannelsPerGroup => Dims.OutChannelsPerGroup;
        /// <summary>Elements of the weight <c>(out, in/groups, *kernel_size)</c>, or <c>(in, out/groups, *kernel_size)</c> when transposed.</summary>
        public int WeightLength => (Transposed ? InChannels : OutChannels) * Dims.Filter;
        /// <summary>Elements of the bias: <c>out_channels</c>, or 0 without bias.</summary>
        public int BiasLength => Bias ? OutChannels : 0;

        /// <summary>Output size along spatial axis <paramref name="axis"/> (0-based, PyTorch's order) for an input size, as PyTorch computes it; 0 when the kernel does not fit.</summary>
        public int OutputSize(int axis, int inputSize)
        {
            if ((uint)axis >= (uint)Rank) throw new ArgumentOutOfRangeException(nameof(axis), axis, $"axis must be below {Rank}.");
            var a = new ConvAxis(KernelSize[axis], Stride[axis], Dilation[axis], PaddingBefore[axis], PaddingAfter[axis], OutputPadding[axis]);
            return (int)Math.Clamp(Transposed ? a.TransposedOutput(inputSize) : a.Output(inputSize), 0, int.MaxValue);
        }

        /// <summary>The equivalent PyTorch constructor call, followed by the activation if there is one.</summary>
        public override string ToString()
        {
            var inv = CultureInfo.InvariantCulture;
            string Tuple(IReadOnlyList<int> values) =>
                values.All(v => v == values[0]) ? values[0].ToString(inv) : "(" + string.Join(", ", values.Select(v => v.ToString(inv))) + ")";
            string padding = PaddingBefore.SequenceEqual(PaddingAfter)
                ? Tuple(PaddingBefore)
                : $"'same' (before {Tuple(PaddingBefore)}, after {Tuple(PaddingAfter)})";
            string text = Transposed
                ? string.Format(inv,
                    "nn.ConvTranspose{0}d({1}, {2}, {3}, stride={4}, padding={5}, output_padding={6}, groups={7}, bias={8}, dilation={9})",
                    Rank, InChannels, OutChannels, Tuple(KernelSize), Tuple(Stride), padding, Tuple(OutputPadding), Groups,
                    Bias ? "True" : "False", Tuple(Dilation))
                : string.Format(inv,
                    "nn.Conv{0}d({1}, {2}, {3}, stride={4}, padding={5}, dilation={6}, groups={7}, bias={8}, padding_mode='{9}')",
                    Rank, InChannels, OutChannels, Tuple(KernelSize), Tuple(Stride), padding, Tuple(Dilation), Groups,
                    Bias ? "True" : "False", PaddingMode.ToString().ToLowerInvariant());
            return Activation == Activation.None ? text : text + " + " + ActivationText(Activation, NegativeSlope);
        }

        /// <summary>The <c>torch.nn</c> module of an activation, e.g. <c>nn.LeakyReLU(0.2)</c>.</summary>
        internal static string ActivationText(Activation activation, float negativeSlope) => activation switch
        {
            Activation.LeakyReLU => string.Format(CultureInfo.InvariantCulture, "nn.LeakyReLU({0})", negativeSlope),
            Activation.GELUTanh => "nn.GELU(approximate='tanh')",
            _ => $"nn.{activation}()",
        };

        private static int[] Filled(int rank, int value) => Enumerable.Repeat(value, rank).ToArray();

        private static void SameRank(int[] values, int rank, string name)
        {
            if (values.Length != rank)
                throw new ArgumentException($"{name} must have {rank} entries like kernelSize, but has {values.Length}.", name);
        }

        private static void Positive(int value, string name)
        {
            if (value <= 0) throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive.");
        }

        private static void NotNegative(int value, string name)
        {
            if (value < 0) throw new ArgumentOutOfRangeException(name, value, $"{name} must not be negative.");
        }
    }
}
