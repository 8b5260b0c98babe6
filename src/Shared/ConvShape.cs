// Shape math shared by the generator (compile-time checks and constants) and the runtime (run-time sizes).
// Linked into both projects so that there is exactly one implementation of PyTorch's formulas.
namespace ConvGen
{
    /// <summary>PyTorch's convolution shape formulas and the grid layout the kernels share, per spatial axis.</summary>
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
        /// A transposed convolution's output size, as PyTorch computes it:
        /// (input − 1)·stride − 2·padding + dilation·(kernel − 1) + output_padding + 1 (0 or less when nothing is left).
        /// </summary>
        public static long TransposedOutputSize(long input, long padBefore, long padAfter, long kernel, long stride, long dilation, long outputPadding) =>
            (input - 1) * stride - padBefore - padAfter + dilation * (kernel - 1) + 1 + outputPadding;

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

        /// <summary>
        /// Columns of one phase plane, which is also the width of the kernels' output grid. With zero padding and column
        /// stride 1 a row's right padding can be the next row's left padding (both are zeros; the last row's is the
        /// next channel's, or the zeroed slack), so the plane is width + padLeft wide instead of width + padLeft +
        /// padRight: fewer grid columns computed and dropped. That needs padRight ≤ padLeft, and padRight ≤ dilation·(kernel − 1)
        /// so that the output still fits in a grid row.
        /// </summary>
        public static long PlaneWidth(long width, long padLeft, long padRight, long kernel, long stride, long dilation, bool zeroPadding) =>
            zeroPadding && stride == 1 && padRight <= padLeft && padRight <= dilation * (kernel - 1)
                ? width + padLeft
                : PhaseLength(width + padLeft + padRight, stride);

        /// <summary>
        /// Grid pixels a kernel computes: output pixel (od, oh, ow) is grid pixel od·sliceSize + oh·planeWidth + ow, so the grid
        /// runs from the first output pixel to the last one, through the extra columns of every row and, in 3-D, the extra
        /// rows of every depth slice.
        /// </summary>
        public static long GridLength(long outputDepth, long outputHeight, long planeHeight, long planeWidth) =>
            ((outputDepth - 1) * planeHeight + outputHeight) * planeWidth;

        /// <summary>
        /// How a kernel walks its output grid (<see cref="GridLength"/>) in steps of tilePixels. When the grid has no extra
        /// columns or rows (1×1 kernels, some strided ones) it <em>is</em> the output: the kernel writes the output
        /// directly and ends at the grid's end, its last step overlapping the one before instead of running past it. So
        /// does a grid of one row (most 1-D layers), whose extra columns all come after the output: it ends at the output width.
        /// Otherwise the grid, rounded up to a multiple of tailPixels (the narrowest last step), goes to a buffer whose
        /// rows are copied out without the extra columns and rows.
        /// </summary>
        /// <returns>Whether output is written directly, where the kernel's grid ends, and the distance between output channels.</returns>
        public static (bool Direct, long GridEnd, long ChannelPitch) TileLoop(long outputDepth, long outputHeight, long outputWidth,
            long planeHeight, long planeWidth, long tilePixels, long tailPixels)
        {
            bool oneRow = outputDepth == 1 && outputHeight == 1;
            long grid = oneRow ? outputWidth : GridLength(outputDepth, outputHeight, planeHeight, planeWidth);
            bool isOutput = oneRow || planeWidth == outputWidth && (outputDepth == 1 || planeHeight == outputHeight);
            if (isOutput && grid >= tilePixels) return (true, grid, grid);
            long end = (grid + tailPixels - 1) / tailPixels * tailPixels;
            return (false, end, end);
        }
    }
}
