using System;
using System.Collections.Generic;
using System.Linq;
using ConvGen.Golden;
using Xunit;

namespace ConvGen.Conformance.Tests;

// Networks that take each branch of the network planner (see NetworkPlanTests), and the same layers on their own.

// Features in; an activation first (it can't run in place on the caller's input), GELU fused into Linear, Dropout and a
// trailing Flatten that move no data, Softmax last (writes the caller's output).
[Sequential(InFeatures = 12)]
[ReLU] [Linear(12, 8)] [GELU] [Dropout] [Linear(8, 5)] [Softmax(1)] [Flatten]
public partial class PlanFeatures;

[ReLU] public partial class PlanRelu;
[Linear(12, 8, Activation = Activation.GELU)] public partial class PlanFc1;
[Linear(8, 5)] public partial class PlanFc2;
[Softmax(1)] public partial class PlanSoftmax;

// An image: reflection padding, a strided convolution with LeakyReLU fused, a transposed convolution followed by a
// BatchNorm2d that is not folded (only convolutions fold), a Sigmoid in place, adaptive max pooling to 2×3, asymmetric
// zero padding, Softmax over channels.
[Sequential(InChannels = 3, InputHeight = 9, InputWidth = 11)]
[ReflectionPad2d(1)] [Conv2d(3, 4, 3, Stride = 2)] [LeakyReLU(0.2f)] [ConvTranspose2d(4, 2, 2, Stride = 2)] [BatchNorm2d(2)]
[Sigmoid] [AdaptiveMaxPool2d(new[] { 2, 3 })] [ZeroPad2d(0, 1, 1, 0)] [Softmax(1)]
public partial class PlanImage;

[ReflectionPad2d(1)] public partial class PlanReflect;
[Conv2d(3, 4, 3, Stride = 2, Activation = Activation.LeakyReLU, NegativeSlope = 0.2f)] public partial class PlanConv;
[ConvTranspose2d(4, 2, 2, Stride = 2)] public partial class PlanUp;
[BatchNorm2d(2)] public partial class PlanNorm;
[Sigmoid] public partial class PlanSigmoid;
[AdaptiveMaxPool2d(new[] { 2, 3 })] public partial class PlanPool;
[ZeroPad2d(0, 1, 1, 0)] public partial class PlanPad;

// Nothing but layers that move no data: Forward copies.
[Sequential(InChannels = 2, InputHeight = 3, InputWidth = 3)]
[Dropout(0.5f)] [Flatten]
public partial class PlanIdentity;

/// <summary>
/// The planner's branches — buffers alternating, activations in place or not, fused epilogues, steps that move no data
/// first, in the middle and last, a network of no computing step — against the same layers run one by one (each matched
/// to libtorch by its own conformance tests). Fused epilogues round as the separate activation does, so the results
/// agree to a few ulps (1e-6 relative).
/// </summary>
public class NetworkPlanTests
{
    private static float[] Random(int count, ulong seed, float scale = 1f) => SplitMix64.Uniform(count, seed).Select(v => v * scale).ToArray();

