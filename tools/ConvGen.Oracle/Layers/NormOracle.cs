using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using ConvGen.Golden;
using TorchSharp;
using static TorchSharp.torch;

namespace ConvGen.Oracle
{
    /// <summary>
    /// <c>generate-norm</c>: golden vectors of <c>torch.nn.BatchNorm2d</c> (eval mode), <c>nn.ZeroPad2d</c>,
    /// <c>nn.ConstantPad2d</c>, <c>nn.ReflectionPad2d</c>, <c>nn.ReplicationPad2d</c> and <c>nn.Flatten</c>, computed by the
    /// modules themselves through libtorch on one thread, inputs from SplitMix64. Writes
    /// tests/ConvGen.Conformance.Tests/golden-layers/norm/NNN-name.bin (TensorFile), its MANIFEST.md, and the ConvGen twins
    /// in NormGoldenLayers.g.cs. A configuration PyTorch rejects is stored with a "raises" tensor instead of an output
    /// (the manifest quotes PyTorch's message): the twin must throw an ArgumentException there.
    /// </summary>
    public static class NormOracle
    {
        public const string Command = "generate-norm";

        /// <summary>Stats: "uniform", "network" (ResNet-like running statistics), "tiny-var" (variances near 0, eps dominates).</summary>
        private sealed record BnCase(string Name, int C, long[] Shape, double Eps, bool Affine, string Stats, bool Specials = false);

        private sealed record PadCase(string Name, string Module, int[] Pad, long[] Shape, double Value = 0, bool Specials = false);

        private sealed record FlattenCase(string Name, int Start, int End, long[] Shape);

        public static int Generate(string[] args)
        {
            string root = args.Length == 2 && args[0] == "--root" ? args[1] : FindRoot();
            string project = Path.Combine(root, "tests", "ConvGen.Conformance.Tests");
            torch.set_num_threads(1);
            string version = $"TorchSharp-cpu {typeof(torch).Assembly.GetName().Version?.ToString(3)}, libtorch {torch.__version__}";
            Console.WriteLine($"{version}, 1 thread");
            string dir = Path.Combine(project, "golden-layers", "norm");
            if (Directory.Exists(dir)) foreach (string f in Directory.GetFiles(dir, "*.bin")) File.Delete(f);
            Directory.CreateDirectory(dir);

            var bn = BatchNormCases();
            var pads = PadCases();
            var flattens = FlattenCases();
            var manifest = new StringBuilder($"# BatchNorm2d, padding and Flatten golden vectors\n\nWritten by `dotnet run -c Release --project tools/ConvGen.Oracle -- {Command}` " +
                $"({version}, one thread, modules in eval mode). Inputs and parameters from SplitMix64 (uniform [−1, 1)) with seed 10·index + k, shaped as each row says. " +
                "A row marked *raises* stores no output: PyTorch raised the quoted error, and ConvGen must throw an ArgumentException.\n\n" +
                "| file | PyTorch | input | output |\n|---|---|---|---|\n");
            int index = 0;
            foreach (var c in bn)
            {
                string file = $"{++index:000}-{c.Name}.bin";
                var tensors = RunBatchNorm(c, (ulong)(10 * index));
                TensorFile.Write(Path.Combine(dir, file), tensors);
                manifest.Append($"| {file} | `{BnCall(c)}` | {Shape(c.Shape)} | {Shape(c.Shape)} |\n");
            }

            foreach (var c in pads)
            {
                string file = $"{++index:000}-{c.Name}.bin";
                var (tensors, outcome) = RunPad(c, (ulong)(10 * index));
                TensorFile.Write(Path.Combine(dir, file), tensors);
                manifest.Append($"| {file} | `{PadCall(c)}` | {Shape(c.Shape)} | {outcome} |\n");
            }

            foreach (var c in flattens)
            {
                string file = $"{++index:000}-{c.Name}.bin";
                var (tensors, outShape) = RunFlatten(c, (ulong)(10 * index));
                TensorFile.Write(Path.Combine(dir, file), tensors);
                manifest.Append($"| {file} | `nn.Flatten({c.Start}, {c.End})` | {Shape(c.Shape)} | {Shape(outShape)} |\n");
            }

            File.WriteAllText(Path.Combine(dir, "MANIFEST.md"), manifest.ToString());
            File.WriteAllText(Path.Combine(project, "NormGoldenLayers.g.cs"), Twins(bn, pads, flattens));
            Console.WriteLine($"{bn.Count} BatchNorm2d, {pads.Count} padding and {flattens.Count} Flatten files written.");
            return 0;
        }

