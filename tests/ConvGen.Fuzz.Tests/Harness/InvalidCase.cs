using System;
using System.Collections.Generic;
using System.Linq;

namespace ConvGen.Fuzz.Tests.Harness;

/// <summary>
/// One random mistake a user can make with <c>[Conv1d]</c>, <c>[Conv2d]</c> or <c>[Conv3d]</c>: a declaration (attribute
/// and class) in its own namespace and the diagnostic IDs any one of which correctly reports it (ConvGen's CONVnnn, or
/// the C# compiler's own error when the mistake is a C# type error that never reaches the generator as a constant).
/// <see cref="Warning"/>: the mistake is harmless and the report is a warning (CONV006), not an error.
/// </summary>
internal sealed record InvalidCase(int Seed, string Kind, string Declaration, IReadOnlyList<string> Expected, bool Warning = false)
{
    public string Describe() => $"{Kind} (case seed {Seed}): {Declaration.Trim()}";

    /// <summary>Draws a mistake on top of a random valid layer of a random rank, so the rest of the attribute varies too.</summary>
    public static InvalidCase Random(int seed)
    {
        var r = new Random(seed);
        LayerConfig valid = LayerConfig.Random(r.Next(), allowFixedSize: false);
        ConvParameters p = valid.Expected;
        int rank = valid.Rank;
        string Axes(IEnumerable<int> values) => $"new[] {{ {string.Join(", ", values)} }}";
        // One value per axis, with axis `at` replaced by `value`: new[] { 1, 0, 1 }.
        string With(IReadOnlyList<int> values, int at, int value) => rank == 1 ? $"{value}" : Axes(values.Select((v, a) => a == at ? value : v));
        var named = new List<string>
        {
            $"Stride = {Axes(p.Stride)}",
            $"Dilation = {Axes(p.Dilation)}",
            $"Padding = {Axes(p.PaddingBefore)}",
            $"Groups = {p.Groups}",
            $"PaddingMode = PaddingMode.{p.PaddingMode}",
        };
        if (!p.Bias) named.Add("Bias = false");
        if (p.Activation != Activation.None) named.Add($"Activation = Activation.{p.Activation}");
        if (p.Activation == Activation.LeakyReLU) named.Add($"NegativeSlope = {LayerConfig.FloatText(p.NegativeSlope)}");
        string inC = $"{p.InChannels}", outC = $"{p.OutChannels}";
        string kernel = rank == 1 ? $"{p.KernelSize[0]}" : Axes(p.KernelSize);
        string declaration = "public partial class Layer;";
        string[] inputNames = rank switch
        {
            1 => Array.Empty<string>(),
            2 => new[] { "InputHeight", "InputWidth" },
            _ => new[] { "InputDepth", "InputHeight", "InputWidth" },
        };

        void Set(string name, string value)
        {
            named.RemoveAll(n => n.StartsWith(name + " ", StringComparison.Ordinal));
            named.Add($"{name} = {value}");
        }

        int NotPositive() => r.Next(-3, 1);
        int Axis() => r.Next(rank);
        string kind;
        string[] expected;
        int choice = r.Next(31);
        if (rank == 1 && choice is >= 14 and <= 17) choice = new[] { 27, 24, 25, 23 }[choice - 14]; // Conv1d has no fixed input size
        switch (choice)
        {
            case 0:
                kind = "channels not positive";
                if (r.Next(2) == 0) inC = $"{NotPositive()}"; else outC = $"{NotPositive()}";
                expected = new[] { "CONV101" };
                break;
            case 1:
                kind = "kernel not positive";
                kernel = rank == 1 || r.Next(3) == 0 ? $"{NotPositive()}" : With(p.KernelSize, Axis(), NotPositive());
                expected = new[] { "CONV101" };
                break;
            case 2:
                kind = "stride not positive";
                Set("Stride", r.Next(2) == 0 ? $"{NotPositive()}" : With(p.Stride, Axis(), NotPositive()));
                expected = new[] { "CONV101" };
                break;
            case 3:
                kind = "dilation not positive";
                Set("Dilation", r.Next(2) == 0 ? $"{NotPositive()}" : With(p.Dilation, Axis(), NotPositive()));
                expected = new[] { "CONV101" };
                break;
            case 4:
                kind = "groups not positive";
                Set("Groups", $"{NotPositive()}");
                expected = new[] { "CONV101" };
                break;
            case 5:
                kind = "negative padding";
                Set("Padding", r.Next(2) == 0 ? $"{r.Next(-5, 0)}" : With(p.PaddingBefore, Axis(), r.Next(-5, 0)));
                expected = new[] { "CONV102" };
                break;
            case 6:
            {
                kind = "groups do not divide the channels";
                int groups = r.Next(2, 9);
                int a = groups * r.Next(1, 5), b = groups * r.Next(1, 5);
                if (r.Next(2) == 0) a += r.Next(1, groups); else b += r.Next(1, groups);
                (inC, outC) = ($"{a}", $"{b}");
                Set("Groups", $"{groups}");
                expected = new[] { "CONV103" };
                break;
            }
            case 7:
                kind = "\"same\" with a stride above 1";
                Set("Padding", "\"same\"");
                Set("Stride", r.Next(2) == 0 ? $"{r.Next(2, 5)}" : With(Enumerable.Repeat(1, rank).ToArray(), Axis(), r.Next(2, 5)));
                expected = new[] { "CONV104" };
                break;
            case 8:
                kind = "unknown padding string";
                Set("Padding", new[] { "\"SAME\"", "\"full\"", "\"\"", "\" same\"", "\"Valid\"", "\"1\"" }[r.Next(6)]);
                expected = new[] { "CONV002" };
                break;
            case 9:
                kind = "unknown padding mode";
                Set("PaddingMode", $"(PaddingMode){new[] { "(-1)", "4", "7", "99" }[r.Next(4)]}");
                expected = new[] { "CONV003" };
                break;
            case 10:
            {
                kind = "per-axis value of the wrong length for the rank";
                int length = Enumerable.Range(0, 5).Where(l => l != rank).ElementAt(r.Next(4));
                string bad = length == 0 ? "new int[0]" : Axes(Enumerable.Range(1, length));
                switch (r.Next(4))
                {
                    case 0: kernel = bad; break;
                    case 1: Set("Stride", bad); break;
                    case 2: Set("Dilation", bad); break;
                    default: Set("Padding", bad); break;
                }

                // Conv1d's kernel_size is an int parameter: an array there is a C# type error.
                expected = new[] { "CONV001", "CS1503" };
                break;
            }
            case 11:
                kind = "named argument of the wrong type";
                Set(new[] { "Stride", "Dilation", "Padding" }[r.Next(3)], new[] { "1.5", "true", "'x'", "new[] { 1.0, 2.0 }", "null", "typeof(int)", "new[] { \"a\", \"b\" }" }[r.Next(7)]);
                expected = new[] { "CONV001" };
                break;
            case 12:
                kind = "positional argument of the wrong type";
                switch (r.Next(3))
                {
                    case 0: inC = "\"3\""; break;
                    case 1: outC = "4.0"; break;
                    default: kernel = "new[] { 1.0, 2.0 }"; break;
                }

                expected = new[] { "CS1503", "CS0182", "CS1502", "CS1729", "CONV001" };
                break;
            case 13:
            {
                kind = "missing or extra positional arguments";
                named.Clear();
                string name = $"Conv{rank}d";
                string[] forms = { $"{name}(3, 4)", $"{name}(3)", $"{name}()", name, $"{name}(3, 4, 3, 5)" };
                return new InvalidCase(seed, kind, Wrap(forms[r.Next(forms.Length)], declaration),
                    new[] { "CS7036", "CS1729", "CS1501", "CONV001" });
            }
            case 14:
            {
                kind = "fixed input size: kernel larger than the padded input";
                int axis = Axis(), tall = r.Next(2, 6);
                Set("Padding", "0");
                Set("Dilation", "1");
                kernel = r.Next(2) == 0 ? With(Enumerable.Repeat(1, rank).ToArray(), axis, tall) : $"{tall}";
                named.AddRange(inputNames.Select((n, a) => $"{n} = {(a == axis ? tall - 1 : r.Next(tall, 12))}"));
                expected = new[] { "CONV202" };
                break;
            }
            case 15:
            {
                kind = "fixed input size: reflect padding not smaller than the input";
                int pad = r.Next(1, 4), axis = Axis();
                Set("Padding", $"{pad}");
                Set("PaddingMode", "PaddingMode.Reflect");
                kernel = $"{2 * pad + 1}";
                Set("Dilation", "1");
                named.AddRange(inputNames.Select((n, a) => $"{n} = {(a == axis ? pad : 20)}"));
                expected = new[] { "CONV203", "CONV202" };
                break;
            }
            case 16:
            {
                kind = "fixed input size: circular padding larger than the input";
                int pad = r.Next(2, 5), axis = Axis();
                Set("Padding", $"{pad}");
                Set("PaddingMode", "PaddingMode.Circular");
                kernel = "1";
                named.AddRange(inputNames.Select((n, a) => $"{n} = {(a == axis ? pad - 1 : 20)}"));
                expected = new[] { "CONV204" };
                break;
            }
            case 17:
            {
                kind = "fixed input size incomplete or not positive";
                int axis = Axis();
                if (r.Next(2) == 0)
                {
                    // Some of the sizes only (one to rank − 1 of them).
                    var given = inputNames.OrderBy(_ => r.Next()).Take(r.Next(1, rank)).ToList();
                    named.AddRange(given.Select(n => $"{n} = 8"));
                }
                else
                {
                    named.AddRange(inputNames.Select((n, a) => $"{n} = {(a == axis ? NotPositive() : 8)}"));
                }

                expected = new[] { "CONV201" };
                break;
            }
            case 18:
                kind = "layer too large";
                (inC, outC, kernel) = ("65536", "65536", "1");
                Set("Groups", "1");
                expected = new[] { "CONV106" };
                break;
            case 19:
                kind = "class not partial";
                declaration = new[] { "public class Layer;", "public sealed class Layer { }", "internal class Layer;" }[r.Next(3)];
                expected = new[] { "CONV301" };
                break;
            case 20:
                kind = "nested in a type that is not partial";
                return new InvalidCase(seed, kind,
                    new[] { "public class Outer { [{0}] public partial class Layer; }", "public struct Outer { [{0}] public partial class Layer; }",
                            "public static class Outer { public partial class Middle { [{0}] internal partial class Layer { } } }" }[r.Next(3)]
                        .Replace("{0}", Attribute(rank, inC, outC, kernel, named)),
                    new[] { "CONV302" });
            case 21:
                kind = "generic, static, record or file-local class";
                (declaration, expected) = r.Next(4) switch
                {
                    0 => ("public partial class Layer<T>;", new[] { "CONV303" }),
                    1 => ("public static partial class Layer;", new[] { "CONV304" }),
                    2 => ("public partial record Layer;", new[] { "CONV305" }),
                    _ => ("file partial class Layer;", new[] { "CONV306" }),
                };
                break;
            case 22:
                kind = "the same layer attribute twice";
                return new InvalidCase(seed, kind,
                    Wrap(Attribute(rank, inC, outC, kernel, named) + "] [" + Attribute(rank, inC, outC, kernel, named), declaration),
                    new[] { "CONV004", "CS0579" });
            case 23:
            {
                kind = "different layer attributes on one class";
                // Two or three valid attributes of different ranks, in separate lists or one, in any order.
                var ranks = new[] { 1, 2, 3 }.OrderBy(_ => r.Next()).Take(r.Next(2, 4)).ToList();
                var attributes = ranks.Select(k => k == rank ? Attribute(rank, inC, outC, kernel, named) : LayerConfig.Random(r.Next(), rank: k).Attribute).ToList();
                string list = r.Next(2) == 0 ? string.Join("] [", attributes) : string.Join(", ", attributes);
                return new InvalidCase(seed, kind, Wrap(list, declaration), new[] { "CONV004" });
            }
            case 24:
                kind = "unknown activation";
                Set("Activation", $"({(r.Next(3) == 0 ? "ConvGen." : "")}Activation){new[] { "42", "11", "(-1)", "255", "int.MaxValue" }[r.Next(5)]}");
                expected = new[] { "CONV005" };
                break;
            case 25:
                kind = "negative slope not finite";
                Set("Activation", "Activation.LeakyReLU");
                Set("NegativeSlope", new[] { "float.NaN", "float.PositiveInfinity", "float.NegativeInfinity", "0f / 0f", "-1f / 0f" }[r.Next(5)]);
                expected = new[] { "CONV001" };
                break;
            case 26:
                kind = "activation or slope of the wrong C# type";
                switch (r.Next(5))
                {
                    case 0: Set("Activation", "3"); break;
                    case 1: Set("Activation", "\"ReLU\""); break;
                    case 2: Set("Activation", "PaddingMode.Reflect"); break;
                    case 3: Set("NegativeSlope", "0.2"); break;
                    default: Set("NegativeSlope", "1e39f"); break;
                }

                expected = new[] { "CS0266", "CS0029", "CS0594", "CS0664" }; // no conversion, literal out of range, double literal
                break;
            case 27:
            {
                kind = "input size argument another rank has";
                string[] others = rank switch
                {
                    1 => new[] { "InputLength", "InputHeight", "InputWidth", "InputDepth" },
                    2 => new[] { "InputDepth", "InputLength" },
                    _ => new[] { "InputLength" },
                };
                named.Add($"{others[r.Next(others.Length)]} = 8");
                expected = new[] { "CS0246" }; // the attribute has no such property
                break;
            }
            case 28:
                kind = "negative slope without LeakyReLU";
                named.RemoveAll(n => n.StartsWith("Activation ", StringComparison.Ordinal) || n.StartsWith("NegativeSlope ", StringComparison.Ordinal));
                if (r.Next(3) != 0)
                    named.Add($"Activation = Activation.{(Activation)new[] { 0, 1, 2, 4, 5, 6, 7, 8, 9, 10 }[r.Next(10)]}");
                named.Add($"NegativeSlope = {LayerConfig.FloatText(new[] { 0.2f, 0.01f, 0f, -1f }[r.Next(4)])}");
                return new InvalidCase(seed, kind, Wrap(Attribute(rank, inC, outC, kernel, named.OrderBy(_ => r.Next())), declaration),
                    new[] { "CONV006" }, Warning: true);
            default:
                kind = "the class already declares a generated member";
                declaration = Conflicts(rank)[r.Next(Conflicts(rank).Length)];
                expected = new[] { "CONV307" };
                break;
        }

        return new InvalidCase(seed, kind, Wrap(Attribute(rank, inC, outC, kernel, named.OrderBy(_ => r.Next())), declaration), expected);
    }

