// A small PNG decoder with no dependency beyond the base library (System.IO.Compression for the zlib stream), enough
// for the sample's images and for what image editors and screenshot tools usually save: non-interlaced PNG of colour
// type 0 (gray, bit depth 1, 2, 4 or 8), 2 (RGB, 8), 3 (palette, 1, 2, 4 or 8), 4 (gray + alpha, 8) and 6 (RGBA, 8).
// Format: W3C "Portable Network Graphics (PNG) Specification (Third Edition)": chunks, IHDR, PLTE, tRNS, IDAT, the
// five filter types and the Paeth predictor. CRCs are not checked.
using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;

namespace Digits
{
    /// <summary>
    /// Decodes a PNG file to 8-bit luminance, one byte per pixel, row-major: gray as stored, colour as ITU-R BT.601 luma
    /// (0.299 R + 0.587 G + 0.114 B, rounded); transparency (an alpha channel or a palette's tRNS) is composited over
    /// black, so a white digit on a transparent background reads as a white digit on black, as MNIST draws digits.
    /// </summary>
    internal static class Png
    {
        /// <summary>The largest image accepted: 2<sup>28</sup> pixels (a corrupt header cannot make it allocate more).</summary>
        public const long MaxPixels = 1L << 28;

        private static ReadOnlySpan<byte> Signature => new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A };

        /// <summary>Reads the PNG file <paramref name="path"/> as 8-bit luminance (<paramref name="width"/> ×
        /// <paramref name="height"/> bytes, row-major).</summary>
        /// <exception cref="InvalidDataException">Not a PNG file, or a truncated or corrupt one; the message says what is wrong.</exception>
        /// <exception cref="NotSupportedException">A valid PNG this decoder does not read (interlaced, 16-bit, …); the
        /// message names what the file has.</exception>
        public static byte[] ReadGray(string path, out int width, out int height) =>
            DecodeGray(File.ReadAllBytes(path), out width, out height, $"\"{path}\"");

