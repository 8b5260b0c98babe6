using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ConvGen.Internal
{
    /// <summary>
    /// An activation over a whole span, for the drivers whose last pass is not a generated kernel (a transposed
    /// convolution's output phases that no tap reaches, the activation layers): the same <see cref="Activations"/> the kernels' epilogues call, widest vector first. The
    /// switch per vector is one well-predicted branch; the pass is bound by memory, not by it.
    /// </summary>
    internal static class ActivationPass
    {
        public static void Apply(Span<float> values, Activation activation, float slope)
        {
            if (activation == Activation.None) return;
            ref float x = ref MemoryMarshal.GetReference(values);
            nint n = values.Length, i = 0;
            if (Vector512.IsHardwareAccelerated)
                for (; i <= n - 16; i += 16) Apply(Vector512.LoadUnsafe(ref x, (nuint)i), activation, slope).StoreUnsafe(ref x, (nuint)i);
            else if (Vector256.IsHardwareAccelerated)
                for (; i <= n - 8; i += 8) Apply(Vector256.LoadUnsafe(ref x, (nuint)i), activation, slope).StoreUnsafe(ref x, (nuint)i);
            else if (Vector128.IsHardwareAccelerated)
                for (; i <= n - 4; i += 4) Apply(Vector128.LoadUnsafe(ref x, (nuint)i), activation, slope).StoreUnsafe(ref x, (nuint)i);
            for (; i < n; i++) Unsafe.Add(ref x, i) = Apply(Unsafe.Add(ref x, i), activation, slope);
        }

        private static Vector512<float> Apply(Vector512<float> x, Activation a, float slope) => a switch
        {
            Activation.ReLU => Activations.ReLU(x), Activation.ReLU6 => Activations.ReLU6(x),
            Activation.LeakyReLU => Activations.LeakyReLU(x, slope), Activation.Sigmoid => Activations.Sigmoid(x),
            Activation.Tanh => Activations.Tanh(x), Activation.Hardsigmoid => Activations.Hardsigmoid(x),
            Activation.Hardswish => Activations.Hardswish(x), Activation.SiLU => Activations.SiLU(x),
            Activation.GELU => Activations.GELU(x), Activation.GELUTanh => Activations.GeluTanh(x),
            _ => throw new ArgumentOutOfRangeException(nameof(a), a, "Unknown activation."),
        };

        private static Vector256<float> Apply(Vector256<float> x, Activation a, float slope) => a switch
        {
            Activation.ReLU => Activations.ReLU(x), Activation.ReLU6 => Activations.ReLU6(x),
            Activation.LeakyReLU => Activations.LeakyReLU(x, slope), Activation.Sigmoid => Activations.Sigmoid(x),
            Activation.Tanh => Activations.Tanh(x), Activation.Hardsigmoid => Activations.Hardsigmoid(x),
            Activation.Hardswish => Activations.Hardswish(x), Activation.SiLU => Activations.SiLU(x),
            Activation.GELU => Activations.GELU(x), Activation.GELUTanh => Activations.GeluTanh(x),
            _ => throw new ArgumentOutOfRangeException(nameof(a), a, "Unknown activation."),
        };

        private static Vector128<float> Apply(Vector128<float> x, Activation a, float slope) => a switch
        {
            Activation.ReLU => Activations.ReLU(x), Activation.ReLU6 => Activations.ReLU6(x),
            Activation.LeakyReLU => Activations.LeakyReLU(x, slope), Activation.Sigmoid => Activations.Sigmoid(x),
            Activation.Tanh => Activations.Tanh(x), Activation.Hardsigmoid => Activations.Hardsigmoid(x),
            Activation.Hardswish => Activations.Hardswish(x), Activation.SiLU => Activations.SiLU(x),
            Activation.GELU => Activations.GELU(x), Activation.GELUTanh => Activations.GeluTanh(x),
            _ => throw new ArgumentOutOfRangeException(nameof(a), a, "Unknown activation."),
        };

        private static float Apply(float x, Activation a, float slope) => a switch
        {
            Activation.ReLU => Activations.ReLU(x), Activation.ReLU6 => Activations.ReLU6(x),
            Activation.LeakyReLU => Activations.LeakyReLU(x, slope), Activation.Sigmoid => Activations.Sigmoid(x),
            Activation.Tanh => Activations.Tanh(x), Activation.Hardsigmoid => Activations.Hardsigmoid(x),
            Activation.Hardswish => Activations.Hardswish(x), Activation.SiLU => Activations.SiLU(x),
            Activation.GELU => Activations.GELU(x), Activation.GELUTanh => Activations.GeluTanh(x),
            _ => throw new ArgumentOutOfRangeException(nameof(a), a, "Unknown activation."),
        };
    }
}
