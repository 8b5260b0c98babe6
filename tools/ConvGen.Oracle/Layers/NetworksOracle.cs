using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ConvGen.Golden;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace ConvGen.Oracle
{
    /// <summary>
    /// <c>generate-networks</c>: the networks of tests/Shared/Networks (torchvision's ResNet-18 and MobileNetV2, a
    /// MobileNetV3-style network, an Inception-style one) written here independently, as torchvision's forward methods
    /// run them: torch.nn Conv2d/BatchNorm2d/Linear modules in eval mode under torchvision's state_dict names, the
    /// residual sums, gates and concatenations as their forward methods write them. Weights from
    /// <see cref="SeededStateDict"/> (position = order of creation, which is torchvision's state_dict order), input
    /// SplitMix64 seed 20261203, batch 2, one thread. Writes golden-networks/{name}.bin: every tensor's name and shape
    /// ("shape:" + name, int64), "input-shape", and libtorch's "output".
    /// </summary>
    public static class NetworksOracle
    {
        public const string Command = "generate-networks";
        private const int Batch = 2;

        public static int Generate(string[] args)
        {
            string root = args.Length == 2 && args[0] == "--root" ? args[1] : FindRoot();
            string folder = Path.Combine(root, "tests", "ConvGen.Conformance.Tests", "golden-networks");
            torch.set_num_threads(1);
            var rows = new List<string>();
            foreach (var (name, c, h, w, build, describe) in new (string, int, int, int, Func<Net, Func<Tensor, Tensor>>, string)[]
            {
                ("resnet18", 3, 224, 224, ResNet18, "torchvision.models.resnet18()"),
                ("mobilenetv2", 3, 224, 224, MobileNetV2, "torchvision.models.mobilenet_v2()"),
                ("mobilenetv3style", 3, 96, 96, MobileNetV3Style, "4 MobileNetV3 stages (torchvision.models.mobilenetv3 modules: hard-swish, SqueezeExcitation, 5×5 depthwise), classifier 144→256→10"),
                ("inceptionstyle", 3, 32, 32, InceptionStyle, "stem, one Inception block (branches 1×1, 1×1→3×3, avgpool→1×1; torch.cat), pooling, Linear(24, 10)"),
            })
            {
                using var scope = torch.NewDisposeScope();
                var net = new Net();
                var forward = build(net);
                float[] input = SplitMix64.Uniform(Batch * c * h * w, 20261203);
                float[] output;
                using (torch.no_grad()) output = forward(torch.tensor(input, new long[] { Batch, c, h, w })).data<float>().ToArray();

                var tensors = net.Entries.Select(e => new GoldenTensor("shape:" + e.Name, new long[] { e.Shape.Length }, Longs: e.Shape)).ToList();
                tensors.Add(new GoldenTensor("input-shape", new long[] { 4 }, Longs: new long[] { Batch, c, h, w }));
                tensors.Add(new GoldenTensor("output", new long[] { Batch, output.Length / Batch }, Floats: output));
                TensorFile.Write(Path.Combine(folder, name + ".bin"), tensors);
                double largest = output.Max(v => Math.Abs(v)), mean = output.Average(), std = Math.Sqrt(output.Average(v => (v - mean) * (v - mean)));
                Console.WriteLine($"{name}: {net.Entries.Count} tensors, {net.Entries.Sum(e => e.Shape.Aggregate(1L, (a, b) => a * b)):N0} values; output max |y| {largest:G4}, std {std:G4}");
                if (!output.All(float.IsFinite) || std < 1e-3 || largest > 1e4) throw new InvalidOperationException($"{name}: degenerate output");
                rows.Add($"| {name}.bin | {describe} | ({Batch}, {c}, {h}, {w}) | ({Batch}, {output.Length / Batch}) |");
            }

            File.WriteAllText(Path.Combine(folder, "MANIFEST.md"),
                $"# Networks of blocks: golden outputs\n\nWritten by `dotnet run -c Release --project tools/ConvGen.Oracle -- {Command}` " +
                $"(TorchSharp-cpu {typeof(torch).Assembly.GetName().Version?.ToString(3)}, libtorch {torch.__version__}, one thread). " +
                "Each file: the state_dict's names and shapes in order (`shape:` + name, int64; the values are " +
                "tests/Shared/SeededStateDict.cs of name, shape and position), `input-shape` (the input is SplitMix64 seed 20261203), " +
                "and libtorch's `output`. The ConvGen declarations: tests/Shared/Networks.\n\n" +
                "| file | network | input | output |\n|---|---|---|---|\n" + string.Join("\n", rows) + "\n" +
                "\n(digits-heldout.bin beside them: tools/ConvGen.DigitsTrainer.)\n");
            return 0;
        }

        /// <summary>Modules with seeded parameters, created in state_dict order.</summary>
        public sealed class Net
        {
            public List<(string Name, long[] Shape)> Entries { get; } = new();

            private Tensor Seeded(string name, params long[] shape)
            {
                var values = SeededStateDict.Values(name, shape, Entries.Count);
                Entries.Add((name, shape));
                return torch.tensor(values, shape);
            }

            public Func<Tensor, Tensor> Conv(string name, int cin, int cout, int k, int stride = 1, int padding = 0, int groups = 1, bool bias = false)
            {
                var conv = nn.Conv2d(cin, cout, k, stride: stride, padding: padding, groups: groups, bias: bias);
                conv.eval();
                using (torch.no_grad())
                {
                    conv.weight!.copy_(Seeded(name + ".weight", cout, cin / groups, k, k));
                    if (bias) conv.bias!.copy_(Seeded(name + ".bias", cout));
                }

                return x => conv.forward(x);
            }

            public Func<Tensor, Tensor> BN(string name, int c, double eps = 1e-5)
            {
                var bn = nn.BatchNorm2d(c, eps);
                bn.eval();
                using (torch.no_grad())
                {
                    bn.weight!.copy_(Seeded(name + ".weight", c));
                    bn.bias!.copy_(Seeded(name + ".bias", c));
                    bn.running_mean!.copy_(Seeded(name + ".running_mean", c));
                    bn.running_var!.copy_(Seeded(name + ".running_var", c));
                }

                return x => bn.forward(x);
            }

            public Func<Tensor, Tensor> Linear(string name, int cin, int cout)
            {
                var linear = nn.Linear(cin, cout);
                using (torch.no_grad())
                {
                    linear.weight!.copy_(Seeded(name + ".weight", cout, cin));
                    linear.bias!.copy_(Seeded(name + ".bias", cout));
                }

                return x => linear.forward(x);
            }
        }

        private static Func<Tensor, Tensor> Seq(params Func<Tensor, Tensor>[] layers) => x => layers.Aggregate(x, (t, f) => f(t));

        private static Tensor Relu(Tensor x) => F.relu(x);

        private static Tensor Relu6(Tensor x) => F.relu6(x);

        private static Tensor Hardswish(Tensor x) => F.hardswish(x);

        private static Tensor Hardsigmoid(Tensor x) => F.hardsigmoid(x);

        private static Tensor Head(Tensor x) => F.adaptive_avg_pool2d(x, new long[] { 1, 1 }).flatten(1);

        // torchvision.models.resnet: BasicBlock.forward = relu(bn2(conv2(relu(bn1(conv1(x))))) + (downsample(x) or x)).
        private static Func<Tensor, Tensor> ResNet18(Net n)
        {
            var stem = Seq(n.Conv("conv1", 3, 64, 7, 2, 3), n.BN("bn1", 64), Relu);
            var blocks = new List<Func<Tensor, Tensor>>();
            int cin = 64;
            foreach (var (layer, cout, stride) in new[] { ("layer1", 64, 1), ("layer2", 128, 2), ("layer3", 256, 2), ("layer4", 512, 2) })
            {
                for (int b = 0; b < 2; b++)
                {
                    string p = $"{layer}.{b}.";
                    int s = b == 0 ? stride : 1, i = b == 0 ? cin : cout;
                    var body = Seq(n.Conv(p + "conv1", i, cout, 3, s, 1), n.BN(p + "bn1", cout), Relu, n.Conv(p + "conv2", cout, cout, 3, 1, 1), n.BN(p + "bn2", cout));
                    var shortcut = s != 1 || i != cout ? Seq(n.Conv(p + "downsample.0", i, cout, 1, s), n.BN(p + "downsample.1", cout)) : (x => x);
                    blocks.Add(x => F.relu(body(x) + shortcut(x)));
                }

                cin = cout;
            }

            var fc = n.Linear("fc", 512, 1000);
            return x => fc(Head(Seq(blocks.ToArray())(F.max_pool2d(stem(x), new long[] { 3, 3 }, new long[] { 2, 2 }, new long[] { 1, 1 }))));
        }

        // torchvision.models.mobilenetv2: InvertedResidual.forward = x + conv(x) when stride 1 and in == out, else conv(x).
        private static Func<Tensor, Tensor> MobileNetV2(Net n)
        {
            var layers = new List<Func<Tensor, Tensor>> { Seq(n.Conv("features.0.0", 3, 32, 3, 2, 1), n.BN("features.0.1", 32), Relu6) };
            int cin = 32, index = 1;
            foreach (var (t, c, repeats, stride) in new[] { (1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2), (6, 96, 3, 1), (6, 160, 3, 2), (6, 320, 1, 1) })
            {
                for (int r = 0; r < repeats; r++, index++)
                {
                    string p = $"features.{index}.conv.";
                    int s = r == 0 ? stride : 1, hidden = cin * t, j = 0;
                    var parts = new List<Func<Tensor, Tensor>>();
                    if (t != 1) parts.Add(Seq(n.Conv($"{p}{j}.0", cin, hidden, 1), n.BN($"{p}{j++}.1", hidden), Relu6));
                    parts.Add(Seq(n.Conv($"{p}{j}.0", hidden, hidden, 3, s, 1, groups: hidden), n.BN($"{p}{j++}.1", hidden), Relu6));
                    parts.Add(n.Conv($"{p}{j++}", hidden, c, 1));
                    parts.Add(n.BN($"{p}{j}", c));
                    var conv = Seq(parts.ToArray());
                    layers.Add(s == 1 && cin == c ? x => x + conv(x) : conv);
                    cin = c;
                }
            }

            layers.Add(Seq(n.Conv("features.18.0", 320, 1280, 1), n.BN("features.18.1", 1280), Relu6));
            var classifier = n.Linear("classifier.1", 1280, 1000); // classifier.0 is Dropout(0.2): identity in eval
            var features = Seq(layers.ToArray());
            return x => classifier(Head(features(x)));
        }

        // torchvision.models.mobilenetv3: SqueezeExcitation.forward = x * hardsigmoid(fc2(relu(fc1(avgpool(x))))).
        private static Func<Tensor, Tensor> MobileNetV3Style(Net n)
        {
            const double eps = 0.001;
            Func<Tensor, Tensor> SE(string p, int c, int squeeze)
            {
                var gate = Seq(x => F.adaptive_avg_pool2d(x, new long[] { 1, 1 }), n.Conv(p + "fc1", c, squeeze, 1, bias: true), Relu,
                    n.Conv(p + "fc2", squeeze, c, 1, bias: true), Hardsigmoid);
                return x => x * gate(x);
            }

            var stem = Seq(n.Conv("features.0.0", 3, 16, 3, 2, 1), n.BN("features.0.1", 16, eps), Hardswish);
            var b1 = Seq(n.Conv("features.1.block.0.0", 16, 16, 3, 2, 1, groups: 16), n.BN("features.1.block.0.1", 16, eps), Relu,
                SE("features.1.block.1.", 16, 8),
                n.Conv("features.1.block.2.0", 16, 16, 1), n.BN("features.1.block.2.1", 16, eps));
            var b2 = Seq(n.Conv("features.2.block.0.0", 16, 72, 1), n.BN("features.2.block.0.1", 72, eps), Relu,
                n.Conv("features.2.block.1.0", 72, 72, 3, 2, 1, groups: 72), n.BN("features.2.block.1.1", 72, eps), Relu,
                n.Conv("features.2.block.2.0", 72, 24, 1), n.BN("features.2.block.2.1", 24, eps));
            var b3 = Seq(n.Conv("features.3.block.0.0", 24, 96, 1), n.BN("features.3.block.0.1", 96, eps), Hardswish,
                n.Conv("features.3.block.1.0", 96, 96, 5, 1, 2, groups: 96), n.BN("features.3.block.1.1", 96, eps), Hardswish,
                SE("features.3.block.2.", 96, 24),
                n.Conv("features.3.block.3.0", 96, 24, 1), n.BN("features.3.block.3.1", 24, eps));
            var last = Seq(n.Conv("features.4.0", 24, 144, 1), n.BN("features.4.1", 144, eps), Hardswish);
            var fc1 = n.Linear("classifier.0", 144, 256);
            var fc2 = n.Linear("classifier.3", 256, 10);
            return x => fc2(F.hardswish(fc1(Head(last(Seq(stem, b1, b2, y => y + b3(y))(x))))));
        }

        // torchvision.models.inception: InceptionA.forward = torch.cat([branch outputs], 1), BasicConv2d = relu(bn(conv(x))), eps 0.001.
        private static Func<Tensor, Tensor> InceptionStyle(Net n)
        {
            const double eps = 0.001;
            Func<Tensor, Tensor> Basic(string p, int cin, int cout, int k, int padding = 0) =>
                Seq(n.Conv(p + ".conv", cin, cout, k, 1, padding), n.BN(p + ".bn", cout, eps), Relu);
            var stem = Seq(n.Conv("stem.conv", 3, 16, 3, 1, 1), n.BN("stem.bn", 16, eps), Relu);
            var b1 = Basic("mixed.branch1x1", 16, 8, 1);
            var b3 = Seq(Basic("mixed.branch3x3_1", 16, 8, 1), Basic("mixed.branch3x3_2", 8, 12, 3, 1));
            var bp = Seq(x => F.avg_pool2d(x, new long[] { 3, 3 }, new long[] { 1, 1 }, new long[] { 1, 1 }), Basic("mixed.branch_pool", 16, 4, 1));
            var fc = n.Linear("fc", 24, 10);
            return x =>
            {
                var s = stem(x);
                var mixed = torch.cat(new[] { b1(s), b3(s), bp(s) }, 1);
                return fc(Head(F.max_pool2d(mixed, new long[] { 2, 2 })));
            };
        }

        private static string FindRoot()
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ConvGen.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new ArgumentException("ConvGen.sln not found; pass --root DIR");
        }
    }
}
