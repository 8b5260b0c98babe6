using System;
using System.Collections.Generic;
using System.Linq;

namespace ConvGen.GeneratorBenchmarks
{
    /// <summary>The kinds of layer in the benchmark project, with how many of each (200 in all).</summary>
    public enum LayerKind
    {
        Dense3x3,
        Pointwise1x1,
        Depthwise3x3,
        Depthwise5x5,
        Stride2Dense3x3,
        Stem7x7,
        Grouped3x3,
        Dilated3x3,
        Rectangular,
        Reflect,
        Replicate,
        Circular,
    }

    /// <summary>One layer of the benchmark project: where it lives and the attribute that declares it.</summary>
    public sealed record LayerDecl(int Index, LayerKind Kind, string Namespace, string ClassName, string Attribute, bool Bias, bool FixedSize, bool HasBody)
    {
        public string FullName => Namespace + "." + ClassName;

        /// <summary>The generator's hint name for this layer (namespace + class + ".g.cs").</summary>
        public string HintName => FullName + ".g.cs";

        public string Path => $"Layers/{Namespace.Substring(Namespace.LastIndexOf('.') + 1)}/{ClassName}.cs";
    }

    /// <summary>
    /// A fixed, seeded mix of 200 realistic layers, in the proportions of common CNN backbones (ResNet, MobileNet,
    /// ResNeXt, DeepLab, Inception, style-transfer nets). Parameters are drawn from <see cref="Random"/> with a fixed
    /// seed, so every run (and every BenchmarkDotNet child process) sees the same project.
    /// </summary>
    public static class LayerMix
    {
        public const int Seed = 20251124;

        /// <summary>Count and description of each kind (the description goes into the results file).</summary>
        public static readonly IReadOnlyList<(LayerKind Kind, int Count, string What)> Kinds = new[]
        {
            (LayerKind.Dense3x3, 42, "3×3, stride 1, padding 1 or \"same\", 16–512 channels (ResNet/VGG body)"),
            (LayerKind.Pointwise1x1, 44, "1×1 expand/project/shortcut, 16–1280 channels (MobileNet, bottlenecks)"),
            (LayerKind.Depthwise3x3, 24, "3×3 depthwise (Groups = channels), stride 1 or 2, some with multiplier 2"),
            (LayerKind.Depthwise5x5, 12, "5×5 depthwise, padding 2, stride 1 or 2 (MobileNetV3/EfficientNet)"),
            (LayerKind.Stride2Dense3x3, 16, "3×3 stride 2 downsampling, channels ×2"),
            (LayerKind.Stem7x7, 6, "7×7 stride 2 padding 3 stem from 3 channels"),
            (LayerKind.Grouped3x3, 12, "3×3 with 4–32 groups (ResNeXt/RegNet)"),
            (LayerKind.Dilated3x3, 12, "3×3 dilation 2–6, padding = dilation or \"same\" (DeepLab)"),
            (LayerKind.Rectangular, 12, "1×7, 7×1, 1×3, 3×1, 3×5 (Inception factorised)"),
            (LayerKind.Reflect, 8, "PaddingMode.Reflect: 3×3 pad 1 and 9×9 pad 4 (style transfer)"),
            (LayerKind.Replicate, 6, "PaddingMode.Replicate, 3×3 / 5×5"),
            (LayerKind.Circular, 6, "PaddingMode.Circular, 3×3 / 5×5 (panoramas, tori)"),
        };

        public const int FixedSizeOneIn = 4;

        public static IReadOnlyList<LayerDecl> Create()
        {
            var r = new Random(Seed);
            var kinds = Kinds.SelectMany(k => Enumerable.Repeat(k.Kind, k.Count)).ToList();
            // A deterministic shuffle so kinds are spread over files and namespaces as in a real model.
            for (int i = kinds.Count - 1; i > 0; i--)
            {
                int j = r.Next(i + 1);
                (kinds[i], kinds[j]) = (kinds[j], kinds[i]);
            }

            var layers = new List<LayerDecl>(kinds.Count);
            for (int i = 0; i < kinds.Count; i++)
            {
                layers.Add(Draw(r, i, kinds[i]));
            }

            return layers;
        }

        /// <summary>The layer after a small edit of its attribute: the output channel count changes (still valid).</summary>
        public static LayerDecl EditOutChannels(LayerDecl layer)
        {
            if (layer.Kind != LayerKind.Dense3x3) throw new ArgumentException("only a dense 3×3 layer is edited", nameof(layer));
            // "Conv2d(in, out, 3, ...)": bump out by 8 (groups = 1, so any value is valid).
            string a = layer.Attribute;
            int first = a.IndexOf(',');
            int second = a.IndexOf(',', first + 1);
            int outChannels = int.Parse(a.Substring(first + 1, second - first - 1).Trim());
            string edited = a.Substring(0, first + 1) + " " + (outChannels + 8) + a.Substring(second);
            return layer with { Attribute = edited };
        }

