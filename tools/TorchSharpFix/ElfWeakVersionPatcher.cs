// ElfWeakVersionPatcher: an MSBuild task (compiled on the fly by RoslynCodeTaskFactory, see
// TorchSharpFix.targets) that writes a copy of an ELF64 little-endian shared library in which some
// version requirements (entries of .gnu.version_r, e.g. "GLIBCXX_3.4.32 from libstdc++.so.6") are
// marked VER_FLG_WEAK.
//
// Why: TorchSharp-cpu 0.107.0's libLibTorchSharp.so was linked against GCC 13's libstdc++, whose
// <iostream> plants an undefined reference to the marker symbol std::ios_base_library_init()
// (_ZSt21ios_base_library_initv@GLIBCXX_3.4.32). Nothing relocates against that symbol; it only makes
// the dynamic loader demand GLIBCXX_3.4.32, which Debian 12's libstdc++ (GCC 12, up to 3.4.30) lacks,
// so dlopen fails (and TorchSharp then reports a misleading "doesn't contain a reference to
// libtorch-cpu-linux-x64"). glibc's loader treats a missing *weak* version as non-fatal
// (elf/dl-version.c: match_symbol returns 0 for weak), so flipping vna_flags is enough.
//
// Safety: a version is weakened only if no dynamic relocation references a symbol bound to it (i.e.
// every such symbol is a pure marker that is never looked up). Otherwise the entry is left alone and a
// warning is logged, because weakening it would turn a clean load error into an "undefined symbol"
// crash later. The source file is never written: the patched copy is written to a temporary file and
// moved over DestinationFile (so even a hard link to the NuGet cache would be replaced, not modified).
//
// Only the standard ELF structures are used: ELF header, section headers, SHT_DYNSYM, SHT_GNU_versym,
// SHT_GNU_verneed, SHT_RELA/SHT_REL. No external tool (patchelf, python) is needed.

#nullable enable

