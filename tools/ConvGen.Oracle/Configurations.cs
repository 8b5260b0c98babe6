using System;
using System.Collections.Generic;
using System.Linq;

namespace ConvGen.Oracle
{
    /// <summary>
    /// The golden configurations, in file order. Conv2d (files 1–211, format 1, unchanged since the first oracle): the
    /// hyper-parameter matrix (every padding mode with the same set of geometries, then zero-padding-only variations),
    /// NaN/±∞ propagation, and the distinct conv layers of ResNet-18 and MobileNetV2 at their real shapes (224×224 network
    /// input, batch 1). Then (format 2, ConfigurationsNd.cs) the same for Conv1d and Conv3d, and the fused activations;
    /// then (format 2, ConfigurationsTransposed.cs) ConvTranspose1d/2d/3d.
    /// </summary>
    public static partial class Configurations
    {
        public static IReadOnlyList<GoldenConfig> All()
        {
            var list = new List<GoldenConfig>();
            list.AddRange(PerPaddingMode());
            list.AddRange(ZeroPaddingExtras());

            // A quarter of the matrix is declared with a compile-time input size (InputHeight/InputWidth), which makes
            // ConvGen generate a different (constant-size) code path; the rest uses run-time sizes.
            for (int i = 0; i < list.Count; i++)
            {
                if (i % 4 == 3) list[i] = list[i] with { FixedSize = true };
            }

            list.AddRange(NonFinite());

            var networks = new List<GoldenConfig>();
            networks.AddRange(ResNet18());
            networks.AddRange(MobileNetV2());
            // Every other real layer with a compile-time size, so both code paths see stems, 3×3, depthwise and 1×1.
            for (int i = 0; i < networks.Count; i++)
            {
                networks[i] = networks[i] with { FixedSize = i % 2 == 1, Seeded = true };
            }

            list.AddRange(networks);

            // Format 2: Conv1d, Conv3d, activations (ConfigurationsNd.cs).
            list.AddRange(Conv1dAll());
            list.AddRange(Conv3dAll());
            list.AddRange(ActivationAll());

            // Format 2, after everything else so the files above keep their numbers: ConvTranspose1d/2d/3d
            // (ConfigurationsTransposed.cs).
            list.AddRange(TransposedAll());

            var duplicate = list.GroupBy(c => c.Name).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null) throw new InvalidOperationException($"duplicate configuration name {duplicate.Key}");
            foreach (GoldenConfig c in list)
            {
                if (c.Invalid() is string why) throw new InvalidOperationException($"{c.Name}: {why}");
            }

            return list;
        }

        /// <summary>A matrix configuration. kernel/stride/dilation: int or (h, w); padding: int, (h, w), "same" or "valid".</summary>
        private static GoldenConfig M(string name, int cin, int cout, object kernel, int h, int w,
            object? stride = null, object? padding = null, object? dilation = null, int groups = 1, bool bias = true,
            Mode mode = Mode.Zeros, int batch = 1, string family = "matrix", string note = "")
        {
            var k = Pair(kernel);
            var s = Pair(stride ?? 1);
            var d = Pair(dilation ?? 1);
            PaddingKind kind = padding switch
            {
                "same" => PaddingKind.Same,
                "valid" => PaddingKind.Valid,
                _ => PaddingKind.Explicit,
            };
            var p = kind == PaddingKind.Explicit ? Pair(padding ?? 0) : (0, 0);
            return new GoldenConfig
            {
                Name = name,
                Family = family,
                InChannels = cin,
                OutChannels = cout,
                Kernel = new[] { k.Item1, k.Item2 },
                Stride = new[] { s.Item1, s.Item2 },
                PaddingKind = kind,
                Padding = new[] { p.Item1, p.Item2 },
                Dilation = new[] { d.Item1, d.Item2 },
                Groups = groups,
                Bias = bias,
                Mode = mode,
                Batch = batch,
                Size = new[] { h, w },
                Note = note,
            };
        }

        private static (int, int) Pair(object o) => o switch
        {
            int v => (v, v),
            ValueTuple<int, int> t => t,
            _ => throw new ArgumentException($"not an int or a pair: {o}"),
        };

