using System;
using System.Collections.Generic;

namespace ConvGen.Benchmarks
{
    public static partial class BenchLayers
    {
        /// <summary>
        /// The real-network suite (<c>--suite real</c>, issue 15): every distinct convolution of ResNet-18, ResNet-50,
        /// MobileNetV2, MobileNetV3-Large, EfficientNet-B0 (torchvision, 224×224), Inception-v3 (299×299), YOLOv3-tiny (416)
        /// and YOLOv5s (640), DeepLabv3 with a ResNet-50 backbone at output stride 16 (513×513 → 33×33, ASPP rates 6, 12, 18)
        /// and a padded U-Net (256×256), at batch 1 and a few at batch 8; one layer where a network repeats a shape. Each
        /// names the module it comes from. The list covers what the 12 public layers lack: depthwise 5×5 (stride 1 and 2),
        /// odd image sizes (299, 149, 73, 35, 17, 13, 33), rectangular kernels (1×7, 7×1, 1×3, 3×1), 1×1 stride 2,
        /// dilation up to 18, 7×7 and 13×13 images with 512+ channels, 1×1 images (squeeze-and-excitation), fewer than
        /// 16 output channels, a 6×6 kernel. Bias on, zero padding, no activation (the peers run the bare convolution).
        /// </summary>
        public static readonly IReadOnlyList<ConvLayerSpec> Real = new[]
        {
            ConvLayerSpec.Conv2d("r18_conv1", "ResNet-18 conv1 (stem)", 3, 64, new[] { 7 }, new[] { 224 }, stride: new[] { 2 }, padding: new[] { 3 }),
            ConvLayerSpec.Conv2d("r18_layer1_3x3", "ResNet-18 layer1.*.conv1/conv2", 64, 64, new[] { 3 }, new[] { 56 }, padding: new[] { 1 }),
            ConvLayerSpec.Conv2d("r18_layer1_3x3_b8", "ResNet-18 layer1.*.conv1/conv2, batch 8", 64, 64, new[] { 3 }, new[] { 56 }, padding: new[] { 1 }, batch: 8),
            ConvLayerSpec.Conv2d("r18_layer2_0_conv1", "ResNet-18 layer2.0.conv1 (stride 2)", 64, 128, new[] { 3 }, new[] { 56 }, stride: new[] { 2 }, padding: new[] { 1 }),
            ConvLayerSpec.Conv2d("r18_layer2_0_downsample", "ResNet-18 layer2.0.downsample.0 (1x1 stride 2)", 64, 128, new[] { 1 }, new[] { 56 }, stride: new[] { 2 }),
            ConvLayerSpec.Conv2d("r18_layer2_3x3", "ResNet-18 layer2.*.conv2", 128, 128, new[] { 3 }, new[] { 28 }, padding: new[] { 1 }),
            ConvLayerSpec.Conv2d("r18_layer3_0_conv1", "ResNet-18 layer3.0.conv1 (stride 2)", 128, 256, new[] { 3 }, new[] { 28 }, stride: new[] { 2 }, padding: new[] { 1 }),
            ConvLayerSpec.Conv2d("r18_layer3_0_downsample", "ResNet-18 layer3.0.downsample.0", 128, 256, new[] { 1 }, new[] { 28 }, stride: new[] { 2 }),
            ConvLayerSpec.Conv2d("r18_layer3_3x3", "ResNet-18 layer3.*.conv2", 256, 256, new[] { 3 }, new[] { 14 }, padding: new[] { 1 }),
            ConvLayerSpec.Conv2d("r18_layer4_0_conv1", "ResNet-18 layer4.0.conv1 (stride 2)", 256, 512, new[] { 3 }, new[] { 14 }, stride: new[] { 2 }, padding: new[] { 1 }),
            ConvLayerSpec.Conv2d("r18_layer4_0_downsample", "ResNet-18 layer4.0.downsample.0", 256, 512, new[] { 1 }, new[] { 14 }, stride: new[] { 2 }),
            ConvLayerSpec.Conv2d("r18_layer4_3x3", "ResNet-18 layer4.*.conv2 (7x7 image, 512 channels)", 512, 512, new[] { 3 }, new[] { 7 }, padding: new[] { 1 }),
            ConvLayerSpec.Conv2d("r18_layer4_3x3_b8", "ResNet-18 layer4.*.conv2, batch 8", 512, 512, new[] { 3 }, new[] { 7 }, padding: new[] { 1 }, batch: 8),
            ConvLayerSpec.Conv2d("r50_layer1_0_conv1", "ResNet-50 layer1.0.conv1", 64, 64, new[] { 1 }, new[] { 56 }),
            ConvLayerSpec.Conv2d("r50_layer1_conv3", "ResNet-50 layer1.*.conv3 (expand)", 64, 256, new[] { 1 }, new[] { 56 }),
            ConvLayerSpec.Conv2d("r50_layer1_conv3_b8", "ResNet-50 layer1.*.conv3, batch 8", 64, 256, new[] { 1 }, new[] { 56 }, batch: 8),
            ConvLayerSpec.Conv2d("r50_layer1_conv1", "ResNet-50 layer1.1.conv1 (reduce)", 256, 64, new[] { 1 }, new[] { 56 }),
            ConvLayerSpec.Conv2d("r50_layer2_0_conv1", "ResNet-50 layer2.0.conv1", 256, 128, new[] { 1 }, new[] { 56 }),
            ConvLayerSpec.Conv2d("r50_layer2_0_conv2", "ResNet-50 layer2.0.conv2 (3x3 stride 2)", 128, 128, new[] { 3 }, new[] { 56 }, stride: new[] { 2 }, padding: new[] { 1 }),
            ConvLayerSpec.Conv2d("r50_layer2_0_downsample", "ResNet-50 layer2.0.downsample.0 (1x1 stride 2)", 256, 512, new[] { 1 }, new[] { 56 }, stride: new[] { 2 }),
            ConvLayerSpec.Conv2d("r50_layer2_conv3", "ResNet-50 layer2.*.conv3", 128, 512, new[] { 1 }, new[] { 28 }),
            ConvLayerSpec.Conv2d("r50_layer2_conv1", "ResNet-50 layer2.1.conv1", 512, 128, new[] { 1 }, new[] { 28 }),
            ConvLayerSpec.Conv2d("r50_layer3_conv3", "ResNet-50 layer3.*.conv3", 256, 1024, new[] { 1 }, new[] { 14 }),
            ConvLayerSpec.Conv2d("r50_layer3_conv1", "ResNet-50 layer3.1.conv1", 1024, 256, new[] { 1 }, new[] { 14 }),
            ConvLayerSpec.Conv2d("r50_layer4_0_conv2", "ResNet-50 layer4.0.conv2 (3x3 stride 2)", 512, 512, new[] { 3 }, new[] { 14 }, stride: new[] { 2 }, padding: new[] { 1 }),
            ConvLayerSpec.Conv2d("r50_layer4_0_downsample", "ResNet-50 layer4.0.downsample.0", 1024, 2048, new[] { 1 }, new[] { 14 }, stride: new[] { 2 }),
            ConvLayerSpec.Conv2d("r50_layer4_conv3", "ResNet-50 layer4.*.conv3", 512, 2048, new[] { 1 }, new[] { 7 }),
            ConvLayerSpec.Conv2d("r50_layer4_conv1", "ResNet-50 layer4.1.conv1", 2048, 512, new[] { 1 }, new[] { 7 }),
            ConvLayerSpec.Conv2d("mv2_stem", "MobileNetV2 features.0 (3x3 stride 2)", 3, 32, new[] { 3 }, new[] { 224 }, stride: new[] { 2 }, padding: new[] { 1 }),
            ConvLayerSpec.Conv2d("mv2_f1_dw", "MobileNetV2 features.1 depthwise", 32, 32, new[] { 3 }, new[] { 112 }, padding: new[] { 1 }, groups: 32),
            ConvLayerSpec.Conv2d("mv2_f1_project", "MobileNetV2 features.1 project", 32, 16, new[] { 1 }, new[] { 112 }),
            ConvLayerSpec.Conv2d("mv2_f2_expand", "MobileNetV2 features.2 expand", 16, 96, new[] { 1 }, new[] { 112 }),
            ConvLayerSpec.Conv2d("mv2_f3_project", "MobileNetV2 features.3 project", 144, 24, new[] { 1 }, new[] { 56 }),
            ConvLayerSpec.Conv2d("mv2_f4_dw_s2", "MobileNetV2 features.4 depthwise stride 2", 144, 144, new[] { 3 }, new[] { 56 }, stride: new[] { 2 }, padding: new[] { 1 }, groups: 144),
            ConvLayerSpec.Conv2d("mv2_f5_expand", "MobileNetV2 features.5 expand", 32, 192, new[] { 1 }, new[] { 28 }),
            ConvLayerSpec.Conv2d("mv2_f5_dw", "MobileNetV2 features.5 depthwise", 192, 192, new[] { 3 }, new[] { 28 }, padding: new[] { 1 }, groups: 192),
            ConvLayerSpec.Conv2d("mv2_f5_dw_b8", "MobileNetV2 features.5 depthwise, batch 8", 192, 192, new[] { 3 }, new[] { 28 }, padding: new[] { 1 }, groups: 192, batch: 8),
            ConvLayerSpec.Conv2d("mv2_f5_project", "MobileNetV2 features.5 project", 192, 32, new[] { 1 }, new[] { 28 }),
            ConvLayerSpec.Conv2d("mv2_f8_dw", "MobileNetV2 features.8 depthwise", 384, 384, new[] { 3 }, new[] { 14 }, padding: new[] { 1 }, groups: 384),
            ConvLayerSpec.Conv2d("mv2_f8_project", "MobileNetV2 features.8 project", 384, 64, new[] { 1 }, new[] { 14 }),
            ConvLayerSpec.Conv2d("mv2_f12_expand", "MobileNetV2 features.12 expand", 96, 576, new[] { 1 }, new[] { 14 }),
            ConvLayerSpec.Conv2d("mv2_f14_dw_s2", "MobileNetV2 features.14 depthwise stride 2", 576, 576, new[] { 3 }, new[] { 14 }, stride: new[] { 2 }, padding: new[] { 1 }, groups: 576),
            ConvLayerSpec.Conv2d("mv2_f16_dw", "MobileNetV2 features.16 depthwise (7x7 image)", 960, 960, new[] { 3 }, new[] { 7 }, padding: new[] { 1 }, groups: 960),
            ConvLayerSpec.Conv2d("mv2_f17_project", "MobileNetV2 features.17 project", 960, 320, new[] { 1 }, new[] { 7 }),
            ConvLayerSpec.Conv2d("mv2_f18_head", "MobileNetV2 features.18 (1x1 to 1280)", 320, 1280, new[] { 1 }, new[] { 7 }),
            ConvLayerSpec.Conv2d("mv3l_stem", "MobileNetV3-Large features.0 (3x3 stride 2, 16 out)", 3, 16, new[] { 3 }, new[] { 224 }, stride: new[] { 2 }, padding: new[] { 1 }),
            ConvLayerSpec.Conv2d("mv3l_f2_dw_s2", "MobileNetV3-Large features.2 depthwise stride 2", 64, 64, new[] { 3 }, new[] { 112 }, stride: new[] { 2 }, padding: new[] { 1 }, groups: 64),
            ConvLayerSpec.Conv2d("mv3l_f4_dw5_s2", "MobileNetV3-Large features.4 depthwise 5x5 stride 2", 72, 72, new[] { 5 }, new[] { 56 }, stride: new[] { 2 }, padding: new[] { 2 }, groups: 72),
            ConvLayerSpec.Conv2d("mv3l_f5_dw5", "MobileNetV3-Large features.5 depthwise 5x5", 120, 120, new[] { 5 }, new[] { 28 }, padding: new[] { 2 }, groups: 120),
            ConvLayerSpec.Conv2d("mv3l_f5_se_fc1", "MobileNetV3-Large features.5 SE fc1 (1x1 image)", 120, 32, new[] { 1 }, new[] { 1 }),
            ConvLayerSpec.Conv2d("mv3l_f5_se_fc2", "MobileNetV3-Large features.5 SE fc2 (1x1 image)", 32, 120, new[] { 1 }, new[] { 1 }),
            ConvLayerSpec.Conv2d("mv3l_f7_dw_s2", "MobileNetV3-Large features.7 depthwise stride 2", 240, 240, new[] { 3 }, new[] { 28 }, stride: new[] { 2 }, padding: new[] { 1 }, groups: 240),
            ConvLayerSpec.Conv2d("mv3l_f8_expand", "MobileNetV3-Large features.8 expand", 80, 200, new[] { 1 }, new[] { 14 }),
            ConvLayerSpec.Conv2d("mv3l_f13_dw5_s2", "MobileNetV3-Large features.13 depthwise 5x5 stride 2", 672, 672, new[] { 5 }, new[] { 14 }, stride: new[] { 2 }, padding: new[] { 2 }, groups: 672),
            ConvLayerSpec.Conv2d("mv3l_f14_dw5", "MobileNetV3-Large features.14 depthwise 5x5 (7x7 image)", 960, 960, new[] { 5 }, new[] { 7 }, padding: new[] { 2 }, groups: 960),
            ConvLayerSpec.Conv2d("mv3l_f16_head", "MobileNetV3-Large features.16 (1x1 to 960)", 160, 960, new[] { 1 }, new[] { 7 }),
            ConvLayerSpec.Conv2d("effb0_dw5_s2_144", "EfficientNet-B0 features.3.0 depthwise 5x5 stride 2", 144, 144, new[] { 5 }, new[] { 56 }, stride: new[] { 2 }, padding: new[] { 2 }, groups: 144),
            ConvLayerSpec.Conv2d("effb0_dw5_240", "EfficientNet-B0 features.3.1 depthwise 5x5", 240, 240, new[] { 5 }, new[] { 28 }, padding: new[] { 2 }, groups: 240),
            ConvLayerSpec.Conv2d("effb0_dw5_672", "EfficientNet-B0 features.5.* depthwise 5x5", 672, 672, new[] { 5 }, new[] { 14 }, padding: new[] { 2 }, groups: 672),
            ConvLayerSpec.Conv2d("effb0_dw5_1152", "EfficientNet-B0 features.6.* depthwise 5x5 (7x7 image)", 1152, 1152, new[] { 5 }, new[] { 7 }, padding: new[] { 2 }, groups: 1152),
            ConvLayerSpec.Conv2d("effb0_dw3_1152", "EfficientNet-B0 features.7.0 depthwise 3x3", 1152, 1152, new[] { 3 }, new[] { 7 }, padding: new[] { 1 }, groups: 1152),
            ConvLayerSpec.Conv2d("effb0_project_1152", "EfficientNet-B0 features.7.0 project", 1152, 320, new[] { 1 }, new[] { 7 }),
            ConvLayerSpec.Conv2d("effb0_se_expand", "EfficientNet-B0 features.6 SE expand (1x1 image)", 48, 1152, new[] { 1 }, new[] { 1 }),
            ConvLayerSpec.Conv2d("incv3_conv1a", "Inception-v3 Conv2d_1a_3x3 (stride 2, 299 -> 149)", 3, 32, new[] { 3 }, new[] { 299 }, stride: new[] { 2 }),
            ConvLayerSpec.Conv2d("incv3_conv2a", "Inception-v3 Conv2d_2a_3x3 (149 -> 147)", 32, 32, new[] { 3 }, new[] { 149 }),
            ConvLayerSpec.Conv2d("incv3_conv4a", "Inception-v3 Conv2d_4a_3x3 (73 -> 71)", 80, 192, new[] { 3 }, new[] { 73 }),
            ConvLayerSpec.Conv2d("incv3_mixed5b_5x5", "Inception-v3 Mixed_5b.branch5x5_2", 48, 64, new[] { 5 }, new[] { 35 }, padding: new[] { 2 }),
            ConvLayerSpec.Conv2d("incv3_mixed6a_3x3_s2", "Inception-v3 Mixed_6a.branch3x3 (stride 2, 35 -> 17)", 288, 384, new[] { 3 }, new[] { 35 }, stride: new[] { 2 }),
            ConvLayerSpec.Conv2d("incv3_mixed6b_1x7", "Inception-v3 Mixed_6b.branch7x7_2 (1x7)", 128, 128, new[] { 1, 7 }, new[] { 17 }, padding: new[] { 0, 3 }),
            ConvLayerSpec.Conv2d("incv3_mixed6b_7x1", "Inception-v3 Mixed_6b.branch7x7_3 (7x1)", 128, 192, new[] { 7, 1 }, new[] { 17 }, padding: new[] { 3, 0 }),
            ConvLayerSpec.Conv2d("incv3_mixed7b_1x3", "Inception-v3 Mixed_7b.branch3x3_2a (1x3)", 384, 384, new[] { 1, 3 }, new[] { 8 }, padding: new[] { 0, 1 }),
            ConvLayerSpec.Conv2d("incv3_mixed7b_3x1", "Inception-v3 Mixed_7b.branch3x3_2b (3x1)", 384, 384, new[] { 3, 1 }, new[] { 8 }, padding: new[] { 1, 0 }),
            ConvLayerSpec.Conv2d("incv3_mixed7c_1x1", "Inception-v3 Mixed_7c.branch1x1 (2048 in)", 2048, 320, new[] { 1 }, new[] { 8 }),
            ConvLayerSpec.Conv2d("yolov3t_conv0", "YOLOv3-tiny conv 0 (416x416)", 3, 16, new[] { 3 }, new[] { 416 }, padding: new[] { 1 }),
            ConvLayerSpec.Conv2d("yolov3t_conv2", "YOLOv3-tiny conv 2 (16 -> 32 at 208)", 16, 32, new[] { 3 }, new[] { 208 }, padding: new[] { 1 }),
            ConvLayerSpec.Conv2d("yolov3t_conv13", "YOLOv3-tiny conv 13 (13x13 image, 512 -> 1024)", 512, 1024, new[] { 3 }, new[] { 13 }, padding: new[] { 1 }),
            ConvLayerSpec.Conv2d("yolov3t_conv14", "YOLOv3-tiny conv 14 (1x1, 1024 -> 256 at 13)", 1024, 256, new[] { 1 }, new[] { 13 }),
            ConvLayerSpec.Conv2d("yolov3t_head", "YOLOv3-tiny detection head (512 -> 255 at 13)", 512, 255, new[] { 1 }, new[] { 13 }),
            ConvLayerSpec.Conv2d("yolov5s_stem", "YOLOv5s model.0 (6x6 stride 2, 640 -> 320)", 3, 32, new[] { 6 }, new[] { 640 }, stride: new[] { 2 }, padding: new[] { 2 }),
            ConvLayerSpec.Conv2d("yolov5s_down1", "YOLOv5s model.1 (3x3 stride 2, 320 -> 160)", 32, 64, new[] { 3 }, new[] { 320 }, stride: new[] { 2 }, padding: new[] { 1 }),
            ConvLayerSpec.Conv2d("yolov5s_c3_3x3", "YOLOv5s model.2 C3 bottleneck 3x3 (160x160)", 32, 32, new[] { 3 }, new[] { 160 }, padding: new[] { 1 }),
            ConvLayerSpec.Conv2d("deeplab_layer4_d2", "DeepLabv3 backbone layer4 conv2 (dilation 2)", 512, 512, new[] { 3 }, new[] { 33 }, padding: new[] { 2 }, dilation: new[] { 2 }),
            ConvLayerSpec.Conv2d("deeplab_aspp_1x1", "DeepLabv3 ASPP 1x1 branch", 2048, 256, new[] { 1 }, new[] { 33 }),
            ConvLayerSpec.Conv2d("deeplab_aspp_d6", "DeepLabv3 ASPP rate 6", 2048, 256, new[] { 3 }, new[] { 33 }, padding: new[] { 6 }, dilation: new[] { 6 }),
            ConvLayerSpec.Conv2d("deeplab_aspp_d12", "DeepLabv3 ASPP rate 12", 2048, 256, new[] { 3 }, new[] { 33 }, padding: new[] { 12 }, dilation: new[] { 12 }),
            ConvLayerSpec.Conv2d("deeplab_aspp_d18", "DeepLabv3 ASPP rate 18", 2048, 256, new[] { 3 }, new[] { 33 }, padding: new[] { 18 }, dilation: new[] { 18 }),
            ConvLayerSpec.Conv2d("deeplab_project", "DeepLabv3 ASPP projection (1280 -> 256)", 1280, 256, new[] { 1 }, new[] { 33 }),
            ConvLayerSpec.Conv2d("deeplab_classifier", "DeepLabv3 classifier (256 -> 21 classes)", 256, 21, new[] { 1 }, new[] { 33 }),
            ConvLayerSpec.Conv2d("unet_inc", "U-Net inc conv 1 (3 -> 64 at 256)", 3, 64, new[] { 3 }, new[] { 256 }, padding: new[] { 1 }),
            ConvLayerSpec.Conv2d("unet_down2", "U-Net down2 conv (128 -> 256 at 64)", 128, 256, new[] { 3 }, new[] { 64 }, padding: new[] { 1 }),
            ConvLayerSpec.Conv2d("unet_bottleneck", "U-Net down4 conv (512 -> 1024 at 16)", 512, 1024, new[] { 3 }, new[] { 16 }, padding: new[] { 1 }),
            ConvLayerSpec.Conv2d("unet_up1", "U-Net up1 conv after concat (1024 -> 512 at 32)", 1024, 512, new[] { 3 }, new[] { 32 }, padding: new[] { 1 }),
            ConvLayerSpec.Conv2d("unet_outc", "U-Net outc (64 -> 2 classes at 256)", 64, 2, new[] { 1 }, new[] { 256 }),
            ConvLayerSpec.Conv2d("unet_to_rgb", "U-Net-style decoder head (64 -> 3 at 128, 3x3)", 64, 3, new[] { 3 }, new[] { 128 }, padding: new[] { 1 }),
        };

