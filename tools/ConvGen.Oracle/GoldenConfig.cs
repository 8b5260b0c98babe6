using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace ConvGen.Oracle
{
    /// <summary>How <c>padding=</c> was given to <c>nn.Conv2d</c>. Values are the ones stored in the golden files.</summary>
    public enum PaddingKind
    {
        /// <summary><c>padding=(pH, pW)</c>: the same amount on both sides of an axis.</summary>
        Explicit = 0,
        /// <summary><c>padding='same'</c>: PyTorch chooses; an odd total puts the extra row/column bottom/right.</summary>
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

    /// <summary>A NaN/±∞ written over one element of the seeded data (coordinates in the tensor's own NCHW / OIHW layout).</summary>
    public sealed record SpecialValue(Target Target, int I0, int I1, int I2, int I3, float Value)
    {
        public override string ToString() =>
            string.Create(CultureInfo.InvariantCulture, $"{Target.ToString().ToLowerInvariant()}[{I0}, {I1}, {I2}, {I3}] = {Format(Value)}");

        private static string Format(float v) => float.IsNaN(v) ? "nan" : float.IsPositiveInfinity(v) ? "+inf" : float.IsNegativeInfinity(v) ? "-inf" : v.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// One golden configuration: a <c>torch.nn.Conv2d</c> module, the input size, where the data comes from and how the
    /// ConvGen twin is declared. The seed is derived from the name, so adding or reordering configurations does not
    /// change the data of the others.
    /// </summary>
    public sealed record GoldenConfig
    {
        public required string Name { get; init; }
        /// <summary>"matrix", "resnet18", "mobilenet_v2" or "nonfinite".</summary>
        public required string Family { get; init; }
        public required int InChannels { get; init; }
        public required int OutChannels { get; init; }
        public required int KernelH { get; init; }
        public required int KernelW { get; init; }
        public int StrideH { get; init; } = 1;
        public int StrideW { get; init; } = 1;
        public PaddingKind PaddingKind { get; init; } = PaddingKind.Explicit;
        /// <summary>Declared <c>padding=(PaddingH, PaddingW)</c>; 0 unless <see cref="PaddingKind"/> is Explicit.</summary>
        public int PaddingH { get; init; }
        public int PaddingW { get; init; }
        public int DilationH { get; init; } = 1;
        public int DilationW { get; init; } = 1;
        public int Groups { get; init; } = 1;
        public bool Bias { get; init; } = true;
        public Mode Mode { get; init; } = Mode.Zeros;
        public int Batch { get; init; } = 1;
        public required int Height { get; init; }
        public required int Width { get; init; }
        /// <summary>The ConvGen twin is declared with <c>InputHeight/InputWidth</c> (compile-time size).</summary>
        public bool FixedSize { get; init; }
        /// <summary>Input, weight and bias are not stored: the test regenerates them from <see cref="Seed"/>.</summary>
        public bool Seeded { get; init; }
        /// <summary>Note shown in the manifest (e.g. the layer's place in the network).</summary>
        public string Note { get; init; } = "";
        public IReadOnlyList<SpecialValue> Specials { get; init; } = Array.Empty<SpecialValue>();

        public int InputLength => checked(Batch * InChannels * Height * Width);
        public int WeightLength => checked(OutChannels * (InChannels / Groups) * KernelH * KernelW);
        public int BiasLength => Bias ? OutChannels : 0;

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
        /// The padding <c>torch.nn.Conv2d</c> applies, as <c>torch/nn/modules/conv.py</c> computes it
        /// (<c>_ConvNd.__init__</c>: explicit pairs on both sides; 'same': total = d·(k − 1), left = total // 2, right =
        /// total − left; 'valid': 0), returned as (top, bottom, left, right).
        /// </summary>
        public (int Top, int Bottom, int Left, int Right) ResolvedPadding
        {
            get
            {
                switch (PaddingKind)
                {
                    case PaddingKind.Explicit:
                        return (PaddingH, PaddingH, PaddingW, PaddingW);
                    case PaddingKind.Valid:
                        return (0, 0, 0, 0);
                    default:
                        int th = DilationH * (KernelH - 1), tw = DilationW * (KernelW - 1);
                        return (th / 2, th - th / 2, tw / 2, tw - tw / 2);
                }
            }
        }

        public int OutputHeight
        {
            get
            {
                var p = ResolvedPadding;
                return (Height + p.Top + p.Bottom - DilationH * (KernelH - 1) - 1) / StrideH + 1;
            }
        }

        public int OutputWidth
        {
            get
            {
                var p = ResolvedPadding;
                return (Width + p.Left + p.Right - DilationW * (KernelW - 1) - 1) / StrideW + 1;
            }
        }

        public int OutputLength => checked(Batch * OutChannels * OutputHeight * OutputWidth);

        /// <summary>Multiply-adds per output element: (in/groups)·kH·kW.</summary>
        public int Terms => InChannels / Groups * KernelH * KernelW;

        /// <summary>PyTorch's own constructor checks plus its forward checks for this input size; null when valid.</summary>
        public string? Invalid()
        {
            if (InChannels % Groups != 0 || OutChannels % Groups != 0) return "channels not divisible by groups";
            if (PaddingKind == PaddingKind.Same && (StrideH != 1 || StrideW != 1)) return "'same' with stride > 1";
            var p = ResolvedPadding;
            if (Height + p.Top + p.Bottom < DilationH * (KernelH - 1) + 1 || Width + p.Left + p.Right < DilationW * (KernelW - 1) + 1)
                return "kernel larger than the padded input";
            int padH = Math.Max(p.Top, p.Bottom), padW = Math.Max(p.Left, p.Right);
            if (Mode == Mode.Reflect && (padH >= Height || padW >= Width)) return "reflect padding not smaller than the input";
            if (Mode == Mode.Circular && (padH > Height || padW > Width)) return "circular padding larger than the input";
            return null;
        }

        /// <summary>The Python constructor call, e.g. <c>nn.Conv2d(3, 8, (3, 5), padding='same', padding_mode='reflect')</c>.</summary>
        public string TorchCall()
        {
            var sb = new StringBuilder();
            sb.Append(CultureInfo.InvariantCulture, $"nn.Conv2d({InChannels}, {OutChannels}, {Pair(KernelH, KernelW)}");
            if (StrideH != 1 || StrideW != 1) sb.Append(", stride=").Append(Pair(StrideH, StrideW));
            switch (PaddingKind)
            {
                case PaddingKind.Same: sb.Append(", padding='same'"); break;
                case PaddingKind.Valid: sb.Append(", padding='valid'"); break;
                default:
                    if (PaddingH != 0 || PaddingW != 0) sb.Append(", padding=").Append(Pair(PaddingH, PaddingW));
                    break;
            }

            if (DilationH != 1 || DilationW != 1) sb.Append(", dilation=").Append(Pair(DilationH, DilationW));
            if (Groups != 1) sb.Append(CultureInfo.InvariantCulture, $", groups={Groups}");
            if (!Bias) sb.Append(", bias=False");
            if (Mode != Mode.Zeros) sb.Append(", padding_mode='").Append(Mode.ToString().ToLowerInvariant()).Append('\'');
            sb.Append(')');
            return sb.ToString();
        }

        /// <summary>The ConvGen attribute, e.g. <c>[Conv2d(3, 8, new[] { 3, 5 }, Padding = "same", PaddingMode = PaddingMode.Reflect)]</c>.</summary>
        public string Attribute()
        {
            static string P(int h, int w) => h == w ? h.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"new[] {{ {h}, {w} }}");
            var args = new List<string>
            {
                InChannels.ToString(CultureInfo.InvariantCulture),
                OutChannels.ToString(CultureInfo.InvariantCulture),
                P(KernelH, KernelW),
            };
            if (StrideH != 1 || StrideW != 1) args.Add("Stride = " + P(StrideH, StrideW));
            switch (PaddingKind)
            {
                case PaddingKind.Same: args.Add("Padding = \"same\""); break;
                case PaddingKind.Valid: args.Add("Padding = \"valid\""); break;
                default:
                    if (PaddingH != 0 || PaddingW != 0) args.Add("Padding = " + P(PaddingH, PaddingW));
                    break;
            }

            if (DilationH != 1 || DilationW != 1) args.Add("Dilation = " + P(DilationH, DilationW));
            if (Groups != 1) args.Add(string.Create(CultureInfo.InvariantCulture, $"Groups = {Groups}"));
            if (!Bias) args.Add("Bias = false");
            if (Mode != Mode.Zeros) args.Add("PaddingMode = PaddingMode." + Mode);
            if (FixedSize) args.Add(string.Create(CultureInfo.InvariantCulture, $"InputHeight = {Height}, InputWidth = {Width}"));
            return "[Conv2d(" + string.Join(", ", args) + ")]";
        }

        private static string Pair(int h, int w) =>
            h == w ? h.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"({h}, {w})");
    }
}
