using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Xunit;

namespace ConvGen.CodeFixes.Tests;

/// <summary>
/// Exactly which fixes the light-bulb menu lists, in order, and that every fixed example builds a layer: the generator
/// reports nothing (beyond what a case allows) and its output compiles.
/// </summary>
public class OfferedFixesTests
{
    private static string Layer(string attribute) => $"using ConvGen;\n[{attribute}] public partial class Layer;\n";

    [Theory]
    [InlineData("Conv2d(3, 10, 3, Groups = 3)", "Use Groups = 1|Use outChannels = 9|Use outChannels = 12")]
    [InlineData("Conv2d(32, 64, 3, Groups = 5)", "Use Groups = 4|Use Groups = 8")]
    [InlineData("Conv2d(5, 7, 3, Groups = 3)", "Use Groups = 1")] // two diagnostics on one argument: offered once
    [InlineData("Conv2d(4, 2, 3, Groups = 4)", "Use Groups = 2|Use outChannels = 4")]
    [InlineData("Conv2d(12, 18, 3, Groups = 4)", "Use Groups = 3|Use Groups = 6|Use outChannels = 16|Use outChannels = 20")]
    [InlineData("Conv2d(144, 143, 3, Groups = 144, Padding = 1)", "Use Groups = 1|Use outChannels = 144")] // depthwise typo
    public async Task Groups(string attribute, string expected) =>
        Assert.Equal(expected.Split('|'), await GeneratorRun.OfferedTitlesAsync(new GroupsCodeFix(), Layer(attribute)));

    [Theory]
    [InlineData("Conv2d(3, 8, 3, Stride = 2, Padding = \"same\")", "Remove 'Stride = 2' (stride 1 allows padding \"same\")|Replace \"same\" with Padding = 1")]
    [InlineData("Conv2d(3, 8, new[] { 1, 5 }, Stride = new[] { 2, 1 }, Padding = \"same\")",
        "Remove 'Stride = new[] { 2, 1 }' (stride 1 allows padding \"same\")|Replace \"same\" with Padding = new[] { 0, 2 }")]
    public async Task Same_with_stride(string attribute, string expected) =>
        Assert.Equal(expected.Split('|'), await GeneratorRun.OfferedTitlesAsync(new SameWithStrideCodeFix(), Layer(attribute)));

    [Theory]
    [InlineData("using ConvGen; [Conv2d(3, 8, 3)] public class Layer { }", "Make 'Layer' partial")]
    [InlineData("using ConvGen; class A { public class B { [Conv2d(3, 8, 3)] public partial class Layer; } }", "Make 'A' and 'B' partial")]
    public async Task Partial(string source, string expected)
    {
        var fixers = new CodeFixProvider[] { new MakeLayerPartialCodeFix(), new MakeContainingTypesPartialCodeFix() };
        var titles = new List<string>();
        foreach (var fixer in fixers) titles.AddRange(await GeneratorRun.OfferedTitlesAsync(fixer, source));
        Assert.Equal(new[] { expected }, titles);
    }

    [Fact]
    public async Task Nothing_is_offered_for_a_valid_layer()
    {
        var fixers = new CodeFixProvider[] { new MakeLayerPartialCodeFix(), new MakeContainingTypesPartialCodeFix(), new SameWithStrideCodeFix(), new GroupsCodeFix() };
        string source = Layer("Conv2d(32, 64, 3, Groups = 32, Padding = \"same\")");
        var run = await GeneratorRun.RunAsync(source);
        Assert.Empty(run.Diagnostics);
        foreach (var fixer in fixers) Assert.Empty(await GeneratorRun.OfferedTitlesAsync(fixer, source));
    }

    public static IEnumerable<object[]> AllCases => FixCases.Names(FixCases.All);

    [Theory]
    [MemberData(nameof(AllCases))]
    public async Task Fixed_code_builds_a_layer_with_no_ConvGen_diagnostics(string name)
    {
        var fixCase = FixCases.Named(name);
        var before = await GeneratorRun.RunAsync(Unmarked(fixCase.Before));
        var fixer = (CodeFixProvider)System.Activator.CreateInstance(fixCase.Fixer)!;
        Assert.Contains(before.Diagnostics, d => fixer.FixableDiagnosticIds.Contains(d.Id));

        var after = await GeneratorRun.RunAsync(fixCase.After);
        var allowed = fixCase.AfterDiagnostics.Select(d => d.Id).ToHashSet();
        Assert.Empty(after.Diagnostics.Where(d => !allowed.Contains(d.Id)));
        Assert.Empty(after.OutputDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.True(after.GeneratedSources > 0, "the fixed code generates a layer");
    }

    /// <summary>Drops <c>{|ID:</c> and <c>|}</c> markup.</summary>
    private static string Unmarked(string markup) =>
        System.Text.RegularExpressions.Regex.Replace(markup, @"\{\|[A-Z]+[0-9]+:|\|\}", "");
}
