using System;
using System.ComponentModel;

namespace ConvGen.Internal
{
    /// <summary>
    /// Sizes of one <c>Forward</c> call, for generated kernels. The padded input is stored per channel as
    /// <c>strideH × strideW</c> phase planes of <see cref="PlaneHeight"/> × <see cref="PlaneWidth"/>: padded pixel (r, c)
    /// lives in plane (r mod sH, c mod sW) at (r / sH, c / sW). Output pixel (oh, ow) is then computed at grid index
    /// q = oh·PlaneWidth + ow and every kernel tap reads the input at q plus a constant offset, for any stride and dilation.
    /// Grid columns ow ≥ <see cref="OutputWidth"/> are computed and dropped. With zero padding and column stride 1 the
    /// right padding is not stored: a row's padding columns past <see cref="PlaneWidth"/> are the next row's left padding.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public readonly struct Conv2dGeometry
    {
        /// <summary>Input height.</summary>
        public int Height { get; init; }
        /// <summary>Input width.</summary>
        public int Width { get; init; }
        /// <summary>Output height.</summary>
        public int OutputHeight { get; init; }
        /// <summary>Output width.</summary>
        public int OutputWidth { get; init; }
        /// <summary>Rows of one phase plane: ceil(padded height / strideH).</summary>
        public int PlaneHeight { get; init; }
        /// <summary>Columns of one phase plane: ceil(padded width / strideW), or one padding fewer (<c>ConvShape.PlaneWidth</c>); also the row pitch of the output grid.</summary>
        public int PlaneWidth { get; init; }
        /// <summary>Elements of one phase plane.</summary>
        public int PlaneSize => PlaneHeight * PlaneWidth;
        /// <summary>Elements of one padded input channel (all its phase planes).</summary>
        public int ChannelStride { get; init; }
        /// <summary>Padded input width (the row buffer the stride-phase split reads from).</summary>
        public int PaddedWidth { get; init; }
        /// <summary>The kernel reads the caller's input as it is (no padding, stride 1, the grid is the output).</summary>
        public bool DirectInput { get; init; }
        /// <summary>The kernel writes the caller's output as it is (the grid is the output plane).</summary>
        public bool DirectOutput { get; init; }
        /// <summary>Where the kernel's grid ends: the output plane's size, or the grid rounded up to the kernel's last step.</summary>
        public int GridEnd { get; init; }
        /// <summary>Distance between output channels where the kernel writes: the output plane, or the padded grid.</summary>
        public int ChannelPitch { get; init; }
        /// <summary>Elements of the padded input of one group, including the slack that whole tiles read past its last channel.</summary>
        public int ScratchLength { get; init; }

        /// <summary>
        /// Computes the geometry for kernel tiles of <paramref name="tileChannels"/> output channels × <paramref name="tilePixels"/>
        /// grid pixels, whose last step is a multiple of <paramref name="tailPixels"/>, and an input of <paramref name="height"/> × <paramref name="width"/> and checks what PyTorch
        /// checks: a positive size, a kernel that fits the padded input, reflect padding smaller than the input, circular
        /// padding not larger than the input.
        /// </summary>
        public static Conv2dGeometry Create(Conv2dParameters p, int height, int width, int tileChannels, int tilePixels, int tailPixels)
        {
            if (height <= 0) throw new ArgumentOutOfRangeException(nameof(height), height, "height must be positive.");
            if (width <= 0) throw new ArgumentOutOfRangeException(nameof(width), width, "width must be positive.");
            CheckPaddingMode(p, height, width);

            long outH = ConvShape.OutputSize(height, p.PaddingTop, p.PaddingBottom, p.KernelHeight, p.StrideHeight, p.DilationHeight);
            long outW = ConvShape.OutputSize(width, p.PaddingLeft, p.PaddingRight, p.KernelWidth, p.StrideWidth, p.DilationWidth);
            long paddedH = (long)height + p.PaddingTop + p.PaddingBottom;
            long paddedW = (long)width + p.PaddingLeft + p.PaddingRight;
            if (outH <= 0 || outW <= 0)
            {
                throw new ArgumentException(
                    $"Padded input size per channel is ({paddedH} x {paddedW}) but the dilated kernel is " +
                    $"({(long)p.DilationHeight * (p.KernelHeight - 1) + 1} x {(long)p.DilationWidth * (p.KernelWidth - 1) + 1}): " +
                    "the kernel can't be larger than the padded input.");
            }

            long planeH = ConvShape.PhaseLength(paddedH, p.StrideHeight);
            long planeW = ConvShape.PlaneWidth(width, p.PaddingLeft, p.PaddingRight, p.KernelWidth, p.StrideWidth, p.DilationWidth,
                p.PaddingMode == PaddingMode.Zeros);
            long channel = (long)p.StrideHeight * p.StrideWidth * planeH * planeW;
            var (direct, end, pitch) = ConvShape.TileLoop(outH, outW, planeW, tilePixels, tailPixels);
            // The padded input of one group; the kernel reads at most (end − grid) + planeW elements past its end.
            long scratch = p.InChannelsPerGroup * channel + (end - outH * planeW) + planeW;
            if (scratch + paddedW + (direct ? 0 : (long)tileChannels * pitch) > Array.MaxLength)
                throw new ArgumentException($"An input of {height} x {width} is too large for this layer's working buffer.");

            bool unpadded = p.PaddingTop == 0 && p.PaddingBottom == 0 && p.PaddingLeft == 0 && p.PaddingRight == 0;
            return new Conv2dGeometry
            {
                Height = height,
                Width = width,
                OutputHeight = (int)outH,
                OutputWidth = (int)outW,
                PlaneHeight = (int)planeH,
                PlaneWidth = (int)planeW,
                ChannelStride = (int)channel,
                PaddedWidth = (int)paddedW,
                DirectInput = direct && unpadded && p.StrideHeight == 1 && p.StrideWidth == 1,
                DirectOutput = direct,
                GridEnd = (int)end,
                ChannelPitch = (int)pitch,
                ScratchLength = (int)scratch,
            };
        }

        private static void CheckPaddingMode(Conv2dParameters p, int height, int width)
        {
            int padH = Math.Max(p.PaddingTop, p.PaddingBottom), padW = Math.Max(p.PaddingLeft, p.PaddingRight);
            if (p.PaddingMode == PaddingMode.Reflect && (padH >= height || padW >= width))
            {
                throw new ArgumentException(
                    $"Reflect padding ({padH}, {padW}) must be smaller than the input size ({height}, {width}).");
            }

            if (p.PaddingMode == PaddingMode.Circular && (padH > height || padW > width))
            {
                throw new ArgumentException(
                    $"Circular padding ({padH}, {padW}) must not be larger than the input size ({height}, {width}).");
            }
        }
    }
}
