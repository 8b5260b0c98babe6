using System;
using System.Runtime.InteropServices;

namespace ConvGen.Fuzz.Tests.Harness;

/// <summary>
/// A float buffer placed so that its first or its last element touches an inaccessible page (Linux: mmap + mprotect
/// PROT_NONE). Any read or write one element outside the span faults and takes the test process down, which the test
/// run reports as a failure; guard cells (see <see cref="RuntimeInputFuzzTests"/>) only catch writes.
/// Elsewhere the buffer is plain native memory without guard pages.
/// </summary>
internal sealed unsafe class GuardPages : IDisposable
{
    private const int ProtNone = 0, ProtReadWrite = 3, MapPrivateAnonymous = 0x02 | 0x20;
    private readonly nint _mapping;
    private readonly nuint _mappingLength;
    private readonly float* _start;

    public GuardPages(int length, bool touchEnd)
    {
        Length = length;
        nuint page = (nuint)Environment.SystemPageSize;
        nuint bytes = (nuint)length * sizeof(float);
        nuint dataPages = (bytes + page - 1) / page;
        if (!OperatingSystem.IsLinux())
        {
            _start = (float*)NativeMemory.AlignedAlloc(Math.Max(bytes, 1), 64);
            return;
        }

        _mappingLength = (dataPages + 2) * page;
        _mapping = mmap(0, _mappingLength, ProtNone, MapPrivateAnonymous, -1, 0);
        if (_mapping == -1) throw new InvalidOperationException($"mmap failed: {Marshal.GetLastPInvokeError()}");
        if (mprotect(_mapping + (nint)page, dataPages * page, ProtReadWrite) != 0)
            throw new InvalidOperationException($"mprotect failed: {Marshal.GetLastPInvokeError()}");
        byte* data = (byte*)_mapping + page;
        _start = (float*)(touchEnd ? data + dataPages * page - bytes : data);
    }

    public int Length { get; }

    public Span<float> Span => new(_start, Length);

    public void Dispose()
    {
        if (_mappingLength != 0) munmap(_mapping, _mappingLength);
        else NativeMemory.AlignedFree(_start);
    }

    [DllImport("libc", SetLastError = true)]
    private static extern nint mmap(nint address, nuint length, int protection, int flags, int fd, nint offset);

    [DllImport("libc", SetLastError = true)]
    private static extern int mprotect(nint address, nuint length, int protection);

    [DllImport("libc", SetLastError = true)]
    private static extern int munmap(nint address, nuint length);
}
