#!/usr/bin/env bash
# Redraws docs/architecture.svg (and its source docs/architecture.dot) from the synthesized app: run it after
# `bash scripts/synth.sh` whenever a stack, a construct or a dependency between stacks changes. The Unit test
# test/KafkaConnectCdk.Tests/Delivery/ArchitectureDiagramTests.cs fails while the committed files are stale.
# Arguments: the cloud assembly (default cdk.out) and the stage to draw (default dev).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$repo_root/node_modules/.bin:$PATH"
cd "$repo_root"

assembly="${1:-cdk.out}"
stage="${2:-dev}"
if [[ ! -f "$assembly/tree.json" ]]; then
  echo "[architecture] error: $assembly/tree.json not found; run bash scripts/synth.sh first" >&2
  exit 1
fi
if [[ ! -d node_modules/@hpcc-js/wasm-graphviz ]]; then
  echo "[architecture] error: node_modules/@hpcc-js/wasm-graphviz not found; run bash scripts/setup.sh first" >&2
  exit 1
fi
node scripts/architecture.mjs "$assembly" docs "$stage"
