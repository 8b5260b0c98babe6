using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ConvGen.Golden;
using ConvGen.Networks;
using Xunit;
using Xunit.Abstractions;

namespace ConvGen.Conformance.Tests;

/// <summary>
/// Networks built from blocks (tests/Shared/Networks: ResNet-18 and MobileNetV2 as torchvision defines them, a
/// MobileNetV3-style network with squeeze-and-excitation gates, an Inception-style concat) against the same modules in
/// libtorch (tools/ConvGen.Oracle generate-networks). The goldens hold the state_dict's names and shapes and libtorch's
/// output; the weights (<see cref="SeededStateDict"/>) and input (SplitMix64 seed 20261203) are made again here, since
/// ResNet-18's 11.7 M parameters are too large to check in. Tolerance: 1e-5 of the largest logit (measured: at most 2.2e-6 of it, MobileNetV2; the sums of a deep
/// network run in another order than libtorch's; the largest difference measured is stated in the test output).
/// </summary>
public class BlockNetworkConformanceTests(ITestOutputHelper output)
{
    private delegate void Forward(ReadOnlySpan<float> input, Span<float> output, int batch, int threads);

    private sealed record Network(int InputLength, int OutputLength, Func<SafeTensors, Forward> Load);

    private static readonly Dictionary<string, Network> Networks = new()
    {
        ["resnet18"] = new(ResNet18.InputLength, ResNet18.OutputLength, f => new ResNet18(f).Forward),
        ["mobilenetv2"] = new(MobileNetV2.InputLength, MobileNetV2.OutputLength, f => new MobileNetV2(f).Forward),
        ["mobilenetv3style"] = new(MobileNetV3Style.InputLength, MobileNetV3Style.OutputLength, f => new MobileNetV3Style(f).Forward),
        ["inceptionstyle"] = new(InceptionStyle.InputLength, InceptionStyle.OutputLength, f => new InceptionStyle(f).Forward),
    };

    public static TheoryData<string> Names => new(Networks.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void Network_of_blocks_reproduces_torch(string name)
    {
        var golden = TensorFile.Read(Path.Combine(AppContext.BaseDirectory, "golden-networks", name + ".bin"));
        var stateDict = golden.Values.Where(t => t.Name.StartsWith("shape:", StringComparison.Ordinal))
            .Select((t, position) =>
            {
                string tensor = t.Name.Substring("shape:".Length);
                return SafeTensorsWriter.F32(tensor, t.I64, SeededStateDict.Values(tensor, t.I64, position));
            }).ToList();
        using var file = SafeTensors.Parse(SafeTensorsWriter.Write(stateDict));
        var network = Networks[name];
        var forward = network.Load(file);

        long[] inputShape = golden["input-shape"].I64;
        int batch = (int)inputShape[0];
        Assert.Equal(network.InputLength, inputShape.Skip(1).Aggregate(1L, (a, b) => a * b));
        float[] input = SplitMix64.Uniform(batch * network.InputLength, 20261203);
        float[] torch = golden["output"].F32;
        Assert.Equal(batch * network.OutputLength, torch.Length);

        var y = new float[torch.Length];
        forward(input, y, batch, 1);
        double largest = torch.Max(v => Math.Abs((double)v)), tolerance = 1e-5 * largest;
        double worst = y.Zip(torch, (c, p) => Math.Abs((double)c - p)).Max();
        output.WriteLine($"{name}: {stateDict.Count} tensors, largest logit {largest:G4}, largest difference {worst:G3} ({worst / largest:G2} of it), tolerance {tolerance:G3}");
        for (int i = 0; i < y.Length; i++)
            Assert.True(Math.Abs((double)y[i] - torch[i]) <= tolerance, $"{name} logit {i}: ConvGen {y[i]:R}, torch {torch[i]:R}, tolerance {tolerance:G3}");

        // Two threads give the same numbers.
        var y2 = new float[y.Length];
        forward(input, y2, batch, 2);
        Assert.Equal(y, y2);
    }
}
