using System;
using Xunit;

namespace ConvGen.Onnx.Tests;

/// <summary>Imported models allocate nothing per call once warm (counted on the calling thread: other test classes run beside this one).</summary>
public class AllocationTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Imported_models_allocate_nothing_per_call(int threads)
    {
        var resnet = new ResNet18("models/ResNet18.onnx");
        var prep = new ResNetPreprocess("models/ResNetPreprocess.onnx");
        var v3 = new MobileNetV3StyleOnnx("models/mobilenet_v3_style.onnx");
        var image = TestImages.Rgb("disc", 224, 224);
        var x = new float[ResNet18.InputLength];
        var features = new float[ResNet18.OutputLength];
        var small = TestImages.Uniform(2 * MobileNetV3StyleOnnx.InputLength, 3, 1);
        var logits = new float[2 * MobileNetV3StyleOnnx.OutputLength];
        void Run()
        {
            prep.Forward(image, x, 1, threads);
            resnet.Forward(x, features, 1, threads);
            v3.Forward(small, logits, 2, threads);
        }

        for (int i = 0; i < 3; i++) Run();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 3; i++) Run();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
