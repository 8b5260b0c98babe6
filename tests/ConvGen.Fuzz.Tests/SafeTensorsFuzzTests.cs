using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ConvGen.Golden;
using Xunit;

namespace ConvGen.Fuzz.Tests;

/// <summary>
/// The safetensors reader on corrupted files: valid files (every float dtype, I64, empty and scalar tensors, metadata)
/// with random bits flipped, bytes replaced, inserted or deleted, the file cut short, the length field rewritten, or numbers
/// and JSON punctuation in the header replaced (half the time with the length field fixed up, so the corruption reaches
/// the JSON and layout checks), or JSON escapes inserted. Opening must either succeed, and then every tensor reads, or throw
/// <see cref="SafeTensorsException"/>: never IndexOutOfRange, Overflow, OutOfMemory, ArgumentOutOfRange or any other.
/// Seeds as in <see cref="FuzzSettings"/> (CI: 4 batches of 1,000; long mode via CONVGEN_FUZZ_SEED/COUNT).
/// </summary>
public class SafeTensorsFuzzTests
{
    private static readonly byte[][] s_valid =
    {
        SafeTensorsWriter.Write(
            new[]
            {
                SafeTensorsWriter.F32("0.weight", new long[] { 4, 1, 3, 3 }, SplitMix64.Uniform(36, 1)),
                SafeTensorsWriter.F32("0.bias", new long[] { 4 }, SplitMix64.Uniform(4, 2)),
                SafeTensorsWriter.I64("1.num_batches_tracked", Array.Empty<long>(), 7),
                SafeTensorsWriter.Bits16("2.half", SafeTensorDType.F16, new long[] { 3 }, 0x3C00, 0x7C01, 0x0001),
                SafeTensorsWriter.Bits16("2.bf", SafeTensorDType.BF16, new long[] { 2, 1 }, 0x3F80, 0xFF80),
                SafeTensorsWriter.F64("3.double", new long[] { 2 }, 0.1, -1e300),
                SafeTensorsWriter.F32("4.empty", new long[] { 0, 5 }),
                SafeTensorsWriter.F32("5.scalar", Array.Empty<long>(), 1.5f),
            },
            new Dictionary<string, string> { ["format"] = "pt" }),
        SafeTensorsWriter.Write(new[] { SafeTensorsWriter.F32("attn.0", new long[] { 1, 2, 3 }, 0, 1, 2, 3, 4, 5) }),
        SafeTensorsWriter.Write(Array.Empty<SafeTensorsWriter.Tensor>(), new Dictionary<string, string> { ["framework"] = "pt" }),
        SafeTensorsWriter.Write(Enumerable.Range(0, 12).Select(i => SafeTensorsWriter.F32($"{i}.w", new long[] { i % 3 + 1, 2 }, SplitMix64.Uniform(2 * (i % 3 + 1), (ulong)i)))),
    };

    private static readonly string[] s_numbers =
    {
        "0", "1", "7", "-1", "1.5", "1e3", "4294967296", "2147483648", "9223372036854775807", "9223372036854775808",
        "18446744073709551615", "18446744073709551616", "00", "",
    };

    private static readonly string[] s_escapes = { "\\ud800", "\\udc00", "\\ud83d\\ude00", "\\u0041", "\\u0000", "\\n", "\\\"", "\\x", "\\" };

    private const string Punctuation = "{}[],:\" \\0123456789-.eE\t";

    public static IEnumerable<object[]> Batches() => FuzzSettings.Batches(ciCount: 4000, batchSize: 1000);

    [Theory]
    [MemberData(nameof(Batches))]
    public void CorruptedFilesThrowOnlySafeTensorsException(int batchSeed, int count)
    {
        for (int i = 0; i < count; i++)
        {
            var random = new Rng((ulong)FuzzSettings.CaseSeed(batchSeed, i));
            byte[] bytes = Corrupt(s_valid[random.Below(s_valid.Length)], random);
            string repro = $"case {i}; {FuzzSettings.Repro(nameof(SafeTensorsFuzzTests), batchSeed, count)}";
            Check(() => SafeTensors.Parse(bytes), repro);
            if (i % 25 == 0)
            {
                string path = Path.Combine(Path.GetTempPath(), $"convgen-fuzz-{Guid.NewGuid():N}.safetensors");
                try
                {
                    File.WriteAllBytes(path, bytes);
                    Check(() => SafeTensors.Open(path), repro + " (from a file)");
                }
                finally
                {
                    File.Delete(path);
                }
            }
        }
    }

