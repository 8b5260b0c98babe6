using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace ConvGen.Generator.Tests;

/// <summary>Valid declarations get no diagnostic, and what is generated compiles without a single warning.</summary>
public class GeneratedCodeTests
{
    [Theory]
    [InlineData("namespace App; [Conv2d(16, 33, 3, Stride = 2)] public partial class L;")]
    [InlineData("namespace App; [Conv2d(16, 33, new[] { 3, 5 }, Stride = new[] { 2, 1 }, Padding = new[] { 4, 2 })] public partial class L;")]
    [InlineData("namespace App; [Conv2d(16, 33, new[] { 3, 5 }, Stride = new[] { 2, 1 }, Padding = new[] { 4, 2 }, Dilation = new[] { 3, 1 })] public partial class L;")]
    [InlineData("namespace App; [Conv2d(6, 6, 1, Groups = 3, Bias = false)] public partial class L;")]
    [InlineData("namespace App; [Conv2d(144, 144, 3, Padding = 1, Groups = 144)] public partial class L;")]
    [InlineData("namespace App; [Conv2d(32, 64, 3, Groups = 32)] public partial class L;")]
    [InlineData("namespace App; [Conv2d(4, 5, 3, Padding = \"same\", Dilation = 2)] public partial class L;")]
    [InlineData("namespace App; [Conv2d(4, 5, 3, Padding = \"valid\")] public partial class L;")]
    [InlineData("namespace App; [Conv2d(4, 5, 3, Padding = 1, PaddingMode = PaddingMode.Zeros)] public partial class L;")]
    [InlineData("namespace App; [Conv2d(4, 5, 3, Padding = 1, PaddingMode = PaddingMode.Reflect)] public partial class L;")]
    [InlineData("namespace App; [Conv2d(4, 5, 3, Padding = 1, PaddingMode = PaddingMode.Replicate)] public partial class L;")]
    [InlineData("namespace App; [Conv2d(4, 5, 3, Padding = 2, PaddingMode = PaddingMode.Circular, InputHeight = 2, InputWidth = 2)] public partial class L;")]
    [InlineData("namespace App; [Conv2d(1, 8, 5, InputHeight = 28, InputWidth = 28)] public partial class L;")]
    [InlineData("namespace App { [Conv2d(3, 8, 3)] internal partial class L { } }")]
    [InlineData("[Conv2d(3, 8, 3)] public partial class GlobalLayer;")]
    [InlineData("namespace App; public partial class Outer { [Conv2d(3, 8, 3)] private partial class L; }")]
    [InlineData("namespace App; public partial class Outer<T> where T : class { [Conv2d(3, 8, 3)] public partial class L; }")]
    [InlineData("namespace App; public partial struct S { public partial record class R { [Conv2d(3, 8, 3)] public partial class L; } }")]
    [InlineData("namespace App; [Conv2d(3, 8, 3)] public partial class A; [Conv2d(8, 3, 1)] public partial class B;")]
    [InlineData("namespace App; [Conv2d(outChannels: 8, inChannels: 4, kernelSize: 3)] public partial class L;")]
    [InlineData("namespace App; [Conv2d(3, 8, 3)] public sealed partial class L { public int Extra => 1; public override string ToString() => \"L\"; }")]
    public void Valid_declarations_compile_without_warnings(string source)
    {
        var result = GeneratorHarness.Run("using ConvGen;\n" + source);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.NotEmpty(result.Sources);
        var problems = result.OutputDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void A_network_with_Winograd_uses_it_on_the_convolutions_it_serves_and_direct_kernels_elsewhere()
    {
        var result = GeneratorHarness.Run("using ConvGen; namespace App;\n" +
            "[Sequential(InChannels = 64, InputHeight = 16, InputWidth = 16, Algorithm = ConvAlgorithm.Winograd)]\n" +
            "[Conv2d(64, 64, 3, Padding = 1)] [Conv2d(64, 64, 3, Stride = 2, Padding = 1)] [Conv2d(64, 64, 3, Padding = 1, Algorithm = ConvAlgorithm.Direct)]\n" +
            "[Conv2d(64, 64, 1)] [Block(typeof(Res))] [Conv2d(64, 32, 3, Padding = 1)] public partial class Net;\n" +
            "[Residual] [Conv2d(64, 64, 3, Padding = 1)] public class Res;");
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.OutputDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        string Layer(string name) => result.Sources.Single(s => s.HintName.EndsWith($".{name}.g.cs")).SourceText.ToString();
        bool Winograd(string name) => Layer(name).Contains("WinogradDriver.Forward(");
        Assert.True(Winograd("Layer0"));   // 3×3 stride 1: the network's algorithm
        Assert.False(Winograd("Layer1"));  // stride 2: Winograd can't, so direct, with no diagnostic
        Assert.False(Winograd("Layer2"));  // names its own algorithm
        Assert.False(Winograd("Layer3"));  // 1×1
        Assert.True(Winograd("Layer4_0")); // inside a block
        Assert.False(Winograd("Layer5"));  // 32 output channels: Winograd would be slower, so direct
    }

    [Fact]
    public void Generated_file_is_readable_and_deterministic()
    {
        const string source = "using ConvGen; namespace App.Vision; [Conv2d(16, 33, new[] { 3, 5 }, Stride = new[] { 2, 1 }, Padding = new[] { 4, 2 })] public partial class Layer;";
        var first = Assert.Single(GeneratorHarness.Run(source).Sources);
        var second = Assert.Single(GeneratorHarness.Run(source).Sources);
        Assert.Equal("App.Vision.Layer.g.cs", first.HintName);
        string text = first.SourceText.ToString();
        Assert.StartsWith("// <auto-generated/>", text);
        Assert.Contains("#nullable enable", text);
        Assert.Contains("[global::System.CodeDom.Compiler.GeneratedCode(\"ConvGen\"", text);
        Assert.Contains("nn.Conv2d(16, 33, (3, 5), stride=(2, 1), padding=(4, 2))", text);
        foreach (var isa in new[] { "Vector512", "Vector256", "Vector128", "Scalar" })
            Assert.Matches($@"file struct Layer_K3x5S2x1D1G1_\d+x\d+v_{isa} ", text); // parameters, then tile (channels x vectors) and ISA
        Assert.Equal(text, second.SourceText.ToString());
    }

    [Fact]
    public void Nested_and_generic_containers_get_distinct_hint_names()
    {
        var result = GeneratorHarness.Run("using ConvGen; namespace N; public partial class Outer<T> { [Conv2d(1, 1, 1)] public partial class L; } public partial class Other { [Conv2d(1, 1, 1)] public partial class L; }");
        Assert.Equal(new[] { "N.Other.L.g.cs", "N.Outer`1.L.g.cs" }, result.Sources.Select(s => s.HintName).OrderBy(n => n));
    }
}

/// <summary>CONV307 checks the user's class against the generator's list of member names: every member a layer generates must be on it.</summary>
public class GeneratedMemberTests
{
    [Theory]
    [InlineData(1, "[Conv1d(4, 6, 5, Stride = 2, Padding = 2, Activation = Activation.GELU)] public partial class L;")]
    [InlineData(2, "[Conv2d(1, 4, 5, InputHeight = 12, InputWidth = 12)] public partial class L;")]
    [InlineData(2, "[Conv2d(16, 16, 3, Padding = 1, Groups = 16)] public partial class L;")]
    [InlineData(3, "[Conv3d(2, 4, 3, Padding = 1, InputDepth = 4, InputHeight = 5, InputWidth = 6)] public partial class L;")]
    [InlineData(2, "[ConvTranspose2d(4, 2, 3, Stride = 2, OutputPadding = 1)] public partial class L;")]
    [InlineData(1, "[ConvTranspose1d(4, 2, 3, Stride = 2, OutputPadding = 1)] public partial class L;")]
    public void Every_generated_member_is_on_the_list_CONV307_checks(int rank, string declaration)
    {
        var result = GeneratorHarness.Run("using ConvGen;\nnamespace App;\n" + declaration);
        var tree = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(Assert.Single(result.Sources).SourceText);
        var layer = tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.ClassDeclarationSyntax>().First(c => c.Identifier.Text == "L");
        var declared = layer.Members.SelectMany(m => m switch
        {
            Microsoft.CodeAnalysis.CSharp.Syntax.FieldDeclarationSyntax f => f.Declaration.Variables.Select(v => v.Identifier.Text),
            Microsoft.CodeAnalysis.CSharp.Syntax.PropertyDeclarationSyntax p => new[] { p.Identifier.Text },
            Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax m2 => new[] { m2.Identifier.Text },
            _ => System.Array.Empty<string>(),
        }).Where(n => n != "Forward").ToList();
        var members = typeof(ConvGenGenerator).Assembly.GetType("ConvGen.Generator.Layers.Conv.ConvMembers")!;
        var all = (System.Collections.Generic.IReadOnlyCollection<string>)members.GetMethod("All")!.Invoke(null, new object[] { rank })!;
        Assert.NotEmpty(declared);
        Assert.All(declared, name => Assert.Contains(name, all));
    }

    [Fact]
    public void A_lower_case_class_name_warns_only_where_the_user_declared_it()
    {
        var result = GeneratorHarness.Run("using ConvGen;\nnamespace App;\n#pragma warning disable CS8981\n[Conv1d(1, 1, 1)] public partial class layer;\n");
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.OutputDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void A_class_named_with_a_keyword_gets_a_layer_that_compiles()
    {
        var result = GeneratorHarness.Run("using ConvGen;\nnamespace @namespace.App;\n[Conv2d(3, 12, 3)] public partial class @class;\n" +
            "public partial class @struct { [Conv1d(2, 2, 3)] public partial class @int; }\n" +
            "static class Use { static void M() { var c = new @class(new float[12 * 27], new float[12]); c.Forward(new float[27], new float[12], 3, 3); } }");
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Equal(2, result.Sources.Length);
        Assert.Empty(result.OutputDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }
}