        // ---- Configurations ----

        private static List<BnCase> BatchNormCases()
        {
            var cases = new List<BnCase>();
            int[] channels = { 1, 2, 3, 4, 5, 7, 8, 15, 16, 17, 24, 32, 33, 64 };
            long[][] planes = { new long[] { 1, 1 }, new long[] { 2, 3 }, new long[] { 4, 4 }, new long[] { 5, 7 }, new long[] { 1, 17 }, new long[] { 8, 9 }, new long[] { 3, 16 } };
            double[] eps = { 1e-5, 1e-3, 1e-5, 0.1, 1e-5, 1e-12, 1e-5 };
            string[] stats = { "network", "uniform", "tiny-var" };
            for (int i = 0; i < 42; i++)
            {
                int c = channels[i % channels.Length];
                var plane = planes[(i * 3) % planes.Length];
                int batch = 1 + i % 3;
                double e = eps[i % eps.Length];
                bool affine = i % 4 != 3;
                string s = stats[(i / 2) % stats.Length];
                cases.Add(new BnCase($"bn{c}-n{batch}-{plane[0]}x{plane[1]}-eps{e:0e0}{(affine ? "" : "-noaffine")}-{s}", c,
                    new long[] { batch, c, plane[0], plane[1] }, e, affine, s));
            }

            // Wide layers of real networks (ResNet-18, MobileNetV2, VGG-BN) at small spatial sizes, network-like statistics.
            foreach (var (c, h) in new[] { (64, 8), (128, 4), (256, 3), (512, 2), (512, 7), (96, 5), (144, 4), (192, 3), (320, 2), (1280, 1), (384, 2), (160, 3) })
                cases.Add(new BnCase($"bn{c}-n1-{h}x{h}-network", c, new long[] { 1, c, h, h }, 1e-5, true, "network"));
            cases.Add(new BnCase("bn32-n2-7x7-eps1e-3-network", 32, new long[] { 2, 32, 7, 7 }, 1e-3, true, "network")); // TF-ported models
            cases.Add(new BnCase("bn16-n1-6x6-eps1e-3-noaffine-network", 16, new long[] { 1, 16, 6, 6 }, 1e-3, false, "network"));
            cases.Add(new BnCase("bn8-n0-5x5-empty-batch", 8, new long[] { 0, 8, 5, 5 }, 1e-5, true, "uniform"));
            cases.Add(new BnCase("bn3-n2-4x5-nonfinite", 3, new long[] { 2, 3, 4, 5 }, 1e-5, true, "uniform", Specials: true));
            cases.Add(new BnCase("bn5-n1-3x9-nonfinite-noaffine", 5, new long[] { 1, 5, 3, 9 }, 1e-5, false, "network", Specials: true));
            cases.Add(new BnCase("bn4-n1-1x1-eps0-tiny-var", 4, new long[] { 1, 4, 1, 1 }, 0.0, true, "tiny-var"));
            cases.Add(new BnCase("bn6-n3-1x1", 6, new long[] { 3, 6, 1, 1 }, 1e-5, true, "network"));
            return cases;
        }

