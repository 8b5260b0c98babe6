using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace ConvGen.Generator.Tests;

/// <summary>An edit that does not touch a layer re-uses every step; the models between steps hold no Roslyn objects.</summary>
public class IncrementalTests
{
    private const string Layer = "using ConvGen; namespace App; [Conv2d(3, 8, 3, Groups = 1)] public partial class L;\n" +
        "[Sequential(InChannels = 1, InputHeight = 8, InputWidth = 8)] [Conv2d(1, 2, 3)] [BatchNorm2d(2)] [ReLU] [Flatten] [Linear(72, 3)] public partial class N;";
    private const string Other = "namespace App; public class Other { public int M() => 1; }";
    private static readonly string[] TrackedSteps = { ConvGenGenerator.Steps.Parse, ConvGenGenerator.Steps.Specs, ConvGenGenerator.Steps.Plan };

    private static (GeneratorDriver Driver, Compilation Compilation) First()
    {
        var compilation = GeneratorHarness.Compile(Layer, Other);
        GeneratorDriver driver = CSharpGeneratorDriver.Create(new[] { new ConvGenGenerator().AsSourceGenerator() },
            parseOptions: GeneratorHarness.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        return (driver.RunGenerators(compilation), compilation);
    }

    private static Compilation Replace(Compilation compilation, int tree, string text) =>
        compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.ElementAt(tree),
            CSharpSyntaxTree.ParseText(text, GeneratorHarness.ParseOptions, path: compilation.SyntaxTrees.ElementAt(tree).FilePath));

    [Fact]
    public void An_unrelated_edit_reuses_every_step_and_the_output()
    {
        var (driver, compilation) = First();
        driver = driver.RunGenerators(Replace(compilation, 1, Other.Replace("=> 1", "=> 2")).AddSyntaxTrees(
            CSharpSyntaxTree.ParseText("namespace App; class Added { }", GeneratorHarness.ParseOptions)));
        var result = driver.GetRunResult().Results.Single();
        foreach (string step in TrackedSteps)
        {
            var outputs = result.TrackedSteps[step].SelectMany(s => s.Outputs).ToList();
            Assert.NotEmpty(outputs);
            Assert.All(outputs, o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {o.Reason}"));
        }

        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));
    }

    [Fact]
    public void Editing_a_block_in_another_file_re_generates_the_network_that_uses_it()
    {
        const string network = "using ConvGen; namespace App; [Sequential(InChannels = 4, InputHeight = 8, InputWidth = 8)] [Block(typeof(B))] public partial class N;";
        const string block = "using ConvGen; namespace App; [Residual] [Conv2d(4, 4, 3, Padding = 1)] public class B;";
        var compilation = GeneratorHarness.Compile(network, block);
        GeneratorDriver driver = CSharpGeneratorDriver.Create(new[] { new ConvGenGenerator().AsSourceGenerator() }, parseOptions: GeneratorHarness.ParseOptions);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out _, out var first);
        Assert.Empty(first);

        driver = driver.RunGeneratorsAndUpdateCompilation(Replace(compilation, 1, block.Replace("Padding = 1", "Padding = 0")), out _, out var second);
        Assert.Equal("CONV712", Assert.Single(second).Id); // 4×6×6 can't be added to the 4×8×8 input
    }

    [Fact]
    public void Changing_an_argument_re_plans_the_layer()
    {
        var (driver, compilation) = First();
        driver = driver.RunGenerators(Replace(compilation, 0, Layer.Replace("Groups = 1", "Groups = 1, Stride = 2")));
        var plan = driver.GetRunResult().Results.Single().TrackedSteps[ConvGenGenerator.Steps.Plan].SelectMany(s => s.Outputs);
        Assert.Contains(plan, o => o.Reason == IncrementalStepRunReason.Modified);
    }

    [Fact]
    public void Pipeline_models_hold_no_symbols_syntax_or_compilations()
    {
        var (driver, _) = First();
        var result = driver.GetRunResult().Results.Single();
        var models = TrackedSteps.SelectMany(s => result.TrackedSteps[s]).SelectMany(s => s.Outputs).Select(o => o.Value).ToList();
        Assert.NotEmpty(models);
        foreach (var model in models) Walk(model, new HashSet<object>(ReferenceEqualityComparer.Instance), model?.GetType().Name ?? "null");
    }

    private static readonly Type[] Forbidden = { typeof(ISymbol), typeof(SyntaxNode), typeof(SemanticModel), typeof(Compilation), typeof(Location), typeof(SyntaxTree) };

    private static void Walk(object? value, HashSet<object> seen, string path)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum) return;
        Assert.False(Forbidden.Any(t => t.IsInstanceOfType(value)), $"{path} holds a {value.GetType().Name}");
        if (!value.GetType().IsValueType && !seen.Add(value)) return;
        if (value is DiagnosticDescriptor) return; // immutable, compared by value; no symbols inside
        if (value is IEnumerable sequence)
        {
            int i = 0;
            foreach (object? item in sequence) Walk(item, seen, $"{path}[{i++}]");
        }

        foreach (var field in value.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            Walk(field.GetValue(value), seen, $"{path}.{field.Name}");
    }
}
