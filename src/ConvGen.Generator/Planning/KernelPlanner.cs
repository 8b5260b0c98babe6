using System;
using System.Collections.Generic;
using System.Linq;
using ConvGen.Generator.Model;

namespace ConvGen.Generator.Planning
{
    /// <summary>Decides each instruction set's register tile and where every kernel tap reads.</summary>
    internal static class KernelPlanner
    {
        public static KernelPlan Plan(Conv2dSpec spec)
        {
            var sides = spec.ResolvePadding();
            int outPerGroup = spec.OutChannels / spec.Groups;
            var fixedGeometry = spec.HasFixedInput ? FixGeometry(spec, sides) : null;

            var kernels = new[]
            {
                // 32 vector registers: 8 channels × 3 vectors = 24 accumulators, 3 inputs, 1 broadcast weight. Eight
                // channels per tile halve the passes over the input compared with four, and 48-pixel steps waste less of
                // small grids (a 14×16 grid is 5 steps) than 96-pixel ones.
                Kernel(Isa.Vector512, 16, accumulators: 24, maxChannels: 8),
                // 16 registers (x64 AVX2 / SSE): 4 × 3 = 12 accumulators.
                Kernel(Isa.Vector256, 8, accumulators: 12, maxChannels: 4),
                Kernel(Isa.Vector128, 4, accumulators: 12, maxChannels: 4),
                // Scalar floats live in the same 16 registers.
                Kernel(Isa.Scalar, 1, accumulators: 8, maxChannels: 4),
            };

            var rows = new List<RowOffset>();
            var taps = new List<Tap>();
            for (int kh = 0; kh < spec.Kernel.Height; kh++)
            {
                for (int kw = 0; kw < spec.Kernel.Width; kw++)
                {
                    // Padded pixel (oh·sH + kh·dH, ow·sW + kw·dW) lives in phase plane ((kh·dH) mod sH, (kw·dW) mod sW)
                    // at row oh + kh·dH / sH and column ow + kw·dW / sW.
                    int rowShift = kh * spec.Dilation.Height, columnShift = kw * spec.Dilation.Width;
                    var row = new RowOffset(
                        (rowShift % spec.Stride.Height) * spec.Stride.Width + columnShift % spec.Stride.Width,
                        rowShift / spec.Stride.Height);
                    int index = rows.IndexOf(row);
                    if (index < 0)
                    {
                        index = rows.Count;
                        rows.Add(row);
                    }

                    taps.Add(new Tap(kh, kw, index, columnShift / spec.Stride.Width));
                }
            }

            return new KernelPlan(spec, sides, KernelName(spec), new EquatableArray<IsaKernel>(kernels),
                new EquatableArray<RowOffset>(rows), new EquatableArray<Tap>(taps), fixedGeometry, IsDepthwise(spec));

            // Depthwise-like groups (out/groups below the tile) give the spare accumulators to more pixel vectors.
            IsaKernel Kernel(Isa isa, int lanes, int accumulators, int maxChannels)
            {
                int tileChannels = Math.Min(outPerGroup, maxChannels);
                int vectors = Math.Max(1, Math.Min(8, accumulators / tileChannels));
                var kernel = new IsaKernel(isa, lanes, tileChannels, vectors, outPerGroup % tileChannels, null);
                if (fixedGeometry is null) return kernel;
                var (_, _, pitch) = ConvShape.TileLoop(fixedGeometry.OutputHeight, fixedGeometry.OutputWidth, fixedGeometry.PlaneWidth,
                    kernel.TilePixels, kernel.TailPixels);
                return kernel with { FixedPitch = (int)pitch };
            }
        }

        /// <summary>
        /// Depthwise layers (one input and one output channel per group) with zero padding are memory-bound: copying the
        /// input into a padded, stride-phase-split buffer and the output out of the kernel's grid cost more than the
        /// arithmetic. With stride 1 or 2 they get a kernel that reads the caller's rows and writes the caller's output
        /// directly, with the padding and the stride's column split done in registers (see <c>DepthwiseEmitter</c>).
        /// </summary>
        private static bool IsDepthwise(Conv2dSpec spec) =>
            spec.Groups == spec.InChannels && spec.OutChannels == spec.InChannels && spec.PaddingMode == PaddingModeSpec.Zeros
            && spec.Stride.Height <= 2 && spec.Stride.Width <= 2;

        private static FixedGeometry FixGeometry(Conv2dSpec spec, Sides sides)
        {
            long paddedH = spec.InputHeight + sides.Top + sides.Bottom;
            long planeH = ConvShape.PhaseLength(paddedH, spec.Stride.Height);
            long planeW = ConvShape.PlaneWidth(spec.InputWidth, sides.Left, sides.Right, spec.Kernel.Width, spec.Stride.Width,
                spec.Dilation.Width, spec.PaddingMode == PaddingModeSpec.Zeros);
            return new FixedGeometry(
                spec.InputHeight,
                spec.InputWidth,
                (int)ConvShape.OutputSize(spec.InputHeight, sides.Top, sides.Bottom, spec.Kernel.Height, spec.Stride.Height, spec.Dilation.Height),
                (int)ConvShape.OutputSize(spec.InputWidth, sides.Left, sides.Right, spec.Kernel.Width, spec.Stride.Width, spec.Dilation.Width),
                (int)planeW,
                (int)(planeH * planeW),
                (int)(planeH * planeW * spec.Stride.Height * spec.Stride.Width));
        }

        /// <summary>A name that carries the parameters, e.g. K3x3S1D1G3.</summary>
        private static string KernelName(Conv2dSpec spec)
        {
            static string Axis(Pair p) => p.Height == p.Width ? $"{p.Height}" : $"{p.Height}x{p.Width}";
            return $"K{spec.Kernel.Height}x{spec.Kernel.Width}S{Axis(spec.Stride)}D{Axis(spec.Dilation)}G{spec.Groups}";
        }
    }
}
