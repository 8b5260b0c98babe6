using System.Linq;
using ConvGen.Internal;
using Xunit;

namespace ConvGen.Numerics.Tests;

/// <summary>Which layers read the caller's input and write the caller's output in place (the reference tests cover both ways).</summary>
public class GeometryTests
{
    private static Conv2dParameters Of(string name) => LayerMatrix.All.Single(c => c.Name == name).Parameters;

    [Theory]
    [InlineData(nameof(Pointwise13), 23, 37, true, true)]       // 1×1, stride 1, no padding: a GEMM on the caller's buffers
    [InlineData(nameof(Pointwise13), 2, 3, false, false)]       // fewer pixels than one tile: buffered
    [InlineData(nameof(Column3x1Unpadded), 20, 30, true, true)] // k×1 unpadded: rows of the input are the grid rows
    [InlineData(nameof(Kernel7x1), 20, 30, false, true)]        // padded: input copied, grid still as wide as the output
    [InlineData(nameof(PointwiseStride2), 20, 30, false, true)] // strided: input split into phases
    [InlineData(nameof(Dense7), 20, 30, false, false)]          // 3×3 padded: grid rows carry two extra columns
    public void Direct_input_and_output_when_the_grid_is_the_image(string layer, int h, int w, bool directInput, bool directOutput)
    {
        var g = ConvGeometry.Create(Of(layer).Convolution, 1, h, w, tileChannels: 4, tilePixels: 64, tailPixels: 16);
        Assert.Equal((directInput, directOutput), (g.DirectInput, g.DirectOutput));
    }

    [Theory]
    [InlineData(nameof(Dense7), 20, 30, 16, 624)]        // 20 rows × 31 columns = 620: rounded up to a whole vector
    [InlineData(nameof(Dense7), 5, 7, 16, 48)]           // 5 × 8 = 40 grid pixels: three vectors, not a whole 64-pixel tile
    [InlineData(nameof(Dense7), 5, 7, 64, 64)]           // a kernel without narrower last steps rounds up to its tile
    [InlineData(nameof(Pointwise13), 23, 37, 16, 851)]   // direct: the grid is the output plane and ends with it
    public void The_grid_ends_at_the_last_step_the_kernel_takes(string layer, int h, int w, int tailPixels, int end)
    {
        var g = ConvGeometry.Create(Of(layer).Convolution, 1, h, w, tileChannels: 4, tilePixels: 64, tailPixels);
        Assert.Equal(end, g.GridEnd);
        Assert.Equal(end, g.ChannelPitch);
    }

    [Theory]
    [InlineData(nameof(Dense7), 31)]     // zeros, 1 | 1: the right padding column is the next row's left one
    [InlineData(nameof(Reflect1), 32)]   // reflect: both padding columns hold values of their own row
    [InlineData(nameof(SameEven), 33)]   // zeros, 1 | 2: more padding right than left, so it can't be shared
    [InlineData(nameof(Reflect2Stride2), 17)] // column stride 2: ceil((30 + 2 + 2) / 2)
    public void Zero_padding_shares_the_right_padding_with_the_next_row(string layer, int planeWidth)
    {
        var g = ConvGeometry.Create(Of(layer).Convolution, 1, 20, 30, tileChannels: 4, tilePixels: 64, tailPixels: 16);
        Assert.Equal(planeWidth, g.PlaneWidth);
    }
}
