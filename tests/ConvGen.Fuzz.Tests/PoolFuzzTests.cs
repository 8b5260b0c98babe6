using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using ConvGen.Fuzz.Tests.Harness;
using ConvGen.Numerics.Tests;
using ConvGen.Numerics.Tests.Pool;
using Microsoft.CodeAnalysis;
using Xunit;

namespace ConvGen.Fuzz.Tests;

/// <summary>
/// Pooling layers compiled in-process: random valid <c>MaxPool2d</c>/<c>AvgPool2d</c>/<c>MaxUnpool2d</c>/adaptive
/// configurations against the reference (Numerics.Tests/ReferencePool.cs) on random sizes, batches, channel counts and
/// threads (differential fuzz), and a fixed set next to guard pages at every width around the vector steps.
/// </summary>
public class PoolFuzzTests
{
    /// <summary>Calls the indices overloads through pointers (the generated factory wraps them in spans).</summary>
    public delegate void IndicesCall(int layer, IntPtr input, int inputLength, IntPtr output, int outputLength, IntPtr indices,
        int batch, int channels, int height, int width, int threads);

    /// <summary>The layers' attributes and their reference windows (null: adaptive or unpool, described by the attribute's numbers).</summary>
    internal sealed record PoolConfig(string Attribute, string Module, ReferencePool.Window? Window, int OutH = 0, int OutW = 0, bool Indices = false);

    internal static PoolConfig RandomConfig(Random r)
    {
        int module = r.Next(5);
        if (module >= 3)
        {
            int oh = r.Next(0, 7), ow = r.Next(0, 7);
            string name = module == 3 ? "AdaptiveAvgPool2d" : "AdaptiveMaxPool2d";
            return new PoolConfig($"{name}(new[] {{ {oh}, {ow} }})", name, null, oh, ow);
        }

        int kh = r.Next(1, 6), kw = r.Next(1, 6);
        int sh = r.Next(1, 5), sw = r.Next(1, 5);
        bool max = module == 0, unpool = module == 2;
        int dh = max ? r.Next(1, 4) : 1, dw = max ? r.Next(1, 4) : 1;
        int ph = r.Next(0, Math.Min(kh / 2, ((kh - 1) * dh + 1) / 2) + 1), pw = r.Next(0, Math.Min(kw / 2, ((kw - 1) * dw + 1) / 2) + 1);
        bool ceil = !unpool && r.Next(2) == 0, include = r.Next(3) != 0, indices = max && r.Next(2) == 0;
        int divisor = module == 1 && r.Next(4) == 0 ? new[] { -3, 1, 2, 5, 7 }[r.Next(5)] : 0;
        string name2 = new[] { "MaxPool2d", "AvgPool2d", "MaxUnpool2d" }[module];
        var a = $"{name2}(new[] {{ {kh}, {kw} }}, Stride = new[] {{ {sh}, {sw} }}, Padding = new[] {{ {ph}, {pw} }}";
        if (max) a += $", Dilation = new[] {{ {dh}, {dw} }}, ReturnIndices = {(indices ? "true" : "false")}";
        if (!unpool) a += $", CeilMode = {(ceil ? "true" : "false")}";
        if (module == 1) a += $", CountIncludePad = {(include ? "true" : "false")}{(divisor != 0 ? $", DivisorOverride = {divisor}" : "")}";
        return new PoolConfig(a + ")", name2, new ReferencePool.Window(kh, kw, sh, sw, ph, pw, dh, dw, ceil, include, divisor), Indices: indices);
    }

