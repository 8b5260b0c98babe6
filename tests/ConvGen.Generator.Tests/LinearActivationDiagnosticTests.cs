using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace ConvGen.Generator.Tests;

/// <summary>The Linear and activation layers' diagnostics fire on the offending argument, with PyTorch's words; valid layers are clean.</summary>
public class LinearActivationDiagnosticTests
{
    private const string Prelude = "using ConvGen;\nnamespace App;\n";

    [Theory]
    [InlineData("[Linear({|CONV101:0|}, 10)] public partial class L;")]
    [InlineData("[Linear(10, {|CONV101:-3|})] public partial class L;")]
    [InlineData("[Linear(100000, {|CONV106:100000|})] public partial class L;")]
    [InlineData("[Linear(4, 8, {|CONV005:Activation = (Activation)42|})] public partial class L;")]
    [InlineData("[Linear(4, 8, Activation = Activation.ReLU, {|CONV006:NegativeSlope = 0.2f|})] public partial class L;")]
    [InlineData("[Linear(4, 8, {|CONV001:NegativeSlope = float.NaN|}, Activation = Activation.LeakyReLU)] public partial class L;")]
    [InlineData("[Linear(4, 8)][{|CONV004:ReLU|}] public partial class L;")]
    [InlineData("[Linear(4, 8)] public class {|CONV301:L|} { }")]
    [InlineData("[Linear(4, 8)] public partial class {|CONV307:L|} { public const int InFeatures = 2; }")]
    [InlineData("[Linear(4, 8)] public partial class {|CONV307:L|} { public void Forward(System.ReadOnlySpan<float> x, System.Span<float> y, int rows) { } }")]
    [InlineData("[GELU({|CONV501:Approximate = \"fast\"|})] public partial class L;")]
    [InlineData("[GELU({|CONV501:Approximate = \"Tanh\"|})] public partial class L;")]
    [InlineData("[GELU({|CONV001:Approximate = null|})] public partial class L;")]
    [InlineData("[Dropout({|CONV502:1.5f|})] public partial class L;")]
    [InlineData("[Dropout({|CONV502:P = -0.1f|})] public partial class L;")]
    [InlineData("[Dropout({|CONV001:P = float.PositiveInfinity|})] public partial class L;")]
    [InlineData("[Softmax({|CONV503:Dim = 4|})] public partial class L;")]
    [InlineData("[Softmax({|CONV503:-5|})] public partial class L;")]
    [InlineData("[LeakyReLU({|CONV001:float.NaN|})] public partial class L;")]
    [InlineData("[ReLU] public static partial class {|CONV304:L|};")]
    [InlineData("[Sigmoid] public partial class {|CONV307:L|} { public const int Activation = 1; }")]
    [InlineData("[Softmax] public partial class {|CONV307:L|} { public void Forward(System.ReadOnlySpan<float> x, System.Span<float> y, int r, int f) { } }")]
    [InlineData("[ReLU][{|CONV004:Softmax|}] public partial class L;")]
    public void Fires_on_the_offending_argument(string markup)
    {
        var result = GeneratorHarness.AssertMarkedDiagnostics(Prelude + markup);
        bool error = result.GeneratorDiagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(!error, result.Sources.Length > 0);
    }

    [Theory]
    [InlineData("[Linear(4, 8)] public partial class L;")]
    [InlineData("[Linear(1, 1, Bias = false, Activation = Activation.LeakyReLU, NegativeSlope = -2f)] public partial class L;")]
    [InlineData("[ReLU] public partial class L;")]
    [InlineData("[ReLU6] public partial class L;")]
    [InlineData("[LeakyReLU(NegativeSlope = 0.3f)] public partial class L;")]
    [InlineData("[Sigmoid] public partial class L;")]
    [InlineData("[Tanh] public partial class L;")]
    [InlineData("[Hardsigmoid] public partial class L;")]
    [InlineData("[Hardswish] public partial class L;")]
    [InlineData("[SiLU] public partial class L;")]
    [InlineData("[GELU(Approximate = \"none\")] public partial class L;")]
    [InlineData("[Softmax(-4)] public partial class L;")]
    [InlineData("[Softmax(Dim = 3)] public partial class L;")]
    [InlineData("[Dropout(0f)] public partial class L;")]
    [InlineData("[Dropout(P = 1f)] public partial class L;")]
    public void Valid_layers_build_without_diagnostics(string source)
    {
        GeneratorHarness.AssertCleanLayer(Prelude + source);
    }

    [Theory]
    [InlineData("[Dropout(1.5f)] public partial class L;", "dropout probability has to be between 0 and 1, but got 1.5")]
    [InlineData("[GELU(Approximate = \"fast\")] public partial class L;", "approximate argument must be either none or tanh, but got \"fast\"")]
    [InlineData("[Linear(0, 10)] public partial class L;", "in_features must be a positive integer, but got 0")]
    [InlineData("[Softmax(7)] public partial class L;", "Dimension out of range (expected to be in range of [-4, 3], but got 7): dim must name an axis of the (N, C, H, W) or (rows, features) input")]
    public void Messages_name_the_pytorch_argument_and_the_value(string source, string message)
    {
        var result = GeneratorHarness.Run(Prelude + source);
        Assert.Equal(message, Assert.Single(result.GeneratorDiagnostics).GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }
}
