using System.Linq;

namespace ConvGen.Onnx.Import
{
    /// <summary>
    /// A tensor known at import time: an initializer, a Constant node, or shape arithmetic folded over known shapes. Shape
    /// values keep the batch as <see cref="Batch"/> (it is a Forward argument, not part of the model).
    /// </summary>
    internal sealed class Constant
    {
        /// <summary>The batch size where a shape computation reads it (Shape of a runtime value).</summary>
        public const long Batch = long.MinValue;

        public Constant(long[] dims, float[]? floats, long[]? longs, string? source)
        {
            Dims = dims;
            Floats = floats;
            Longs = longs;
            Source = source;
        }

        public long[] Dims { get; }

        /// <summary>Values of a floating-point tensor (null for integers, or until read).</summary>
        public float[]? Floats { get; }

        /// <summary>Values of an integer tensor.</summary>
        public long[]? Longs { get; }

        /// <summary>The ONNX tensor it is stored as (an initializer's or a Constant node's), or null if computed.</summary>
        public string? Source { get; }

        public long Count => Dims.Aggregate(1L, (a, d) => a * d);

        public bool IsScalar => Count == 1;

        /// <summary>The single value of a one-element tensor as a float.</summary>
        public float Scalar => Floats is { } f ? f[0] : Longs![0];

        public long[] Integers => Longs ?? Floats!.Select(f => (long)f).ToArray();

        public string ShapeText => "[" + string.Join(", ", Dims) + "]";

        public static Constant Ints(params long[] values) => new(new long[] { values.Length }, null, values, null);
    }
}
