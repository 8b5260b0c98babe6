using System;
using System.Collections.Generic;
using System.Linq;
using ConvGen;
using Xunit;

namespace ConvGen.Numerics.Tests;

// Depthwise layers with stride 1 or 2 and zero padding run a plane kernel that reads the caller's rows directly and
// pads in registers (edge vectors shuffled from loads inside the row, stride 2 gathered from two loads, rows of zeros
// above and below, 4 output rows per step); images smaller than its minimum go through the padded copy. These layers
// cover its edge cases: symmetric, asymmetric ("same", even kernel) and no padding, padding wider than a 128-bit
// vector, dilation, rectangular kernels, stride 2 on either axis or both, both parities of the width. Images narrower
// than the plane kernel takes go through DepthwiseChannelBlocks (channels in lanes): the 20-channel layers give it whole
// blocks of 4, 8 and 16 channels and a partial one, rows wider and narrower than a tile (ConvNdLayers adds a fused activation).
[Conv2d(3, 3, 3, Padding = 1, Groups = 3)] public partial class PlaneDw3x3;
[Conv2d(2, 2, 4, Padding = "same", Groups = 2, Bias = false)] public partial class PlaneDwEvenSame;
[Conv2d(2, 2, 3, Padding = new[] { 2, 3 }, Dilation = new[] { 2, 3 }, Groups = 2)] public partial class PlaneDwDilated;
[Conv2d(2, 2, new[] { 1, 7 }, Padding = new[] { 0, 3 }, Groups = 2)] public partial class PlaneDw1x7;
[Conv2d(2, 2, new[] { 5, 2 }, Padding = new[] { 1, 0 }, Groups = 2)] public partial class PlaneDw5x2;
[Conv2d(2, 2, 3, Padding = 6, Groups = 2)] public partial class PlaneDwWidePadding;
[Conv2d(2, 2, 3, Groups = 2, Bias = false)] public partial class PlaneDwValid;
[Conv2d(3, 3, 3, Stride = 2, Padding = 1, Groups = 3)] public partial class PlaneDwStride2;
[Conv2d(2, 2, 4, Stride = 2, Padding = 1, Groups = 2, Bias = false)] public partial class PlaneDwStride2Even;
[Conv2d(2, 2, 3, Stride = 2, Padding = new[] { 2, 3 }, Dilation = new[] { 2, 3 }, Groups = 2)] public partial class PlaneDwStride2Dilated;
[Conv2d(2, 2, new[] { 3, 5 }, Stride = new[] { 1, 2 }, Padding = new[] { 1, 2 }, Groups = 2)] public partial class PlaneDwStride1x2;
[Conv2d(2, 2, 3, Stride = new[] { 2, 1 }, Padding = 1, Groups = 2, Bias = false)] public partial class PlaneDwStride2x1;
[Conv2d(2, 2, 3, Stride = 2, Padding = 5, Groups = 2)] public partial class PlaneDwStride2WidePadding;
[Conv2d(2, 2, 3, Stride = 2, Groups = 2)] public partial class PlaneDwStride2Valid;
[Conv2d(20, 20, 3, Padding = 1, Groups = 20)] public partial class BlocksDw3x3;
[Conv2d(20, 20, 5, Stride = 2, Padding = 2, Groups = 20)] public partial class BlocksDw5x5Stride2;
[Conv2d(20, 20, 3, Padding = new[] { 2, 1 }, Dilation = new[] { 2, 1 }, Groups = 20, Bias = false)] public partial class BlocksDwDilated;

public class DepthwisePlaneTests
{
    public static IEnumerable<object[]> Cases() => new (string, Conv2dParameters, Func<float[], float[]?, IConv2dLayer>)[]
    {
        (nameof(PlaneDw3x3), new(3, 3, 3, 3, 1, 1, 1, 1, 1, 1, groups: 3), (w, b) => new PlaneDw3x3(w, b!)),
        // "same", k=4: 1 before, 2 after.
        (nameof(PlaneDwEvenSame), new(2, 2, 4, 4, 1, 1, 1, 2, 1, 2, groups: 2, bias: false), (w, _) => new PlaneDwEvenSame(w)),
        (nameof(PlaneDwDilated), new(2, 2, 3, 3, 1, 1, 2, 2, 3, 3, 2, 3, groups: 2), (w, b) => new PlaneDwDilated(w, b!)),
        (nameof(PlaneDw1x7), new(2, 2, 1, 7, 1, 1, 0, 0, 3, 3, groups: 2), (w, b) => new PlaneDw1x7(w, b!)),
        (nameof(PlaneDw5x2), new(2, 2, 5, 2, 1, 1, 1, 1, 0, 0, groups: 2), (w, b) => new PlaneDw5x2(w, b!)),
        (nameof(PlaneDwWidePadding), new(2, 2, 3, 3, 1, 1, 6, 6, 6, 6, groups: 2), (w, b) => new PlaneDwWidePadding(w, b!)),
        (nameof(PlaneDwValid), new(2, 2, 3, 3, groups: 2, bias: false), (w, _) => new PlaneDwValid(w)),
        (nameof(PlaneDwStride2), new(3, 3, 3, 3, 2, 2, 1, 1, 1, 1, groups: 3), (w, b) => new PlaneDwStride2(w, b!)),
        (nameof(PlaneDwStride2Even), new(2, 2, 4, 4, 2, 2, 1, 1, 1, 1, groups: 2, bias: false), (w, _) => new PlaneDwStride2Even(w)),
        (nameof(PlaneDwStride2Dilated), new(2, 2, 3, 3, 2, 2, 2, 2, 3, 3, 2, 3, groups: 2), (w, b) => new PlaneDwStride2Dilated(w, b!)),
        (nameof(PlaneDwStride1x2), new(2, 2, 3, 5, 1, 2, 1, 1, 2, 2, groups: 2), (w, b) => new PlaneDwStride1x2(w, b!)),
        (nameof(PlaneDwStride2x1), new(2, 2, 3, 3, 2, 1, 1, 1, 1, 1, groups: 2, bias: false), (w, _) => new PlaneDwStride2x1(w)),
        (nameof(PlaneDwStride2WidePadding), new(2, 2, 3, 3, 2, 2, 5, 5, 5, 5, groups: 2), (w, b) => new PlaneDwStride2WidePadding(w, b!)),
        (nameof(PlaneDwStride2Valid), new(2, 2, 3, 3, 2, 2, groups: 2), (w, b) => new PlaneDwStride2Valid(w, b!)),
        (nameof(BlocksDw3x3), new(20, 20, 3, 3, 1, 1, 1, 1, 1, 1, groups: 20), (w, b) => new BlocksDw3x3(w, b!)),
        (nameof(BlocksDw5x5Stride2), new(20, 20, 5, 5, 2, 2, 2, 2, 2, 2, groups: 20), (w, b) => new BlocksDw5x5Stride2(w, b!)),
        (nameof(BlocksDwDilated), new(20, 20, 3, 3, 1, 1, 2, 2, 1, 1, 2, 1, groups: 20, bias: false), (w, _) => new BlocksDwDilated(w)),
    }.Select(c => new object[] { c.Item1, c.Item2, c.Item3 });

