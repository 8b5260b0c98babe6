using System;
using System.Collections.Generic;
using System.Linq;
using ConvGen.Generator.Common;
using ConvGen.Generator.Kernels;

namespace ConvGen.Generator.Layers.Conv
{
    /// <summary>Everything emission needs: the spec, resolved padding, the grid kernel, and the depthwise plane kernels if the layer has them.</summary>
    /// <param name="Planes">One per instruction set, in the grid kernels' order; empty when the layer has no plane kernel.</param>
    /// <param name="OutputSize">With a fixed input size, the output size per axis; otherwise rank 0.</param>
    /// <param name="Phases">A transposed convolution's kernel per output phase (<see cref="TransposedPlanner"/>), whose
    /// tiles are <paramref name="Kernel"/>'s; empty otherwise.</param>
    internal sealed record ConvPlan(ConvSpec Spec, EquatableArray<AxisPadding> Padding, GridKernelPlan Kernel,
        EquatableArray<DepthwisePlanePlan> Planes, Axes OutputSize, EquatableArray<GridKernelPlan> Phases)
    {
        public bool HasPlanes => Planes.Count > 0;

        /// <summary>The layer runs as Winograd F(4×4, 3×3) in the runtime's <c>WinogradDriver</c>: no generated kernel.</summary>
        public bool Winograd => Spec.Algorithm == ConvAlgorithm.Winograd;
    }

    /// <summary>Decides each instruction set's register tile, where every kernel tap reads, and which layers get a depthwise plane kernel.</summary>
    internal static class ConvPlanner
    {
        public static ConvPlan Plan(ConvSpec spec)
        {
            var sides = spec.ResolvePadding();
            if (spec.Transposed) return TransposedPlanner.Plan(spec, sides);

            int outPerGroup = spec.OutChannels / spec.Groups;
            // Every kernel works in 3-D: a lower rank's missing leading axes have kernel, stride and dilation 1 and no padding.
            int K(int axis) => spec.Kernel.Spatial(axis, 1);
            int S(int axis) => spec.Stride.Spatial(axis, 1);
            int D(int axis) => spec.Dilation.Spatial(axis, 1);
            AxisPadding P(int axis) => axis - (3 - spec.Rank) is var i && i >= 0 ? sides[i] : new AxisPadding(0, 0);

            long[]? fixedOutput = null;
            FixedGeometry? fixedGeometry = null;
            long planeH = 0, planeW = 0;
            if (spec.HasFixedInput)
            {
                long In(int axis) => spec.InputSize.Spatial(axis, 1);
                fixedOutput = Enumerable.Range(0, 3).Select(a => ConvShape.OutputSize(In(a), P(a).Before, P(a).After, K(a), S(a), D(a))).ToArray();
                long planeD = ConvShape.PhaseLength(In(0) + P(0).Before + P(0).After, S(0));
                planeH = ConvShape.PhaseLength(In(1) + P(1).Before + P(1).After, S(1));
                planeW = ConvShape.PlaneWidth(In(2), P(2).Before, P(2).After, K(2), S(2), D(2), spec.PaddingMode == PaddingMode.Zeros);
                long slice = planeH * planeW, phase = planeD * slice;
                fixedGeometry = new FixedGeometry((int)planeW, (int)slice, (int)phase, (int)(phase * S(0) * S(1) * S(2)));
            }

            var kernels = (spec.Algorithm == ConvAlgorithm.Winograd ? Array.Empty<IsaKernel>() : Tiles(outPerGroup)).Select(kernel =>
            {
                if (fixedOutput is null) return kernel;
                var (_, _, pitch) = ConvShape.TileLoop(fixedOutput[0], fixedOutput[1], fixedOutput[2], planeH, planeW,
                    kernel.TilePixels, kernel.TailPixels);
                return kernel with { FixedPitch = (int)pitch };
            }).ToArray();

            // Padded pixel (od·sD + kd·dD, oh·sH + kh·dH, ow·sW + kw·dW) lives in phase ((kd·dD) mod sD, (kh·dH) mod sH,
            // (kw·dW) mod sW) at depth slice od + kd·dD / sD, row oh + kh·dH / sH and column ow + kw·dW / sW.
            var rows = new List<RowOffset>();
            var taps = new List<Tap>();
            for (int kd = 0; kd < K(0); kd++)
            for (int kh = 0; kh < K(1); kh++)
            for (int kw = 0; kw < K(2); kw++)
            {
                int depthShift = kd * D(0), rowShift = kh * D(1), columnShift = kw * D(2);
                var row = new RowOffset(
                    ((depthShift % S(0)) * S(1) + rowShift % S(1)) * S(2) + columnShift % S(2),
                    depthShift / S(0),
                    rowShift / S(1));
                taps.Add(new Tap(TapLabel(spec.Rank, kd, kh, kw), RowIndex(rows, row), columnShift / S(2)));
            }

            var epilogue = new Epilogue(spec.Activation, spec.NegativeSlope);
            var grid = new GridKernelPlan($"{spec.Target.PlainName}_{KernelName(spec)}", spec.Target.DisplayName, spec.InChannelsPerGroup,
                outPerGroup, spec.Bias, new EquatableArray<IsaKernel>(kernels), new EquatableArray<RowOffset>(rows),
                new EquatableArray<Tap>(taps), fixedGeometry, epilogue);

            var planes = HasPlaneKernel(spec)
                ? kernels.Select(k => DepthwisePlanePlanner.Plan(k, K(1), K(2), S(1), S(2), D(1), D(2),
                    P(1).Before, P(1).After, P(2).Before, P(2).After, spec.Bias, epilogue))
                : Enumerable.Empty<DepthwisePlanePlan>();
            var outputSize = fixedOutput is null ? new Axes() : new Axes(fixedOutput.Skip(3 - spec.Rank).Select(o => (int)o).ToArray());
            return new ConvPlan(spec, sides, grid, new EquatableArray<DepthwisePlanePlan>(planes), outputSize,
                EquatableArray<GridKernelPlan>.Empty);
        }

