using System;
using System.Collections.Generic;
using System.Linq;

namespace ConvGen.Fuzz.Tests.Harness;

/// <summary>
/// One random mistake a user can make with <c>[Conv2d]</c>: a declaration (attribute and class) in its own namespace
/// and the diagnostic IDs any one of which correctly reports it (ConvGen's CONVnnn, or the C# compiler's own error when
/// the mistake is a C# type error that never reaches the generator as a constant).
/// </summary>
internal sealed record InvalidCase(int Seed, string Kind, string Declaration, IReadOnlyList<string> Expected)
{
    public string Describe() => $"{Kind} (case seed {Seed}): {Declaration.Trim()}";

    /// <summary>Draws a mistake on top of a random valid layer, so the rest of the attribute varies too.</summary>
    public static InvalidCase Random(int seed)
    {
        var r = new Random(seed);
        LayerConfig valid = LayerConfig.Random(r.Next(), allowFixedSize: false);
        Conv2dParameters p = valid.Expected;
        var named = new List<string>
        {
            $"Stride = new[] {{ {p.StrideHeight}, {p.StrideWidth} }}",
            $"Dilation = new[] {{ {p.DilationHeight}, {p.DilationWidth} }}",
            $"Padding = new[] {{ {p.PaddingTop}, {p.PaddingLeft} }}",
            $"Groups = {p.Groups}",
            $"PaddingMode = PaddingMode.{p.PaddingMode}",
        };
        if (!p.Bias) named.Add("Bias = false");
        string inC = $"{p.InChannels}", outC = $"{p.OutChannels}", kernel = $"new[] {{ {p.KernelHeight}, {p.KernelWidth} }}";
        string declaration = "public partial class Layer;";

        void Set(string name, string value)
        {
            named.RemoveAll(n => n.StartsWith(name + " ", StringComparison.Ordinal));
            named.Add($"{name} = {value}");
        }

        int NotPositive() => r.Next(-3, 1);
        string kind;
        string[] expected;
        switch (r.Next(24))
        {
            case 0:
                kind = "channels not positive";
                if (r.Next(2) == 0) inC = $"{NotPositive()}"; else outC = $"{NotPositive()}";
                expected = new[] { "CONV101" };
                break;
            case 1:
                kind = "kernel not positive";
                kernel = r.Next(2) == 0 ? $"{NotPositive()}" : $"new[] {{ {p.KernelHeight}, {NotPositive()} }}";
                expected = new[] { "CONV101" };
                break;
            case 2:
                kind = "stride not positive";
                Set("Stride", r.Next(2) == 0 ? $"{NotPositive()}" : $"new[] {{ {NotPositive()}, 1 }}");
                expected = new[] { "CONV101" };
                break;
            case 3:
                kind = "dilation not positive";
                Set("Dilation", r.Next(2) == 0 ? $"{NotPositive()}" : $"new[] {{ 1, {NotPositive()} }}");
                expected = new[] { "CONV101" };
                break;
            case 4:
                kind = "groups not positive";
                Set("Groups", $"{NotPositive()}");
                expected = new[] { "CONV101" };
                break;
            case 5:
                kind = "negative padding";
                Set("Padding", r.Next(2) == 0 ? $"{r.Next(-5, 0)}" : $"new[] {{ {r.Next(0, 3)}, {r.Next(-5, 0)} }}");
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
                Set("Stride", r.Next(2) == 0 ? $"{r.Next(2, 5)}" : $"new[] {{ 1, {r.Next(2, 5)} }}");
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
                kind = "pair of the wrong length";
                string badPair = new[] { "new[] { 1, 2, 3 }", "new int[0]", "new[] { 2 }" }[r.Next(3)];
                switch (r.Next(4))
                {
                    case 0: kernel = badPair; break;
                    case 1: Set("Stride", badPair); break;
                    case 2: Set("Dilation", badPair); break;
                    default: Set("Padding", badPair); break;
                }

                expected = new[] { "CONV001" };
                break;
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
                kind = "missing or extra positional arguments";
                declaration = "public partial class Layer;";
                named.Clear();
                string[] forms = { "Conv2d(3, 4)", "Conv2d(3)", "Conv2d()", "Conv2d", "Conv2d(3, 4, 3, 5)" };
                return new InvalidCase(seed, kind, Wrap(forms[r.Next(forms.Length)], declaration),
                    new[] { "CS7036", "CS1729", "CS1501", "CONV001" });
            case 14:
                kind = "fixed input size: kernel larger than the padded input";
                int tall = r.Next(2, 6);
                Set("Padding", "0");
                Set("Dilation", "1");
                kernel = r.Next(2) == 0 ? $"new[] {{ {tall}, 1 }}" : $"{tall}";
                named.Add($"InputHeight = {tall - 1}, InputWidth = {r.Next(tall, 12)}");
                expected = new[] { "CONV202" };
                break;
            case 15:
            {
                kind = "fixed input size: reflect padding not smaller than the input";
                int pad = r.Next(1, 4);
                Set("Padding", $"{pad}");
                Set("PaddingMode", "PaddingMode.Reflect");
                kernel = $"{2 * pad + 1}";
                Set("Dilation", "1");
                named.Add(r.Next(2) == 0 ? $"InputHeight = {pad}, InputWidth = 20" : $"InputHeight = 20, InputWidth = {pad}");
                expected = new[] { "CONV203", "CONV202" };
                break;
            }
            case 16:
            {
                kind = "fixed input size: circular padding larger than the input";
                int pad = r.Next(2, 5);
                Set("Padding", $"{pad}");
                Set("PaddingMode", "PaddingMode.Circular");
                kernel = "1";
                named.Add($"InputHeight = {pad - 1}, InputWidth = 20");
                expected = new[] { "CONV204" };
                break;
            }
            case 17:
                kind = "fixed input size incomplete or not positive";
                named.Add(new[] { "InputHeight = 8", "InputWidth = 8", $"InputHeight = {NotPositive()}, InputWidth = 8", $"InputHeight = 8, InputWidth = {NotPositive()}" }[r.Next(4)]);
                expected = new[] { "CONV201" };
                break;
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
                        .Replace("{0}", Attribute(inC, outC, kernel, named)),
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
                kind = "two Conv2d attributes";
                return new InvalidCase(seed, kind,
                    Wrap(Attribute(inC, outC, kernel, named) + "] [" + Attribute(inC, outC, kernel, named), declaration),
                    new[] { "CONV004", "CS0579" });
            default:
                kind = "the class already declares a generated member";
                declaration = new[]
                {
                    "public partial class Layer { public void Forward(System.ReadOnlySpan<float> input, System.Span<float> output, int batch, int height, int width) { } }",
                    "public partial class Layer { public const int InChannels = 1; }",
                    "public partial class Layer { public int GetOutputHeight(int height) => height; }",
                }[r.Next(3)];
                expected = new[] { "CONV307" };
                break;
        }

        return new InvalidCase(seed, kind, Wrap(Attribute(inC, outC, kernel, named.OrderBy(_ => r.Next())), declaration), expected);
    }

    private static string Attribute(string inC, string outC, string kernel, IEnumerable<string> named) =>
        $"Conv2d({string.Join(", ", new[] { inC, outC, kernel }.Concat(named))})";

    private static string Wrap(string attribute, string declaration) => $"[{attribute}] {declaration}";
}
