using System.Linq;
using ConvGen.Generator.Common;
using ConvGen.Generator.Kernels;
using Offset = ConvGen.Generator.Common.Linear;

namespace ConvGen.Generator.Layers.LinearLayers
{
    /// <summary>
    /// Emits one instruction set's GEMM kernel of a Linear layer: <c>Run</c> walks the tiles of output features it is
    /// given and, per tile, the rows in steps of TileRows (a method per row count for the last step); a tile method keeps
    /// rows × vectors accumulators, which start at the bias, and per input feature loads the tile's weight vectors once,
    /// broadcasts each row's input and multiply-adds; the epilogue's activation runs before the store.
    /// </summary>
    internal static class LinearKernelEmitter
    {
        public static string StructName(LinearPlan plan, LinearIsaKernel kernel) => $"{plan.Name}_{kernel.Suffix}";

        private const string TileParameters = "ref float x, ref float w, ref float b, ref float y";

        public static void Emit(SourceWriter w, LinearPlan plan, LinearIsaKernel kernel)
        {
            var spec = plan.Spec;
            string last = kernel.HasPartialTile ? $", the last of {kernel.LastFeatures}" : "";
            string tiles = kernel.Tiles == 1 ? "1 tile" : $"{kernel.Tiles} tiles";
            string unroll = kernel.Unroll == spec.InFeatures ? "every input feature unrolled" : $"input features unrolled {kernel.Unroll}×";
            w.Line($"/// <summary>{kernel.Isa} GEMM kernel of {spec.ToPyTorch()} on {spec.Target.DisplayName}: {kernel.TileRows} rows × {kernel.TileFeatures} output features ({kernel.Vectors} × {kernel.Lanes} lanes) per step, {tiles}{last}, {unroll}.</summary>");
            w.Line(GeneratedCode.Attribute);
            w.Open($"file struct {StructName(plan, kernel)} : ILinearKernel");
            w.Line($"public static int TileFeatures => {kernel.TileFeatures};");
            w.Line();
            EmitRun(w, plan, kernel);
            w.Line();
            if (kernel.HasFullTile) EmitRows(w, plan, kernel, "Full");
            if (kernel.HasPartialTile)
            {
                if (kernel.HasFullTile) w.Line();
                EmitRows(w, plan, kernel, "Last");
            }

            for (int rows = kernel.TileRows; rows >= 1 && kernel.HasFullTile; rows--)
            {
                w.Line();
                EmitTile(w, plan, kernel, "Full", rows, kernel.Vectors, kernel.TileFeatures);
            }

            if (kernel.HasPartialTile)
            {
                for (int rows = kernel.TileRows; rows >= 1; rows--)
                {
                    w.Line();
                    EmitTile(w, plan, kernel, "Last", rows, kernel.LastVectors, kernel.LastFeatures);
                }
            }

            w.Close();
        }

        private static void EmitRun(SourceWriter w, LinearPlan plan, LinearIsaKernel kernel)
        {
            w.Line("/// <inheritdoc />");
            w.Open("public static void Run(ref float input, ref float weights, ref float bias, ref float output, int rows, int firstTile, int endTile)");
            w.Open("for (int t = firstTile; t < endTile; t++)");
            w.Line($"ref float w = ref Unsafe.Add(ref weights, (nint)t * {(long)plan.Spec.InFeatures * kernel.TileFeatures});");
            w.Line($"ref float b = ref Unsafe.Add(ref bias, (nint)t * {kernel.TileFeatures});");
            w.Line($"ref float y = ref Unsafe.Add(ref output, (nint)t * {kernel.TileFeatures});");
            if (!kernel.HasFullTile)
            {
                w.Line("LastRows(ref input, ref w, ref b, ref y, rows);");
            }
            else if (kernel.HasPartialTile)
            {
                w.Line($"if (t == {kernel.Tiles - 1}) LastRows(ref input, ref w, ref b, ref y, rows);");
                w.Line("else FullRows(ref input, ref w, ref b, ref y, rows);");
            }
            else
            {
                w.Line("FullRows(ref input, ref w, ref b, ref y, rows);");
            }

            w.Close();
            w.Close();
        }