        /// <summary>
        /// Each instruction set's register tile for <paramref name="outPerGroup"/> output channels per group; depthwise-like
        /// groups (out/groups below the tile) give the spare accumulators to more pixel vectors.
        /// </summary>
        internal static IsaKernel[] Tiles(int outPerGroup)
        {
            return new[]
            {
                // 32 vector registers: 8 channels × 3 vectors = 24 accumulators, 3 inputs, 1 broadcast weight. Eight
                // channels per tile halve the passes over the input compared with four, and 48-pixel steps waste less of
                // small grids (a 14×16 grid is 5 steps) than 96-pixel ones.
                Kernel(Isa.Vector512, 16, registers: 32, accumulators: 24, maxChannels: 8),
                // 16 registers (x64 AVX2 / SSE): 4 × 3 = 12 accumulators.
                Kernel(Isa.Vector256, 8, registers: 16, accumulators: 12, maxChannels: 4),
                Kernel(Isa.Vector128, 4, registers: 16, accumulators: 12, maxChannels: 4),
                // Scalar floats live in the same 16 registers.
                Kernel(Isa.Scalar, 1, registers: 16, accumulators: 8, maxChannels: 4),
            };

            // A tap holds every accumulator, its input vectors and one broadcast weight in registers at once, so with 2 to
            // 3 channels per tile the registers bound the pixel vectors, not the accumulators (3 channels × 8 vectors + 8
            // inputs + 1 weight is 33 of 32 registers: the JIT spilled an accumulator in the inner loop, and DCGAN's
            // ConvTranspose2d(128, 3, 4) ran 1.5× slower). One channel's inputs are read by one FMA each, from memory.
            IsaKernel Kernel(Isa isa, int lanes, int registers, int accumulators, int maxChannels)
            {
                int tileChannels = Math.Min(outPerGroup, maxChannels);
                int inRegisters = tileChannels == 1 ? accumulators : (registers - 1) / (tileChannels + 1);
                int vectors = Math.Max(1, Math.Min(Math.Min(8, accumulators / tileChannels), inRegisters));
                return new IsaKernel(isa, lanes, tileChannels, vectors, outPerGroup % tileChannels, null);
            }
        }

        /// <summary>The index of <paramref name="row"/> in <paramref name="rows"/>, added if new.</summary>
        internal static int RowIndex(List<RowOffset> rows, RowOffset row)
        {
            int index = rows.IndexOf(row);
            if (index >= 0) return index;
            rows.Add(row);
            return rows.Count - 1;
        }

        /// <summary>A tap's position as the user counts it: (kh, kw) in 2-D, (k) in 1-D.</summary>
        internal static string TapLabel(int rank, int kd, int kh, int kw) =>
            "(" + string.Join(", ", new[] { kd, kh, kw }.Skip(3 - rank)) + ")";

        /// <summary>
        /// Depthwise 2-D layers (one input and one output channel per group) with zero padding are memory-bound: copying
        /// the input into a padded, stride-phase-split buffer and the output out of the kernel's grid cost more than the
        /// arithmetic. With stride 1 or 2 they get a kernel that reads the caller's rows and writes the caller's output
        /// directly, with the padding and the stride's column split done in registers. (A 1-D layer's single row is below
        /// the plane kernel's block of rows; 3-D depthwise layers take the grid kernel.)
        /// </summary>
        private static bool HasPlaneKernel(ConvSpec spec) =>
            spec.Rank == 2 && !spec.Transposed && spec.Groups == spec.InChannels && spec.OutChannels == spec.InChannels
            && spec.PaddingMode == PaddingMode.Zeros && spec.Stride.All(s => s <= 2);

        /// <summary>A name that carries the parameters, e.g. K3x3S1D1G3 (per axis when they differ: S2x1); T4x4S2D1G1 for a transposed one.</summary>
        internal static string KernelName(ConvSpec spec)
        {
            static string Axis(Axes a) => a.All(v => v == a[0]) ? $"{a[0]}" : string.Join("x", Enumerable.Range(0, a.Rank).Select(i => a[i]));
            string kernel = string.Join("x", Enumerable.Range(0, spec.Rank).Select(i => spec.Kernel[i]));
            return $"{(spec.Transposed ? "T" : "K")}{kernel}S{Axis(spec.Stride)}D{Axis(spec.Dilation)}G{spec.Groups}";
        }
    }
}