    private static byte[] StateDict(params (string Name, long[] Shape, float[] Values)[] tensors) =>
        SafeTensorsWriter.Write(tensors.Select(t => SafeTensorsWriter.F32(t.Name, t.Shape, t.Values)));

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-6 * Math.Max(1, Math.Abs(expected[i])), $"element {i}: layers {expected[i]:R}, network {actual[i]:R}");
    }

    [Fact]
    public void Features_network_equals_its_layers()
    {
        float[] w1 = Random(8 * 12, 1, 0.5f), b1 = Random(8, 2), w2 = Random(5 * 8, 3, 0.5f), b2 = Random(5, 4);
        // Indices: ReLU 0, Linear 1 (+ GELU 2), Dropout 3, Linear 4, Softmax 5, Flatten 6.
        var network = new PlanFeatures(SafeTensors.Parse(StateDict(("1.weight", new long[] { 8, 12 }, w1), ("1.bias", new long[] { 8 }, b1),
            ("4.weight", new long[] { 5, 8 }, w2), ("4.bias", new long[] { 5 }, b2))));
        const int batch = 4;
        float[] x = Random(batch * 12, 5, 2f);
        float[] input = (float[])x.Clone();
        var y = new float[batch * 5];
        network.Forward(x, y, batch);
        Assert.Equal(input, x); // the caller's input is never written

        var r = new float[x.Length];
        new PlanRelu().Forward(x, r);
        var h = new float[batch * 8];
        new PlanFc1(w1, b1).Forward(r, h, batch);
        var z = new float[batch * 5];
        new PlanFc2(w2, b2).Forward(h, z, batch);
        var expected = new float[z.Length];
        new PlanSoftmax().Forward(z, expected, batch, 5);
        AssertClose(expected, y);
    }

    [Fact]
    public void Image_network_equals_its_layers()
    {
        float[] wc = Random(4 * 3 * 9, 11, 0.4f), bc = Random(4, 12), wt = Random(4 * 2 * 4, 13, 0.5f), bt = Random(2, 14);
        float[] g = Random(2, 15).Select(v => 1 + 0.5f * v).ToArray(), beta = Random(2, 16), mean = Random(2, 17), variance = Random(2, 18).Select(v => 1 + 0.5f * v).ToArray();
        // Indices: ReflectionPad2d 0, Conv2d 1 (+ LeakyReLU 2), ConvTranspose2d 3, BatchNorm2d 4, Sigmoid 5, pool 6, pad 7, Softmax 8.
        var network = new PlanImage(SafeTensors.Parse(StateDict(
            ("1.weight", new long[] { 4, 3, 3, 3 }, wc), ("1.bias", new long[] { 4 }, bc),
            ("3.weight", new long[] { 4, 2, 2, 2 }, wt), ("3.bias", new long[] { 2 }, bt),
            ("4.weight", new long[] { 2 }, g), ("4.bias", new long[] { 2 }, beta), ("4.running_mean", new long[] { 2 }, mean),
            ("4.running_var", new long[] { 2 }, variance))));
        Assert.Equal((4, 5, 6), (PlanImage.Layer1Channels, PlanImage.Layer1Height, PlanImage.Layer1Width));
        Assert.Equal((2, 10, 12), (PlanImage.Layer3Channels, PlanImage.Layer3Height, PlanImage.Layer3Width));
        Assert.Equal((2, 3, 4), (PlanImage.OutputChannels, PlanImage.OutputHeight, PlanImage.OutputWidth));

        const int batch = 2;
        float[] x = Random(batch * PlanImage.InputLength, 19);
        var y = new float[batch * PlanImage.OutputLength];
        network.Forward(x, y, batch);
        var y2 = new float[y.Length];
        network.Forward(x, y2, batch, threads: 2);
        Assert.Equal(y, y2);

        var padded = new float[batch * 3 * 11 * 13];
        new PlanReflect().Forward(x, padded, batch, 3, 9, 11);
        var conv = new float[batch * 4 * 5 * 6];
        new PlanConv(wc, bc).Forward(padded, conv, batch, 11, 13);
        var up = new float[batch * 2 * 10 * 12];
        new PlanUp(wt, bt).Forward(conv, up, batch, 5, 6);
        var normed = new float[up.Length];
        new PlanNorm(g, beta, mean, variance).Forward(up, normed, batch, 10, 12);
        new PlanSigmoid().Forward(normed, normed);
        var pooled = new float[batch * 2 * 2 * 3];
        new PlanPool().Forward(normed, pooled, batch, 2, 10, 12);
        var pad = new float[batch * 2 * 3 * 4];
        new PlanPad().Forward(pooled, pad, batch, 2, 2, 3);
        var expected = new float[pad.Length];
        new PlanSoftmax().Forward(pad, expected, batch, 2, 3, 4);
        AssertClose(expected, y);
    }

    [Fact]
    public void A_network_of_no_computing_step_copies()
    {
        var network = new PlanIdentity(SafeTensors.Parse(StateDict()));
        Assert.Equal(18, PlanIdentity.OutputFeatures);
        float[] x = Random(3 * 18, 21);
        var y = new float[x.Length];
        network.Forward(x, y, 3);
        Assert.Equal(x, y);
    }
}
