using System.Globalization;
using System.Linq;

namespace ConvGen.Generator.Common
{
    /// <summary>
    /// One int per spatial axis of a layer, in PyTorch's order: (length), (height, width) or (depth, height, width).
    /// Value-equatable, so specs that hold it stay cacheable.
    /// </summary>
    internal readonly struct Axes : System.IEquatable<Axes>
    {
        private readonly EquatableArray<int> _values;

        public Axes(params int[] values) => _values = new EquatableArray<int>(values);

        public static Axes Uniform(int rank, int value) => new(Enumerable.Repeat(value, rank).ToArray());

        public int Rank => _values.Count;

        public int this[int axis] => _values[axis];

        public bool All(System.Func<int, bool> predicate) => _values.All(predicate);

        public bool Any(System.Func<int, bool> predicate) => _values.Any(predicate);

        /// <summary>
        /// The value on spatial axis <paramref name="axis3"/> of the 3-D form every kernel works in (0 depth, 1 height, 2
        /// width): a lower rank's missing leading axes are <paramref name="missing"/>.
        /// </summary>
        public int Spatial(int axis3, int missing)
        {
            int i = axis3 - (3 - Rank);
            return i < 0 ? missing : this[i];
        }

        public bool Equals(Axes other) => _values.Equals(other._values);

        public override bool Equals(object? obj) => obj is Axes other && Equals(other);

        public override int GetHashCode() => _values.GetHashCode();

        public static bool operator ==(Axes a, Axes b) => a.Equals(b);

        public static bool operator !=(Axes a, Axes b) => !a.Equals(b);

        /// <summary>As PyTorch prints an argument: one int when every axis has it, a tuple otherwise.</summary>
        public override string ToString()
        {
            var values = _values;
            return values.Count > 0 && values.All(v => v == values[0])
                ? values[0].ToString(CultureInfo.InvariantCulture)
                : "(" + string.Join(", ", values.Select(v => v.ToString(CultureInfo.InvariantCulture))) + ")";
        }

        /// <summary>As a C# array expression: <c>new[] { 3, 5 }</c>.</summary>
        public string ToArrayExpression() => "new[] { " + string.Join(", ", _values.Select(v => v.ToString(CultureInfo.InvariantCulture))) + " }";
    }
}
