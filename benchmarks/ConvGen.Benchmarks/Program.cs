using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace ConvGen.Benchmarks
{
    public static class Program
    {
        private const string Usage = @"ConvGen.Benchmarks — ConvGen vs peers (TorchSharp, ONNX Runtime) on the bench-layers.md convolutions

usage: dotnet run -c Release -- <mode> [options]

  layer selection (bench, check, time, layers): [--suite conv2d|nd|all|layers|networks] [--quick] [--layers a,b,...]
         --suite conv2d  the 12 Conv2d layers of bench-layers.md (default)
         --suite nd      Conv1d (speech, TCN), Conv3d (video) and ConvTranspose2d (DCGAN, U-Net) layers
         --suite all     both convolution suites
         --suite real    94 Conv2d layers of ResNet-18/50, MobileNetV2/V3, EfficientNet-B0, Inception-v3, YOLO,
                         DeepLabv3, U-Net (RealLayers.cs, issue 15); time prints the ConvGen/ORT ratio distribution
         --suite layers  MaxPool2d, AvgPool2d, global average pooling, Linear, activations, BatchNorm2d (issue 12)
         --suite networks  LeNet-5 end to end ([Sequential] class vs nn.Sequential vs one ONNX graph), batch 1 and 8
         --quick: the suite's 3-layer subset; --layers: by name, from any suite

  bench  [selection] [BenchmarkDotNet args, e.g. --filter *OnnxRuntime*]
         BenchmarkDotNet run (job 'Short'); results in benchmarks/results/BenchmarkDotNet.Artifacts/
  report [--latest | --csv FILE] [--out DIR] [--no-fma]
         results/results.md + results/gflops.png (+ gflops-nd.png for the nd suite); merges all bench runs kept in
         BenchmarkDotNet.Artifacts/history (newest result per layer and library wins), or only the last run (and, for
         a suite the last run did not measure, that suite's last run) / one CSV; measures the FMA peak too
  check  [selection]
         ConvGen (1 and 2 threads) vs TorchSharp vs ONNX Runtime vs a double-precision reference; exit 1 on mismatch
  fma    one-core FMA peak, Vector512 and Vector256, in GFLOP/s
  time   [selection] [--libraries a,b]  quick Stopwatch medians without BenchmarkDotNet (sanity check)
  layers [selection] the layers with their ConvGen attribute
  onnx   trained ONNX models imported with ConvGenModel (the packaged ResNet-18) vs ONNX Runtime on the same file,
         batch 1, one thread and two (OnnxModels.cs)
";

        public static int Main(string[] args)
        {
            if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
            {
                Console.WriteLine(Usage);
                return args.Length == 0 ? 1 : 0;
            }

            string mode = args[0];
            NativeAllocator.Configure();
            if (mode is "bench" or "check" or "time")
            {
                Console.WriteLine($"native allocator: {NativeAllocator.State}");
            }

            var rest = args.Skip(1).ToList();
            var clock = Stopwatch.StartNew();
            try
            {
                int rc = mode switch
                {
                    "bench" => Bench(rest),
                    "report" => RunReport(rest),
                    "check" => Check(LayerSelection.Parse(rest)),
                    "fma" => Fma(),
                    "time" => Time(LayerSelection.Parse(rest), Option(rest, "--libraries")),
                    "layers" => PrintLayers(LayerSelection.Parse(rest)),
                    "onnx" => OnnxModels.Time(),
                    _ => BadMode(mode),
                };
                Console.WriteLine($"[{mode} finished in {clock.Elapsed.TotalSeconds:F1} s]");
                return rc;
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine(e.Message);
                return 2;
            }
        }

        private static int BadMode(string mode)
        {
            Console.Error.WriteLine($"unknown mode '{mode}'");
            Console.Error.WriteLine(Usage);
            return 2;
        }

        private static int Bench(List<string> args)
        {
            ConvBenchmarks.SelectedLayers = LayerSelection.Parse(args).Names;
            if (!args.Contains("--filter") && !args.Contains("-f"))
            {
                args.AddRange(new[] { "--filter", "*" });
            }

            Console.WriteLine($"layers: {string.Join(", ", ConvBenchmarks.SelectedLayers)}");
            WarnIfBusy("before");
            IConfig config = ManualConfig.CreateEmpty().WithArtifactsPath(BenchPaths.ArtifactsDir);
            var summaries = BenchmarkSwitcher.FromTypes(new[] { typeof(ConvBenchmarks) }).Run(args.ToArray(), config).ToList();
            WarnIfBusy("after");
            bool failed = summaries.Count == 0 || summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success));
            if (File.Exists(BenchPaths.DefaultCsv))
            {
                // Keep every run: `report` merges them (newest result per layer and library wins), so subsets
                // (--quick, --layers, --filter *ConvGen*) can be run one after the other.
                Directory.CreateDirectory(BenchPaths.HistoryDir);
                string copy = Path.Combine(BenchPaths.HistoryDir, $"run-{DateTime.UtcNow:yyyyMMdd-HHmmss}.csv");
                File.Copy(BenchPaths.DefaultCsv, copy, true);
                Console.WriteLine($"CSV for `report`: {BenchPaths.DefaultCsv} (kept as {copy})");
            }
            return failed ? 1 : 0;
        }

        /// <summary>
        /// The machine has 2 cores and the benchmark uses one: a 1-minute load average well above 1 (the run itself)
        /// means something else competed for the CPU. Printed only as a hint next to the numbers.
        /// </summary>
        private static void WarnIfBusy(string when)
        {
            try
            {
                string[] load = File.ReadAllText("/proc/loadavg").Split(' ');
                double oneMinute = double.Parse(load[0], CultureInfo.InvariantCulture);
                Console.WriteLine($"load average {when} the run: {load[0]} {load[1]} {load[2]}" +
                    (oneMinute > (when == "before" ? 1.0 : 1.6) ? "  <-- other work is competing for the CPU; expect noisy numbers" : ""));
            }
            catch (IOException)
            {
            }
        }

        private static int RunReport(List<string> args)
        {
            string? csv = Option(args, "--csv");
            string outDir = Option(args, "--out") ?? BenchPaths.ResultsDir;
            IReadOnlyList<string> inputs;
            if (csv is not null)
            {
                inputs = new[] { csv };
            }
            else if (args.Contains("--latest") || !Directory.Exists(BenchPaths.HistoryDir))
            {
                return Report.Run(LatestRuns(), outDir, measureFma: !args.Contains("--no-fma"));
            }
            else
            {
                inputs = Directory.GetFiles(BenchPaths.HistoryDir, "run-*.csv").OrderBy(f => f, StringComparer.Ordinal).ToArray();
            }

            return Report.Run(inputs, outDir, measureFma: !args.Contains("--no-fma"));
        }

        /// <summary>
        /// `report --latest`: the last bench run, and for a suite it did not measure (e.g. the 12 Conv2d layers after
        /// `bench --suite nd`), that suite's layers from the newest run in history/ that measured it, so results.md keeps
        /// one table per suite, each from one run.
        /// </summary>
        private static IReadOnlyList<Report.Source> LatestRuns()
        {
            var sources = new List<Report.Source> { new Report.Source(BenchPaths.DefaultCsv) };
            if (!File.Exists(BenchPaths.DefaultCsv) || !Directory.Exists(BenchPaths.HistoryDir))
            {
                return sources;
            }

            List<Report.Row> last = Report.ReadCsv(BenchPaths.DefaultCsv);
            string[] history = Directory.GetFiles(BenchPaths.HistoryDir, "run-*.csv").OrderByDescending(f => f, StringComparer.Ordinal).ToArray();
            foreach (Func<string, bool> suite in new Func<string, bool>[]
                     { l => !BenchLayers.IsNd(l) && !OpLayers.IsOp(l) && !NetworkLayers.IsNetwork(l), BenchLayers.IsNd, OpLayers.IsOp, NetworkLayers.IsNetwork })
            {
                if (last.Any(r => suite(r.Layer)))
                {
                    continue;
                }

                string? older = history.FirstOrDefault(f => Report.ReadCsv(f).Any(r => suite(r.Layer)));
                if (older is not null)
                {
                    sources.Insert(0, new Report.Source(older, suite));
                }
            }

            return sources;
        }

        private static int Fma()
        {
            Console.WriteLine($"one-core FMA peak ({FmaPeak.Chains} independent chains, 2 flops/lane/FMA) on {Report.CpuModel()}:");
            foreach (FmaPeak.Result r in FmaPeak.MeasureAll(1.0))
            {
                Console.WriteLine(r.Supported
                    ? $"  {r.Width} ({r.Lanes} lanes): {r.GFlops:F1} GFLOP/s"
                    : $"  {r.Width}: not supported on this CPU");
            }

            return 0;
        }

        /// <summary>Median of ~0.3 s of calls per layer and peer (<see cref="PeerTimer"/>): a sanity check, not the published numbers.</summary>
        private static int QuickTime(IReadOnlyList<ConvLayerSpec> layers, string? libraries)
        {
            Console.WriteLine("| layer | library | median µs | GFLOP/s | allocated |");
            Console.WriteLine("|---|---|---:|---:|---|");
            var libs = new List<string> { "TorchSharp", "OnnxRuntime" };
            if (ConvGenPeer.IsAvailable)
            {
                libs.Insert(0, "ConvGen");
                libs.Insert(1, Peers.TwoThreads);
                libs.Insert(2, Peers.Winograd);
            }

            if (libraries is not null)
            {
                // e.g. --libraries ConvGen (codesize.sh: only ConvGen's kernels need to reach their final tier)
                string[] chosen = libraries.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                string? unknown = chosen.FirstOrDefault(c => !libs.Contains(c));
                if (unknown is not null) throw new ArgumentException($"unknown library '{unknown}'; known: {string.Join(", ", libs)}");
                libs = libs.Where(chosen.Contains).ToList();
            }

            var ratios = new List<(ConvLayerSpec Spec, double ConvGenUs, double OrtUs, double? WinogradUs)>();
            foreach (ConvLayerSpec spec in layers)
            {
                LayerData data = LayerData.Create(spec);
                var medians = new Dictionary<string, double>();
                foreach (string lib in libs)
                {
                    if (lib == Peers.Winograd && ConvGenPeer.TryCreateWinograd(data) is null) continue; // only 3×3 stride-1 layers have one
                    using IConvPeer peer = Peers.Create(lib, data);
                    PeerTimer.Result r = PeerTimer.Measure(peer);
                    medians[lib] = r.MedianUs;
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"| {spec.Name} | {lib} | {r.MedianUs:F1} | {spec.Flops / (r.MedianUs * 1e3):F1} | {r.AllocatedBytes} B in {r.Calls} calls |"));
                }

                if (medians.TryGetValue("ConvGen", out double convGen) && medians.TryGetValue("OnnxRuntime", out double ort))
                {
                    ratios.Add((spec, convGen, ort, medians.TryGetValue(Peers.Winograd, out double winograd) ? winograd : null));
                }
            }

            PrintRatios(ratios);
            return 0;
        }

        /// <summary>
        /// After a <c>time</c> run with ConvGen and ONNX Runtime: each layer's speed-up (ORT time / ConvGen time, one
        /// thread, same run), worst first, then the worst, the median and how many reach 1.0×.
        /// </summary>
        private static void PrintRatios(List<(ConvLayerSpec Spec, double ConvGenUs, double OrtUs, double? WinogradUs)> ratios)
        {
            if (ratios.Count < 2) return;
            var sorted = ratios.Select(r => (r.Spec, Ratio: r.OrtUs / r.ConvGenUs, Winograd: r.OrtUs / r.WinogradUs)).OrderBy(r => r.Ratio).ToList();
            bool winograd = sorted.Any(r => r.Winograd is not null);
            Console.WriteLine();
            Console.WriteLine($"| layer | from | ConvGen vs ONNX Runtime (1 thread) |{(winograd ? " ConvGen Winograd vs ONNX Runtime |" : "")}");
            Console.WriteLine($"|---|---|---:|{(winograd ? "---:|" : "")}");
            foreach ((ConvLayerSpec spec, double ratio, double? w) in sorted)
            {
                string wg = !winograd ? "" : w is { } v ? string.Create(CultureInfo.InvariantCulture, $" {v:F2}× |") : " |";
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {spec.Name} | {spec.Source} | {ratio:F2}× |{wg}"));
            }

            double Quantile(double q) => sorted[(int)Math.Round(q * (sorted.Count - 1))].Ratio;
            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ConvGen / ONNX Runtime over {sorted.Count} layers: worst {sorted[0].Ratio:F2}× ({sorted[0].Spec.Name}), " +
                $"10th percentile {Quantile(0.1):F2}×, median {Quantile(0.5):F2}×, 90th percentile {Quantile(0.9):F2}×, best {sorted[^1].Ratio:F2}×; " +
                $"{sorted.Count(r => r.Ratio >= 1.0)} of {sorted.Count} at 1.0× or better, {sorted.Count(r => r.Ratio < 0.9)} below 0.9×"));
        }

        private static int PrintLayers(LayerSelection selection)
        {
            foreach (ConvLayerSpec l in selection.Conv)
            {
                Console.WriteLine(l);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {l.ToAttributeString()}   ({l.Flops / 1e6:F1} MFLOP)"));
            }

            foreach (OpLayerSpec l in selection.Ops)
            {
                Console.WriteLine(l);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"    {l.Attribute}   ({l.BytesMoved / 1024.0:F0} KB moved{(ConvGenOpLayers.IsEnabled(l.Kind) ? "" : "; ConvGen layer not enabled in this build")})"));
            }

            foreach (NetworkSpec l in selection.Networks)
            {
                Console.WriteLine(l);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    [Sequential] class LeNet5 (NetworkLayers.cs)   ({l.Flops / 1e6:F2} MFLOP)"));
            }

            return 0;
        }

        /// <summary>`check`: the convolution layers (ConsistencyCheck), the layers suite (OpCheck) and the networks (NetworkPeers.Check); exit 1 if any fails.</summary>
        private static int Check(LayerSelection selection)
        {
            int rc = selection.Conv.Count > 0 ? ConsistencyCheck.Run(selection.Conv) : 0;
            rc = Math.Max(rc, selection.Ops.Count > 0 ? OpCheck.Run(selection.Ops) : 0);
            return Math.Max(rc, selection.Networks.Count > 0 ? NetworkPeers.Check(selection.Networks) : 0);
        }

        /// <summary>`time`: the convolution layers, then the layers suite and the networks (each with its summary table).</summary>
        private static int Time(LayerSelection selection, string? libraries)
        {
            int rc = selection.Conv.Count > 0 ? QuickTime(selection.Conv, libraries) : 0;
            if (selection.Ops.Count > 0)
            {
                string[]? chosen = libraries?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                string? unknown = chosen?.FirstOrDefault(c => c is not ("ConvGen" or "TorchSharp" or "OnnxRuntime" or Peers.TwoThreads));
                if (unknown is not null) throw new ArgumentException($"unknown library '{unknown}'; known: ConvGen, TorchSharp, OnnxRuntime");
                if (selection.Conv.Count > 0) Console.WriteLine();
                rc = Math.Max(rc, OpReport.QuickTime(selection.Ops, chosen));
            }

            if (selection.Networks.Count > 0)
            {
                string[]? chosen = libraries?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                string? unknown = chosen?.FirstOrDefault(c => !NetworkPeers.Libraries.Contains(c));
                if (unknown is not null) throw new ArgumentException($"unknown library '{unknown}'; known: {string.Join(", ", NetworkPeers.Libraries)}");
                if (selection.Conv.Count + selection.Ops.Count > 0) Console.WriteLine();
                rc = Math.Max(rc, NetworkPeers.QuickTime(selection.Networks, chosen));
            }

            return rc;
        }

        private static string? Option(List<string> args, string name)
        {
            int i = args.IndexOf(name);
            return i >= 0 && i + 1 < args.Count ? args[i + 1] : null;
        }
    }

    /// <summary>Locations under benchmarks/, found from the working directory or the executable.</summary>
    public static class BenchPaths
    {
        private static readonly Lazy<string> s_benchmarksDir = new Lazy<string>(Find);

        /// <summary>The repository's benchmarks/ folder.</summary>
        public static string BenchmarksDir => s_benchmarksDir.Value;

        public static string ResultsDir => Path.Combine(BenchmarksDir, "results");

        public static string ArtifactsDir => Path.Combine(ResultsDir, "BenchmarkDotNet.Artifacts");

        /// <summary>tools/TorchSharpFix/TorchSharpFix.targets of this repository.</summary>
        public static string TorchSharpFixTargets =>
            Path.GetFullPath(Path.Combine(BenchmarksDir, "..", "tools", "TorchSharpFix", "TorchSharpFix.targets"));

        /// <summary>Copies of every bench run's CSV, merged by `report`.</summary>
        public static string HistoryDir => Path.Combine(ArtifactsDir, "history");

        public static string DefaultCsv => Path.Combine(ArtifactsDir, "results", $"{typeof(ConvBenchmarks).FullName}-report.csv");

        private static string Find()
        {
            foreach (string start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
            {
                for (DirectoryInfo? d = new DirectoryInfo(start); d is not null; d = d.Parent)
                {
                    if (File.Exists(Path.Combine(d.FullName, "ConvGen.Benchmarks", "ConvGen.Benchmarks.csproj")))
                    {
                        return d.FullName;
                    }
                }
            }

            return Environment.CurrentDirectory;
        }
    }
}
