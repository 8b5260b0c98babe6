using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.ML.OnnxRuntime;

namespace ConvGen.Benchmarks
{
    /// <summary>
    /// `onnx`: trained ONNX models end to end, each imported by the ConvGenModel build item (the csproj) and run by ONNX
    /// Runtime from the same file (CPU, all graph optimisations, sequential, spinning off on one thread), batch 1, on one
    /// thread and on two. Today: the pretrained ResNet-18 of Microsoft.ML.DnnImageFeaturizer.ResNet18 (CNTK, opset 8).
    /// </summary>
    public static class OnnxModels
    {
        private static readonly string ResNet18File = System.IO.Path.Combine(AppContext.BaseDirectory, "models", "ResNet18.onnx");

        public static int Time()
        {
            var inv = CultureInfo.InvariantCulture;
            var input = new float[ResNet18Onnx.InputLength];
            var random = new Random(5);
            for (int i = 0; i < input.Length; i++) input[i] = (float)((random.NextDouble() * 255) - 128);
            Console.WriteLine($"ResNet18.onnx (Microsoft.ML.DnnImageFeaturizer.ResNet18 0.23.1), batch 1; CPU: {Report.CpuModel()}");
            Console.WriteLine("| threads | library | median ms | allocated | max abs diff vs ORT |");
            Console.WriteLine("|---:|---|---:|---|---:|");
            var medians = new Dictionary<(string, int), double>();
            var convgen = new ResNet18Onnx(ResNet18File);
            var winograd = new ResNet18OnnxWinograd(ResNet18File); // Algorithm="Winograd": the 3×3 stride-1 convolutions as F(4×4, 3×3)
            foreach (int threads in new[] { 1, 2 })
            {
                using var ort = new OrtModelPeer(ResNet18File, input, new long[] { 1, 3, 224, 224 }, ResNet18Onnx.OutputLength, threads);
                var peers = new IBenchPeer[]
                {
                    new ImportedPeer("ConvGen", (x, y, t) => convgen.Forward(x, y, 1, t), input, threads),
                    new ImportedPeer("ConvGenWinograd", (x, y, t) => winograd.Forward(x, y, 1, t), input, threads),
                    ort,
                };
                foreach (var peer in peers) peer.Run();
                float[] reference = ort.GetOutput();
                foreach (var peer in peers)
                {
                    double diff = peer.GetOutput().Zip(reference, (a, b) => Math.Abs((double)a - b)).Max();
                    PeerTimer.Result r = PeerTimer.Measure(peer);
                    medians[(peer.Library, threads)] = r.MedianUs;
                    Console.WriteLine(string.Create(inv, $"| {threads} | {peer.Library} | {r.MedianUs / 1000:F2} | {r.AllocatedBytes} B in {r.Calls} calls | {diff:E1} |"));
                }
            }

            double Ratio(string peer, int t) => medians[(peer, t)] / medians[("ConvGen", t)];
            Console.WriteLine();
            Console.WriteLine(string.Create(inv, $"ORT / ConvGen: {Ratio("OnnxRuntime", 1):F2}× on one thread, {Ratio("OnnxRuntime", 2):F2}× on two (> 1: ConvGen is faster); " +
                $"ConvGen two threads vs one: {medians[("ConvGen", 1)] / medians[("ConvGen", 2)]:F2}×, ORT: {medians[("OnnxRuntime", 1)] / medians[("OnnxRuntime", 2)]:F2}×"));
            Console.WriteLine(string.Create(inv, $"ORT / ConvGen with Algorithm=\"Winograd\": {medians[("OnnxRuntime", 1)] / medians[("ConvGenWinograd", 1)]:F2}× on one thread, " +
                $"{medians[("OnnxRuntime", 2)] / medians[("ConvGenWinograd", 2)]:F2}× on two; its two threads vs one: {medians[("ConvGenWinograd", 1)] / medians[("ConvGenWinograd", 2)]:F2}×"));
            return 0;
        }

        /// <summary>An imported class's Forward(input, output, batch 1, threads).</summary>
        private sealed class ImportedPeer : IBenchPeer
        {
            private readonly Action<float[], float[], int> _forward;
            private readonly float[] _input;
            private readonly float[] _output = new float[ResNet18Onnx.OutputLength];
            private readonly int _threads;

            public ImportedPeer(string library, Action<float[], float[], int> forward, float[] input, int threads)
            {
                Library = library;
                _forward = forward;
                _input = input;
                _threads = threads;
            }

            public string Library { get; }

            public string Description => "ResNet18.onnx imported";

            public void Run() => _forward(_input, _output, _threads);

            public float[] GetOutput() => (float[])_output.Clone();

            public void Dispose()
            {
            }
        }

        /// <summary>ORT on a model file: as <see cref="OrtRunner"/> does for the built models (bound pinned buffers, 0 B per run).</summary>
        private sealed class OrtModelPeer : IBenchPeer
        {
            private readonly OrtRunner _runner;

            public OrtModelPeer(string path, float[] input, long[] shape, int outputLength, int threads)
            {
                using var session = new InferenceSession(path);
                string inName = session.InputMetadata.Keys.Single(), outName = session.OutputMetadata.Keys.Single();
                var outShape = session.OutputMetadata[outName].Dimensions.Select(d => (long)Math.Max(d, 1)).ToArray();
                _runner = new OrtRunner(System.IO.File.ReadAllBytes(path), inName, input, shape, outName, outShape, outputLength, threads);
            }

            public string Library => "OnnxRuntime";

            public string Description => "ResNet18.onnx";

            public void Run() => _runner.Run();

            public float[] GetOutput() => _runner.GetOutput();

            public void Dispose() => _runner.Dispose();
        }
    }
}
