using System;
using System.Collections.Generic;
using System.Linq;
using ConvGen.Generator.Common;

namespace ConvGen.Generator.Kernels
{
    /// <summary>
    /// Writes a depthwise plane kernel as its <see cref="DepthwisePlanePlan"/> says: rows above and below the input read a
    /// row of zeros, every tap's vector is gathered from loads inside the row, and every output pixel is
    /// bias + Σ w·x over all taps in (kh, kw) order, padding taps included, as in the grid kernel, then the epilogue.
    /// </summary>
    internal static class DepthwisePlaneEmitter
    {
        public static void Emit(SourceWriter w, DepthwisePlanePlan plan)
        {
            var isa = IsaSyntax.For(plan.Isa);
            int lanes = plan.Lanes, leftEdges = plan.Left.Count, rightEdges = plan.Right[0].Count;
            w.Line("/// <summary>Narrowest output the plane kernel takes: its edge vectors and one middle vector.</summary>");
            w.Line($"public static int MinOutputWidth => {plan.MinOutputWidth};");
            w.Line();
            w.Line("/// <summary>Lowest output the plane kernel takes: one block of rows.</summary>");
            w.Line($"public static int MinOutputHeight => {plan.BlockRows};");
            w.Line();
            w.Line("/// <summary>Narrowest input the plane kernel takes: every load of an edge vector inside the row.</summary>");
            w.Line($"public static int MinInputWidth => {plan.MinInputWidth};");
            w.Line();
            w.Line("[MethodImpl(MethodImplOptions.AggressiveOptimization)]");
            w.Open("public static void Plane(ref float input, ref float zeros, ref float weights, ref float bias, ref float output, int height, int width)");
            w.Line($"nint outHeight = {Divide(Linear.Of("height") + plan.RowsExtra, plan.StrideHeight)} + 1, outWidth = {Divide(Linear.Of("width") + plan.ColumnsExtra, plan.StrideWidth)} + 1;");
            Func<int, string> weight = t => plan.HoistWeights ? $"w{t}" : isa.Broadcast($"Unsafe.Add(ref weights, {t})");
            if (plan.HoistWeights)
            {
                for (int t = 0; t < plan.Taps; t++)
                    w.Line($"{isa.Type} w{t} = {isa.Broadcast(t == 0 ? "weights" : $"Unsafe.Add(ref weights, {t})")};");
            }

            var accumulators = string.Join(", ", Enumerable.Range(0, plan.BlockRows).Select(r => $"acc{r}"));
            w.Line($"{isa.Type} b = {(plan.Bias ? isa.Broadcast("bias") : isa.Zero)}, {accumulators}, x;");
            w.Line($"// {plan.BlockRows} output rows at a time: each input row is loaded once for all of them. The last block may overlap the one before.");
            w.Line($"nint lastRow = outHeight - {plan.BlockRows};");
            w.Open($"for (nint oh = 0; ; oh += {plan.BlockRows})");
            w.Line("if (oh > lastRow) oh = lastRow;");
            w.Line("// Input row top + j, or a row of zeros above and below the input.");
            w.Line($"nint top = {Linear.Of("oh") * plan.StrideHeight - plan.PadTop};");
            foreach (int j in plan.InputRows)
            {
                var row = Linear.Of("top") + j;
                w.Line($"ref float r{j} = ref (nuint){row.AsOperand()} < (nuint)height ? ref Unsafe.Add(ref input, {row.AsOperand()} * width) : ref zeros;");
            }

            w.Line("ref float o = ref Unsafe.Add(ref output, oh * outWidth);");
            for (int e = 0; e < leftEdges; e++)
            {
                w.Line($"// Left edge: output columns {e * lanes}..{e * lanes + lanes - 1}.");
                Vector(w, isa, plan, Linear.Of(e * lanes), kw => Gather(isa, plan.Left[e][kw], Linear.Of(0)), weight);
            }

            w.Line("// Middle: every tap's columns inside the row. The last vector may overlap the one before.");
            w.Line($"nint last = outWidth - {lanes * (rightEdges + 1)};");
            w.Open($"for (nint q = {lanes * leftEdges}; ; q += {lanes})");
            w.Line("if (q > last) q = last;");
            Vector(w, isa, plan, Linear.Of("q"),
                kw => Gather(isa, plan.Middle, Linear.Of("q") * plan.StrideWidth + (kw * plan.DilationWidth - plan.PadLeft)), weight);
            w.Line("if (q == last) break;");
            w.Close();

            if (rightEdges > 0)
            {
                int sW = plan.StrideWidth;
                for (int remainder = 0; remainder < sW; remainder++)
                {
                    if (sW > 1)
                    {
                        string condition = $"if (({Linear.Of("width") + plan.ColumnsExtra}) % {sW} == {remainder})";
                        w.Open(remainder == 0 ? condition : remainder == sW - 1 ? "else" : $"else {condition}");
                    }

                    for (int e = 0; e < rightEdges; e++)
                    {
                        int start = lanes * (e + 1);
                        w.Line($"// Right edge: output columns outWidth - {start}..outWidth - {start - lanes + 1}.");
                        var gathers = plan.Right[remainder][e];
                        Vector(w, isa, plan, Linear.Of("outWidth") - start, kw => Gather(isa, gathers[kw], Linear.Of("width")), weight);
                    }

                    if (sW > 1) w.Close();
                }
            }

            w.Line("if (oh == lastRow) break;");
            w.Close();
            w.Close();
        }