        /// <summary>Every row of one tile: steps of TileRows, then one step of the rows left.</summary>
        private static void EmitRows(SourceWriter w, LinearPlan plan, LinearIsaKernel kernel, string name)
        {
            int inF = plan.Spec.InFeatures, outF = plan.Spec.OutFeatures, step = kernel.TileRows;
            string features = name == "Full" ? $"a tile of {kernel.TileFeatures}" : $"the last tile ({kernel.LastFeatures} features)";
            w.Line($"/// <summary>Every row of {features}.</summary>");
            w.Open($"private static void {name}Rows(ref float x, ref float w, ref float b, ref float y, int rows)");
            w.Line("nint r = 0;");
            w.Line($"for (; r <= rows - {step}; r += {step}) {name}{step}(ref Unsafe.Add(ref x, r * {inF}), ref w, ref b, ref Unsafe.Add(ref y, r * {outF}));");
            if (step > 1)
            {
                w.Open("switch ((int)(rows - r))");
                for (int m = 1; m < step; m++)
                    w.Line($"case {m}: {name}{m}(ref Unsafe.Add(ref x, r * {inF}), ref w, ref b, ref Unsafe.Add(ref y, r * {outF})); break;");
                w.Close();
            }

            w.Close();
        }

        /// <summary>
        /// <paramref name="rows"/> rows × <paramref name="vectors"/> vectors of one tile, of which the first
        /// <paramref name="features"/> output features are stored.
        /// </summary>
        private static void EmitTile(SourceWriter w, LinearPlan plan, LinearIsaKernel kernel, string name, int rows, int vectors, int features)
        {
            var isa = IsaSyntax.For(kernel.Isa);
            var spec = plan.Spec;
            int lanes = kernel.Lanes, inF = spec.InFeatures, nr = kernel.TileFeatures, unroll = kernel.Unroll;
            w.Line($"/// <summary>{rows} row{(rows == 1 ? "" : "s")} × {features} output features.</summary>");
            w.Line("[MethodImpl(MethodImplOptions.AggressiveOptimization)]");
            w.Open($"private static void {name}{rows}({TileParameters})");
            for (int v = 0; v < vectors; v++)
            {
                string init = spec.Bias ? isa.Load("b", Offset.Of(v * lanes)) : isa.Zero;
                string copies = string.Concat(Enumerable.Range(1, rows - 1).Select(i => $", {Acc(i, v)} = {Acc(0, v)}"));
                w.Line($"{isa.Type} {Acc(0, v)} = {init}{copies};");
            }

            w.Line($"{isa.Type} {string.Join(", ", Enumerable.Range(0, vectors).Select(v => $"w{v}"))}, xv;");
            int iterations = inF / unroll, rest = inF % unroll;
            if (iterations == 1 && rest == 0)
            {
                for (int u = 0; u < unroll; u++) EmitStep(w, isa, kernel, inF, rows, vectors, u);
            }
            else
            {
                w.Open($"for (int k = 0; k < {iterations}; k++)");
                for (int u = 0; u < unroll; u++) EmitStep(w, isa, kernel, inF, rows, vectors, u);
                w.Line($"x = ref Unsafe.Add(ref x, {unroll});");
                w.Line($"w = ref Unsafe.Add(ref w, {unroll * nr});");
                w.Close();
                for (int u = 0; u < rest; u++) EmitStep(w, isa, kernel, inF, rows, vectors, u);
            }

            int whole = features / lanes, tail = features % lanes;
            for (int i = 0; i < rows; i++)
            {
                var rowStart = Offset.Of((long)i * spec.OutFeatures);
                w.Line(string.Join(" ", Enumerable.Range(0, whole).Select(v =>
                    isa.Store(IsaSyntax.Activate(Acc(i, v), plan.Epilogue), "y", rowStart + v * lanes))));
                if (tail > 0)
                {
                    // The tile's last vector is partly past the layer's features: store its first lanes one by one.
                    long start = (long)i * spec.OutFeatures + whole * lanes;
                    w.Line($"{isa.Type} tail{i} = {IsaSyntax.Activate(Acc(i, whole), plan.Epilogue)}; " + string.Join(" ",
                        Enumerable.Range(0, tail).Select(l => $"Unsafe.Add(ref y, {start + l}) = tail{i}.GetElement({l});")));
                }
            }

            w.Close();
        }

        /// <summary>Input feature k + <paramref name="u"/>: the tile's weight vectors, then each row's input broadcast and multiply-added.</summary>
        private static void EmitStep(SourceWriter w, IsaSyntax isa, LinearIsaKernel kernel, int inF, int rows, int vectors, int u)
        {
            int nr = kernel.TileFeatures, lanes = kernel.Lanes;
            w.Line(string.Join(" ", Enumerable.Range(0, vectors).Select(v => $"w{v} = {isa.Load("w", Offset.Of((long)u * nr + v * lanes))};")));
            for (int i = 0; i < rows; i++)
            {
                long offset = (long)i * inF + u;
                string x = offset == 0 ? "x" : $"Unsafe.Add(ref x, {offset})";
                w.Line($"xv = {isa.Broadcast(x)}; " + string.Join(" ", Enumerable.Range(0, vectors).Select(v => isa.MultiplyAdd(Acc(i, v), "xv", $"w{v}"))));
            }
        }

        private static string Acc(int row, int vector) => $"acc{row}_{vector}";
    }
}
