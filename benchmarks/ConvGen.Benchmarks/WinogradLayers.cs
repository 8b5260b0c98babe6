using System;

namespace ConvGen.Benchmarks
{
    /// <summary>
    /// The Winograd twins (<see cref="ConvAlgorithm.Winograd"/>) of every 3×3, stride-1, ungrouped layer of the public and
    /// real suites: the series <c>ConvGenWinograd</c> (<c>time --libraries ConvGen,ConvGenWinograd,OnnxRuntime</c>).
    /// </summary>
    public static class ConvGenWinogradLayers
    {
        /// <summary>The Winograd layer for a suite layer, or null when it has none; throws when its attribute is not the spec's layer.</summary>
        public static IConv2dLayer? TryCreate(ConvLayerSpec spec, float[] weight, float[] bias)
        {
            IConv2dLayer? layer = spec.Name switch
            {
                "r18_layer1_3x3" => new WgR18Layer13x3(weight, bias),
                "r18_layer1_3x3_b8" => new WgR18Layer13x3(weight, bias),
                "r18_layer2_3x3" => new WgR18Layer23x3(weight, bias),
                "r18_layer3_3x3" => new WgR18Layer33x3(weight, bias),
                "r18_layer4_3x3" => new WgR18Layer43x3(weight, bias),
                "r18_layer4_3x3_b8" => new WgR18Layer43x3(weight, bias),
                "incv3_conv2a" => new WgIncv3Conv2a(weight, bias),
                "incv3_conv4a" => new WgIncv3Conv4a(weight, bias),
                "yolov3t_conv0" => new WgYolov3tConv0(weight, bias),
                "yolov3t_conv2" => new WgYolov3tConv2(weight, bias),
                "yolov3t_conv13" => new WgYolov3tConv13(weight, bias),
                "yolov5s_c3_3x3" => new WgYolov5sC33x3(weight, bias),
                "unet_inc" => new WgUnetInc(weight, bias),
                "unet_down2" => new WgUnetDown2(weight, bias),
                "unet_bottleneck" => new WgUnetBottleneck(weight, bias),
                "unet_up1" => new WgUnetUp1(weight, bias),
                "unet_to_rgb" => new WgUnetToRgb(weight, bias),
                "resnet_3x3_64" => new WgResnet3x364(weight, bias),
                "resnet_3x3_256" => new WgResnet3x3256(weight, bias),
                _ => null,
            };
            if (layer is not null) ConvGenNdLayers.Check(layer.Parameters.Convolution, spec);
            return layer;
        }
    }

    [Conv2d(64, 64, 3, Padding = 1, Algorithm = ConvAlgorithm.Winograd)] public partial class WgR18Layer13x3;
    [Conv2d(128, 128, 3, Padding = 1, Algorithm = ConvAlgorithm.Winograd)] public partial class WgR18Layer23x3;
    [Conv2d(256, 256, 3, Padding = 1, Algorithm = ConvAlgorithm.Winograd)] public partial class WgR18Layer33x3;
    [Conv2d(512, 512, 3, Padding = 1, Algorithm = ConvAlgorithm.Winograd)] public partial class WgR18Layer43x3;
    [Conv2d(32, 32, 3, Algorithm = ConvAlgorithm.Winograd)] public partial class WgIncv3Conv2a;
    [Conv2d(80, 192, 3, Algorithm = ConvAlgorithm.Winograd)] public partial class WgIncv3Conv4a;
    [Conv2d(3, 16, 3, Padding = 1, Algorithm = ConvAlgorithm.Winograd)] public partial class WgYolov3tConv0;
    [Conv2d(16, 32, 3, Padding = 1, Algorithm = ConvAlgorithm.Winograd)] public partial class WgYolov3tConv2;
    [Conv2d(512, 1024, 3, Padding = 1, Algorithm = ConvAlgorithm.Winograd)] public partial class WgYolov3tConv13;
    [Conv2d(32, 32, 3, Padding = 1, Algorithm = ConvAlgorithm.Winograd)] public partial class WgYolov5sC33x3;
    [Conv2d(3, 64, 3, Padding = 1, Algorithm = ConvAlgorithm.Winograd)] public partial class WgUnetInc;
    [Conv2d(128, 256, 3, Padding = 1, Algorithm = ConvAlgorithm.Winograd)] public partial class WgUnetDown2;
    [Conv2d(512, 1024, 3, Padding = 1, Algorithm = ConvAlgorithm.Winograd)] public partial class WgUnetBottleneck;
    [Conv2d(1024, 512, 3, Padding = 1, Algorithm = ConvAlgorithm.Winograd)] public partial class WgUnetUp1;
    [Conv2d(64, 3, 3, Padding = 1, Algorithm = ConvAlgorithm.Winograd)] public partial class WgUnetToRgb;
    [Conv2d(64, 64, 3, Padding = 1, Algorithm = ConvAlgorithm.Winograd)] public partial class WgResnet3x364;
    [Conv2d(256, 256, 3, Padding = 1, Algorithm = ConvAlgorithm.Winograd)] public partial class WgResnet3x3256;
}
