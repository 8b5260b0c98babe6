using ConvGen.Golden;
using System;
using System.Collections.Generic;
using System.Linq;

namespace ConvGen.Oracle
{
    /// <summary>
    /// The transposed configurations (format 2, after every other file so that their numbers and bytes stay as they were):
    /// <c>torch.nn.ConvTranspose1d</c>, <c>ConvTranspose2d</c> and <c>ConvTranspose3d</c> over the same parameter matrix
    /// (strides 1–4, padding 0 to beyond d·(k − 1), output_padding below the stride or the dilation, dilations 1–3, groups,
    /// depthwise and depthwise-multiplier, bias off, batch 0, 1 and &gt; 1, 1-element inputs, kernels smaller than the
    /// stride), rank-specific extras (rectangular kernels/strides/output_padding, lengths around the vector widths),
    /// NaN/±∞, fused activations, and real layers: DCGAN's generator, U-Net's up-convolutions, FCN-8s's up-sampling, a 3D
    /// U-Net decoder, the HiFi-GAN/MelGAN up-samplers and a Conv-TasNet decoder.
    /// </summary>
    public static partial class Configurations
    {
        private static IEnumerable<GoldenConfig> TransposedAll()
        {
            foreach (int rank in new[] { 1, 2, 3 })
            {
                foreach (GoldenConfig c in TransposedMatrix(rank)) yield return c;
                foreach (GoldenConfig c in rank switch { 1 => Transposed1dExtras(), 2 => Transposed2dExtras(), _ => Transposed3dExtras() }) yield return c;
                foreach (GoldenConfig c in TransposedNonFinite(rank)) yield return c;
            }

            foreach (GoldenConfig c in TransposedActivations()) yield return c;
            foreach (GoldenConfig c in TransposedNetworks()) yield return c with { Seeded = true };
        }

        /// <summary>
        /// A transposed configuration named "convtranspose{rank}d-{name}": kernel/stride/padding/output_padding/dilation an
        /// int or a (h, w) / (d, h, w) tuple.
        /// </summary>
        private static GoldenConfig T(int rank, string name, int cin, int cout, object kernel, int[] size, object? stride = null, object? padding = null,
            object? outputPadding = null, object? dilation = null, int groups = 1, bool bias = true, int batch = 1, string? family = null, string note = "") =>
            new()
            {
                Name = $"convtranspose{rank}d-{name}",
                Family = family ?? $"convtranspose{rank}d",
                Transposed = true,
                InChannels = cin,
                OutChannels = cout,
                Kernel = Axes(kernel, rank),
                Stride = Axes(stride ?? 1, rank),
                Padding = Axes(padding ?? 0, rank),
                OutputPadding = outputPadding is null ? null : Axes(outputPadding, rank),
                Dilation = Axes(dilation ?? 1, rank),
                Groups = groups,
                Bias = bias,
                Batch = batch,
                Size = size,
                Note = note,
            };

        /// <summary>
        /// The matrix's input size for base size n: a length of 3n + 1 (1-D), n × (n + 2) (2-D), ⌈n/2⌉ × n × (n + 1)
        /// (3-D); all ones for n = 1.
        /// </summary>
        private static int[] TransposedSize(int rank, int n) =>
            n == 1 ? Enumerable.Repeat(1, rank).ToArray()
            : rank switch
            {
                1 => new[] { 3 * n + 1 },
                2 => new[] { n, n + 2 },
                _ => new[] { (n + 1) / 2, n, n + 1 },
            };

