using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.Intrinsics;
using ConvGen.Internal;
using Xunit;
using Xunit.Abstractions;

namespace ConvGen.Numerics.Tests;

/// <summary>
/// Activations against a double-precision reference, on every width this process accelerates (and the scalar
/// overload, which kernels use for tail columns). .ci/run repeats this under DOTNET_EnableAVX512=0, DOTNET_EnableAVX2=0
/// and DOTNET_EnableHWIntrinsic=0, so each width, with and without FMA, meets the bounds. The bounds are in ulps of the
/// float nearest the reference; the measured maxima are in the table at the top of Activations.cs.
/// </summary>
public class ActivationTests(ITestOutputHelper output)
{
    private const float LeakySlope = 0.01f; // torch.nn.LeakyReLU's default

    /// <summary>
    /// One activation: its four overloads, a double reference, a bound in ulps, and for two functions an absolute
    /// allowance on top (see <see cref="Functions"/>).
    /// </summary>
    public sealed record Activation(
        string Name,
        Func<Vector512<float>, Vector512<float>> V512,
        Func<Vector256<float>, Vector256<float>> V256,
        Func<Vector128<float>, Vector128<float>> V128,
        Func<float, float> Scalar,
        Func<double, double> Reference,
        double Ulps,
        Func<double, double, double>? Slack = null);

    private static readonly double Subnormal = Math.ScaleB(1, -149); // float.Epsilon, the ulp of the subnormals

    private static readonly Activation[] Functions =
    [
        new("Exp", Activations.Exp, Activations.Exp, Activations.Exp, Activations.Exp, Math.Exp, 1.5),
        new("ReLU", Activations.ReLU, Activations.ReLU, Activations.ReLU, Activations.ReLU, x => Math.Max(x, 0), 0),
        new("ReLU6", Activations.ReLU6, Activations.ReLU6, Activations.ReLU6, Activations.ReLU6, x => Math.Min(Math.Max(x, 0), 6), 0),
        new("LeakyReLU", x => Activations.LeakyReLU(x, LeakySlope), x => Activations.LeakyReLU(x, LeakySlope),
            x => Activations.LeakyReLU(x, LeakySlope), x => Activations.LeakyReLU(x, LeakySlope), x => x > 0 ? x : x * LeakySlope, 0.5),
        new("Sigmoid", Activations.Sigmoid, Activations.Sigmoid, Activations.Sigmoid, Activations.Sigmoid, x => 1 / (1 + Math.Exp(-x)), 2.5),
        new("Tanh", Activations.Tanh, Activations.Tanh, Activations.Tanh, Activations.Tanh, Math.Tanh, 1.5),
        new("Hardsigmoid", Activations.Hardsigmoid, Activations.Hardsigmoid, Activations.Hardsigmoid, Activations.Hardsigmoid,
            x => Math.Min(Math.Max(x / 6 + 0.5, 0), 1), 1.25),
        new("Hardswish", Activations.Hardswish, Activations.Hardswish, Activations.Hardswish, Activations.Hardswish, Reference.Hardswish, 2),
        // Below x = −87.3, e^x is subnormal: rounded to a multiple of 2^−149 it is off by up to 2^−150 however well it is
        // computed, and x·e^x carries |x| times that, beyond any ulp bound of the tiny result (52 ulp at x = −104).
        new("SiLU", Activations.SiLU, Activations.SiLU, Activations.SiLU, Activations.SiLU, x => x / (1 + Math.Exp(-x)), 3,
            (x, _) => Math.Abs(x) * Subnormal),
        new("GELU", Activations.GELU, Activations.GELU, Activations.GELU, Activations.GELU, Reference.Gelu, 4.5),
        // x·σ(v) with v = 2√(2/π)(x + 0.044715x³) rounded a few times in float (relative 4·2^−24): d ln σ(v)/d ln v = v·σ(−v),
        // so the result is off by that much relative however well σ is computed (188 ulp at x = −9.86, where v = −86);
        // plus the subnormal e^v times |x|, as in SiLU. Elsewhere both terms are far below an ulp.
        new("GeluTanh", Activations.GeluTanh, Activations.GeluTanh, Activations.GeluTanh, Activations.GeluTanh, Reference.GeluTanh, 2,
            (x, y) => 4 * Math.ScaleB(1, -24) * Math.Abs(Reference.GeluTanhArgument(x) / (1 + Math.Exp(Reference.GeluTanhArgument(x))) * y)
                      + Math.Abs(x) * Subnormal),
    ];

    public static TheoryData<string> Names
    {
        get
        {
            var names = new TheoryData<string>();
            foreach (var f in Functions) names.Add(f.Name);
            return names;
        }
    }

    private static Activation Function(string name) => Functions.Single(f => f.Name == name);

    // ---- Widths ----