        /// <summary>The subset run by <c>--suite real --quick</c>: a depthwise 5×5, a rectangular kernel, a small image with many channels.</summary>
        public static readonly IReadOnlyList<string> RealQuick = new[] { "mv3l_f5_dw5", "incv3_mixed6b_1x7", "r18_layer4_3x3" };
    }

    /// <summary>
    /// The ConvGen side of the real-network suite (<see cref="BenchLayers.Real"/>): one generated Conv2d per distinct
    /// layer (the batch-8 rows reuse the batch-1 class). `dotnet run -c Release -- layers --suite real` prints each.
    /// </summary>
    public static class ConvGenRealLayers
    {
        /// <summary>The generated layer for a real-suite layer, or null; throws when its attribute is not the spec's layer.</summary>
        public static IConv2dLayer? TryCreate(ConvLayerSpec spec, float[] weight, float[] bias)
        {
            IConv2dLayer? layer = spec.Name switch
            {
                "r18_conv1" => new R18Conv1(weight, bias),
                "r18_layer1_3x3" => new R18Layer13x3(weight, bias),
                "r18_layer1_3x3_b8" => new R18Layer13x3(weight, bias),
                "r18_layer2_0_conv1" => new R18Layer20Conv1(weight, bias),
                "r18_layer2_0_downsample" => new R18Layer20Downsample(weight, bias),
                "r18_layer2_3x3" => new R18Layer23x3(weight, bias),
                "r18_layer3_0_conv1" => new R18Layer30Conv1(weight, bias),
                "r18_layer3_0_downsample" => new R18Layer30Downsample(weight, bias),
                "r18_layer3_3x3" => new R18Layer33x3(weight, bias),
                "r18_layer4_0_conv1" => new R18Layer40Conv1(weight, bias),
                "r18_layer4_0_downsample" => new R18Layer40Downsample(weight, bias),
                "r18_layer4_3x3" => new R18Layer43x3(weight, bias),
                "r18_layer4_3x3_b8" => new R18Layer43x3(weight, bias),
                "r50_layer1_0_conv1" => new R50Layer10Conv1(weight, bias),
                "r50_layer1_conv3" => new R50Layer1Conv3(weight, bias),
                "r50_layer1_conv3_b8" => new R50Layer1Conv3(weight, bias),
                "r50_layer1_conv1" => new R50Layer1Conv1(weight, bias),
                "r50_layer2_0_conv1" => new R50Layer20Conv1(weight, bias),
                "r50_layer2_0_conv2" => new R50Layer20Conv2(weight, bias),
                "r50_layer2_0_downsample" => new R50Layer20Downsample(weight, bias),
                "r50_layer2_conv3" => new R50Layer2Conv3(weight, bias),
                "r50_layer2_conv1" => new R50Layer2Conv1(weight, bias),
                "r50_layer3_conv3" => new R50Layer3Conv3(weight, bias),
                "r50_layer3_conv1" => new R50Layer3Conv1(weight, bias),
                "r50_layer4_0_conv2" => new R50Layer40Conv2(weight, bias),
                "r50_layer4_0_downsample" => new R50Layer40Downsample(weight, bias),
                "r50_layer4_conv3" => new R50Layer4Conv3(weight, bias),
                "r50_layer4_conv1" => new R50Layer4Conv1(weight, bias),
                "mv2_stem" => new Mv2Stem(weight, bias),
                "mv2_f1_dw" => new Mv2F1Dw(weight, bias),
                "mv2_f1_project" => new Mv2F1Project(weight, bias),
                "mv2_f2_expand" => new Mv2F2Expand(weight, bias),
                "mv2_f3_project" => new Mv2F3Project(weight, bias),
                "mv2_f4_dw_s2" => new Mv2F4DwS2(weight, bias),
                "mv2_f5_expand" => new Mv2F5Expand(weight, bias),
                "mv2_f5_dw" => new Mv2F5Dw(weight, bias),
                "mv2_f5_dw_b8" => new Mv2F5Dw(weight, bias),
                "mv2_f5_project" => new Mv2F5Project(weight, bias),
                "mv2_f8_dw" => new Mv2F8Dw(weight, bias),
                "mv2_f8_project" => new Mv2F8Project(weight, bias),
                "mv2_f12_expand" => new Mv2F12Expand(weight, bias),
                "mv2_f14_dw_s2" => new Mv2F14DwS2(weight, bias),
                "mv2_f16_dw" => new Mv2F16Dw(weight, bias),
                "mv2_f17_project" => new Mv2F17Project(weight, bias),
                "mv2_f18_head" => new Mv2F18Head(weight, bias),
                "mv3l_stem" => new Mv3lStem(weight, bias),
                "mv3l_f2_dw_s2" => new Mv3lF2DwS2(weight, bias),
                "mv3l_f4_dw5_s2" => new Mv3lF4Dw5S2(weight, bias),
                "mv3l_f5_dw5" => new Mv3lF5Dw5(weight, bias),
                "mv3l_f5_se_fc1" => new Mv3lF5SeFc1(weight, bias),
                "mv3l_f5_se_fc2" => new Mv3lF5SeFc2(weight, bias),
                "mv3l_f7_dw_s2" => new Mv3lF7DwS2(weight, bias),
                "mv3l_f8_expand" => new Mv3lF8Expand(weight, bias),
                "mv3l_f13_dw5_s2" => new Mv3lF13Dw5S2(weight, bias),
                "mv3l_f14_dw5" => new Mv3lF14Dw5(weight, bias),
                "mv3l_f16_head" => new Mv3lF16Head(weight, bias),
                "effb0_dw5_s2_144" => new Effb0Dw5S2144(weight, bias),
                "effb0_dw5_240" => new Effb0Dw5240(weight, bias),
                "effb0_dw5_672" => new Effb0Dw5672(weight, bias),
                "effb0_dw5_1152" => new Effb0Dw51152(weight, bias),
                "effb0_dw3_1152" => new Effb0Dw31152(weight, bias),
                "effb0_project_1152" => new Effb0Project1152(weight, bias),
                "effb0_se_expand" => new Effb0SeExpand(weight, bias),
                "incv3_conv1a" => new Incv3Conv1a(weight, bias),
                "incv3_conv2a" => new Incv3Conv2a(weight, bias),
                "incv3_conv4a" => new Incv3Conv4a(weight, bias),
                "incv3_mixed5b_5x5" => new Incv3Mixed5b5x5(weight, bias),
                "incv3_mixed6a_3x3_s2" => new Incv3Mixed6a3x3S2(weight, bias),
                "incv3_mixed6b_1x7" => new Incv3Mixed6b1x7(weight, bias),
                "incv3_mixed6b_7x1" => new Incv3Mixed6b7x1(weight, bias),
                "incv3_mixed7b_1x3" => new Incv3Mixed7b1x3(weight, bias),
                "incv3_mixed7b_3x1" => new Incv3Mixed7b3x1(weight, bias),
                "incv3_mixed7c_1x1" => new Incv3Mixed7c1x1(weight, bias),
                "yolov3t_conv0" => new Yolov3tConv0(weight, bias),
                "yolov3t_conv2" => new Yolov3tConv2(weight, bias),
                "yolov3t_conv13" => new Yolov3tConv13(weight, bias),
                "yolov3t_conv14" => new Yolov3tConv14(weight, bias),
                "yolov3t_head" => new Yolov3tHead(weight, bias),
                "yolov5s_stem" => new Yolov5sStem(weight, bias),
                "yolov5s_down1" => new Yolov5sDown1(weight, bias),
                "yolov5s_c3_3x3" => new Yolov5sC33x3(weight, bias),
                "deeplab_layer4_d2" => new DeeplabLayer4D2(weight, bias),
                "deeplab_aspp_1x1" => new DeeplabAspp1x1(weight, bias),
                "deeplab_aspp_d6" => new DeeplabAsppD6(weight, bias),
                "deeplab_aspp_d12" => new DeeplabAsppD12(weight, bias),
                "deeplab_aspp_d18" => new DeeplabAsppD18(weight, bias),
                "deeplab_project" => new DeeplabProject(weight, bias),
                "deeplab_classifier" => new DeeplabClassifier(weight, bias),
                "unet_inc" => new UnetInc(weight, bias),
                "unet_down2" => new UnetDown2(weight, bias),
                "unet_bottleneck" => new UnetBottleneck(weight, bias),
                "unet_up1" => new UnetUp1(weight, bias),
                "unet_outc" => new UnetOutc(weight, bias),
                "unet_to_rgb" => new UnetToRgb(weight, bias),
                _ => null,
            };
            if (layer is not null) ConvGenNdLayers.Check(layer.Parameters.Convolution, spec);
            return layer;
        }
    }

