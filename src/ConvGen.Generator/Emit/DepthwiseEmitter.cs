using System;
using System.Collections.Generic;
using System.Linq;
using ConvGen.Generator.Planning;

namespace ConvGen.Generator.Emit
{
    /// <summary>
    /// Emits one instruction set's depthwise plane kernel (zero padding, stride 1 or 2): one channel per call, a block of
    /// output rows at a time, vectorised along the width, every kernel tap unrolled. It reads the caller's input rows and
    /// writes the caller's output rows directly. Rows above and below the input read a row of zeros instead. Along the
    /// width, lane i of a vector needs input column stride·(o + i) − left + kw·dilation: each tap's vector is gathered in
    /// registers from one or more loads inside the row ("windows") with constant shuffles, whose out-of-range lanes are
    /// zero, which is the padding. Stride 1 away from the edges is one plain load per tap. Every output pixel is
    /// bias + Σ w·x over all taps in (kh, kw) order, padding taps included, as in the padded-buffer kernel.
    /// </summary>
    internal static class DepthwiseEmitter
    {
        /// <summary>Output rows per step: 4 rows of a 3×3 stride-1 kernel load 6 input rows instead of 12.</summary>
        private const int BlockRows = 4;

        public static void Emit(SourceWriter w, KernelPlan plan, IsaKernel kernel)
        {
            var spec = plan.Spec;
            var isa = IsaSyntax.For(kernel.Isa);
            var pad = plan.Padding;
            int lanes = kernel.Lanes, kH = spec.Kernel.Height, kW = spec.Kernel.Width, dH = spec.Dilation.Height, dW = spec.Dilation.Width;
            int sH = spec.Stride.Height, sW = spec.Stride.Width;
            // Outputs whose window reaches into the left / right padding, in whole vectors.
            int leftEdges = Ceiling(Ceiling(pad.Left, sW), lanes), rightEdges = Ceiling(Ceiling(pad.Right, sW), lanes);
            // Output size: (n + before + after − dilation·(k − 1) − 1) / stride + 1; its remainder decides where the last
            // output's columns fall relative to the row's end.
            int rowsExtra = pad.Top + pad.Bottom - (kH - 1) * dH - 1, columnsExtra = pad.Left + pad.Right - (kW - 1) * dW - 1;
            int taps = kH * kW;

            // The vectors of one output row: left edges, the middle loop, right edges (per remainder of the width).
            var left = Enumerable.Range(0, leftEdges).Select(e => Enumerable.Range(0, kW).Select(kw =>
                LeftEdge(lanes, sW, e * lanes * sW - pad.Left + kw * dW)).ToList()).ToList();
            var right = Enumerable.Range(0, sW).Select(remainder => Enumerable.Range(0, rightEdges).Select(e => Enumerable.Range(0, kW).Select(kw =>
                RightEdge(lanes, sW, columnsExtra - remainder + sW - sW * lanes * (e + 1) - pad.Left + kw * dW)).ToList()).ToList()).ToList();
            int minWidth = left.Concat(right.SelectMany(r => r)).SelectMany(v => v).Select(g => g.MinWidth).DefaultIfEmpty(lanes).Max();

            w.Line("/// <summary>Narrowest output the plane kernel takes: its edge vectors and one middle vector.</summary>");
            w.Line($"public static int MinOutputWidth => {lanes * (leftEdges + rightEdges + 1)};");
            w.Line();
            w.Line("/// <summary>Lowest output the plane kernel takes: one block of rows.</summary>");
            w.Line($"public static int MinOutputHeight => {BlockRows};");
            w.Line();
            w.Line("/// <summary>Narrowest input the plane kernel takes: every load of an edge vector inside the row.</summary>");
            w.Line($"public static int MinInputWidth => {Math.Max(minWidth, lanes)};");
            w.Line();
            w.Line("[MethodImpl(MethodImplOptions.AggressiveOptimization)]");
            w.Open("public static void Plane(ref float input, ref float zeros, ref float weights, ref float bias, ref float output, int height, int width)");
            w.Line($"nint outHeight = {Divide(Offset("height", rowsExtra), sH)} + 1, outWidth = {Divide(Offset("width", columnsExtra), sW)} + 1;");
            // Keep the weights in registers when they fit beside the accumulators, the input vector and the bias.
            bool hoist = taps + BlockRows + 3 <= (kernel.Isa == Isa.Vector512 ? 32 : 16);
            string Weight(int t) => hoist ? $"w{t}" : isa.Broadcast($"Unsafe.Add(ref weights, {t})");
            if (hoist)
            {
                for (int t = 0; t < taps; t++)
                    w.Line($"{isa.Type} w{t} = {isa.Broadcast(t == 0 ? "weights" : $"Unsafe.Add(ref weights, {t})")};");
            }

            var accumulators = string.Join(", ", Enumerable.Range(0, BlockRows).Select(r => $"acc{r}"));
            w.Line($"{isa.Type} b = {(spec.Bias ? isa.Broadcast("bias") : isa.Zero)}, {accumulators}, x;");
            w.Line($"// {BlockRows} output rows at a time: each input row is loaded once for all of them. The last block may overlap the one before.");
            w.Line($"nint lastRow = outHeight - {BlockRows};");
            w.Open($"for (nint oh = 0; ; oh += {BlockRows})");
            w.Line("if (oh > lastRow) oh = lastRow;");
            w.Line($"// Input row top + j, or a row of zeros above and below the input.");
            w.Line($"nint top = {Offset(Times("oh", sH), -pad.Top)};");
            var inputRows = Enumerable.Range(0, BlockRows).SelectMany(r => Enumerable.Range(0, kH).Select(kh => r * sH + kh * dH)).Distinct().OrderBy(j => j).ToList();
            foreach (int j in inputRows)
            {
                string row = Offset("top", j);
                w.Line($"ref float r{j} = ref (nuint)({row}) < (nuint)height ? ref Unsafe.Add(ref input, {Factor(row)} * width) : ref zeros;");
            }

            w.Line("ref float o = ref Unsafe.Add(ref output, oh * outWidth);");
            var block = new Block(w, isa, plan, inputRows, Weight);
            for (int e = 0; e < leftEdges; e++)
            {
                w.Line($"// Left edge: output columns {e * lanes}..{e * lanes + lanes - 1}.");
                block.Vector($"{e * lanes}", kw => left[e][kw].Code(isa, "0"));
            }

            w.Line("// Middle: every tap's columns inside the row. The last vector may overlap the one before.");
            w.Line($"nint last = outWidth - {lanes * (rightEdges + 1)};");
            w.Open($"for (nint q = {lanes * leftEdges}; ; q += {lanes})");
            w.Line("if (q > last) q = last;");
            var middle = Middle(lanes, sW);
            block.Vector("q", kw => middle.Code(isa, Times("q", sW), kw * dW - pad.Left));
            w.Line("if (q == last) break;");
            w.Close();

            if (rightEdges > 0)
            {
                for (int remainder = 0; remainder < sW; remainder++)
                {
                    if (sW > 1)
                    {
                        string condition = $"if (({Offset("width", columnsExtra)}) % {sW} == {remainder})";
                        w.Open(remainder == 0 ? condition : remainder == sW - 1 ? "else" : $"else {condition}");
                    }

                    for (int e = 0; e < rightEdges; e++)
                    {
                        int start = lanes * (e + 1);
                        w.Line($"// Right edge: output columns outWidth - {start}..outWidth - {start - lanes + 1}.");
                        block.Vector($"outWidth - {start}", kw => right[remainder][e][kw].Code(isa, "width"));
                    }

                    if (sW > 1) w.Close();
                }
            }

            w.Line("if (oh == lastRow) break;");
            w.Close();
            w.Close();
        }

