// How a transposed convolution splits into stride-1 convolutions, one per output phase. Linked into the generator (which
// emits a kernel per phase) and the runtime (which packs each phase's weights and walks the phases): one implementation.
namespace ConvGen
{
    /// <summary>
    /// Per axis, output o = i·stride + k·dilation − padding receives input i through tap k. The outputs o = stride·j + r
    /// of phase r (0 ≤ r &lt; stride) receive exactly the taps k with (r + padding − k·dilation) divisible by stride,
    /// each from input j + (r + padding − k·dilation) / stride. So phase r is a stride-1 convolution of the input, and
    /// the phases of all axes together compute every output once, with the bias and activation in the kernel and no
    /// products with the zeros a zero-upsampled input would hold. All phases read one zero-padded copy of the input:
    /// <see cref="PadBefore"/> in front, taps at offset + PadBefore, inside a window of <see cref="Window"/>.
    /// </summary>
    internal static class TransposedShape
    {
        /// <summary>Whether tap <paramref name="k"/> feeds phase <paramref name="r"/>; if so, the input offset it reads at.</summary>
        public static bool Feeds(int r, int k, int stride, int dilation, int padding, out int offset)
        {
            int t = r + padding - k * dilation;
            offset = FloorDiv(t, stride);
            return t - offset * stride == 0;
        }

        /// <summary>Taps of one axis that feed phase <paramref name="r"/>.</summary>
        public static int TapCount(int r, int kernel, int stride, int dilation, int padding)
        {
            int count = 0;
            for (int k = 0; k < kernel; k++)
            {
                if (Feeds(r, k, stride, dilation, padding, out _)) count++;
            }

            return count;
        }

        /// <summary>Padding in front of the shared input copy: minus the lowest offset of any tap in any phase, at least 0.</summary>
        public static int PadBefore(int kernel, int stride, int dilation, int padding)
        {
            int low = 0;
            for (int r = 0; r < stride; r++)
            for (int k = 0; k < kernel; k++)
            {
                if (Feeds(r, k, stride, dilation, padding, out int offset) && offset < low) low = offset;
            }

            return -low;
        }

        /// <summary>The phases' common window: every tap reads at offset + PadBefore, in [0, Window).</summary>
        public static int Window(int kernel, int stride, int dilation, int padding)
        {
            int before = PadBefore(kernel, stride, dilation, padding), high = 0;
            for (int r = 0; r < stride; r++)
            for (int k = 0; k < kernel; k++)
            {
                if (Feeds(r, k, stride, dilation, padding, out int offset) && offset + before > high) high = offset + before;
            }

            return high + 1;
        }

        /// <summary>Outputs of phase <paramref name="r"/> in an axis of <paramref name="output"/>: those o &lt; output with o ≡ r.</summary>
        public static long PhaseLength(long output, int r, int stride) => output <= r ? 0 : (output - r + stride - 1) / stride;

        private static int FloorDiv(int a, int b) => a >= 0 ? a / b : -((-a + b - 1) / b);
    }
}
