using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using ConvGen.Golden;
using Xunit;

namespace ConvGen.Numerics.Tests.Weights
{
    /// <summary>
    /// Malformed files, one rule of the reference reader (huggingface/safetensors <c>read_metadata</c>/<c>validate</c>) broken
    /// per case: each must be a <see cref="SafeTensorsException"/> whose message says what was expected and what was found,
    /// from memory and from a file alike. And what the reference accepts (whitespace around the JSON, unknown fields, empty
    /// and scalar tensors) must open.
    /// </summary>
    public class SafeTensorsMalformedTests
    {
        private static string Tensor(string name, string dtype, string shape, string offsets) =>
            $"\"{name}\":{{\"dtype\":\"{dtype}\",\"shape\":{shape},\"data_offsets\":{offsets}}}";

        private static byte[] File(string header, int dataLength) => SafeTensorsWriter.Assemble(header, new byte[dataLength]);

        private static byte[] WithLength(ulong length, int bytesAfter)
        {
            var file = new byte[8 + bytesAfter];
            BitConverter.TryWriteBytes(file, length);
            return file;
        }

        public static IEnumerable<object[]> Cases() => new (string Case, byte[] File, string Message)[]
        {
            ("empty file", Array.Empty<byte>(), "is 0 bytes long, but a safetensors file starts with an 8-byte header length"),
            ("truncated length", new byte[] { 64, 0, 0, 0, 0 }, "is 5 bytes long"),
            ("header longer than the file", WithLength(64, 10), "the header length is 64 bytes, but only 10 bytes follow the length field"),
            ("header length 2^63", WithLength(1UL << 63, 10), "the header length is 9223372036854775808 bytes, more than the format's limit of 100000000"),
            ("header length just over the limit", WithLength(100_000_001, 10), "more than the format's limit of 100000000"),
            ("empty header", WithLength(0, 0), "the header is not valid JSON"),
            ("not JSON", File("{", 0), "the header is not valid JSON"),
            ("not JSON either", File("safetensors", 0), "the header is not valid JSON"),
            ("JSON array", File("[]", 0), "the header must be a JSON object of tensors, but it is an array"),
            ("JSON string", File("\"x\"", 0), "the header must be a JSON object of tensors, but it is a string"),
            ("garbage after the object", File("{} x", 0), "the header is not valid JSON"),
            ("comment", File("{} // x", 0), "the header is not valid JSON"),
            ("bad UTF-8", SafeTensorsWriter.Assemble(new byte[] { 0x7B, 0x22, 0xC3, 0x28, 0x22, 0x3A, 0x31, 0x7D }, Array.Empty<byte>()), "the header is not valid UTF-8 (byte 2 of the header, 0xC3)"),
            ("UTF-16 surrogate in UTF-8", SafeTensorsWriter.Assemble(new byte[] { 0x7B, 0x22, 0xED, 0xA0, 0x80, 0x22, 0x3A, 0x31, 0x7D }, Array.Empty<byte>()), "not valid UTF-8 (byte 2"),
            ("escaped lone surrogate in a name", File("{" + Tensor("\\ud800", "F32", "[1]", "[0,4]") + "}", 4), "the header is not valid JSON"),
            ("escaped lone surrogate in a dtype", File("{" + Tensor("w", "\\udc00", "[1]", "[0,4]") + "}", 4), "the header is not valid JSON"),
            ("escaped lone surrogate in metadata", File("{\"__metadata__\":{\"a\":\"\\ud800x\"}}", 0), "the header is not valid JSON"),
            ("unknown dtype", File("{" + Tensor("w", "F33", "[1]", "[0,4]") + "}", 4), "tensor \"w\" has the unknown dtype \"F33\"; expected one of BOOL, F4,"),
            ("dtype in lower case", File("{" + Tensor("w", "f32", "[1]", "[0,4]") + "}", 4), "unknown dtype \"f32\""),
            ("dtype not a string", File("{\"w\":{\"dtype\":32,\"shape\":[1],\"data_offsets\":[0,4]}}", 4), "has a \"dtype\" that is a number, not a string"),
            ("negative dimension", File("{" + Tensor("w", "F32", "[-1]", "[0,4]") + "}", 4), "\"shape\" must hold non-negative integers, but it holds -1"),
            ("fractional dimension", File("{" + Tensor("w", "F32", "[2.0]", "[0,8]") + "}", 8), "\"shape\" must hold non-negative integers, but it holds 2.0"),
            ("exponent dimension", File("{" + Tensor("w", "F32", "[2e0]", "[0,8]") + "}", 8), "but it holds 2e0"),
            ("dimension above 2^64", File("{" + Tensor("w", "F32", "[18446744073709551616]", "[0,8]") + "}", 8), "holds 18446744073709551616, more than 2^64 - 1"),
            ("dimension above 2^63", File("{" + Tensor("w", "F32", "[9223372036854775808]", "[0,8]") + "}", 8), "has a dimension of 9223372036854775808, more than 2^63 - 1"),
            ("shape not an array", File("{" + Tensor("w", "F32", "4", "[0,4]") + "}", 4), "\"shape\" must be an array of non-negative integers, but it is a number"),
            ("shape holds a string", File("{" + Tensor("w", "F32", "[\"1\"]", "[0,4]") + "}", 4), "but it holds a string"),
            ("three offsets", File("{" + Tensor("w", "F32", "[1]", "[0,4,8]") + "}", 4), "\"data_offsets\" must be [begin, end], but it has more than 2 values"),
            ("one offset", File("{" + Tensor("w", "F32", "[1]", "[4]") + "}", 4), "\"data_offsets\" must be [begin, end], but it has 1 value."),
            ("negative offset", File("{" + Tensor("w", "F32", "[1]", "[-4,0]") + "}", 4), "\"data_offsets\" must hold non-negative integers, but it holds -4"),
            ("offsets past the data", File("{" + Tensor("w", "F32", "[1]", "[0,4]") + "}", 2), "has data_offsets [0, 4], past the end of the data section (2 bytes)"),
            ("offsets far past the data", File("{" + Tensor("w", "F32", "[1]", "[18446744073709551612,18446744073709551615]") + "}", 4), "past the end of the data section (4 bytes)"),
            ("begin after end", File("{" + Tensor("w", "F32", "[1]", "[4,0]") + "}", 4), "has data_offsets [4, 0], which end before they begin"),
            ("size mismatch", File("{" + Tensor("w", "F32", "[2,2]", "[0,12]") + "}", 12), "has shape [2, 2] of F32, which needs 16 bytes, but data_offsets [0, 12] hold 12"),
            ("element count overflow", File("{" + Tensor("w", "F32", "[2147483648,2147483648,4]", "[0,16]") + "}", 16), "has shape [2147483648, 2147483648, 4], more than 2^64 - 1 elements"),
            ("byte count overflow", File("{" + Tensor("w", "F64", "[4611686018427387904]", "[0,16]") + "}", 16), "of F64, more than 2^64 - 1 bits"),
            ("sub-byte tensor", File("{" + Tensor("w", "F4", "[3]", "[0,2]") + "}", 2), "(4 bits each), which does not end on a byte boundary"),
            ("overlap", File("{" + Tensor("a", "F32", "[2]", "[0,8]") + "," + Tensor("b", "F32", "[2]", "[4,12]") + "}", 12), "tensor \"b\" at data_offsets [4, 12] overlaps tensor \"a\" at [0, 8]"),
            ("same offsets twice", File("{" + Tensor("a", "F32", "[2]", "[0,8]") + "," + Tensor("b", "F32", "[2]", "[0,8]") + "}", 8), "overlaps tensor"),
            ("gap between tensors", File("{" + Tensor("a", "F32", "[1]", "[0,4]") + "," + Tensor("b", "F32", "[1]", "[8,12]") + "}", 12), "bytes [4, 8) of the data section, before tensor \"b\", belong to no tensor (the format forbids gaps)"),
            ("gap at the start", File("{" + Tensor("a", "F32", "[1]", "[4,8]") + "}", 8), "bytes [0, 4) of the data section, before tensor \"a\""),
            ("bytes after the last tensor", File("{" + Tensor("a", "F32", "[1]", "[0,4]") + "}", 9), "the tensors end at byte 4 of the data section, but it holds 9 bytes"),
            ("data but no tensors", File("{}", 1), "the tensors end at byte 0 of the data section, but it holds 1 bytes"),
            ("duplicate tensor", File("{" + Tensor("w", "F32", "[1]", "[0,4]") + "," + Tensor("w", "F32", "[1]", "[4,8]") + "}", 8), "tensor \"w\" appears twice in the header"),
            ("duplicate via escape", File("{" + Tensor("w", "F32", "[1]", "[0,4]") + "," + Tensor("\\u0077", "F32", "[1]", "[4,8]") + "}", 8), "tensor \"w\" appears twice"),
            ("duplicate field", File("{\"w\":{\"dtype\":\"F32\",\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4), "tensor \"w\" has two \"dtype\" fields"),
            ("missing field", File("{\"w\":{\"dtype\":\"F32\",\"shape\":[1]}}", 4), "tensor \"w\" has no \"data_offsets\" field"),
            ("tensor not an object", File("{\"w\":[1,2]}", 0), "tensor \"w\" must be an object {\"dtype\", \"shape\", \"data_offsets\"}, but it is an array"),
            ("metadata not an object", File("{\"__metadata__\":[]}", 0), "\"__metadata__\" must be an object of strings, but it is an array"),
            ("metadata value not a string", File("{\"__metadata__\":{\"epoch\":3}}", 0), "\"__metadata__\" value \"epoch\" must be a string, but it is a number"),
            ("metadata twice", File("{\"__metadata__\":{},\"__metadata__\":{}}", 0), "the header has two \"__metadata__\" entries"),
            ("metadata key twice", File("{\"__metadata__\":{\"a\":\"1\",\"a\":\"2\"}}", 0), "\"__metadata__\" has the key \"a\" twice"),
            ("deep nesting in an ignored field", File("{\"w\":{\"x\":" + new string('[', 200) + new string(']', 200) + ",\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4), "the header is not valid JSON"),
        }.Select(c => new object[] { c.Case, c.File, c.Message });

        [Theory]
        [MemberData(nameof(Cases))]
        public void MalformedFileNamesTheProblem(string name, byte[] bytes, string message)
        {
            var e = Assert.Throws<SafeTensorsException>(() => SafeTensors.Parse(bytes));
            Assert.True(e.Message.Contains(message, StringComparison.Ordinal), $"{name}: expected the message to contain\n  {message}\nbut it was\n  {e.Message}");
            Assert.StartsWith("safetensors data", e.Message);

            string path = Path.Combine(Path.GetTempPath(), $"convgen-{Guid.NewGuid():N}.safetensors");
            try
            {
                System.IO.File.WriteAllBytes(path, bytes);
                var fromFile = Assert.Throws<SafeTensorsException>(() => SafeTensors.Open(path));
                Assert.Equal(e.Message.Replace("safetensors data", $"\"{path}\""), fromFile.Message);
            }
            finally
            {
                System.IO.File.Delete(path);
            }
        }

        public static IEnumerable<object[]> Accepted() => new (string Case, byte[] File, int Tensors)[]
        {
            ("whitespace after the JSON (the reference's padding)", File("{}\r \t\n", 0), 0),
            ("whitespace before the JSON (the reference accepts it)", File("\t\n{} ", 0), 0),
            ("unknown fields (the reference ignores them)", File("{\"w\":{\"dtype\":\"F32\",\"extra\":{\"a\":[1,{}]},\"shape\":[1],\"data_offsets\":[0,4]}}", 4), 1),
            ("nesting as deep as serde_json allows", File("{\"w\":{\"x\":" + new string('[', 120) + new string(']', 120) + ",\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4), 1),
            ("null metadata", File("{\"__metadata__\":null}", 0), 0),
            ("empty tensors at one offset", File("{" + Tensor("a", "F32", "[0]", "[0,0]") + "," + Tensor("b", "I8", "[2,0]", "[0,0]") + "," + Tensor("c", "U8", "[1]", "[0,1]") + "}", 1), 3),
            ("zero dimension beside a huge one", File("{" + Tensor("a", "F32", "[0,9223372036854775807]", "[0,0]") + "}", 0), 1),
            ("offsets in reverse header order", File("{" + Tensor("b", "F32", "[1]", "[4,8]") + "," + Tensor("a", "F32", "[1]", "[0,4]") + "}", 8), 2),
            ("F4 in whole bytes", File("{" + Tensor("a", "F4", "[4]", "[0,2]") + "}", 2), 1),
        }.Select(c => new object[] { c.Case, c.File, c.Tensors });

        [Theory]
        [MemberData(nameof(Accepted))]
        public void WhatTheReferenceAcceptsOpens(string name, byte[] bytes, int tensors)
        {
            using var file = SafeTensors.Parse(bytes);
            Assert.True(tensors == file.Names.Count, name);
        }

        [Fact]
        public void NamesAreInDataOrder()
        {
            using var file = SafeTensors.Parse(File("{" + Tensor("b", "F32", "[1]", "[4,8]") + "," + Tensor("a", "F32", "[1]", "[0,4]") + "}", 8));
            Assert.Equal(new[] { "a", "b" }, file.Names);
        }

        [Fact]
        public void AHostileNameIsShortenedInMessages()
        {
            string name = new string('x', 5000);
            var e = Assert.Throws<SafeTensorsException>(() => SafeTensors.Parse(File("{" + Tensor(name, "F32", "[1]", "[0,8]") + "}", 8)));
            Assert.True(e.Message.Length < 400, e.Message);
            Assert.Equal(name, e.TensorName);
        }
    }
}
