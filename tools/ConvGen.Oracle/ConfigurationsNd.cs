using ConvGen.Golden;
using System;
using System.Collections.Generic;
using System.Linq;

namespace ConvGen.Oracle
{
    /// <summary>
    /// The format-2 configurations: Conv1d and Conv3d (every padding mode with the same geometries, zero-padding
    /// variations, NaN/±∞, real layers of speech, sequence and video networks) and the fused activations (each of the ten
    /// on Conv1d, Conv2d and Conv3d layers, with inputs scaled so that the function's saturated and linear regions are both
    /// reached; NaN/±∞ through activations; real layers that are followed by their activation in the network).
    /// </summary>
    public static partial class Configurations
    {
        private const Mode Zeros = Mode.Zeros, Reflect = Mode.Reflect, Replicate = Mode.Replicate, Circular = Mode.Circular;

        // ---------------------------------------------------------------- helpers

        /// <summary>int → the same value on every axis; a tuple → one value per axis.</summary>
        private static int[] Axes(object o, int rank) => o switch
        {
            int v => Enumerable.Repeat(v, rank).ToArray(),
            ValueTuple<int, int> t when rank == 2 => new[] { t.Item1, t.Item2 },
            ValueTuple<int, int, int> t when rank == 3 => new[] { t.Item1, t.Item2, t.Item3 },
            _ => throw new ArgumentException($"not an int or a {rank}-tuple: {o}"),
        };

        private static GoldenConfig Nd(string name, int rank, int cin, int cout, object kernel, int[] size, object? stride, object? padding,
            object? dilation, int groups, bool bias, Mode mode, int batch, string family, string note)
        {
            PaddingKind kind = padding switch
            {
                "same" => PaddingKind.Same,
                "valid" => PaddingKind.Valid,
                _ => PaddingKind.Explicit,
            };
            return new GoldenConfig
            {
                Name = name,
                Family = family,
                InChannels = cin,
                OutChannels = cout,
                Kernel = Axes(kernel, rank),
                Stride = Axes(stride ?? 1, rank),
                PaddingKind = kind,
                Padding = kind == PaddingKind.Explicit ? Axes(padding ?? 0, rank) : new int[rank],
                Dilation = Axes(dilation ?? 1, rank),
                Groups = groups,
                Bias = bias,
                Mode = mode,
                Batch = batch,
                Size = size,
                Note = note,
            };
        }

        /// <summary>A Conv1d configuration named "conv1d-{name}": padding int, "same" or "valid".</summary>
        private static GoldenConfig C1(string name, int cin, int cout, int k, int length, int stride = 1, object? padding = null,
            int dilation = 1, int groups = 1, bool bias = true, Mode mode = Zeros, int batch = 1, string family = "conv1d", string note = "") =>
            Nd("conv1d-" + name, 1, cin, cout, k, new[] { length }, stride, padding, dilation, groups, bias, mode, batch, family, note);

        /// <summary>A Conv3d configuration named "conv3d-{name}": kernel/stride/padding/dilation int or (d, h, w); padding also "same"/"valid".</summary>
        private static GoldenConfig C3(string name, int cin, int cout, object kernel, (int D, int H, int W) size, object? stride = null,
            object? padding = null, object? dilation = null, int groups = 1, bool bias = true, Mode mode = Zeros, int batch = 1,
            string family = "conv3d", string note = "") =>
            Nd("conv3d-" + name, 3, cin, cout, kernel, new[] { size.D, size.H, size.W }, stride, padding, dilation, groups, bias, mode, batch,
                family, note);

        /// <summary>A Conv2d configuration named "conv2d-{name}" (format 2 because of its activation).</summary>
        private static GoldenConfig C2(string name, int cin, int cout, object kernel, (int H, int W) size, object? stride = null,
            object? padding = null, object? dilation = null, int groups = 1, bool bias = true, Mode mode = Zeros, int batch = 1,
            string family = "activation", string note = "") =>
            Nd("conv2d-" + name, 2, cin, cout, kernel, new[] { size.H, size.W }, stride, padding, dilation, groups, bias, mode, batch,
                family, note);

        private static IEnumerable<GoldenConfig> WithFixedSizeEveryFourth(IEnumerable<GoldenConfig> configs) =>
            configs.Select((c, i) => i % 4 == 3 && c.Rank > 1 ? c with { FixedSize = true } : c);

        private static string ModeName(Mode m) => m.ToString().ToLowerInvariant();

        // ---------------------------------------------------------------- Conv1d

        private static IEnumerable<GoldenConfig> Conv1dAll()
        {
            foreach (GoldenConfig c in Conv1dPerPaddingMode()) yield return c;
            foreach (GoldenConfig c in Conv1dZeroPaddingExtras()) yield return c;
            foreach (GoldenConfig c in Conv1dNonFinite()) yield return c;
            foreach (GoldenConfig c in Conv1dNetworks()) yield return c with { Seeded = true };
        }

