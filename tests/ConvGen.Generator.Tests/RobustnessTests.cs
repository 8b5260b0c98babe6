using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace ConvGen.Generator.Tests;

/// <summary>Malformed code never crashes the generator (CS8785): the compiler's error or ours, never an exception.</summary>
public class RobustnessTests
{
    [Theory]
    [InlineData("[Conv2d] public partial class L;")]
    [InlineData("[Conv2d(3)] public partial class L;")]
    [InlineData("[Conv2d(3, 8)] public partial class L;")]
    [InlineData("[Conv2d(\"3\", 8, 3)] public partial class L;")]
    [InlineData("[Conv2d(3, 8, 3.5)] public partial class L;")]
    [InlineData("[Conv2d(3, 8, 3, Groups = \"1\")] public partial class L;")]
    [InlineData("[Conv2d(3, 8, 3, Bias = 1)] public partial class L;")]
    [InlineData("[Conv2d(3, 8, 3, PaddingMode = 2)] public partial class L;")]
    [InlineData("[Conv2d(3, 8, 3, Unknown = 2)] public partial class L;")]
    [InlineData("[Conv2d(3, 8, null)] public partial class L;")]
    [InlineData("[Conv2d(3, 8, new int[0])] public partial class L;")]
    [InlineData("[Conv2d(3, 8, 3, Padding = new string[] { \"a\", \"b\" })] public partial class L;")]
    [InlineData("[Conv2d(3, 8, 3, Padding = new object[] { 1, \"b\" })] public partial class L;")]
    [InlineData("[Conv2d(3, 8, 3)] public partial struct L;")]
    [InlineData("[Conv2d(3, 8, 3)] public partial interface L;")]
    [InlineData("[Conv2d(3, 8, 3)][Conv2d(3, 8, 3)][Conv2d(1, 1, 1)] public partial class L;")]
    [InlineData("[Conv2d(3, 8, 3)] public static partial class L<T>;")]
    [InlineData("[Conv2d(3, 8, 3, Stride = 2, Padding = \"same\", Groups = 5)] public partial class L;")]
    [InlineData("[Conv2d(int.MaxValue, int.MaxValue, int.MaxValue, Stride = int.MaxValue, Dilation = int.MaxValue, Padding = int.MaxValue)] public partial class L;")]
    [InlineData("[Conv2d(1, 1, 65536, Dilation = 65536, InputHeight = int.MaxValue, InputWidth = int.MaxValue)] public partial class L;")]
    [InlineData("[Conv2d(3, 8, 3)] public partial class")]
    [InlineData("[Conv2d(3, 8, 3 public partial class L {")]
    [InlineData("[Conv2d(3, 8, 3)] partial class L { void M() { int x = ; } }")]
    [InlineData("[Conv2d(3, 8, 3)] public partial class L { public L(System.ReadOnlySpan<float> weight, System.ReadOnlySpan<float> bias) { } }")]
    [InlineData("[Conv2d(3, 8, 3)] public partial class L { public void Forward(float[] x) { } public L(int seed) { } public int Extra; }")]
    public void Never_throws_and_never_emits_code_that_does_not_compile(string body)
    {
        var result = GeneratorHarness.Run("using ConvGen;\nnamespace App;\n" + body); // asserts no generator exception
        Assert.DoesNotContain(result.OutputDiagnostics, d => d.Id == "CS8785");
        bool reported = result.GeneratorDiagnostics.Any(d => d.Severity == DiagnosticSeverity.Error)
            || GeneratorHarness.Compile("using ConvGen;\nnamespace App;\n" + body).GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error);
        if (!reported)
        {
            // Nothing wrong was said, so the generated code itself must compile.
            Assert.DoesNotContain(result.OutputDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        }

        Assert.True(reported || result.Sources.Length > 0);
    }

    /// <summary>
    /// Mid-edit code where a name on the path to the layer is missing: the compiler reports it, and the generator must
    /// not add errors of its own in generated code (found by the fuzzer: it emitted <c>namespace { ... }</c>).
    /// </summary>
    [Theory]
    [InlineData("namespace 1e9 App { [Conv2d(3, 8, 3)] public partial class L; }")]
    [InlineData("namespace App. { [Conv2d(3, 8, 3)] public partial class L; }")]
    [InlineData("namespace App { public partial class { [Conv2d(3, 8, 3)] public partial class L; } }")]
    public void Generated_code_has_no_errors_when_a_containing_name_is_missing(string source)
    {
        var result = GeneratorHarness.Run("using ConvGen;\n" + source);
        var generated = result.OutputDiagnostics.Where(d => d.Location.SourceTree?.FilePath.EndsWith(".g.cs", System.StringComparison.Ordinal) == true);
        Assert.Empty(generated);
    }
}
