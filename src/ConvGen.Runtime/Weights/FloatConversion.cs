using System;
using System.Buffers.Binary;

namespace ConvGen.Internal
{
    /// <summary>
    /// Little-endian F16, BF16 and F64 elements to float, exactly as PyTorch's <c>tensor.float()</c> converts them:
    /// half and bfloat16 widen exactly (every value, subnormals, infinities and NaN payloads included; a half NaN comes out
    /// quiet, as c10's <c>fp16_ieee_to_fp32_value</c> and F16C's <c>vcvtph2ps</c> give it, a bfloat16 is the upper 16 bits
    /// of its float unchanged), double rounds to nearest even (C++'s <c>static_cast&lt;float&gt;</c>).
    /// </summary>
    internal static class FloatConversion
    {
        /// <summary>Converts <paramref name="source"/> (whole elements of <paramref name="dtype"/>) into <paramref name="destination"/>.</summary>
        public static void Convert(SafeTensorDType dtype, ReadOnlySpan<byte> source, Span<float> destination)
        {
            switch (dtype)
            {
                case SafeTensorDType.F32:
                    for (int i = 0; i < destination.Length; i++) destination[i] = BinaryPrimitives.ReadSingleLittleEndian(source.Slice(4 * i));
                    break;
                case SafeTensorDType.F16:
                    for (int i = 0; i < destination.Length; i++) destination[i] = HalfToSingle(BinaryPrimitives.ReadUInt16LittleEndian(source.Slice(2 * i)));
                    break;
                case SafeTensorDType.BF16:
                    for (int i = 0; i < destination.Length; i++) destination[i] = BFloat16ToSingle(BinaryPrimitives.ReadUInt16LittleEndian(source.Slice(2 * i)));
                    break;
                case SafeTensorDType.F64:
                    for (int i = 0; i < destination.Length; i++) destination[i] = (float)BinaryPrimitives.ReadDoubleLittleEndian(source.Slice(8 * i));
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "not a floating-point dtype");
            }
        }

        /// <summary>IEEE half (bits) to float, exact.</summary>
        public static float HalfToSingle(ushort half)
        {
            uint sign = (uint)(half & 0x8000) << 16;
            uint exponent = (uint)(half >> 10) & 0x1F;
            uint mantissa = half & 0x3FFu;
            if (exponent == 0x1F)
            {
                // Infinity, or NaN with its payload moved up and the quiet bit set.
                uint quiet = mantissa != 0 ? 0x0040_0000u : 0;
                return BitConverter.UInt32BitsToSingle(sign | 0x7F80_0000u | quiet | (mantissa << 13));
            }

            if (exponent != 0)
            {
                return BitConverter.UInt32BitsToSingle(sign | ((exponent + (127 - 15)) << 23) | (mantissa << 13));
            }

            // Zero or subnormal: mantissa · 2^-24, exact in float (a normal float for every mantissa > 0).
            float magnitude = mantissa * (1f / 16_777_216f);
            return sign != 0 ? -magnitude : magnitude;
        }

        /// <summary>bfloat16 (bits) to float: the upper half of the float's bits.</summary>
        public static float BFloat16ToSingle(ushort bfloat16) => BitConverter.UInt32BitsToSingle((uint)bfloat16 << 16);
    }
}
