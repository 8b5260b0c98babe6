using System;
using System.Linq;

namespace ConvGen.Golden
{
    /// <summary>
    /// The seeded state_dict of the network goldens too large to check in (ResNet-18 has 11.7 M parameters): every tensor's
    /// values follow from its name, shape and position in the state_dict, so tools/ConvGen.Oracle (which runs them in
    /// libtorch) and the tests (which load them into ConvGen) make the same ones. Compiled into both. Tensor k (0-based,
    /// state_dict order) uses SplitMix64 seed 1000 + k, values u in [−1, 1) mapped by role so that activations keep their
    /// scale through deep networks and BatchNorm's statistics are not trivial:
    /// weights of rank ≥ 2: u·√(6 / fan_in) (He-uniform); <c>running_var</c>: 0.75 + 0.5·|u|; <c>running_mean</c>: 0.2·u;
    /// other rank-1 <c>weight</c> (BatchNorm's γ): 1 + 0.25·u; <c>bias</c> (convolutions, Linear, BatchNorm's β): 0.1·u.
    /// </summary>
    internal static class SeededStateDict
    {
        public static float[] Values(string name, long[] shape, int position)
        {
            int count = checked((int)shape.Aggregate(1L, (a, b) => a * b));
            var u = SplitMix64.Uniform(count, 1000UL + (ulong)position);
            Func<float, float> map;
            if (shape.Length >= 2)
            {
                long fanIn = shape.Skip(1).Aggregate(1L, (a, b) => a * b);
                float bound = (float)Math.Sqrt(6.0 / fanIn);
                map = v => v * bound;
            }
            else if (name.EndsWith(".running_var", StringComparison.Ordinal)) map = v => 0.75f + 0.5f * Math.Abs(v);
            else if (name.EndsWith(".running_mean", StringComparison.Ordinal)) map = v => 0.2f * v;
            else if (name.EndsWith(".weight", StringComparison.Ordinal)) map = v => 1f + 0.25f * v;
            else map = v => 0.1f * v;
            for (int i = 0; i < u.Length; i++) u[i] = map(u[i]);
            return u;
        }
    }
}
