using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace ConvGen.Golden
{
    /// <summary>One named tensor of a golden file: float32 or int64 data (exactly one is set) and its shape.</summary>
    internal sealed record GoldenTensor(string Name, long[] Shape, float[]? Floats = null, long[]? Longs = null)
    {
        public float[] F32 => Floats ?? throw new InvalidDataException($"tensor '{Name}' holds int64, not float32");

        public long[] I64 => Longs ?? throw new InvalidDataException($"tensor '{Name}' holds float32, not int64");
    }

    /// <summary>
    /// The golden format of the layers other than convolutions (pooling, Linear, activations, normalisation, padding):
    /// a list of named tensors, written by tools/ConvGen.Oracle from PyTorch and read by tests/ConvGen.Conformance.Tests
    /// (this file is compiled into both). Little-endian: "CVTENS01", int32 count, then per tensor: int32 name length,
    /// UTF-8 name, byte type (0 float32, 1 int64), int32 rank, int64 dims[rank], the data. Each family's MANIFEST.md beside
    /// its files names the PyTorch call of each.
    /// </summary>
    internal static class TensorFile
    {
        private static readonly byte[] s_magic = Encoding.ASCII.GetBytes("CVTENS01");

        public static void Write(string path, IReadOnlyList<GoldenTensor> tensors)
        {
            using var w = new BinaryWriter(File.Create(path));
            w.Write(s_magic);
            w.Write(tensors.Count);
            foreach (var t in tensors)
            {
                var name = Encoding.UTF8.GetBytes(t.Name);
                w.Write(name.Length);
                w.Write(name);
                w.Write((byte)(t.Floats is null ? 1 : 0));
                w.Write(t.Shape.Length);
                foreach (long d in t.Shape) w.Write(d);
                if (t.Floats is { } f) foreach (float v in f) w.Write(v);
                else foreach (long v in t.I64) w.Write(v);
            }
        }

        public static Dictionary<string, GoldenTensor> Read(string path)
        {
            using var r = new BinaryReader(File.OpenRead(path));
            if (!r.ReadBytes(8).AsSpan().SequenceEqual(s_magic)) throw new InvalidDataException($"{path}: not a CVTENS01 file");
            int count = r.ReadInt32();
            var tensors = new Dictionary<string, GoldenTensor>();
            for (int i = 0; i < count; i++)
            {
                string name = Encoding.UTF8.GetString(r.ReadBytes(r.ReadInt32()));
                byte type = r.ReadByte();
                var shape = new long[r.ReadInt32()];
                long length = 1;
                for (int d = 0; d < shape.Length; d++) length *= shape[d] = r.ReadInt64();
                if (type == 0)
                {
                    var data = new float[length];
                    for (long k = 0; k < length; k++) data[k] = r.ReadSingle();
                    tensors.Add(name, new GoldenTensor(name, shape, Floats: data));
                }
                else
                {
                    var data = new long[length];
                    for (long k = 0; k < length; k++) data[k] = r.ReadInt64();
                    tensors.Add(name, new GoldenTensor(name, shape, Longs: data));
                }
            }

            return tensors;
        }
    }
}
