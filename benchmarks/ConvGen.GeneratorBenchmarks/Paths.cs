using System;
using System.IO;

namespace ConvGen.GeneratorBenchmarks
{
    /// <summary>Where things are, found from the running assembly (also inside BenchmarkDotNet's child processes).</summary>
    public static class Paths
    {
        private const string ProjectFile = "ConvGen.GeneratorBenchmarks.csproj";

        /// <summary>benchmarks/ConvGen.GeneratorBenchmarks</summary>
        public static string ProjectDirectory { get; } = Find();

        /// <summary>benchmarks/results/generator.md</summary>
        public static string ResultsFile => Path.GetFullPath(Path.Combine(ProjectDirectory, "..", "results", "generator.md"));

        private static string Find()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, ProjectFile))) return dir.FullName;
                string nested = Path.Combine(dir.FullName, "benchmarks", "ConvGen.GeneratorBenchmarks");
                if (File.Exists(Path.Combine(nested, ProjectFile))) return nested;
            }

            throw new InvalidOperationException($"{ProjectFile} not found above {AppContext.BaseDirectory}");
        }
    }
}