        private static List<PadCase> PadCases()
        {
            var cases = new List<PadCase>();
            // (pad, H, W): symmetric, asymmetric, negative (cropping), larger than the image (constant modes only).
            var common = new (int[] Pad, int H, int W)[]
            {
                (new[] { 1, 1, 1, 1 }, 4, 5), (new[] { 2, 2, 2, 2 }, 5, 5), (new[] { 0, 1, 0, 1 }, 6, 7), (new[] { 3, 0, 2, 1 }, 5, 4),
                (new[] { 1, 2, 3, 0 }, 4, 9), (new[] { 0, 0, 0, 0 }, 3, 3), (new[] { 2, 1, 0, 2 }, 7, 3), (new[] { 1, 3, 2, 2 }, 17, 16),
                (new[] { 3, 3, 3, 3 }, 8, 8), (new[] { -1, 0, 0, 0 }, 4, 5), (new[] { 0, -2, 1, 1 }, 4, 6), (new[] { -1, -1, -1, -1 }, 5, 5),
                (new[] { 2, -1, -2, 3 }, 6, 4), (new[] { -2, 2, 1, -1 }, 5, 5), (new[] { 1, 1, 0, 0 }, 1, 2), (new[] { 0, 2, 0, 0 }, 1, 33),
                (new[] { 4, 4, 0, 0 }, 2, 31), (new[] { 0, 0, 1, 1 }, 2, 1),
            };
            foreach (string module in new[] { "ZeroPad2d", "ConstantPad2d", "ReflectionPad2d", "ReplicationPad2d" })
            {
                string m = module.Replace("Pad2d", "").ToLowerInvariant();
                double value = module == "ConstantPad2d" ? 2.5 : 0;
                for (int i = 0; i < common.Length; i++)
                {
                    var (pad, h, w) = common[i];
                    cases.Add(new PadCase($"{m}-{string.Join("_", pad)}-{h}x{w}", module, pad, new long[] { 1 + i % 2, 1 + i % 3, h, w },
                        module == "ConstantPad2d" ? new[] { 2.5, -1.0, 0.1, 1e30 }[i % 4] : 0));
                }

                cases.Add(new PadCase($"{m}-2_1_1_2-4x5-empty-batch", module, new[] { 2, 1, 1, 2 }, new long[] { 0, 3, 4, 5 }, value));
                cases.Add(new PadCase($"{m}-1_2_2_1-5x6-nonfinite", module, new[] { 1, 2, 2, 1 }, new long[] { 2, 2, 5, 6 }, value, Specials: true));
                cases.Add(new PadCase($"{m}-uniform2-6x6", module, new[] { 2, 2, 2, 2 }, new long[] { 1, 4, 6, 6 }, value));
            }

            // Reflection at its limit (pad = size − 1) and past it; 1×1 inputs; padding larger than the image.
            cases.Add(new PadCase("reflection-3_3_2_2-3x4-limit", "ReflectionPad2d", new[] { 3, 3, 2, 2 }, new long[] { 1, 2, 3, 4 }));
            cases.Add(new PadCase("reflection-0_4_0_0-3x4-limit-right", "ReflectionPad2d", new[] { 0, 3, 0, 2 }, new long[] { 2, 1, 3, 4 }));
            cases.Add(new PadCase("reflection-4_0_0_0-3x4-raises", "ReflectionPad2d", new[] { 4, 0, 0, 0 }, new long[] { 1, 1, 3, 4 }));
            cases.Add(new PadCase("reflection-0_0_0_3-3x4-raises", "ReflectionPad2d", new[] { 0, 0, 0, 3 }, new long[] { 1, 1, 3, 4 }));
            cases.Add(new PadCase("reflection-1-1x1-raises", "ReflectionPad2d", new[] { 1, 1, 1, 1 }, new long[] { 1, 2, 1, 1 }));
            cases.Add(new PadCase("reflection-neg-5_1_0_0-4x4-crop-past", "ReflectionPad2d", new[] { -5, 2, 0, 0 }, new long[] { 1, 1, 4, 4 }));
            cases.Add(new PadCase("replication-3-1x1", "ReplicationPad2d", new[] { 3, 3, 3, 3 }, new long[] { 1, 2, 1, 1 }));
            cases.Add(new PadCase("replication-4_-6_1_1-3x5-crop-past-edge", "ReplicationPad2d", new[] { 4, -6, 1, 1 }, new long[] { 1, 2, 3, 5 }));
            cases.Add(new PadCase("replication-6_-7_0_0-3x4-crop-past-left", "ReplicationPad2d", new[] { -7, 6, 0, 0 }, new long[] { 1, 1, 3, 4 }));
            cases.Add(new PadCase("zero-9_8_7_10-2x3-larger-than-image", "ZeroPad2d", new[] { 9, 8, 7, 10 }, new long[] { 1, 2, 2, 3 }));
            cases.Add(new PadCase("zero-2-1x1", "ZeroPad2d", new[] { 2, 2, 2, 2 }, new long[] { 2, 1, 1, 1 }));
            cases.Add(new PadCase("zero--4_0_0_0-3x3-raises", "ZeroPad2d", new[] { -4, 0, 0, 0 }, new long[] { 1, 1, 3, 3 }));
            cases.Add(new PadCase("zero--3_1_0_0-3x3-crop-all-then-pad", "ZeroPad2d", new[] { -3, 1, 0, 0 }, new long[] { 1, 1, 3, 3 }));
            cases.Add(new PadCase("constant-12_12_0_5-3x1-larger-than-image", "ConstantPad2d", new[] { 12, 12, 0, 5 }, new long[] { 1, 1, 3, 1 }, -3.75));
            cases.Add(new PadCase("constant-3_-3_1_1-3x3-crop-to-nothing", "ConstantPad2d", new[] { -3, 0, 1, 1 }, new long[] { 1, 2, 3, 3 }, 7.0));
            cases.Add(new PadCase("constant-1-1x1-nan", "ConstantPad2d", new[] { 1, 1, 1, 1 }, new long[] { 1, 1, 1, 1 }, double.NaN));
            cases.Add(new PadCase("constant--1_-1_0_0-2x2-all-negative", "ConstantPad2d", new[] { -1, -1, 0, 0 }, new long[] { 1, 1, 2, 2 }, 1.0));
            return cases;
        }

