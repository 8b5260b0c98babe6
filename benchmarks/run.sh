#!/usr/bin/env bash
# The whole comparison in one command (about 6 minutes on the 2-core VM):
#   bash benchmarks/run.sh                build, check every layer against the peers and a double reference, BenchmarkDotNet
#                                         (12 Conv2d layers x ConvGen, ConvGen on 2 threads, TorchSharp, ONNX Runtime), then
#                                         results/results.md + results/gflops.png and results/codesize.md
#   bash benchmarks/run.sh --quick        the same on 3 layers
#   bash benchmarks/run.sh --suite nd     the same on the second suite: 15 Conv1d, Conv3d and ConvTranspose2d layers
#                                         (about 10 minutes; results.md gets its own table, results/gflops-nd.png)
#   bash benchmarks/run.sh --suite all    both suites in one run (about 16 minutes); --suite nd --quick: 3 of the 15
#   bash benchmarks/run.sh --suite layers the third suite: MaxPool2d, AvgPool2d, global average pooling, Linear, activations,
#                                         BatchNorm2d (14 layers x ConvGen, TorchSharp, ONNX Runtime; results.md gets its table)
# Only this run's numbers go into the report (older runs stay in results/BenchmarkDotNet.Artifacts/history); a suite
# this run did not measure keeps its table from its own last run (report --latest).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/ConvGen.Benchmarks"
dotnet build -c Release --nologo -v quiet
dotnet run -c Release --no-build -- check "$@"
dotnet run -c Release --no-build -- bench "$@"
dotnet run -c Release --no-build -- report --latest
bash "$here/codesize.sh" > /dev/null
echo "results: $here/results/results.md (a table per suite), $here/results/gflops.png (Conv2d), $here/results/gflops-nd.png (--suite nd), $here/results/codesize.md"
