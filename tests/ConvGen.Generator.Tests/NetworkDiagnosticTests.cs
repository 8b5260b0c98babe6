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

    private const string Image16 = "[Sequential(InChannels = 16, InputHeight = 8, InputWidth = 8)]\n";

    [Theory]
    // Where a block is used: what it is, and the shapes its layers and branches get there.
    [InlineData(Image16 + "[{|CONV710:Block(typeof(B))|}] public partial class Net;\npublic class B;")]
    [InlineData(Image16 + "[{|CONV711:Block(typeof(B))|}] public partial class Net;\n[Residual] [Conv2d(16, 16, 1)] [Block(typeof(B))] public class B;")]
    [InlineData(Image16 + "[{|CONV704:Block(typeof(B))|}] public partial class Net;\n[SequentialBlock] [Conv2d(16, 8, 1)] [Conv2d(16, 8, 1)] public class B;")]
    [InlineData(Image16 + "[{|CONV712:Block(typeof(B))|}] public partial class Net;\n[Residual] [Conv2d(16, 8, 1)] public class B;")]
    [InlineData(Image16 + "[{|CONV712:Block(typeof(B))|}] public partial class Net;\n[Residual(Shortcut = typeof(S))] [Conv2d(16, 8, 1)] public class B;\n[SequentialBlock] [Conv2d(16, 8, 1, Stride = 2)] public class S;")]
    [InlineData(Image16 + "[{|CONV712:Block(typeof(B))|}] public partial class Net;\n[SqueezeExcitation] [AdaptiveAvgPool2d(1)] [Conv2d(16, 8, 1)] public class B;")]
    [InlineData(Image16 + "[{|CONV712:Block(typeof(B))|}] public partial class Net;\n[Concat(typeof(L), typeof(R))] public class B;\n[SequentialBlock] [Conv2d(16, 8, 1)] public class L;\n[SequentialBlock] [Conv2d(16, 8, 1, Stride = 2)] public class R;")]
    [InlineData(Image16 + "[{|CONV202:Block(typeof(B))|}] public partial class Net;\n[SequentialBlock] [Conv2d(16, 8, 9)] public class B;")]
    [InlineData(Image16 + "[{|CONV706:Block(typeof(B))|}] public partial class Net;\n[SequentialBlock] [MaxPool2d(2)] [MaxPool2d(2)] [MaxPool2d(2)] [ZeroPad2d(-1, 0, 0, 0)] public class B;")]
    // Where a block is declared: its kind, its layers' own arguments, its shortcut and branches.
    [InlineData(Image16 + "[Block(typeof(B))] public partial class Net;\n[SequentialBlock] [Conv2d(16, 8, {|CONV101:0|})] public class B;")]
    [InlineData(Image16 + "[Block(typeof(B))] public partial class Net;\n[{|CONV713:SequentialBlock|}] public class B;")]
    [InlineData(Image16 + "[Block(typeof(B))] public partial class Net;\n[SequentialBlock] [{|CONV713:Residual|}] [Conv2d(16, 8, 1)] public class B;")]
    [InlineData(Image16 + "[Block(typeof(B))] public partial class Net;\n[Concat(typeof(L))] [{|CONV713:ReLU|}] public class B;\n[SequentialBlock] [Conv2d(16, 8, 1)] public class L;")]
    [InlineData(Image16 + "[Block(typeof(B))] public partial class Net;\n[{|CONV710:Concat(typeof(L))|}] public class B;\npublic class L;")]
    [InlineData(Image16 + "[Block(typeof(B))] public partial class Net;\n[Residual({|CONV710:Shortcut = typeof(S)|})] [Conv2d(16, 16, 1)] public class B;\npublic class S;")]
    [InlineData(Image16 + "[Block(typeof(B))] public partial class Net;\n[SequentialBlock] [Conv2d(16, 8, 1, Name = \"a\")] [{|CONV709:ReLU(Name = \"a\")|}] public class B;")]
    [InlineData(Image16 + "[Block(typeof(B))] public partial class Net;\n[SequentialBlock] [{|CONV710:Block(typeof(C))|}] public class B;\npublic class C;")]
    [InlineData("[{|CONV714:Block(typeof(B))|}] [Block(typeof(B))] public partial class Net;\n[SequentialBlock] [Conv2d(16, 8, 1)] public class B;")]
    public void Block_diagnostics_fire_where_they_belong(string markup)
    {
        var result = GeneratorHarness.AssertMarkedDiagnostics(Prelude + markup);
        Assert.Empty(result.Sources);
    }

    [Theory]
    [InlineData("[Residual] [Conv2d(16, 8, 1)] public class B;",
        "Here the residual block B adds its layers' output 8×8×8 to its input, 16×8×8; they must be the same shape")]
    [InlineData("[SequentialBlock] [Conv2d(16, 8, 1, Name = \"conv\")] [Conv2d(16, 8, 1, Name = \"proj\")] public class B;",
        "Conv2d 'b.proj' expects 16 input channels but 'b.conv' (Conv2d) gives 8 (8×8×8)")]
    public void Block_messages_name_the_layers_and_shapes(string block, string message)
    {
        var result = GeneratorHarness.Run(Prelude + Image16 + "[Block(typeof(B), Name = \"b\")] public partial class Net;\n" + block);
        Assert.Equal(message, Assert.Single(result.GeneratorDiagnostics).GetMessage(System.Globalization.CultureInfo.InvariantCulture));
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
