using System;

namespace ConvGen.Golden
{
    /// <summary>
    /// The activations of the golden files (values as in <c>ConvGen.Activation</c>, stored in format-2 files). Compiled into
    /// tools/ConvGen.Oracle (which has no reference to the ConvGen runtime) and tests/ConvGen.Conformance.Tests.
    /// </summary>
    public enum GoldenActivation
    {
        None = 0,
        ReLU = 1,
        ReLU6 = 2,
        LeakyReLU = 3,
        Sigmoid = 4,
        Tanh = 5,
        Hardsigmoid = 6,
        Hardswish = 7,
        SiLU = 8,
        GELU = 9,
        GELUTanh = 10,
    }

    /// <summary>
    /// The activations in double precision and the numbers the tolerance is built from: each function's largest slope, the
    /// float error ConvGen documents for it (src/ConvGen.Runtime/Kernels/Activations.cs) and the float error of PyTorch's
    /// own <c>torch.nn</c> module (libtorch 2.10, CPU; measured by the oracle on every <c>generate</c>, which fails if
    /// PyTorch exceeds it, and checked again on every golden file by <c>GoldenData_AgreesWithDoubleReference</c>).
    /// Shared by tools/ConvGen.Oracle and tests/ConvGen.Conformance.Tests.
    /// </summary>
    internal static class ActivationReference
    {
        /// <summary>2⁻²⁴: half an ulp of 1, the unit roundoff of float32.</summary>
        public static readonly double U = Math.Pow(2, -24);

        /// <summary>2⁻¹²⁶, the smallest normal float: below it results are compared absolutely (underflow, flush to zero).</summary>
        public static readonly double Tiny = Math.Pow(2, -126);

        /// <summary>The exact function in double, <paramref name="slope"/> being the float <c>negative_slope</c> of LeakyReLU.</summary>
        public static double Exact(GoldenActivation a, double x, float slope)
        {
            if (double.IsNaN(x)) return x;
            switch (a)
            {
                case GoldenActivation.None: return x;
                case GoldenActivation.ReLU: return x > 0 ? x : 0;
                case GoldenActivation.ReLU6: return Math.Min(Math.Max(x, 0), 6);
                case GoldenActivation.LeakyReLU: return x > 0 ? x : x * slope;
                case GoldenActivation.Sigmoid: return Sigmoid(x);
                case GoldenActivation.Tanh: return Math.Tanh(x);
                case GoldenActivation.Hardsigmoid: return Math.Min(Math.Max(x / 6 + 0.5, 0), 1);
                case GoldenActivation.Hardswish: return double.IsInfinity(x) ? (x > 0 ? x : double.NaN) : x * Math.Min(Math.Max(x + 3, 0), 6) / 6;
                case GoldenActivation.SiLU: return double.IsInfinity(x) ? (x > 0 ? x : double.NaN) : x * Sigmoid(x);
                case GoldenActivation.GELU: return double.IsInfinity(x) ? (x > 0 ? x : double.NaN) : x * 0.5 * Erfc(-x / Math.Sqrt(2));
                case GoldenActivation.GELUTanh:
                    // 0.5·x·(1 + tanh(v)) = x·σ(2v), v = √(2/π)·(x + 0.044715·x³), without the cancellation of 1 + tanh.
                    return double.IsInfinity(x) ? (x > 0 ? x : double.NaN) : x * Sigmoid(2 * Math.Sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x));
                default: throw new ArgumentOutOfRangeException(nameof(a), a, null);
            }
        }

        /// <summary>
        /// The largest |f′| (Lipschitz constant): an error δ in the convolution moves the activation by at most L·δ.
        /// σ′ ≤ 1/4, hardsigmoid 1/6, hardswish 1.5 (at x = 3), SiLU 1.0998, GELU and its tanh form 1.1289, LeakyReLU
        /// max(1, |slope|), the others 1.
        /// </summary>
        public static double Lipschitz(GoldenActivation a, float slope) => a switch
        {
            GoldenActivation.LeakyReLU => Math.Max(1, Math.Abs((double)slope)),
            GoldenActivation.Sigmoid => 0.25,
            GoldenActivation.Hardsigmoid => 1.0 / 6,
            GoldenActivation.Hardswish => 1.5,
            GoldenActivation.SiLU => 1.1,
            GoldenActivation.GELU or GoldenActivation.GELUTanh => 1.13,
            _ => 1,
        };

        /// <summary>ConvGen's documented bound in ulps of the float result (Activations.cs header, "bound" column).</summary>
        public static double ConvGenUlps(GoldenActivation a) => a switch
        {
            GoldenActivation.LeakyReLU => 0.5,
            GoldenActivation.Sigmoid => 2.5,
            GoldenActivation.Tanh => 1.5,
            GoldenActivation.Hardsigmoid => 1.25,
            GoldenActivation.Hardswish => 2,
            GoldenActivation.SiLU => 3,
            GoldenActivation.GELU => 4.5,
            GoldenActivation.GELUTanh => 2,
            _ => 0,
        };

