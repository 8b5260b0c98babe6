using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using ConvGen.Golden;
using TorchSharp;
using static TorchSharp.torch;

namespace ConvGen.Oracle
{
    /// <summary>
    /// <c>generate-pool</c>: golden vectors of <c>torch.nn.MaxPool2d</c> (values and indices), <c>AvgPool2d</c>,
    /// <c>MaxUnpool2d</c> (fed by MaxPool2d's indices, or by random valid ones with duplicates), <c>AdaptiveAvgPool2d</c>
    /// and <c>AdaptiveMaxPool2d</c>, computed by the modules themselves through libtorch on one thread, inputs from
    /// SplitMix64. Writes tests/ConvGen.Conformance.Tests/golden-layers/pool/NNN-name.bin (TensorFile), MANIFEST.md there,
    /// and the ConvGen twins in PoolGoldenLayers.g.cs. Inputs above 65,536 elements are stored as "input_seed" (seed,
    /// scale code, N, C, H, W): the test regenerates them with SplitMix64.
    /// </summary>
    public static class PoolOracle
    {
        public const string Command = "generate-pool";

        private const int StoredInputLimit = 65_536;

        /// <summary>Input values: uniform, rounded to halves (ties), or uniform with NaN/±∞ sprinkled in.</summary>
        private enum Values { Uniform, Ties, Specials }

        /// <summary>One configuration. Window: kernel (max/avg/unpool) or output size (adaptive, 0 = None).</summary>
        private sealed record PoolCase(string Module, string Name, int[] Window, int[]? Stride, int[] Padding, int[] Dilation, bool Ceil,
            bool IncludePad, int? Divisor, int N, int C, int H, int W, Values Values = Values.Uniform, int[]? UnpoolSize = null,
            bool RandomIndices = false, bool Indices = true);

        public static int Generate(string[] args)
        {
            string root = args.Length == 2 && args[0] == "--root" ? args[1] : FindRoot();
            string project = Path.Combine(root, "tests", "ConvGen.Conformance.Tests");
            torch.set_num_threads(1);
            string version = $"TorchSharp-cpu {typeof(torch).Assembly.GetName().Version?.ToString(3)}, libtorch {torch.__version__}";
            Console.WriteLine($"{version}, 1 thread");
            var cases = Cases();
            string dir = Path.Combine(project, "golden-layers", "pool");
            if (Directory.Exists(dir)) foreach (string f in Directory.GetFiles(dir, "*.bin")) File.Delete(f);
            Directory.CreateDirectory(dir);
            var manifest = new StringBuilder($"# Pooling golden vectors\n\nWritten by `dotnet run -c Release --project tools/ConvGen.Oracle -- {Command}` ({version}, one thread). " +
                "Input 3·seed+3 (SplitMix64, uniform [−1, 1)); `ties`: rounded to halves; `specials`: NaN, ±∞ at every 7th element. " +
                "An input above 65,536 elements is stored as `input_seed` (seed, values, N, C, H, W). MaxPool2d files hold `indices` " +
                "(forward_with_indices); MaxUnpool2d files hold the pooled `input`, its `indices` and the `output_size` passed.\n\n" +
                "| file | PyTorch | input (N, C, H, W) | output |\n|---|---|---|---|\n");
            for (int i = 0; i < cases.Count; i++)
            {
                var c = cases[i];
                string file = $"{i + 1:000}-{c.Name}.bin";
                var tensors = Run(c, (ulong)(9000 + i));
                TensorFile.Write(Path.Combine(dir, file), tensors);
                var output = tensors.Single(t => t.Name == "output").Shape;
                string how = s_unpoolMethod.TryGetValue(c.Name, out var m) ? $" ({m})" : "";
                manifest.Append($"| {file} | `{Call(c)}`{how} | ({c.N}, {c.C}, {c.H}, {c.W}) | ({string.Join(", ", output)}) |\n");
            }

            File.WriteAllText(Path.Combine(dir, "MANIFEST.md"), manifest.ToString());
            File.WriteAllText(Path.Combine(project, "PoolGoldenLayers.g.cs"), Twins(cases));
            foreach (var g in cases.GroupBy(c => c.Module)) Console.WriteLine($"{g.Key}: {g.Count()} files");
            return 0;
        }

