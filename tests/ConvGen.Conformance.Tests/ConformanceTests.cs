using ConvGen.Golden;
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
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

    /// <summary>The double-precision convolution (before any activation) and M = |b| + Σ|w·x| of every output.</summary>
    public static (double[] Value, double[] Magnitude) Direct(string file) =>
        Sums.GetOrAdd(file, f => new Lazy<(double[], double[])>(() => DirectConvolution.Run(Load(f)))).Value;

    public static GoldenLayer CreateLayer(GoldenFile g) => GoldenLayers.Factories[g.FileName](g.Weight, g.BiasValues);

    /// <summary>Runs the ConvGen layer on the file's input; the output starts as float.MaxValue so unwritten elements show.</summary>
    public static float[] RunConvGen(GoldenFile g)
    {
        GoldenLayer layer = CreateLayer(g);
        var output = new float[g.OutputLength];
        Array.Fill(output, float.MaxValue);
        layer.Forward(g.Input, output, g.Batch, g.Size[0], g.Size[1], g.Size[2]);
        return output;
    }

    public static TheoryData<string> All => Data(_ => true);
    public static TheoryData<string> Finite => Data(f => (GoldenFile.PeekFlags(f) & GoldenFile.FlagNonFinite) == 0);
    public static TheoryData<string> NonFinite => Data(f => (GoldenFile.PeekFlags(f) & GoldenFile.FlagNonFinite) != 0);

    private static TheoryData<string> Data(Func<string, bool> keep)
    {
        var data = new TheoryData<string>();
        foreach (string f in FileNames.Where(keep)) data.Add(f);
        return data;
    }

    /// <summary>
    /// Compares a full output with the golden file: every element when PyTorch's output is stored whole; otherwise the
    /// stored samples element by element, and every (n, oc) plane's Σ y and Σ s(i)·y against PyTorch's, allowing the sum
    /// of the elements' tolerances (plus the double rounding of both sums). Returns the failures (empty = match) and the
    /// largest |a − e| / allowed seen.
    /// </summary>
    public static (List<string> Failures, int FailureCount, double WorstRatio) Compare(GoldenFile g, float[] actual, double[] magnitude, double[] exact)
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
            double allowed = Tolerance.Allowed(g, magnitude[i], exact[i], a, e);
            if (!Tolerance.Matches(g, a, e, magnitude[i], exact[i]))
            {
                Fail(string.Create(CultureInfo.InvariantCulture,
                    $"{Tolerance.Describe(g, i)}: ConvGen {a:R}, PyTorch {e:R}, |diff| {Math.Abs((double)a - e):E2} > allowed {allowed:E2}{(g.Activation != Activation.None ? $" (exact conv {exact[i]:R})" : "")}"));
            }
            else if (float.IsFinite(e))
            {
                worst = Math.Max(worst, Math.Abs((double)a - e) / allowed);
            }
        }

        if (g.Output is float[] expected)
        {
            for (int i = 0; i < expected.Length; i++) Element(i, expected[i]);
        }
        else
        {
            for (int s = 0; s < g.SampleIndex.Length; s++) Element(g.SampleIndex[s], g.SampleValue[s]);
            int plane = g.Plane;
            for (int p = 0; p < g.Batch * g.OutChannels; p++)
            {
                double sum = 0, signed = 0, abs = 0, allowed = 0;
                for (int i = 0; i < plane; i++)
                {
                    int at = p * plane + i;
                    double a = actual[at];
                    sum += a;
                    signed += SplitMix64.Sign(i) * a;
                    abs += Math.Abs(a);
                    allowed += Tolerance.Allowed(g, magnitude[at], exact[at], a, double.NaN);
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
        $"{g.FileName}: {g.TorchCall} on {g.InputShape}: {count} mismatch(es) with PyTorch" +
        Environment.NewLine + string.Join(Environment.NewLine, failures);
}

/// <summary>The golden folder and the generated registry describe the same configurations, and cover what is promised.</summary>
public class RegistryTests(ITestOutputHelper output)
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

    /// <summary>
    /// The golden set covers what README's "Proven against PyTorch" claims: at least 60 Conv1d and 60 Conv3d
    /// configurations, each with every padding mode, "same", "valid", strides, dilations, groups, batch &gt; 1 and NaN/±∞;
    /// and every activation on at least two configurations, a Conv2d and a Conv1d or Conv3d among them.
    /// </summary>
    [Fact]
    public void Coverage_AsPromised()
    {
        GoldenFile[] all = Golden.FileNames.Select(Golden.Load).ToArray();
        var problems = new List<string>();
        foreach (int rank in new[] { 1, 2, 3 })
        {
            GoldenFile[] r = all.Where(g => g.Rank == rank && !g.Transposed).ToArray();
            if (rank != 2 && r.Length < 60) problems.Add($"Conv{rank}d: {r.Length} configurations, fewer than 60");
            foreach (PaddingMode mode in Enum.GetValues<PaddingMode>())
            {
                if (!r.Any(g => g.PaddingMode == mode)) problems.Add($"Conv{rank}d: no {mode} padding");
            }

            var checks = new (string What, Func<GoldenFile, bool> Has)[]
            {
                ("'same' with an even kernel", g => g.PaddingKind == 1 && g.Axes(g.Kernel).Any(k => k % 2 == 0)),
                ("'same' with a dilation", g => g.PaddingKind == 1 && g.Axes(g.Dilation).Any(d => d > 1)),
                ("'valid'", g => g.PaddingKind == 2),
                ("a stride above 2", g => g.Axes(g.Stride).Any(s => s > 2)),
                ("a dilation", g => g.Axes(g.Dilation).Any(d => d > 1)),
                ("groups", g => g.Groups > 1 && g.Groups < g.InChannels),
                ("depthwise", g => g.Groups == g.InChannels && g.OutChannels == g.InChannels && g.Groups > 1),
                ("depthwise with a multiplier", g => g.Groups == g.InChannels && g.OutChannels > g.InChannels),
                ("no bias", g => !g.Bias),
                ("batch > 1", g => g.Batch > 1),
                ("a 1-element input", g => g.Axes(g.Size).All(s => s == 1)),
                ("NaN/±∞", g => g.HasNonFinite),
                ("a real network layer", g => !g.DataStored),
            };
            foreach (var (what, has) in checks)
            {
                if (!r.Any(has)) problems.Add($"Conv{rank}d: nothing with {what}");
            }
        }

        foreach (Activation a in Enum.GetValues<Activation>().Where(a => a != Activation.None))
        {
            GoldenFile[] r = all.Where(g => g.Activation == a).ToArray();
            if (r.Length < 2) problems.Add($"{a}: {r.Length} configuration(s), fewer than 2");
            if (!r.Any(g => g.Rank == 2)) problems.Add($"{a}: no Conv2d");
            if (!r.Any(g => g.Rank != 2)) problems.Add($"{a}: no Conv1d or Conv3d");
        }

        if (!all.Any(g => g.Activation == Activation.LeakyReLU && g.NegativeSlope != 0.01f)) problems.Add("no LeakyReLU with a non-default slope");
        output.WriteLine(string.Join(", ", all.GroupBy(g => g.Module).OrderBy(x => x.First().Transposed).ThenBy(x => x.First().Rank).Select(x => $"{x.Key} {x.Count()}")) +
                         $"; {all.Count(g => g.Activation != Activation.None)} with an activation");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    /// <summary>
    /// The transposed golden set covers what the oracle's README promises, per rank: at least 60 torch.nn.ConvTransposeNd
    /// configurations with strides 1–4, padding that crops more than d·(k − 1), output_padding below the stride and (with
    /// stride 1) below the dilation, dilations 2 and 3, groups, depthwise and depthwise-multiplier, bias off, batch 0 and
    /// batch &gt; 1, 1-element inputs, kernels smaller than the stride, NaN/±∞, a fused activation and real network layers;
    /// 2-D and 3-D also rectangular kernels, strides and output_padding.
    /// </summary>
    [Fact]
    public void TransposedCoverage_AsPromised()
    {
        GoldenFile[] all = Golden.FileNames.Select(Golden.Load).Where(g => g.Transposed).ToArray();
        var problems = new List<string>();
        foreach (int rank in new[] { 1, 2, 3 })
        {
            GoldenFile[] r = all.Where(g => g.Rank == rank).ToArray();
            string m = $"ConvTranspose{rank}d";
            if (r.Length < 60) problems.Add($"{m}: {r.Length} configurations, fewer than 60");
            var checks = new List<(string What, Func<GoldenFile, bool> Has)>
            {
                ("padding larger than d·(k − 1)", g => Enumerable.Range(0, 3).Any(a => g.PaddingBefore[a] > g.Dilation[a] * (g.Kernel[a] - 1))),
                ("output_padding below the stride", g => Enumerable.Range(0, 3).Any(a => g.OutputPadding[a] > 0 && g.OutputPadding[a] < g.Stride[a])),
                ("output_padding below the dilation only", g => Enumerable.Range(0, 3).Any(a => g.OutputPadding[a] >= g.Stride[a] && g.OutputPadding[a] > 0)),
                ("a dilation of 2", g => g.Axes(g.Dilation).Any(d => d == 2)),
                ("a dilation of 3", g => g.Axes(g.Dilation).Any(d => d == 3)),
                ("a kernel smaller than the stride", g => g.Axes(g.Kernel).Zip(g.Axes(g.Stride)).Any(ks => ks.First < ks.Second)),
                ("groups", g => g.Groups > 1 && g.Groups < g.InChannels),
                ("depthwise", g => g.Groups == g.InChannels && g.OutChannels == g.InChannels && g.Groups > 1),
                ("depthwise with a multiplier", g => g.Groups == g.InChannels && g.OutChannels > g.InChannels),
                ("no bias", g => !g.Bias),
                ("batch 0", g => g.Batch == 0),
                ("batch > 1", g => g.Batch > 1),
                ("a 1-element input", g => g.Axes(g.Size).All(v => v == 1)),
                ("a 1-element output", g => g.Axes(g.OutputSize).All(v => v == 1)),
                ("NaN/±∞", g => g.HasNonFinite),
                ("a fused activation", g => g.Activation != Activation.None),
                ("a real network layer", g => !g.DataStored),
            };
            foreach (int stride in new[] { 1, 2, 3, 4 }) checks.Add(($"stride {stride}", g => g.Axes(g.Stride).Contains(stride)));
            if (rank > 1)
            {
                checks.Add(("a rectangular kernel", g => g.Axes(g.Kernel).Distinct().Count() > 1));
                checks.Add(("a rectangular stride", g => g.Axes(g.Stride).Distinct().Count() > 1));
                checks.Add(("output_padding that differs between the axes", g => g.Axes(g.OutputPadding).Distinct().Count() > 1));
            }

            foreach (var (what, has) in checks)
            {
                if (!r.Any(has)) problems.Add($"{m}: nothing with {what}");
            }
        }

        output.WriteLine(string.Join(", ", all.GroupBy(g => g.Module).OrderBy(x => x.Key).Select(x => $"{x.Key} {x.Count()}")));
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    /// <summary>
    /// The twin's attribute (rank, hyper-parameters, activation and slope) gives the parameters PyTorch used, and its
    /// output size formula PyTorch's output size.
    /// </summary>
    [Theory]
    [MemberData(nameof(Golden.All), MemberType = typeof(Golden))]
    public void Parameters_MatchPyTorch(string file)
    {
        GoldenFile g = Golden.Load(file);
        GoldenLayer layer = Golden.CreateLayer(g);
        Assert.Equal(g.Rank, layer.Rank);
        static string Describe(ConvParameters p) =>
            string.Create(CultureInfo.InvariantCulture,
                $"rank={p.Rank} in={p.InChannels} out={p.OutChannels} kernel=({string.Join(", ", p.KernelSize)}) stride=({string.Join(", ", p.Stride)}) " +
                $"padding before=({string.Join(", ", p.PaddingBefore)}) after=({string.Join(", ", p.PaddingAfter)}) " +
                $"dilation=({string.Join(", ", p.Dilation)}) groups={p.Groups} bias={p.Bias} mode={p.PaddingMode} " +
                $"activation={p.Activation} slope={p.NegativeSlope:R} transposed={p.Transposed} output_padding=({string.Join(", ", p.OutputPadding)})");
        Assert.Equal(Describe(g.Parameters), Describe(layer.Parameters));
        for (int axis = 0; axis < g.Rank; axis++)
        {
            Assert.Equal(g.Axes(g.OutputSize)[axis], layer.Parameters.OutputSize(axis, g.Axes(g.Size)[axis]));
        }

        if (layer.Parameters2d is Conv2dParameters p2)
        {
            // A Conv2d layer's own parameter object agrees too (format-1 files have always been checked this way).
            Assert.Equal(
                (g.Kernel[1], g.Kernel[2], g.Stride[1], g.Stride[2], g.PaddingBefore[1], g.PaddingAfter[1], g.PaddingBefore[2], g.PaddingAfter[2],
                    g.Dilation[1], g.Dilation[2], g.Groups, g.Bias, g.PaddingMode),
                (p2.KernelHeight, p2.KernelWidth, p2.StrideHeight, p2.StrideWidth, p2.PaddingTop, p2.PaddingBottom, p2.PaddingLeft, p2.PaddingRight,
                    p2.DilationHeight, p2.DilationWidth, p2.Groups, p2.Bias, p2.PaddingMode));
            Assert.Equal((g.OutputSize[1], g.OutputSize[2]), (p2.OutputHeight(g.Size[1]), p2.OutputWidth(g.Size[2])));
        }
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
        var (value, magnitude) = Golden.Direct(file);
        var (failures, count, worst) = Golden.Compare(g, actual, magnitude, value);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{g.TorchCall}: n={g.Terms}, {(g.Output is null ? $"{g.SampleIndex.Length} samples + {g.PlaneSum.Length} plane checksums" : $"{g.OutputLength} outputs")}, " +
            $"worst |convgen − pytorch| / allowed = {worst:F4}"));
        Assert.True(count == 0, Golden.Report(g, failures, count));
    }

    /// <summary>
    /// NaN/±∞ in the input, weight or bias: every NaN / ±∞ / finite value must be where PyTorch has it, with two
    /// exceptions, both where PyTorch's CPU result departs from its own definition:
    /// <list type="bullet">
    /// <item>A non-finite weight over zero padding. PyTorch's backends disagree: im2col + sgemm multiplies the padded zeros
    /// (0·NaN = NaN, as the definition "pad with zeros, then cross-correlate" says), oneDNN's direct kernels skip the
    /// padded taps and give a finite number. ConvGen follows the definition, the same on every layer: where PyTorch is
    /// finite but the zero-padded double reference is NaN, ConvGen must be NaN (then activated: NaN stays NaN).</item>
    /// <item>GELU (exact) of +∞: 0.5·x·(1 + erf(x/√2)) is +∞, and ConvGen gives +∞; libtorch 2.10's CPU GELU gives NaN
    /// (pytorch/pytorch#185770, #187293: its vectorised erf path). Where PyTorch's GELU output is NaN and the double
    /// reference convolution is +∞, ConvGen must be +∞.</item>
    /// </list>
    /// Everywhere else it must match PyTorch: NaN ↔ NaN, ±∞ ↔ the same ±∞, finite within the tolerance.
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
        int skippedTaps = 0, geluInfinity = 0;
        for (int i = 0; i < e.Length; i++)
        {
            // (A transposed convolution reads no padding: its reference adds only the taps that land, and so must ConvGen.)
            bool pytorchSkippedPadding = !g.Transposed && float.IsFinite(e[i]) && double.IsNaN(reference[i]);
            bool pytorchGeluOfInfinity = g.Activation == Activation.GELU && float.IsNaN(e[i]) && double.IsPositiveInfinity(reference[i]);
            if (pytorchSkippedPadding) skippedTaps++;
            if (pytorchGeluOfInfinity) geluInfinity++;
            bool ok = pytorchSkippedPadding ? float.IsNaN(actual[i])
                : pytorchGeluOfInfinity ? float.IsPositiveInfinity(actual[i])
                : Tolerance.Matches(g, actual[i], e[i], magnitude[i], reference[i]);
            if (!ok && failures.Count < 12)
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{Tolerance.Describe(g, i)}: ConvGen {actual[i]:R}, PyTorch {e[i]:R}, zero-padded reference convolution {reference[i]:R}"));
            }
        }

        output.WriteLine($"{g.TorchCall}: PyTorch {e.Count(float.IsNaN)} NaN, {e.Count(float.IsPositiveInfinity)} +inf, {e.Count(float.IsNegativeInfinity)} -inf; " +
                         $"ConvGen {actual.Count(float.IsNaN)} NaN, {actual.Count(float.IsPositiveInfinity)} +inf, {actual.Count(float.IsNegativeInfinity)} -inf of {e.Length}; " +
                         $"{skippedTaps} output(s) where PyTorch skipped padded taps, {geluInfinity} where PyTorch's GELU(+inf) is NaN");
        Assert.True(failures.Count == 0, Golden.Report(g, failures, failures.Count));
    }
}

