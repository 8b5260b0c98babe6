using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using TorchSharp;
using ConvGen.Golden;

namespace ConvGen.Oracle
{
    /// <summary>
    /// PyTorch (TorchSharp's <c>torch.nn.Conv1d/2d/3d</c> modules and activation modules, libtorch, one thread) as the oracle for ConvGen.
    /// <c>generate</c> writes the golden vectors and the ConvGen declarations of tests/ConvGen.Conformance.Tests;
    /// <c>list</c> prints the configurations; <c>run</c> computes one configuration and prints checksums.
    /// </summary>
    public static class Program
    {
        private const string Usage =
            "usage: ConvGen.Oracle generate [--root DIR]      write tests/ConvGen.Conformance.Tests/{golden/*.bin, golden/MANIFEST.md, GoldenLayers.g.cs}\n" +
            "       ConvGen.Oracle list                       print the configurations\n" +
            "       ConvGen.Oracle [run] [--in 3] [--out 8] [--kernel 3 | 3x5 | 3x5x2] [--stride 1 | 2x1] [--padding same|valid|N|NxM]\n" +
            "                      [--dilation 1 | 2x1] [--groups 1] [--bias true] [--padding-mode zeros|reflect|replicate|circular]\n" +
            "                      [--batch 1] [--size 10x10 | 17 | 4x5x6] [--height 10] [--width 10] [--activation none|relu|...|gelutanh]\n" +
            "                      [--slope 0.01] [--scale 0] [--name oracle-run]   one configuration, checksums\n" +
            "                      [--transposed true] [--output-padding 0 | 1x0]   a ConvTranspose1d/2d/3d (numeric --padding)\n" +
            "                      (the rank is the number of values of --kernel / --size: 17 is a Conv1d length, 4x5x6 a Conv3d size)";

        public static int Main(string[] args)
        {
            string command = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "run";
            string[] rest = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[1..] : args;
            try
            {
                return command switch
                {
                    "generate" => Generate(rest),
                    "list" => List(),
                    "run" => RunOne(rest),
                    TransposedWorker.Command => TransposedWorker.Work(rest),
                    LinearOracle.Command => LinearOracle.Generate(rest),
                    NormOracle.Command => NormOracle.Generate(rest),
                    PoolOracle.Command => PoolOracle.Generate(rest),
                    LeNetOracle.Command => LeNetOracle.Generate(rest),
                    NetworksOracle.Command => NetworksOracle.Generate(rest),
                    _ => throw new ArgumentException($"unknown command '{command}'"),
                };
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine(e.Message);
                Console.Error.WriteLine(Usage);
                return 2;
            }
        }

        private static string TorchVersion()
        {
            string ts = typeof(torch).Assembly.GetName().Version?.ToString(3) ?? "?";
            return $"TorchSharp-cpu {ts}, libtorch {torch.__version__}";
        }

