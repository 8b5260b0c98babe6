using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Collections.ObjectModel;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using ConvGen.Internal;
using Microsoft.Win32.SafeHandles;

namespace ConvGen
{
    /// <summary>
    /// A safetensors file (what <c>safetensors.torch.save_file(model.state_dict(), path)</c> writes): the header is read and
    /// checked when the file is opened, tensor data is read on demand, by name, into the caller's span.
    /// </summary>
    /// <remarks>
    /// <para>Nothing in the file is trusted. The header length must be at most 100,000,000 bytes and fit the file; the header
    /// must be UTF-8 JSON (an object of tensors plus an optional <c>"__metadata__"</c> object of strings, padded with
    /// whitespace); each tensor needs a known dtype, a shape of non-negative integers whose byte size (computed without
    /// overflow) equals its <c>data_offsets</c> span, and the tensors must tile the data section exactly, without gaps,
    /// overlaps or duplicate names: the rules of the reference reader (huggingface/safetensors). A file that breaks one
    /// throws <see cref="SafeTensorsException"/> naming the tensor, what was expected and what was found.</para>
    /// <para>An opened file keeps a read-only handle (shared for reading) until <see cref="Dispose"/>; data is read with
    /// <see cref="RandomAccess"/> at checked offsets, never the whole file at once. Reads may run on several threads.</para>
    /// <para>Each read marks its tensor as used; <see cref="GetUnreadNames"/> then lists what a model did not take, so a
    /// loader can reject a file with extra tensors.</para>
    /// </remarks>
    public sealed class SafeTensors : IDisposable
    {
        /// <summary>Bytes converted per step for F16/BF16/F64 read from a file (a stack buffer, nothing allocated).</summary>
        private const int ChunkBytes = 4096;

        private readonly SafeFileHandle? _file;
        private readonly ReadOnlyMemory<byte> _memory;
        private readonly long _dataStart;
        private readonly string _source;
        private readonly SafeTensorInfo[] _tensors;
        private readonly Dictionary<string, int> _indexByName;
        private readonly bool[] _read;
        private bool _disposed;

        private SafeTensors(SafeFileHandle? file, ReadOnlyMemory<byte> memory, long dataStart, SafeTensorsHeader header, string source)
        {
            _file = file;
            _memory = memory;
            _dataStart = dataStart;
            _source = source;
            _tensors = header.Tensors.ToArray();
            _indexByName = new Dictionary<string, int>(_tensors.Length, StringComparer.Ordinal);
            for (int i = 0; i < _tensors.Length; i++) _indexByName.Add(_tensors[i].Name, i);
            _read = new bool[_tensors.Length];
            Names = Array.AsReadOnly(_tensors.Select(t => t.Name).ToArray());
            Tensors = Array.AsReadOnly(_tensors);
            Metadata = new ReadOnlyDictionary<string, string>(header.Metadata);
        }

        /// <summary>The tensor names in the order of their data in the file (the header's order in every file the reference
        /// library writes: by dtype size, then by name).</summary>
        public IReadOnlyList<string> Names { get; }

        /// <summary>Every tensor's description, in the order of <see cref="Names"/>.</summary>
        public IReadOnlyList<SafeTensorInfo> Tensors { get; }

        /// <summary>The header's <c>"__metadata__"</c> strings (e.g. <c>format: pt</c>); empty when it has none.</summary>
        public IReadOnlyDictionary<string, string> Metadata { get; }

        /// <summary>Opens a safetensors file and checks its header; tensor data is read later, on demand.</summary>
        /// <param name="path">The file, e.g. <c>"lenet5.safetensors"</c>.</param>
        /// <exception cref="SafeTensorsException">The file is not a valid safetensors file; the message says why.</exception>
        /// <exception cref="IOException">The file cannot be opened or read (e.g. <see cref="FileNotFoundException"/>).</exception>
        public static SafeTensors Open(string path)
        {
            ArgumentNullException.ThrowIfNull(path);
            SafeFileHandle file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess);
            try
            {
                string source = $"\"{path}\"";
                long fileLength = RandomAccess.GetLength(file);
                Span<byte> prefix = stackalloc byte[SafeTensorsHeader.PrefixLength];
                if (fileLength >= prefix.Length) ReadExactly(file, prefix, 0, source, tensorName: null);
                int headerLength = SafeTensorsHeader.CheckLength(prefix, fileLength, source);
                var json = new byte[headerLength]; // checked: at most 100,000,000 and at most the file's length
                ReadExactly(file, json, SafeTensorsHeader.PrefixLength, source, tensorName: null);
                long dataStart = SafeTensorsHeader.PrefixLength + headerLength;
                var header = SafeTensorsHeader.Parse(json, fileLength - dataStart, source);
                return new SafeTensors(file, default, dataStart, header, source);
            }
            catch
            {
                file.Dispose();
                throw;
            }
        }

