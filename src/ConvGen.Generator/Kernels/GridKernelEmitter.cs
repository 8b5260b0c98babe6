using System.Collections.Generic;
using System.Linq;
using ConvGen.Generator.Common;

namespace ConvGen.Generator.Kernels
{
    /// <summary>
    /// Emits one instruction set's micro-kernel: a loop over the output grid in steps of TilePixels; per step the
    /// accumulators start at the bias, every input channel of the group adds each unrolled kernel tap (load Vectors input
    /// vectors, broadcast one weight per output channel, multiply-add), and the tile is stored.
    /// </summary>
    internal static class GridKernelEmitter
    {
        public static string StructName(GridKernelPlan plan, IsaKernel kernel) => $"{plan.Name}_{kernel.Suffix}";

        /// <param name="plane">The depthwise plane kernel of this instruction set, emitted into the same struct; null if the layer has none.</param>
        public static void Emit(SourceWriter w, GridKernelPlan plan, IsaKernel kernel, DepthwisePlanePlan? plane)
        {
            w.Line($"/// <summary>{kernel.Isa} kernel of {plan.Description}: {kernel.TileChannels} output channels × {kernel.Vectors} × {kernel.Lanes} grid pixels per step, every tap unrolled.</summary>");
            w.Line(GeneratedCode.Attribute);
            w.Open($"file struct {StructName(plan, kernel)} : {(plane is null ? "IGridKernel" : "IDepthwisePlaneKernel")}");
            w.Line($"public static int TileChannels => {kernel.TileChannels};");
            w.Line();
            w.Line($"public static int TilePixels => {kernel.TilePixels};");
            w.Line();
            w.Line($"public static int TailPixels => {kernel.TailPixels};");
            w.Line();
            EmitTile(w, plan, kernel, "Full", kernel.TileChannels);
            w.Line();
            if (kernel.RemainderChannels > 0)
            {
                EmitTile(w, plan, kernel, "Remainder", kernel.RemainderChannels);
            }
            else
            {
                w.Line($"// out/groups = {plan.OutChannelsPerGroup} is a multiple of {kernel.TileChannels}: every tile is full.");
                w.Line($"public static void Remainder({Parameters}) =>");
                w.Line("    throw new global::System.InvalidOperationException(\"This layer has no remainder tile.\");");
            }

            if (plane is not null)
            {
                w.Line();
                DepthwisePlaneEmitter.Emit(w, plane);
            }

            w.Close();
        }

        internal const string Parameters = "ref float input, ref float weights, ref float bias, ref float output, in ConvGeometry geometry";

        internal const string Arguments = "ref input, ref weights, ref bias, ref output";

        /// <summary>
        /// <paramref name="name"/> walks the grid in steps of TilePixels. The grid's end is a multiple of
        /// <see cref="IsaKernel.TailPixels"/>: with narrower tails, the last step goes to <c>{name}Tail{t}</c>, which
        /// computes only the t vectors left instead of a whole tile; in a grid that is the output itself the last step
        /// overlaps the one before instead of running past the end.
        /// </summary>
        internal static void EmitTile(SourceWriter w, GridKernelPlan plan, IsaKernel kernel, string name, int channels)
        {
            int vectors = kernel.Vectors, lanes = kernel.Lanes;
            bool tails = kernel.TailPixels < kernel.TilePixels;

            // Kernels are hot from the first call: compile them fully optimized at once instead of going through tier 0.
            w.Line("[MethodImpl(MethodImplOptions.AggressiveOptimization)]");
            w.Open($"public static void {name}({Parameters})");
            EmitSizes(w, plan, kernel, channels, loop: true);
            w.Open($"for (nint q = 0; q < end; q += {kernel.TilePixels})");
            w.Open($"if (q > end - {kernel.TilePixels})");
            if (tails)
            {
                for (int t = 1; t < vectors; t++)
                    w.Line($"if (end - q <= {t * lanes}) {{ {name}Tail{t}({Arguments}, end - {t * lanes}, in geometry); break; }}");
            }

            w.Line($"q = end - {kernel.TilePixels};");
            w.Close();
            EmitStep(w, plan, kernel, channels, vectors);
            w.Close();
            w.Close();
            if (!tails) return;

            for (int t = 1; t < vectors; t++)
            {
                w.Line();
                w.Line($"/// <summary>The grid's last {t * lanes} pixels, at q.</summary>");
                w.Line("[MethodImpl(MethodImplOptions.AggressiveOptimization)]");
                w.Open($"private static void {name}Tail{t}({Parameters.Replace(", in ConvGeometry", ", nint q, in ConvGeometry")})");
                EmitSizes(w, plan, kernel, channels, loop: false);
                EmitStep(w, plan, kernel, channels, t);
                w.Close();
            }
        }

