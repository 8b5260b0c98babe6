#!/usr/bin/env bash
# The ConvGen NuGet package as a user meets it (run by .ci/run):
#   1. dotnet pack at the repository root into a temporary folder: exactly the ConvGen package and its symbols;
#   2. a fresh consumer referencing only the package builds, runs, and its layer matches a plain loop;
#   3. a consumer with a mistake in [Conv2d] fails to build with CONV103;
#   4. PublishAot without IlcInstructionSet warns CONV900; the quickstart publishes with NativeAOT (x86-64-v3) and runs;
#   5. ConvGen.Onnx: a consumer referencing only it imports an ONNX model with <ConvGenModel>, builds and runs; a truncated
#      model fails the build with CONV800; the ConvGen.Tool package's `convgen import` writes the same source.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export NUGET_PACKAGES="$work/nuget-cache" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# The machine-wide package folder (if any) stays a fallback for everything but ConvGen.
fail=0
pass() { echo "PASS: $*"; }
bad() { echo "FAIL: $*"; fail=1; }

version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$repo/Directory.Build.props")
(cd "$repo" && dotnet pack -c Release -o "$work/feed") >"$work/pack.log" 2>&1 || { cat "$work/pack.log"; bad "dotnet pack"; exit 1; }
pkg="$work/feed/ConvGen.$version.nupkg"
packed=$(cd "$work/feed" && ls | tr '\n' ' ')
[ "$packed" = "ConvGen.$version.nupkg ConvGen.$version.snupkg ConvGen.Onnx.$version.nupkg ConvGen.Tool.$version.nupkg " ] && pass "root pack makes ConvGen, ConvGen.Onnx and ConvGen.Tool" || bad "root pack made: $packed"
contents=$(unzip -l "$pkg")
for entry in lib/net8.0/ConvGen.Runtime.dll analyzers/dotnet/cs/ConvGen.Generator.dll analyzers/dotnet/cs/ConvGen.CodeFixes.dll build/ConvGen.targets README.md; do
  grep -q " $entry\$" <<<"$contents" && pass "package contains $entry" || bad "package lacks $entry"
done
[ -f "$work/feed/ConvGen.$version.snupkg" ] && pass "symbols package" || bad "no .snupkg"
contents=$(unzip -l "$work/feed/ConvGen.Onnx.$version.nupkg")
for entry in lib/net8.0/ConvGen.Onnx.dll build/ConvGen.Onnx.targets tools/importer/ConvGen.Onnx.Tool.dll tools/importer/Google.Protobuf.dll; do
  grep -q " $entry\$" <<<"$contents" && pass "ConvGen.Onnx contains $entry" || bad "ConvGen.Onnx lacks $entry"
done

# Consumers: the local feed first, then the configured sources for everything else (xunit-free console apps).
default_sources=$(dotnet nuget list source --format short 2>/dev/null | awk '$1 ~ /^E/ {print $2}')
new_consumer() { # dir, Program.cs body
  mkdir -p "$1"
  {
    echo '<?xml version="1.0" encoding="utf-8"?><configuration><packageSources><clear/>'
    echo "<add key=\"local\" value=\"$work/feed\" />"
    i=0; for s in $default_sources; do echo "<add key=\"s$i\" value=\"$s\" />"; i=$((i+1)); done
    echo '</packageSources></configuration>'
  } >"$1/nuget.config"
  cat >"$1/Consumer.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable></PropertyGroup>
  <ItemGroup><PackageReference Include="ConvGen" Version="$version" /></ItemGroup>
</Project>
XML
  printf '%s\n' "$2" >"$1/Program.cs"
}

new_consumer "$work/good" '
using System;
using ConvGen;