        /// <summary>The same geometries under each padding mode (zeros, reflect, replicate, circular).</summary>
        private static IEnumerable<GoldenConfig> PerPaddingMode()
        {
            foreach (Mode mode in new[] { Mode.Zeros, Mode.Reflect, Mode.Replicate, Mode.Circular })
            {
                string m = mode.ToString().ToLowerInvariant();
                yield return M($"{m}-k3-p1-b2", 3, 5, 3, 9, 11, padding: 1, mode: mode, batch: 2);
                yield return M($"{m}-k3-s2-p2-nobias", 4, 6, 3, 13, 10, stride: 2, padding: 2, bias: false, mode: mode);
                yield return M($"{m}-k3x5-p1x2", 3, 4, (3, 5), 7, 12, padding: (1, 2), mode: mode);
                yield return M($"{m}-k5x3-s2x1-p2x0", 2, 3, (5, 3), 11, 9, stride: (2, 1), padding: (2, 0), mode: mode);
                yield return M($"{m}-k3-p2x3-d2x1", 3, 4, 3, 10, 13, padding: (2, 3), dilation: (2, 1), mode: mode);
                yield return M($"{m}-same-k3", 4, 6, 3, 10, 10, padding: "same", mode: mode);
                yield return M($"{m}-same-k5-d2", 3, 5, 5, 12, 9, padding: "same", dilation: 2, mode: mode);
                yield return M($"{m}-same-k2", 3, 4, 2, 9, 7, padding: "same", mode: mode);
                yield return M($"{m}-same-k4", 2, 3, 4, 11, 13, padding: "same", mode: mode);
                yield return M($"{m}-same-k2x3-nobias", 3, 3, (2, 3), 8, 10, padding: "same", bias: false, mode: mode);
                yield return M($"{m}-same-k4x1-d1x3", 2, 4, (4, 1), 9, 11, padding: "same", dilation: (1, 3), mode: mode);
                yield return M($"{m}-same-k2x4-d3x1", 3, 4, (2, 4), 10, 9, padding: "same", dilation: (3, 1), mode: mode);
                yield return M($"{m}-same-k4-d2", 2, 2, 4, 9, 10, padding: "same", dilation: 2, mode: mode);
                yield return M($"{m}-same-k6x2-d1x2", 2, 3, (6, 2), 11, 8, padding: "same", dilation: (1, 2), mode: mode);
                yield return M($"{m}-valid-k3", 3, 4, 3, 8, 9, padding: "valid", mode: mode);
                yield return M($"{m}-g2-k3-p1", 4, 6, 3, 9, 9, padding: 1, groups: 2, mode: mode);
                yield return M($"{m}-dw6-k3-p1-b2", 6, 6, 3, 10, 12, padding: 1, groups: 6, mode: mode, batch: 2);
                yield return M($"{m}-dw4x2-k3-s2-p1", 4, 8, 3, 11, 11, stride: 2, padding: 1, groups: 4, mode: mode);
                yield return M($"{m}-dw5-same-k5-nobias", 5, 5, 5, 9, 8, padding: "same", groups: 5, bias: false, mode: mode);
                yield return M($"{m}-k1-p1", 3, 4, 1, 5, 6, padding: 1, mode: mode);
                // The largest padding each mode allows: reflect < size, circular <= size, zeros/replicate unbounded.
                yield return mode switch
                {
                    Mode.Reflect => M($"{m}-k3-pmax", 2, 3, 3, 3, 4, padding: 2, mode: mode),
                    Mode.Circular => M($"{m}-k3-pmax", 2, 3, 3, 3, 4, padding: 3, mode: mode),
                    _ => M($"{m}-k3-pmax", 2, 3, 3, 3, 3, padding: 5, mode: mode),
                };
                yield return M($"{m}-k3-s3-p1", 3, 4, 3, 14, 16, stride: 3, padding: 1, mode: mode);
                yield return M($"{m}-k7-s2-p3", 3, 8, 7, 17, 15, stride: 2, padding: 3, mode: mode);
                yield return M($"{m}-k3-p1-b3-17x23", 2, 3, 3, 17, 23, padding: 1, mode: mode, batch: 3);
                if (mode != Mode.Reflect)
                {
                    yield return M($"{m}-in1x1-k3-p1", 3, 4, 3, 1, 1, padding: 1, mode: mode);
                    yield return M($"{m}-in1x9-k3-p1", 2, 3, 3, 1, 9, padding: 1, mode: mode);
                }
                else
                {
                    yield return M($"{m}-in2x2-k3-p1", 3, 4, 3, 2, 2, padding: 1, mode: mode);
                    yield return M($"{m}-in2x9-k3-p1", 2, 3, 3, 2, 9, padding: 1, mode: mode);
                }
            }
        }