        /// <summary>The same geometries under each padding mode; lengths around the vector widths (1, 2, 3, 9–20, 31, 33).</summary>
        private static IEnumerable<GoldenConfig> Conv1dPerPaddingMode()
        {
            foreach (Mode mode in new[] { Zeros, Reflect, Replicate, Circular })
            {
                string m = ModeName(mode);
                yield return C1($"{m}-k3-p1-b2", 3, 5, 3, 17, padding: 1, mode: mode, batch: 2);
                yield return C1($"{m}-k3-s2-p2-nobias", 4, 6, 3, 20, stride: 2, padding: 2, bias: false, mode: mode);
                yield return C1($"{m}-k7-s4-p3", 2, 3, 7, 33, stride: 4, padding: 3, mode: mode);
                yield return C1($"{m}-k3-p2-d2", 3, 4, 3, 16, padding: 2, dilation: 2, mode: mode);
                yield return C1($"{m}-same-k3", 4, 6, 3, 15, padding: "same", mode: mode);
                yield return C1($"{m}-same-k4", 3, 4, 4, 16, padding: "same", mode: mode);
                yield return C1($"{m}-same-k4-d3", 2, 3, 4, 13, padding: "same", dilation: 3, mode: mode);
                yield return C1($"{m}-same-k5-d2", 3, 5, 5, 17, padding: "same", dilation: 2, mode: mode);
                yield return C1($"{m}-same-k2-nobias", 3, 3, 2, 9, padding: "same", bias: false, mode: mode);
                yield return C1($"{m}-valid-k3", 3, 4, 3, 12, padding: "valid", mode: mode);
                yield return C1($"{m}-g2-k3-p1", 4, 6, 3, 16, padding: 1, groups: 2, mode: mode);
                yield return C1($"{m}-dw8-k3-p1-b2", 8, 8, 3, 33, padding: 1, groups: 8, mode: mode, batch: 2);
                yield return C1($"{m}-dw4x2-k5-s2-p2", 4, 8, 5, 19, stride: 2, padding: 2, groups: 4, mode: mode);
                // The largest padding each mode allows: reflect < length, circular <= length, zeros/replicate unbounded.
                yield return mode switch
                {
                    Reflect => C1($"{m}-k3-pmax", 2, 3, 3, 3, padding: 2, mode: mode),
                    Circular => C1($"{m}-k3-pmax", 2, 3, 3, 3, padding: 3, mode: mode),
                    _ => C1($"{m}-k3-pmax", 2, 3, 3, 2, padding: 5, mode: mode),
                };
                yield return mode == Reflect
                    ? C1($"{m}-len2-k3-p1", 3, 4, 3, 2, padding: 1, mode: mode)
                    : C1($"{m}-len1-k3-p1", 3, 4, 3, 1, padding: 1, mode: mode);
            }
        }

        /// <summary>Strides up to 8, dilations up to 8, groups, pointwise, channel counts, lengths (zero padding).</summary>
        private static IEnumerable<GoldenConfig> Conv1dZeroPaddingExtras()
        {
            yield return C1("k3-s3-p1", 3, 4, 3, 31, stride: 3, padding: 1);
            yield return C1("k4-s8-p2", 2, 5, 4, 100, stride: 8, padding: 2);
            yield return C1("k2-s2-patchify", 3, 6, 2, 48, stride: 2);
            yield return C1("k3-d4-p4", 2, 3, 3, 31, padding: 4, dilation: 4);
            yield return C1("k3-d8-valid", 2, 3, 3, 48, padding: "valid", dilation: 8);
            yield return C1("k5-d3-s2-p6", 3, 4, 5, 40, stride: 2, padding: 6, dilation: 3);
            yield return C1("g3-k3-p1", 6, 9, 3, 17, padding: 1, groups: 3);
            yield return C1("g4-k1-nobias", 8, 8, 1, 15, groups: 4, bias: false);
            yield return C1("dw16-same-k2-nobias", 16, 16, 2, 32, padding: "same", groups: 16, bias: false);
            yield return C1("pw-24to13", 24, 13, 1, 48);
            yield return C1("pw-s2-nobias", 8, 6, 1, 17, stride: 2, bias: false);
            yield return C1("k3-p1-64to9", 64, 9, 3, 33, padding: 1);
            yield return C1("k5-p2-8to40", 8, 40, 5, 31, padding: 2);
            yield return C1("len64-k3-p1", 2, 3, 3, 64, padding: 1);
            yield return C1("len100-k3-p1-b3", 2, 3, 3, 100, padding: 1, batch: 3);
            yield return C1("len1-k1-b4", 8, 16, 1, 1, batch: 4);
            yield return C1("k5-on-len5", 3, 6, 5, 5);
            yield return C1("readme-k3-s2", 16, 33, 3, 50, stride: 2, note: "README: nn.Conv1d(16, 33, 3, stride=2)");
        }

