using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace ConvGen.Generator.Tests;

/// <summary>The CONV6xx attributes' diagnostics (and the shared ones) fire on the offending argument; valid layers get none and compile clean.</summary>
public class NormShapeDiagnosticTests
{
    private const string Prelude = "using ConvGen;\nnamespace App;\n";

    [Theory]
    [InlineData("[Flatten({|CONV601:StartDim = 2|}, EndDim = 1)] public partial class L;")]
    [InlineData("[Flatten({|CONV601:StartDim = -1|}, EndDim = -2)] public partial class L;")]
    [InlineData("[Flatten({|CONV601:StartDim = 3|}, EndDim = -3)] public partial class L;")]
    [InlineData("[BatchNorm2d(64, {|CONV602:TrackRunningStats = false|})] public partial class L;")]
    [InlineData("[Flatten({|CONV603:StartDim = 4|})] public partial class L;")]
    [InlineData("[Flatten(StartDim = 0, {|CONV603:EndDim = -5|})] public partial class L;")]
    [InlineData("[BatchNorm2d({|CONV101:0|})] public partial class L;")]
    [InlineData("[BatchNorm2d({|CONV101:-3|})] public partial class L;")]
    [InlineData("[BatchNorm2d(8, {|CONV001:Eps = double.NaN|})] public partial class L;")]
    [InlineData("[BatchNorm2d(8, {|CONV001:Eps = double.PositiveInfinity|})] public partial class L;")]
    [InlineData("[ReflectionPad2d({|CONV001:new[] { 1, 2 }|})] public partial class L;")]
    [InlineData("[ReplicationPad2d({|CONV001:\"same\"|})] public partial class L;")]
    [InlineData("[ConstantPad2d({|CONV001:1.5|}, 0)] public partial class L;")]
    [InlineData("[ConstantPad2d({|CONV001:new[] { 1, 2, 3, 4, 5 }|}, 0)] public partial class L;")]
    [InlineData("[ZeroPad2d(1)] public class {|CONV301:L|} { }")]
    [InlineData("[BatchNorm2d(4)] public partial class {|CONV307:L|} { public const float Eps = 1; }")]
    [InlineData("[ZeroPad2d(1)] public partial class {|CONV307:L|} { public static int GetOutputHeight(int h) => h; }")]
    [InlineData("[Flatten] public partial class {|CONV307:L|} { public const int OutputRank = 1; }")]
    [InlineData("[ZeroPad2d(1)][{|CONV004:BatchNorm2d(3)|}] public partial class L;")]
    public void Fires_on_the_offending_argument(string markup)
    {
        var result = GeneratorHarness.AssertMarkedDiagnostics(Prelude + markup);
        Assert.Empty(result.Sources);
    }

    [Theory]
    [InlineData("[BatchNorm2d(64)] public partial class L;")]
    [InlineData("[BatchNorm2d(3, Eps = 1e-3, Momentum = 0.01, Affine = false)] public partial class L;")]
    [InlineData("[BatchNorm2d(1, Eps = 0, TrackRunningStats = true)] public partial class L;")]
    [InlineData("[ZeroPad2d(2)] public partial class L;")]
    [InlineData("[ZeroPad2d(0, 1, 0, 1)] public partial class L;")]
    [InlineData("[ZeroPad2d(-1, -2, 3, -4)] public partial class L;")]
    [InlineData("[ConstantPad2d(new[] { 1, -2, 0, 3 }, double.NaN)] public partial class L;")]
    [InlineData("[ConstantPad2d(3, -1.5f)] public partial class L;")]
    [InlineData("[ReflectionPad2d(new[] { 3, 0, -1, 2 })] public partial class L;")]
    [InlineData("[ReplicationPad2d(1)] public partial class L;")]
    [InlineData("[Flatten] public partial class L;")]
    [InlineData("[Flatten(StartDim = -4, EndDim = 0)] public partial class L;")]
    [InlineData("[Flatten(StartDim = 2, EndDim = -2)] public partial class L;")]
    [InlineData("public static partial class Outer { [ReflectionPad2d(1)] internal partial class @class; }")]
    [InlineData("public partial class Outer2 { [BatchNorm2d(8, Affine = false)] private partial class Bn; }")]
    public void Valid_layers_get_no_diagnostic_and_compile_clean(string declaration)
    {
        GeneratorHarness.AssertCleanLayer(Prelude + declaration);
    }

    [Fact]
    public void Messages_say_what_PyTorch_says()
    {
        var result = GeneratorHarness.Run(Prelude + "[Flatten(StartDim = 2, EndDim = 1)] public partial class L;");
        Assert.StartsWith("flatten() has invalid args: start_dim cannot come after end_dim", Assert.Single(result.GeneratorDiagnostics).GetMessage());
        result = GeneratorHarness.Run(Prelude + "[Flatten(EndDim = 4)] public partial class L;");
        Assert.StartsWith("Dimension out of range (expected to be in range of [-4, 3], but got 4)", Assert.Single(result.GeneratorDiagnostics).GetMessage());
        result = GeneratorHarness.Run(Prelude + "[BatchNorm2d(8, Eps = double.NaN)] public partial class L;");
        Assert.Equal("eps must be a finite number, but got NaN", Assert.Single(result.GeneratorDiagnostics).GetMessage());
    }
}
