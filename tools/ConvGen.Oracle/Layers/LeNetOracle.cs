using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ConvGen.Golden;
using TorchSharp;
using static TorchSharp.torch;

namespace ConvGen.Oracle
{
    /// <summary>
    /// <c>generate-lenet</c>: a LeNet-5 built from torch.nn modules as <c>nn.Sequential</c> lists them — Conv2d(1, 6, 5,
    /// padding=2), ReLU, MaxPool2d(2), Conv2d(6, 16, 5), ReLU, MaxPool2d(2), Flatten, Linear(400, 120), ReLU, Linear(120,
    /// 84), ReLU, Linear(84, 10) — with weights uniform in ±1/√fan_in (PyTorch's default initialisation range) from
    /// SplitMix64, run by libtorch on one thread over a batch of images. Writes
    /// tests/ConvGen.Conformance.Tests/golden-layers/network/lenet5.bin: the input, every parameter under its state_dict
    /// name ("0.weight", "3.bias", …) and the output logits.
    /// </summary>
    public static class LeNetOracle
    {
        public const string Command = "generate-lenet";

        public static int Generate(string[] args)
        {
            string root = args.Length == 2 && args[0] == "--root" ? args[1] : FindRoot();
            string folder = Path.Combine(root, "tests", "ConvGen.Conformance.Tests", "golden-layers", "network");
            Directory.CreateDirectory(folder);
            torch.set_num_threads(1);

            var model = nn.Sequential(
                ("0", nn.Conv2d(1, 6, 5, padding: 2)), ("1", nn.ReLU()), ("2", nn.MaxPool2d(2)),
                ("3", nn.Conv2d(6, 16, 5)), ("4", nn.ReLU()), ("5", nn.MaxPool2d(2)),
                ("6", nn.Flatten()),
                ("7", nn.Linear(400, 120)), ("8", nn.ReLU()),
                ("9", nn.Linear(120, 84)), ("10", nn.ReLU()),
                ("11", nn.Linear(84, 10)));
            model.eval();

            const int batch = 5;
            var tensors = new List<GoldenTensor>();
            float[] input = SplitMix64.Uniform(batch * 28 * 28, 20261202);
            tensors.Add(new GoldenTensor("input", new long[] { batch, 1, 28, 28 }, Floats: input));
            ulong seed = 1;
            long fanIn = 1;
            using (torch.no_grad())
            {
                foreach (var (name, parameter) in model.named_parameters())
                {
                    long[] shape = parameter.shape;
                    // A weight's fan-in is its in·kernel size; the bias after it shares it, as in PyTorch's reset_parameters.
                    if (shape.Length > 1) fanIn = shape.Skip(1).Aggregate(1L, (a, b) => a * b);
                    float scale = (float)(1 / Math.Sqrt(fanIn));
                    float[] values = SplitMix64.Uniform((int)shape.Aggregate(1L, (a, b) => a * b), seed++).Select(v => v * scale).ToArray();
                    parameter.copy_(torch.tensor(values, shape));
                    tensors.Add(new GoldenTensor(name, shape, Floats: values));
                }

                Tensor y = model.forward(torch.tensor(input, new long[] { batch, 1, 28, 28 }));
                tensors.Add(new GoldenTensor("output", y.shape, Floats: y.data<float>().ToArray()));
            }

            TensorFile.Write(Path.Combine(folder, "lenet5.bin"), tensors);
            File.WriteAllText(Path.Combine(folder, "MANIFEST.md"),
                $"# Network golden vectors\n\nWritten by `dotnet run -c Release --project tools/ConvGen.Oracle -- {Command}` " +
                $"(TorchSharp-cpu {typeof(torch).Assembly.GetName().Version?.ToString(3)}, libtorch {torch.__version__}, one thread).\n\n" +
                "| file | PyTorch | input | output |\n|---|---|---|---|\n" +
                "| lenet5.bin | `nn.Sequential(nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(6, 16, 5), nn.ReLU(), " +
                "nn.MaxPool2d(2), nn.Flatten(), nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10))`, " +
                "weights uniform ±1/√fan_in (SplitMix64 seeds 1–10 in state_dict order), stored under their state_dict names | " +
                $"({batch}, 1, 28, 28), SplitMix64 seed 20261202 | ({batch}, 10) |\n");
            Console.WriteLine($"LeNet-5: {tensors.Count} tensors written to {folder}");
            return 0;
        }

        private static string FindRoot()
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ConvGen.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new ArgumentException("ConvGen.sln not found; pass --root DIR");
        }
    }
}