        /// <summary>Strides, dilations, groups, depthwise, pointwise, tile-boundary sizes, 1×1 inputs (zero padding).</summary>
        private static IEnumerable<GoldenConfig> ZeroPaddingExtras()
        {
            // Strides.
            yield return M("stride-k3-s1x2-p1", 3, 4, 3, 9, 14, stride: (1, 2), padding: 1);
            yield return M("stride-k3-s2x1-p0x1", 3, 4, 3, 10, 7, stride: (2, 1), padding: (0, 1));
            yield return M("stride-k2-s3", 3, 7, 2, 11, 11, stride: 3);
            yield return M("stride-k4-s4-patchify", 3, 16, 4, 16, 16, stride: 4);
            yield return M("stride-k5-s2-p2", 2, 6, 5, 15, 15, stride: 2, padding: 2);
            yield return M("stride-k3-s4-p1", 3, 5, 3, 13, 9, stride: 4, padding: 1);
            // Dilations.
            yield return M("dilation-k3-d2-p2", 4, 4, 3, 12, 12, padding: 2, dilation: 2);
            yield return M("dilation-k3-d3", 2, 3, 3, 13, 11, dilation: 3);
            yield return M("dilation-k3-d1x4-p0x4", 2, 3, 3, 8, 15, padding: (0, 4), dilation: (1, 4));
            yield return M("dilation-k3-d3-s2-p2", 3, 5, 3, 15, 13, stride: 2, padding: 2, dilation: 3);
            yield return M("dilation-k2-d2", 2, 3, 2, 7, 7, dilation: 2);
            // Groups.
            yield return M("groups-g3-k3-p1", 6, 9, 3, 8, 9, padding: 1, groups: 3);
            yield return M("groups-g4-k3-p1", 16, 16, 3, 8, 8, padding: 1, groups: 4);
            yield return M("groups-g2-k1", 8, 4, 1, 5, 7, groups: 2);
            yield return M("groups-g3-k1-nobias", 6, 6, 1, 6, 5, groups: 3, bias: false, note: "README: nn.Conv2d(6, 6, 1, groups=3, bias=False)");
            yield return M("groups-g2-13per-k3-p1", 4, 26, 3, 7, 9, padding: 1, groups: 2);
            yield return M("groups-g3-design-card", 3, 12, 3, 13, 17, padding: 1, groups: 3, note: "README: nn.Conv2d(3, 12, 3, groups=3, padding=1)");
            // Depthwise and depthwise-multiplier.
            yield return M("dw16-k3-s2-p1", 16, 16, 3, 13, 13, stride: 2, padding: 1, groups: 16);
            yield return M("dw8-k7-p3", 8, 8, 7, 12, 10, padding: 3, groups: 8);
            yield return M("dw3x3-k3", 3, 9, 3, 9, 9, groups: 3);
            yield return M("dw32x2-k3", 32, 64, 3, 6, 6, groups: 32, note: "README: nn.Conv2d(32, 64, 3, groups=32)");
            yield return M("dw12-k3-s2-p1-nobias-b2", 12, 12, 3, 9, 10, stride: 2, padding: 1, groups: 12, bias: false, batch: 2);
            yield return M("dw144-k3-p1", 144, 144, 3, 7, 7, padding: 1, groups: 144, note: "README: nn.Conv2d(144, 144, 3, padding=1, groups=144)");
            // Pointwise and channel counts.
            yield return M("pw-24to13", 24, 13, 1, 9, 11);
            yield return M("pw-s2-nobias", 8, 6, 1, 10, 10, stride: 2, bias: false);
            yield return M("pw-64to40", 64, 40, 1, 6, 7);
            yield return M("k3-p1-64to9", 64, 9, 3, 12, 12, padding: 1);
            yield return M("k3-p1-8to40", 8, 40, 3, 7, 9, padding: 1);
            // Output widths / planes around vector and tile sizes (16 floats, 96-pixel AVX-512 tiles), not multiples of 8.
            yield return M("width15-k3-p1", 2, 4, 3, 3, 15, padding: 1);
            yield return M("width16-k3-p1", 2, 4, 3, 3, 16, padding: 1);
            yield return M("width17-k3-p1", 2, 4, 3, 4, 17, padding: 1);
            yield return M("width31-k3-p1", 2, 3, 3, 3, 31, padding: 1);
            yield return M("width32-k3-p1", 2, 3, 3, 2, 32, padding: 1);
            yield return M("width33-k3-p1", 2, 3, 3, 3, 33, padding: 1);
            yield return M("width48-k3-valid", 2, 4, 3, 5, 50, padding: "valid");
            yield return M("width49-k1", 4, 4, 1, 2, 49);
            yield return M("row97-k3-p1", 2, 5, 3, 1, 97, padding: 1);
            yield return M("plane96-k3-p1", 2, 3, 3, 8, 12, padding: 1);
            yield return M("plane97-k1", 3, 4, 1, 1, 97);
            yield return M("size33x35-k3-p1", 2, 3, 3, 33, 35, padding: 1);
            // 1×1 inputs, kernel as large as the input, lines.
            yield return M("in1x1-k1-nobias", 5, 3, 1, 1, 1, bias: false);
            yield return M("in1x1-k1-b4", 8, 16, 1, 1, 1, batch: 4);
            yield return M("in1x1-k3-p2", 2, 3, 3, 1, 1, padding: 2);
            yield return M("in1x1-k2-s2-p1", 3, 4, 2, 1, 1, stride: 2, padding: 1);
            yield return M("k5-on-5x5", 3, 6, 5, 5, 5);
            yield return M("k7x3-on-7x3", 2, 3, (7, 3), 7, 3);
            yield return M("k1x7-p0x3", 4, 4, (1, 7), 6, 9, padding: (0, 3));
            yield return M("k7x1-p3x0-nobias", 4, 4, (7, 1), 9, 6, padding: (3, 0), bias: false);
            yield return M("k3x1-d2x1", 3, 5, (3, 1), 11, 8, dilation: (2, 1));
            yield return M("k3-p4", 2, 3, 3, 5, 6, padding: 4);
            yield return M("k3-s2-p1-b4", 3, 8, 3, 7, 9, stride: 2, padding: 1, batch: 4);
            yield return M("mnist-k5", 1, 8, 5, 28, 28);
            // README examples.
            yield return M("readme-k3-s2", 16, 33, 3, 9, 9, stride: 2, note: "README: nn.Conv2d(16, 33, 3, stride=2)");
            yield return M("readme-k3x5-s2x1-p4x2", 16, 33, (3, 5), 6, 8, stride: (2, 1), padding: (4, 2), note: "README");
            yield return M("readme-k3x5-s2x1-p4x2-d3x1", 16, 33, (3, 5), 7, 9, stride: (2, 1), padding: (4, 2), dilation: (3, 1), note: "README");
        }

