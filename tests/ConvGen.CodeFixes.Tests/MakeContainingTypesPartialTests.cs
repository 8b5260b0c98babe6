using System.Threading.Tasks;
using Xunit;

namespace ConvGen.CodeFixes.Tests;

/// <summary>CONV302: a type the layer is nested in is not partial → add <c>partial</c> to each one that lacks it.</summary>
public class MakeContainingTypesPartialTests
{
    private static Task Verify(string source, string fixedSource, string title) =>
        new ConvGenFixTest<MakeContainingTypesPartialCodeFix>
        {
            TestCode = source,
            FixedCode = fixedSource,
            CodeActionEquivalenceKey = MakeContainingTypesPartialCodeFix.EquivalenceKey,
            CodeActionIndex = 0,
            ExpectedTitle = title,
        }.RunAsync();

    [Fact]
    public Task Help_page_example() => Verify(
        """
        using ConvGen;

        public class Model
        {
            [Conv2d(3, 8, 3)] public partial class {|CONV302:Stem|};
        }
        """,
        """
        using ConvGen;

        public partial class Model
        {
            [Conv2d(3, 8, 3)] public partial class Stem;
        }
        """,
        "Make 'Model' partial");

    [Fact]
    public Task Every_containing_type_that_lacks_partial_gets_it_and_only_those() => Verify(
        """
        using ConvGen;

        namespace App;

        public static class Outer
        {
            public partial class Model
            {
                internal struct Blocks
                {
                    [Conv2d(3, 8, 3)] public partial class {|CONV302:Stem|};
                }
            }
        }
        """,
        """
        using ConvGen;

        namespace App;

        public static partial class Outer
        {
            public partial class Model
            {
                internal partial struct Blocks
                {
                    [Conv2d(3, 8, 3)] public partial class Stem;
                }
            }
        }
        """,
        "Make 'Outer' and 'Blocks' partial");

    [Fact]
    public Task Records_and_types_without_modifiers() => Verify(
        """
        using ConvGen;

        record Model
        {
            [Conv2d(3, 8, 3)] public partial class {|CONV302:Stem|};
        }
        """,
        """
        using ConvGen;

        partial record Model
        {
            [Conv2d(3, 8, 3)] public partial class Stem;
        }
        """,
        "Make 'Model' partial");

    [Fact]
    public Task Fix_all_edits_a_shared_containing_type_once()
    {
        // Two layers in one non-partial type: two diagnostics, one edit; a second type in another file too.
        var test = new ConvGenFixTest<MakeContainingTypesPartialCodeFix>
        {
            CodeActionEquivalenceKey = MakeContainingTypesPartialCodeFix.EquivalenceKey,
            CodeActionIndex = 0,
            // Fixing the first diagnostic also fixes the second (same containing type).
            NumberOfIncrementalIterations = 2,
        };
        test.TestState.Sources.Add("""
            using ConvGen;
            public class Model
            {
                [Conv2d(3, 8, 3)] public partial class {|CONV302:Stem|};
                [Conv2d(8, 8, 3, Groups = 8, Padding = 1)] public partial class {|CONV302:Depthwise|};
            }
            """);
        test.TestState.Sources.Add("""
            using ConvGen;
            public sealed class Head
            {
                [Conv2d(8, 10, 1)] public partial class {|CONV302:Classifier|};
            }
            """);
        test.FixedState.Sources.Add("""
            using ConvGen;
            public partial class Model
            {
                [Conv2d(3, 8, 3)] public partial class Stem;
                [Conv2d(8, 8, 3, Groups = 8, Padding = 1)] public partial class Depthwise;
            }
            """);
        test.FixedState.Sources.Add("""
            using ConvGen;
            public sealed partial class Head
            {
                [Conv2d(8, 10, 1)] public partial class Classifier;
            }
            """);
        return test.RunAsync();
    }
}
