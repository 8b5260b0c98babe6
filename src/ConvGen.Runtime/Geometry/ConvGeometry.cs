using System;
using System.ComponentModel;

namespace ConvGen.Internal
{
    /// <summary>
    /// Sizes of one <c>Forward</c> call, for generated kernels. Every layer is 3-D here (a 2-D layer has depth 1, a 1-D
    /// layer depth and height 1). The padded input is stored per channel as <c>sD × sH × sW</c> stride phases of
    /// <see cref="PlaneDepth"/> × <see cref="PlaneHeight"/> × <see cref="PlaneWidth"/>: padded pixel (d, r, c) lives in
    /// phase (d mod sD, r mod sH, c mod sW) at (d / sD, r / sH, c / sW). Output pixel (od, oh, ow) is then computed at grid
    /// index q = od·<see cref="SliceSize"/> + oh·PlaneWidth + ow and every kernel tap reads the input at q plus a constant
    /// offset, for any stride and dilation. Grid columns ow ≥ <see cref="OutputWidth"/> (and, in 3-D, rows oh ≥
    /// <see cref="OutputHeight"/>) are computed and dropped. With zero padding and column stride 1 the right padding is
    /// not stored: a row's padding columns past PlaneWidth are the next row's left padding.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public readonly struct ConvGeometry
    {
        /// <summary>Input depth (1 below 3-D).</summary>
        public int Depth { get; init; }
        /// <summary>Input height (1 in 1-D).</summary>
        public int Height { get; init; }
        /// <summary>Input width (the length in 1-D).</summary>
        public int Width { get; init; }
        /// <summary>Output depth.</summary>
        public int OutputDepth { get; init; }
        /// <summary>Output height.</summary>
        public int OutputHeight { get; init; }
        /// <summary>Output width.</summary>
        public int OutputWidth { get; init; }
        /// <summary>Depth slices of one phase: ceil(padded depth / strideD).</summary>
        public int PlaneDepth { get; init; }
        /// <summary>Rows of one phase slice: ceil(padded height / strideH).</summary>
        public int PlaneHeight { get; init; }
        /// <summary>Columns of one phase row: ceil(padded width / strideW), or one padding fewer (<c>ConvShape.PlaneWidth</c>); also the row pitch of the output grid.</summary>
        public int PlaneWidth { get; init; }
        /// <summary>Elements of one depth slice of a phase: PlaneHeight·PlaneWidth; the depth pitch of the grid.</summary>
        public int SliceSize => PlaneHeight * PlaneWidth;
        /// <summary>Elements of one stride phase: PlaneDepth·SliceSize.</summary>
        public int PhaseSize => PlaneDepth * SliceSize;
        /// <summary>Elements of one padded input channel (all its phases).</summary>
        public int ChannelStride { get; init; }
        /// <summary>Padded input width (the row buffer the stride-phase split reads from).</summary>
        public int PaddedWidth { get; init; }
        /// <summary>The kernel reads the caller's input as it is (no padding, stride 1, the grid is the output).</summary>
        public bool DirectInput { get; init; }
        /// <summary>The kernel writes the caller's output as it is (the grid is the output).</summary>
        public bool DirectOutput { get; init; }
        /// <summary>Where the kernel's grid ends: the output's size, or the grid rounded up to the kernel's last step.</summary>
        public int GridEnd { get; init; }
        /// <summary>Distance between output channels where the kernel writes: the output plane, or the padded grid.</summary>
        public int ChannelPitch { get; init; }
        /// <summary>Elements of the padded input of one group, including the slack that whole tiles read past its last channel.</summary>
        public int ScratchLength { get; init; }

        /// <summary>Elements of one output channel.</summary>
        public int OutputPlane => OutputDepth * OutputHeight * OutputWidth;

        /// <summary>Elements of one input channel.</summary>
        public int InputPlane => Depth * Height * Width;

        /// <summary>
        /// Computes the geometry for kernel tiles of <paramref name="tileChannels"/> output channels × <paramref name="tilePixels"/>
        /// grid pixels, whose last step is a multiple of <paramref name="tailPixels"/>, and an input of
        /// <paramref name="depth"/> × <paramref name="height"/> × <paramref name="width"/>, and checks what PyTorch checks: a
        /// positive size, a kernel that fits the padded input, reflect padding smaller than the input, circular padding not
        /// larger than the input.
        /// </summary>
        public static ConvGeometry Create(ConvParameters p, int depth, int height, int width, int tileChannels, int tilePixels, int tailPixels) =>
            Create(p.Dims, depth, height, width, tileChannels, tilePixels, tailPixels);

        /// <inheritdoc cref="Create(ConvParameters, int, int, int, int, int, int)"/>
        internal static ConvGeometry Create(in ConvDims p, int depth, int height, int width, int tileChannels, int tilePixels, int tailPixels)
        {
            if (depth <= 0) throw new ArgumentOutOfRangeException(nameof(depth), depth, "depth must be positive.");
            if (height <= 0) throw new ArgumentOutOfRangeException(nameof(height), height, "height must be positive.");
            if (width <= 0) throw new ArgumentOutOfRangeException(p.Rank == 1 ? "length" : nameof(width), width, $"{(p.Rank == 1 ? "length" : "width")} must be positive.");
            CheckPaddingMode(p, depth, height, width);

            long outD = p.D.Output(depth), outH = p.H.Output(height), outW = p.W.Output(width);
            long paddedD = p.D.Padded(depth), paddedH = p.H.Padded(height), paddedW = p.W.Padded(width);
            if (outD <= 0 || outH <= 0 || outW <= 0)
            {
                throw new ArgumentException(
                    $"Padded input size per channel is {p.Size(paddedD, paddedH, paddedW).Replace(", ", " x ")} but the dilated kernel is " +
                    $"{p.Size(p.D.Span, p.H.Span, p.W.Span).Replace(", ", " x ")}: the kernel can't be larger than the padded input.");
            }

            long planeD = ConvShape.PhaseLength(paddedD, p.D.Stride), planeH = ConvShape.PhaseLength(paddedH, p.H.Stride);
            long planeW = ConvShape.PlaneWidth(width, p.W.PadBefore, p.W.PadAfter, p.W.Kernel, p.W.Stride, p.W.Dilation,
                p.PaddingMode == PaddingMode.Zeros);
            long channel = (long)p.D.Stride * p.H.Stride * p.W.Stride * planeD * planeH * planeW;
            long grid = ConvShape.GridLength(outD, outH, planeH, planeW);
            var (direct, end, pitch) = ConvShape.TileLoop(outD, outH, outW, planeH, planeW, tilePixels, tailPixels);
            // The padded input of one group; the kernel reads at most (end − grid) + planeW elements past its end.
            long scratch = p.InChannelsPerGroup * channel + (end - grid) + planeW;
            if (scratch + paddedW + (direct ? 0 : (long)tileChannels * pitch) > Array.MaxLength)
                throw new ArgumentException($"An input of {p.Size(depth, height, width)} is too large for this layer's working buffer.");

            return new ConvGeometry
            {
                Depth = depth,
                Height = height,
                Width = width,
                OutputDepth = (int)outD,
                OutputHeight = (int)outH,
                OutputWidth = (int)outW,
                PlaneDepth = (int)planeD,
                PlaneHeight = (int)planeH,
                PlaneWidth = (int)planeW,
                ChannelStride = (int)channel,
                PaddedWidth = (int)paddedW,
                DirectInput = direct && p.IsUnpadded && p.D.Stride == 1 && p.H.Stride == 1 && p.W.Stride == 1,
                DirectOutput = direct,
                GridEnd = (int)end,
                ChannelPitch = (int)pitch,
                ScratchLength = (int)scratch,
            };
        }

        private static void CheckPaddingMode(in ConvDims p, int depth, int height, int width)
        {
            if (p.PaddingMode == PaddingMode.Reflect && (p.D.MaxPadding >= depth || p.H.MaxPadding >= height || p.W.MaxPadding >= width))
            {
                throw new ArgumentException(
                    $"Reflect padding {p.Size(p.D.MaxPadding, p.H.MaxPadding, p.W.MaxPadding)} must be smaller than the input size {p.Size(depth, height, width)}.");
            }

            if (p.PaddingMode == PaddingMode.Circular && (p.D.MaxPadding > depth || p.H.MaxPadding > height || p.W.MaxPadding > width))
            {
                throw new ArgumentException(
                    $"Circular padding {p.Size(p.D.MaxPadding, p.H.MaxPadding, p.W.MaxPadding)} must not be larger than the input size {p.Size(depth, height, width)}.");
            }
        }
    }
}