    [Conv2d(3, 64, 7, Stride = 2, Padding = 3)] public partial class R18Conv1;
    [Conv2d(64, 64, 3, Padding = 1)] public partial class R18Layer13x3;
    [Conv2d(64, 128, 3, Stride = 2, Padding = 1)] public partial class R18Layer20Conv1;
    [Conv2d(64, 128, 1, Stride = 2)] public partial class R18Layer20Downsample;
    [Conv2d(128, 128, 3, Padding = 1)] public partial class R18Layer23x3;
    [Conv2d(128, 256, 3, Stride = 2, Padding = 1)] public partial class R18Layer30Conv1;
    [Conv2d(128, 256, 1, Stride = 2)] public partial class R18Layer30Downsample;
    [Conv2d(256, 256, 3, Padding = 1)] public partial class R18Layer33x3;
    [Conv2d(256, 512, 3, Stride = 2, Padding = 1)] public partial class R18Layer40Conv1;
    [Conv2d(256, 512, 1, Stride = 2)] public partial class R18Layer40Downsample;
    [Conv2d(512, 512, 3, Padding = 1)] public partial class R18Layer43x3;
    [Conv2d(64, 64, 1)] public partial class R50Layer10Conv1;
    [Conv2d(64, 256, 1)] public partial class R50Layer1Conv3;
    [Conv2d(256, 64, 1)] public partial class R50Layer1Conv1;
    [Conv2d(256, 128, 1)] public partial class R50Layer20Conv1;
    [Conv2d(128, 128, 3, Stride = 2, Padding = 1)] public partial class R50Layer20Conv2;
    [Conv2d(256, 512, 1, Stride = 2)] public partial class R50Layer20Downsample;
    [Conv2d(128, 512, 1)] public partial class R50Layer2Conv3;
    [Conv2d(512, 128, 1)] public partial class R50Layer2Conv1;
    [Conv2d(256, 1024, 1)] public partial class R50Layer3Conv3;
    [Conv2d(1024, 256, 1)] public partial class R50Layer3Conv1;
    [Conv2d(512, 512, 3, Stride = 2, Padding = 1)] public partial class R50Layer40Conv2;
    [Conv2d(1024, 2048, 1, Stride = 2)] public partial class R50Layer40Downsample;
    [Conv2d(512, 2048, 1)] public partial class R50Layer4Conv3;
    [Conv2d(2048, 512, 1)] public partial class R50Layer4Conv1;
    [Conv2d(3, 32, 3, Stride = 2, Padding = 1)] public partial class Mv2Stem;
    [Conv2d(32, 32, 3, Padding = 1, Groups = 32)] public partial class Mv2F1Dw;
    [Conv2d(32, 16, 1)] public partial class Mv2F1Project;
    [Conv2d(16, 96, 1)] public partial class Mv2F2Expand;
    [Conv2d(144, 24, 1)] public partial class Mv2F3Project;
    [Conv2d(144, 144, 3, Stride = 2, Padding = 1, Groups = 144)] public partial class Mv2F4DwS2;
    [Conv2d(32, 192, 1)] public partial class Mv2F5Expand;
    [Conv2d(192, 192, 3, Padding = 1, Groups = 192)] public partial class Mv2F5Dw;
    [Conv2d(192, 32, 1)] public partial class Mv2F5Project;
    [Conv2d(384, 384, 3, Padding = 1, Groups = 384)] public partial class Mv2F8Dw;
    [Conv2d(384, 64, 1)] public partial class Mv2F8Project;
    [Conv2d(96, 576, 1)] public partial class Mv2F12Expand;
    [Conv2d(576, 576, 3, Stride = 2, Padding = 1, Groups = 576)] public partial class Mv2F14DwS2;
    [Conv2d(960, 960, 3, Padding = 1, Groups = 960)] public partial class Mv2F16Dw;
    [Conv2d(960, 320, 1)] public partial class Mv2F17Project;
    [Conv2d(320, 1280, 1)] public partial class Mv2F18Head;
    [Conv2d(3, 16, 3, Stride = 2, Padding = 1)] public partial class Mv3lStem;
    [Conv2d(64, 64, 3, Stride = 2, Padding = 1, Groups = 64)] public partial class Mv3lF2DwS2;
    [Conv2d(72, 72, 5, Stride = 2, Padding = 2, Groups = 72)] public partial class Mv3lF4Dw5S2;
    [Conv2d(120, 120, 5, Padding = 2, Groups = 120)] public partial class Mv3lF5Dw5;
    [Conv2d(120, 32, 1)] public partial class Mv3lF5SeFc1;
    [Conv2d(32, 120, 1)] public partial class Mv3lF5SeFc2;
    [Conv2d(240, 240, 3, Stride = 2, Padding = 1, Groups = 240)] public partial class Mv3lF7DwS2;
    [Conv2d(80, 200, 1)] public partial class Mv3lF8Expand;
    [Conv2d(672, 672, 5, Stride = 2, Padding = 2, Groups = 672)] public partial class Mv3lF13Dw5S2;
    [Conv2d(960, 960, 5, Padding = 2, Groups = 960)] public partial class Mv3lF14Dw5;
    [Conv2d(160, 960, 1)] public partial class Mv3lF16Head;
    [Conv2d(144, 144, 5, Stride = 2, Padding = 2, Groups = 144)] public partial class Effb0Dw5S2144;
    [Conv2d(240, 240, 5, Padding = 2, Groups = 240)] public partial class Effb0Dw5240;
    [Conv2d(672, 672, 5, Padding = 2, Groups = 672)] public partial class Effb0Dw5672;
    [Conv2d(1152, 1152, 5, Padding = 2, Groups = 1152)] public partial class Effb0Dw51152;
    [Conv2d(1152, 1152, 3, Padding = 1, Groups = 1152)] public partial class Effb0Dw31152;
    [Conv2d(1152, 320, 1)] public partial class Effb0Project1152;
    [Conv2d(48, 1152, 1)] public partial class Effb0SeExpand;
    [Conv2d(3, 32, 3, Stride = 2)] public partial class Incv3Conv1a;
    [Conv2d(32, 32, 3)] public partial class Incv3Conv2a;
    [Conv2d(80, 192, 3)] public partial class Incv3Conv4a;
    [Conv2d(48, 64, 5, Padding = 2)] public partial class Incv3Mixed5b5x5;
    [Conv2d(288, 384, 3, Stride = 2)] public partial class Incv3Mixed6a3x3S2;
    [Conv2d(128, 128, new[] { 1, 7 }, Padding = new[] { 0, 3 })] public partial class Incv3Mixed6b1x7;
    [Conv2d(128, 192, new[] { 7, 1 }, Padding = new[] { 3, 0 })] public partial class Incv3Mixed6b7x1;
    [Conv2d(384, 384, new[] { 1, 3 }, Padding = new[] { 0, 1 })] public partial class Incv3Mixed7b1x3;
    [Conv2d(384, 384, new[] { 3, 1 }, Padding = new[] { 1, 0 })] public partial class Incv3Mixed7b3x1;
    [Conv2d(2048, 320, 1)] public partial class Incv3Mixed7c1x1;
    [Conv2d(3, 16, 3, Padding = 1)] public partial class Yolov3tConv0;
    [Conv2d(16, 32, 3, Padding = 1)] public partial class Yolov3tConv2;
    [Conv2d(512, 1024, 3, Padding = 1)] public partial class Yolov3tConv13;
    [Conv2d(1024, 256, 1)] public partial class Yolov3tConv14;
    [Conv2d(512, 255, 1)] public partial class Yolov3tHead;
    [Conv2d(3, 32, 6, Stride = 2, Padding = 2)] public partial class Yolov5sStem;
    [Conv2d(32, 64, 3, Stride = 2, Padding = 1)] public partial class Yolov5sDown1;
    [Conv2d(32, 32, 3, Padding = 1)] public partial class Yolov5sC33x3;
    [Conv2d(512, 512, 3, Padding = 2, Dilation = 2)] public partial class DeeplabLayer4D2;
    [Conv2d(2048, 256, 1)] public partial class DeeplabAspp1x1;
    [Conv2d(2048, 256, 3, Padding = 6, Dilation = 6)] public partial class DeeplabAsppD6;
    [Conv2d(2048, 256, 3, Padding = 12, Dilation = 12)] public partial class DeeplabAsppD12;
    [Conv2d(2048, 256, 3, Padding = 18, Dilation = 18)] public partial class DeeplabAsppD18;
    [Conv2d(1280, 256, 1)] public partial class DeeplabProject;
    [Conv2d(256, 21, 1)] public partial class DeeplabClassifier;
    [Conv2d(3, 64, 3, Padding = 1)] public partial class UnetInc;
    [Conv2d(128, 256, 3, Padding = 1)] public partial class UnetDown2;
    [Conv2d(512, 1024, 3, Padding = 1)] public partial class UnetBottleneck;
    [Conv2d(1024, 512, 3, Padding = 1)] public partial class UnetUp1;
    [Conv2d(64, 2, 1)] public partial class UnetOutc;
    [Conv2d(64, 3, 3, Padding = 1)] public partial class UnetToRgb;
}
