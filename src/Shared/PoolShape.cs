// Pooling shape math shared by the generator (compile-time checks and constants) and the runtime (run-time sizes).
// Linked into both projects so that there is exactly one implementation of PyTorch's formulas (aten/src/ATen/native/Pool.h,
// AdaptivePooling.h, torch/nn/functional.py _unpool_output_size).
namespace ConvGen
{
    /// <summary>PyTorch's pooling shape formulas, per spatial axis.</summary>
    internal static class PoolShape
    {
        /// <summary>The dilated window's extent: dilation·(kernel − 1) + 1.</summary>
        public static long EffectiveKernel(long kernel, long dilation) => dilation * (kernel - 1) + 1;

        /// <summary>PyTorch's first rule (<c>pooling_output_shape</c>): pad ≤ (dilation·(kernel − 1) + 1) / 2.</summary>
        public static bool PaddingFitsEffectiveKernel(long kernel, long padding, long dilation) => padding <= EffectiveKernel(kernel, dilation) / 2;

        /// <summary>
        /// Both of PyTorch's rules: the effective one above and <c>pool2d_shape_check</c>'s pad ≤ kernel / 2 (libtorch
        /// 2.10 still checks the undilated kernel there), so a dilated window may not pad more than an undilated one.
        /// </summary>
        public static bool PaddingFits(long kernel, long padding, long dilation) =>
            PaddingFitsEffectiveKernel(kernel, padding, dilation) && padding <= kernel / 2;

        /// <summary>
        /// PyTorch's <c>pooling_output_shape</c>: floor((input + 2·pad − dilation·(kernel − 1) − 1 [+ stride − 1 in ceil mode]) / stride) + 1,
        /// and in ceil mode one less when the last window would start past the input and the left padding
        /// ((out − 1)·stride ≥ input + pad). Zero or negative when the window does not fit: PyTorch's "Output size is too small".
        /// </summary>
        public static long OutputSize(long input, long kernel, long padding, long stride, long dilation, bool ceilMode)
        {
            long numerator = input + 2 * padding - dilation * (kernel - 1) - 1 + (ceilMode ? stride - 1 : 0);
            long output = FloorDiv(numerator, stride) + 1;
            if (ceilMode && (output - 1) * stride >= input + padding) output--;
            return output;
        }

        /// <summary>
        /// The padding after the input that makes a convolution-style window walk (floor formula) produce
        /// <paramref name="output"/> windows: (output − 1)·stride + effective kernel − input − padBefore, at least the
        /// given padding. In ceil mode the last window may run past the padding; the extra columns are only read by it.
        /// </summary>
        public static long PaddingAfter(long input, long output, long kernel, long padding, long stride, long dilation) =>
            System.Math.Max(padding, (output - 1) * stride + EffectiveKernel(kernel, dilation) - input - padding);

        /// <summary>Adaptive pooling's window of output index <paramref name="i"/>: [floor(i·in/out), ceil((i + 1)·in/out)).</summary>
        public static (long Start, long End) AdaptiveWindow(long i, long input, long output) =>
            (i * input / output, ((i + 1) * input + output - 1) / output);

        /// <summary>MaxUnpool's default output size: (input − 1)·stride − 2·padding + kernel.</summary>
        public static long UnpoolOutputSize(long input, long kernel, long stride, long padding) => (input - 1) * stride - 2 * padding + kernel;

        /// <summary>
        /// An explicit MaxUnpool output size PyTorch accepts (<c>_unpool_output_size</c>): strictly between default − stride
        /// and default + stride.
        /// </summary>
        public static bool UnpoolSizeAccepted(long size, long input, long kernel, long stride, long padding)
        {
            long standard = UnpoolOutputSize(input, kernel, stride, padding);
            return size > standard - stride && size < standard + stride;
        }

        private static long FloorDiv(long a, long b) => a >= 0 ? a / b : -((-a + b - 1) / b);
    }
}
