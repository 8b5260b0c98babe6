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
    /// <c>generate-linear</c>: golden vectors of <c>torch.nn.Linear</c> (alone and followed by each activation module), of
    /// every activation module as a layer (<c>nn.ReLU</c> … <c>nn.GELU</c>, <c>nn.Softmax(dim)</c>, <c>nn.Dropout(p)</c> in
    /// eval mode), computed by the modules themselves through libtorch on one thread, inputs from SplitMix64. Writes
    /// tests/ConvGen.Conformance.Tests/golden-layers/{linear,activation}/NNN-name.bin (TensorFile), a MANIFEST.md in each,
    /// and the ConvGen twins in LinearGoldenLayers.g.cs. Weights above 65,536 elements are not stored: the file holds
    /// "weight_seed" (seed, out, in) and the test regenerates them with SplitMix64.
    /// </summary>
    public static class LinearOracle
    {
        public const string Command = "generate-linear";

        private const int StoredWeightLimit = 65_536;

        private sealed record LinearCase(string Name, int In, int Out, int Rows, bool Bias, GoldenActivation Activation = GoldenActivation.None,
            float Slope = 0.01f, bool Specials = false);

        /// <summary>Module: ReLU … GELU, GELUTanh, Softmax, Dropout; shape: the input's; Dim/P/Slope as the module takes them.</summary>
        private sealed record ActivationCase(string Name, string Module, long[] Shape, float Scale, int Dim = 1, float P = 0.5f, float Slope = 0.01f,
            bool Specials = false);

        public static int Generate(string[] args)
        {
            string root = args.Length == 2 && args[0] == "--root" ? args[1] : FindRoot();
            string project = Path.Combine(root, "tests", "ConvGen.Conformance.Tests");
            torch.set_num_threads(1);
            string version = $"TorchSharp-cpu {typeof(torch).Assembly.GetName().Version?.ToString(3)}, libtorch {torch.__version__}";
            Console.WriteLine($"{version}, 1 thread");

            var linear = LinearCases();
            var activations = ActivationCases();
            string linearDir = Path.Combine(project, "golden-layers", "linear"), activationDir = Path.Combine(project, "golden-layers", "activation");
            foreach (string dir in new[] { linearDir, activationDir })
            {
                if (Directory.Exists(dir)) foreach (string f in Directory.GetFiles(dir, "*.bin")) File.Delete(f);
                Directory.CreateDirectory(dir);
            }

            var manifest = new StringBuilder($"# Linear golden vectors\n\nWritten by `dotnet run -c Release --project tools/ConvGen.Oracle -- {Command}` ({version}, one thread). " +
                "Weight 3·seed+1, bias 3·seed+2, input 3·seed+3 (SplitMix64, uniform [−1, 1)); a weight above 65,536 elements is stored as `weight_seed` (seed, out, in).\n\n" +
                "| file | PyTorch | input | output |\n|---|---|---|---|\n");
            for (int i = 0; i < linear.Count; i++)
            {
                var c = linear[i];
                string file = $"{i + 1:000}-{c.Name}.bin";
                TensorFile.Write(Path.Combine(linearDir, file), RunLinear(c, (ulong)(1000 + i)));
                manifest.Append($"| {file} | `{LinearCall(c)}` | ({c.Rows}, {c.In}) | ({c.Rows}, {c.Out}) |\n");
            }

            File.WriteAllText(Path.Combine(linearDir, "MANIFEST.md"), manifest.ToString());

            manifest = new StringBuilder($"# Activation-layer golden vectors\n\nWritten by `dotnet run -c Release --project tools/ConvGen.Oracle -- {Command}` ({version}, one thread, modules in eval mode). " +
                "Input 3·seed+3 (SplitMix64, uniform [−1, 1)) times the scale, then the special values where the name says so.\n\n" +
                "| file | PyTorch | input shape |\n|---|---|---|\n");
            for (int i = 0; i < activations.Count; i++)
            {
                var c = activations[i];
                string file = $"{i + 1:000}-{c.Name}.bin";
                TensorFile.Write(Path.Combine(activationDir, file), RunActivation(c, (ulong)(5000 + i)));
                manifest.Append($"| {file} | `{ActivationCall(c)}` | ({string.Join(", ", c.Shape)}) |\n");
            }

            File.WriteAllText(Path.Combine(activationDir, "MANIFEST.md"), manifest.ToString());
            File.WriteAllText(Path.Combine(project, "LinearGoldenLayers.g.cs"), Twins(linear, activations));
            Console.WriteLine($"{linear.Count} Linear and {activations.Count} activation-layer files written.");
            return 0;
        }

        // ---- Configurations ----

        private static List<LinearCase> LinearCases()
        {
            var cases = new List<LinearCase>();
            // Sizes around every tile edge (lanes 1/4/8/16, tiles of 8, 16, 32 features), rows around the row tiles (2, 4, 5, 8).
            int[] ins = { 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 64, 100 };
            int[] outs = { 1, 3, 4, 8, 10, 16, 17, 31, 32, 33, 47, 64, 65, 100 };
            int[] rows = { 1, 2, 3, 5, 8, 9, 13, 4, 6, 7 };
            for (int i = 0; i < 44; i++)
            {
                int inF = ins[(i * 7) % ins.Length], outF = outs[(i * 5 + i / ins.Length) % outs.Length], r = rows[i % rows.Length];
                bool bias = i % 5 != 3;
                cases.Add(new LinearCase($"in{inF}-out{outF}-rows{r}{(bias ? "" : "-nobias")}", inF, outF, r, bias));
            }

            cases.Add(new LinearCase("in12-out20-rows0", 12, 20, 0, true));
            // Fused activations, one each.
            var fused = new (GoldenActivation A, float Slope)[]
            {
                (GoldenActivation.ReLU, 0), (GoldenActivation.ReLU6, 0), (GoldenActivation.LeakyReLU, 0.2f), (GoldenActivation.Sigmoid, 0),
                (GoldenActivation.Tanh, 0), (GoldenActivation.Hardsigmoid, 0), (GoldenActivation.Hardswish, 0), (GoldenActivation.SiLU, 0),
                (GoldenActivation.GELU, 0), (GoldenActivation.GELUTanh, 0),
            };
            foreach (var (a, slope) in fused)
                cases.Add(new LinearCase($"in21-out37-rows6-{a.ToString().ToLowerInvariant()}", 21, 37, 6, true, a, slope == 0 ? 0.01f : slope));
            // NaN/±∞ in the input.
            cases.Add(new LinearCase("in17-out33-rows5-nonfinite", 17, 33, 5, true, Specials: true));
            cases.Add(new LinearCase("in40-out9-rows3-nonfinite-relu", 40, 9, 3, false, GoldenActivation.ReLU, Specials: true));
            // Real layers: LeNet-5, ResNet-18/MobileNetV2 heads at batch 1 and 32, AlexNet's classifier.
            cases.Add(new LinearCase("lenet5-fc1-400to120-rows4-relu", 400, 120, 4, true, GoldenActivation.ReLU));
            cases.Add(new LinearCase("lenet5-fc2-120to84-rows4-relu", 120, 84, 4, true, GoldenActivation.ReLU));
            cases.Add(new LinearCase("lenet5-fc3-84to10-rows4", 84, 10, 4, true));
            cases.Add(new LinearCase("resnet18-fc-512to1000-rows1", 512, 1000, 1, true));
            cases.Add(new LinearCase("resnet18-fc-512to1000-rows32", 512, 1000, 32, true));
            cases.Add(new LinearCase("mobilenetv2-fc-1280to1000-rows1", 1280, 1000, 1, true));
            cases.Add(new LinearCase("mobilenetv2-fc-1280to1000-rows32", 1280, 1000, 32, true));
            cases.Add(new LinearCase("alexnet-fc6-9216to4096-rows1-relu", 9216, 4096, 1, true, GoldenActivation.ReLU));
            cases.Add(new LinearCase("alexnet-fc8-4096to1000-rows2", 4096, 1000, 2, true));
            return cases;
        }

        private static List<ActivationCase> ActivationCases()
        {
            var cases = new List<ActivationCase>();
            long[][] shapes = { new long[] { 1, 1, 1, 1 }, new long[] { 2, 3, 4, 5 }, new long[] { 1, 16, 7, 7 }, new long[] { 2, 5, 1, 33 },
                new long[] { 1, 64, 4, 4 }, new long[] { 3, 7, 3, 3 }, new long[] { 1, 2, 17, 1 }, new long[] { 4, 10 } };
            float[] scales = { 1, 4, 16, 64, 2, 8, 32, 128 };
            string[] modules = { "ReLU", "ReLU6", "LeakyReLU", "Sigmoid", "Tanh", "Hardsigmoid", "Hardswish", "SiLU", "GELU", "GELUTanh", "Dropout" };
            foreach (string m in modules)
            {
                for (int i = 0; i < shapes.Length; i++)
                {
                    float slope = m == "LeakyReLU" && i % 2 == 1 ? 0.2f : 0.01f, p = i % 3 == 0 ? 0.5f : 0.2f;
                    cases.Add(new ActivationCase($"{m.ToLowerInvariant()}-{string.Join("x", shapes[i])}-scale{scales[i]}", m, shapes[i], scales[i], Slope: slope, P: p));
                }

                cases.Add(new ActivationCase($"{m.ToLowerInvariant()}-2x3x5x7-specials", m, new long[] { 2, 3, 5, 7 }, 16, Specials: true));
                cases.Add(new ActivationCase($"{m.ToLowerInvariant()}-100-specials", m, new long[] { 100 }, 100, Specials: true, Slope: 0.2f));
            }

            long[][] softmax = { new long[] { 1, 10, 1, 1 }, new long[] { 2, 3, 4, 5 }, new long[] { 1, 16, 7, 7 }, new long[] { 2, 33, 3, 11 },
                new long[] { 1, 1000, 1, 1 }, new long[] { 3, 1, 2, 2 } };
            for (int i = 0; i < softmax.Length; i++)
                cases.Add(new ActivationCase($"softmax-dim1-{string.Join("x", softmax[i])}-scale{scales[i]}", "Softmax", softmax[i], scales[i]));
            long[][] matrices = { new long[] { 1, 10 }, new long[] { 4, 1000 }, new long[] { 32, 7 }, new long[] { 5, 17 }, new long[] { 3, 1 } };
            for (int i = 0; i < matrices.Length; i++)
                cases.Add(new ActivationCase($"softmax-dim1-{string.Join("x", matrices[i])}-scale{scales[i]}", "Softmax", matrices[i], scales[i]));
            cases.Add(new ActivationCase("softmax-dim-1-6x21-scale8", "Softmax", new long[] { 6, 21 }, 8, Dim: -1));
            cases.Add(new ActivationCase("softmax-dim0-5x9-scale4", "Softmax", new long[] { 5, 9 }, 4, Dim: 0));
            cases.Add(new ActivationCase("softmax-dim3-2x3x4x5-scale4", "Softmax", new long[] { 2, 3, 4, 5 }, 4, Dim: 3));
            cases.Add(new ActivationCase("softmax-dim-3-2x6x3x3-scale4", "Softmax", new long[] { 2, 6, 3, 3 }, 4, Dim: -3));
            cases.Add(new ActivationCase("softmax-dim0-3x4x2x2-scale4", "Softmax", new long[] { 3, 4, 2, 2 }, 4, Dim: 0));
            cases.Add(new ActivationCase("softmax-dim1-8x21-specials", "Softmax", new long[] { 8, 21 }, 16, Specials: true));
            cases.Add(new ActivationCase("softmax-dim1-2x21x2x3-specials", "Softmax", new long[] { 2, 21, 2, 3 }, 16, Specials: true));
            return cases;
        }

        // ---- Running PyTorch ----

        private static List<GoldenTensor> RunLinear(LinearCase c, ulong seed)
        {
            float[] weight = SplitMix64.Uniform(c.In * c.Out, 3 * seed + 1);
            float[]? bias = c.Bias ? SplitMix64.Uniform(c.Out, 3 * seed + 2) : null;
            float[] input = SplitMix64.Uniform(c.Rows * c.In, 3 * seed + 3);
            if (c.Specials) InsertSpecials(input);
            using var scope = torch.NewDisposeScope();
            using var layer = nn.Linear(c.In, c.Out, hasBias: c.Bias);
            layer.eval();
            using (torch.no_grad())
            {
                layer.weight!.copy_(torch.tensor(weight, new long[] { c.Out, c.In }));
                if (bias is not null) layer.bias!.copy_(torch.tensor(bias, new long[] { c.Out }));
                Tensor y = layer.forward(torch.tensor(input, new long[] { c.Rows, c.In }));
                var activation = TorchOracle.CreateActivation(c.Activation, c.Slope);
                if (activation is not null) y = activation.forward(y);
                float[] output = c.Rows == 0 ? Array.Empty<float>() : y.contiguous().data<float>().ToArray();
                var tensors = new List<GoldenTensor> { new("input", new long[] { c.Rows, c.In }, Floats: input) };
                tensors.Add(weight.Length <= StoredWeightLimit
                    ? new GoldenTensor("weight", new long[] { c.Out, c.In }, Floats: weight)
                    : new GoldenTensor("weight_seed", new long[] { 3 }, Longs: new long[] { (long)(3 * seed + 1), c.Out, c.In }));
                if (bias is not null) tensors.Add(new GoldenTensor("bias", new long[] { c.Out }, Floats: bias));
                tensors.Add(new GoldenTensor("output", new long[] { c.Rows, c.Out }, Floats: output));
                return tensors;
            }
        }

        private static List<GoldenTensor> RunActivation(ActivationCase c, ulong seed)
        {
            int count = (int)c.Shape.Aggregate(1L, (a, b) => a * b);
            float[] input = SplitMix64.Uniform(count, 3 * seed + 3);
            for (int i = 0; i < input.Length; i++) input[i] *= c.Scale;
            if (c.Specials) InsertSpecials(input);
            if (c.Specials && c.Module == "Softmax") SoftmaxSpecials(input, c.Shape);
            using var scope = torch.NewDisposeScope();
            nn.Module<Tensor, Tensor> module = c.Module switch
            {
                "Softmax" => nn.Softmax(c.Dim),
                "Dropout" => nn.Dropout(c.P),
                "GELUTanh" => nn.GELU(TorchSharp.Modules.GELU.Approximate.tanh),
                _ => TorchOracle.CreateActivation(Enum.Parse<GoldenActivation>(c.Module), c.Slope)!,
            };
            module.eval();
            using (torch.no_grad())
            {
                Tensor y = module.forward(torch.tensor(input, c.Shape));
                return new List<GoldenTensor>
                {
                    new("input", c.Shape, Floats: input),
                    new("output", c.Shape, Floats: y.contiguous().data<float>().ToArray()),
                };
            }
        }

        /// <summary>NaN, ±∞, ±0, the largest floats, a subnormal and ±3/±6 (the hard functions' corners) at fixed positions.</summary>
        private static void InsertSpecials(float[] x)
        {
            float[] specials = { float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0f, -0f, float.MaxValue, float.MinValue,
                float.Epsilon, -3f, 3f, 6f, -6f, 1e30f, -1e30f, 88.8f, -88.8f, 1e-40f };
            for (int i = 0; i < specials.Length && i * 7 < x.Length; i++) x[i * 7] = specials[i];
        }

        /// <summary>Softmax rows (along dim 1): one of only −∞, one with −∞ beside finite values, one of huge values of both signs.</summary>
        private static void SoftmaxSpecials(float[] x, long[] shape)
        {
            long n = shape[1], inner = shape.Skip(2).Aggregate(1L, (a, b) => a * b);
            void Set(long outer, long c, float v) { if (outer < shape[0]) x[(outer * n + c) * inner] = v; }
            for (long c = 0; c < n; c++)
            {
                Set(1, c, float.NegativeInfinity);
                if (c % 3 == 0) Set(0, c, float.NegativeInfinity);
                if (shape[0] > 3) Set(3, c, c % 2 == 0 ? 3e38f : -3e38f);
            }
        }

        // ---- Text ----

        private static string F(float v) => v.ToString("R", CultureInfo.InvariantCulture);

        private static string LinearCall(LinearCase c)
        {
            string call = $"nn.Linear({c.In}, {c.Out}{(c.Bias ? "" : ", bias=False")})";
            if (c.Activation == GoldenActivation.None) return call;
            string a = c.Activation switch
            {
                GoldenActivation.LeakyReLU => $"nn.LeakyReLU({F(c.Slope)})",
                GoldenActivation.GELUTanh => "nn.GELU(approximate='tanh')",
                _ => $"nn.{c.Activation}()",
            };
            return $"nn.Sequential({call}, {a})";
        }

        private static string ActivationCall(ActivationCase c) => c.Module switch
        {
            "LeakyReLU" => $"nn.LeakyReLU({F(c.Slope)})",
            "GELUTanh" => "nn.GELU(approximate='tanh')",
            "Softmax" => $"nn.Softmax(dim={c.Dim})",
            "Dropout" => $"nn.Dropout(p={F(c.P)}).eval()",
            _ => $"nn.{c.Module}()",
        };

        private static string ActivationAttribute(ActivationCase c) => c.Module switch
        {
            "LeakyReLU" => $"[LeakyReLU({F(c.Slope)}f)]",
            "GELUTanh" => "[GELU(Approximate = \"tanh\")]",
            "Softmax" => $"[Softmax(Dim = {c.Dim})]",
            "Dropout" => $"[Dropout({F(c.P)}f)]",
            _ => $"[{c.Module}]",
        };

        /// <summary>The ConvGen twin of every file, and tables from file name to a factory and to what the file computes.</summary>
        private static string Twins(List<LinearCase> linear, List<ActivationCase> activations)
        {
            var s = new StringBuilder();
            s.Append("// <auto-generated/> by tools/ConvGen.Oracle generate-linear: one ConvGen layer per golden file of golden-layers/linear and golden-layers/activation.\n");
            s.Append("#nullable enable\nusing System;\nusing System.Collections.Generic;\nusing ConvGen;\nusing ConvGen.Golden;\n\nnamespace ConvGen.Conformance.Tests;\n\n");
            for (int i = 0; i < linear.Count; i++)
            {
                var c = linear[i];
                string args = c.Bias ? "" : ", Bias = false";
                if (c.Activation != GoldenActivation.None) args += $", Activation = Activation.{c.Activation}";
                if (c.Activation == GoldenActivation.LeakyReLU) args += $", NegativeSlope = {F(c.Slope)}f";
                s.Append($"[Linear({c.In}, {c.Out}{args})] public partial class GoldenLinear{i + 1:000}; // {LinearCall(c)}\n");
            }

            s.Append('\n');
            for (int i = 0; i < activations.Count; i++)
                s.Append($"{ActivationAttribute(activations[i])} public partial class GoldenActivation{i + 1:000}; // {ActivationCall(activations[i])}\n");

            s.Append("\n/// <summary>The twins by golden file name.</summary>\ninternal static class LinearGoldenLayers\n{\n");
            s.Append("    public sealed record LinearTwin(Func<float[], float[]?, ILinearLayer> Create, GoldenActivation Activation, float Slope);\n\n");
            s.Append("    /// <summary>The layer (or Softmax: Dim; Dropout: the identity) and the function it applies element-wise.</summary>\n");
            s.Append("    public sealed record ActivationTwin(Func<object> Create, GoldenActivation Activation, float Slope);\n\n");
            s.Append("    public static readonly Dictionary<string, LinearTwin> Linear = new()\n    {\n");
            for (int i = 0; i < linear.Count; i++)
            {
                var c = linear[i];
                string create = c.Bias ? $"(w, b) => new GoldenLinear{i + 1:000}(w, b)" : $"(w, _) => new GoldenLinear{i + 1:000}(w)";
                s.Append($"        [\"{i + 1:000}-{c.Name}\"] = new({create}, GoldenActivation.{c.Activation}, {F(c.Slope)}f),\n");
            }

            s.Append("    };\n\n    public static readonly Dictionary<string, ActivationTwin> Activation = new()\n    {\n");
            for (int i = 0; i < activations.Count; i++)
            {
                var c = activations[i];
                string function = c.Module is "Softmax" or "Dropout" ? "None" : c.Module;
                s.Append($"        [\"{i + 1:000}-{c.Name}\"] = new(() => new GoldenActivation{i + 1:000}(), GoldenActivation.{function}, {F(c.Slope)}f),\n");
            }

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
