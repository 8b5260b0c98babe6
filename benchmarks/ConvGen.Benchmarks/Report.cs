using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using ScottPlot;

namespace ConvGen.Benchmarks
{
    /// <summary>
    /// Turns BenchmarkDotNet's CSV (see <see cref="CsvReport"/>) into results/results.md and results/gflops.png.
    /// Libraries are the benchmark method names; ConvGen, when present, is the baseline of the ratio columns.
    /// </summary>
    public static class Report
    {
        private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

        public sealed record Row(string Layer, string Library, double MedianUs, double? AllocatedBytes);

        /// <summary>A BDN CSV to read; <paramref name="Layers"/> keeps only some of its layers (null: all).</summary>
        public sealed record Source(string Path, Func<string, bool>? Layers = null);

        /// <param name="csvPaths">BDN CSVs, oldest first; a later file's row replaces an earlier one for the same layer and library.</param>
        public static int Run(IReadOnlyList<string> csvPaths, string outDir, bool measureFma) =>
            Run(csvPaths.Select(p => new Source(p)).ToList(), outDir, measureFma);

        /// <param name="sources">BDN CSVs, oldest first; a later file's row replaces an earlier one for the same layer and library.</param>
        public static int Run(IReadOnlyList<Source> sources, string outDir, bool measureFma)
        {
            IReadOnlyList<string> csvPaths = sources.Select(s => s.Path).ToList();
            string? missing = csvPaths.FirstOrDefault(p => !File.Exists(p));
            if (csvPaths.Count == 0 || missing is not null)
            {
                Console.Error.WriteLine($"no BenchmarkDotNet CSV at {missing ?? BenchPaths.DefaultCsv}; run `dotnet run -c Release -- bench` first");
                return 2;
            }

            var merged = new Dictionary<(string, string), Row>();
            foreach (Source source in sources)
            {
                foreach (Row row in ReadCsv(source.Path).Where(r => source.Layers is null || source.Layers(r.Layer)))
                {
                    merged[(row.Layer, row.Library)] = row;
                }
            }

            List<Row> rows = merged.Values.ToList();
            if (rows.Count == 0)
            {
                Console.Error.WriteLine("no usable rows in " + string.Join(", ", csvPaths));
                return 2;
            }

            FmaPeak.Result[] peak = measureFma ? FmaPeak.MeasureAll() : Array.Empty<FmaPeak.Result>();

            // The 12 Conv2d layers and the second suite (Conv1d, Conv3d, ConvTranspose2d) get a table and a chart each, the
            // layers suite (pooling, Linear, activations, BatchNorm2d) a table (OpReport), the networks suite a table (NetworkPeers).
            List<ConvLayerSpec> layers = BenchLayers.All.Where(l => rows.Any(r => r.Layer == l.Name)).ToList();
            List<ConvLayerSpec> ndLayers = BenchLayers.Nd.Where(l => rows.Any(r => r.Layer == l.Name)).ToList();
            List<Row> rows2d = rows.Where(r => !BenchLayers.IsNd(r.Layer) && !OpLayers.IsOp(r.Layer) && !NetworkLayers.IsNetwork(r.Layer)).ToList();
            List<Row> rowsNd = rows.Where(r => BenchLayers.IsNd(r.Layer)).ToList();
            List<Row> rowsOps = rows.Where(r => OpLayers.IsOp(r.Layer)).ToList(); // the layers suite: a table, no chart
            List<Row> rowsNetworks = rows.Where(r => NetworkLayers.IsNetwork(r.Layer)).ToList(); // the networks suite: a table
            List<string> libraries = Libraries(rows2d);
            List<string> ndLibraries = Libraries(rowsNd);

            Directory.CreateDirectory(outDir);
            string md = Path.Combine(outDir, "results.md");
            string png = Path.Combine(outDir, "gflops.png");
            string ndPng = Path.Combine(outDir, NdChartFile);
            bool onlyConv2d = ndLayers.Count == 0 && rowsOps.Count == 0 && rowsNetworks.Count == 0;
            File.WriteAllText(md, Markdown(rows2d, libraries, layers, peak, csvPaths, outDir, onlyConv2d)
                                  + (ndLayers.Count == 0 ? "" : NdMarkdown(rowsNd, ndLibraries, ndLayers, peak))
                                  + (rowsOps.Count == 0 ? "" : OpReport.Markdown(rowsOps, measureFloor: peak.Length > 0))
                                  + (rowsNetworks.Count == 0 ? "" : Environment.NewLine + NetworkPeers.Markdown(rowsNetworks,
                                      $"## Networks{Environment.NewLine}{Environment.NewLine}Fourth suite (`bench --suite {NetworkLayers.Suite}`, NetworkLayers.cs):")));
            Console.WriteLine($"wrote {md}");
            if (layers.Count > 0 || onlyConv2d)
            {
                Chart(rows2d, libraries, layers, peak, png, "Conv2d GFLOP/s per layer");
                Console.WriteLine($"wrote {png}");
            }

            if (ndLayers.Count > 0)
            {
                Chart(rowsNd, ndLibraries, ndLayers, peak, ndPng, "Conv1d, Conv3d and ConvTranspose2d GFLOP/s per layer");
                Console.WriteLine($"wrote {ndPng}");
            }

            Console.WriteLine();
            Console.WriteLine(File.ReadAllText(md));
            return 0;
        }

