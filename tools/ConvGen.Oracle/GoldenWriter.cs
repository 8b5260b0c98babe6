using ConvGen.Golden;
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace ConvGen.Oracle
{
    /// <summary>
    /// Writes one golden file, little-endian, in one of two formats (described in README.md and read by
    /// tests/ConvGen.Conformance.Tests/GoldenFile.cs): "CVGOLD01" for a Conv2d without activation or input scaling (the
    /// format of the first oracle, whose files are rewritten byte for byte), "CVGOLD02" for everything else: any rank,
    /// per-axis fields for depth/height/width, the activation and its slope, the input scale, and for a transposed
    /// convolution its flag (field 15) and output_padding (fields 40–42), two of format 2's reserved fields, which are 0 in
    /// every other file (so those are unchanged).
    /// </summary>
    public static class GoldenWriter
    {
        public const string Magic = "CVGOLD01";
        public const string Trailer = "CVGEND01";
        public const int FormatVersion = 1;
        public const int HeaderInts = 32;

        public const string Magic2 = "CVGOLD02";
        public const string Trailer2 = "CVGEND02";
        public const int FormatVersion2 = 2;
        public const int HeaderInts2 = 48;

        /// <summary>Outputs up to this many elements are stored whole; larger ones as samples plus per-plane checksums.</summary>
        public const int FullOutputLimit = 32768;

        /// <summary>Random output positions stored for a large output (besides the corners and centre of every plane).</summary>
        public const int RandomSamples = 4096;

        public const int FlagDataStored = 1, FlagOutputFull = 2, FlagNonFinite = 4, FlagFixedSize = 8;

        public static byte[] Write(GoldenConfig c, int index, GoldenData data, TorchResult r)
        {
            int[] outSize = r.OutputShape.Skip(2).Select(v => (int)v).ToArray();
            bool full = r.Output.Length <= FullOutputLimit;
            int[] samples = full ? Array.Empty<int>() : SampleIndices(c, outSize, r.Output.Length);
            var (before, after) = c.ResolvedPadding;
            int flags = (c.Seeded ? 0 : FlagDataStored) | (full ? FlagOutputFull : 0) | (c.Specials.Count > 0 ? FlagNonFinite : 0)
                        | (c.FixedSize ? FlagFixedSize : 0);

            using var ms = new MemoryStream();
            using (var bw = new BinaryWriter(ms, Encoding.UTF8, leaveOpen: true))
            {
                if (c.IsFormat1)
                {
                    bw.Write(Encoding.ASCII.GetBytes(Magic));
                    int[] h = new int[HeaderInts];
                    h[0] = FormatVersion;
                    h[1] = c.InChannels;
                    h[2] = c.OutChannels;
                    h[3] = c.Kernel[0];
                    h[4] = c.Kernel[1];
                    h[5] = c.Stride[0];
                    h[6] = c.Stride[1];
                    h[7] = (int)c.PaddingKind;
                    h[8] = c.Padding[0];
                    h[9] = c.Padding[1];
                    h[10] = before[0];
                    h[11] = after[0];
                    h[12] = before[1];
                    h[13] = after[1];
                    h[14] = c.Dilation[0];
                    h[15] = c.Dilation[1];
                    h[16] = c.Groups;
                    h[17] = c.Bias ? 1 : 0;
                    h[18] = (int)c.Mode;
                    h[19] = c.Batch;
                    h[20] = c.Size[0];
                    h[21] = c.Size[1];
                    h[22] = outSize[0];
                    h[23] = outSize[1];
                    h[24] = flags;
                    h[25] = samples.Length;
                    h[26] = index;
                    foreach (int v in h) bw.Write(v);
                }
                else
                {
                    bw.Write(Encoding.ASCII.GetBytes(Magic2));
                    int[] h = new int[HeaderInts2];
                    h[0] = FormatVersion2;
                    h[1] = c.Rank;
                    h[2] = c.InChannels;
                    h[3] = c.OutChannels;
                    h[4] = c.Groups;
                    h[5] = c.Bias ? 1 : 0;
                    h[6] = (int)c.Mode;
                    h[7] = (int)c.PaddingKind;
                    h[8] = c.Batch;
                    h[9] = flags;
                    h[10] = samples.Length;
                    h[11] = index;
                    h[12] = (int)c.Activation;
                    h[13] = BitConverter.SingleToInt32Bits(c.NegativeSlope);
                    h[14] = c.InputScaleLog2;
                    h[15] = c.Transposed ? 1 : 0; // 0 in the files written before transposed layers (a reserved field then)
                    // Per-axis fields: (depth, height, width), a lower rank's axes right-aligned (Conv1d: width = length)
                    // and its missing leading axes unit: kernel, stride, dilation, size, output 1, padding 0.
                    PerAxis(h, 16, c.Kernel, 1);
                    PerAxis(h, 19, c.Stride, 1);
                    PerAxis(h, 22, c.Padding, 0);
                    PerAxis(h, 25, before, 0);
                    PerAxis(h, 28, after, 0);
                    PerAxis(h, 31, c.Dilation, 1);
                    PerAxis(h, 34, c.Size, 1);
                    PerAxis(h, 37, outSize, 1);
                    PerAxis(h, 40, c.OutputPaddingOrZero, 0); // output_padding (reserved, 0, before transposed layers)
                    foreach (int v in h) bw.Write(v);
                }

                bw.Write(c.Seed);
                bw.Write(data.Hash());
                WriteString(bw, c.Name);
                WriteString(bw, c.TorchCall());
                WriteString(bw, c.Family);

                if (!c.Seeded)
                {
                    WriteFloats(bw, data.Input);
                    WriteFloats(bw, data.Weight);
                    if (data.Bias is not null) WriteFloats(bw, data.Bias);
                }

                if (full)
                {
                    WriteFloats(bw, r.Output);
                }
                else
                {
                    foreach (int i in samples) bw.Write(i);
                    foreach (int i in samples) bw.Write(r.Output[i]);
                    var (sum, signed) = PlaneChecksums(r.Output, c.Batch * c.OutChannels, GoldenConfig.Product(outSize));
                    foreach (double v in sum) bw.Write(v);
                    foreach (double v in signed) bw.Write(v);
                }

                bw.Write(Encoding.ASCII.GetBytes(c.IsFormat1 ? Trailer : Trailer2));
            }

            return ms.ToArray();
        }

        private static void PerAxis(int[] header, int at, int[] values, int unit)
        {
            int missing = 3 - values.Length;
            for (int i = 0; i < 3; i++) header[at + i] = i < missing ? unit : values[i - missing];
        }

        /// <summary>
        /// The corners and centre of every (n, oc) plane (volume for Conv3d, line for Conv1d), plus
        /// <see cref="RandomSamples"/> SplitMix64 positions; sorted, distinct.
        /// </summary>
        public static int[] SampleIndices(GoldenConfig c, int[] outSize, int length)
        {
            var set = new SortedSet<int>();
            int plane = GoldenConfig.Product(outSize);
            int rank = outSize.Length;
            for (int nc = 0; nc < c.Batch * c.OutChannels; nc++)
            {
                int b = nc * plane;
                for (int corner = 0; corner < 1 << rank; corner++)
                {
                    int offset = 0;
                    for (int axis = 0; axis < rank; axis++) offset = offset * outSize[axis] + ((corner >> (rank - 1 - axis) & 1) == 1 ? outSize[axis] - 1 : 0);
                    set.Add(b + offset);
                }

                int centre = 0;
                for (int axis = 0; axis < rank; axis++) centre = centre * outSize[axis] + outSize[axis] / 2;
                set.Add(b + centre);
            }

            ulong state = c.Seed ^ 0x5A3B_0C1D_2E4F_6071UL;
            for (int added = 0; added < RandomSamples;)
            {
                state += 0x9E3779B97F4A7C15UL;
                if (set.Add((int)(SplitMix64.Mix(state) % (ulong)length))) added++;
            }

            return set.ToArray();
        }

        /// <summary>
        /// Per (n, oc) plane: Σ y and Σ s(i)·y in double, where i is the position in the plane and s(i) = +1 when the top
        /// bit of SplitMix64's mix(i + 0x9E3779B97F4A7C15) is 0, else −1 (so a permutation inside a plane changes it).
        /// </summary>
        public static (double[] Sum, double[] Signed) PlaneChecksums(float[] output, int planes, int plane)
        {
            var sum = new double[planes];
            var signed = new double[planes];
            for (int pl = 0; pl < planes; pl++)
            {
                double s = 0, t = 0;
                for (int i = 0; i < plane; i++)
                {
                    double v = output[pl * plane + i];
                    s += v;
                    t += SplitMix64.Sign(i) * v;
                }

                sum[pl] = s;
                signed[pl] = t;
            }

            return (sum, signed);
        }

        private static void WriteString(BinaryWriter bw, string s)
        {
            byte[] b = Encoding.UTF8.GetBytes(s);
            bw.Write(b.Length);
            bw.Write(b);
        }

        private static void WriteFloats(BinaryWriter bw, float[] values)
        {
            foreach (float v in values) bw.Write(v);
        }
    }
}
