using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ConvGen.Golden;
using Xunit;

namespace ConvGen.Numerics.Tests.Weights
{
    /// <summary>
    /// The safetensors reader on valid files: round trips of every float dtype through memory and through a file, the
    /// F16/BF16 conversion on all 65,536 bit patterns, the API's errors for a missing, mis-shaped or integer tensor, the
    /// read tracking, and no allocation per read.
    /// </summary>
    public class SafeTensorsTests
    {
        private static readonly float[] s_specials =
        {
            0f, -0f, 1f, -1f, float.Epsilon, -float.Epsilon, float.MaxValue, float.MinValue, float.PositiveInfinity,
            float.NegativeInfinity, BitConverter.UInt32BitsToSingle(0x7FC0_0001), BitConverter.UInt32BitsToSingle(0xFF80_0001),
            1.17549421E-38f, 3.14159274f,
        };

        /// <summary>Runs <paramref name="check"/> on the bytes parsed from memory and written to, then opened from, a file.</summary>
        private static void BothWays(byte[] bytes, Action<SafeTensors> check)
        {
            using (var memory = SafeTensors.Parse(bytes)) check(memory);
            string path = Path.Combine(Path.GetTempPath(), $"convgen-{Guid.NewGuid():N}.safetensors");
            try
            {
                File.WriteAllBytes(path, bytes);
                using var file = SafeTensors.Open(path);
                check(file);
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void F32RoundTripsBitForBit()
        {
            // 3000 values: more than one 4096-byte chunk, with the special values (a signalling NaN included) spread through.
            float[] values = SplitMix64.Uniform(3000, seed: 7);
            for (int i = 0; i < s_specials.Length; i++) values[i * 211] = s_specials[i];
            byte[] bytes = SafeTensorsWriter.Write(new[] { SafeTensorsWriter.F32("w", new long[] { 3, 1000 }, values) });
            BothWays(bytes, file =>
            {
                var read = new float[3000];
                file.ReadFloats("w", new[] { 3, 1000 }, read);
                Assert.Equal(values.Select(BitConverter.SingleToUInt32Bits), read.Select(BitConverter.SingleToUInt32Bits));
            });
        }

        [Fact]
        public void F16ConvertsEveryBitPatternExactly()
        {
            ushort[] all = Enumerable.Range(0, 65536).Select(i => (ushort)i).ToArray();
            byte[] bytes = SafeTensorsWriter.Write(new[] { SafeTensorsWriter.Bits16("h", SafeTensorDType.F16, new long[] { 256, 256 }, all) });
            BothWays(bytes, file =>
            {
                var read = new float[65536];
                file.ReadFloats("h", new[] { 256, 256 }, read);
                for (int i = 0; i < all.Length; i++)
                {
                    float expected = (float)BitConverter.UInt16BitsToHalf(all[i]);
                    Assert.True(BitConverter.SingleToUInt32Bits(expected) == BitConverter.SingleToUInt32Bits(read[i]),
                        $"F16 0x{i:X4}: expected {expected} (0x{BitConverter.SingleToUInt32Bits(expected):X8}), read 0x{BitConverter.SingleToUInt32Bits(read[i]):X8}");
                    Assert.Equal(ExpectedHalfBits(all[i]), BitConverter.SingleToUInt32Bits(read[i]));
                }
            });
        }

        /// <summary>The float bits of a half by the IEEE rule, written out independently: sign, rebiased exponent, mantissa
        /// moved up 13 bits; subnormals normalised; a NaN quiet (as torch's <c>.float()</c> gives it) with its payload.</summary>
        private static uint ExpectedHalfBits(ushort h)
        {
            uint sign = (uint)(h >> 15) << 31;
            int exponent = (h >> 10) & 0x1F;
            uint mantissa = (uint)h & 0x3FF;
            if (exponent == 31) return sign | 0x7F80_0000 | (mantissa << 13) | (mantissa != 0 ? 0x0040_0000u : 0);
            if (exponent == 0 && mantissa == 0) return sign;
            if (exponent == 0)
            {
                exponent = 1;
                while ((mantissa & 0x400) == 0) { mantissa <<= 1; exponent--; }
                mantissa &= 0x3FF;
            }

            return sign | (uint)(exponent - 15 + 127) << 23 | (mantissa << 13);
        }

        [Fact]
        public void BF16IsTheUpperHalfOfTheFloatForEveryBitPattern()
        {
            ushort[] all = Enumerable.Range(0, 65536).Select(i => (ushort)i).ToArray();
            byte[] bytes = SafeTensorsWriter.Write(new[] { SafeTensorsWriter.Bits16("b", SafeTensorDType.BF16, new long[] { 65536 }, all) });
            BothWays(bytes, file =>
            {
                var read = new float[65536];
                file.ReadFloats("b", new[] { 65536 }, read);
                for (int i = 0; i < all.Length; i++) Assert.Equal((uint)i << 16, BitConverter.SingleToUInt32Bits(read[i]));
            });
        }

        [Fact]
        public void F64RoundsToNearestFloat()
        {
            double[] values =
            {
                0.0, -0.0, 0.1, -1.0 / 3, 1 + Math.Pow(2, -24), 1 + 3 * Math.Pow(2, -24), 1 + Math.Pow(2, -24) + Math.Pow(2, -50),
                double.MaxValue, 3.4028235677973366E+38, 1e-45, 7e-46, 1e-300, double.PositiveInfinity, double.NegativeInfinity,
                double.NaN, double.Epsilon,
            };
            double[] many = Enumerable.Range(0, 1000).Select(i => Math.Sin(i) * Math.Pow(10, i % 80 - 40)).Concat(values).ToArray();
            byte[] bytes = SafeTensorsWriter.Write(new[] { SafeTensorsWriter.F64("d", new long[] { many.Length }, many) });
            BothWays(bytes, file =>
            {
                var read = new float[many.Length];
                file.ReadFloats("d", new[] { many.Length }, read);
                Assert.Equal(many.Select(v => BitConverter.SingleToUInt32Bits((float)v)), read.Select(BitConverter.SingleToUInt32Bits));
            });
        }

        private static byte[] Mixed() => SafeTensorsWriter.Write(
            new[]
            {
                SafeTensorsWriter.F32("3.weight", new long[] { 16, 6, 5, 5 }, new float[16 * 6 * 5 * 5]),
                SafeTensorsWriter.F32("3.bias", new long[] { 16 }, SplitMix64.Uniform(16, 3)),
                SafeTensorsWriter.I64("4.num_batches_tracked", Array.Empty<long>(), 12),
                SafeTensorsWriter.Bits16("half", SafeTensorDType.F16, new long[] { 2 }, 0x3C00, 0xC000),
                SafeTensorsWriter.F32("empty", new long[] { 2, 0 }),
                SafeTensorsWriter.F32("scalar", Array.Empty<long>(), 2.5f),
            },
            new Dictionary<string, string> { ["format"] = "pt", ["note"] = "quote \" and \\ and é" });

        [Fact]
        public void DescribesEveryTensorAndTheMetadata()
        {
            BothWays(Mixed(), file =>
            {
                Assert.Equal(new[] { "4.num_batches_tracked", "3.bias", "3.weight", "empty", "scalar", "half" }, file.Names);
                Assert.Equal(file.Names, file.Tensors.Select(t => t.Name));
                Assert.Equal("quote \" and \\ and é", file.Metadata["note"]);
                Assert.Equal("pt", file.Metadata["format"]);
                SafeTensorInfo w = file.GetInfo("3.weight");
                Assert.Equal(new long[] { 16, 6, 5, 5 }, w.Shape);
                Assert.Equal((SafeTensorDType.F32, 2400L, 9600L), (w.DType, w.ElementCount, w.ByteLength));
                Assert.True(file.TryGetInfo("empty", out SafeTensorInfo? empty));
                Assert.Equal((0L, 0L), (empty.ElementCount, empty.ByteLength));
                Assert.False(file.TryGetInfo("3.Weight", out _));
                Assert.Equal("\"half\" F16 [2]", file.GetInfo("half").ToString());

                var scalar = new float[1];
                file.ReadFloats("scalar", ReadOnlySpan<int>.Empty, scalar);
                Assert.Equal(2.5f, scalar[0]);
                file.ReadFloats("empty", new[] { 2, 0 }, Span<float>.Empty);
                var half = new float[2];
                file.ReadFloats("half", new[] { 2 }, half);
                Assert.Equal(new[] { 1f, -2f }, half);
            });
        }

        [Fact]
        public void MismatchesNameTheTensorAndBothShapes()
        {
            BothWays(Mixed(), file =>
            {
                var buffer = new float[16 * 6 * 3 * 3];
                var shape = Assert.Throws<SafeTensorsException>(() => file.ReadFloats("3.weight", new[] { 16, 6, 3, 3 }, buffer));
                Assert.Contains("tensor \"3.weight\" has shape [16, 6, 5, 5] but the layer expects [16, 6, 3, 3]", shape.Message);
                Assert.Equal("3.weight", shape.TensorName);

                var missing = Assert.Throws<SafeTensorsException>(() => file.ReadFloats("5.weight", new[] { 16 }, new float[16]));
                Assert.Contains("has no tensor \"5.weight\"; it has 6: \"4.num_batches_tracked\", \"3.bias\"", missing.Message);

                var integer = Assert.Throws<SafeTensorsException>(() => file.ReadFloats("4.num_batches_tracked", ReadOnlySpan<int>.Empty, new float[1]));
                Assert.Contains("tensor \"4.num_batches_tracked\" holds I64, but a floating-point tensor (F32, F16, BF16 or F64) was expected", integer.Message);

                var length = Assert.Throws<ArgumentException>(() => file.ReadFloats("3.bias", new[] { 16 }, new float[15]));
                Assert.Contains("destination has 15 elements but tensor \"3.bias\" (F32 [16]) has 16", length.Message);
                Assert.Throws<ArgumentException>(() => file.ReadBytes("3.bias", new byte[63]));
                Assert.Throws<SafeTensorsException>(() => file.GetInfo("nope"));
                Assert.Throws<SafeTensorsException>(() => file.MarkRead("nope"));
            });
        }

        [Fact]
        public void TracksWhatWasNotRead()
        {
            BothWays(Mixed(), file =>
            {
                Assert.Equal(file.Names, file.GetUnreadNames());
                file.ReadFloats("3.bias", new[] { 16 }, new float[16]);
                file.MarkRead("4.num_batches_tracked");
                file.ReadBytes("half", new byte[4]);
                Assert.Throws<SafeTensorsException>(() => file.ReadFloats("3.weight", new[] { 1 }, new float[1])); // a failed read marks nothing
                Assert.Equal(new[] { "3.weight", "empty", "scalar" }, file.GetUnreadNames());
            });
        }

        [Fact]
        public void ReadsAfterDisposeThrow()
        {
            var file = SafeTensors.Parse(Mixed());
            file.Dispose();
            Assert.Throws<ObjectDisposedException>(() => file.ReadFloats("3.bias", new[] { 16 }, new float[16]));
        }

        [Fact]
        public void ReadingAllocatesNothing()
        {
            byte[] bytes = SafeTensorsWriter.Write(new[]
            {
                SafeTensorsWriter.F32("f", new long[] { 5000 }, SplitMix64.Uniform(5000, 1)),
                SafeTensorsWriter.Bits16("h", SafeTensorDType.F16, new long[] { 5000 }, new ushort[5000]),
                SafeTensorsWriter.F64("d", new long[] { 5000 }, new double[5000]),
            });
            var destination = new float[5000];
            int[] shape = { 5000 };
            BothWays(bytes, file =>
            {
                foreach (string name in new[] { "f", "h", "d" })
                {
                    file.ReadFloats(name, shape, destination); // warm up
                    long before = GC.GetAllocatedBytesForCurrentThread();
                    file.ReadFloats(name, shape, destination);
                    Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
                }
            });
        }

        [Fact]
        public void AFileShortenedAfterOpeningIsAnError()
        {
            // Windows refuses the write below (the reader's handle shares the file for reading only): nothing to test there.
            if (OperatingSystem.IsWindows()) return;
            byte[] bytes = Mixed();
            string path = Path.Combine(Path.GetTempPath(), $"convgen-{Guid.NewGuid():N}.safetensors");
            try
            {
                File.WriteAllBytes(path, bytes);
                using var file = SafeTensors.Open(path);
                using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite)) stream.SetLength(bytes.Length - 100);
                var e = Assert.Throws<SafeTensorsException>(() => file.ReadFloats("3.weight", new[] { 16, 6, 5, 5 }, new float[2400]));
                Assert.Contains("while reading tensor \"3.weight\"; it is shorter than when it was opened", e.Message);
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void EveryDTypeHasASizeAndItsFileSpelling()
        {
            foreach (SafeTensorDType dtype in Enum.GetValues<SafeTensorDType>())
            {
                byte[] bytes = SafeTensorsWriter.Assemble($"{{\"t\":{{\"dtype\":\"{dtype}\",\"shape\":[8],\"data_offsets\":[0,64]}}}}", new byte[64]);
                var e = Record.Exception(() => SafeTensors.Parse(bytes));
                int bits = dtype switch
                {
                    SafeTensorDType.F4 => 4,
                    SafeTensorDType.F6_E2M3 or SafeTensorDType.F6_E3M2 => 6,
                    _ => 8 * (dtype.ToString().Contains("64") ? 8 : dtype.ToString().Contains("32") ? 4 : dtype.ToString().Contains("16") ? 2 : 1),
                };
                if (bits == 64) Assert.Null(e);
                else Assert.Contains($"of {dtype}, which needs {8 * bits / 8} bytes", Assert.IsType<SafeTensorsException>(e).Message);
            }
        }
    }
}
