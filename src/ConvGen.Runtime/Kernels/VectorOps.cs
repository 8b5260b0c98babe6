using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace ConvGen.Internal
{
    /// <summary>
    /// One vector width (<see cref="Ops512"/>, <see cref="Ops256"/>, <see cref="Ops128"/>, <see cref="OpsScalar"/>) for the
    /// runtime's generic math (<see cref="Activations"/>, <see cref="SoftmaxDriver"/>): a function is written once and
    /// instantiated per width, so every width runs the same operations and gives the same bits. Masks are lanes of all
    /// ones or all zeros, as the Vector compares give.
    /// </summary>
    internal interface IVectorOps<TV> where TV : struct
    {
        /// <summary>Floats in one vector.</summary>
        static abstract nint Lanes { get; }
        static abstract TV Load(ref float source, nint offset);
        static abstract void Store(TV value, ref float destination, nint offset);
        static abstract TV Splat(float value);
        static abstract TV Add(TV a, TV b);
        static abstract TV Subtract(TV a, TV b);
        static abstract TV Multiply(TV a, TV b);
        static abstract TV Divide(TV a, TV b);
        /// <summary>a·b + c, fused where the CPU has FMA.</summary>
        static abstract TV MultiplyAdd(TV a, TV b, TV c);
        static abstract TV Abs(TV a);
        static abstract TV And(TV a, TV b);
        static abstract TV Or(TV a, TV b);
        static abstract TV LessThan(TV a, TV b);
        static abstract TV LessThanOrEqual(TV a, TV b);
        /// <summary>max(x, bound); NaN stays NaN.</summary>
        static abstract TV AtLeast(TV x, float bound);
        /// <summary>min(x, bound); NaN stays NaN.</summary>
        static abstract TV AtMost(TV x, float bound);
        static abstract TV Select(TV mask, TV ifTrue, TV ifFalse);
        /// <summary>The larger of a and b, NaN if either is NaN (torch's max).</summary>
        static abstract TV MaxOrNaN(TV a, TV b);
        /// <summary>The largest lane (NaN if any is NaN), halving the vector each step.</summary>
        static abstract float ReduceMax(TV a);
        /// <summary>The sum of the lanes, halving the vector each step.</summary>
        static abstract float ReduceSum(TV a);
        /// <summary>2^m for an integral m ∈ [−126, 127], given m + <see cref="Activations.RoundingShift"/>: its low bits are m's.</summary>
        static abstract TV Pow2OfShifted(TV shifted);
        /// <summary>p·2^n, rounded once (see <see cref="Activations.TwoStepScale"/>); shifted is n + <see cref="Activations.RoundingShift"/>.</summary>
        static abstract TV ScaleByPow2(TV p, TV n, TV shifted);
        /// <summary>A Lanes × Lanes tile: destination row i = source column i (<see cref="Transpose"/>).</summary>
        static abstract void TransposeTile(ref float source, nint sourceStride, ref float destination, nint destinationStride);
    }

    internal readonly struct Ops512 : IVectorOps<Vector512<float>>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void TransposeTile(ref float source, nint sourceStride, ref float destination, nint destinationStride) =>
            Transpose.Tile16(ref source, sourceStride, ref destination, destinationStride);
        public static nint Lanes => 16;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Load(ref float source, nint offset) => Vector512.LoadUnsafe(ref source, (nuint)offset);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Store(Vector512<float> value, ref float destination, nint offset) => value.StoreUnsafe(ref destination, (nuint)offset);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Splat(float value) => Vector512.Create(value);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Add(Vector512<float> a, Vector512<float> b) => a + b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Subtract(Vector512<float> a, Vector512<float> b) => a - b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Multiply(Vector512<float> a, Vector512<float> b) => a * b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Divide(Vector512<float> a, Vector512<float> b) => a / b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> MultiplyAdd(Vector512<float> a, Vector512<float> b, Vector512<float> c) =>
            Avx512F.IsSupported ? Avx512F.FusedMultiplyAdd(a, b, c) : a * b + c;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Abs(Vector512<float> a) => Vector512.Abs(a);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> And(Vector512<float> a, Vector512<float> b) => a & b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Or(Vector512<float> a, Vector512<float> b) => a | b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> LessThan(Vector512<float> a, Vector512<float> b) => Vector512.LessThan(a, b);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> LessThanOrEqual(Vector512<float> a, Vector512<float> b) => Vector512.LessThanOrEqual(a, b);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> AtLeast(Vector512<float> x, float bound) =>
            Avx512F.IsSupported ? Avx512F.Max(Splat(bound), x) : Select(LessThan(x, Splat(bound)), Splat(bound), x);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> MaxOrNaN(Vector512<float> a, Vector512<float> b) =>
            Vector512.ConditionalSelect(Vector512.LessThan(a, b) | ~Vector512.Equals(b, b), b, a);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float ReduceMax(Vector512<float> a) => Ops256.ReduceMax(Ops256.MaxOrNaN(a.GetLower(), a.GetUpper()));
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float ReduceSum(Vector512<float> a) => Ops256.ReduceSum(a.GetLower() + a.GetUpper());
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> AtMost(Vector512<float> x, float bound) =>
            Avx512F.IsSupported ? Avx512F.Min(Splat(bound), x) : Select(LessThan(Splat(bound), x), Splat(bound), x);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Select(Vector512<float> mask, Vector512<float> ifTrue, Vector512<float> ifFalse) =>
            Vector512.ConditionalSelect(mask, ifTrue, ifFalse);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Pow2OfShifted(Vector512<float> shifted) =>
            Vector512.ShiftLeft(shifted.AsInt32() + Vector512.Create(127), 23).AsSingle();
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> ScaleByPow2(Vector512<float> p, Vector512<float> n, Vector512<float> shifted) =>
            Avx512F.IsSupported ? Avx512F.Scale(p, n) : Activations.TwoStepScale<Vector512<float>, Ops512>(p, n, shifted);
    }

    internal readonly struct Ops256 : IVectorOps<Vector256<float>>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void TransposeTile(ref float source, nint sourceStride, ref float destination, nint destinationStride) =>
            Transpose.Tile8(ref source, sourceStride, ref destination, destinationStride);
        public static nint Lanes => 8;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Load(ref float source, nint offset) => Vector256.LoadUnsafe(ref source, (nuint)offset);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Store(Vector256<float> value, ref float destination, nint offset) => value.StoreUnsafe(ref destination, (nuint)offset);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Splat(float value) => Vector256.Create(value);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Add(Vector256<float> a, Vector256<float> b) => a + b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Subtract(Vector256<float> a, Vector256<float> b) => a - b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Multiply(Vector256<float> a, Vector256<float> b) => a * b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Divide(Vector256<float> a, Vector256<float> b) => a / b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c) =>
            Fma.IsSupported ? Fma.MultiplyAdd(a, b, c) : a * b + c;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Abs(Vector256<float> a) => Vector256.Abs(a);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> And(Vector256<float> a, Vector256<float> b) => a & b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Or(Vector256<float> a, Vector256<float> b) => a | b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> LessThan(Vector256<float> a, Vector256<float> b) => Vector256.LessThan(a, b);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> LessThanOrEqual(Vector256<float> a, Vector256<float> b) => Vector256.LessThanOrEqual(a, b);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> AtLeast(Vector256<float> x, float bound) =>
            Avx.IsSupported ? Avx.Max(Splat(bound), x) : Select(LessThan(x, Splat(bound)), Splat(bound), x);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> MaxOrNaN(Vector256<float> a, Vector256<float> b) =>
            Vector256.ConditionalSelect(Vector256.LessThan(a, b) | ~Vector256.Equals(b, b), b, a);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float ReduceMax(Vector256<float> a) => Ops128.ReduceMax(Ops128.MaxOrNaN(a.GetLower(), a.GetUpper()));
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float ReduceSum(Vector256<float> a) => Ops128.ReduceSum(a.GetLower() + a.GetUpper());
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> AtMost(Vector256<float> x, float bound) =>
            Avx.IsSupported ? Avx.Min(Splat(bound), x) : Select(LessThan(Splat(bound), x), Splat(bound), x);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Select(Vector256<float> mask, Vector256<float> ifTrue, Vector256<float> ifFalse) =>
            Vector256.ConditionalSelect(mask, ifTrue, ifFalse);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Pow2OfShifted(Vector256<float> shifted) =>
            Vector256.ShiftLeft(shifted.AsInt32() + Vector256.Create(127), 23).AsSingle();
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> ScaleByPow2(Vector256<float> p, Vector256<float> n, Vector256<float> shifted) =>
            Activations.TwoStepScale<Vector256<float>, Ops256>(p, n, shifted);
    }

    internal readonly struct Ops128 : IVectorOps<Vector128<float>>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void TransposeTile(ref float source, nint sourceStride, ref float destination, nint destinationStride) =>
            Transpose.Tile4(ref source, sourceStride, ref destination, destinationStride);
        public static nint Lanes => 4;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> Load(ref float source, nint offset) => Vector128.LoadUnsafe(ref source, (nuint)offset);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Store(Vector128<float> value, ref float destination, nint offset) => value.StoreUnsafe(ref destination, (nuint)offset);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> Splat(float value) => Vector128.Create(value);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> Add(Vector128<float> a, Vector128<float> b) => a + b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> Subtract(Vector128<float> a, Vector128<float> b) => a - b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> Multiply(Vector128<float> a, Vector128<float> b) => a * b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> Divide(Vector128<float> a, Vector128<float> b) => a / b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> MultiplyAdd(Vector128<float> a, Vector128<float> b, Vector128<float> c) =>
            Fma.IsSupported ? Fma.MultiplyAdd(a, b, c)
            : AdvSimd.IsSupported ? AdvSimd.FusedMultiplyAdd(c, a, b)
            : a * b + c;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> Abs(Vector128<float> a) => Vector128.Abs(a);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> And(Vector128<float> a, Vector128<float> b) => a & b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> Or(Vector128<float> a, Vector128<float> b) => a | b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> LessThan(Vector128<float> a, Vector128<float> b) => Vector128.LessThan(a, b);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> LessThanOrEqual(Vector128<float> a, Vector128<float> b) => Vector128.LessThanOrEqual(a, b);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> AtLeast(Vector128<float> x, float bound) =>
            Sse.IsSupported ? Sse.Max(Splat(bound), x)
            : AdvSimd.IsSupported ? AdvSimd.Max(Splat(bound), x)
            : Select(LessThan(x, Splat(bound)), Splat(bound), x);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> MaxOrNaN(Vector128<float> a, Vector128<float> b) =>
            Vector128.ConditionalSelect(Vector128.LessThan(a, b) | ~Vector128.Equals(b, b), b, a);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float ReduceMax(Vector128<float> a) =>
            OpsScalar.MaxOrNaN(OpsScalar.MaxOrNaN(a.GetElement(0), a.GetElement(1)), OpsScalar.MaxOrNaN(a.GetElement(2), a.GetElement(3)));
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float ReduceSum(Vector128<float> a) => (a.GetElement(0) + a.GetElement(1)) + (a.GetElement(2) + a.GetElement(3));
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> AtMost(Vector128<float> x, float bound) =>
            Sse.IsSupported ? Sse.Min(Splat(bound), x)
            : AdvSimd.IsSupported ? AdvSimd.Min(Splat(bound), x)
            : Select(LessThan(Splat(bound), x), Splat(bound), x);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> Select(Vector128<float> mask, Vector128<float> ifTrue, Vector128<float> ifFalse) =>
            Vector128.ConditionalSelect(mask, ifTrue, ifFalse);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> Pow2OfShifted(Vector128<float> shifted) =>
            Vector128.ShiftLeft(shifted.AsInt32() + Vector128.Create(127), 23).AsSingle();
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> ScaleByPow2(Vector128<float> p, Vector128<float> n, Vector128<float> shifted) =>
            Activations.TwoStepScale<Vector128<float>, Ops128>(p, n, shifted);
    }

    /// <summary>One lane; a mask is the float whose bits are all ones (a NaN) or all zeros.</summary>
    internal readonly struct OpsScalar : IVectorOps<float>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void TransposeTile(ref float source, nint sourceStride, ref float destination, nint destinationStride) =>
            destination = source;
        public static nint Lanes => 1;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Load(ref float source, nint offset) => Unsafe.Add(ref source, offset);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Store(float value, ref float destination, nint offset) => Unsafe.Add(ref destination, offset) = value;
        private static float Mask(bool value) => BitConverter.Int32BitsToSingle(value ? -1 : 0);
        private static int Bits(float value) => BitConverter.SingleToInt32Bits(value);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Splat(float value) => value;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Add(float a, float b) => a + b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Subtract(float a, float b) => a - b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Multiply(float a, float b) => a * b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Divide(float a, float b) => a / b;
        // The vector widths fuse on the same CPUs, so a scalar tail column gets the value a vector lane would.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float MultiplyAdd(float a, float b, float c) =>
            Fma.IsSupported || AdvSimd.IsSupported ? MathF.FusedMultiplyAdd(a, b, c) : a * b + c;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Abs(float a) => MathF.Abs(a);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float And(float a, float b) => BitConverter.Int32BitsToSingle(Bits(a) & Bits(b));
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Or(float a, float b) => BitConverter.Int32BitsToSingle(Bits(a) | Bits(b));
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float LessThan(float a, float b) => Mask(a < b);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float LessThanOrEqual(float a, float b) => Mask(a <= b);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float AtLeast(float x, float bound) => x < bound ? bound : x; // NaN compares false: stays
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float AtMost(float x, float bound) => bound < x ? bound : x;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Select(float mask, float ifTrue, float ifFalse) => Bits(mask) != 0 ? ifTrue : ifFalse;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float MaxOrNaN(float a, float b) => a < b || float.IsNaN(b) ? b : a;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float ReduceMax(float a) => a;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float ReduceSum(float a) => a;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Pow2OfShifted(float shifted) => BitConverter.Int32BitsToSingle((Bits(shifted) + 127) << 23);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float ScaleByPow2(float p, float n, float shifted) => Activations.TwoStepScale<float, OpsScalar>(p, n, shifted);
    }
}
