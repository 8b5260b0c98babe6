using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace ConvGen.Generator.Tests;

/// <summary>The pooling attributes' diagnostics (CONV4xx and the shared ones) fire on the offending argument; valid layers get none and compile clean.</summary>
public class PoolDiagnosticTests
{
    private const string Prelude = "using ConvGen;\nnamespace App;\n";

    [Theory]
    [InlineData("[MaxPool2d(3, Stride = 2, {|CONV401:Padding = 2|})] public partial class L;")]
    [InlineData("[MaxPool2d(new[] { 3, 2 }, {|CONV401:Padding = new[] { 1, 2 }|})] public partial class L;")]
    [InlineData("[MaxPool2d(2, Dilation = 1, {|CONV401:Padding = 2|})] public partial class L;")]
    [InlineData("[AvgPool2d(3, {|CONV401:Padding = 3|})] public partial class L;")]
    [InlineData("[MaxPool2d(2, Dilation = 3, {|CONV401:Padding = 2|})] public partial class L;")] // within the effective kernel's half, not the kernel's
    [InlineData("[AvgPool2d(1, {|CONV401:Padding = 1|})] public partial class L;")]
    [InlineData("[MaxPool2d(3, Stride = 2, {|CONV402:InputHeight = 2|}, InputWidth = 8)] public partial class L;")]
    [InlineData("[AvgPool2d(4, InputHeight = 8, {|CONV402:InputWidth = 3|})] public partial class L;")]
    [InlineData("[AvgPool2d(2, {|CONV403:DivisorOverride = 0|})] public partial class L;")]
    [InlineData("[AdaptiveAvgPool2d({|CONV404:-1|})] public partial class L;")]
    [InlineData("[AdaptiveMaxPool2d({|CONV404:new[] { 7, -2 }|})] public partial class L;")]
    [InlineData("[MaxPool2d({|CONV101:0|})] public partial class L;")]
    [InlineData("[MaxPool2d(new[] { 2, 2 }, {|CONV101:Stride = new[] { 1, 0 }|})] public partial class L;")]
    [InlineData("[MaxPool2d(2, {|CONV101:Dilation = 0|})] public partial class L;")]
    [InlineData("[AvgPool2d({|CONV101:new[] { -1, 2 }|})] public partial class L;")]
    [InlineData("[MaxUnpool2d(2, {|CONV101:Stride = -2|})] public partial class L;")]
    [InlineData("[MaxPool2d(3, {|CONV102:Padding = -1|})] public partial class L;")]
    [InlineData("[MaxUnpool2d(3, {|CONV102:Padding = new[] { 0, -1 }|})] public partial class L;")]
    [InlineData("[MaxPool2d(3, {|CONV001:Stride = \"2\"|})] public partial class L;")]
    [InlineData("[AvgPool2d(3, {|CONV001:Padding = \"same\"|})] public partial class L;")]
    [InlineData("[MaxPool2d({|CONV001:new[] { 3, 3, 3 }|})] public partial class L;")]
    [InlineData("[AdaptiveAvgPool2d({|CONV001:new[] { 7 }|})] public partial class L;")]
    [InlineData("[MaxPool2d(2, {|CONV201:InputHeight = 4|})] public partial class L;")]
    [InlineData("[MaxPool2d(2)] public class {|CONV301:L|} { }")]
    [InlineData("[AvgPool2d(2)] public partial class {|CONV307:L|} { public const int KernelHeight = 2; }")]
    [InlineData("[AdaptiveAvgPool2d(1)] public partial class {|CONV307:L|} { public void Forward(System.ReadOnlySpan<float> x, System.Span<float> y, int n, int c, int h, int w) { } }")]
    public void Fires_on_the_offending_argument(string markup)
    {
        var result = GeneratorHarness.AssertMarkedDiagnostics(Prelude + markup);
        Assert.Empty(result.Sources);
    }

    [Theory]
    [InlineData("[MaxPool2d(3, Stride = 2, Padding = 1)] public partial class L;")]
    [InlineData("[MaxPool2d(new[] { 3, 2 }, Stride = new[] { 2, 1 }, Padding = new[] { 1, 1 }, Dilation = new[] { 2, 3 }, CeilMode = true, ReturnIndices = true)] public partial class L;")]
    [InlineData("[MaxPool2d(2, Dilation = 3, Padding = 1)] public partial class L;")]
    [InlineData("[MaxPool2d(2, Stride = 2, InputHeight = 224, InputWidth = 224)] public partial class L;")]
    [InlineData("[AvgPool2d(3, Stride = 2, Padding = 1, CeilMode = true, CountIncludePad = false, DivisorOverride = -4)] public partial class L;")]
    [InlineData("[AvgPool2d(1)] public partial class L;")]
    [InlineData("[MaxUnpool2d(new[] { 2, 3 }, Stride = 2, Padding = 1)] public partial class L;")]
    [InlineData("[AdaptiveAvgPool2d(new[] { 0, 7 })] public partial class L;")]
    [InlineData("[AdaptiveMaxPool2d(1)] public partial class L;")]
    [InlineData("public static partial class Outer { [AdaptiveMaxPool2d(3)] internal partial class @class; }")]
    public void Valid_layers_get_no_diagnostic_and_compile_clean(string declaration)
    {
        GeneratorHarness.AssertCleanLayer(Prelude + declaration);
    }

    [Fact]
    public void Messages_say_what_PyTorch_says()
    {
        var result = GeneratorHarness.Run(Prelude + "[MaxPool2d(3, Dilation = 2, Padding = 3)] public partial class L;");
        Assert.Equal("pad should be at most half of effective kernel size, but got pad=3, kernel_size=3 and dilation=2",
            Assert.Single(result.GeneratorDiagnostics).GetMessage());
        result = GeneratorHarness.Run(Prelude + "[MaxPool2d(3, Dilation = 2, Padding = 2)] public partial class L;");
        Assert.Equal("pad should be smaller than or equal to half of kernel size, but got pad=2, kernel_size=3 and dilation=2",
            Assert.Single(result.GeneratorDiagnostics).GetMessage());
        result = GeneratorHarness.Run(Prelude + "[MaxPool2d(3, InputHeight = 2, InputWidth = 5)] public partial class L;");
        Assert.Equal("Given input size: (2x5). Calculated output size: (0x1). Output size is too small",
            Assert.Single(result.GeneratorDiagnostics).GetMessage());
    }
}
