using System;

namespace ConvGen.Benchmarks
{
    /// <summary>
    /// The tensors every implementation of a <see cref="OpLayerSpec"/> gets, seeded like <see cref="LayerData"/>: input
    /// uniform in [-InputScale, InputScale); Linear's weight (out, in) and bias uniform in [-1, 1) scaled by 1/sqrt(in)
    /// (PyTorch's init range, so outputs stay O(1)); BatchNorm2d's weight and bias uniform in [-1, 1), running mean in
    /// [-0.5, 0.5) and running variance in [0.25, 1.25).
    /// </summary>
    public sealed class OpData
    {
        /// <summary>BatchNorm2d's eps (PyTorch's default), the same for every peer.</summary>
        public const float BatchNormEps = 1e-5f;

        private OpData(OpLayerSpec spec, float[] input, float[] weight, float[] bias, float[] mean, float[] variance)
        {
            Spec = spec;
            Input = input;
            Weight = weight;
            Bias = bias;
            RunningMean = mean;
            RunningVar = variance;
        }

        public OpLayerSpec Spec { get; }

        /// <summary>(N, C, H, W), or (rows, in_features) for Linear.</summary>
        public float[] Input { get; }

        /// <summary>Linear: (out, in); BatchNorm2d: (C); empty for the other kinds.</summary>
        public float[] Weight { get; }

        /// <summary>Linear: (out); BatchNorm2d: (C); empty for the other kinds.</summary>
        public float[] Bias { get; }

        /// <summary>BatchNorm2d's running mean (C); empty for the other kinds.</summary>
        public float[] RunningMean { get; }

        /// <summary>BatchNorm2d's running variance (C), positive; empty for the other kinds.</summary>
        public float[] RunningVar { get; }

        public static OpData Create(OpLayerSpec spec, ulong seed = 0x5EED)
        {
            ulong s = seed ^ LayerData.Fnv1a(spec.Name);
            float[] input = Scaled(LayerData.Uniform(spec.InputLength, s + 1), spec.InputScale);
            float[] weight = LayerData.Uniform(spec.WeightLength, s + 2);
            float[] bias = LayerData.Uniform(spec.BiasLength, s + 3);
            float[] mean = Array.Empty<float>(), variance = Array.Empty<float>();
            if (spec.IsLinear)
            {
                float bound = 1f / MathF.Sqrt(spec.Channels);
                weight = Scaled(weight, bound);
                bias = Scaled(bias, bound);
            }
            else if (spec.Kind == OpKind.BatchNorm2d)
            {
                mean = Scaled(LayerData.Uniform(spec.Channels, s + 4), 0.5f);
                variance = LayerData.Uniform(spec.Channels, s + 5);
                for (int i = 0; i < variance.Length; i++) variance[i] = 0.75f + 0.5f * variance[i];
            }

            return new OpData(spec, input, weight, bias, mean, variance);
        }

        private static float[] Scaled(float[] values, float scale)
        {
            for (int i = 0; i < values.Length; i++) values[i] *= scale;
            return values;
        }
    }

    /// <summary>The double-precision referee of the <c>layers</c> suite: each layer's definition, written plainly.</summary>
    public static class OpReference
    {
        public static float[] Forward(OpData data)
        {
            OpLayerSpec p = data.Spec;
            var y = new float[p.OutputLength];
            switch (p.Kind)
            {
                case OpKind.MaxPool2d:
                case OpKind.AvgPool2d:
                    Pool(data, y);
                    break;
                case OpKind.AdaptiveAvgPool2d:
                    int plane = p.Height * p.Width;
                    for (int c = 0; c < p.Batch * p.Channels; c++)
                    {
                        double sum = 0;
                        for (int i = 0; i < plane; i++) sum += data.Input[c * plane + i];
                        y[c] = (float)(sum / plane);
                    }

                    break;
                case OpKind.Linear:
                    for (int r = 0; r < p.Batch; r++)
                    {
                        for (int o = 0; o < p.OutFeatures; o++)
                        {
                            double sum = data.Bias[o];
                            for (int i = 0; i < p.Channels; i++) sum += (double)data.Input[r * p.Channels + i] * data.Weight[o * p.Channels + i];
                            y[r * p.OutFeatures + o] = (float)sum;
                        }
                    }

                    break;
                case OpKind.BatchNorm2d:
                    int hw = p.Height * p.Width;
                    for (int i = 0; i < y.Length; i++)
                    {
                        int c = i / hw % p.Channels;
                        double scale = data.Weight[c] / Math.Sqrt((double)data.RunningVar[c] + OpData.BatchNormEps);
                        y[i] = (float)((data.Input[i] - (double)data.RunningMean[c]) * scale + data.Bias[c]);
                    }

                    break;
                default:
                    for (int i = 0; i < y.Length; i++) y[i] = (float)Activation(p.Kind, data.Input[i]);
                    break;
            }

            return y;
        }

