using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;

namespace ConvGen.Benchmarks
{
    /// <summary>
    /// Runs every selected layer through TorchSharp, ONNX Runtime (and ConvGen once wired) with identical data and
    /// compares them with each other and with a double-precision direct convolution. The error measure is
    /// max|a − b| / max|reference|; the peers must agree within <see cref="Tolerance"/>.
    /// </summary>
    public static class ConsistencyCheck
    {
        public const double Tolerance = 1e-4;

        public static int Run(IReadOnlyList<ConvLayerSpec> layers)
        {
            var total = Stopwatch.StartNew();
            bool withConvGen = ConvGenPeer.IsAvailable;
            Console.WriteLine($"Consistency check, tolerance {Tolerance:G} (max |a-b| / max |double reference|), torch threads = 1");
            string header = "| layer | max abs(ref) | torch vs ORT | torch vs ref | ORT vs ref |" + (withConvGen ? " ConvGen vs torch | ConvGen vs ref |" : "") + " verdict |";
            Console.WriteLine(header);
            Console.WriteLine(string.Concat(header.Where(c => c == '|').Skip(1).Select(_ => "|---")) + "|");
            int failures = 0;
            foreach (ConvLayerSpec spec in layers)
            {
                LayerData data = LayerData.Create(spec);
                float[] reference = ReferenceConv.Forward(data);
                float[] torchOut, ortOut;
                float[]? convGenOut = null;
                using (IConvPeer torch = Peers.Create("TorchSharp", data))
                {
                    torch.Run();
                    torchOut = torch.GetOutput();
                }

                using (IConvPeer ort = Peers.Create("OnnxRuntime", data))
                {
                    ort.Run();
                    ortOut = ort.GetOutput();
                }

                bool sameOnTwoThreads = true;
                if (withConvGen)
                {
                    using IConvPeer convGen = Peers.Create("ConvGen", data);
                    convGen.Run();
                    convGenOut = convGen.GetOutput();
                    using IConvPeer twoThreads = Peers.Create(Peers.TwoThreads, data);
                    twoThreads.Run();
                    sameOnTwoThreads = twoThreads.GetOutput().AsSpan().SequenceEqual(convGenOut);
                }

                double scale = MaxAbs(reference);
                double torchOrt = RelDiff(torchOut, ortOut, scale);
                double torchRef = RelDiff(torchOut, reference, scale);
                double ortRef = RelDiff(ortOut, reference, scale);
                var errors = new List<double> { torchOrt, torchRef, ortRef };
                string extra = "";
                if (convGenOut is not null)
                {
                    double cgTorch = RelDiff(convGenOut, torchOut, scale);
                    double cgRef = RelDiff(convGenOut, reference, scale);
                    errors.Add(cgTorch);
                    errors.Add(cgRef);
                    extra = $" {F(cgTorch)} | {F(cgRef)} |";
                }

                bool ok = errors.All(e => e <= Tolerance) && sameOnTwoThreads;
                if (!sameOnTwoThreads) extra += " threads: 2 differs from threads: 1 |";
                failures += ok ? 0 : 1;
                Console.WriteLine($"| {spec.Name} | {scale.ToString("F2", CultureInfo.InvariantCulture)} | {F(torchOrt)} | {F(torchRef)} | {F(ortRef)} |{extra} {(ok ? "ok" : "FAIL")} |");
            }

            Console.WriteLine();
            Console.WriteLine($"{layers.Count - failures} passed, {failures} failed ({total.Elapsed.TotalSeconds:F1} s)");
            return failures == 0 ? 0 : 1;
        }

        public static double RelDiff(float[] a, float[] b, double scale)
        {
            if (a.Length != b.Length)
            {
                return double.PositiveInfinity;
            }

            double max = 0;
            for (int i = 0; i < a.Length; i++)
            {
                double d = Math.Abs((double)a[i] - b[i]);
                if (double.IsNaN(d))
                {
                    return double.PositiveInfinity;
                }

                max = Math.Max(max, d);
            }

            return max / Math.Max(scale, 1e-30);
        }

        public static double MaxAbs(float[] v)
        {
            double max = 0;
            foreach (float x in v)
            {
                max = Math.Max(max, Math.Abs((double)x));
            }

            return max;
        }

        private static string F(double v) => v.ToString("0.0E+0", CultureInfo.InvariantCulture);
    }
}