        private static readonly int[] Channels = { 16, 24, 32, 48, 64, 96, 128, 160, 192, 256, 320, 384, 512 };

        private static LayerDecl Draw(Random r, int index, LayerKind kind)
        {
            int Pick(params int[] values) => values[r.Next(values.Length)];
            var named = new List<string>();
            string head;
            bool bias = r.Next(10) < 4; // most convolutions are followed by a batch norm: no bias
            switch (kind)
            {
                case LayerKind.Dense3x3:
                {
                    int c = Pick(Channels), o = r.Next(4) == 0 ? c * 2 : c;
                    head = $"{c}, {o}, 3";
                    named.Add(r.Next(4) == 0 ? "Padding = \"same\"" : "Padding = 1");
                    if (r.Next(6) == 0) named.Add("PaddingMode = PaddingMode.Zeros");
                    break;
                }
                case LayerKind.Pointwise1x1:
                {
                    int c = Pick(16, 24, 32, 40, 64, 80, 96, 112, 160, 192, 256, 320, 512, 960), o = Pick(16, 24, 32, 64, 96, 144, 192, 384, 576, 960, 1280);
                    head = $"{c}, {o}, 1";
                    break;
                }
                case LayerKind.Depthwise3x3:
                case LayerKind.Depthwise5x5:
                {
                    int k = kind == LayerKind.Depthwise3x3 ? 3 : 5, c = Pick(32, 96, 144, 192, 240, 384, 480, 576, 960);
                    int multiplier = kind == LayerKind.Depthwise3x3 && r.Next(6) == 0 ? 2 : 1;
                    int stride = r.Next(4) == 0 ? 2 : 1;
                    head = $"{c}, {c * multiplier}, {k}";
                    if (stride != 1) named.Add($"Stride = {stride}");
                    named.Add($"Padding = {k / 2}");
                    named.Add($"Groups = {c}");
                    break;
                }
                case LayerKind.Stride2Dense3x3:
                {
                    int c = Pick(32, 64, 128, 256);
                    head = $"{c}, {c * 2}, 3";
                    named.Add("Stride = 2");
                    named.Add("Padding = 1");
                    break;
                }
                case LayerKind.Stem7x7:
                    head = $"3, {Pick(32, 64)}, 7";
                    named.Add("Stride = 2");
                    named.Add("Padding = 3");
                    break;
                case LayerKind.Grouped3x3:
                {
                    int c = Pick(64, 128, 256, 512), g = Pick(4, 8, 32);
                    head = $"{c}, {c}, 3";
                    named.Add("Padding = 1");
                    named.Add($"Groups = {g}");
                    break;
                }
                case LayerKind.Dilated3x3:
                {
                    int c = Pick(64, 128, 256), d = Pick(2, 4, 6);
                    head = $"{c}, {c}, 3";
                    named.Add($"Dilation = {d}");
                    named.Add(r.Next(3) == 0 ? "Padding = \"same\"" : $"Padding = {d}");
                    break;
                }
                case LayerKind.Rectangular:
                {
                    var (kH, kW) = Pick(0, 1, 2, 3, 4) switch { 0 => (1, 7), 1 => (7, 1), 2 => (1, 3), 3 => (3, 1), _ => (3, 5) };
                    int c = Pick(128, 160, 192, 384);
                    head = $"{c}, {Pick(128, 160, 192)}, new[] {{ {kH}, {kW} }}";
                    named.Add($"Padding = new[] {{ {kH / 2}, {kW / 2} }}");
                    break;
                }
                default:
                {
                    // Reflect / Replicate / Circular.
                    bool big = kind == LayerKind.Reflect && r.Next(3) == 0;
                    int k = big ? 9 : kind != LayerKind.Reflect && r.Next(3) == 0 ? 5 : 3;
                    int c = big ? 3 : Pick(32, 64, 128);
                    head = $"{c}, {(big ? 32 : c)}, {k}";
                    named.Add($"Padding = {k / 2}");
                    named.Add($"PaddingMode = PaddingMode.{kind}");
                    bias = true;
                    break;
                }
            }

            if (!bias) named.Add("Bias = false");

            bool fixedSize = r.Next(FixedSizeOneIn) == 0;
            if (fixedSize)
            {
                int size = kind == LayerKind.Stem7x7 ? 224 : Pick(14, 28, 56);
                named.Add($"InputHeight = {size}, InputWidth = {size}");
            }

            // Stages 1-5 as namespaces; names as a model author would write them.
            int stage = 1 + index * 5 / 200;
            string ns = $"Vision.Backbone.Stage{stage}";
            string cls = $"{kind}L{index:000}";
            string attribute = $"Conv2d({head}{string.Concat(named.Select(n => ", " + n))})";
            return new LayerDecl(index, kind, ns, cls, attribute, bias, fixedSize, HasBody: r.Next(5) == 0);
        }
    }
}
