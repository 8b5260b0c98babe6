using System;
using System.Linq;
using Xunit;
using Xunit.Abstractions;

namespace ConvGen.Onnx.Tests;

/// <summary>
/// Networks built with the ONNX schema (tools/ConvGen.OnnxModels, written at build time) imported by ConvGenModel,
/// against ONNX Runtime on the same file: a torchvision MobileNetV2 (BatchNormalization, Clip as ReLU6, residuals,
/// Gemm) and a MobileNetV3-style network (hard-swish as an operator and written out, SE gates, 5×5 depthwise, SAME_UPPER
/// stem, PyTorch's view-flatten).
/// </summary>
public class ModelTests
{
    /// <summary>Documented tolerance: max |ConvGen − ORT| at most 1e-4 of the largest output (seen: 6.6e-6 on MobileNetV2, 3.1e-6 on the V3-style network).</summary>
    private const double Tolerance = 1e-4;

    private readonly ITestOutputHelper _output;

    public ModelTests(ITestOutputHelper output) => _output = output;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void MobileNetV2_matches_OnnxRuntime(int seed)
    {
        var net = new MobileNetV2Onnx("models/mobilenet_v2.onnx");
        Check("models/mobilenet_v2.onnx", seed, MobileNetV2Onnx.InputLength, MobileNetV2Onnx.OutputLength, new long[] { 3, 224, 224 },
            (x, y, n, t) => net.Forward(x, y, n, t));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void MobileNetV3_style_matches_OnnxRuntime(int seed)
    {
        var net = new MobileNetV3StyleOnnx("models/mobilenet_v3_style.onnx");
        Check("models/mobilenet_v3_style.onnx", seed, MobileNetV3StyleOnnx.InputLength, MobileNetV3StyleOnnx.OutputLength, new long[] { 3, 96, 128 },
            (x, y, n, t) => net.Forward(x, y, n, t));
    }

    private delegate void Forward(float[] input, float[] output, int batch, int threads);

    /// <summary>A batch of three samples on two threads, each sample against ORT's output for it alone.</summary>
    private void Check(string model, int seed, int inputLength, int outputLength, long[] sample, Forward forward)
    {
        const int batch = 3;
        var input = TestImages.Uniform(batch * inputLength, seed, scale: 2);
        var output = new float[batch * outputLength];
        forward(input, output, batch, seed % 2 + 1);
        for (int n = 0; n < batch; n++)
        {
            var x = input.AsSpan(n * inputLength, inputLength).ToArray();
            var expected = OrtReference.Run(model, x, new[] { 1L }.Concat(sample).ToArray());
            var (diff, scale) = OrtReference.Compare(expected, output.AsSpan(n * outputLength, outputLength).ToArray());
            _output.WriteLine($"{model} seed {seed} sample {n}: max |ConvGen − ORT| = {diff:E2} on outputs up to {scale:F3} ({diff / scale:E2} relative)");
            Assert.True(scale > 0.1, $"ORT's output is all but zero ({scale}); the weights do not exercise the network");
            Assert.True(diff <= Tolerance * scale, $"{model} sample {n}: max |ConvGen − ORT| = {diff:E3}, more than {Tolerance:E0} × {scale:F3}");
        }
    }
}
