using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ConvGen.Internal
{
    /// <summary>
    /// What a generated <c>[Softmax]</c> layer calls: softmax along one axis of a shape seen as (outer, axis, inner),
    /// PyTorch's numerically stable form: m = max along the axis, e = exp(x − m) (<see cref="Activations.Exp(float)"/>,
    /// within 1 ulp), y = e·(1/Σe). NaN anywhere along the axis makes that whole slice NaN, as does +∞ (∞ − ∞) or a slice
    /// of only −∞, as in PyTorch; −∞ beside finite values gives 0. With inner = 1 (the last axis) the vectors run along
    /// the axis; otherwise across inner (neighbouring pixels), so every load is contiguous. Input and output may be the
    /// same memory.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class SoftmaxDriver
    {
        /// <summary>Softmax of an NCHW tensor along axis <paramref name="dim"/> ∈ [0, 3] (a negative dim already resolved).</summary>
        public static void Forward(ReadOnlySpan<float> input, Span<float> output, int batch, int channels, int height, int width, int dim, string layer)
        {
            long count = ElementwiseDriver.Count(input, output, batch, channels, height, width, layer);
            if (count == 0) return;
            Run(input, output, stackalloc long[] { batch, channels, height, width }, dim);
        }

        /// <summary>Softmax of a (rows, features) matrix along axis <paramref name="dim"/> ∈ [0, 1].</summary>
        public static void Forward(ReadOnlySpan<float> input, Span<float> output, int rows, int features, int dim, string layer)
        {
            if (rows < 0 || features < 0)
                throw new ArgumentException($"{layer}: sizes must not be negative, but got (rows={rows}, features={features}).", nameof(rows));
            long count = (long)rows * features;
            if (input.Length != count)
                throw new ArgumentException($"{layer}: input has {input.Length} elements but shape (rows={rows}, features={features}) needs {count}.", nameof(input));
            ElementwiseDriver.CheckSpans(input, output, layer);
            if (count == 0) return;
            Run(input, output, stackalloc long[] { rows, features }, dim);
        }

        private static void Run(ReadOnlySpan<float> input, Span<float> output, ReadOnlySpan<long> shape, int dim)
        {
            long outer = 1, inner = 1;
            for (int i = 0; i < dim; i++) outer *= shape[i];
            for (int i = dim + 1; i < shape.Length; i++) inner *= shape[i];
            int axis = (int)shape[dim];
            ref float x = ref MemoryMarshal.GetReference(input);
            ref float y = ref MemoryMarshal.GetReference(output);
            for (long o = 0; o < outer; o++)
            {
                nint start = (nint)(o * axis * inner);
                if (inner == 1) Row(ref Unsafe.Add(ref x, start), ref Unsafe.Add(ref y, start), axis);
                else Strided(ref Unsafe.Add(ref x, start), ref Unsafe.Add(ref y, start), axis, (nint)inner);
            }
        }

        /// <summary>One contiguous slice of n values.</summary>
        private static void Row(ref float x, ref float y, int n)
        {
            if (Vector512.IsHardwareAccelerated && n >= 16) Row<Vector512<float>, Ops512>(ref x, ref y, n);
            else if (Vector256.IsHardwareAccelerated && n >= 8) Row<Vector256<float>, Ops256>(ref x, ref y, n);
            else if (Vector128.IsHardwareAccelerated && n >= 4) Row<Vector128<float>, Ops128>(ref x, ref y, n);
            else Row<float, OpsScalar>(ref x, ref y, n);
        }

        /// <summary>The vectors run along the slice; the values past the last whole vector are done one at a time.</summary>
        private static void Row<TV, W>(ref float x, ref float y, int n) where TV : struct where W : struct, IVectorOps<TV>
        {
            nint lanes = W.Lanes, whole = n / lanes * lanes, i;
            TV m = W.Load(ref x, 0);
            for (i = lanes; i < whole; i += lanes) m = W.MaxOrNaN(m, W.Load(ref x, i));
            float max = W.ReduceMax(m);
            for (i = whole; i < n; i++) max = OpsScalar.MaxOrNaN(max, Unsafe.Add(ref x, i));

            TV s = W.Splat(0f), mv = W.Splat(max);
            for (i = 0; i < whole; i += lanes)
            {
                TV e = Activations.Exp<TV, W>(W.Subtract(W.Load(ref x, i), mv));
                W.Store(e, ref y, i);
                s = W.Add(s, e);
            }

            float sum = W.ReduceSum(s);
            for (i = whole; i < n; i++)
            {
                float e = Activations.Exp(Unsafe.Add(ref x, i) - max);
                Unsafe.Add(ref y, i) = e;
                sum += e;
            }

            float r = 1f / sum;
            TV rv = W.Splat(r);
            for (i = 0; i < whole; i += lanes) W.Store(W.Multiply(W.Load(ref y, i), rv), ref y, i);
            for (i = whole; i < n; i++) Unsafe.Add(ref y, i) *= r;
        }

        /// <summary>axis values <paramref name="inner"/> apart, for each of the inner positions: vectors across positions.</summary>
        private static void Strided(ref float x, ref float y, int axis, nint inner)
        {
            nint j = 0;
            if (Vector512.IsHardwareAccelerated)
                for (; j <= inner - 16; j += 16) Strided<Vector512<float>, Ops512>(ref Unsafe.Add(ref x, j), ref Unsafe.Add(ref y, j), axis, inner);
            if (Vector256.IsHardwareAccelerated)
                for (; j <= inner - 8; j += 8) Strided<Vector256<float>, Ops256>(ref Unsafe.Add(ref x, j), ref Unsafe.Add(ref y, j), axis, inner);
            if (Vector128.IsHardwareAccelerated)
                for (; j <= inner - 4; j += 4) Strided<Vector128<float>, Ops128>(ref Unsafe.Add(ref x, j), ref Unsafe.Add(ref y, j), axis, inner);
            for (; j < inner; j++) Strided<float, OpsScalar>(ref Unsafe.Add(ref x, j), ref Unsafe.Add(ref y, j), axis, inner);
        }

        private static void Strided<TV, W>(ref float x, ref float y, int axis, nint inner) where TV : struct where W : struct, IVectorOps<TV>
        {
            TV m = W.Load(ref x, 0);
            for (nint c = 1; c < axis; c++) m = W.MaxOrNaN(m, W.Load(ref x, c * inner));
            TV s = W.Splat(0f);
            for (nint c = 0; c < axis; c++)
            {
                TV e = Activations.Exp<TV, W>(W.Subtract(W.Load(ref x, c * inner), m));
                W.Store(e, ref y, c * inner);
                s = W.Add(s, e);
            }

            TV r = W.Divide(W.Splat(1f), s);
            for (nint c = 0; c < axis; c++) W.Store(W.Multiply(W.Load(ref y, c * inner), r), ref y, c * inner);
        }
    }
}
