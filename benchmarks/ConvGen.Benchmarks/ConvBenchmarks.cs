using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Csv;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Perfolizer.Horology;
using Perfolizer.Metrology;

namespace ConvGen.Benchmarks
{
    /// <summary>
    /// One layer call per invocation, for every selected layer (the 12 of bench-layers.md, the second suite's
    /// Conv1d/Conv3d/ConvTranspose2d layers with --suite nd, or the pooling, Linear, activation and BatchNorm2d layers
    /// with --suite layers) and every library (<see cref="Exists"/>). Each library's
    /// layer object (weights, input, output) is built once in its GlobalSetup; the benchmark method is just the call.
    /// </summary>
    [Config(typeof(ConvBenchConfig))]
    [MemoryDiagnoser]
    public class ConvBenchmarks
    {
        /// <summary>The layers to run. Set by Program (--quick / --layers) in the host process before BDN reads the params.</summary>
        public static IReadOnlyList<string> SelectedLayers { get; set; } = BenchLayers.All.Select(l => l.Name).ToArray();

        private IBenchPeer? _torch;
        private IBenchPeer? _onnx;
        private IBenchPeer? _convGen;
        private IBenchPeer? _convGen2;

        public static IEnumerable<string> LayerNames => SelectedLayers;

        [ParamsSource(nameof(LayerNames))]
        public string Layer { get; set; } = "resnet_stem";

        [GlobalSetup(Target = nameof(TorchSharp))]
        public void SetupTorchSharp() => _torch = Setup("TorchSharp");

        [GlobalSetup(Target = nameof(OnnxRuntime))]
        public void SetupOnnxRuntime() => _onnx = Setup("OnnxRuntime");

        [Benchmark]
        public void TorchSharp() => _torch!.Run();

        [Benchmark]
        public void OnnxRuntime() => _onnx!.Run();

        [GlobalSetup(Target = nameof(ConvGen))]
        public void SetupConvGen() => _convGen = Setup("ConvGen");

        [Benchmark(Baseline = true)]
        public void ConvGen() => _convGen!.Run();

        [GlobalSetup(Target = nameof(ConvGen2Threads))]
        public void SetupConvGen2Threads() => _convGen2 = Setup(Peers.TwoThreads);

        /// <summary>ConvGen's <c>Forward(..., threads: 2)</c>: the 2-core speed-up, beside the one-thread table.</summary>
        [Benchmark]
        public void ConvGen2Threads() => _convGen2!.Run();

        private IBenchPeer Setup(string library)
        {
            if (OpLayers.IsOp(Layer))
            {
                return SetupOp(library);
            }

            if (NetworkLayers.IsNetwork(Layer))
            {
                return SetupNetwork(library);
            }

            LayerData data = LayerData.Create(BenchLayers.Get(Layer));
            IConvPeer peer = Peers.Create(library, data);
            peer.Run(); // first call outside the measurement (lazy init, weight pre-packing)
            // A benchmark of a wrong answer is worthless: this process's output against the double-precision reference.
            float[] reference = ReferenceConv.Forward(data);
            double error = ConsistencyCheck.RelDiff(peer.GetOutput(), reference, ConsistencyCheck.MaxAbs(reference));
            if (!(error <= ConsistencyCheck.Tolerance))
                throw new InvalidOperationException($"{library} {Layer}: output differs from the reference by {error:G3} (tolerance {ConsistencyCheck.Tolerance:G}).");
            Console.WriteLine($"// {library} {peer.Spec}; checked against the double reference: {error:G2}; native allocator: {NativeAllocator.State}");
            return peer;
        }

        /// <summary>A layer of the <c>layers</c> suite: the same steps with its own data, peers and double reference.</summary>
        private IBenchPeer SetupOp(string library)
        {
            OpData data = OpData.Create(OpLayers.Get(Layer));
            IBenchPeer peer = OpPeers.Create(library, data);
            peer.Run();
            double error = OpCheck.Verify(peer, data);
            Console.WriteLine($"// {library} {peer.Description}; checked against the double reference: {error:G2}; native allocator: {NativeAllocator.State}");
            return peer;
        }

        /// <summary>A network of the <c>networks</c> suite: checked against ONNX Runtime's output (ORT against TorchSharp's).</summary>
        private IBenchPeer SetupNetwork(string library)
        {
            NetworkData data = NetworkData.Create(NetworkLayers.Get(Layer));
            IBenchPeer peer = NetworkPeers.Create(library, data);
            peer.Run();
            double error = NetworkPeers.Verify(peer, data);
            Console.WriteLine($"// {library} {peer.Description}; checked against a peer: {error:G2}; native allocator: {NativeAllocator.State}");
            return peer;
        }

        /// <summary>
        /// The benchmarks that exist for a layer: all four for a convolution; for a layer of the <c>layers</c> suite the
        /// two peers, and ConvGen once its family is compiled in (ConvGenOpLayers), not on two threads (memory-bound
        /// single calls of a few µs to a few hundred µs: the suite compares one-thread calls).
        /// </summary>
        public static bool Exists(string method, string layer)
        {
            if (NetworkLayers.IsNetwork(layer)) return method != nameof(ConvGen2Threads); // the networks: one thread
            if (!OpLayers.IsOp(layer)) return true;
            return method switch
            {
                nameof(ConvGen2Threads) => false,
                nameof(ConvGen) => ConvGenOpLayers.IsEnabled(OpLayers.Get(layer).Kind),
                _ => true,
            };
        }