        private static int Generate(string[] args)
        {
            string? root = null;
            for (int i = 0; i < args.Length; i += 2)
            {
                if (args[i] == "--root" && i + 1 < args.Length) root = args[i + 1];
                else throw new ArgumentException($"unknown option {args[i]}");
            }

            root ??= FindRepoRoot();
            string project = Path.Combine(root, "tests", "ConvGen.Conformance.Tests");
            string golden = Path.Combine(project, "golden");
            Directory.CreateDirectory(golden);

            var clock = Stopwatch.StartNew();
            torch.set_num_threads(1);
            torch.set_num_interop_threads(1);
            string version = TorchVersion();
            Console.WriteLine($"{version}, 1 thread; writing {golden}");

            IReadOnlyList<GoldenConfig> configs = Configurations.All();

            // PyTorch's activation modules must be within the float error the tolerance assumes for them.
            IReadOnlyList<string> accuracy = ActivationCheck.MeasureTorch(
                configs.Where(c => c.Activation == GoldenActivation.LeakyReLU).Select(c => c.NegativeSlope).Append(0.01f));
            foreach (string line in accuracy) Console.WriteLine("  PyTorch " + line);

            // The transposed configurations come from a child process with oneDNN limited to SSE4.1 (TransposedWorker.cs).
            Dictionary<string, TorchResult> transposed = configs.Any(c => c.Transposed) ? TransposedWorker.Run() : new();

            var entries = new List<GoldenEntry>();
            var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            int corrected = 0, correctedOutputPadding = 0, defaultIsaDiffers = 0;
            for (int i = 0; i < configs.Count; i++)
            {
                GoldenConfig c = configs[i];
                int index = i + 1;
                string fileName = string.Create(CultureInfo.InvariantCulture, $"{index:D3}-{c.Name}.bin");
                GoldenData data = GoldenData.Create(c);
                TorchResult r;
                if (c.Transposed)
                {
                    r = transposed[c.Name];
                    TorchResult defaultIsa = TorchOracle.RunTransposed(c, data, check: false);
                    r = r with { DefaultIsaDiffers = !defaultIsa.OutputShape.SequenceEqual(r.OutputShape) || !TorchOracle.SameValues(defaultIsa.Output, r.Output) };
                }
                else
                {
                    r = TorchOracle.Run(c, data);
                }

                byte[] bytes = GoldenWriter.Write(c, index, data, r);
                files.Add(fileName, bytes);
                if (r.CorrectedModulePadding) corrected++;
                bool full = r.Output.Length <= GoldenWriter.FullOutputLimit;
                int samples = full ? 0 : GoldenWriter.SampleIndices(c, c.OutputSize, r.Output.Length).Length;
                string regions = ActivationCheck.RegionSummary(c.Activation, r.ConvOutput, out List<string> missing);
                if (missing.Count > 0 && c.Specials.Count == 0 && c.Family is "activation" or "activation-transposed")
                {
                    throw new InvalidOperationException($"{c.Name}: no convolution output in the region(s) {string.Join(", ", missing)} of {c.Activation}; scale the input");
                }

                if (r.CorrectedOutputPadding) correctedOutputPadding++;
                if (r.DefaultIsaDiffers) defaultIsaDiffers++;
                entries.Add(new GoldenEntry(index, fileName, c, bytes.Length, full, samples, r.CorrectedModulePadding, NonFiniteSummary(c, r.Output), regions,
                    r.CorrectedOutputPadding, r.DefaultIsaDiffers));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{index,3} {c.Name,-44} {c.TorchCall()} on {c.InputShape} -> " +
                    $"[{string.Join(", ", r.OutputShape)}] {bytes.Length,9:N0} B{(r.CorrectedModulePadding ? "  (TorchSharp same-padding order corrected)" : "")}" +
                    $"{(r.CorrectedOutputPadding ? "  (TorchSharp output_padding corrected)" : "")}" +
                    $"{(r.DefaultIsaDiffers ? "  (libtorch with oneDNN's default ISA differs)" : "")}{(regions.Length > 0 ? "  " + regions : "")}"));
            }

            // Replace the folder's golden files only after everything was computed and checked.
            foreach (string stale in Directory.GetFiles(golden, "*.bin")) File.Delete(stale);
            foreach (var (name, bytes) in files) File.WriteAllBytes(Path.Combine(golden, name), bytes);
            File.WriteAllText(Path.Combine(golden, "MANIFEST.md"), SourceWriter.Manifest(entries, version, accuracy), new UTF8Encoding(false));
            File.WriteAllText(Path.Combine(project, "GoldenLayers.g.cs"), SourceWriter.Layers(entries, version), new UTF8Encoding(false));

            long total = entries.Sum(e => e.Bytes);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{entries.Count} configurations ({string.Join(", ", entries.GroupBy(e => e.Config.Module).Select(g => $"{g.Key} {g.Count()}"))}, " +
                $"{entries.Count(e => e.Config.Activation != GoldenActivation.None)} with an activation; " +
                $"{string.Join(", ", entries.GroupBy(e => e.Config.Family).Select(g => $"{g.Key} {g.Count()}"))}), " +
                $"{total:N0} bytes of golden data, {corrected} with TorchSharp's same-padding order corrected, " +
                $"{correctedOutputPadding} with TorchSharp's output_padding corrected, {defaultIsaDiffers} transposed where libtorch with " +
                $"oneDNN's default ISA gives a different output, {clock.Elapsed.TotalSeconds:F1} s"));
            return 0;
        }

