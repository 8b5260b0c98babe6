using System;
using System.Collections.Generic;
using System.Linq;
using ConvGen.Golden;
using ConvGen.Networks;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace ConvGen.Benchmarks
{
    /// <summary>
    /// What the peers build a network of blocks from: each operation of torchvision's forward methods, with the
    /// parameters' state_dict names. One definition per network (<see cref="BlockNetworks"/>) drives every backend: the
    /// state_dict recorder, TorchSharp (libtorch's functional ops on the seeded tensors) and the ONNX graph.
    /// </summary>
    public interface INetworkBuilder<T>
    {
        T Conv(string name, T x, int cin, int cout, int kernel, int stride = 1, int padding = 0, int groups = 1);

        T BatchNorm(string name, T x, int channels);

        T Relu(T x);

        T Relu6(T x);

        T Add(T a, T b);

        T MaxPool(T x, int kernel, int stride, int padding);

        /// <summary>AdaptiveAvgPool2d(1) then Flatten.</summary>
        T GlobalAverage(T x);

        T Linear(string name, T x, int inFeatures, int outFeatures);
    }

    /// <summary>ResNet-18 and MobileNetV2 as torchvision's forward methods run them, over any <see cref="INetworkBuilder{T}"/>.</summary>
    public static class BlockNetworks
    {
        public static T Run<T>(string model, INetworkBuilder<T> b, T x) => model switch
        {
            "resnet18" => ResNet18(b, x),
            "mobilenetv2" => MobileNetV2(b, x),
            _ => throw new ArgumentException($"unknown network '{model}'"),
        };

        /// <summary>torchvision.models.resnet18: BasicBlock = relu(bn2(conv2(relu(bn1(conv1(x))))) + (downsample(x) or x)).</summary>
        public static T ResNet18<T>(INetworkBuilder<T> b, T x)
        {
            x = b.MaxPool(b.Relu(b.BatchNorm("bn1", b.Conv("conv1", x, 3, 64, 7, 2, 3), 64)), 3, 2, 1);
            int cin = 64;
            foreach (var (layer, cout, stride) in new[] { ("layer1", 64, 1), ("layer2", 128, 2), ("layer3", 256, 2), ("layer4", 512, 2) })
            {
                for (int i = 0; i < 2; i++)
                {
                    string p = $"{layer}.{i}.";
                    int s = i == 0 ? stride : 1, c = i == 0 ? cin : cout;
                    T body = b.Relu(b.BatchNorm(p + "bn1", b.Conv(p + "conv1", x, c, cout, 3, s, 1), cout));
                    body = b.BatchNorm(p + "bn2", b.Conv(p + "conv2", body, cout, cout, 3, 1, 1), cout);
                    T shortcut = s != 1 || c != cout ? b.BatchNorm(p + "downsample.1", b.Conv(p + "downsample.0", x, c, cout, 1, s), cout) : x;
                    x = b.Relu(b.Add(body, shortcut));
                }

                cin = cout;
            }

            return b.Linear("fc", b.GlobalAverage(x), 512, 1000);
        }

        /// <summary>torchvision.models.mobilenet_v2: InvertedResidual = x + conv(x) when stride 1 and in == out, else conv(x).</summary>
        public static T MobileNetV2<T>(INetworkBuilder<T> b, T x)
        {
            x = b.Relu6(b.BatchNorm("features.0.1", b.Conv("features.0.0", x, 3, 32, 3, 2, 1), 32));
            int cin = 32, index = 1;
            foreach (var (t, c, repeats, stride) in new[] { (1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2), (6, 96, 3, 1), (6, 160, 3, 2), (6, 320, 1, 1) })
            {
                for (int r = 0; r < repeats; r++, index++)
                {
                    string p = $"features.{index}.conv.";
                    int s = r == 0 ? stride : 1, hidden = cin * t, j = 0;
                    T y = x;
                    if (t != 1) y = b.Relu6(b.BatchNorm($"{p}{j}.1", b.Conv($"{p}{j++}.0", y, cin, hidden, 1), hidden));
                    y = b.Relu6(b.BatchNorm($"{p}{j}.1", b.Conv($"{p}{j++}.0", y, hidden, hidden, 3, s, 1, hidden), hidden));
                    y = b.BatchNorm($"{p}{j + 1}", b.Conv($"{p}{j}", y, hidden, c, 1), c);
                    x = s == 1 && cin == c ? b.Add(x, y) : y;
                    cin = c;
                }
            }

            x = b.Relu6(b.BatchNorm("features.18.1", b.Conv("features.18.0", x, 320, 1280, 1), 1280));
            return b.Linear("classifier.1", b.GlobalAverage(x), 1280, 1000); // classifier.0: Dropout, identity in eval
        }

        /// <summary>The state_dict (names and shapes in order) and the multiply-adds of the convolutions and Linear layers.</summary>
        public static (List<(string Name, long[] Shape)> Parameters, long MultiplyAdds) Record(string model, int height, int width)
        {
            var recorder = new Recorder();
            Run(model, recorder, (3, height, width));
            return (recorder.Parameters, recorder.MultiplyAdds);
        }

        /// <summary>Records the parameters; the values are (channels, height, width) shapes.</summary>
        private sealed class Recorder : INetworkBuilder<(int C, int H, int W)>
        {
            public List<(string Name, long[] Shape)> Parameters { get; } = new();

            public long MultiplyAdds { get; private set; }

            public (int C, int H, int W) Conv(string name, (int C, int H, int W) x, int cin, int cout, int kernel, int stride, int padding, int groups)
            {
                Parameters.Add((name + ".weight", new long[] { cout, cin / groups, kernel, kernel }));
                int h = (x.H + 2 * padding - kernel) / stride + 1, w = (x.W + 2 * padding - kernel) / stride + 1;
                MultiplyAdds += (long)cout * h * w * (cin / groups) * kernel * kernel;
                return (cout, h, w);
            }

            public (int C, int H, int W) BatchNorm(string name, (int C, int H, int W) x, int channels)
            {
                foreach (string s in new[] { "weight", "bias", "running_mean", "running_var" }) Parameters.Add(($"{name}.{s}", new long[] { channels }));
                return x;
            }

            public (int C, int H, int W) Relu((int C, int H, int W) x) => x;

            public (int C, int H, int W) Relu6((int C, int H, int W) x) => x;

            public (int C, int H, int W) Add((int C, int H, int W) a, (int C, int H, int W) b) => a;

            public (int C, int H, int W) MaxPool((int C, int H, int W) x, int kernel, int stride, int padding) =>
                (x.C, (x.H + 2 * padding - kernel) / stride + 1, (x.W + 2 * padding - kernel) / stride + 1);

            public (int C, int H, int W) GlobalAverage((int C, int H, int W) x) => (x.C, 1, 1);

            public (int C, int H, int W) Linear(string name, (int C, int H, int W) x, int inFeatures, int outFeatures)
            {
                Parameters.Add((name + ".weight", new long[] { outFeatures, inFeatures }));
                Parameters.Add((name + ".bias", new long[] { outFeatures }));
                MultiplyAdds += (long)inFeatures * outFeatures;
                return (outFeatures, 1, 1);
            }
        }
    }

    /// <summary>A network of blocks' seeded state_dict (tests/Shared/SeededStateDict.cs, as the conformance tests use) and input.</summary>
    public sealed class BlockNetworkData
    {
        public BlockNetworkData(NetworkSpec spec)
        {
            Spec = spec;
            var (parameters, macs) = BlockNetworks.Record(spec.Model, 224, 224);
            Parameters = parameters;
            MultiplyAdds = macs;
            State = parameters.Select((p, position) => (p.Name, Values: SeededStateDict.Values(p.Name, p.Shape, position)))
                .ToDictionary(p => p.Name, p => p.Values);
            Input = SplitMix64.Uniform(spec.InputLength, 20261203);
        }

        public NetworkSpec Spec { get; }

        public List<(string Name, long[] Shape)> Parameters { get; }

        /// <summary>Per image.</summary>
        public long MultiplyAdds { get; }

        public IReadOnlyDictionary<string, float[]> State { get; }

        public float[] Input { get; }

        public byte[] SafeTensorsFile() => SafeTensorsWriter.Write(Parameters.Select(p => SafeTensorsWriter.F32(p.Name, p.Shape, State[p.Name])));
    }

    /// <summary>ConvGen's generated ResNet18 / MobileNetV2 (tests/Shared/Networks), loaded from the state_dict, on arrays allocated once.</summary>
    public sealed class ConvGenBlockNetworkPeer : IBenchPeer
    {
        private readonly Action<float[], float[], int, int> _forward;
        private readonly float[] _input;
        private readonly float[] _output;
        private readonly int _batch, _threads;

        public ConvGenBlockNetworkPeer(BlockNetworkData data)
        {
            using (var weights = SafeTensors.Parse(data.SafeTensorsFile()))
            {
                if (data.Spec.Model == "resnet18")
                {
                    var network = new ResNet18(weights);
                    _forward = (x, y, n, t) => network.Forward(x, y, n, t);
                }
                else
                {
                    var network = new MobileNetV2(weights);
                    _forward = (x, y, n, t) => network.Forward(x, y, n, t);
                }
            }

            Description = data.Spec.ToString();
            _batch = data.Spec.Batch;
            _threads = data.Spec.Threads;
            _input = (float[])data.Input.Clone();
            _output = new float[data.Spec.OutputLength];
        }

        public string Library => "ConvGen";

        public string Description { get; }

        public void Run() => _forward(_input, _output, _batch, _threads);

        public float[] GetOutput() => (float[])_output.Clone();

        public void Dispose()
        {
        }
    }

    /// <summary>
    /// PyTorch through TorchSharp-cpu: the same forward as libtorch's functional ops (conv2d, batch_norm in eval, relu,
    /// max_pool2d, adaptive_avg_pool2d, linear) on the seeded tensors, inside <c>no_grad</c> and a dispose scope (the
    /// intermediates are freed per call); libtorch's threads set to the row's count.
    /// </summary>
    public sealed class TorchSharpBlockNetworkPeer : IBenchPeer, INetworkBuilder<Tensor>
    {
        private readonly Dictionary<string, Tensor> _state = new();
        private readonly string _model;
        private readonly int _threads;
        private readonly Tensor _input;
        private Tensor? _output;

        public TorchSharpBlockNetworkPeer(BlockNetworkData data)
        {
            TorchRuntime.EnsureInitialized();
            foreach (var (name, shape) in data.Parameters) _state[name] = torch.tensor(data.State[name], shape);
            _model = data.Spec.Model;
            _threads = data.Spec.Threads;
            _input = torch.tensor(data.Input, data.Spec.InputShape);
            Description = data.Spec.ToString();
        }

        public string Library => "TorchSharp";

        public string Description { get; }

        public void Run()
        {
            torch.set_num_threads(_threads);
            try
            {
                using var scope = torch.NewDisposeScope();
                using (torch.no_grad())
                {
                    var result = BlockNetworks.Run(_model, this, _input);
                    _output?.Dispose();
                    _output = result.MoveToOuterDisposeScope();
                }
            }
            finally
            {
                torch.set_num_threads(1);
            }
        }

        public float[] GetOutput()
        {
            if (_output is null) Run();
            return _output!.contiguous().data<float>().ToArray();
        }

        public void Dispose()
        {
            _output?.Dispose();
            _input.Dispose();
            foreach (var t in _state.Values) t.Dispose();
        }

        public Tensor Conv(string name, Tensor x, int cin, int cout, int kernel, int stride, int padding, int groups) =>
            F.conv2d(x, _state[name + ".weight"], null, new long[] { stride, stride }, new long[] { padding, padding }, new long[] { 1, 1 }, groups);

        public Tensor BatchNorm(string name, Tensor x, int channels) =>
            F.batch_norm(x, _state[name + ".running_mean"], _state[name + ".running_var"], _state[name + ".weight"], _state[name + ".bias"], false, 0.1, 1e-5);

        public Tensor Relu(Tensor x) => F.relu(x);

        public Tensor Relu6(Tensor x) => F.relu6(x);

        public Tensor Add(Tensor a, Tensor b) => a + b;

        public Tensor MaxPool(Tensor x, int kernel, int stride, int padding) =>
            F.max_pool2d(x, new long[] { kernel, kernel }, new long[] { stride, stride }, new long[] { padding, padding });

        public Tensor GlobalAverage(Tensor x) => F.adaptive_avg_pool2d(x, new long[] { 1, 1 }).flatten(1);

        public Tensor Linear(string name, Tensor x, int inFeatures, int outFeatures) => F.linear(x, _state[name + ".weight"], _state[name + ".bias"]);
    }

    /// <summary>
    /// The same network as one ONNX graph, as PyTorch's exporter writes it before folding (opset 20): Conv without bias,
    /// BatchNormalization, Relu / Clip(0, 6), Add, MaxPool, GlobalAveragePool, Flatten, Gemm(transB = 1); ORT fuses
    /// Conv + BatchNormalization + activation itself (ORT_ENABLE_ALL).
    /// </summary>
    public sealed class OnnxBlockNetworkModel : INetworkBuilder<string>
    {
        private readonly ProtoWriter _graph = new();
        private int _step;

        public static byte[] Build(BlockNetworkData data)
        {
            var model = new OnnxBlockNetworkModel();
            string last = BlockNetworks.Run(data.Spec.Model, model, OnnxOpModel.InputName);
            model._graph.Message(1, OnnxProto.Node("Identity", "output", new[] { last }, new[] { OnnxOpModel.OutputName }));
            foreach (var (name, shape) in data.Parameters) model._graph.Message(5, OnnxProto.FloatTensor(name, shape, data.State[name]));
            model._graph.Message(5, OnnxProto.FloatTensor("relu6.min", Array.Empty<long>(), new[] { 0f }));
            model._graph.Message(5, OnnxProto.FloatTensor("relu6.max", Array.Empty<long>(), new[] { 6f }));
            model._graph.String(2, data.Spec.Name);
            model._graph.Message(11, OnnxProto.ValueInfo(OnnxOpModel.InputName, data.Spec.InputShape));
            model._graph.Message(12, OnnxProto.ValueInfo(OnnxOpModel.OutputName, data.Spec.OutputShape));
            return OnnxProto.Model(model._graph, OnnxOpModel.IrVersion, OnnxOpModel.OpsetVersion);
        }

        private string Node(string op, string[] inputs, params ProtoWriter[] attributes)
        {
            string output = $"t{_step}";
            _graph.Message(1, OnnxProto.Node(op, $"{op.ToLowerInvariant()}{_step++}", inputs, new[] { output }, attributes));
            return output;
        }

        public string Conv(string name, string x, int cin, int cout, int kernel, int stride, int padding, int groups) =>
            Node("Conv", new[] { x, name + ".weight" }, OnnxProto.IntsAttribute("kernel_shape", kernel, kernel),
                OnnxProto.IntsAttribute("strides", stride, stride), OnnxProto.IntsAttribute("pads", padding, padding, padding, padding),
                OnnxProto.IntAttribute("group", groups));

        public string BatchNorm(string name, string x, int channels) =>
            Node("BatchNormalization", new[] { x, name + ".weight", name + ".bias", name + ".running_mean", name + ".running_var" },
                OnnxProto.FloatAttribute("epsilon", 1e-5f));

        public string Relu(string x) => Node("Relu", new[] { x });

        public string Relu6(string x) => Node("Clip", new[] { x, "relu6.min", "relu6.max" });

        public string Add(string a, string b) => Node("Add", new[] { a, b });

        public string MaxPool(string x, int kernel, int stride, int padding) =>
            Node("MaxPool", new[] { x }, OnnxProto.IntsAttribute("kernel_shape", kernel, kernel), OnnxProto.IntsAttribute("strides", stride, stride),
                OnnxProto.IntsAttribute("pads", padding, padding, padding, padding));

        public string GlobalAverage(string x) => Node("Flatten", new[] { Node("GlobalAveragePool", new[] { x }) }, OnnxProto.IntAttribute("axis", 1));

        public string Linear(string name, string x, int inFeatures, int outFeatures) =>
            Node("Gemm", new[] { x, name + ".weight", name + ".bias" }, OnnxProto.IntAttribute("transB", 1));
    }
}