    public enum Width { Scalar, V128, V256, V512 }

    /// <summary>The scalar overload and every vector width this process accelerates, widest last.</summary>
    private static IEnumerable<Width> TestedWidths()
    {
        yield return Width.Scalar;
        if (Vector128.IsHardwareAccelerated) yield return Width.V128;
        if (Vector256.IsHardwareAccelerated) yield return Width.V256;
        if (Vector512.IsHardwareAccelerated) yield return Width.V512;
    }

    /// <summary>The width a generated layer's kernels use here.</summary>
    private static Width Widest => TestedWidths().Last();

    /// <summary>f on each of xs through the overload of the given width, a partial last vector padded with zeros.</summary>
    private static float[] Apply(Activation f, float[] xs, Width width)
    {
        int lanes = width switch { Width.V512 => 16, Width.V256 => 8, Width.V128 => 4, _ => 1 };
        var ys = new float[xs.Length];
        var lane = new float[lanes];
        for (int i = 0; i < xs.Length; i += lanes)
        {
            int count = Math.Min(lanes, xs.Length - i);
            Array.Clear(lane);
            Array.Copy(xs, i, lane, 0, count);
            switch (width)
            {
                case Width.V512: f.V512(Vector512.Create(lane)).CopyTo(lane); break;
                case Width.V256: f.V256(Vector256.Create(lane)).CopyTo(lane); break;
                case Width.V128: f.V128(Vector128.Create(lane)).CopyTo(lane); break;
                default: lane[0] = f.Scalar(lane[0]); break;
            }
            Array.Copy(lane, 0, ys, i, count);
        }
        return ys;
    }

    private static float[] ApplyWidest(Activation f, float[] xs) => Apply(f, xs, Widest);

    // ---- Arguments ----

    /// <summary>100,000 arguments log-uniform on ±[1e-30, 100] and 100,000 uniform on [−20, 20], the same every run.</summary>
    private static readonly float[] Sweep = MakeSweep();

    private static float[] MakeSweep()
    {
        var random = new Random(20250101);
        var xs = new float[200_000];
        for (int i = 0; i < 100_000; i++)
            xs[i] = (i % 2 == 0 ? 1 : -1) * (float)Math.Pow(10, -30 + 32 * random.NextDouble());
        for (int i = 100_000; i < xs.Length; i++)
            xs[i] = (float)(-20 + 40 * random.NextDouble());
        return xs;
    }

    private static readonly float[] Specials =
    [
        0f, -0f, float.PositiveInfinity, float.NegativeInfinity, float.NaN, float.Epsilon, -float.Epsilon,
        float.MaxValue, -float.MaxValue, 1.17549435e-38f, -1.17549435e-38f, 1e-40f, -1e-40f, 1e-20f, -1e-20f,
        // e^x's overflow and underflow: 88.7228317 is the last finite result, e^x < 2^-150 from −103.97
        88.7f, -88.7f, 88.72283f, 88.7228317f, 88.7228394f, 89f, -87.33655f, -87.3f, -103.97f, -103.98f, -104f, -104.1f, -150f,
        // ReLU6, Hardsigmoid and Hardswish breakpoints and their neighbours
        -3f, 3f, 6f, -6f, -2.99999976f, -3.00000024f, 2.99999976f, 3.00000024f, 5.99999952f, 6.00000048f,
        // Tanh's switch from the polynomial, its saturation; GELU's tail end
        0.625f, 0.624999940f, -0.625f, 9f, -9f, 44.4f, -44.4f, 14.42f, -14.42f, 14.5f, -14.5f, 13.2f, -13.2f, 1e10f, -1e10f,
    ];

    // ---- Checking ----

    /// <summary>The spacing of floats at |y| (float.Epsilon below the normal range).</summary>
    private static double Ulp(double y)
    {
        y = Math.Abs(y);
        return y < 1.17549435e-38 ? Subnormal : Math.ScaleB(1, Math.ILogB(y) - 23);
    }