        /// <summary>Reads a safetensors file held in memory and checks its header. The bytes are not copied: tensors are read
        /// from <paramref name="file"/> on demand, so it must not change while this object is used.</summary>
        /// <exception cref="SafeTensorsException">The bytes are not a valid safetensors file; the message says why.</exception>
        public static SafeTensors Parse(ReadOnlyMemory<byte> file)
        {
            const string source = "safetensors data";
            ReadOnlySpan<byte> bytes = file.Span;
            int headerLength = SafeTensorsHeader.CheckLength(bytes, bytes.Length, source);
            int dataStart = SafeTensorsHeader.PrefixLength + headerLength;
            var header = SafeTensorsHeader.Parse(bytes.Slice(SafeTensorsHeader.PrefixLength, headerLength), bytes.Length - dataStart, source);
            return new SafeTensors(null, file, dataStart, header, source);
        }

        /// <summary>Finds a tensor's description by name (ordinal, case-sensitive, as PyTorch's <c>state_dict</c> keys).</summary>
        public bool TryGetInfo(string name, [NotNullWhen(true)] out SafeTensorInfo? info)
        {
            ArgumentNullException.ThrowIfNull(name);
            bool found = _indexByName.TryGetValue(name, out int index);
            info = found ? _tensors[index] : null;
            return found;
        }

        /// <summary>A tensor's description by name.</summary>
        /// <exception cref="SafeTensorsException">The file has no tensor of that name (the message lists what it has).</exception>
        public SafeTensorInfo GetInfo(string name) => _tensors[Find(name)];

        /// <summary>
        /// Reads tensor <paramref name="name"/> as float into <paramref name="destination"/> after checking that its shape is
        /// <paramref name="expectedShape"/>: F32 is copied bit for bit, F16, BF16 and F64 are converted as PyTorch's
        /// <c>tensor.float()</c> converts them. Marks the tensor as read. Allocates nothing.
        /// </summary>
        /// <exception cref="SafeTensorsException">No tensor of that name, a shape other than <paramref name="expectedShape"/>
        /// (<c>tensor "3.weight" has shape [16, 6, 5, 5] but the layer expects [16, 6, 3, 3]</c>), a dtype that is not
        /// floating point, or a file that shrank since it was opened.</exception>
        /// <exception cref="ArgumentException"><paramref name="destination"/>'s length is not the tensor's element count.</exception>
        public void ReadFloats(string name, ReadOnlySpan<int> expectedShape, Span<float> destination)
        {
            ThrowIfDisposed();
            int index = Find(name);
            SafeTensorInfo info = _tensors[index];
            if (!SameShape(info.Shape, expectedShape))
            {
                throw new SafeTensorsException(
                    $"{_source}: tensor {ShapeText.Quote(name)} has shape {ShapeText.Format(info.Shape.AsSpan())} but the layer expects {ShapeText.Format(expectedShape)}.", name);
            }

            if (info.DType is not (SafeTensorDType.F32 or SafeTensorDType.F16 or SafeTensorDType.BF16 or SafeTensorDType.F64))
            {
                throw new SafeTensorsException(
                    $"{_source}: tensor {ShapeText.Quote(name)} holds {info.DType}, but a floating-point tensor (F32, F16, BF16 or F64) was expected.", name);
            }

            CheckDestination(destination.Length, info.ElementCount, "elements", info);
            if (info.DType == SafeTensorDType.F32 && BitConverter.IsLittleEndian)
            {
                ReadData(info, info.Begin, MemoryMarshal.AsBytes(destination));
            }
            else
            {
                ReadConverted(info, destination);
            }

            _read[index] = true;
        }

        /// <summary>Copies tensor <paramref name="name"/>'s bytes (little-endian elements, row-major) of any dtype into
        /// <paramref name="destination"/>, which must be <see cref="SafeTensorInfo.ByteLength"/> long. Marks the tensor as read.</summary>
        /// <exception cref="SafeTensorsException">No tensor of that name, or a file that shrank since it was opened.</exception>
        /// <exception cref="ArgumentException"><paramref name="destination"/> has another length.</exception>
        public void ReadBytes(string name, Span<byte> destination)
        {
            ThrowIfDisposed();
            int index = Find(name);
            SafeTensorInfo info = _tensors[index];
            CheckDestination(destination.Length, info.ByteLength, "bytes", info);
            ReadData(info, info.Begin, destination);
            _read[index] = true;
        }