        /// <summary>NaN/±∞ in the input (zeros, reflect, circular), a NaN weight over zero padding, a NaN bias.</summary>
        private static IEnumerable<GoldenConfig> Conv1dNonFinite()
        {
            const float NaN = float.NaN, Inf = float.PositiveInfinity, NegInf = float.NegativeInfinity;
            static SpecialValue X(int n, int c, int l, float v) => new(Target.Input, new[] { n, c, l }, v);
            const string F = "conv1d-nonfinite";
            yield return C1("nonfinite-input-zeros-k3-p1", 3, 4, 3, 17, padding: 1, family: F) with
            {
                Specials = new[] { X(0, 1, 5, NaN), X(0, 0, 0, Inf), X(0, 2, 16, NegInf) },
            };
            yield return C1("nonfinite-input-reflect-k3-p2", 2, 3, 3, 12, padding: 2, mode: Reflect, family: F) with
            {
                Specials = new[] { X(0, 0, 1, NaN), X(0, 1, 7, Inf) },
            };
            yield return C1("nonfinite-input-circular-same-k4-b2", 2, 2, 4, 10, padding: "same", mode: Circular, batch: 2, family: F) with
            {
                Specials = new[] { X(0, 0, 0, NegInf), X(1, 1, 9, Inf) },
            };
            // The first tap over zero padding: see the Conv2d weight cases (PyTorch's backends disagree there).
            yield return C1("nonfinite-weight-nan-zeros-k3-p1-b2", 4, 5, 3, 11, padding: 1, batch: 2, family: F) with
            {
                Specials = new[] { new SpecialValue(Target.Weight, new[] { 1, 2, 0 }, NaN) },
            };
            yield return C1("nonfinite-bias-nan", 2, 3, 3, 9, padding: 1, family: F) with
            {
                Specials = new[] { new SpecialValue(Target.Bias, new[] { 2 }, NaN) },
            };
        }

        /// <summary>Real Conv1d layers (speech and sequence models), data from the seed; lengths cropped where noted.</summary>
        private static IEnumerable<GoldenConfig> Conv1dNetworks()
        {
            // wav2vec 2.0 / HuBERT feature encoder (fairseq ConvFeatureExtractionModel, conv_bias=False): conv 0 is followed by
            // GroupNorm (so no fused GELU here); conv 1–6 by GELU, in the activation set below.
            yield return C1("wav2vec2-conv0-k10-s5", 1, 512, 10, 16000, stride: 5, bias: false, family: "wav2vec2",
                note: "feature_extractor.conv_layers.0.conv on 1 s of 16 kHz audio");
            // PyTorch's speech-commands tutorial M5 (Dai et al. 2017) on 1 s of 8 kHz audio.
            yield return C1("m5-conv1-k80-s16", 1, 32, 80, 8000, stride: 16, family: "m5", note: "conv1 (torchaudio speech-commands tutorial)");
            yield return C1("m5-conv2-k3", 32, 32, 3, 124, family: "m5", note: "conv2, after a max-pool of 4");
            // SincNet's first layer is a bank of 80 band-pass filters of length 251 over 200 ms chunks of 16 kHz audio.
            yield return C1("sincnet-conv0-k251", 1, 80, 251, 3200, bias: false, family: "sincnet", note: "sinc filters as a plain conv");
            // QuartzNet 5x5 (NeMo): time-channel separable blocks, depthwise K=33 / dilated K=87, then pointwise (BN, ReLU).
            yield return C1("quartznet-b1-dw-k33", 256, 256, 33, 200, padding: 16, groups: 256, bias: false, family: "quartznet",
                note: "B1 depthwise, 2 s of 10 ms frames after the stride-2 prologue");
            yield return C1("quartznet-c2-dw-k87-d2", 512, 512, 87, 200, padding: 86, dilation: 2, groups: 512, bias: false, family: "quartznet",
                note: "C2 depthwise, dilation 2");
            yield return C1("quartznet-c4-pw", 1024, 29, 1, 200, family: "quartznet", note: "C4 decoder: 1024 → 28 characters + blank");
            // Jasper 10x5 (NeMo): conv, BN, ReLU, dropout; the prologue and a B1 conv are in the activation set below.
            yield return C1("jasper-b5-k25-768to768", 768, 768, 25, 8, padding: 12, bias: false, family: "jasper",
                note: "B5 conv (n = 19,200 terms), 8-frame crop");
        }

        // ---------------------------------------------------------------- Conv3d

        private static IEnumerable<GoldenConfig> Conv3dAll()
        {
            foreach (GoldenConfig c in WithFixedSizeEveryFourth(Conv3dPerPaddingMode().Concat(Conv3dZeroPaddingExtras()))) yield return c;
            foreach (GoldenConfig c in Conv3dNonFinite()) yield return c;
            int i = 0;
            foreach (GoldenConfig c in Conv3dNetworks()) yield return c with { Seeded = true, FixedSize = i++ % 2 == 1 };
        }

