using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;

namespace ConvGen.Benchmarks
{
    /// <summary>
    /// The <c>layers</c> suite's consistency check, as <see cref="ConsistencyCheck"/> does for the convolutions: every
    /// selected layer through TorchSharp, ONNX Runtime and ConvGen (where enabled) on identical data, compared with each
    /// other and with <see cref="OpReference"/> (max |a − b| / max |reference|, tolerance <see cref="ConsistencyCheck.Tolerance"/>).
    /// </summary>
    public static class OpCheck
    {
        public static int Run(IReadOnlyList<OpLayerSpec> layers)
        {
            var total = Stopwatch.StartNew();
            Console.WriteLine($"Consistency check ({OpLayers.Suite} suite), tolerance {ConsistencyCheck.Tolerance:G} (max |a-b| / max |double reference|), torch threads = 1");
            Console.WriteLine("| layer | PyTorch layer | max abs(ref) | torch vs ORT | torch vs ref | ORT vs ref | ConvGen vs torch | ConvGen vs ORT | ConvGen vs ref | verdict |");
            Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
            int failures = 0;
            foreach (OpLayerSpec spec in layers)
            {
                OpData data = OpData.Create(spec);
                float[] reference = OpReference.Forward(data);
                float[] torch = Output("TorchSharp", data);
                float[] ort = Output("OnnxRuntime", data);
                float[]? convGen = ConvGenOpLayers.IsEnabled(spec.Kind) ? Output("ConvGen", data) : null;
                double scale = ConsistencyCheck.MaxAbs(reference);
                double Diff(float[] a, float[] b) => ConsistencyCheck.RelDiff(a, b, scale);
                var errors = new List<double> { Diff(torch, ort), Diff(torch, reference), Diff(ort, reference) };
                if (convGen is not null)
                {
                    errors.AddRange(new[] { Diff(convGen, torch), Diff(convGen, ort), Diff(convGen, reference) });
                }

                bool ok = errors.All(e => e <= ConsistencyCheck.Tolerance);
                failures += ok ? 0 : 1;
                string cells = string.Join(" | ", errors.Select(F).Concat(Enumerable.Repeat("not enabled", 6 - errors.Count)));
                Console.WriteLine($"| {spec.Name} | `{spec.TorchCall}` | {scale.ToString("F2", CultureInfo.InvariantCulture)} | {cells} | {(ok ? "ok" : "FAIL")} |");
            }

            Console.WriteLine();
            Console.WriteLine($"{layers.Count - failures} passed, {failures} failed ({total.Elapsed.TotalSeconds:F1} s)");
            return failures == 0 ? 0 : 1;
        }

        /// <summary>
        /// A benchmark process's own check before timing (ConvBenchmarks' GlobalSetup): <paramref name="peer"/>'s output
        /// against the double reference; throws on a mismatch, so no timing of a wrong answer is reported.
        /// </summary>
        public static double Verify(IBenchPeer peer, OpData data)
        {
            float[] reference = OpReference.Forward(data);
            double error = ConsistencyCheck.RelDiff(peer.GetOutput(), reference, ConsistencyCheck.MaxAbs(reference));
            if (!(error <= ConsistencyCheck.Tolerance))
                throw new InvalidOperationException($"{peer.Library} {data.Spec.Name}: output differs from the reference by {error:G3} (tolerance {ConsistencyCheck.Tolerance:G}).");
            return error;
        }

        private static float[] Output(string library, OpData data)
        {
            using IBenchPeer peer = OpPeers.Create(library, data);
            peer.Run();
            return peer.GetOutput();
        }

        private static string F(double v) => v.ToString("0.0E+0", CultureInfo.InvariantCulture);
    }
}