var rng = new Random(7);
float[] Rand(int n) { var a = new float[n]; for (int i = 0; i < n; i++) a[i] = (float)(rng.NextDouble() * 2 - 1); return a; }
const int H = 13, W = 17;
float[] x = Rand(Edge.InChannels * H * W), w = Rand(Edge.WeightLength), b = Rand(Edge.OutChannels);
var y = new float[Edge.OutChannels * Edge.GetOutputHeight(H) * Edge.GetOutputWidth(W)];
var edge = new Edge(w, b);
edge.Forward(x, y, 1, H, W);
// Plain loop: nn.Conv2d(6, 4, 3, padding=1, groups=2, padding_mode="replicate").
int oh = Edge.GetOutputHeight(H), ow = Edge.GetOutputWidth(W); double err = 0;
for (int o = 0; o < 4; o++) for (int i = 0; i < oh; i++) for (int j = 0; j < ow; j++)
{
    double s = b[o]; int g = o / 2;
    for (int c = 0; c < 3; c++) for (int u = 0; u < 3; u++) for (int v = 0; v < 3; v++)
    {
        int r = Math.Clamp(i + u - 1, 0, H - 1), q = Math.Clamp(j + v - 1, 0, W - 1);
        s += w[((o * 3 + c) * 3 + u) * 3 + v] * x[((g * 3 + c) * H + r) * W + q];
    }
    double d = Math.Abs(s - y[(o * oh + i) * ow + j]); if (d > err) err = d;
}
Console.WriteLine($"Edge {edge.Parameters}: output (4, {oh}, {ow}), max |error| {err:E2}");
Console.WriteLine(err < 1e-4 ? "OK" : "MISMATCH");
return err < 1e-4 ? 0 : 1;

[Conv2d(6, 4, 3, Padding = 1, Groups = 2, PaddingMode = PaddingMode.Replicate)]
public partial class Edge;
'
if out=$(cd "$work/good" && dotnet run -c Release 2>&1) && grep -q "^OK$" <<<"$out"; then
  pass "consumer referencing only the package builds, runs and matches a plain loop"
else
  echo "$out" | tail -20; bad "consumer of the package"
fi

new_consumer "$work/mistake" '
using ConvGen;
System.Console.WriteLine("should not build");

[Conv2d(3, 10, 3, Groups = 3)]
public partial class Wrong;
'
if out=$(cd "$work/mistake" && dotnet build -c Release 2>&1); then
  bad "a consumer with [Conv2d(3, 10, 3, Groups = 3)] built"
elif grep -q "error CONV103" <<<"$out"; then
  pass "[Conv2d(3, 10, 3, Groups = 3)] fails the build with CONV103"
else
  echo "$out" | tail -20; bad "the build failed without CONV103"
fi

if out=$(cd "$work/good" && dotnet build -c Release -p:PublishAot=true 2>&1) && grep -q "warning CONV900" <<<"$out"; then
  pass "PublishAot without IlcInstructionSet warns CONV900"
else
  echo "$out" | tail -20; bad "no CONV900 for PublishAot without IlcInstructionSet"
fi
if out=$(cd "$work/good" && dotnet build -c Release -p:PublishAot=true -p:IlcInstructionSet=x86-64-v3 2>&1) && ! grep -q "CONV900" <<<"$out"; then
  pass "no CONV900 with IlcInstructionSet"
else
  echo "$out" | tail -20; bad "CONV900 with IlcInstructionSet set, or the build failed"
fi

# NativeAOT: the quickstart (project references, imports the same targets) publishes without warnings and runs.
if out=$(dotnet publish "$repo/samples/Quickstart" -c Release -p:PublishAot=true -o "$work/aot" 2>&1); then
  if grep -qE "warning (IL|CONV)[0-9]+" <<<"$out"; then
    grep -E "warning (IL|CONV)" <<<"$out" | head; bad "AOT publish of the quickstart has warnings"
  elif run=$("$work/aot/Quickstart" 2>&1) && grep -q "OK" <<<"$run" && ! grep -qi "mismatch\|fail" <<<"$run"; then
    pass "quickstart publishes with NativeAOT ($(du -k "$work/aot/Quickstart" | cut -f1) KiB) and runs: $(tail -1 <<<"$run")"
  else
    echo "$run" | tail -10; bad "the NativeAOT quickstart did not print OK"
  fi
else
  echo "$out" | tail -20; bad "AOT publish of the quickstart"
fi

