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

        /// <summary>
        /// Lanes 0, 2, 4, … of <paramref name="a"/>, then lanes 1, 3, 5, … of <paramref name="b"/>: every other column of a
        /// row from a = x[c ..] and b = x[c + 15 ..], i.e. x[c], x[c + 2], …, x[c + 30] with no read past x[c + 30].
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> EvensThenOdds(Vector512<float> a, Vector512<float> b) =>
            Avx512F.IsSupported
                ? Avx512F.PermuteVar16x32x2(a, Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 17, 19, 21, 23, 25, 27, 29, 31), b)
                : Vector512.Shuffle(a, Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 16, 16, 16, 16, 16, 16, 16, 16))
                  | Vector512.Shuffle(b, Vector512.Create(16, 16, 16, 16, 16, 16, 16, 16, 1, 3, 5, 7, 9, 11, 13, 15));

        /// <inheritdoc cref="EvensThenOdds(Vector512{float}, Vector512{float})"/>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> EvensThenOdds(Vector256<float> a, Vector256<float> b) =>
            // Per 128-bit lane [a0 a2 b1 b3 | a4 a6 b5 b7], then the 64-bit pairs reordered to [a0 a2 a4 a6 b1 b3 b5 b7].
            Avx2.IsSupported
                ? Avx2.Permute4x64(Avx.Shuffle(a, b, 0b11_01_10_00).AsDouble(), 0b11_01_10_00).AsSingle()
                : Vector256.Shuffle(a, Vector256.Create(0, 2, 4, 6, 8, 8, 8, 8)) | Vector256.Shuffle(b, Vector256.Create(8, 8, 8, 8, 1, 3, 5, 7));

        /// <inheritdoc cref="EvensThenOdds(Vector512{float}, Vector512{float})"/>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> EvensThenOdds(Vector128<float> a, Vector128<float> b) =>
            Sse.IsSupported
                ? Sse.Shuffle(a, b, 0b11_01_10_00)
                : Vector128.Shuffle(a, Vector128.Create(0, 2, 4, 4)) | Vector128.Shuffle(b, Vector128.Create(4, 4, 1, 3));
    }
}
