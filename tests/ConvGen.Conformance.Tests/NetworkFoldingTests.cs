using System;
using System.Collections.Generic;
using System.Linq;
using ConvGen.Golden;
using Xunit;
using Xunit.Abstractions;

namespace ConvGen.Conformance.Tests;

// A VGG/ResNet-style stem as a network (BatchNorm2d folded into the convolutions, activations in their epilogues, layers
// named as in a torchvision state_dict) and the same stem as separate layers, each of which matches libtorch on its own.
[Sequential(InChannels = 3, InputHeight = 20, InputWidth = 18)]
[Conv2d(3, 8, 3, Stride = 2, Padding = 1, Bias = false, Name = "features.0")] [BatchNorm2d(8, Name = "features.1")] [ReLU6]
[Conv2d(8, 8, 3, Padding = 1, Groups = 8, Name = "features.3")] [BatchNorm2d(8, Eps = 1e-3, Name = "features.4")] [Hardswish]
[BatchNorm2d(8, Name = "features.6")]
[AdaptiveAvgPool2d(1)] [Flatten] [Dropout(0.2f)] [Linear(8, 5, Name = "classifier")]
public partial class FoldedStem;

[Conv2d(3, 8, 3, Stride = 2, Padding = 1, Bias = false)] public partial class StemConv;
[BatchNorm2d(8)] public partial class StemNorm;
[ReLU6] public partial class StemRelu6;
[Conv2d(8, 8, 3, Padding = 1, Groups = 8)] public partial class StemDepthwise;
[BatchNorm2d(8, Eps = 1e-3)] public partial class StemNorm2;
[Hardswish] public partial class StemHardswish;
[AdaptiveAvgPool2d(1)] public partial class StemPool;
[Linear(8, 5)] public partial class StemFc;

