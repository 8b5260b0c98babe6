using System.Collections.Generic;
using System.Linq;
using ConvGen.Generator.Common;
using ConvGen.Generator.Kernels;

namespace ConvGen.Generator.Layers.Conv
{
    /// <summary>
    /// Plans a transposed convolution as one stride-1 grid kernel per output phase (<see cref="TransposedShape"/>): phase
    /// (rd, rh, rw) computes the outputs (sD·jd + rd, sH·jh + rh, sW·jw + rw) from the taps that reach them, with the bias
    /// and activation in its epilogue; <c>ConvTransposeDriver</c> pads the input once, runs every phase and writes each
    /// phase's outputs to their places.
    /// </summary>
    internal static class TransposedPlanner
    {
        public static ConvPlan Plan(ConvSpec spec, EquatableArray<AxisPadding> sides)
        {
            // 3-D inside: a lower rank's missing leading axes have kernel, stride and dilation 1 and no padding.
            int K(int axis) => spec.Kernel.Spatial(axis, 1);
            int S(int axis) => spec.Stride.Spatial(axis, 1);
            int D(int axis) => spec.Dilation.Spatial(axis, 1);
            int P(int axis) => axis - (3 - spec.Rank) is var i && i >= 0 ? sides[i].Before : 0;
            int Before(int axis) => TransposedShape.PadBefore(K(axis), S(axis), D(axis), P(axis));

            var tiles = ConvPlanner.Tiles(spec.OutChannels / spec.Groups);
            var epilogue = new Epilogue(spec.Activation, spec.NegativeSlope);
            string name = $"{spec.Target.PlainName}_{ConvPlanner.KernelName(spec)}";
            var phases = new List<GridKernelPlan>();
            for (int rd = 0; rd < S(0); rd++)
            for (int rh = 0; rh < S(1); rh++)
            for (int rw = 0; rw < S(2); rw++)
            {
                var rows = new List<RowOffset>();
                var taps = new List<Tap>();
                for (int kd = 0; kd < K(0); kd++)
                for (int kh = 0; kh < K(1); kh++)
                for (int kw = 0; kw < K(2); kw++)
                {
                    if (!TransposedShape.Feeds(rd, kd, S(0), D(0), P(0), out int od)
                        || !TransposedShape.Feeds(rh, kh, S(1), D(1), P(1), out int oh)
                        || !TransposedShape.Feeds(rw, kw, S(2), D(2), P(2), out int ow))
                    {
                        continue;
                    }

                    var row = new RowOffset(0, od + Before(0), oh + Before(1));
                    taps.Add(new Tap(ConvPlanner.TapLabel(spec.Rank, kd, kh, kw), ConvPlanner.RowIndex(rows, row), ow + Before(2)));
                }

                string phase = "(" + string.Join(", ", new[] { rd, rh, rw }.Skip(3 - spec.Rank)) + ")";
                phases.Add(new GridKernelPlan(name, $"{spec.Target.DisplayName}, output phase {phase}", spec.InChannelsPerGroup,
                    spec.OutChannels / spec.Groups, spec.Bias, new EquatableArray<IsaKernel>(tiles), new EquatableArray<RowOffset>(rows),
                    new EquatableArray<Tap>(taps), null, epilogue));
            }

            return new ConvPlan(spec, sides, phases[0], EquatableArray<DepthwisePlanePlan>.Empty, new Axes(),
                new EquatableArray<GridKernelPlan>(phases));
        }
    }
}
