using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace ConvGen.Internal
{
    /// <summary>
    /// acc + x·w for generated kernels: one fused instruction where the CPU has it (AVX-512F, FMA3, Arm AdvSimd),
    /// a multiply and an add elsewhere. The <c>IsSupported</c> checks are JIT-time constants, so each call is one instruction.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class Simd
    {
        /// <summary>acc + x·w.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> MultiplyAdd(Vector512<float> x, Vector512<float> w, Vector512<float> acc) =>
            Avx512F.IsSupported ? Avx512F.FusedMultiplyAdd(x, w, acc) : x * w + acc;

        /// <summary>acc + x·w.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> MultiplyAdd(Vector256<float> x, Vector256<float> w, Vector256<float> acc) =>
            Fma.IsSupported ? Fma.MultiplyAdd(x, w, acc) : x * w + acc;

        /// <summary>acc + x·w.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> MultiplyAdd(Vector128<float> x, Vector128<float> w, Vector128<float> acc) =>
            Fma.IsSupported ? Fma.MultiplyAdd(x, w, acc)
            : AdvSimd.IsSupported ? AdvSimd.FusedMultiplyAdd(acc, x, w)
            : x * w + acc;
    }
}
