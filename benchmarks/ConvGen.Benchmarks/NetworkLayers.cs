using System;
using System.Collections.Generic;
using System.Linq;
using ConvGen.Golden;

namespace ConvGen.Benchmarks
{
    /// <summary>
    /// One layer of the <c>networks</c> suite: a whole network (LeNet-5, <see cref="LeNet5"/>) on a batch of 1×28×28
    /// images, float32, one thread. Every library runs the same nn.Sequential from the same state_dict.
    /// </summary>
    public sealed class NetworkSpec
    {
        public NetworkSpec(string name, int batch, string model = "lenet5", int threads = 1)
        {
            Name = name;
            Batch = batch;
            Model = model;
            Threads = threads;
        }

        public string Name { get; }

        public int Batch { get; }

        /// <summary>lenet5 (1×28×28 → 10), resnet18 or mobilenetv2 (3×224×224 → 1000, tests/Shared/Networks).</summary>
        public string Model { get; }

        /// <summary>Threads every library may use (ConvGen's <c>threads</c>, ORT's intra-op threads, libtorch's).</summary>
        public int Threads { get; }

        public bool IsLeNet => Model == "lenet5";

        public long[] InputShape => IsLeNet ? new long[] { Batch, 1, 28, 28 } : new long[] { Batch, 3, 224, 224 };

        public long[] OutputShape => new long[] { Batch, IsLeNet ? 10 : 1000 };

        public int InputLength => Batch * (IsLeNet ? LeNet5.InputLength : 3 * 224 * 224);

        public int OutputLength => Batch * (IsLeNet ? LeNet5.OutputLength : 1000);

        /// <summary>
        /// Multiply-adds × 2 of the convolutions and Linear layers (bias, activations, pooling, sums not counted). LeNet-5 per
        /// image: 2·(6·28·28·25 + 16·10·10·6·25 + 400·120 + 120·84 + 84·10) = 833,040; ResNet-18 and MobileNetV2 as their
        /// definitions count them (BlockNetworks.Record: 3.63 and 0.60 GFLOP).
        /// </summary>
        public double Flops => 2.0 * Batch * (IsLeNet
            ? 6 * 28 * 28 * 25 + 16 * 10 * 10 * 6 * 25 + 400 * 120 + 120 * 84 + 84 * 10
            : BlockNetworks.Record(Model, 224, 224).MultiplyAdds);

        public override string ToString() => IsLeNet
            ? $"{Name}: LeNet-5 (nn.Sequential, 5 parameter layers) on {Batch}×1×28×28 -> {Batch}×10"
            : $"{Name}: {Model} (torchvision) on {Batch}×3×224×224 -> {Batch}×1000, {Threads} thread{(Threads == 1 ? "" : "s")}";
    }

    /// <summary>The <c>networks</c> suite: LeNet-5 end to end (one image and a batch of 8), ResNet-18 and MobileNetV2 at 224² on one and two threads.</summary>
    public static class NetworkLayers
    {
        public const string Suite = "networks";

        public static readonly IReadOnlyList<NetworkSpec> All = new[]
        {
            new NetworkSpec("lenet5_b1", 1),
            new NetworkSpec("lenet5_b8", 8),
            new NetworkSpec("resnet18_b1", 1, "resnet18"),
            new NetworkSpec("resnet18_b1_t2", 1, "resnet18", threads: 2),
            new NetworkSpec("mobilenetv2_b1", 1, "mobilenetv2"),
            new NetworkSpec("mobilenetv2_b1_t2", 1, "mobilenetv2", threads: 2),
        };

        /// <summary><c>--suite networks --quick</c>: one image.</summary>
        public static IReadOnlyList<NetworkSpec> Select(bool quick) => quick ? new[] { All[0] } : All;

        public static bool IsNetwork(string name) => All.Any(l => string.Equals(l.Name, name, StringComparison.OrdinalIgnoreCase));

        public static NetworkSpec Get(string name) =>
            All.FirstOrDefault(l => string.Equals(l.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"unknown network '{name}'; known: {string.Join(", ", All.Select(l => l.Name))}");
    }

