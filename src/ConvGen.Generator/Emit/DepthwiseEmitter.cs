using System.Linq;
using ConvGen.Generator.Planning;

namespace ConvGen.Generator.Emit
{
    /// <summary>
    /// Emits one instruction set's depthwise plane kernel (stride 1, zero padding): one output channel per call, one output
    /// row at a time, vectorised along the width, every kernel tap unrolled. It reads the caller's input rows and writes
    /// the caller's output row directly. Rows above and below the input read a row of zeros instead; the columns left and
    /// right of it are done in registers: an edge vector loads the first (or last) vector of the row and shuffles its
    /// lanes into place, with out-of-range lanes becoming zero. Middle vectors are plain loads. So every output pixel is
    /// bias + Σ w·x over all taps in (kh, kw) order, padding taps included, exactly as in the padded-buffer kernel.
    /// </summary>
    internal static class DepthwiseEmitter
    {
        public static void Emit(SourceWriter w, KernelPlan plan, IsaKernel kernel)
        {
            var spec = plan.Spec;
            var isa = IsaSyntax.For(kernel.Isa);
            var pad = plan.Padding;
            int lanes = kernel.Lanes, kH = spec.Kernel.Height, kW = spec.Kernel.Width, dH = spec.Dilation.Height, dW = spec.Dilation.Width;
            int leftEdges = (pad.Left + lanes - 1) / lanes, rightEdges = (pad.Right + lanes - 1) / lanes;
            int taps = kH * kW;

            w.Line("/// <summary>Narrowest output the plane kernel takes: its edge vectors and one middle vector, and one block of rows.</summary>");
            w.Line($"public static int MinOutputWidth => {lanes * (leftEdges + rightEdges + 1)};");
            w.Line();
            w.Line($"/// <inheritdoc cref=\"MinOutputWidth\" />");
            w.Line($"public static int MinOutputHeight => {BlockRows};");
            w.Line();
            w.Line("[MethodImpl(MethodImplOptions.AggressiveOptimization)]");
            w.Open("public static void Plane(ref float input, ref float zeros, ref float weights, ref float bias, ref float output, int height, int width)");
            w.Line($"nint outHeight = {Offset("height", pad.Top + pad.Bottom - (kH - 1) * dH)}, outWidth = {Offset("width", pad.Left + pad.Right - (kW - 1) * dW)};");
            // Keep the weights in registers when they fit beside the accumulators, the input vector and the bias.
            bool hoist = taps + BlockRows + 2 <= (kernel.Isa == Isa.Vector512 ? 32 : 16);
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
            w.Line($"// Input row {Offset("oh", -pad.Top)} + j, or a row of zeros above and below the input.");
            w.Line($"nint top = {Offset("oh", -pad.Top)};");
            var inputRows = Enumerable.Range(0, BlockRows).SelectMany(r => Enumerable.Range(0, kH).Select(kh => r + kh * dH)).Distinct().OrderBy(j => j).ToList();
            foreach (int j in inputRows)
            {
                string row = Offset("top", j);
                w.Line($"ref float r{j} = ref (nuint)({row}) < (nuint)height ? ref Unsafe.Add(ref input, ({row}) * width) : ref zeros;");
            }

            w.Line("ref float o = ref Unsafe.Add(ref output, oh * outWidth);");
            for (int e = 0; e < leftEdges; e++)
            {
                w.Line($"// Left edge: output columns {e * lanes}..{e * lanes + lanes - 1}.");
                EmitVector(w, isa, plan, inputRows, $"{e * lanes}", Weight, (row, kw) =>
                {
                    int first = e * lanes - pad.Left + kw * dW; // input column of lane 0
                    if (first >= 0) return isa.Load(row, $"{first}");
                    return Shifted(isa, lanes, row, "0", Enumerable.Range(0, lanes).Select(i => first + i));
                });
            }

            w.Line($"// Middle: every tap's columns inside the row. The last vector may overlap the one before.");
            w.Line($"nint last = outWidth - {lanes * (rightEdges + 1)};");
            w.Open($"for (nint q = {lanes * leftEdges}; ; q += {lanes})");
            w.Line("if (q > last) q = last;");
            EmitVector(w, isa, plan, inputRows, "q", Weight, (row, kw) => isa.Load(row, Offset("q", kw * dW - pad.Left)));
            w.Line("if (q == last) break;");
            w.Close();

            for (int e = 0; e < rightEdges; e++)
            {
                int start = lanes * (e + 1);
                w.Line($"// Right edge: output columns outWidth - {start}..outWidth - {start - lanes + 1}.");
                EmitVector(w, isa, plan, inputRows, $"outWidth - {start}", Weight, (row, kw) =>
                {
                    // Lane i reads input column (width − lanes) + i + shift.
                    int shift = pad.Right - (kW - 1 - kw) * dW - lanes * e;
                    if (shift <= 0) return isa.Load(row, Offset("outWidth", kw * dW - pad.Left - start));
                    return Shifted(isa, lanes, row, $"width - {lanes}", Enumerable.Range(0, lanes).Select(i => shift + i));
                });
            }

            w.Line("if (oh == lastRow) break;");
            w.Close();
            w.Close();
        }

        /// <summary>Output rows per step: 4 rows of a 3×3 kernel load 6 input rows instead of 12.</summary>
        private const int BlockRows = 4;

        /// <summary>
        /// One vector of each of the block's output rows: accumulators start at the bias; each input row j, loaded once
        /// per kernel column, is multiply-added into every output row r it feeds (j = r + kh·dilation), so every output
        /// still sums its taps in (kh, kw) order.
        /// </summary>
        private static void EmitVector(SourceWriter w, IsaSyntax isa, KernelPlan plan, System.Collections.Generic.List<int> inputRows,
            string start, System.Func<int, string> weight, System.Func<string, int, string> load)
        {
            var spec = plan.Spec;
            int kH = spec.Kernel.Height, kW = spec.Kernel.Width, dH = spec.Dilation.Height;
            w.Line(string.Join(" ", Enumerable.Range(0, BlockRows).Select(r => $"acc{r} = b;")));
            foreach (int j in inputRows)
            {
                for (int kw = 0; kw < kW; kw++)
                {
                    var uses = Enumerable.Range(0, BlockRows)
                        .Where(r => j - r >= 0 && (j - r) % dH == 0 && (j - r) / dH < kH)
                        .Select(r => isa.MultiplyAdd($"acc{r}", "x", weight((j - r) / dH * kW + kw)));
                    w.Line($"x = {load($"r{j}", kw)}; {string.Join(" ", uses)}");
                }
            }

            for (int r = 0; r < BlockRows; r++)
                w.Line(isa.Store($"acc{r}", "o", Offset(start, 0) + (r == 0 ? "" : $" + {(r == 1 ? "outWidth" : $"{r} * outWidth")}")));
        }

        /// <summary>The vector at <paramref name="offset"/> with lane i taking its lane <c>index[i]</c>, or zero where that is outside it.</summary>
        private static string Shifted(IsaSyntax isa, int lanes, string row, string offset, System.Collections.Generic.IEnumerable<int> index)
        {
            var lanesIndex = index.Select(i => i >= 0 && i < lanes ? i : lanes).ToList();
            if (lanesIndex.All(i => i == lanes)) return isa.Zero;
            return isa.Shuffle(isa.Load(row, offset), lanesIndex);
        }

        private static string Offset(string start, int constant) =>
            constant == 0 ? start : constant > 0 ? $"{start} + {constant}" : $"{start} - {-constant}";
    }
}
