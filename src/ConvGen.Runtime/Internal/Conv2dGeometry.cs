using System;
using System.ComponentModel;

namespace ConvGen.Internal
{
    /// <summary>
    /// Sizes of one <c>Forward</c> call, for generated kernels. The padded input is stored per channel as
    /// <c>strideH × strideW</c> phase planes of <see cref="PlaneHeight"/> × <see cref="PlaneWidth"/>: padded pixel (r, c)
    /// lives in plane (r mod sH, c mod sW) at (r / sH, c / sW). Output pixel (oh, ow) is then computed at grid index
    /// q = oh·PlaneWidth + ow and every kernel tap reads the input at q plus a constant offset, for any stride and dilation.
    /// Grid columns ow ≥ <see cref="OutputWidth"/> are computed and dropped.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public readonly struct Conv2dGeometry
    {
        private Conv2dGeometry(int height, int width, int outputHeight, int outputWidth, int planeHeight, int planeWidth,
            int channelStride, int paddedGridLength, int scratchLength)
        {
            Height = height;
            Width = width;
            OutputHeight = outputHeight;
            OutputWidth = outputWidth;
            PlaneHeight = planeHeight;
            PlaneWidth = planeWidth;
            ChannelStride = channelStride;
            PaddedGridLength = paddedGridLength;
            ScratchLength = scratchLength;
        }

        /// <summary>Input height.</summary>
        public int Height { get; }
        /// <summary>Input width.</summary>
        public int Width { get; }
        /// <summary>Output height.</summary>
        public int OutputHeight { get; }
        /// <summary>Output width.</summary>
        public int OutputWidth { get; }
        /// <summary>Rows of one phase plane: ceil(padded height / strideH).</summary>
        public int PlaneHeight { get; }
        /// <summary>Columns of one phase plane: ceil(padded width / strideW); also the row pitch of the output grid.</summary>
        public int PlaneWidth { get; }
        /// <summary>Elements of one phase plane.</summary>
        public int PlaneSize => PlaneHeight * PlaneWidth;
        /// <summary>Elements of one padded input channel (all its phase planes).</summary>
        public int ChannelStride { get; }
        /// <summary>OutputHeight · PlaneWidth rounded up to whole kernel tiles; also the pitch between output channels of a tile.</summary>
        public int PaddedGridLength { get; }
        /// <summary>Elements of the padded input of one image, including the slack that whole tiles read past the last channel.</summary>
        public int ScratchLength { get; }

        /// <summary>
        /// Computes the geometry for kernel tiles of <paramref name="tileChannels"/> output channels × <paramref name="tilePixels"/>
        /// grid pixels and an input of <paramref name="height"/> × <paramref name="width"/> and checks what PyTorch
        /// checks: a positive size, a kernel that fits the padded input, reflect padding smaller than the input, circular
        /// padding not larger than the input.
        /// </summary>
        public static Conv2dGeometry Create(Conv2dParameters p, int height, int width, int tileChannels, int tilePixels)
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
            long planeW = ConvShape.PhaseLength(paddedW, p.StrideWidth);
            long channel = (long)p.StrideHeight * p.StrideWidth * planeH * planeW;
            long grid = outH * planeW;
            long paddedGrid = ConvShape.PaddedGridLength(outH, planeW, tilePixels);
            // The last tile reads at most (paddedGrid − grid) + planeW elements past the end of the last channel.
            long scratch = p.InChannels * channel + (paddedGrid - grid) + planeW;
            if (scratch + (long)tileChannels * paddedGrid > Array.MaxLength)
                throw new ArgumentException($"An input of {height} x {width} is too large for this layer's working buffer.");

            return new Conv2dGeometry(height, width, (int)outH, (int)outW, (int)planeH, (int)planeW,
                (int)channel, (int)paddedGrid, (int)scratch);
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
