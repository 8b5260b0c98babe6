using System;
using System.IO;
using System.Linq;
using ConvGen.Golden;
using Xunit;
using Xunit.Abstractions;

namespace ConvGen.Conformance.Tests;

/// <summary>LeNet-5 as the issue writes it: one class, its layers stacked as nn.Sequential lists them.</summary>
[Sequential(InChannels = 1, InputHeight = 28, InputWidth = 28)]
[Conv2d(1, 6, 5, Padding = 2, Activation = Activation.ReLU)] [MaxPool2d(2)]
[Conv2d(6, 16, 5)] [ReLU] [MaxPool2d(2)]
[Flatten] [Linear(400, 120)] [ReLU] [Linear(120, 84)] [ReLU] [Linear(84, 10)]
public partial class LeNet5;

/// <summary>
/// Networks against libtorch's <c>nn.Sequential</c> of the same modules with the same weights. LeNet-5: the weights of
/// golden-layers/network/lenet5.bin (tools/ConvGen.Oracle generate-lenet), saved as the safetensors file
/// <c>safetensors.torch.save_file(model.state_dict())</c> would write, loaded by the generated constructor. Tolerance as
/// for the hand-written stack (LeNetConformanceTests): 1e-5 of the largest logit plus 1e-6.
/// </summary>
public class NetworkConformanceTests(ITestOutputHelper output)
{
    [Fact]
    public void LeNet5_network_loads_the_state_dict_and_reproduces_torch()
    {
        var t = TensorFile.Read(Path.Combine(AppContext.BaseDirectory, "golden-layers", "network", "lenet5.bin"));
        var stateDict = t.Values.Where(v => v.Name is not ("input" or "output"))
            .Select(v => SafeTensorsWriter.F32(v.Name, v.Shape, v.F32));
        using var file = SafeTensors.Parse(SafeTensorsWriter.Write(stateDict));
        var network = new LeNet5(file);
        int batch = (int)t["input"].Shape[0];
        Assert.Equal(new long[] { batch, LeNet5.OutputFeatures }, t["output"].Shape);

        var y = new float[batch * LeNet5.OutputLength];
        network.Forward(t["input"].F32, y, batch);
        AssertLogits(t["output"].F32, y, batch);

        // Two threads give the same numbers.
        var y2 = new float[y.Length];
        network.Forward(t["input"].F32, y2, batch, threads: 2);
        Assert.Equal(y, y2);
    }

    [Fact]
    public void LeNet5_shape_constants_follow_the_layers()
    {
        Assert.Equal((6, 28, 28), (LeNet5.Layer0Channels, LeNet5.Layer0Height, LeNet5.Layer0Width));
        Assert.Equal((6, 14, 14), (LeNet5.Layer2Channels, LeNet5.Layer2Height, LeNet5.Layer2Width));
        Assert.Equal((16, 5, 5), (LeNet5.Layer5Channels, LeNet5.Layer5Height, LeNet5.Layer5Width));
        Assert.Equal(400, LeNet5.Layer6Features);
        Assert.Equal(10, LeNet5.Layer11Features);
        Assert.Equal(784, LeNet5.InputLength);
    }

    /// <summary>
    /// The sample's trained LeNet-5 (samples/Digits, trained by tools/ConvGen.DigitsTrainer with PyTorch) on its 500
    /// held-out rendered digits (golden-networks/digits-heldout.bin: pixels, label, PyTorch's class and logits): at least
    /// 95 % right, the same class as PyTorch for every image, and logits within 1e-5 of the largest (trained logits reach
    /// ±75, so the float32 differences scale with them).
    /// </summary>
    [Fact]
    public void Trained_LeNet5_reads_the_held_out_digits_as_torch_does()
    {
        string folder = Path.Combine(AppContext.BaseDirectory, "golden-networks");
        var network = new LeNet5(Path.Combine(folder, "lenet5-digits.safetensors"));
        using var reader = new BinaryReader(File.OpenRead(Path.Combine(folder, "digits-heldout.bin")));
        Assert.Equal("DGTS", new string(reader.ReadChars(4)));
        int count = reader.ReadInt32(), height = reader.ReadInt32(), width = reader.ReadInt32();
        Assert.Equal((28, 28), (height, width));

        var input = new float[count * LeNet5.InputLength];
        var torch = new float[count * LeNet5.OutputLength];
        var labels = new int[count];
        var torchClass = new int[count];
        for (int n = 0; n < count; n++)
        {
            labels[n] = reader.ReadByte();
            torchClass[n] = reader.ReadByte();
            byte[] pixels = reader.ReadBytes(height * width);
            for (int i = 0; i < pixels.Length; i++) input[n * LeNet5.InputLength + i] = pixels[i] / 255f;
            for (int i = 0; i < LeNet5.OutputLength; i++) torch[n * LeNet5.OutputLength + i] = reader.ReadSingle();
        }

        var y = new float[torch.Length];
        network.Forward(input, y, count);
        int right = 0;
        for (int n = 0; n < count; n++)
        {
            int predicted = LeNetConformanceTests.ArgMax(y.AsSpan(n * LeNet5.OutputLength, LeNet5.OutputLength));
            Assert.True(predicted == torchClass[n], $"image {n}: ConvGen reads {predicted}, PyTorch {torchClass[n]}");
            right += predicted == labels[n] ? 1 : 0;
        }

        output.WriteLine($"{right} of {count} right ({100.0 * right / count:F1} %)");
        Assert.True(right >= 0.95 * count, $"{right} of {count} right, below 95 %");
        AssertLogits(torch, y, count);
    }

    private void AssertLogits(float[] torch, float[] y, int batch)
    {
        double largest = torch.Max(v => Math.Abs((double)v)), tolerance = 1e-5 * largest + 1e-6;
        double worst = y.Zip(torch, (c, p) => Math.Abs((double)c - p)).Max();
        output.WriteLine($"largest logit {largest:G4}, largest difference {worst:G3}, tolerance {tolerance:G3}");
        for (int i = 0; i < y.Length; i++)
            Assert.True(Math.Abs((double)y[i] - torch[i]) <= tolerance, $"logit {i}: ConvGen {y[i]:R}, torch {torch[i]:R}, tolerance {tolerance:G3}");
    }
}