    /// <summary>
    /// LeNet-5's state_dict and input, seeded like <see cref="OpData"/>: every weight and bias uniform in
    /// ±1/sqrt(fan_in) (PyTorch's init range), the same for every batch size; the input uniform in [0, 1) (pixels).
    /// </summary>
    public sealed class NetworkData
    {
        /// <summary>The parameters in module order: (state_dict name, shape), as nn.Sequential numbers the modules.</summary>
        public static readonly IReadOnlyList<(string Name, long[] Shape)> Parameters = new (string, long[])[]
        {
            ("0.weight", new long[] { 6, 1, 5, 5 }), ("0.bias", new long[] { 6 }),
            ("3.weight", new long[] { 16, 6, 5, 5 }), ("3.bias", new long[] { 16 }),
            ("7.weight", new long[] { 120, 400 }), ("7.bias", new long[] { 120 }),
            ("9.weight", new long[] { 84, 120 }), ("9.bias", new long[] { 84 }),
            ("11.weight", new long[] { 10, 84 }), ("11.bias", new long[] { 10 }),
        };

        private NetworkData(NetworkSpec spec, float[] input, IReadOnlyDictionary<string, float[]> state)
        {
            Spec = spec;
            Input = input;
            State = state;
        }

        public NetworkSpec Spec { get; }

        /// <summary>(N, 1, 28, 28).</summary>
        public float[] Input { get; }

        /// <summary>The state_dict by name (<see cref="Parameters"/>).</summary>
        public IReadOnlyDictionary<string, float[]> State { get; }

        /// <summary>ResNet-18 / MobileNetV2: their seeded state_dict and input (null for LeNet-5).</summary>
        public BlockNetworkData? Blocks { get; private init; }

        public static NetworkData Create(NetworkSpec spec, ulong seed = 0x5EED)
        {
            if (!spec.IsLeNet)
            {
                var blocks = new BlockNetworkData(spec);
                return new NetworkData(spec, blocks.Input, blocks.State) { Blocks = blocks };
            }

            var state = new Dictionary<string, float[]>();
            ulong s = seed ^ LayerData.Fnv1a("lenet5");
            foreach ((string name, long[] shape) in Parameters)
            {
                long[] weightShape = Parameters.First(p => p.Name == name.Split('.')[0] + ".weight").Shape;
                float bound = 1f / MathF.Sqrt(weightShape.Skip(1).Aggregate(1L, (a, d) => a * d)); // 1/sqrt(fan_in)
                float[] values = LayerData.Uniform((int)shape.Aggregate(1L, (a, d) => a * d), s ^ LayerData.Fnv1a(name));
                state[name] = Array.ConvertAll(values, v => v * bound);
            }

            float[] input = Array.ConvertAll(LayerData.Uniform(spec.InputLength, seed ^ LayerData.Fnv1a(spec.Name)), v => 0.5f * (v + 1));
            return new NetworkData(spec, input, state);
        }

        /// <summary>The state_dict as a safetensors file (what <c>safetensors.torch.save_file</c> writes), for ConvGen's constructor.</summary>
        public byte[] SafeTensorsFile() =>
            SafeTensorsWriter.Write(Parameters.Select(p => SafeTensorsWriter.F32(p.Name, p.Shape, State[p.Name])));
    }

    /// <summary>LeNet-5 as ConvGen declares it: the layer attributes as nn.Sequential lists the modules (samples/Digits).</summary>
    [Sequential(InChannels = 1, InputHeight = 28, InputWidth = 28)]
    [Conv2d(1, 6, 5, Padding = 2, Activation = Activation.ReLU)] [MaxPool2d(2)]
    [Conv2d(6, 16, 5)] [ReLU] [MaxPool2d(2)]
    [Flatten] [Linear(400, 120)] [ReLU] [Linear(120, 84)] [ReLU] [Linear(84, 10)]
    public partial class LeNet5;
}
