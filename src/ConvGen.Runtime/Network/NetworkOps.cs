using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.InteropServices;

namespace ConvGen.Internal
{
    /// <summary>
    /// The merges of a generated network's blocks, element-wise over a chunk of samples: a residual sum, a
    /// squeeze-and-excitation gate, a concat's copy. The output may be one of the inputs (the network writes over a value
    /// read for the last time), never a part of one.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class NetworkOps
    {
        /// <summary>destination = a + b (a residual block's layers plus its shortcut), as <c>torch.add</c> rounds it.</summary>
        public static void Add(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> destination)
        {
            Check(a.Length == destination.Length && b.Length == destination.Length);
            var va = MemoryMarshal.Cast<float, Vector<float>>(a);
            var vb = MemoryMarshal.Cast<float, Vector<float>>(b);
            var vd = MemoryMarshal.Cast<float, Vector<float>>(destination);
            for (int i = 0; i < vd.Length; i++) vd[i] = va[i] + vb[i];
            for (int i = vd.Length * Vector<float>.Count; i < destination.Length; i++) destination[i] = a[i] + b[i];
        }

        /// <summary>destination = x · gate, element by element (a gate of the input's shape).</summary>
        public static void Multiply(ReadOnlySpan<float> x, ReadOnlySpan<float> gate, Span<float> destination)
        {
            Check(x.Length == destination.Length && gate.Length == destination.Length);
            var vx = MemoryMarshal.Cast<float, Vector<float>>(x);
            var vg = MemoryMarshal.Cast<float, Vector<float>>(gate);
            var vd = MemoryMarshal.Cast<float, Vector<float>>(destination);
            for (int i = 0; i < vd.Length; i++) vd[i] = vx[i] * vg[i];
            for (int i = vd.Length * Vector<float>.Count; i < destination.Length; i++) destination[i] = x[i] * gate[i];
        }

        /// <summary>
        /// destination = x · gate with one gate value per plane of <paramref name="plane"/> elements (a squeeze-and-excitation
        /// gate (N, C, 1, 1) on x (N, C, H, W)).
        /// </summary>
        public static void ScaleChannels(ReadOnlySpan<float> x, ReadOnlySpan<float> gate, Span<float> destination, int plane)
        {
            Check(x.Length == destination.Length && (long)gate.Length * plane == x.Length);
            for (int c = 0; c < gate.Length; c++)
            {
                var from = x.Slice(c * plane, plane);
                var to = destination.Slice(c * plane, plane);
                float g = gate[c];
                var vf = MemoryMarshal.Cast<float, Vector<float>>(from);
                var vt = MemoryMarshal.Cast<float, Vector<float>>(to);
                for (int i = 0; i < vt.Length; i++) vt[i] = vf[i] * g;
                for (int i = vt.Length * Vector<float>.Count; i < plane; i++) to[i] = from[i] * g;
            }
        }

        /// <summary>
        /// Copies each of <paramref name="count"/> samples of <paramref name="source"/> (<paramref name="sourceSample"/>
        /// elements each) into the samples of <paramref name="destination"/> (<paramref name="destinationSample"/> each)
        /// from element <paramref name="offset"/>: one branch of <c>torch.cat(branches, dim=1)</c>.
        /// </summary>
        public static void CopyChannels(ReadOnlySpan<float> source, Span<float> destination, int count, int sourceSample, int destinationSample, int offset)
        {
            Check((long)count * sourceSample == source.Length && (long)count * destinationSample == destination.Length
                && offset >= 0 && (long)offset + sourceSample <= destinationSample);
            for (int n = 0; n < count; n++)
                source.Slice(n * sourceSample, sourceSample).CopyTo(destination.Slice(n * destinationSample + offset, sourceSample));
        }

        private static void Check(bool sizes)
        {
            if (!sizes) throw new ArgumentException("The spans of a network's merge do not fit together; the generated network is inconsistent.");
        }
    }
}
