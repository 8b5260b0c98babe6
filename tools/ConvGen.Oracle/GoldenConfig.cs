using ConvGen.Golden;
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace ConvGen.Oracle
{
    /// <summary>How <c>padding=</c> was given to <c>nn.ConvNd</c>. Values are the ones stored in the golden files.</summary>
    public enum PaddingKind
    {
        /// <summary><c>padding=(p, …)</c>: the same amount on both sides of an axis.</summary>
        Explicit = 0,
        /// <summary><c>padding='same'</c>: PyTorch chooses; an odd total puts the extra element after (bottom/right/back).</summary>
        Same = 1,
        /// <summary><c>padding='valid'</c>: no padding.</summary>
        Valid = 2,
    }

    /// <summary><c>padding_mode</c>. Values match <c>ConvGen.PaddingMode</c> and the golden files.</summary>
    public enum Mode
    {
        Zeros = 0,
        Reflect = 1,
        Replicate = 2,
        Circular = 3,
    }

    /// <summary>Which tensor a <see cref="SpecialValue"/> is written into.</summary>
    public enum Target
    {
        Input,
        Weight,
        Bias,
    }

    /// <summary>
    /// A NaN/±∞ written over one element of the seeded data; <see cref="Index"/> are the coordinates in the tensor's own
    /// layout: input (n, c, spatial…), weight (o, i, kernel…), bias (o).
    /// </summary>
    public sealed record SpecialValue(Target Target, int[] Index, float Value)
    {
        public override string ToString() =>
            string.Create(CultureInfo.InvariantCulture, $"{Target.ToString().ToLowerInvariant()}[{string.Join(", ", Index)}] = {Format(Value)}");

        private static string Format(float v) => float.IsNaN(v) ? "nan" : float.IsPositiveInfinity(v) ? "+inf" : float.IsNegativeInfinity(v) ? "-inf" : v.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// One golden configuration: a <c>torch.nn.Conv1d/2d/3d</c> or <c>torch.nn.ConvTranspose1d/2d/3d</c> module
    /// (optionally followed by a <c>torch.nn</c> activation module), the input size, where the data comes from and how the
    /// ConvGen twin is declared. Per-axis values are in PyTorch's order, one per spatial axis: (length), (height, width)
    /// or (depth, height, width). The seed is derived from the name, so adding or reordering configurations does not
    /// change the data of the others.
    /// </summary>
    public sealed record GoldenConfig
    {
        public required string Name { get; init; }
        /// <summary>"matrix", "nonfinite", a network's name, "conv1d", "conv3d", "activation", … (the manifest groups by it).</summary>
        public required string Family { get; init; }
        public required int InChannels { get; init; }
        public required int OutChannels { get; init; }
        /// <summary><c>kernel_size</c>, one entry per spatial axis; its length is the rank (1, 2 or 3).</summary>
        public required int[] Kernel { get; init; }
        public required int[] Stride { get; init; }
        public PaddingKind PaddingKind { get; init; } = PaddingKind.Explicit;
        /// <summary>Declared <c>padding=(…)</c>; zeros unless <see cref="PaddingKind"/> is Explicit.</summary>
        public required int[] Padding { get; init; }
        public required int[] Dilation { get; init; }
        public int Groups { get; init; } = 1;
        public bool Bias { get; init; } = true;
        /// <summary>
        /// A <c>torch.nn.ConvTransposeNd</c>: weight <c>(in, out/groups, *kernel)</c>, <see cref="Padding"/> numbers only
        /// (it crops the output), zeros mode, output <c>(n − 1)·s − 2·p + d·(k − 1) + output_padding + 1</c>.
        /// </summary>
        public bool Transposed { get; init; }
        /// <summary><c>output_padding</c> of a transposed convolution, one per spatial axis; null: 0 on every axis.</summary>
        public int[]? OutputPadding { get; init; }
        public Mode Mode { get; init; } = Mode.Zeros;
        public int Batch { get; init; } = 1;
        /// <summary>Input size per spatial axis.</summary>
        public required int[] Size { get; init; }
        /// <summary>The <c>torch.nn</c> activation module applied to the convolution's output (None: the conv alone).</summary>
        public GoldenActivation Activation { get; init; } = GoldenActivation.None;
        /// <summary><c>nn.LeakyReLU(negative_slope)</c>, as the float ConvGen and libtorch use (default 0.01 as in PyTorch).</summary>
        public float NegativeSlope { get; init; } = 0.01f;
        /// <summary>The input is the seeded uniform [-1, 1) data times 2^InputScaleLog2 (exact), so that activations see their saturated regions.</summary>
        public int InputScaleLog2 { get; init; }
        /// <summary>The ConvGen twin is declared with a compile-time input size (Conv2d/Conv3d only).</summary>
        public bool FixedSize { get; init; }
        /// <summary>Input, weight and bias are not stored: the test regenerates them from <see cref="Seed"/>.</summary>
        public bool Seeded { get; init; }
        /// <summary>Note shown in the manifest (e.g. the layer's place in the network).</summary>
        public string Note { get; init; } = "";
        public IReadOnlyList<SpecialValue> Specials { get; init; } = Array.Empty<SpecialValue>();

        public int Rank => Kernel.Length;

        /// <summary><c>output_padding</c> per axis (zeros unless <see cref="Transposed"/> gives some).</summary>
        public int[] OutputPaddingOrZero => OutputPadding ?? new int[Rank];

        /// <summary>The module's name: Conv1d … Conv3d, ConvTranspose1d … ConvTranspose3d.</summary>
        public string Module => Transposed ? $"ConvTranspose{Rank}d" : $"Conv{Rank}d";

        /// <summary>
        /// Written in the original format 1 (Conv2d without activation or input scaling, the 211 files of the first
        /// oracle); everything else in format 2.
        /// </summary>
        public bool IsFormat1 => Rank == 2 && !Transposed && Activation == GoldenActivation.None && InputScaleLog2 == 0;

        public int InputLength => checked(Batch * InChannels * Product(Size));
        /// <summary>Elements of the weight: (out, in/groups, *kernel), or (in, out/groups, *kernel) when transposed (the same count).</summary>
        public int WeightLength => checked(OutChannels * (InChannels / Groups) * Product(Kernel));

        /// <summary>The weight's shape as PyTorch stores it.</summary>
        public int[] WeightShape => (Transposed ? new[] { InChannels, OutChannels / Groups } : new[] { OutChannels, InChannels / Groups }).Concat(Kernel).ToArray();
        public int BiasLength => Bias ? OutChannels : 0;
        public float InputScale => MathF.ScaleB(1f, InputScaleLog2);

        /// <summary>FNV-1a of the name: the data seed (weights 3·seed+1, bias 3·seed+2, input 3·seed+3).</summary>
        public ulong Seed
        {
            get
            {
                ulong h = 0xCBF29CE484222325UL;
                foreach (byte b in Encoding.UTF8.GetBytes(Name))
                {
                    h = (h ^ b) * 0x100000001B3UL;
                }

                return h & 0x0000_FFFF_FFFF_FFFFUL; // small enough that 3·seed+3 never wraps
            }
        }

        /// <summary>
        /// The padding <c>torch.nn.ConvNd</c> applies per axis, as <c>torch/nn/modules/conv.py</c> computes it
        /// (<c>_ConvNd.__init__</c>: explicit values on both sides; 'same': total = d·(k − 1), before = total // 2, after =
        /// total − before; 'valid': 0).
        /// </summary>
        public (int[] Before, int[] After) ResolvedPadding
        {
            get
            {
                var before = new int[Rank];
                var after = new int[Rank];
                for (int i = 0; i < Rank; i++)
                {
                    switch (PaddingKind)
                    {
                        case PaddingKind.Explicit:
                            before[i] = after[i] = Padding[i];
                            break;
                        case PaddingKind.Same:
                            int total = Dilation[i] * (Kernel[i] - 1);
                            before[i] = total / 2;
                            after[i] = total - total / 2;
                            break;
                    }
                }

                return (before, after);
            }
        }

        /// <summary>
        /// Output size per spatial axis: floor((n + before + after − d·(k − 1) − 1)/s) + 1; transposed (n − 1)·s − 2·p +
        /// d·(k − 1) + output_padding + 1.
        /// </summary>
        public int[] OutputSize
        {
            get
            {
                var (before, after) = ResolvedPadding;
                int[] op = OutputPaddingOrZero;
                var o = new int[Rank];
                for (int i = 0; i < Rank; i++)
                {
                    o[i] = Transposed
                        ? (Size[i] - 1) * Stride[i] - before[i] - after[i] + Dilation[i] * (Kernel[i] - 1) + op[i] + 1
                        : (Size[i] + before[i] + after[i] - Dilation[i] * (Kernel[i] - 1) - 1) / Stride[i] + 1;
                }

                return o;
            }
        }

        public int OutputLength => checked(Batch * OutChannels * Product(OutputSize));

        /// <summary>
        /// Multiply-adds per output element: (in/groups)·∏kernel; transposed, (in/groups)·∏(the most taps that land on one
        /// output along the axis), see <see cref="LandingTaps"/>.
        /// </summary>
        public int Terms => InChannels / Groups * (Transposed ? Product(Enumerable.Range(0, Rank).Select(i => LandingTaps(Kernel[i], Stride[i], Dilation[i], Size[i])).ToArray()) : Product(Kernel));

        /// <summary>
        /// The most taps of a transposed convolution's axis that reach one output: tap k reaches output o from input
        /// i = (o + p − k·d)/s when that is a whole number in [0, n); k·d mod s repeats every s/gcd(s, d) taps, so at most
        /// ⌈k / (s/gcd(s, d))⌉ taps share a residue, and no more than n (distinct taps come from distinct inputs).
        /// </summary>
        public static int LandingTaps(int kernel, int stride, int dilation, int size)
        {
            int period = stride / Gcd(stride, dilation);
            return Math.Min((kernel + period - 1) / period, size);
        }

        private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);

        /// <summary>PyTorch's own constructor checks plus its forward checks for this input size; null when valid.</summary>
        public string? Invalid()
        {
            if (Rank is < 1 or > 3) return "rank must be 1, 2 or 3";
            foreach (int[] a in new[] { Stride, Padding, Dilation, Size })
            {
                if (a.Length != Rank) return "per-axis values do not all have the rank of the kernel";
            }

            if (InChannels % Groups != 0 || OutChannels % Groups != 0) return "channels not divisible by groups";
            if (Batch < 0) return "negative batch";
            if (OutputPadding is not null && !Transposed) return "output_padding on a convolution that is not transposed";
            if (Transposed)
            {
                // torch/nn/modules/conv.py (_ConvTransposeNd: padding numbers, zeros mode) and ATen's shape checks
                // (output_padding smaller than stride or dilation; an output of at least one element).
                if (OutputPaddingOrZero.Length != Rank) return "output_padding does not have the rank of the kernel";
                if (PaddingKind != PaddingKind.Explicit) return "transposed convolutions take numeric padding only";
                if (Mode != Mode.Zeros) return "transposed convolutions support zeros padding only";
                if (FixedSize) return "transposed layers have no compile-time input size";
                for (int i = 0; i < Rank; i++)
                {
                    int op = OutputPaddingOrZero[i];
                    if (op < 0 || op >= Stride[i] && op >= Dilation[i]) return "output_padding must be smaller than stride or dilation";
                    if (Padding[i] < 0) return "negative padding";
                }

                if (OutputSize.Any(o => o < 1)) return "padding leaves an empty output";
                return null;
            }

            if (PaddingKind == PaddingKind.Same && Stride.Any(s => s != 1)) return "'same' with stride > 1";
            if (FixedSize && Rank == 1) return "Conv1d has no compile-time input size";
            var (before, after) = ResolvedPadding;
            for (int i = 0; i < Rank; i++)
            {
                if (Size[i] + before[i] + after[i] < Dilation[i] * (Kernel[i] - 1) + 1) return "kernel larger than the padded input";
                int pad = Math.Max(before[i], after[i]);
                if (Mode == Mode.Reflect && pad >= Size[i]) return "reflect padding not smaller than the input";
                if (Mode == Mode.Circular && pad > Size[i]) return "circular padding larger than the input";
            }

            return null;
        }

        /// <summary>
        /// The Python call, e.g. <c>nn.Conv2d(3, 8, (3, 5), padding='same', padding_mode='reflect')</c>, or with an
        /// activation <c>nn.Sequential(nn.Conv1d(4, 6, 5, padding=2), nn.GELU())</c>.
        /// </summary>
        public string TorchCall()
        {
            var sb = new StringBuilder();
            sb.Append(CultureInfo.InvariantCulture, $"nn.{Module}({InChannels}, {OutChannels}, {Tuple(Kernel)}");
            if (Stride.Any(s => s != 1)) sb.Append(", stride=").Append(Tuple(Stride));
            switch (PaddingKind)
            {
                case PaddingKind.Same: sb.Append(", padding='same'"); break;
                case PaddingKind.Valid: sb.Append(", padding='valid'"); break;
                default:
                    if (Padding.Any(p => p != 0)) sb.Append(", padding=").Append(Tuple(Padding));
                    break;
            }

            if (OutputPaddingOrZero.Any(p => p != 0)) sb.Append(", output_padding=").Append(Tuple(OutputPaddingOrZero));

            if (Dilation.Any(d => d != 1)) sb.Append(", dilation=").Append(Tuple(Dilation));
            if (Groups != 1) sb.Append(CultureInfo.InvariantCulture, $", groups={Groups}");
            if (!Bias) sb.Append(", bias=False");
            if (Mode != Mode.Zeros) sb.Append(", padding_mode='").Append(Mode.ToString().ToLowerInvariant()).Append('\'');
            sb.Append(')');
            return Activation == GoldenActivation.None ? sb.ToString() : $"nn.Sequential({sb}, {ActivationCall()})";
        }

        /// <summary>The <c>torch.nn</c> activation module, e.g. <c>nn.LeakyReLU(0.2)</c>, <c>nn.GELU(approximate='tanh')</c>.</summary>
        public string ActivationCall() => Activation switch
        {
            GoldenActivation.None => "",
            GoldenActivation.LeakyReLU => NegativeSlope == 0.01f ? "nn.LeakyReLU()" : $"nn.LeakyReLU({SlopeText})",
            GoldenActivation.GELUTanh => "nn.GELU(approximate='tanh')",
            _ => $"nn.{Activation}()",
        };

        /// <summary>The slope as a shortest round-trip decimal, as written in Python and C#.</summary>
        public string SlopeText => NegativeSlope.ToString("R", CultureInfo.InvariantCulture);

        /// <summary>
        /// The ConvGen attribute, e.g. <c>[Conv2d(3, 8, new[] { 3, 5 }, Padding = "same", PaddingMode = PaddingMode.Reflect)]</c>
        /// or <c>[Conv1d(4, 6, 5, Padding = 2, Activation = Activation.GELU)]</c>.
        /// </summary>
        public string Attribute()
        {
            var inv = CultureInfo.InvariantCulture;
            string P(int[] v) => v.All(x => x == v[0]) ? v[0].ToString(inv) : "new[] { " + string.Join(", ", v.Select(x => x.ToString(inv))) + " }";
            var args = new List<string>
            {
                InChannels.ToString(inv),
                OutChannels.ToString(inv),
                P(Kernel),
            };
            if (Stride.Any(s => s != 1)) args.Add("Stride = " + P(Stride));
            switch (PaddingKind)
            {
                case PaddingKind.Same: args.Add("Padding = \"same\""); break;
                case PaddingKind.Valid: args.Add("Padding = \"valid\""); break;
                default:
                    if (Padding.Any(p => p != 0)) args.Add("Padding = " + P(Padding));
                    break;
            }

            if (OutputPaddingOrZero.Any(p => p != 0)) args.Add("OutputPadding = " + P(OutputPaddingOrZero));
            if (Dilation.Any(d => d != 1)) args.Add("Dilation = " + P(Dilation));
            if (Groups != 1) args.Add(string.Create(inv, $"Groups = {Groups}"));
            if (!Bias) args.Add("Bias = false");
            if (Mode != Mode.Zeros) args.Add("PaddingMode = PaddingMode." + Mode);
            if (Activation != GoldenActivation.None) args.Add("Activation = Activation." + Activation);
            if (Activation == GoldenActivation.LeakyReLU && NegativeSlope != 0.01f) args.Add($"NegativeSlope = {SlopeText}f");
            if (FixedSize)
            {
                args.Add(Rank == 3
                    ? string.Create(inv, $"InputDepth = {Size[0]}, InputHeight = {Size[1]}, InputWidth = {Size[2]}")
                    : string.Create(inv, $"InputHeight = {Size[0]}, InputWidth = {Size[1]}"));
            }

            return $"[{Module}(" + string.Join(", ", args) + ")]";
        }

        /// <summary>A shape as PyTorch prints it, e.g. (2, 3, 8, 9).</summary>
        public static string Shape(int batch, int channels, int[] spatial) =>
            "(" + string.Join(", ", new[] { batch, channels }.Concat(spatial).Select(v => v.ToString(CultureInfo.InvariantCulture))) + ")";

        public string InputShape => Shape(Batch, InChannels, Size);
        public string OutputShape => Shape(Batch, OutChannels, OutputSize);

        /// <summary>Python's notation: one int when all axes agree, else a tuple.</summary>
        private static string Tuple(int[] v) =>
            v.All(x => x == v[0]) ? v[0].ToString(CultureInfo.InvariantCulture) : "(" + string.Join(", ", v.Select(x => x.ToString(CultureInfo.InvariantCulture))) + ")";

        public static int Product(int[] v)
        {
            int p = 1;
            foreach (int x in v) p = checked(p * x);
            return p;
        }
    }
}
