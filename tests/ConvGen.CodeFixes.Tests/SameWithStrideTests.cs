using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace ConvGen.CodeFixes.Tests;

/// <summary>CONV104: <c>Padding = "same"</c> with a stride above 1 → drop the stride, or write the padding as numbers.</summary>
public class SameWithStrideTests
{
    private const string Remove = SameWithStrideCodeFix.RemoveStrideKey;
    private const string Explicit = SameWithStrideCodeFix.ExplicitPaddingKey;

    private const string HelpPageWrong = """
        using ConvGen;

        [Conv2d(3, 8, 3, Stride = 2, {|CONV104:Padding = "same"|})]
        public partial class Layer;
        """;

    public static readonly FixCase[] Cases =
    {
        new("CONV104 help page: explicit padding", typeof(SameWithStrideCodeFix),
            HelpPageWrong,
            """
            using ConvGen;

            [Conv2d(3, 8, 3, Stride = 2, Padding = 1)]
            public partial class Layer;
            """,
            Explicit, 1, "Replace \"same\" with Padding = 1"),
        new("CONV104 help page: remove the stride", typeof(SameWithStrideCodeFix),
            HelpPageWrong,
            """
            using ConvGen;

            [Conv2d(3, 8, 3, Padding = "same")]
            public partial class Layer;
            """,
            Remove, 0, "Remove 'Stride = 2' (stride 1 allows padding \"same\")"),
        new("CONV104 Conv3d: explicit padding per axis", typeof(SameWithStrideCodeFix),
            """
            using ConvGen;

            [Conv3d(3, 8, new[] { 3, 5, 1 }, Stride = new[] { 1, 2, 2 }, Dilation = new[] { 2, 1, 1 }, {|CONV104:Padding = "same"|})]
            public partial class Layer;
            """,
            """
            using ConvGen;

            [Conv3d(3, 8, new[] { 3, 5, 1 }, Stride = new[] { 1, 2, 2 }, Dilation = new[] { 2, 1, 1 }, Padding = new[] { 2, 2, 0 })]
            public partial class Layer;
            """,
            Explicit, 1, "Replace \"same\" with Padding = new[] { 2, 2, 0 }"),
        new("CONV104 remove the last argument", typeof(SameWithStrideCodeFix),
            """
            using ConvGen;

            [Conv2d(3, 8, 5, {|CONV104:Padding = "same"|}, Stride = new[] { 1, 2 })]
            public partial class Layer;
            """,
            """
            using ConvGen;

            [Conv2d(3, 8, 5, Padding = "same")]
            public partial class Layer;
            """,
            Remove, 0, "Remove 'Stride = new[] { 1, 2 }' (stride 1 allows padding \"same\")"),
        new("CONV104 remove from a multi-line attribute", typeof(SameWithStrideCodeFix),
            """
            using ConvGen;

            [Conv2d(16, 32, 3,
                Stride = 2,
                {|CONV104:Padding = "same"|},
                PaddingMode = PaddingMode.Reflect)]
            public partial class Layer;
            """,
            """
            using ConvGen;

            [Conv2d(16, 32, 3,
                Padding = "same",
                PaddingMode = PaddingMode.Reflect)]
            public partial class Layer;
            """,
            Remove, 0, "Remove 'Stride = 2' (stride 1 allows padding \"same\")"),
        new("CONV104 explicit padding per axis with dilation is a pair", typeof(SameWithStrideCodeFix),
            """
            using ConvGen;

            [Conv2d(3, 8, new[] { 3, 5 }, Stride = new[] { 1, 2 }, {|CONV104:Padding = "same"|}, Dilation = 2)]
            public partial class Layer;
            """,
            """
            using ConvGen;

            [Conv2d(3, 8, new[] { 3, 5 }, Stride = new[] { 1, 2 }, Padding = new[] { 2, 4 }, Dilation = 2)]
            public partial class Layer;
            """,
            Explicit, 1, "Replace \"same\" with Padding = new[] { 2, 4 }"),
        new("CONV104 explicit padding from constants", typeof(SameWithStrideCodeFix),
            """
            using ConvGen;

            static class Sizes { public const int Kernel = 7; public const int Dilation = 2; }

            [Conv2d(3, 8, Sizes.Kernel, Dilation = Sizes.Dilation, Stride = 2, {|CONV104:Padding = "same"|})]
            public partial class Layer;
            """,
            """
            using ConvGen;

            static class Sizes { public const int Kernel = 7; public const int Dilation = 2; }

            [Conv2d(3, 8, Sizes.Kernel, Dilation = Sizes.Dilation, Stride = 2, Padding = 6)]
            public partial class Layer;
            """,
            Explicit, 1, "Replace \"same\" with Padding = 6"),
        new("CONV104 even kernel: explicit padding rounds down", typeof(SameWithStrideCodeFix),
            """
            using ConvGen;

            [Conv2d(3, 8, 4, Stride = 2, {|CONV104:Padding = "same"|})]
            public partial class Layer;
            """,
            """
            using ConvGen;

            [Conv2d(3, 8, 4, Stride = 2, Padding = 1)]
            public partial class Layer;
            """,
            Explicit, 1, "Replace \"same\" with Padding = 1"),
        // Stride 1 with an even kernel is valid "same" padding, and ConvGen still warns that it pads unevenly.
        new("CONV104 even kernel: removing the stride leaves the CONV105 warning", typeof(SameWithStrideCodeFix),
            """
            using ConvGen;

            [Conv2d(3, 8, 4, Stride = 2, {|CONV104:Padding = "same"|})]
            public partial class Layer;
            """,
            """
            using ConvGen;

            [Conv2d(3, 8, 4, Padding = "same")]
            public partial class Layer;
            """,
            Remove, 0, "Remove 'Stride = 2' (stride 1 allows padding \"same\")",
            new DiagnosticResult("CONV105", DiagnosticSeverity.Warning).WithSpan(3, 18, 3, 34)),
    };

    public static IEnumerable<object[]> Names => FixCases.Names(Cases);

    [Theory]
    [MemberData(nameof(Names))]
    public Task Fix(string name) => FixCases.Named(name).VerifyAsync();

    [Theory]
    [InlineData(Remove, """
        using ConvGen;
        [Conv2d(3, 8, 3, Padding = "same")] public partial class A;
        [Conv2d(8, 16, 5, Padding = "same", Dilation = 2)] public partial class B;
        """)]
    [InlineData(Explicit, """
        using ConvGen;
        [Conv2d(3, 8, 3, Stride = 2, Padding = 1)] public partial class A;
        [Conv2d(8, 16, 5, Stride = new[] { 2, 2 }, Padding = 4, Dilation = 2)] public partial class B;
        """)]
    public Task Fix_all(string key, string fixedSource) =>
        new ConvGenFixTest<SameWithStrideCodeFix>
        {
            TestCode = """
                using ConvGen;
                [Conv2d(3, 8, 3, Stride = 2, {|CONV104:Padding = "same"|})] public partial class A;
                [Conv2d(8, 16, 5, Stride = new[] { 2, 2 }, {|CONV104:Padding = "same"|}, Dilation = 2)] public partial class B;
                """,
            FixedCode = fixedSource,
            CodeActionEquivalenceKey = key,
            CodeActionIndex = key == Remove ? 0 : 1,
        }.RunAsync();
}