        [GlobalCleanup]
        public void Cleanup()
        {
            _torch?.Dispose();
            _onnx?.Dispose();
            _convGen?.Dispose();
            _convGen2?.Dispose();
            _torch = _onnx = _convGen = _convGen2 = null;
        }
    }

    /// <summary>
    /// A short job (1 process per benchmark, 3 warm-up + 15 measured iterations of ~150 ms) so that 12 layers × 2 peers
    /// take a few minutes on 2 cores, CSV with fixed units (µs, bytes) for the report step, GitHub markdown for humans.
    /// </summary>
    public sealed class ConvBenchConfig : ManualConfig
    {
        public const string JobId = "Short";

        public ConvBenchConfig()
        {
            Job job = Job.Default
                .WithLaunchCount(1)
                .WithWarmupCount(3)
                .WithIterationCount(15)
                .WithIterationTime(TimeInterval.FromMilliseconds(150))
                .WithEvaluateOverhead(false) // µs-scale calls: the ~1 ns loop overhead is irrelevant, save the time
                .WithEnvironmentVariables(
                    new EnvironmentVariable("OMP_NUM_THREADS", "1"),
                    new EnvironmentVariable("MKL_NUM_THREADS", "1"))
                .WithId(JobId);

            // BenchmarkDotNet builds its own project for the child processes, with Directory.Build.props/targets
            // turned off, so benchmarks/Directory.Build.targets (and with it the TorchSharp GLIBCXX fix) would not
            // apply there: hand the fix to that build as CustomAfterMicrosoftCommonTargets instead.
            string fix = BenchPaths.TorchSharpFixTargets;
            if (File.Exists(fix))
            {
                job = job.WithArguments(new Argument[] { new MsBuildArgument($"/p:CustomAfterMicrosoftCommonTargets=\"{fix}\"") });
            }

            AddJob(job);
            // BenchmarkDotNet gives the build of its generated project 2 minutes by default; that build compiles the
            // generator, the runtime and every generated layer of the three suites, which on the shared 2-core VM under
            // load takes longer (a run failed with "failed to build the auto-generated boilerplate code", stderr empty).
            WithBuildTimeout(TimeSpan.FromMinutes(15));
            AddColumnProvider(DefaultColumnProviders.Instance);
            AddColumn(StatisticColumn.Median, new GflopsColumn());
            AddDiagnoser(MemoryDiagnoser.Default);
            AddLogger(ConsoleLogger.Default);
            AddExporter(CsvReport.Exporter, MarkdownExporter.GitHub);
            AddFilter(new SimpleFilter(b => ConvBenchmarks.Exists(b.Descriptor.WorkloadMethod.Name,
                b.Parameters.Items.FirstOrDefault(p => p.Name == nameof(ConvBenchmarks.Layer))?.Value as string ?? "")));
            WithOption(ConfigOptions.JoinSummary, false);
            WithOrderer(new BenchmarkDotNet.Order.DefaultOrderer(BenchmarkDotNet.Order.SummaryOrderPolicy.Declared));
        }
    }

    /// <summary>The CSV that <c>report</c> reads: invariant culture, medians in µs, allocations in bytes, no units in cells.</summary>
    public static class CsvReport
    {
        public static readonly CsvExporter Exporter = new CsvExporter(
            CsvSeparator.Comma,
            new SummaryStyle(
                CultureInfo.InvariantCulture,
                printUnitsInHeader: true,
                sizeUnit: SizeUnit.B,
                timeUnit: TimeUnit.Microsecond,
                printUnitsInContent: false,
                printZeroValuesInContent: true,
                maxParameterColumnWidth: 40,
                ratioStyle: RatioStyle.Value,
                textColumnJustification: SummaryTable.SummaryTableColumn.TextJustification.Left,
                numericColumnJustification: SummaryTable.SummaryTableColumn.TextJustification.Right));
    }

    /// <summary>GFLOP/s column (from the median) in BDN's own tables.</summary>
    public sealed class GflopsColumn : IColumn
    {
        public string Id => nameof(GflopsColumn);

        public string ColumnName => "GFLOP/s";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "2·N·Cout·Hout·Wout·(Cin/groups)·kH·kW / median time (Conv1d/3d: prod(out), prod(k); transposed: 2·N·Cin·prod(in)·(Cout/groups)·prod(k); Linear: 2·rows·in·out; other layers of the layers suite: -)";

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            double? medianNs = summary[benchmarkCase]?.ResultStatistics?.Median;
            object? layer = benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == nameof(ConvBenchmarks.Layer))?.Value;
            if (medianNs is null || layer is not string name)
            {
                return "?";
            }

            double flops = OpLayers.IsOp(name) ? OpLayers.Get(name).Flops
                : NetworkLayers.IsNetwork(name) ? NetworkLayers.Get(name).Flops : BenchLayers.Get(name).Flops;
            return flops > 0 ? (flops / medianNs.Value).ToString("F1", CultureInfo.InvariantCulture) : "-";
        }
    }
}
