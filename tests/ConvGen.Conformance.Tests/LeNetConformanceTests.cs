using System;
using System.IO;
using System.Linq;
using ConvGen.Golden;
using Xunit;
using Xunit.Abstractions;

namespace ConvGen.Conformance.Tests;

// LeNet-5, written by hand from ConvGen layers in nn.Sequential's order (tools/ConvGen.Oracle generate-lenet builds the same
// stack from torch.nn modules).
[Conv2d(1, 6, 5, Padding = 2)] public partial class LeNetConv1;
[ReLU] public partial class LeNetRelu;
[MaxPool2d(2)] public partial class LeNetPool;
[Conv2d(6, 16, 5)] public partial class LeNetConv2;
[Flatten] public partial class LeNetFlatten;
[Linear(400, 120)] public partial class LeNetFc1;
[Linear(120, 84)] public partial class LeNetFc2;
[Linear(84, 10)] public partial class LeNetFc3;

/// <summary>
/// A LeNet-5-style stack of ConvGen layers against libtorch's <c>nn.Sequential</c> of the same modules with the same
/// weights (golden-layers/network/lenet5.bin; parameters under their state_dict names). Tolerance: every layer adds at
/// most 2·γ_{n+2} (n ≤ 400 terms) of its terms' magnitude between the two float32 results, and the differences pass
/// through later layers scaled by their weights (|w| ≤ 1/√fan_in): 1e-5 of the largest logit (plus 1e-6 absolute) is
/// several times that bound, and a wrong layout, a missing bias or activation or a wrong pooling window is off by orders
/// of magnitude more.
/// </summary>
public class LeNetConformanceTests(ITestOutputHelper output)
{
    [Fact]
    public void Hand_written_LeNet5_reproduces_torch()
    {
        var t = TensorFile.Read(Path.Combine(AppContext.BaseDirectory, "golden-layers", "network", "lenet5.bin"));
        float[] W(string name) => t[name].F32;
        int batch = (int)t["input"].Shape[0];

        var conv1 = new LeNetConv1(W("0.weight"), W("0.bias"));
        var conv2 = new LeNetConv2(W("3.weight"), W("3.bias"));
        var fc1 = new LeNetFc1(W("7.weight"), W("7.bias"));
        var fc2 = new LeNetFc2(W("9.weight"), W("9.bias"));
        var fc3 = new LeNetFc3(W("11.weight"), W("11.bias"));
        var relu = new LeNetRelu();
        var pool = new LeNetPool();
        var flatten = new LeNetFlatten();

        var a1 = new float[batch * 6 * 28 * 28];
        var p1 = new float[batch * 6 * 14 * 14];
        var a2 = new float[batch * 16 * 10 * 10];
        var p2 = new float[batch * 16 * 5 * 5];
        var f = new float[batch * 400];
        var h1 = new float[batch * 120];
        var h2 = new float[batch * 84];
        var y = new float[batch * 10];
        conv1.Forward(t["input"].F32, a1, batch, 28, 28);
        relu.Forward(a1, a1);
        pool.Forward(a1, p1, batch, 6, 28, 28);
        conv2.Forward(p1, a2, batch, 14, 14);
        relu.Forward(a2, a2);
        pool.Forward(a2, p2, batch, 16, 10, 10);
        flatten.Forward(p2, f, batch, 16, 5, 5);
        fc1.Forward(f, h1, batch);
        relu.Forward(h1, h1);
        fc2.Forward(h1, h2, batch);
        relu.Forward(h2, h2);
        fc3.Forward(h2, y, batch);

        float[] torch = W("output");
        Assert.Equal(new long[] { batch, 10 }, t["output"].Shape);
        double largest = torch.Max(v => Math.Abs((double)v)), tolerance = 1e-5 * largest + 1e-6;
        double worst = y.Zip(torch, (c, p) => Math.Abs((double)c - p)).Max();
        output.WriteLine($"largest logit {largest:G4}, largest difference {worst:G3}, tolerance {tolerance:G3}");
        for (int i = 0; i < y.Length; i++)
            Assert.True(Math.Abs((double)y[i] - torch[i]) <= tolerance, $"logit {i}: ConvGen {y[i]:R}, torch {torch[i]:R}, tolerance {tolerance:G3}");
        // The classes the two networks predict agree image by image.
        for (int n = 0; n < batch; n++)
            Assert.Equal(ArgMax(torch.AsSpan(n * 10, 10)), ArgMax(y.AsSpan(n * 10, 10)));
    }

    internal static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++) if (values[i] > values[best]) best = i;
        return best;
    }
}
