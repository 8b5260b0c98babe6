using System;
using System.ComponentModel;

namespace ConvGen.Internal
{
    /// <summary>
    /// <c>nn.Flatten</c> on a contiguous (N, C, H, W) tensor: the elements keep their order, only the shape changes, so the
    /// forward pass is a copy (none when input and output are the same memory).
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class FlattenDriver
    {
        /// <summary>Checks the spans against (batch, channels, height, width) and copies.</summary>
        public static void Forward(ReadOnlySpan<float> input, Span<float> output, int batch, int channels, int height, int width)
        {
            PlaneChecks.Sizes(batch, channels, height, width, 1);
            PlaneChecks.Span(input.Length, "input", batch, channels, height, width);
            PlaneChecks.Span(output.Length, "output", batch, channels, height, width);
            if (PlaneChecks.SameOrDisjoint(input, output, sameAllowed: true)) return;
            input.CopyTo(output);
        }

        /// <summary>
        /// Writes the flattened shape of (batch, channels, height, width) into <paramref name="shape"/>: dimensions
        /// <paramref name="startDim"/> … <paramref name="endDim"/> (0 … 3, already normalised) become their product.
        /// </summary>
        public static void Shape(int startDim, int endDim, int batch, int channels, int height, int width, Span<int> shape)
        {
            int rank = 4 - (endDim - startDim);
            if (shape.Length != rank) throw new ArgumentException($"shape has {shape.Length} elements but the flattened shape has {rank}.", nameof(shape));
            Span<long> dims = stackalloc long[] { batch, channels, height, width };
            int k = 0;
            for (int d = 0; d < 4; d++)
            {
                if (d <= startDim || d > endDim)
                {
                    long size = dims[d];
                    if (d == startDim)
                        for (int e = startDim + 1; e <= endDim; e++) size *= dims[e];
                    if (size > int.MaxValue) throw new ArgumentException($"The flattened dimension has {size} elements, more than an int can hold.");
                    shape[k++] = (int)size;
                }
            }
        }
    }
}
