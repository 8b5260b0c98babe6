using System;
using System.Collections.Generic;
using System.Linq;
using ConvGen.Fuzz.Tests.Harness;
using Microsoft.CodeAnalysis;
using Xunit;

namespace ConvGen.Fuzz.Tests;

/// <summary>
/// Source that is being typed: valid Conv1d/Conv2d/Conv3d declarations with random edits (characters and tokens deleted, duplicated
/// or inserted), as the IDE hands them to the generator on every keystroke. The generator must never throw, and
/// whatever it generates must have no diagnostic of its own (the user's broken code may of course have errors).
/// </summary>
public class MalformedSourceFuzzTests
{
    public const int BatchSize = 25;

    /// <summary>Edited sources per CI run; each is its own compilation.</summary>
    public const int CiCount = 4 * BatchSize;

    private static readonly string[] Tokens =
    {
        "(", ")", "[", "]", "{", "}", ",", ";", "=", "\"", "-", "new[]", "new int[] {", "partial", "static", "class",
        "Conv2d(", "Padding =", "\"same\"", "PaddingMode.", "Groups = 0", "1e9", "2147483647", "null", "<T>", "#if X",
        "record", "struct", "///", "/*", "@", "global::", "ConvGen.", "typeof(", "default", "nameof(Padding)",
        "Conv1d(", "Conv3d(", "Conv2d] [Conv1d(1, 1, 1)", "new[] { 1, 2, 3 }", "Activation = Activation.GELU", "Activation.",
        "(Activation)42", "NegativeSlope = float.NaN", "NegativeSlope =", "0.2f", "InputDepth = 0", "InputDepth =",
        "[Sequential(InChannels = 1, InputHeight = 8, InputWidth = 8)]", "[Flatten]", "[Linear(", "[BatchNorm2d(", "Name = \"0\"",
        "[ReLU]", "[MaxPool2d(2)]", "[Dropout]", "InFeatures =", "[Softmax(0)]", "[ConvTranspose2d(2, 2, 2, Stride = 2)]",
    };

    /// <summary>Networks as a user types them: each edited as the layers above are.</summary>
    private static readonly string[] Networks =
    {
        "using ConvGen;\nnamespace Fuzz;\n[Sequential(InChannels = 1, InputHeight = 28, InputWidth = 28)]\n" +
        "[Conv2d(1, 6, 5, Padding = 2, Activation = Activation.ReLU)] [MaxPool2d(2)]\n[Conv2d(6, 16, 5)] [ReLU] [MaxPool2d(2)]\n" +
        "[Flatten] [Linear(400, 120)] [ReLU] [Linear(120, 84)] [ReLU] [Linear(84, 10)]\npublic partial class LeNet5;\n",
        "using ConvGen;\nnamespace Fuzz;\npublic static partial class Models\n{\n    [Sequential(InChannels = 3, InputHeight = 16, InputWidth = 12)]\n" +
        "    [Conv2d(3, 8, 3, Stride = 2, Padding = 1, Bias = false, Name = \"features.0\")] [BatchNorm2d(8, Name = \"features.1\")] [ReLU6]\n" +
        "    [Conv2d(8, 8, 3, Padding = 1, Groups = 8)] [BatchNorm2d(8)] [Hardswish] [AdaptiveAvgPool2d(1)] [Flatten] [Dropout(0.2f)] [Linear(8, 5)]\n" +
        "    internal partial class Stem { }\n}\n",
        "using ConvGen;\nnamespace Fuzz;\n[Sequential(InFeatures = 12)] [ReLU] [Linear(12, 8)] [GELU] [Linear(8, 5)] [Softmax(1)]\n" +
        "public partial class Mlp;\n[Sequential(InChannels = 4, InputHeight = 5, InputWidth = 6)] [ReflectionPad2d(1)] [ConvTranspose2d(4, 2, 2, Stride = 2)]" +
        " [ZeroPad2d(0, 1, 1, 0)] [Softmax(1)]\npublic partial class Up;\n",
        // Blocks: residual with a shortcut, a squeeze-and-excitation gate inside a residual, a concat, a block in a block.
        "using ConvGen;\nnamespace Fuzz;\n[Sequential(InChannels = 3, InputHeight = 12, InputWidth = 12)]\n" +
        "[Conv2d(3, 8, 3, Padding = 1, Bias = false, Name = \"stem\")] [BatchNorm2d(8, Name = \"bn\")] [ReLU]\n" +
        "[Block(typeof(Down), Name = \"layer1\")] [Block(typeof(Same), Name = \"layer2\")] [Block(typeof(Mixed), Name = \"mixed\")]\n" +
        "[AdaptiveAvgPool2d(1)] [Flatten] [Linear(16, 4, Name = \"fc\")]\npublic partial class Tiny;\n" +
        "[Residual(Shortcut = typeof(Shortcut), Activation = Activation.ReLU)]\n" +
        "[Conv2d(8, 16, 3, Stride = 2, Padding = 1, Bias = false, Name = \"conv1\")] [BatchNorm2d(16, Name = \"bn1\")] [ReLU]\n" +
        "[Conv2d(16, 16, 3, Padding = 1, Bias = false, Name = \"conv2\")] [BatchNorm2d(16, Name = \"bn2\")]\npublic class Down;\n" +
        "[SequentialBlock] [Conv2d(8, 16, 1, Stride = 2, Bias = false)] [BatchNorm2d(16)] public class Shortcut;\n" +
        "[Residual] [Conv2d(16, 16, 3, Padding = 1, Groups = 16, Activation = Activation.Hardswish, Name = \"dw\")] [Block(typeof(Gate), Name = \"se\")] public class Same;\n" +
        "[SqueezeExcitation] [AdaptiveAvgPool2d(1)] [Conv2d(16, 4, 1, Name = \"fc1\", Activation = Activation.ReLU)] [Conv2d(4, 16, 1, Name = \"fc2\")] [Hardsigmoid] public class Gate;\n" +
        "[Concat(typeof(Left), typeof(Right))] public class Mixed;\n" +
        "[SequentialBlock] [Conv2d(16, 10, 1, Name = \"left\")] public class Left;\n" +
        "[SequentialBlock] [MaxPool2d(3, Stride = 1, Padding = 1)] [Conv2d(16, 6, 1, Name = \"right\")] public class Right;\n",
    };

