using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace ConvGen.Numerics.Tests;

/// <summary>
/// The activation layers: each against a double reference within the ulp bound of its function (the bounds measured
/// and asserted in <see cref="ActivationTests"/>; the piecewise-linear ones bit-exact against PyTorch's float formula),
/// on arguments from −20 to 20, large magnitudes and NaN/±∞/±0; every length 0–70 (vector tails), both Forward
/// overloads, in place, and the shape checks. Run per instruction set like every numeric test.
/// </summary>
public class ActivationLayerTests
{
    /// <param name="Slack">Error beyond the ulp bound that the function's conditioning allows (as in ActivationTests).</param>
    public sealed record Case(string Name, IElementwiseLayer Layer, Func<float, double> Reference, double Ulps, Func<float, float>? Exact = null,
        Func<double, double, double>? Slack = null);

    private const float U = 1f / (1 << 24);

    private static float Relu6(float x) => float.IsNaN(x) ? x : MathF.Min(MathF.Max(x, 0f), 6f);

    private static double GeluTanhArgument(double x) => 2 * Math.Sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x);

    /// <summary>erfc in double: 1 − erf (series) below 2, the continued fraction from 2 on, erfc(−z) = 2 − erfc z.</summary>
    private static double Erfc(double z)
    {
        if (double.IsNaN(z)) return z;
        if (z < 2) return 1 - ReferenceConv.Erf(z);
        if (z > 27) return 0;
        double f = z;
        for (int k = 200; k >= 1; k--) f = z + k / 2.0 / f;
        return Math.Exp(-z * z) / Math.Sqrt(Math.PI) / f;
    }

    private static readonly Case[] Cases =
    [
        new("ReLU", new ActReLU(), x => float.IsNaN(x) ? x : Math.Max(x, 0), 0, x => float.IsNaN(x) ? x : x > 0 ? x : 0f),
        new("ReLU6", new ActReLU6(), x => float.IsNaN(x) ? x : Math.Min(Math.Max(x, 0), 6), 0, Relu6),
        new("LeakyReLU", new ActLeakyDefault(), x => x > 0 ? x : x * (double)0.01f, 0.5, x => x > 0 ? x : x * 0.01f),
        new("LeakyReLU(0.2)", new ActLeaky02(), x => x > 0 ? x : x * (double)0.2f, 0.5, x => x > 0 ? x : x * 0.2f),
        new("Sigmoid", new ActSigmoid(), x => 1 / (1 + Math.Exp(-(double)x)), 2.5),
        new("Tanh", new ActTanh(), x => Math.Tanh(x), 1.5),
        // PyTorch's float evaluation: relu6(x + 3) / 6 and x·relu6(x + 3) / 6, bit for bit.
        new("Hardsigmoid", new ActHardsigmoid(), x => Math.Min(Math.Max(x / 6.0 + 0.5, 0), 1), 1.25, x => Relu6(x + 3f) / 6f),
        new("Hardswish", new ActHardswish(), x => x * Math.Min(Math.Max(x + 3.0, 0), 6) / 6, 2, x => x * Relu6(x + 3f) / 6f),
        // Below x = −87.3 e^x is subnormal: |x|·2^−149 beyond the bound (ActivationTests).
        new("SiLU", new ActSiLU(), x => x / (1 + Math.Exp(-(double)x)), 3, null, (x, _) => Math.Abs(x) * float.Epsilon),
        // x·Φ(x) = 0.5·x·erfc(−x/√2) and x·σ(2v): the forms that do not cancel in the negative tail.
        new("GELU", new ActGelu(), x => 0.5 * x * Erfc(-x / Math.Sqrt(2)), 4.5),
        // v = 2√(2/π)(x + 0.044715x³) is rounded a few times in float: a relative error |v|·σ(−v)·4u of the result (ActivationTests).
        new("GELU(tanh)", new ActGeluTanh(), x => x / (1 + Math.Exp(-GeluTanhArgument(x))), 2, null,
            (x, y) => 4 * U * Math.Abs(GeluTanhArgument(x) / (1 + Math.Exp(GeluTanhArgument(x))) * y) + Math.Abs(x) * float.Epsilon),
        new("Dropout", new ActDropout(), x => x, 0, x => x),
        new("Dropout(0.2)", new ActDropout02(), x => x, 0, x => x),
    ];

    public static TheoryData<string> Names => new(Cases.Select(c => c.Name));

    private static Case Find(string name) => Cases.Single(c => c.Name == name);

    /// <summary>Uniform on [−20, 20], then the special values and large magnitudes.</summary>
    internal static float[] Arguments()
    {
        var random = new Random(12);
        var xs = Enumerable.Range(0, 4000).Select(_ => (float)(random.NextDouble() * 40 - 20)).ToList();
        xs.AddRange(new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0f, -0f, float.Epsilon, -float.Epsilon,
            1e-30f, -1e-30f, 3f, -3f, 6f, 1e30f, -1e30f, float.MaxValue, float.MinValue, 88.7f, -88.7f, 100f, -100f });
        return xs.ToArray();
    }

    private static double Ulp(double y)
    {
        float f = (float)Math.Abs(y);
        if (float.IsInfinity(f)) f = float.MaxValue;
        return Math.Max(MathF.BitIncrement(f) - f, float.Epsilon);
    }

    /// <summary>Bit-exact against PyTorch's float formula where there is one; else within the ulp bound of an accurate double reference.</summary>
    private static void AssertCase(Case c, float[] xs, ReadOnlySpan<float> ys, string context)
    {
        for (int i = 0; i < xs.Length; i++)
        {
            float x = xs[i], y = ys[i];
            if (c.Exact is not null)
            {
                float e = c.Exact(x);
                if (!(float.IsNaN(e) ? float.IsNaN(y) : BitConverter.SingleToInt32Bits(e) == BitConverter.SingleToInt32Bits(y)
                    || (e == 0 && y == 0 && c.Name.StartsWith("ReLU", StringComparison.Ordinal))))
                    throw new Xunit.Sdk.XunitException($"{context}: f({x:R}) = {y:R}, PyTorch's float formula gives {e:R}");
                continue;
            }

            double r = c.Reference(x);
            bool ok;
            if (double.IsNaN(r)) ok = float.IsNaN(y);
            else if (double.IsInfinity(r) || double.IsInfinity(y)) ok = y == r;
            else ok = Math.Abs(y - r) <= c.Ulps * Ulp(r) + (c.Slack?.Invoke(x, r) ?? 0);
            if (!ok) throw new Xunit.Sdk.XunitException($"{context}: f({x:R}) = {y:R}, reference {r:R} ({Math.Abs(y - r) / Ulp(r):F2} ulp, bound {c.Ulps})");
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Matches_the_reference_within_its_ulp_bound(string name)
    {
        var c = Find(name);
        float[] xs = Arguments();
        var ys = new float[xs.Length];
        c.Layer.Forward(xs, ys);
        AssertCase(c, xs, ys, name);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_length_both_overloads_and_in_place_agree(string name)
    {
        var c = Find(name);
        float[] all = Arguments();
        for (int n = 0; n <= 70; n++)
        {
            float[] xs = all.Skip(4000 - 50).Take(n).ToArray();
            float[] flat = new float[n], nchw = new float[n];
            c.Layer.Forward(xs, flat);
            c.Layer.Forward(xs, nchw, 1, n, 1, 1);
            float[] inPlace = (float[])xs.Clone();
            c.Layer.Forward(inPlace, inPlace);
            AssertCase(c, xs, flat, $"{name} n={n}");
            Assert.Equal(flat, nchw);
            Assert.Equal(flat, inPlace);
        }
    }

    [Fact]
    public void Shapes_are_checked()
    {
        var layer = new ActSigmoid();
        var ex = Assert.Throws<ArgumentException>(() => layer.Forward(new float[23], new float[24], 2, 3, 2, 2));
        Assert.Contains("input has 23 elements but shape (N=2, C=3, H=2, W=2) needs 24", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => layer.Forward(new float[24], new float[25]));
        Assert.Contains("output has 25 elements but the input has 24", ex.Message);
        Assert.Throws<ArgumentException>(() => layer.Forward(new float[0], new float[0], -1, 3, 2, 2));
        var shared = new float[30];
        ex = Assert.Throws<ArgumentException>(() => layer.Forward(shared.AsSpan(0, 20), shared.AsSpan(3, 20)));
        Assert.Contains("in-place", ex.Message);
        Assert.Throws<ArgumentException>(() => new ActDropout().Forward(shared.AsSpan(0, 20), shared.AsSpan(3, 20)));
        layer.Forward(new float[0], new float[0], 0, 3, 2, 2); // an empty batch is fine
    }

    [Fact]
    public void Constants_say_what_the_layer_computes()
    {
        Assert.Equal(0.2f, ActLeaky02.NegativeSlope);
        Assert.Equal(0.01f, ActLeakyDefault.NegativeSlope);
        Assert.Equal("tanh", ActGeluTanh.Approximate);
        Assert.Equal(Activation.GELUTanh, ActGeluTanh.Activation);
        Assert.Equal(Activation.GELU, ((IElementwiseLayer)new ActGelu()).Activation);
        Assert.Equal(0.5f, ActDropout.P);
        Assert.Equal(Activation.None, ActDropout02.Activation);
        Assert.Equal(-1, SoftmaxLast.Dim);
    }

    [Fact]
    public void Allocates_nothing_per_call_once_warm()
    {
        var layers = Cases.Select(c => c.Layer).ToArray();
        var softmax = new SoftmaxDim1();
        float[] x = new float[2 * 5 * 7 * 3], y = new float[x.Length];
        void Round()
        {
            foreach (var l in layers)
            {
                l.Forward(x, y);
                l.Forward(x, y, 2, 5, 7, 3);
                l.Forward(y, y);
            }

            softmax.Forward(x, y, 2, 5, 7, 3);
            softmax.Forward(x, y, 10, 21);
        }

        Round();
        Round();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 5; i++) Round();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