        /// <summary>The chart of the second suite, next to results.md.</summary>
        public const string NdChartFile = "gflops-nd.png";

        /// <summary>The one-thread series present in <paramref name="rows"/>, in display order.</summary>
        private static List<string> Libraries(List<Row> rows) =>
            Peers.Libraries.Where(l => rows.Any(r => r.Library == l))
                .Concat(rows.Select(r => r.Library).Distinct().Where(l => !Peers.Libraries.Contains(l) && l != Peers.TwoThreads))
                .ToList();

        public static List<Row> ReadCsv(string path)
        {
            string[] lines = File.ReadAllLines(path);
            List<string> header = SplitCsv(lines[0]);
            int method = header.FindIndex(h => h == "Method");
            int layer = header.FindIndex(h => h == nameof(ConvBenchmarks.Layer));
            int median = header.FindIndex(h => h.StartsWith("Median", StringComparison.Ordinal));
            int alloc = header.FindIndex(h => h.StartsWith("Allocated", StringComparison.Ordinal));
            if (method < 0 || layer < 0 || median < 0)
            {
                throw new InvalidDataException($"{path}: expected Method, Layer and Median columns, got: {lines[0]}");
            }

            double toUs = UnitFactorToMicroseconds(header[median]);
            var rows = new List<Row>();
            foreach (string line in lines.Skip(1).Where(l => l.Trim().Length > 0))
            {
                List<string> cells = SplitCsv(line);
                if (!TryNumber(cells[median], out double m))
                {
                    continue; // failed benchmark (NA)
                }

                double? allocated = alloc >= 0 && TryNumber(cells[alloc], out double a) ? a * SizeFactorToBytes(header[alloc]) : null;
                if (alloc >= 0 && cells[alloc].Trim() == "-")
                {
                    allocated = 0;
                }

                rows.Add(new Row(cells[layer].Trim('"'), cells[method], m * toUs, allocated));
            }

            return rows;
        }

        private static string Markdown(List<Row> rows, List<string> libraries, List<ConvLayerSpec> layers, FmaPeak.Result[] peak, IReadOnlyList<string> csvPaths, string outDir, bool evenIfEmpty)
        {
            bool hasBaseline = libraries.Contains("ConvGen");
            bool conv2d = layers.Count > 0 || evenIfEmpty; // false: only the other suites were measured, their sections follow
            var sb = new StringBuilder();
            sb.AppendLine("# ConvGen benchmark results");
            sb.AppendLine();
            string sources = csvPaths.Count <= 2
                ? string.Join(", ", csvPaths.Select(p => $"`{Path.GetRelativePath(outDir, p).Replace('\\', '/')}`"))
                : $"{csvPaths.Count} runs in `{Path.GetRelativePath(outDir, Path.GetDirectoryName(csvPaths[0]) ?? ".").Replace('\\', '/')}`";
            sb.AppendLine($"- generated: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC from {sources} (newest result per layer and library)");
            sb.AppendLine($"- CPU: {CpuModel()} ({Environment.ProcessorCount} logical cores), {RuntimeInformation.OSDescription}");
            sb.AppendLine($"- runtime: {RuntimeInformation.FrameworkDescription}; TorchSharp {AssemblyVersion(typeof(TorchSharp.torch))}, " +
                          $"ONNX Runtime {AssemblyVersion(typeof(Microsoft.ML.OnnxRuntime.InferenceSession))}, BenchmarkDotNet job `{ConvBenchConfig.JobId}` (see ConvBenchmarks.cs)");
            if (conv2d)
                sb.AppendLine("- float32, batch 1, NCHW, bias on, one thread; time = BenchmarkDotNet median of one call");
            if (peak.Length > 0)
            {
                sb.AppendLine("- one-core FMA peak (12 independent FMA chains): " +
                              string.Join(", ", peak.Select(p => p.Supported ? $"{p.Width} {p.GFlops.ToString("F1", Inv)} GFLOP/s" : $"{p.Width} n/a")));
            }

            if (conv2d)
                sb.AppendLine("- GFLOP/s = 2·N·Cout·Hout·Wout·(Cin/groups)·kH·kW / time; ratio = peer time / ConvGen time (> 1: ConvGen is faster)");
            if (peak.Length > 0)
                sb.AppendLine("- read+write floor = median time on this core to read the input once and write the output once (StreamFloor.cs): no layer can be faster");
            if (!conv2d)
            {
                return sb.ToString();
            }

            if (!hasBaseline)
            {
                sb.AppendLine("- ConvGen is not benchmarked yet: ratio columns show —");
            }

            sb.AppendLine();
            Table(sb, rows, libraries, layers, peak, hasBaseline, describe: false);
            sb.AppendLine();
            sb.AppendLine("![GFLOP/s per layer](gflops.png)");
            TwoCoreSpeedUp(sb, rows, layers, "## Two cores", explain: true);
            return sb.ToString();
        }

