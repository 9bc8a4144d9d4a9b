#!/usr/bin/env bash
# Rerunnable measurements of the connector registrar: registration of 1 vs 20 connectors against the fake Kafka
# Connect (50 ms per call by default), start-up of the handler, and the zipped deployment package size.
# Usage: benchmarks/registrar.sh [latency-ms]. Whole-process figures: wrap it in `hyperfine` or `/usr/bin/time -v`.
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
publish_dir="$repo_root/artifacts/registrar-publish"
rm -rf "$publish_dir"
dotnet publish "$repo_root/lambda/ConnectorRegistrar" -c Release -r linux-arm64 --self-contained false --nologo -v quiet -o "$publish_dir"
dotnet run --project "$repo_root/benchmarks/RegistrarBenchmark" -c Release -- "${1:-50}" "$publish_dir"
