using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using TorchSharp;
using static TorchSharp.torch;

namespace ConvGen.Oracle
{
    /// <summary>
    /// Computes <c>torch.nn.Conv2d</c> outputs with PyTorch itself (TorchSharp's <c>nn.Conv2d</c> module, so PyTorch
    /// decides the padding: numbers, <c>Padding.Same</c>/<c>Padding.Valid</c>, and the padding mode).
    /// For now: one configuration end to end, printing the output shape and checksums. The golden-vector file format
    /// and the configuration list come later (they will reuse <see cref="OracleConfig"/> and <see cref="Oracle.Run"/>).
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            OracleConfig config;
            try
            {
                config = OracleConfig.Parse(args);
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine(e.Message);
                Console.Error.WriteLine(OracleConfig.Usage);
                return 2;
            }

            torch.set_num_threads(1);
            Console.WriteLine($"libtorch via TorchSharp {typeof(torch).Assembly.GetName().Version}, 1 thread");
            Console.WriteLine($"config: {config}");
            OracleResult r = Oracle.Run(config);
            Console.WriteLine($"input  shape: [{string.Join(", ", r.InputShape)}]");
            Console.WriteLine($"weight shape: [{string.Join(", ", r.WeightShape)}]");
            Console.WriteLine($"output shape: [{string.Join(", ", r.OutputShape)}]");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"checksum: sum={r.Output.Sum(x => (double)x):R} sumAbs={r.Output.Sum(x => Math.Abs((double)x)):R} " +
                $"first={r.Output[0]:R} last={r.Output[^1]:R}"));
            Console.WriteLine($"sha256(output float32 LE): {Convert.ToHexString(SHA256.HashData(MemoryMarshal.AsBytes(r.Output.AsSpan()))).ToLowerInvariant()}");
            return 0;
        }
    }

    /// <summary>One <c>nn.Conv2d</c> configuration plus the input size and the data seed.</summary>
    public sealed record OracleConfig(
        int InChannels,
        int OutChannels,
        int KernelH,
        int KernelW,
        int Stride,
        string Padding,
        int Dilation,
        int Groups,
        bool Bias,
        string PaddingMode,
        int Batch,
        int Height,
        int Width,
        ulong Seed)
    {
        public const string Usage =
            "usage: ConvGen.Oracle [--in 3] [--out 8] [--kernel 3 | --kernel 3x5] [--stride 1] [--padding same|valid|N]\n" +
            "                      [--dilation 1] [--groups 1] [--bias true] [--padding-mode zeros|reflect|replicate|circular]\n" +
            "                      [--batch 1] [--height 10] [--width 10] [--seed 1]";

        /// <summary>The default end-to-end configuration: padding='same' with reflect padding (PyTorch decides both).</summary>
        public static readonly OracleConfig Default = new OracleConfig(3, 8, 3, 3, 1, "same", 1, 1, true, "reflect", 1, 10, 10, 1);

        public static OracleConfig Parse(string[] args)
        {
            OracleConfig c = Default;
            for (int i = 0; i < args.Length; i += 2)
            {
                if (i + 1 >= args.Length)
                {
                    throw new ArgumentException($"missing value after {args[i]}");
                }

                string v = args[i + 1];
                c = args[i] switch
                {
                    "--in" => c with { InChannels = int.Parse(v, CultureInfo.InvariantCulture) },
                    "--out" => c with { OutChannels = int.Parse(v, CultureInfo.InvariantCulture) },
                    "--kernel" => v.Split('x') is { Length: 2 } kk
                        ? c with { KernelH = int.Parse(kk[0], CultureInfo.InvariantCulture), KernelW = int.Parse(kk[1], CultureInfo.InvariantCulture) }
                        : c with { KernelH = int.Parse(v, CultureInfo.InvariantCulture), KernelW = int.Parse(v, CultureInfo.InvariantCulture) },
                    "--stride" => c with { Stride = int.Parse(v, CultureInfo.InvariantCulture) },
                    "--padding" => c with { Padding = v },
                    "--dilation" => c with { Dilation = int.Parse(v, CultureInfo.InvariantCulture) },
                    "--groups" => c with { Groups = int.Parse(v, CultureInfo.InvariantCulture) },
                    "--bias" => c with { Bias = bool.Parse(v) },
                    "--padding-mode" => c with { PaddingMode = v },
                    "--batch" => c with { Batch = int.Parse(v, CultureInfo.InvariantCulture) },
                    "--height" => c with { Height = int.Parse(v, CultureInfo.InvariantCulture) },
                    "--width" => c with { Width = int.Parse(v, CultureInfo.InvariantCulture) },
                    "--seed" => c with { Seed = ulong.Parse(v, CultureInfo.InvariantCulture) },
                    _ => throw new ArgumentException($"unknown option {args[i]}"),
                };
            }

            return c;
        }

        public override string ToString() =>
            $"nn.Conv2d({InChannels}, {OutChannels}, ({KernelH}, {KernelW}), stride={Stride}, padding={(int.TryParse(Padding, out _) ? Padding : "'" + Padding + "'")}, " +
            $"dilation={Dilation}, groups={Groups}, bias={Bias}, padding_mode='{PaddingMode}') on ({Batch}, {InChannels}, {Height}, {Width}), seed {Seed}";
    }

    public sealed record OracleResult(long[] InputShape, float[] Input, long[] WeightShape, float[] Weight, float[]? Bias, long[] OutputShape, float[] Output);

    public static class Oracle
    {
        /// <summary>Builds the module, loads seeded uniform [-1, 1) weight/bias/input into it, runs forward.</summary>
        public static OracleResult Run(OracleConfig c)
        {
            PaddingModes mode = c.PaddingMode.ToLowerInvariant() switch
            {
                "zeros" => PaddingModes.Zeros,
                "reflect" => PaddingModes.Reflect,
                "replicate" => PaddingModes.Replicate,
                "circular" => PaddingModes.Circular,
                _ => throw new ArgumentException($"unknown padding mode '{c.PaddingMode}'"),
            };

            (long, long) kernel = (c.KernelH, c.KernelW);
            using var conv = c.Padding.ToLowerInvariant() switch
            {
                "same" => nn.Conv2d(c.InChannels, c.OutChannels, kernel, TorchSharp.Padding.Same, stride: (c.Stride, c.Stride),
                    dilation: (c.Dilation, c.Dilation), padding_mode: mode, groups: c.Groups, bias: c.Bias),
                "valid" => nn.Conv2d(c.InChannels, c.OutChannels, kernel, TorchSharp.Padding.Valid, stride: (c.Stride, c.Stride),
                    dilation: (c.Dilation, c.Dilation), padding_mode: mode, groups: c.Groups, bias: c.Bias),
                _ => nn.Conv2d(c.InChannels, c.OutChannels, kernel, stride: (c.Stride, c.Stride),
                    padding: (int.Parse(c.Padding, CultureInfo.InvariantCulture), int.Parse(c.Padding, CultureInfo.InvariantCulture)),
                    dilation: (c.Dilation, c.Dilation), padding_mode: mode, groups: c.Groups, bias: c.Bias),
            };

            long[] wShape = conv.weight!.shape;
            long[] xShape = { c.Batch, c.InChannels, c.Height, c.Width };
            float[] w = Uniform(checked((int)wShape.Aggregate(1L, (a, b) => a * b)), c.Seed * 3 + 1);
            float[]? b = c.Bias ? Uniform(c.OutChannels, c.Seed * 3 + 2) : null;
            float[] x = Uniform(checked((int)xShape.Aggregate(1L, (a, d) => a * d)), c.Seed * 3 + 3);

            using (torch.no_grad())
            {
                using Tensor wt = torch.tensor(w, wShape);
                conv.weight!.copy_(wt);
                if (b is not null)
                {
                    using Tensor bt = torch.tensor(b, new long[] { c.OutChannels });
                    conv.bias!.copy_(bt);
                }

                using Tensor input = torch.tensor(x, xShape);
                using Tensor y = conv.forward(input);
                return new OracleResult(xShape, x, wShape, w, b, y.shape, y.contiguous().data<float>().ToArray());
            }
        }

        /// <summary>SplitMix64 → uniform [-1, 1) (same generator as benchmarks/ConvGen.Benchmarks/LayerData.cs).</summary>
        public static float[] Uniform(int count, ulong seed)
        {
            var result = new float[count];
            ulong state = seed;
            for (int i = 0; i < result.Length; i++)
            {
                state += 0x9E3779B97F4A7C15UL;
                ulong z = state;
                z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
                z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
                z ^= z >> 31;
                result[i] = 2f * ((z >> 40) * (1.0f / (1 << 24))) - 1f;
            }

            return result;
        }
    }
}
