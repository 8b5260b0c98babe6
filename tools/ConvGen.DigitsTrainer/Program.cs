using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace ConvGen.DigitsTrainer
{
    /// <summary>
    /// Renders digits, trains LeNet-5 on them and writes samples/Digits/lenet5-digits.safetensors,
    /// samples/Digits/images/*.png and tests/ConvGen.Conformance.Tests/golden-networks/digits-heldout.bin (see README.md).
    /// </summary>
    public static class Program
    {
        private sealed class Options
        {
            public string? Root;
            public ulong Seed = 1;
            public ulong HeldOutSeed = 2;
            public int Train = 60000;
            public int HeldOut = 10000;
            public int HeldOutFile = 500;
            public int Epochs = 8;
            public int Batch = 64;
            public double LearningRate = 2e-3;
            public int Threads = 1;
        }

        public static int Main(string[] args)
        {
            Options o;
            try
            {
                o = Parse(args);
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine(e.Message);
                Console.Error.WriteLine("usage: ConvGen.DigitsTrainer [--root DIR] [--seed 1] [--heldout-seed 2] [--train 60000] [--heldout 10000] [--epochs 10] [--batch 64] [--lr 0.002] [--threads 1]");
                return 2;
            }

            string root = o.Root ?? FindRoot();
            string sample = Path.Combine(root, "samples", "Digits");
            string images = Path.Combine(sample, "images");
            string golden = Path.Combine(root, "tests", "ConvGen.Conformance.Tests", "golden-networks");
            Directory.CreateDirectory(images);
            Directory.CreateDirectory(golden);

            torch.set_num_threads(o.Threads);
            torch.random.manual_seed((long)o.Seed);
            var total = Stopwatch.StartNew();

            IReadOnlyList<DigitFont> fonts = DigitFonts.Load();
            Console.WriteLine($"{fonts.Count} fonts: {string.Join(", ", fonts.Select(f => f.ShortName))}");
            var clock = Stopwatch.StartNew();
            DigitSet train = DigitSet.Render(fonts, o.Seed, o.Train, o.Threads);
            DigitSet heldOut = DigitSet.Render(fonts, o.HeldOutSeed, o.HeldOut, o.Threads);
            Console.WriteLine($"rendered {o.Train} training images (seed {o.Seed}) and {o.HeldOut} held-out images (seed {o.HeldOutSeed}) in {clock.Elapsed.TotalSeconds:F1} s");

            var model = LeNet.Create();
            Console.WriteLine($"training LeNet-5: Adam, lr {o.LearningRate.ToString(CultureInfo.InvariantCulture)} (cosine to 5 %), batch {o.Batch}, {o.Epochs} epochs, {o.Threads} thread(s)");
            clock.Restart();
            LeNet.Train(model, train, o.Epochs, o.Batch, o.LearningRate, o.Seed);
            double trainSeconds = clock.Elapsed.TotalSeconds;
            Console.WriteLine($"training time: {trainSeconds:F1} s");

            byte[] trainPredicted = LeNet.Predict(LeNet.Logits(model, train, train.Count));
            float[] heldOutLogits = LeNet.Logits(model, heldOut, heldOut.Count);
            byte[] heldOutPredicted = LeNet.Predict(heldOutLogits);
            double trainAccuracy = Accuracy(train.Labels, trainPredicted, train.Count);
            double heldOutAccuracy = Accuracy(heldOut.Labels, heldOutPredicted, heldOut.Count);
            int fileCount = Math.Min(o.HeldOutFile, heldOut.Count);
            // The file's logits come from a forward pass over exactly its images, one batch, as a test would run them.
            float[] fileLogits = LeNet.Logits(model, heldOut, fileCount);
            byte[] filePredicted = LeNet.Predict(fileLogits);
            double fileAccuracy = Accuracy(heldOut.Labels, filePredicted, fileCount);
            Console.WriteLine($"train accuracy:    {Percent(trainAccuracy)} ({train.Count} images)");
            Console.WriteLine($"held-out accuracy: {Percent(heldOutAccuracy)} ({heldOut.Count} images); first {fileCount}: {Percent(fileAccuracy)}");
            PrintPerClass(heldOut, heldOutPredicted);
            PrintPerFont(heldOut, heldOutPredicted, fonts);

            var metadata = new Dictionary<string, string>
            {
                ["format"] = "pt",
                ["model"] = "nn.Sequential(nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10))",
                ["input"] = "(N, 1, 28, 28) float32 = pixel / 255 of an 8-bit grayscale image, white digit on black",
                ["written_by"] = "tools/ConvGen.DigitsTrainer",
                ["libtorch"] = torch.__version__,
                ["train_seed"] = Text(o.Seed),
                ["train_images"] = Text(o.Train),
                ["epochs"] = Text(o.Epochs),
                ["batch"] = Text(o.Batch),
                ["optimizer"] = $"Adam, lr {o.LearningRate.ToString(CultureInfo.InvariantCulture)} cosine-decayed to 5 %, cross-entropy",
                ["heldout_seed"] = Text(o.HeldOutSeed),
                ["heldout_images"] = Text(o.HeldOut),
                ["train_accuracy"] = Percent(trainAccuracy),
                ["heldout_accuracy"] = Percent(heldOutAccuracy),
                ["fonts"] = string.Join(",", fonts.Select(f => f.ShortName)),
            };
            string weights = Path.Combine(sample, "lenet5-digits.safetensors");
            Outputs.WriteWeights(model, weights, metadata);
            Console.WriteLine($"wrote {weights} ({new FileInfo(weights).Length} bytes; read back with SafeTensors.Open: 10 tensors, bit for bit)");

            string heldOutPath = Path.Combine(golden, "digits-heldout.bin");
            Outputs.WriteHeldOut(heldOutPath, heldOut, fileCount, filePredicted, fileLogits);
            Console.WriteLine($"wrote {heldOutPath} ({new FileInfo(heldOutPath).Length} bytes, {fileCount} images of seed {o.HeldOutSeed})");

            WriteImages(images, fonts, model, o.HeldOutSeed + 1);
            Console.WriteLine($"total time: {total.Elapsed.TotalSeconds:F1} s");
            return 0;
        }

        /// <summary>Two images of each digit, 20 fonts ((2·digit + k)·7 mod fonts), from the held-out renderer with
        /// <paramref name="seed"/>: <c>{digit}-{font}.png</c>. Old PNGs in the folder are removed first.</summary>
        private static void WriteImages(string folder, IReadOnlyList<DigitFont> fonts, TorchSharp.Modules.Sequential model, ulong seed)
        {
            foreach (string old in Directory.GetFiles(folder, "*.png")) File.Delete(old);
            using var renderer = new DigitRenderer(fonts);
            var pixels = new byte[20 * DigitRenderer.Pixels];
            var labels = new byte[20];
            var names = new string[20];
            for (int i = 0; i < 20; i++)
            {
                int digit = i / 2;
                int font = i * 7 % fonts.Count;
                renderer.RenderDigit(digit, font, new Rng(seed, (ulong)i), pixels.AsSpan(i * DigitRenderer.Pixels, DigitRenderer.Pixels));
                labels[i] = (byte)digit;
                names[i] = $"{digit}-{fonts[font].ShortName}.png";
                if (names.Take(i).Contains(names[i])) names[i] = $"{digit}-{fonts[font].ShortName}-{i % 2 + 1}.png";
                Outputs.WritePng(Path.Combine(folder, names[i]), pixels.AsSpan(i * DigitRenderer.Pixels, DigitRenderer.Pixels));
            }

            using var noGrad = torch.no_grad();
            using Tensor output = model.forward(LeNet.Input(pixels, 20));
            byte[] predicted = LeNet.Predict(output.data<float>().ToArray());
            int right = Enumerable.Range(0, 20).Count(i => predicted[i] == labels[i]);
            Console.WriteLine($"wrote 20 PNGs to {folder} (seed {seed}); TorchSharp reads {right}/20 right:");
            Console.WriteLine("  " + string.Join("  ", Enumerable.Range(0, 20).Select(i => $"{names[i]}={predicted[i]}{(predicted[i] == labels[i] ? "" : " (WRONG)")}")));
        }

        private static void PrintPerClass(DigitSet set, byte[] predicted)
        {
            Console.WriteLine("held-out accuracy per digit:");
            for (int d = 0; d < 10; d++)
            {
                int n = 0, right = 0;
                for (int i = 0; i < set.Count; i++)
                {
                    if (set.Labels[i] != d) continue;
                    n++;
                    if (predicted[i] == d) right++;
                }

                Console.WriteLine($"  {d}: {Percent((double)right / Math.Max(1, n))} of {n}");
            }
        }

        private static void PrintPerFont(DigitSet set, byte[] predicted, IReadOnlyList<DigitFont> fonts)
        {
            Console.WriteLine("held-out errors per font: " + string.Join(", ", Enumerable.Range(0, fonts.Count).Select(f =>
                $"{fonts[f].ShortName} {Enumerable.Range(0, set.Count).Count(i => set.Fonts[i] == f && predicted[i] != set.Labels[i])}/{set.Fonts.Count(x => x == f)}")));
        }

        private static double Accuracy(byte[] labels, byte[] predicted, int count) =>
            (double)Enumerable.Range(0, count).Count(i => labels[i] == predicted[i]) / count;

        private static string Percent(double fraction) => (100 * fraction).ToString("F2", CultureInfo.InvariantCulture) + " %";

        private static string Text(ulong value) => value.ToString(CultureInfo.InvariantCulture);

        private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

        private static Options Parse(string[] args)
        {
            var o = new Options();
            for (int i = 0; i < args.Length; i += 2)
            {
                if (i + 1 >= args.Length) throw new ArgumentException($"{args[i]} needs a value");
                string v = args[i + 1];
                switch (args[i])
                {
                    case "--root": o.Root = v; break;
                    case "--seed": o.Seed = ulong.Parse(v, CultureInfo.InvariantCulture); break;
                    case "--heldout-seed": o.HeldOutSeed = ulong.Parse(v, CultureInfo.InvariantCulture); break;
                    case "--train": o.Train = Positive(v); break;
                    case "--heldout": o.HeldOut = Positive(v); break;
                    case "--epochs": o.Epochs = Positive(v); break;
                    case "--batch": o.Batch = Positive(v); break;
                    case "--lr": o.LearningRate = double.Parse(v, CultureInfo.InvariantCulture); break;
                    case "--threads": o.Threads = Positive(v); break;
                    default: throw new ArgumentException($"unknown option {args[i]}");
                }
            }

            if (o.Seed == o.HeldOutSeed || o.Seed == o.HeldOutSeed + 1) throw new ArgumentException("--seed must differ from --heldout-seed and --heldout-seed + 1 (the PNG images)");
            return o;
        }

        private static int Positive(string v)
        {
            int n = int.Parse(v, CultureInfo.InvariantCulture);
            return n > 0 ? n : throw new ArgumentException($"{v} must be positive");
        }

        private static string FindRoot()
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ConvGen.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new ArgumentException("ConvGen.sln not found; pass --root DIR");
        }
    }
}