        /// <summary>The same geometries under each padding mode (reflect, replicate and circular padding in 3-D included).</summary>
        private static IEnumerable<GoldenConfig> Conv3dPerPaddingMode()
        {
            foreach (Mode mode in new[] { Zeros, Reflect, Replicate, Circular })
            {
                string m = ModeName(mode);
                yield return C3($"{m}-k3-p1-b2", 2, 3, 3, (4, 5, 6), padding: 1, mode: mode, batch: 2);
                yield return C3($"{m}-k3-s2-p1-nobias", 3, 4, 3, (5, 7, 9), stride: 2, padding: 1, bias: false, mode: mode);
                yield return C3($"{m}-k3x1x1-p1x0x0", 3, 4, (3, 1, 1), (5, 4, 6), padding: (1, 0, 0), mode: mode);
                yield return C3($"{m}-k1x3x3-p0x1x1", 3, 4, (1, 3, 3), (3, 6, 7), padding: (0, 1, 1), mode: mode);
                yield return C3($"{m}-k2x3x4-s1x2x1-p1x1x2", 2, 3, (2, 3, 4), (4, 7, 9), stride: (1, 2, 1), padding: (1, 1, 2), mode: mode);
                yield return C3($"{m}-k3-p2x1x2-d2x1x2", 2, 3, 3, (6, 5, 7), padding: (2, 1, 2), dilation: (2, 1, 2), mode: mode);
                yield return C3($"{m}-same-k3", 3, 4, 3, (4, 5, 6), padding: "same", mode: mode);
                yield return C3($"{m}-same-k2", 2, 3, 2, (4, 5, 5), padding: "same", mode: mode);
                yield return C3($"{m}-same-k2x3x4-d1x2x1", 2, 3, (2, 3, 4), (5, 6, 7), padding: "same", dilation: (1, 2, 1), mode: mode);
                yield return C3($"{m}-same-k3x1x2-d2x1x3-nobias", 2, 2, (3, 1, 2), (6, 4, 7), padding: "same", dilation: (2, 1, 3), bias: false, mode: mode);
                yield return C3($"{m}-valid-k3", 2, 3, 3, (4, 5, 6), padding: "valid", mode: mode);
                yield return C3($"{m}-g2-k3-p1", 4, 6, 3, (3, 4, 5), padding: 1, groups: 2, mode: mode);
                yield return C3($"{m}-dw4-k3-p1-b2", 4, 4, 3, (4, 5, 6), padding: 1, groups: 4, mode: mode, batch: 2);
                yield return C3($"{m}-dw3x2-k3-s2-p1", 3, 6, 3, (5, 6, 7), stride: 2, padding: 1, groups: 3, mode: mode);
                yield return mode switch
                {
                    Reflect => C3($"{m}-k3-pmax", 2, 3, 3, (3, 3, 4), padding: 2, mode: mode),
                    Circular => C3($"{m}-k3-pmax", 2, 3, 3, (3, 3, 4), padding: 3, mode: mode),
                    _ => C3($"{m}-k3-pmax", 2, 3, 3, (2, 2, 3), padding: 4, mode: mode),
                };
                yield return mode == Reflect
                    ? C3($"{m}-in2x2x2-k3-p1", 3, 4, 3, (2, 2, 2), padding: 1, mode: mode)
                    : C3($"{m}-in1x1x1-k3-p1", 3, 4, 3, (1, 1, 1), padding: 1, mode: mode);
            }
        }

        /// <summary>Strides, dilations, groups, pointwise, widths around the vector widths, 1×1×1 inputs (zero padding).</summary>
        private static IEnumerable<GoldenConfig> Conv3dZeroPaddingExtras()
        {
            yield return C3("k3-s3-p1", 2, 3, 3, (7, 9, 10), stride: 3, padding: 1);
            yield return C3("k1x7x7-s1x2x2-p0x3x3", 3, 8, (1, 7, 7), (2, 15, 17), stride: (1, 2, 2), padding: (0, 3, 3));
            yield return C3("k3x1x1-s2x1x1-p1x0x0", 4, 4, (3, 1, 1), (7, 5, 6), stride: (2, 1, 1), padding: (1, 0, 0));
            yield return C3("k3-d2-p2", 2, 3, 3, (6, 7, 8), padding: 2, dilation: 2);
            yield return C3("k3-d3x1x1-p3x1x1", 2, 3, 3, (8, 5, 6), padding: (3, 1, 1), dilation: (3, 1, 1));
            yield return C3("g3-k3-p1", 6, 9, 3, (3, 4, 5), padding: 1, groups: 3);
            yield return C3("g4-k1", 16, 16, 1, (3, 4, 5), groups: 4);
            yield return C3("dw16-k3-s2-p1", 16, 16, 3, (4, 9, 9), stride: 2, padding: 1, groups: 16);
            yield return C3("pw-24to13", 24, 13, 1, (3, 5, 7));
            yield return C3("pw-s2-nobias", 8, 6, 1, (5, 6, 7), stride: 2, bias: false);
            yield return C3("k3-p1-32to9", 32, 9, 3, (3, 5, 6), padding: 1);
            yield return C3("width15-k3-p1", 2, 3, 3, (2, 3, 15), padding: 1);
            yield return C3("width16-k3-p1", 2, 3, 3, (2, 3, 16), padding: 1);
            yield return C3("width17-k3-p1", 2, 3, 3, (2, 2, 17), padding: 1);
            yield return C3("width31-k3-p1", 2, 3, 3, (2, 2, 31), padding: 1);
            yield return C3("width33-k3-p1", 2, 3, 3, (2, 2, 33), padding: 1);
            yield return C3("width48-k3-valid", 2, 3, 3, (3, 3, 50), padding: "valid");
            yield return C3("in1x1x1-k1-b4", 8, 16, 1, (1, 1, 1), batch: 4);
            yield return C3("k3x4x5-on-3x4x5", 3, 5, (3, 4, 5), (3, 4, 5));
            yield return C3("k3-p1-b3-5x9x11", 2, 3, 3, (5, 9, 11), padding: 1, batch: 3);
            yield return C3("readme-k3x5x2-s2x1x1-p4x2x0", 16, 33, (3, 5, 2), (5, 6, 4), stride: (2, 1, 1), padding: (4, 2, 0),
                note: "README: nn.Conv3d(16, 33, (3, 5, 2), stride=(2, 1, 1), padding=(4, 2, 0))") with { Seeded = true };
        }