        /// <summary>
        /// ConvGen's documented error beyond its ulp bound: GELUTanh's |v|·2⁻²² relative error for v &lt; 0 (the
        /// conditioning of σ(v) in v, v = 2√(2/π)·(x + 0.044715·x³)). SiLU's |x|·2⁻¹⁵⁰ below x ≈ −87 is in
        /// <see cref="Tiny"/>'s term.
        /// </summary>
        public static double ConvGenExtra(GoldenActivation a, double x, double result) =>
            a == GoldenActivation.GELUTanh && x < 0
                ? Math.Abs(2 * Math.Sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)) * Math.Pow(2, -22) * Math.Abs(result)
                : 0;

        /// <summary>PyTorch's error in ulps of the float result (libtorch 2.10 CPU, measured: see the class summary).</summary>
        public static double TorchUlps(GoldenActivation a) => a switch
        {
            GoldenActivation.LeakyReLU => 0.5,
            GoldenActivation.Sigmoid => 2.5,
            GoldenActivation.Tanh => 1,
            GoldenActivation.Hardsigmoid => 1.25,
            GoldenActivation.Hardswish => 2,
            GoldenActivation.SiLU => 2.5,
            GoldenActivation.GELU => 2,
            GoldenActivation.GELUTanh => 2,
            _ => 0,
        };

        /// <summary>
        /// PyTorch's absolute error beyond its ulps, as a multiple of |x|·2⁻²⁴. Its GELU is 0.5·x·(1 + erf(x/√2)) with a
        /// float erf approximation whose absolute error (not relative: it is flushed to −0 below x ≈ −9.5, and about 2·10⁻⁴
        /// relative near x = −3) is carried by the factor x; its tanh GELU cancels in 1 + tanh(v) for x &lt; 0 (an ulp of
        /// tanh near −1 is 2⁻²⁴ absolute, times 0.5·|x|). Every other module is within its ulps.
        /// </summary>
        public static double TorchAbsolute(GoldenActivation a) => a switch
        {
            GoldenActivation.GELU => 6,
            GoldenActivation.GELUTanh => 1,
            _ => 0,
        };

        /// <summary>The size of an ulp of float at |v| (2⁻¹⁴⁹ for subnormals and zero).</summary>
        public static double Ulp(double v)
        {
            double a = Math.Abs(v);
            if (!(a >= Tiny)) return Math.Pow(2, -149);
            if (double.IsInfinity(a)) return Math.Pow(2, 104);
            int e = Math.ILogB(a);
            return Math.Pow(2, e - 23);
        }

        /// <summary>
        /// Float error allowed for PyTorch's activation of a value near <paramref name="x"/> (besides the convolution's,
        /// which the caller multiplies by <see cref="Lipschitz"/>): its ulps of <paramref name="resultScale"/>, its
        /// absolute error, and the underflow allowance (1 + |x|)·2⁻¹²⁶.
        /// </summary>
        public static double TorchError(GoldenActivation a, double x, double resultScale)
        {
            if (a == GoldenActivation.None) return 0;
            x = Finite(x);
            return TorchUlps(a) * Ulp(resultScale) + TorchAbsolute(a) * Math.Abs(x) * U + (1 + Math.Abs(x)) * Tiny;
        }

        /// <summary>The same for ConvGen's activation (its documented bound).</summary>
        public static double ConvGenError(GoldenActivation a, double x, double resultScale)
        {
            if (a == GoldenActivation.None) return 0;
            x = Finite(x);
            return ConvGenUlps(a) * Ulp(resultScale) + ConvGenExtra(a, x, resultScale) + (1 + Math.Abs(x)) * Tiny;
        }

        /// <summary>
        /// An infinite convolution output has an exact limit (0, 1, ±1, 6, or an infinity compared exactly): the terms that
        /// grow with |x| do not apply to it.
        /// </summary>
        private static double Finite(double x) => double.IsFinite(x) ? x : 0;

        private static double Sigmoid(double x) => x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));

        /// <summary>
        /// erfc in double, relative error ~1e-15: 1 − erf by its Taylor series below 2, the continued fraction
        /// erfc z = e^(−z²)/√π · 1/(z + ½/(z + 1/(z + 3/2/(z + …)))) from 2 on, erfc(−z) = 2 − erfc z.
        /// </summary>
        public static double Erfc(double z)
        {
            if (double.IsNaN(z)) return z;
            if (z < 0) return 2 - Erfc(-z);
            if (z < 2)
            {
                double sum = 0, term = z; // (−1)ⁿ z^(2n+1) / n!
                for (int n = 0; n < 100; n++)
                {
                    double t = term / (2 * n + 1);
                    sum += t;
                    if (Math.Abs(t) < 1e-18 * Math.Abs(sum)) break;
                    term *= -z * z / (n + 1);
                }

                return 1 - 2 / Math.Sqrt(Math.PI) * sum;
            }

            if (z > 27) return 0;
            double f = z;
            for (int k = 200; k >= 1; k--) f = z + k / 2.0 / f;
            return Math.Exp(-z * z) / Math.Sqrt(Math.PI) / f;
        }
    }
}
