using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.CodeAnalysis;

namespace ConvGen.GeneratorBenchmarks
{
    /// <summary>Size of the generated source of one layer.</summary>
    public sealed record LayerSize(LayerDecl Layer, int Chars, int Lines, int Utf8Bytes)
    {
        public double KiB => Utf8Bytes / 1024.0;
    }

    /// <summary>
    /// Writes <c>benchmarks/results/generator.md</c>: the machine, the project's layer mix, the timing section (from
    /// <c>bench</c>, kept as it is by <c>size</c>) and the emitted-code-size section (recomputed every time: one
    /// generator run, deterministic).
    /// </summary>
    public static class Report
    {
        private const string BenchBegin = "<!-- bench:begin (written by `-- bench`, kept by `-- size`) -->";
        private const string BenchEnd = "<!-- bench:end -->";

        public static IReadOnlyList<LayerSize> MeasureSizes(SampleProject project)
        {
            var driver = SampleProject.NewDriver().RunGeneratorsAndUpdateCompilation(project.Compilation, out var output, out var diagnostics);
            SampleProject.Verify(project, driver, output, diagnostics);
            var byHint = driver.GetRunResult().Results.SelectMany(r => r.GeneratedSources)
                .ToDictionary(s => s.HintName, s => s.SourceText.ToString(), StringComparer.Ordinal);
            return project.Layers.Select(l =>
            {
                if (!byHint.TryGetValue(l.HintName, out var text)) throw new InvalidOperationException($"no generated file {l.HintName}");
                return new LayerSize(l, text.Length, text.Count(c => c == '\n'), Encoding.UTF8.GetByteCount(text));
            }).ToList();
        }

        /// <summary>Rewrites the results file; <paramref name="benchSection"/> null keeps the timing section already there.</summary>
        public static string Write(SampleProject project, IReadOnlyList<LayerSize> sizes, string? benchSection)
        {
            string path = Paths.ResultsFile;
            if (benchSection is null)
            {
                benchSection = File.Exists(path) ? Between(File.ReadAllText(path), BenchBegin, BenchEnd) : null;
                benchSection ??= "_Not measured yet: run `dotnet run -c Release -- bench`._\n";
            }

            var md = new StringBuilder();
            md.AppendLine("# Generator cost");
            md.AppendLine();
            md.AppendLine("What the ConvGen source generator costs at build and edit time, on a project of 200 layers, and how much");
            md.AppendLine("code it emits per layer. Written by `benchmarks/ConvGen.GeneratorBenchmarks` (`dotnet run -c Release -- bench`");
            md.AppendLine("for everything, `-- size` for the size section alone); see `benchmarks/README.md`, \"Generator cost\".");
            md.AppendLine();
            md.AppendLine("## The project");
            md.AppendLine();
            md.AppendLine($"200 `[Conv2d]` layers, one file each (`Layers/StageN/<Kind>L<index>.cs`, five namespaces, {project.Layers.Count(l => l.HasBody)} with a");
            md.AppendLine($"member of their own), plus 5 unrelated files: global usings, a `Backbone` class that constructs every layer, a");
            md.AppendLine($"learning-rate schedule, tensor helpers, an image-batch record. Fixed mix, parameters drawn with seed {LayerMix.Seed}");
            md.AppendLine($"(`LayerMix.cs`); {project.Layers.Count(l => !l.Bias)} have `Bias = false`; {project.Layers.Count(l => l.FixedSize)} have a compile-time input size");
            md.AppendLine($"(`InputHeight`/`InputWidth` 14, 28 or 56; 224 for stems).");
            md.AppendLine($"References: {project.ReferenceSet}. Release, nullable enabled, C# latest.");
            md.AppendLine();
            md.AppendLine("| kind | layers | what |");
            md.AppendLine("|---|---:|---|");
            foreach (var (kind, count, what) in LayerMix.Kinds) md.AppendLine($"| {kind} | {count} | {what} |");
            md.AppendLine();
            md.AppendLine("## Time");
            md.AppendLine();
            md.AppendLine(BenchBegin);
            md.Append(benchSection.TrimEnd('\n')).AppendLine();
            md.AppendLine(BenchEnd);
            md.AppendLine();
            md.AppendLine("### What a re-run does");
            md.AppendLine();
            md.Append(IncrementalSteps.Markdown(project));
            md.AppendLine();
            AppendSizes(md, sizes);
            File.WriteAllText(path, md.ToString());
            return path;
        }

        private static void AppendSizes(StringBuilder md, IReadOnlyList<LayerSize> sizes)
        {
            md.AppendLine("## Emitted code per layer");
            md.AppendLine();
            md.AppendLine($"- measured: {Machine.Date}, ConvGen.Generator at commit {Machine.Commit}");
            md.AppendLine("- one generated file per layer (`<Namespace>.<Class>.g.cs`): the public API, the packing constructor, and the");
            md.AppendLine("  unrolled kernels for Vector512, Vector256, Vector128 and scalar. Lines = newline count (as `wc -l`);");
            md.AppendLine("  KiB = UTF-8 bytes / 1024" + (sizes.All(s => s.Chars == s.Utf8Bytes) ? " (the text is ASCII: characters = bytes)." : "."));
            md.AppendLine();
            long totalChars = sizes.Sum(s => (long)s.Chars), totalLines = sizes.Sum(s => (long)s.Lines);
            md.AppendLine($"**Total for 200 layers: {totalLines:N0} lines, {totalChars:N0} characters ({totalChars / 1048576.0:F1} MiB); " +
                $"per layer median {Median(sizes.Select(s => (double)s.Lines)):N0} lines / {Median(sizes.Select(s => s.KiB)):F1} KiB, " +
                $"mean {totalLines / (double)sizes.Count:N0} lines / {totalChars / 1024.0 / sizes.Count:F1} KiB.**");
            md.AppendLine();
            md.AppendLine("| kind | layers | lines min | lines median | lines max | KiB min | KiB median | KiB max | KiB total |");
            md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var (kind, _, _) in LayerMix.Kinds)
            {
                AppendRow(md, kind.ToString(), sizes.Where(s => s.Layer.Kind == kind).ToList());
            }

