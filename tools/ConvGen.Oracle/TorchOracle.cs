using ConvGen.Golden;
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ConvGen.Oracle
{
    /// <summary>
    /// Input, weight (PyTorch layout <c>(out, in/groups, *kernel)</c>, transposed <c>(in, out/groups, *kernel)</c>) and bias
    /// of one configuration.
    /// </summary>
    public sealed record GoldenData(float[] Input, float[] Weight, float[]? Bias)
    {
        /// <summary>Weights 3·seed+1, bias 3·seed+2, input 3·seed+3 (uniform [-1, 1), the input times 2^scale), then the special values.</summary>
        public static GoldenData Create(GoldenConfig c)
        {
            ulong s = c.Seed;
            float[] weight = SplitMix64.Uniform(c.WeightLength, 3 * s + 1);
            float[]? bias = c.Bias ? SplitMix64.Uniform(c.OutChannels, 3 * s + 2) : null;
            float[] input = SplitMix64.Uniform(c.InputLength, 3 * s + 3);
            if (c.InputScaleLog2 != 0)
            {
                float scale = c.InputScale;
                for (int i = 0; i < input.Length; i++) input[i] *= scale; // a power of two: exact
            }

            foreach (SpecialValue v in c.Specials)
            {
                switch (v.Target)
                {
                    case Target.Input:
                        input[Flat(v.Index, new[] { c.Batch, c.InChannels }.Concat(c.Size).ToArray())] = v.Value;
                        break;
                    case Target.Weight:
                        weight[Flat(v.Index, c.WeightShape)] = v.Value;
                        break;
                    default:
                        bias![Flat(v.Index, new[] { c.OutChannels })] = v.Value;
                        break;
                }
            }

            return new GoldenData(input, weight, bias);
        }

        private static int Flat(int[] index, int[] shape)
        {
            if (index.Length != shape.Length) throw new ArgumentException($"index [{string.Join(", ", index)}] for shape [{string.Join(", ", shape)}]");
            int flat = 0;
            for (int i = 0; i < shape.Length; i++)
            {
                if ((uint)index[i] >= (uint)shape[i]) throw new ArgumentException($"index [{string.Join(", ", index)}] outside [{string.Join(", ", shape)}]");
                flat = flat * shape[i] + index[i];
            }

            return flat;
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

    /// <summary>
    /// What PyTorch produced for a configuration: the output (after the activation module, if any), its shape, the
    /// convolution's own output before the activation (for the manifest's region summary), the padding array of the
    /// TorchSharp module, whether a TorchSharp bug was worked around (same-padding order; transposed output_padding), and
    /// for a transposed configuration whether libtorch with oneDNN's default instruction set gave a different output (see
    /// <see cref="TransposedWorker"/>).
    /// </summary>
    public sealed record TorchResult(float[] Output, long[] OutputShape, float[] ConvOutput, long[] ModuleReversedPadding, bool CorrectedModulePadding,
        bool CorrectedOutputPadding = false, bool DefaultIsaDiffers = false);

    /// <summary>Runs a configuration through TorchSharp's <c>torch.nn.Conv1d/2d/3d</c> module and activation module (libtorch, one thread).</summary>
    public static class TorchOracle
    {
        private static readonly FieldInfo ReversedPaddingField =
            typeof(Convolution).GetField("_reversed_padding_repeated_twice", BindingFlags.Instance | BindingFlags.NonPublic)
            ?? throw new InvalidOperationException("TorchSharp.Modules.Convolution._reversed_padding_repeated_twice not found");

        /// <summary>
        /// Builds <c>nn.ConvNd</c> with the configuration's padding (numbers, <c>Padding.Same</c>/<c>Padding.Valid</c>) and
        /// padding mode, loads weight and bias into it and runs <c>forward</c>, then the activation module.
        /// <para>
        /// TorchSharp 0.107.0 bug worked around here: for <c>Padding.Same</c> its <c>Convolution</c> stores the per-axis
        /// padding in <c>_reversed_padding_repeated_twice</c> in dimension order ((top, bottom, left, right); for Conv3d
        /// (front, back, top, bottom, left, right)) instead of F.pad's reversed order (last axis first) that
        /// <c>torch/nn/modules/conv.py</c> uses. With a non-zero padding mode <c>forward</c> hands that array to F.pad, so
        /// an uneven or non-cubic "same" kernel pads one axis with another's amounts (e.g. Conv2d (3, 5) reflect on 8×9
        /// gives 10×7 instead of 8×9; Conv3d (2, 3, 4) dilation (1, 2, 1) on 5×6×7 gives 7×6×5). When the array differs
        /// from PyTorch's, it is set to PyTorch's value before <c>forward</c>, so the module then runs exactly Python's
        /// <c>_conv_forward</c>: <c>F.convNd(F.pad(x, _reversed_padding_repeated_twice, mode), w, b, stride, 0, dilation,
        /// groups)</c>. With zero padding the array is not used (forward calls libtorch's own <c>padding='same'</c>).
        /// Conv1d has one axis, so its order cannot be wrong.
        /// </para>
        /// </summary>
        public static TorchResult Run(GoldenConfig c, GoldenData data)
        {
            if (c.Transposed) return RunTransposed(c, data);
            using var scope = torch.NewDisposeScope();
            PaddingModes mode = c.Mode switch
            {
                Mode.Zeros => PaddingModes.Zeros,
                Mode.Reflect => PaddingModes.Reflect,
                Mode.Replicate => PaddingModes.Replicate,
                Mode.Circular => PaddingModes.Circular,
                _ => throw new ArgumentOutOfRangeException(nameof(c)),
            };

            Convolution conv = Create(c, mode);
            nn.Module<Tensor, Tensor>? activation = CreateActivation(c);
            try
            {
                var (before, after) = c.ResolvedPadding;
                var pythonList = new List<long>();
                for (int i = c.Rank - 1; i >= 0; i--)
                {
                    pythonList.Add(before[i]);
                    pythonList.Add(after[i]);
                }

                long[] python = pythonList.ToArray();
                long[] module = (long[])ReversedPaddingField.GetValue(conv)!;
                bool corrected = false;
                if (!module.SequenceEqual(python) && c.Mode != Mode.Zeros)
                {
                    ReversedPaddingField.SetValue(conv, python.ToArray());
                    corrected = true;
                }

                long[] wShape = conv.weight.shape;
                long[] expectedW = new long[] { c.OutChannels, c.InChannels / c.Groups }.Concat(c.Kernel.Select(k => (long)k)).ToArray();
                if (!wShape.SequenceEqual(expectedW)) throw new InvalidOperationException($"{c.Name}: weight shape [{string.Join(", ", wShape)}]");
                if ((conv.bias is null) == c.Bias) throw new InvalidOperationException($"{c.Name}: bias presence");

                long[] xShape = new long[] { c.Batch, c.InChannels }.Concat(c.Size.Select(s => (long)s)).ToArray();
                using (torch.no_grad())
                {
                    conv.weight.copy_(torch.tensor(data.Weight, wShape));
                    if (data.Bias is not null) conv.bias!.copy_(torch.tensor(data.Bias, new long[] { c.OutChannels }));
                    Tensor x = torch.tensor(data.Input, xShape);
                    Tensor y = conv.forward(x);
                    long[] yShape = y.shape;
                    long[] expectedY = new long[] { c.Batch, c.OutChannels }.Concat(c.OutputSize.Select(o => (long)o)).ToArray();
                    if (!yShape.SequenceEqual(expectedY))
                    {
                        throw new InvalidOperationException(
                            $"{c.Name}: PyTorch output shape [{string.Join(", ", yShape)}], the resolved padding predicts [{string.Join(", ", expectedY)}]");
                    }

                    float[] convOutput = y.contiguous().data<float>().ToArray();

                    // The recorded padding must be the one PyTorch applied: F.pad with the reversed (before, after) pairs in
                    // the same mode (constant 0 for zeros) followed by an unpadded F.convNd must give the module's output.
                    // (Skipped for NaN/∞ data: the explicit zeros would be multiplied where a direct kernel skips them.)
                    if (c.Specials.Count == 0)
                    {
                        Tensor padded = torch.nn.functional.pad(x, python, c.Mode == Mode.Zeros ? PaddingModes.Constant : mode);
                        long[] stride = c.Stride.Select(s => (long)s).ToArray(), dilation = c.Dilation.Select(d => (long)d).ToArray();
                        Tensor alt = c.Rank switch
                        {
                            1 => torch.nn.functional.conv1d(padded, conv.weight, conv.bias, stride[0], 0, dilation[0], c.Groups),
                            2 => torch.nn.functional.conv2d(padded, conv.weight, conv.bias, stride, new long[] { 0, 0 }, dilation, c.Groups),
                            _ => torch.nn.functional.conv3d(padded, conv.weight, conv.bias, stride, new long[] { 0, 0, 0 }, dilation, c.Groups),
                        };
                        float[] altOut = alt.contiguous().data<float>().ToArray();
                        double scale = convOutput.Max(v => Math.Abs((double)v)) + 1;
                        double worst = convOutput.Zip(altOut, (a, b) => Math.Abs((double)a - b)).Max();
                        if (!(worst <= 1e-4 * scale))
                        {
                            throw new InvalidOperationException(
                                $"{c.Name}: module output differs from F.pad({string.Join(", ", python)}) + F.conv{c.Rank}d by {worst:G3}");
                        }
                    }

                    float[] output = convOutput;
                    if (activation is not null)
                    {
                        Tensor z = activation.forward(y);
                        if (!z.shape.SequenceEqual(yShape)) throw new InvalidOperationException($"{c.Name}: activation changed the shape");
                        output = z.contiguous().data<float>().ToArray();
                    }

                    return new TorchResult(output, yShape, convOutput, module, corrected);
                }
            }
            finally
            {
                conv.Dispose();
                (activation as IDisposable)?.Dispose();
            }
        }

        /// <summary>
        /// Builds <c>nn.ConvTranspose1d/2d/3d</c> with the configuration's stride, padding, output_padding, dilation, groups and
        /// bias, loads weight <c>(in, out/groups, *kernel)</c> and bias into it and runs <c>forward</c>, then the activation module.
        /// <para>
        /// TorchSharp 0.107.0 bug worked around here: <c>ConvolutionTranspose._output_padding</c> returns only
        /// <c>output_padding[0]</c> when <c>forward</c> is called without an output size, and libtorch expands a one-element
        /// list to every axis, so <c>output_padding=(1, 0)</c> runs as (1, 1). Python's <c>_ConvTransposeNd._output_padding</c>
        /// returns the whole tuple (libtorch's native kernel then rejects the configuration, its oneDNN path returns the
        /// wrong shape). TorchSharp's <c>forward(input, output_size)</c> cannot stand in: like Python's it only accepts
        /// output_padding below the stride, not below the dilation. When the axes' output_padding differ, the module's
        /// forward is therefore done as Python's <c>ConvTransposeNd.forward</c> does it: <c>F.conv_transposeNd(input,
        /// weight, bias, stride, padding, output_padding, groups, dilation)</c> with the module's own weight, bias and
        /// parameters (the manifest marks those files "TorchSharp output_padding corrected").
        /// </para>
        /// <para>
        /// Check: a transposed convolution is the stride-1 convolution of the input with s − 1 zeros inserted between
        /// elements, zero-padded by d·(k − 1) − p before and d·(k − 1) − p + output_padding after (negative: cropped),
        /// with the weight's in/out axes swapped per group and the kernel flipped. That is computed with F.pad and
        /// F.convNd and must give the module's output (within 1e-4 of its scale), so the recorded stride, padding,
        /// output_padding and dilation are the ones PyTorch applied.
        /// </para>
        /// </summary>
        public static TorchResult RunTransposed(GoldenConfig c, GoldenData data, bool check = true)
        {
            using var scope = torch.NewDisposeScope();
            int rank = c.Rank;
            long[] L(int[] v) => v.Select(x => (long)x).ToArray();
            long[] k = L(c.Kernel), s = L(c.Stride), p = L(c.Padding), op = L(c.OutputPaddingOrZero), d = L(c.Dilation);
            ConvolutionTranspose conv = rank switch
            {
                1 => nn.ConvTranspose1d(c.InChannels, c.OutChannels, k[0], stride: s[0], padding: p[0], output_padding: op[0], dilation: d[0],
                    groups: c.Groups, bias: c.Bias),
                2 => nn.ConvTranspose2d(c.InChannels, c.OutChannels, (k[0], k[1]), stride: (s[0], s[1]), padding: (p[0], p[1]),
                    output_padding: (op[0], op[1]), dilation: (d[0], d[1]), groups: c.Groups, bias: c.Bias),
                _ => nn.ConvTranspose3d(c.InChannels, c.OutChannels, (k[0], k[1], k[2]), stride: (s[0], s[1], s[2]), padding: (p[0], p[1], p[2]),
                    output_padding: (op[0], op[1], op[2]), dilation: (d[0], d[1], d[2]), groups: c.Groups, bias: c.Bias),
            };
            nn.Module<Tensor, Tensor>? activation = CreateActivation(c);
            try
            {
                long[] wShape = conv.weight.shape;
                long[] expectedW = L(c.WeightShape);
                if (!wShape.SequenceEqual(expectedW)) throw new InvalidOperationException($"{c.Name}: weight shape [{string.Join(", ", wShape)}]");
                if ((conv.bias is null) == c.Bias) throw new InvalidOperationException($"{c.Name}: bias presence");

                long[] xShape = new long[] { c.Batch, c.InChannels }.Concat(L(c.Size)).ToArray();
                long[] expectedY = new long[] { c.Batch, c.OutChannels }.Concat(L(c.OutputSize)).ToArray();
                using (torch.no_grad())
                {
                    conv.weight.copy_(torch.tensor(data.Weight, wShape));
                    if (data.Bias is not null) conv.bias!.copy_(torch.tensor(data.Bias, new long[] { c.OutChannels }));
                    // Batch 0: TorchSharp's tensor(float[], shape) rejects an empty array; an empty tensor of the shape is the same.
                    Tensor x = data.Input.Length == 0 ? torch.zeros(xShape) : torch.tensor(data.Input, xShape);
                    bool corrected = op.Distinct().Count() > 1;
                    Tensor y = corrected ? PythonForward(c, conv, x) : conv.forward(x);

                    long[] yShape = y.shape;
                    if (!yShape.SequenceEqual(expectedY))
                    {
                        throw new InvalidOperationException(
                            $"{c.Name}: PyTorch output shape [{string.Join(", ", yShape)}], the transposed formula predicts [{string.Join(", ", expectedY)}]");
                    }

                    float[] convOutput = Floats(y);
                    if (check && c.Specials.Count == 0 && c.Batch > 0)
                    {
                        Tensor alt = TransposedAsConvolution(c, x, conv.weight, conv.bias);
                        float[] altOut = Floats(alt);
                        if (!alt.shape.SequenceEqual(yShape)) throw new InvalidOperationException($"{c.Name}: the equivalent convolution has shape [{string.Join(", ", alt.shape)}]");
                        double scale = convOutput.Max(v => Math.Abs((double)v)) + 1;
                        double worst = convOutput.Zip(altOut, (a, b) => Math.Abs((double)a - b)).Max();
                        if (!(worst <= 1e-4 * scale))
                        {
                            int at = Enumerable.Range(0, convOutput.Length).First(i => Math.Abs((double)convOutput[i] - altOut[i]) == worst);
                            throw new InvalidOperationException(
                                $"{c.Name}: module output differs from the equivalent zero-inserted convolution by {worst:G3} at flat index {at} " +
                                $"({convOutput[at]:R} vs {altOut[at]:R})");
                        }
                    }

                    float[] output = convOutput;
                    if (activation is not null)
                    {
                        Tensor z = activation.forward(y);
                        if (!z.shape.SequenceEqual(yShape)) throw new InvalidOperationException($"{c.Name}: activation changed the shape");
                        output = Floats(z);
                    }

                    return new TorchResult(output, yShape, convOutput, Array.Empty<long>(), false, corrected);
                }
            }
            finally
            {
                conv.Dispose();
                (activation as IDisposable)?.Dispose();
            }
        }

        /// <summary>Python's <c>ConvTransposeNd.forward(input)</c>: the functional with the module's weight, bias and whole output_padding tuple.</summary>
        private static Tensor PythonForward(GoldenConfig c, ConvolutionTranspose conv, Tensor x)
        {
            long[] s = conv.stride, p = conv.padding!, op = conv.output_padding, d = conv.dilation;
            if (!op.SequenceEqual(c.OutputPaddingOrZero.Select(v => (long)v))) throw new InvalidOperationException($"{c.Name}: module output_padding [{string.Join(", ", op)}]");
            return c.Rank switch
            {
                1 => torch.nn.functional.conv_transpose1d(x, conv.weight, conv.bias, s[0], p[0], op[0], d[0], c.Groups),
                2 => torch.nn.functional.conv_transpose2d(x, conv.weight, conv.bias, s, p, op, d, c.Groups),
                _ => torch.nn.functional.conv_transpose3d(x, conv.weight, conv.bias, s, p, op, d, c.Groups),
            };
        }

        /// <summary>A tensor's elements (none for an empty tensor, which TorchSharp's data() rejects).</summary>
        private static float[] Floats(Tensor t) => t.numel() == 0 ? Array.Empty<float>() : t.contiguous().data<float>().ToArray();

        /// <summary>The same NaN/±∞ positions and finite values within 1e-5 of the output's scale.</summary>
        public static bool SameValues(float[] a, float[] b)
        {
            if (a.Length != b.Length) return false;
            double scale = 1;
            foreach (float v in a) if (float.IsFinite(v)) scale = Math.Max(scale, Math.Abs(v));
            for (int i = 0; i < a.Length; i++)
            {
                bool same = float.IsNaN(a[i]) ? float.IsNaN(b[i])
                    : float.IsInfinity(a[i]) ? a[i] == b[i]
                    : float.IsFinite(b[i]) && Math.Abs((double)a[i] - b[i]) <= 1e-5 * scale;
                if (!same) return false;
            }

            return true;
        }

        /// <summary>
        /// The transposed convolution as an ordinary one (see <see cref="RunTransposed"/>): s − 1 zeros between input elements
        /// per axis, constant padding d·(k − 1) − p before and d·(k − 1) − p + output_padding after, weight (in, out/g, k…) →
        /// (out, in/g, k…) per group and flipped, stride 1.
        /// </summary>
        private static Tensor TransposedAsConvolution(GoldenConfig c, Tensor x, Tensor weight, Tensor? bias)
        {
            int rank = c.Rank;
            Tensor up = x;
            for (int a = 0; a < rank; a++)
            {
                int dim = 2 + a, stride = c.Stride[a];
                if (stride == 1) continue;
                long n = c.Size[a];
                Tensor t = up.transpose(dim, -1).unsqueeze(-1);                      // (…, n, 1)
                t = torch.nn.functional.pad(t, new long[] { 0, stride - 1 });           // (…, n, s): each element and s − 1 zeros
                long[] shape = t.shape;
                t = t.reshape(shape[..^2].Append(n * stride).ToArray()).narrow(-1, 0, (n - 1) * stride + 1);
                up = t.transpose(dim, -1);
            }

            var pads = new List<long>();
            for (int a = rank - 1; a >= 0; a--)
            {
                long span = (long)c.Dilation[a] * (c.Kernel[a] - 1);
                pads.Add(span - c.Padding[a]);
                pads.Add(span - c.Padding[a] + c.OutputPaddingOrZero[a]);
            }

            Tensor padded = torch.nn.functional.pad(up, pads.ToArray(), PaddingModes.Constant);
            int g = c.Groups, inG = c.InChannels / g, outG = c.OutChannels / g;
            long[] kernel = c.Kernel.Select(v => (long)v).ToArray();
            Tensor w = weight.reshape(new long[] { g, inG, outG }.Concat(kernel).ToArray()).transpose(1, 2)
                .reshape(new long[] { c.OutChannels, inG }.Concat(kernel).ToArray())
                .flip(Enumerable.Range(2, rank).Select(v => (long)v).ToArray());
            long[] dilation = c.Dilation.Select(v => (long)v).ToArray();
            return rank switch
            {
                1 => torch.nn.functional.conv1d(padded, w, bias, 1, 0, dilation[0], g),
                2 => torch.nn.functional.conv2d(padded, w, bias, new long[] { 1, 1 }, new long[] { 0, 0 }, dilation, g),
                _ => torch.nn.functional.conv3d(padded, w, bias, new long[] { 1, 1, 1 }, new long[] { 0, 0, 0 }, dilation, g),
            };
        }

        private static Convolution Create(GoldenConfig c, PaddingModes mode)
        {
            int[] k = c.Kernel, s = c.Stride, d = c.Dilation, p = c.Padding;
            switch (c.Rank)
            {
                case 1:
                    return c.PaddingKind switch
                    {
                        PaddingKind.Same => nn.Conv1d(c.InChannels, c.OutChannels, k[0], TorchSharp.Padding.Same, stride: s[0], dilation: d[0],
                            padding_mode: mode, groups: c.Groups, bias: c.Bias),
                        PaddingKind.Valid => nn.Conv1d(c.InChannels, c.OutChannels, k[0], TorchSharp.Padding.Valid, stride: s[0], dilation: d[0],
                            padding_mode: mode, groups: c.Groups, bias: c.Bias),
                        _ => nn.Conv1d(c.InChannels, c.OutChannels, k[0], stride: s[0], padding: p[0], dilation: d[0],
                            padding_mode: mode, groups: c.Groups, bias: c.Bias),
                    };
                case 2:
                    (long, long) kernel = (k[0], k[1]), stride = (s[0], s[1]), dilation = (d[0], d[1]);
                    return c.PaddingKind switch
                    {
                        PaddingKind.Same => nn.Conv2d(c.InChannels, c.OutChannels, kernel, TorchSharp.Padding.Same, stride: stride,
                            dilation: dilation, padding_mode: mode, groups: c.Groups, bias: c.Bias),
                        PaddingKind.Valid => nn.Conv2d(c.InChannels, c.OutChannels, kernel, TorchSharp.Padding.Valid, stride: stride,
                            dilation: dilation, padding_mode: mode, groups: c.Groups, bias: c.Bias),
                        _ => nn.Conv2d(c.InChannels, c.OutChannels, kernel, stride: stride, padding: (p[0], p[1]),
                            dilation: dilation, padding_mode: mode, groups: c.Groups, bias: c.Bias),
                    };
                default:
                    (long, long, long) kernel3 = (k[0], k[1], k[2]), stride3 = (s[0], s[1], s[2]), dilation3 = (d[0], d[1], d[2]);
                    return c.PaddingKind switch
                    {
                        PaddingKind.Same => nn.Conv3d(c.InChannels, c.OutChannels, kernel3, TorchSharp.Padding.Same, stride: stride3,
                            dilation: dilation3, padding_mode: mode, groups: c.Groups, bias: c.Bias),
                        PaddingKind.Valid => nn.Conv3d(c.InChannels, c.OutChannels, kernel3, TorchSharp.Padding.Valid, stride: stride3,
                            dilation: dilation3, padding_mode: mode, groups: c.Groups, bias: c.Bias),
                        _ => nn.Conv3d(c.InChannels, c.OutChannels, kernel3, stride: stride3, padding: (p[0], p[1], p[2]),
                            dilation: dilation3, padding_mode: mode, groups: c.Groups, bias: c.Bias),
                    };
            }
        }

        /// <summary>The <c>torch.nn</c> activation module of a configuration (null: none).</summary>
        public static nn.Module<Tensor, Tensor>? CreateActivation(GoldenConfig c) => CreateActivation(c.Activation, c.NegativeSlope);

        public static nn.Module<Tensor, Tensor>? CreateActivation(GoldenActivation activation, float slope) => activation switch
        {
            GoldenActivation.None => null,
            GoldenActivation.ReLU => nn.ReLU(),
            GoldenActivation.ReLU6 => nn.ReLU6(),
            // Python's nn.LeakyReLU(0.2) passes the double 0.2; libtorch rounds it to the float 0.2f, as ConvGen stores it.
            GoldenActivation.LeakyReLU => nn.LeakyReLU(double.Parse(slope.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)),
            GoldenActivation.Sigmoid => nn.Sigmoid(),
            GoldenActivation.Tanh => nn.Tanh(),
            GoldenActivation.Hardsigmoid => nn.Hardsigmoid(),
            GoldenActivation.Hardswish => nn.Hardswish(),
            GoldenActivation.SiLU => nn.SiLU(),
            GoldenActivation.GELU => nn.GELU(),
            GoldenActivation.GELUTanh => nn.GELU(GELU.Approximate.tanh),
            _ => throw new ArgumentOutOfRangeException(nameof(activation)),
        };
    }
}