        /// <summary>Emits the vectors of one block of output rows.</summary>
        private sealed class Block
        {
            private readonly SourceWriter _w;
            private readonly IsaSyntax _isa;
            private readonly KernelPlan _plan;
            private readonly List<int> _inputRows;
            private readonly Func<int, string> _weight;

            public Block(SourceWriter w, IsaSyntax isa, KernelPlan plan, List<int> inputRows, Func<int, string> weight)
            {
                _w = w;
                _isa = isa;
                _plan = plan;
                _inputRows = inputRows;
                _weight = weight;
            }

            /// <summary>
            /// One vector of each output row of the block: accumulators start at the bias; each input row j, gathered once
            /// per kernel column, is multiply-added into every output row r it feeds (j = r·stride + kh·dilation), so every
            /// output still sums its taps in (kh, kw) order.
            /// </summary>
            public void Vector(string start, Func<int, Func<string, string>> gather)
            {
                var spec = _plan.Spec;
                int kH = spec.Kernel.Height, kW = spec.Kernel.Width, dH = spec.Dilation.Height, sH = spec.Stride.Height;
                _w.Line(string.Join(" ", Enumerable.Range(0, BlockRows).Select(r => $"acc{r} = b;")));
                foreach (int j in _inputRows)
                {
                    for (int kw = 0; kw < kW; kw++)
                    {
                        var uses = Enumerable.Range(0, BlockRows)
                            .Where(r => j - r * sH >= 0 && (j - r * sH) % dH == 0 && (j - r * sH) / dH < kH)
                            .Select(r => _isa.MultiplyAdd($"acc{r}", "x", _weight((j - r * sH) / dH * kW + kw)));
                        _w.Line($"x = {gather(kw)($"r{j}")}; {string.Join(" ", uses)}");
                    }
                }

                for (int r = 0; r < BlockRows; r++)
                    _w.Line(_isa.Store($"acc{r}", "o", r == 0 ? start : $"{start} + {(r == 1 ? "outWidth" : $"{r} * outWidth")}"));
            }
        }

        /// <summary>
        /// A vector gathered from loads inside one input row: lane i takes the column <c>anchor + shift + Offsets[i]</c>, or
        /// zero where the offset is null (padding); each window is a load at <c>anchor + shift + base</c>.
        /// </summary>
        private sealed class Gather
        {
            public Gather(int lanes, int?[] offsets, IReadOnlyList<int> windows, int minWidth)
            {
                Lanes = lanes;
                Offsets = offsets;
                Windows = windows;
                MinWidth = minWidth;
            }

