using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ConvGen.Golden;
using Xunit;

namespace ConvGen.Conformance.Tests;

/// <summary>
/// Linear, the activation layers, Softmax and Dropout against PyTorch's own modules (golden-layers/linear and
/// golden-layers/activation, written by <c>tools/ConvGen.Oracle generate-linear</c>). Tolerances: a Linear output is a
/// sum of n = in products plus the bias that PyTorch and ConvGen each round in their own order, each within
/// γ_{n+2}·Σ|terms| of the exact value, so 2·γ_{n+2}·Σ|terms|, magnified by the fused activation's slope, plus both
/// activations' documented float errors (<see cref="ActivationReference"/>); an activation layer: both float errors
/// around the exact value; Softmax: (|x − max| + n + 5)·u·y each (see the numerics' SoftmaxTests). NaN/±∞ exactly
/// where PyTorch has them, except GELU(+∞): +∞ in ConvGen, NaN in libtorch (pytorch/pytorch#185770, README).
/// </summary>
public class LinearConformanceTests
{
    private static string Folder(string family) => Path.Combine(AppContext.BaseDirectory, "golden-layers", family);

    public static TheoryData<string> LinearNames => new(LinearGoldenLayers.Linear.Keys);

    public static TheoryData<string> ActivationNames => new(LinearGoldenLayers.Activation.Keys);

    private static Dictionary<string, GoldenTensor> Load(string family, string name) => TensorFile.Read(Path.Combine(Folder(family), name + ".bin"));

    [Fact]
    public void Every_golden_file_has_its_twin_and_the_set_covers_what_is_promised()
    {
        foreach (var (family, twins) in new (string, IEnumerable<string>)[] { ("linear", LinearGoldenLayers.Linear.Keys), ("activation", LinearGoldenLayers.Activation.Keys) })
        {
            var files = Directory.GetFiles(Folder(family), "*.bin").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(twins.Order(StringComparer.Ordinal), files);
        }

        Assert.True(LinearGoldenLayers.Linear.Count >= 60, $"{LinearGoldenLayers.Linear.Count} Linear files");
        foreach (string real in new[] { "512to1000-rows1", "512to1000-rows32", "1280to1000-rows1", "1280to1000-rows32", "400to120", "120to84", "84to10", "9216to4096" })
            Assert.Contains(LinearGoldenLayers.Linear.Keys, k => k.Contains(real, StringComparison.Ordinal));
        var modules = LinearGoldenLayers.Activation.Keys.GroupBy(k => k.Split('-')[1]).ToDictionary(g => g.Key, g => g.Count());
        foreach (string m in new[] { "relu", "relu6", "leakyrelu", "sigmoid", "tanh", "hardsigmoid", "hardswish", "silu", "gelu", "gelutanh", "dropout", "softmax" })
            Assert.True(modules.GetValueOrDefault(m) >= 10, $"{m}: {modules.GetValueOrDefault(m)} files");
    }

    // ---- Linear ----

    private static (float[] X, float[] W, float[]? B, float[] Y, int Rows, int In, int Out) ReadLinear(string name)
    {
        var t = Load("linear", name);
        float[] w = t.TryGetValue("weight", out var weight) ? weight.F32
            : SplitMix64.Uniform((int)(t["weight_seed"].I64[1] * t["weight_seed"].I64[2]), (ulong)t["weight_seed"].I64[0]);
        var x = t["input"];
        var y = t["output"];
        return (x.F32, w, t.TryGetValue("bias", out var b) ? b.F32 : null, y.F32, (int)x.Shape[0], (int)x.Shape[1], (int)y.Shape[1]);
    }