        private static List<FlattenCase> FlattenCases() => new()
        {
            new("default-2x3x4x5", 1, -1, new long[] { 2, 3, 4, 5 }),
            new("all-2x3x4x5", 0, -1, new long[] { 2, 3, 4, 5 }),
            new("spatial-2x3x4x5", 2, 3, new long[] { 2, 3, 4, 5 }),
            new("channel-height-1x6x2x3", -3, -2, new long[] { 1, 6, 2, 3 }),
            new("batch-channel-3x2x2x2", 0, 1, new long[] { 3, 2, 2, 2 }),
            new("nothing-2x2x3x1", 2, 2, new long[] { 2, 2, 3, 1 }),
            new("last-1x1x1x7", 3, 3, new long[] { 1, 1, 1, 7 }),
            new("default-1x512x1x1", 1, -1, new long[] { 1, 512, 1, 1 }),
            new("default-4x16x5x5", 1, -1, new long[] { 4, 16, 5, 5 }),
            new("negative-both-2x3x4x5", -4, -3, new long[] { 2, 3, 4, 5 }),
            new("default-empty-batch", 1, -1, new long[] { 0, 3, 2, 2 }),
            new("channels-to-end-2x4x3x3", 1, 3, new long[] { 2, 4, 3, 3 }),
        };

        // ---- Running PyTorch ----

        private static List<GoldenTensor> RunBatchNorm(BnCase c, ulong seed)
        {
            long count = c.Shape.Aggregate(1L, (a, b) => a * b);
            float[] u1 = SplitMix64.Uniform(c.C, seed + 1), u2 = SplitMix64.Uniform(c.C, seed + 2);
            float[] u3 = SplitMix64.Uniform(c.C, seed + 3), u4 = SplitMix64.Uniform(c.C, seed + 4);
            float[] mean, variance, weight, bias;
            switch (c.Stats)
            {
                case "network": // running means around 0, variances log-uniform over 1e-3 … 10, weights near 1, small biases
                    mean = u1.Select(v => 0.8f * v).ToArray();
                    variance = u2.Select(v => (float)Math.Pow(10, 2.0 * v - 0.5)).ToArray();
                    weight = u3.Select(v => 1f + 0.4f * v).ToArray();
                    bias = u4.Select(v => 0.3f * v).ToArray();
                    break;
                case "tiny-var": // eps dominates
                    mean = u1;
                    variance = u2.Select(v => (float)(1e-7 * (v + 1))).ToArray();
                    weight = u3;
                    bias = u4;
                    break;
                default:
                    mean = u1;
                    variance = u2.Select(v => v + 1f).ToArray();
                    weight = u3.Select(v => 2 * v).ToArray();
                    bias = u4;
                    break;
            }

            float[] input = SplitMix64.Uniform((int)count, seed + 5);
            int plane = (int)(c.Shape[2] * c.Shape[3]);
            for (int i = 0; i < input.Length; i++)
            {
                int ch = i / plane % c.C;
                input[i] = mean[ch] + 2f * MathF.Sqrt(variance[ch]) * input[i]; // data distributed like the statistics say
            }

            if (c.Specials) InsertSpecials(input);
            using var scope = torch.NewDisposeScope();
            using var module = nn.BatchNorm2d(c.C, c.Eps, 0.1, c.Affine, true);
            module.eval();
            using (torch.no_grad())
            {
                module.running_mean!.copy_(torch.tensor(mean, new long[] { c.C }));
                module.running_var!.copy_(torch.tensor(variance, new long[] { c.C }));
                if (c.Affine)
                {
                    module.weight!.copy_(torch.tensor(weight, new long[] { c.C }));
                    module.bias!.copy_(torch.tensor(bias, new long[] { c.C }));
                }

                Tensor y = module.forward(torch.tensor(input, c.Shape));
                var tensors = new List<GoldenTensor> { new("input", c.Shape, Floats: input) };
                if (c.Affine)
                {
                    tensors.Add(new("weight", new long[] { c.C }, Floats: weight));
                    tensors.Add(new("bias", new long[] { c.C }, Floats: bias));
                }

                tensors.Add(new("running_mean", new long[] { c.C }, Floats: mean));
                tensors.Add(new("running_var", new long[] { c.C }, Floats: variance));
                tensors.Add(new("output", c.Shape, Floats: count == 0 ? Array.Empty<float>() : y.contiguous().data<float>().ToArray()));
                return tensors;
            }
        }

