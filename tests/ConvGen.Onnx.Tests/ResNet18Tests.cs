using System;
using System.IO;
using System.Linq;
using Xunit;
using Xunit.Abstractions;

namespace ConvGen.Onnx.Tests;

/// <summary>
/// The pretrained ImageNet ResNet-18 of Microsoft.ML.DnnImageFeaturizer.ResNet18 (CNTK 2.6, opset 8; asymmetric stem and
/// max-pool pads), imported at build time by the ConvGenModel item, against ONNX Runtime on the same file and inputs.
/// </summary>
public class ResNet18Tests
{
    private const string Model = "models/ResNet18.onnx";
    private const string Preprocess = "models/ResNetPreprocess.onnx";

    /// <summary>
    /// Documented tolerance: the largest difference from ORT at most 5e-6 of the largest output (seen: up to 8.7e-7; the features reach
    /// ~10–30; float32 through 20 layers with different summation orders, and BatchNorm folded into the convolutions).
    /// </summary>
    private const double Tolerance = 5e-6;

    /// <summary>
    /// The same model imported with Algorithm="Winograd" (every 3×3 stride-1 convolution, 13 of its 20, as Winograd F(4×4, 3×3)):
    /// documented tolerance 2e-5 of the largest output (seen: up to 1.1e-6 on the five images), against 5e-6 for the direct import.
    /// </summary>
    private const double WinogradTolerance = 2e-5;

    private static readonly Lazy<ResNet18> Net = new(() => new ResNet18(Model));
    private static readonly Lazy<ResNet18Winograd> Winograd = new(() => new ResNet18Winograd(Model));
    private readonly ITestOutputHelper _output;

    public ResNet18Tests(ITestOutputHelper output) => _output = output;

