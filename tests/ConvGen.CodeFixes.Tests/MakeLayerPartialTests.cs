using System.Collections.Generic;
using System.Threading.Tasks;
using Xunit;

namespace ConvGen.CodeFixes.Tests;

/// <summary>CONV301: the layer class is not partial → add <c>partial</c>.</summary>
public class MakeLayerPartialTests
{
    private const string Key = MakeLayerPartialCodeFix.EquivalenceKey;

    public static readonly FixCase[] Cases =
    {
        new("CONV301 help page", typeof(MakeLayerPartialCodeFix),
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
            Key, 0, "Make 'Layer' partial"),
        new("CONV301 after the other modifiers", typeof(MakeLayerPartialCodeFix),
            """
            using ConvGen;

            [Conv2d(3, 8, 3)]
            internal sealed class {|CONV301:Layer|} { }
            """,
            """
            using ConvGen;

            [Conv2d(3, 8, 3)]
            internal sealed partial class Layer { }
            """,
            Key, 0, "Make 'Layer' partial"),
        new("CONV301 no modifiers, indentation kept", typeof(MakeLayerPartialCodeFix),
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
            Key, 0, "Make 'Layer' partial"),
    };

    public static IEnumerable<object[]> Names => FixCases.Names(Cases);

    [Theory]
    [MemberData(nameof(Names))]
    public Task Fix(string name) => FixCases.Named(name).VerifyAsync();

    [Fact]
    public async Task Fix_all_makes_every_layer_in_the_solution_partial()
    {
        var test = new ConvGenFixTest<MakeLayerPartialCodeFix> { CodeActionEquivalenceKey = Key, CodeActionIndex = 0 };
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
