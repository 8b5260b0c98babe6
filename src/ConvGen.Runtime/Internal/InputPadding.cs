using System;
using System.ComponentModel;

namespace ConvGen.Internal
{
    /// <summary>Copies one image into the padded, stride-phase-split layout described by <see cref="Conv2dGeometry"/>.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class InputPadding
    {
        /// <summary>
        /// Writes every element of <paramref name="scratch"/> (length <see cref="Conv2dGeometry.ScratchLength"/>): the
        /// padded image of <paramref name="image"/> <c>(C, H, W)</c> in phase planes, zeros past the padded extent.
        /// </summary>
        public static void Fill(ReadOnlySpan<float> image, Span<float> scratch, Conv2dParameters p, in Conv2dGeometry g)
        {
            int h = g.Height, w = g.Width, sH = p.StrideHeight, sW = p.StrideWidth;
            int paddedH = h + p.PaddingTop + p.PaddingBottom, paddedW = w + p.PaddingLeft + p.PaddingRight;
            int planeW = g.PlaneWidth, planeSize = g.PlaneSize;
            for (int c = 0; c < p.InChannels; c++)
            {
                ReadOnlySpan<float> channel = image.Slice(c * h * w, h * w);
                Span<float> dest = scratch.Slice(c * g.ChannelStride, g.ChannelStride);
                for (int ph = 0; ph < sH; ph++)
                {
                    for (int pw = 0; pw < sW; pw++)
                    {
                        Span<float> plane = dest.Slice((ph * sW + pw) * planeSize, planeSize);
                        for (int i = 0; i < g.PlaneHeight; i++)
                        {
                            Span<float> row = plane.Slice(i * planeW, planeW);
                            int r = i * sH + ph;
                            int sourceRow = r < paddedH ? SourceIndex(r - p.PaddingTop, h, p.PaddingMode) : -1;
                            if (sourceRow < 0)
                            {
                                row.Clear();
                                continue;
                            }

                            FillRow(channel.Slice(sourceRow * w, w), row, pw, sW, p.PaddingLeft, paddedW, p.PaddingMode);
                        }
                    }
                }
            }

            scratch.Slice(p.InChannels * g.ChannelStride, g.ScratchLength - p.InChannels * g.ChannelStride).Clear();
        }

        /// <summary>row[j] = padded source column j·stride + phase.</summary>
        private static void FillRow(ReadOnlySpan<float> source, Span<float> row, int phase, int stride, int padLeft, int paddedW, PaddingMode mode)
        {
            int w = source.Length;
            // Columns j whose padded column falls inside the source: padLeft ≤ j·stride + phase < padLeft + w.
            int first = Math.Min(row.Length, CeilDiv(Math.Max(0, padLeft - phase), stride));
            int end = Math.Min(row.Length, Math.Max(first, CeilDiv(Math.Max(0, padLeft + w - phase), stride)));
            for (int j = 0; j < first; j++)
                row[j] = Border(source, j * stride + phase, padLeft, paddedW, mode);

            if (stride == 1)
            {
                source.Slice(first + phase - padLeft, end - first).CopyTo(row.Slice(first, end - first));
            }
            else
            {
                for (int j = first; j < end; j++)
                    row[j] = source[j * stride + phase - padLeft];
            }

            for (int j = end; j < row.Length; j++)
                row[j] = Border(source, j * stride + phase, padLeft, paddedW, mode);
        }

        private static float Border(ReadOnlySpan<float> source, int paddedColumn, int padLeft, int paddedW, PaddingMode mode)
        {
            if (paddedColumn >= paddedW) return 0f;
            int s = SourceIndex(paddedColumn - padLeft, source.Length, mode);
            return s < 0 ? 0f : source[s];
        }

        /// <summary>The source index that padded index <paramref name="i"/> (relative to the input's first element) reads, or −1 for a zero.</summary>
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

        private static int CeilDiv(int a, int b) => (a + b - 1) / b;
    }
}