        /// <summary>The same geometries in 1-D, 2-D and 3-D (every value the same on each axis; sizes from <see cref="TransposedSize"/>).</summary>
        private static IEnumerable<GoldenConfig> TransposedMatrix(int rank)
        {
            GoldenConfig M(string name, int cin, int cout, int k, int n, int s = 1, int p = 0, int op = 0, int d = 1, int g = 1, bool bias = true,
                int batch = 1) =>
                T(rank, name, cin, cout, k, TransposedSize(rank, n), s, p, op == 0 ? null : (object)op, d, g, bias, batch);

            // Strides 1–4, with and without padding/output_padding; kernels smaller than, equal to and larger than the stride.
            yield return M("k3", 3, 4, 3, 6);
            yield return M("k3-p1-b2", 4, 6, 3, 7, p: 1, batch: 2);
            yield return M("k3-s2-p1-op1", 4, 6, 3, 5, s: 2, p: 1, op: 1);
            yield return M("k4-s2-p1", 3, 4, 4, 5, s: 2, p: 1);
            yield return M("k2-s2", 6, 3, 2, 6, s: 2);
            yield return M("k3-s3", 2, 3, 3, 5, s: 3);
            yield return M("k5-s4-p2-op3", 2, 3, 5, 4, s: 4, p: 2, op: 3);
            yield return M("k4-s4", 2, 2, 4, 3, s: 4);
            yield return M("k3-s2-op1", 3, 4, 3, 5, s: 2, op: 1);
            yield return M("k1-s2", 3, 4, 1, 5, s: 2);
            yield return M("k1-16to9", 16, 9, 1, 6);
            yield return M("k3-s4-op3", 2, 3, 3, 4, s: 4, op: 3);
            yield return M("k2-s3", 2, 3, 2, 5, s: 3);
            yield return M("k2-s3-op2-nobias", 3, 2, 2, 4, s: 3, op: 2, bias: false);
            yield return M("k7-p3", 2, 3, 7, 9, p: 3);
            yield return M("k7-s3-p2-op2", 2, 3, 7, 4, s: 3, p: 2, op: 2);
            yield return M("k5-s2-p2-op1", 3, 4, 5, 6, s: 2, p: 2, op: 1);
            // Padding up to and beyond d·(k − 1): the output is cropped below the input size.
            yield return M("k3-p2", 3, 4, 3, 8, p: 2);
            yield return M("k3-p3", 2, 3, 3, 9, p: 3);
            yield return M("k3-s2-p3-op1", 2, 3, 3, 6, s: 2, p: 3, op: 1);
            yield return M("k4-s2-p3", 2, 3, 4, 6, s: 2, p: 3);
            yield return M("k2-s2-p1-op1", 2, 3, 2, 2, s: 2, p: 1, op: 1);
            // Dilations 2 and 3, output_padding below the dilation with stride 1, dilation sharing a factor with the stride
            // (then some outputs get no tap at all: only the bias).
            yield return M("k3-d2", 3, 4, 3, 6, d: 2);
            yield return M("k3-s2-p2-d3", 2, 3, 3, 5, s: 2, p: 2, d: 3);
            yield return M("k3-d2-op1", 2, 3, 3, 5, d: 2, op: 1);
            yield return M("k2-d3-op2", 2, 3, 2, 5, d: 3, op: 2);
            yield return M("k3-s2-p1-d2", 2, 3, 3, 6, s: 2, p: 1, d: 2);
            yield return M("k3-s2-d3", 3, 3, 3, 5, s: 2, d: 3);
            yield return M("k3-s3-p1-op2-d2-g2-nobias", 4, 6, 3, 5, s: 3, p: 1, op: 2, d: 2, g: 2, bias: false);
            // Groups, depthwise (in = out = groups), depthwise with a multiplier, fewer outputs than inputs per group.
            yield return M("g2-k3-s2-p1-op1", 4, 6, 3, 5, s: 2, p: 1, op: 1, g: 2);
            yield return M("g3-k3-p1-nobias", 6, 9, 3, 6, p: 1, g: 3, bias: false);
            yield return M("g4-k2-s2", 8, 4, 2, 4, s: 2, g: 4);
            yield return M("dw8-k3-p1", 8, 8, 3, 7, p: 1, g: 8);
            yield return M("dw6-k4-s2-p1", 6, 6, 4, 5, s: 2, p: 1, g: 6);
            yield return M("dw4x2-k3-s2-p1-op1", 4, 8, 3, 5, s: 2, p: 1, op: 1, g: 4);
            yield return M("dw3x3-k2-s2", 3, 9, 2, 4, s: 2, g: 3);
            yield return M("g2-8to2-k3", 8, 2, 3, 6, g: 2);
            // Bias off, batch 0 and > 1, channel counts.
            yield return M("k3-s2-p1-nobias", 4, 5, 3, 6, s: 2, p: 1, bias: false);
            yield return M("k3-s2-b3", 2, 3, 3, 4, s: 2, batch: 3);
            yield return M("k3-s2-p1-b0", 4, 5, 3, 5, s: 2, p: 1, batch: 0);
            yield return M("k3-s2-p1-64to9", 64, 9, 3, 5, s: 2, p: 1);
            yield return M("k3-p1-8to40", 8, 40, 3, 6, p: 1);
            // 1-element inputs (an output of one element among them).
            yield return M("in1-k3", 3, 4, 3, 1);
            yield return M("in1-k4-s2-p1", 3, 4, 4, 1, s: 2, p: 1);
            yield return M("in1-k1", 5, 3, 1, 1);
            yield return M("in1-k2-s2-op1", 2, 3, 2, 1, s: 2, op: 1);
            yield return M("in1-k3-p1-out1", 3, 2, 3, 1, p: 1);
        }

