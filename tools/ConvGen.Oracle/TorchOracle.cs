using ConvGen.Golden;
using System;
using System.Linq;
using System.Reflection;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ConvGen.Oracle
{
    /// <summary>Input, weight (PyTorch layout <c>(out, in/groups, kH, kW)</c>) and bias of one configuration.</summary>
    public sealed record GoldenData(float[] Input, float[] Weight, float[]? Bias)
    {
        /// <summary>Weights 3·seed+1, bias 3·seed+2, input 3·seed+3 (uniform [-1, 1)), then the special values.</summary>
        public static GoldenData Create(GoldenConfig c)
        {
            ulong s = c.Seed;
            float[] weight = SplitMix64.Uniform(c.WeightLength, 3 * s + 1);
            float[]? bias = c.Bias ? SplitMix64.Uniform(c.OutChannels, 3 * s + 2) : null;
            float[] input = SplitMix64.Uniform(c.InputLength, 3 * s + 3);
            foreach (SpecialValue v in c.Specials)
            {
                switch (v.Target)
                {
                    case Target.Input:
                        input[((v.I0 * c.InChannels + v.I1) * c.Height + v.I2) * c.Width + v.I3] = v.Value;
                        break;
                    case Target.Weight:
                        weight[((v.I0 * (c.InChannels / c.Groups) + v.I1) * c.KernelH + v.I2) * c.KernelW + v.I3] = v.Value;
                        break;
                    default:
                        bias![v.I0] = v.Value;
                        break;
                }
            }

            return new GoldenData(input, weight, bias);
        }

        /// <summary>FNV-1a 64 over the float32 little-endian bytes of input, weight, bias (in that order).</summary>
        public ulong Hash()
        {
            ulong h = 0xCBF29CE484222325UL;
            foreach (float[]? a in new[] { Input, Weight, Bias })
            {
                if (a is null) continue;
                foreach (float f in a)
                {
                    uint bits = BitConverter.SingleToUInt32Bits(f);
                    for (int k = 0; k < 4; k++)
                    {
                        h = (h ^ ((bits >> (8 * k)) & 0xFF)) * 0x100000001B3UL;
                    }
                }
            }

            return h;
        }
    }

    /// <summary>What PyTorch produced for a configuration.</summary>
    public sealed record TorchResult(float[] Output, long[] OutputShape, long[] ModuleReversedPadding, bool CorrectedModulePadding);

    /// <summary>Runs a configuration through TorchSharp's <c>torch.nn.Conv2d</c> module (libtorch, one thread).</summary>
    public static class TorchOracle
    {
        private static readonly FieldInfo ReversedPaddingField =
            typeof(Convolution).GetField("_reversed_padding_repeated_twice", BindingFlags.Instance | BindingFlags.NonPublic)
            ?? throw new InvalidOperationException("TorchSharp.Modules.Convolution._reversed_padding_repeated_twice not found");

        /// <summary>
        /// Builds <c>nn.Conv2d</c> with the configuration's padding (numbers, <c>Padding.Same</c>/<c>Padding.Valid</c>) and
        /// padding mode, loads weight and bias into it and runs <c>forward</c>.
        /// <para>
        /// TorchSharp 0.107.0 bug worked around here: for <c>Padding.Same</c> its <c>Convolution</c> stores the per-axis
        /// padding in <c>_reversed_padding_repeated_twice</c> in dimension order (top, bottom, left, right) instead of
        /// F.pad's reversed order (left, right, top, bottom) that <c>torch/nn/modules/conv.py</c> uses. With a non-zero
        /// padding mode <c>forward</c> hands that array to F.pad, so a rectangular "same" kernel pads the height with the
        /// width's amounts and vice versa (e.g. (3, 5) reflect on 8×9 gives 10×7 instead of 8×9). When the array differs
        /// from PyTorch's, it is set to PyTorch's value before <c>forward</c>, so the module then runs exactly Python's
        /// <c>_conv_forward</c>: <c>F.conv2d(F.pad(x, _reversed_padding_repeated_twice, mode), w, b, stride, 0, dilation,
        /// groups)</c>. With zero padding the array is not used (forward calls libtorch's own <c>padding='same'</c>).
        /// </para>
        /// </summary>
        public static TorchResult Run(GoldenConfig c, GoldenData data)
        {
            using var scope = torch.NewDisposeScope();
            PaddingModes mode = c.Mode switch
            {
                Mode.Zeros => PaddingModes.Zeros,
                Mode.Reflect => PaddingModes.Reflect,
                Mode.Replicate => PaddingModes.Replicate,
                Mode.Circular => PaddingModes.Circular,
                _ => throw new ArgumentOutOfRangeException(nameof(c)),
            };

            (long, long) kernel = (c.KernelH, c.KernelW), stride = (c.StrideH, c.StrideW), dilation = (c.DilationH, c.DilationW);
            Conv2d conv = c.PaddingKind switch
            {
                PaddingKind.Same => nn.Conv2d(c.InChannels, c.OutChannels, kernel, TorchSharp.Padding.Same, stride: stride,
                    dilation: dilation, padding_mode: mode, groups: c.Groups, bias: c.Bias),
                PaddingKind.Valid => nn.Conv2d(c.InChannels, c.OutChannels, kernel, TorchSharp.Padding.Valid, stride: stride,
                    dilation: dilation, padding_mode: mode, groups: c.Groups, bias: c.Bias),
                _ => nn.Conv2d(c.InChannels, c.OutChannels, kernel, stride: stride, padding: (c.PaddingH, c.PaddingW),
                    dilation: dilation, padding_mode: mode, groups: c.Groups, bias: c.Bias),
            };

            try
            {
                var p = c.ResolvedPadding;
                long[] python = { p.Left, p.Right, p.Top, p.Bottom };
                long[] module = (long[])ReversedPaddingField.GetValue(conv)!;
                bool corrected = false;
                if (!module.SequenceEqual(python) && c.Mode != Mode.Zeros)
                {
                    ReversedPaddingField.SetValue(conv, python.ToArray());
                    corrected = true;
                }

                long[] wShape = conv.weight.shape;
                long[] expectedW = { c.OutChannels, c.InChannels / c.Groups, c.KernelH, c.KernelW };
                if (!wShape.SequenceEqual(expectedW)) throw new InvalidOperationException($"{c.Name}: weight shape [{string.Join(", ", wShape)}]");
                if ((conv.bias is null) == c.Bias) throw new InvalidOperationException($"{c.Name}: bias presence");

                long[] xShape = { c.Batch, c.InChannels, c.Height, c.Width };
                using (torch.no_grad())
                {
                    conv.weight.copy_(torch.tensor(data.Weight, wShape));
                    if (data.Bias is not null) conv.bias!.copy_(torch.tensor(data.Bias, new long[] { c.OutChannels }));
                    Tensor x = torch.tensor(data.Input, xShape);
                    Tensor y = conv.forward(x);
                    long[] yShape = y.shape;
                    long[] expectedY = { c.Batch, c.OutChannels, c.OutputHeight, c.OutputWidth };
                    if (!yShape.SequenceEqual(expectedY))
                    {
                        throw new InvalidOperationException(
                            $"{c.Name}: PyTorch output shape [{string.Join(", ", yShape)}], the resolved padding predicts [{string.Join(", ", expectedY)}]");
                    }

                    float[] output = y.contiguous().data<float>().ToArray();

                    // The recorded padding must be the one PyTorch applied: F.pad with (left, right, top, bottom) in the
                    // same mode (constant 0 for zeros) followed by an unpadded F.conv2d must give the module's output.
                    // (Skipped for NaN/∞ data: the explicit zeros would be multiplied where a direct kernel skips them.)
                    if (c.Specials.Count == 0)
                    {
                        Tensor padded = torch.nn.functional.pad(x, python, c.Mode == Mode.Zeros ? PaddingModes.Constant : mode);
                        Tensor alt = torch.nn.functional.conv2d(padded, conv.weight, conv.bias, new long[] { c.StrideH, c.StrideW },
                            new long[] { 0, 0 }, new long[] { c.DilationH, c.DilationW }, c.Groups);
                        float[] altOut = alt.contiguous().data<float>().ToArray();
                        double scale = output.Max(v => Math.Abs((double)v)) + 1;
                        double worst = output.Zip(altOut, (a, b) => Math.Abs((double)a - b)).Max();
                        if (!(worst <= 1e-4 * scale))
                        {
                            throw new InvalidOperationException(
                                $"{c.Name}: module output differs from F.pad({string.Join(", ", python)}) + F.conv2d by {worst:G3}");
                        }
                    }

                    return new TorchResult(output, yShape, module, corrected);
                }
            }
            finally
            {
                conv.Dispose();
            }
        }
    }
}
