using System;
using System.Collections.Generic;
using System.Linq;
using ConvGen;
using Xunit;

namespace ConvGen.Numerics.Tests;

/// <summary>Conv1d, Conv3d and the fused activations against the N-d reference, at every size PyTorch accepts, on 1–3 threads.</summary>
public class ConvNdTests
{
    private static readonly int[][] Sizes1 = { new[] { 1 }, new[] { 2 }, new[] { 5 }, new[] { 16 }, new[] { 17 }, new[] { 33 }, new[] { 100 } };
    private static readonly int[][] Sizes2 = { new[] { 1, 1 }, new[] { 2, 3 }, new[] { 5, 7 }, new[] { 9, 13 }, new[] { 6, 70 }, new[] { 23, 37 } };
    private static readonly int[][] Sizes3 = { new[] { 1, 1, 1 }, new[] { 2, 3, 4 }, new[] { 4, 5, 6 }, new[] { 5, 9, 13 }, new[] { 3, 17, 10 }, new[] { 7, 4, 3 } };

    public static IEnumerable<object[]> Cases() => NdMatrix.All.Select(c => new object[] { c });

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_reference_at_every_valid_size_batch_and_thread_count(NdCase layer)
    {
        var p = layer.Parameters;
        var random = new Random(TestData.Seed(layer.Name));
        float[] weight = TestData.Uniform(random, p.WeightLength);
        float[]? bias = p.Bias ? TestData.Uniform(random, p.OutChannels) : null;
        var (forward, parameters) = layer.Create(weight, bias);
        // The generated constants state the same torch.nn.ConvNd and activation as the test declares.
        Assert.Equal(p.ToString(), parameters.ToString());

        var all = p.Rank switch { 1 => Sizes1, 2 => Sizes2, _ => Sizes3 };
        var sizes = layer.FixedSize is { } size ? new[] { size } : all.Where(s => ReferenceConv.Invalid(p, s) is null).ToArray();
        Assert.NotEmpty(sizes);
        foreach (int[] s in sizes)
        {
            foreach (int batch in new[] { 1, 2 })
            {
                // Scaled so that the activations see both their linear and their saturated parts.
                float[] input = TestData.Uniform(random, batch * p.InChannels * s.Aggregate(1, (a, b) => a * b)).Select(v => 4 * v).ToArray();
                var (expected, magnitude) = ReferenceConv.Run(p, input, weight, bias, batch, s);
                var output = new float[expected.Length];
                output.AsSpan().Fill(float.NaN); // an element the layer forgets to write fails
                forward(input, output, batch, s, 1);
                string context = $"{layer.Name} batch {batch} input {string.Join("x", s)}";
                AssertActivated(p, expected, magnitude, output, context);
                foreach (int threads in new[] { 2, 3 })
                {
                    var threaded = new float[expected.Length];
                    forward(input, threaded, batch, s, threads);
                    Assert.True(output.AsSpan().SequenceEqual(threaded), $"{context}: {threads} threads differ from one");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rejects_every_input_size_pytorch_rejects(NdCase layer)
    {
        if (layer.FixedSize is not null) return;
        var p = layer.Parameters;
        var (forward, _) = layer.Create(new float[p.WeightLength], p.Bias ? new float[p.OutChannels] : null);
        var all = (p.Rank switch { 1 => Sizes1, 2 => Sizes2, _ => Sizes3 }).Append(Enumerable.Repeat(0, p.Rank).ToArray());
        foreach (int[] s in all.Where(s => ReferenceConv.Invalid(p, s) is not null))
        {
            long length = Math.Max(0L, s.Aggregate((long)p.InChannels, (a, b) => a * b));
            Assert.ThrowsAny<ArgumentException>(() => forward(new float[length], new float[16], 1, s, 1));
        }
    }

    [Fact]
    public void Wrong_lengths_name_the_shape_in_pytorchs_letters()
    {
        var layer = new C1Basic(new float[6 * 4 * 3], new float[6]);
        var ex = Assert.Throws<ArgumentException>(() => layer.Forward(new float[2 * 4 * 10 - 1], new float[2 * 6 * 10], 2, 10));
        Assert.Contains("(N=2, C=4, L=10) needs 80", ex.Message);
        var c3 = new C3C3d(new float[8 * 3 * 27], new float[8]);
        ex = Assert.Throws<ArgumentException>(() => c3.Forward(new float[3 * 2 * 3 * 4], new float[8 * 2 * 3 * 5], 1, 2, 3, 4));
        Assert.Contains("(N=1, C=8, D=2, H=3, W=4) needs 192", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => new C3C3d(new float[8 * 3 * 9], new float[8]));
        Assert.Contains("(out=8, in/groups=3, kD=3, kH=3, kW=3) needs 648", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => new C3Fixed(new float[3 * 2 * 27], new float[3]).Forward(new float[2 * 4 * 5 * 7], new float[3 * 4 * 5 * 7], 1, 4, 5, 7));
        Assert.Contains("generated for 4 x 5 x 6 inputs", ex.Message);
    }

    [Fact]
    public void Fixed_size_constants_and_overloads_match_the_general_call()
    {
        Assert.Equal((4, 5, 6, 4, 5, 6), (C3Fixed.InputDepth, C3Fixed.InputHeight, C3Fixed.InputWidth, C3Fixed.OutputDepth, C3Fixed.OutputHeight, C3Fixed.OutputWidth));
        Assert.Equal(7, C1Readme.GetOutputLength(16));
        Assert.Equal(2, C3Rect.GetOutputDepth(4));
        var random = new Random(5);
        var layer = new C3Fixed(TestData.Uniform(random, C3Fixed.WeightLength), TestData.Uniform(random, 3));
        float[] input = TestData.Uniform(random, 2 * C3Fixed.InputLength);
        var a = new float[2 * C3Fixed.OutputLength];
        var b = new float[a.Length];
        layer.Forward(input, a, 2);
        layer.Forward(input, b, 2, 4, 5, 6);
        Assert.Equal(a, b);
    }

    /// <summary>
    /// The convolution's rounding error (γ·Σ|w·x|, see <see cref="TestData.AssertClose"/>) magnified by at most the
    /// activation's largest slope, plus the activation's own float32 error: a few units in the last place of its result.
    /// </summary>
    internal static void AssertActivated(ConvParameters p, double[] expected, double[] magnitude, ReadOnlySpan<float> actual, string context)
    {
        int terms = p.InChannelsPerGroup * p.KernelSize.Aggregate(1, (a, b) => a * b);
        double u = Math.Pow(2, -24), k = terms + 2, gamma = k * u / (1 - k * u);
        double lipschitz = ReferenceConv.Lipschitz(p.Activation, p.NegativeSlope);
        for (int i = 0; i < expected.Length; i++)
        {
            double e = ReferenceConv.Activate(expected[i], p.Activation, p.NegativeSlope), a = actual[i];
            double allowed = lipschitz * gamma * magnitude[i] + 8 * u * Math.Abs(e) + 1e-37;
            bool ok = double.IsNaN(e) ? double.IsNaN(a) : double.IsInfinity(e) ? a == e : Math.Abs(a - e) <= allowed;
            if (!ok)
                throw new Xunit.Sdk.XunitException($"{context}: element {i} is {a:R}, reference {e:R} (allowed error {allowed:E2})");
        }
    }
}

/// <summary>Zero bytes per call once warm, for every driver the new layers use (per-thread buffers survive full GCs).</summary>
public class ConvNdAllocationTests
{
    [Fact]
    public void Conv1d_Conv3d_ConvTranspose_depthwise_blocks_single_pixel_and_activations_allocate_nothing_in_steady_state()
    {
        var c1 = new C1TcnGelu(new float[8 * 4 * 3], new float[8]);
        var c3 = new C3Rect(new float[5 * 3 * 30], new float[5]);
        var t2 = new T2Dcgan(new float[8 * 4 * 16], new float[4]);
        var t3 = new T3Video(new float[2 * 3 * 18], new float[3]);
        float[] x1 = new float[2 * 4 * 50], y1 = new float[2 * 8 * 50];
        float[] x3 = new float[3 * 6 * 9 * 11], y3 = new float[5 * 3 * 9 * 9];
        float[] xt = new float[8 * 7 * 9], yt = new float[4 * 14 * 18];
        float[] xt3 = new float[2 * 3 * 4 * 5], yt3 = new float[3 * 6 * 4 * 9];
        // Depthwise on a 7×7 image (channel blocks) and a 1×1 layer on one pixel (matrix–vector product); their
        // multi-threaded calls are in ThreadingTests (a 30×30 depthwise layer takes the channel blocks too).
        var dw = new A2DepthwiseBlocksSilu(new float[20 * 25], new float[20]);
        var gate = new A2SqueezeExcitationGate(new float[44 * 40], new float[44]);
        float[] xd = new float[2 * 20 * 7 * 7], yd = new float[2 * 20 * 7 * 7], xg = new float[2 * 40], yg = new float[2 * 44];
        void Round()
        {
            c1.Forward(x1, y1, 2, 50);
            c3.Forward(x3, y3, 1, 6, 9, 11);
            t2.Forward(xt, yt, 1, 7, 9);
            t3.Forward(xt3, yt3, 1, 3, 4, 5);
            dw.Forward(xd, yd, 2, 7, 7);
            gate.Forward(xg, yg, 2, 1, 1);
        }

        Round(); // warm up: JIT, static constructors, this thread's buffers
        Round();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 5; i++)
        {
            Round();
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
