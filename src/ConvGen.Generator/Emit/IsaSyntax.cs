using ConvGen.Generator.Planning;

namespace ConvGen.Generator.Emit
{
    /// <summary>How one instruction set spells the five operations a kernel uses.</summary>
    internal sealed class IsaSyntax
    {
        private readonly string? _vector; // null: scalar float

        private IsaSyntax(string? vector) => _vector = vector;

        public static IsaSyntax For(Isa isa) => isa switch
        {
            Isa.Vector512 => new IsaSyntax("Vector512"),
            Isa.Vector256 => new IsaSyntax("Vector256"),
            Isa.Vector128 => new IsaSyntax("Vector128"),
            _ => new IsaSyntax(null),
        };

        public string Type => _vector is null ? "float" : $"{_vector}<float>";

        public string Zero => _vector is null ? "0f" : $"{_vector}<float>.Zero";

        /// <summary>Condition under which Forward takes this kernel (JIT-time constant).</summary>
        public string Accelerated => _vector is null ? "true" : $"global::System.Runtime.Intrinsics.{_vector}.IsHardwareAccelerated";

        public string Load(string reference, string offset) =>
            _vector is null ? $"Unsafe.Add(ref {reference}, {offset})" : $"{_vector}.LoadUnsafe(ref {reference}, (nuint)({offset}))";

        public string Broadcast(string scalar) => _vector is null ? scalar : $"{_vector}.Create({scalar})";

        public string MultiplyAdd(string accumulator, string x, string w) =>
            _vector is null ? $"{accumulator} += {x} * {w};" : $"{accumulator} = Simd.MultiplyAdd({x}, {w}, {accumulator});";

        public string Store(string value, string reference, string offset) =>
            _vector is null ? $"Unsafe.Add(ref {reference}, {offset}) = {value};" : $"{value}.StoreUnsafe(ref {reference}, (nuint)({offset}));";
    }
}
