using System;
using System.Collections.Generic;
using System.Linq;

namespace ConvGen.Fuzz.Tests.Harness;

/// <summary>
/// One random, valid <c>torch.nn.Conv2d</c> configuration: the attribute text that declares it, the parameters it must
/// mean (resolved here independently of the generator), and an input size and batch PyTorch accepts for it.
/// </summary>
internal sealed record LayerConfig(
    int Seed,
    string Attribute,
    Conv2dParameters Expected,
    int? FixedHeight,
    int? FixedWidth,
    int Height,
    int Width,
    int Batch)
{
    /// <summary>"same" padding with an even dilated kernel on an axis: the generator must warn CONV105.</summary>
    public bool UnevenSame => Expected.PaddingTop != Expected.PaddingBottom || Expected.PaddingLeft != Expected.PaddingRight;

    /// <summary>Products per output element (the reference tolerance's n).</summary>
    public int Terms => Expected.InChannelsPerGroup * Expected.KernelHeight * Expected.KernelWidth;

    public string Describe() =>
        $"[{Attribute}] (config seed {Seed}) input (N={Batch}, C={Expected.InChannels}, H={Height}, W={Width})";

    public const int MaxSize = 40;

    /// <summary>Draws a configuration. <paramref name="allowFixedSize"/>: sometimes give InputHeight/InputWidth.</summary>
    public static LayerConfig Random(int seed, bool allowFixedSize = true)
    {
        var r = new Random(seed);
        var args = new List<string>();

        // Channels and groups: dense, depthwise, depthwise with a multiplier, or a common divisor.
        int inChannels = r.Next(1, 25), outChannels, groups;
        switch (r.Next(10))
        {
            case < 3:
                groups = 1;
                outChannels = r.Next(1, 25);
                break;
            case < 5:
                groups = inChannels;
                outChannels = inChannels;
                break;
            case < 7 when 24 / inChannels >= 2:
                groups = inChannels;
                outChannels = inChannels * r.Next(2, 24 / inChannels + 1);
                break;
            default:
                int[] divisors = Enumerable.Range(1, inChannels).Where(d => inChannels % d == 0).ToArray();
                groups = divisors[r.Next(divisors.Length)];
                outChannels = groups * r.Next(1, 24 / groups + 1);
                break;
        }

        int kH = r.Next(1, 8), kW = r.Next(10) < 6 ? kH : r.Next(1, 8);
        string kernel = kH == kW && r.Next(4) != 0 ? $"{kH}" : $"new[] {{ {kH}, {kW} }}";
        bool namedConstructor = r.Next(8) == 0;
        if (namedConstructor)
        {
            var named = new List<string> { $"inChannels: {inChannels}", $"outChannels: {outChannels}", $"kernelSize: {kernel}" };
            args.AddRange(named.OrderBy(_ => r.Next()));
        }
        else
        {
            args.Add($"{inChannels}");
            args.Add($"{outChannels}");
            args.Add(kernel);
        }

        var named2 = new List<string>();
        var (sH, sW) = r.Next(10) < 4 ? (1, 1) : PerAxis(r, 1, 3);
        if (sH != 1 || sW != 1 || r.Next(6) == 0) named2.Add($"Stride = {PairText(r, sH, sW)}");
        var (dH, dW) = r.Next(10) < 5 ? (1, 1) : PerAxis(r, 1, 3);
        if (dH != 1 || dW != 1 || r.Next(6) == 0) named2.Add($"Dilation = {PairText(r, dH, dW)}");

        int top, bottom, left, right;
        int paddingChoice = r.Next(10);
        if (paddingChoice < 2 && sH == 1 && sW == 1)
        {
            named2.Add("Padding = \"same\"");
            (top, bottom) = Same(kH, dH);
            (left, right) = Same(kW, dW);
        }
        else if (paddingChoice < 3)
        {
            named2.Add("Padding = \"valid\"");
            top = bottom = left = right = 0;
        }
        else if (paddingChoice < 4)
        {
            top = bottom = left = right = 0;
        }
        else
        {
            var (pH, pW) = PerAxis(r, 0, 4);
            named2.Add($"Padding = {PairText(r, pH, pW)}");
            top = bottom = pH;
            left = right = pW;
        }

        var mode = (PaddingMode)r.Next(4);
        if (mode != PaddingMode.Zeros || r.Next(4) == 0)
            named2.Add($"PaddingMode = {(r.Next(3) == 0 ? "global::ConvGen." : "")}PaddingMode.{mode}");

        if (groups != 1 || r.Next(4) == 0) named2.Add($"Groups = {groups}");
        bool bias = r.Next(3) != 0;
        if (!bias || r.Next(4) == 0) named2.Add($"Bias = {(bias ? "true" : "false")}");

        var expected = new Conv2dParameters(inChannels, outChannels, kH, kW, sH, sW, top, bottom, left, right, dH, dW, groups, bias, mode);
        int minH = MinimumSize(kH, dH, top, bottom, mode), minW = MinimumSize(kW, dW, left, right, mode);
        int height = DrawSize(r, minH), width = DrawSize(r, minW);
        int? fixedH = null, fixedW = null;
        if (allowFixedSize && r.Next(4) == 0)
        {
            fixedH = height;
            fixedW = width;
            named2.Add(r.Next(2) == 0 ? $"InputHeight = {height}, InputWidth = {width}" : $"InputWidth = {width}, InputHeight = {height}");
        }

        args.AddRange(named2.OrderBy(_ => r.Next()));
        int batch = r.Next(1, 4);
        return new LayerConfig(seed, $"Conv2d({string.Join(", ", args)})", expected, fixedH, fixedW, height, width, batch);
    }

    /// <summary>PyTorch's "same": dilation·(kernel − 1) in total, the odd one after (bottom/right).</summary>
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

    /// <summary>A size in [min, 40], more often small (cheap) than large, and sometimes exactly the minimum.</summary>
    private static int DrawSize(Random r, int min)
    {
        if (min >= MaxSize) return min;
        if (r.Next(8) == 0) return min;
        double u = r.NextDouble();
        return min + (int)(u * u * (MaxSize - min + 1));
    }

    private static (int, int) PerAxis(Random r, int min, int max)
    {
        int h = r.Next(min, max + 1);
        return r.Next(2) == 0 ? (h, h) : (h, r.Next(min, max + 1));
    }

    /// <summary>An int when both are equal (sometimes a pair anyway), else <c>new[] { h, w }</c>.</summary>
    private static string PairText(Random r, int h, int w) =>
        h == w && r.Next(3) != 0 ? $"{h}" : r.Next(5) == 0 ? $"new int[] {{ {h}, {w} }}" : $"new[] {{ {h}, {w} }}";
}
