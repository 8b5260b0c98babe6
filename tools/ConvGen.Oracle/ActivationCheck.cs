using ConvGen.Golden;
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace ConvGen.Oracle
{
    /// <summary>
    /// Checks made on the activations while writing: PyTorch's own float error against the double reference (the bound
    /// the tolerance assumes, <see cref="ActivationReference.TorchError"/>), and that each activation configuration's
    /// convolution output reaches the function's saturated and linear regions.
    /// </summary>
    public static class ActivationCheck
    {
        /// <summary>
        /// Runs every <c>torch.nn</c> activation module (LeakyReLU with each slope used in <paramref name="slopes"/>) over
        /// a sweep of float arguments (uniform on [-100, 100] and [-12, 12], log-uniform magnitudes from 1e-20 to 1e3, the
        /// region boundaries) and compares with <see cref="ActivationReference.Exact"/>. Throws if any result is outside
        /// PyTorch's documented bound; returns one line per module with the worst error as a share of the bound.
        /// </summary>
        public static IReadOnlyList<string> MeasureTorch(IEnumerable<float> slopes)
        {
            float[] xs = SweepPoints();
            var lines = new List<string>();
            var modules = Enum.GetValues<GoldenActivation>().Where(a => a != GoldenActivation.None)
                .SelectMany(a => a == GoldenActivation.LeakyReLU ? slopes.Distinct().Select(s => (a, s)) : new[] { (a, 0.01f) });
            using var scope = torch.NewDisposeScope();
            foreach (var (a, slope) in modules)
            {
                using var module = TorchOracle.CreateActivation(a, slope)!;
                float[] y;
                using (torch.no_grad()) y = module.forward(torch.tensor(xs)).data<float>().ToArray();
                double worst = 0, worstUlps = 0;
                float at = 0;
                for (int i = 0; i < xs.Length; i++)
                {
                    double e = ActivationReference.Exact(a, xs[i], slope);
                    if (double.IsNaN(e) || double.IsInfinity(e)) continue;
                    double err = Math.Abs(y[i] - e);
                    double bound = ActivationReference.TorchError(a, xs[i], Math.Max(Math.Abs(e), Math.Abs((double)y[i])));
                    double ratio = bound > 0 ? err / bound : err > 0 ? double.PositiveInfinity : 0;
                    if (!(ratio <= worst)) { worst = ratio; at = xs[i]; }
                    if (Math.Abs(e) >= ActivationReference.Tiny) worstUlps = Math.Max(worstUlps, err / ActivationReference.Ulp(e));
                }

                string name = a == GoldenActivation.LeakyReLU ? $"LeakyReLU({slope.ToString("R", CultureInfo.InvariantCulture)})" : a.ToString();
                string line = string.Create(CultureInfo.InvariantCulture,
                    $"{name}: worst error {worst:F3} of the bound ({ActivationReference.TorchUlps(a)} ulp" +
                    $"{(ActivationReference.TorchAbsolute(a) > 0 ? $" + {ActivationReference.TorchAbsolute(a)}·|x|·2⁻²⁴" : "")}), at x = {at:R}; " +
                    $"largest error in ulps of a normal result {worstUlps:G3}");
                if (!(worst <= 1))
                {
                    throw new InvalidOperationException($"PyTorch's {name} is outside the error bound the tolerance assumes: {line}");
                }

                lines.Add(line);
            }

            return lines;
        }

        private static float[] SweepPoints()
        {
            var points = new List<float>();
            ulong state = 0x0123_4567_89AB_CDEFUL;
            double Next()
            {
                state += 0x9E3779B97F4A7C15UL;
                return (SplitMix64.Mix(state) >> 11) * (1.0 / (1UL << 53));
            }

            for (int i = 0; i < 200_000; i++) points.Add((float)(Next() * 200 - 100));
            for (int i = 0; i < 200_000; i++) points.Add((float)(Next() * 24 - 12));
            for (int i = 0; i < 200_000; i++) points.Add((float)((Next() < 0.5 ? -1 : 1) * Math.Pow(10, Next() * 23 - 20)));
            foreach (float b in new[] { 0f, 3f, 6f, 88.7f, 89f, 100f })
            {
                for (int k = -64; k <= 64; k++)
                {
                    points.Add(b + k * 1e-6f * Math.Max(1, b));
                    points.Add(-(b + k * 1e-6f * Math.Max(1, b)));
                }
            }

            points.AddRange(new[] { -0f, float.Epsilon, -float.Epsilon, 1e-38f, -1e-38f });
            return points.ToArray();
        }

        /// <summary>The regions of an activation, as (name, test) on the convolution's output.</summary>
        public static (string Name, Func<double, bool> Contains)[] Regions(GoldenActivation a) => a switch
        {
            GoldenActivation.ReLU or GoldenActivation.LeakyReLU => new (string, Func<double, bool>)[]
            {
                ("x < 0", x => x < 0), ("x > 0", x => x > 0),
            },
            GoldenActivation.ReLU6 => new (string, Func<double, bool>)[]
            {
                ("x < 0", x => x < 0), ("0 < x < 6", x => x > 0 && x < 6), ("x > 6", x => x > 6),
            },
            GoldenActivation.Hardsigmoid or GoldenActivation.Hardswish => new (string, Func<double, bool>)[]
            {
                ("x < −3", x => x < -3), ("|x| < 3", x => Math.Abs(x) < 3), ("x > 3", x => x > 3),
            },
            GoldenActivation.Sigmoid => new (string, Func<double, bool>)[]
            {
                ("x < −6", x => x < -6), ("|x| < 1", x => Math.Abs(x) < 1), ("x > 6", x => x > 6),
            },
            GoldenActivation.Tanh => new (string, Func<double, bool>)[]
            {
                ("x < −3", x => x < -3), ("|x| < 0.5", x => Math.Abs(x) < 0.5), ("x > 3", x => x > 3),
            },
            GoldenActivation.SiLU or GoldenActivation.GELU or GoldenActivation.GELUTanh => new (string, Func<double, bool>)[]
            {
                ("x < −4", x => x < -4), ("|x| < 1", x => Math.Abs(x) < 1), ("x > 4", x => x > 4),
            },
            _ => Array.Empty<(string, Func<double, bool>)>(),
        };

        /// <summary>
        /// The share of the convolution's (finite) outputs in each region of the activation, e.g. "conv output x < −4: 31 %,
        /// |x| < 1: 8 %, x > 4: 30 %"; <paramref name="missing"/> lists the regions with no output at all.
        /// </summary>
        public static string RegionSummary(GoldenActivation a, float[] convOutput, out List<string> missing)
        {
            missing = new List<string>();
            var regions = Regions(a);
            if (regions.Length == 0) return "";
            var finite = convOutput.Where(float.IsFinite).ToArray();
            var parts = new List<string>();
            foreach (var (name, contains) in regions)
            {
                int count = finite.Count(v => contains(v));
                if (count == 0) missing.Add(name);
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{name}: {100.0 * count / Math.Max(1, finite.Length):F0} %"));
            }

            return "conv output " + string.Join(", ", parts);
        }
    }
}