        private static string NonFiniteSummary(GoldenConfig c, float[] output)
        {
            if (c.Specials.Count == 0) return "";
            int nan = output.Count(float.IsNaN), pos = output.Count(float.IsPositiveInfinity), neg = output.Count(float.IsNegativeInfinity);
            return string.Create(CultureInfo.InvariantCulture,
                $"{string.Join(", ", c.Specials)} → PyTorch output has {nan} NaN, {pos} +inf, {neg} -inf of {output.Length}");
        }

        private static int List()
        {
            IReadOnlyList<GoldenConfig> configs = Configurations.All();
            for (int i = 0; i < configs.Count; i++)
            {
                GoldenConfig c = configs[i];
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{i + 1,3} {c.Family,-12} {c.Name,-44} {c.TorchCall()} on {c.InputShape}  {c.Attribute()}"));
            }

            Console.WriteLine($"{configs.Count} configurations");
            return 0;
        }

        private static int RunOne(string[] args)
        {
            GoldenConfig c = ParseConfig(args);
            if (c.Invalid() is string why) throw new ArgumentException($"invalid configuration: {why}");
            // A transposed layer runs as generate computes it: with oneDNN limited to SSE4.1 (TransposedWorker.cs).
            if (c.Transposed && !TransposedWorker.InWorkerProcess) return TransposedWorker.Reexecute(new[] { "run" }.Concat(args));
            torch.set_num_threads(1);
            Console.WriteLine($"{TorchVersion()}, 1 thread");
            Console.WriteLine($"config: {c.TorchCall()} on {c.InputShape}, seed {c.Seed}");
            Console.WriteLine($"ConvGen: {c.Attribute()}");
            GoldenData data = GoldenData.Create(c);
            TorchResult r = TorchOracle.Run(c, data);
            var (before, after) = c.ResolvedPadding;
            Console.WriteLine($"padding (before, after) per axis: {string.Join(" ", before.Zip(after, (b, a) => $"({b}, {a})"))}; TorchSharp module array " +
                              $"[{string.Join(", ", r.ModuleReversedPadding)}]{(r.CorrectedModulePadding ? " (corrected)" : "")}");
            string regions = ActivationCheck.RegionSummary(c.Activation, r.ConvOutput, out _);
            if (regions.Length > 0) Console.WriteLine(regions);
            Console.WriteLine($"output shape: [{string.Join(", ", r.OutputShape)}]");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"checksum: sum={r.Output.Sum(x => (double)x):R} sumAbs={r.Output.Sum(x => Math.Abs((double)x)):R} " +
                $"first={r.Output[0]:R} last={r.Output[^1]:R}"));
            Console.WriteLine($"sha256(output float32 LE): {Convert.ToHexString(SHA256.HashData(MemoryMarshal.AsBytes(r.Output.AsSpan()))).ToLowerInvariant()}");
            return 0;
        }

        private static GoldenConfig ParseConfig(string[] args)
        {
            static int I(string v) => int.Parse(v, CultureInfo.InvariantCulture);
            static int[] A(string v) => v.Split('x').Select(I).ToArray();
            string kernel = "3", stride = "1", padding = "same", dilation = "1", size = "10x10";
            string? outputPadding = null;
            bool transposed = false;
            var c = new GoldenConfig
            {
                Name = "oracle-run", Family = "run", InChannels = 3, OutChannels = 8, Kernel = new[] { 3, 3 }, Stride = new[] { 1, 1 },
                Padding = new[] { 0, 0 }, Dilation = new[] { 1, 1 }, Size = new[] { 10, 10 }, PaddingKind = PaddingKind.Same, Mode = Mode.Reflect,
            };
            int? height = null, width = null;
            for (int i = 0; i < args.Length; i += 2)
            {
                if (i + 1 >= args.Length) throw new ArgumentException($"missing value after {args[i]}");
                string v = args[i + 1];
                switch (args[i])
                {
                    case "--kernel": kernel = v; break;
                    case "--stride": stride = v; break;
                    case "--padding": padding = v; break;
                    case "--dilation": dilation = v; break;
                    case "--output-padding": outputPadding = v; break;
                    case "--transposed": transposed = bool.Parse(v); break;
                    case "--size": size = v; break;
                    case "--height": height = I(v); break;
                    case "--width": width = I(v); break;
                    default:
                        c = args[i] switch
                        {
                            "--in" => c with { InChannels = I(v) },
                            "--out" => c with { OutChannels = I(v) },
                            "--groups" => c with { Groups = I(v) },
                            "--bias" => c with { Bias = bool.Parse(v) },
                            "--padding-mode" => c with { Mode = Enum.Parse<Mode>(v, ignoreCase: true) },
                            "--batch" => c with { Batch = I(v) },
                            "--activation" => c with { Activation = Enum.Parse<GoldenActivation>(v, ignoreCase: true) },
                            "--slope" => c with { NegativeSlope = float.Parse(v, CultureInfo.InvariantCulture) },
                            "--scale" => c with { InputScaleLog2 = I(v) },
                            "--name" => c with { Name = v },
                            _ => throw new ArgumentException($"unknown option {args[i]}"),
                        };
                        break;
                }
            }

            // The rank: --size's (or --kernel's) number of values; single values are repeated on every axis.
            int[] sz = A(size);
            if (height is not null || width is not null) sz = new[] { height ?? 10, width ?? 10 };
            int rank = Math.Max(sz.Length, A(kernel).Length);
            int[] Fit(string v, string name)
            {
                int[] a = A(v);
                if (a.Length == 1) return Enumerable.Repeat(a[0], rank).ToArray();
                if (a.Length != rank) throw new ArgumentException($"{name} has {a.Length} values, the layer {rank} axes");
                return a;
            }

            c = c with { Kernel = Fit(kernel, "--kernel"), Stride = Fit(stride, "--stride"), Dilation = Fit(dilation, "--dilation"), Size = Fit(string.Join("x", sz), "--size") };
            if (transposed)
            {
                // nn.ConvTransposeNd: numeric padding (default 0), zeros mode.
                return c with
                {
                    Transposed = true, Mode = Mode.Zeros, PaddingKind = PaddingKind.Explicit,
                    Padding = padding is "same" or "valid" ? new int[rank] : Fit(padding, "--padding"),
                    OutputPadding = outputPadding is null ? null : Fit(outputPadding, "--output-padding"),
                };
            }

            if (outputPadding is not null) throw new ArgumentException("--output-padding needs --transposed true");
            return padding switch
            {
                "same" => c with { PaddingKind = PaddingKind.Same, Padding = new int[rank] },
                "valid" => c with { PaddingKind = PaddingKind.Valid, Padding = new int[rank] },
                _ => c with { PaddingKind = PaddingKind.Explicit, Padding = Fit(padding, "--padding") },
            };
        }

        /// <summary>The directory holding ConvGen.sln, searched upwards from the working directory and from the binary.</summary>
        private static string FindRepoRoot()
        {
            foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            {
                for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
                {
                    if (File.Exists(Path.Combine(d.FullName, "ConvGen.sln"))) return d.FullName;
                }
            }

            throw new ArgumentException("ConvGen.sln not found above the working directory; pass --root");
        }
    }
}
