using ConvGen.Golden;
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using ConvGen;
using Xunit;
using Xunit.Abstractions;

namespace ConvGen.Conformance.Tests;

/// <summary>The golden files, loaded once (seeded data is regenerated on load), and their double-precision sums.</summary>
public static class Golden
{
    private static readonly ConcurrentDictionary<string, Lazy<GoldenFile>> Files = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, Lazy<(double[] Value, double[] Magnitude)>> Sums = new(StringComparer.Ordinal);

    public static string[] FileNames { get; } =
        Directory.GetFiles(GoldenFile.Directory, "*.bin").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray();

    public static GoldenFile Load(string file) => Files.GetOrAdd(file, f => new Lazy<GoldenFile>(() => GoldenFile.Load(f))).Value;

    public static (double[] Value, double[] Magnitude) Direct(string file) =>
        Sums.GetOrAdd(file, f => new Lazy<(double[], double[])>(() => DirectConvolution.Run(Load(f)))).Value;

    public static IConv2dLayer CreateLayer(GoldenFile g) => GoldenLayers.Factories[g.FileName](g.Weight, g.BiasValues);

    /// <summary>Runs the ConvGen layer on the file's input; the output starts as float.MaxValue so unwritten elements show.</summary>
    public static float[] RunConvGen(GoldenFile g)
    {
        IConv2dLayer layer = CreateLayer(g);
        var output = new float[g.OutputLength];
        Array.Fill(output, float.MaxValue);
        layer.Forward(g.Input, output, g.Batch, g.Height, g.Width);
        return output;
    }

    private static int PeekFlags(string file)
    {
        using var r = new BinaryReader(File.OpenRead(Path.Combine(GoldenFile.Directory, file)));
        r.ReadBytes(8 + 24 * 4);
        return r.ReadInt32();
    }

    public static TheoryData<string> All => Data(_ => true);
    public static TheoryData<string> Finite => Data(f => (PeekFlags(f) & GoldenFile.FlagNonFinite) == 0);
    public static TheoryData<string> NonFinite => Data(f => (PeekFlags(f) & GoldenFile.FlagNonFinite) != 0);

    private static TheoryData<string> Data(Func<string, bool> keep)
    {
        var data = new TheoryData<string>();
        foreach (string f in FileNames.Where(keep)) data.Add(f);
        return data;
    }

    /// <summary>
    /// Compares a full NCHW output with the golden file: every element when PyTorch's output is stored whole; otherwise
    /// the stored samples element by element, and every (n, oc) plane's Σ y and Σ s(i)·y against PyTorch's, allowing the
    /// sum of the elements' tolerances (plus the double rounding of both sums). Returns the failures (empty = match) and
    /// the largest |a − e| / allowed seen.
    /// </summary>
    public static (List<string> Failures, int FailureCount, double WorstRatio) Compare(GoldenFile g, float[] actual, double[] magnitude)
    {
        var failures = new List<string>();
        int count = 0;
        double worst = 0;
        void Fail(string message)
        {
            if (failures.Count < 12) failures.Add(message);
            count++;
        }

        void Element(int i, float e)
        {
            float a = actual[i];
            if (!Tolerance.Matches(a, e, magnitude[i], g.Terms))
            {
                Fail(string.Create(CultureInfo.InvariantCulture,
                    $"{Tolerance.Describe(g, i)}: ConvGen {a:R}, PyTorch {e:R}, |diff| {Math.Abs((double)a - e):E2} > allowed {Tolerance.Allowed(magnitude[i], g.Terms):E2}"));
            }
            else if (float.IsFinite(e))
            {
                worst = Math.Max(worst, Math.Abs((double)a - e) / Tolerance.Allowed(magnitude[i], g.Terms));
            }
        }

        if (g.Output is float[] expected)
        {
            for (int i = 0; i < expected.Length; i++) Element(i, expected[i]);
        }
        else
        {
            for (int s = 0; s < g.SampleIndex.Length; s++) Element(g.SampleIndex[s], g.SampleValue[s]);
            int plane = g.OutputHeight * g.OutputWidth;
            for (int p = 0; p < g.Batch * g.OutChannels; p++)
            {
                double sum = 0, signed = 0, abs = 0, allowed = 0;
                for (int i = 0; i < plane; i++)
                {
                    double a = actual[p * plane + i];
                    sum += a;
                    signed += SplitMix64.Sign(i) * a;
                    abs += Math.Abs(a);
                    allowed += Tolerance.Allowed(magnitude[p * plane + i], g.Terms);
                }

                allowed += 4 * plane * Math.Pow(2, -53) * abs; // both sums' own double rounding
                if (!(Math.Abs(sum - g.PlaneSum[p]) <= allowed))
                {
                    Fail(string.Create(CultureInfo.InvariantCulture,
                        $"plane {p} (n={p / g.OutChannels}, oc={p % g.OutChannels}): Σy ConvGen {sum:R}, PyTorch {g.PlaneSum[p]:R}, allowed {allowed:E2}"));
                }

                if (!(Math.Abs(signed - g.PlaneSignedSum[p]) <= allowed))
                {
                    Fail(string.Create(CultureInfo.InvariantCulture,
                        $"plane {p} (n={p / g.OutChannels}, oc={p % g.OutChannels}): Σs·y ConvGen {signed:R}, PyTorch {g.PlaneSignedSum[p]:R}, allowed {allowed:E2}"));
                }
            }
        }

        return (failures, count, worst);
    }

