using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace ConvGen.Generator.Tests;

/// <summary>Each diagnostic fires on a minimal snippet, exactly on the marked span, and nothing else of ours fires.</summary>
public class DiagnosticTests
{
    private const string Prelude = "using ConvGen;\nnamespace App;\n";

    [Theory]
    // Attribute form.
    [InlineData("[Conv2d(3, 8, 3, {|CONV001:Stride = \"2\"|})] public partial class L;")]
    [InlineData("[Conv2d(3, 8, 3, {|CONV001:Padding = 1.5|})] public partial class L;")]
    [InlineData("[Conv2d(3, 8, 3, {|CONV001:Dilation = new[] { 1, 2, 3 }|})] public partial class L;")]
    [InlineData("[Conv2d(3, 8, {|CONV001:new[] { 3, 5, 7 }|})] public partial class L;")]
    [InlineData("[Conv2d(3, 8, 3, {|CONV001:Stride = null|})] public partial class L;")]
    [InlineData("[Conv2d(3, 8, 3, {|CONV001:Padding = typeof(int)|})] public partial class L;")]
    [InlineData("[Conv2d(3, 8, 3, {|CONV002:Padding = \"full\"|})] public partial class L;")]
    [InlineData("[Conv2d(3, 8, 3, {|CONV002:Padding = \"SAME\"|})] public partial class L;")]
    [InlineData("[Conv2d(3, 8, 3, {|CONV003:PaddingMode = (PaddingMode)7|})] public partial class L;")]
    // Hyper-parameters.
    [InlineData("[Conv2d({|CONV101:0|}, 8, 3)] public partial class L;")]
    [InlineData("[Conv2d(3, {|CONV101:-8|}, 3)] public partial class L;")]
    [InlineData("[Conv2d(3, 8, {|CONV101:0|})] public partial class L;")]
    [InlineData("[Conv2d(3, 8, {|CONV101:new[] { 3, 0 }|})] public partial class L;")]
    [InlineData("[Conv2d(3, 8, 3, {|CONV101:Stride = 0|})] public partial class L;")]
    [InlineData("[Conv2d(3, 8, 3, {|CONV101:Stride = new[] { 1, -1 }|})] public partial class L;")]
    [InlineData("[Conv2d(3, 8, 3, {|CONV101:Dilation = 0|})] public partial class L;")]
    [InlineData("[Conv2d(3, 8, 3, {|CONV101:Groups = 0|})] public partial class L;")]
    [InlineData("[Conv2d(3, 8, 3, {|CONV102:Padding = -1|})] public partial class L;")]
    [InlineData("[Conv2d(3, 8, 3, {|CONV102:Padding = new[] { 1, -2 }|})] public partial class L;")]
    [InlineData("[Conv2d(3, 10, 3, {|CONV103:Groups = 3|})] public partial class L;")] // the design card's example
    [InlineData("[Conv2d(4, 6, 3, {|CONV103:Groups = 4|})] public partial class L;")]
    [InlineData("[Conv2d(3, 8, 3, {|CONV104:Padding = \"same\"|}, Stride = 2)] public partial class L;")]
    [InlineData("[Conv2d(3, 8, 3, Stride = new[] { 1, 2 }, {|CONV104:Padding = \"same\"|})] public partial class L;")]
    [InlineData("[Conv2d(3, 8, 4, {|CONV105:Padding = \"same\"|})] public partial class L;")]
    [InlineData("[Conv2d(3, 8, new[] { 3, 2 }, {|CONV105:Padding = \"same\"|}, PaddingMode = PaddingMode.Reflect)] public partial class L;")]
    [InlineData("[Conv2d(100000, {|CONV106:100000|}, 10)] public partial class L;")]
    // Fixed input size.
    [InlineData("[Conv2d(3, 8, 3, {|CONV201:InputHeight = 28|})] public partial class L;")]
    [InlineData("[Conv2d(3, 8, 3, InputHeight = 28, {|CONV201:InputWidth = -1|})] public partial class L;")]
    [InlineData("[Conv2d(3, 8, 5, {|CONV202:InputHeight = 3|}, InputWidth = 8)] public partial class L;")]
    [InlineData("[Conv2d(3, 8, 5, Padding = 1, InputHeight = 8, {|CONV202:InputWidth = 2|})] public partial class L;")]
    [InlineData("[Conv2d(3, 8, 5, Padding = 2, PaddingMode = PaddingMode.Reflect, {|CONV203:InputHeight = 2|}, InputWidth = 8)] public partial class L;")]
    [InlineData("[Conv2d(3, 8, 5, Padding = 2, PaddingMode = PaddingMode.Circular, InputHeight = 4, {|CONV204:InputWidth = 1|})] public partial class L;")]
    // Conv1d, Conv3d, transposed convolutions, activations: the same rules per axis, and the transposed ones' own.
    [InlineData("[Conv1d(3, 8, 3, {|CONV001:Stride = new[] { 1, 2 }|})] public partial class L;")]
    [InlineData("[Conv3d(3, 8, {|CONV001:new[] { 3, 3 }|})] public partial class L;")]
    [InlineData("[Conv3d(3, 8, 3, {|CONV001:Padding = new[] { 1, 1 }|})] public partial class L;")]
    [InlineData("[Conv1d(3, 8, {|CONV101:0|})] public partial class L;")]
    [InlineData("[Conv3d(3, 8, 3, {|CONV101:Dilation = new[] { 1, 0, 1 }|})] public partial class L;")]
    [InlineData("[Conv1d(3, 8, 3, {|CONV103:Groups = 2|})] public partial class L;")]
    [InlineData("[Conv3d(4, 8, 3, {|CONV104:Padding = \"same\"|}, Stride = new[] { 1, 1, 2 })] public partial class L;")]
    [InlineData("[Conv1d(3, 8, 4, {|CONV105:Padding = \"same\"|})] public partial class L;")]
    [InlineData("[Conv3d(3, 8, 3, {|CONV201:InputDepth = 4|}, InputHeight = 4)] public partial class L;")]
    [InlineData("[Conv3d(3, 8, 5, InputDepth = 8, {|CONV202:InputHeight = 3|}, InputWidth = 8)] public partial class L;")]
    [InlineData("[Conv2d(3, 8, 3, {|CONV005:Activation = (Activation)42|})] public partial class L;")]
    [InlineData("[Conv1d(3, 8, 3, Activation = Activation.ReLU, {|CONV006:NegativeSlope = 0.2f|})] public partial class L;")]
    [InlineData("[Conv3d(3, 8, 3, {|CONV006:NegativeSlope = 0.2f|})] public partial class L;")]
    [InlineData("[ConvTranspose2d(3, 8, 3, {|CONV102:OutputPadding = -1|})] public partial class L;")]
    [InlineData("[ConvTranspose2d(3, 8, 3, Stride = 2, {|CONV107:OutputPadding = 2|})] public partial class L;")]
    [InlineData("[ConvTranspose1d(3, 8, 3, {|CONV107:OutputPadding = 1|})] public partial class L;")]
    [InlineData("[ConvTranspose2d(3, 8, 3, Padding = 1, {|CONV108:PaddingMode = PaddingMode.Reflect|})] public partial class L;")]
    [InlineData("[ConvTranspose3d(3, 8, 3, {|CONV109:Padding = \"same\"|})] public partial class L;")]
    [InlineData("[ConvTranspose2d(3, 10, 3, {|CONV103:Groups = 3|})] public partial class L;")]
    [InlineData("[Conv2d(3, 8, 3, {|CONV007:Algorithm = (ConvAlgorithm)7|})] public partial class L;")]
    [InlineData("[Conv2d(3, 8, 5, Padding = 2, {|CONV110:Algorithm = ConvAlgorithm.Winograd|})] public partial class L;")]
    [InlineData("[Conv2d(3, 8, 3, Stride = 2, {|CONV110:Algorithm = ConvAlgorithm.Winograd|})] public partial class L;")]
    [InlineData("[Conv2d(3, 8, 3, Dilation = 2, {|CONV110:Algorithm = ConvAlgorithm.Winograd|})] public partial class L;")]
    [InlineData("[Conv2d(8, 8, 3, Groups = 8, {|CONV110:Algorithm = ConvAlgorithm.Winograd|})] public partial class L;")]
    [InlineData("[Conv2d(3, 8, 3, Padding = 1, PaddingMode = PaddingMode.Reflect, {|CONV110:Algorithm = ConvAlgorithm.Winograd|})] public partial class L;")]
    // Declaration.
    [InlineData("[Conv2d(3, 8, 3)] public class {|CONV301:L|} { }")]
    [InlineData("public class Outer { [Conv2d(3, 8, 3)] public partial class {|CONV302:L|}; }")]
    [InlineData("[Conv2d(3, 8, 3)] public partial class {|CONV303:L|}<T>;")]
    [InlineData("[Conv2d(3, 8, 3)] public static partial class {|CONV304:L|};")]
    [InlineData("[Conv2d(3, 8, 3)] public partial record {|CONV305:L|};")]
    [InlineData("[Conv2d(3, 8, 3)] file partial class {|CONV306:L|};")]
    [InlineData("[Conv2d(3, 8, 3)] public partial class {|CONV307:L|} { public void Forward(System.ReadOnlySpan<float> x, System.Span<float> y, int h, int w) { } }")]
    [InlineData("[Conv2d(3, 8, 3)] public partial class {|CONV307:L|} { public const int Groups = 2; }")]
    public void Fires_on_the_offending_argument(string markup)
    {
        var result = GeneratorHarness.AssertMarkedDiagnostics(Prelude + markup);
        Assert.All(result.GeneratorDiagnostics, d => Assert.False(string.IsNullOrEmpty(d.Descriptor.HelpLinkUri)));
        // An error stops generation; the warning does not.
        bool error = result.GeneratorDiagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(!error, result.Sources.Length > 0);
    }