    /// <summary>
    /// Every width from 1 to 80 and some up to 150 (below, at and above the plane kernel's minimum for 1, 4, 8 and 16
    /// lanes, every remainder of the last vector, both parities for stride 2) at heights below, at and above one block of
    /// 4 rows, batch 2, against the reference.
    /// </summary>
    private static readonly int[] Widths = Enumerable.Range(1, 80).Concat(new[] { 93, 94, 95, 96, 97, 98, 99, 100, 111, 112, 113, 127, 128, 129, 150 }).ToArray();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_reference_at_every_width_and_height(string name, Conv2dParameters p, Func<float[], float[]?, IConv2dLayer> create)
    {
        var random = new Random(TestData.Seed(name));
        float[] weight = TestData.Uniform(random, p.WeightLength);
        float[]? bias = p.Bias ? TestData.Uniform(random, p.OutChannels) : null;
        var conv = create(weight, bias);
        Assert.Equal(p.ToString(), conv.Parameters.ToString());
        int compared = 0;
        foreach (int h in new[] { 1, 2, 3, 4, 5, 7, 8, 9, 13, 16 })
        {
            foreach (int w in Widths)
            {
                if (ReferenceConv2d.Invalid(p, h, w) is not null) continue;
                const int batch = 2;
                float[] input = TestData.Uniform(random, batch * p.InChannels * h * w);
                var (expected, magnitude) = ReferenceConv2d.Run(p, input, weight, bias, batch, h, w);
                var output = new float[expected.Length];
                output.AsSpan().Fill(float.NaN); // an element the kernel forgets to write fails
                conv.Forward(input, output, batch, h, w);
                TestData.AssertClose(expected, magnitude, output, p.KernelHeight * p.KernelWidth, $"{name} input {h}x{w}");
                compared++;
            }
        }

        Assert.True(compared > 250, $"only {compared} sizes compared");
    }

    /// <summary>
    /// Non-finite values on the edges, where the plane kernel shuffles: infinite inputs in the first and the last column
    /// spread to their neighbours only, as in the reference. A NaN weight makes its whole output channel NaN, the outputs
    /// whose tap falls on padding included: 0·NaN, as the definition "pad with zeros, then cross-correlate" says (the
    /// reference and oneDNN skip padded taps; see the conformance tests). A kernel that skipped them would be finite there.
    /// </summary>
    [Fact]
    public void Non_finite_values_at_the_edges_propagate()
    {
        var p = new Conv2dParameters(3, 3, 3, 3, 1, 1, 1, 1, 1, 1, groups: 3);
        var random = new Random(3);
        float[] weight = TestData.Uniform(random, p.WeightLength), bias = TestData.Uniform(random, 3);
        const int h = 11, w = 67;
        float[] input = TestData.Uniform(random, 3 * h * w);
        input[5 * w] = float.PositiveInfinity;                     // channel 0, row 5, first column
        input[2 * h * w + 7 * w + w - 1] = float.NegativeInfinity; // channel 2, row 7, last column
        var output = new float[3 * h * w];
        new PlaneDw3x3(weight, bias).Forward(input, output, 1, h, w);
        var (expected, magnitude) = ReferenceConv2d.Run(p, input, weight, bias, 1, h, w);
        Assert.Contains(expected, double.IsInfinity);
        TestData.AssertClose(expected, magnitude, output, 9, "infinite inputs on the edges");

        weight[9 + 0] = float.NaN; // channel 1, tap (0, 0): over padding for the top row and the left column
        new PlaneDw3x3(weight, bias).Forward(input, output, 1, h, w);
        Assert.All(output.AsSpan(h * w, h * w).ToArray(), v => Assert.True(float.IsNaN(v)));
        // The other channels are untouched by it.
        TestData.AssertClose(expected[..(h * w)], magnitude[..(h * w)], output.AsSpan(0, h * w), 9, "channel 0 beside a NaN weight");
        TestData.AssertClose(expected[(2 * h * w)..], magnitude[(2 * h * w)..], output.AsSpan(2 * h * w), 9, "channel 2 beside a NaN weight");
    }
}