        /// <summary>ConvTranspose1d: lengths around the vector widths, long strided kernels, batch 4.</summary>
        private static IEnumerable<GoldenConfig> Transposed1dExtras()
        {
            GoldenConfig C(string name, int cin, int cout, int k, int length, int s = 1, int p = 0, int op = 0, int d = 1, int g = 1,
                bool bias = true, int batch = 1) =>
                T(1, name, cin, cout, k, new[] { length }, s, p, op == 0 ? null : (object)op, d, g, bias, batch);

            yield return C("len2-k3-p1", 3, 4, 3, 2, p: 1);
            yield return C("len15-k4-s2-p1", 2, 3, 4, 15, s: 2, p: 1);
            yield return C("len16-k3-p1", 2, 3, 3, 16, p: 1);
            yield return C("len17-k3-s2-p1-op1", 2, 3, 3, 17, s: 2, p: 1, op: 1);
            yield return C("len31-k2-s2", 3, 2, 2, 31, s: 2);
            yield return C("len32-k5-s2-p2-op1", 2, 3, 5, 32, s: 2, p: 2, op: 1);
            yield return C("len33-k3-p1", 2, 3, 3, 33, p: 1);
            yield return C("len50-k4-s4", 2, 2, 4, 50, s: 4);
            yield return C("len64-k3-s2-p1-op1", 2, 3, 3, 64, s: 2, p: 1, op: 1);
            yield return C("len100-k3-p1-b3", 2, 3, 3, 100, p: 1, batch: 3);
            yield return C("k16-s8-p4", 3, 2, 16, 12, s: 8, p: 4);
            yield return C("k8-s4-p2", 2, 3, 8, 13, s: 4, p: 2);
            yield return C("k3-s5-op4", 2, 3, 3, 9, s: 5, op: 4);
            yield return C("k3-d4-op3", 2, 3, 3, 11, d: 4, op: 3);
            yield return C("dw16-k4-s2-p1-b4", 16, 16, 4, 17, s: 2, p: 1, g: 16, batch: 4);
        }

        /// <summary>ConvTranspose2d: rectangular kernels, strides, padding, output_padding and dilations; odd and thin sizes.</summary>
        private static IEnumerable<GoldenConfig> Transposed2dExtras()
        {
            GoldenConfig C(string name, int cin, int cout, object k, (int H, int W) size, object? s = null, object? p = null, object? op = null,
                object? d = null, int g = 1, bool bias = true, int batch = 1) =>
                T(2, name, cin, cout, k, new[] { size.H, size.W }, s, p, op, d, g, bias, batch);

            // output_padding that differs between the axes (TorchSharp 0.107's module needs the workaround in TorchOracle).
            yield return C("k3x5-s2x1-p1x2-op1x0", 3, 4, (3, 5), (5, 7), s: (2, 1), p: (1, 2), op: (1, 0));
            yield return C("k2x4-s1x3-p0x1-op0x2", 2, 3, (2, 4), (6, 5), s: (1, 3), p: (0, 1), op: (0, 2));
            yield return C("k5x3-s3x2-p2x0-op2x1-d1x2", 2, 3, (5, 3), (4, 6), s: (3, 2), p: (2, 0), op: (2, 1), d: (1, 2));
            yield return C("k1x3-s1x2", 3, 4, (1, 3), (5, 6), s: (1, 2));
            yield return C("k3x1-s2x1-op1x0", 3, 4, (3, 1), (6, 5), s: (2, 1), op: (1, 0));
            yield return C("k2x3-s3x1-p0x2-d1x3", 2, 3, (2, 3), (4, 9), s: (3, 1), p: (0, 2), d: (1, 3));
            yield return C("k3x2-s2x3-p1x0-op1x2-d2x1-g2-nobias", 4, 6, (3, 2), (5, 4), s: (2, 3), p: (1, 0), op: (1, 2), d: (2, 1), g: 2, bias: false);
            yield return C("in1x17-k3-s2-p1-op1", 2, 3, 3, (1, 17), s: 2, p: 1, op: 1);
            yield return C("in13x1-k3x2-s2", 2, 3, (3, 2), (13, 1), s: 2);
            yield return C("in15x17-k3-s2-p1-op1", 3, 3, 3, (15, 17), s: 2, p: 1, op: 1);
            yield return C("in31x33-k4-s2-p1", 3, 3, 4, (31, 33), s: 2, p: 1);
            yield return C("in7x33-k3-p1", 2, 3, 3, (7, 33), p: 1);
            yield return C("in8x16-k3", 2, 3, 3, (8, 16));
            yield return C("dw3x2-k3-s2-p1-op1-b2", 3, 6, 3, (5, 6), s: 2, p: 1, op: 1, g: 3, batch: 2);
            yield return C("readme-k4-s2-p1", 64, 32, 4, (6, 6), s: 2, p: 1);
        }

