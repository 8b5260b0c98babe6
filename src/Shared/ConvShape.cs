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
    }
}
