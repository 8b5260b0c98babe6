using ConvGen.Golden;
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace ConvGen.Oracle
{
    /// <summary>
    /// Writes one golden file (format "CVGOLD01", little-endian; described in README.md and read by
    /// tests/ConvGen.Conformance.Tests/GoldenFile.cs).
    /// </summary>
    public static class GoldenWriter
    {
        public const string Magic = "CVGOLD01";
        public const string Trailer = "CVGEND01";
        public const int FormatVersion = 1;
        public const int HeaderInts = 32;

        /// <summary>Outputs up to this many elements are stored whole; larger ones as samples plus per-plane checksums.</summary>
        public const int FullOutputLimit = 32768;

        /// <summary>Random output positions stored for a large output (besides the corners and centre of every plane).</summary>
        public const int RandomSamples = 4096;

        public const int FlagDataStored = 1, FlagOutputFull = 2, FlagNonFinite = 4, FlagFixedSize = 8;

        public static byte[] Write(GoldenConfig c, int index, GoldenData data, TorchResult r)
        {
            int outH = (int)r.OutputShape[2], outW = (int)r.OutputShape[3];
            bool full = r.Output.Length <= FullOutputLimit;
            int[] samples = full ? Array.Empty<int>() : SampleIndices(c, outH, outW, r.Output.Length);
            var p = c.ResolvedPadding;
            int flags = (c.Seeded ? 0 : FlagDataStored) | (full ? FlagOutputFull : 0) | (c.Specials.Count > 0 ? FlagNonFinite : 0)
                        | (c.FixedSize ? FlagFixedSize : 0);

            using var ms = new MemoryStream();
            using (var bw = new BinaryWriter(ms, Encoding.UTF8, leaveOpen: true))
            {
                bw.Write(Encoding.ASCII.GetBytes(Magic));
                int[] h = new int[HeaderInts];
                h[0] = FormatVersion;
                h[1] = c.InChannels;
                h[2] = c.OutChannels;
                h[3] = c.KernelH;
                h[4] = c.KernelW;
                h[5] = c.StrideH;
                h[6] = c.StrideW;
                h[7] = (int)c.PaddingKind;
                h[8] = c.PaddingH;
                h[9] = c.PaddingW;
                h[10] = p.Top;
                h[11] = p.Bottom;
                h[12] = p.Left;
                h[13] = p.Right;
                h[14] = c.DilationH;
                h[15] = c.DilationW;
                h[16] = c.Groups;
                h[17] = c.Bias ? 1 : 0;
                h[18] = (int)c.Mode;
                h[19] = c.Batch;
                h[20] = c.Height;
                h[21] = c.Width;
                h[22] = outH;
                h[23] = outW;
                h[24] = flags;
                h[25] = samples.Length;
                h[26] = index;
                foreach (int v in h) bw.Write(v);
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
                    var (sum, signed) = PlaneChecksums(r.Output, c.Batch * c.OutChannels, outH * outW);
                    foreach (double v in sum) bw.Write(v);
                    foreach (double v in signed) bw.Write(v);
                }

                bw.Write(Encoding.ASCII.GetBytes(Trailer));
            }

            return ms.ToArray();
        }

        /// <summary>Corners and centre of every (n, oc) plane, plus <see cref="RandomSamples"/> SplitMix64 positions; sorted, distinct.</summary>
        public static int[] SampleIndices(GoldenConfig c, int outH, int outW, int length)
        {
            var set = new SortedSet<int>();
            int plane = outH * outW;
            for (int nc = 0; nc < c.Batch * c.OutChannels; nc++)
            {
                int b = nc * plane;
                set.Add(b);
                set.Add(b + outW - 1);
                set.Add(b + (outH - 1) * outW);
                set.Add(b + plane - 1);
                set.Add(b + outH / 2 * outW + outW / 2);
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