        /// <summary>ConvTranspose3d: temporal and spatial kernels, anisotropic everything, thin volumes.</summary>
        private static IEnumerable<GoldenConfig> Transposed3dExtras()
        {
            GoldenConfig C(string name, int cin, int cout, object k, (int D, int H, int W) size, object? s = null, object? p = null, object? op = null,
                object? d = null, int g = 1, bool bias = true, int batch = 1) =>
                T(3, name, cin, cout, k, new[] { size.D, size.H, size.W }, s, p, op, d, g, bias, batch);

            yield return C("k3x1x1-s2x1x1-p1x0x0-op1x0x0", 3, 4, (3, 1, 1), (4, 5, 6), s: (2, 1, 1), p: (1, 0, 0), op: (1, 0, 0));
            yield return C("k1x3x3-s1x2x2-p0x1x1-op0x1x1", 3, 4, (1, 3, 3), (3, 5, 6), s: (1, 2, 2), p: (0, 1, 1), op: (0, 1, 1));
            yield return C("k2x3x4-s2x1x3-p0x1x1-op1x0x2-d1x2x1", 2, 3, (2, 3, 4), (3, 4, 5), s: (2, 1, 3), p: (0, 1, 1), op: (1, 0, 2), d: (1, 2, 1));
            yield return C("k3x2x3-s1x2x2-op1x1x0-d2x1x1-g2-nobias", 4, 6, (3, 2, 3), (3, 4, 5), s: (1, 2, 2), op: (1, 1, 0), d: (2, 1, 1), g: 2,
                bias: false);
            yield return C("k2-s2-b2", 3, 4, 2, (3, 4, 5), s: 2, batch: 2);
            yield return C("in1x5x9-k3-s2-p1", 2, 3, 3, (1, 5, 9), s: 2, p: 1);
            yield return C("in4x1x6-k2x3x3-s1x2x1", 2, 3, (2, 3, 3), (4, 1, 6), s: (1, 2, 1));
            yield return C("in1-k2x3x4-s2", 3, 4, (2, 3, 4), (1, 1, 1), s: 2);
            yield return C("in2x3x17-k3-p1", 2, 3, 3, (2, 3, 17), p: 1);
            yield return C("in2x2x33-k4-s2-p1", 2, 2, 4, (2, 2, 33), s: 2, p: 1);
            yield return C("dw4x2-k3-s2-p1-op1-b2", 4, 8, 3, (3, 4, 5), s: 2, p: 1, op: 1, g: 4, batch: 2);
        }

        /// <summary>
        /// NaN/±∞: input values (one of them where part of its window is cropped by the padding), a NaN weight with
        /// stride 2 (outputs its tap does not reach must stay finite), a −∞ bias.
        /// </summary>
        private static IEnumerable<GoldenConfig> TransposedNonFinite(int rank)
        {
            const float NaN = float.NaN, Inf = float.PositiveInfinity, NegInf = float.NegativeInfinity;
            string family = $"convtranspose{rank}d-nonfinite";
            int[] Size(int n) => rank switch { 1 => new[] { 3 * n }, 2 => new[] { n, n + 1 }, _ => new[] { n - 1, n, n + 1 } };
            // An input index (n, c, spatial…) with the spatial coordinates given for the last axes and 0 before them.
            SpecialValue X(int n, int c, int[] at, float v) => new(Target.Input, new[] { n, c }.Concat(Pad(at)).ToArray(), v);
            int[] Pad(int[] at) => Enumerable.Repeat(0, rank - Math.Min(rank, at.Length)).Concat(at.Skip(Math.Max(0, at.Length - rank))).ToArray();

            yield return T(rank, "nonfinite-input-k3-s2-p1-op1", 3, 4, 3, Size(5), 2, 1, 1, family: family) with
            {
                Specials = new[] { X(0, 1, new[] { 1, 2, 3 }, NaN), X(0, 0, new[] { 2, 0, 0 }, Inf), X(0, 2, new[] { 0, 4, 4 }, NegInf) },
            };
            yield return T(rank, "nonfinite-input-cropped-k3-p2-b2", 2, 3, 3, Size(4), padding: 2, batch: 2, family: family) with
            {
                Specials = new[] { X(0, 0, new[] { 0, 0, 0 }, Inf), X(1, 1, new[] { 1, 3, 4 }, NaN) },
            };
            yield return T(rank, "nonfinite-weight-k4-s2-p1", 2, 3, 4, Size(4), 2, 1, family: family) with
            {
                Specials = new[]
                {
                    new SpecialValue(Target.Weight, new[] { 1, 0 }.Concat(Enumerable.Repeat(1, rank)).ToArray(), NaN),
                    new SpecialValue(Target.Bias, new[] { 2 }, NegInf),
                },
            };
        }

