using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;

namespace ConvGen.Generator.Tests;

/// <summary>
/// The generated file of each representative layer, checked in under Baselines/ so that a change to what users get is
/// seen in review as a diff of generated code. After an intended change, update them with
/// <c>CONVGEN_UPDATE_BASELINES=1 dotnet test tests/ConvGen.Generator.Tests -c Release --filter BaselineTests</c>
/// and read the diff.
/// </summary>
public class BaselineTests
{
    /// <summary>Baseline name → the declaration it is generated from.</summary>
    public static readonly Dictionary<string, string> Layers = new()
    {
        ["Conv2dDense"] = "[Conv2d(4, 8, 3, Padding = 1)] public partial class Dense;",
        ["Conv2dWinograd"] = "[Conv2d(64, 64, 3, Padding = 1, Activation = Activation.ReLU, Algorithm = ConvAlgorithm.Winograd)] public partial class ResNetConv;",
        ["Conv2dStridedRect"] = "[Conv2d(3, 5, new[] { 3, 5 }, Stride = new[] { 2, 1 }, Padding = new[] { 1, 2 }, PaddingMode = PaddingMode.Reflect)] public partial class Rect;",
        ["Conv2dDepthwise"] = "[Conv2d(16, 16, 3, Padding = 1, Groups = 16, Activation = Activation.ReLU6)] public partial class Depthwise;",
        ["Conv2dFixedSize"] = "[Conv2d(1, 4, 5, InputHeight = 12, InputWidth = 12, Bias = false)] public partial class Fixed;",
        ["Conv2dLeakyReLU"] = "[Conv2d(6, 4, 1, Activation = Activation.LeakyReLU, NegativeSlope = 0.2f)] public partial class Pointwise;",
        ["Conv1d"] = "[Conv1d(4, 6, 5, Stride = 2, Padding = 2, Activation = Activation.GELU)] public partial class Sequence;",
        ["ConvTranspose2d"] = "[ConvTranspose2d(8, 4, 4, Stride = 2, Padding = 1, Activation = Activation.ReLU)] public partial class Up;",
        ["Conv3d"] = "[Conv3d(2, 4, new[] { 3, 3, 3 }, Stride = new[] { 1, 2, 2 }, Padding = 1)] public partial class Video;",
        ["MaxPool2dStem"] = "[MaxPool2d(3, Stride = 2, Padding = 1, ReturnIndices = true)] public partial class StemPool;",
        ["AvgPool2dCeil"] = "[AvgPool2d(3, Stride = 2, Padding = 1, CeilMode = true, CountIncludePad = false)] public partial class Downsample;",
        ["LinearLeNetFc3"] = "[Linear(84, 10, Activation = Activation.ReLU)] public partial class Fc3;", ["ActivationGELU"] = "[GELU(Approximate = \"tanh\")] public partial class Act;",
        // A network's own file (its layers' files are their families' code, baselined above).
        ["NetworkLeNet5"] = "[Sequential(InChannels = 1, InputHeight = 28, InputWidth = 28)]\n" +
            "[Conv2d(1, 6, 5, Padding = 2, Activation = Activation.ReLU)] [MaxPool2d(2)]\n" +
            "[Conv2d(6, 16, 5, Bias = false)] [BatchNorm2d(16)] [ReLU] [MaxPool2d(2)] [Dropout(0.2f)]\n" +
            "[Flatten] [Linear(400, 120)] [ReLU] [Linear(120, 84)] [ReLU] [Linear(84, 10)] [Softmax(1)]\n" +
            "public partial class LeNet5;",
        // Blocks: a residual block with a downsampling shortcut, one adding its input back, a squeeze-and-excitation gate, a concat.
        ["NetworkBlocks"] = "[Sequential(InChannels = 3, InputHeight = 16, InputWidth = 16)]\n" +
            "[Conv2d(3, 8, 3, Padding = 1, Bias = false, Name = \"stem\")] [BatchNorm2d(8, Name = \"bn\")] [ReLU]\n" +
            "[Block(typeof(Down), Name = \"layer1\")] [Block(typeof(Same), Name = \"layer2\")] [Block(typeof(Mixed), Name = \"mixed\")]\n" +
            "[AdaptiveAvgPool2d(1)] [Flatten] [Linear(16, 4, Name = \"fc\")]\n" +
            "public partial class Tiny;\n" +
            "[Residual(Shortcut = typeof(Shortcut), Activation = Activation.ReLU)]\n" +
            "[Conv2d(8, 16, 3, Stride = 2, Padding = 1, Bias = false, Name = \"conv1\")] [BatchNorm2d(16, Name = \"bn1\")] [ReLU]\n" +
            "[Conv2d(16, 16, 3, Padding = 1, Bias = false, Name = \"conv2\")] [BatchNorm2d(16, Name = \"bn2\")]\n" +
            "public class Down;\n" +
            "[SequentialBlock] [Conv2d(8, 16, 1, Stride = 2, Bias = false)] [BatchNorm2d(16)] public class Shortcut;\n" +
            "[Residual] [Conv2d(16, 16, 3, Padding = 1, Groups = 16, Activation = Activation.Hardswish, Name = \"dw\")] [Block(typeof(Gate), Name = \"se\")] public class Same;\n" +
            "[SqueezeExcitation] [AdaptiveAvgPool2d(1)] [Conv2d(16, 4, 1, Name = \"fc1\", Activation = Activation.ReLU)] [Conv2d(4, 16, 1, Name = \"fc2\")] [Hardsigmoid] public class Gate;\n" +
            "[Concat(typeof(Left), typeof(Right))] public class Mixed;\n" +
            "[SequentialBlock] [Conv2d(16, 10, 1, Name = \"left\")] public class Left;\n" +
            "[SequentialBlock] [MaxPool2d(3, Stride = 1, Padding = 1)] [Conv2d(16, 6, 1, Name = \"right\")] public class Right;",
        ["BatchNorm2dResNet"] = "[BatchNorm2d(64)] public partial class Bn1;", ["ZeroPad2dAsymmetric"] = "[ZeroPad2d(0, 1, 0, 1)] public partial class PadBottomRight;",
    };