            public int Lanes { get; }
            public int?[] Offsets { get; }
            /// <summary>Load offsets (relative to the anchor), in the order lanes are looked up in them.</summary>
            public IReadOnlyList<int> Windows { get; }
            /// <summary>Row width the windows need to stay inside the row (0 for the middle, whose bounds the loop keeps).</summary>
            public int MinWidth { get; }

            /// <summary>Stride 2 inside the row: lanes 0, 2, 4, … of the first window, then 1, 3, 5, … of the second.</summary>
            public bool EvensThenOdds { get; init; }

            public Func<string, string> Code(IsaSyntax isa, string anchor, int shift = 0) => row =>
            {
                if (EvensThenOdds)
                    return $"Simd.EvensThenOdds({isa.Load(row, Offset(anchor, shift + Windows[0]))}, {isa.Load(row, Offset(anchor, shift + Windows[1]))})";

                var owner = Offsets.Select(off => off is int o ? Windows.Select((b, k) => (b, k)).First(x => o >= x.b && o < x.b + Lanes).k : -1).ToArray();
                var parts = new List<string>();
                for (int k = 0; k < Windows.Count; k++)
                {
                    int b = Windows[k];
                    var index = Enumerable.Range(0, Lanes).Select(i => owner[i] == k ? Offsets[i]!.Value - b : Lanes).ToList();
                    if (index.All(i => i == Lanes)) continue;
                    string load = isa.Load(row, Offset(anchor, shift + b));
                    parts.Add(index.Select((v, i) => v == i).All(same => same) ? load : isa.Shuffle(load, index));
                }

                return parts.Count == 0 ? isa.Zero : string.Join(" | ", parts);
            };
        }

        /// <summary>A left-edge vector: lane i reads column first + stride·i from the row's start; negative columns are padding.</summary>
        private static Gather LeftEdge(int lanes, int stride, int first)
        {
            var offsets = Enumerable.Range(0, lanes).Select(i => first + stride * i).Select(c => c >= 0 ? c : (int?)null).ToArray();
            var windows = offsets.Where(c => c is not null).Select(c => c!.Value / lanes * lanes).Distinct().ToList();
            // A plain load when the lanes are one whole run from `first` on.
            if (stride == 1 && first >= 0) windows = new List<int> { first };
            int minWidth = windows.Count == 0 ? 0 : windows.Max() + lanes;
            return new Gather(lanes, offsets, windows, minWidth);
        }

        /// <summary>
        /// A right-edge vector: lane i reads column width + last − stride·(lanes − 1 − i); columns at or past the row's end
        /// are padding. Windows end at the row's end, whole vectors apart.
        /// </summary>
        private static Gather RightEdge(int lanes, int stride, int first)
        {
            var offsets = Enumerable.Range(0, lanes).Select(i => first + stride * i).Select(c => c < 0 ? c : (int?)null).ToArray();
            var windows = offsets.Where(c => c is not null).Select(c => -((-c!.Value - 1) / lanes + 1) * lanes).Distinct().ToList();
            int minWidth = windows.Count == 0 ? 0 : -windows.Min();
            return new Gather(lanes, offsets, windows, minWidth);
        }

        /// <summary>
        /// A middle vector: lane i reads stride·i past the anchor, never outside the row. Stride 1: one load. Stride s:
        /// windows a vector apart, the last one ending at the last lane's column (no read past it).
        /// </summary>
        private static Gather Middle(int lanes, int stride)
        {
            var offsets = Enumerable.Range(0, lanes).Select(i => (int?)(stride * i)).ToArray();
            int span = stride * (lanes - 1) + 1;
            var windows = Enumerable.Range(0, span / lanes).Select(k => k * lanes).ToList();
            if (span % lanes != 0) windows.Add(span - lanes);
            // Stride 2: windows at 0 and lanes − 1, one two-source shuffle (Simd.EvensThenOdds) instead of two and a blend.
            return new Gather(lanes, offsets, windows, 0) { EvensThenOdds = stride == 2 && lanes > 1 };
        }

        private static int Ceiling(int value, int divisor) => (value + divisor - 1) / divisor;

        private static string Times(string name, int factor) => factor == 1 ? name : $"{factor} * {name}";

        private static string Divide(string value, int divisor) => divisor == 1 ? value : $"({value}) / {divisor}";

        /// <summary><paramref name="start"/> + <paramref name="constant"/>, folded when the start is a number too.</summary>
        private static string Offset(string start, int constant) =>
            int.TryParse(start, out int number) ? (number + constant).ToString(System.Globalization.CultureInfo.InvariantCulture)
            : constant == 0 ? start : constant > 0 ? $"{start} + {constant}" : $"{start} - {-constant}";

        /// <summary>An expression as the left operand of a multiplication.</summary>
        private static string Factor(string expression) => expression.Contains(" ") ? $"({expression})" : expression;
    }
}
