using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ConvGen.Internal
{
    /// <summary>
    /// What a generated element-wise layer (an activation, Dropout) calls: checks the spans and applies the layer's
    /// <see cref="IElementwiseKernel"/> to every element, widest vector first, then narrower vectors and single values
    /// for the tail (never a vector that overlaps one already written, so in-place use gives
    /// f(x), not f(f(x))). Input and output may be the same memory; any other overlap is rejected.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class ElementwiseDriver
    {
        /// <summary>Checks an NCHW shape against both spans, then applies the kernel.</summary>
        public static void Forward<TKernel>(ReadOnlySpan<float> input, Span<float> output, int batch, int channels, int height, int width, string layer)
            where TKernel : struct, IElementwiseKernel
        {
            long count = Count(input, output, batch, channels, height, width, layer);
            if (count > 0) Apply<TKernel>(input, output);
        }

        /// <summary>Checks that the spans have the same length and overlap only exactly, then applies the kernel.</summary>
        public static void Forward<TKernel>(ReadOnlySpan<float> input, Span<float> output, string layer)
            where TKernel : struct, IElementwiseKernel
        {
            CheckSpans(input, output, layer);
            Apply<TKernel>(input, output);
        }

        /// <summary>The identity (Dropout at inference): a copy unless input and output are the same memory.</summary>
        public static void Copy(ReadOnlySpan<float> input, Span<float> output, int batch, int channels, int height, int width, string layer)
        {
            if (Count(input, output, batch, channels, height, width, layer) > 0) Copy(input, output, layer);
        }

        /// <inheritdoc cref="Copy(ReadOnlySpan{float}, Span{float}, int, int, int, int, string)"/>
        public static void Copy(ReadOnlySpan<float> input, Span<float> output, string layer)
        {
            CheckSpans(input, output, layer);
            if (!Unsafe.AreSame(ref MemoryMarshal.GetReference(input), ref MemoryMarshal.GetReference(output))) input.CopyTo(output);
        }

        /// <summary>Elements of the NCHW shape after checking it and both spans.</summary>
        internal static long Count(ReadOnlySpan<float> input, Span<float> output, int batch, int channels, int height, int width, string layer)
        {
            if (batch < 0 || channels < 0 || height < 0 || width < 0)
            {
                throw new ArgumentException(
                    $"{layer}: sizes must not be negative, but got (N={batch}, C={channels}, H={height}, W={width}).", nameof(batch));
            }

            long count = (long)batch * channels * height * width;
            if (input.Length != count)
                throw new ArgumentException($"{layer}: input has {input.Length} elements but shape (N={batch}, C={channels}, H={height}, W={width}) needs {count}.", nameof(input));
            CheckSpans(input, output, layer);
            return count;
        }

        /// <summary>The same length; overlapping only as the same memory (in-place).</summary>
        internal static void CheckSpans(ReadOnlySpan<float> input, ReadOnlySpan<float> output, string layer)
        {
            if (output.Length != input.Length)
                throw new ArgumentException($"{layer}: output has {output.Length} elements but the input has {input.Length}.", nameof(output));
            if (input.Overlaps(output, out int offset) && offset != 0)
                throw new ArgumentException($"{layer}: input and output must be the same memory (in-place) or not overlap, but output starts {offset} elements after input.", nameof(output));
        }

        private static void Apply<TKernel>(ReadOnlySpan<float> input, Span<float> output)
            where TKernel : struct, IElementwiseKernel
        {
            ref float x = ref MemoryMarshal.GetReference(input);
            ref float y = ref MemoryMarshal.GetReference(output);
            nint n = input.Length, i = 0;
            if (Vector512.IsHardwareAccelerated)
                for (; i <= n - 16; i += 16) TKernel.Apply(Vector512.LoadUnsafe(ref x, (nuint)i)).StoreUnsafe(ref y, (nuint)i);
            if (Vector256.IsHardwareAccelerated)
                for (; i <= n - 8; i += 8) TKernel.Apply(Vector256.LoadUnsafe(ref x, (nuint)i)).StoreUnsafe(ref y, (nuint)i);
            if (Vector128.IsHardwareAccelerated)
                for (; i <= n - 4; i += 4) TKernel.Apply(Vector128.LoadUnsafe(ref x, (nuint)i)).StoreUnsafe(ref y, (nuint)i);
            for (; i < n; i++) Unsafe.Add(ref y, i) = TKernel.Apply(Unsafe.Add(ref x, i));
        }
    }
}
