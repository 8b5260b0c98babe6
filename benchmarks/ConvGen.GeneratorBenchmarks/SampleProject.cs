using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using ConvGen.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;

namespace ConvGen.GeneratorBenchmarks
{
    /// <summary>
    /// The benchmark's consumer project, in memory: one syntax tree per layer of <see cref="LayerMix"/> plus five
    /// unrelated files (a model that constructs every layer, a learning-rate schedule, tensor helpers, an image batch
    /// type, global usings), compiled against the .NET reference assemblies and ConvGen.Runtime as a
    /// <c>dotnet build -c Release</c> of a net10.0 library would be (nullable on, optimised, C# latest).
    /// </summary>
    public sealed class SampleProject
    {
        public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

        /// <summary>The unrelated file that <see cref="UnrelatedEdit"/> changes.</summary>
        public const string UnrelatedPath = "Training/LearningRate.cs";

        private SampleProject(IReadOnlyList<LayerDecl> layers, ImmutableArray<SyntaxTree> layerTrees, ImmutableArray<SyntaxTree> otherTrees,
            CSharpCompilation compilation, string referenceSet)
        {
            Layers = layers;
            LayerTrees = layerTrees;
            OtherTrees = otherTrees;
            Compilation = compilation;
            ReferenceSet = referenceSet;
        }

        public IReadOnlyList<LayerDecl> Layers { get; }

        public ImmutableArray<SyntaxTree> LayerTrees { get; }

        public ImmutableArray<SyntaxTree> OtherTrees { get; }

        /// <summary>The project before the generator ran.</summary>
        public CSharpCompilation Compilation { get; }

        /// <summary>Which assemblies the project references (for the report).</summary>
        public string ReferenceSet { get; }

        public static SampleProject Create()
        {
            var layers = LayerMix.Create();
            var layerTrees = layers.Select(l => Parse(LayerSource(l), l.Path)).ToImmutableArray();
            var otherTrees = new[]
            {
                Parse(GlobalUsings, "GlobalUsings.cs"),
                Parse(ModelSource(layers), "Model/Backbone.cs"),
                Parse(LearningRateSource(0.1), UnrelatedPath),
                Parse(TensorMath, "Util/TensorMath.cs"),
                Parse(ImageBatch, "Data/ImageBatch.cs"),
            }.ToImmutableArray();
            var (references, referenceSet) = References();
            var compilation = CSharpCompilation.Create("Vision", layerTrees.Concat(otherTrees), references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary,
                    optimizationLevel: OptimizationLevel.Release,
                    nullableContextOptions: NullableContextOptions.Enable,
                    deterministic: true,
                    // The SDK's default <NoWarn>1701;1702</NoWarn>: ConvGen.Runtime (net8.0) binds to the net10.0 System.Runtime.
                    specificDiagnosticOptions: new Dictionary<string, ReportDiagnostic>
                    {
                        ["CS1701"] = ReportDiagnostic.Suppress,
                        ["CS1702"] = ReportDiagnostic.Suppress,
                    }));
            return new SampleProject(layers, layerTrees, otherTrees, compilation, referenceSet);
        }

        /// <summary>A fresh driver holding one fresh instance of the ConvGen generator (as a new build would create).</summary>
        public static GeneratorDriver NewDriver() =>
            CSharpGeneratorDriver.Create(new[] { new ConvGenGenerator().AsSourceGenerator() }, parseOptions: ParseOptions);

        /// <summary>A fresh driver holding <see cref="AttributeOnlyGenerator"/> (the floor for comparison).</summary>
        public static GeneratorDriver NewFloorDriver() =>
            CSharpGeneratorDriver.Create(new[] { new AttributeOnlyGenerator().AsSourceGenerator() }, parseOptions: ParseOptions);

        /// <summary>(old tree, new tree) for an edit of a method body in a file that declares no layer.</summary>
        public (SyntaxTree Old, SyntaxTree New) UnrelatedEdit()
        {
            var old = OtherTrees.Single(t => t.FilePath == UnrelatedPath);
            return (old, Parse(LearningRateSource(0.05), UnrelatedPath));
        }

        /// <summary>(old tree, new tree, layer) for an edit of one layer's attribute: a dense 3×3 gets 8 more output channels.</summary>
        public (SyntaxTree Old, SyntaxTree New, LayerDecl Layer) LayerEdit()
        {
            var layer = Layers.First(l => l.Kind == LayerKind.Dense3x3);
            var edited = LayerMix.EditOutChannels(layer);
            return (LayerTrees[layer.Index], Parse(LayerSource(edited), layer.Path), edited);
        }