    public static string Report(GoldenFile g, List<string> failures, int count) =>
        $"{g.FileName}: {g.TorchCall} on ({g.Batch}, {g.InChannels}, {g.Height}, {g.Width}): {count} mismatch(es) with PyTorch" +
        Environment.NewLine + string.Join(Environment.NewLine, failures);
}

/// <summary>The golden folder and the generated registry describe the same configurations.</summary>
public class RegistryTests
{
    [Fact]
    public void Registry_MatchesGoldenFolder()
    {
        var files = Golden.FileNames.ToHashSet(StringComparer.Ordinal);
        var registered = GoldenLayers.Factories.Keys.ToHashSet(StringComparer.Ordinal);
        Assert.True(files.SetEquals(registered),
            $"golden files without a layer: [{string.Join(", ", files.Except(registered))}]; " +
            $"layers without a golden file: [{string.Join(", ", registered.Except(files))}]. Regenerate with the oracle.");
        Assert.True(files.Count >= 150, $"only {files.Count} golden files");
    }

    [Theory]
    [MemberData(nameof(Golden.All), MemberType = typeof(Golden))]
    public void Parameters_MatchPyTorch(string file)
    {
        GoldenFile g = Golden.Load(file);
        IConv2dLayer layer = Golden.CreateLayer(g);
        Conv2dParameters p = layer.Parameters;
        static string Describe(int cin, int cout, int kh, int kw, int sh, int sw, int t, int b, int l, int r, int dh, int dw, int groups,
            bool bias, PaddingMode mode) =>
            string.Create(CultureInfo.InvariantCulture,
                $"in={cin} out={cout} kernel=({kh}, {kw}) stride=({sh}, {sw}) padding(top, bottom, left, right)=({t}, {b}, {l}, {r}) " +
                $"dilation=({dh}, {dw}) groups={groups} bias={bias} mode={mode}");

        string pytorch = Describe(g.InChannels, g.OutChannels, g.KernelHeight, g.KernelWidth, g.StrideHeight, g.StrideWidth,
            g.PaddingTop, g.PaddingBottom, g.PaddingLeft, g.PaddingRight, g.DilationHeight, g.DilationWidth, g.Groups, g.Bias, g.PaddingMode);
        string convgen = Describe(p.InChannels, p.OutChannels, p.KernelHeight, p.KernelWidth, p.StrideHeight, p.StrideWidth,
            p.PaddingTop, p.PaddingBottom, p.PaddingLeft, p.PaddingRight, p.DilationHeight, p.DilationWidth, p.Groups, p.Bias, p.PaddingMode);
        Assert.Equal(pytorch, convgen);
        Assert.Equal((g.OutputHeight, g.OutputWidth), (p.OutputHeight(g.Height), p.OutputWidth(g.Width)));
    }
}

