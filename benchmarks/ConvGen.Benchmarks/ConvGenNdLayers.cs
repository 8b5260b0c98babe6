using System;
using System.Collections.Generic;
using System.Linq;

namespace ConvGen.Benchmarks
{
    /// <summary>
    /// The ConvGen side of the second suite (<c>--suite nd</c>, <see cref="BenchLayers.Nd"/>): one generated Conv1d,
    /// Conv3d or ConvTranspose2d layer per row, built from the same PyTorch-layout weight and bias the peers get, called
    /// as <c>Forward(input, output, batch, length)</c>, <c>Forward(input, output, batch, depth, height, width)</c> or
    /// <c>Forward(input, output, batch, height, width)</c> (with <c>threads</c> for ConvGen2Threads). `dotnet run -c
    /// Release -- layers --suite nd` prints each attribute.
    /// </summary>
    public static class ConvGenNdLayers
    {
        /// <summary>
        /// The ConvGen layer for <paramref name="spec"/> with the batch and input size of the spec bound, on
        /// <paramref name="threads"/> threads, or null when there is none. Throws when the generated layer's parameters
        /// are not the spec's (a typo in an attribute below).
        /// </summary>
        public static ConvCall? TryCreate(ConvLayerSpec spec, float[] weight, float[]? bias, int threads = 1)
        {
            float[] b = bias ?? throw new ArgumentException("Every benchmark layer has a bias.", nameof(bias));
            object? layer = spec.Name switch
            {
                "w2v_conv0" => new W2vConv0(weight, b),
                "w2v_conv1" => new W2vConv1(weight, b),
                "jasper_prolog" => new JasperProlog(weight, b),
                "tcn_dilated" => new TcnDilated(weight, b),
                "quartznet_dw" => new QuartzNetDepthwise(weight, b),
                "quartznet_pw" => new QuartzNetPointwise(weight, b),
                "c3d_conv2" => new C3dConv2(weight, b),
                "r2plus1d_spatial" => new R2Plus1dSpatial(weight, b),
                "r2plus1d_temporal" => new R2Plus1dTemporal(weight, b),
                "r3d_3x3x3_s2" => new R3d3x3x3S2(weight, b),
                "dcgan_up_512" => new DcganUp512(weight, b),
                "dcgan_up_256" => new DcganUp256(weight, b),
                "dcgan_to_rgb" => new DcganToRgb(weight, b),
                "unet_up_128" => new UnetUp128(weight, b),
                "unet_up_512" => new UnetUp512(weight, b),
                _ => null,
            };
            if (layer is null) return null;
            int n = spec.Batch;
            IReadOnlyList<int> size = spec.InputSize;
            switch (layer)
            {
                case IConv1dLayer c1 when !spec.Transposed && spec.Rank == 1:
                {
                    Check(c1.Parameters, spec);
                    int length = size[0];
                    return threads == 1 ? (input, output) => c1.Forward(input, output, n, length)
                        : (input, output) => c1.Forward(input, output, n, length, threads);
                }

                case IConv3dLayer c3 when !spec.Transposed && spec.Rank == 3:
                {
                    Check(c3.Parameters, spec);
                    int d = size[0], h = size[1], w = size[2];
                    return threads == 1 ? (input, output) => c3.Forward(input, output, n, d, h, w)
                        : (input, output) => c3.Forward(input, output, n, d, h, w, threads);
                }

                case IConvTranspose2dLayer t2 when spec.Transposed && spec.Rank == 2:
                {
                    Check(t2.Parameters, spec);
                    int h = size[0], w = size[1];
                    return threads == 1 ? (input, output) => t2.Forward(input, output, n, h, w)
                        : (input, output) => t2.Forward(input, output, n, h, w, threads);
                }

                default:
                    throw new InvalidOperationException($"{spec.Name}: the ConvGen layer {layer.GetType().Name} is not a {spec.Op}");
            }
        }

        /// <summary>The generated layer must be the spec's layer: same hyper-parameters, symmetric zero padding, no activation.</summary>
        internal static void Check(ConvParameters p, ConvLayerSpec s)
        {
            bool same = p.Transposed == s.Transposed && p.InChannels == s.InChannels && p.OutChannels == s.OutChannels
                && p.KernelSize.SequenceEqual(s.Kernel) && p.Stride.SequenceEqual(s.Stride) && p.Dilation.SequenceEqual(s.Dilation)
                && p.PaddingBefore.SequenceEqual(s.Padding) && p.PaddingAfter.SequenceEqual(s.Padding)
                && p.OutputPadding.SequenceEqual(s.OutputPadding) && p.Groups == s.Groups && p.Bias == s.Bias
                && p.PaddingMode == PaddingMode.Zeros && p.Activation == Activation.None;
            if (!same)
                throw new InvalidOperationException($"{s.Name}: the ConvGen layer is {p}, the benchmark layer {s} ({s.ToAttributeString()})");
        }
    }

    // Conv1d: speech / sequence models.
    [Conv1d(1, 512, 10, Stride = 5)] public partial class W2vConv0;
    [Conv1d(512, 512, 3, Stride = 2)] public partial class W2vConv1;
    [Conv1d(64, 256, 11, Stride = 2, Padding = 5)] public partial class JasperProlog;
    [Conv1d(64, 64, 3, Padding = 4, Dilation = 4)] public partial class TcnDilated;
    [Conv1d(256, 256, 33, Padding = 16, Groups = 256)] public partial class QuartzNetDepthwise;
    [Conv1d(256, 256, 1)] public partial class QuartzNetPointwise;

    // Conv3d: video models.
    [Conv3d(64, 128, 3, Padding = 1)] public partial class C3dConv2;
    [Conv3d(64, 144, new[] { 1, 3, 3 }, Padding = new[] { 0, 1, 1 })] public partial class R2Plus1dSpatial;
    [Conv3d(144, 64, new[] { 3, 1, 1 }, Padding = new[] { 1, 0, 0 })] public partial class R2Plus1dTemporal;
    [Conv3d(64, 128, 3, Stride = 2, Padding = 1)] public partial class R3d3x3x3S2;

    // ConvTranspose2d: decoders.
    [ConvTranspose2d(512, 256, 4, Stride = 2, Padding = 1)] public partial class DcganUp512;
    [ConvTranspose2d(256, 128, 4, Stride = 2, Padding = 1)] public partial class DcganUp256;
    [ConvTranspose2d(128, 3, 4, Stride = 2, Padding = 1)] public partial class DcganToRgb;
    [ConvTranspose2d(128, 64, 2, Stride = 2)] public partial class UnetUp128;
    [ConvTranspose2d(512, 256, 2, Stride = 2)] public partial class UnetUp512;
}
