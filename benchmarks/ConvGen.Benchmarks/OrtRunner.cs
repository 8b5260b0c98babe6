using System;
using Microsoft.ML.OnnxRuntime;

namespace ConvGen.Benchmarks
{
    /// <summary>
    /// One ONNX Runtime session (CPU EP, MLAS) over a model built in memory, as every ORT peer runs it: one thread,
    /// sequential, all graph optimisations, no spinning; input and output are OrtValues over pinned managed arrays bound
    /// once with an <see cref="OrtIoBinding"/>, so <see cref="Run"/> is the model's computation itself (0 B allocated).
    /// </summary>
    public sealed class OrtRunner : IDisposable
    {
        private readonly SessionOptions _options;
        private readonly InferenceSession _session;
        private readonly RunOptions _runOptions;
        private readonly OrtValue _inputValue;
        private readonly OrtValue _outputValue;
        private readonly OrtIoBinding _binding;
        private readonly float[] _outputBuffer;

        /// <param name="model">The model's bytes, with one float input <paramref name="inputName"/> and one float output <paramref name="outputName"/>.</param>
        /// <param name="input">Copied: the session keeps its own pinned copy.</param>
        public OrtRunner(byte[] model, string inputName, float[] input, long[] inputShape, string outputName, long[] outputShape, int outputLength, int threads = 1)
        {
            _options = new SessionOptions
            {
                IntraOpNumThreads = threads,
                InterOpNumThreads = 1,
                ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
                GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
                LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
            };
            // Do not spin worker threads between runs (there are none with 1 thread, but keep it explicit; with more,
            // ORT's default spinning is its best case within a run and stays on).
            if (threads == 1) _options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
            _session = new InferenceSession(model, _options);
            _runOptions = new RunOptions();
            _outputBuffer = new float[outputLength];
            _inputValue = OrtValue.CreateTensorValueFromMemory((float[])input.Clone(), inputShape);
            _outputValue = OrtValue.CreateTensorValueFromMemory(_outputBuffer, outputShape);
            _binding = _session.CreateIoBinding();
            _binding.BindInput(inputName, _inputValue);
            _binding.BindOutput(outputName, _outputValue);
        }

        public void Run() => _session.RunWithBinding(_runOptions, _binding);

        public float[] GetOutput() => (float[])_outputBuffer.Clone();

        public void Dispose()
        {
            _binding.Dispose();
            _inputValue.Dispose();
            _outputValue.Dispose();
            _runOptions.Dispose();
            _session.Dispose();
            _options.Dispose();
        }
    }
}
