using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ConvGen.Internal
{
    /// <summary>
    /// The per-tap operation of max-pooling kernels and the vectorised plane reductions of global pooling. The maximum is
    /// PyTorch's (<c>cpu_max_pool</c>): a value replaces the running maximum when it is greater or NaN, so NaN wins.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class PoolMath
    {
        /// <summary><paramref name="x"/> if x &gt; <paramref name="max"/> or x is NaN, else max.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Max(float max, float x) => x > max || float.IsNaN(x) ? x : max;

        /// <inheritdoc cref="Max(float, float)"/>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> Max(Vector128<float> max, Vector128<float> x) =>
            Vector128.ConditionalSelect(Vector128.GreaterThan(x, max) | ~Vector128.Equals(x, x), x, max);

        /// <inheritdoc cref="Max(float, float)"/>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Max(Vector256<float> max, Vector256<float> x) =>
            Vector256.ConditionalSelect(Vector256.GreaterThan(x, max) | ~Vector256.Equals(x, x), x, max);

        /// <inheritdoc cref="Max(float, float)"/>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Max(Vector512<float> max, Vector512<float> x) =>
            Vector512.ConditionalSelect(Vector512.GreaterThan(x, max) | ~Vector512.Equals(x, x), x, max);

        /// <summary>The sum of a plane, in four vector accumulators of the widest accelerated width (global average pooling).</summary>
        internal static float Sum(ReadOnlySpan<float> plane)
        {
            ref float x = ref MemoryMarshal.GetReference(plane);
            nint n = plane.Length, i = 0;
            float sum = 0f;
            if (Vector512.IsHardwareAccelerated && n >= 64)
            {
                Vector512<float> a0 = Vector512<float>.Zero, a1 = a0, a2 = a0, a3 = a0;
                for (; i <= n - 64; i += 64)
                {
                    a0 += Vector512.LoadUnsafe(ref x, (nuint)i);
                    a1 += Vector512.LoadUnsafe(ref x, (nuint)(i + 16));
                    a2 += Vector512.LoadUnsafe(ref x, (nuint)(i + 32));
                    a3 += Vector512.LoadUnsafe(ref x, (nuint)(i + 48));
                }

                for (; i <= n - 16; i += 16) a0 += Vector512.LoadUnsafe(ref x, (nuint)i);
                sum = Vector512.Sum((a0 + a1) + (a2 + a3));
            }
            else if (Vector256.IsHardwareAccelerated && n >= 32)
            {
                Vector256<float> a0 = Vector256<float>.Zero, a1 = a0, a2 = a0, a3 = a0;
                for (; i <= n - 32; i += 32)
                {
                    a0 += Vector256.LoadUnsafe(ref x, (nuint)i);
                    a1 += Vector256.LoadUnsafe(ref x, (nuint)(i + 8));
                    a2 += Vector256.LoadUnsafe(ref x, (nuint)(i + 16));
                    a3 += Vector256.LoadUnsafe(ref x, (nuint)(i + 24));
                }

                for (; i <= n - 8; i += 8) a0 += Vector256.LoadUnsafe(ref x, (nuint)i);
                sum = Vector256.Sum((a0 + a1) + (a2 + a3));
            }
            else if (Vector128.IsHardwareAccelerated && n >= 16)
            {
                Vector128<float> a0 = Vector128<float>.Zero, a1 = a0, a2 = a0, a3 = a0;
                for (; i <= n - 16; i += 16)
                {
                    a0 += Vector128.LoadUnsafe(ref x, (nuint)i);
                    a1 += Vector128.LoadUnsafe(ref x, (nuint)(i + 4));
                    a2 += Vector128.LoadUnsafe(ref x, (nuint)(i + 8));
                    a3 += Vector128.LoadUnsafe(ref x, (nuint)(i + 12));
                }

                for (; i <= n - 4; i += 4) a0 += Vector128.LoadUnsafe(ref x, (nuint)i);
                sum = Vector128.Sum((a0 + a1) + (a2 + a3));
            }

            for (; i < n; i++) sum += Unsafe.Add(ref x, i);
            return sum;
        }

        /// <summary>The maximum of a plane with PyTorch's NaN rule (global max pooling), vectorised like <see cref="Sum"/>.</summary>
        internal static float Maximum(ReadOnlySpan<float> plane)
        {
            ref float x = ref MemoryMarshal.GetReference(plane);
            nint n = plane.Length, i = 0;
            float max = float.NegativeInfinity;
            if (Vector256.IsHardwareAccelerated && n >= 32)
            {
                Vector256<float> a0 = Vector256.Create(float.NegativeInfinity), a1 = a0, a2 = a0, a3 = a0;
                for (; i <= n - 32; i += 32)
                {
                    a0 = Max(a0, Vector256.LoadUnsafe(ref x, (nuint)i));
                    a1 = Max(a1, Vector256.LoadUnsafe(ref x, (nuint)(i + 8)));
                    a2 = Max(a2, Vector256.LoadUnsafe(ref x, (nuint)(i + 16)));
                    a3 = Max(a3, Vector256.LoadUnsafe(ref x, (nuint)(i + 24)));
                }

                a0 = Max(Max(a0, a1), Max(a2, a3));
                for (int k = 0; k < 8; k++) max = Max(max, a0.GetElement(k));
            }
            else if (Vector128.IsHardwareAccelerated && n >= 16)
            {
                Vector128<float> a0 = Vector128.Create(float.NegativeInfinity), a1 = a0, a2 = a0, a3 = a0;
                for (; i <= n - 16; i += 16)
                {
                    a0 = Max(a0, Vector128.LoadUnsafe(ref x, (nuint)i));
                    a1 = Max(a1, Vector128.LoadUnsafe(ref x, (nuint)(i + 4)));
                    a2 = Max(a2, Vector128.LoadUnsafe(ref x, (nuint)(i + 8)));
                    a3 = Max(a3, Vector128.LoadUnsafe(ref x, (nuint)(i + 12)));
                }

                a0 = Max(Max(a0, a1), Max(a2, a3));
                for (int k = 0; k < 4; k++) max = Max(max, a0.GetElement(k));
            }

            for (; i < n; i++) max = Max(max, Unsafe.Add(ref x, i));
            return max;
        }
    }
}