    public static TheoryData<string> Kinds() => new(TestImages.Kinds);

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Matches_OnnxRuntime_on_preprocessed_images(string kind)
    {
        // The package's preprocessing model (RGB → BGR, minus the mean image) run by ORT gives the network's input.
        var input = OrtReference.Run(Preprocess, TestImages.Rgb(kind, 224, 224), new long[] { 1, 3, 224, 224 });
        Check(input, kind);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void The_imported_preprocessing_model_gives_OnnxRuntime_s_values_exactly(string kind)
    {
        // ResNetPreprocess.onnx: Split of the channels, Concat in BGR order, Sub of a 3×224×224 mean image — the
        // imported class's prologue (one subtraction per element, as ORT's).
        var image = TestImages.Rgb(kind, 224, 224);
        var expected = OrtReference.Run(Preprocess, image, new long[] { 1, 3, 224, 224 });
        var actual = new float[ResNetPreprocess.OutputLength];
        new ResNetPreprocess(Preprocess).Forward(image, actual, 1);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Both_imported_models_end_to_end_match_OnnxRuntime_s_pipeline()
    {
        var images = TestImages.Rgb("disc", 224, 224).Concat(TestImages.Rgb("gradient", 224, 224)).ToArray();
        var prep = new ResNetPreprocess(Preprocess);
        var x = new float[images.Length];
        prep.Forward(images, x, 2);
        var features = new float[2 * ResNet18.OutputLength];
        Net.Value.Forward(x, features, 2);
        for (int n = 0; n < 2; n++)
        {
            var image = images.AsSpan(n * ResNet18.InputLength, ResNet18.InputLength).ToArray();
            var expected = OrtReference.Run(Model, OrtReference.Run(Preprocess, image, new long[] { 1, 3, 224, 224 }), new long[] { 1, 3, 224, 224 });
            var (diff, scale) = OrtReference.Compare(expected, features.AsSpan(n * ResNet18.OutputLength, ResNet18.OutputLength).ToArray());
            Assert.True(diff <= Tolerance * scale, $"image {n}: max |ConvGen − ORT| = {diff:E3}, more than {Tolerance:E0} × {scale:F3}");
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void The_Winograd_import_matches_OnnxRuntime_within_its_tolerance(string kind)
    {
        var input = OrtReference.Run(Preprocess, TestImages.Rgb(kind, 224, 224), new long[] { 1, 3, 224, 224 });
        var expected = OrtReference.Run(Model, input, new long[] { 1, 3, 224, 224 });
        var actual = new float[ResNet18Winograd.OutputLength];
        Winograd.Value.Forward(input, actual, 1);
        var (diff, scale) = OrtReference.Compare(expected, actual);
        _output.WriteLine($"{kind}, Winograd: max |ConvGen − ORT| = {diff:E2} on outputs up to {scale:F2} ({diff / scale:E2} relative)");
        Assert.True(diff <= WinogradTolerance * scale, $"{kind}: max |ConvGen Winograd − ORT| = {diff:E3}, more than {WinogradTolerance:E0} × {scale:F3}");
        // A different algorithm ran: the direct import's bits differ.
        var direct = new float[ResNet18.OutputLength];
        Net.Value.Forward(input, direct, 1);
        Assert.False(direct.AsSpan().SequenceEqual(actual), "the Winograd import gives the direct import's bits");
    }

    [Fact]
    public void Matches_OnnxRuntime_on_random_input()
    {
        Check(TestImages.Uniform(ResNet18.InputLength, seed: 7, scale: 120), "uniform ±120");
    }

    private void Check(float[] input, string what)
    {
        var expected = OrtReference.Run(Model, input, new long[] { 1, 3, 224, 224 });
        var actual = new float[ResNet18.OutputLength];
        Net.Value.Forward(input, actual, 1);
        var (diff, scale) = OrtReference.Compare(expected, actual);
        _output.WriteLine($"{what}: max |ConvGen − ORT| = {diff:E2} on outputs up to {scale:F2} ({diff / scale:E2} relative)");
        Assert.True(scale > 1, $"{what}: ORT's output is all but zero ({scale}); the input does not exercise the network");
        Assert.True(diff <= Tolerance * scale, $"{what}: max |ConvGen − ORT| = {diff:E3}, more than {Tolerance:E0} × {scale:F3}");
    }

    [Fact]
    public void A_batch_on_two_threads_gives_each_sample_what_it_gives_alone()
    {
        var a = OrtReference.Run(Preprocess, TestImages.Rgb("disc", 224, 224), new long[] { 1, 3, 224, 224 });
        var b = OrtReference.Run(Preprocess, TestImages.Rgb("stripes", 224, 224), new long[] { 1, 3, 224, 224 });
        var batch = a.Concat(b).ToArray();
        var together = new float[2 * ResNet18.OutputLength];
        Net.Value.Forward(batch, together, 2, threads: 2);
        foreach (var (sample, index) in new[] { (a, 0), (b, 1) })
        {
            var alone = new float[ResNet18.OutputLength];
            Net.Value.Forward(sample, alone, 1);
            Assert.Equal(alone, together.AsSpan(index * ResNet18.OutputLength, ResNet18.OutputLength).ToArray());
        }
    }

    [Fact]
    public void Weights_of_another_model_are_refused()
    {
        var e = Assert.Throws<InvalidDataException>(() => new ResNet18(Preprocess));
        Assert.Contains("is not the model ResNet18 was generated from", e.Message);
    }

    [Fact]
    public void A_truncated_model_file_is_invalid_data()
    {
        string path = Path.Combine(Path.GetTempPath(), $"convgen-truncated-{Guid.NewGuid():N}.onnx");
        using (var source = File.OpenRead(Model))
        using (var target = File.Create(path))
        {
            var bytes = new byte[1 << 20];
            int n = source.Read(bytes, 0, bytes.Length);
            target.Write(bytes, 0, n);
        }

        try
        {
            var e = Assert.Throws<InvalidDataException>(() => new ResNet18(path));
            Assert.Contains("not a valid ONNX model", e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
