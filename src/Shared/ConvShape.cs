// Shape math shared by the generator (compile-time checks and constants) and the runtime (run-time sizes).
// Linked into both projects so that there is exactly one implementation of PyTorch's formulas.
namespace ConvGen
{
    internal static class ConvShape
    {
        /// <summary>
        /// PyTorch's output size: floor((input + before + after − dilation·(kernel − 1) − 1) / stride) + 1,
        /// or 0 when the dilated kernel does not fit in the padded input.
        /// </summary>
        public static long OutputSize(long input, long padBefore, long padAfter, long kernel, long stride, long dilation)
        {
            long padded = input + padBefore + padAfter;
            long span = dilation * (kernel - 1) + 1;
            return padded < span ? 0 : (padded - span) / stride + 1;
        }

        /// <summary>
        /// Padding for <c>padding="same"</c>: PyTorch pads dilation·(kernel − 1) in total, half (rounded down) before
        /// and the rest after, so an even kernel puts the extra row/column at the bottom/right.
        /// </summary>
        public static (int Before, int After) SamePadding(int kernel, int dilation)
        {
            int total = dilation * (kernel - 1);
            int before = total / 2;
            return (before, total - before);
        }

        /// <summary>Length of one stride phase of a padded axis: ceil(padded / stride).</summary>
        public static long PhaseLength(long padded, long stride) => (padded + stride - 1) / stride;

        /// <summary>The output grid of the kernels (output rows × phase-plane width) rounded up to whole tiles.</summary>
        public static long PaddedGridLength(long outputHeight, long planeWidth, long tilePixels) =>
            (outputHeight * planeWidth + tilePixels - 1) / tilePixels * tilePixels;

        /// <summary>
        /// How a kernel walks its output grid of outputHeight × planeWidth pixels in tiles. When the plane is exactly as
        /// wide as the output (1×1 kernels, some strided ones) the grid <em>is</em> the output plane: the kernel writes
        /// the output directly and its last tile overlaps the one before instead of running past the end. Otherwise the
        /// grid, rounded up to whole tiles, goes to a buffer whose rows are copied out without the extra columns.
        /// </summary>
        /// <returns>Whether output is written directly, where the last tile starts, and the distance between output channels.</returns>
        public static (bool Direct, long LastTile, long ChannelPitch) TileLoop(long outputHeight, long outputWidth, long planeWidth, long tilePixels)
        {
            long grid = outputHeight * planeWidth;
            if (planeWidth == outputWidth && grid >= tilePixels) return (true, grid - tilePixels, grid);
            long padded = PaddedGridLength(outputHeight, planeWidth, tilePixels);
            return (false, padded - tilePixels, padded);
        }
    }
}