        /// <summary>NaN/±∞ in the input (every padding mode), and NaN/+∞ in the weight or bias with zero padding.</summary>
        private static IEnumerable<GoldenConfig> NonFinite()
        {
            const float NaN = float.NaN, Inf = float.PositiveInfinity, NegInf = float.NegativeInfinity;
            static SpecialValue X(int n, int c, int h, int w, float v) => new(Target.Input, new[] { n, c, h, w }, v);
            static SpecialValue Wt(int o, int i, int h, int w, float v) => new(Target.Weight, new[] { o, i, h, w }, v);

            yield return M("nonfinite-input-zeros-k3-p1", 3, 4, 3, 6, 7, padding: 1, family: "nonfinite") with
            {
                Specials = new[] { X(0, 1, 2, 3, NaN), X(0, 0, 0, 6, Inf), X(0, 2, 5, 0, NegInf) },
            };
            yield return M("nonfinite-input-reflect-k3-p1", 2, 3, 3, 6, 7, padding: 1, mode: Mode.Reflect, family: "nonfinite") with
            {
                Specials = new[] { X(0, 0, 1, 1, NaN), X(0, 1, 0, 3, Inf), X(0, 1, 4, 5, NegInf) },
            };
            yield return M("nonfinite-input-replicate-k3-p2", 2, 3, 3, 5, 6, padding: 2, mode: Mode.Replicate, family: "nonfinite") with
            {
                Specials = new[] { X(0, 0, 0, 0, Inf), X(0, 1, 4, 2, NaN) },
            };
            yield return M("nonfinite-input-circular-k3-p1", 2, 2, 3, 5, 5, padding: 1, mode: Mode.Circular, family: "nonfinite") with
            {
                Specials = new[] { X(0, 0, 0, 2, NegInf), X(0, 0, 4, 2, Inf) },
            };
            yield return M("nonfinite-input-pw-b2", 4, 3, 1, 3, 5, batch: 2, family: "nonfinite") with
            {
                Specials = new[] { X(0, 0, 1, 1, NaN), X(1, 1, 2, 3, Inf), X(1, 2, 2, 3, NegInf), X(1, 3, 0, 4, Inf) },
            };
            // A NaN in the top-left tap: where that tap falls on zero padding PyTorch computes either 0·NaN = NaN (im2col +
            // GEMM) or nothing at all (a direct kernel that skips padding); which one depends on its backend, so both a
            // batch-1 layer (native slow_conv2d) and batch-2 / grouped layers (oneDNN) are recorded.
            yield return M("nonfinite-weight-nan-zeros-k3-p1-b1", 4, 5, 3, 6, 7, padding: 1, family: "nonfinite") with
            {
                Specials = new[] { Wt(1, 2, 0, 0, NaN) },
            };
            yield return M("nonfinite-weight-nan-zeros-k3-p1-b2", 4, 5, 3, 6, 7, padding: 1, batch: 2, family: "nonfinite") with
            {
                Specials = new[] { Wt(1, 2, 0, 0, NaN) },
            };
            yield return M("nonfinite-weight-nan-zeros-dw3-k3-p2", 3, 3, 3, 5, 5, padding: 2, groups: 3, family: "nonfinite") with
            {
                Specials = new[] { Wt(2, 0, 2, 2, NaN) },
            };
            yield return M("nonfinite-weight-nan-zeros-same-k2", 2, 2, 2, 5, 6, padding: "same", family: "nonfinite") with
            {
                Specials = new[] { Wt(0, 0, 1, 1, NaN) },
            };
            yield return M("nonfinite-weight-inf-zeros-k3-p1", 2, 2, 3, 5, 6, padding: 1, family: "nonfinite") with
            {
                Specials = new[] { Wt(0, 1, 0, 2, Inf) },
            };
            yield return M("nonfinite-bias-nan", 2, 3, 3, 4, 5, padding: 1, family: "nonfinite") with
            {
                Specials = new[] { new SpecialValue(Target.Bias, new[] { 1 }, NaN) },
            };
        }

