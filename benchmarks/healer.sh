#!/usr/bin/env bash
# Rerunnable measurements of the connector healer: one run over 1 and 50 healthy or failed connectors against the fake
# Kafka Connect (50 ms per call by default), start-up, and the zipped deployment package size.
# Usage: benchmarks/healer.sh [latency-ms]. Whole-process figures: wrap it in `hyperfine` or `/usr/bin/time -v`.
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
publish_dir="$repo_root/artifacts/healer-publish"
rm -rf "$publish_dir"
dotnet publish "$repo_root/lambda/ConnectorHealer" -c Release -r linux-arm64 --self-contained false --nologo -v quiet -o "$publish_dir"
dotnet run --project "$repo_root/benchmarks/HealerBenchmark" -c Release -- "${1:-50}" "$publish_dir"