        // ---- Configurations ----

        private static List<PoolCase> Cases()
        {
            var cases = new List<PoolCase>();
            int[] P(int a, int b) => new[] { a, b };
            int[] U(int a) => new[] { a, a };
            (int H, int W)[] sizes = { (1, 1), (2, 3), (5, 5), (7, 9), (8, 8), (13, 6), (16, 17), (21, 20), (33, 9), (3, 40) };
            // kernel, stride (null: the kernel), padding, dilation, ceil
            var windows = new (int[] K, int[]? S, int[] Pd, int[] D, bool Ceil)[]
            {
                (U(2), null, U(0), U(1), false), (U(2), null, U(0), U(1), true), (U(3), U(2), U(1), U(1), false), (U(3), U(2), U(1), U(1), true),
                (U(3), U(1), U(1), U(1), false), (U(3), null, U(0), U(1), true), (U(1), null, U(0), U(1), false), (U(1), U(2), U(0), U(1), true),
                (P(3, 2), P(2, 1), P(1, 1), U(1), false), (P(2, 3), P(1, 2), P(1, 0), U(1), true), (U(4), U(3), U(2), U(1), true),
                (U(5), U(4), U(2), U(1), false), (U(5), U(2), U(2), U(1), true), (U(3), U(3), U(1), U(1), true), (U(4), U(2), U(1), U(1), false),
                (U(2), U(1), U(1), U(1), true), (U(7), U(5), U(3), U(1), true), (P(1, 3), P(1, 1), P(0, 1), U(1), false),
            };
            var dilations = new (int[] K, int[]? S, int[] Pd, int[] D, bool Ceil)[]
            {
                (U(2), U(1), U(1), U(2), false), (U(3), U(2), U(1), U(2), true), (P(3, 2), P(1, 2), P(1, 1), P(2, 3), false),
                (U(2), U(1), U(1), U(3), true), (U(3), U(1), U(0), P(1, 2), false), (U(2), U(2), U(1), U(2), true),
            };

            // MaxPool2d: every window on two sizes, the dilated ones on three, ties and specials, 1×1, an empty batch.
            int n = 0;
            foreach (var w in windows.Concat(dilations))
            {
                for (int k = 0; k < 3; k++)
                {
                    var (h, wd) = sizes[(n * 3 + k * 7) % sizes.Length];
                    n++;
                    if (!Fits(w.K, w.S ?? w.K, w.Pd, w.D, w.Ceil, h, wd)) continue;
                    var values = (n % 5) switch { 1 => Values.Ties, 3 => Values.Specials, _ => Values.Uniform };
                    cases.Add(new PoolCase("MaxPool2d", $"max-{Tag(w.K, w.S, w.Pd, w.D, w.Ceil)}-{h}x{wd}-{values.ToString().ToLowerInvariant()}",
                        w.K, w.S, w.Pd, w.D, w.Ceil, true, null, 1 + n % 2, 1 + n % 4, h, wd, values));
                }
            }

            cases.Add(new PoolCase("MaxPool2d", "max-k3s2p1-batch0", U(3), U(2), U(1), U(1), false, true, null, 0, 3, 9, 9));
            cases.Add(new PoolCase("MaxPool2d", "max-k2-1x1-ceil", U(2), null, U(1), U(1), true, true, null, 2, 3, 1, 1, Values.Specials));
            cases.Add(new PoolCase("MaxPool2d", "max-all-nan-ties", U(2), U(1), U(0), U(1), false, true, null, 1, 2, 4, 5, Values.Ties));
            cases.Add(new PoolCase("MaxPool2d", "resnet-stem-k3s2p1-112x112x64", U(3), U(2), U(1), U(1), false, true, null, 1, 64, 112, 112, Indices: false));
            cases.Add(new PoolCase("MaxPool2d", "vgg-k2s2-28x28x64", U(2), U(2), U(0), U(1), false, true, null, 1, 64, 28, 28));

            // AvgPool2d: every window (no dilation) with count_include_pad both ways, divisor_override, ties and specials.
            var avgWindows = windows.Where(w => w.D.All(d => d == 1)).ToArray();
            int?[] divisors = { null, null, null, 1, 5, -3 };
            n = 0;
            foreach (var w in avgWindows)
            {
                for (int k = 0; k < 4; k++)
                {
                    var (h, wd) = sizes[(n * 3 + k * 5) % sizes.Length];
                    n++;
                    if (!Fits(w.K, w.S ?? w.K, w.Pd, U(1), w.Ceil, h, wd)) continue;
                    bool include = k % 2 == 0;
                    int? divisor = divisors[n % divisors.Length];
                    var values = n % 7 == 3 ? Values.Specials : Values.Uniform;
                    cases.Add(new PoolCase("AvgPool2d", $"avg-{Tag(w.K, w.S, w.Pd, U(1), w.Ceil)}{(include ? "" : "-nopad")}{(divisor is { } d ? $"-div{d}" : "")}-{h}x{wd}{(values == Values.Specials ? "-specials" : "")}",
                        w.K, w.S, w.Pd, U(1), w.Ceil, include, divisor, 1 + n % 2, 1 + n % 3, h, wd, values));
                }
            }

            cases.Add(new PoolCase("AvgPool2d", "avg-k3s2p1-batch0", U(3), U(2), U(1), U(1), false, true, null, 0, 2, 8, 8));
            cases.Add(new PoolCase("AvgPool2d", "avg-k2-1x1-ceil-nopad", U(2), null, U(1), U(1), true, false, null, 2, 3, 1, 1));
            cases.Add(new PoolCase("AvgPool2d", "densenet-transition-k2s2-28x28x128", U(2), U(2), U(0), U(1), false, true, null, 1, 128, 28, 28));
            cases.Add(new PoolCase("AvgPool2d", "inception-k3s1p1-nopad-17x17x32", U(3), U(1), U(1), U(1), false, false, null, 1, 32, 17, 17));

            // MaxUnpool2d: the indices of MaxPool2d with the same window, the default and explicit output sizes, random indices.
            // With padding the default size can be smaller than the pooled input; those take the input's size explicitly.
            var unpools = new (int[] K, int[]? S, int[] Pd, int H, int W, int[]? Size, bool Random)[]
            {
                (U(2), null, U(0), 4, 4, null, false), (U(2), null, U(0), 5, 7, null, false), (U(2), null, U(0), 5, 7, P(5, 7), false),
                (U(2), null, U(0), 2, 2, null, false), (U(3), U(2), U(1), 9, 9, null, false), (U(3), U(2), U(1), 8, 10, P(8, 10), false),
                (U(3), U(2), U(1), 7, 9, null, false), (U(3), U(3), U(0), 9, 12, null, false), (U(3), U(3), U(0), 10, 13, P(10, 13), false),
                (P(3, 2), P(2, 1), P(1, 1), 7, 6, null, false), (P(2, 3), P(2, 3), P(0, 1), 6, 9, P(6, 9), false), (U(4), U(2), U(1), 12, 12, null, false),
                (U(4), U(2), U(2), 11, 10, P(11, 10), false), (U(2), U(1), U(0), 6, 6, null, false), (U(5), U(3), U(2), 15, 14, P(15, 14), false),
                (U(2), null, U(0), 16, 16, P(17, 17), false), (U(3), U(2), U(0), 13, 9, P(13, 10), false),
                (U(2), null, U(0), 6, 8, null, true), (U(3), U(2), U(1), 7, 7, P(8, 6), true), (U(2), U(3), U(1), 5, 6, null, true),
                (U(2), null, U(0), 28, 28, null, false), (U(3), U(2), U(1), 14, 14, null, true),
            };
            for (int i = 0; i < unpools.Length; i++)
            {
                var u = unpools[i];
                if (u.Size is null && !u.Random)
                {
                    // The pooled input's indices address its H × W plane: a default size below it takes the input's size.
                    int[] stride = u.S ?? u.K;
                    int Default(int input, int a) => ((input + 2 * u.Pd[a] - u.K[a]) / stride[a]) * stride[a] - 2 * u.Pd[a] + u.K[a];
                    if (Default(u.H, 0) < u.H || Default(u.W, 1) < u.W) u.Size = P(u.H, u.W);
                }

                cases.Add(new PoolCase("MaxUnpool2d", $"unpool-{Tag(u.K, u.S, u.Pd, U(1), false)}-{u.H}x{u.W}{(u.Size is { } s ? $"-to{s[0]}x{s[1]}" : "")}{(u.Random ? "-random" : "")}",
                    u.K, u.S, u.Pd, U(1), false, true, null, 1 + i % 2, 1 + i % 3, u.H, u.W, UnpoolSize: u.Size, RandomIndices: u.Random));
            }

            // Adaptive pools: smaller, equal and larger outputs, non-divisible sizes, None, global pooling of real heads.
            var adaptive = new (int[] O, int H, int W)[]
            {
                (U(1), 7, 7), (U(1), 1, 1), (U(1), 13, 5), (U(2), 5, 5), (U(3), 7, 7), (U(3), 10, 11), (P(3, 5), 9, 9), (U(7), 7, 7),
                (U(7), 5, 5), (U(7), 13, 17), (P(0, 4), 6, 9), (P(5, 0), 11, 3), (P(2, 7), 3, 2), (U(4), 16, 16), (U(6), 20, 15),
                (P(1, 3), 8, 10), (U(5), 4, 9), (P(0, 0), 3, 4), (U(2), 1, 7), (U(9), 31, 30),
            };
            foreach (string module in new[] { "AdaptiveAvgPool2d", "AdaptiveMaxPool2d" })
            {
                string prefix = module == "AdaptiveAvgPool2d" ? "adaptive-avg" : "adaptive-max";
                for (int i = 0; i < adaptive.Length; i++)
                {
                    var a = adaptive[i];
                    var values = i % 6 == 4 ? Values.Specials : module.Contains("Max") && i % 6 == 1 ? Values.Ties : Values.Uniform;
                    cases.Add(new PoolCase(module, $"{prefix}-{a.O[0]}x{a.O[1]}-{a.H}x{a.W}{(values == Values.Uniform ? "" : "-" + values.ToString().ToLowerInvariant())}",
                        a.O, null, U(0), U(1), false, true, null, 1 + i % 2, 1 + i % 4, a.H, a.W, values));
                }

                cases.Add(new PoolCase(module, $"{prefix}-1x1-batch0", U(1), null, U(0), U(1), false, true, null, 0, 4, 7, 7));
            }

            cases.Add(new PoolCase("AdaptiveAvgPool2d", "resnet18-global-avg-7x7x512", U(1), null, U(0), U(1), false, true, null, 1, 512, 7, 7));
            cases.Add(new PoolCase("AdaptiveAvgPool2d", "mobilenetv2-global-avg-7x7x1280", U(1), null, U(0), U(1), false, true, null, 1, 1280, 7, 7));
            cases.Add(new PoolCase("AdaptiveAvgPool2d", "resnet18-global-avg-7x7x512-batch2", U(1), null, U(0), U(1), false, true, null, 2, 512, 7, 7));
            cases.Add(new PoolCase("AdaptiveAvgPool2d", "vgg-adaptive-avg-7x7-of-14x14x64", U(7), null, U(0), U(1), false, true, null, 1, 64, 14, 14));
            cases.Add(new PoolCase("AdaptiveMaxPool2d", "global-max-7x7x512", U(1), null, U(0), U(1), false, true, null, 1, 512, 7, 7));
            return cases;
        }

