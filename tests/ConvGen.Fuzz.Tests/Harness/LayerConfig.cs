using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace ConvGen.Fuzz.Tests.Harness;

/// <summary>
/// One random, valid <c>torch.nn.Conv1d</c>, <c>Conv2d</c> or <c>Conv3d</c> configuration, optionally followed by a
/// fused activation: the attribute text that declares it, the parameters it must mean (resolved here independently of
/// the generator), and an input size (PyTorch's order: (L), (H, W), (D, H, W)) and batch PyTorch accepts for it.
/// </summary>
internal sealed record LayerConfig(
    int Seed,
    string Attribute,
    ConvParameters Expected,
    string ExpectedText,
    int[]? FixedSize,
    int[] Size,
    int Batch,
    bool SlopeWithoutLeakyReLU)
{
    /// <summary>Spatial axes: 1, 2 or 3.</summary>
    public int Rank => Expected.Rank;

    /// <summary>"same" padding with an even dilated kernel on an axis: the generator must warn CONV105.</summary>
    public bool UnevenSame => !Expected.PaddingBefore.SequenceEqual(Expected.PaddingAfter);

    /// <summary>The warnings the generator must report for this layer, each exactly once (CONV105, CONV006).</summary>
    public IEnumerable<string> ExpectedWarnings
    {
        get
        {
            if (UnevenSame) yield return "CONV105";
            if (SlopeWithoutLeakyReLU) yield return "CONV006";
        }
    }

    /// <summary>Products per output element (the reference tolerance's n).</summary>
    public int Terms => Expected.InChannelsPerGroup * Expected.KernelSize.Aggregate(1, (a, b) => a * b);

    /// <summary>Elements of the input for <see cref="Batch"/> images of <see cref="Size"/>.</summary>
    public int InputLength => Batch * Expected.InChannels * Size.Aggregate(1, (a, b) => a * b);

    public string Describe() =>
        $"[{Attribute}] (config seed {Seed}) input {Shape(Rank, Batch, Expected.InChannels, Size)}";

    /// <summary>A shape as the runtime's messages write it, in PyTorch's letters: (N=2, C=4, L=10), (N, C, H, W), (N, C, D, H, W).</summary>
    public static string Shape(int rank, long batch, long channels, IReadOnlyList<int> size) => rank switch
    {
        1 => $"(N={batch}, C={channels}, L={size[0]})",
        2 => $"(N={batch}, C={channels}, H={size[0]}, W={size[1]})",
        _ => $"(N={batch}, C={channels}, D={size[0]}, H={size[1]}, W={size[2]})",
    };

    /// <summary>The name of an axis as the runtime's size checks call it (their ParamName).</summary>
    public static string AxisName(int rank, int axis) => rank switch
    {
        1 => "length",
        2 => axis == 0 ? "height" : "width",
        _ => axis == 0 ? "depth" : axis == 1 ? "height" : "width",
    };

    /// <summary>How big each rank's layers may get, so that a Conv3d costs about as much to check as a Conv2d.</summary>
    private sealed record Limits(int Channels, int Kernel, int Stride, int Dilation, int Padding, int Size);

    private static Limits For(int rank) => rank switch
    {
        1 => new Limits(Channels: 32, Kernel: 11, Stride: 5, Dilation: 4, Padding: 6, Size: 140),
        2 => new Limits(Channels: 24, Kernel: 7, Stride: 3, Dilation: 3, Padding: 4, Size: 40),
        _ => new Limits(Channels: 12, Kernel: 4, Stride: 3, Dilation: 2, Padding: 2, Size: 11),
    };

    /// <summary>The maximum input size per axis of a rank.</summary>
    public static int MaxSize(int rank) => For(rank).Size;

    /// <summary>Slopes for LeakyReLU besides random ones: PyTorch's default, common choices, 0, negative and above 1.</summary>
    private static readonly float[] Slopes = { 0.01f, 0.1f, 0.2f, 0.3f, 0f, -0.5f, 1.5f, 1f / 3 };

    /// <summary>
    /// Draws a configuration. <paramref name="rank"/>: 1–3, or 0 for a random one (about 3 in 10 Conv1d, 4 in 10 Conv2d,
    /// 3 in 10 Conv3d). <paramref name="allowFixedSize"/>: sometimes give the input size in the attribute (Conv2d, Conv3d).
    /// </summary>
    public static LayerConfig Random(int seed, bool allowFixedSize = true, int rank = 0)
    {
        var r = new Random(seed);
        if (rank == 0) rank = r.Next(10) switch { < 3 => 1, < 7 => 2, _ => 3 };
        var limits = For(rank);
        var args = new List<string>();

        // Channels and groups: dense, depthwise, depthwise with a multiplier, or a common divisor.
        int maxC = limits.Channels;
        int inChannels = r.Next(1, maxC + 1), outChannels, groups;
        switch (r.Next(10))
        {
            case < 3:
                groups = 1;
                outChannels = r.Next(1, maxC + 1);
                break;
            case < 5:
                groups = inChannels;
                outChannels = inChannels;
                break;
            case < 7 when maxC / inChannels >= 2:
                groups = inChannels;
                outChannels = inChannels * r.Next(2, maxC / inChannels + 1);
                break;
            default:
                int[] divisors = Enumerable.Range(1, inChannels).Where(d => inChannels % d == 0).ToArray();
                groups = divisors[r.Next(divisors.Length)];
                outChannels = groups * r.Next(1, maxC / groups + 1);
                break;
        }

        int[] kernel = PerAxis(r, rank, 1, limits.Kernel, sameChance: rank == 2 ? 6 : 5);
        string kernelText = rank == 1 ? $"{kernel[0]}"
            : kernel.All(k => k == kernel[0]) && r.Next(4) != 0 ? $"{kernel[0]}" : ArrayText(r, kernel);
        if (r.Next(8) == 0)
        {
            var named = new List<string> { $"inChannels: {inChannels}", $"outChannels: {outChannels}", $"kernelSize: {kernelText}" };
            args.AddRange(named.OrderBy(_ => r.Next()));
        }
        else
        {
            args.Add($"{inChannels}");
            args.Add($"{outChannels}");
            args.Add(kernelText);
        }

        var named2 = new List<string>();
        int[] stride = r.Next(10) < 4 ? Filled(rank, 1) : PerAxis(r, rank, 1, limits.Stride);
        if (stride.Any(s => s != 1) || r.Next(6) == 0) named2.Add($"Stride = {AxesText(r, stride)}");
        int[] dilation = r.Next(10) < 5 ? Filled(rank, 1) : PerAxis(r, rank, 1, limits.Dilation);
        if (dilation.Any(d => d != 1) || r.Next(6) == 0) named2.Add($"Dilation = {AxesText(r, dilation)}");

        int[] before, after;
        int paddingChoice = r.Next(10);
        if (paddingChoice < 2 && stride.All(s => s == 1))
        {
            named2.Add("Padding = \"same\"");
            var sides = Enumerable.Range(0, rank).Select(a => Same(kernel[a], dilation[a])).ToArray();
            before = sides.Select(s => s.Before).ToArray();
            after = sides.Select(s => s.After).ToArray();
        }
        else if (paddingChoice < 3)
        {
            named2.Add("Padding = \"valid\"");
            before = after = Filled(rank, 0);
        }
        else if (paddingChoice < 4)
        {
            before = after = Filled(rank, 0);
        }
        else
        {
            before = after = PerAxis(r, rank, 0, limits.Padding);
            named2.Add($"Padding = {AxesText(r, before)}");
        }

        var mode = (PaddingMode)r.Next(4);
        if (mode != PaddingMode.Zeros || r.Next(4) == 0)
            named2.Add($"PaddingMode = {(r.Next(3) == 0 ? "global::ConvGen." : "")}PaddingMode.{mode}");

        if (groups != 1 || r.Next(4) == 0) named2.Add($"Groups = {groups}");
        bool bias = r.Next(3) != 0;
        if (!bias || r.Next(4) == 0) named2.Add($"Bias = {(bias ? "true" : "false")}");

        // A fused activation on some layers; LeakyReLU with its slope given or PyTorch's default; rarely a slope
        // without LeakyReLU, which must only warn (CONV006).
        var activation = Activation.None;
        float slope = 0.01f;
        bool slopeWarning = false;
        if (r.Next(10) < 4)
        {
            activation = (Activation)r.Next(1, (int)Activation.GELUTanh + 1);
            named2.Add($"Activation = {ActivationText(r, activation)}");
        }
        else if (r.Next(12) == 0)
        {
            named2.Add("Activation = Activation.None");
        }

        if (activation == Activation.LeakyReLU && r.Next(5) < 3)
        {
            slope = r.Next(3) == 0 ? (float)Math.Round(r.NextDouble() * 4 - 2, r.Next(1, 8)) : Slopes[r.Next(Slopes.Length)];
            named2.Add($"NegativeSlope = {FloatText(slope)}");
        }
        else if (activation != Activation.LeakyReLU && r.Next(20) == 0)
        {
            named2.Add($"NegativeSlope = {FloatText(Slopes[r.Next(Slopes.Length)])}");
            slopeWarning = true;
        }

        var expected = new ConvParameters(inChannels, outChannels, kernel, stride, before, after, dilation, groups, bias, mode, activation, slope);
        string expectedText = rank == 2
            ? new Conv2dParameters(inChannels, outChannels, kernel[0], kernel[1], stride[0], stride[1], before[0], after[0], before[1], after[1],
                dilation[0], dilation[1], groups, bias, mode, activation, slope).ToString()
            : expected.ToString();
        int[] size = Enumerable.Range(0, rank)
            .Select(a => DrawSize(r, MinimumSize(kernel[a], dilation[a], before[a], after[a], mode), limits.Size)).ToArray();
        int[]? fixedSize = null;
        if (allowFixedSize && rank >= 2 && r.Next(4) == 0)
        {
            fixedSize = size;
            string[] names = rank == 2 ? new[] { "InputHeight", "InputWidth" } : new[] { "InputDepth", "InputHeight", "InputWidth" };
            named2.AddRange(names.Select((n, a) => $"{n} = {size[a]}"));
        }

        args.AddRange(named2.OrderBy(_ => r.Next()));
        int batch = r.Next(1, 4);
        return new LayerConfig(seed, $"Conv{rank}d({string.Join(", ", args)})", expected, expectedText, fixedSize, size, batch, slopeWarning);
    }

    /// <summary>PyTorch's "same": dilation·(kernel − 1) in total, the odd one after (bottom/right/back).</summary>
    public static (int Before, int After) Same(int kernel, int dilation)
    {
        int total = dilation * (kernel - 1);
        return (total / 2, total - total / 2);
    }

    /// <summary>The smallest input size PyTorch accepts on one axis.</summary>
    public static int MinimumSize(int kernel, int dilation, int before, int after, PaddingMode mode)
    {
        int span = dilation * (kernel - 1) + 1;
        int min = Math.Max(1, span - before - after);
        int pad = Math.Max(before, after);
        if (mode == PaddingMode.Reflect) min = Math.Max(min, pad + 1);
        if (mode == PaddingMode.Circular) min = Math.Max(min, pad);
        return min;
    }

    /// <summary>A float as a C# literal that means exactly it: <c>0.2f</c>, <c>-1E-05f</c>.</summary>
    public static string FloatText(float value) => value.ToString("R", CultureInfo.InvariantCulture) + "f";

    /// <summary>An activation as a user might write it: <c>Activation.ReLU</c>, fully qualified, or a cast of its value.</summary>
    private static string ActivationText(Random r, Activation activation) => r.Next(12) switch
    {
        0 => $"global::ConvGen.Activation.{activation}",
        1 => $"(Activation){(int)activation}",
        _ => $"Activation.{activation}",
    };

    /// <summary>A size in [min, max], more often small (cheap) than large, and sometimes exactly the minimum.</summary>
    private static int DrawSize(Random r, int min, int max)
    {
        if (min >= max) return min;
        if (r.Next(8) == 0) return min;
        double u = r.NextDouble();
        return min + (int)(u * u * (max - min + 1));
    }

    private static int[] Filled(int rank, int value) => Enumerable.Repeat(value, rank).ToArray();

    /// <summary>One value per axis in [min, max]: the same on every axis half the time (or 1 in <paramref name="sameChance"/>/10).</summary>
    private static int[] PerAxis(Random r, int rank, int min, int max, int sameChance = 5)
    {
        int first = r.Next(min, max + 1);
        return r.Next(10) < sameChance ? Filled(rank, first) : Enumerable.Range(0, rank).Select(a => a == 0 ? first : r.Next(min, max + 1)).ToArray();
    }

    /// <summary>An int when every axis has the same value (sometimes an array anyway), else <c>new[] { … }</c>.</summary>
    private static string AxesText(Random r, int[] values) =>
        values.All(v => v == values[0]) && r.Next(values.Length == 1 ? 8 : 3) != 0 ? $"{values[0]}" : ArrayText(r, values);

    private static string ArrayText(Random r, int[] values) =>
        $"{(r.Next(5) == 0 ? "new int[]" : "new[]")} {{ {string.Join(", ", values)} }}";
}
