using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace ConvGen.Benchmarks
{
    /// <summary>
    /// The <c>layers</c> suite's table (results.md section from BenchmarkDotNet's CSV, and the `time` mode's summary):
    /// per layer the three libraries' times, peer / ConvGen ratios, allocations, and for the memory-bound layers the
    /// read+write floor (<see cref="StreamFloor"/>: this core reading the input and the parameters once and writing the
    /// output once, at the layer's sizes) and how close each library comes to it (floor / time).
    /// </summary>
    public static class OpReport
    {
        private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
        private static readonly string[] Libraries = { "ConvGen", "TorchSharp", "OnnxRuntime" };

        /// <summary>The results.md section (after the convolution suites).</summary>
        public static string Markdown(IReadOnlyList<Report.Row> rows, bool measureFloor)
        {
            List<OpLayerSpec> layers = OpLayers.All.Where(l => rows.Any(r => r.Layer == l.Name)).ToList();
            var sb = new StringBuilder();
            sb.AppendLine();
            sb.AppendLine("## Pooling, Linear, activations, BatchNorm2d");
            sb.AppendLine();
            sb.AppendLine($"Third suite (`bench --suite {OpLayers.Suite}`, `OpLayers.All` in OpLayers.cs): the other layers of issue 12's benchmark list. " +
                          "ConvGen: `[MaxPool2d]`, `[AvgPool2d]`, `[AdaptiveAvgPool2d]`, `[Linear]`, `[ReLU]`, `[SiLU]`, `[GELU]`, `[Hardswish]`, " +
                          "`[Sigmoid]`, `[BatchNorm2d]` in ConvGenOpLayers.cs; TorchSharp: the `torch.nn` module; ONNX Runtime: the model PyTorch's " +
                          "exporter writes (OnnxOpModel.cs, opset 20). Same job, same check against a double-precision reference before timing.");
            sb.AppendLine();
            Explain(sb);
            sb.AppendLine();
            Table(sb, layers, rows, measureFloor);
            return sb.ToString();
        }

        /// <summary>The legend shared by results.md and the `time` summary.</summary>
        public static void Explain(StringBuilder sb)
        {
            sb.AppendLine("- float32, one thread; NCHW (Linear: rows × features); time = median of one call; ratio = peer time / ConvGen time (> 1: ConvGen is faster)");
            sb.AppendLine("- moved = bytes a call must move at the least: input and parameters read once, output written once (Linear: the weight (out, in) and bias)");
            sb.AppendLine("- floor = median time on this core to read that many floats once and write the output once (StreamFloor.cs, same arrays call after call, " +
                          "so a layer whose data fits in the caches is measured against the caches, as it runs); \"at floor\" = floor / time (100 % = as fast as moving the bytes; a one-pass element-wise layer can come out a little above, " +
                          "the floor reading and writing in two passes); " +
                          "only for the memory-bound layers (pooling, activations, BatchNorm2d, global average pooling, Linear at batch 1); GFLOP/s for Linear");
        }

        /// <summary>One row per layer; <paramref name="rows"/> holds at most one row per layer and library.</summary>
        public static void Table(StringBuilder sb, IReadOnlyList<OpLayerSpec> layers, IReadOnlyList<Report.Row> rows, bool measureFloor)
        {
            List<string> libs = Libraries.Where(l => rows.Any(r => r.Library == l)).ToList();
            List<string> peers = libs.Where(l => l != "ConvGen").ToList();
            bool hasBaseline = libs.Contains("ConvGen");
            var cols = new List<string> { "layer", "PyTorch layer", "input → output", "moved KB" };
            cols.AddRange(libs.Select(l => $"{l} µs"));
            if (hasBaseline) cols.AddRange(peers.Select(l => $"{l}/ConvGen"));
            cols.AddRange(libs.Select(l => $"{l} alloc B"));
            cols.Add("GFLOP/s (" + string.Join(", ", libs) + ")");
            if (measureFloor)
            {
                cols.Add("floor µs");
                cols.AddRange(libs.Select(l => $"{l} at floor"));
            }

            sb.AppendLine("| " + string.Join(" | ", cols) + " |");
            sb.AppendLine("|---|---|---|" + string.Concat(Enumerable.Repeat("---:|", cols.Count - 3)));
            foreach (OpLayerSpec layer in layers)
            {
                Report.Row? Find(string lib) => rows.FirstOrDefault(r => r.Layer == layer.Name && r.Library == lib);
                Report.Row? baseline = Find("ConvGen");
                var cells = new List<string> { layer.Name, $"`{layer.TorchCall}`", $"{layer.InputDims} → {layer.OutputDims}", (layer.BytesMoved / 1024.0).ToString("F0", Inv) };
                cells.AddRange(libs.Select(l => Find(l) is Report.Row r ? Us(r.MedianUs) : "—"));
                if (hasBaseline)
                    cells.AddRange(peers.Select(l => Find(l) is Report.Row r && baseline is not null ? (r.MedianUs / baseline.MedianUs).ToString("F2", Inv) : "—"));
                cells.AddRange(libs.Select(l => Find(l)?.AllocatedBytes is double a ? a.ToString("F0", Inv) : "—"));
                cells.Add(layer.Flops > 0
                    ? string.Join(" / ", libs.Select(l => Find(l) is Report.Row r ? (layer.Flops / (r.MedianUs * 1e3)).ToString("F1", Inv) : "—"))
                    : "—");
                if (measureFloor)
                {
                    double? floor = layer.MemoryBound ? StreamFloor.MedianUs(layer.ReadLength, layer.OutputLength) : null;
                    cells.Add(floor is double f ? Us(f) : "—");
                    cells.AddRange(libs.Select(l => floor is double f && Find(l) is Report.Row r ? (100 * f / r.MedianUs).ToString("F0", Inv) + " %" : "—"));
                }

                sb.AppendLine("| " + string.Join(" | ", cells) + " |");
            }
        }

        /// <summary>
        /// The `time` mode of the suite: each selected layer and library timed with <see cref="PeerTimer"/> (one line
        /// each as it goes), then the summary <see cref="Table"/>.
        /// </summary>
        public static int QuickTime(IReadOnlyList<OpLayerSpec> layers, IReadOnlyCollection<string>? libraries)
        {
            Console.WriteLine("| layer | library | median µs | GB/s moved | GFLOP/s | allocated |");
            Console.WriteLine("|---|---|---:|---:|---:|---|");
            var rows = new List<Report.Row>();
            foreach (OpLayerSpec spec in layers)
            {
                OpData data = OpData.Create(spec);
                foreach (string lib in OpPeers.Libraries(spec).Where(l => libraries is null || libraries.Contains(l)))
                {
                    using IBenchPeer peer = OpPeers.Create(lib, data);
                    PeerTimer.Result r = PeerTimer.Measure(peer);
                    rows.Add(new Report.Row(spec.Name, lib, r.MedianUs, r.AllocatedBytes));
                    string gflops = spec.Flops > 0 ? (spec.Flops / (r.MedianUs * 1e3)).ToString("F1", Inv) : "—";
                    Console.WriteLine(string.Create(Inv,
                        $"| {spec.Name} | {lib} | {r.MedianUs:F1} | {spec.BytesMoved / (r.MedianUs * 1e3):F1} | {gflops} | {r.AllocatedBytes} B in {r.Calls} calls |"));
                }
            }

            var sb = new StringBuilder();
            sb.AppendLine();
            sb.AppendLine($"Summary (Stopwatch medians, not BenchmarkDotNet; CPU: {Report.CpuModel()}, load average {LoadAverage()}):");
            sb.AppendLine();
            Explain(sb);
            sb.AppendLine();
            Table(sb, layers, rows, measureFloor: true);
            Console.Write(sb.ToString());
            return 0;
        }

        private static string LoadAverage()
        {
            try
            {
                return string.Join(" ", System.IO.File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
            }
            catch (System.IO.IOException)
            {
                return "?";
            }
        }

        private static string Us(double us) => us >= 100 ? us.ToString("F0", Inv) : us.ToString("F1", Inv);
    }
}
