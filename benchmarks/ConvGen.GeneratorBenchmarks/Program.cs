using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace ConvGen.GeneratorBenchmarks
{
    public static class Program
    {
        private const string Usage = @"ConvGen.GeneratorBenchmarks — what the ConvGen source generator costs on a 200-layer project

usage: dotnet run -c Release -- <mode> [options]

  bench  [--inprocess] [BenchmarkDotNet args, e.g. --filter *Cold*]
         BenchmarkDotNet: (a) cold generator run, (b) re-run after an unrelated edit, (c) re-run after one layer's
         attribute changed, (d) compile of the project with the generated code; then rewrites
         benchmarks/results/generator.md (timing + size). Raw output: BenchmarkDotNet.Artifacts/ (git-ignored).
  size   generated lines/characters per layer -> benchmarks/results/generator.md (timing section kept as it is)
  time   [N] [--no-compile]  Stopwatch medians of the scenarios (N cold runs, 10 N re-runs, N/2 compiles; default
         N = 10) and what each re-run executes, no BenchmarkDotNet: a quick check
  layers the 200 layers with their attribute
";

        public static int Main(string[] args)
        {
            if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
            {
                Console.WriteLine(Usage);
                return args.Length == 0 ? 1 : 0;
            }

            var clock = Stopwatch.StartNew();
            var rest = args.Skip(1).ToList();
            int rc = args[0] switch
            {
                "bench" => Bench(rest),
                "size" => Size(),
                "time" => Time(rest),
                "layers" => Layers(),
                _ => BadMode(args[0]),
            };
            Console.WriteLine($"[{args[0]} finished in {clock.Elapsed.TotalSeconds:F1} s]");
            return rc;
        }

        private static int BadMode(string mode)
        {
            Console.Error.WriteLine($"unknown mode '{mode}'");
            Console.Error.WriteLine(Usage);
            return 2;
        }

        private static int Layers()
        {
            foreach (var l in LayerMix.Create()) Console.WriteLine($"{l.Index,3} {l.Kind,-16} {l.FullName,-40} [{l.Attribute}]");
            return 0;
        }

        private static int Size()
        {
            var project = SampleProject.Create();
            var sizes = Report.MeasureSizes(project);
            Report.PrintSizeSummary(sizes);
            Console.WriteLine($"wrote {Report.Write(project, sizes, benchSection: null)}");
            return 0;
        }

        private static int Time(List<string> args)
        {
            int n = args.Count > 0 && int.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out int count) ? count : 10;
            var s = new Scenarios(verify: false);
            Console.WriteLine(IncrementalSteps.Markdown(s.Project));
            Measure("no edit (reference)", n * 10, () => s.WarmDriver.RunGenerators(s.Project.Compilation));
            Measure("(a) cold run", n, () => s.Cold());
            Measure("(b) unrelated edit", n * 10, () => s.EditUnrelatedFile());
            Measure("(c) one layer edited", n * 10, () => s.EditOneLayer());
            Measure("(a) floor (attr. only)", n, () => s.ColdFloor());
            Measure("(b) floor (attr. only)", n * 10, () => s.EditUnrelatedFileFloor());
            if (!args.Contains("--no-compile")) Measure("(d) compile", Math.Max(3, n / 2), () => s.CompileProject());
            return 0;
        }

        private static void Measure(string name, int runs, Func<object> action)
        {
            action(); // first call: JIT
            var times = new List<double>();
            long allocated = GC.GetTotalAllocatedBytes(precise: true);
            for (int i = 0; i < runs; i++)
            {
                var sw = Stopwatch.StartNew();
                GC.KeepAlive(action());
                times.Add(sw.Elapsed.TotalMilliseconds);
            }

            double perRun = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)runs;
            Console.WriteLine($"{name,-22} median {Report.Median(times),10:F3} ms   min {times.Min(),10:F3} ms   allocated {perRun / 1048576.0,8:F2} MiB/run   ({runs} runs)");
        }

        private static int Bench(List<string> args)
        {
            GeneratorBenchConfig.InProcess = args.Remove("--inprocess");
            // Sizes first: this also checks, once, that the 200 generated files compile without a warning.
            Console.WriteLine("checking the project (generator run + one full compile) and measuring the emitted code ...");
            var project = SampleProject.Create();
            var sizes = Report.MeasureSizes(project);
            string loadBefore = Machine.LoadAverage;
            Console.WriteLine($"load average before the run: {loadBefore}");
            var clock = Stopwatch.StartNew();
            var summary = BenchmarkRunner.Run(new[] { typeof(GeneratorBenchmarks), typeof(CompileBenchmark) }, GeneratorBenchConfig.Global(), args.ToArray()).FirstOrDefault();
            clock.Stop();
            string loadAfter = Machine.LoadAverage;
            Console.WriteLine($"load average after the run: {loadAfter}");
            if (summary is null || summary.Reports.Length == 0 || summary.HasCriticalValidationErrors)
            {
                Console.Error.WriteLine("no benchmark ran");
                return 1;
            }

            var section = BenchSection(summary, loadBefore, loadAfter, clock.Elapsed);
            Console.WriteLine();
            Console.WriteLine(section);
            Console.WriteLine($"wrote {Report.Write(project, sizes, section)}");
            return summary.Reports.All(r => r.Success) ? 0 : 1;
        }

        /// <summary>Headline table (medians, per layer, allocations) + BenchmarkDotNet's own GitHub-markdown report.</summary>
        private static string BenchSection(Summary summary, string loadBefore, string loadAfter, TimeSpan elapsed)
        {
            var md = new StringBuilder();
            md.AppendLine($"- measured: {Machine.Date}, {Machine.Cpu}, {Machine.Runtime}");
            md.AppendLine($"- **shared machine**: a {Environment.ProcessorCount}-core VM that other jobs use at the same time (load average {loadBefore} before,");
            md.AppendLine($"  {loadAfter} after the run); medians are the figures to quote. ConvGen.Generator at commit {Machine.Commit}.");
            md.AppendLine($"- BenchmarkDotNet {typeof(BenchmarkRunner).Assembly.GetName().Version?.ToString(3)}, " +
                $"{(GeneratorBenchConfig.InProcess ? "in-process" : "one child process per benchmark")}, " +
                $"{GeneratorBenchConfig.Launches} launches × ({GeneratorBenchConfig.WarmupIterations} warm-up + {GeneratorBenchConfig.MeasuredIterations} measured iterations) " +
                $"((d): 1 launch, 1 + {CompileBenchConfig.CompileIterations}), whole run {elapsed.TotalMinutes:F1} min. Steady state: Roslyn and the generator are already JIT-compiled, as in");
            md.AppendLine("  the IDE or a warm compiler server (`VBCSCompiler`); the referenced assemblies' metadata is loaded once.");
            md.AppendLine("- (a) `CSharpGeneratorDriver.Create(new ConvGen generator).RunGenerators(compilation.Clone())`: a fresh driver on a");
            md.AppendLine("  compilation with no semantic state, as in a build. (b), (c): `driver.RunGenerators(compilation.ReplaceSyntaxTree(old, new))`");
            md.AppendLine("  with the driver of a previous run on the unedited project, as the IDE does on each keystroke; (b) changes a method");
            md.AppendLine("  body in `Training/LearningRate.cs`, (c) adds 8 output channels to one dense 3×3 layer. (d) is not the generator:");
            md.AppendLine("  parse the 205 user files and the 200 generated files, bind and emit DLL + PDB (Release, Roslyn's concurrent");
            md.AppendLine("  build on 2 cores). The driver parses generated files lazily, so that parse is counted in (d), not in (a).");
            md.AppendLine("- The two \"floor\" rows run `AttributeOnlyGenerator` (this project): the same `ForAttributeWithMetadataName` query");
            md.AppendLine("  and a transform that only binds the class and the attribute's arguments, emitting nothing: what any");
            md.AppendLine("  `[Conv2d]`-driven generator costs in Roslyn before doing its own work.");
            md.AppendLine();
            md.AppendLine("| scenario | median | mean | min | per layer (median / 200) | allocated per run |");
            md.AppendLine("|---|---:|---:|---:|---:|---:|");
            foreach (var report in summary.Reports)
            {
                var stats = report.ResultStatistics;
                string method = report.BenchmarkCase.Descriptor.WorkloadMethod.Name;
                string name = Scenario.TryGetValue(method, out var what) ? what : method;
                if (stats is null)
                {
                    md.AppendLine($"| {name} | failed | | | | |");
                    continue;
                }

                long bytes = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? 0;
                bool perLayer = method is nameof(GeneratorBenchmarks.ColdRun) or nameof(CompileBenchmark.CompileWithGeneratedCode);
                md.AppendLine($"| {name} | {Time(stats.Median)} | {Time(stats.Mean)} | {Time(stats.Min)} | {(perLayer ? Time(stats.Median / 200) : "—")} | {Bytes(bytes)} |");
            }

            md.AppendLine();
            md.AppendLine("BenchmarkDotNet's summary:");
            md.AppendLine();
            string? github = Directory.Exists(summary.ResultsDirectoryPath)
                ? Directory.GetFiles(summary.ResultsDirectoryPath, "*-report-github.md").OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault()
                : null;
            md.AppendLine(github is null ? "_(BenchmarkDotNet's markdown report was not found)_" : File.ReadAllText(github).Trim());
            return md.ToString();
        }

        private static readonly Dictionary<string, string> Scenario = new()
        {
            [nameof(GeneratorBenchmarks.ColdRun)] = "(a) generator, cold run on the 200-layer project (`ColdRun`)",
            [nameof(GeneratorBenchmarks.EditUnrelatedFile)] = "(b) generator re-run after editing an unrelated file (`EditUnrelatedFile`)",
            [nameof(GeneratorBenchmarks.EditOneLayerAttribute)] = "(c) generator re-run after editing one layer's attribute (`EditOneLayerAttribute`)",
            [nameof(GeneratorBenchmarks.ColdRun_AttributeOnly)] = "floor for (a): same project, a generator that only binds the attributes (`ColdRun_AttributeOnly`)",
            [nameof(GeneratorBenchmarks.EditUnrelatedFile_AttributeOnly)] = "floor for (b): same edit, attribute-only generator (`EditUnrelatedFile_AttributeOnly`)",
            [nameof(CompileBenchmark.CompileWithGeneratedCode)] = "(d) for scale: compile of the project incl. the generated code (`CompileWithGeneratedCode`)",
        };

        private static string Time(double ns) =>
            ns >= 1e9 ? $"{ns / 1e9:F2} s" : ns >= 1e6 ? $"{ns / 1e6:F1} ms" : ns >= 1e3 ? $"{ns / 1e3:F1} µs" : $"{ns:F0} ns";

        private static string Bytes(long b) =>
            b >= 1 << 20 ? $"{b / 1048576.0:F1} MiB" : b >= 1 << 10 ? $"{b / 1024.0:F1} KiB" : $"{b} B";
    }
}