        /// <summary>PyTorch's definitions: ReLU, SiLU = x·σ(x), GELU = x·Φ(x) (exact, erf), Hardswish = x·relu6(x + 3)/6, Sigmoid.</summary>
        public static double Activation(OpKind kind, double x) => kind switch
        {
            OpKind.ReLU => Math.Max(x, 0),
            OpKind.SiLU => x / (1 + Math.Exp(-x)),
            OpKind.GELU => 0.5 * x * (1 + Erf(x / Math.Sqrt(2))),
            OpKind.Hardswish => x * Math.Clamp(x + 3, 0, 6) / 6,
            OpKind.Sigmoid => 1 / (1 + Math.Exp(-x)),
            _ => throw new ArgumentException($"{kind} is not an activation"),
        };

        /// <summary>
        /// erf in double: its Maclaurin series below 3 (≤ 1e-13 off there), the asymptotic series of erfc above
        /// (≤ 1e-8 absolute at 3, less beyond). Enough for a referee at tolerance 1e-4.
        /// </summary>
        public static double Erf(double x)
        {
            double a = Math.Abs(x);
            double result;
            if (a < 3)
            {
                double term = a, sum = a;
                for (int n = 1; n < 100 && Math.Abs(term) > 1e-17 * Math.Abs(sum); n++)
                {
                    term *= -a * a / n;
                    sum += term / (2 * n + 1);
                }

                result = 2 / Math.Sqrt(Math.PI) * sum;
            }
            else
            {
                double inv = 1 / (2 * a * a);
                double series = 1 - inv + 3 * inv * inv - 15 * inv * inv * inv;
                result = 1 - Math.Exp(-a * a) / (a * Math.Sqrt(Math.PI)) * series;
            }

            return Math.CopySign(result, x);
        }

        /// <summary>Max or average over each window; max ignores the padding (PyTorch pads max pooling with −∞).</summary>
        private static void Pool(OpData data, float[] y)
        {
            OpLayerSpec p = data.Spec;
            int oh = (int)p.OutputShape[2], ow = (int)p.OutputShape[3];
            bool max = p.Kind == OpKind.MaxPool2d;
            for (int c = 0; c < p.Batch * p.Channels; c++)
            {
                for (int oy = 0; oy < oh; oy++)
                {
                    for (int ox = 0; ox < ow; ox++)
                    {
                        double acc = max ? double.NegativeInfinity : 0;
                        for (int ky = 0; ky < p.Kernel; ky++)
                        {
                            for (int kx = 0; kx < p.Kernel; kx++)
                            {
                                int iy = oy * p.Stride - p.Padding + ky, ix = ox * p.Stride - p.Padding + kx;
                                if (iy < 0 || iy >= p.Height || ix < 0 || ix >= p.Width) continue;
                                double v = data.Input[(c * p.Height + iy) * p.Width + ix];
                                acc = max ? Math.Max(acc, v) : acc + v;
                            }
                        }

                        // AvgPool2d here has no padding, so count_include_pad does not matter: the divisor is kernel².
                        y[(c * oh + oy) * ow + ox] = (float)(max ? acc : acc / (p.Kernel * p.Kernel));
                    }
                }
            }
        }
    }
}
