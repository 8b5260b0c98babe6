using System.Collections.Immutable;
using ConvGen.Internal;

namespace ConvGen
{
    /// <summary>One tensor of a safetensors file as its header describes it (already checked against the file).</summary>
    public sealed class SafeTensorInfo
    {
        internal SafeTensorInfo(string name, SafeTensorDType dtype, ImmutableArray<long> shape, long elementCount, long begin, long end)
        {
            Name = name;
            DType = dtype;
            Shape = shape;
            ElementCount = elementCount;
            Begin = begin;
            End = end;
        }

        /// <summary>The tensor's name, e.g. <c>"3.weight"</c> (a <c>state_dict</c> key).</summary>
        public string Name { get; }

        /// <summary>The element type.</summary>
        public SafeTensorDType DType { get; }

        /// <summary>The dimensions, outermost first (row-major, as PyTorch stores a contiguous tensor); empty for a scalar.</summary>
        public ImmutableArray<long> Shape { get; }

        /// <summary>The product of <see cref="Shape"/>: 1 for a scalar, 0 when a dimension is 0.</summary>
        public long ElementCount { get; }

        /// <summary>The size of the tensor's data in the file, in bytes.</summary>
        public long ByteLength => End - Begin;

        /// <summary>Where the data starts, relative to the data section (the byte after the header).</summary>
        internal long Begin { get; }

        /// <summary>One past where the data ends, relative to the data section.</summary>
        internal long End { get; }

        /// <summary>For messages and the debugger: <c>"3.weight" F32 [16, 6, 5, 5]</c>.</summary>
        public override string ToString() => $"\"{Name}\" {DType} {ShapeText.Format(Shape.AsSpan())}";
    }
}
