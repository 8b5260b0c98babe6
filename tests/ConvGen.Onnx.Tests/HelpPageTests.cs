using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using Xunit;

namespace ConvGen.Onnx.Tests;

/// <summary>The importer's error IDs and the CONV8xx help pages are the same set; each page names its ID.</summary>
public class HelpPageTests
{
    [Fact]
    public void Every_importer_error_has_a_help_page_and_every_CONV8xx_page_an_error()
    {
        string docs = Path.Combine(Root(), "docs", "diagnostics");
        var pages = Directory.GetFiles(docs, "CONV8*.md").Select(Path.GetFileNameWithoutExtension).OrderBy(p => p).ToList();
        Assert.Equal(OnnxDiagnostics.All.OrderBy(id => id), pages);
        foreach (string id in OnnxDiagnostics.All)
        {
            Assert.StartsWith($"# {id}: ", File.ReadAllText(Path.Combine(docs, id + ".md")));
            Assert.Contains($"[{id}]({id}.md)", File.ReadAllText(Path.Combine(docs, "README.md")));
        }
    }

    private static string Root([CallerFilePath] string file = "") => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, "..", ".."));
}