        /// <summary>PyTorch accepts the window: padding at most half the effective kernel and a non-empty output.</summary>
        private static bool Fits(int[] k, int[] s, int[] p, int[] d, bool ceil, int h, int w)
        {
            // Written out here rather than taken from ConvGen: the oracle states PyTorch's rules on its own (Pool.h).
            for (int a = 0; a < 2; a++)
            {
                int input = a == 0 ? h : w, effective = d[a] * (k[a] - 1) + 1;
                if (p[a] > effective / 2 || p[a] > k[a] / 2) return false; // pooling_output_shape, then pool2d_shape_check
                long numerator = input + 2 * p[a] - effective + (ceil ? s[a] - 1 : 0);
                long output = (long)Math.Floor(numerator / (double)s[a]) + 1;
                if (ceil && (output - 1) * s[a] >= input + p[a]) output--;
                if (output < 1) return false;
            }

            return true;
        }

        private static string Tag(int[] k, int[]? s, int[] p, int[] d, bool ceil) =>
            $"k{Pair(k)}{(s is null ? "" : "s" + Pair(s))}{(p.Any(v => v != 0) ? "p" + Pair(p) : "")}{(d.Any(v => v != 1) ? "d" + Pair(d) : "")}{(ceil ? "-ceil" : "")}";

