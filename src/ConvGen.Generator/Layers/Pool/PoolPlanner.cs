using System.Collections.Generic;
using ConvGen.Generator.Common;
using ConvGen.Generator.Kernels;

namespace ConvGen.Generator.Layers.Pool
{
    /// <summary>Everything emission needs: the spec, the grid kernel of a windowed pool, and the output size of a fixed input.</summary>
    /// <param name="Kernel">MaxPool2d/AvgPool2d's grid kernel; null for the layers run by runtime routines.</param>
    /// <param name="OutputSize">With a fixed input size, the output (height, width); otherwise rank 0.</param>
    internal sealed record PoolPlan(PoolSpec Spec, GridKernelPlan? Kernel, Axes OutputSize);

    /// <summary>
    /// Decides how a pooling layer runs. MaxPool2d and AvgPool2d get the convolutions' grid kernel with one input and one
    /// output channel per group (groups = channels, given per call): per tap a maximum (from −∞, the padding −∞) or an
    /// add (from 0, zero padding), the average's divisor kH·kW or divisor_override in the epilogue; the runtime recomputes
    /// border windows whose PyTorch divisor differs. Indices, unpooling and the adaptive pools are runtime routines.
    /// </summary>
    internal static class PoolPlanner
    {
        public static PoolPlan Plan(PoolSpec spec)
        {
            var output = spec.IsWindowed && spec.HasFixedInput
                ? new Axes((int)OutputSize(spec, 0, spec.InputSize[0]), (int)OutputSize(spec, 1, spec.InputSize[1]))
                : new Axes();
            return new PoolPlan(spec, spec.IsWindowed ? GridKernel(spec) : null, output);
        }

        /// <summary>PyTorch's output size along <paramref name="axis"/> (0 height, 1 width) for an input of <paramref name="input"/>.</summary>
        public static long OutputSize(PoolSpec spec, int axis, long input) =>
            PoolShape.OutputSize(input, spec.Window[axis], spec.Padding[axis], spec.Stride[axis], spec.Dilation[axis], spec.CeilMode);

        private static GridKernelPlan GridKernel(PoolSpec spec)
        {
            int kH = spec.Window[0], kW = spec.Window[1], sH = spec.Stride[0], sW = spec.Stride[1];
            int dH = spec.Dilation[0], dW = spec.Dilation[1];
            bool max = spec.Module == PoolModule.MaxPool2d;
            // One output channel per tile: the accumulators are pixel vectors. A max tap is a compare-compare-or-blend, so
            // three or four independent vectors keep the pipeline busy; three with at least 8 lanes gives per-vector tails.
            var kernels = new[]
            {
                new IsaKernel(Isa.Vector512, 16, 1, 3, 0, null),
                new IsaKernel(Isa.Vector256, 8, 1, 3, 0, null),
                new IsaKernel(Isa.Vector128, 4, 1, 4, 0, null),
                new IsaKernel(Isa.Scalar, 1, 1, 4, 0, null),
            };

            // Padded pixel (oh·sH + kh·dH, ow·sW + kw·dW) lives in phase ((kh·dH) mod sH, (kw·dW) mod sW) at row
            // oh + kh·dH / sH, column ow + kw·dW / sW (ConvGeometry).
            var rows = new List<RowOffset>();
            var taps = new List<Tap>();
            for (int kh = 0; kh < kH; kh++)
            for (int kw = 0; kw < kW; kw++)
            {
                int rowShift = kh * dH, columnShift = kw * dW;
                var row = new RowOffset((rowShift % sH) * sW + columnShift % sW, 0, rowShift / sH);
                int index = rows.IndexOf(row);
                if (index < 0)
                {
                    index = rows.Count;
                    rows.Add(row);
                }

                taps.Add(new Tap($"({kh}, {kw})", index, columnShift / sW));
            }

            int divisor = max ? 1 : spec.DivisorOverride ?? kH * kW;
            string name = $"{(max ? "Max" : "Avg")}K{kH}x{kW}S{sH}x{sW}D{dH}x{dW}";
            return new GridKernelPlan($"{spec.Target.PlainName}_{name}", $"{spec.ToPyTorch()} on {spec.Target.DisplayName}", 1, 1, false,
                new EquatableArray<IsaKernel>(kernels), new EquatableArray<RowOffset>(rows), new EquatableArray<Tap>(taps), null,
                new Epilogue(Activation.None, 0f, divisor), max ? TapOperation.Max : TapOperation.Add);
        }
    }
}