        public static SyntaxTree Parse(string source, string path) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: path, encoding: Encoding.UTF8);

        /// <summary>
        /// Compiles <paramref name="compilation"/> to memory (assembly + portable PDB, as <c>dotnet build</c> writes them).
        /// </summary>
        public static EmitResult Emit(Compilation compilation)
        {
            using var pe = new MemoryStream();
            using var pdb = new MemoryStream();
            return compilation.Emit(pe, pdb, options: new EmitOptions(debugInformationFormat: DebugInformationFormat.PortablePdb));
        }

        /// <summary>Checks that the generator produced one file per layer, no error, and code that compiles.</summary>
        public static void Verify(SampleProject project, GeneratorDriver driver, Compilation output, ImmutableArray<Diagnostic> generatorDiagnostics)
        {
            var run = driver.GetRunResult();
            var exception = run.Results.Select(r => r.Exception).FirstOrDefault(e => e is not null);
            if (exception is not null) throw new InvalidOperationException("the generator threw", exception);
            var sources = run.Results.SelectMany(r => r.GeneratedSources).ToList();
            if (sources.Count != project.Layers.Count)
                throw new InvalidOperationException($"expected {project.Layers.Count} generated files, got {sources.Count}");
            var errors = generatorDiagnostics.Concat(run.Diagnostics).Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
            if (errors.Count > 0)
                throw new InvalidOperationException("generator diagnostics:\n" + string.Join("\n", errors.Take(20)));
            var emit = Emit(output);
            var problems = emit.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
            if (!emit.Success || problems.Count > 0)
                throw new InvalidOperationException("the project does not compile cleanly:\n" + string.Join("\n", problems.Take(20)));
        }

        private static string LayerSource(LayerDecl layer)
        {
            var text = new StringBuilder();
            text.AppendLine("using ConvGen;");
            text.AppendLine();
            text.AppendLine($"namespace {layer.Namespace};");
            text.AppendLine();
            text.AppendLine($"/// <summary>Layer {layer.Index} of the backbone ({layer.Kind}).</summary>");
            text.AppendLine($"[{layer.Attribute}]");
            if (layer.HasBody)
            {
                // Some layers carry a member of their own, as real code does.
                text.AppendLine($"public sealed partial class {layer.ClassName}");
                text.AppendLine("{");
                text.AppendLine("    /// <summary>Where the layer sits in its block.</summary>");
                text.AppendLine($"    public static string Role => \"{layer.Kind} #{layer.Index}\";");
                text.AppendLine("}");
            }
            else
            {
                text.AppendLine($"public sealed partial class {layer.ClassName};");
            }

            return text.ToString();
        }

        private static string ModelSource(IReadOnlyList<LayerDecl> layers)
        {
            var text = new StringBuilder();
            text.AppendLine("using System;");
            text.AppendLine("using System.Collections.Generic;");
            text.AppendLine("using ConvGen;");
            text.AppendLine();
            text.AppendLine("namespace Vision.Model;");
            text.AppendLine();
            text.AppendLine("/// <summary>Builds every layer of the backbone from a weight source.</summary>");
            text.AppendLine("public static class Backbone");
            text.AppendLine("{");
            text.AppendLine("    /// <summary>All layers, in declaration order.</summary>");
            text.AppendLine("    public static List<IConv2dLayer> Create(Func<int, float[]> weights)");
            text.AppendLine("    {");
            text.AppendLine($"        var layers = new List<IConv2dLayer>({layers.Count});");
            foreach (var l in layers)
            {
                string t = "global::" + l.FullName;
                text.AppendLine(l.Bias
                    ? $"        layers.Add(new {t}(weights({t}.WeightLength), weights({t}.BiasLength)));"
                    : $"        layers.Add(new {t}(weights({t}.WeightLength)));");
            }

            text.AppendLine("        return layers;");
            text.AppendLine("    }");
            text.AppendLine("}");
            return text.ToString();
        }

        private static string LearningRateSource(double minFactor) => $$"""
            using System;

            namespace Vision.Training;

            /// <summary>Cosine learning-rate schedule with linear warm-up.</summary>
            public sealed class LearningRate
            {
                private readonly double _peak;
                private readonly int _warmup;
                private readonly int _total;

                public LearningRate(double peak, int warmupSteps, int totalSteps)
                {
                    if (warmupSteps < 0 || totalSteps <= warmupSteps) throw new ArgumentOutOfRangeException(nameof(totalSteps));
                    _peak = peak;
                    _warmup = warmupSteps;
                    _total = totalSteps;
                }

                public double At(int step)
                {
                    if (step < _warmup) return _peak * (step + 1) / _warmup;
                    double progress = Math.Min(1.0, (double)(step - _warmup) / (_total - _warmup));
                    double floor = _peak * {{minFactor.ToString(System.Globalization.CultureInfo.InvariantCulture)}};
                    return floor + (_peak - floor) * 0.5 * (1 + Math.Cos(Math.PI * progress));
                }
            }
            """;

        private const string GlobalUsings = """
            global using System.Linq;
            [assembly: System.CLSCompliant(false)]
            """;

        private const string TensorMath = """
            using System;
            using System.Numerics;

            namespace Vision.Util;

            /// <summary>Element-wise helpers between convolutions.</summary>
            public static class TensorMath
            {
                public static void Relu(Span<float> x)
                {
                    int i = 0;
                    if (Vector.IsHardwareAccelerated)
                    {
                        for (; i <= x.Length - Vector<float>.Count; i += Vector<float>.Count)
                            Vector.Max(new Vector<float>(x.Slice(i)), Vector<float>.Zero).CopyTo(x.Slice(i));
                    }

                    for (; i < x.Length; i++) x[i] = MathF.Max(x[i], 0);
                }

                public static void Add(ReadOnlySpan<float> a, Span<float> accumulator)
                {
                    if (a.Length != accumulator.Length) throw new ArgumentException("length mismatch", nameof(a));
                    for (int i = 0; i < a.Length; i++) accumulator[i] += a[i];
                }

                public static void BatchNorm(Span<float> x, int channels, ReadOnlySpan<float> scale, ReadOnlySpan<float> shift)
                {
                    int plane = x.Length / channels;
                    for (int c = 0; c < channels; c++)
                    {
                        var p = x.Slice(c * plane, plane);
                        for (int i = 0; i < p.Length; i++) p[i] = p[i] * scale[c] + shift[c];
                    }
                }

                public static int ArgMax(ReadOnlySpan<float> x) => x.IndexOf(x.ToArray().Max());
            }
            """;

        private const string ImageBatch = """
            using System;

            namespace Vision.Data;

            /// <summary>A batch of NCHW float32 images.</summary>
            public readonly record struct ImageBatch(float[] Data, int Batch, int Channels, int Height, int Width)
            {
                public int ImageLength => Channels * Height * Width;

                public ReadOnlySpan<float> Image(int n) => Data.AsSpan(n * ImageLength, ImageLength);

                public static ImageBatch Zeros(int batch, int channels, int height, int width) =>
                    new(new float[batch * channels * height * width], batch, channels, height, width);
            }
            """;

        /// <summary>
        /// The reference assemblies a net10.0 project compiles against (the Microsoft.NETCore.App.Ref pack of the
        /// installed SDK) plus ConvGen.Runtime; falls back to the running framework's implementation assemblies.
        /// </summary>
        private static (MetadataReference[] References, string Description) References()
        {
            string runtime = typeof(IConv2dLayer).Assembly.Location;
            string framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
            string? refDir = FindRefPack(framework);
            IEnumerable<string> paths;
            string description;
            if (refDir is not null)
            {
                paths = Directory.EnumerateFiles(refDir, "*.dll");
                description = $"Microsoft.NETCore.App.Ref {Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(refDir)))} reference assemblies";
            }
            else
            {
                paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
                    .Where(p => string.Equals(Path.GetDirectoryName(p), framework, StringComparison.Ordinal));
                description = $"implementation assemblies of the running framework ({framework})";
            }

            var list = paths.OrderBy(p => p, StringComparer.Ordinal).Append(runtime).ToList();
            return (list.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToArray(),
                $"{description} ({list.Count - 1} files) + ConvGen.Runtime");
        }

        private static string? FindRefPack(string framework)
        {
            // framework = <dotnet>/shared/Microsoft.NETCore.App/<version>
            string version = Path.GetFileName(framework);
            string packs = Path.GetFullPath(Path.Combine(framework, "..", "..", "..", "packs", "Microsoft.NETCore.App.Ref"));
            if (!Directory.Exists(packs)) return null;
            string tfm = $"net{Environment.Version.Major}.0";
            var candidates = Directory.EnumerateDirectories(packs)
                .Where(d => Directory.Exists(Path.Combine(d, "ref", tfm)))
                .OrderByDescending(d => Path.GetFileName(d) == version)
                .ThenByDescending(d => Version.TryParse(Path.GetFileName(d).Split('-')[0], out var v) ? v : new Version(0, 0))
                .ToList();
            return candidates.Count == 0 ? null : Path.Combine(candidates[0], "ref", tfm);
        }
    }
}