        /// <summary>
        /// The second suite's section (Conv1d, Conv3d, ConvTranspose2d): the same columns as the Conv2d table, plus the
        /// PyTorch layer and its input, and its own two-core table and chart.
        /// </summary>
        private static string NdMarkdown(List<Row> rows, List<string> libraries, List<ConvLayerSpec> layers, FmaPeak.Result[] peak)
        {
            bool hasBaseline = libraries.Contains("ConvGen");
            var sb = new StringBuilder();
            sb.AppendLine();
            sb.AppendLine("## Conv1d, Conv3d and ConvTranspose2d");
            sb.AppendLine();
            sb.AppendLine("Second suite (`bench --suite nd`, `BenchLayers.Nd` in Layers.cs): Conv1d layers of speech and sequence models " +
                          "(wav2vec 2.0 feature encoder, Jasper prolog, TCN, QuartzNet separable conv), Conv3d layers of video models " +
                          "(C3D, R(2+1)D, R3D-18) and ConvTranspose2d layers of decoders (DCGAN generator, U-Net up-convolutions). " +
                          "ConvGen: `[Conv1d]`, `[Conv3d]`, `[ConvTranspose2d]` in ConvGenNdLayers.cs; TorchSharp: " +
                          "`torch.nn.functional.conv1d` / `conv3d` / `conv_transpose2d`; ONNX Runtime: a one-node `Conv` / `ConvTranspose` " +
                          "model. Same job, same check against a double-precision reference before timing, same columns as the Conv2d table.");
            sb.AppendLine();
            sb.AppendLine("- float32, batch 1, channels first (NCL, NCDHW, NCHW), bias on, zero padding, one thread; time = BenchmarkDotNet median of one call");
            sb.AppendLine("- GFLOP/s = 2·N·Cout·prod(out)·(Cin/groups)·prod(k) / time for a convolution, 2·N·Cin·prod(in)·(Cout/groups)·prod(k) / time " +
                          "for a transposed one (each input element times each tap of its group's filters); ratio = peer time / ConvGen time (> 1: ConvGen is faster)");
            if (!hasBaseline)
            {
                sb.AppendLine("- ConvGen is not benchmarked yet: ratio columns show —");
            }

            sb.AppendLine();
            Table(sb, rows, libraries, layers, peak, hasBaseline, describe: true);
            sb.AppendLine();
            sb.AppendLine($"![GFLOP/s per layer, second suite]({NdChartFile})");
            TwoCoreSpeedUp(sb, rows, layers, "### Two cores", explain: false);
            return sb.ToString();
        }

