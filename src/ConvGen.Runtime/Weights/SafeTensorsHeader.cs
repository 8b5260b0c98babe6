using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace ConvGen.Internal
{
    /// <summary>
    /// Reads a safetensors header: the 8-byte little-endian length, then that many bytes of UTF-8 JSON mapping each tensor
    /// name to <c>{"dtype", "shape", "data_offsets"}</c>, plus an optional <c>"__metadata__"</c> object of strings. Follows
    /// the reference reader (huggingface/safetensors <c>SafeTensors::read_metadata</c> and <c>Metadata::validate</c>):
    /// nothing in the header is trusted, every number is checked before it sizes or indexes anything (see
    /// <see cref="TensorLayout"/> for the offsets). Read with <see cref="Utf8JsonReader"/>: no reflection, so it trims and
    /// runs under NativeAOT.
    /// </summary>
    internal sealed class SafeTensorsHeader
    {
        /// <summary>The reference's <c>MAX_HEADER_SIZE</c>: a longer header is rejected before anything is allocated.</summary>
        public const long MaxLength = 100_000_000;

        /// <summary>serde_json's recursion limit, which bounds what the reference accepts in a field it ignores.</summary>
        private const int MaxDepth = 128;

        /// <summary>The 8-byte length field.</summary>
        public const int PrefixLength = 8;

        private SafeTensorsHeader(List<SafeTensorInfo> tensors, Dictionary<string, string> metadata)
        {
            Tensors = tensors;
            Metadata = metadata;
        }

        /// <summary>The tensors in the order of their data (by <c>data_offsets</c>), which is the header's order in every file
        /// the reference writes.</summary>
        public List<SafeTensorInfo> Tensors { get; }

        /// <summary>The <c>"__metadata__"</c> strings; empty when the header has none.</summary>
        public Dictionary<string, string> Metadata { get; }

        /// <summary>Checks the length field <paramref name="prefix"/> against a file of <paramref name="fileLength"/> bytes and
        /// returns the header length (at most <see cref="MaxLength"/>, and not more than the bytes after the field).</summary>
        public static int CheckLength(ReadOnlySpan<byte> prefix, long fileLength, string source)
        {
            if (fileLength < PrefixLength)
            {
                throw new SafeTensorsException($"{source} is {fileLength} bytes long, but a safetensors file starts with an 8-byte header length.");
            }

            ulong length = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(prefix);
            if (length > MaxLength)
            {
                throw new SafeTensorsException($"{source}: the header length is {length} bytes, more than the format's limit of {MaxLength}.");
            }

            if (length > (ulong)(fileLength - PrefixLength))
            {
                throw new SafeTensorsException($"{source}: the header length is {length} bytes, but only {fileLength - PrefixLength} bytes follow the length field.");
            }

            return (int)length;
        }

        /// <summary>Parses and checks the header JSON; <paramref name="dataLength"/> is the size of the data section after it.</summary>
        public static SafeTensorsHeader Parse(ReadOnlySpan<byte> json, long dataLength, string source)
        {
            CheckUtf8(json, source);
            var entries = new List<TensorLayout.Entry>();
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            try
            {
                var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = MaxDepth });
                ReadRoot(ref reader, entries, metadata, source);
            }
            catch (JsonException e)
            {
                throw new SafeTensorsException($"{source}: the header is not valid JSON: {e.Message}", innerException: e);
            }
            catch (InvalidOperationException e)
            {
                // Utf8JsonReader reads an escaped lone surrogate ("\uD800") without complaint and throws when the string is
                // decoded; serde_json rejects it as invalid JSON, and so does this reader.
                throw new SafeTensorsException($"{source}: the header is not valid JSON: {e.Message}", innerException: e);
            }

            return new SafeTensorsHeader(TensorLayout.Check(entries, dataLength, source), metadata);
        }

        private static void CheckUtf8(ReadOnlySpan<byte> json, string source)
        {
            if (System.Text.Unicode.Utf8.IsValid(json)) return;
            for (int i = 0; i < json.Length;)
            {
                if (Rune.DecodeFromUtf8(json.Slice(i), out _, out int consumed) != OperationStatus.Done)
                {
                    throw new SafeTensorsException($"{source}: the header is not valid UTF-8 (byte {i} of the header, 0x{json[i]:X2}).");
                }

                i += consumed;
            }
        }

        private static void ReadRoot(ref Utf8JsonReader reader, List<TensorLayout.Entry> entries, Dictionary<string, string> metadata, string source)
        {
            if (!reader.Read()) throw new SafeTensorsException($"{source}: the header is empty; expected a JSON object.");
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new SafeTensorsException($"{source}: the header must be a JSON object of tensors, but it is {Describe(reader.TokenType)}.");
            }

            var names = new HashSet<string>(StringComparer.Ordinal);
            bool hasMetadata = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                string name = reader.GetString()!;
                reader.Read();
                if (name == "__metadata__")
                {
                    if (hasMetadata) throw new SafeTensorsException($"{source}: the header has two \"__metadata__\" entries.");
                    hasMetadata = true;
                    ReadMetadata(ref reader, metadata, source);
                    continue;
                }

                if (!names.Add(name))
                {
                    throw new SafeTensorsException($"{source}: tensor {ShapeText.Quote(name)} appears twice in the header (the format forbids duplicate names).", name);
                }

                entries.Add(ReadTensor(ref reader, name, entries.Count, source));
            }

            // Only whitespace may follow the object (the reference pads the header with spaces); anything else throws here.
            if (reader.Read()) throw new SafeTensorsException($"{source}: the header has more after its JSON object.");
        }

        private static void ReadMetadata(ref Utf8JsonReader reader, Dictionary<string, string> metadata, string source)
        {
            if (reader.TokenType == JsonTokenType.Null) return;
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new SafeTensorsException($"{source}: \"__metadata__\" must be an object of strings, but it is {Describe(reader.TokenType)}.");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                string key = reader.GetString()!;
                reader.Read();
                if (reader.TokenType != JsonTokenType.String)
                {
                    throw new SafeTensorsException($"{source}: \"__metadata__\" value {ShapeText.Quote(key)} must be a string, but it is {Describe(reader.TokenType)}.");
                }

                if (!metadata.TryAdd(key, reader.GetString()!))
                {
                    throw new SafeTensorsException($"{source}: \"__metadata__\" has the key {ShapeText.Quote(key)} twice.");
                }
            }
        }

        private static TensorLayout.Entry ReadTensor(ref Utf8JsonReader reader, string name, int index, string source)
        {
            string what = $"{source}: tensor {ShapeText.Quote(name)}";
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new SafeTensorsException($"{what} must be an object {{\"dtype\", \"shape\", \"data_offsets\"}}, but it is {Describe(reader.TokenType)}.", name);
            }

            SafeTensorDType? dtype = null;
            List<long>? shape = null;
            ulong[]? offsets = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("dtype"u8))
                {
                    if (dtype is not null) throw new SafeTensorsException($"{what} has two \"dtype\" fields.", name);
                    reader.Read();
                    dtype = ReadDType(ref reader, what, name);
                }
                else if (reader.ValueTextEquals("shape"u8))
                {
                    if (shape is not null) throw new SafeTensorsException($"{what} has two \"shape\" fields.", name);
                    reader.Read();
                    shape = new List<long>();
                    foreach (ulong dimension in ReadIntegers(ref reader, what, "shape", name, count: -1))
                    {
                        if (dimension > long.MaxValue)
                        {
                            throw new SafeTensorsException($"{what} has a dimension of {dimension}, more than 2^63 - 1 (PyTorch's limit).", name);
                        }

                        shape.Add((long)dimension);
                    }
                }
                else if (reader.ValueTextEquals("data_offsets"u8))
                {
                    if (offsets is not null) throw new SafeTensorsException($"{what} has two \"data_offsets\" fields.", name);
                    reader.Read();
                    offsets = ReadIntegers(ref reader, what, "data_offsets", name, count: 2).ToArray();
                }
                else
                {
                    reader.Skip(); // the reference ignores fields it does not know
                }
            }

            if (dtype is null || shape is null || offsets is null)
            {
                string missing = dtype is null ? "dtype" : shape is null ? "shape" : "data_offsets";
                throw new SafeTensorsException($"{what} has no \"{missing}\" field.", name);
            }

            return new TensorLayout.Entry(name, index, dtype.Value, shape.ToArray(), offsets[0], offsets[1]);
        }

        private static SafeTensorDType ReadDType(ref Utf8JsonReader reader, string what, string name)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new SafeTensorsException($"{what} has a \"dtype\" that is {Describe(reader.TokenType)}, not a string.", name);
            }

            string text = reader.GetString()!;
            if (!SafeTensorDTypes.TryParse(text, out SafeTensorDType dtype))
            {
                throw new SafeTensorsException($"{what} has the unknown dtype {ShapeText.Quote(text)}; expected one of {SafeTensorDTypes.List}.", name);
            }

            return dtype;
        }

        /// <summary>A JSON array of non-negative integers written with digits only (serde rejects <c>-1</c>, <c>2.0</c> and
        /// <c>2e0</c> for an unsigned field); exactly <paramref name="count"/> of them unless it is -1.</summary>
        private static List<ulong> ReadIntegers(ref Utf8JsonReader reader, string what, string field, string name, int count)
        {
            string form = count == 2 ? "[begin, end]" : "an array of non-negative integers";
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw new SafeTensorsException($"{what}: \"{field}\" must be {form}, but it is {Describe(reader.TokenType)}.", name);
            }

            var values = new List<ulong>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.Number)
                {
                    throw new SafeTensorsException($"{what}: \"{field}\" must be {form}, but it holds {Describe(reader.TokenType)}.", name);
                }

                ReadOnlySpan<byte> digits = reader.ValueSpan;
                if (digits.IndexOfAnyExceptInRange((byte)'0', (byte)'9') >= 0)
                {
                    throw new SafeTensorsException($"{what}: \"{field}\" must hold non-negative integers, but it holds {Encoding.UTF8.GetString(digits.Slice(0, Math.Min(digits.Length, 40)))}.", name);
                }

                if (!reader.TryGetUInt64(out ulong value))
                {
                    throw new SafeTensorsException($"{what}: \"{field}\" holds {Encoding.UTF8.GetString(digits.Slice(0, Math.Min(digits.Length, 40)))}, more than 2^64 - 1.", name);
                }

                values.Add(value);
                if (count >= 0 && values.Count > count) break;
            }

            if (count >= 0 && values.Count != count)
            {
                throw new SafeTensorsException($"{what}: \"{field}\" must be {form}, but it has {(values.Count > count ? $"more than {count} values" : values.Count == 1 ? "1 value" : $"{values.Count} values")}.", name);
            }

            return values;
        }

        private static string Describe(JsonTokenType token) => token switch
        {
            JsonTokenType.StartObject => "an object",
            JsonTokenType.StartArray => "an array",
            JsonTokenType.String => "a string",
            JsonTokenType.Number => "a number",
            JsonTokenType.True or JsonTokenType.False => "a boolean",
            JsonTokenType.Null => "null",
            _ => token.ToString(),
        };
    }
}