/// <summary>ConvGen's output against PyTorch's, under the bound of <see cref="Tolerance"/>.</summary>
public class ForwardTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(Golden.Finite), MemberType = typeof(Golden))]
    public void Forward_MatchesPyTorch(string file)
    {
        GoldenFile g = Golden.Load(file);
        float[] actual = Golden.RunConvGen(g);
        var (failures, count, worst) = Golden.Compare(g, actual, Golden.Direct(file).Magnitude);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{g.TorchCall}: n={g.Terms}, {(g.Output is null ? $"{g.SampleIndex.Length} samples + {g.PlaneSum.Length} plane checksums" : $"{g.OutputLength} outputs")}, " +
            $"worst |convgen − pytorch| / allowed = {worst:F4}"));
        Assert.True(count == 0, Golden.Report(g, failures, count));
    }

    /// <summary>
    /// NaN/±∞ in the input, weight or bias: every NaN / ±∞ / finite value must be where PyTorch has it, with one exception.
    /// PyTorch's backends disagree for a non-finite weight over zero padding: im2col + sgemm multiplies the padded zeros
    /// (0·NaN = NaN, as the definition "pad with zeros, then cross-correlate" says), oneDNN's direct kernels skip the
    /// padded taps and give a finite number. ConvGen follows the definition, the same on every layer: where PyTorch is
    /// finite but the zero-padded double reference is NaN, ConvGen must be NaN. Everywhere else it must match PyTorch.
    /// </summary>
    [Theory]
    [MemberData(nameof(Golden.NonFinite), MemberType = typeof(Golden))]
    public void NonFinite_MatchesPyTorch(string file)
    {
        GoldenFile g = Golden.Load(file);
        float[] actual = Golden.RunConvGen(g);
        var (reference, magnitude) = Golden.Direct(file);
        float[] e = g.Output!;
        var failures = new List<string>();
        int skippedTaps = 0;
        for (int i = 0; i < e.Length; i++)
        {
            bool pytorchSkippedPadding = float.IsFinite(e[i]) && double.IsNaN(reference[i]);
            if (pytorchSkippedPadding) skippedTaps++;
            bool ok = pytorchSkippedPadding ? float.IsNaN(actual[i]) : Tolerance.Matches(actual[i], e[i], magnitude[i], g.Terms);
            if (!ok && failures.Count < 12)
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{Tolerance.Describe(g, i)}: ConvGen {actual[i]:R}, PyTorch {e[i]:R}, zero-padded reference {reference[i]:R}"));
            }
        }

        output.WriteLine($"{g.TorchCall}: PyTorch {e.Count(float.IsNaN)} NaN, {e.Count(float.IsPositiveInfinity)} +inf, {e.Count(float.IsNegativeInfinity)} -inf; " +
                         $"ConvGen {actual.Count(float.IsNaN)} NaN, {actual.Count(float.IsPositiveInfinity)} +inf, {actual.Count(float.IsNegativeInfinity)} -inf of {e.Length}; " +
                         $"{skippedTaps} output(s) where PyTorch skipped padded taps");
        Assert.True(failures.Count == 0, Golden.Report(g, failures, failures.Count));
    }
}