        /// <summary>One row per layer: times, GFLOP/s, ratios to ConvGen, allocations, % of the FMA peak, memory floor.</summary>
        private static void Table(StringBuilder sb, List<Row> rows, List<string> libraries, List<ConvLayerSpec> layers, FmaPeak.Result[] peak, bool hasBaseline, bool describe)
        {
            List<string> peers = libraries.Where(l => l != "ConvGen").ToList();
            var cols = new List<string> { "layer" };
            if (describe) cols.AddRange(new[] { "PyTorch layer", "input → output" });
            cols.Add("MFLOP");
            cols.AddRange(libraries.Select(l => $"{l} µs"));
            cols.AddRange(libraries.Select(l => $"{l} GFLOP/s"));
            cols.AddRange(peers.Select(l => $"{l}/ConvGen"));
            cols.AddRange(libraries.Select(l => $"{l} alloc B"));
            FmaPeak.Result? v512 = peak.FirstOrDefault(p => p.Width == "Vector512" && p.Supported);
            if (hasBaseline && v512 is not null) cols.Add("ConvGen % of V512 peak");
            if (peak.Length > 0) cols.Add("read+write floor µs");
            sb.AppendLine("| " + string.Join(" | ", cols) + " |");
            sb.AppendLine((describe ? "|---|---|---|" : "|---|") + string.Concat(Enumerable.Repeat("---:|", cols.Count - (describe ? 3 : 1))));
            foreach (ConvLayerSpec layer in layers)
            {
                Row? Find(string lib) => rows.FirstOrDefault(r => r.Layer == layer.Name && r.Library == lib);
                Row? baseline = Find("ConvGen");
                var cells = new List<string> { layer.Name };
                if (describe) cells.AddRange(new[] { $"`{layer.TorchCall}`", $"{Dims(layer.InChannels, layer.InputSize)} → {Dims(layer.OutChannels, layer.OutputSize)}" });
                cells.Add((layer.Flops / 1e6).ToString(layer.Flops < 1e7 ? "F2" : "F1", Inv));
                cells.AddRange(libraries.Select(l => Find(l) is Row r ? Us(r.MedianUs) : "—"));
                cells.AddRange(libraries.Select(l => Find(l) is Row r ? (layer.Flops / (r.MedianUs * 1e3)).ToString("F1", Inv) : "—"));
                cells.AddRange(peers.Select(l => Find(l) is Row r && baseline is not null ? (r.MedianUs / baseline.MedianUs).ToString("F2", Inv) : "—"));
                cells.AddRange(libraries.Select(l => Find(l)?.AllocatedBytes is double a ? a.ToString("F0", Inv) : "—"));
                if (hasBaseline && v512 is not null)
                    cells.Add(baseline is null ? "—" : (100 * layer.Flops / (baseline.MedianUs * 1e3) / v512.GFlops).ToString("F0", Inv) + " %");
                if (peak.Length > 0) cells.Add(Us(StreamFloor.MedianUs(layer)));
                sb.AppendLine("| " + string.Join(" | ", cells) + " |");
            }
        }

        /// <summary>A tensor's shape without the batch, e.g. 64×8×28×28.</summary>
        private static string Dims(int channels, IReadOnlyList<int> size) => string.Join("×", new[] { channels }.Concat(size));

        /// <summary>ConvGen's <c>Forward(..., threads: 2)</c> against its one-thread time from the same runs.</summary>
        private static void TwoCoreSpeedUp(StringBuilder sb, List<Row> rows, List<ConvLayerSpec> layers, string heading, bool explain)
        {
            if (!rows.Any(r => r.Library == Peers.TwoThreads)) return;
            sb.AppendLine();
            sb.AppendLine(heading);
            sb.AppendLine();
            if (explain)
            {
                sb.AppendLine($"ConvGen's `Forward(input, output, batch, height, width, threads: 2)` (benchmark `{Peers.TwoThreads}`): the calling " +
                              "thread and one ConvGen worker share the padding (by channels) and the output-channel tiles × parts of the grid " +
                              "(groups when a layer has enough; depthwise: the channels). Speed-up = one-thread " +
                              "time / two-thread time. The peers are not run on two threads.");
            }
            else
            {
                sb.AppendLine($"ConvGen's `Forward(..., threads: 2)` (benchmark `{Peers.TwoThreads}`) against its one-thread time in the same runs, " +
                              "as for the Conv2d layers; the peers are not run on two threads.");
            }

            sb.AppendLine();
            sb.AppendLine("| layer | ConvGen 1 thread µs | ConvGen 2 threads µs | speed-up | 2 threads GFLOP/s | 2 threads alloc B |");
            sb.AppendLine("|---|---:|---:|---:|---:|---:|");
            foreach (ConvLayerSpec layer in layers)
            {
                Row? one = rows.FirstOrDefault(r => r.Layer == layer.Name && r.Library == "ConvGen");
                Row? two = rows.FirstOrDefault(r => r.Layer == layer.Name && r.Library == Peers.TwoThreads);
                if (two is null) continue;
                sb.AppendLine($"| {layer.Name} | {(one is null ? "—" : Us(one.MedianUs))} | {Us(two.MedianUs)} | " +
                              $"{(one is null ? "—" : (one.MedianUs / two.MedianUs).ToString("F2", Inv) + "×")} | " +
                              $"{(layer.Flops / (two.MedianUs * 1e3)).ToString("F1", Inv)} | {(two.AllocatedBytes is double a ? a.ToString("F0", Inv) : "—")} |");
            }
        }