# ConvGen.Onnx: an ONNX model written by tools/ConvGen.OnnxModels (built by the solution build before this script).
models="$repo/tools/ConvGen.OnnxModels/bin/Release/net8.0/ConvGen.OnnxModels.dll"
if dotnet exec "$models" "$work/models" >/dev/null 2>&1; then
  onnx_consumer() { # dir, model file
    new_consumer "$1" '
using System;
var net = new Consumer.Net(System.IO.Path.Combine(AppContext.BaseDirectory, "model.onnx"));
var x = new float[2 * Consumer.Net.InputLength];
for (int i = 0; i < x.Length; i++) x[i] = (float)Math.Sin(i * 0.01);
var y = new float[2 * Consumer.Net.OutputLength];
net.Forward(x, y, 2);
bool ok = Array.TrueForAll(y, float.IsFinite) && Array.Exists(y, v => v != 0);
Console.WriteLine($"Net: {Consumer.Net.InputLength} → {Consumer.Net.OutputLength}, first logit {y[0]:F4}");
Console.WriteLine(ok ? "OK" : "MISMATCH");
return ok ? 0 : 1;
'
    cp "$2" "$1/model.onnx"
    sed -i "s|<PackageReference Include=\"ConvGen\" Version=\"$version\" />|<PackageReference Include=\"ConvGen.Onnx\" Version=\"$version\" /><ConvGenModel Include=\"model.onnx\" ClassName=\"Net\" /><None Include=\"model.onnx\" CopyToOutputDirectory=\"PreserveNewest\" />|" "$1/Consumer.csproj"
  }
  onnx_consumer "$work/onnx" "$work/models/mobilenet_v3_style.onnx"
  if out=$(cd "$work/onnx" && dotnet run -c Release 2>&1) && grep -q "^OK$" <<<"$out"; then
    pass "a consumer of ConvGen.Onnx imports a model with ConvGenModel, builds and runs: $(grep '^Net:' <<<"$out")"
  else
    echo "$out" | tail -20; bad "consumer of ConvGen.Onnx"
  fi
  generated="$work/onnx/obj/Release/net10.0/ConvGenModels/Net.g.cs"
  before=$(date -r "$generated" +%s%N 2>/dev/null || echo none)
  sleep 1
  if (cd "$work/onnx" && dotnet build -c Release >/dev/null 2>&1) && [ "$(date -r "$generated" +%s%N)" = "$before" ]; then
    pass "an unchanged model is not imported again (the second build keeps Net.g.cs)"
  else
    bad "the second build re-imported the unchanged model (or failed)"
  fi
  onnx_consumer "$work/onnx-bad" "$work/models/mobilenet_v3_style.onnx"
  head -c 5000 "$work/models/mobilenet_v3_style.onnx" >"$work/onnx-bad/model.onnx"
  if out=$(cd "$work/onnx-bad" && dotnet build -c Release 2>&1); then
    bad "a consumer with a truncated model built"
  elif grep -q "model.onnx : error CONV800" <<<"$out"; then
    pass "a truncated model fails the build with CONV800 on the model"
  else
    echo "$out" | tail -20; bad "the build failed without CONV800"
  fi
  if dotnet tool install ConvGen.Tool --version "$version" --tool-path "$work/tool" --add-source "$work/feed" >"$work/tool.log" 2>&1 &&
     (cd "$work/onnx" && "$work/tool/convgen" import model.onnx --class-name Net --namespace Consumer --output "$work/Net.cs" >/dev/null) &&
     diff -q "$work/Net.cs" "$work/onnx/obj/Release/net10.0/ConvGenModels/Net.g.cs" >/dev/null; then
    pass "dotnet tool ConvGen.Tool: convgen import writes the source the build item generates"
  else
    cat "$work/tool.log" | tail -5; bad "convgen import (ConvGen.Tool)"
  fi
else
  bad "tools/ConvGen.OnnxModels did not write the models (is the solution built?)"
fi

[ "$fail" = 0 ] && echo "package tests: all passed" || echo "package tests: FAILED"
exit "$fail"