        private static string Pair(int[] v) => v[0] == v[1] ? $"{v[0]}" : $"{v[0]}x{v[1]}";

        // ---- Running PyTorch ----

        private static float[] Input(PoolCase c, ulong seed)
        {
            float[] x = SplitMix64.Uniform(c.N * c.C * c.H * c.W, seed);
            Apply(x, c.Values);
            return x;
        }

        /// <summary>Ties: rounded to halves; specials: NaN, +∞, −∞ in turn at every 7th element (shared with the conformance test).</summary>
        internal static void Apply(float[] x, int values)
        {
            if (values == 1) for (int i = 0; i < x.Length; i++) x[i] = MathF.Round(x[i] * 2) / 2;
            if (values == 2) for (int i = 0; i < x.Length; i += 7) x[i] = (i / 7 % 3) switch { 0 => float.NaN, 1 => float.PositiveInfinity, _ => float.NegativeInfinity };
        }

        private static void Apply(float[] x, Values values) => Apply(x, (int)values);

        private static List<GoldenTensor> Run(PoolCase c, ulong seed)
        {
            using var scope = torch.NewDisposeScope();
            long[] shape = { c.N, c.C, c.H, c.W };
            float[] input = Input(c, 3 * seed + 3);
            var tensors = new List<GoldenTensor>();
            if (input.Length <= StoredInputLimit) tensors.Add(new GoldenTensor("input", shape, Floats: input));
            else tensors.Add(new GoldenTensor("input_seed", new long[] { 6 }, Longs: new long[] { (long)(3 * seed + 3), (long)c.Values, c.N, c.C, c.H, c.W }));
            using (torch.no_grad())
            {
                Tensor x = torch.tensor(input, shape);
                long[] L(int[] v) => v.Select(i => (long)i).ToArray();
                switch (c.Module)
                {
                    case "MaxPool2d":
                    {
                        using var pool = nn.MaxPool2d(L(c.Window), c.Stride is null ? null : L(c.Stride), L(c.Padding), L(c.Dilation), c.Ceil);
                        var (y, indices) = pool.forward_with_indices(x);
                        tensors.Add(Floats("output", y));
                        if (c.Indices) tensors.Add(Longs("indices", indices));
                        break;
                    }
                    case "AvgPool2d":
                    {
                        using var pool = nn.AvgPool2d(L(c.Window), c.Stride is null ? null : L(c.Stride), L(c.Padding), c.Ceil, c.IncludePad, c.Divisor);
                        tensors.Add(Floats("output", pool.forward(x)));
                        break;
                    }
                    case "MaxUnpool2d":
                    {
                        using var pool = nn.MaxPool2d(L(c.Window), c.Stride is null ? null : L(c.Stride), L(c.Padding), null, false);
                        var (pooled, indices) = pool.forward_with_indices(x);
                        long[] size = c.UnpoolSize is { } s ? new long[] { s[0], s[1] }
                            : Enumerable.Range(0, 2).Select(a => (pooled.shape[2 + a] - 1) * (c.Stride ?? c.Window)[a] - 2 * c.Padding[a] + c.Window[a]).ToArray();
                        if (c.RandomIndices)
                        {
                            // Random valid indices, duplicates included: the later element of a plane wins, as on PyTorch's CPU.
                            var random = new Random((int)seed);
                            long[] values = indices.contiguous().data<long>().ToArray().Select(_ => (long)random.Next((int)(size[0] * size[1]))).ToArray();
                            indices = torch.tensor(values, indices.shape);
                        }

                        using var unpool = nn.MaxUnpool2d(L(c.Window), L(c.Stride ?? c.Window), L(c.Padding)); // a null stride reaches libtorch as an empty list
                        Tensor y = Unpool(unpool, pooled, indices, size, c);
                        tensors.RemoveAt(0);
                        tensors.Add(Floats("input", pooled));
                        tensors.Add(Longs("indices", indices));
                        tensors.Add(new GoldenTensor("output_size", new long[] { 2 }, Longs: size));
                        tensors.Add(Floats("output", y));
                        break;
                    }
                    default:
                    {
                        long[] size = { c.Window[0] == 0 ? c.H : c.Window[0], c.Window[1] == 0 ? c.W : c.Window[1] };
                        using nn.Module<Tensor, Tensor> pool = c.Module == "AdaptiveAvgPool2d" ? (nn.Module<Tensor, Tensor>)nn.AdaptiveAvgPool2d(size) : nn.AdaptiveMaxPool2d(size);
                        tensors.Add(Floats("output", pool.forward(x)));
                        break;
                    }
                }
            }

            return tensors;
        }