        /// <summary>Marks a tensor as used without reading it (e.g. BatchNorm's <c>num_batches_tracked</c>, which inference
        /// ignores), so <see cref="GetUnreadNames"/> leaves it out.</summary>
        /// <exception cref="SafeTensorsException">No tensor of that name.</exception>
        public void MarkRead(string name) => _read[Find(name)] = true;

        /// <summary>The tensors neither read nor marked, in file order: a loader reports them as
        /// <c>file has tensors the model does not use: [...]</c>.</summary>
        public IReadOnlyList<string> GetUnreadNames()
        {
            var unread = new List<string>();
            for (int i = 0; i < _tensors.Length; i++)
            {
                if (!_read[i]) unread.Add(_tensors[i].Name);
            }

            return unread;
        }

        /// <summary>Closes the file (nothing to do for <see cref="Parse"/>d bytes). Reads afterwards throw
        /// <see cref="ObjectDisposedException"/>.</summary>
        public void Dispose()
        {
            _disposed = true;
            _file?.Dispose();
        }

        private int Find(string name)
        {
            ArgumentNullException.ThrowIfNull(name);
            if (_indexByName.TryGetValue(name, out int index)) return index;
            string list = string.Join(", ", _tensors.Take(10).Select(t => ShapeText.Quote(t.Name))) + (_tensors.Length > 10 ? ", ..." : "");
            throw new SafeTensorsException($"{_source} has no tensor {ShapeText.Quote(name)}; it has {_tensors.Length}: {list}.", name);
        }

        private static bool SameShape(ImmutableArray<long> actual, ReadOnlySpan<int> expected)
        {
            if (actual.Length != expected.Length) return false;
            for (int i = 0; i < expected.Length; i++)
            {
                if (actual[i] != expected[i]) return false;
            }

            return true;
        }

        private static void CheckDestination(int length, long needed, string unit, SafeTensorInfo info)
        {
            if (length != needed)
            {
                throw new ArgumentException(
                    $"destination has {length} {unit} but tensor {ShapeText.Quote(info.Name)} ({info.DType} {ShapeText.Format(info.Shape.AsSpan())}) has {needed}.", "destination");
            }
        }

        /// <summary>F16/BF16/F64 (and F32 on a big-endian machine) through a stack buffer, one chunk at a time.</summary>
        private void ReadConverted(SafeTensorInfo info, Span<float> destination)
        {
            int elementBytes = SafeTensorDTypes.BitSize(info.DType) / 8;
            int chunk = ChunkBytes / elementBytes;
            Span<byte> scratch = stackalloc byte[ChunkBytes];
            for (int done = 0; done < destination.Length; done += chunk)
            {
                int count = Math.Min(chunk, destination.Length - done);
                long offset = info.Begin + (long)done * elementBytes;
                ReadOnlySpan<byte> source = _file is null
                    ? _memory.Span.Slice((int)(_dataStart + offset), count * elementBytes)
                    : ReadData(info, offset, scratch.Slice(0, count * elementBytes));
                FloatConversion.Convert(info.DType, source, destination.Slice(done, count));
            }
        }

        /// <summary>Copies data-section bytes [offset, offset + destination.Length) of <paramref name="info"/>'s tensor
        /// (inside it: checked when the header was read).</summary>
        private Span<byte> ReadData(SafeTensorInfo info, long offset, Span<byte> destination)
        {
            if (_file is null)
            {
                _memory.Span.Slice((int)(_dataStart + offset), destination.Length).CopyTo(destination);
            }
            else
            {
                ReadExactly(_file, destination, _dataStart + offset, _source, info.Name);
            }

            return destination;
        }

        private static void ReadExactly(SafeFileHandle file, Span<byte> destination, long fileOffset, string source, string? tensorName)
        {
            for (int done = 0; done < destination.Length;)
            {
                int read = RandomAccess.Read(file, destination.Slice(done), fileOffset + done);
                if (read == 0)
                {
                    string what = tensorName is null ? "the header" : $"tensor {ShapeText.Quote(tensorName)}";
                    throw new SafeTensorsException(
                        $"{source} ended at byte {fileOffset + done} while reading {what}; it is shorter than when it was opened.", tensorName);
                }

                done += read;
            }
        }

        private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
    }
}
