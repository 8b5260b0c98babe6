#!/usr/bin/env bash
# Generated source lines and JIT-compiled kernel code size for each benchmark layer -> results/codesize.md.
#   bash benchmarks/codesize.sh        (about a minute: one Release build with the generated files kept, one `time` run of
#                                       ConvGen's layers of both suites)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
proj="$here/ConvGen.Benchmarks"
gen="$proj/obj/codesize-generated"
jit="$(mktemp)"
trap 'rm -f "$jit"' EXIT

dotnet build "$proj" -c Release --no-incremental -p:EmitCompilerGeneratedFiles=true -p:CompilerGeneratedFilesOutputPath="$gen" >/dev/null
# Run every ConvGen layer (the 12 Conv2d layers and the Conv1d/Conv3d/ConvTranspose2d suite) long enough to reach fully
# optimised code and record what the JIT emitted.
DOTNET_JitStdOutFile="$jit" DOTNET_JitDisasmSummary=1 dotnet "$proj/bin/Release/net10.0/ConvGen.Benchmarks.dll" time --suite all --libraries ConvGen >/dev/null 2>&1

{
  echo "# Generated code size per layer"
  echo
  echo "- generated: $(date -u '+%Y-%m-%d %H:%M UTC'), CPU: $(lscpu | sed -n 's/^Model name: *//p' | head -1)"
  echo "- lines: the layer's generated file (public API + Vector512, Vector256, Vector128 and scalar kernels)"
  echo "- JIT bytes: machine code of the kernel methods (Full + Remainder and their last-step tails, + Plane for depthwise layers) of the instruction set this machine runs, at their final tier; for a transposed layer its phase kernels (one stride-1 convolution per output phase)"
  echo
  echo "| layer | generated lines | generated KiB | JIT bytes (kernels run here) |"
  echo "|---|---:|---:|---:|"
  for f in $(find "$gen" -name '*.g.cs' | sort); do
    cls=$(basename "$f" .g.cs); cls=${cls##*.}
    lines=$(wc -l < "$f"); kib=$(( $(wc -c < "$f") / 1024 ))
    # Last (final-tier) compilation of each kernel method of this layer (kernel types: <class>_K... for a convolution,
    # <class>_T... for a transposed one).
    # (layers of the `layers` suite, ConvGenOpLayers.cs, have no convolution kernel: their JIT column shows —)
    bytes=$( { grep -E "__${cls}_[KT][^:]*:(Full|Remainder|Plane)(Tail[0-9]+)?\(" "$jit" || true; } | { grep -v "IConv2dKernel\." || true; } \
      | sed -E 's/.*__([A-Za-z0-9_]+):((Full|Remainder|Plane)(Tail[0-9]+)?)\(.*code size=([0-9]+)\].*/\1 \2 \5/' \
      | awk '{k=$1" "$2; v[k]=$3} END {s=0; for (k in v) s+=v[k]; print s}')
    [ "$bytes" = "0" ] && bytes="—"
    echo "| $cls | $lines | $kib | $bytes |"
  done
} > "$here/results/codesize.md"
cat "$here/results/codesize.md"
