using System;

namespace ConvGen
{
    /// <summary>
    /// The element type of a tensor in a safetensors file, spelled as the file spells it (<c>"dtype": "F32"</c>), in the
    /// order of the reference implementation's <c>Dtype</c> (huggingface/safetensors, <c>safetensors/src/tensor.rs</c>).
    /// <see cref="SafeTensors.ReadFloats"/> reads <see cref="F32"/>, <see cref="F16"/>, <see cref="BF16"/> and
    /// <see cref="F64"/>; the others are accepted in a file (so a file holding them opens) and can be read as raw bytes.
    /// </summary>
    public enum SafeTensorDType
    {
        /// <summary>Boolean, one byte.</summary>
        BOOL,
        /// <summary>MX FP4 (E2M1), half a byte.</summary>
        F4,
        /// <summary>MX FP6 E2M3, six bits.</summary>
        F6_E2M3,
        /// <summary>MX FP6 E3M2, six bits.</summary>
        F6_E3M2,
        /// <summary>Unsigned 8-bit integer.</summary>
        U8,
        /// <summary>Signed 8-bit integer.</summary>
        I8,
        /// <summary>FP8 E5M2.</summary>
        F8_E5M2,
        /// <summary>FP8 E4M3.</summary>
        F8_E4M3,
        /// <summary>FP8 E8M0 (MX scale).</summary>
        F8_E8M0,
        /// <summary>FP8 E4M3, finite, no negative zero.</summary>
        F8_E4M3FNUZ,
        /// <summary>FP8 E5M2, finite, no negative zero.</summary>
        F8_E5M2FNUZ,
        /// <summary>Signed 16-bit integer.</summary>
        I16,
        /// <summary>Unsigned 16-bit integer.</summary>
        U16,
        /// <summary>IEEE 754 half precision (<c>torch.float16</c>).</summary>
        F16,
        /// <summary>bfloat16 (<c>torch.bfloat16</c>): the upper 16 bits of a float.</summary>
        BF16,
        /// <summary>Signed 32-bit integer.</summary>
        I32,
        /// <summary>Unsigned 32-bit integer.</summary>
        U32,
        /// <summary>IEEE 754 single precision (<c>torch.float32</c>).</summary>
        F32,
        /// <summary>Complex number of two F32 parts.</summary>
        C64,
        /// <summary>IEEE 754 double precision (<c>torch.float64</c>).</summary>
        F64,
        /// <summary>Signed 64-bit integer (<c>torch.int64</c>, e.g. BatchNorm's <c>num_batches_tracked</c>).</summary>
        I64,
        /// <summary>Unsigned 64-bit integer.</summary>
        U64,
    }
}

namespace ConvGen.Internal
{
    /// <summary>
    /// What the reader knows about each <see cref="SafeTensorDType"/>: its spelling in a file (the enum member's name) and
    /// its size in bits (the reference's <c>Dtype::bitsize</c>).
    /// </summary>
    internal static class SafeTensorDTypes
    {
        private static readonly string[] s_names = Enum.GetNames<SafeTensorDType>();

        /// <summary>The bits of one element of <paramref name="type"/>.</summary>
        public static int BitSize(SafeTensorDType type) => type switch
        {
            SafeTensorDType.F4 => 4,
            SafeTensorDType.F6_E2M3 or SafeTensorDType.F6_E3M2 => 6,
            SafeTensorDType.BOOL or SafeTensorDType.U8 or SafeTensorDType.I8 or SafeTensorDType.F8_E5M2 or SafeTensorDType.F8_E4M3
                or SafeTensorDType.F8_E8M0 or SafeTensorDType.F8_E4M3FNUZ or SafeTensorDType.F8_E5M2FNUZ => 8,
            SafeTensorDType.I16 or SafeTensorDType.U16 or SafeTensorDType.F16 or SafeTensorDType.BF16 => 16,
            SafeTensorDType.I32 or SafeTensorDType.U32 or SafeTensorDType.F32 => 32,
            SafeTensorDType.C64 or SafeTensorDType.F64 or SafeTensorDType.I64 or SafeTensorDType.U64 => 64,
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a safetensors dtype"),
        };

        /// <summary>The dtype spelled exactly <paramref name="text"/> (ordinal, case-sensitive, as serde reads it), if any.</summary>
        public static bool TryParse(string text, out SafeTensorDType type)
        {
            int index = Array.IndexOf(s_names, text);
            type = (SafeTensorDType)Math.Max(index, 0);
            return index >= 0;
        }

        /// <summary>The dtypes a file may hold, for an error message: <c>BOOL, F4, …, U64</c>.</summary>
        public static string List => string.Join(", ", s_names);
    }
}
