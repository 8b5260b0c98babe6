using System;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace ConvGen.Benchmarks
{
    /// <summary>The peers of the <c>layers</c> suite: ConvGen, TorchSharp and ONNX Runtime on the same <see cref="OpData"/>.</summary>
    public static class OpPeers
    {
        public static IBenchPeer Create(string library, OpData data)
        {
            NativeAllocator.Configure();
            return library switch
            {
                "TorchSharp" => new TorchSharpOpPeer(data),
                "OnnxRuntime" => new OnnxRuntimeOpPeer(data),
                "ConvGen" => ConvGenOpPeer.TryCreate(data)
                             ?? throw new NotSupportedException($"no ConvGen layer for {data.Spec.Name} yet ({data.Spec.Attribute}: see ConvGenOpLayers.cs)"),
                _ => throw new ArgumentException($"unknown library '{library}' for the {OpLayers.Suite} suite (ConvGen, TorchSharp, OnnxRuntime)"),
            };
        }

        /// <summary>The libraries that can run <paramref name="spec"/> in this build (ConvGen once its attribute is enabled).</summary>
        public static string[] Libraries(OpLayerSpec spec) =>
            (ConvGenOpLayers.IsEnabled(spec.Kind) ? new[] { "ConvGen" } : Array.Empty<string>())
            .Concat(new[] { "TorchSharp", "OnnxRuntime" }).ToArray();
    }

    /// <summary>
    /// PyTorch through TorchSharp-cpu: the <c>torch.nn</c> module itself (<c>nn.MaxPool2d(3, 2, 1)</c>,
    /// <c>nn.AdaptiveAvgPool2d(1)</c>, <c>nn.Linear</c> with the weight and bias copied in, <c>nn.ReLU()</c>, ...,
    /// <c>nn.BatchNorm2d</c> with its running statistics copied in and <c>eval()</c>), called inside <c>torch.no_grad()</c>
    /// on one thread. PyTorch allocates its output per call: the previous call's output is disposed in the call, as for
    /// the convolutions.
    /// </summary>
    public sealed class TorchSharpOpPeer : TorchModulePeer
    {
        public TorchSharpOpPeer(OpData data)
            : base(Module(data), Input(data.Input, data.Spec.InputShape.ToArray()))
        {
            Spec = data.Spec;
        }

        public OpLayerSpec Spec { get; }

        public override string Description => Spec.ToString();

        private static nn.Module<Tensor, Tensor> Module(OpData data)
        {
            TorchRuntime.EnsureInitialized();
            OpLayerSpec p = data.Spec;
            nn.Module<Tensor, Tensor> module = p.Kind switch
            {
                OpKind.MaxPool2d => nn.MaxPool2d(p.Kernel, p.Stride, p.Padding),
                OpKind.AvgPool2d => nn.AvgPool2d(p.Kernel, p.Stride, p.Padding),
                OpKind.AdaptiveAvgPool2d => nn.AdaptiveAvgPool2d(1),
                OpKind.Linear => nn.Linear(p.Channels, p.OutFeatures),
                OpKind.ReLU => nn.ReLU(),
                OpKind.SiLU => nn.SiLU(),
                OpKind.GELU => nn.GELU(),
                OpKind.Hardswish => nn.Hardswish(),
                OpKind.Sigmoid => nn.Sigmoid(),
                OpKind.BatchNorm2d => nn.BatchNorm2d(p.Channels, eps: OpData.BatchNormEps),
                _ => throw new NotSupportedException(p.Kind.ToString()),
            };
            using (torch.no_grad())
            {
                if (module is TorchSharp.Modules.Linear linear)
                {
                    Copy(linear.weight!, data.Weight);
                    Copy(linear.bias!, data.Bias);
                }
                else if (module is TorchSharp.Modules.BatchNorm2d bn)
                {
                    Copy(bn.weight!, data.Weight);
                    Copy(bn.bias!, data.Bias);
                    Copy(bn.running_mean!, data.RunningMean);
                    Copy(bn.running_var!, data.RunningVar);
                }
            }

            return module;
        }
    }

    /// <summary>
    /// A <c>torch.nn</c> module in <c>eval()</c> mode on one input, called inside <c>torch.no_grad()</c> on one thread. PyTorch
    /// allocates its output per call: the previous call's output is disposed in the call, as for the convolutions.
    /// </summary>
    public abstract class TorchModulePeer : IBenchPeer
    {
        private readonly nn.Module<Tensor, Tensor> _module;
        private readonly Tensor _input;
        private Tensor? _output;

        protected TorchModulePeer(nn.Module<Tensor, Tensor> module, Tensor input)
        {
            _module = module;
            _input = input;
            _module.eval();
        }

        public string Library => "TorchSharp";

        public abstract string Description { get; }

        /// <summary>The input tensor (after loading libtorch), for a derived peer's base call.</summary>
        protected static Tensor Input(float[] values, long[] shape)
        {
            TorchRuntime.EnsureInitialized();
            return torch.tensor(values, shape, ScalarType.Float32);
        }

        public void Run()
        {
            using (torch.no_grad())
            {
                Tensor result = _module.forward(_input);
                _output?.Dispose(); // free the previous call's native buffer (PyTorch allocates its output per call)
                _output = result;
            }
        }

        public float[] GetOutput()
        {
            if (_output is null)
            {
                Run();
            }

            using Tensor contiguous = _output!.contiguous();
            return contiguous.data<float>().ToArray();
        }

        public void Dispose()
        {
            _output?.Dispose();
            _input.Dispose();
            _module.Dispose();
        }

        /// <summary>Overwrites a module's parameter or buffer with <paramref name="values"/> (same shape).</summary>
        internal static void Copy(Tensor target, float[] values)
        {
            using Tensor source = torch.tensor(values, target.shape, ScalarType.Float32);
            target.copy_(source);
        }
    }

    /// <summary>ONNX Runtime on the layer's model (<see cref="OnnxOpModel"/>), run as every ORT peer is (<see cref="OrtRunner"/>).</summary>
    public sealed class OnnxRuntimeOpPeer : IBenchPeer
    {
        private readonly OrtRunner _runner;

        public OnnxRuntimeOpPeer(OpData data)
        {
            Spec = data.Spec;
            OpLayerSpec p = data.Spec;
            _runner = new OrtRunner(OnnxOpModel.Build(data), OnnxOpModel.InputName, data.Input, p.InputShape.ToArray(),
                OnnxOpModel.OutputName, p.OutputShape.ToArray(), p.OutputLength);
        }

        public string Library => "OnnxRuntime";

        public OpLayerSpec Spec { get; }

        public string Description => Spec.ToString();

        public void Run() => _runner.Run();

        public float[] GetOutput() => _runner.GetOutput();

        public void Dispose() => _runner.Dispose();
    }

    /// <summary>A ConvGen layer of the <c>layers</c> suite's <c>Forward</c> with the shape bound (ConvGenOpLayers.cs).</summary>
    public delegate void OpCall(ReadOnlySpan<float> input, Span<float> output);

    /// <summary>A generated layer of ConvGenOpLayers.cs on arrays allocated once.</summary>
    public sealed class ConvGenOpPeer : IBenchPeer
    {
        private readonly OpCall _call;
        private readonly float[] _input;
        private readonly float[] _output;

        private ConvGenOpPeer(OpData data, OpCall call)
        {
            Spec = data.Spec;
            _call = call;
            _input = (float[])data.Input.Clone();
            _output = new float[data.Spec.OutputLength];
        }

        public string Library => "ConvGen";

        public OpLayerSpec Spec { get; }

        public string Description => Spec.ToString();

        public static ConvGenOpPeer? TryCreate(OpData data) =>
            ConvGenOpLayers.TryCreate(data) is OpCall call ? new ConvGenOpPeer(data, call) : null;

        public void Run() => _call(_input, _output);

        public float[] GetOutput() => (float[])_output.Clone();

        public void Dispose()
        {
        }
    }
}