    /// <summary>Opens; if that succeeds, the layout must tile the data and every tensor must read.</summary>
    private static void Check(Func<SafeTensors> open, string repro)
    {
        try
        {
            using SafeTensors file = open();
            long covered = 0;
            foreach (SafeTensorInfo info in file.Tensors)
            {
                covered += info.ByteLength;
                bool floats = info.DType is SafeTensorDType.F32 or SafeTensorDType.F16 or SafeTensorDType.BF16 or SafeTensorDType.F64;
                if (floats && info.Shape.All(d => d <= int.MaxValue) && info.ElementCount <= 1 << 20)
                {
                    file.ReadFloats(info.Name, info.Shape.Select(d => (int)d).ToArray(), new float[info.ElementCount]);
                }
                else
                {
                    file.ReadBytes(info.Name, new byte[info.ByteLength]);
                }
            }

            Assert.Empty(file.GetUnreadNames());
            Assert.True(covered <= 1 << 20, $"tensors cover {covered} bytes of a small file; {repro}");
        }
        catch (SafeTensorsException e)
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Message), repro);
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            Assert.Fail($"{e.GetType().Name} instead of SafeTensorsException: {e.Message}\n{repro}\n{e}");
        }
    }

    private static byte[] Corrupt(byte[] valid, Rng random)
    {
        int headerLength = (int)BitConverter.ToUInt64(valid, 0);
        var header = new List<byte>(valid.Skip(8).Take(headerLength));
        var data = new List<byte>(valid.Skip(8 + headerLength));
        bool fixLength = random.Below(4) != 0;
        int steps = 1 + random.Below(3);
        for (int s = 0; s < steps; s++)
        {
            List<byte> target = random.Below(4) == 0 && data.Count > 0 ? data : header;
            switch (random.Below(9))
            {
                case 0: // flip a bit
                    if (target.Count > 0) target[random.Below(target.Count)] ^= (byte)(1 << random.Below(8));
                    break;
                case 1: // any byte
                    if (target.Count > 0) target[random.Below(target.Count)] = (byte)random.Below(256);
                    break;
                case 2: // JSON punctuation or a digit, or a byte that is never UTF-8
                    if (target.Count > 0) target[random.Below(target.Count)] = random.Below(10) == 0 ? (byte)0xFF : (byte)Punctuation[random.Below(Punctuation.Length)];
                    break;
                case 3: // insert bytes
                    target.InsertRange(random.Below(target.Count + 1), Enumerable.Range(0, 1 + random.Below(8)).Select(_ => (byte)random.Below(256)).ToArray());
                    break;
                case 4: // delete a range
                    if (target.Count > 0)
                    {
                        int at = random.Below(target.Count);
                        target.RemoveRange(at, Math.Min(target.Count - at, 1 + random.Below(16)));
                    }

                    break;
                case 5: // a JSON escape (a lone surrogate among them)
                    header.InsertRange(random.Below(header.Count + 1), Encoding.ASCII.GetBytes(s_escapes[random.Below(s_escapes.Length)]));
                    break;
                case 6: // replace a number in the header
                    ReplaceNumber(header, random);
                    break;
                default: // move one tensor's data, keeping its size: overlaps and gaps
                    ShiftOffsets(header, random);
                    break;
            }
        }

        ulong length = fixLength ? (ulong)header.Count : LengthField(valid, headerLength, header.Count, random);
        byte[] file = SafeTensorsWriter.Assemble(header.ToArray(), data.ToArray());
        BitConverter.TryWriteBytes(file.AsSpan(0, 8), length);
        int cut = random.Below(16) == 0 ? random.Below(file.Length + 1) : file.Length;
        return file.AsSpan(0, cut).ToArray();
    }

    /// <summary>The original length field, or a rewritten one now and then.</summary>
    private static ulong LengthField(byte[] valid, int headerLength, int newHeaderLength, Rng random) => random.Below(6) switch
    {
        0 => random.Next(),
        1 => 1UL << 63 | random.Next() >> 1,
        2 => (ulong)(valid.Length - 8 + random.Below(3) - 1),
        3 => (ulong)(newHeaderLength + random.Below(3) - 1),
        4 => 100_000_000UL + (ulong)random.Below(2),
        _ => (ulong)headerLength,
    };

    private static void ReplaceNumber(List<byte> header, Rng random)
    {
        string text = Encoding.UTF8.GetString(header.ToArray());
        var digits = Enumerable.Range(0, text.Length).Where(k => char.IsAsciiDigit(text[k]) && (k == 0 || !char.IsAsciiDigit(text[k - 1]))).ToList();
        if (digits.Count == 0) return;
        int start = digits[random.Below(digits.Count)], end = start;
        while (end < text.Length && char.IsAsciiDigit(text[end])) end++;
        string replacement = random.Below(3) == 0 ? random.Below(100).ToString(CultureInfo.InvariantCulture) : s_numbers[random.Below(s_numbers.Length)];
        header.Clear();
        header.AddRange(Encoding.UTF8.GetBytes(text.Substring(0, start) + replacement + text.Substring(end)));
    }

    private static void ShiftOffsets(List<byte> header, Rng random)
    {
        string text = Encoding.UTF8.GetString(header.ToArray());
        var offsets = Regex.Matches(text, "\"data_offsets\":\\[([0-9]+),([0-9]+)\\]");
        if (offsets.Count == 0) return;
        Match m = offsets[random.Below(offsets.Count)];
        long shift = new long[] { -8, -4, -2, -1, 1, 2, 4, 8 }[random.Below(8)];
        if (!long.TryParse(m.Groups[1].Value, CultureInfo.InvariantCulture, out long begin) || !long.TryParse(m.Groups[2].Value, CultureInfo.InvariantCulture, out long end)) return;
        (begin, end) = (begin + shift, end + shift);
        string moved = string.Create(CultureInfo.InvariantCulture, $"\"data_offsets\":[{begin},{end}]");
        header.Clear();
        header.AddRange(Encoding.UTF8.GetBytes(text.Substring(0, m.Index) + moved + text.Substring(m.Index + m.Length)));
    }

    /// <summary>SplitMix64 as a stream: each value mixes the next multiple of the golden ratio.</summary>
    private sealed class Rng
    {
        private ulong _state;

        public Rng(ulong seed) => _state = seed;

        public ulong Next() => SplitMix64.Mix(_state += 0x9E3779B97F4A7C15UL);

        public int Below(int bound) => (int)(Next() % (ulong)bound);
    }
}