        private static GoldenConfig Net(string family, string name, int cin, int cout, int k, int size, int stride = 1, int padding = 0,
            int groups = 1, string note = "") =>
            M($"{family}-{name}", cin, cout, k, size, size, stride: stride, padding: padding, groups: groups, bias: false,
                family: family, note: note);

        /// <summary>
        /// torchvision resnet18 (224×224 input): every distinct conv shape (all bias=False). The note lists the modules
        /// that share it.
        /// </summary>
        private static IEnumerable<GoldenConfig> ResNet18()
        {
            const string F = "resnet18";
            yield return Net(F, "conv1-k7-s2", 3, 64, 7, 224, stride: 2, padding: 3, note: "conv1");
            yield return Net(F, "layer1-k3-64", 64, 64, 3, 56, padding: 1, note: "layer1.{0,1}.conv{1,2}");
            yield return Net(F, "layer2-k3-s2-64to128", 64, 128, 3, 56, stride: 2, padding: 1, note: "layer2.0.conv1");
            yield return Net(F, "layer2-k3-128", 128, 128, 3, 28, padding: 1, note: "layer2.0.conv2, layer2.1.conv{1,2}");
            yield return Net(F, "layer2-downsample-k1-s2", 64, 128, 1, 56, stride: 2, note: "layer2.0.downsample.0");
            yield return Net(F, "layer3-k3-s2-128to256", 128, 256, 3, 28, stride: 2, padding: 1, note: "layer3.0.conv1");
            yield return Net(F, "layer3-k3-256", 256, 256, 3, 14, padding: 1, note: "layer3.0.conv2, layer3.1.conv{1,2}");
            yield return Net(F, "layer3-downsample-k1-s2", 128, 256, 1, 28, stride: 2, note: "layer3.0.downsample.0");
            yield return Net(F, "layer4-k3-s2-256to512", 256, 512, 3, 14, stride: 2, padding: 1, note: "layer4.0.conv1");
            yield return Net(F, "layer4-k3-512", 512, 512, 3, 7, padding: 1, note: "layer4.0.conv2, layer4.1.conv{1,2}");
            yield return Net(F, "layer4-downsample-k1-s2", 256, 512, 1, 14, stride: 2, note: "layer4.0.downsample.0");
        }