        /// <summary>Fused activations after transposed layers (inputs scaled as in <see cref="Act"/>), a few per rank.</summary>
        private static IEnumerable<GoldenConfig> TransposedActivations()
        {
            const string F = "activation-transposed";
            yield return Act(T(2, "k4-s2-p1", 4, 6, 4, new[] { 6, 7 }, 2, 1, family: F), GoldenActivation.ReLU);
            yield return Act(T(2, "k3-s2-p1-op1", 4, 3, 3, new[] { 7, 9 }, 2, 1, 1, family: F), GoldenActivation.Tanh);
            yield return Act(T(2, "g2-k4-s2-p1", 4, 6, 4, new[] { 5, 6 }, 2, 1, groups: 2, family: F), GoldenActivation.LeakyReLU, 0.2f);
            yield return Act(T(2, "k2-s2", 6, 4, 2, new[] { 6, 8 }, 2, family: F), GoldenActivation.Sigmoid);
            yield return Act(T(1, "k16-s8-p4", 8, 4, 16, new[] { 12 }, 8, 4, family: F), GoldenActivation.LeakyReLU, 0.1f);
            yield return Act(T(1, "k3-s2-p1-op1", 4, 6, 3, new[] { 40 }, 2, 1, 1, family: F), GoldenActivation.GELU);
            yield return Act(T(1, "dw6-k4-s2-p1", 6, 6, 4, new[] { 33 }, 2, 1, groups: 6, family: F), GoldenActivation.Hardswish);
            yield return Act(T(3, "k2-s2", 4, 4, 2, new[] { 3, 4, 5 }, 2, family: F), GoldenActivation.ReLU6);
            yield return Act(T(3, "k3-s2-p1-op1", 3, 4, 3, new[] { 3, 4, 5 }, 2, 1, 1, family: F), GoldenActivation.SiLU);
            yield return Act(T(3, "k1x3x3-s1x2x2-p0x1x1-op0x1x1", 4, 4, (1, 3, 3), new[] { 3, 5, 6 }, (1, 2, 2), (0, 1, 1), (0, 1, 1), family: F),
                GoldenActivation.GELUTanh);
            yield return Act(T(3, "k3-p1", 3, 3, 3, new[] { 3, 4, 5 }, padding: 1, family: F), GoldenActivation.Hardsigmoid);
        }

