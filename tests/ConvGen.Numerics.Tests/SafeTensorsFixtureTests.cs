using System;
using System.Linq;
using System.Text;
using ConvGen.Golden;
using Xunit;

namespace ConvGen.Numerics.Tests.Weights
{
    /// <summary>
    /// Byte-level files as the reference library (huggingface/safetensors, the Rust crate that
    /// <c>safetensors.torch.save_file</c> calls) writes them: the reader must read them, and <see cref="SafeTensorsWriter"/>
    /// must write the same bytes, so the round-trip tests elsewhere speak the real format.
    /// </summary>
    public class SafeTensorsFixtureTests
    {
        /// <summary>
        /// Copied from huggingface/safetensors <c>safetensors/src/tensor.rs</c> (commit 24b0b28), <c>test_serialization</c>:
        /// the reference serializer's exact output for <c>{"attn.0": F32 [1, 2, 3] = 0..5}</c>. Its 64-byte header needs no
        /// padding.
        /// </summary>
        private static readonly byte[] s_referenceAttn0 =
        {
            64, 0, 0, 0, 0, 0, 0, 0, 123, 34, 97, 116, 116, 110, 46, 48, 34, 58, 123, 34, 100,
            116, 121, 112, 101, 34, 58, 34, 70, 51, 50, 34, 44, 34, 115, 104, 97, 112, 101, 34,
            58, 91, 49, 44, 50, 44, 51, 93, 44, 34, 100, 97, 116, 97, 95, 111, 102, 102, 115,
            101, 116, 115, 34, 58, 91, 48, 44, 50, 52, 93, 125, 125, 0, 0, 0, 0, 0, 0, 128, 63,
            0, 0, 0, 64, 0, 0, 64, 64, 0, 0, 128, 64, 0, 0, 160, 64,
        };

        /// <summary>
        /// Same source, <c>test_serialization_forced_alignement</c>: <c>{"attn0": F32 [1, 1, 2, 3]}</c>, whose 65-byte header
        /// the reference pads with seven spaces (32) to 72 so the data starts 8-byte aligned.
        /// </summary>
        private static readonly byte[] s_referencePadded =
        {
            72, 0, 0, 0, 0, 0, 0, 0, 123, 34, 97, 116, 116, 110, 48, 34, 58, 123, 34, 100, 116,
            121, 112, 101, 34, 58, 34, 70, 51, 50, 34, 44, 34, 115, 104, 97, 112, 101, 34, 58,
            91, 49, 44, 49, 44, 50, 44, 51, 93, 44, 34, 100, 97, 116, 97, 95, 111, 102, 102,
            115, 101, 116, 115, 34, 58, 91, 48, 44, 50, 52, 93, 125, 125, 32, 32, 32, 32, 32,
            32, 32, 0, 0, 0, 0, 0, 0, 128, 63, 0, 0, 0, 64, 0, 0, 64, 64, 0, 0, 128, 64, 0, 0,
            160, 64,
        };

        /// <summary>Same source, <c>test_empty</c>: no tensors, metadata <c>{"framework": "pt"}</c>.</summary>
        private static readonly byte[] s_referenceEmptyWithMetadata =
        {
            40, 0, 0, 0, 0, 0, 0, 0, 123, 34, 95, 95, 109, 101, 116, 97, 100, 97, 116, 97, 95,
            95, 34, 58, 123, 34, 102, 114, 97, 109, 101, 119, 111, 114, 107, 34, 58, 34, 112,
            116, 34, 125, 125, 32, 32, 32, 32, 32,
        };

        /// <summary>
        /// Written by hand, byte by byte, as <c>save_file(nn.Sequential(nn.Conv2d(1, 2, 1), nn.BatchNorm2d(2)).state_dict())</c>
        /// comes out of the reference's <c>prepare</c> (safetensors/src/tensor.rs): the I64 <c>num_batches_tracked</c> first
        /// (dtypes by descending alignment), then the F32 tensors by name; no <c>__metadata__</c> (save_file's default);
        /// serde_json's compact form; the 457-byte header padded with seven spaces to 464 = 0x1D0. The values are exact in
        /// float so the bytes below can be checked by eye.
        /// </summary>
        private static byte[] StateDictFixture()
        {
            byte[] length = { 0xD0, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };
            const string header =
                "{\"1.num_batches_tracked\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[0,8]},"
                + "\"0.bias\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]},"
                + "\"0.weight\":{\"dtype\":\"F32\",\"shape\":[2,1,1,1],\"data_offsets\":[16,24]},"
                + "\"1.bias\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[24,32]},"
                + "\"1.running_mean\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[32,40]},"
                + "\"1.running_var\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[40,48]},"
                + "\"1.weight\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[48,56]}}"
                + "       ";
            byte[] data =
            {
                0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // 1.num_batches_tracked = 3
                0x00, 0x00, 0x00, 0x3F, 0x00, 0x00, 0x80, 0xBE, // 0.bias = [0.5, -0.25]
                0x00, 0x00, 0xC0, 0x3F, 0x00, 0x00, 0x00, 0x40, // 0.weight = [1.5, 2]
                0x00, 0x00, 0x00, 0x3E, 0x00, 0x00, 0x00, 0xBE, // 1.bias = [0.125, -0.125]
                0x00, 0x00, 0x40, 0x3F, 0x00, 0x00, 0x80, 0xBF, // 1.running_mean = [0.75, -1]
                0x00, 0x00, 0x80, 0x40, 0x00, 0x00, 0x80, 0x3E, // 1.running_var = [4, 0.25]
                0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x40, 0x40, // 1.weight = [1, 3]
            };
            Assert.Equal(464, header.Length);
            return length.Concat(Encoding.ASCII.GetBytes(header)).Concat(data).ToArray();
        }