    /// <summary>Class bodies that declare a member the layer of this rank generates.</summary>
    private static string[] Conflicts(int rank) => new[]
    {
        "public partial class Layer { public const int InChannels = 1; }",
        "public partial class Layer { public static int Activation => 0; }",
        "public partial class Layer { public ConvGen.ConvParameters? Parameters => null; }",
    }.Concat(rank switch
    {
        1 => new[]
        {
            "public partial class Layer { public void Forward(System.ReadOnlySpan<float> input, System.Span<float> output, int batch, int length) { } }",
            "public partial class Layer { public const int KernelSize = 3; }",
            "public partial class Layer { public static int GetOutputLength(int length) => length; }",
            "public partial class Layer { public int PaddingLeft; }",
        },
        2 => new[]
        {
            "public partial class Layer { public void Forward(System.ReadOnlySpan<float> input, System.Span<float> output, int batch, int height, int width) { } }",
            "public partial class Layer { public int GetOutputHeight(int height) => height; }",
            "public partial class Layer { public Layer(System.ReadOnlySpan<float> weight) { } }",
        },
        _ => new[]
        {
            "public partial class Layer { public void Forward(System.ReadOnlySpan<float> input, System.Span<float> output, int batch, int depth, int height, int width) { } }",
            "public partial class Layer { public const int PaddingFront = 0; }",
            "public partial class Layer { public static int GetOutputDepth(int depth) => depth; }",
            "public partial class Layer { public int KernelDepth { get; } }",
        },
    }).ToArray();

    private static string Attribute(int rank, string inC, string outC, string kernel, IEnumerable<string> named) =>
        $"Conv{rank}d({string.Join(", ", new[] { inC, outC, kernel }.Concat(named))})";

    private static string Wrap(string attribute, string declaration) => $"[{attribute}] {declaration}";
}
