using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ConvGen.Internal
{
    /// <summary>Copies one image into the padded, stride-phase-split layout described by <see cref="Conv2dGeometry"/>.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class InputPadding
    {
        /// <summary>
        /// Writes every element of <paramref name="scratch"/> (length <see cref="Conv2dGeometry.ScratchLength"/>): the
        /// padded channels of <paramref name="image"/> <c>(in/groups, H, W)</c>, one group's input, in phase planes, zeros
        /// past the padded extent. One group at a time, so the padded input is still in cache when the kernel reads it.
        /// With a column stride above 2 each padded row is built in <paramref name="row"/> (length
        /// <see cref="Conv2dGeometry.PaddedWidth"/>) and then split into its column phases.
        /// </summary>
        public static void Fill(ReadOnlySpan<float> image, Span<float> scratch, Span<float> row, Conv2dParameters p, in Conv2dGeometry g)
        {
            int h = g.Height, w = g.Width, sH = p.StrideHeight, sW = p.StrideWidth;
            int paddedH = h + p.PaddingTop + p.PaddingBottom, paddedW = g.PaddedWidth;
            int planeW = g.PlaneWidth, planeSize = g.PlaneSize;
            int channels = image.Length / (h * w);
            if (sH == 1 && sW == 1 && g.PlaneHeight == h && g.PlaneWidth == w)
            {
                // Nothing to pad and stride 1: the planes are the image as it is.
                image.CopyTo(scratch);
                scratch.Slice(image.Length).Clear();
                return;
            }

            if (p.PaddingMode == PaddingMode.Zeros && sW <= 2)
            {
                FillZeros(image, scratch, p, g, channels);
                return;
            }

            for (int c = 0; c < channels; c++)
            {
                ReadOnlySpan<float> channel = image.Slice(c * h * w, h * w);
                Span<float> dest = scratch.Slice(c * g.ChannelStride, g.ChannelStride);
                // Padded row r = i·sH + ph goes to row i of the phase planes (ph, 0..sW-1).
                for (int ph = 0; ph < sH; ph++)
                {
                    for (int i = 0, r = ph; i < g.PlaneHeight; i++, r += sH)
                    {
                        int start = ph * sW * planeSize + i * planeW;
                        int sourceRow = r < paddedH ? SourceIndex(r - p.PaddingTop, h, p.PaddingMode) : -1;
                        if (sourceRow < 0)
                        {
                            for (int pw = 0; pw < sW; pw++) dest.Slice(start + pw * planeSize, planeW).Clear();
                            continue;
                        }

                        ReadOnlySpan<float> source = channel.Slice(sourceRow * w, w);
                        if (sW == 1)
                        {
                            PadRow(source, dest.Slice(start, planeW), p.PaddingLeft, p.PaddingMode);
                        }
                        else if (sW == 2)
                        {
                            SplitRow(source, dest.Slice(start), planeW, planeSize, p.PaddingLeft, paddedW, p.PaddingMode);
                        }
                        else
                        {
                            PadRow(source, row, p.PaddingLeft, p.PaddingMode);
                            SplitPhases(row, dest.Slice(start), planeW, planeSize, sW);
                        }
                    }
                }
            }

            scratch.Slice(channels * g.ChannelStride).Clear();
        }

        /// <summary>
        /// <see cref="Fill"/> for zero padding and a column stride of 1 or 2, the layers of nearly every network: the
        /// same layout, written with everything that does not change from row to row worked out once. A strided layer
        /// splits thousands of short rows per call, and per-row slicing and border logic cost more than the copy.
        /// </summary>
        private static void FillZeros(ReadOnlySpan<float> image, Span<float> scratch, Conv2dParameters p, in Conv2dGeometry g, int channels)
        {
            int h = g.Height, w = g.Width, sH = p.StrideHeight, sW = p.StrideWidth, padTop = p.PaddingTop, padLeft = p.PaddingLeft;
            nint planeW = g.PlaneWidth, planeSize = g.PlaneSize, channelStride = g.ChannelStride;
            if (image.Length < channels * h * w || scratch.Length < channels * channelStride)
                throw new ArgumentException("The scratch buffer does not match the image.", nameof(scratch));

            // Stride 2: padded column 2j + pw is source column 2j + pw − padLeft, so phase pw holds every other source
            // column from j0 = ceil((padLeft − pw) / 2) on; the phase whose first one is source column 0 takes the evens.
            int j0Even = (padLeft + 1) / 2, j0Odd = padLeft / 2;
            int firstEven = 2 * j0Even - padLeft, firstOdd = 2 * j0Odd + 1 - padLeft;
            int endEven = j0Even + (w - firstEven + 1) / 2, endOdd = j0Odd + (w - firstOdd + 1) / 2;
            nint evens = firstEven == 0 ? j0Even : planeSize + j0Odd, odds = firstEven == 0 ? planeSize + j0Odd : j0Even;
            int end = sW == 1 ? padLeft + w : 0;

            ref float source = ref MemoryMarshal.GetReference(image);
            for (int c = 0; c < channels; c++)
            {
                ref float channel = ref Unsafe.Add(ref MemoryMarshal.GetReference(scratch), c * channelStride);
                // Padded row r = i·sH + ph goes to row i of the phase planes (ph, 0..sW-1).
                for (int ph = 0; ph < sH; ph++)
                {
                    ref float dest = ref Unsafe.Add(ref channel, ph * sW * planeSize);
                    for (int r = ph; r < g.PlaneHeight * sH; r += sH, dest = ref Unsafe.Add(ref dest, planeW))
                    {
                        int sourceRow = r - padTop;
                        if ((uint)sourceRow >= (uint)h)
                        {
                            MemoryMarshal.CreateSpan(ref dest, (int)planeW).Clear();
                            if (sW == 2) MemoryMarshal.CreateSpan(ref Unsafe.Add(ref dest, planeSize), (int)planeW).Clear();
                            continue;
                        }

                        ref float row = ref Unsafe.Add(ref source, (c * h + sourceRow) * (nint)w);
                        if (sW == 1)
                        {
                            // A few columns each side: a loop beats a call to memset.
                            for (int j = 0; j < padLeft; j++) Unsafe.Add(ref dest, j) = 0f;
                            Rows.Copy(ref row, ref Unsafe.Add(ref dest, padLeft), w);
                            for (nint j = end; j < planeW; j++) Unsafe.Add(ref dest, j) = 0f;
                            continue;
                        }

                        SplitPairs(ref row, ref Unsafe.Add(ref dest, evens), ref Unsafe.Add(ref dest, odds), w / 2);
                        if ((w & 1) != 0) Unsafe.Add(ref dest, evens + w / 2) = Unsafe.Add(ref row, w - 1);
                        ref float phase1 = ref Unsafe.Add(ref dest, planeSize);
                        for (int j = 0; j < j0Even; j++) Unsafe.Add(ref dest, j) = 0f;
                        for (nint j = endEven; j < planeW; j++) Unsafe.Add(ref dest, j) = 0f;
                        for (int j = 0; j < j0Odd; j++) Unsafe.Add(ref phase1, j) = 0f;
                        for (nint j = endOdd; j < planeW; j++) Unsafe.Add(ref phase1, j) = 0f;
                    }
                }
            }

            scratch.Slice(channels * (int)channelStride).Clear();
        }

        /// <summary>dest = [border | source | border], the borders filled as the padding mode says.</summary>
        private static void PadRow(ReadOnlySpan<float> source, Span<float> dest, int padLeft, PaddingMode mode)
        {
            int w = source.Length;
            Rows.Copy(source, dest.Slice(padLeft, w));
            if (mode == PaddingMode.Zeros)
            {
                // A few columns each side: a loop beats a call to memset.
                for (int j = 0; j < padLeft; j++) dest[j] = 0f;
                for (int j = padLeft + w; j < dest.Length; j++) dest[j] = 0f;
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
        private static void SplitPhases(ReadOnlySpan<float> row, Span<float> dest, int planeW, int planeSize, int stride)
        {
            for (int pw = 0; pw < stride; pw++)
            {
                Span<float> phase = dest.Slice(pw * planeSize, planeW);
                for (int j = 0; j < planeW; j++)
                {
                    int column = j * stride + pw;
                    phase[j] = column < row.Length ? row[column] : 0f;
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

        /// <summary>The source index that padded index <paramref name="i"/> (relative to the input's first element) reads, or −1 for a zero.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static int SourceIndex(int i, int n, PaddingMode mode)
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
