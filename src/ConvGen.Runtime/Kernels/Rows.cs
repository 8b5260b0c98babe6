using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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

        /// <summary>d[i] += s[i] for i &lt; n, vectorised; the last vector is done by a scalar loop (no overlap: adding twice would be wrong).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Add(ref float s, ref float d, nint n)
        {
            nint i = 0;
            if (Vector512.IsHardwareAccelerated)
            {
                for (; i <= n - 16; i += 16) (Vector512.LoadUnsafe(ref d, (nuint)i) + Vector512.LoadUnsafe(ref s, (nuint)i)).StoreUnsafe(ref d, (nuint)i);
            }
            else if (Vector256.IsHardwareAccelerated)
            {
                for (; i <= n - 8; i += 8) (Vector256.LoadUnsafe(ref d, (nuint)i) + Vector256.LoadUnsafe(ref s, (nuint)i)).StoreUnsafe(ref d, (nuint)i);
            }
            else if (Vector128.IsHardwareAccelerated)
            {
                for (; i <= n - 4; i += 4) (Vector128.LoadUnsafe(ref d, (nuint)i) + Vector128.LoadUnsafe(ref s, (nuint)i)).StoreUnsafe(ref d, (nuint)i);
            }

            for (; i < n; i++) Unsafe.Add(ref d, i) += Unsafe.Add(ref s, i);
        }
    }
}