        /// <summary>Decodes PNG bytes held in memory; see <see cref="ReadGray"/>.</summary>
        public static byte[] DecodeGray(byte[] png, out int width, out int height, string source = "PNG data")
        {
            ArgumentNullException.ThrowIfNull(png);
            if (png.Length < Signature.Length || !png.AsSpan(0, Signature.Length).SequenceEqual(Signature))
            {
                throw new InvalidDataException($"{source} is not a PNG file (the first 8 bytes are not the PNG signature).");
            }

            Header? header = null;
            byte[]? palette = null;        // RGB triples
            byte[]? paletteAlpha = null;   // tRNS for colour type 3
            using var idat = new MemoryStream();
            int position = Signature.Length;
            while (true)
            {
                if (position + 8 > png.Length)
                {
                    throw new InvalidDataException($"{source} is truncated: it ends at byte {png.Length} before the IEND chunk.");
                }

                uint length = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(position));
                string type = System.Text.Encoding.ASCII.GetString(png, position + 4, 4);
                if (length > int.MaxValue || position + 12L + length > png.Length)
                {
                    throw new InvalidDataException(
                        $"{source} is truncated: chunk {type} at byte {position} needs {12L + length} bytes, {png.Length - position} are left.");
                }

                var data = new ReadOnlySpan<byte>(png, position + 8, (int)length);
                position += 12 + (int)length; // length, type, data, CRC (not checked)
                if (header is null && type != "IHDR")
                {
                    throw new InvalidDataException($"{source} is corrupt: the first chunk is {type}, not IHDR.");
                }

                switch (type)
                {
                    case "IHDR":
                        if (header is not null) throw new InvalidDataException($"{source} is corrupt: it has a second IHDR chunk.");
                        header = Header.Parse(data, source);
                        break;
                    case "PLTE":
                        if (length == 0 || length % 3 != 0 || length > 256 * 3)
                        {
                            throw new InvalidDataException($"{source} is corrupt: PLTE has {length} bytes, not 3 per entry for 1 to 256 entries.");
                        }

                        palette = data.ToArray();
                        break;
                    case "tRNS":
                        if (header!.ColorType == 3) paletteAlpha = data.ToArray();
                        break; // a single transparent gray level or RGB colour (types 0, 2) is ignored
                    case "IDAT":
                        idat.Write(data);
                        break;
                    case "IEND":
                        return Decode(header!, idat, palette, paletteAlpha, source, out width, out height);
                    default:
                        if ((type[0] & 0x20) == 0) // an unknown critical chunk (upper-case first letter)
                        {
                            throw new NotSupportedException($"{source} has a critical chunk {type} this decoder does not know.");
                        }

                        break; // ancillary chunks (gAMA, pHYs, tEXt, …) are skipped
                }
            }
        }

        private static byte[] Decode(Header h, MemoryStream idat, byte[]? palette, byte[]? paletteAlpha, string source, out int width, out int height)
        {
            if (idat.Length == 0) throw new InvalidDataException($"{source} is corrupt: it has no IDAT chunk.");
            if (h.ColorType == 3 && palette is null) throw new InvalidDataException($"{source} is corrupt: colour type 3 (palette) without a PLTE chunk.");

            int channels = h.Channels;
            int rowBytes = checked((int)(((long)h.Width * channels * h.BitDepth + 7) / 8));
            int filterStep = Math.Max(1, channels * h.BitDepth / 8); // bytes per complete pixel, at least 1
            var raw = new byte[checked((long)h.Height * (rowBytes + 1))];
            idat.Position = 0;
            try
            {
                using var zlib = new ZLibStream(idat, CompressionMode.Decompress, leaveOpen: true);
                int read = zlib.ReadAtLeast(raw, raw.Length, throwOnEndOfStream: false);
                if (read < raw.Length)
                {
                    throw new InvalidDataException(
                        $"{source} is truncated: its image data inflates to {read} bytes, {raw.Length} are needed for {h.Width}×{h.Height}.");
                }
            }
            catch (InvalidDataException e) when (!e.Message.StartsWith(source, StringComparison.Ordinal))
            {
                throw new InvalidDataException($"{source} is corrupt: its zlib image data cannot be inflated ({e.Message})", e);
            }

            Unfilter(raw, h.Height, rowBytes, filterStep, source);

            var gray = new byte[(long)h.Width * h.Height];
            for (int y = 0; y < h.Height; y++)
            {
                ReadOnlySpan<byte> row = raw.AsSpan(y * (rowBytes + 1) + 1, rowBytes);
                Span<byte> target = gray.AsSpan(y * h.Width, h.Width);
                ConvertRow(h, row, target, palette, paletteAlpha, source);
            }

            width = h.Width;
            height = h.Height;
            return gray;
        }

        /// <summary>Undoes the per-row filters in place (each row is its filter-type byte, then the filtered bytes).</summary>
        private static void Unfilter(byte[] raw, int height, int rowBytes, int step, string source)
        {
            int stride = rowBytes + 1;
            for (int y = 0; y < height; y++)
            {
                int start = y * stride;
                byte filter = raw[start];
                Span<byte> row = raw.AsSpan(start + 1, rowBytes);
                ReadOnlySpan<byte> up = y > 0 ? raw.AsSpan(start - stride + 1, rowBytes) : default;
                switch (filter)
                {
                    case 0: // None
                        break;
                    case 1: // Sub
                        for (int i = step; i < rowBytes; i++) row[i] += row[i - step];
                        break;
                    case 2: // Up
                        if (y > 0) for (int i = 0; i < rowBytes; i++) row[i] += up[i];
                        break;
                    case 3: // Average
                        for (int i = 0; i < rowBytes; i++)
                        {
                            int left = i >= step ? row[i - step] : 0;
                            int above = y > 0 ? up[i] : 0;
                            row[i] += (byte)((left + above) >> 1);
                        }

                        break;
                    case 4: // Paeth
                        for (int i = 0; i < rowBytes; i++)
                        {
                            int a = i >= step ? row[i - step] : 0;
                            int b = y > 0 ? up[i] : 0;
                            int c = i >= step && y > 0 ? up[i - step] : 0;
                            row[i] += (byte)Paeth(a, b, c);
                        }

                        break;
                    default:
                        throw new InvalidDataException($"{source} is corrupt: row {y} has filter type {filter} (0 to 4 exist).");
                }
            }
        }

        private static int Paeth(int a, int b, int c)
        {
            int p = a + b - c;
            int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
            return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
        }

        private static void ConvertRow(Header h, ReadOnlySpan<byte> row, Span<byte> target, byte[]? palette, byte[]? paletteAlpha, string source)
        {
            switch (h.ColorType)
            {
                case 0 when h.BitDepth == 8:
                    row.CopyTo(target);
                    break;
                case 0: // 1, 2 or 4 bits per sample, scaled to 0..255
                    int max = (1 << h.BitDepth) - 1;
                    for (int x = 0; x < target.Length; x++) target[x] = (byte)(Sample(row, x, h.BitDepth) * 255 / max);
                    break;
                case 2:
                    for (int x = 0; x < target.Length; x++) target[x] = Luma(row[3 * x], row[3 * x + 1], row[3 * x + 2]);
                    break;
                case 3:
                    int entries = palette!.Length / 3;
                    for (int x = 0; x < target.Length; x++)
                    {
                        int index = h.BitDepth == 8 ? row[x] : Sample(row, x, h.BitDepth);
                        if (index >= entries)
                        {
                            throw new InvalidDataException($"{source} is corrupt: a pixel uses palette entry {index}, the palette has {entries}.");
                        }

                        byte luma = Luma(palette[3 * index], palette[3 * index + 1], palette[3 * index + 2]);
                        target[x] = paletteAlpha is not null && index < paletteAlpha.Length ? Over(luma, paletteAlpha[index]) : luma;
                    }

                    break;
                case 4:
                    for (int x = 0; x < target.Length; x++) target[x] = Over(row[2 * x], row[2 * x + 1]);
                    break;
                case 6:
                    for (int x = 0; x < target.Length; x++) target[x] = Over(Luma(row[4 * x], row[4 * x + 1], row[4 * x + 2]), row[4 * x + 3]);
                    break;
            }
        }

        /// <summary>Sample <paramref name="x"/> of a row packed <paramref name="bits"/> bits per sample, most significant first.</summary>
        private static int Sample(ReadOnlySpan<byte> row, int x, int bits)
        {
            int bit = x * bits;
            return (row[bit >> 3] >> (8 - bits - (bit & 7))) & ((1 << bits) - 1);
        }

        private static byte Luma(byte r, byte g, byte b) => (byte)((299 * r + 587 * g + 114 * b + 500) / 1000);

        /// <summary><paramref name="value"/> with opacity <paramref name="alpha"/> over black, rounded.</summary>
        private static byte Over(byte value, byte alpha) => (byte)((value * alpha + 127) / 255);

        private sealed record Header(int Width, int Height, int BitDepth, int ColorType)
        {
            public int Channels => ColorType switch { 0 => 1, 2 => 3, 3 => 1, 4 => 2, _ => 4 };

            public static Header Parse(ReadOnlySpan<byte> d, string source)
            {
                if (d.Length != 13) throw new InvalidDataException($"{source} is corrupt: IHDR has {d.Length} bytes, not 13.");
                uint width = BinaryPrimitives.ReadUInt32BigEndian(d);
                uint height = BinaryPrimitives.ReadUInt32BigEndian(d.Slice(4));
                int depth = d[8], color = d[9], compression = d[10], filter = d[11], interlace = d[12];
                if (width == 0 || height == 0 || width > int.MaxValue || height > int.MaxValue)
                {
                    throw new InvalidDataException($"{source} is corrupt: its size is {width}×{height}.");
                }

                bool valid = color switch
                {
                    0 => depth is 1 or 2 or 4 or 8 or 16,
                    3 => depth is 1 or 2 or 4 or 8,
                    2 or 4 or 6 => depth is 8 or 16,
                    _ => false,
                };
                if (!valid) throw new InvalidDataException($"{source} is corrupt: colour type {color} with bit depth {depth} does not exist.");
                if (compression != 0 || filter != 0 || interlace > 1)
                {
                    throw new InvalidDataException($"{source} is corrupt: compression method {compression}, filter method {filter}, interlace method {interlace} (0, 0 and 0 or 1 exist).");
                }

                if (interlace == 1)
                {
                    throw new NotSupportedException($"{source} is interlaced (Adam7); only non-interlaced PNG is supported. Save it without interlacing.");
                }

                if (depth == 16)
                {
                    throw new NotSupportedException($"{source} has 16 bits per sample ({ColorName(color)}); only 8-bit PNG (and 1/2/4-bit gray or palette) is supported.");
                }

                if ((long)width * height > MaxPixels)
                {
                    throw new NotSupportedException($"{source} is {width}×{height} pixels; at most {MaxPixels} pixels are supported.");
                }

                return new Header((int)width, (int)height, depth, color);
            }

            private static string ColorName(int color) => color switch
            {
                0 => "gray",
                2 => "RGB",
                3 => "palette",
                4 => "gray + alpha",
                _ => "RGBA",
            };
        }
    }
}
