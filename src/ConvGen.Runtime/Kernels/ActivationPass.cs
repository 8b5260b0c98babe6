using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ConvGen.Internal
{
    /// <summary>
    /// An activation over a whole span, for the drivers whose last pass is not a generated kernel (a transposed
    /// convolution's output phases that no tap reaches): the same <see cref="Activations"/> the kernels' epilogues call,
    /// widest vector first. The switch per vector is one well-predicted branch; the pass is bound by memory, not by it.
    /// </summary>
    internal static class ActivationPass
    {
        public static void Apply(Span<float> values, Activation activation, float slope)
        {
            if (activation == Activation.None) return;
            ref float x = ref MemoryMarshal.GetReference(values);
            nint n = values.Length, i = 0;
            if (Vector512.IsHardwareAccelerated) i = Run<Vector512<float>, Ops512>(ref x, i, n, activation, slope);
            else if (Vector256.IsHardwareAccelerated) i = Run<Vector256<float>, Ops256>(ref x, i, n, activation, slope);
            else if (Vector128.IsHardwareAccelerated) i = Run<Vector128<float>, Ops128>(ref x, i, n, activation, slope);
            Run<float, OpsScalar>(ref x, i, n, activation, slope);
        }

        /// <summary>Applies the activation to whole vectors from <paramref name="i"/> on; returns where the tail starts.</summary>
        private static nint Run<TV, W>(ref float x, nint i, nint n, Activation activation, float slope)
            where TV : struct where W : struct, IVectorOps<TV>
        {
            for (; i <= n - W.Lanes; i += W.Lanes) W.Store(Apply<TV, W>(W.Load(ref x, i), activation, slope), ref x, i);
            return i;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static TV Apply<TV, W>(TV x, Activation a, float slope) where TV : struct where W : struct, IVectorOps<TV> => a switch
        {
            Activation.ReLU => Activations.ReLU<TV, W>(x), Activation.ReLU6 => Activations.ReLU6<TV, W>(x),
            Activation.LeakyReLU => Activations.LeakyReLU<TV, W>(x, slope), Activation.Sigmoid => Activations.Sigmoid<TV, W>(x),
            Activation.Tanh => Activations.Tanh<TV, W>(x), Activation.Hardsigmoid => Activations.Hardsigmoid<TV, W>(x),
            Activation.Hardswish => Activations.Hardswish<TV, W>(x), Activation.SiLU => Activations.SiLU<TV, W>(x),
            Activation.GELU => Activations.Gelu<TV, W>(x), Activation.GELUTanh => Activations.GeluTanh<TV, W>(x),
            _ => throw new ArgumentOutOfRangeException(nameof(a), a, "Unknown activation."),
        };
    }
}