using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public class ElfWeakVersionPatcher : Task
{
    /// <summary>The original library (read only).</summary>
    [Required]
    public string SourceFile { get; set; } = "";

    /// <summary>Where the patched copy goes (replaced atomically).</summary>
    [Required]
    public string DestinationFile { get; set; } = "";

    /// <summary>Version names to mark weak when present, e.g. GLIBCXX_3.4.32.</summary>
    [Required]
    public string[] WeakVersions { get; set; } = Array.Empty<string>();

    /// <summary>Names of the versions that were actually weakened.</summary>
    [Output]
    public string[] Weakened { get; set; } = Array.Empty<string>();

    private const uint SHT_RELA = 4;
    private const uint SHT_REL = 9;
    private const uint SHT_DYNSYM = 11;
    private const uint SHT_GNU_verneed = 0x6ffffffe;
    private const uint SHT_GNU_versym = 0x6fffffff;
    private const ushort VER_FLG_WEAK = 0x2;

    public override bool Execute()
    {
        try
        {
            byte[] elf = File.ReadAllBytes(SourceFile);
            var wanted = new HashSet<string>(WeakVersions, StringComparer.Ordinal);
            List<string> done = Patch(elf, wanted, out List<string> messages);
            foreach (string m in messages)
            {
                Log.LogWarning("TorchSharpFix: {0}: {1}", Path.GetFileName(SourceFile), m);
            }

            string? dir = Path.GetDirectoryName(Path.GetFullPath(DestinationFile));
            if (dir != null)
            {
                Directory.CreateDirectory(dir);
            }

            string tmp = DestinationFile + ".tmp" + Guid.NewGuid().ToString("N");
            File.WriteAllBytes(tmp, elf);
            if (File.Exists(DestinationFile))
            {
                File.Delete(DestinationFile); // unlink, never write through an existing file
            }

            File.Move(tmp, DestinationFile);
            Weakened = done.ToArray();
            Log.LogMessage(MessageImportance.High,
                "TorchSharpFix: {0} -> {1} (weak version requirements: {2})",
                SourceFile, DestinationFile, done.Count == 0 ? "none needed" : string.Join(", ", done));
            return true;
        }
        catch (Exception e)
        {
            Log.LogError("TorchSharpFix: cannot patch {0}: {1}", SourceFile, e.Message);
            return false;
        }
    }

    private static List<string> Patch(byte[] b, HashSet<string> wanted, out List<string> messages)
    {
        messages = new List<string>();
        if (b.Length < 64 || b[0] != 0x7f || b[1] != (byte)'E' || b[2] != (byte)'L' || b[3] != (byte)'F')
        {
            throw new InvalidDataException("not an ELF file");
        }

        if (b[4] != 2 || b[5] != 1)
        {
            throw new InvalidDataException("only ELF64 little-endian is supported");
        }

        ulong shoff = U64(b, 0x28);
        int shentsize = U16(b, 0x3A);
        int shnum = U16(b, 0x3C);
        if (shoff == 0 || shnum == 0)
        {
            throw new InvalidDataException("no section headers");
        }

        var sections = new List<Section>();
        for (int i = 0; i < shnum; i++)
        {
            int h = checked((int)shoff + i * shentsize);
            sections.Add(new Section
            {
                Type = U32(b, h + 4),
                Offset = checked((int)U64(b, h + 0x18)),
                Size = checked((int)U64(b, h + 0x20)),
                Link = U32(b, h + 0x28),
                Info = U32(b, h + 0x2C),
                EntSize = checked((int)U64(b, h + 0x38)),
            });
        }

        int dynsymIndex = sections.FindIndex(s => s.Type == SHT_DYNSYM);
        Section? versym = sections.Find(s => s.Type == SHT_GNU_versym);
        Section? verneed = sections.Find(s => s.Type == SHT_GNU_verneed);
        if (dynsymIndex < 0 || versym == null || verneed == null)
        {
            return new List<string>(); // nothing versioned: nothing to do
        }

        Section dynsym = sections[dynsymIndex];
        Section dynstr = sections[(int)verneed.Link];
        int symCount = dynsym.Size / (dynsym.EntSize == 0 ? 24 : dynsym.EntSize);

        // Symbols referenced by any dynamic relocation (these are really bound at load/call time).
        var relocated = new HashSet<int>();
        foreach (Section s in sections)
        {
            if ((s.Type != SHT_RELA && s.Type != SHT_REL) || s.Link != (uint)dynsymIndex)
            {
                continue;
            }

            int ent = s.EntSize != 0 ? s.EntSize : (s.Type == SHT_RELA ? 24 : 16);
            for (int o = s.Offset; o + ent <= s.Offset + s.Size; o += ent)
            {
                relocated.Add((int)(U64(b, o + 8) >> 32));
            }
        }

        var done = new List<string>();
        // Walk Elf64_Verneed { vn_version u16, vn_cnt u16, vn_file u32, vn_aux u32, vn_next u32 }
        //   and its Elf64_Vernaux { vna_hash u32, vna_flags u16, vna_other u16, vna_name u32, vna_next u32 }.
        int vn = verneed.Offset;
        while (true)
        {
            int cnt = U16(b, vn + 2);
            string file = CStr(b, dynstr.Offset + (int)U32(b, vn + 4));
            int va = vn + (int)U32(b, vn + 8);
            for (int k = 0; k < cnt; k++)
            {
                string name = CStr(b, dynstr.Offset + (int)U32(b, va + 8));
                int other = U16(b, va + 6);
                ushort flags = U16(b, va + 4);
                if (wanted.Contains(name) && (flags & VER_FLG_WEAK) == 0)
                {
                    var users = new List<string>();
                    bool bound = false;
                    for (int sym = 0; sym < symCount; sym++)
                    {
                        if ((U16(b, versym.Offset + 2 * sym) & 0x7fff) != other)
                        {
                            continue;
                        }

                        int se = dynsym.Offset + sym * 24;
                        users.Add(CStr(b, sections[(int)dynsym.Link].Offset + (int)U32(b, se)));
                        bound |= relocated.Contains(sym);
                    }

                    if (bound)
                    {
                        messages.Add($"{name} ({file}) is needed by relocated symbol(s) {string.Join(", ", users)}; left as is");
                    }
                    else
                    {
                        W16(b, va + 4, (ushort)(flags | VER_FLG_WEAK));
                        done.Add($"{name}@{file} [{string.Join(", ", users)}]");
                    }
                }

                uint next = U32(b, va + 12);
                if (next == 0)
                {
                    break;
                }

                va += (int)next;
            }

            uint vnNext = U32(b, vn + 12);
            if (vnNext == 0)
            {
                break;
            }

            vn += (int)vnNext;
        }

        return done;
    }

    private sealed class Section
    {
        public uint Type;
        public int Offset;
        public int Size;
        public uint Link;
        public uint Info;
        public int EntSize;
    }

    private static ushort U16(byte[] b, int o) => (ushort)(b[o] | (b[o + 1] << 8));

    private static uint U32(byte[] b, int o) => (uint)(b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24));

    private static ulong U64(byte[] b, int o) => U32(b, o) | ((ulong)U32(b, o + 4) << 32);

    private static void W16(byte[] b, int o, ushort v)
    {
        b[o] = (byte)v;
        b[o + 1] = (byte)(v >> 8);
    }

    private static string CStr(byte[] b, int o)
    {
        int e = o;
        while (b[e] != 0)
        {
            e++;
        }

        return Encoding.ASCII.GetString(b, o, e - o);
    }
}
