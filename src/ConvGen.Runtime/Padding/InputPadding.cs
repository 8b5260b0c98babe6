using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ConvGen.Internal
{
    /// <summary>Copies one image into the padded, stride-phase-split layout described by <see cref="ConvGeometry"/>.</summary>
    internal static class InputPadding
    {
        /// <summary>
        /// Writes every element of <paramref name="scratch"/> (length <see cref="ConvGeometry.ScratchLength"/>): the
        /// padded channels of <paramref name="image"/> <c>(in/groups, D, H, W)</c>, one group's input, in stride phases,
        /// zeros past the padded extent. Zero padding and everything past the padded extent hold <see cref="ConvDims.PadValue"/>
        /// (0, or −∞ for max pooling). One group at a time, so the padded input is still in cache when the kernel reads
        /// it. Padded row (d, r) of a channel goes to row (d / sD, r / sH) of phases (d mod sD, r mod sH, ·); it is a row of
        /// the input, or zeros, or (reflect, replicate, circular) the input row the padding mode names. With a column
        /// stride above 2 each padded row is built in <paramref name="row"/> (length <see cref="ConvGeometry.PaddedWidth"/>)
        /// and then split into its column phases.
        /// </summary>
        public static void Fill(ReadOnlySpan<float> image, Span<float> scratch, Span<float> row, in ConvDims p, in ConvGeometry g)
        {
            int d = g.Depth, h = g.Height, w = g.Width, sD = p.D.Stride, sH = p.H.Stride, sW = p.W.Stride;
            int planeW = g.PlaneWidth, phaseSize = g.PhaseSize, inPlane = g.InputPlane;
            int channels = image.Length / inPlane;
            float fill = p.PadValue; // 0 for convolutions; −∞ for max pooling
            if (image.Length < channels * inPlane || scratch.Length < channels * g.ChannelStride)
                throw new ArgumentException("The scratch buffer does not match the image.", nameof(scratch));
            if (sD == 1 && sH == 1 && sW == 1 && g.PlaneDepth == d && g.PlaneHeight == h && g.PlaneWidth == w)
            {
                // Nothing to pad and stride 1: the phases are the image as it is.
                image.CopyTo(scratch);
                scratch.Slice(image.Length).Fill(fill);
                return;
            }

            var mode = p.PaddingMode;
            int padLeft = p.W.PadBefore, paddedW = g.PaddedWidth;
            // Zero padding, stride 2: padded column 2j + pw is source column 2j + pw − padLeft, so phase pw holds every other
            // source column from j0 = ceil((padLeft − pw) / 2) on; the phase whose first one is source column 0 takes the evens.
            int j0Even = (padLeft + 1) / 2, j0Odd = padLeft / 2;
            int firstEven = 2 * j0Even - padLeft, firstOdd = 2 * j0Odd + 1 - padLeft;
            int endEven = j0Even + (w - firstEven + 1) / 2, endOdd = j0Odd + (w - firstOdd + 1) / 2;
            nint evens = firstEven == 0 ? j0Even : phaseSize + j0Odd, odds = firstEven == 0 ? phaseSize + j0Odd : j0Even;
            int end = padLeft + w;
            bool zeros = mode == PaddingMode.Zeros;

            ref float source = ref MemoryMarshal.GetReference(image);
            ref float scratchStart = ref MemoryMarshal.GetReference(scratch);
            for (int c = 0; c < channels; c++)
            {
                ref float channel = ref Unsafe.Add(ref scratchStart, (nint)c * g.ChannelStride);
                for (int pd = 0; pd < sD; pd++)
                {
                    for (int i = 0; i < g.PlaneDepth; i++)
                    {
                        int sourceSlice = Source(i * sD + pd, p.D.PadBefore, p.D.Padded(d), d, mode);
                        for (int ph = 0; ph < sH; ph++)
                        {
                            ref float dest = ref Unsafe.Add(ref channel, (nint)(pd * sH + ph) * sW * phaseSize + (nint)i * g.SliceSize);
                            for (int r = ph; r < g.PlaneHeight * sH; r += sH, dest = ref Unsafe.Add(ref dest, planeW))
                            {
                                int sourceRow = sourceSlice < 0 ? -1 : Source(r, p.H.PadBefore, p.H.Padded(h), h, mode);
                                if (sourceRow < 0)
                                {
                                    for (int pw = 0; pw < sW; pw++) MemoryMarshal.CreateSpan(ref Unsafe.Add(ref dest, pw * phaseSize), planeW).Fill(fill);
                                    continue;
                                }

                                ref float input = ref Unsafe.Add(ref source, ((nint)c * inPlane + (nint)(sourceSlice * h + sourceRow) * w));
                                if (zeros && sW == 1)
                                {
                                    // A few columns each side: a loop beats a call to memset.
                                    for (int j = 0; j < padLeft; j++) Unsafe.Add(ref dest, j) = fill;
                                    Rows.Copy(ref input, ref Unsafe.Add(ref dest, padLeft), w);
                                    for (nint j = end; j < planeW; j++) Unsafe.Add(ref dest, j) = fill;
                                }
                                else if (zeros && sW == 2)
                                {
                                    SplitPairs(ref input, ref Unsafe.Add(ref dest, evens), ref Unsafe.Add(ref dest, odds), w / 2);
                                    if ((w & 1) != 0) Unsafe.Add(ref dest, evens + w / 2) = Unsafe.Add(ref input, w - 1);
                                    ref float phase1 = ref Unsafe.Add(ref dest, phaseSize);
                                    for (int j = 0; j < j0Even; j++) Unsafe.Add(ref dest, j) = fill;
                                    for (nint j = endEven; j < planeW; j++) Unsafe.Add(ref dest, j) = fill;
                                    for (int j = 0; j < j0Odd; j++) Unsafe.Add(ref phase1, j) = fill;
                                    for (nint j = endOdd; j < planeW; j++) Unsafe.Add(ref phase1, j) = fill;
                                }
                                else
                                {
                                    var sourceRowSpan = MemoryMarshal.CreateReadOnlySpan(ref input, w);
                                    var destination = MemoryMarshal.CreateSpan(ref dest, (sW - 1) * phaseSize + planeW);
                                    if (sW == 1)
                                    {
                                        PadRow(sourceRowSpan, destination, padLeft, mode, fill);
                                    }
                                    else if (sW == 2)
                                    {
                                        SplitRow(sourceRowSpan, destination, planeW, phaseSize, padLeft, paddedW, mode);
                                    }
                                    else
                                    {
                                        PadRow(sourceRowSpan, row, padLeft, mode, fill);
                                        SplitPhases(row, destination, planeW, phaseSize, sW, fill);
                                    }
                                }
                            }
                        }
                    }
                }
            }

            scratch.Slice(channels * g.ChannelStride).Fill(fill);
        }

        /// <summary>The input index padded index <paramref name="padded"/> of an axis reads, or −1 for zeros (past the padded extent too).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static int Source(int padded, int padBefore, long paddedLength, int length, PaddingMode mode) =>
            padded < paddedLength ? SourceIndex(padded - padBefore, length, mode) : -1;

        /// <summary>dest = [border | source | border], the borders filled as the padding mode says.</summary>
        private static void PadRow(ReadOnlySpan<float> source, Span<float> dest, int padLeft, PaddingMode mode, float fill)
        {
            int w = source.Length;
            Rows.Copy(source, dest.Slice(padLeft, w));
            if (mode == PaddingMode.Zeros)
            {
                // A few columns each side: a loop beats a call to memset.
                for (int j = 0; j < padLeft; j++) dest[j] = fill;
                for (int j = padLeft + w; j < dest.Length; j++) dest[j] = fill;
                return;
            }

            for (int j = 0; j < padLeft; j++)
                dest[j] = Border(source, j - padLeft, mode);
            for (int j = padLeft + w; j < dest.Length; j++)
                dest[j] = Border(source, j - padLeft, mode);
        }

        private static float Border(ReadOnlySpan<float> source, int i, PaddingMode mode)
        {
            int s = SourceIndex(i, source.Length, mode);
            return s < 0 ? 0f : source[s];
        }

        /// <summary>Phase pw of the padded row goes to dest[pw·planeSize ..][j] = row[j·stride + pw], zero past the row.</summary>
        private static void SplitPhases(ReadOnlySpan<float> row, Span<float> dest, int planeW, int planeSize, int stride, float fill)
        {
            for (int pw = 0; pw < stride; pw++)
            {
                Span<float> phase = dest.Slice(pw * planeSize, planeW);
                for (int j = 0; j < planeW; j++)
                {
                    int column = j * stride + pw;
                    phase[j] = column < row.Length ? row[column] : fill;
                }
            }
        }

        /// <summary>
        /// Stride 2: splits the unpadded source row straight into the two column phases. Padded column j·2 + pw reads
        /// source column j·2 + pw − padLeft, so each phase holds every other source column from some j0 on, and only the
        /// few border columns go through the padding mode.
        /// </summary>
        private static void SplitRow(ReadOnlySpan<float> source, Span<float> dest, int planeW, int planeSize, int padLeft, int paddedW, PaddingMode mode)
        {
            int w = source.Length;
            // Phase pw starts taking source columns at j0 = ceil((padLeft − pw) / 2), from source column (j0·2 + pw − padLeft) ∈ {0, 1}.
            int j0Even = (padLeft + 1) / 2, j0Odd = padLeft / 2;
            int firstEven = 2 * j0Even - padLeft, firstOdd = 2 * j0Odd + 1 - padLeft;
            ref float phase0 = ref MemoryMarshal.GetReference(dest);
            ref float phase1 = ref MemoryMarshal.GetReference(dest.Slice(planeSize, planeW));
            // Even source columns go to the phase that starts at source column 0, odd ones to the other.
            ref float evens = ref firstEven == 0 ? ref Unsafe.Add(ref phase0, j0Even) : ref Unsafe.Add(ref phase1, j0Odd);
            ref float odds = ref firstEven == 0 ? ref Unsafe.Add(ref phase1, j0Odd) : ref Unsafe.Add(ref phase0, j0Even);
            SplitPairs(ref MemoryMarshal.GetReference(source), ref evens, ref odds, w / 2);
            if ((w & 1) != 0) Unsafe.Add(ref evens, w / 2) = source[w - 1];

            int endEven = j0Even + (w - firstEven + 1) / 2, endOdd = j0Odd + (w - firstOdd + 1) / 2;
            FillBorder(source, dest.Slice(0, planeW), 0, j0Even, endEven, padLeft, paddedW, mode);
            FillBorder(source, dest.Slice(planeSize, planeW), 1, j0Odd, endOdd, padLeft, paddedW, mode);
        }

        /// <summary>Columns of one phase outside [start, end): padding-mode values inside the padded row, zero past it.</summary>
        private static void FillBorder(ReadOnlySpan<float> source, Span<float> phase, int pw, int start, int end, int padLeft, int paddedW, PaddingMode mode)
        {
            for (int j = 0; j < start; j++)
                phase[j] = Border(source, 2 * j + pw - padLeft, mode);
            for (int j = end; j < phase.Length; j++)
                phase[j] = 2 * j + pw < paddedW ? Border(source, 2 * j + pw - padLeft, mode) : 0f;
        }

        /// <summary>even[k] = row[2k], odd[k] = row[2k + 1] for k &lt; pairs, vectorised with an overlapping last vector.</summary>
        private static void SplitPairs(ref float source, ref float even, ref float odd, int pairs)
        {
            if (Vector512.IsHardwareAccelerated && pairs >= 16)
            {
                var evens = Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
                var odds = evens + Vector512<int>.One;
                for (int j = 0; ; j += 16)
                {
                    if (j > pairs - 16) j = pairs - 16;
                    var a = Vector512.LoadUnsafe(ref source, (nuint)(2 * j));
                    var b = Vector512.LoadUnsafe(ref source, (nuint)(2 * j + 16));
                    Avx512F.PermuteVar16x32x2(a, evens, b).StoreUnsafe(ref even, (nuint)j);
                    Avx512F.PermuteVar16x32x2(a, odds, b).StoreUnsafe(ref odd, (nuint)j);
                    if (j == pairs - 16) return;
                }
            }

            if (Vector256.IsHardwareAccelerated && Avx2.IsSupported && pairs >= 8)
            {
                for (int j = 0; ; j += 8)
                {
                    if (j > pairs - 8) j = pairs - 8;
                    var a = Vector256.LoadUnsafe(ref source, (nuint)(2 * j));
                    var b = Vector256.LoadUnsafe(ref source, (nuint)(2 * j + 8));
                    // Per 128-bit lane [a0 a2 b0 b2 | a4 a6 b4 b6], then reorder the 64-bit pairs to [a0 a2 a4 a6 b0 b2 b4 b6].
                    Avx2.Permute4x64(Avx.Shuffle(a, b, 0b10_00_10_00).AsDouble(), 0b11_01_10_00).AsSingle().StoreUnsafe(ref even, (nuint)j);
                    Avx2.Permute4x64(Avx.Shuffle(a, b, 0b11_01_11_01).AsDouble(), 0b11_01_10_00).AsSingle().StoreUnsafe(ref odd, (nuint)j);
                    if (j == pairs - 8) return;
                }
            }

            for (int j = 0; j < pairs; j++)
            {
                Unsafe.Add(ref even, j) = Unsafe.Add(ref source, 2 * j);
                Unsafe.Add(ref odd, j) = Unsafe.Add(ref source, 2 * j + 1);
            }
        }

        /// <summary>
        /// The source index that padded index <paramref name="i"/> (relative to the input's first element) reads, or −1 for a zero:
        /// the one rule of every padding mode, shared by the convolutions and the padding layers (<see cref="PadDriver"/>).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static int SourceIndex(int i, int n, PaddingMode mode)
        {
            if ((uint)i < (uint)n) return i;
            return mode switch
            {
                PaddingMode.Reflect => i < 0 ? -i : 2 * (n - 1) - i,
                PaddingMode.Replicate => i < 0 ? 0 : n - 1,
                PaddingMode.Circular => ((i % n) + n) % n,
                _ => -1,
            };
        }
    }
}