        /// <summary>NaN/±∞ in the input (zeros, replicate, circular), a NaN weight over zero padding, an infinite bias.</summary>
        private static IEnumerable<GoldenConfig> Conv3dNonFinite()
        {
            const float NaN = float.NaN, Inf = float.PositiveInfinity, NegInf = float.NegativeInfinity;
            static SpecialValue X(int n, int c, int d, int h, int w, float v) => new(Target.Input, new[] { n, c, d, h, w }, v);
            const string F = "conv3d-nonfinite";
            yield return C3("nonfinite-input-zeros-k3-p1", 3, 4, 3, (4, 5, 6), padding: 1, family: F) with
            {
                Specials = new[] { X(0, 0, 1, 2, 3, NaN), X(0, 1, 0, 0, 0, Inf), X(0, 2, 3, 4, 5, NegInf) },
            };
            yield return C3("nonfinite-input-replicate-k3-p1", 2, 3, 3, (4, 4, 5), padding: 1, mode: Replicate, family: F) with
            {
                Specials = new[] { X(0, 0, 0, 0, 0, Inf), X(0, 1, 3, 2, 4, NaN) },
            };
            yield return C3("nonfinite-input-circular-k3x1x1-p1x0x0", 2, 2, (3, 1, 1), (4, 3, 5), padding: (1, 0, 0), mode: Circular, family: F) with
            {
                Specials = new[] { X(0, 0, 0, 1, 1, NegInf), X(0, 1, 3, 2, 4, Inf) },
            };
            yield return C3("nonfinite-weight-nan-zeros-k3-p1", 2, 3, 3, (3, 4, 5), padding: 1, family: F) with
            {
                Specials = new[] { new SpecialValue(Target.Weight, new[] { 1, 0, 0, 0, 0 }, NaN) },
            };
            yield return C3("nonfinite-bias-inf", 2, 3, 3, (3, 3, 4), padding: 1, family: F) with
            {
                Specials = new[] { new SpecialValue(Target.Bias, new[] { 0 }, Inf) },
            };
        }

        /// <summary>Real Conv3d layers (video, volumetric), data from the seed; clips cropped where noted.</summary>
        private static IEnumerable<GoldenConfig> Conv3dNetworks()
        {
            // R(2+1)D-18 (torchvision r2plus1d_18, bias=False; 16×112×112 clips): (1, 3, 3) spatial then (3, 1, 1) temporal.
            yield return C3("r2plus1d-stem-spatial-k1x7x7-s1x2x2", 3, 45, (1, 7, 7), (4, 112, 112), stride: (1, 2, 2), padding: (0, 3, 3),
                bias: false, family: "r2plus1d", note: "stem.0, 4 of the 16 frames");
            yield return C3("r2plus1d-layer1-spatial-k1x3x3", 64, 144, (1, 3, 3), (4, 14, 14), padding: (0, 1, 1), bias: false, family: "r2plus1d",
                note: "layer1.0.conv1.0.0 (56×56 in the network), 4×14×14 crop");
            yield return C3("r2plus1d-layer1-temporal-k3x1x1", 144, 64, (3, 1, 1), (4, 14, 14), padding: (1, 0, 0), bias: false, family: "r2plus1d",
                note: "layer1.0.conv1.0.3, 4×14×14 crop");
            yield return C3("r2plus1d-layer2-spatial-k1x3x3-s1x2x2", 64, 230, (1, 3, 3), (4, 28, 28), stride: (1, 2, 2), padding: (0, 1, 1),
                bias: false, family: "r2plus1d", note: "layer2.0.conv1.0.0, 4×28×28 crop");
            yield return C3("r2plus1d-layer2-temporal-k3x1x1-s2x1x1", 230, 128, (3, 1, 1), (4, 14, 14), stride: (2, 1, 1), padding: (1, 0, 0),
                bias: false, family: "r2plus1d", note: "layer2.0.conv1.0.3, 4×14×14 crop");
            yield return C3("r2plus1d-layer2-downsample-k1-s2", 64, 128, 1, (4, 28, 28), stride: 2, bias: false, family: "r2plus1d",
                note: "layer2.0.downsample.0, 4×28×28 crop");
            // 3D U-Net (Çiçek et al. 2016) encoder on a 32³ patch.
            yield return C3("unet3d-enc1-k3-p1", 1, 32, 3, (32, 32, 32), padding: 1, family: "unet3d", note: "encoder level 1, conv 1");
            yield return C3("unet3d-down-k3-s2-p1", 32, 64, 3, (18, 18, 18), stride: 2, padding: 1, family: "unet3d",
                note: "strided down-sampling conv, 18³ crop");
        }

