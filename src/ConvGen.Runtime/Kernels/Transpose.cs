using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ConvGen.Internal
{
    /// <summary>
    /// Square tile transposes in registers, one vector width each: row i of the destination is column i of the source.
    /// Rows are <c>sourceStride</c> / <c>destinationStride</c> floats apart. What turns (channel, pixel) planes into
    /// (pixel, channel) vectors and back for <see cref="DepthwiseChannelBlocks"/>, one instruction per element or less
    /// instead of a strided scalar copy.
    /// </summary>
    internal static class Transpose
    {
        /// <summary>
        /// 16×16 with AVX-512: four stages of two-source permutes; stage k exchanges the k-lane blocks of rows i and i + k
        /// (the block transpose [[A B] [C D]] → [[A C] [B D]], then each block the same way).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Tile16(ref float source, nint sourceStride, ref float destination, nint destinationStride)
        {
            if (!Avx512F.IsSupported)
            {
                Scalar(ref source, sourceStride, ref destination, destinationStride, 16);
                return;
            }

            Vector512<float> r0 = Vector512.LoadUnsafe(ref source, (nuint)(0 * sourceStride));
            Vector512<float> r1 = Vector512.LoadUnsafe(ref source, (nuint)(1 * sourceStride));
            Vector512<float> r2 = Vector512.LoadUnsafe(ref source, (nuint)(2 * sourceStride));
            Vector512<float> r3 = Vector512.LoadUnsafe(ref source, (nuint)(3 * sourceStride));
            Vector512<float> r4 = Vector512.LoadUnsafe(ref source, (nuint)(4 * sourceStride));
            Vector512<float> r5 = Vector512.LoadUnsafe(ref source, (nuint)(5 * sourceStride));
            Vector512<float> r6 = Vector512.LoadUnsafe(ref source, (nuint)(6 * sourceStride));
            Vector512<float> r7 = Vector512.LoadUnsafe(ref source, (nuint)(7 * sourceStride));
            Vector512<float> r8 = Vector512.LoadUnsafe(ref source, (nuint)(8 * sourceStride));
            Vector512<float> r9 = Vector512.LoadUnsafe(ref source, (nuint)(9 * sourceStride));
            Vector512<float> r10 = Vector512.LoadUnsafe(ref source, (nuint)(10 * sourceStride));
            Vector512<float> r11 = Vector512.LoadUnsafe(ref source, (nuint)(11 * sourceStride));
            Vector512<float> r12 = Vector512.LoadUnsafe(ref source, (nuint)(12 * sourceStride));
            Vector512<float> r13 = Vector512.LoadUnsafe(ref source, (nuint)(13 * sourceStride));
            Vector512<float> r14 = Vector512.LoadUnsafe(ref source, (nuint)(14 * sourceStride));
            Vector512<float> r15 = Vector512.LoadUnsafe(ref source, (nuint)(15 * sourceStride));
            // Stage 8: rows i and i + 8 swap their 8-lane blocks.
            Vector512<int> low8 = Vector512.Create(0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23);
            Vector512<int> high8 = Vector512.Create(8, 9, 10, 11, 12, 13, 14, 15, 24, 25, 26, 27, 28, 29, 30, 31);
            (r0, r8) = (Avx512F.PermuteVar16x32x2(r0, low8, r8), Avx512F.PermuteVar16x32x2(r0, high8, r8));
            (r1, r9) = (Avx512F.PermuteVar16x32x2(r1, low8, r9), Avx512F.PermuteVar16x32x2(r1, high8, r9));
            (r2, r10) = (Avx512F.PermuteVar16x32x2(r2, low8, r10), Avx512F.PermuteVar16x32x2(r2, high8, r10));
            (r3, r11) = (Avx512F.PermuteVar16x32x2(r3, low8, r11), Avx512F.PermuteVar16x32x2(r3, high8, r11));
            (r4, r12) = (Avx512F.PermuteVar16x32x2(r4, low8, r12), Avx512F.PermuteVar16x32x2(r4, high8, r12));
            (r5, r13) = (Avx512F.PermuteVar16x32x2(r5, low8, r13), Avx512F.PermuteVar16x32x2(r5, high8, r13));
            (r6, r14) = (Avx512F.PermuteVar16x32x2(r6, low8, r14), Avx512F.PermuteVar16x32x2(r6, high8, r14));
            (r7, r15) = (Avx512F.PermuteVar16x32x2(r7, low8, r15), Avx512F.PermuteVar16x32x2(r7, high8, r15));
            // Stage 4: rows i and i + 4 swap their 4-lane blocks.
            Vector512<int> low4 = Vector512.Create(0, 1, 2, 3, 16, 17, 18, 19, 8, 9, 10, 11, 24, 25, 26, 27);
            Vector512<int> high4 = Vector512.Create(4, 5, 6, 7, 20, 21, 22, 23, 12, 13, 14, 15, 28, 29, 30, 31);
            (r0, r4) = (Avx512F.PermuteVar16x32x2(r0, low4, r4), Avx512F.PermuteVar16x32x2(r0, high4, r4));
            (r1, r5) = (Avx512F.PermuteVar16x32x2(r1, low4, r5), Avx512F.PermuteVar16x32x2(r1, high4, r5));
            (r2, r6) = (Avx512F.PermuteVar16x32x2(r2, low4, r6), Avx512F.PermuteVar16x32x2(r2, high4, r6));
            (r3, r7) = (Avx512F.PermuteVar16x32x2(r3, low4, r7), Avx512F.PermuteVar16x32x2(r3, high4, r7));
            (r8, r12) = (Avx512F.PermuteVar16x32x2(r8, low4, r12), Avx512F.PermuteVar16x32x2(r8, high4, r12));
            (r9, r13) = (Avx512F.PermuteVar16x32x2(r9, low4, r13), Avx512F.PermuteVar16x32x2(r9, high4, r13));
            (r10, r14) = (Avx512F.PermuteVar16x32x2(r10, low4, r14), Avx512F.PermuteVar16x32x2(r10, high4, r14));
            (r11, r15) = (Avx512F.PermuteVar16x32x2(r11, low4, r15), Avx512F.PermuteVar16x32x2(r11, high4, r15));
            // Stage 2: rows i and i + 2 swap their 2-lane blocks.
            Vector512<int> low2 = Vector512.Create(0, 1, 16, 17, 4, 5, 20, 21, 8, 9, 24, 25, 12, 13, 28, 29);
            Vector512<int> high2 = Vector512.Create(2, 3, 18, 19, 6, 7, 22, 23, 10, 11, 26, 27, 14, 15, 30, 31);
            (r0, r2) = (Avx512F.PermuteVar16x32x2(r0, low2, r2), Avx512F.PermuteVar16x32x2(r0, high2, r2));
            (r1, r3) = (Avx512F.PermuteVar16x32x2(r1, low2, r3), Avx512F.PermuteVar16x32x2(r1, high2, r3));
            (r4, r6) = (Avx512F.PermuteVar16x32x2(r4, low2, r6), Avx512F.PermuteVar16x32x2(r4, high2, r6));
            (r5, r7) = (Avx512F.PermuteVar16x32x2(r5, low2, r7), Avx512F.PermuteVar16x32x2(r5, high2, r7));
            (r8, r10) = (Avx512F.PermuteVar16x32x2(r8, low2, r10), Avx512F.PermuteVar16x32x2(r8, high2, r10));
            (r9, r11) = (Avx512F.PermuteVar16x32x2(r9, low2, r11), Avx512F.PermuteVar16x32x2(r9, high2, r11));
            (r12, r14) = (Avx512F.PermuteVar16x32x2(r12, low2, r14), Avx512F.PermuteVar16x32x2(r12, high2, r14));
            (r13, r15) = (Avx512F.PermuteVar16x32x2(r13, low2, r15), Avx512F.PermuteVar16x32x2(r13, high2, r15));
            // Stage 1: rows i and i + 1 swap their 1-lane blocks.
            Vector512<int> low1 = Vector512.Create(0, 16, 2, 18, 4, 20, 6, 22, 8, 24, 10, 26, 12, 28, 14, 30);
            Vector512<int> high1 = Vector512.Create(1, 17, 3, 19, 5, 21, 7, 23, 9, 25, 11, 27, 13, 29, 15, 31);
            (r0, r1) = (Avx512F.PermuteVar16x32x2(r0, low1, r1), Avx512F.PermuteVar16x32x2(r0, high1, r1));
            (r2, r3) = (Avx512F.PermuteVar16x32x2(r2, low1, r3), Avx512F.PermuteVar16x32x2(r2, high1, r3));
            (r4, r5) = (Avx512F.PermuteVar16x32x2(r4, low1, r5), Avx512F.PermuteVar16x32x2(r4, high1, r5));
            (r6, r7) = (Avx512F.PermuteVar16x32x2(r6, low1, r7), Avx512F.PermuteVar16x32x2(r6, high1, r7));
            (r8, r9) = (Avx512F.PermuteVar16x32x2(r8, low1, r9), Avx512F.PermuteVar16x32x2(r8, high1, r9));
            (r10, r11) = (Avx512F.PermuteVar16x32x2(r10, low1, r11), Avx512F.PermuteVar16x32x2(r10, high1, r11));
            (r12, r13) = (Avx512F.PermuteVar16x32x2(r12, low1, r13), Avx512F.PermuteVar16x32x2(r12, high1, r13));
            (r14, r15) = (Avx512F.PermuteVar16x32x2(r14, low1, r15), Avx512F.PermuteVar16x32x2(r14, high1, r15));
            r0.StoreUnsafe(ref destination, (nuint)(0 * destinationStride));
            r1.StoreUnsafe(ref destination, (nuint)(1 * destinationStride));
            r2.StoreUnsafe(ref destination, (nuint)(2 * destinationStride));
            r3.StoreUnsafe(ref destination, (nuint)(3 * destinationStride));
            r4.StoreUnsafe(ref destination, (nuint)(4 * destinationStride));
            r5.StoreUnsafe(ref destination, (nuint)(5 * destinationStride));
            r6.StoreUnsafe(ref destination, (nuint)(6 * destinationStride));
            r7.StoreUnsafe(ref destination, (nuint)(7 * destinationStride));
            r8.StoreUnsafe(ref destination, (nuint)(8 * destinationStride));
            r9.StoreUnsafe(ref destination, (nuint)(9 * destinationStride));
            r10.StoreUnsafe(ref destination, (nuint)(10 * destinationStride));
            r11.StoreUnsafe(ref destination, (nuint)(11 * destinationStride));
            r12.StoreUnsafe(ref destination, (nuint)(12 * destinationStride));
            r13.StoreUnsafe(ref destination, (nuint)(13 * destinationStride));
            r14.StoreUnsafe(ref destination, (nuint)(14 * destinationStride));
            r15.StoreUnsafe(ref destination, (nuint)(15 * destinationStride));
        }

        /// <summary>8×8 with AVX: unpack pairs of rows, shuffle pairs of pairs, then swap 128-bit halves.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Tile8(ref float source, nint sourceStride, ref float destination, nint destinationStride)
        {
            if (!Avx.IsSupported)
            {
                Scalar(ref source, sourceStride, ref destination, destinationStride, 8);
                return;
            }

            Vector256<float> r0 = Vector256.LoadUnsafe(ref source, (nuint)(0 * sourceStride));
            Vector256<float> r1 = Vector256.LoadUnsafe(ref source, (nuint)(1 * sourceStride));
            Vector256<float> r2 = Vector256.LoadUnsafe(ref source, (nuint)(2 * sourceStride));
            Vector256<float> r3 = Vector256.LoadUnsafe(ref source, (nuint)(3 * sourceStride));
            Vector256<float> r4 = Vector256.LoadUnsafe(ref source, (nuint)(4 * sourceStride));
            Vector256<float> r5 = Vector256.LoadUnsafe(ref source, (nuint)(5 * sourceStride));
            Vector256<float> r6 = Vector256.LoadUnsafe(ref source, (nuint)(6 * sourceStride));
            Vector256<float> r7 = Vector256.LoadUnsafe(ref source, (nuint)(7 * sourceStride));
            Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1), t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
            Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5), t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);
            Vector256<float> u0 = Avx.Shuffle(t0, t2, 0x44), u1 = Avx.Shuffle(t0, t2, 0xEE), u2 = Avx.Shuffle(t1, t3, 0x44), u3 = Avx.Shuffle(t1, t3, 0xEE);
            Vector256<float> u4 = Avx.Shuffle(t4, t6, 0x44), u5 = Avx.Shuffle(t4, t6, 0xEE), u6 = Avx.Shuffle(t5, t7, 0x44), u7 = Avx.Shuffle(t5, t7, 0xEE);
            Avx.Permute2x128(u0, u4, 0x20).StoreUnsafe(ref destination, (nuint)(0 * destinationStride));
            Avx.Permute2x128(u1, u5, 0x20).StoreUnsafe(ref destination, (nuint)(1 * destinationStride));
            Avx.Permute2x128(u2, u6, 0x20).StoreUnsafe(ref destination, (nuint)(2 * destinationStride));
            Avx.Permute2x128(u3, u7, 0x20).StoreUnsafe(ref destination, (nuint)(3 * destinationStride));
            Avx.Permute2x128(u0, u4, 0x31).StoreUnsafe(ref destination, (nuint)(4 * destinationStride));
            Avx.Permute2x128(u1, u5, 0x31).StoreUnsafe(ref destination, (nuint)(5 * destinationStride));
            Avx.Permute2x128(u2, u6, 0x31).StoreUnsafe(ref destination, (nuint)(6 * destinationStride));
            Avx.Permute2x128(u3, u7, 0x31).StoreUnsafe(ref destination, (nuint)(7 * destinationStride));
        }

        /// <summary>4×4 with SSE (the _MM_TRANSPOSE4_PS sequence).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Tile4(ref float source, nint sourceStride, ref float destination, nint destinationStride)
        {
            if (!Sse.IsSupported)
            {
                Scalar(ref source, sourceStride, ref destination, destinationStride, 4);
                return;
            }

            Vector128<float> r0 = Vector128.LoadUnsafe(ref source, (nuint)(0 * sourceStride));
            Vector128<float> r1 = Vector128.LoadUnsafe(ref source, (nuint)(1 * sourceStride));
            Vector128<float> r2 = Vector128.LoadUnsafe(ref source, (nuint)(2 * sourceStride));
            Vector128<float> r3 = Vector128.LoadUnsafe(ref source, (nuint)(3 * sourceStride));
            Vector128<float> t0 = Sse.UnpackLow(r0, r1), t1 = Sse.UnpackLow(r2, r3), t2 = Sse.UnpackHigh(r0, r1), t3 = Sse.UnpackHigh(r2, r3);
            Sse.MoveLowToHigh(t0, t1).StoreUnsafe(ref destination, (nuint)(0 * destinationStride));
            Sse.MoveHighToLow(t1, t0).StoreUnsafe(ref destination, (nuint)(1 * destinationStride));
            Sse.MoveLowToHigh(t2, t3).StoreUnsafe(ref destination, (nuint)(2 * destinationStride));
            Sse.MoveHighToLow(t3, t2).StoreUnsafe(ref destination, (nuint)(3 * destinationStride));
        }

        /// <summary>Any size, one element at a time (a CPU without the instructions above).</summary>
        public static void Scalar(ref float source, nint sourceStride, ref float destination, nint destinationStride, int size)
        {
            for (int i = 0; i < size; i++)
            {
                for (int j = 0; j < size; j++)
                    Unsafe.Add(ref destination, i * destinationStride + j) = Unsafe.Add(ref source, j * sourceStride + i);
            }
        }
    }
}