        private static (List<GoldenTensor> Tensors, string Outcome) RunPad(PadCase c, ulong seed)
        {
            long count = c.Shape.Aggregate(1L, (a, b) => a * b);
            float[] input = SplitMix64.Uniform((int)count, seed + 5);
            if (c.Specials) InsertSpecials(input);
            var tensors = new List<GoldenTensor> { new("input", c.Shape, Floats: input) };
            using var scope = torch.NewDisposeScope();
            var pad = (c.Pad[0], c.Pad[1], c.Pad[2], c.Pad[3]);
            nn.Module<Tensor, Tensor> module = c.Module switch
            {
                "ZeroPad2d" => nn.ZeroPad2d(pad),
                "ConstantPad2d" => nn.ConstantPad2d(pad, c.Value),
                "ReflectionPad2d" => nn.ReflectionPad2d(pad),
                _ => nn.ReplicationPad2d(pad),
            };
            module.eval();
            try
            {
                using (torch.no_grad())
                {
                    Tensor y = module.forward(torch.tensor(input, c.Shape));
                    long[] shape = y.shape;
                    float[] output = y.numel() == 0 ? Array.Empty<float>() : y.contiguous().data<float>().ToArray();
                    tensors.Add(new("output", shape, Floats: output));
                    return (tensors, Shape(shape));
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                tensors.Add(new("raises", new long[] { 1 }, Longs: new long[] { 1 }));
                string message = e.Message.Split('\n')[0].Replace("|", "\\|");
                return (tensors, $"*raises*: {message}");
            }
        }

        private static (List<GoldenTensor> Tensors, long[] OutShape) RunFlatten(FlattenCase c, ulong seed)
        {
            long count = c.Shape.Aggregate(1L, (a, b) => a * b);
            float[] input = SplitMix64.Uniform((int)count, seed + 5);
            using var scope = torch.NewDisposeScope();
            using var module = nn.Flatten(c.Start, c.End);
            Tensor y = module.forward(torch.tensor(input, c.Shape));
            long[] shape = y.shape;
            var tensors = new List<GoldenTensor>
            {
                new("input", c.Shape, Floats: input),
                new("output", shape, Floats: y.numel() == 0 ? Array.Empty<float>() : y.contiguous().data<float>().ToArray()),
            };
            return (tensors, shape);
        }

        private static void InsertSpecials(float[] x)
        {
            float[] specials = { float.NaN, float.PositiveInfinity, float.NegativeInfinity, -0f, 0f };
            for (int i = 0; i < x.Length; i += 7) x[i] = specials[(i / 7) % specials.Length];
        }

        // ---- Text ----

        private static string Shape(long[] shape) => "(" + string.Join(", ", shape) + ")";

        private static string Py(double v) =>
            double.IsNaN(v) ? "float('nan')" : v.ToString("R", CultureInfo.InvariantCulture).Replace("E", "e");

        private static string BnCall(BnCase c) =>
            $"nn.BatchNorm2d({c.C}{(c.Eps != 1e-5 ? $", eps={Py(c.Eps)}" : "")}{(c.Affine ? "" : ", affine=False")}).eval()";

        private static string Tuple(int[] p) => p.All(v => v == p[0]) ? $"{p[0]}" : $"({string.Join(", ", p)})";

        private static string PadCall(PadCase c) =>
            c.Module == "ConstantPad2d" ? $"nn.ConstantPad2d({Tuple(c.Pad)}, {Py(c.Value)})" : $"nn.{c.Module}({Tuple(c.Pad)})";

        private static string PadAttribute(PadCase c)
        {
            string sides = c.Pad.All(v => v == c.Pad[0]) ? $"{c.Pad[0]}" : $"new[] {{ {string.Join(", ", c.Pad)} }}";
            return c.Module switch
            {
                "ZeroPad2d" => c.Pad.All(v => v == c.Pad[0]) ? $"[ZeroPad2d({c.Pad[0]})]" : $"[ZeroPad2d({string.Join(", ", c.Pad)})]",
                "ConstantPad2d" => $"[ConstantPad2d({sides}, {(double.IsNaN(c.Value) ? "double.NaN" : c.Value.ToString("R", CultureInfo.InvariantCulture))})]",
                _ => $"[{c.Module}({sides})]",
            };
        }

        /// <summary>The ConvGen twin of every file, and tables from file name to a factory.</summary>
        private static string Twins(List<BnCase> bn, List<PadCase> pads, List<FlattenCase> flattens)
        {
            var s = new StringBuilder();
            s.Append($"// <auto-generated/> by tools/ConvGen.Oracle {Command}: one ConvGen layer per golden file of golden-layers/norm.\n");
            s.Append("#nullable enable\nusing System;\nusing System.Collections.Generic;\nusing ConvGen;\n\nnamespace ConvGen.Conformance.Tests.Norm;\n\n");
            int index = 0;
            var names = new List<(string File, string Class, string Kind)>();
            foreach (var c in bn)
            {
                string cls = $"GoldenBatchNorm{++index:000}";
                string args = (c.Eps != 1e-5 ? $", Eps = {c.Eps.ToString("R", CultureInfo.InvariantCulture)}" : "") + (c.Affine ? "" : ", Affine = false");
                s.Append($"[BatchNorm2d({c.C}{args})] public partial class {cls}; // {BnCall(c)}\n");
                names.Add(($"{index:000}-{c.Name}", cls, c.Affine ? "bn" : "bn-noaffine"));
            }

            foreach (var c in pads)
            {
                string cls = $"GoldenPad{++index:000}";
                s.Append($"{PadAttribute(c)} public partial class {cls}; // {PadCall(c)}\n");
                names.Add(($"{index:000}-{c.Name}", cls, "pad"));
            }

            foreach (var c in flattens)
            {
                string cls = $"GoldenFlatten{++index:000}";
                string args = (c.Start != 1 ? $"StartDim = {c.Start}" : "") + (c.End != -1 ? (c.Start != 1 ? ", " : "") + $"EndDim = {c.End}" : "");
                s.Append($"[Flatten{(args.Length > 0 ? $"({args})" : "")}] public partial class {cls}; // nn.Flatten({c.Start}, {c.End})\n");
                names.Add(($"{index:000}-{c.Name}", cls, "flatten"));
            }

            s.Append("\n/// <summary>The twins by golden file name.</summary>\ninternal static class NormGoldenLayers\n{\n");
            s.Append("    /// <summary>(weight, bias, running_mean, running_var) → layer; weight and bias are null without affine.</summary>\n");
            s.Append("    public static readonly Dictionary<string, Func<float[]?, float[]?, float[], float[], IBatchNorm2dLayer>> BatchNorm = new()\n    {\n");
            foreach (var (file, cls, kind) in names.Where(n => n.Kind.StartsWith("bn", StringComparison.Ordinal)))
                s.Append(kind == "bn" ? $"        [\"{file}\"] = (w, b, m, v) => new {cls}(w, b, m, v),\n" : $"        [\"{file}\"] = (_, _, m, v) => new {cls}(m, v),\n");
            s.Append("    };\n\n    public static readonly Dictionary<string, Func<IPad2dLayer>> Pad = new()\n    {\n");
            foreach (var (file, cls, _) in names.Where(n => n.Kind == "pad")) s.Append($"        [\"{file}\"] = () => new {cls}(),\n");
            s.Append("    };\n\n    /// <summary>The layer and its GetOutputShape.</summary>\n");
            s.Append("    public static readonly Dictionary<string, (Func<IFlattenLayer> Create, Func<int, int, int, int, int[]> Shape)> Flatten = new()\n    {\n");
            foreach (var (file, cls, _) in names.Where(n => n.Kind == "flatten")) s.Append($"        [\"{file}\"] = (() => new {cls}(), {cls}.GetOutputShape),\n");
            s.Append("    };\n}\n");
            return s.ToString();
        }

        private static string FindRoot()
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ConvGen.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new ArgumentException("ConvGen.sln not found; pass --root DIR");
        }
    }
}