/// <summary>
/// Folding BatchNorm2d into the convolution before it changes the rounding, not the function: the network agrees with
/// the unfolded layers within 1e-5 of the largest activation (float32 with 27-term sums and a per-channel scale: a few
/// ulps), and a tensor of the state_dict that the network does not use, or lacks, or has in another shape is an error
/// naming it.
/// </summary>
public class NetworkFoldingTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, (long[] Shape, float[] Values)> s_stateDict = MakeStateDict();

    private static Dictionary<string, (long[] Shape, float[] Values)> MakeStateDict()
    {
        ulong seed = 100;
        (long[], float[]) Uniform(float low, float high, params long[] shape) =>
            (shape, SplitMix64.Uniform((int)shape.Aggregate(1L, (a, b) => a * b), seed++).Select(v => low + (high - low) * (v + 1) / 2).ToArray());
        var d = new Dictionary<string, (long[], float[])>
        {
            ["features.0.weight"] = Uniform(-0.4f, 0.4f, 8, 3, 3, 3),
            ["features.3.weight"] = Uniform(-0.5f, 0.5f, 8, 1, 3, 3),
            ["features.3.bias"] = Uniform(-0.2f, 0.2f, 8),
            ["classifier.weight"] = Uniform(-0.3f, 0.3f, 5, 8),
            ["classifier.bias"] = Uniform(-0.1f, 0.1f, 5),
        };
        foreach (string bn in new[] { "features.1", "features.4", "features.6" })
        {
            d[bn + ".weight"] = Uniform(0.5f, 1.5f, 8);
            d[bn + ".bias"] = Uniform(-0.3f, 0.3f, 8);
            d[bn + ".running_mean"] = Uniform(-0.5f, 0.5f, 8);
            d[bn + ".running_var"] = Uniform(0.2f, 2f, 8);
        }

        return d;
    }

    private static byte[] File(IEnumerable<KeyValuePair<string, (long[] Shape, float[] Values)>> tensors, bool withBatchesTracked = true)
    {
        var list = tensors.Select(t => SafeTensorsWriter.F32(t.Key, t.Value.Shape, t.Value.Values)).ToList();
        if (withBatchesTracked)
        {
            foreach (string bn in new[] { "features.1", "features.4", "features.6" })
                list.Add(SafeTensorsWriter.I64(bn + ".num_batches_tracked", Array.Empty<long>(), 7));
        }

        return SafeTensorsWriter.Write(list);
    }

    private static float[] W(string name) => s_stateDict[name].Values;

    [Fact]
    public void Folded_network_equals_the_unfolded_layers()
    {
        using var file = SafeTensors.Parse(File(s_stateDict));
        var network = new FoldedStem(file);
        const int batch = 3;
        float[] x = SplitMix64.Uniform(batch * FoldedStem.InputLength, 7);
        var y = new float[batch * FoldedStem.OutputLength];
        network.Forward(x, y, batch);

        // The same stem, layer by layer (each layer is checked against libtorch by its own conformance tests).
        int h = FoldedStem.Layer0Height, w = FoldedStem.Layer0Width;
        var a = new float[batch * 8 * h * w];
        var b = new float[a.Length];
        new StemConv(W("features.0.weight")).Forward(x, a, batch, 20, 18);
        new StemNorm(W("features.1.weight"), W("features.1.bias"), W("features.1.running_mean"), W("features.1.running_var")).Forward(a, b, batch, h, w);
        new StemRelu6().Forward(b, b);
        new StemDepthwise(W("features.3.weight"), W("features.3.bias")).Forward(b, a, batch, h, w);
        new StemNorm2(W("features.4.weight"), W("features.4.bias"), W("features.4.running_mean"), W("features.4.running_var")).Forward(a, b, batch, h, w);
        new StemHardswish().Forward(b, b);
        new StemNorm(W("features.6.weight"), W("features.6.bias"), W("features.6.running_mean"), W("features.6.running_var")).Forward(b, a, batch, h, w);
        var pooled = new float[batch * 8];
        new StemPool().Forward(a, pooled, batch, 8, h, w);
        var expected = new float[batch * 5];
        new StemFc(W("classifier.weight"), W("classifier.bias")).Forward(pooled, expected, batch);

        double largest = expected.Max(v => Math.Abs((double)v)), worst = y.Zip(expected, (p, q) => Math.Abs((double)p - q)).Max();
        output.WriteLine($"largest output {largest:G4}, largest difference {worst:G3}");
        Assert.True(worst <= 1e-5 * largest + 1e-6, $"folded network differs by {worst:G3} (largest output {largest:G4})");
    }

    [Fact]
    public void A_state_dict_that_does_not_fit_is_an_error_naming_the_tensor()
    {
        // An extra tensor (another model's file).
        var extra = s_stateDict.Append(new("fc.weight", (new long[] { 2 }, new float[2])));
        var e = Assert.Throws<SafeTensorsException>(() => new FoldedStem(SafeTensors.Parse(File(extra))));
        Assert.Contains("fc.weight", e.Message);
        Assert.Contains("FoldedStem", e.Message);

        // A missing tensor.
        e = Assert.Throws<SafeTensorsException>(() => new FoldedStem(SafeTensors.Parse(File(s_stateDict.Where(t => t.Key != "features.4.running_var")))));
        Assert.Contains("features.4.running_var", e.Message);

        // A tensor of another shape: both shapes named.
        var reshaped = s_stateDict.Select(t => t.Key == "classifier.weight" ? new KeyValuePair<string, (long[], float[])>(t.Key, (new long[] { 8, 5 }, t.Value.Values)) : t);
        e = Assert.Throws<SafeTensorsException>(() => new FoldedStem(SafeTensors.Parse(File(reshaped))));
        Assert.Contains("[8, 5]", e.Message);
        Assert.Contains("[5, 8]", e.Message);

        // num_batches_tracked is optional (a state_dict saved without it still loads).
        _ = new FoldedStem(SafeTensors.Parse(File(s_stateDict, withBatchesTracked: false)));
    }

    [Fact]
    public void Forward_checks_its_spans()
    {
        var network = new FoldedStem(SafeTensors.Parse(File(s_stateDict)));
        var ex = Assert.Throws<ArgumentException>(() => network.Forward(new float[FoldedStem.InputLength * 2 - 1], new float[10], 2));
        Assert.Contains("InputLength", ex.Message);
        Assert.Throws<ArgumentException>(() => network.Forward(new float[FoldedStem.InputLength], new float[4], 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => network.Forward(new float[0], new float[0], -1));
        network.Forward(ReadOnlySpan<float>.Empty, Span<float>.Empty, 0); // an empty batch is fine
    }
}
