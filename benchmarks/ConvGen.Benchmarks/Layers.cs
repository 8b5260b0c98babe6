using System;
using System.Collections.Generic;
using System.Linq;

namespace ConvGen.Benchmarks
{
    /// <summary>
    /// One benchmark layer: the arguments of <c>torch.nn.Conv2d</c> (square kernel/stride/padding/dilation, zero padding),
    /// float32 NCHW, input height = width. Weight layout is PyTorch's <c>(out, in/groups, kH, kW)</c>.
    /// </summary>
    public sealed record ConvLayerSpec(
        string Name,
        int InChannels,
        int OutChannels,
        int Kernel,
        int Stride,
        int Padding,
        int Dilation,
        int Groups,
        int InputSize,
        bool Bias = true,
        int Batch = 1)
    {
        public int KernelH => Kernel;

        public int KernelW => Kernel;

        public int InputH => InputSize;

        public int InputW => InputSize;

        public int OutputH => (InputH + 2 * Padding - Dilation * (KernelH - 1) - 1) / Stride + 1;

        public int OutputW => (InputW + 2 * Padding - Dilation * (KernelW - 1) - 1) / Stride + 1;

        public int InPerGroup => InChannels / Groups;

        public int OutPerGroup => OutChannels / Groups;

        public long[] InputShape => new long[] { Batch, InChannels, InputH, InputW };

        public long[] WeightShape => new long[] { OutChannels, InPerGroup, KernelH, KernelW };

        public long[] OutputShape => new long[] { Batch, OutChannels, OutputH, OutputW };

        public int InputLength => Batch * InChannels * InputH * InputW;

        public int WeightLength => OutChannels * InPerGroup * KernelH * KernelW;

        public int OutputLength => Batch * OutChannels * OutputH * OutputW;

        /// <summary>2 · N · Cout · Hout · Wout · (Cin/groups) · kH · kW (bias not counted), as in bench-layers.md.</summary>
        public double Flops => 2.0 * Batch * OutChannels * OutputH * OutputW * InPerGroup * KernelH * KernelW;

        /// <summary>The layer as the C# attribute ConvGen will use (for documentation / the ConvGen stub).</summary>
        public string ToAttributeString()
        {
            var parts = new List<string> { $"{InChannels}, {OutChannels}, {Kernel}" };
            if (Stride != 1)
            {
                parts.Add($"Stride = {Stride}");
            }

            if (Padding != 0)
            {
                parts.Add($"Padding = {Padding}");
            }

            if (Dilation != 1)
            {
                parts.Add($"Dilation = {Dilation}");
            }

            if (Groups != 1)
            {
                parts.Add($"Groups = {Groups}");
            }

            if (!Bias)
            {
                parts.Add("Bias = false");
            }

            return $"[Conv2d({string.Join(", ", parts)})]";
        }

        public override string ToString() =>
            $"{Name}: Conv2d({InChannels}, {OutChannels}, {Kernel}, stride={Stride}, padding={Padding}, dilation={Dilation}, groups={Groups}) on {Batch}x{InChannels}x{InputH}x{InputW} -> {OutChannels}x{OutputH}x{OutputW}";
    }

    /// <summary>The 12 layers of shared/bench-layers.md, in its order.</summary>
    public static class BenchLayers
    {
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

        public static ConvLayerSpec Get(string name) =>
            All.FirstOrDefault(l => string.Equals(l.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"unknown layer '{name}'; known: {string.Join(", ", All.Select(l => l.Name))}");
    }
}
