using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.InteropServices;

namespace ConvGen.Onnx
{
    /// <summary>
    /// A step of an imported model's preprocessing (see <see cref="OnnxPrologue"/>): <c>Op</c> "permute" (output channel i
    /// is input channel <c>Order[i]</c>), or "add", "sub", "rsub" (c − x), "mul", "div", "rdiv" (c / x) with the tensor
    /// named <c>Tensor</c> of ONNX shape <c>Shape</c>.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed record OnnxPrologueStep(string Op, string? Tensor = null, int[]? Shape = null, int[]? Order = null);

    /// <summary>
    /// What an imported class runs on its input before the network: the preprocessing a model starts with (RGB → BGR,
    /// a mean image subtracted, per-channel scales), elementwise as ONNX computes it (one rounding per step). Each constant
    /// is broadcast to the sample's shape once, when the weights load; a call allocates nothing.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class OnnxPrologue
    {
        private readonly List<(string Op, float[]? Values, int[]? Order)> _steps = new();
        private readonly int _channels, _plane, _sample;
        private readonly float[] _scratch;

        /// <summary>Reads each step's tensor from <paramref name="weights"/> for samples of <paramref name="sample"/> (C, H, W).</summary>
        public OnnxPrologue(SafeTensors weights, int[] sample, IReadOnlyList<OnnxPrologueStep> steps)
        {
            ArgumentNullException.ThrowIfNull(weights);
            _channels = sample[0];
            _plane = sample[1] * sample[2];
            _sample = _channels * _plane;
            _scratch = new float[_sample];
            foreach (var step in steps)
            {
                if (step.Order is { } order)
                {
                    _steps.Add((step.Op, null, order));
                    continue;
                }

                int count = 1;
                foreach (int d in step.Shape!) count *= d;
                var raw = new float[count];
                weights.ReadFloats(step.Tensor!, step.Shape, raw);
                _steps.Add((step.Op, Broadcast(raw, step.Shape!, sample), null));
            }
        }

        /// <summary>Preprocesses <paramref name="input"/> (whole samples) into <paramref name="output"/> of the same length.</summary>
        public void Run(ReadOnlySpan<float> input, Span<float> output)
        {
            input.CopyTo(output);
            for (int n = 0; n < output.Length; n += _sample)
            {
                var x = output.Slice(n, _sample);
                foreach (var (op, values, order) in _steps)
                {
                    if (order is not null)
                    {
                        x.CopyTo(_scratch);
                        for (int c = 0; c < _channels; c++) _scratch.AsSpan(order[c] * _plane, _plane).CopyTo(x.Slice(c * _plane, _plane));
                    }
                    else
                    {
                        Apply(op, x, values!);
                    }
                }
            }
        }

        /// <summary>x ← x op c elementwise (c − x and c / x for "rsub" and "rdiv"); the operation chosen once, not per element.</summary>
        private static void Apply(string op, Span<float> x, ReadOnlySpan<float> c)
        {
            switch (op)
            {
                case "add": Apply<Add>(x, c); break;
                case "sub": Apply<Sub>(x, c); break;
                case "rsub": Apply<ReverseSub>(x, c); break;
                case "mul": Apply<Mul>(x, c); break;
                case "div": Apply<Div>(x, c); break;
                default: Apply<ReverseDiv>(x, c); break;
            }
        }

        private static void Apply<TOp>(Span<float> x, ReadOnlySpan<float> c)
            where TOp : struct, IBinary
        {
            var xv = MemoryMarshal.Cast<float, Vector<float>>(x);
            var cv = MemoryMarshal.Cast<float, Vector<float>>(c);
            for (int i = 0; i < xv.Length; i++) xv[i] = TOp.Apply(xv[i], cv[i]);
            for (int i = xv.Length * Vector<float>.Count; i < x.Length; i++) x[i] = TOp.Apply(new Vector<float>(x[i]), new Vector<float>(c[i]))[0];
        }

        private interface IBinary
        {
            static abstract Vector<float> Apply(Vector<float> x, Vector<float> c);
        }

        private readonly struct Add : IBinary
        {
            public static Vector<float> Apply(Vector<float> x, Vector<float> c) => x + c;
        }

        private readonly struct Sub : IBinary
        {
            public static Vector<float> Apply(Vector<float> x, Vector<float> c) => x - c;
        }

        private readonly struct ReverseSub : IBinary
        {
            public static Vector<float> Apply(Vector<float> x, Vector<float> c) => c - x;
        }

        private readonly struct Mul : IBinary
        {
            public static Vector<float> Apply(Vector<float> x, Vector<float> c) => x * c;
        }

        private readonly struct Div : IBinary
        {
            public static Vector<float> Apply(Vector<float> x, Vector<float> c) => x / c;
        }

        private readonly struct ReverseDiv : IBinary
        {
            public static Vector<float> Apply(Vector<float> x, Vector<float> c) => c / x;
        }

        /// <summary>An ONNX tensor of <paramref name="shape"/> (broadcastable to (1, C, H, W)) expanded to one (C, H, W) sample.</summary>
        private static float[] Broadcast(float[] values, int[] shape, int[] sample)
        {
            var full = new[] { sample[0], sample[1], sample[2] };
            var dims = new int[3];
            for (int i = 0; i < 3; i++) dims[i] = i + shape.Length - 3 >= 0 ? shape[i + shape.Length - 3] : 1;
            var result = new float[full[0] * full[1] * full[2]];
            for (int c = 0; c < full[0]; c++)
                for (int h = 0; h < full[1]; h++)
                    for (int w = 0; w < full[2]; w++)
                    {
                        int from = ((dims[0] == 1 ? 0 : c) * dims[1] * dims[2]) + ((dims[1] == 1 ? 0 : h) * dims[2]) + (dims[2] == 1 ? 0 : w);
                        result[(((c * full[1]) + h) * full[2]) + w] = values[from];
                    }

            return result;
        }
    }
}