    /// <summary>Compiles the layers with a factory: Create(i) and the pointer-taking indices call.</summary>
    internal static (LoadedAssembly Assembly, Func<int, object> Create, IndicesCall Indices) Compile(string name, IReadOnlyList<PoolConfig> layers)
    {
        string source = "using System;\nusing ConvGen;\nnamespace Fuzz\n{\n"
            + string.Concat(layers.Select((l, i) => $"    [{l.Attribute}] public partial class P{i};\n"))
            + "    public static unsafe class Factory\n    {\n"
            + "        public static object Create(int i) => i switch\n        {\n"
            + string.Concat(layers.Select((l, i) => $"            {i} => new P{i}(),\n"))
            + "            _ => throw new ArgumentOutOfRangeException(nameof(i)),\n        };\n\n"
            + "        public static void Indices(int i, IntPtr x, int xl, IntPtr y, int yl, IntPtr ind, int n, int c, int h, int w, int t)\n        {\n"
            + "            var input = new ReadOnlySpan<float>((void*)x, xl); var output = new Span<float>((void*)y, yl); var indices = new Span<long>((void*)ind, yl);\n"
            + "            switch (i)\n            {\n"
            + string.Concat(layers.Select((l, i) => l.Indices ? $"                case {i}: new P{i}().Forward(input, output, indices, n, c, h, w, t); break;\n" : ""))
            + "                default: throw new ArgumentOutOfRangeException(nameof(i));\n            }\n        }\n    }\n}\n";
        var compilation = InMemoryCompiler.Compile(name, new[] { InMemoryCompiler.Parse(source, "Layers.cs") }, OptimizationLevel.Release)
            .WithOptions(((Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions)InMemoryCompiler.Compile(name, Array.Empty<SyntaxTree>(), OptimizationLevel.Release).Options).WithAllowUnsafe(true));
        var run = InMemoryCompiler.RunGenerator(compilation);
        Assert.Empty(run.Exceptions);
        Assert.Empty(run.GeneratorDiagnostics);
        var (assembly, diagnostics) = InMemoryCompiler.Emit(run.Output);
        Assert.True(assembly is not null, InMemoryCompiler.Describe(diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        var factory = assembly!.GetType("Fuzz.Factory");
        var create = factory.GetMethod("Create")!.CreateDelegate<Func<int, object>>();
        var indices = factory.GetMethod("Indices")!.CreateDelegate<IndicesCall>();
        return (assembly, create, indices);
    }

    internal static (int H, int W) OutSize(PoolConfig c, int h, int w) => c.Module switch
    {
        "MaxUnpool2d" => ((h - 1) * c.Window!.SH - 2 * c.Window.PH + c.Window.KH, (w - 1) * c.Window.SW - 2 * c.Window.PW + c.Window.KW),
        "AdaptiveAvgPool2d" or "AdaptiveMaxPool2d" => ReferencePool.AdaptiveSize(c.OutH, c.OutW, h, w),
        _ => (ReferencePool.OutSize(h, c.Window!.KH, c.Window.PH, c.Window.SH, c.Window.DH, c.Window.Ceil),
              ReferencePool.OutSize(w, c.Window.KW, c.Window.PW, c.Window.SW, c.Window.DW, c.Window.Ceil)),
    };

    /// <summary>Runs one call with the given spans and checks it against the reference; returns false when the size is not valid for the layer.</summary>
    internal static unsafe bool RunAndCheck(PoolConfig c, object layer, IndicesCall indicesCall, int index, Random random, int batch, int channels,
        int h, int w, int threads, Func<int, Span<float>> floats, Func<int, Span<long>> longs, string context)
    {
        var (oh, ow) = OutSize(c, h, w);
        if (oh < 1 || ow < 1) return false;
        int planes = batch * channels;
        float[] x = TestData.Uniform(random, planes * h * w);
        for (int k = 0; k < x.Length / 9; k++) x[random.Next(x.Length)] = new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity }[random.Next(3)];
        var input = floats(x.Length);
        x.CopyTo(input);
        var output = floats(planes * oh * ow);
        output.Fill(12345f);
        if (c.Module == "MaxUnpool2d")
        {
            long[] ind = Enumerable.Range(0, x.Length).Select(_ => (long)random.Next(oh * ow)).ToArray();
            var indices = longs(ind.Length);
            ind.CopyTo(indices);
            ((IMaxUnpool2dLayer)layer).Forward(input, indices, output, batch, channels, h, w, oh, ow);
            Assert.True(ReferencePool.Unpool(x, ind, planes, h, w, oh, ow).AsSpan().SequenceEqual(output), $"{context}: unpool differs");
            return true;
        }

        ((IPool2dLayer)layer).Forward(input, output, batch, channels, h, w, threads);
        double[] expected, magnitude;
        int terms;
        if (c.Window is { } win && c.Module == "MaxPool2d")
        {
            var (values, refIndices) = ReferencePool.Max(win, x, planes, h, w);
            (expected, magnitude, terms) = (values.Select(v => (double)v).ToArray(), new double[values.Length], 1);
            if (c.Indices)
            {
                var y2 = floats(output.Length);
                var i2 = longs(output.Length);
                fixed (float* px = input, py = y2)
                fixed (long* pi = i2)
                    indicesCall(index, (IntPtr)px, input.Length, (IntPtr)py, y2.Length, (IntPtr)pi, batch, channels, h, w, threads);
                Assert.True(i2.SequenceEqual(refIndices), $"{context}: indices differ");
                TestData.AssertClose(expected, magnitude, y2, terms, context + " (indices overload)");
            }
        }
        else if (c.Window is { } avg)
        {
            (expected, magnitude) = ReferencePool.Average(avg, x, planes, h, w);
            terms = avg.KH * avg.KW + 1;
        }
        else
        {
            (expected, magnitude) = ReferencePool.Adaptive(c.Module == "AdaptiveMaxPool2d", c.OutH, c.OutW, x, planes, h, w);
            terms = h * w + 2;
        }

        TestData.AssertClose(expected, magnitude, output, terms, context);
        return true;
    }

    [Fact]
    public void Random_pooling_layers_match_the_reference()
    {
        int seed = FuzzSettings.SeedOverride ?? FuzzSettings.BaseSeed;
        var random = new Random(seed);
        var layers = Enumerable.Range(0, 48).Select(_ => RandomConfig(random)).ToList();
        var (assembly, create, indicesCall) = Compile("PoolFuzz", layers);
        using (assembly)
        {
            int calls = 0;
            for (int i = 0; i < layers.Count; i++)
            {
                var layer = create(i);
                for (int k = 0; k < 12; k++)
                {
                    int h = random.Next(1, 41), w = random.Next(1, 41), batch = random.Next(0, 3), channels = random.Next(1, 6), threads = random.Next(1, 4);
                    string context = $"seed {seed}: [{layers[i].Attribute}] N={batch} C={channels} {h}x{w} threads {threads}";
                    if (RunAndCheck(layers[i], layer, indicesCall, i, random, batch, channels, h, w, threads, n => new float[n], n => new long[n], context)) calls++;
                }
            }

            Assert.True(calls > 200, $"only {calls} valid calls");
        }
    }
}

/// <summary>
/// Pooling kernels and routines next to inaccessible pages: input, output and indices end at (or start at) a guard
/// page, at widths around every vector width's steps and tails, on 1–3 threads. A read or write one element outside a
/// span faults. CI runs this under every instruction set.
/// </summary>
public class PoolGuardPageTests
{
    private static readonly PoolFuzzTests.PoolConfig[] Layers =
    {
        new("MaxPool2d(3, Stride = 2, Padding = 1, ReturnIndices = true)", "MaxPool2d", new(3, 3, 2, 2, 1, 1), Indices: true),
        new("MaxPool2d(2, CeilMode = true)", "MaxPool2d", new(2, 2, 2, 2, 0, 0, Ceil: true)),
        new("MaxPool2d(new[] { 3, 2 }, Stride = 1, Padding = 1, Dilation = new[] { 2, 1 })", "MaxPool2d", new(3, 2, 1, 1, 1, 1, 2, 1)),
        new("MaxPool2d(1)", "MaxPool2d", new(1, 1, 1, 1, 0, 0)),
        new("MaxPool2d(4, Stride = 3, CeilMode = true, ReturnIndices = true)", "MaxPool2d", new(4, 4, 3, 3, 0, 0, Ceil: true), Indices: true),
        new("AvgPool2d(3, Stride = 1, Padding = 1, CountIncludePad = false)", "AvgPool2d", new(3, 3, 1, 1, 1, 1, IncludePad: false)),
        new("AvgPool2d(3, Stride = 2, Padding = 1, CeilMode = true)", "AvgPool2d", new(3, 3, 2, 2, 1, 1, Ceil: true)),
        new("AvgPool2d(new[] { 2, 5 }, Stride = new[] { 2, 4 }, Padding = new[] { 1, 2 }, DivisorOverride = 3)", "AvgPool2d", new(2, 5, 2, 4, 1, 2, Divisor: 3)),
        new("MaxUnpool2d(2)", "MaxUnpool2d", new(2, 2, 2, 2, 0, 0)),
        new("AdaptiveAvgPool2d(1)", "AdaptiveAvgPool2d", null, 1, 1),
        new("AdaptiveMaxPool2d(1)", "AdaptiveMaxPool2d", null, 1, 1),
        new("AdaptiveAvgPool2d(new[] { 3, 0 })", "AdaptiveAvgPool2d", null, 3, 0),
        new("AdaptiveMaxPool2d(new[] { 2, 5 })", "AdaptiveMaxPool2d", null, 2, 5),
    };

