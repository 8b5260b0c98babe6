using ConvGen.Golden;
using System;
using System.IO;
using System.Linq;
using System.Text;
using ConvGen;

namespace ConvGen.Conformance.Tests;

/// <summary>
/// One golden file written by tools/ConvGen.Oracle (little-endian; see tools/ConvGen.Oracle/README.md), in either format:
/// "CVGOLD01" (a torch.nn.Conv2d: the first oracle's format) or "CVGOLD02" (torch.nn.Conv1d/2d/3d or
/// torch.nn.ConvTranspose1d/2d/3d, optionally followed by a torch.nn activation module, with per-axis fields and an input
/// scale; a transposed file sets header field 15 and gives output_padding in fields 40–42, reserved and 0 in the others).
/// Both are read into the same model: the hyper-parameters with the padding PyTorch applied, the data (stored, or
/// regenerated here from the seed with the oracle's SplitMix64), and PyTorch's output (whole, or samples plus per-plane
/// checksums).
/// <para>
/// Per-axis values are held as three entries (depth, height, width), a lower rank's axes right-aligned and its missing
/// leading axes unit (kernel, stride, dilation, size 1, padding 0): a Conv1d's length is the width, a Conv2d is a Conv3d
/// of depth 1. <see cref="Axes"/> gives PyTorch's per-axis list.
/// </para>
/// </summary>
public sealed class GoldenFile
{
    public const int FlagDataStored = 1, FlagOutputFull = 2, FlagNonFinite = 4, FlagFixedSize = 8;

    public required string FileName { get; init; }
    public required int Index { get; init; }
    public required string Name { get; init; }
    public required string TorchCall { get; init; }
    public required string Family { get; init; }
    /// <summary>1 ("CVGOLD01") or 2 ("CVGOLD02").</summary>
    public required int FormatVersion { get; init; }

    /// <summary>Spatial axes: 1 (Conv1d), 2 (Conv2d) or 3 (Conv3d).</summary>
    public required int Rank { get; init; }
    public required int InChannels { get; init; }
    public required int OutChannels { get; init; }
    /// <summary>0: <c>padding=(…)</c>; 1: <c>'same'</c>; 2: <c>'valid'</c>.</summary>
    public required int PaddingKind { get; init; }
    public required int Groups { get; init; }
    public required bool Bias { get; init; }
    /// <summary>
    /// A torch.nn.ConvTransposeNd: weight (in, out/groups, *kernel), <see cref="PaddingBefore"/>/<see cref="PaddingAfter"/>
    /// crop the full output, <see cref="OutputPadding"/> is added after, output (n − 1)·s − 2·p + d·(k − 1) + op + 1.
    /// </summary>
    public required bool Transposed { get; init; }
    /// <summary>A transposed convolution's output_padding, (depth, height, width) like the other per-axis values; zeros otherwise.</summary>
    public required int[] OutputPadding { get; init; }
    public required PaddingMode PaddingMode { get; init; }
    public required int Batch { get; init; }
    /// <summary>(depth, height, width) of each per-axis value; see the class summary.</summary>
    public required int[] Kernel { get; init; }
    public required int[] Stride { get; init; }
    public required int[] DeclaredPadding { get; init; }
    /// <summary>Padding PyTorch applied before (front, top, left) and after (back, bottom, right) each axis.</summary>
    public required int[] PaddingBefore { get; init; }
    public required int[] PaddingAfter { get; init; }
    public required int[] Dilation { get; init; }
    public required int[] Size { get; init; }
    public required int[] OutputSize { get; init; }
    /// <summary>The activation PyTorch applied after the convolution (format 2; None in format 1).</summary>
    public required Activation Activation { get; init; }
    public required float NegativeSlope { get; init; }
    /// <summary>The input is SplitMix64's uniform [-1, 1) data times 2^InputScaleLog2.</summary>
    public required int InputScaleLog2 { get; init; }
    public required int Flags { get; init; }
    public required ulong Seed { get; init; }
    public required ulong DataHash { get; init; }

    public required float[] Input { get; init; }
    public required float[] Weight { get; init; }
    public required float[]? BiasValues { get; init; }

