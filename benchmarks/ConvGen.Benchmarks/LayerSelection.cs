using System;
using System.Collections.Generic;
using System.Linq;

namespace ConvGen.Benchmarks
{
    /// <summary>
    /// The layers a mode runs, from <c>--suite conv2d|nd|all|layers</c>, <c>--quick</c> and <c>--layers a,b</c>: the
    /// convolution layers (<see cref="BenchLayers"/>) and the layers of the <c>layers</c> suite (<see cref="OpLayers"/>).
    /// </summary>
    public sealed class LayerSelection
    {
        private LayerSelection(IReadOnlyList<ConvLayerSpec> conv, IReadOnlyList<OpLayerSpec> ops)
        {
            Conv = conv;
            Ops = ops;
        }

        public IReadOnlyList<ConvLayerSpec> Conv { get; }

        public IReadOnlyList<OpLayerSpec> Ops { get; }

        /// <summary>Every selected layer's name, convolutions first.</summary>
        public IReadOnlyList<string> Names => Conv.Select(l => l.Name).Concat(Ops.Select(l => l.Name)).ToArray();

        /// <summary>
        /// Consumes --suite / --quick / --layers from <paramref name="args"/> (default: the 12 Conv2d layers; --suite nd /
        /// all: the second suite / both convolution suites; --suite layers: pooling, Linear, activations, BatchNorm2d;
        /// --quick: the suite's subset; --layers: by name, from any suite).
        /// </summary>
        public static LayerSelection Parse(List<string> args)
        {
            string suite = BenchLayers.Conv2dSuite;
            int s = args.IndexOf("--suite");
            if (s >= 0)
            {
                if (s + 1 >= args.Count)
                {
                    throw new ArgumentException($"--suite needs {BenchLayers.Conv2dSuite}, {BenchLayers.NdSuite}, {BenchLayers.AllSuites} or {OpLayers.Suite}");
                }

                suite = args[s + 1];
                args.RemoveRange(s, 2);
            }

            int q = args.IndexOf("--quick");
            bool quick = q >= 0;
            if (quick)
            {
                args.RemoveAt(q);
            }

            var selection = string.Equals(suite, OpLayers.Suite, StringComparison.OrdinalIgnoreCase)
                ? new LayerSelection(Array.Empty<ConvLayerSpec>(), OpLayers.Select(quick))
                : new LayerSelection(BenchLayers.Suite(suite, quick), Array.Empty<OpLayerSpec>());
            int l = args.IndexOf("--layers");
            if (l >= 0)
            {
                if (l + 1 >= args.Count)
                {
                    throw new ArgumentException("--layers needs a comma-separated list");
                }

                string[] names = args[l + 1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                args.RemoveRange(l, 2);
                selection = new LayerSelection(
                    names.Where(n => !OpLayers.IsOp(n)).Select(BenchLayers.Get).ToArray(),
                    names.Where(OpLayers.IsOp).Select(OpLayers.Get).ToArray());
            }

            return selection;
        }
    }
}