/// <summary>Checks of the golden data and of the comparison itself (independent of ConvGen's kernels where possible).</summary>
public class GoldenDataTests(ITestOutputHelper output)
{
    /// <summary>
    /// PyTorch's output agrees with a direct double-precision convolution using the recorded padding (before and after
    /// each axis) and mode, followed by the activation in double, within L·γ_{n+2}·M plus PyTorch's activation error.
    /// This checks the oracle's recorded padding (e.g. that 'same' with an even kernel put the extra element after), the
    /// activation PyTorch applied, the bound assumed for PyTorch's activations, and the file format, independently of
    /// ConvGen.
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
            double allowed = Tolerance.AllowedOneSided(g, magnitude[i], value[i], e);
            double reference = Tolerance.Activate(g, value[i]);
            double diff = Math.Abs(e - reference);
            if (!(diff <= allowed))
            {
                if (bad.Count < 10)
                {
                    bad.Add(string.Create(CultureInfo.InvariantCulture,
                        $"{Tolerance.Describe(g, i)}: PyTorch {e:R}, double {reference:R}{(g.Activation != Activation.None ? $" (conv {value[i]:R})" : "")}"));
                }
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
            int plane = g.Plane;
            for (int p = 0; p < g.PlaneSum.Length; p++)
            {
                double sum = 0, signed = 0, allowed = 0;
                for (int i = 0; i < plane; i++)
                {
                    int at = p * plane + i;
                    double v = Tolerance.Activate(g, value[at]);
                    sum += v;
                    signed += SplitMix64.Sign(i) * v;
                    allowed += Tolerance.AllowedOneSided(g, magnitude[at], value[at], double.NaN);
                }

                allowed += 1e-9 * allowed + 1e-30;
                if (!(Math.Abs(sum - g.PlaneSum[p]) <= allowed) || !(Math.Abs(signed - g.PlaneSignedSum[p]) <= allowed))
                {
                    bad.Add($"plane {p}: checksums differ from the double reference");
                }
            }
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{g.TorchCall}: worst |pytorch − double| / allowed = {worst:F4}"));
        Assert.True(bad.Count == 0, $"{file}: PyTorch's output does not match the recorded padding and activation:{Environment.NewLine}{string.Join(Environment.NewLine, bad)}");
    }

