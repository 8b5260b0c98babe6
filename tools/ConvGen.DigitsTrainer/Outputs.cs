using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ConvGen.Golden;
using SkiaSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ConvGen.DigitsTrainer
{
    /// <summary>The files the tool writes (formats in README.md).</summary>
    internal static class Outputs
    {
        /// <summary>"DGTS": the held-out file's magic, ASCII.</summary>
        public static ReadOnlySpan<byte> HeldOutMagic => "DGTS"u8;

        /// <summary>The eval-mode state_dict as F32 safetensors, read back with ConvGen.Runtime's <see cref="SafeTensors"/>:
        /// the names, shapes, every float bit for bit and the metadata must come back as written.</summary>
        public static void WriteWeights(Sequential model, string path, IReadOnlyDictionary<string, string> metadata)
        {
            var written = new Dictionary<string, (long[] Shape, float[] Values)>(StringComparer.Ordinal);
            foreach (var (name, tensor) in model.state_dict())
            {
                using Tensor cpu = tensor.detach().cpu().contiguous();
                written.Add(name, (cpu.shape, cpu.data<float>().ToArray()));
            }

            if (!written.Keys.OrderBy(k => k, StringComparer.Ordinal).SequenceEqual(LeNet.ParameterNames.OrderBy(k => k, StringComparer.Ordinal)))
            {
                throw new InvalidOperationException($"unexpected state_dict names: {string.Join(", ", written.Keys)}");
            }

            byte[] file = SafeTensorsWriter.Write(written.Select(p => SafeTensorsWriter.F32(p.Key, p.Value.Shape, p.Value.Values)), metadata);
            File.WriteAllBytes(path, file);

            using SafeTensors read = SafeTensors.Open(path);
            if (read.Names.Count != written.Count) throw new InvalidDataException($"{path}: {read.Names.Count} tensors read back, {written.Count} written");
            foreach (var (name, (shape, values)) in written)
            {
                var back = new float[values.Length];
                read.ReadFloats(name, shape.Select(d => (int)d).ToArray(), back);
                if (!back.AsSpan().SequenceEqual(values)) throw new InvalidDataException($"{path}: tensor {name} reads back differently");
            }

            if (read.GetUnreadNames().Count != 0) throw new InvalidDataException($"{path}: extra tensors {string.Join(", ", read.GetUnreadNames())}");
            foreach (var (key, value) in metadata)
            {
                if (!read.Metadata.TryGetValue(key, out string? back) || back != value) throw new InvalidDataException($"{path}: metadata {key} reads back differently");
            }
        }

        /// <summary>
        /// The held-out file: "DGTS", int32 count, int32 height, int32 width, then per image: label byte, predicted byte,
        /// height·width pixel bytes (row-major), 10 float32 logits; everything little-endian.
        /// </summary>
        public static void WriteHeldOut(string path, DigitSet set, int count, byte[] predicted, float[] logits)
        {
            const int size = DigitRenderer.Size;
            int record = 2 + size * size + 10 * 4;
            var file = new byte[16 + count * record];
            HeldOutMagic.CopyTo(file);
            BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(4), count);
            BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(8), size);
            BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(12), size);
            for (int i = 0; i < count; i++)
            {
                Span<byte> r = file.AsSpan(16 + i * record, record);
                r[0] = set.Labels[i];
                r[1] = predicted[i];
                set.Image(i).CopyTo(r.Slice(2));
                for (int k = 0; k < 10; k++) BinaryPrimitives.WriteSingleLittleEndian(r.Slice(2 + size * size + 4 * k), logits[i * 10 + k]);
            }

            File.WriteAllBytes(path, file);
        }

        /// <summary>28×28 8-bit grayscale PNG (colour type 0) of <paramref name="pixels"/>, encoded by SkiaSharp.</summary>
        public static void WritePng(string path, ReadOnlySpan<byte> pixels)
        {
            using var bitmap = new SKBitmap(new SKImageInfo(DigitRenderer.Size, DigitRenderer.Size, SKColorType.Gray8, SKAlphaType.Opaque));
            Span<byte> target = bitmap.GetPixelSpan();
            for (int r = 0; r < DigitRenderer.Size; r++)
            {
                pixels.Slice(r * DigitRenderer.Size, DigitRenderer.Size).CopyTo(target.Slice(r * bitmap.RowBytes));
            }

            using SKData png = bitmap.Encode(SKEncodedImageFormat.Png, 100)
                ?? throw new InvalidOperationException($"SkiaSharp could not encode {path}");
            File.WriteAllBytes(path, png.ToArray());
        }
    }
}