/// <summary>Checks of the golden data and of the comparison itself (independent of ConvGen's kernels where possible).</summary>
public class GoldenDataTests(ITestOutputHelper output)
{
    /// <summary>
    /// PyTorch's output agrees with a direct double-precision convolution using the recorded padding (top, bottom, left,
    /// right) and mode, within one γ_{n+2}·M. This checks the oracle's recorded padding (e.g. that 'same' with an even
    /// kernel put the extra row at the bottom) and the file format, independently of ConvGen.
    /// </summary>
    [Theory]
    [MemberData(nameof(Golden.Finite), MemberType = typeof(Golden))]
    public void GoldenData_AgreesWithDoubleReference(string file)
    {
        GoldenFile g = Golden.Load(file);
        var (value, magnitude) = Golden.Direct(file);
        double worst = 0;
        var bad = new List<string>();
        void Check(int i, float e)
        {
            double allowed = Tolerance.Gamma(g.Terms) * magnitude[i] + 1e-37 * g.Terms;
            double diff = Math.Abs(e - value[i]);
            if (!(diff <= allowed))
            {
                if (bad.Count < 10) bad.Add(string.Create(CultureInfo.InvariantCulture, $"{Tolerance.Describe(g, i)}: PyTorch {e:R}, double {value[i]:R}"));
            }
            else
            {
                worst = Math.Max(worst, diff / allowed);
            }
        }

        if (g.Output is float[] whole)
        {
            for (int i = 0; i < whole.Length; i++) Check(i, whole[i]);
        }
        else
        {
            for (int s = 0; s < g.SampleIndex.Length; s++) Check(g.SampleIndex[s], g.SampleValue[s]);
            int plane = g.OutputHeight * g.OutputWidth;
            for (int p = 0; p < g.PlaneSum.Length; p++)
            {
                double sum = 0, signed = 0, allowed = 0;
                for (int i = 0; i < plane; i++)
                {
                    sum += value[p * plane + i];
                    signed += SplitMix64.Sign(i) * value[p * plane + i];
                    allowed += Tolerance.Gamma(g.Terms) * magnitude[p * plane + i];
                }

                allowed += 1e-9 * allowed + 1e-30;
                if (!(Math.Abs(sum - g.PlaneSum[p]) <= allowed) || !(Math.Abs(signed - g.PlaneSignedSum[p]) <= allowed))
                {
                    bad.Add($"plane {p}: checksums differ from the double reference");
                }
            }
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{g.TorchCall}: worst |pytorch − double| / γ·M = {worst:F4}"));
        Assert.True(bad.Count == 0, $"{file}: PyTorch's output does not match the recorded padding:{Environment.NewLine}{string.Join(Environment.NewLine, bad)}");
    }

    /// <summary>
    /// The comparison is sharp enough to see indexing errors: an output with two adjacent columns, rows, output channels or
    /// images swapped (PyTorch's own output when stored whole, else ConvGen's, which has just matched the samples and
    /// checksums) must be rejected for every file where the swap changes anything.
    /// </summary>
    [Theory]
    [MemberData(nameof(Golden.Finite), MemberType = typeof(Golden))]
    public void Tolerance_RejectsSwappedRowsColumnsAndChannels(string file)
    {
        GoldenFile g = Golden.Load(file);
        double[] magnitude = Golden.Direct(file).Magnitude;
        float[] baseline = g.Output is float[] whole ? (float[])whole.Clone() : Golden.RunConvGen(g);
        Assert.True(Golden.Compare(g, baseline, magnitude).FailureCount == 0, $"{file}: the unperturbed output does not match (see Forward_MatchesPyTorch)");

        int oh = g.OutputHeight, ow = g.OutputWidth, plane = oh * ow;
        var perturbations = new List<(string Name, Func<int, int> Source)>
        {
            // Source(i): the element that lands at flat index i.
            ("columns 0 and 1 swapped", i => (i % ow) switch { 0 when ow > 1 => i + 1, 1 => i - 1, _ => i }),
            ("rows 0 and 1 swapped", i => (i % plane / ow) switch { 0 when oh > 1 => i + ow, 1 => i - ow, _ => i }),
            ("output channels 0 and 1 swapped", i => (i / plane % g.OutChannels) switch { 0 when g.OutChannels > 1 => i + plane, 1 => i - plane, _ => i }),
            ("images 0 and 1 swapped", i => (i / (plane * g.OutChannels)) switch { 0 when g.Batch > 1 => i + plane * g.OutChannels, 1 => i - plane * g.OutChannels, _ => i }),
        };

        double[] exact = Golden.Direct(file).Value;
        int applied = 0;
        foreach (var (name, source) in perturbations)
        {
            // Only swaps that are errors: the exact results of the swapped elements differ by more than the float error
            // somewhere (not e.g. two output rows that both see only replicated padding, or a single column).
            bool isError = false;
            for (int i = 0; i < exact.Length && !isError; i++)
            {
                isError = Math.Abs(exact[source(i)] - exact[i]) > 4 * Tolerance.Allowed(magnitude[i], g.Terms);
            }

            if (!isError) continue;
            float[] perturbed = new float[baseline.Length];
            for (int i = 0; i < perturbed.Length; i++) perturbed[i] = baseline[source(i)];
            applied++;
            Assert.True(Golden.Compare(g, perturbed, magnitude).FailureCount > 0, $"{file}: {name} was not detected");
        }

        output.WriteLine($"{file}: {applied} perturbation(s) detected");
    }
}
