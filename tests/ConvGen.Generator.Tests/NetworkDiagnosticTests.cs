using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace ConvGen.Generator.Tests;

/// <summary>A network's diagnostics (CONV7xx, and its layers' own) fire on the offending attribute and say what was expected and found.</summary>
public class NetworkDiagnosticTests
{
    private const string Prelude = "using ConvGen;\nnamespace App;\n";
    private const string Mnist = "[Sequential(InChannels = 1, InputHeight = 28, InputWidth = 28)]\n";

    [Theory]
    [InlineData(Mnist + "public partial class {|CONV701:Net|};")]
    [InlineData("[{|CONV702:Sequential(InChannels = 3, InputHeight = 32)|}] [ReLU] public partial class Net;")]
    [InlineData("[{|CONV702:Sequential(InChannels = 3, InputHeight = 32, InputWidth = 32, InFeatures = 10)|}] [ReLU] public partial class Net;")]
    [InlineData(Mnist + "[Conv2d(1, 6, 5)] [MaxPool2d(2)] [{|CONV704:Conv2d(16, 32, 3)|}] public partial class Net;")]
    [InlineData(Mnist + "[Conv2d(1, 6, 5)] [{|CONV704:BatchNorm2d(8)|}] public partial class Net;")]
    [InlineData(Mnist + "[Conv2d(1, 6, 5)] [Flatten] [{|CONV705:Linear(100, 10)|}] public partial class Net;")]
    [InlineData(Mnist + "[Conv2d(1, 6, 5)] [{|CONV707:Linear(24, 10)|}] public partial class Net;")]
    [InlineData(Mnist + "[Flatten] [{|CONV707:Conv2d(1, 6, 5)|}] public partial class Net;")]
    [InlineData(Mnist + "[Conv2d(1, 6, 5)] [{|CONV708:Conv1d(6, 6, 3)|}] public partial class Net;")]
    [InlineData(Mnist + "[{|CONV708:Flatten(StartDim = 2)|}] public partial class Net;")]
    [InlineData(Mnist + "[{|CONV708:Softmax(0)|}] public partial class Net;")]
    [InlineData(Mnist + "[Conv2d(1, 6, 5, Name = \"a\")] [{|CONV709:ReLU(Name = \"a\")|}] public partial class Net;")]
    [InlineData(Mnist + "[{|CONV706:ZeroPad2d(-14, -14, 0, 0)|}] public partial class Net;")]
    [InlineData(Mnist + "[MaxPool2d(7)] [MaxPool2d(4)] [{|CONV402:MaxPool2d(2)|}] public partial class Net;")]
    [InlineData(Mnist + "[Conv2d(1, 6, 5)] [{|CONV202:Conv2d(6, 6, 25)|}] public partial class Net;")]
    // The layers' own checks still run, on their arguments.
    [InlineData(Mnist + "[Conv2d(1, 6, {|CONV101:0|})] public partial class Net;")]
    [InlineData(Mnist + "[Conv2d(1, 6, 5)] public class {|CONV301:Net|} { }")]
    [InlineData(Mnist + "[Conv2d(1, 6, 5)] public partial class {|CONV308:Net|}(int id);")]
    [InlineData(Mnist + "[Conv2d(1, 6, 5)] public partial class {|CONV307:Net|} { public const int InputLength = 1; }")]
    // Without [Sequential], two layer attributes are still one too many.
    [InlineData("[ReLU] [{|CONV004:ReLU|}] public partial class L;")]
    public void Fires_on_the_offending_attribute(string markup)
    {
        var result = GeneratorHarness.AssertMarkedDiagnostics(Prelude + markup);
        Assert.Empty(result.Sources);
    }

    [Fact]
    public void Layers_on_two_partial_declarations_are_an_error()
    {
        var result = GeneratorHarness.Run(Prelude + Mnist + "[Conv2d(1, 6, 5)] public partial class Net;\n[ReLU] public partial class Net;");
        Assert.Equal("CONV703", Assert.Single(result.GeneratorDiagnostics).Id);
        Assert.Empty(result.Sources);
    }

    [Theory]
    [InlineData("[Conv2d(1, 6, 5)] [MaxPool2d(2)] [Conv2d(6, 16, 5)] [MaxPool2d(2)] [Flatten] [Linear(400, 120)]",
        "Linear expects 400 features but layer 4 (Flatten) gives 16×4×4 = 256")]
    [InlineData("[Conv2d(1, 6, 5)] [MaxPool2d(2)] [Conv2d(16, 32, 3)]",
        "Conv2d expects 16 input channels but layer 1 (MaxPool2d) gives 6 (6×12×12)")]
    [InlineData("[Conv2d(1, 6, 5)] [Linear(24, 10)]",
        "Linear needs features (in_features) but layer 0 (Conv2d) gives a 6×24×24 image; put [Flatten] before it")]
    public void Messages_name_both_shapes(string layers, string message)
    {
        var result = GeneratorHarness.Run(Prelude + Mnist + layers + " public partial class Net;");
        Assert.Equal(message, Assert.Single(result.GeneratorDiagnostics).GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_valid_network_generates_its_class_and_one_file_per_computing_layer()
    {
        var result = GeneratorHarness.Run(Prelude + Mnist +
            "[Conv2d(1, 6, 5, Padding = 2)] [BatchNorm2d(6)] [ReLU] [MaxPool2d(2)] [Dropout] [Flatten] [Linear(1176, 10)] public partial class Net;");
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.DoesNotContain(result.OutputDiagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
        // Net, Net.Layer0 (conv + folded norm + ReLU), Net.Layer3 (pool), Net.Layer6 (linear): BatchNorm, ReLU, Dropout
        // and Flatten have no class of their own.
        Assert.Equal(new[] { "App.Net.g.cs", "App.Net.Layer0.g.cs", "App.Net.Layer3.g.cs", "App.Net.Layer6.g.cs" }.Order(),
            result.Sources.Select(s => s.HintName).Order());
    }
}
