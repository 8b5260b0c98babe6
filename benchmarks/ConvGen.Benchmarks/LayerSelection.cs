using System;
using System.Collections.Generic;
using System.Linq;

namespace ConvGen.Benchmarks
{
    /// <summary>
    /// The layers a mode runs, from <c>--suite conv2d|nd|all|layers</c>, <c>--quick</c> and <c>--layers a,b</c>: the
    /// convolution layers (<see cref="BenchLayers"/>), the layers of the <c>layers</c> suite (<see cref="OpLayers"/>) and
    /// the networks of the <c>networks</c> suite (<see cref="NetworkLayers"/>).
    /// </summary>
    public sealed class LayerSelection
    {
        private LayerSelection(IReadOnlyList<ConvLayerSpec> conv, IReadOnlyList<OpLayerSpec> ops, IReadOnlyList<NetworkSpec>? networks = null)
        {
            Conv = conv;
            Ops = ops;
            Networks = networks ?? Array.Empty<NetworkSpec>();
        }

        public IReadOnlyList<ConvLayerSpec> Conv { get; }

        public IReadOnlyList<OpLayerSpec> Ops { get; }

        public IReadOnlyList<NetworkSpec> Networks { get; }

        /// <summary>Every selected layer's name, convolutions first.</summary>
        public IReadOnlyList<string> Names => Conv.Select(l => l.Name).Concat(Ops.Select(l => l.Name)).Concat(Networks.Select(l => l.Name)).ToArray();

        /// <summary>
        /// Consumes --suite / --quick / --layers from <paramref name="args"/> (default: the 12 Conv2d layers; --suite nd /
        /// all: the second suite / both convolution suites; --suite layers: pooling, Linear, activations, BatchNorm2d;
        /// --suite networks: LeNet-5 at batch 1 and 8;
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
                    throw new ArgumentException($"--suite needs {BenchLayers.Conv2dSuite}, {BenchLayers.NdSuite}, {BenchLayers.AllSuites}, {BenchLayers.RealSuite}, {OpLayers.Suite} or {NetworkLayers.Suite}");
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
                : string.Equals(suite, NetworkLayers.Suite, StringComparison.OrdinalIgnoreCase)
                ? new LayerSelection(Array.Empty<ConvLayerSpec>(), Array.Empty<OpLayerSpec>(), NetworkLayers.Select(quick))
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
                    names.Where(n => !OpLayers.IsOp(n) && !NetworkLayers.IsNetwork(n)).Select(BenchLayers.Get).ToArray(),
                    names.Where(OpLayers.IsOp).Select(OpLayers.Get).ToArray(),
                    names.Where(NetworkLayers.IsNetwork).Select(NetworkLayers.Get).ToArray());
            }

            return selection;
        }
    }
}