        /// <summary>How each MaxUnpool2d file was computed, for the manifest.</summary>
        private static readonly Dictionary<string, string> s_unpoolMethod = new();

        /// <summary>
        /// nn.MaxUnpool2d's forward; TorchSharp 0.107 hands libtorch an empty output_size list ("output_size should be a
        /// sequence containing 2 or 4 elements, but it has a length of '0'") whatever it is given, so when the module
        /// throws, the result is PyTorch's definition of max_unpool2d itself: zeros, then scatter_ of each plane's
        /// values to its indices (on the CPU in order, so a later duplicate wins, as in max_unpooling2d_forward_out_cpu).
        /// </summary>
        private static Tensor Unpool(TorchSharp.Modules.MaxUnpool2d unpool, Tensor pooled, Tensor indices, long[] size, PoolCase c)
        {
            try
            {
                var y = unpool.forward(pooled, indices, size);
                s_unpoolMethod[c.Name] = "module";
                return y;
            }
            catch (System.Runtime.InteropServices.ExternalException)
            {
                long n = pooled.shape[0], channels = pooled.shape[1];
                var flat = torch.zeros(new long[] { n, channels, size[0] * size[1] });
                flat.scatter_(2, indices.reshape(n, channels, -1), pooled.reshape(n, channels, -1));
                s_unpoolMethod[c.Name] = "zeros().scatter_ (the module's TorchSharp binding drops output_size)";
                return flat.reshape(n, channels, size[0], size[1]);
            }
        }