        // ---------------------------------------------------------------- activations

        private static IEnumerable<GoldenConfig> ActivationAll()
        {
            foreach (GoldenConfig c in WithFixedSizeEveryFourth(ActivationMatrix())) yield return c;
            foreach (GoldenConfig c in ActivationNonFinite()) yield return c;
            int i = 0;
            foreach (GoldenConfig c in ActivationNetworks()) yield return c with { Seeded = true, FixedSize = c.Rank > 1 && i++ % 2 == 1 };
        }

        /// <summary>
        /// With an activation: the input is scaled by 2^s so that the convolution's output has a standard deviation of about
        /// 8–16 (√n/3 for uniform data), wide enough to reach every activation's saturated regions and still have some
        /// outputs in its linear one (the oracle checks and the manifest lists the shares).
        /// </summary>
        private static GoldenConfig Act(GoldenConfig c, GoldenActivation a, float slope = 0.01f)
        {
            double std = Math.Sqrt(c.Terms) / 3;
            int s = Math.Max(0, (int)Math.Round(Math.Log2(12 / std)));
            return c with
            {
                Name = $"{c.Name}-{a.ToString().ToLowerInvariant()}" +
                       (a == GoldenActivation.LeakyReLU && slope != 0.01f ? slope.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : ""),
                Activation = a,
                NegativeSlope = slope,
                InputScaleLog2 = s,
            };
        }

        /// <summary>Each activation on a Conv2d, a Conv1d and a Conv3d layer (grid and depthwise-plane kernels, tails, padding modes).</summary>
        private static IEnumerable<GoldenConfig> ActivationMatrix()
        {
            const string F = "activation";
            yield return Act(C2("k3-p1-b2", 4, 8, 3, (9, 19), padding: 1, batch: 2), GoldenActivation.ReLU);
            yield return Act(C1("k5-s2-p2", 4, 6, 5, 37, stride: 2, padding: 2, family: F), GoldenActivation.ReLU);
            yield return Act(C3("k3-p1", 2, 4, 3, (4, 5, 6), padding: 1, family: F), GoldenActivation.ReLU);

            yield return Act(C2("dw8-k3-p1", 8, 8, 3, (10, 21), padding: 1, groups: 8), GoldenActivation.ReLU6);
            yield return Act(C1("dw6-same-k3", 6, 6, 3, 33, padding: "same", groups: 6, family: F), GoldenActivation.ReLU6);
            yield return Act(C3("k1x3x3-p0x1x1-reflect", 3, 4, (1, 3, 3), (3, 6, 7), padding: (0, 1, 1), mode: Reflect, family: F),
                GoldenActivation.ReLU6);

            yield return Act(C2("k3-p1-reflect", 3, 5, 3, (8, 17), padding: 1, mode: Reflect), GoldenActivation.LeakyReLU, 0.2f);
            yield return Act(C1("k3-p1", 3, 4, 3, 31, padding: 1, family: F), GoldenActivation.LeakyReLU);
            yield return Act(C3("k3-s2-p1", 2, 3, 3, (5, 7, 9), stride: 2, padding: 1, family: F), GoldenActivation.LeakyReLU, 0.1f);
            yield return Act(C1("k3-p1-b2", 2, 3, 3, 20, padding: 1, batch: 2, family: F), GoldenActivation.LeakyReLU, 2.5f);

            yield return Act(C2("pw-16to8", 16, 8, 1, (7, 9)), GoldenActivation.Sigmoid);
            yield return Act(C1("k3-p1-replicate", 3, 4, 3, 17, padding: 1, mode: Replicate, family: F), GoldenActivation.Sigmoid);
            yield return Act(C3("k3-s2-p1", 2, 4, 3, (5, 6, 7), stride: 2, padding: 1, family: F), GoldenActivation.Sigmoid);

            yield return Act(C2("k5-p2", 2, 4, 5, (11, 13), padding: 2), GoldenActivation.Tanh);
            yield return Act(C1("k5-p2", 8, 8, 5, 33, padding: 2, family: F), GoldenActivation.Tanh);
            yield return Act(C3("same-k3", 2, 3, 3, (4, 5, 6), padding: "same", family: F), GoldenActivation.Tanh);

            yield return Act(C2("k3-p1-circular", 3, 4, 3, (9, 10), padding: 1, mode: Circular), GoldenActivation.Hardsigmoid);
            yield return Act(C1("g2-k3-p1", 4, 6, 3, 16, padding: 1, groups: 2, family: F), GoldenActivation.Hardsigmoid);
            yield return Act(C3("dw4-k3-p1", 4, 4, 3, (3, 5, 6), padding: 1, groups: 4, family: F), GoldenActivation.Hardsigmoid);

            yield return Act(C2("k3-s2-p1", 3, 16, 3, (17, 23), stride: 2, padding: 1), GoldenActivation.Hardswish);
            yield return Act(C1("k7-s4-p3", 2, 5, 7, 48, stride: 4, padding: 3, family: F), GoldenActivation.Hardswish);
            yield return Act(C3("k3x1x1-p1x0x0", 3, 4, (3, 1, 1), (5, 4, 6), padding: (1, 0, 0), family: F), GoldenActivation.Hardswish);

            yield return Act(C2("dw6-k3-s2-p1", 6, 6, 3, (11, 33), stride: 2, padding: 1, groups: 6), GoldenActivation.SiLU);
            yield return Act(C1("k3-p2-d2", 3, 4, 3, 33, padding: 2, dilation: 2, family: F), GoldenActivation.SiLU);
            yield return Act(C3("k2x3x4-s1x2x1-p1x1x2", 2, 3, (2, 3, 4), (4, 7, 9), stride: (1, 2, 1), padding: (1, 1, 2), family: F),
                GoldenActivation.SiLU);

            yield return Act(C2("k3-p1", 4, 6, 3, (10, 18), padding: 1), GoldenActivation.GELU);
            yield return Act(C1("readme-k5-p2", 80, 256, 5, 24, padding: 2, family: F,
                note: "README: nn.Sequential(nn.Conv1d(80, 256, 5, padding=2), nn.GELU())"), GoldenActivation.GELU) with { Seeded = true };
            yield return Act(C3("k3-p1-replicate", 2, 3, 3, (4, 5, 6), padding: 1, mode: Replicate, family: F), GoldenActivation.GELU);

            yield return Act(C2("dw4-k5-p2", 4, 4, 5, (9, 35), padding: 2, groups: 4), GoldenActivation.GELUTanh);
            yield return Act(C1("k3-p1-replicate", 4, 4, 3, 31, padding: 1, mode: Replicate, family: F), GoldenActivation.GELUTanh);
            yield return Act(C3("same-k2", 2, 3, 2, (4, 5, 5), padding: "same", family: F), GoldenActivation.GELUTanh);
        }

