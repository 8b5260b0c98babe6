using System.Threading.Tasks;
using Xunit;

namespace ConvGen.CodeFixes.Tests;

/// <summary>CONV301: the layer class is not partial → add <c>partial</c>.</summary>
public class MakeLayerPartialTests
{
    private static Task Verify(string source, string fixedSource, string title) =>
        new ConvGenFixTest<MakeLayerPartialCodeFix>
        {
            TestCode = source,
            FixedCode = fixedSource,
            CodeActionEquivalenceKey = MakeLayerPartialCodeFix.EquivalenceKey,
            CodeActionIndex = 0,
            ExpectedTitle = title,
        }.RunAsync();

    [Fact]
    public Task Adds_partial_after_the_other_modifiers() => Verify(
        """
        using ConvGen;

        [Conv2d(3, 8, 3)]
        public sealed class {|CONV301:Layer|} { }
        """,
        """
        using ConvGen;

        [Conv2d(3, 8, 3)]
        public sealed partial class Layer { }
        """,
        "Make 'Layer' partial");

    [Fact]
    public Task Adds_partial_to_a_class_without_modifiers_keeping_its_indentation() => Verify(
        """
        using ConvGen;

        namespace App
        {
            [Conv2d(3, 8, 3)]
            class {|CONV301:Layer|}
            {
            }
        }
        """,
        """
        using ConvGen;

        namespace App
        {
            [Conv2d(3, 8, 3)]
            partial class Layer
            {
            }
        }
        """,
        "Make 'Layer' partial");

    [Fact]
    public Task Help_page_example() => Verify(
        """
        using ConvGen;

        [Conv2d(3, 8, 3)]
        public class {|CONV301:Layer|} { }
        """,
        """
        using ConvGen;

        [Conv2d(3, 8, 3)]
        public partial class Layer { }
        """,
        "Make 'Layer' partial");

    [Fact]
    public async Task Fix_all_makes_every_layer_in_the_solution_partial()
    {
        var test = new ConvGenFixTest<MakeLayerPartialCodeFix>
        {
            CodeActionEquivalenceKey = MakeLayerPartialCodeFix.EquivalenceKey,
            CodeActionIndex = 0,
        };
        test.TestState.Sources.Add("""
            using ConvGen;
            [Conv2d(3, 8, 3)] public class {|CONV301:A|} { }
            [Conv2d(8, 8, 1, Groups = 8)] internal class {|CONV301:B|} { }
            """);
        test.TestState.Sources.Add("""
            using ConvGen;
            [Conv2d(8, 16, 3, Stride = 2, Padding = 1)] public sealed class {|CONV301:C|} { }
            """);
        test.FixedState.Sources.Add("""
            using ConvGen;
            [Conv2d(3, 8, 3)] public partial class A { }
            [Conv2d(8, 8, 1, Groups = 8)] internal partial class B { }
            """);
        test.FixedState.Sources.Add("""
            using ConvGen;
            [Conv2d(8, 16, 3, Stride = 2, Padding = 1)] public sealed partial class C { }
            """);
        await test.RunAsync();
    }
}
