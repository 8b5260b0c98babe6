using System;
using System.Collections.Generic;
using System.Collections.Immutable;

namespace ConvGen.Internal
{
    /// <summary>
    /// The reference reader's layout rules (huggingface/safetensors <c>Metadata::validate</c> and the final length check of
    /// <c>read_metadata</c>): each tensor's byte count is exactly its element count times its dtype's size (computed without
    /// overflow), its offsets lie inside the data section, and the tensors, ordered by offset, tile the data section from
    /// its first byte to its last with no gap and no overlap (so no bytes hide in a file unindexed).
    /// </summary>
    internal static class TensorLayout
    {
        /// <summary>A tensor as the header states it, nothing checked yet; <paramref name="Index"/> is its place in the header.</summary>
        public readonly record struct Entry(string Name, int Index, SafeTensorDType DType, long[] Shape, ulong Begin, ulong End);

        /// <summary>Checks every entry against a data section of <paramref name="dataLength"/> bytes and returns them ordered by
        /// offset (ties, possible only between empty tensors, keep the header's order).</summary>
        public static List<SafeTensorInfo> Check(List<Entry> entries, long dataLength, string source)
        {
            var sorted = new List<Entry>(entries);
            sorted.Sort((a, b) => a.Begin != b.Begin ? a.Begin.CompareTo(b.Begin) : a.End != b.End ? a.End.CompareTo(b.End) : a.Index.CompareTo(b.Index));
            var tensors = new List<SafeTensorInfo>(sorted.Count);
            foreach (Entry entry in sorted) tensors.Add(CheckOne(entry, dataLength, source));
            CheckTiling(tensors, dataLength, source);
            return tensors;
        }

        private static SafeTensorInfo CheckOne(Entry e, long dataLength, string source)
        {
            string what = $"{source}: tensor {ShapeText.Quote(e.Name)}";
            string offsets = $"data_offsets [{e.Begin}, {e.End}]";
            if (e.Begin > e.End)
            {
                throw new SafeTensorsException($"{what} has {offsets}, which end before they begin.", e.Name);
            }

            if (e.End > (ulong)dataLength)
            {
                throw new SafeTensorsException($"{what} has {offsets}, past the end of the data section ({dataLength} bytes).", e.Name);
            }

            string shape = ShapeText.Format(e.Shape);
            ulong elements = 1;
            foreach (long dimension in e.Shape)
            {
                if (!TryMultiply(elements, (ulong)dimension, out elements))
                {
                    throw new SafeTensorsException($"{what} has shape {shape}, more than 2^64 - 1 elements.", e.Name);
                }
            }

            int bitsPerElement = SafeTensorDTypes.BitSize(e.DType);
            if (!TryMultiply(elements, (ulong)bitsPerElement, out ulong bits))
            {
                throw new SafeTensorsException($"{what} has shape {shape} of {e.DType}, more than 2^64 - 1 bits.", e.Name);
            }

            if (bits % 8 != 0)
            {
                throw new SafeTensorsException($"{what} has shape {shape} of {e.DType} ({bitsPerElement} bits each), which does not end on a byte boundary.", e.Name);
            }

            ulong bytes = bits / 8;
            if (bytes != e.End - e.Begin)
            {
                throw new SafeTensorsException($"{what} has shape {shape} of {e.DType}, which needs {bytes} bytes, but {offsets} hold {e.End - e.Begin}.", e.Name);
            }

            // bytes <= dataLength, so elements <= 2 * dataLength (4-bit types); a long holds it for any file below 4 EiB.
            if (elements > long.MaxValue)
            {
                throw new SafeTensorsException($"{what} has shape {shape}, more than 2^63 - 1 elements.", e.Name);
            }

            return new SafeTensorInfo(e.Name, e.DType, ImmutableArray.Create(e.Shape), (long)elements, (long)e.Begin, (long)e.End);
        }

        private static void CheckTiling(List<SafeTensorInfo> tensors, long dataLength, string source)
        {
            long covered = 0;
            SafeTensorInfo? previous = null;
            foreach (SafeTensorInfo tensor in tensors)
            {
                if (tensor.Begin < covered)
                {
                    throw new SafeTensorsException(
                        $"{source}: tensor {ShapeText.Quote(tensor.Name)} at data_offsets [{tensor.Begin}, {tensor.End}] overlaps tensor "
                        + $"{ShapeText.Quote(previous!.Name)} at [{previous.Begin}, {previous.End}].", tensor.Name);
                }

                if (tensor.Begin > covered)
                {
                    throw new SafeTensorsException(
                        $"{source}: bytes [{covered}, {tensor.Begin}) of the data section, before tensor {ShapeText.Quote(tensor.Name)}, belong to no "
                        + "tensor (the format forbids gaps).", tensor.Name);
                }

                covered = tensor.End;
                previous = tensor;
            }

            if (covered != dataLength)
            {
                throw new SafeTensorsException(
                    $"{source}: the tensors end at byte {covered} of the data section, but it holds {dataLength} bytes (the format forbids "
                    + "bytes that belong to no tensor).");
            }
        }

        private static bool TryMultiply(ulong a, ulong b, out ulong product)
        {
            product = unchecked(a * b);
            return a == 0 || product / a == b;
        }
    }
}
