using System.Collections.Generic;
using System.Threading.Tasks;
using Xunit;

namespace ConvGen.CodeFixes.Tests;

/// <summary>CONV302: a type the layer is nested in is not partial → add <c>partial</c> to each one that lacks it.</summary>
public class MakeContainingTypesPartialTests
{
    private const string Key = MakeContainingTypesPartialCodeFix.EquivalenceKey;

    public static readonly FixCase[] Cases =
    {
        new("CONV302 help page", typeof(MakeContainingTypesPartialCodeFix),
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
            Key, 0, "Make 'Model' partial"),
        new("CONV302 every containing type that lacks partial, and only those", typeof(MakeContainingTypesPartialCodeFix),
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
            Key, 0, "Make 'Outer' and 'Blocks' partial"),
        new("CONV302 record without modifiers", typeof(MakeContainingTypesPartialCodeFix),
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
            Key, 0, "Make 'Model' partial"),
    };

    public static IEnumerable<object[]> Names => FixCases.Names(Cases);

    [Theory]
    [MemberData(nameof(Names))]
    public Task Fix(string name) => FixCases.Named(name).VerifyAsync();

    [Fact]
    public Task Fix_all_edits_a_shared_containing_type_once()
    {
        // Two layers in one non-partial type: two diagnostics, one edit; a second type in another file too.
        var test = new ConvGenFixTest<MakeContainingTypesPartialCodeFix>
        {
            CodeActionEquivalenceKey = Key,
            CodeActionIndex = 0,
            // Exactly two: fixing Stem's diagnostic fixes Depthwise's too (same containing type), then Head.
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
