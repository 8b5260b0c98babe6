using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace ConvGen.Benchmarks
{
    /// <summary>The peers of the <c>networks</c> suite: ConvGen, TorchSharp and ONNX Runtime on the same <see cref="NetworkData"/>.</summary>
    public static class NetworkPeers
    {
        public static readonly IReadOnlyList<string> Libraries = new[] { "ConvGen", "TorchSharp", "OnnxRuntime" };

        public static IBenchPeer Create(string library, NetworkData data)
        {
            NativeAllocator.Configure();
            if (data.Blocks is { } blocks)
            {
                return library switch
                {
                    "ConvGen" => new ConvGenBlockNetworkPeer(blocks),
                    "TorchSharp" => new TorchSharpBlockNetworkPeer(blocks),
                    "OnnxRuntime" => new OnnxRuntimeNetworkPeer(data),
                    _ => throw new ArgumentException($"unknown library '{library}' for the {NetworkLayers.Suite} suite ({string.Join(", ", Libraries)})"),
                };
            }

            return library switch
            {
                "ConvGen" => new ConvGenNetworkPeer(data),
                "TorchSharp" => new TorchSharpNetworkPeer(data),
                "OnnxRuntime" => new OnnxRuntimeNetworkPeer(data),
                _ => throw new ArgumentException($"unknown library '{library}' for the {NetworkLayers.Suite} suite ({string.Join(", ", Libraries)})"),
            };
        }

        /// <summary>
        /// A network's output against ONNX Runtime's (ORT's own against TorchSharp's): max |a − b| / max |logit|; throws
        /// above <see cref="ConsistencyCheck.Tolerance"/>, so no timing of a wrong answer is reported.
        /// </summary>
        public static double Verify(IBenchPeer peer, NetworkData data)
        {
            using IBenchPeer other = Create(peer.Library == "OnnxRuntime" ? "TorchSharp" : "OnnxRuntime", data);
            other.Run();
            float[] reference = other.GetOutput();
            double error = ConsistencyCheck.RelDiff(peer.GetOutput(), reference, ConsistencyCheck.MaxAbs(reference));
            if (!(error <= ConsistencyCheck.Tolerance))
                throw new InvalidOperationException($"{peer.Library} {data.Spec.Name}: output differs from {other.Library}'s by {error:G3} (tolerance {ConsistencyCheck.Tolerance:G}).");
            return error;
        }

        /// <summary>`check --suite networks`: the three libraries' logits compared pairwise, relative to the largest ORT logit.</summary>
        public static int Check(IReadOnlyList<NetworkSpec> networks)
        {
            Console.WriteLine($"Consistency check ({NetworkLayers.Suite} suite), tolerance {ConsistencyCheck.Tolerance:G} (max |a-b| / max |ORT logit|), one thread");
            Console.WriteLine("| network | max abs(ORT) | ConvGen vs ORT | torch vs ORT | ConvGen vs torch | verdict |");
            Console.WriteLine("|---|---:|---:|---:|---:|---|");
            int failures = 0;
            foreach (NetworkSpec spec in networks)
            {
                NetworkData data = NetworkData.Create(spec);
                float[][] outputs = Libraries.Select(l =>
                {
                    using IBenchPeer peer = Create(l, data);
                    peer.Run();
                    return peer.GetOutput();
                }).ToArray();
                double scale = ConsistencyCheck.MaxAbs(outputs[2]);
                double[] errors =
                {
                    ConsistencyCheck.RelDiff(outputs[0], outputs[2], scale),
                    ConsistencyCheck.RelDiff(outputs[1], outputs[2], scale),
                    ConsistencyCheck.RelDiff(outputs[0], outputs[1], scale),
                };
                bool ok = errors.All(e => e <= ConsistencyCheck.Tolerance);
                failures += ok ? 0 : 1;
                Console.WriteLine($"| {spec.Name} | {scale.ToString("F3", CultureInfo.InvariantCulture)} | " +
                                  $"{string.Join(" | ", errors.Select(e => e.ToString("0.0E+0", CultureInfo.InvariantCulture)))} | {(ok ? "ok" : "FAIL")} |");
            }

            Console.WriteLine();
            Console.WriteLine($"{networks.Count - failures} passed, {failures} failed");
            return failures == 0 ? 0 : 1;
        }

        /// <summary>`time --suite networks`: each network and library timed with <see cref="PeerTimer"/> after <see cref="Verify"/>, then the summary table.</summary>
        public static int QuickTime(IReadOnlyList<NetworkSpec> networks, IReadOnlyCollection<string>? libraries)
        {
            Console.WriteLine("| network | library | median µs | GFLOP/s | images/s | allocated | vs reference |");
            Console.WriteLine("|---|---|---:|---:|---:|---|---:|");
            var rows = new List<Report.Row>();
            foreach (NetworkSpec spec in networks)
            {
                NetworkData data = NetworkData.Create(spec);
                foreach (string lib in Libraries.Where(l => libraries is null || libraries.Contains(l)))
                {
                    using IBenchPeer peer = Create(lib, data);
                    peer.Run();
                    double error = Verify(peer, data);
                    PeerTimer.Result r = PeerTimer.Measure(peer);
                    rows.Add(new Report.Row(spec.Name, lib, r.MedianUs, r.AllocatedBytes));
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"| {spec.Name} | {lib} | {r.MedianUs:F1} | {spec.Flops / (r.MedianUs * 1e3):F2} | {spec.Batch * 1e6 / r.MedianUs:F0} | {r.AllocatedBytes} B in {r.Calls} calls | {error:0.0E+0} |"));
                }
            }

            Console.WriteLine();
            Console.Write(Markdown(rows, $"Summary (Stopwatch medians, not BenchmarkDotNet; CPU: {Report.CpuModel()}, load average {LoadAverage()}):"));
            return 0;
        }

        /// <summary>The suite's table: per network the libraries' medians and peer / ConvGen ratios (results.md and `time`).</summary>
        public static string Markdown(IReadOnlyList<Report.Row> rows, string title)
        {
            var inv = CultureInfo.InvariantCulture;
            List<string> libs = Libraries.Where(l => rows.Any(r => r.Library == l)).ToList();
            List<string> peers = libs.Where(l => l != "ConvGen" && libs.Contains("ConvGen")).ToList();
            var sb = new StringBuilder();
            sb.AppendLine(title);
            sb.AppendLine();
            sb.AppendLine("- LeNet-5 end to end (Conv2d+ReLU, MaxPool2d, Conv2d, ReLU, MaxPool2d, Flatten, Linear+ReLU ×2, Linear), float32, one thread; " +
                          "ConvGen: the `[Sequential]` class `LeNet5` (NetworkLayers.cs), TorchSharp: `nn.Sequential`, ONNX Runtime: one graph (NetworkPeers.cs); ratio = peer / ConvGen (> 1: ConvGen is faster)");
            sb.AppendLine("- ResNet-18 and MobileNetV2 (torchvision) on one 3×224×224 image, seeded weights; `_t2`: two threads for every library. ConvGen: " +
                          "tests/Shared/Networks (blocks), TorchSharp: libtorch's functional ops, ONNX Runtime: the exporter's graph with BatchNormalization nodes, fused by ORT (BlockNetworks.cs)");
            sb.AppendLine();
            sb.AppendLine("| network | " + string.Join(" | ", libs.Select(l => $"{l} µs").Concat(peers.Select(p => $"{p}/ConvGen"))) + " |");
            sb.AppendLine("|---|" + string.Concat(Enumerable.Repeat("---:|", libs.Count + peers.Count)));
            foreach (NetworkSpec spec in NetworkLayers.All.Where(n => rows.Any(r => r.Layer == n.Name)))
            {
                double? Us(string lib) => rows.FirstOrDefault(r => r.Layer == spec.Name && r.Library == lib)?.MedianUs;
                IEnumerable<string> times = libs.Select(l => Us(l) is double t ? t.ToString("F1", inv) : "—");
                IEnumerable<string> ratios = peers.Select(p => Us(p) is double t && Us("ConvGen") is double c ? (t / c).ToString("F2", inv) : "—");
                sb.AppendLine($"| {spec.Name} | {string.Join(" | ", times.Concat(ratios))} |");
            }

            foreach (NetworkSpec two in NetworkLayers.All.Where(n => n.Threads == 2))
            {
                NetworkSpec? one = NetworkLayers.All.FirstOrDefault(n => n.Model == two.Model && n.Batch == two.Batch && n.Threads == 1);
                var speedups = libs.Select(l => (l, One: rows.FirstOrDefault(r => r.Layer == one?.Name && r.Library == l)?.MedianUs,
                        Two: rows.FirstOrDefault(r => r.Layer == two.Name && r.Library == l)?.MedianUs))
                    .Where(x => x.One is not null && x.Two is not null)
                    .Select(x => $"{x.l} {(x.One!.Value / x.Two!.Value).ToString("F2", inv)}×").ToList();
                if (speedups.Count > 0) sb.AppendLine($"\n{two.Name}: two threads vs one: {string.Join(", ", speedups)}");
            }

            return sb.ToString();
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
    }

    /// <summary>ConvGen's generated <see cref="LeNet5"/>, loaded from the state_dict as safetensors, on arrays allocated once.</summary>
    public sealed class ConvGenNetworkPeer : IBenchPeer
    {
        private readonly LeNet5 _network;
        private readonly float[] _input;
        private readonly float[] _output;
        private readonly int _batch;

        public ConvGenNetworkPeer(NetworkData data)
        {
            using (var weights = SafeTensors.Parse(data.SafeTensorsFile()))
            {
                _network = new LeNet5(weights);
            }

            Description = data.Spec.ToString();
            _batch = data.Spec.Batch;
            _input = (float[])data.Input.Clone();
            _output = new float[data.Spec.OutputLength];
        }

        public string Library => "ConvGen";

        public string Description { get; }

        public void Run() => _network.Forward(_input, _output, _batch);

        public float[] GetOutput() => (float[])_output.Clone();

        public void Dispose()
        {
        }
    }

    /// <summary>
    /// PyTorch through TorchSharp-cpu: LeNet-5 as <c>nn.Sequential</c> (the modules named "0".."11", so the state_dict
    /// names are PyTorch's), the parameters copied in, <c>eval()</c>, called inside <c>torch.no_grad()</c> on one thread;
    /// the previous call's output is disposed in the call, as for the single layers.
    /// </summary>
    public sealed class TorchSharpNetworkPeer : TorchModulePeer
    {
        public TorchSharpNetworkPeer(NetworkData data)
            : base(Module(data), Input(data.Input, data.Spec.InputShape))
        {
            Description = data.Spec.ToString();
        }

        public override string Description { get; }

        private static TorchSharp.Modules.Sequential Module(NetworkData data)
        {
            TorchRuntime.EnsureInitialized();
            var module = nn.Sequential(
                ("0", nn.Conv2d(1, 6, 5, padding: 2)), ("1", nn.ReLU()), ("2", nn.MaxPool2d(2)),
                ("3", nn.Conv2d(6, 16, 5)), ("4", nn.ReLU()), ("5", nn.MaxPool2d(2)),
                ("6", nn.Flatten()),
                ("7", nn.Linear(400, 120)), ("8", nn.ReLU()),
                ("9", nn.Linear(120, 84)), ("10", nn.ReLU()),
                ("11", nn.Linear(84, 10)));
            using (torch.no_grad())
            {
                foreach ((string name, TorchSharp.Modules.Parameter parameter) in module.named_parameters())
                {
                    Copy(parameter, data.State[name]);
                }
            }

            return module;
        }
    }

    /// <summary>ONNX Runtime on LeNet-5 as one graph (<see cref="OnnxNetworkModel"/>), run as every ORT peer is (<see cref="OrtRunner"/>).</summary>
    public sealed class OnnxRuntimeNetworkPeer : IBenchPeer
    {
        private readonly OrtRunner _runner;

        public OnnxRuntimeNetworkPeer(NetworkData data)
        {
            Description = data.Spec.ToString();
            NetworkSpec p = data.Spec;
            byte[] model = data.Blocks is { } blocks ? OnnxBlockNetworkModel.Build(blocks) : OnnxNetworkModel.Build(data);
            _runner = new OrtRunner(model, OnnxOpModel.InputName, data.Input, p.InputShape, OnnxOpModel.OutputName, p.OutputShape, p.OutputLength, p.Threads);
        }

        public string Library => "OnnxRuntime";

        public string Description { get; }

        public void Run() => _runner.Run();

        public float[] GetOutput() => _runner.GetOutput();

        public void Dispose() => _runner.Dispose();
    }

    /// <summary>
    /// LeNet-5 as one ONNX graph, as PyTorch's exporter writes nn.Sequential (opset 20): Conv(pads 2), Relu, MaxPool(2),
    /// Conv, Relu, MaxPool(2), Flatten(axis 1), Gemm(transB = 1), Relu, Gemm, Relu, Gemm; the state_dict as initializers
    /// under its own names.
    /// </summary>
    public static class OnnxNetworkModel
    {
        public static byte[] Build(NetworkData data)
        {
            var graph = new ProtoWriter();
            string previous = OnnxOpModel.InputName;
            int step = 0;

            void Add(string op, string[] parameters, params ProtoWriter[] attributes)
            {
                string output = op == "Gemm" && parameters[0] == "11.weight" ? OnnxOpModel.OutputName : $"t{step}";
                graph.Message(1, OnnxProto.Node(op, $"{op.ToLowerInvariant()}{step++}", new[] { previous }.Concat(parameters).ToArray(), new[] { output }, attributes));
                previous = output;
            }

            ProtoWriter[] Pool() => new[] { OnnxProto.IntsAttribute("kernel_shape", 2, 2), OnnxProto.IntsAttribute("strides", 2, 2) };
            Add("Conv", new[] { "0.weight", "0.bias" }, OnnxProto.IntsAttribute("kernel_shape", 5, 5), OnnxProto.IntsAttribute("pads", 2, 2, 2, 2));
            Add("Relu", Array.Empty<string>());
            Add("MaxPool", Array.Empty<string>(), Pool());
            Add("Conv", new[] { "3.weight", "3.bias" }, OnnxProto.IntsAttribute("kernel_shape", 5, 5));
            Add("Relu", Array.Empty<string>());
            Add("MaxPool", Array.Empty<string>(), Pool());
            Add("Flatten", Array.Empty<string>(), OnnxProto.IntAttribute("axis", 1));
            foreach (string linear in new[] { "7", "9", "11" })
            {
                Add("Gemm", new[] { $"{linear}.weight", $"{linear}.bias" }, OnnxProto.IntAttribute("transB", 1));
                if (linear != "11") Add("Relu", Array.Empty<string>());
            }

            foreach ((string name, long[] shape) in NetworkData.Parameters)
            {
                graph.Message(5, OnnxProto.FloatTensor(name, shape, data.State[name]));
            }

            graph.String(2, data.Spec.Name);
            graph.Message(11, OnnxProto.ValueInfo(OnnxOpModel.InputName, data.Spec.InputShape));
            graph.Message(12, OnnxProto.ValueInfo(OnnxOpModel.OutputName, data.Spec.OutputShape));
            return OnnxProto.Model(graph, OnnxOpModel.IrVersion, OnnxOpModel.OpsetVersion);
        }
    }
}
