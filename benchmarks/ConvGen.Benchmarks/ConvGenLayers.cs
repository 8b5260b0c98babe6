using System;

namespace ConvGen.Benchmarks
{
    /// <summary>
    /// The ConvGen side of the benchmark: one generated layer per row of shared/bench-layers.md, built from the same
    /// PyTorch-layout weight and bias the peers get. `dotnet run -c Release -- layers` prints each attribute.
    /// </summary>
    public static class ConvGenLayers
    {
        public static bool IsWired => true;

        /// <summary>
        /// A ConvGen layer for <paramref name="layerName"/> built from PyTorch-layout weight/bias, called on
        /// <paramref name="threads"/> threads, or null.
        /// </summary>
        public static ConvForward? TryCreate(ConvLayerSpec spec, float[] weight, float[]? bias, int threads = 1)
        {
            float[] b = bias ?? throw new ArgumentException("Every benchmark layer has a bias.", nameof(bias));
            IConv2dLayer? layer = spec.Name switch
            {
                "resnet_stem" => new ResnetStem(weight, b),
                "resnet_3x3_64" => new Resnet3x3x64(weight, b),
                "resnet_3x3_128_s2" => new Resnet3x3x128S2(weight, b),
                "resnet_3x3_256" => new Resnet3x3x256(weight, b),
                "pointwise_1x1" => new Pointwise1x1(weight, b),
                "pointwise_expand" => new PointwiseExpand(weight, b),
                "depthwise_3x3" => new Depthwise3x3(weight, b),
                "depthwise_3x3_s2" => new Depthwise3x3S2(weight, b),
                "grouped_3x3" => new Grouped3x3(weight, b),
                "dilated_3x3" => new Dilated3x3(weight, b),
                "small_3_12_g3" => new Small3x12G3(weight, b),
                "tiny_mnist" => new TinyMnist(weight, b),
                _ => ConvGenRealLayers.TryCreate(spec, weight, b),
            };
            if (layer is null) return null;
            if (threads == 1) return layer.Forward;
            return (input, output, batch, height, width) => layer.Forward(input, output, batch, height, width, threads);
        }
    }

    [Conv2d(3, 64, 7, Stride = 2, Padding = 3)] public partial class ResnetStem;
    [Conv2d(64, 64, 3, Padding = 1)] public partial class Resnet3x3x64;
    [Conv2d(64, 128, 3, Stride = 2, Padding = 1)] public partial class Resnet3x3x128S2;
    [Conv2d(256, 256, 3, Padding = 1)] public partial class Resnet3x3x256;
    [Conv2d(96, 24, 1)] public partial class Pointwise1x1;
    [Conv2d(24, 144, 1)] public partial class PointwiseExpand;
    [Conv2d(144, 144, 3, Padding = 1, Groups = 144)] public partial class Depthwise3x3;
    [Conv2d(96, 96, 3, Stride = 2, Padding = 1, Groups = 96)] public partial class Depthwise3x3S2;
    [Conv2d(128, 128, 3, Padding = 1, Groups = 4)] public partial class Grouped3x3;
    [Conv2d(64, 64, 3, Padding = 2, Dilation = 2)] public partial class Dilated3x3;
    [Conv2d(3, 12, 3, Padding = 1, Groups = 3)] public partial class Small3x12G3;
    [Conv2d(1, 8, 5)] public partial class TinyMnist;
}
