using System;
using System.Linq;
using ConvGen.Onnx.Schema;

namespace ConvGen.Onnx.Tests;

/// <summary>
/// Two networks as exporters write them. Weights: He-scaled uniform (activations stay of order 1 through the depth),
/// BatchNorm with running means ±0.1, variances 0.5–1.5, scales 0.5–1.5, shifts ±0.1 (so folding is exercised).
/// </summary>
internal static class Networks
{
    /// <summary>
    /// torchvision's MobileNetV2 (width 1.0, 1000 classes) on 3×224×224 with its input normalisation in the graph,
    /// exported as PyTorch does at opset 13 without folding: Conv + BatchNormalization + Clip(0, 6) (ReLU6 with min/max inputs), residual Adds, GlobalAveragePool,
    /// Flatten, Gemm (transB = 1).
    /// </summary>
    public static ModelProto MobileNetV2()
    {
        var b = new OnnxBuilder("input", 1, 3, 224, 224) { Opset = 13 };
        var net = new Net(b);
        // torchvision's normalisation baked into the model: (x − mean) / std per channel (the importer's prologue).
        string normalized = b.Node("Div", new[] { b.Node("Sub", new[] { "input", b.Shifted("mean", 0.45f, 0.03f, 1, 3, 1, 1) }), b.Shifted("std", 0.225f, 0.005f, 1, 3, 1, 1) });
        string x = net.ConvBn(normalized, 3, 32, 3, 2, 1, "relu6");
        int c = 32;
        foreach (var (t, outC, n, s) in new[] { (1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2), (6, 96, 3, 1), (6, 160, 3, 2), (6, 320, 1, 1) })
        {
            for (int i = 0; i < n; i++)
            {
                int stride = i == 0 ? s : 1, hidden = c * t;
                string y = x;
                if (t != 1) y = net.ConvBn(y, c, hidden, 1, 1, 1, "relu6");
                y = net.ConvBn(y, hidden, hidden, 3, stride, hidden, "relu6");
                y = net.ConvBn(y, hidden, outC, 1, 1, 1, null);
                x = stride == 1 && c == outC ? b.Node("Add", new[] { x, y }) : y;
                c = outC;
            }
        }

        x = net.ConvBn(x, c, 1280, 1, 1, 1, "relu6");
        x = b.Node("GlobalAveragePool", new[] { x });
        x = b.Node("Flatten", new[] { x }, ("axis", 1L));
        x = b.Node("Gemm", new[] { x, b.Weight("classifier.1.weight", (float)Math.Sqrt(3.0 / 1280), 1000, 1280), b.Weight("classifier.1.bias", 0.1f, 1000) }, ("transB", 1L));
        return b.Model(x);
    }

