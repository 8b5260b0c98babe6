using System.Collections.Generic;
using System.Linq;
using ConvGen.Generator.Common;

namespace ConvGen.Generator.Kernels
{
    /// <summary>
    /// Emits one instruction set's kernel of a transposed convolution: a grid kernel per output phase (same register tile,
    /// each phase its own taps), as methods <c>Full{phase}</c> / <c>Remainder{phase}</c> of one struct, dispatched by phase.
    /// A phase that no tap reaches has no method: its outputs are the (activated) bias, written by the driver.
    /// </summary>
    internal static class PhaseKernelEmitter
    {
        public static void Emit(SourceWriter w, GridKernelPlan layer, IReadOnlyList<GridKernelPlan> phases, IsaKernel kernel)
        {
            w.Line($"/// <summary>{kernel.Isa} kernel of {layer.Description}: per output phase, {kernel.TileChannels} output channels × {kernel.Vectors} × {kernel.Lanes} grid pixels per step, every tap unrolled.</summary>");
            w.Line(GeneratedCode.Attribute);
            w.Open($"file struct {GridKernelEmitter.StructName(layer, kernel)} : ITransposedKernel");
            w.Line($"public static int TileChannels => {kernel.TileChannels};");
            w.Line();
            w.Line($"public static int TilePixels => {kernel.TilePixels};");
            w.Line();
            w.Line($"public static int TailPixels => {kernel.TailPixels};");
            var withTaps = Enumerable.Range(0, phases.Count).Where(p => phases[p].Taps.Count > 0).ToList();
            foreach (string method in kernel.RemainderChannels > 0 ? new[] { "Full", "Remainder" } : new[] { "Full" })
            {
                w.Line();
                w.Open($"public static void {method}(int phase, {GridKernelEmitter.Parameters})");
                w.Open("switch (phase)");
                foreach (int p in withTaps) w.Line($"case {p}: {method}{p}({GridKernelEmitter.Arguments}, in geometry); break;");
                w.Line("default: throw new global::System.ArgumentOutOfRangeException(nameof(phase), phase, \"No tap reaches this phase.\");");
                w.Close();
                w.Close();
            }

            if (kernel.RemainderChannels == 0)
            {
                w.Line();
                w.Line($"// out/groups = {layer.OutChannelsPerGroup} is a multiple of {kernel.TileChannels}: every tile is full.");
                w.Line($"public static void Remainder(int phase, {GridKernelEmitter.Parameters}) =>");
                w.Line("    throw new global::System.InvalidOperationException(\"This layer has no remainder tile.\");");
            }

            foreach (int p in withTaps)
            {
                w.Line();
                w.Line($"// {phases[p].Description}: {phases[p].Taps.Count} tap(s)");
                GridKernelEmitter.EmitTile(w, phases[p], kernel, $"Full{p}", kernel.TileChannels);
                if (kernel.RemainderChannels == 0) continue;
                w.Line();
                GridKernelEmitter.EmitTile(w, phases[p], kernel, $"Remainder{p}", kernel.RemainderChannels);
            }

            w.Close();
        }
    }
}