    public static IEnumerable<object[]> Names() => Layers.Keys.Select(k => new object[] { k });

    [Theory]
    [MemberData(nameof(Names))]
    public void Generated_code_equals_its_baseline(string name)
    {
        var result = GeneratorHarness.Run("using ConvGen;\nnamespace App;\n" + Layers[name]);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.DoesNotContain(result.OutputDiagnostics, d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning);
        // A layer is one file; a network is its own file (the shortest hint name) plus one per layer.
        var sources = name.StartsWith("Network", StringComparison.Ordinal) ? result.Sources.OrderBy(s => s.HintName.Length).Take(1) : result.Sources;
        string actual = Assert.Single(sources).SourceText.ToString();
        string path = Path.Combine(DiagnosticTests.RepoRoot(), "tests", "ConvGen.Generator.Tests", "Baselines", name + ".generated.txt");
        if (Environment.GetEnvironmentVariable("CONVGEN_UPDATE_BASELINES") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"no baseline {path}: run with CONVGEN_UPDATE_BASELINES=1 to write it");
        string expected = File.ReadAllText(path).Replace("\r\n", "\n");
        if (expected == actual) return;
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        int line = Enumerable.Range(0, Math.Min(e.Length, a.Length)).FirstOrDefault(i => e[i] != a[i], Math.Min(e.Length, a.Length));
        Assert.Fail($"{name}: generated code differs from Baselines/{name}.generated.txt at line {line + 1}:\n" +
            $"baseline:  {(line < e.Length ? e[line] : "<end>")}\ngenerated: {(line < a.Length ? a[line] : "<end>")}\n" +
            "If the change is intended, update with CONVGEN_UPDATE_BASELINES=1 (see BaselineTests) and review the diff.");
    }
}