    /// <summary>
    /// A MobileNetV3-style network on 3×96×128 (not square): hard-swish both as the HardSwish operator (opset 14) and
    /// written out as x·relu6(x + 3)/6, squeeze-and-excitation (GlobalAveragePool → 1×1 Conv → Relu → 1×1 Conv →
    /// HardSigmoid(1/6, 0.5) → Mul), 3×3 and 5×5 depthwise, residuals, a 7×7 stride-2 stem with asymmetric SAME_UPPER
    /// padding, and PyTorch's x.view(x.size(0), -1) flatten (Shape, Gather, Unsqueeze, Concat, Reshape) before the
    /// classifier (Gemm → HardSwish → Dropout → Gemm).
    /// </summary>
    public static ModelProto MobileNetV3Style()
    {
        var b = new OnnxBuilder("image", 1, 3, 96, 128) { Opset = 14 };
        var net = new Net(b);
        string scaled = b.Node("Mul", new[] { "image", b.Scalar("scale", 0.5f) });   // a scalar constant (rank 0) in the prologue
        string x = b.Node("Conv", new[] { scaled, net.He("stem.w", 16, 3, 7, 7), b.Weight("stem.b", 0.1f, 16) },
            ("kernel_shape", new long[] { 7, 7 }), ("strides", new long[] { 2, 2 }), ("auto_pad", "SAME_UPPER"));
        x = net.Activation(x, "hswish_arith");
        int c = 16;
        foreach (var (k, expand, outC, se, act, s) in new[]
                 {
                     (3, 16, 16, true, "relu", 2), (3, 64, 24, false, "relu", 2), (3, 72, 24, false, "relu", 1),
                     (5, 72, 40, true, "relu", 2), (5, 120, 40, true, "relu", 1), (3, 240, 80, false, "hswish", 2),
                     (3, 200, 80, false, "hswish_arith", 1), (5, 480, 112, true, "hswish", 1), (5, 672, 160, true, "hswish", 2),
                 })
        {
            string y = x;
            if (expand != c) y = net.ConvBn(y, c, expand, 1, 1, 1, act);
            y = net.ConvBn(y, expand, expand, k, s, expand, act);
            if (se)
            {
                int squeeze = Math.Max(8, expand / 4);
                string g = b.Node("GlobalAveragePool", new[] { y });
                g = b.Node("Relu", new[] { b.Node("Conv", new[] { g, net.He($"se{net.Count}.w1", squeeze, expand, 1, 1), b.Weight($"se{net.Count}.b1", 0.1f, squeeze) }) });
                g = b.Node("Conv", new[] { g, net.He($"se{net.Count}.w2", expand, squeeze, 1, 1), b.Weight($"se{net.Count}.b2", 0.5f, expand) });
                g = b.Node("HardSigmoid", new[] { g }, ("alpha", 1f / 6), ("beta", 0.5f));
                y = b.Node("Mul", new[] { y, g });
            }

            y = net.ConvBn(y, expand, outC, 1, 1, 1, null);
            x = s == 1 && c == outC ? b.Node("Add", new[] { x, y }) : y;
            c = outC;
        }

        x = net.ConvBn(x, c, 960, 1, 1, 1, "hswish");
        x = b.Node("GlobalAveragePool", new[] { x });
        string shape = b.Node("Shape", new[] { x });
        string n = b.Node("Gather", new[] { shape, b.IntScalar("zero", 0) }, ("axis", 0L));
        string target = b.Node("Concat", new[] { b.Node("Unsqueeze", new[] { n, b.Ints("axes0", 0) }), b.Ints("minus_one", -1) }, ("axis", 0L));
        x = b.Node("Reshape", new[] { x, target });
        x = b.Node("Gemm", new[] { x, net.He("fc1.w", 1280, 960), b.Weight("fc1.b", 0.1f, 1280) }, ("transB", 1L));
        x = b.Node("HardSwish", new[] { x });
        x = b.Node("Dropout", new[] { x });
        x = b.Node("Gemm", new[] { x, b.Weight("fc2.w", (float)Math.Sqrt(3.0 / 1280), 1280, 10), b.Weight("fc2.b", 0.1f, 10) });
        return b.Model(x);
    }

    private sealed class Net
    {
        private readonly OnnxBuilder _b;

        public Net(OnnxBuilder b) => _b = b;

        public int Count { get; private set; }

        /// <summary>He-scaled uniform weights for a layer whose fan-in is the product of all but the first dimension.</summary>
        public string He(string name, params long[] dims)
        {
            long fanIn = dims.Skip(1).Aggregate(1L, (a, d) => a * d);
            return _b.Weight(name, (float)Math.Sqrt(6.0 / fanIn), dims);
        }

        public string ConvBn(string x, int inC, int outC, int k, int stride, int group, string? activation)
        {
            int i = Count++;
            string w = He($"conv{i}.weight", outC, inC / group, k, k);
            string y = _b.Node("Conv", new[] { x, w }, ("kernel_shape", new long[] { k, k }), ("strides", new long[] { stride, stride }),
                ("pads", new long[] { k / 2, k / 2, k / 2, k / 2 }), ("group", (long)group));
            string scale = _b.Shifted($"bn{i}.weight", 1, 0.5f, outC), bias = _b.Weight($"bn{i}.bias", 0.1f, outC);
            string mean = _b.Weight($"bn{i}.running_mean", 0.1f, outC), variance = _b.Shifted($"bn{i}.running_var", 1, 0.5f, outC);
            y = _b.Node("BatchNormalization", new[] { y, scale, bias, mean, variance }, ("epsilon", 1e-5f));
            return activation is null ? y : Activation(y, activation);
        }

        public string Activation(string x, string kind) => kind switch
        {
            "relu" => _b.Node("Relu", new[] { x }),
            "relu6" => _b.Node("Clip", new[] { x, _b.Scalar($"min{Count++}", 0), _b.Scalar($"max{Count++}", 6) }),
            "hswish" => _b.Node("HardSwish", new[] { x }),
            _ => _b.Node("Div", new[]
            {
                _b.Node("Mul", new[] { x, _b.Node("Clip", new[] { _b.Node("Add", new[] { x, _b.Scalar($"three{Count++}", 3) }), _b.Scalar($"zero{Count++}", 0), _b.Scalar($"six{Count++}", 6) }) }),
                _b.Scalar($"sixth{Count++}", 6),
            }),
        };
    }
}