    [Fact]
    public void Duplicate_attributes_are_one_diagnostic_on_the_second()
    {
        // AllowMultiple = false: the compiler reports CS0579 too; ours says why in terms of layers.
        var (source, expected) = GeneratorHarness.ParseMarkup(Prelude + "[Conv2d(3, 8, 3)][{|CONV004:Conv2d(3, 8, 5)|}] public partial class L;");
        var result = GeneratorHarness.Run(source);
        Assert.Equal(expected, result.GeneratorDiagnostics.Select(d => (d.Id, d.Location.SourceSpan)).ToList());
        Assert.Empty(result.Sources);
    }

    [Fact]
    public void Two_different_layer_attributes_are_one_diagnostic_on_the_second()
    {
        var (source, expected) = GeneratorHarness.ParseMarkup(Prelude + "[Conv1d(3, 8, 3)][{|CONV004:Conv2d(3, 8, 3)|}] public partial class L;");
        var result = GeneratorHarness.Run(source);
        Assert.Equal(expected, result.GeneratorDiagnostics.Select(d => (d.Id, d.Location.SourceSpan)).ToList());
        Assert.Equal("'L' has more than one layer attribute ([Conv1d] and [Conv2d]); a class is one layer, or a network when it also has [Sequential]", result.GeneratorDiagnostics[0].GetMessage());
        Assert.Empty(result.Sources);
    }

