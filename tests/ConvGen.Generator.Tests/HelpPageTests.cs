using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Xunit;

namespace ConvGen.Generator.Tests;

/// <summary>The examples on the help pages are real: the wrong one reports its ID, the fixed one builds clean.</summary>
public class HelpPageTests
{
    public static IEnumerable<object[]> Pages() =>
        Directory.GetFiles(Path.Combine(DiagnosticTests.RepoRoot(), "docs", "diagnostics"), "CONV*.md")
            .Select(Path.GetFileNameWithoutExtension)
            .Where(id => !id!.StartsWith("CONV9", System.StringComparison.Ordinal)) // MSBuild warnings: tests/package/run.sh
            .Where(id => !id!.StartsWith("CONV8", System.StringComparison.Ordinal)) // ONNX import errors: ConvGen.Onnx.Tests, tests/package/run.sh
            .Select(id => new object[] { id! });

    [Theory]
    [MemberData(nameof(Pages))]
    public void Wrong_example_reports_the_id_and_fixed_example_is_clean(string id)
    {
        string page = File.ReadAllText(Path.Combine(DiagnosticTests.RepoRoot(), "docs", "diagnostics", id + ".md"));
        var blocks = Regex.Matches(page, "```csharp\n(.*?)```", RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(2, blocks.Count);

        var wrong = GeneratorHarness.Run(blocks[0]);
        Assert.Contains(wrong.GeneratorDiagnostics, d => d.Id == id);

        var fixedRun = GeneratorHarness.Run(blocks[1]);
        Assert.DoesNotContain(fixedRun.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.DoesNotContain(fixedRun.OutputDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.NotEmpty(fixedRun.Sources);
    }
}
