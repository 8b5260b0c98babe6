using System.Collections.Generic;
using ConvGen.Generator.Common;

namespace ConvGen.Generator.Kernels
{
    /// <summary>How one instruction set spells the operations kernels use.</summary>
    internal sealed class IsaSyntax
    {
        private readonly string? _vector; // null: scalar float
        private readonly string _fused;    // the multiply-add call: an intrinsic, or the runtime's fallback helper
        private readonly string _condition;

        private IsaSyntax(string? vector, string fused, string condition)
        {
            _vector = vector;
            _fused = fused;
            _condition = condition;
        }

        /// <summary>
        /// Vector512 is accelerated only with AVX-512F, so its kernel calls the FMA intrinsic directly; the Vector256
        /// kernel is taken only with FMA3 as well. Calling intrinsics (not a helper that the JIT inlines) keeps the
        /// accumulators in registers even in large unrolled windows. The 128-bit kernel serves x64 and Arm alike, so it
        /// goes through <c>Simd.MultiplyAdd</c>.
        /// </summary>
        public static IsaSyntax For(Isa isa) => isa switch
        {
            Isa.Vector512 => new IsaSyntax("Vector512", "Avx512F.FusedMultiplyAdd",
                "global::System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated"),
            Isa.Vector256 => new IsaSyntax("Vector256", "Fma.MultiplyAdd",
                "global::System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated && global::System.Runtime.Intrinsics.X86.Fma.IsSupported"),
            Isa.Vector128 => new IsaSyntax("Vector128", "Simd.MultiplyAdd",
                "global::System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated"),
            _ => new IsaSyntax(null, "", "true"),
        };

        public string Type => _vector is null ? "float" : $"{_vector}<float>";

        public string Zero => _vector is null ? "0f" : $"{_vector}<float>.Zero";

        /// <summary>Condition under which Forward takes this kernel (JIT-time constant).</summary>
        public string Accelerated => _condition;

        public string Load(string reference, Linear offset) =>
            _vector is null ? (offset.IsConstant && offset.Constant == 0 ? reference : $"Unsafe.Add(ref {reference}, {offset})")
            : offset.IsConstant && offset.Constant == 0 ? $"{_vector}.LoadUnsafe(ref {reference})"
            : $"{_vector}.LoadUnsafe(ref {reference}, (nuint){offset.AsOperand()})";

        public string Broadcast(string scalar) => _vector is null ? scalar : $"{_vector}.Create({scalar})";

        public string MultiplyAdd(string accumulator, string x, string w) =>
            _vector is null ? $"{accumulator} += {x} * {w};" : $"{accumulator} = {_fused}({x}, {w}, {accumulator});";

        /// <summary>A pooling tap: <c>acc = PoolMath.Max(acc, x)</c> (PyTorch's NaN rule) or <c>acc += x</c>.</summary>
        public string Pool(TapOperation operation, string accumulator, string x) =>
            operation == TapOperation.Max ? $"{accumulator} = PoolMath.Max({accumulator}, {x});" : $"{accumulator} += {x};";

        /// <summary><paramref name="value"/> divided by <paramref name="divisor"/> (average pooling); the value itself when the divisor is 1.</summary>
        public string Divide(string value, int divisor) =>
            divisor == 1 ? value : $"({value} / {(_vector is null ? FloatLiteral(divisor) : $"{_vector}.Create({FloatLiteral(divisor)})")})";

        /// <summary>Lane i of the result is lane <c>index[i]</c> of <paramref name="vector"/>; an index out of range gives zero.</summary>
        public string Shuffle(string vector, IEnumerable<int> index) =>
            $"{_vector}.Shuffle({vector}, {_vector}.Create({string.Join(", ", index)}))";

        public string Store(string value, string reference, Linear offset) =>
            _vector is null ? $"Unsafe.Add(ref {reference}, {offset}) = {value};" : $"{value}.StoreUnsafe(ref {reference}, (nuint){offset.AsOperand()});";

        /// <summary>
        /// <paramref name="value"/> after the epilogue's activation: a call to the runtime's <c>Activations</c>, which has an
        /// overload per vector width and inlines into the kernel, so the value stays in its register.
        /// </summary>
        public static string Activate(string value, Epilogue epilogue) => epilogue.Activation switch
        {
            Activation.None => value,
            Activation.LeakyReLU => $"Activations.LeakyReLU({value}, {FloatLiteral(epilogue.NegativeSlope)})",
            Activation.GELUTanh => $"Activations.GeluTanh({value})",
            _ => $"Activations.{epilogue.Activation}({value})",
        };

        /// <summary>A float as C# source that reads back to the same value: round-trip digits, invariant culture, <c>f</c> suffix.</summary>
        public static string FloatLiteral(float value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + "f";
    }
}
