using System;
using System.Linq;
using Xunit;

namespace ConvGen.Numerics.Tests;

/// <summary>
/// Softmax against a double reference: m = max along the axis, e = exp(x − m), y = e/Σe. ConvGen rounds x − m once
/// (relative error u, which exp turns into |x − m|·u), exp within 1.5 ulp, the sum of n positive terms within γ_n, and
/// the scale 1/Σ and the product one rounding each, so |y − ref| ≤ (|x − m| + n + 5)·u·y: a few ulp for the typical
/// row, and what PyTorch's own float computation carries (the same steps). NaN, +∞ or only −∞ along the axis make the
/// slice NaN, −∞ beside finite values gives 0, as in PyTorch.
/// </summary>
public class SoftmaxTests
{
    private const double U = 1.0 / (1 << 24);

    /// <summary>Reference along axis <paramref name="dim"/> of <paramref name="shape"/>, and the bound per element.</summary>
    private static (double[] Y, double[] Bound) Reference(float[] x, int[] shape, int dim)
    {
        long outer = shape.Take(dim).Aggregate(1L, (a, b) => a * b), inner = shape.Skip(dim + 1).Aggregate(1L, (a, b) => a * b);
        int n = shape[dim];
        var y = new double[x.Length];
        var bound = new double[x.Length];
        for (long o = 0; o < outer; o++)
        for (long j = 0; j < inner; j++)
        {
            long At(int c) => (o * n + c) * inner + j;
            double m = double.NegativeInfinity;
            bool nan = false;
            for (int c = 0; c < n; c++)
            {
                if (float.IsNaN(x[At(c)])) nan = true;
                m = Math.Max(m, x[At(c)]);
            }

            double sum = 0;
            for (int c = 0; c < n; c++) sum += Math.Exp(x[At(c)] - m);
            for (int c = 0; c < n; c++)
            {
                double d = x[At(c)] - m;
                y[At(c)] = nan ? double.NaN : Math.Exp(d) / sum;
                bound[At(c)] = ((double.IsFinite(d) ? Math.Abs(d) : 0) + n + 5) * U * Math.Abs(y[At(c)]) + 1e-45;
            }
        }

        return (y, bound);
    }

