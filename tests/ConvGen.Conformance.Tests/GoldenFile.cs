using ConvGen.Golden;
using System;
using System.IO;
using System.Text;
using ConvGen;

namespace ConvGen.Conformance.Tests;

/// <summary>
/// One golden file written by tools/ConvGen.Oracle (format "CVGOLD01", little-endian; see tools/ConvGen.Oracle/README.md):
/// the torch.nn.Conv2d hyper-parameters with the padding PyTorch applied, the data (stored, or regenerated here from the
/// seed with the oracle's SplitMix64), and PyTorch's output (whole, or samples plus per-plane checksums).
/// </summary>
public sealed class GoldenFile
{
    public const int FlagDataStored = 1, FlagOutputFull = 2, FlagNonFinite = 4, FlagFixedSize = 8;

    public required string FileName { get; init; }
    public required int Index { get; init; }
    public required string Name { get; init; }
    public required string TorchCall { get; init; }
    public required string Family { get; init; }

    public required int InChannels { get; init; }
    public required int OutChannels { get; init; }
    public required int KernelHeight { get; init; }
    public required int KernelWidth { get; init; }
    public required int StrideHeight { get; init; }
    public required int StrideWidth { get; init; }
    /// <summary>0: <c>padding=(h, w)</c>; 1: <c>'same'</c>; 2: <c>'valid'</c>.</summary>
    public required int PaddingKind { get; init; }
    public required int DeclaredPaddingHeight { get; init; }
    public required int DeclaredPaddingWidth { get; init; }
    public required int PaddingTop { get; init; }
    public required int PaddingBottom { get; init; }
    public required int PaddingLeft { get; init; }
    public required int PaddingRight { get; init; }
    public required int DilationHeight { get; init; }
    public required int DilationWidth { get; init; }
    public required int Groups { get; init; }
    public required bool Bias { get; init; }
    public required PaddingMode PaddingMode { get; init; }
    public required int Batch { get; init; }
    public required int Height { get; init; }
    public required int Width { get; init; }
    public required int OutputHeight { get; init; }
    public required int OutputWidth { get; init; }
    public required int Flags { get; init; }
    public required ulong Seed { get; init; }
    public required ulong DataHash { get; init; }

    public required float[] Input { get; init; }
    public required float[] Weight { get; init; }
    public required float[]? BiasValues { get; init; }

    /// <summary>PyTorch's whole output, or null when only samples are stored.</summary>
    public required float[]? Output { get; init; }
    /// <summary>Flat NCHW output positions of the samples (ascending), when the output is not stored whole.</summary>
    public required int[] SampleIndex { get; init; }
    public required float[] SampleValue { get; init; }
    /// <summary>Per (n, oc) plane: Σ y (double) over PyTorch's float32 output.</summary>
    public required double[] PlaneSum { get; init; }
    /// <summary>Per (n, oc) plane: Σ s(i)·y with the sign pattern <see cref="Sign"/>.</summary>
    public required double[] PlaneSignedSum { get; init; }

    public bool HasNonFinite => (Flags & FlagNonFinite) != 0;
    public bool OutputWhole => (Flags & FlagOutputFull) != 0;
    public bool DataStored => (Flags & FlagDataStored) != 0;
    public bool FixedSize => (Flags & FlagFixedSize) != 0;
    public int InChannelsPerGroup => InChannels / Groups;
    public int Terms => InChannelsPerGroup * KernelHeight * KernelWidth;
    public int OutputLength => Batch * OutChannels * OutputHeight * OutputWidth;

    /// <summary>The parameters PyTorch used, for comparison with the generated layer's <c>Parameters</c>.</summary>
    public Conv2dParameters Parameters => new(InChannels, OutChannels, KernelHeight, KernelWidth, StrideHeight, StrideWidth,
        PaddingTop, PaddingBottom, PaddingLeft, PaddingRight, DilationHeight, DilationWidth, Groups, Bias, PaddingMode);

    public override string ToString() => FileName;

    public static string Directory => Path.Combine(AppContext.BaseDirectory, "golden");

    public static GoldenFile Load(string fileName)
    {
        using var stream = File.OpenRead(Path.Combine(Directory, fileName));
        using var r = new BinaryReader(stream, Encoding.UTF8);
        Expect(Encoding.ASCII.GetString(r.ReadBytes(8)) == "CVGOLD01", fileName, "magic");
        int[] h = new int[32];
        for (int i = 0; i < h.Length; i++) h[i] = r.ReadInt32();
        Expect(h[0] == 1, fileName, $"format version {h[0]}");
        ulong seed = r.ReadUInt64(), hash = r.ReadUInt64();
        string name = ReadString(r), call = ReadString(r), family = ReadString(r);
        int cin = h[1], cout = h[2], kh = h[3], kw = h[4], groups = h[16], batch = h[19], height = h[20], width = h[21];
        bool bias = h[17] != 0;
        int flags = h[24], samples = h[25];
        int inputLength = batch * cin * height * width, weightLength = cout * (cin / groups) * kh * kw;
        int outputLength = batch * cout * h[22] * h[23];

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
            // The oracle's seeds: weights 3·seed+1, bias 3·seed+2, input 3·seed+3.
            weight = SplitMix64.Uniform(weightLength, 3 * seed + 1);
            biasValues = bias ? SplitMix64.Uniform(cout, 3 * seed + 2) : null;
            input = SplitMix64.Uniform(inputLength, 3 * seed + 3);
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
            planeSum = ReadDoubles(r, batch * cout);
            planeSigned = ReadDoubles(r, batch * cout);
        }

        Expect(Encoding.ASCII.GetString(r.ReadBytes(8)) == "CVGEND01" && stream.Position == stream.Length, fileName, "trailer");
        return new GoldenFile
        {
            FileName = fileName, Index = h[26], Name = name, TorchCall = call, Family = family,
            InChannels = cin, OutChannels = cout, KernelHeight = kh, KernelWidth = kw, StrideHeight = h[5], StrideWidth = h[6],
            PaddingKind = h[7], DeclaredPaddingHeight = h[8], DeclaredPaddingWidth = h[9],
            PaddingTop = h[10], PaddingBottom = h[11], PaddingLeft = h[12], PaddingRight = h[13],
            DilationHeight = h[14], DilationWidth = h[15], Groups = groups, Bias = bias, PaddingMode = (PaddingMode)h[18],
            Batch = batch, Height = height, Width = width, OutputHeight = h[22], OutputWidth = h[23], Flags = flags,
            Seed = seed, DataHash = hash, Input = input, Weight = weight, BiasValues = biasValues, Output = output,
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