    private static readonly int[] Widths = { 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 23, 24, 25, 31, 32, 33, 47, 48, 49, 63, 64, 65, 97 };
    private static readonly int[] Heights = { 1, 2, 3, 7 };

    [Fact]
    public void Pooling_kernels_stay_inside_their_spans_GuardPage()
    {
        var (assembly, create, indicesCall) = PoolFuzzTests.Compile("PoolGuard", Layers);
        using (assembly)
        {
            var random = new Random(77);
            int calls = 0;
            for (int i = 0; i < Layers.Length; i++)
            {
                var layer = create(i);
                foreach (int h in Heights)
                foreach (int w in Widths)
                foreach (bool touchEnd in new[] { true, false })
                {
                    var buffers = new List<IDisposable>();
                    try
                    {
                        Span<float> Floats(int n) { var g = new GuardPages(n, touchEnd); buffers.Add(g); return g.Span; }
                        Span<long> Longs(int n) => MemoryMarshal.Cast<float, long>(Floats(2 * n));
                        int threads = 1 + calls % 3, batch = 1 + calls % 2, channels = 1 + calls % 3;
                        string context = $"[{Layers[i].Attribute}] N={batch} C={channels} {h}x{w} {(touchEnd ? "ending at" : "starting at")} a guard page, {threads} thread(s)";
                        if (PoolFuzzTests.RunAndCheck(Layers[i], layer, indicesCall, i, random, batch, channels, h, w, threads, Floats, Longs, context)) calls++;
                    }
                    finally
                    {
                        foreach (var b in buffers) b.Dispose();
                    }
                }
            }

            Assert.True(calls > 400, $"only {calls} guarded calls");
        }
    }
}