        [Fact]
        public void ReferenceOutputReads()
        {
            foreach (var (bytes, name, shape) in new[] { (s_referenceAttn0, "attn.0", new[] { 1, 2, 3 }), (s_referencePadded, "attn0", new[] { 1, 1, 2, 3 }) })
            {
                using var file = SafeTensors.Parse(bytes);
                Assert.Equal(new[] { name }, file.Names);
                Assert.Empty(file.Metadata);
                var values = new float[6];
                file.ReadFloats(name, shape, values);
                Assert.Equal(new[] { 0f, 1, 2, 3, 4, 5 }, values);
            }
        }

        [Fact]
        public void WriterMatchesTheReferenceBytes()
        {
            Assert.Equal(s_referenceAttn0, SafeTensorsWriter.Write(new[] { SafeTensorsWriter.F32("attn.0", new long[] { 1, 2, 3 }, 0, 1, 2, 3, 4, 5) }));
            Assert.Equal(s_referencePadded, SafeTensorsWriter.Write(new[] { SafeTensorsWriter.F32("attn0", new long[] { 1, 1, 2, 3 }, 0, 1, 2, 3, 4, 5) }));
            Assert.Equal(s_referenceEmptyWithMetadata, SafeTensorsWriter.Write(Array.Empty<SafeTensorsWriter.Tensor>(), new System.Collections.Generic.Dictionary<string, string> { ["framework"] = "pt" }));
            Assert.Equal(StateDictFixture(), SafeTensorsWriter.Write(new[]
            {
                SafeTensorsWriter.F32("0.weight", new long[] { 2, 1, 1, 1 }, 1.5f, 2f),
                SafeTensorsWriter.F32("0.bias", new long[] { 2 }, 0.5f, -0.25f),
                SafeTensorsWriter.F32("1.weight", new long[] { 2 }, 1f, 3f),
                SafeTensorsWriter.F32("1.bias", new long[] { 2 }, 0.125f, -0.125f),
                SafeTensorsWriter.F32("1.running_mean", new long[] { 2 }, 0.75f, -1f),
                SafeTensorsWriter.F32("1.running_var", new long[] { 2 }, 4f, 0.25f),
                SafeTensorsWriter.I64("1.num_batches_tracked", Array.Empty<long>(), 3),
            }));
        }

        [Fact]
        public void EmptyFileWithMetadataReads()
        {
            using var file = SafeTensors.Parse(s_referenceEmptyWithMetadata);
            Assert.Empty(file.Names);
            Assert.Equal("pt", Assert.Single(file.Metadata).Value);
        }

        [Fact]
        public void StateDictFixtureLoadsAsANetworkWould()
        {
            using var file = SafeTensors.Parse(StateDictFixture());
            Assert.Equal(new[] { "1.num_batches_tracked", "0.bias", "0.weight", "1.bias", "1.running_mean", "1.running_var", "1.weight" }, file.Names);
            Assert.True(file.TryGetInfo("1.num_batches_tracked", out SafeTensorInfo? steps));
            Assert.Equal(SafeTensorDType.I64, steps.DType);
            Assert.Empty(steps.Shape);
            Assert.Equal(1, steps.ElementCount);
            Assert.Equal(8, steps.ByteLength);

            var weight = new float[2];
            file.ReadFloats("0.weight", new[] { 2, 1, 1, 1 }, weight);
            Assert.Equal(new[] { 1.5f, 2f }, weight);
            var vector = new float[2];
            file.ReadFloats("1.running_var", new[] { 2 }, vector);
            Assert.Equal(new[] { 4f, 0.25f }, vector);
            file.ReadFloats("1.running_mean", new[] { 2 }, vector);
            Assert.Equal(new[] { 0.75f, -1f }, vector);

            var count = new byte[8];
            file.ReadBytes("1.num_batches_tracked", count);
            Assert.Equal(3L, BitConverter.ToInt64(count));
            Assert.Equal(new[] { "0.bias", "1.bias", "1.weight" }, file.GetUnreadNames());
        }
    }
}
