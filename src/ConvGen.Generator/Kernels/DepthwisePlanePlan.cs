using System;
using System.Collections.Generic;
using System.Linq;
using ConvGen.Generator.Common;

namespace ConvGen.Generator.Kernels
{
    /// <summary>
    /// One load of a gathered vector: the input row at anchor + <see cref="Window"/>, its lanes shuffled by
    /// <see cref="Lanes"/> (lane i takes lane Lanes[i], or zero where Lanes[i] is out of range); no shuffle when empty.
    /// </summary>
    internal sealed record GatherLoad(int Window, EquatableArray<int> Lanes);

    /// <summary>
    /// A vector gathered in registers from loads inside one input row: the loads OR-ed together (lanes no load covers are
    /// zero, which is the padding), or, for stride 2, the evens of the first load and the odds of the second
    /// (<c>Simd.EvensThenOdds</c>).
    /// </summary>
    internal sealed record GatherPlan(EquatableArray<GatherLoad> Loads, bool EvensThenOdds);

    /// <summary>
    /// The depthwise plane kernel of one instruction set (zero padding, stride 1 or 2): one channel per call, a block of
    /// output rows at a time, vectorised along the width, every tap unrolled, reading the caller's rows and writing the
    /// caller's output. Lane i of an output vector needs input column stride·(o + i) − left + kw·dilation: each tap's
    /// vector is gathered from loads inside the row (<see cref="GatherPlan"/>).
    /// </summary>
    /// <param name="Left">[edge vector][kw]: the left edge vectors' gathers, anchored at the row's start.</param>
    /// <param name="Right">[width remainder mod stride][edge vector][kw]: the right edge vectors' gathers, anchored at the row's end.</param>
    /// <param name="Middle">The middle vectors' gather, anchored at stride·q + kw·dilation − left.</param>
    /// <param name="InputRows">Input rows j (from the block's top) that some output row of the block reads.</param>
    /// <param name="HoistWeights">The taps' weights fit in registers beside the accumulators, the input vector and the bias.</param>
    internal sealed record DepthwisePlanePlan(
        Isa Isa,
        int Lanes,
        int BlockRows,
        int KernelHeight,
        int KernelWidth,
        int StrideHeight,
        int StrideWidth,
        int DilationHeight,
        int DilationWidth,
        int PadTop,
        int PadLeft,
        int RowsExtra,
        int ColumnsExtra,
        bool Bias,
        Epilogue Epilogue,
        EquatableArray<EquatableArray<GatherPlan>> Left,
        EquatableArray<EquatableArray<EquatableArray<GatherPlan>>> Right,
        GatherPlan Middle,
        EquatableArray<int> InputRows,
        bool HoistWeights,
        int MinOutputWidth,
        int MinInputWidth)
    {
        public int Taps => KernelHeight * KernelWidth;
    }

    /// <summary>Plans the depthwise plane kernel: edge vectors, their loads and shuffles, the block's rows, the register budget.</summary>
    internal static class DepthwisePlanePlanner
    {
        /// <summary>Output rows per step: 4 rows of a 3×3 stride-1 kernel load 6 input rows instead of 12.</summary>
        private const int BlockRows = 4;

        public static DepthwisePlanePlan Plan(IsaKernel kernel, int kH, int kW, int sH, int sW, int dH, int dW,
            int top, int bottom, int left, int right, bool bias, Epilogue epilogue)
        {
            int lanes = kernel.Lanes;
            // Outputs whose window reaches into the left / right padding, in whole vectors.
            int leftEdges = Ceiling(Ceiling(left, sW), lanes), rightEdges = Ceiling(Ceiling(right, sW), lanes);
            // Output size: (n + before + after − dilation·(k − 1) − 1) / stride + 1; its remainder decides where the last
            // output's columns fall relative to the row's end.
            int rowsExtra = top + bottom - (kH - 1) * dH - 1, columnsExtra = left + right - (kW - 1) * dW - 1;

            var leftGathers = Enumerable.Range(0, leftEdges).Select(e => Enumerable.Range(0, kW)
                .Select(kw => LeftEdge(lanes, sW, e * lanes * sW - left + kw * dW)).ToList()).ToList();
            var rightGathers = Enumerable.Range(0, sW).Select(remainder => Enumerable.Range(0, rightEdges).Select(e => Enumerable.Range(0, kW)
                .Select(kw => RightEdge(lanes, sW, columnsExtra - remainder + sW - sW * lanes * (e + 1) - left + kw * dW)).ToList()).ToList()).ToList();
            int minWidth = leftGathers.Concat(rightGathers.SelectMany(r => r)).SelectMany(v => v).Select(g => g.MinWidth).DefaultIfEmpty(lanes).Max();
            var inputRows = Enumerable.Range(0, BlockRows).SelectMany(r => Enumerable.Range(0, kH).Select(kh => r * sH + kh * dH)).Distinct().OrderBy(j => j);

            return new DepthwisePlanePlan(kernel.Isa, lanes, BlockRows, kH, kW, sH, sW, dH, dW, top, left, rowsExtra, columnsExtra, bias, epilogue,
                Nest(leftGathers.Select(v => Nest(v.Select(g => g.Plan)))),
                Nest(rightGathers.Select(r => Nest(r.Select(v => Nest(v.Select(g => g.Plan)))))),
                Middle(lanes, sW),
                new EquatableArray<int>(inputRows),
                HoistWeights: kH * kW + BlockRows + 3 <= (kernel.Isa == Isa.Vector512 ? 32 : 16),
                MinOutputWidth: lanes * (leftEdges + rightEdges + 1),
                MinInputWidth: Math.Max(minWidth, lanes));
        }