        private static GoldenTensor Longs(string name, Tensor t) =>
            new(name, t.shape, Longs: t.numel() == 0 ? Array.Empty<long>() : t.contiguous().data<long>().ToArray());

        private static GoldenTensor Floats(string name, Tensor t) =>
            new(name, t.shape, Floats: t.numel() == 0 ? Array.Empty<float>() : t.contiguous().data<float>().ToArray());

        // ---- Text ----

        private static string PyPair(int[] v) => v[0] == v[1] ? $"{v[0]}" : $"({v[0]}, {v[1]})";

        private static string Call(PoolCase c)
        {
            if (c.Module.StartsWith("Adaptive", StringComparison.Ordinal))
            {
                string Size(int v) => v == 0 ? "None" : $"{v}";
                return $"nn.{c.Module}({(c.Window[0] == c.Window[1] && c.Window[0] != 0 ? $"{c.Window[0]}" : $"({Size(c.Window[0])}, {Size(c.Window[1])})")})";
            }

            var s = new StringBuilder($"nn.{c.Module}({PyPair(c.Window)}");
            if (c.Stride is not null) s.Append($", stride={PyPair(c.Stride)}");
            if (c.Padding.Any(v => v != 0)) s.Append($", padding={PyPair(c.Padding)}");
            if (c.Dilation.Any(v => v != 1)) s.Append($", dilation={PyPair(c.Dilation)}");
            if (c.Ceil) s.Append(", ceil_mode=True");
            if (c.Module == "MaxPool2d") s.Append(", return_indices=True");
            if (!c.IncludePad) s.Append(", count_include_pad=False");
            if (c.Divisor is { } d) s.Append($", divisor_override={d}");
            s.Append(')');
            if (c.UnpoolSize is { } u) s.Append($" with output_size=({u[0]}, {u[1]})");
            if (c.RandomIndices) s.Append(" on random indices");
            return s.ToString();
        }