        /// <summary>torchvision mobilenet_v2 (224×224 input, width 1.0): every distinct conv shape (all bias=False).</summary>
        private static IEnumerable<GoldenConfig> MobileNetV2()
        {
            const string F = "mobilenet_v2";
            GoldenConfig Dw(int c, int size, int stride, string note) =>
                Net(F, $"dw{c}-s{stride}-{size}", c, c, 3, size, stride: stride, padding: 1, groups: c, note: note);
            GoldenConfig Pw(int cin, int cout, int size, string note) =>
                Net(F, $"pw{cin}to{cout}-{size}", cin, cout, 1, size, note: note);

            yield return Net(F, "stem-k3-s2", 3, 32, 3, 224, stride: 2, padding: 1, note: "features.0.0");
            yield return Dw(32, 112, 1, "features.1.conv.0.0");
            yield return Pw(32, 16, 112, "features.1.conv.1 (project)");
            yield return Pw(16, 96, 112, "features.2.conv.0.0 (expand)");
            yield return Dw(96, 112, 2, "features.2.conv.1.0");
            yield return Pw(96, 24, 56, "features.2.conv.2 (project)");
            yield return Pw(24, 144, 56, "features.{3,4}.conv.0.0 (expand)");
            yield return Dw(144, 56, 1, "features.3.conv.1.0");
            yield return Pw(144, 24, 56, "features.3.conv.2 (project)");
            yield return Dw(144, 56, 2, "features.4.conv.1.0");
            yield return Pw(144, 32, 28, "features.4.conv.2 (project)");
            yield return Pw(32, 192, 28, "features.{5,6,7}.conv.0.0 (expand)");
            yield return Dw(192, 28, 1, "features.{5,6}.conv.1.0");
            yield return Pw(192, 32, 28, "features.{5,6}.conv.2 (project)");
            yield return Dw(192, 28, 2, "features.7.conv.1.0");
            yield return Pw(192, 64, 14, "features.7.conv.2 (project)");
            yield return Pw(64, 384, 14, "features.{8..11}.conv.0.0 (expand)");
            yield return Dw(384, 14, 1, "features.{8..11}.conv.1.0");
            yield return Pw(384, 64, 14, "features.{8,9,10}.conv.2 (project)");
            yield return Pw(384, 96, 14, "features.11.conv.2 (project)");
            yield return Pw(96, 576, 14, "features.{12,13,14}.conv.0.0 (expand)");
            yield return Dw(576, 14, 1, "features.{12,13}.conv.1.0");
            yield return Pw(576, 96, 14, "features.{12,13}.conv.2 (project)");
            yield return Dw(576, 14, 2, "features.14.conv.1.0");
            yield return Pw(576, 160, 7, "features.14.conv.2 (project)");
            yield return Pw(160, 960, 7, "features.{15,16,17}.conv.0.0 (expand)");
            yield return Dw(960, 7, 1, "features.{15,16,17}.conv.1.0");
            yield return Pw(960, 160, 7, "features.{15,16}.conv.2 (project)");
            yield return Pw(960, 320, 7, "features.17.conv.2 (project)");
            yield return Pw(320, 1280, 7, "features.18.0");
        }
    }
}
