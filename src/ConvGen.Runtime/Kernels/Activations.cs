// Activations for the epilogue of generated kernels: applied to the accumulators in registers, before the store.
//
// Every function is written once, generic over a width (IVectorOps: Vector512, Vector256, Vector128 and float), so
// the four overloads of a function run the same operations and give bit-identical results on one machine: a column
// that falls in a kernel's scalar tail gets the value a vector lane would. Multiply-adds are fused where the CPU has
// FMA (x86 FMA3/AVX-512F, Arm AdvSimd) on every width, the scalar one included, and unfused everywhere when it has not.
//
// Largest error against a double-precision reference, in ulps of the float result, measured by ActivationTests over
// 200,000 arguments (log-uniform on ±[1e-30, 100], uniform on [-20, 20]) and the special values, on every width (they
// agree bit for bit): with FMA (AVX-512 and AVX2 machines) and without (DOTNET_EnableAVX2=0 or EnableHWIntrinsic=0).
// The tests assert the bound column.
//
//   function     FMA    no FMA  bound  note
//   Exp          0.97   0.96    1.5
//   ReLU         0      0       0      exact
//   ReLU6        0      0       0      exact
//   LeakyReLU    0.50   0.50    0.5    one rounding, x·slope
//   Sigmoid      2.14   2.14    2.5
//   Tanh         1.18   1.18    1.5
//   Hardsigmoid  1.00   1.00    1.25   x + 3, then / 6, as torch
//   Hardswish    1.84   1.84    2      x + 3, x·r, then / 6, as torch
//   SiLU         2.67   2.67    3      beyond |x|·2^-149 where e^x is subnormal (see SiLU)
//   GELU         3.38   3.98    4.5    the negative tail included
//   GeluTanh     1.52   1.52    2      beyond the conditioning of σ(v) in v (see GeluTanh)

