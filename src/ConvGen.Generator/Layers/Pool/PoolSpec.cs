using System.Globalization;
using ConvGen.Generator.Common;

namespace ConvGen.Generator.Layers.Pool
{
    /// <summary>The pooling layers, by PyTorch module name.</summary>
    internal enum PoolModule
    {
        MaxPool2d,
        AvgPool2d,
        MaxUnpool2d,
        AdaptiveAvgPool2d,
        AdaptiveMaxPool2d,
    }

    /// <summary>
    /// What a pooling attribute says, as plain values (height, width per axis): the input of validation, planning and
    /// emission. Holds no symbols, syntax or locations.
    /// </summary>
    /// <param name="Window">kernel_size; for the adaptive pools output_size (0 on an axis: None, the input's size).</param>
    /// <param name="Stride">stride (the kernel size when not given); unused by the adaptive pools.</param>
    /// <param name="DivisorOverride">divisor_override; null when not given.</param>
    /// <param name="InputSize">The compile-time input size; 0 where the attribute does not give it.</param>
    internal sealed record PoolSpec(
        LayerTarget Target,
        PoolModule Module,
        Axes Window,
        Axes Stride,
        Axes Padding,
        Axes Dilation,
        bool CeilMode,
        bool ReturnIndices,
        bool CountIncludePad,
        int? DivisorOverride,
        Axes InputSize)
    {
        public bool IsAdaptive => Module is PoolModule.AdaptiveAvgPool2d or PoolModule.AdaptiveMaxPool2d;

        /// <summary>MaxPool2d and AvgPool2d: a window slid with a stride, run by a generated grid kernel.</summary>
        public bool IsWindowed => Module is PoolModule.MaxPool2d or PoolModule.AvgPool2d;

        public bool HasFixedInput => InputSize.Rank == 2 && InputSize.All(v => v > 0);

        /// <summary>The <c>torch.nn</c> call this layer is equivalent to.</summary>
        public string ToPyTorch()
        {
            var text = new System.Text.StringBuilder($"nn.{Module}(");
            if (IsAdaptive)
            {
                text.Append(Window[0] == Window[1] && Window[0] != 0 ? Window[0].ToString(CultureInfo.InvariantCulture)
                    : $"({Size(Window[0])}, {Size(Window[1])})");
                return text.Append(')').ToString();
            }

            text.Append(Window);
            if (Stride != Window) text.Append($", stride={Stride}");
            if (Padding.Any(v => v != 0)) text.Append($", padding={Padding}");
            if (Dilation.Any(v => v != 1)) text.Append($", dilation={Dilation}");
            if (CeilMode) text.Append(", ceil_mode=True");
            if (ReturnIndices) text.Append(", return_indices=True");
            if (!CountIncludePad) text.Append(", count_include_pad=False");
            if (DivisorOverride is { } d) text.Append($", divisor_override={d.ToString(CultureInfo.InvariantCulture)}");
            return text.Append(')').ToString();

            static string Size(int v) => v == 0 ? "None" : v.ToString(CultureInfo.InvariantCulture);
        }
    }
}