    [Fact]
    public void Messages_name_the_pytorch_argument_and_both_values()
    {
        var result = GeneratorHarness.Run(Prelude + "[Conv2d(3, 10, 3, Groups = 3)] public partial class L;");
        Assert.Equal("out_channels (10) must be divisible by groups (3)", Assert.Single(result.GeneratorDiagnostics).GetMessage());
        result = GeneratorHarness.Run(Prelude + "[Conv2d(3, 8, 3, Stride = \"2\")] public partial class L;");
        Assert.Equal("stride must be an int or a pair new[] { height, width }, but got \"2\"", Assert.Single(result.GeneratorDiagnostics).GetMessage());
    }

    [Fact]
    public void Every_descriptor_has_a_help_page()
    {
        var ids = typeof(ConvGenGenerator).Assembly.GetTypes()
            .Single(t => t.Name == "DiagnosticDescriptors")
            .GetFields().Select(f => (DiagnosticDescriptor)f.GetValue(null)!).ToList();
        string docs = System.IO.Path.Combine(RepoRoot(), "docs", "diagnostics");
        // And the other way: every help page belongs to a descriptor, but CONV900 (the MSBuild target's) and CONV8xx
        // (the ONNX importer's: ConvGen.Onnx.Tests checks those against OnnxDiagnostics).
        var pages = System.IO.Directory.GetFiles(docs, "CONV*.md").Select(System.IO.Path.GetFileNameWithoutExtension)
            .Where(id => id != "CONV900" && !id!.StartsWith("CONV8", System.StringComparison.Ordinal));
        Assert.Equal(pages.OrderBy(p => p), ids.Select(d => d.Id).OrderBy(id => id));
        foreach (var d in ids)
        {
            Assert.EndsWith($"/docs/diagnostics/{d.Id}.md", d.HelpLinkUri);
            Assert.True(System.IO.File.Exists(System.IO.Path.Combine(docs, d.Id + ".md")), $"missing help page for {d.Id}");
        }
    }

    internal static string RepoRoot()
    {
        var dir = new System.IO.DirectoryInfo(System.AppContext.BaseDirectory);
        while (dir is not null && !System.IO.File.Exists(System.IO.Path.Combine(dir.FullName, "ConvGen.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new System.InvalidOperationException("ConvGen.sln not found above the test binaries");
    }
}
