using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ConvGen.Internal
{
    /// <summary>
    /// An activation over a whole span, for the drivers whose last pass is not a generated kernel (the scatter of a
    /// transposed convolution): the same <see cref="Activations"/> the kernels' epilogues call, widest vector first.
    /// </summary>
    internal static class ActivationPass
    {
        public static void Apply(Span<float> values, Activation activation, float slope)
        {
            switch (activation)
            {
                case Activation.None: return;
                case Activation.ReLU: Run<ReLU>(values, slope); return;
                case Activation.ReLU6: Run<ReLU6>(values, slope); return;
                case Activation.LeakyReLU: Run<Leaky>(values, slope); return;
                case Activation.Sigmoid: Run<Sigmoid>(values, slope); return;
                case Activation.Tanh: Run<Tanh>(values, slope); return;
                case Activation.Hardsigmoid: Run<Hardsigmoid>(values, slope); return;
                case Activation.Hardswish: Run<Hardswish>(values, slope); return;
                case Activation.SiLU: Run<SiLU>(values, slope); return;
                case Activation.GELU: Run<Gelu>(values, slope); return;
                case Activation.GELUTanh: Run<GeluTanh>(values, slope); return;
                default: throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation.");
            }
        }

        private static void Run<T>(Span<float> values, float slope) where T : struct, IFunction
        {
            ref float x = ref MemoryMarshal.GetReference(values);
            nint n = values.Length, i = 0;
            if (Vector512.IsHardwareAccelerated)
                for (; i <= n - 16; i += 16) T.Apply(Vector512.LoadUnsafe(ref x, (nuint)i), slope).StoreUnsafe(ref x, (nuint)i);
            else if (Vector256.IsHardwareAccelerated)
                for (; i <= n - 8; i += 8) T.Apply(Vector256.LoadUnsafe(ref x, (nuint)i), slope).StoreUnsafe(ref x, (nuint)i);
            else if (Vector128.IsHardwareAccelerated)
                for (; i <= n - 4; i += 4) T.Apply(Vector128.LoadUnsafe(ref x, (nuint)i), slope).StoreUnsafe(ref x, (nuint)i);
            for (; i < n; i++) Unsafe.Add(ref x, i) = T.Apply(Unsafe.Add(ref x, i), slope);
        }

        private interface IFunction
        {
            static abstract Vector512<float> Apply(Vector512<float> x, float slope);
            static abstract Vector256<float> Apply(Vector256<float> x, float slope);
            static abstract Vector128<float> Apply(Vector128<float> x, float slope);
            static abstract float Apply(float x, float slope);
        }

        private struct ReLU : IFunction
        {
            public static Vector512<float> Apply(Vector512<float> x, float s) => Activations.ReLU(x);
            public static Vector256<float> Apply(Vector256<float> x, float s) => Activations.ReLU(x);
            public static Vector128<float> Apply(Vector128<float> x, float s) => Activations.ReLU(x);
            public static float Apply(float x, float s) => Activations.ReLU(x);
        }

        private struct ReLU6 : IFunction
        {
            public static Vector512<float> Apply(Vector512<float> x, float s) => Activations.ReLU6(x);
            public static Vector256<float> Apply(Vector256<float> x, float s) => Activations.ReLU6(x);
            public static Vector128<float> Apply(Vector128<float> x, float s) => Activations.ReLU6(x);
            public static float Apply(float x, float s) => Activations.ReLU6(x);
        }

        private struct Leaky : IFunction
        {
            public static Vector512<float> Apply(Vector512<float> x, float s) => Activations.LeakyReLU(x, s);
            public static Vector256<float> Apply(Vector256<float> x, float s) => Activations.LeakyReLU(x, s);
            public static Vector128<float> Apply(Vector128<float> x, float s) => Activations.LeakyReLU(x, s);
            public static float Apply(float x, float s) => Activations.LeakyReLU(x, s);
        }

        private struct Sigmoid : IFunction
        {
            public static Vector512<float> Apply(Vector512<float> x, float s) => Activations.Sigmoid(x);
            public static Vector256<float> Apply(Vector256<float> x, float s) => Activations.Sigmoid(x);
            public static Vector128<float> Apply(Vector128<float> x, float s) => Activations.Sigmoid(x);
            public static float Apply(float x, float s) => Activations.Sigmoid(x);
        }

        private struct Tanh : IFunction
        {
            public static Vector512<float> Apply(Vector512<float> x, float s) => Activations.Tanh(x);
            public static Vector256<float> Apply(Vector256<float> x, float s) => Activations.Tanh(x);
            public static Vector128<float> Apply(Vector128<float> x, float s) => Activations.Tanh(x);
            public static float Apply(float x, float s) => Activations.Tanh(x);
        }

        private struct Hardsigmoid : IFunction
        {
            public static Vector512<float> Apply(Vector512<float> x, float s) => Activations.Hardsigmoid(x);
            public static Vector256<float> Apply(Vector256<float> x, float s) => Activations.Hardsigmoid(x);
            public static Vector128<float> Apply(Vector128<float> x, float s) => Activations.Hardsigmoid(x);
            public static float Apply(float x, float s) => Activations.Hardsigmoid(x);
        }

        private struct Hardswish : IFunction
        {
            public static Vector512<float> Apply(Vector512<float> x, float s) => Activations.Hardswish(x);
            public static Vector256<float> Apply(Vector256<float> x, float s) => Activations.Hardswish(x);
            public static Vector128<float> Apply(Vector128<float> x, float s) => Activations.Hardswish(x);
            public static float Apply(float x, float s) => Activations.Hardswish(x);
        }

        private struct SiLU : IFunction
        {
            public static Vector512<float> Apply(Vector512<float> x, float s) => Activations.SiLU(x);
            public static Vector256<float> Apply(Vector256<float> x, float s) => Activations.SiLU(x);
            public static Vector128<float> Apply(Vector128<float> x, float s) => Activations.SiLU(x);
            public static float Apply(float x, float s) => Activations.SiLU(x);
        }

        private struct Gelu : IFunction
        {
            public static Vector512<float> Apply(Vector512<float> x, float s) => Activations.GELU(x);
            public static Vector256<float> Apply(Vector256<float> x, float s) => Activations.GELU(x);
            public static Vector128<float> Apply(Vector128<float> x, float s) => Activations.GELU(x);
            public static float Apply(float x, float s) => Activations.GELU(x);
        }

        private struct GeluTanh : IFunction
        {
            public static Vector512<float> Apply(Vector512<float> x, float s) => Activations.GeluTanh(x);
            public static Vector256<float> Apply(Vector256<float> x, float s) => Activations.GeluTanh(x);
            public static Vector128<float> Apply(Vector128<float> x, float s) => Activations.GeluTanh(x);
            public static float Apply(float x, float s) => Activations.GeluTanh(x);
        }
    }
}