        private static void Chart(List<Row> rows, List<string> libraries, List<ConvLayerSpec> layers, FmaPeak.Result[] peak, string path, string title)
        {
            var plot = new Plot();
            var palette = new ScottPlot.Palettes.Category10();
            int groupWidth = libraries.Count + 1;
            var bars = new List<Bar>();
            for (int li = 0; li < layers.Count; li++)
            {
                for (int s = 0; s < libraries.Count; s++)
                {
                    Row? r = rows.FirstOrDefault(x => x.Layer == layers[li].Name && x.Library == libraries[s]);
                    if (r is null)
                    {
                        continue;
                    }

                    bars.Add(new Bar
                    {
                        Position = li * groupWidth + s,
                        Value = layers[li].Flops / (r.MedianUs * 1e3),
                        FillColor = palette.GetColor(s),
                    });
                }
            }

            plot.Add.Bars(bars);
            for (int s = 0; s < libraries.Count; s++)
            {
                plot.Legend.ManualItems.Add(new LegendItem { LabelText = libraries[s], FillColor = palette.GetColor(s) });
            }

            FmaPeak.Result? v512 = peak.FirstOrDefault(p => p.Width == "Vector512" && p.Supported);
            if (v512 is not null)
            {
                var line = plot.Add.HorizontalLine(v512.GFlops);
                line.LinePattern = LinePattern.Dashed;
                line.Color = Colors.Gray;
                plot.Legend.ManualItems.Add(new LegendItem
                {
                    LabelText = $"1-core FMA peak, Vector512 ({v512.GFlops:F0})",
                    LineColor = Colors.Gray,
                    LinePattern = LinePattern.Dashed,
                    LineWidth = 1,
                });
            }

            double[] ticks = Enumerable.Range(0, layers.Count).Select(i => i * groupWidth + (libraries.Count - 1) / 2.0).ToArray();
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks, layers.Select(l => l.Name).ToArray());
            plot.Axes.Bottom.TickLabelStyle.Rotation = 40;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
            plot.Axes.Bottom.MinimumSize = 130;
            plot.Axes.Margins(bottom: 0);
            plot.YLabel("GFLOP/s (one thread)");
            plot.Title($"{title} — {CpuModel()}");
            plot.Legend.IsVisible = true;
            plot.Legend.Alignment = Alignment.UpperRight;
            plot.SavePng(path, 1400, 700);
        }

        private static string Us(double us) => us >= 100 ? us.ToString("F0", Inv) : us.ToString("F1", Inv);

        private static double UnitFactorToMicroseconds(string header)
        {
            if (header.Contains("[ns]", StringComparison.Ordinal))
            {
                return 1e-3;
            }

            if (header.Contains("[ms]", StringComparison.Ordinal))
            {
                return 1e3;
            }

            if (header.Contains("[s]", StringComparison.Ordinal))
            {
                return 1e6;
            }

            return 1; // [us] / [μs] (the CSV exporter is configured for µs)
        }

        private static double SizeFactorToBytes(string header) =>
            header.Contains("[KB]", StringComparison.Ordinal) ? 1024 :
            header.Contains("[MB]", StringComparison.Ordinal) ? 1024 * 1024 : 1;

        private static bool TryNumber(string cell, out double value) =>
            double.TryParse(cell.Replace(",", "").Replace("\"", "").Trim(), NumberStyles.Float, Inv, out value);

        /// <summary>RFC 4180 line split (quotes, doubled quotes), enough for BDN's CSV.</summary>
        private static List<string> SplitCsv(string line)
        {
            var cells = new List<string>();
            var cur = new StringBuilder();
            bool quoted = false;
            for (int i = 0; i < line.Length; i++)
            {
                char c = line[i];
                if (quoted)
                {
                    if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                    {
                        cur.Append('"');
                        i++;
                    }
                    else if (c == '"')
                    {
                        quoted = false;
                    }
                    else
                    {
                        cur.Append(c);
                    }
                }
                else if (c == '"')
                {
                    quoted = true;
                }
                else if (c == ',')
                {
                    cells.Add(cur.ToString());
                    cur.Clear();
                }
                else
                {
                    cur.Append(c);
                }
            }

            cells.Add(cur.ToString());
            return cells;
        }

        public static string CpuModel()
        {
            try
            {
                string? line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
                if (line is not null)
                {
                    return line.Substring(line.IndexOf(':') + 1).Trim();
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }

            return RuntimeInformation.ProcessArchitecture.ToString();
        }

        private static string AssemblyVersion(Type t) =>
            t.Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
            ?? t.Assembly.GetName().Version?.ToString() ?? "?";
    }
}