        /// <summary>Real transposed layers; data from the seed.</summary>
        private static IEnumerable<GoldenConfig> TransposedNetworks()
        {
            // DCGAN generator (pytorch/examples dcgan: nz = 100, ngf = 64, nc = 3, every ConvTranspose2d bias=False), a batch
            // of 64×64 images; each layer is followed by BatchNorm + ReLU, the last by tanh (fused here).
            const string Dcgan = "dcgan";
            yield return T(2, "dcgan-g-main0-k4", 100, 512, 4, new[] { 1, 1 }, bias: false, batch: 4, family: Dcgan, note: "netG.main.0, z of 4 images");
            yield return T(2, "dcgan-g-main3-k4-s2-p1", 512, 256, 4, new[] { 4, 4 }, 2, 1, bias: false, family: Dcgan, note: "netG.main.3");
            yield return T(2, "dcgan-g-main6-k4-s2-p1", 256, 128, 4, new[] { 8, 8 }, 2, 1, bias: false, family: Dcgan, note: "netG.main.6");
            yield return T(2, "dcgan-g-main9-k4-s2-p1", 128, 64, 4, new[] { 16, 16 }, 2, 1, bias: false, family: Dcgan, note: "netG.main.9");
            yield return T(2, "dcgan-g-main12-k4-s2-p1-tanh", 64, 3, 4, new[] { 32, 32 }, 2, 1, bias: false, family: Dcgan,
                note: "netG.main.12 with netG.main.13 (Tanh)") with { Activation = GoldenActivation.Tanh };
            // U-Net (Ronneberger et al. 2015; milesial/Pytorch-UNet's Up: nn.ConvTranspose2d(c, c // 2, 2, stride=2)).
            const string Unet = "unet";
            yield return T(2, "unet-up1-1024to512-k2-s2", 1024, 512, 2, new[] { 28, 28 }, 2, family: Unet, note: "up1 at 28×28 (the paper's bottom level)");
            yield return T(2, "unet-up2-512to256-k2-s2", 512, 256, 2, new[] { 28, 28 }, 2, family: Unet, note: "up2, 28×28");
            yield return T(2, "unet-up3-256to128-k2-s2", 256, 128, 2, new[] { 56, 56 }, 2, family: Unet, note: "up3, 56×56");
            yield return T(2, "unet-up4-128to64-k2-s2", 128, 64, 2, new[] { 56, 56 }, 2, family: Unet, note: "up4, 56×56");
            // FCN-8s (Long et al. 2015): bilinear-initialised, learnable deconvolutions over the 21 PASCAL VOC class scores, no bias.
            const string Fcn = "fcn8s";
            yield return T(2, "fcn8s-upscore2-k4-s2", 21, 21, 4, new[] { 16, 16 }, 2, bias: false, family: Fcn, note: "upscore2 / upscore_pool4");
            yield return T(2, "fcn8s-upscore8-k16-s8", 21, 21, 16, new[] { 28, 28 }, 8, bias: false, family: Fcn, note: "upscore8");
            // 3D U-Net (Çiçek et al. 2016) decoder: 2×2×2 up-convolutions, stride 2, on a 32³ patch; and the k3 s2 p1 op1
            // up-sampling of pytorch-3dunet's transposed-convolution upsampler.
            const string Unet3d = "unet3d";
            yield return T(3, "unet3d-dec3-256to128-k2-s2", 256, 128, 2, new[] { 4, 4, 4 }, 2, family: Unet3d, note: "decoder level 3 up-conv");
            yield return T(3, "unet3d-dec2-128to64-k2-s2", 128, 64, 2, new[] { 8, 8, 8 }, 2, family: Unet3d, note: "decoder level 2 up-conv");
            yield return T(3, "unet3d-dec1-64to32-k2-s2", 64, 32, 2, new[] { 16, 16, 16 }, 2, family: Unet3d, note: "decoder level 1 up-conv, 32³ output");
            yield return T(3, "unet3d-up-k3-s2-p1-op1-64to32", 64, 32, 3, new[] { 8, 8, 8 }, 2, 1, 1, family: Unet3d,
                note: "k3 s2 p1 up-sampling with output_padding 1 (doubles 8³)");
            // HiFi-GAN V1 generator up-samplers (upsample_rates 8, 8, 2, 2; kernels 16, 16, 4, 4; padding (k − u)/2), 32 mel
            // frames; MelGAN's generator has the same first two. Each follows a leaky ReLU (on its input, so not fused).
            const string Hifigan = "hifigan";
            yield return T(1, "hifigan-ups0-k16-s8-p4", 512, 256, 16, new[] { 32 }, 8, 4, family: Hifigan, note: "generator.ups.0 (also MelGAN's), 32 frames");
            yield return T(1, "hifigan-ups1-k16-s8-p4", 256, 128, 16, new[] { 256 }, 8, 4, family: Hifigan, note: "generator.ups.1 (also MelGAN's)");
            yield return T(1, "hifigan-ups2-k4-s2-p1", 128, 64, 4, new[] { 2048 }, 2, 1, family: Hifigan, note: "generator.ups.2");
            yield return T(1, "hifigan-ups3-k4-s2-p1", 64, 32, 4, new[] { 4096 }, 2, 1, family: Hifigan, note: "generator.ups.3");
            // Conv-TasNet decoder (Luo & Mesgarani 2019; N = 512 filters of L = 16 samples, hop 8): overlap-add to one channel.
            yield return T(1, "convtasnet-decoder-k16-s8", 512, 1, 16, new[] { 500 }, 8, bias: false, batch: 2, family: "convtasnet",
                note: "decoder, 500 frames (0.25 s at 16 kHz), batch 2");
        }
    }
}