using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace ConvGen.Internal
{
    /// <summary>
    /// Activation functions for generated kernels, one overload per vector width (<see cref="Vector512{T}"/>,
    /// <see cref="Vector256{T}"/>, <see cref="Vector128{T}"/>) and for <see cref="float"/>; all inlined and branch-free.
    /// NaN in gives NaN out everywhere; ±∞ give the limits of PyTorch's formula for the function, which is NaN where
    /// that formula multiplies ∞ by 0 (each method says which).
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class Activations
    {
        // ---- The public overloads: each width runs the one generic body below. ----

        /// <summary>
        /// e^x, within 1 ulp. +∞ above 88.7228317 (the largest argument with a finite result), subnormal results
        /// rounded once (gradual underflow), +0 from −103.97 down, NaN for NaN.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Exp(Vector512<float> x) => Exp<Vector512<float>, Ops512>(x);
        /// <inheritdoc cref="Exp(Vector512{float})"/>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Exp(Vector256<float> x) => Exp<Vector256<float>, Ops256>(x);
        /// <inheritdoc cref="Exp(Vector512{float})"/>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> Exp(Vector128<float> x) => Exp<Vector128<float>, Ops128>(x);
        /// <inheritdoc cref="Exp(Vector512{float})"/>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Exp(float x) => Exp<float, OpsScalar>(x);

        /// <summary>
        /// max(x, 0), exact. NaN stays NaN (as torch.relu), −0 gives +0. Written as a select on x ≤ 0, not as
        /// Max: x86 maxps returns its second operand when either is NaN, and Vector.Max changed its NaN rule in .NET 9.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> ReLU(Vector512<float> x) => ReLU<Vector512<float>, Ops512>(x);
        /// <inheritdoc cref="ReLU(Vector512{float})"/>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> ReLU(Vector256<float> x) => ReLU<Vector256<float>, Ops256>(x);
        /// <inheritdoc cref="ReLU(Vector512{float})"/>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> ReLU(Vector128<float> x) => ReLU<Vector128<float>, Ops128>(x);
        /// <inheritdoc cref="ReLU(Vector512{float})"/>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float ReLU(float x) => ReLU<float, OpsScalar>(x);

        /// <summary>min(max(x, 0), 6), exact. NaN stays NaN (as torch's relu6/hardtanh), −0 gives +0.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> ReLU6(Vector512<float> x) => ReLU6<Vector512<float>, Ops512>(x);
        /// <inheritdoc cref="ReLU6(Vector512{float})"/>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> ReLU6(Vector256<float> x) => ReLU6<Vector256<float>, Ops256>(x);
        /// <inheritdoc cref="ReLU6(Vector512{float})"/>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> ReLU6(Vector128<float> x) => ReLU6<Vector128<float>, Ops128>(x);
        /// <inheritdoc cref="ReLU6(Vector512{float})"/>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float ReLU6(float x) => ReLU6<float, OpsScalar>(x);

        /// <summary>
        /// x &gt; 0 ? x : x·slope, PyTorch's formula: one rounding. NaN stays NaN; −∞ gives −∞·slope (NaN for slope 0).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> LeakyReLU(Vector512<float> x, float slope) => LeakyReLU<Vector512<float>, Ops512>(x, slope);
        /// <inheritdoc cref="LeakyReLU(Vector512{float}, float)"/>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> LeakyReLU(Vector256<float> x, float slope) => LeakyReLU<Vector256<float>, Ops256>(x, slope);
        /// <inheritdoc cref="LeakyReLU(Vector512{float}, float)"/>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> LeakyReLU(Vector128<float> x, float slope) => LeakyReLU<Vector128<float>, Ops128>(x, slope);
        /// <inheritdoc cref="LeakyReLU(Vector512{float}, float)"/>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float LeakyReLU(float x, float slope) => LeakyReLU<float, OpsScalar>(x, slope);

        /// <summary>
        /// 1/(1 + e^−x), within 2.5 ulp, computed as 1/(1 + t) for x ≥ 0 and t/(1 + t) for x &lt; 0 with t = e^−|x|, which
        /// never overflows: the same function, but the negative tail keeps its (subnormal) value where 1/(1 + e^−x)
        /// would give 0. σ(−∞) = 0, σ(+∞) = 1, NaN stays NaN.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Sigmoid(Vector512<float> x) => Sigmoid<Vector512<float>, Ops512>(x);
        /// <inheritdoc cref="Sigmoid(Vector512{float})"/>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Sigmoid(Vector256<float> x) => Sigmoid<Vector256<float>, Ops256>(x);
        /// <inheritdoc cref="Sigmoid(Vector512{float})"/>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> Sigmoid(Vector128<float> x) => Sigmoid<Vector128<float>, Ops128>(x);
        /// <inheritdoc cref="Sigmoid(Vector512{float})"/>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Sigmoid(float x) => Sigmoid<float, OpsScalar>(x);

        /// <summary>
        /// tanh x, within 1.5 ulp: Cephes tanhf's odd polynomial for |x| &lt; 0.625, else sign(x)·(1 − 2/(e^2|x| + 1)),
        /// which is exactly ±1 from |x| ≈ 9 on (e^2|x| = +∞ from 44.4 on keeps it so). tanh(±∞) = ±1, tanh(−0) = −0,
        /// NaN stays NaN.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Tanh(Vector512<float> x) => Tanh<Vector512<float>, Ops512>(x);
        /// <inheritdoc cref="Tanh(Vector512{float})"/>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Tanh(Vector256<float> x) => Tanh<Vector256<float>, Ops256>(x);
        /// <inheritdoc cref="Tanh(Vector512{float})"/>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> Tanh(Vector128<float> x) => Tanh<Vector128<float>, Ops128>(x);
        /// <inheritdoc cref="Tanh(Vector512{float})"/>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Tanh(float x) => Tanh<float, OpsScalar>(x);

        /// <summary>
        /// relu6(x + 3)/6, PyTorch's evaluation (the same two roundings, a division, not a multiplication by 1/6), so
        /// within 1.25 ulp of min(max(x/6 + 1/2, 0), 1) and bit-identical to torch's. ±∞ give 1 and 0, NaN stays NaN.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Hardsigmoid(Vector512<float> x) => Hardsigmoid<Vector512<float>, Ops512>(x);
        /// <inheritdoc cref="Hardsigmoid(Vector512{float})"/>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Hardsigmoid(Vector256<float> x) => Hardsigmoid<Vector256<float>, Ops256>(x);
        /// <inheritdoc cref="Hardsigmoid(Vector512{float})"/>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> Hardsigmoid(Vector128<float> x) => Hardsigmoid<Vector128<float>, Ops128>(x);
        /// <inheritdoc cref="Hardsigmoid(Vector512{float})"/>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Hardsigmoid(float x) => Hardsigmoid<float, OpsScalar>(x);

        /// <summary>
        /// x·relu6(x + 3)/6 evaluated as PyTorch does, (x·relu6(x + 3))/6, so bit-identical to torch's and within
        /// 2 ulp. Like torch's this is not exactly x for x ≥ 3 (x·6/6 rounds twice), is ±∞ for finite |x| &gt;
        /// float.MaxValue/6 (x·6 overflows), +∞ for +∞, NaN for −∞ (−∞·0) and for NaN; −0 for −∞ &lt; x ≤ −3.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Hardswish(Vector512<float> x) => Hardswish<Vector512<float>, Ops512>(x);
        /// <inheritdoc cref="Hardswish(Vector512{float})"/>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Hardswish(Vector256<float> x) => Hardswish<Vector256<float>, Ops256>(x);
        /// <inheritdoc cref="Hardswish(Vector512{float})"/>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> Hardswish(Vector128<float> x) => Hardswish<Vector128<float>, Ops128>(x);
        /// <inheritdoc cref="Hardswish(Vector512{float})"/>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Hardswish(float x) => Hardswish<float, OpsScalar>(x);

        /// <summary>
        /// x·σ(x): PyTorch's x/(1 + e^−x) for x ≥ 0 (the same roundings), (x·t)/(1 + t) with t = e^x for x &lt; 0, so
        /// within 3 ulp, except below x ≈ −87.3 where the subnormal t carries an absolute error up to 2^−150 into
        /// x·t (at most |x|·2^−150). SiLU(+∞) = +∞; SiLU(−∞) = NaN, as torch's −∞/(1 + ∞); NaN stays NaN.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> SiLU(Vector512<float> x) => SiLU<Vector512<float>, Ops512>(x);
        /// <inheritdoc cref="SiLU(Vector512{float})"/>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> SiLU(Vector256<float> x) => SiLU<Vector256<float>, Ops256>(x);
        /// <inheritdoc cref="SiLU(Vector512{float})"/>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> SiLU(Vector128<float> x) => SiLU<Vector128<float>, Ops128>(x);
        /// <inheritdoc cref="SiLU(Vector512{float})"/>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float SiLU(float x) => SiLU<float, OpsScalar>(x);

        /// <summary>
        /// The exact GELU, 0.5·x·(1 + erf(x/√2)) = x·Φ(x), within 4.5 ulp for every x, the negative tail included:
        /// computed as x·(1 − Q(x)) for x ≥ 0 and x·Q(−x) for x &lt; 0, where Q(z) = ½·erfc(z/√2) is the normal
        /// upper tail (see <c>NormalTail</c>), so neither 1 + erf(x/√2) cancels nor x/√2 is rounded (an error of one ulp
        /// in z/√2 would grow z²-fold in the tail). GELU(+∞) = +∞; GELU(−∞) = NaN, as torch's −∞·0.5·(1 + erf(−∞))
        /// (torch 2.x; pytorch/pytorch#185770 proposes the limit 0, which would be one select here); NaN stays NaN.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> GELU(Vector512<float> x) => Gelu<Vector512<float>, Ops512>(x);
        /// <inheritdoc cref="GELU(Vector512{float})"/>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> GELU(Vector256<float> x) => Gelu<Vector256<float>, Ops256>(x);
        /// <inheritdoc cref="GELU(Vector512{float})"/>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> GELU(Vector128<float> x) => Gelu<Vector128<float>, Ops128>(x);
        /// <inheritdoc cref="GELU(Vector512{float})"/>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float GELU(float x) => Gelu<float, OpsScalar>(x);

        /// <summary>
        /// GELU's tanh approximation (torch's approximate="tanh"), 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))), computed
        /// as x·σ(v), v = 2√(2/π)·(x + 0.044715·x³), the same function without the cancellation of 1 + tanh in the
        /// negative tail. Within 2 ulp where σ is well conditioned; for v &lt; 0 the few roundings of v (relative
        /// 2^−22) become a relative error |v|·2^−22 of the result, as from any rounding of the input x.
        /// GeluTanh(+∞) = +∞; GeluTanh(−∞) = NaN, as torch's −∞·0.5·(1 + tanh(−∞)) (see GELU); NaN stays NaN.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> GeluTanh(Vector512<float> x) => GeluTanh<Vector512<float>, Ops512>(x);
        /// <inheritdoc cref="GeluTanh(Vector512{float})"/>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> GeluTanh(Vector256<float> x) => GeluTanh<Vector256<float>, Ops256>(x);
        /// <inheritdoc cref="GeluTanh(Vector512{float})"/>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> GeluTanh(Vector128<float> x) => GeluTanh<Vector128<float>, Ops128>(x);
        /// <inheritdoc cref="GeluTanh(Vector512{float})"/>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float GeluTanh(float x) => GeluTanh<float, OpsScalar>(x);

        // ---- The functions, once for every width. Masks are all-ones/all-zero lanes, as the Vector compares give. ----

        // x86 min/max return their second operand when one is NaN, so AtLeast/AtMost pass x last (AdvSimd's propagate NaN).

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static TV ReLU<TV, W>(TV x) where TV : struct where W : struct, IVectorOps<TV> =>
            W.Select(W.LessThanOrEqual(x, W.Splat(0f)), W.Splat(0f), x);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static TV ReLU6<TV, W>(TV x) where TV : struct where W : struct, IVectorOps<TV> =>
            W.Select(W.LessThan(W.Splat(6f), x), W.Splat(6f), ReLU<TV, W>(x));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static TV LeakyReLU<TV, W>(TV x, float slope) where TV : struct where W : struct, IVectorOps<TV> =>
            W.Select(W.LessThan(W.Splat(0f), x), x, W.Multiply(x, W.Splat(slope)));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static TV Hardsigmoid<TV, W>(TV x) where TV : struct where W : struct, IVectorOps<TV> =>
            W.Divide(ReLU6<TV, W>(W.Add(x, W.Splat(3f))), W.Splat(6f));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static TV Hardswish<TV, W>(TV x) where TV : struct where W : struct, IVectorOps<TV> =>
            W.Divide(W.Multiply(x, ReLU6<TV, W>(W.Add(x, W.Splat(3f)))), W.Splat(6f));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static TV Sigmoid<TV, W>(TV x) where TV : struct where W : struct, IVectorOps<TV> =>
            TimesSigmoid<TV, W>(W.Splat(1f), x);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static TV SiLU<TV, W>(TV x) where TV : struct where W : struct, IVectorOps<TV> =>
            TimesSigmoid<TV, W>(x, x);

        /// <summary>x·(√(8/π)·(1 + 0.044715·x²)) = 2·√(2/π)·(x + 0.044715·x³), rounded as two fused steps.</summary>
        private const float GeluTanhLinear = 1.59576917f, GeluTanhCubic = 0.0713548139f;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static TV GeluTanh<TV, W>(TV x) where TV : struct where W : struct, IVectorOps<TV>
        {
            TV v = W.Multiply(x, W.MultiplyAdd(W.Splat(GeluTanhCubic), W.Multiply(x, x), W.Splat(GeluTanhLinear)));
            return TimesSigmoid<TV, W>(x, v); // 0.5·(1 + tanh(v/2)) = σ(v)
        }

        /// <summary>
        /// a·σ(x) as (a·n)/(1 + t), t = e^−|x| ∈ [0, 1] and n = 1 for x ≥ 0, n = t for x &lt; 0: no overflow, no
        /// cancellation, one division. a·n is exact for x ≥ 0, so SiLU there is PyTorch's x/(1 + e^−x).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static TV TimesSigmoid<TV, W>(TV a, TV x) where TV : struct where W : struct, IVectorOps<TV>
        {
            TV t = ExpOfNonPositive<TV, W>(W.Or(x, W.Splat(-0f))); // e^−|x|
            TV n = W.Select(W.LessThan(x, W.Splat(0f)), t, W.Splat(1f));
            return W.Divide(W.Multiply(a, n), W.Add(W.Splat(1f), t));
        }

        private const float TanhPolynomialEnd = 0.625f;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static TV Tanh<TV, W>(TV x) where TV : struct where W : struct, IVectorOps<TV>
        {
            TV a = W.Abs(x); // tanh |x|, then x's sign: tanh(−0) = −0
            TV a2 = W.Multiply(a, a);
            TV small = W.MultiplyAdd(W.Multiply(TanhPolynomial<TV, W>(a2), a2), a, a);
            TV large = W.Subtract(W.Splat(1f), W.Divide(W.Splat(2f), W.Add(ExpOfNonNegative<TV, W>(W.Add(a, a)), W.Splat(1f))));
            TV magnitude = W.Select(W.LessThan(a, W.Splat(TanhPolynomialEnd)), small, large); // in [0, 1], or NaN
            return W.Or(magnitude, W.And(x, W.Splat(-0f)));
        }

        /// <summary>(tanh x − x)/x³ as a polynomial in x² for |x| &lt; 0.625 (Cephes tanhf).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static TV TanhPolynomial<TV, W>(TV x2) where TV : struct where W : struct, IVectorOps<TV>
        {
            TV p = W.MultiplyAdd(W.Splat(-5.70498872745e-3f), x2, W.Splat(2.06390887954e-2f));
            p = W.MultiplyAdd(p, x2, W.Splat(-5.37397155531e-2f));
            p = W.MultiplyAdd(p, x2, W.Splat(1.33314422036e-1f));
            return W.MultiplyAdd(p, x2, W.Splat(-3.33332819422e-1f));
        }

        // ---- e^x ----

        private const float Log2E = 1.44269504f;
        private const float Ln2Hi = 0.693359375f, Ln2Lo = -2.12194440e-4f; // Cephes' split: n·Ln2Hi is exact for |n| < 2^15
        internal const float RoundingShift = 12582912f; // 1.5·2^23: (y + RoundingShift) − RoundingShift is y rounded to an integer
        private const float MaxExpClamp = 89f; // e^x rounds to +∞ from 88.7228394 on: so does the computation at 89 (n = 128)
        private const float MinExpArgument = -104f; // e^−104 < 2^−150 rounds to +0, as the computation does (n = −150)

        /// <summary>
        /// e^x: x clamped to [<see cref="MinExpArgument"/>, <see cref="MaxExpClamp"/>] (NaN kept), where the result is
        /// already +0 and +∞; x = n·ln2 + r, |r| ≤ ln2/2 (ln 2 in two parts), e^r by <see cref="ExpPolynomial"/>, times 2^n.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static TV Exp<TV, W>(TV x) where TV : struct where W : struct, IVectorOps<TV> =>
            ExpInRange<TV, W>(W.AtMost(W.AtLeast(x, MinExpArgument), MaxExpClamp));

        /// <summary>e^x for x ≤ 0 or NaN (one bound fewer to apply).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static TV ExpOfNonPositive<TV, W>(TV x) where TV : struct where W : struct, IVectorOps<TV> =>
            ExpInRange<TV, W>(W.AtLeast(x, MinExpArgument));

        /// <summary>e^x for x ≥ 0 or NaN.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static TV ExpOfNonNegative<TV, W>(TV x) where TV : struct where W : struct, IVectorOps<TV> =>
            ExpInRange<TV, W>(W.AtMost(x, MaxExpClamp));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static TV ExpInRange<TV, W>(TV x) where TV : struct where W : struct, IVectorOps<TV>
        {
            TV shift = W.Splat(RoundingShift);
            TV shifted = W.MultiplyAdd(x, W.Splat(Log2E), shift); // n + RoundingShift
            TV n = W.Subtract(shifted, shift);
            TV r = W.MultiplyAdd(n, W.Splat(-Ln2Hi), x);
            r = W.MultiplyAdd(n, W.Splat(-Ln2Lo), r);
            return W.ScaleByPow2(ExpPolynomial<TV, W>(r), n, shifted);
        }

        /// <summary>
        /// e^(hi + lo) for hi ≤ 0 (or NaN) and a small lo (|lo| ≤ 0.25), without rounding hi + lo: as
        /// <see cref="ExpInRange"/>, with lo added to the reduced argument r.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static TV ExpOfNonPositive<TV, W>(TV hi, TV lo) where TV : struct where W : struct, IVectorOps<TV>
        {
            hi = W.AtLeast(hi, MinExpArgument);
            TV shift = W.Splat(RoundingShift);
            TV shifted = W.MultiplyAdd(W.Add(hi, lo), W.Splat(Log2E), shift);
            TV n = W.Subtract(shifted, shift);
            TV r = W.MultiplyAdd(n, W.Splat(-Ln2Hi), hi);
            r = W.Add(W.MultiplyAdd(n, W.Splat(-Ln2Lo), r), lo);
            return W.ScaleByPow2(ExpPolynomial<TV, W>(r), n, shifted);
        }

        /// <summary>
        /// p·2^n for p ∈ [0.7, 1.42] and an integral n ∈ [−150, 128], rounded once (subnormal results rounded once, e^88.72
        /// does not overflow on the way): as 2^h·2^(n − h), h ≈ n/2, two normal powers of two whose exponent bits come
        /// from n + <see cref="RoundingShift"/> (no float-to-int conversion); one vscalefps where AVX-512 has it, which
        /// rounds the same exact product once, so every width gives the same bits.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static TV TwoStepScale<TV, W>(TV p, TV n, TV shifted) where TV : struct where W : struct, IVectorOps<TV>
        {
            TV halfShifted = W.MultiplyAdd(n, W.Splat(0.5f), W.Splat(RoundingShift)); // h + RoundingShift
            TV h = W.Subtract(halfShifted, W.Splat(RoundingShift));
            return W.Multiply(W.Multiply(p, W.Pow2OfShifted(halfShifted)), W.Pow2OfShifted(W.Subtract(shifted, h)));
        }

        /// <summary>e^r for |r| ≤ ln2/2: 1 + r + r²·P(r), P of degree 5 (Cephes expf), relative error 1e-9.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static TV ExpPolynomial<TV, W>(TV r) where TV : struct where W : struct, IVectorOps<TV>
        {
            TV p = W.MultiplyAdd(W.Splat(1.9875691500e-4f), r, W.Splat(1.3981999507e-3f));
            p = W.MultiplyAdd(p, r, W.Splat(8.3334519073e-3f));
            p = W.MultiplyAdd(p, r, W.Splat(4.1665795894e-2f));
            p = W.MultiplyAdd(p, r, W.Splat(1.6666665459e-1f));
            p = W.MultiplyAdd(p, r, W.Splat(5.0000001201e-1f));
            return W.Add(W.MultiplyAdd(p, W.Multiply(r, r), r), W.Splat(1f));
        }

        // ---- GELU: the normal distribution's upper tail ----

        private const float NormalTailEnd = 14.5f; // Q(14.5) = 6e-48 is +0 in float, as is x·Q(x) from x = 14.42 on
        private const float NormalTailMapCenter = 2.5f; // q = (z − 2.5)/(z + 2.5) maps [0, 14.5] to [−1, 0.71]
        // The denominator 1.68·(1 + √(π/2)·z): √(π/2) makes F level, F(0) = F(∞); 1.68 puts F in [0.84, 0.99], high in its binade.
        private const float NormalTailDenominator0 = 1.68f, NormalTailDenominator1 = 2.10556769f;
        private const float VeltkampSplitter = 4097f; // 2^12 + 1: c − (c − z) with c = 4097·z is z rounded to 12 significant bits

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static TV Gelu<TV, W>(TV x) where TV : struct where W : struct, IVectorOps<TV>
        {
            TV negative = W.LessThan(x, W.Splat(0f));
            TV z = W.Abs(x);
            z = W.Select(W.LessThan(W.Splat(NormalTailEnd), z), W.Splat(NormalTailEnd), z); // NaN stays NaN
            TV tail = NormalTail<TV, W>(z, W.Select(negative, x, W.Splat(1f))); // x·Q(−x) for x < 0, Q(x) else
            return W.Select(negative, tail, W.Multiply(x, W.Subtract(W.Splat(1f), tail)));
        }

        /// <summary>
        /// a·Q(z) for 0 ≤ z ≤ 14.5, Q(z) = ½·erfc(z/√2) = P(N(0,1) &gt; z), within about 3 ulp (NaN propagates):
        /// Q(z) = F(q)/(1.68·(1 + √(π/2)·z))·e^(−z²/2), q = (z − 2.5)/(z + 2.5), F ∈ [0.84, 0.99] a degree-10 polynomial
        /// (<see cref="NormalTailPolynomial"/>; the substitution of Shepherd and Laframboise gives one polynomial for
        /// the whole range). z² goes into e^(−z²/2) unrounded, as zh² + (z − zh)·(z + zh) with zh = z rounded to 12
        /// significant bits (Veltkamp's split; zh² is exact): rounding z² would cost z²·2^−24 relative, 100 ulp at z = 14.
        /// a is multiplied in before e^(−z²/2), which is subnormal from z = 13.2 on, so a subnormal is rounded once.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static TV NormalTail<TV, W>(TV z, TV a) where TV : struct where W : struct, IVectorOps<TV>
        {
            TV w = W.Divide(z, W.Add(z, W.Splat(NormalTailMapCenter))); // exact to 2^-23 relative, also near z = 0
            TV q = W.MultiplyAdd(W.Splat(2f), w, W.Splat(-1f)); // = (z − 2.5)/(z + 2.5), without rounding z − 2.5
            TV denominator = W.MultiplyAdd(W.Splat(NormalTailDenominator1), z, W.Splat(NormalTailDenominator0));
            TV ratio = W.Divide(W.Multiply(a, NormalTailPolynomial<TV, W>(q)), denominator);
            TV c = W.Multiply(z, W.Splat(VeltkampSplitter));
            TV zh = W.Subtract(c, W.Subtract(c, z)); // 12 significant bits, so zh² is exact; z − zh is exact too
            TV zl2 = W.Multiply(W.Subtract(z, zh), W.Add(z, zh)); // z² − zh², to 2^−23 relative
            TV e = ExpOfNonPositive<TV, W>(W.Multiply(W.Multiply(zh, zh), W.Splat(-0.5f)), W.Multiply(zl2, W.Splat(-0.5f)));
            return W.Multiply(ratio, e);
        }

        /// <summary>
        /// F(q) = 1.68·(1 + √(π/2)·z)·e^(z²/2)·Q(z) at z = 2.5·(1 + q)/(1 − q), q ∈ [−1, 0.71]: minimax in relative
        /// error (3.6e-9), the coefficients rounded to float from the constant up, each time refitting the rest.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static TV NormalTailPolynomial<TV, W>(TV q) where TV : struct where W : struct, IVectorOps<TV>
        {
            TV p = W.MultiplyAdd(W.Splat(-1.478091144e-04f), q, W.Splat(-4.974608892e-04f));
            p = W.MultiplyAdd(p, q, W.Splat(8.268334204e-05f));
            p = W.MultiplyAdd(p, q, W.Splat(2.825209638e-03f));
            p = W.MultiplyAdd(p, q, W.Splat(2.357696882e-03f));
            p = W.MultiplyAdd(p, q, W.Splat(-1.399518456e-02f));
            p = W.MultiplyAdd(p, q, W.Splat(-1.613937132e-02f));
            p = W.MultiplyAdd(p, q, W.Splat(1.074369028e-01f));
            p = W.MultiplyAdd(p, q, W.Splat(-1.275616437e-01f));
            p = W.MultiplyAdd(p, q, W.Splat(-9.578455240e-02f));
            return W.MultiplyAdd(p, q, W.Splat(9.813933372e-01f));
        }
    }
}
