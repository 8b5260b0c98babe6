using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace ConvGen.Internal
{
    /// <summary>
    /// Copies of short rows (tens of floats), inlined: padding and copy-out move thousands of them per call, where the
    /// call into a general memmove costs as much as the copy. The last vector overlaps the one before.
    /// </summary>
    internal static class Rows
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Copy(ReadOnlySpan<float> source, Span<float> destination)
        {
            if (destination.Length < source.Length) throw new ArgumentException("Destination too short.", nameof(destination));
            Copy(ref MemoryMarshal.GetReference(source), ref MemoryMarshal.GetReference(destination), source.Length);
        }

        /// <summary><see cref="Copy(ReadOnlySpan{float}, Span{float})"/> without the length check: the caller has checked the whole block.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Copy(ref float s, ref float d, nint n)
        {
            if (Vector512.IsHardwareAccelerated && n >= 16)
            {
                for (nint i = 0; i < n - 16; i += 16) Vector512.LoadUnsafe(ref s, (nuint)i).StoreUnsafe(ref d, (nuint)i);
                Vector512.LoadUnsafe(ref s, (nuint)(n - 16)).StoreUnsafe(ref d, (nuint)(n - 16));
            }
            else if (Vector256.IsHardwareAccelerated && n >= 8)
            {
                for (nint i = 0; i < n - 8; i += 8) Vector256.LoadUnsafe(ref s, (nuint)i).StoreUnsafe(ref d, (nuint)i);
                Vector256.LoadUnsafe(ref s, (nuint)(n - 8)).StoreUnsafe(ref d, (nuint)(n - 8));
            }
            else if (Vector128.IsHardwareAccelerated && n >= 4)
            {
                for (nint i = 0; i < n - 4; i += 4) Vector128.LoadUnsafe(ref s, (nuint)i).StoreUnsafe(ref d, (nuint)i);
                Vector128.LoadUnsafe(ref s, (nuint)(n - 4)).StoreUnsafe(ref d, (nuint)(n - 4));
            }
            else
            {
                for (nint i = 0; i < n; i++) Unsafe.Add(ref d, i) = Unsafe.Add(ref s, i);
            }
        }

        /// <summary>
        /// d[2i] = a[i], d[2i + 1] = b[i] for i &lt; n: two column phases of a stride-2 output row written as one row.
        /// </summary>
        public static void Interleave(ref float a, ref float b, ref float d, nint n)
        {
            nint i = 0;
            if (Avx512F.IsSupported)
            {
                var low = Vector512.Create(0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
                var high = Vector512.Create(8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
                for (; i <= n - 16; i += 16)
                {
                    var x = Vector512.LoadUnsafe(ref a, (nuint)i);
                    var y = Vector512.LoadUnsafe(ref b, (nuint)i);
                    Avx512F.PermuteVar16x32x2(x, low, y).StoreUnsafe(ref d, (nuint)(2 * i));
                    Avx512F.PermuteVar16x32x2(x, high, y).StoreUnsafe(ref d, (nuint)(2 * i + 16));
                }
            }
            else if (Avx.IsSupported)
            {
                for (; i <= n - 8; i += 8)
                {
                    var x = Vector256.LoadUnsafe(ref a, (nuint)i);
                    var y = Vector256.LoadUnsafe(ref b, (nuint)i);
                    Vector256<float> low = Avx.UnpackLow(x, y), high = Avx.UnpackHigh(x, y); // (a0 b0 a1 b1 | a4 b4 a5 b5), (a2 b2 a3 b3 | a6 b6 a7 b7)
                    Avx.Permute2x128(low, high, 0x20).StoreUnsafe(ref d, (nuint)(2 * i));
                    Avx.Permute2x128(low, high, 0x31).StoreUnsafe(ref d, (nuint)(2 * i + 8));
                }
            }
            else if (Sse.IsSupported)
            {
                for (; i <= n - 4; i += 4)
                {
                    var x = Vector128.LoadUnsafe(ref a, (nuint)i);
                    var y = Vector128.LoadUnsafe(ref b, (nuint)i);
                    Sse.UnpackLow(x, y).StoreUnsafe(ref d, (nuint)(2 * i));
                    Sse.UnpackHigh(x, y).StoreUnsafe(ref d, (nuint)(2 * i + 4));
                }
            }
            else if (AdvSimd.Arm64.IsSupported)
            {
                for (; i <= n - 4; i += 4)
                {
                    var x = Vector128.LoadUnsafe(ref a, (nuint)i);
                    var y = Vector128.LoadUnsafe(ref b, (nuint)i);
                    AdvSimd.Arm64.ZipLow(x, y).StoreUnsafe(ref d, (nuint)(2 * i));
                    AdvSimd.Arm64.ZipHigh(x, y).StoreUnsafe(ref d, (nuint)(2 * i + 4));
                }
            }

            for (; i < n; i++)
            {
                Unsafe.Add(ref d, 2 * i) = Unsafe.Add(ref a, i);
                Unsafe.Add(ref d, 2 * i + 1) = Unsafe.Add(ref b, i);
            }
        }
    }
}
