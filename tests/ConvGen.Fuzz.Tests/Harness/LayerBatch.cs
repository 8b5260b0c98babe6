using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace ConvGen.Fuzz.Tests.Harness;

/// <summary>
/// Many valid layers of every rank in ONE source file (so one generator run and one compilation serve them all),
/// declared in varied but legal ways (namespaces, nesting in partial types, modifiers, attribute spellings), plus a
/// factory whose return type is the rank's interface, so a layer that does not implement it fails to compile:
/// <c>public static class Factory { public static IConv3dLayer Create17(float[] w, float[]? b) => new L17(w, b); }</c>.
/// </summary>
internal sealed class LayerBatch
{
    private readonly List<TextSpan> _attributeSpans = new();

    public LayerBatch(IReadOnlyList<LayerConfig> configs, int seed)
    {
        Configs = configs;
        var r = new Random(seed);
        var text = new StringBuilder();
        text.AppendLine("using ConvGen;");
        text.AppendLine();
        var names = new List<string>();
        for (int i = 0; i < configs.Count; i++)
        {
            string ns = $"Fuzz.N{i % 5}";
            text.AppendLine($"namespace {ns}");
            text.AppendLine("{");
            string plain = $"Conv{configs[i].Rank}d";
            string attributeName = (r.Next(6)) switch
            {
                0 => $"ConvGen.{plain}",
                1 => $"global::ConvGen.{plain}Attribute",
                2 => $"{plain}Attribute",
                _ => plain,
            };
            string attribute = attributeName + configs[i].Attribute.Substring(plain.Length);
            string access = r.Next(3) == 0 ? "internal" : "public";
            string modifiers = r.Next(4) == 0 ? $"{access} sealed partial class" : $"{access} partial class";
            string body = r.Next(2) == 0 ? ";" : " { }";
            switch (r.Next(6))
            {
                case 0:
                    // Nested in a partial class (and sometimes a partial struct inside it).
                    bool inStruct = r.Next(2) == 0;
                    text.AppendLine($"    public static partial class Outer{i}");
                    text.AppendLine("    {");
                    if (inStruct) text.AppendLine($"        public partial struct Inner{i} {{");
                    Declare(text, attribute, $"{modifiers} L{i}{body}");
                    if (inStruct) text.AppendLine("        }");
                    text.AppendLine("    }");
                    names.Add(inStruct ? $"{ns}.Outer{i}.Inner{i}.L{i}" : $"{ns}.Outer{i}.L{i}");
                    break;
                default:
                    Declare(text, attribute, $"{modifiers} L{i}{body}");
                    names.Add($"{ns}.L{i}");
                    break;
            }

            text.AppendLine("}");
            text.AppendLine();
        }

        text.AppendLine("namespace Fuzz");
        text.AppendLine("{");
        text.AppendLine("    public static class Factory");
        text.AppendLine("    {");
        for (int i = 0; i < configs.Count; i++)
        {
            string construct = configs[i].Expected.Bias ? $"new global::{names[i]}(w, b!)" : $"new global::{names[i]}(w)";
            text.AppendLine($"        public static global::ConvGen.IConv{configs[i].Rank}dLayer Create{i}(float[] w, float[]? b) => {construct};");
        }

        text.AppendLine("    }");
        text.AppendLine("}");
        Source = text.ToString();
        TypeNames = names;
    }

    public IReadOnlyList<LayerConfig> Configs { get; }

    public string Source { get; }

    /// <summary>Metadata names of the layer classes (namespace.Outer.Inner.L17 written with dots).</summary>
    public IReadOnlyList<string> TypeNames { get; }

    /// <summary>The layer whose attribute contains <paramref name="location"/>, or −1.</summary>
    public int LayerAt(Location location)
    {
        // Generator diagnostics carry an external-file location (plain data, see DiagnosticInfo): compare spans only.
        if (location.Kind == LocationKind.None) return -1;
        for (int i = 0; i < _attributeSpans.Count; i++)
        {
            if (_attributeSpans[i].Contains(location.SourceSpan.Start)) return i;
        }

        return -1;
    }

    /// <summary>The factory for Conv2d layer <paramref name="index"/> of the loaded assembly.</summary>
    public static Func<float[], float[]?, IConv2dLayer> Factory(LoadedAssembly assembly, int index) =>
        Method(assembly, index).CreateDelegate<Func<float[], float[]?, IConv2dLayer>>();

    /// <summary>The factory for layer <paramref name="index"/> of any rank, its result wrapped in a <see cref="FuzzLayer"/>.</summary>
    public static Func<float[], float[]?, FuzzLayer> AnyFactory(LoadedAssembly assembly, int index)
    {
        var create = Method(assembly, index).CreateDelegate<Func<float[], float[]?, object>>();
        return (w, b) => new FuzzLayer(create(w, b));
    }

    private static MethodInfo Method(LoadedAssembly assembly, int index) =>
        assembly.GetType("Fuzz.Factory").GetMethod($"Create{index}", BindingFlags.Public | BindingFlags.Static)
            ?? throw new InvalidOperationException($"Factory.Create{index} not found.");

    private void Declare(StringBuilder text, string attribute, string declaration)
    {
        text.Append("    [");
        int start = text.Length;
        text.Append(attribute);
        _attributeSpans.Add(new TextSpan(start, attribute.Length));
        text.Append("] ");
        text.AppendLine(declaration);
    }
}