        private static EquatableArray<T> Nest<T>(IEnumerable<T> items) where T : IEquatable<T> => new(items);

        /// <summary>
        /// Lane i takes column anchor + offsets[i], or zero where the offset is null (padding); each window is a load at
        /// anchor + window. A lane is served by the first window that holds it.
        /// </summary>
        private static GatherPlan Gather(int lanes, int?[] offsets, IReadOnlyList<int> windows)
        {
            var owner = offsets.Select(off => off is int o ? windows.Select((b, k) => (b, k)).First(x => o >= x.b && o < x.b + lanes).k : -1).ToArray();
            var loads = new List<GatherLoad>();
            for (int k = 0; k < windows.Count; k++)
            {
                int b = windows[k];
                var index = Enumerable.Range(0, lanes).Select(i => owner[i] == k ? offsets[i]!.Value - b : lanes).ToList();
                if (index.All(i => i == lanes)) continue;
                bool plain = index.Select((v, i) => v == i).All(same => same);
                loads.Add(new GatherLoad(b, plain ? EquatableArray<int>.Empty : new EquatableArray<int>(index)));
            }

            return new GatherPlan(new EquatableArray<GatherLoad>(loads), false);
        }

        /// <summary>A left-edge vector: lane i reads column first + stride·i from the row's start; negative columns are padding.</summary>
        private static (GatherPlan Plan, int MinWidth) LeftEdge(int lanes, int stride, int first)
        {
            var offsets = Enumerable.Range(0, lanes).Select(i => first + stride * i).Select(c => c >= 0 ? c : (int?)null).ToArray();
            var windows = offsets.Where(c => c is not null).Select(c => c!.Value / lanes * lanes).Distinct().ToList();
            // A plain load when the lanes are one whole run from `first` on.
            if (stride == 1 && first >= 0) windows = new List<int> { first };
            return (Gather(lanes, offsets, windows), windows.Count == 0 ? 0 : windows.Max() + lanes);
        }

        /// <summary>
        /// A right-edge vector: lane i reads column width + first + stride·i; columns at or past the row's end are padding.
        /// Windows end at the row's end, whole vectors apart.
        /// </summary>
        private static (GatherPlan Plan, int MinWidth) RightEdge(int lanes, int stride, int first)
        {
            var offsets = Enumerable.Range(0, lanes).Select(i => first + stride * i).Select(c => c < 0 ? c : (int?)null).ToArray();
            var windows = offsets.Where(c => c is not null).Select(c => -((-c!.Value - 1) / lanes + 1) * lanes).Distinct().ToList();
            return (Gather(lanes, offsets, windows), windows.Count == 0 ? 0 : -windows.Min());
        }

        /// <summary>
        /// A middle vector: lane i reads stride·i past the anchor, never outside the row. Stride 1: one load. Stride 2:
        /// windows at 0 and lanes − 1, one two-source shuffle (Simd.EvensThenOdds) instead of two and a blend.
        /// </summary>
        private static GatherPlan Middle(int lanes, int stride)
        {
            if (stride == 2 && lanes > 1)
            {
                return new GatherPlan(new EquatableArray<GatherLoad>(new[]
                {
                    new GatherLoad(0, EquatableArray<int>.Empty), new GatherLoad(lanes - 1, EquatableArray<int>.Empty),
                }), EvensThenOdds: true);
            }

            var offsets = Enumerable.Range(0, lanes).Select(i => (int?)(stride * i)).ToArray();
            int span = stride * (lanes - 1) + 1;
            var windows = Enumerable.Range(0, span / lanes).Select(k => k * lanes).ToList();
            if (span % lanes != 0) windows.Add(span - lanes);
            return Gather(lanes, offsets, windows);
        }

        private static int Ceiling(int value, int divisor) => (value + divisor - 1) / divisor;
    }
}
