using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace ConvGen.Numerics.Tests;

/// <summary>Every layer of the matrix against the reference convolution, at every input size PyTorch accepts for it.</summary>
public class ReferenceTests
{
    /// <summary>Tiny, odd, non-multiple-of-8 and wider-than-a-vector sizes.</summary>
    private static readonly (int H, int W)[] Sizes = { (1, 1), (2, 3), (3, 2), (4, 4), (5, 7), (9, 13), (17, 10), (23, 37), (6, 70) };

    public static IEnumerable<object[]> Layers() => LayerMatrix.All.Select(c => new object[] { c });

    [Theory]
    [MemberData(nameof(Layers))]
    public void Matches_reference_at_every_valid_size_and_batch(LayerCase layer)
    {
        var p = layer.Parameters;
        var random = new Random(TestData.Seed(layer.Name));
        float[] weight = TestData.Uniform(random, p.WeightLength);
        float[]? bias = p.Bias ? TestData.Uniform(random, p.OutChannels) : null;
        var conv = layer.Create(weight, bias);

        // The generated constants state the same torch.nn.Conv2d as the test declares.
        Assert.Equal(p.ToString(), conv.Parameters.ToString());

        var sizes = layer.FixedSize is { } size ? new[] { size } : Sizes.Where(s => ReferenceConv2d.Invalid(p, s.H, s.W) is null).ToArray();
        Assert.NotEmpty(sizes);
        foreach (var (h, w) in sizes)
        {
            foreach (int batch in new[] { 1, 3 })
            {
                float[] input = TestData.Uniform(random, batch * p.InChannels * h * w);
                var (expected, magnitude) = ReferenceConv2d.Run(p, input, weight, bias, batch, h, w);
                var output = new float[expected.Length];
                output.AsSpan().Fill(float.NaN); // an element the layer forgets to write fails
                conv.Forward(input, output, batch, h, w);
                TestData.AssertClose(expected, magnitude, output, p.InChannelsPerGroup * p.KernelHeight * p.KernelWidth,
                    $"{layer.Name} batch {batch} input {h}x{w}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Layers))]
    public void Rejects_every_input_size_pytorch_rejects(LayerCase layer)
    {
        if (layer.FixedSize is not null) return; // fixed-size layers: see ShapeCheckTests
        var p = layer.Parameters;
        var conv = layer.Create(new float[p.WeightLength], p.Bias ? new float[p.OutChannels] : null);
        var invalid = Sizes.Concat(new[] { (0, 3), (3, 0), (-1, 4) }).Where(s => ReferenceConv2d.Invalid(p, s.Item1, s.Item2) is not null);
        foreach (var (h, w) in invalid)
        {
            long length = Math.Max(0L, (long)p.InChannels * h * w);
            Assert.ThrowsAny<ArgumentException>(() => conv.Forward(new float[length], new float[16], 1, h, w));
        }
    }

    [Fact]
    public void The_image_overload_equals_a_batch_of_one()
    {
        var random = new Random(1);
        var p = LayerMatrix.All.Single(c => c.Name == nameof(Reflect2Stride2)).Parameters;
        var layer = new Reflect2Stride2(TestData.Uniform(random, p.WeightLength), TestData.Uniform(random, p.OutChannels));
        float[] input = TestData.Uniform(random, 3 * 11 * 14);
        var batched = new float[5 * 7 * 8]; // (11 + 4 − 3) / 2 + 1 = 7 rows, (14 + 4 − 3) / 2 + 1 = 8 columns
        var single = new float[batched.Length];
        layer.Forward(input, batched, 1, 11, 14);
        layer.Forward(input, single, 11, 14);
        Assert.Equal(batched, single);
    }

    [Fact]
    public void Non_finite_inputs_propagate_like_the_reference()
    {
        var random = new Random(2);
        var p = LayerMatrix.All.Single(c => c.Name == nameof(Dense7)).Parameters;
        float[] weight = TestData.Uniform(random, p.WeightLength), bias = TestData.Uniform(random, p.OutChannels);
        var layer = new Dense7(weight, bias);
        float[] input = TestData.Uniform(random, 3 * 9 * 12);
        input[5] = float.NaN;
        input[9 * 12 + 40] = float.PositiveInfinity;
        input[2 * 9 * 12 + 100] = float.NegativeInfinity;
        var output = new float[7 * 9 * 12];
        layer.Forward(input, output, 1, 9, 12);
        var (expected, magnitude) = ReferenceConv2d.Run(p, input, weight, bias, 1, 9, 12);
        Assert.Contains(expected, double.IsNaN);
        Assert.Contains(expected, double.IsFinite);
        TestData.AssertClose(expected, magnitude, output, 27, "non-finite");
    }
}