        /// <summary>±∞ and NaN through the activations: the limits (0, 1, ±1, 6, −∞·slope) and where PyTorch's formulas give NaN.</summary>
        private static IEnumerable<GoldenConfig> ActivationNonFinite()
        {
            const float NaN = float.NaN, Inf = float.PositiveInfinity, NegInf = float.NegativeInfinity;
            const string F = "activation-nonfinite";
            static SpecialValue X(params float[] a) => new(Target.Input, a[..^1].Select(v => (int)v).ToArray(), a[^1]);
            yield return Act(C2("nonfinite-k3-p1", 2, 3, 3, (5, 6), padding: 1, family: F), GoldenActivation.GELU) with
            {
                Specials = new[] { X(0, 0, 1, 1, Inf), X(0, 1, 3, 4, NegInf), X(0, 0, 4, 0, NaN) },
            };
            yield return Act(C2("nonfinite-k3-p1", 2, 3, 3, (5, 6), padding: 1, family: F), GoldenActivation.GELUTanh) with
            {
                Specials = new[] { X(0, 0, 1, 1, Inf), X(0, 1, 3, 4, NegInf), X(0, 0, 4, 0, NaN) },
            };
            yield return Act(C2("nonfinite-dw3-k3-p1", 3, 3, 3, (6, 19), padding: 1, groups: 3, family: F), GoldenActivation.Hardswish) with
            {
                Specials = new[] { X(0, 0, 2, 2, Inf), X(0, 1, 3, 17, NegInf), X(0, 2, 0, 0, NaN) },
            };
            yield return Act(C1("nonfinite-k3-p1", 2, 3, 3, 17, padding: 1, family: F), GoldenActivation.SiLU) with
            {
                Specials = new[] { X(0, 0, 3, Inf), X(0, 1, 9, NegInf), X(0, 0, 15, NaN) },
            };
            yield return Act(C1("nonfinite-k3-p1", 2, 3, 3, 17, padding: 1, family: F), GoldenActivation.Tanh) with
            {
                Specials = new[] { X(0, 0, 3, Inf), X(0, 1, 9, NegInf), X(0, 0, 15, NaN) },
            };
            yield return Act(C1("nonfinite-k3-p1", 2, 3, 3, 17, padding: 1, family: F), GoldenActivation.LeakyReLU, 0.2f) with
            {
                Specials = new[] { X(0, 0, 3, Inf), X(0, 1, 9, NegInf), X(0, 0, 15, NaN) },
            };
            yield return Act(C3("nonfinite-k3-p1", 2, 3, 3, (3, 4, 5), padding: 1, family: F), GoldenActivation.ReLU6) with
            {
                Specials = new[] { X(0, 0, 0, 1, 1, Inf), X(0, 1, 2, 2, 3, NegInf), X(0, 0, 2, 3, 4, NaN) },
            };
            yield return Act(C3("nonfinite-k3-p1", 2, 3, 3, (3, 4, 5), padding: 1, family: F), GoldenActivation.Sigmoid) with
            {
                Specials = new[] { X(0, 0, 0, 1, 1, Inf), X(0, 1, 2, 2, 3, NegInf), X(0, 0, 2, 3, 4, NaN) },
            };
        }

