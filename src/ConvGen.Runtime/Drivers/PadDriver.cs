using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ConvGen.Internal
{
    /// <summary>
    /// <c>nn.ZeroPad2d</c>, <c>nn.ConstantPad2d</c>, <c>nn.ReflectionPad2d</c> and <c>nn.ReplicationPad2d</c> on (N, C, H, W)
    /// float32: output (oh, ow) of a plane reads input (oh − top, ow − left) through the padding mode's rule
    /// (<see cref="InputPadding.SourceIndex"/>, the rule the convolutions pad with), or is the constant. Rows are copied as
    /// blocks, constant rows filled, and only border columns go through the rule. PyTorch's argument errors are
    /// <see cref="ArgumentException"/>s with its message.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class PadDriver
    {
        /// <summary>Checks the arguments and pads <paramref name="batch"/> images (channels, height, width).</summary>
        public static unsafe void Forward(Pad2dParameters p, ReadOnlySpan<float> input, Span<float> output, int batch, int channels,
            int height, int width, int threads)
        {
            PlaneChecks.Sizes(batch, channels, height, width, threads);
            var (outHeight, outWidth) = OutputSize(p, batch, channels, height, width);
            PlaneChecks.Span(input.Length, "input", batch, channels, height, width);
            PlaneChecks.Span(output.Length, "output", batch, channels, outHeight, outWidth);
            PlaneChecks.SameOrDisjoint(input, output, sameAllowed: false);
            if (output.Length == 0) return;

            fixed (float* x = input, y = output)
            {
                var job = new Job
                {
                    Input = x, Output = y, Planes = batch * channels, Height = height, Width = width, OutHeight = outHeight, OutWidth = outWidth,
                    Left = p.Left, Top = p.Top, Mode = p.Mode, Value = p.Value,
                };
                (int useful, job.Parts) = PlaneWork.Split(threads, job.Planes, output.Length);
                WorkerPool.For(useful, job.Parts, &Run, &job);
            }
        }

        /// <summary>
        /// The output (height, width), after PyTorch's checks of the padding against the input size, in its order and with
        /// its messages. <paramref name="batch"/> and <paramref name="channels"/> only appear in the messages.
        /// </summary>
        public static (int Height, int Width) OutputSize(Pad2dParameters p, int batch, int channels, int height, int width)
        {
            long oh = (long)height + p.Top + p.Bottom, ow = (long)width + p.Left + p.Right;
            switch (p.Mode)
            {
                case PaddingMode.Reflect:
                    if (p.Left >= width || p.Right >= width)
                        throw new ArgumentException($"Argument #4: Padding size should be less than the corresponding input dimension, but got: padding ({p.Left}, {p.Right}) at dimension 3 of input [{batch}, {channels}, {height}, {width}]");
                    if (p.Top >= height || p.Bottom >= height)
                        throw new ArgumentException($"Argument #6: Padding size should be less than the corresponding input dimension, but got: padding ({p.Top}, {p.Bottom}) at dimension 2 of input [{batch}, {channels}, {height}, {width}]");
                    if (ow < 1 && oh < 1)
                        throw new ArgumentException($"input (H: {height}, W: {width}) is too small. Calculated output H: {oh} W: {ow}");
                    break;
                case PaddingMode.Replicate:
                    if (ow < 1 && oh < 1)
                        throw new ArgumentException($"input (H: {height}, W: {width} ) is too small. Calculated output H: {oh} W: {ow}");
                    break;
                default:
                    // constant_pad_nd first crops with narrow() (negative pads), then checks the padded size of each axis
                    // (libtorch 2.10 accepts an empty axis: (−3, 0, 1, 1) on 3×3 gives 5×0).
                    Crop(height, p.Top, p.Bottom, 2);
                    Crop(width, p.Left, p.Right, 3);
                    if (oh < 0) throw NegativeSize(height, p.Top, p.Bottom, 2);
                    if (ow < 0) throw NegativeSize(width, p.Left, p.Right, 3);

                    break;
            }

            if (oh < 0 || ow < 0 || oh > int.MaxValue || ow > int.MaxValue)
                throw new ArgumentException($"Trying to create tensor with negative dimension: the output would be {PlaneChecks.Shape(batch, channels, oh, ow)}.");
            return ((int)oh, (int)ow);
        }

        private static void Crop(int size, int before, int after, int dimension)
        {
            if (before < 0 && size + before < 0)
                throw new ArgumentException($"narrow(): start out of range (expected to be in range of [{-size}, {size}], but got {-before}): padding {before} removes more than the {size} elements of dimension {dimension}.");
            int left = size + Math.Min(before, 0);
            if (after < 0 && left + after < 0)
                throw new ArgumentException($"narrow(): length must be non-negative: padding ({before}, {after}) removes more than the {size} elements of dimension {dimension}.");
        }

        private static ArgumentException NegativeSize(int size, int before, int after, int dimension) =>
            new($"The input size {size}, plus negative padding {before} and {after} resulted in a negative output size, which is invalid. Check dimension {dimension} of your input.");

        private unsafe struct Job
        {
            public float* Input, Output;
            public int Planes, Parts, Height, Width, OutHeight, OutWidth, Left, Top;
            public PaddingMode Mode;
            public float Value;
        }

        private static unsafe void Run(void* state, int part)
        {
            ref Job job = ref Unsafe.AsRef<Job>(state);
            var (first, end) = PlaneWork.Range(job.Planes, job.Parts, part);
            int w = job.Width, ow = job.OutWidth;
            // Output columns [copyStart, copyEnd) read input columns from copyStart − left on: one block per row.
            int copyStart = Math.Clamp(job.Left, 0, ow), copyEnd = Math.Clamp(job.Left + w, copyStart, ow);
            for (int p = first; p < end; p++)
            {
                float* plane = job.Input + (nint)p * job.Height * w;
                float* outPlane = job.Output + (nint)p * job.OutHeight * ow;
                for (int oh = 0; oh < job.OutHeight; oh++)
                {
                    var dest = new Span<float>(outPlane + (nint)oh * ow, ow);
                    int sourceRow = InputPadding.SourceIndex(oh - job.Top, job.Height, job.Mode);
                    if (sourceRow < 0)
                    {
                        dest.Fill(job.Value);
                        continue;
                    }

                    var row = new ReadOnlySpan<float>(plane + (nint)sourceRow * w, w);
                    Row(row, dest, job.Left, copyStart, copyEnd, job.Mode, job.Value);
                }
            }
        }

        /// <summary>One output row: the border columns through the padding rule, the rest one block copy.</summary>
        private static void Row(ReadOnlySpan<float> row, Span<float> dest, int left, int copyStart, int copyEnd, PaddingMode mode, float value)
        {
            if (mode == PaddingMode.Zeros) dest.Slice(0, copyStart).Fill(value);
            else for (int j = 0; j < copyStart; j++) dest[j] = Border(row, j - left, mode, value);
            if (copyEnd > copyStart)
            {
                Rows.Copy(ref Unsafe.Add(ref MemoryMarshal.GetReference(row), copyStart - left),
                    ref Unsafe.Add(ref MemoryMarshal.GetReference(dest), copyStart), copyEnd - copyStart);
            }

            if (mode == PaddingMode.Zeros)
            {
                dest.Slice(copyEnd).Fill(value);
                return;
            }

            for (int j = copyEnd; j < dest.Length; j++) dest[j] = Border(row, j - left, mode, value);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static float Border(ReadOnlySpan<float> row, int column, PaddingMode mode, float value)
        {
            int source = InputPadding.SourceIndex(column, row.Length, mode);
            return source < 0 ? value : row[source];
        }
    }
}