    private static void AssertClose(double[] expected, double[] bound, float[] actual, string context)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            double e = expected[i], a = actual[i];
            bool ok = double.IsNaN(e) ? double.IsNaN(a) : Math.Abs(a - e) <= bound[i];
            if (!ok) throw new Xunit.Sdk.XunitException($"{context}: element {i} is {a:R}, reference {e:R} (bound {bound[i]:E2})");
        }
    }

    private static float[] Values(Random random, int length, double scale) =>
        Enumerable.Range(0, length).Select(_ => (float)((random.NextDouble() * 2 - 1) * scale)).ToArray();

    public static TheoryData<int, int, int, int> Shapes => new()
    {
        { 1, 1, 1, 1 }, { 2, 3, 4, 5 }, { 1, 10, 7, 7 }, { 3, 17, 1, 1 }, { 2, 33, 3, 11 }, { 1, 1000, 1, 1 }, { 2, 5, 16, 16 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Every_dim_of_NCHW_matches_the_reference(int n, int c, int h, int w)
    {
        var random = new Random(n * 1000 + c * 100 + h * 10 + w);
        int[] shape = { n, c, h, w };
        foreach (double scale in new[] { 1.0, 30.0 })
        {
            float[] x = Values(random, n * c * h * w, scale);
            (ISoftmaxLayer Layer, int Axis)[] layers =
                { (new SoftmaxDim1(), 1), (new SoftmaxMinus3(), 1), (new SoftmaxDim0(), 0), (new SoftmaxDim3(), 3), (new SoftmaxLast(), 3) };
            foreach (var (layer, axis) in layers)
            {
                var y = new float[x.Length];
                layer.Forward(x, y, n, c, h, w);
                var (expected, bound) = Reference(x, shape, axis);
                AssertClose(expected, bound, y, $"dim={layer.Dim} ({n}, {c}, {h}, {w}) scale {scale}");
                var inPlace = (float[])x.Clone();
                layer.Forward(inPlace, inPlace, n, c, h, w);
                Assert.Equal(y, inPlace);
            }
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 10)]
    [InlineData(3, 15)]
    [InlineData(4, 16)]
    [InlineData(5, 17)]
    [InlineData(2, 1000)]
    [InlineData(32, 7)]
    public void Rows_by_features_match_the_reference(int rows, int features)
    {
        var random = new Random(rows * 7919 + features);
        float[] x = Values(random, rows * features, 20);
        foreach (var (layer, axis) in new (ISoftmaxLayer, int)[] { (new SoftmaxDim1(), 1), (new SoftmaxLast(), 1), (new SoftmaxDim0(), 0) })
        {
            var y = new float[x.Length];
            layer.Forward(x, y, rows, features);
            var (expected, bound) = Reference(x, new[] { rows, features }, axis);
            AssertClose(expected, bound, y, $"dim={layer.Dim} ({rows}, {features})");
        }
    }

    [Fact]
    public void Special_values_behave_as_in_PyTorch()
    {
        const int features = 21;
        float[][] rows =
        {
            Enumerable.Range(0, features).Select(i => i == 4 ? float.NaN : i * 0.5f).ToArray(),                  // NaN: all NaN
            Enumerable.Range(0, features).Select(i => i == 7 ? float.PositiveInfinity : 1f).ToArray(),           // +∞: all NaN
            Enumerable.Repeat(float.NegativeInfinity, features).ToArray(),                                      // only −∞: NaN
            Enumerable.Range(0, features).Select(i => i % 3 == 0 ? float.NegativeInfinity : i).ToArray(),        // −∞ → 0
            Enumerable.Range(0, features).Select(i => i % 2 == 0 ? 3e38f : -3e38f).ToArray(),                    // huge: x − max overflows to −∞
            Enumerable.Range(0, features).Select(i => i == 0 ? 1e30f : -0f).ToArray(),                           // one dominates
            Enumerable.Range(0, features).Select(i => i % 2 == 0 ? 0f : -0f).ToArray(),                          // ±0: uniform
            Enumerable.Range(0, features).Select(i => 80f + i).ToArray(),                                       // would overflow exp without the max
        };
        float[] x = rows.SelectMany(r => r).ToArray();
        var (expected, bound) = Reference(x, new[] { rows.Length, features }, 1);
        foreach (ISoftmaxLayer layer in new ISoftmaxLayer[] { new SoftmaxDim1(), new SoftmaxLast() })
        {
            var y = new float[x.Length];
            layer.Forward(x, y, rows.Length, features);
            AssertClose(expected, bound, y, "rows");
            Assert.All(y.Take(3 * features), v => Assert.True(float.IsNaN(v)));
            Assert.Equal(0f, y[3 * features]);
        }

        // The same values as channels of one pixel column of an NCHW tensor: the strided path.
        float[] nchw = new float[rows.Length * features * 3];
        for (int r = 0; r < rows.Length; r++)
        for (int c = 0; c < features; c++)
        for (int p = 0; p < 3; p++)
            nchw[(r * features + c) * 3 + p] = rows[r][c];
        var y4 = new float[nchw.Length];
        new SoftmaxDim1().Forward(nchw, y4, rows.Length, features, 1, 3);
        var (e4, b4) = Reference(nchw, new[] { rows.Length, features, 1, 3 }, 1);
        AssertClose(e4, b4, y4, "channels");
    }

    [Fact]
    public void Shapes_and_dims_are_checked()
    {
        var layer = new SoftmaxDim3();
        var ex = Assert.Throws<ArgumentException>(() => layer.Forward(new float[6], new float[6], 2, 3));
        Assert.Contains("Dimension out of range (expected to be in range of [-2, 1], but got 3)", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => new SoftmaxDim1().Forward(new float[5], new float[6], 2, 3));
        Assert.Contains("input has 5 elements but shape (rows=2, features=3) needs 6", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => new SoftmaxDim1().Forward(new float[6], new float[6], 1, 2, 3, 2));
        Assert.Contains("needs 12", ex.Message);
    }
}
