using System.Linq;
using ConvGen.Generator.Common;

namespace ConvGen.Generator.Layers.Conv
{
    /// <summary>The padding of one spatial axis after resolving <c>"same"</c>/<c>"valid"</c>.</summary>
    internal readonly record struct AxisPadding(int Before, int After);

    /// <summary>
    /// What a <c>[Conv1d]</c>, <c>[Conv2d]</c> or <c>[Conv3d]</c> attribute says, as plain values: the input of validation,
    /// planning and emission. Per-axis values have <see cref="Rank"/> entries in PyTorch's order. Holds no symbols,
    /// syntax or locations, so an edit elsewhere that leaves it equal re-emits nothing.
    /// </summary>
    /// <param name="InputSize">The compile-time input size per axis; 0 where the attribute does not give it.</param>
    /// <param name="Transposed">A <c>ConvTransposeNd</c>: weight (in, out/groups, *kernel_size), each input pixel scatters its window.</param>
    /// <param name="OutputPadding">A transposed convolution's <c>output_padding</c>; 0 otherwise.</param>
    internal sealed record ConvSpec(
        LayerTarget Target,
        int Rank,
        int InChannels,
        int OutChannels,
        Axes Kernel,
        Axes Stride,
        PaddingKind PaddingKind,
        Axes Padding,
        Axes Dilation,
        int Groups,
        bool Bias,
        PaddingMode PaddingMode,
        Activation Activation,
        float NegativeSlope,
        Axes InputSize,
        bool Transposed,
        Axes OutputPadding,
        ConvAlgorithm Algorithm = ConvAlgorithm.Direct)
    {
        /// <summary>Why <see cref="ConvAlgorithm.Winograd"/> can't compute this layer, or null when it can (<see cref="WinogradRule"/>).</summary>
        public string? WinogradUnsupported => WinogradRule.Unsupported(Rank, Transposed, Kernel[0], Kernel.Rank > 1 ? Kernel[1] : 1,
            Stride[0], Stride.Rank > 1 ? Stride[1] : 1, Dilation[0], Dilation.Rank > 1 ? Dilation[1] : 1, Groups, PaddingMode);

        /// <summary>PyTorch's module name: Conv1d … Conv3d, ConvTranspose1d … ConvTranspose3d.</summary>
        public string Module => $"Conv{(Transposed ? "Transpose" : "")}{Rank}d";

        public bool HasFixedInput => InputSize.Rank == Rank && InputSize.All(v => v > 0);

        public int InChannelsPerGroup => InChannels / Groups;

        /// <summary>Elements of the weight (out, in/groups, *kernel_size), or (in, out/groups, *kernel_size) when transposed: the same count.</summary>
        public long WeightLength => Enumerable.Range(0, Rank).Aggregate((long)OutChannels * InChannelsPerGroup, (a, i) => a * Kernel[i]);

        /// <summary>Padding per axis as PyTorch applies it (<c>"same"</c> with an even kernel: the extra element after the input).</summary>
        public EquatableArray<AxisPadding> ResolvePadding() => new(Enumerable.Range(0, Rank).Select(i => PaddingKind switch
        {
            PaddingKind.Same => Same(i),
            PaddingKind.Valid => new AxisPadding(0, 0),
            _ => new AxisPadding(Padding[i], Padding[i]),
        }));

        private AxisPadding Same(int axis)
        {
            var (before, after) = ConvShape.SamePadding(Kernel[axis], Dilation[axis]);
            return new AxisPadding(before, after);
        }

        /// <summary>The <c>torch.nn</c> call this layer is equivalent to, followed by its activation.</summary>
        public string ToPyTorch()
        {
            var text = new System.Text.StringBuilder();
            text.Append($"nn.{Module}({InChannels}, {OutChannels}, {Kernel}");
            if (Stride.Any(v => v != 1)) text.Append($", stride={Stride}");
            if (PaddingKind != PaddingKind.Explicit) text.Append($", padding='{PaddingKind.ToString().ToLowerInvariant()}'");
            else if (Padding.Any(v => v != 0)) text.Append($", padding={Padding}");
            if (OutputPadding.Any(v => v != 0)) text.Append($", output_padding={OutputPadding}");
            if (Dilation.Any(v => v != 1)) text.Append($", dilation={Dilation}");
            if (Groups != 1) text.Append($", groups={Groups}");
            if (!Bias) text.Append(", bias=False");
            if (PaddingMode != PaddingMode.Zeros) text.Append($", padding_mode='{PaddingMode.ToString().ToLowerInvariant()}'");
            text.Append(')');
            if (Activation != Activation.None) text.Append(" + ").Append(ActivationText());
            return text.ToString();
        }

        private string ActivationText() => Activation switch
        {
            Activation.LeakyReLU => $"nn.LeakyReLU({NegativeSlope.ToString("R", System.Globalization.CultureInfo.InvariantCulture)})",
            Activation.GELUTanh => "nn.GELU(approximate='tanh')",
            _ => $"nn.{Activation}()",
        };
    }
}