    /// <summary>PyTorch's whole output, or null when only samples are stored.</summary>
    public required float[]? Output { get; init; }
    /// <summary>Flat output positions of the samples (ascending), when the output is not stored whole.</summary>
    public required int[] SampleIndex { get; init; }
    public required float[] SampleValue { get; init; }
    /// <summary>Per (n, oc) plane: Σ y (double) over PyTorch's float32 output.</summary>
    public required double[] PlaneSum { get; init; }
    /// <summary>Per (n, oc) plane: Σ s(i)·y with the sign pattern <see cref="SplitMix64.Sign"/>.</summary>
    public required double[] PlaneSignedSum { get; init; }

    public bool HasNonFinite => (Flags & FlagNonFinite) != 0;
    public bool OutputWhole => (Flags & FlagOutputFull) != 0;
    public bool DataStored => (Flags & FlagDataStored) != 0;
    public bool FixedSize => (Flags & FlagFixedSize) != 0;
    public GoldenActivation GoldenActivation => (GoldenActivation)(int)Activation;
    public int InChannelsPerGroup => InChannels / Groups;
    /// <summary>
    /// Multiply-adds per output, at most: (in/groups)·∏kernel; for a transposed convolution (in/groups)·∏(the most taps of
    /// an axis that land on one output, <see cref="LandingTaps"/>).
    /// </summary>
    public int Terms => Transposed
        ? InChannelsPerGroup * LandingTaps(Kernel[0], Stride[0], Dilation[0], Size[0]) * LandingTaps(Kernel[1], Stride[1], Dilation[1], Size[1])
          * LandingTaps(Kernel[2], Stride[2], Dilation[2], Size[2])
        : InChannelsPerGroup * Kernel[0] * Kernel[1] * Kernel[2];

    /// <summary>
    /// The most taps of a transposed convolution's axis that reach one output: input i reaches output i·s + k·d − p, so
    /// tap k reaches output o when (o + p − k·d) is a multiple of s (then from input (o + p − k·d)/s, if in [0, n)). k·d
    /// mod s repeats every s/gcd(s, d) taps, so at most ⌈kernel / (s/gcd(s, d))⌉ taps reach one output, and no more than n
    /// (different taps come from different inputs).
    /// </summary>
    public static int LandingTaps(int kernel, int stride, int dilation, int size)
    {
        int a = stride, b = dilation;
        while (b != 0) (a, b) = (b, a % b);
        int period = stride / a;
        return Math.Min((kernel + period - 1) / period, size);
    }
    /// <summary>Outputs per (n, oc): ∏ output size.</summary>
    public int Plane => OutputSize[0] * OutputSize[1] * OutputSize[2];
    public int OutputLength => Batch * OutChannels * Plane;

    /// <summary>A per-axis value as PyTorch lists it: (length), (height, width) or (depth, height, width).</summary>
    public int[] Axes(int[] values) => values[(3 - Rank)..];

    /// <summary>The parameters PyTorch used, for comparison with the generated layer's <c>Parameters</c>.</summary>
    public ConvParameters Parameters => new(InChannels, OutChannels, Axes(Kernel), Axes(Stride), Axes(PaddingBefore), Axes(PaddingAfter),
        Axes(Dilation), Groups, Bias, PaddingMode, Activation, NegativeSlope, Transposed, Axes(OutputPadding));

    /// <summary>The module: Conv1d … Conv3d, ConvTranspose1d … ConvTranspose3d.</summary>
    public string Module => Transposed ? $"ConvTranspose{Rank}d" : $"Conv{Rank}d";

    /// <summary>The input shape, e.g. (1, 3, 8, 9).</summary>
    public string InputShape => "(" + string.Join(", ", new[] { Batch, InChannels }.Concat(Axes(Size))) + ")";

    public override string ToString() => FileName;

    public static string Directory => Path.Combine(AppContext.BaseDirectory, "golden");

    /// <summary>The flags of a file, read from its header only.</summary>
    public static int PeekFlags(string fileName)
    {
        using var r = new BinaryReader(File.OpenRead(Path.Combine(Directory, fileName)));
        string magic = Encoding.ASCII.GetString(r.ReadBytes(8));
        int[] h = ReadHeader(r, magic, fileName);
        return magic == Magic1 ? h[24] : h[9];
    }

