using System;

namespace ConvGen.Benchmarks
{
    /// <summary>
    /// The ConvGen side of the <c>layers</c> suite (<see cref="OpLayers.All"/>): one generated layer per attribute, built
    /// from the same data the peers get, called as <c>Forward(input, output, batch, channels, height, width)</c> (pooling,
    /// activations), <c>Forward(input, output, rows)</c> (Linear) or <c>Forward(input, output, batch, height, width)</c>
    /// (BatchNorm2d). Each attribute family is compiled in only when its name is listed in the project's
    /// <c>ConvGenLayerOps</c> property (ConvGen.Benchmarks.csproj; symbol <c>CONVGEN_&lt;NAME&gt;</c>), so the suite
    /// builds while the families of issue 12 land one by one; a family left out runs the two peers only.
    /// </summary>
    public static class ConvGenOpLayers
    {
        /// <summary>True when <paramref name="kind"/>'s ConvGen layers are compiled into this build.</summary>
        public static bool IsEnabled(OpKind kind) => kind switch
        {
#if CONVGEN_MAXPOOL2D
            OpKind.MaxPool2d => true,
#endif
#if CONVGEN_AVGPOOL2D
            OpKind.AvgPool2d => true,
#endif
#if CONVGEN_ADAPTIVEAVGPOOL2D
            OpKind.AdaptiveAvgPool2d => true,
#endif
#if CONVGEN_LINEAR
            OpKind.Linear => true,
#endif
#if CONVGEN_RELU
            OpKind.ReLU => true,
#endif
#if CONVGEN_SILU
            OpKind.SiLU => true,
#endif
#if CONVGEN_GELU
            OpKind.GELU => true,
#endif
#if CONVGEN_HARDSWISH
            OpKind.Hardswish => true,
#endif
#if CONVGEN_SIGMOID
            OpKind.Sigmoid => true,
#endif
#if CONVGEN_BATCHNORM2D
            OpKind.BatchNorm2d => true,
#endif
            _ => false,
        };

        /// <summary>The ConvGen layer of <paramref name="data"/>'s spec with its shape bound, or null when its family is not compiled in.</summary>
        public static OpCall? TryCreate(OpData data)
        {
            OpLayerSpec p = data.Spec;
            int n = p.Batch, c = p.Channels, h = p.Height, w = p.Width;
            switch (p.Name)
            {
#if CONVGEN_MAXPOOL2D
                case "maxpool_stem":
                {
                    var layer = new StemMaxPool();
                    return (input, output) => layer.Forward(input, output, n, c, h, w);
                }
#endif
#if CONVGEN_AVGPOOL2D
                case "avgpool_2x2":
                {
                    var layer = new TransitionAvgPool();
                    return (input, output) => layer.Forward(input, output, n, c, h, w);
                }
#endif
#if CONVGEN_ADAPTIVEAVGPOOL2D
                case "gap_512":
                case "gap_1280":
                {
                    var layer = new GlobalAvgPool();
                    return (input, output) => layer.Forward(input, output, n, c, h, w);
                }
#endif
#if CONVGEN_LINEAR
                case "fc_512_b1":
                case "fc_512_b32":
                {
                    var layer = new Fc512(data.Weight, data.Bias);
                    return (input, output) => layer.Forward(input, output, n);
                }

                case "fc_1280_b1":
                case "fc_1280_b32":
                {
                    var layer = new Fc1280(data.Weight, data.Bias);
                    return (input, output) => layer.Forward(input, output, n);
                }
#endif
#if CONVGEN_RELU
                case "relu":
                {
                    var layer = new ReluLayer();
                    return (input, output) => layer.Forward(input, output, n, c, h, w);
                }
#endif
#if CONVGEN_SILU
                case "silu":
                {
                    var layer = new SiluLayer();
                    return (input, output) => layer.Forward(input, output, n, c, h, w);
                }
#endif
#if CONVGEN_GELU
                case "gelu":
                {
                    var layer = new GeluLayer();
                    return (input, output) => layer.Forward(input, output, n, c, h, w);
                }
#endif
#if CONVGEN_HARDSWISH
                case "hardswish":
                {
                    var layer = new HardswishLayer();
                    return (input, output) => layer.Forward(input, output, n, c, h, w);
                }
#endif
#if CONVGEN_SIGMOID
                case "sigmoid":
                {
                    var layer = new SigmoidLayer();
                    return (input, output) => layer.Forward(input, output, n, c, h, w);
                }
#endif
#if CONVGEN_BATCHNORM2D
                case "batchnorm_64":
                {
                    var layer = new Bn64(data.Weight, data.Bias, data.RunningMean, data.RunningVar);
                    return (input, output) => layer.Forward(input, output, n, h, w);
                }
#endif
                default:
                    return null;
            }
        }
    }

#if CONVGEN_MAXPOOL2D
    [MaxPool2d(3, Stride = 2, Padding = 1)] public partial class StemMaxPool;
#endif
#if CONVGEN_AVGPOOL2D
    [AvgPool2d(2)] public partial class TransitionAvgPool;
#endif
#if CONVGEN_ADAPTIVEAVGPOOL2D
    [AdaptiveAvgPool2d(1)] public partial class GlobalAvgPool;
#endif
#if CONVGEN_LINEAR
    [Linear(512, 1000)] public partial class Fc512;
    [Linear(1280, 1000)] public partial class Fc1280;
#endif
#if CONVGEN_RELU
    [ReLU] public partial class ReluLayer;
#endif
#if CONVGEN_SILU
    [SiLU] public partial class SiluLayer;
#endif
#if CONVGEN_GELU
    [GELU] public partial class GeluLayer;
#endif
#if CONVGEN_HARDSWISH
    [Hardswish] public partial class HardswishLayer;
#endif
#if CONVGEN_SIGMOID
    [Sigmoid] public partial class SigmoidLayer;
#endif
#if CONVGEN_BATCHNORM2D
    [BatchNorm2d(64)] public partial class Bn64;
#endif
}