        private static string CsPair(int[] v) => v[0] == v[1] ? $"{v[0]}" : $"new[] {{ {v[0]}, {v[1]} }}";

        private static string Attribute(PoolCase c)
        {
            if (c.Module.StartsWith("Adaptive", StringComparison.Ordinal))
                return $"[{c.Module}({(c.Window[0] == c.Window[1] && c.Window[0] != 0 ? $"{c.Window[0]}" : $"new[] {{ {c.Window[0]}, {c.Window[1]} }}")})]";
            var s = new StringBuilder($"[{c.Module}({CsPair(c.Window)}");
            if (c.Stride is not null) s.Append($", Stride = {CsPair(c.Stride)}");
            if (c.Padding.Any(v => v != 0)) s.Append($", Padding = {CsPair(c.Padding)}");
            if (c.Dilation.Any(v => v != 1)) s.Append($", Dilation = {CsPair(c.Dilation)}");
            if (c.Ceil) s.Append(", CeilMode = true");
            if (c.Module == "MaxPool2d" && c.Indices) s.Append(", ReturnIndices = true");
            if (!c.IncludePad) s.Append(", CountIncludePad = false");
            if (c.Divisor is { } d) s.Append($", DivisorOverride = {d}");
            return s.Append(")]").ToString();
        }

        /// <summary>The ConvGen twin of every file and a table from file name to a factory.</summary>
        private static string Twins(List<PoolCase> cases)
        {
            var s = new StringBuilder();
            s.Append("// <auto-generated/> by tools/ConvGen.Oracle generate-pool: one ConvGen layer per golden file of golden-layers/pool.\n");
            s.Append("#nullable enable\nusing System;\nusing System.Collections.Generic;\nusing ConvGen;\n\nnamespace ConvGen.Conformance.Tests;\n\n");
            for (int i = 0; i < cases.Count; i++)
                s.Append($"{Attribute(cases[i])} public partial class GoldenPool{i + 1:000}; // {Call(cases[i])}\n");
            s.Append("\n/// <summary>The twins by golden file name: the layer, and its indices Forward when it has one.</summary>\ninternal static class PoolGoldenLayers\n{\n");
            s.Append("    public delegate void IndicesForward(ReadOnlySpan<float> input, Span<float> output, Span<long> indices, int batch, int channels, int height, int width, int threads);\n\n");
            s.Append("    public sealed record PoolTwin(Func<object> Create, Func<object, IndicesForward>? Indices, int WindowElements);\n\n");
            s.Append("    public static readonly Dictionary<string, PoolTwin> All = new()\n    {\n");
            for (int i = 0; i < cases.Count; i++)
            {
                var c = cases[i];
                string indices = c.Module == "MaxPool2d" && c.Indices ? $"o => ((GoldenPool{i + 1:000})o).Forward" : "null";
                int window = c.Module.StartsWith("Adaptive", StringComparison.Ordinal) ? 0 : c.Window[0] * c.Window[1];
                s.Append($"        [\"{i + 1:000}-{c.Name}\"] = new(() => new GoldenPool{i + 1:000}(), {indices}, {window}),\n");
            }

            s.Append("    };\n}\n");
            return s.ToString();
        }

        private static string FindRoot()
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ConvGen.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new ArgumentException("ConvGen.sln not found; pass --root DIR");
        }
    }
}