        /// <summary>
        /// One vector of each output row of the block: accumulators start at the bias; each input row j, gathered once per
        /// kernel column, is multiply-added into every output row r it feeds (j = r·stride + kh·dilation), so every output
        /// still sums its taps in (kh, kw) order; then the epilogue and the store.
        /// </summary>
        private static void Vector(SourceWriter w, IsaSyntax isa, DepthwisePlanePlan plan, Linear start, Func<int, Func<string, string>> gather, Func<int, string> weight)
        {
            int kH = plan.KernelHeight, kW = plan.KernelWidth, dH = plan.DilationHeight, sH = plan.StrideHeight;
            w.Line(string.Join(" ", Enumerable.Range(0, plan.BlockRows).Select(r => $"acc{r} = b;")));
            foreach (int j in plan.InputRows)
            {
                for (int kw = 0; kw < kW; kw++)
                {
                    var uses = Enumerable.Range(0, plan.BlockRows)
                        .Where(r => j - r * sH >= 0 && (j - r * sH) % dH == 0 && (j - r * sH) / dH < kH)
                        .Select(r => isa.MultiplyAdd($"acc{r}", "x", weight((j - r * sH) / dH * kW + kw)));
                    w.Line($"x = {gather(kw)($"r{j}")}; {string.Join(" ", uses)}");
                }
            }

            for (int r = 0; r < plan.BlockRows; r++)
                w.Line(isa.Store(IsaSyntax.Activate($"acc{r}", plan.Epilogue), "o", start + Linear.Of("outWidth") * r));
        }

        /// <summary>The gathered vector as an expression over an input row, its loads at <paramref name="anchor"/> + window.</summary>
        private static Func<string, string> Gather(IsaSyntax isa, GatherPlan gather, Linear anchor) => row =>
        {
            var loads = gather.Loads.Select(l => (Load: isa.Load(row, anchor + l.Window), l.Lanes)).ToList();
            if (gather.EvensThenOdds) return $"Simd.EvensThenOdds({loads[0].Load}, {loads[1].Load})";
            var parts = loads.Select(l => l.Lanes.Count == 0 ? l.Load : isa.Shuffle(l.Load, l.Lanes)).ToList();
            return parts.Count == 0 ? isa.Zero : string.Join(" | ", parts);
        };

        private static string Divide(Linear value, int divisor) => divisor == 1 ? value.ToString() : $"{value.AsOperand()} / {divisor}";
    }
}
