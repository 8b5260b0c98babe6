using System;
using System.Buffers;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ConvGen.Internal
{
    /// <summary>
    /// The part of every generated layer that does not depend on its shape: argument checks, weight packing, padding,
    /// the loops over images, groups and channel tiles, and the copy from the kernel's grid to NCHW output.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class Conv2dDriver
    {
        /// <summary>
        /// Checks <paramref name="weight"/> <c>(out, in/groups, kH, kW)</c> and packs it per tile of
        /// <paramref name="tileChannels"/> output channels: <c>[tile][in/groups][kH·kW][channel in tile]</c>.
        /// </summary>
        public static float[] PackWeights(Conv2dParameters p, ReadOnlySpan<float> weight, int tileChannels)
        {
            if (weight.Length != p.WeightLength)
            {
                throw new ArgumentException(
                    $"weight has {weight.Length} elements but shape (out={p.OutChannels}, in/groups={p.InChannelsPerGroup}, " +
                    $"kH={p.KernelHeight}, kW={p.KernelWidth}) needs {p.WeightLength}.", nameof(weight));
            }

            int taps = p.KernelHeight * p.KernelWidth, cinG = p.InChannelsPerGroup, coutG = p.OutChannelsPerGroup;
            var packed = new float[weight.Length];
            for (int g = 0; g < p.Groups; g++)
            {
                for (int t0 = 0; t0 < coutG; t0 += tileChannels)
                {
                    int oc0 = g * coutG + t0, count = Math.Min(tileChannels, coutG - t0);
                    Span<float> tile = packed.AsSpan(oc0 * cinG * taps, count * cinG * taps);
                    for (int m = 0; m < count; m++)
                    {
                        ReadOnlySpan<float> filter = weight.Slice((oc0 + m) * cinG * taps, cinG * taps);
                        for (int k = 0; k < filter.Length; k++)
                            tile[k * count + m] = filter[k];
                    }
                }
            }

            return packed;
        }

        [ThreadStatic]
        private static float[]? t_workspace;

        /// <summary>
        /// This thread's scratch memory, grown to the largest layer it has run and then kept: unlike
        /// <see cref="ArrayPool{T}"/>, which may drop idle buffers after a gen-2 GC and allocate again, it never allocates
        /// once warm. Forward never re-enters itself, so one buffer per thread is enough.
        /// </summary>
        private static float[] Workspace(int length) => Grown(ref t_workspace, length);

        /// <summary><paramref name="buffer"/>, replaced by a new array first if it is shorter than <paramref name="length"/>.</summary>
        private static float[] Grown(ref float[]? buffer, int length)
        {
            if (buffer is null || buffer.Length < length) buffer = new float[length];
            return buffer;
        }

        /// <summary>Checks and copies the bias <c>(out)</c>.</summary>
        public static float[] CopyBias(Conv2dParameters p, ReadOnlySpan<float> bias)
        {
            if (bias.Length != p.OutChannels)
                throw new ArgumentException($"bias has {bias.Length} elements but shape (out={p.OutChannels}) needs {p.OutChannels}.", nameof(bias));
            return bias.ToArray();
        }

        /// <summary>
        /// Convolves <paramref name="batch"/> images <c>(in, height, width)</c> with kernel <typeparamref name="TKernel"/>.
        /// Allocates nothing in steady state: the padded input and the kernel's output tile live in a per-thread workspace
        /// (<see cref="Workspace"/>).
        /// The kernel reads the caller's input directly when there is nothing to pad or split, and writes the caller's
        /// output directly when its grid has no extra columns (see <see cref="Conv2dGeometry"/>).
        /// </summary>
        public static void Forward<TKernel>(Conv2dParameters p, float[] packedWeights, float[]? bias,
            ReadOnlySpan<float> input, Span<float> output, int batch, int height, int width)
            where TKernel : struct, IConv2dKernel
        {
            var g = Check<TKernel>(p, input, output, batch, height, width);
            if (batch > 0) Run<TKernel>(p, packedWeights, bias, input, output, batch, g);
        }

        /// <summary>
        /// <see cref="Forward"/> for a depthwise layer: each channel goes straight from the caller's input to the caller's
        /// output through <see cref="IDepthwiseKernel.Plane"/>, with no copies; images smaller than the plane kernel
        /// takes go through the padded copy.
        /// </summary>
        public static void ForwardDepthwise<TKernel>(Conv2dParameters p, float[] weights, float[]? bias,
            ReadOnlySpan<float> input, Span<float> output, int batch, int height, int width)
            where TKernel : struct, IDepthwiseKernel
        {
            var g = Check<TKernel>(p, input, output, batch, height, width);
            if (batch == 0) return;
            if (g.OutputWidth < TKernel.MinOutputWidth || g.OutputHeight < TKernel.MinOutputHeight || width < TKernel.MinInputWidth)
            {
                Run<TKernel>(p, weights, bias, input, output, batch, g);
                return;
            }

            int taps = p.KernelHeight * p.KernelWidth, inPlane = height * width, outPlane = g.OutputHeight * g.OutputWidth;
            ref float zeros = ref MemoryMarshal.GetArrayDataReference(Zeros(width));
            ref float x = ref MemoryMarshal.GetReference(input);
            ref float y = ref MemoryMarshal.GetReference(output);
            for (int n = 0; n < batch; n++)
            {
                for (int c = 0; c < p.OutChannels; c++)
                {
                    int plane = n * p.OutChannels + c;
                    ref float b = ref bias is null ? ref Unsafe.NullRef<float>() : ref bias[c];
                    TKernel.Plane(ref Unsafe.Add(ref x, (nint)plane * inPlane), ref zeros, ref weights[c * taps], ref b,
                        ref Unsafe.Add(ref y, (nint)plane * outPlane), height, width);
                }
            }
        }

        [ThreadStatic]
        private static float[]? t_zeros;

        /// <summary>This thread's row of zeros (never written), at least <paramref name="length"/> long.</summary>
        private static float[] Zeros(int length) => Grown(ref t_zeros, length);

        /// <summary>Checks the sizes and spans of a call and returns its geometry.</summary>
        private static Conv2dGeometry Check<TKernel>(Conv2dParameters p, ReadOnlySpan<float> input, Span<float> output, int batch, int height, int width)
            where TKernel : struct, IConv2dKernel
        {
            if (batch < 0) throw new ArgumentOutOfRangeException(nameof(batch), batch, "batch must not be negative.");
            var g = Conv2dGeometry.Create(p, height, width, TKernel.TileChannels, TKernel.TilePixels, TKernel.TailPixels);
            long inImage64 = (long)p.InChannels * height * width, outImage64 = (long)p.OutChannels * g.OutputHeight * g.OutputWidth;
            if (inImage64 > Array.MaxLength || outImage64 > Array.MaxLength)
                throw new ArgumentException($"An image of ({p.InChannels}, {height}, {width}) is larger than a span can hold.");
            if (input.Length != batch * inImage64)
            {
                throw new ArgumentException(
                    $"input has {input.Length} elements but shape (N={batch}, C={p.InChannels}, H={height}, W={width}) " +
                    $"needs {batch * inImage64}.", nameof(input));
            }

            if (output.Length != batch * outImage64)
            {
                throw new ArgumentException(
                    $"output has {output.Length} elements but shape (N={batch}, C={p.OutChannels}, H={g.OutputHeight}, " +
                    $"W={g.OutputWidth}) needs {batch * outImage64}.", nameof(output));
            }

            if (batch > 0 && input.Overlaps(output))
                throw new ArgumentException("input and output must not overlap.", nameof(output));
            return g;
        }

        /// <summary>The tiles over the padded copy of each group (see <see cref="Forward"/>), after <see cref="Check"/>.</summary>
        private static void Run<TKernel>(Conv2dParameters p, float[] packedWeights, float[]? bias,
            ReadOnlySpan<float> input, Span<float> output, int batch, in Conv2dGeometry g)
            where TKernel : struct, IConv2dKernel
        {
            int height = g.Height, width = g.Width;
            int inImage = p.InChannels * height * width, outPlane = g.OutputHeight * g.OutputWidth, outImage = p.OutChannels * outPlane;
            int tileChannels = TKernel.TileChannels;
            int taps = p.KernelHeight * p.KernelWidth, cinG = p.InChannelsPerGroup, coutG = p.OutChannelsPerGroup;
            int scratchLength = g.DirectInput ? 0 : g.ScratchLength;
            int tileLength = g.DirectOutput ? 0 : tileChannels * g.ChannelPitch;
            int rowLength = p.StrideWidth > 2 ? g.PaddedWidth : 0;
            float[] workspace = Workspace(scratchLength + tileLength + rowLength);
            Span<float> scratch = workspace.AsSpan(0, scratchLength);
            Span<float> tile = workspace.AsSpan(scratchLength, tileLength);
            Span<float> row = workspace.AsSpan(scratchLength + tileLength, rowLength);
            for (int n = 0; n < batch; n++)
            {
                Span<float> result = output.Slice(n * outImage, outImage);
                for (int group = 0; group < p.Groups; group++)
                {
                    ReadOnlySpan<float> groupInput = input.Slice(n * inImage + group * cinG * height * width, cinG * height * width);
                    if (!g.DirectInput) InputPadding.Fill(groupInput, scratch, row, p, g);
                    ref float x = ref MemoryMarshal.GetReference(g.DirectInput ? groupInput : scratch);
                    for (int t0 = 0; t0 < coutG; t0 += tileChannels)
                    {
                        int oc0 = group * coutG + t0, count = Math.Min(tileChannels, coutG - t0);
                        ref float w = ref packedWeights[oc0 * cinG * taps];
                        ref float b = ref bias is null ? ref Unsafe.NullRef<float>() : ref bias[oc0];
                        Span<float> target = g.DirectOutput ? result.Slice(oc0 * outPlane, count * outPlane) : tile;
                        if (count == tileChannels)
                            TKernel.Full(ref x, ref w, ref b, ref MemoryMarshal.GetReference(target), in g);
                        else
                            TKernel.Remainder(ref x, ref w, ref b, ref MemoryMarshal.GetReference(target), in g);
                        if (!g.DirectOutput) CopyOut(tile, result.Slice(oc0 * outPlane, count * outPlane), count, g);
                    }
                }
            }
        }

        /// <summary>Drops the grid's extra columns: row oh of channel m is tile[m·ChannelPitch + oh·PlaneWidth ..][..OutputWidth].</summary>
        private static void CopyOut(ReadOnlySpan<float> tile, Span<float> output, int count, in Conv2dGeometry g)
        {
            int outW = g.OutputWidth, outH = g.OutputHeight, planeW = g.PlaneWidth;
            // Small layers copy hundreds of short rows per call: check the block once, then walk two references.
            if (count == 0) return;
            if (tile.Length < (long)(count - 1) * g.ChannelPitch + (long)(outH - 1) * planeW + outW || output.Length != count * outH * outW)
                throw new InvalidOperationException("The tile does not match the output block.");
            ref float target = ref MemoryMarshal.GetReference(output);
            for (int m = 0; m < count; m++)
            {
                ref float row = ref Unsafe.Add(ref MemoryMarshal.GetReference(tile), (nint)m * g.ChannelPitch);
                for (int oh = 0; oh < outH; oh++)
                {
                    Rows.Copy(ref row, ref target, outW);
                    row = ref Unsafe.Add(ref row, planeW);
                    target = ref Unsafe.Add(ref target, outW);
                }
            }
        }
    }
}