        /// <summary>The sizes a step uses, as constants when the input size is fixed, and each kernel row's offset.</summary>
        private static void EmitSizes(SourceWriter w, GridKernelPlan plan, IsaKernel kernel, int channels, bool loop)
        {
            var fixedSize = plan.Fixed;
            var sizes = new List<(string Name, string Runtime, int Fixed)>();
            // With a fixed size the row offsets are numbers; otherwise each names the sizes it needs.
            if (fixedSize is null && plan.Rows.Any(r => r.Row > 0)) sizes.Add(("planeWidth", "geometry.PlaneWidth", 0));
            if (fixedSize is null && plan.Rows.Any(r => r.Slice > 0)) sizes.Add(("sliceSize", "geometry.SliceSize", 0));
            if (fixedSize is null && plan.Rows.Any(r => r.Phase > 0)) sizes.Add(("phaseSize", "geometry.PhaseSize", 0));
            if (plan.InChannelsPerGroup > 1) sizes.Add(("channelStride", "geometry.ChannelStride", fixedSize?.ChannelStride ?? 0));
            if (channels > 1) sizes.Add(("pitch", "geometry.ChannelPitch", kernel.FixedPitch ?? 0));
            foreach (var (sizeName, runtime, value) in sizes)
                w.Line(fixedSize is null ? $"nint {sizeName} = {runtime};" : $"const nint {sizeName} = {value};");
            if (loop) w.Line("nint end = geometry.GridEnd;");

            w.Line("// Where each kernel row starts in the padded input (phase, depth slice, row), relative to the grid pixel.");
            for (int i = 0; i < plan.Rows.Count; i++)
                w.Line($"{(fixedSize is null ? "" : "const ")}nint row{i} = {RowExpression(plan.Rows[i], fixedSize)};");
        }

        /// <summary>One step at grid pixel q: the accumulators start at the bias, every input channel adds every tap, then the epilogue runs and they are stored.</summary>
        private static void EmitStep(SourceWriter w, GridKernelPlan plan, IsaKernel kernel, int channels, int vectors)
        {
            var isa = IsaSyntax.For(kernel.Isa);
            int inPerGroup = plan.InChannelsPerGroup, lanes = kernel.Lanes;
            for (int m = 0; m < channels; m++)
            {
                string init = plan.Operation switch
                {
                    TapOperation.Max => isa.Broadcast("float.NegativeInfinity"),
                    TapOperation.Add => isa.Zero,
                    _ => plan.Bias ? isa.Broadcast($"Unsafe.Add(ref bias, {m})") : isa.Zero,
                };
                var rest = Enumerable.Range(1, vectors - 1).Select(v => $", {Acc(m, v)} = {Acc(m, 0)}");
                w.Line($"{isa.Type} {Acc(m, 0)} = {init}{string.Concat(rest)};");
            }

            bool weighted = plan.Operation == TapOperation.MultiplyAdd;
            w.Line("ref float x = ref Unsafe.Add(ref input, q);");
            if (weighted) w.Line("ref float w = ref weights;");
            if (inPerGroup > 1) w.Open($"for (int c = 0; c < {inPerGroup}; c++)");
            w.Line($"{isa.Type} {string.Join(", ", Enumerable.Range(0, vectors).Select(v => $"x{v}"))}{(weighted ? ", wv" : "")};");
            for (int t = 0; t < plan.Taps.Count; t++)
            {
                var tap = plan.Taps[t];
                w.Line($"// tap {tap.Label}");
                w.Line(string.Join(" ", Enumerable.Range(0, vectors).Select(v =>
                    $"x{v} = {isa.Load("x", Linear.Of($"row{tap.RowIndex}") + (tap.Column + v * lanes))};")));
                for (int m = 0; m < channels; m++)
                {
                    if (!weighted)
                    {
                        w.Line(string.Join(" ", Enumerable.Range(0, vectors).Select(v => isa.Pool(plan.Operation, Acc(m, v), $"x{v}"))));
                        continue;
                    }

                    string weight = isa.Broadcast(t * channels + m == 0 ? "w" : $"Unsafe.Add(ref w, {t * channels + m})");
                    w.Line($"wv = {weight}; " + string.Join(" ", Enumerable.Range(0, vectors).Select(v => isa.MultiplyAdd(Acc(m, v), $"x{v}", "wv"))));
                }
            }

            if (inPerGroup > 1)
            {
                w.Line("x = ref Unsafe.Add(ref x, channelStride);");
                if (weighted) w.Line($"w = ref Unsafe.Add(ref w, {plan.Taps.Count * channels});");
                w.Close();
            }

            for (int m = 0; m < channels; m++)
            {
                var rowStart = (m == 0 ? Linear.Of(0) : Linear.Of("pitch") * m) + Linear.Of("q");
                w.Line(string.Join(" ", Enumerable.Range(0, vectors).Select(v =>
                    isa.Store(IsaSyntax.Activate(isa.Divide(Acc(m, v), plan.Epilogue.Divisor), plan.Epilogue), "output", rowStart + v * lanes))));
            }
        }

        private static string Acc(int channel, int vector) => $"acc{channel}_{vector}";

        /// <summary>Phase·phaseSize + Slice·sliceSize + Row·planeWidth, folded to a number when the size is fixed.</summary>
        private static Linear RowExpression(RowOffset row, FixedGeometry? fixedSize) =>
            fixedSize is not null
                ? Linear.Of((long)row.Phase * fixedSize.PhaseSize + (long)row.Slice * fixedSize.SliceSize + (long)row.Row * fixedSize.PlaneWidth)
                : Linear.Of("phaseSize") * row.Phase + Linear.Of("sliceSize") * row.Slice + Linear.Of("planeWidth") * row.Row;
    }
}