    /// <summary>
    /// The comparison is sharp enough to see indexing errors: an output with two adjacent columns (positions along the
    /// length, for Conv1d), rows, depth slices, output channels or images swapped (PyTorch's own output when stored whole,
    /// else ConvGen's, which has just matched the samples and checksums) must be rejected for every file where the swap
    /// changes anything.
    /// </summary>
    [Theory]
    [MemberData(nameof(Golden.Finite), MemberType = typeof(Golden))]
    public void Tolerance_RejectsSwappedRowsColumnsAndChannels(string file)
    {
        GoldenFile g = Golden.Load(file);
        var (exact, magnitude) = Golden.Direct(file);
        float[] baseline = g.Output is float[] whole ? (float[])whole.Clone() : Golden.RunConvGen(g);
        Assert.True(Golden.Compare(g, baseline, magnitude, exact).FailureCount == 0, $"{file}: the unperturbed output does not match (see Forward_MatchesPyTorch)");

        int od = g.OutputSize[0], oh = g.OutputSize[1], ow = g.OutputSize[2], plane = g.Plane, slice = oh * ow;
        var perturbations = new List<(string Name, Func<int, int> Source)>
        {
            // Source(i): the element that lands at flat index i.
            ("columns 0 and 1 swapped", i => (i % ow) switch { 0 when ow > 1 => i + 1, 1 => i - 1, _ => i }),
            ("rows 0 and 1 swapped", i => (i % slice / ow) switch { 0 when oh > 1 => i + ow, 1 => i - ow, _ => i }),
            ("depth slices 0 and 1 swapped", i => (i % plane / slice) switch { 0 when od > 1 => i + slice, 1 => i - slice, _ => i }),
            ("output channels 0 and 1 swapped", i => (i / plane % g.OutChannels) switch { 0 when g.OutChannels > 1 => i + plane, 1 => i - plane, _ => i }),
            ("images 0 and 1 swapped", i => (i / (plane * g.OutChannels)) switch { 0 when g.Batch > 1 => i + plane * g.OutChannels, 1 => i - plane * g.OutChannels, _ => i }),
        };

        int applied = 0;
        foreach (var (name, source) in perturbations)
        {
            // Only swaps that are errors: the exact results of the swapped elements differ by more than the float error
            // somewhere (not e.g. two output rows that both see only replicated padding, a single column, or two outputs
            // that an activation saturates alike).
            bool isError = false;
            for (int i = 0; i < exact.Length && !isError; i++)
            {
                double here = Tolerance.Activate(g, exact[i]), there = Tolerance.Activate(g, exact[source(i)]);
                isError = Math.Abs(there - here) > 4 * Tolerance.Allowed(g, magnitude[i], exact[i], there, here);
            }

            if (!isError) continue;
            float[] perturbed = new float[baseline.Length];
            for (int i = 0; i < perturbed.Length; i++) perturbed[i] = baseline[source(i)];
            applied++;
            Assert.True(Golden.Compare(g, perturbed, magnitude, exact).FailureCount > 0, $"{file}: {name} was not detected");
        }

        output.WriteLine($"{file}: {applied} perturbation(s) detected");
    }
}
