using System;

namespace ConvGen.Internal
{
    /// <summary>
    /// The argument checks of the layers that work plane by plane on (N, C, H, W) tensors (batch norm, padding, flatten),
    /// with the messages every ConvGen layer uses: the expected and the actual shape.
    /// </summary>
    internal static class PlaneChecks
    {
        public static void Sizes(int batch, int channels, int height, int width, int threads)
        {
            if (batch < 0) throw new ArgumentOutOfRangeException(nameof(batch), batch, "batch must not be negative.");
            if (channels < 1) throw new ArgumentOutOfRangeException(nameof(channels), channels, "channels must be positive.");
            if (height < 1) throw new ArgumentOutOfRangeException(nameof(height), height, "height must be positive.");
            if (width < 1) throw new ArgumentOutOfRangeException(nameof(width), width, "width must be positive.");
            if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), threads, "threads must be at least 1.");
        }

        /// <summary>(N=2, C=3, H=8, W=8).</summary>
        public static string Shape(long batch, long channels, long height, long width) => $"(N={batch}, C={channels}, H={height}, W={width})";

        /// <summary>Checks that <paramref name="length"/> is N·C·H·W; <paramref name="name"/> is "input" or "output".</summary>
        public static void Span(int length, string name, int batch, int channels, long height, long width)
        {
            long needed = (long)batch * channels * height * width;
            if (length != needed)
            {
                throw new ArgumentException(
                    $"{name} has {length} elements but shape {Shape(batch, channels, height, width)} needs {needed}.", name);
            }
        }

        /// <summary>Input and output either are the same memory (allowed for element-wise layers) or do not overlap.</summary>
        public static bool SameOrDisjoint(ReadOnlySpan<float> input, Span<float> output, bool sameAllowed)
        {
            if (!input.Overlaps(output, out int offset)) return false;
            if (sameAllowed && offset == 0 && input.Length == output.Length) return true;
            throw new ArgumentException(sameAllowed
                ? "input and output must be the same memory or not overlap."
                : "input and output must not overlap.", "output");
        }
    }
}