    /// <summary>Null when <paramref name="actual"/> agrees with PyTorch's <paramref name="torch"/> within the tolerance, else what differs.</summary>
    private static string? CompareLinear(LinearGoldenLayers.LinearTwin twin, float[] x, float[] w, float[]? b, float[] torch, float[] actual, int rows, int inF, int outF)
    {
        double u = ActivationReference.U, k = inF + 2, gamma = k * u / (1 - k * u);
        double lipschitz = ActivationReference.Lipschitz(twin.Activation, twin.Slope);
        for (int r = 0; r < rows; r++)
        for (int o = 0; o < outF; o++)
        {
            double sum = b?[o] ?? 0, magnitude = Math.Abs(sum);
            for (int i = 0; i < inF; i++)
            {
                double term = (double)x[r * inF + i] * w[o * inF + i];
                sum += term;
                magnitude += Math.Abs(term);
            }

            int at = r * outF + o;
            double t = torch[at], a = actual[at];
            if (double.IsNaN(t) || double.IsInfinity(t) || double.IsNaN(sum) || double.IsInfinity(sum))
            {
                if (!(double.IsNaN(t) ? double.IsNaN(a) : a == t)) return $"element ({r}, {o}) is {a:R}, PyTorch {t:R}";
                continue;
            }

            double e = ActivationReference.Exact(twin.Activation, sum, twin.Slope);
            double allowed = 2 * lipschitz * gamma * magnitude + ActivationReference.ConvGenError(twin.Activation, sum, e)
                + ActivationReference.TorchError(twin.Activation, sum, e) + 1e-37;
            if (!(Math.Abs(a - t) <= allowed)) return $"element ({r}, {o}) is {a:R}, PyTorch {t:R} (allowed {allowed:E2})";
        }

        return null;
    }

    [Theory]
    [MemberData(nameof(LinearNames))]
    public void Linear_matches_PyTorch(string name)
    {
        var twin = LinearGoldenLayers.Linear[name];
        var (x, w, b, torch, rows, inF, outF) = ReadLinear(name);
        var layer = twin.Create(w, b);
        Assert.Equal((inF, outF), (layer.InFeatures, layer.OutFeatures));
        var y = new float[rows * outF];
        layer.Forward(x, y, rows);
        Assert.Null(CompareLinear(twin, x, w, b, torch, y, rows, inF, outF));
        var threaded = new float[y.Length];
        layer.Forward(x, threaded, rows, threads: 2);
        Assert.Equal(y, threaded);
    }

    /// <summary>The tolerance is tight enough to see a mistake: PyTorch's own output with two rows or two features swapped fails.</summary>
    [Fact]
    public void Swapped_rows_or_features_are_caught()
    {
        int checkedFiles = 0;
        foreach (var (name, twin) in LinearGoldenLayers.Linear)
        {
            var (x, w, b, torch, rows, inF, outF) = ReadLinear(name);
            if (rows < 2 || outF < 2 || inF * outF > 1_000_000 || torch.Any(v => !float.IsFinite(v))) continue;
            float[] rowsSwapped = (float[])torch.Clone(), featuresSwapped = (float[])torch.Clone();
            for (int o = 0; o < outF; o++) (rowsSwapped[o], rowsSwapped[outF + o]) = (torch[outF + o], torch[o]);
            for (int r = 0; r < rows; r++) (featuresSwapped[r * outF], featuresSwapped[r * outF + 1]) = (torch[r * outF + 1], torch[r * outF]);
            Assert.NotNull(CompareLinear(twin, x, w, b, torch, rowsSwapped, rows, inF, outF));
            Assert.NotNull(CompareLinear(twin, x, w, b, torch, featuresSwapped, rows, inF, outF));
            checkedFiles++;
        }

        Assert.True(checkedFiles >= 30, $"{checkedFiles} files checked");
    }

    // ---- Activation layers, Softmax, Dropout ----

