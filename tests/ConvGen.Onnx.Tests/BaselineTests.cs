using System;
using System.IO;
using System.Runtime.CompilerServices;
using Xunit;

namespace ConvGen.Onnx.Tests;

/// <summary>
/// The source the importer writes for the packaged models, kept as baselines (Baselines/*.g.cs) so a change to what it
/// generates shows in review. After an intended change, update them with
/// <c>CONVGEN_UPDATE_BASELINES=1 dotnet test tests/ConvGen.Onnx.Tests -c Release --filter BaselineTests</c>.
/// </summary>
public class BaselineTests
{
    [Theory]
    [InlineData("models/ResNet18.onnx", "ResNet18")]
    [InlineData("models/ResNetPreprocess.onnx", "ResNetPreprocess")]
    public void The_imported_source_is_the_baseline(string model, string className)
    {
        string source = OnnxImporter.Import(model, className, "ConvGen.Onnx.Tests");
        string path = Path.Combine(Folder(), "Baselines", className + ".g.cs");
        if (Environment.GetEnvironmentVariable("CONVGEN_UPDATE_BASELINES") == "1")
        {
            File.WriteAllText(path, source);
            return;
        }

        Assert.True(File.Exists(path), $"no baseline {path}; run with CONVGEN_UPDATE_BASELINES=1 to write it");
        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), source.ReplaceLineEndings("\n"));
    }

    private static string Folder([CallerFilePath] string file = "") => Path.GetDirectoryName(file)!;
}
