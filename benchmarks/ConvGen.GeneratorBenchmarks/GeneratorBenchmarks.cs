using System.Collections.Immutable;
using System.IO;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Order;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;

namespace ConvGen.GeneratorBenchmarks
{
    /// <summary>
    /// The scenarios, shared by BenchmarkDotNet and the Stopwatch mode. Each call starts from the same state, so every
    /// iteration measures the same work: the compilations are new objects (<c>Clone</c> / <c>ReplaceSyntaxTree</c>:
    /// cheap, lazy, no semantic state carried over) and the warm driver is immutable (a run returns a new driver).
    /// </summary>
    public sealed class Scenarios
    {
        /// <param name="verify">Check that the 200 generated files compile cleanly (one full compile, ~15 s).</param>
        public Scenarios(bool verify)
        {
            Project = SampleProject.Create();
            WarmDriver = SampleProject.NewDriver().RunGeneratorsAndUpdateCompilation(Project.Compilation, out var output, out var diagnostics);
            if (verify) SampleProject.Verify(Project, WarmDriver, output, diagnostics);
            WarmFloorDriver = SampleProject.NewFloorDriver().RunGenerators(Project.Compilation);
            Unrelated = Project.UnrelatedEdit();
            var layerEdit = Project.LayerEdit();
            LayerEditTrees = (layerEdit.Old, layerEdit.New);
            EditedLayer = layerEdit.Layer;
            // Source texts of the whole project after generation, for the compile benchmark (parsed anew each time).
            var texts = ImmutableArray.CreateBuilder<(string Path, string Text)>();
            foreach (var tree in output.SyntaxTrees) texts.Add((tree.FilePath, tree.GetText().ToString()));
            ProjectTexts = texts.ToImmutable();
            GeneratedCompilation = output;
        }

        public SampleProject Project { get; }

        /// <summary>A driver that has already run on <see cref="SampleProject.Compilation"/> (its caches are full).</summary>
        public GeneratorDriver WarmDriver { get; }

        /// <summary>Like <see cref="WarmDriver"/> for <see cref="AttributeOnlyGenerator"/>.</summary>
        public GeneratorDriver WarmFloorDriver { get; }

        public (SyntaxTree Old, SyntaxTree New) Unrelated { get; }

        public (SyntaxTree Old, SyntaxTree New) LayerEditTrees { get; }

        public LayerDecl EditedLayer { get; }

        public ImmutableArray<(string Path, string Text)> ProjectTexts { get; }

        public Compilation GeneratedCompilation { get; }

        /// <summary>(a) A new driver (new generator instance) on a compilation with no semantic state yet: what a build does.</summary>
        public GeneratorDriver Cold() => SampleProject.NewDriver().RunGenerators(Project.Compilation.Clone());

        /// <summary>(b) A method body changes in a file without layers; the driver from the previous run is reused (IDE typing).</summary>
        public GeneratorDriver EditUnrelatedFile() =>
            WarmDriver.RunGenerators(Project.Compilation.ReplaceSyntaxTree(Unrelated.Old, Unrelated.New));

        /// <summary>(c) One layer's attribute changes (8 more output channels); the driver from the previous run is reused.</summary>
        public GeneratorDriver EditOneLayer() =>
            WarmDriver.RunGenerators(Project.Compilation.ReplaceSyntaxTree(LayerEditTrees.Old, LayerEditTrees.New));

        /// <summary>(a) with <see cref="AttributeOnlyGenerator"/>: what binding 200 attributes costs without ConvGen's work.</summary>
        public GeneratorDriver ColdFloor() => SampleProject.NewFloorDriver().RunGenerators(Project.Compilation.Clone());

        /// <summary>(b) with <see cref="AttributeOnlyGenerator"/>.</summary>
        public GeneratorDriver EditUnrelatedFileFloor() =>
            WarmFloorDriver.RunGenerators(Project.Compilation.ReplaceSyntaxTree(Unrelated.Old, Unrelated.New));