        /// <summary>Real layers that their network follows with the activation (after a batch norm folded into the conv where it has one).</summary>
        private static IEnumerable<GoldenConfig> ActivationNetworks()
        {
            static GoldenConfig Real(GoldenConfig c, GoldenActivation a) => c with
            {
                Name = $"{c.Name}-{a.ToString().ToLowerInvariant()}",
                Activation = a,
            };

            // Conv2d at 224×224.
            yield return Real(C2("efficientnet_b0-stem-k3-s2", 3, 32, 3, (224, 224), stride: 2, padding: 1, bias: false, family: "efficientnet_b0",
                note: "features.0 (Conv2dNormActivation, SiLU)"), GoldenActivation.SiLU);
            yield return Real(C2("mobilenet_v3_large-stem-k3-s2", 3, 16, 3, (224, 224), stride: 2, padding: 1, bias: false,
                family: "mobilenet_v3_large", note: "features.0 (Conv2dNormActivation, Hardswish)"), GoldenActivation.Hardswish);
            yield return Real(C2("mobilenet_v3_large-se-fc2", 32, 120, 1, (1, 1), family: "mobilenet_v3_large",
                note: "features.5.block.2.fc2 (SqueezeExcitation, scale_activation Hardsigmoid)"), GoldenActivation.Hardsigmoid) with
            {
                InputScaleLog2 = 2,
            };
            yield return Real(C2("mobilenet_v2-dw144-s1-56", 144, 144, 3, (56, 56), padding: 1, groups: 144, bias: false, family: "mobilenet_v2",
                note: "features.3.conv.0.0 with its ReLU6"), GoldenActivation.ReLU6);
            // Conv1d.
            yield return Real(C1("wav2vec2-conv1-k3-s2", 512, 512, 3, 255, stride: 2, bias: false, family: "wav2vec2",
                note: "feature_extractor.conv_layers.1–4 (conv, GELU), 255-step crop"), GoldenActivation.GELU);
            yield return Real(C1("wav2vec2-conv5-k2-s2", 512, 512, 2, 140, stride: 2, bias: false, family: "wav2vec2",
                note: "feature_extractor.conv_layers.5–6 (conv, GELU), 140-step crop"), GoldenActivation.GELU);
            yield return Real(C1("jasper-prologue-k11-s2", 64, 256, 11, 400, stride: 2, padding: 5, bias: false, family: "jasper",
                note: "prologue on 4 s of 64 mel features"), GoldenActivation.ReLU);
            yield return Real(C1("jasper-b1-k11", 256, 256, 11, 160, padding: 5, bias: false, family: "jasper", note: "B1 conv, 160-frame crop"),
                GoldenActivation.ReLU);
            yield return Real(C1("quartznet-b1-pw", 256, 256, 1, 200, bias: false, family: "quartznet", note: "B1 pointwise (BN, ReLU)"),
                GoldenActivation.ReLU);
            // TCN (Bai et al. 2018): conv, Chomp1d, ReLU; ReLU is elementwise, so it commutes with the chomp.
            foreach (int d in new[] { 1, 2, 4, 8 })
            {
                yield return Real(C1($"tcn-k3-d{d}", 32, 32, 3, 128, padding: 2 * d, dilation: d, batch: 2, family: "tcn",
                    note: $"TemporalBlock conv (k = 3, dilation {d}, causal padding (k − 1)·d, then chomped), batch 2"), GoldenActivation.ReLU);
            }

            yield return Real(C1("tacotron2-postnet-k5", 512, 512, 5, 70, padding: 2, family: "tacotron2", note: "postnet conv 2–4 (BN, tanh), 70 frames"),
                GoldenActivation.Tanh);
            // Conv3d.
            yield return Real(C3("c3d-conv1a-k3", 3, 64, 3, (8, 56, 56), padding: 1, family: "c3d",
                note: "conv1a (16×112×112 clips in the paper), 8×56×56"), GoldenActivation.ReLU);
            yield return Real(C3("c3d-conv2a-k3", 64, 128, 3, (2, 14, 14), padding: 1, family: "c3d", note: "conv2a, 2×14×14 crop"),
                GoldenActivation.ReLU);
            yield return Real(C3("c3d-conv3a-k3", 128, 256, 3, (3, 7, 7), padding: 1, family: "c3d", note: "conv3a, 3×7×7 crop"),
                GoldenActivation.ReLU);
            yield return Real(C3("r2plus1d-stem-temporal-k3x1x1", 45, 64, (3, 1, 1), (4, 56, 56), padding: (1, 0, 0), bias: false, family: "r2plus1d",
                note: "stem.3 (BN, ReLU), 4 frames"), GoldenActivation.ReLU);
            yield return Real(C3("unet3d-enc1-k3-p1-32to32", 32, 32, 3, (16, 16, 16), padding: 1, family: "unet3d",
                note: "encoder level 1, conv 2 (BN, ReLU), 16³ crop"), GoldenActivation.ReLU);
        }
    }
}