    [Theory]
    [MemberData(nameof(ActivationNames))]
    public void Activation_layer_matches_PyTorch(string name)
    {
        var twin = LinearGoldenLayers.Activation[name];
        var t = Load("activation", name);
        float[] x = t["input"].F32, torch = t["output"].F32;
        long[] shape = t["input"].Shape;
        var y = new float[x.Length];
        switch (twin.Create())
        {
            case ISoftmaxLayer softmax:
                if (shape.Length == 4) softmax.Forward(x, y, (int)shape[0], (int)shape[1], (int)shape[2], (int)shape[3]);
                else softmax.Forward(x, y, (int)shape[0], (int)shape[1]);
                int dim = softmax.Dim < 0 ? softmax.Dim + shape.Length : softmax.Dim;
                Assert.Null(CompareSoftmax(x, shape, dim, torch, y));
                break;
            case IElementwiseLayer layer:
                layer.Forward(x, y);
                if (shape.Length == 4)
                {
                    var nchw = new float[x.Length];
                    layer.Forward(x, nchw, (int)shape[0], (int)shape[1], (int)shape[2], (int)shape[3]);
                    Assert.Equal(y, nchw);
                }

                Assert.Null(CompareElementwise(twin, x, torch, y));
                break;
            default:
                throw new InvalidOperationException(name);
        }
    }

    private static string? CompareElementwise(LinearGoldenLayers.ActivationTwin twin, float[] x, float[] torch, float[] actual)
    {
        var f = twin.Activation;
        for (int i = 0; i < x.Length; i++)
        {
            double t = torch[i], a = actual[i];
            // libtorch's CPU GELU gives NaN at +∞, ConvGen its limit +∞ (README, pytorch/pytorch#185770).
            if (f == GoldenActivation.GELU && float.IsPositiveInfinity(x[i]) && double.IsNaN(t)) t = double.PositiveInfinity;
            // Near float.MaxValue libtorch's GELU overflows in x·(1 + erf(x/√2)) before halving (±∞ or NaN); ConvGen gives
            // the finite exact value, x itself.
            if (f == GoldenActivation.GELU && Math.Abs(x[i]) > float.MaxValue / 2 && float.IsFinite(x[i]) && !double.IsFinite(t) && a == Math.Max(x[i], 0)) t = a;
            if (f == GoldenActivation.None)
            {
                if (BitConverter.SingleToInt32Bits(actual[i]) != BitConverter.SingleToInt32Bits(torch[i])) return $"element {i}: {a:R}, PyTorch {t:R}";
                continue;
            }

            if (double.IsNaN(t) || double.IsInfinity(t) || double.IsNaN(a) || double.IsInfinity(a))
            {
                if (!(double.IsNaN(t) ? double.IsNaN(a) : a == t)) return $"f({x[i]:R}) is {a:R}, PyTorch {t:R}";
                continue;
            }

            double e = ActivationReference.Exact(f, x[i], twin.Slope);
            double allowed = ActivationReference.ConvGenError(f, x[i], e) + ActivationReference.TorchError(f, x[i], e);
            if (!(Math.Abs(a - t) <= allowed)) return $"f({x[i]:R}) is {a:R}, PyTorch {t:R} (allowed {allowed:E2})";
        }

        return null;
    }

    private static string? CompareSoftmax(float[] x, long[] shape, int dim, float[] torch, float[] actual)
    {
        long outer = shape.Take(dim).Aggregate(1L, (p, s) => p * s), inner = shape.Skip(dim + 1).Aggregate(1L, (p, s) => p * s);
        int n = (int)shape[dim];
        for (long o = 0; o < outer; o++)
        for (long j = 0; j < inner; j++)
        {
            float max = float.NegativeInfinity;
            for (int c = 0; c < n; c++) max = Math.Max(max, x[(o * n + c) * inner + j]);
            for (int c = 0; c < n; c++)
            {
                long at = (o * n + c) * inner + j;
                double t = torch[at], a = actual[at];
                if (double.IsNaN(t) || double.IsNaN(a))
                {
                    if (!(double.IsNaN(t) && double.IsNaN(a))) return $"element {at} is {a:R}, PyTorch {t:R}";
                    continue;
                }

                double d = Math.Abs((double)x[at] - max);
                double allowed = 2 * ((double.IsFinite(d) ? d : 0) + n + 5) * ActivationReference.U * Math.Abs(t) + 1e-44;
                if (!(Math.Abs(a - t) <= allowed)) return $"element {at} is {a:R}, PyTorch {t:R} (allowed {allowed:E2})";
            }
        }

        return null;
    }
}