        /// <summary>
        /// (d) The compile the generated code goes into: parse all 205 user files and the 200 generated ones, bind and
        /// emit DLL + PDB (Release, concurrent build as csc does), generator not included.
        /// </summary>
        public EmitResult CompileProject()
        {
            var trees = new SyntaxTree[ProjectTexts.Length];
            for (int i = 0; i < trees.Length; i++) trees[i] = SampleProject.Parse(ProjectTexts[i].Text, ProjectTexts[i].Path);
            var compilation = Project.Compilation.RemoveAllSyntaxTrees().AddSyntaxTrees(trees);
            return SampleProject.Emit(compilation);
        }
    }

    [Config(typeof(GeneratorBenchConfig))]
    public class GeneratorBenchmarks
    {
        private Scenarios _s = null!;

        [GlobalSetup]
        public void Setup() => _s = new Scenarios(verify: false); // `bench` verified the project before starting

        /// <summary>(a)</summary>
        [Benchmark]
        public GeneratorDriver ColdRun() => _s.Cold();

        /// <summary>(b)</summary>
        [Benchmark]
        public GeneratorDriver EditUnrelatedFile() => _s.EditUnrelatedFile();

        /// <summary>(c)</summary>
        [Benchmark]
        public GeneratorDriver EditOneLayerAttribute() => _s.EditOneLayer();

        /// <summary>(a) with the attribute-only generator (floor).</summary>
        [Benchmark]
        public GeneratorDriver ColdRun_AttributeOnly() => _s.ColdFloor();

        /// <summary>(b) with the attribute-only generator (floor).</summary>
        [Benchmark]
        public GeneratorDriver EditUnrelatedFile_AttributeOnly() => _s.EditUnrelatedFileFloor();
    }

    /// <summary>(d) in its own class: one call takes seconds, so it gets fewer iterations (<see cref="CompileBenchConfig"/>).</summary>
    [Config(typeof(CompileBenchConfig))]
    public class CompileBenchmark
    {
        private Scenarios _s = null!;

        [GlobalSetup]
        public void Setup() => _s = new Scenarios(verify: false);

        /// <summary>(d)</summary>
        [Benchmark]
        public EmitResult CompileWithGeneratedCode() => _s.CompileProject();
    }

    public sealed class CompileBenchConfig : ManualConfig
    {
        public CompileBenchConfig()
        {
            AddJob(GeneratorBenchConfig.WithToolchain(Job.Default
                .WithLaunchCount(1)
                .WithWarmupCount(1)
                .WithIterationCount(CompileIterations)
                .WithGcServer(false)
                .WithId("Compile")));
        }

        public const int CompileIterations = 5;
    }

    public sealed class GeneratorBenchConfig : ManualConfig
    {
        /// <summary>Set by <c>bench --inprocess</c>: run in this process instead of one child process per benchmark.</summary>
        public static bool InProcess { get; set; }

        public const int Launches = 3, WarmupIterations = 3, MeasuredIterations = 10;

        public GeneratorBenchConfig()
        {
            // 3 launches (processes, spread over time: the VM is shared, its load comes in bursts) of 3 warm-up + 10
            // measured iterations; BenchmarkDotNet picks the calls per iteration (1 for the cold run, ~10 for the
            // re-runs) from the 250 ms iteration time.
            AddJob(WithToolchain(Job.Default
                .WithLaunchCount(Launches)
                .WithWarmupCount(WarmupIterations)
                .WithIterationCount(MeasuredIterations)
                .WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(250))
                .WithGcServer(false)
                .WithId("Generator")));
        }

        public static Job WithToolchain(Job job) => InProcess ? job.WithToolchain(InProcessEmitToolchain.Instance) : job;

        /// <summary>Everything but the job, given to BenchmarkRunner once for both classes.</summary>
        public static IConfig Global() => ManualConfig.CreateEmpty()
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddColumn(StatisticColumn.Median, StatisticColumn.Min, StatisticColumn.Max)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddLogger(ConsoleLogger.Default)
            .AddExporter(MarkdownExporter.GitHub)
            .WithArtifactsPath(Path.Combine(Paths.ProjectDirectory, "BenchmarkDotNet.Artifacts"))
            .WithOrderer(new DefaultOrderer(SummaryOrderPolicy.Declared))
            .WithOption(ConfigOptions.JoinSummary, true);
    }
}