    private const string Magic1 = "CVGOLD01", Magic2 = "CVGOLD02";

    private static int[] ReadHeader(BinaryReader r, string magic, string fileName)
    {
        Expect(magic is Magic1 or Magic2, fileName, $"magic '{magic}'");
        int[] h = new int[magic == Magic1 ? 32 : 48];
        for (int i = 0; i < h.Length; i++) h[i] = r.ReadInt32();
        Expect(h[0] == (magic == Magic1 ? 1 : 2), fileName, $"format version {h[0]} in a {magic} file");
        return h;
    }

    public static GoldenFile Load(string fileName)
    {
        using var stream = File.OpenRead(Path.Combine(Directory, fileName));
        using var r = new BinaryReader(stream, Encoding.UTF8);
        string magic = Encoding.ASCII.GetString(r.ReadBytes(8));
        int[] h = ReadHeader(r, magic, fileName);
        ulong seed = r.ReadUInt64(), hash = r.ReadUInt64();
        string name = ReadString(r), call = ReadString(r), family = ReadString(r);

        int version = h[0], rank, cin, cout, groups, batch, flags, samples, index, paddingKind, scaleLog2;
        bool bias, transposed = false;
        int[] outputPadding = new int[3];
        PaddingMode mode;
        Activation activation;
        float slope;
        int[] kernel, stride, declared, before, after, dilation, size, outSize;
        if (version == 1)
        {
            // (top/bottom, left/right) pairs of a Conv2d; depth is a unit axis.
            rank = 2;
            cin = h[1]; cout = h[2]; groups = h[16]; bias = h[17] != 0; mode = (PaddingMode)h[18]; batch = h[19];
            flags = h[24]; samples = h[25]; index = h[26]; paddingKind = h[7];
            kernel = new[] { 1, h[3], h[4] };
            stride = new[] { 1, h[5], h[6] };
            declared = new[] { 0, h[8], h[9] };
            before = new[] { 0, h[10], h[12] };
            after = new[] { 0, h[11], h[13] };
            dilation = new[] { 1, h[14], h[15] };
            size = new[] { 1, h[20], h[21] };
            outSize = new[] { 1, h[22], h[23] };
            activation = Activation.None;
            slope = 0.01f;
            scaleLog2 = 0;
        }
        else
        {
            rank = h[1]; cin = h[2]; cout = h[3]; groups = h[4]; bias = h[5] != 0; mode = (PaddingMode)h[6]; paddingKind = h[7];
            batch = h[8]; flags = h[9]; samples = h[10]; index = h[11];
            activation = (Activation)h[12];
            slope = BitConverter.Int32BitsToSingle(h[13]);
            scaleLog2 = h[14];
            kernel = h[16..19]; stride = h[19..22]; declared = h[22..25]; before = h[25..28]; after = h[28..31];
            dilation = h[31..34]; size = h[34..37]; outSize = h[37..40];
            Expect(rank is >= 1 and <= 3, fileName, $"rank {rank}");
            // Field 15 and fields 40–47 were reserved (0) before transposed layers: 15 is now the transposed flag, 40–42
            // the output_padding, which only a transposed file may set.
            Expect(h[15] is 0 or 1, fileName, $"transposed flag {h[15]}");
            transposed = h[15] == 1;
            outputPadding = h[40..43];
            Expect(transposed || outputPadding.All(v => v == 0), fileName, "output_padding in a file that is not transposed");
            Expect(h[43..48].All(v => v == 0), fileName, "reserved header fields 43–47 are not 0");
            for (int axis = 0; axis < 3 - rank; axis++)
            {
                Expect(kernel[axis] == 1 && stride[axis] == 1 && dilation[axis] == 1 && size[axis] == 1 && outSize[axis] == 1
                       && declared[axis] == 0 && before[axis] == 0 && after[axis] == 0 && outputPadding[axis] == 0, fileName,
                       $"axis {axis} is not a unit axis of a rank-{rank} layer");
            }
        }

        int inputLength = batch * cin * size[0] * size[1] * size[2];
        // (out, in/groups, *kernel), or (in, out/groups, *kernel) when transposed: the same count.
        int weightLength = cout * (cin / groups) * kernel[0] * kernel[1] * kernel[2];
        int planes = batch * cout;
        int outputLength = planes * outSize[0] * outSize[1] * outSize[2];

        float[] input, weight;
        float[]? biasValues;
        if ((flags & FlagDataStored) != 0)
        {
            input = ReadFloats(r, inputLength);
            weight = ReadFloats(r, weightLength);
            biasValues = bias ? ReadFloats(r, cout) : null;
        }
        else
        {
            // The oracle's seeds: weights 3·seed+1, bias 3·seed+2, input 3·seed+3 (times 2^scale, exact).
            weight = SplitMix64.Uniform(weightLength, 3 * seed + 1);
            biasValues = bias ? SplitMix64.Uniform(cout, 3 * seed + 2) : null;
            input = SplitMix64.Uniform(inputLength, 3 * seed + 3);
            if (scaleLog2 != 0)
            {
                float scale = MathF.ScaleB(1f, scaleLog2);
                for (int i = 0; i < input.Length; i++) input[i] *= scale;
            }
        }

        Expect(Fnv1a(input, weight, biasValues) == hash, fileName,
            (flags & FlagDataStored) != 0 ? "stored data does not match its hash" : "data regenerated from the seed differs from what PyTorch was given");

        float[]? output = null;
        int[] sampleIndex = Array.Empty<int>();
        float[] sampleValue = Array.Empty<float>();
        double[] planeSum = Array.Empty<double>(), planeSigned = Array.Empty<double>();
        if ((flags & FlagOutputFull) != 0)
        {
            output = ReadFloats(r, outputLength);
        }
        else
        {
            sampleIndex = new int[samples];
            for (int i = 0; i < samples; i++) sampleIndex[i] = r.ReadInt32();
            sampleValue = ReadFloats(r, samples);
            planeSum = ReadDoubles(r, planes);
            planeSigned = ReadDoubles(r, planes);
        }

        string trailer = version == 1 ? "CVGEND01" : "CVGEND02";
        Expect(Encoding.ASCII.GetString(r.ReadBytes(8)) == trailer && stream.Position == stream.Length, fileName, "trailer");
        return new GoldenFile
        {
            FileName = fileName, Index = index, Name = name, TorchCall = call, Family = family, FormatVersion = version,
            Rank = rank, InChannels = cin, OutChannels = cout, PaddingKind = paddingKind, Groups = groups, Bias = bias, PaddingMode = mode,
            Transposed = transposed, OutputPadding = outputPadding,
            Batch = batch, Kernel = kernel, Stride = stride, DeclaredPadding = declared, PaddingBefore = before, PaddingAfter = after,
            Dilation = dilation, Size = size, OutputSize = outSize, Activation = activation, NegativeSlope = slope, InputScaleLog2 = scaleLog2,
            Flags = flags, Seed = seed, DataHash = hash, Input = input, Weight = weight, BiasValues = biasValues, Output = output,
            SampleIndex = sampleIndex, SampleValue = sampleValue, PlaneSum = planeSum, PlaneSignedSum = planeSigned,
        };
    }

    private static void Expect(bool condition, string file, string what)
    {
        if (!condition) throw new InvalidDataException($"{file}: {what}");
    }

    private static string ReadString(BinaryReader r) => Encoding.UTF8.GetString(r.ReadBytes(r.ReadInt32()));

    private static float[] ReadFloats(BinaryReader r, int count)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++) values[i] = r.ReadSingle();
        return values;
    }

    private static double[] ReadDoubles(BinaryReader r, int count)
    {
        var values = new double[count];
        for (int i = 0; i < count; i++) values[i] = r.ReadDouble();
        return values;
    }

    private static ulong Fnv1a(params float[]?[] arrays)
    {
        ulong h = 0xCBF29CE484222325UL;
        foreach (float[]? a in arrays)
        {
            if (a is null) continue;
            foreach (float f in a)
            {
                uint bits = BitConverter.SingleToUInt32Bits(f);
                for (int k = 0; k < 4; k++) h = (h ^ ((bits >> (8 * k)) & 0xFF)) * 0x100000001B3UL;
            }
        }

        return h;
    }
}