    /// <summary>
    /// Checks f's outputs ys for xs against the reference and prints the largest error in ulps beyond the slack.
    /// NaN and ±∞ (of the reference rounded to float) must be met exactly.
    /// </summary>
    private void Check(Activation f, Width width, float[] xs, float[] ys)
    {
        double worst = 0, worstX = double.NaN;
        var failures = new List<string>();
        for (int i = 0; i < xs.Length; i++)
        {
            double expected = f.Reference(xs[i]);
            float actual = ys[i];
            double ulps;
            if (double.IsNaN(expected) || float.IsInfinity((float)expected) || !float.IsFinite(actual))
                ulps = actual.Equals((float)expected) ? 0 : double.PositiveInfinity; // float.Equals: NaN equals NaN
            else
                ulps = Math.Max(0, Math.Abs(actual - expected) - (f.Slack?.Invoke(xs[i], expected) ?? 0)) / Ulp(expected);
            if (ulps > worst) (worst, worstX) = (ulps, xs[i]);
            if (ulps > f.Ulps && failures.Count < 10)
                failures.Add($"{f.Name}({xs[i]:R}) = {actual:R}, reference {expected:R}: {ulps:F2} ulp");
        }
        output.WriteLine($"{f.Name,-12} {width,-6} max {worst:F2} ulp (bound {f.Ulps}) at x = {worstX:R}");
        Assert.True(failures.Count == 0, $"{width}:\n" + string.Join("\n", failures));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Sweep_is_within_the_bound_on_every_width(string name)
    {
        var f = Function(name);
        foreach (var width in TestedWidths())
            Check(f, width, Sweep, Apply(f, Sweep, width));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Special_values_are_within_the_bound_on_every_width(string name)
    {
        var f = Function(name);
        foreach (var width in TestedWidths())
            Check(f, width, Specials, Apply(f, Specials, width));
    }

    /// <summary>A kernel's tail columns (narrower vectors, scalar) get the bits its full vectors would; any NaN for NaN.</summary>
    [Theory]
    [MemberData(nameof(Names))]
    public void Every_width_gives_the_bits_of_the_widest(string name)
    {
        var f = Function(name);
        float[] xs = [.. Sweep, .. Specials];
        float[] widest = ApplyWidest(f, xs);
        foreach (var width in TestedWidths())
        {
            float[] ys = Apply(f, xs, width);
            for (int i = 0; i < xs.Length; i++)
                Assert.True(BitConverter.SingleToInt32Bits(ys[i]) == BitConverter.SingleToInt32Bits(widest[i]) || float.IsNaN(ys[i]) && float.IsNaN(widest[i]),
                    $"{name}({xs[i]:R}): {width} gives {ys[i]:R}, {Widest} {widest[i]:R}");
        }
    }

    /// <summary>
    /// Hardsigmoid and Hardswish round as torch's CPU kernels (hardsigmoid_kernel, hardswish_kernel), whose float
    /// operations are written out here: the same value bit for bit, not only within the bound.
    /// </summary>
    [Fact]
    public void Hardsigmoid_and_Hardswish_round_as_torch()
    {
        static float Relu6(float x) => MathF.Min(MathF.Max(x, 0f), 6f); // MathF.Max/Min propagate NaN, as torch's
        float[] xs = [.. Sweep, .. Specials];
        foreach (var (name, torch) in new (string, Func<float, float>)[] { ("Hardsigmoid", x => Relu6(x + 3f) / 6f), ("Hardswish", x => x * Relu6(x + 3f) / 6f) })
            foreach (var width in TestedWidths())
            {
                float[] ys = Apply(Function(name), xs, width);
                for (int i = 0; i < xs.Length; i++)
                    Assert.True(ys[i].Equals(torch(xs[i])), $"{name}({xs[i]:R}) on {width}: {ys[i]:R}, torch's formula {torch(xs[i]):R}");
            }
    }

    /// <summary>The limits the XML docs promise, PyTorch's where its formula gives NaN (∞·0).</summary>
    [Theory]
    [InlineData("Exp", float.NegativeInfinity, 0f)]
    [InlineData("Exp", float.PositiveInfinity, float.PositiveInfinity)]
    [InlineData("Exp", 88.7228394f, float.PositiveInfinity)]
    [InlineData("Exp", -104f, 0f)]
    [InlineData("ReLU", float.NaN, float.NaN)]
    [InlineData("ReLU", -0f, 0f)]
    [InlineData("ReLU6", float.NaN, float.NaN)]
    [InlineData("ReLU6", float.PositiveInfinity, 6f)]
    [InlineData("LeakyReLU", float.NaN, float.NaN)]
    [InlineData("LeakyReLU", float.NegativeInfinity, float.NegativeInfinity)]
    [InlineData("Sigmoid", float.NegativeInfinity, 0f)]
    [InlineData("Sigmoid", float.PositiveInfinity, 1f)]
    [InlineData("Sigmoid", -100f, 3.72007598e-44f)] // subnormal, where 1/(1 + e^100) would be 0
    [InlineData("Tanh", float.NegativeInfinity, -1f)]
    [InlineData("Tanh", float.PositiveInfinity, 1f)]
    [InlineData("Tanh", -0f, -0f)]
    [InlineData("Hardsigmoid", float.NaN, float.NaN)]
    [InlineData("Hardsigmoid", float.NegativeInfinity, 0f)]
    [InlineData("Hardsigmoid", float.PositiveInfinity, 1f)]
    [InlineData("Hardswish", float.NegativeInfinity, float.NaN)] // −∞·0, as torch
    [InlineData("Hardswish", float.PositiveInfinity, float.PositiveInfinity)]
    [InlineData("Hardswish", float.MaxValue, float.PositiveInfinity)] // x·6 overflows, as torch
    [InlineData("SiLU", float.NegativeInfinity, float.NaN)] // −∞/(1 + ∞), as torch
    [InlineData("SiLU", float.PositiveInfinity, float.PositiveInfinity)]
    [InlineData("GELU", float.NegativeInfinity, float.NaN)] // −∞·0.5·(1 + erf(−∞)), as torch
    [InlineData("GELU", float.PositiveInfinity, float.PositiveInfinity)]
    [InlineData("GELU", -0f, -0f)]
    [InlineData("GeluTanh", float.NegativeInfinity, float.NaN)] // as torch
    [InlineData("GeluTanh", float.PositiveInfinity, float.PositiveInfinity)]
    public void Limits_are_the_documented_ones(string name, float x, float expected)
    {
        var f = Function(name);
        foreach (var width in TestedWidths())
        {
            float actual = Apply(f, [x], width)[0];
            Assert.True(BitConverter.SingleToInt32Bits(actual) == BitConverter.SingleToInt32Bits(expected) || float.IsNaN(actual) && float.IsNaN(expected),
                $"{name}({x:R}) on {width}: {actual:R}, expected {expected:R}");
        }
    }

    [Fact]
    public void Reference_erfc_matches_tabulated_values_and_its_two_methods_agree()
    {
        // Values from a 30-digit evaluation.
        (double u, double erfc)[] table =
        [
            (0.5, 0.47950012218695346), (1, 0.15729920705028513), (2, 0.0046777349810472658),
            (2.5, 0.00040695201744495894), (3, 2.2090496998585441e-5), (5, 1.5374597944280349e-12), (10, 2.0884875837625448e-45),
        ];
        foreach (var (u, erfc) in table)
            Assert.True(Math.Abs(Reference.Erfc(u) / erfc - 1) < 1e-14, $"erfc({u}) = {Reference.Erfc(u):R}, expected {erfc:R}");
        for (double u = 1; u <= 2; u += 0.01)
        {
            double series = 1 - Reference.ErfSeries(u), fraction = Reference.ErfcContinuedFraction(u);
            Assert.True(Math.Abs(series / fraction - 1) < 1e-12, $"erfc({u}): series {series:R}, continued fraction {fraction:R}");
        }
        Assert.Equal(2, Reference.Erfc(double.NegativeInfinity));
        Assert.Equal(0, Reference.Erfc(double.PositiveInfinity));
    }

    /// <summary>Double-precision references, written in forms that do not cancel where the float result is tiny.</summary>
    private static class Reference
    {
        /// <summary>x·relu6(x + 3)/6, except that x·relu6(x + 3) overflows as it does in float (and in torch).</summary>
        public static double Hardswish(double x)
        {
            double product = x * Math.Min(Math.Max(x + 3, 0), 6);
            return (float.IsInfinity((float)product) ? (float)product : product) / 6;
        }

        /// <summary>x·Φ(x) = 0.5·x·erfc(−x/√2): no 1 + erf to cancel.</summary>
        public static double Gelu(double x) => 0.5 * x * Erfc(-x / Math.Sqrt(2));

        public static double GeluTanhArgument(double x) => 2 * Math.Sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x);

        /// <summary>0.5·x·(1 + tanh(v/2)) = x/(1 + e^−v): no 1 + tanh to cancel.</summary>
        public static double GeluTanh(double x) => x / (1 + Math.Exp(-GeluTanhArgument(x)));

        public static double Erfc(double u) =>
            double.IsNaN(u) ? u : u < 0 ? 2 - Erfc(-u) : u < 1 ? 1 - ErfSeries(u) : ErfcContinuedFraction(u);

        /// <summary>erf u = 2/√π·e^(−u²)·Σ 2^n·u^(2n+1)/(1·3·…·(2n+1)): positive terms, no cancellation.</summary>
        public static double ErfSeries(double u)
        {
            double term = u, sum = u;
            for (int n = 1; term > 1e-18 * sum; n++)
            {
                term *= 2 * u * u / (2 * n + 1);
                sum += term;
            }
            return 2 / Math.Sqrt(Math.PI) * Math.Exp(-u * u) * sum;
        }

        /// <summary>erfc u = e^(−u²)/√π / (u + (1/2)/(u + (2/2)/(u + (3/2)/(u + …)))), 400 levels: 1e-16 from u = 1 on.</summary>
        public static double ErfcContinuedFraction(double u)
        {
            double f = u;
            for (int k = 400; k >= 1; k--)
                f = u + k / 2.0 / f;
            return Math.Exp(-u * u) / Math.Sqrt(Math.PI) / f;
        }
    }
}