            AppendRow(md, "**all**", sizes.ToList());
            AppendRow(md, "run-time input size", sizes.Where(s => !s.Layer.FixedSize).ToList());
            AppendRow(md, "fixed input size", sizes.Where(s => s.Layer.FixedSize).ToList());
            md.AppendLine();
            md.AppendLine("<details><summary>All 200 layers</summary>");
            md.AppendLine();
            md.AppendLine("| # | class | attribute | lines | characters |");
            md.AppendLine("|---:|---|---|---:|---:|");
            foreach (var s in sizes)
            {
                md.AppendLine($"| {s.Layer.Index} | {s.Layer.ClassName} | `{s.Layer.Attribute}` | {s.Lines:N0} | {s.Chars:N0} |");
            }

            md.AppendLine();
            md.AppendLine("</details>");
        }

        private static void AppendRow(StringBuilder md, string name, List<LayerSize> group)
        {
            if (group.Count == 0) return;
            var lines = group.Select(s => (double)s.Lines).ToList();
            var kib = group.Select(s => s.KiB).ToList();
            md.AppendLine($"| {name} | {group.Count} | {lines.Min():N0} | {Median(lines):N0} | {lines.Max():N0} | " +
                $"{kib.Min():F1} | {Median(kib):F1} | {kib.Max():F1} | {kib.Sum():N0} |");
        }

        public static double Median(IEnumerable<double> values)
        {
            var v = values.OrderBy(x => x).ToList();
            return v.Count == 0 ? double.NaN : v.Count % 2 == 1 ? v[v.Count / 2] : (v[v.Count / 2 - 1] + v[v.Count / 2]) / 2;
        }

        private static string? Between(string text, string begin, string end)
        {
            int b = text.IndexOf(begin, StringComparison.Ordinal), e = text.IndexOf(end, StringComparison.Ordinal);
            if (b < 0 || e < b) return null;
            return text.Substring(b + begin.Length, e - b - begin.Length).Trim('\n', '\r') + "\n";
        }

        public static void PrintSizeSummary(IReadOnlyList<LayerSize> sizes)
        {
            Console.WriteLine($"{"kind",-16} {"n",3} {"lines min/med/max",20} {"KiB min/med/max",22}");
            foreach (var (kind, _, _) in LayerMix.Kinds)
            {
                var g = sizes.Where(s => s.Layer.Kind == kind).ToList();
                Console.WriteLine($"{kind,-16} {g.Count,3} {$"{g.Min(s => s.Lines)}/{Median(g.Select(s => (double)s.Lines))}/{g.Max(s => s.Lines)}",20} " +
                    $"{$"{g.Min(s => s.KiB):F1}/{Median(g.Select(s => s.KiB)):F1}/{g.Max(s => s.KiB):F1}",22}");
            }

            Console.WriteLine($"total: {sizes.Sum(s => (long)s.Lines):N0} lines, {sizes.Sum(s => (long)s.Chars):N0} characters");
        }
    }

    /// <summary>Facts about the machine and the checkout for the results file.</summary>
    public static class Machine
    {
        public static string Date => DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

        public static string Cpu
        {
            get
            {
                string? model = Run("lscpu", "")?.Split('\n')
                    .FirstOrDefault(l => l.StartsWith("Model name:", StringComparison.Ordinal))?.Substring("Model name:".Length).Trim();
                return $"{model ?? RuntimeInformation.ProcessArchitecture.ToString()}, {Environment.ProcessorCount} logical cores";
            }
        }

        public static string Runtime => $"{RuntimeInformation.FrameworkDescription} ({RuntimeInformation.RuntimeIdentifier})" +
            $", Roslyn {typeof(Compilation).Assembly.GetName().Version}";

        public static string Commit
        {
            get
            {
                string? head = Run("git", $"-C \"{Paths.ProjectDirectory}\" rev-parse --short HEAD")?.Trim();
                string? dirty = Run("git", $"-C \"{Paths.ProjectDirectory}\" status --porcelain -- ../../src/ConvGen.Generator ../../src/Shared")?.Trim();
                return head is null ? "(unknown)" : string.IsNullOrEmpty(dirty) ? head : head + " + local changes";
            }
        }

        public static string LoadAverage
        {
            get
            {
                try
                {
                    var parts = File.ReadAllText("/proc/loadavg").Split(' ');
                    return $"{parts[0]} {parts[1]} {parts[2]}";
                }
                catch (IOException)
                {
                    return "n/a";
                }
            }
        }

        private static string? Run(string file, string args)
        {
            try
            {
                using var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false });
                if (p is null) return null;
                string text = p.StandardOutput.ReadToEnd();
                p.WaitForExit();
                return p.ExitCode == 0 ? text : null;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                return null;
            }
        }
    }
}
