using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace ConvGen.Benchmarks
{
    /// <summary>
    /// One benchmark layer: the arguments of <c>torch.nn.Conv1d/2d/3d</c> or <c>torch.nn.ConvTranspose2d</c> (zero
    /// padding), float32, channels first (NCL, NCHW, NCDHW). Per-axis values are in PyTorch's order: (length),
    /// (height, width) or (depth, height, width). Weight layout is PyTorch's: <c>(out, in/groups, *kernel)</c> for a
    /// convolution, <c>(in, out/groups, *kernel)</c> for a transposed one.
    /// </summary>
    public sealed class ConvLayerSpec
    {
        /// <summary>A Conv2d with a square kernel/stride/padding/dilation on a square input (the 12-layer suite).</summary>
        public ConvLayerSpec(string name, int inChannels, int outChannels, int kernel, int stride, int padding, int dilation,
            int groups, int inputSize, bool bias = true, int batch = 1)
            : this(name, false, inChannels, outChannels, new[] { kernel, kernel }, new[] { inputSize, inputSize },
                new[] { stride, stride }, new[] { padding, padding }, new[] { dilation, dilation }, null, groups, bias, batch)
        {
        }

        private ConvLayerSpec(string name, bool transposed, int inChannels, int outChannels, int[] kernel, int[] inputSize,
            int[]? stride, int[]? padding, int[]? dilation, int[]? outputPadding, int groups, bool bias, int batch)
        {
            int rank = kernel.Length;
            if (rank is < 1 or > 3) throw new ArgumentException($"{name}: 1 to 3 spatial axes, not {rank}");
            int[] Axes(int[]? values, int fill, string what) =>
                values is null ? Enumerable.Repeat(fill, rank).ToArray()
                : values.Length == rank ? values.ToArray()
                : throw new ArgumentException($"{name}: {what} needs {rank} entries, not {values.Length}");
            Name = name;
            Transposed = transposed;
            InChannels = inChannels;
            OutChannels = outChannels;
            Groups = groups;
            Bias = bias;
            Batch = batch;
            Kernel = kernel.ToArray();
            InputSize = Axes(inputSize, 1, "the input size");
            Stride = Axes(stride, 1, "stride");
            Padding = Axes(padding, 0, "padding");
            Dilation = Axes(dilation, 1, "dilation");
            OutputPadding = Axes(outputPadding, 0, "output_padding");
            if (inChannels % groups != 0 || outChannels % groups != 0)
                throw new ArgumentException($"{name}: groups ({groups}) must divide {inChannels} and {outChannels}");
            OutputSize = Enumerable.Range(0, rank).Select(i => transposed
                ? (InputSize[i] - 1) * Stride[i] - 2 * Padding[i] + Dilation[i] * (Kernel[i] - 1) + OutputPadding[i] + 1
                : (InputSize[i] + 2 * Padding[i] - Dilation[i] * (Kernel[i] - 1) - 1) / Stride[i] + 1).ToArray();
            if (OutputSize.Any(o => o <= 0)) throw new ArgumentException($"{name}: empty output");
        }

        /// <summary><c>nn.Conv1d(in, out, kernel, stride, padding, dilation, groups)</c> on (N, in, length).</summary>
        public static ConvLayerSpec Conv1d(string name, int inChannels, int outChannels, int kernel, int length,
            int stride = 1, int padding = 0, int dilation = 1, int groups = 1) =>
            new ConvLayerSpec(name, false, inChannels, outChannels, new[] { kernel }, new[] { length }, new[] { stride },
                new[] { padding }, new[] { dilation }, null, groups, true, 1);

        /// <summary><c>nn.Conv3d(in, out, (kD, kH, kW), ...)</c> on (N, in, D, H, W); null = PyTorch's default.</summary>
        public static ConvLayerSpec Conv3d(string name, int inChannels, int outChannels, int[] kernel, int[] input,
            int[]? stride = null, int[]? padding = null, int[]? dilation = null, int groups = 1) =>
            new ConvLayerSpec(name, false, inChannels, outChannels, kernel, input, stride, padding, dilation, null, groups, true, 1);

        /// <summary><c>nn.ConvTranspose2d(in, out, kernel, stride, padding, output_padding, groups, dilation=dilation)</c> on a square input.</summary>
        public static ConvLayerSpec ConvTranspose2d(string name, int inChannels, int outChannels, int kernel, int inputSize,
            int stride = 1, int padding = 0, int outputPadding = 0, int dilation = 1, int groups = 1) =>
            new ConvLayerSpec(name, true, inChannels, outChannels, new[] { kernel, kernel }, new[] { inputSize, inputSize },
                new[] { stride, stride }, new[] { padding, padding }, new[] { dilation, dilation },
                new[] { outputPadding, outputPadding }, groups, true, 1);

        /// <summary>
        /// <c>nn.Conv2d(in, out, (kH, kW), stride, padding, dilation, groups)</c> on (batch, in, H, W): every per-axis
        /// argument is one int for both axes or (height, width).
        /// </summary>
        public static ConvLayerSpec Conv2d(string name, string source, int inChannels, int outChannels, int[] kernel, int[] input,
            int[]? stride = null, int[]? padding = null, int[]? dilation = null, int groups = 1, int batch = 1)
        {
            static int[]? Pair(int[]? v) => v is { Length: 1 } ? new[] { v[0], v[0] } : v;
            return new ConvLayerSpec(name, false, inChannels, outChannels, Pair(kernel)!, Pair(input)!, Pair(stride), Pair(padding),
                Pair(dilation), null, groups, true, batch) { Source = source };
        }

        public string Name { get; }

        /// <summary>Where the layer comes from (network and position), for the real-network suite; empty otherwise.</summary>
        public string Source { get; private init; } = "";

        /// <summary>A <c>ConvTransposeNd</c> (weight (in, out/groups, *kernel)).</summary>
        public bool Transposed { get; }

        /// <summary>Spatial axes: 1, 2 or 3.</summary>
        public int Rank => Kernel.Count;

        public int InChannels { get; }

        public int OutChannels { get; }

        public int Groups { get; }

        public bool Bias { get; }

        public int Batch { get; }

        public IReadOnlyList<int> Kernel { get; }

        public IReadOnlyList<int> Stride { get; }

        public IReadOnlyList<int> Padding { get; }

        public IReadOnlyList<int> Dilation { get; }

        /// <summary><c>output_padding</c> of a transposed layer (zeros otherwise).</summary>
        public IReadOnlyList<int> OutputPadding { get; }

        /// <summary>Input size per spatial axis.</summary>
        public IReadOnlyList<int> InputSize { get; }

        /// <summary>Output size per spatial axis, as PyTorch computes it.</summary>
        public IReadOnlyList<int> OutputSize { get; }

        /// <summary>The PyTorch module: Conv1d, Conv2d, Conv3d, ConvTranspose2d, ...</summary>
        public string Op => (Transposed ? "ConvTranspose" : "Conv") + Rank.ToString(CultureInfo.InvariantCulture) + "d";

        /// <summary>True for a plain Conv2d (the 12-layer suite's kind, with the 2-D code paths of the peers).</summary>
        public bool IsConv2d => Rank == 2 && !Transposed;

        // The last two spatial axes (height, width) of a 2-D or 3-D layer.
        public int KernelH => Kernel[Rank - 2];

        public int KernelW => Kernel[Rank - 1];

        public int InputH => InputSize[Rank - 2];

        public int InputW => InputSize[Rank - 1];

        public int OutputH => OutputSize[Rank - 2];

        public int OutputW => OutputSize[Rank - 1];

        public int InPerGroup => InChannels / Groups;

        public int OutPerGroup => OutChannels / Groups;

        /// <summary>Kernel taps: the product of the kernel sizes.</summary>
        public int Taps => Product(Kernel);

        public long[] InputShape => Shape(Batch, InChannels, InputSize);

        public long[] WeightShape => Transposed ? Shape(InChannels, OutPerGroup, Kernel) : Shape(OutChannels, InPerGroup, Kernel);

        public long[] OutputShape => Shape(Batch, OutChannels, OutputSize);

        public int InputLength => checked(Batch * InChannels * Product(InputSize));

        public int WeightLength => checked((Transposed ? InChannels * OutPerGroup : OutChannels * InPerGroup) * Taps);

        public int OutputLength => checked(Batch * OutChannels * Product(OutputSize));

        /// <summary>
        /// Multiply-adds × 2, bias not counted (as in bench-layers.md): 2 · N · Cout · prod(out) · (Cin/groups) · prod(k)
        /// for a convolution, 2 · N · Cin · prod(in) · (Cout/groups) · prod(k) for a transposed one (every input element
        /// meets every tap of its group's out/groups filters; taps that land in the cropped padding count too).
        /// </summary>
        public double Flops => Transposed
            ? 2.0 * Batch * InChannels * Product(InputSize) * OutPerGroup * Taps
            : 2.0 * Batch * OutChannels * Product(OutputSize) * InPerGroup * Taps;

        /// <summary>The layer as the C# attribute ConvGen uses (see ConvGenLayers.cs / ConvGenNdLayers.cs).</summary>
        public string ToAttributeString()
        {
            var parts = new List<string> { $"{InChannels}, {OutChannels}, {Attr(Kernel)}" };
            if (Stride.Any(s => s != 1))
            {
                parts.Add($"Stride = {Attr(Stride)}");
            }

            if (Padding.Any(p => p != 0))
            {
                parts.Add($"Padding = {Attr(Padding)}");
            }

            if (OutputPadding.Any(p => p != 0))
            {
                parts.Add($"OutputPadding = {Attr(OutputPadding)}");
            }

            if (Dilation.Any(d => d != 1))
            {
                parts.Add($"Dilation = {Attr(Dilation)}");
            }

            if (Groups != 1)
            {
                parts.Add($"Groups = {Groups}");
            }

            if (!Bias)
            {
                parts.Add("Bias = false");
            }

            return $"[{Op}({string.Join(", ", parts)})]";
        }

        /// <summary>The PyTorch module call with its non-default arguments, e.g. <c>Conv3d(64, 144, (1, 3, 3), padding=(0, 1, 1))</c>.</summary>
        public string TorchCall
        {
            get
            {
                var parts = new List<string> { $"{InChannels}, {OutChannels}, {Tuple(Kernel)}" };
                if (Stride.Any(s => s != 1)) parts.Add($"stride={Tuple(Stride)}");
                if (Padding.Any(p => p != 0)) parts.Add($"padding={Tuple(Padding)}");
                if (OutputPadding.Any(p => p != 0)) parts.Add($"output_padding={Tuple(OutputPadding)}");
                if (Groups != 1) parts.Add($"groups={Groups}");
                if (Dilation.Any(d => d != 1)) parts.Add($"dilation={Tuple(Dilation)}");
                if (!Bias) parts.Add("bias=False");
                return $"{Op}({string.Join(", ", parts)})";
            }
        }

        /// <summary>The PyTorch call and the shapes, e.g. <c>resnet_stem: Conv2d(3, 64, 7, stride=2, ...) on 1x3x224x224 -> 64x112x112</c>.</summary>
        public override string ToString()
        {
            string outputPadding = Transposed ? $", output_padding={Tuple(OutputPadding)}" : "";
            return $"{Name}: {Op}({InChannels}, {OutChannels}, {Tuple(Kernel)}, stride={Tuple(Stride)}, padding={Tuple(Padding)}{outputPadding}, " +
                   $"dilation={Tuple(Dilation)}, groups={Groups}) on {Batch}x{InChannels}x{string.Join("x", InputSize)} -> " +
                   $"{OutChannels}x{string.Join("x", OutputSize)}";
        }

        /// <summary>One int when every axis agrees, else PyTorch's tuple <c>(1, 3, 3)</c>.</summary>
        public static string Tuple(IReadOnlyList<int> values) =>
            values.All(v => v == values[0]) ? values[0].ToString(CultureInfo.InvariantCulture) : "(" + string.Join(", ", values) + ")";

        private static string Attr(IReadOnlyList<int> values) =>
            values.All(v => v == values[0]) ? values[0].ToString(CultureInfo.InvariantCulture) : "new[] { " + string.Join(", ", values) + " }";

        private static int Product(IReadOnlyList<int> values) => values.Aggregate(1, (a, v) => checked(a * v));

        private static long[] Shape(int first, int second, IReadOnlyList<int> spatial) =>
            new long[] { first, second }.Concat(spatial.Select(s => (long)s)).ToArray();
    }

    /// <summary>
    /// The layer suites: <see cref="All"/> = the 12 Conv2d layers of shared/bench-layers.md (the default everywhere),
    /// <see cref="Nd"/> = Conv1d layers of speech/sequence models, Conv3d layers of video models and ConvTranspose2d
    /// layers of decoders (<c>--suite nd</c>).
    /// </summary>
    public static partial class BenchLayers
    {
        /// <summary>Suite names for <c>--suite</c>.</summary>
        public const string Conv2dSuite = "conv2d";

        public const string NdSuite = "nd";

        public const string AllSuites = "all";

        public const string RealSuite = "real";

        /// <summary>The 12 layers of shared/bench-layers.md, in its order.</summary>
        public static readonly IReadOnlyList<ConvLayerSpec> All = new[]
        {
            new ConvLayerSpec("resnet_stem", 3, 64, 7, 2, 3, 1, 1, 224),
            new ConvLayerSpec("resnet_3x3_64", 64, 64, 3, 1, 1, 1, 1, 56),
            new ConvLayerSpec("resnet_3x3_128_s2", 64, 128, 3, 2, 1, 1, 1, 56),
            new ConvLayerSpec("resnet_3x3_256", 256, 256, 3, 1, 1, 1, 1, 14),
            new ConvLayerSpec("pointwise_1x1", 96, 24, 1, 1, 0, 1, 1, 56),
            new ConvLayerSpec("pointwise_expand", 24, 144, 1, 1, 0, 1, 1, 56),
            new ConvLayerSpec("depthwise_3x3", 144, 144, 3, 1, 1, 1, 144, 56),
            new ConvLayerSpec("depthwise_3x3_s2", 96, 96, 3, 2, 1, 1, 96, 112),
            new ConvLayerSpec("grouped_3x3", 128, 128, 3, 1, 1, 1, 4, 28),
            new ConvLayerSpec("dilated_3x3", 64, 64, 3, 1, 2, 2, 1, 56),
            new ConvLayerSpec("small_3_12_g3", 3, 12, 3, 1, 1, 1, 3, 32),
            new ConvLayerSpec("tiny_mnist", 1, 8, 5, 1, 0, 1, 1, 28),
        };

        /// <summary>The subset run by <c>bench --quick</c>: a dense 3x3, a 1x1 and a depthwise layer.</summary>
        public static readonly IReadOnlyList<string> Quick = new[] { "resnet_3x3_64", "pointwise_1x1", "depthwise_3x3" };

        /// <summary>
        /// The second suite (<c>--suite nd</c>): batch 1, bias on, zero padding, one thread, like the 12 layers.
        /// Sources: wav2vec 2.0 (Baevski et al. 2020) feature encoder, Jasper/QuartzNet (Li et al. 2019, Kriman et al. 2020),
        /// TCN (Bai et al. 2018), C3D (Tran et al. 2015), R(2+1)D / R3D-18 (Tran et al. 2018), DCGAN (Radford et al. 2016),
        /// U-Net (Ronneberger et al. 2015).
        /// </summary>
        public static readonly IReadOnlyList<ConvLayerSpec> Nd = new[]
        {
            // Conv1d: wav2vec2's first conv on one second of 16 kHz audio (16000 samples -> 3199 frames) and its next one.
            ConvLayerSpec.Conv1d("w2v_conv0", 1, 512, 10, 16000, stride: 5),
            ConvLayerSpec.Conv1d("w2v_conv1", 512, 512, 3, 3199, stride: 2),
            // Jasper's prolog on 64 mel bands x 1000 frames (10 s at a 10 ms hop).
            ConvLayerSpec.Conv1d("jasper_prolog", 64, 256, 11, 1000, stride: 2, padding: 5),
            // A TCN block's dilated conv.
            ConvLayerSpec.Conv1d("tcn_dilated", 64, 64, 3, 1000, padding: 4, dilation: 4),
            // QuartzNet's time-channel separable conv: depthwise k=33, then pointwise.
            ConvLayerSpec.Conv1d("quartznet_dw", 256, 256, 33, 400, padding: 16, groups: 256),
            ConvLayerSpec.Conv1d("quartznet_pw", 256, 256, 1, 400),
            // Conv3d: C3D conv2 (at 8 frames of 28x28), an R(2+1)D block's spatial (1x3x3) and temporal (3x1x1) pair,
            // R3D-18's stride-2 down-sampling conv (conv3_1).
            ConvLayerSpec.Conv3d("c3d_conv2", 64, 128, new[] { 3, 3, 3 }, new[] { 8, 28, 28 }, padding: new[] { 1, 1, 1 }),
            ConvLayerSpec.Conv3d("r2plus1d_spatial", 64, 144, new[] { 1, 3, 3 }, new[] { 8, 56, 56 }, padding: new[] { 0, 1, 1 }),
            ConvLayerSpec.Conv3d("r2plus1d_temporal", 144, 64, new[] { 3, 1, 1 }, new[] { 8, 56, 56 }, padding: new[] { 1, 0, 0 }),
            ConvLayerSpec.Conv3d("r3d_3x3x3_s2", 64, 128, new[] { 3, 3, 3 }, new[] { 8, 56, 56 }, stride: new[] { 2, 2, 2 }, padding: new[] { 1, 1, 1 }),
            // ConvTranspose2d: DCGAN generator (4x4, stride 2, padding 1: doubles H and W) and U-Net up-convolutions (2x2, stride 2).
            ConvLayerSpec.ConvTranspose2d("dcgan_up_512", 512, 256, 4, 8, stride: 2, padding: 1),
            ConvLayerSpec.ConvTranspose2d("dcgan_up_256", 256, 128, 4, 16, stride: 2, padding: 1),
            ConvLayerSpec.ConvTranspose2d("dcgan_to_rgb", 128, 3, 4, 32, stride: 2, padding: 1),
            ConvLayerSpec.ConvTranspose2d("unet_up_128", 128, 64, 2, 56, stride: 2),
            ConvLayerSpec.ConvTranspose2d("unet_up_512", 512, 256, 2, 14, stride: 2),
        };

        /// <summary>The subset run by <c>--suite nd --quick</c>: one Conv1d, one Conv3d, one ConvTranspose2d.</summary>
        public static readonly IReadOnlyList<string> NdQuick = new[] { "tcn_dilated", "r2plus1d_temporal", "dcgan_up_256" };

        /// <summary>Every convolution suite.</summary>
        public static IEnumerable<ConvLayerSpec> Every => All.Concat(Nd).Concat(Real);

        /// <summary>The layers of a suite (<c>conv2d</c>, <c>nd</c> or <c>all</c>), or its quick subset.</summary>
        public static IReadOnlyList<ConvLayerSpec> Suite(string suite, bool quick = false) => suite.ToLowerInvariant() switch
        {
            Conv2dSuite => quick ? Quick.Select(Get).ToArray() : All,
            NdSuite => quick ? NdQuick.Select(Get).ToArray() : Nd,
            AllSuites => Suite(Conv2dSuite, quick).Concat(Suite(NdSuite, quick)).ToArray(),
            RealSuite => quick ? RealQuick.Select(Get).ToArray() : Real,
            _ => throw new ArgumentException($"unknown suite '{suite}'; known: {Conv2dSuite} (the 12 Conv2d layers, default), {NdSuite} (Conv1d, Conv3d, ConvTranspose2d), {AllSuites} (both), {RealSuite} (94 Conv2d layers of ten real networks), {OpLayers.Suite} (pooling, Linear, activations, BatchNorm2d), {NetworkLayers.Suite} (LeNet-5)"),
        };

        /// <summary>True for a layer of the second suite.</summary>
        public static bool IsNd(string name) => Nd.Any(l => string.Equals(l.Name, name, StringComparison.OrdinalIgnoreCase));

        public static ConvLayerSpec Get(string name) =>
            Every.FirstOrDefault(l => string.Equals(l.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"unknown layer '{name}'; known: {string.Join(", ", Every.Select(l => l.Name))}");
    }
}