    public static IEnumerable<object[]> Batches() => FuzzSettings.Batches(CiCount, BatchSize);

    [Theory]
    [MemberData(nameof(Batches))]
    public void Edited_declarations_never_crash_the_generator(int batchSeed, int count) =>
        RunEdited(batchSeed, count, "layer", r =>
        {
            var configs = Enumerable.Range(0, 3).Select(_ => LayerConfig.Random(r.Next())).ToList();
            return Edit(new LayerBatch(configs, r.Next()).Source, r);
        });

    [Theory]
    [MemberData(nameof(Batches))]
    public void Edited_networks_never_crash_the_generator(int batchSeed, int count) =>
        RunEdited(batchSeed, count, "network", r => Edit(Networks[r.Next(Networks.Length)], r));

    /// <summary>
    /// Runs the generator on <paramref name="count"/> edited sources: it must never throw, and what it generates must
    /// compile without a diagnostic of its own; some <paramref name="what"/> must survive the edits.
    /// </summary>
    private static void RunEdited(int batchSeed, int count, string what, Func<Random, string> edited)
    {
        var failures = new List<string>();
        int generated = 0;
        for (int i = 0; i < count; i++)
        {
            int seed = FuzzSettings.CaseSeed(batchSeed, i);
            string source = edited(new Random(seed));
            GeneratorRun run;
            try
            {
                run = InMemoryCompiler.RunGenerator(InMemoryCompiler.Compile(
                    $"Edited{seed}", new[] { InMemoryCompiler.Parse(source, "Edited.cs") }, OptimizationLevel.Debug));
            }
            catch (Exception e)
            {
                failures.Add($"case seed {seed}: the generator driver threw {e.GetType().Name}: {e.Message}");
                continue;
            }

            generated += run.Sources.Length;
            failures.AddRange(run.Exceptions.Select(e => $"case seed {seed}: generator threw {e}"));
            failures.AddRange(InvalidAttributeFuzzTests.GeneratedCodeDiagnostics(run).Select(d => $"case seed {seed}: diagnostic in generated code: {d}{Environment.NewLine}--- edited source ---{Environment.NewLine}{source}"));
        }

        // The edits must leave something intact, or this test would only ever see unparseable input.
        Assert.True(generated > 0, $"batch seed {batchSeed}: no {what} survived the edits");
        Assert.True(failures.Count == 0,
            $"Batch seed {batchSeed}: {failures.Count} failure(s):{Environment.NewLine}{string.Join(Environment.NewLine, failures.Take(15))}" +
            Environment.NewLine + "Rerun: " + FuzzSettings.Repro(nameof(MalformedSourceFuzzTests), batchSeed, count));
    }

    /// <summary>One to four edits, each near an attribute (where they matter most) or anywhere.</summary>
    private static string Edit(string source, Random r)
    {
        int edits = r.Next(1, 5);
        for (int e = 0; e < edits; e++)
        {
            int anchor = source.IndexOf("[", r.Next(source.Length), StringComparison.Ordinal);
            int at = anchor >= 0 && r.Next(4) != 0 ? Math.Min(source.Length, anchor + r.Next(0, 60)) : r.Next(source.Length + 1);
            int length = Math.Min(source.Length - at, r.Next(1, 12));
            source = r.Next(3) switch
            {
                0 => source.Remove(at, length),
                1 => source.Insert(at, source.Substring(at, length)),
                _ => source.Insert(at, " " + Tokens[r.Next(Tokens.Length)] + " "),
            };
        }

        return source;
    }
}
