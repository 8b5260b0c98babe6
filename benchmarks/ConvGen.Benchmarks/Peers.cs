using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace ConvGen.Benchmarks
{
    /// <summary>
    /// One implementation of one layer (a convolution, or a layer of the <c>layers</c> suite), set up once (weights,
    /// input and output buffers), then <see cref="Run"/> is the timed call. <see cref="GetOutput"/> copies the last
    /// result out for cross-checking (not timed).
    /// </summary>
    public interface IBenchPeer : IDisposable
    {
        string Library { get; }

        /// <summary>The layer in one line (PyTorch call and shapes), for logs.</summary>
        string Description { get; }

        void Run();

        float[] GetOutput();
    }

    /// <summary>A peer of a convolution layer (<see cref="ConvLayerSpec"/>).</summary>
    public interface IConvPeer : IBenchPeer
    {
        ConvLayerSpec Spec { get; }
    }

    public static class Peers
    {
        /// <summary>The series every report knows about, in display order. ConvGen is the baseline once it exists.</summary>
        public static readonly IReadOnlyList<string> Libraries = new[] { "ConvGen", "TorchSharp", "OnnxRuntime" };

        /// <summary>ConvGen's Forward on two threads: not a one-thread peer, reported as ConvGen's 2-core speed-up.</summary>
        public const string TwoThreads = "ConvGen2Threads";

        /// <summary>ConvGen's Winograd twin of a 3×3 stride-1 layer (WinogradLayers.cs), one thread: a ConvGen option, not a peer.</summary>
        public const string Winograd = "ConvGenWinograd";

        public static IConvPeer Create(string library, LayerData data)
        {
            NativeAllocator.Configure();
            return CreateCore(library, data);
        }

        private static IConvPeer CreateCore(string library, LayerData data) => library switch
        {
            "TorchSharp" => new TorchSharpPeer(data),
            "OnnxRuntime" => new OnnxRuntimePeer(data),
            Winograd => ConvGenPeer.TryCreateWinograd(data)
                        ?? throw new NotSupportedException($"no Winograd layer for {data.Spec.Name} (WinogradLayers.cs)"),
            "ConvGen" or TwoThreads => ConvGenPeer.TryCreate(data, threads: library == TwoThreads ? 2 : 1)
                         ?? throw new NotSupportedException($"no ConvGen layer for {data.Spec.Name} (ConvGenLayers.cs, ConvGenNdLayers.cs, RealLayers.cs)"),
            _ => throw new ArgumentException($"unknown library '{library}'"),
        };
    }

    /// <summary>
    /// PyTorch through TorchSharp-cpu: <c>torch.nn.functional.conv2d(input, weight, bias, stride, padding, dilation,
    /// groups)</c> (<c>conv1d</c>, <c>conv3d</c>, <c>conv_transpose2d(..., output_padding, ..., dilation, groups)</c>
    /// for the other kinds) inside <c>torch.no_grad()</c>, one intra-op thread.
    /// </summary>
    public sealed class TorchSharpPeer : IConvPeer
    {
        private readonly Tensor _input;
        private readonly Tensor _weight;
        private readonly Tensor? _bias;
        private readonly long[] _stride;
        private readonly long[] _padding;
        private readonly long[] _dilation;
        private readonly long[] _outputPadding;
        private readonly long _groups;
        private readonly bool _conv2d;
        private Tensor? _output;

        public TorchSharpPeer(LayerData data)
        {
            TorchRuntime.EnsureInitialized();
            Spec = data.Spec;
            ConvLayerSpec p = data.Spec;
            _input = torch.tensor(data.Input, p.InputShape, ScalarType.Float32);
            _weight = torch.tensor(data.Weight, p.WeightShape, ScalarType.Float32);
            _bias = data.Bias is null ? null : torch.tensor(data.Bias, new long[] { p.OutChannels }, ScalarType.Float32);
            _stride = p.Stride.Select(v => (long)v).ToArray();
            _padding = p.Padding.Select(v => (long)v).ToArray();
            _dilation = p.Dilation.Select(v => (long)v).ToArray();
            _outputPadding = p.OutputPadding.Select(v => (long)v).ToArray();
            _groups = p.Groups;
            _conv2d = p.IsConv2d;
        }

        public string Library => "TorchSharp";

        public ConvLayerSpec Spec { get; }

        public string Description => Spec.ToString();

        public void Run()
        {
            using (torch.no_grad())
            {
                Tensor result = _conv2d
                    ? torch.nn.functional.conv2d(_input, _weight, _bias, _stride, _padding, _dilation, _groups)
                    : ConvolveNd();
                _output?.Dispose(); // free the previous call's native buffer (PyTorch allocates its output per call)
                _output = result;
            }
        }

        /// <summary>The functional call for a layer other than Conv2d (TorchSharp's argument order: ..., output_padding, dilation, groups).</summary>
        private Tensor ConvolveNd() => (Spec.Rank, Spec.Transposed) switch
        {
            (1, false) => torch.nn.functional.conv1d(_input, _weight, _bias, _stride[0], _padding[0], _dilation[0], _groups),
            (3, false) => torch.nn.functional.conv3d(_input, _weight, _bias, _stride, _padding, _dilation, _groups),
            (1, true) => torch.nn.functional.conv_transpose1d(_input, _weight, _bias, _stride[0], _padding[0], _outputPadding[0], _dilation[0], _groups),
            (2, true) => torch.nn.functional.conv_transpose2d(_input, _weight, _bias, _stride, _padding, _outputPadding, _dilation, _groups),
            (3, true) => torch.nn.functional.conv_transpose3d(_input, _weight, _bias, _stride, _padding, _outputPadding, _dilation, _groups),
            _ => throw new NotSupportedException(Spec.Op),
        };

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
            _weight.Dispose();
            _bias?.Dispose();
        }
    }

    /// <summary>
    /// ONNX Runtime (CPU EP, MLAS) running a one-node Conv model built in memory; weight and bias are initializers, so
    /// ORT can pre-pack them. One thread, sequential, all graph optimisations; input and output are OrtValues over pinned
    /// managed arrays bound once with an <see cref="OrtIoBinding"/>, so the timed call is the convolution itself.
    /// </summary>
    public sealed class OnnxRuntimePeer : IConvPeer
    {
        private readonly OrtRunner _runner;

        public OnnxRuntimePeer(LayerData data)
        {
            Spec = data.Spec;
            ConvLayerSpec p = data.Spec;
            _runner = new OrtRunner(OnnxConvModel.Build(data), OnnxConvModel.InputName, data.Input, p.InputShape,
                OnnxConvModel.OutputName, p.OutputShape, p.OutputLength);
        }

        public string Library => "OnnxRuntime";

        public ConvLayerSpec Spec { get; }

        public string Description => Spec.ToString();

        public void Run() => _runner.Run();

        public float[] GetOutput() => _runner.GetOutput();

        public void Dispose() => _runner.Dispose();
    }

    /// <summary>The signature of a ConvGen layer's <c>Forward</c> (see src/ConvGen.Runtime/IConv2dLayer.cs).</summary>
    public delegate void ConvForward(ReadOnlySpan<float> input, Span<float> output, int batch, int height, int width);

    /// <summary>A ConvGen Conv1d/Conv3d/ConvTranspose2d layer's <c>Forward</c> with the batch and input size bound (ConvGenNdLayers.cs).</summary>
    public delegate void ConvCall(ReadOnlySpan<float> input, Span<float> output);

    /// <summary>A ConvGen-generated layer: a Conv2d of ConvGenLayers.cs or a layer of ConvGenNdLayers.cs.</summary>
    public sealed class ConvGenPeer : IConvPeer
    {
        private readonly ConvForward? _forward;
        private readonly ConvCall? _call;
        private readonly float[] _input;
        private readonly float[] _output;
        private readonly int _batch;
        private readonly int _height;
        private readonly int _width;

        private ConvGenPeer(LayerData data, ConvForward? forward, ConvCall? call, string library)
        {
            Library = library;
            Spec = data.Spec;
            _forward = forward;
            _call = call;
            if (forward is not null)
            {
                (_batch, _height, _width) = (data.Spec.Batch, data.Spec.InputH, data.Spec.InputW);
            }

            _input = (float[])data.Input.Clone();
            _output = new float[data.Spec.OutputLength];
        }

        public string Library { get; }

        public ConvLayerSpec Spec { get; }

        public string Description => Spec.ToString();

        public static bool IsAvailable => ConvGenLayers.IsWired;

        public static ConvGenPeer? TryCreate(LayerData data, int threads = 1)
        {
            string library = threads == 1 ? "ConvGen" : Peers.TwoThreads;
            if (!data.Spec.IsConv2d)
            {
                ConvCall? call = ConvGenNdLayers.TryCreate(data.Spec, data.Weight, data.Bias, threads);
                return call is null ? null : new ConvGenPeer(data, null, call, library);
            }

            ConvForward? forward = ConvGenLayers.TryCreate(data.Spec, data.Weight, data.Bias, threads);
            return forward is null ? null : new ConvGenPeer(data, forward, null, library);
        }

        /// <summary>The Winograd twin of a Conv2d layer (<see cref="ConvGenWinogradLayers"/>), or null when it has none.</summary>
        public static ConvGenPeer? TryCreateWinograd(LayerData data)
        {
            var layer = data.Spec.IsConv2d ? ConvGenWinogradLayers.TryCreate(data.Spec, data.Weight, data.Bias ?? throw new ArgumentException("Every benchmark layer has a bias.")) : null;
            return layer is null ? null : new ConvGenPeer(data, layer.Forward, null, Peers.Winograd);
        }

        public void Run()
        {
            if (_forward is not null)
            {
                _forward(_input, _output, _batch, _height, _width);
            }
            else
            {
                _call!(_input, _output);
            }
        }

        public float[] GetOutput() => (float[])_output.Clone();

        public void Dispose()
        {
        }
    }

    /// <summary>One-time libtorch set-up with a helpful message when the native library does not load.</summary>
    public static class TorchRuntime
    {
        private static bool s_initialized;

        public static void EnsureInitialized()
        {
            if (s_initialized)
            {
                return;
            }

            try
            {
                torch.set_num_threads(1);
                try
                {
                    torch.set_num_interop_threads(1); // may only be called once per process, before any inter-op work
                }
                catch (Exception)
                {
                    // already set: harmless
                }
            }
            catch (Exception e) when (e is TypeInitializationException || e is NotSupportedException || e is DllNotFoundException)
            {
                throw new InvalidOperationException(
                    "TorchSharp could not load libLibTorchSharp.so. On glibc/libstdc++ older than GCC 13 (Debian 12) the copy " +
                    "in the build output must be the one patched by tools/TorchSharpFix/TorchSharpFix.targets; check that the " +
                    "project imports it (benchmarks/Directory.Build.targets) and that 'readelf -V " +
                    "bin/.../runtimes/linux-x64/native/libLibTorchSharp.so' shows 'GLIBCXX_3.4.32 Flags: WEAK'.", e);
            }

            s_initialized = true;
        }

        public static int Threads => torch.get_num_threads();
    }

    /// <summary>
    /// Makes glibc keep freed memory instead of handing it back to the kernel, so that a library which allocates its
    /// output on every call (PyTorch: output, oneDNN reorders/scratchpad, several MB for the big layers) does not pay
    /// fresh page faults on every call. On this project's VMs a page fault is expensive enough that, with glibc's
    /// defaults, torch's resnet_stem ran at ~25 GFLOP/s instead of ~170 (what it reaches on bare metal, where faults
    /// are cheaper and the reference figures were taken). Settings: M_TRIM_THRESHOLD = 1 GiB (no trimming of the heap
    /// top), M_MMAP_THRESHOLD = 32 MiB (glibc's maximum: big blocks come from the heap, not from mmap/munmap per call).
    /// Applied once per process before any peer is created; set CONVGEN_BENCH_DEFAULT_MALLOC=1 to measure with glibc's
    /// defaults instead. ONNX Runtime (arena allocator) and ConvGen (caller-owned output) allocate nothing per call.
    /// </summary>
    public static class NativeAllocator
    {
        private const int M_TRIM_THRESHOLD = -1;
        private const int M_MMAP_THRESHOLD = -3;
        private static bool s_done;

        public static string State { get; private set; } = "glibc defaults";

        public static void Configure()
        {
            if (s_done)
            {
                return;
            }

            s_done = true;
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux) || Environment.GetEnvironmentVariable("CONVGEN_BENCH_DEFAULT_MALLOC") == "1")
            {
                return;
            }

            try
            {
                bool ok = mallopt(M_TRIM_THRESHOLD, 1 << 30) == 1 & mallopt(M_MMAP_THRESHOLD, 32 << 20) == 1;
                State = ok ? "glibc M_TRIM_THRESHOLD=1GiB, M_MMAP_THRESHOLD=32MiB" : "glibc mallopt refused; defaults";
            }
            catch (Exception e) when (e is DllNotFoundException || e is EntryPointNotFoundException)
            {
                State = "no glibc mallopt; defaults";
            }
        }

        [DllImport("libc", EntryPoint = "mallopt")]
        private static extern int mallopt(int param, int value);
    }
}
