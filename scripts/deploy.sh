#!/usr/bin/env bash
# Deploys one environment from a workstation: checks first, in seconds, that this machine can build the Connect image
# (a container image asset, linux/arm64), then synthesizes with cdk-nag (scripts/synth.sh) and deploys exactly that
# cloud assembly with `cdk deploy --all`.
#   bash scripts/deploy.sh <environment> [cdk deploy options]   # e.g. bash scripts/deploy.sh dev
#   bash scripts/deploy.sh --check                              # the Docker checks only
# Needs: a Docker CLI (or the client named by CDK_DOCKER, as the CDK CLI and cdk-assets use it), a running engine the
# CLI can reach, and BuildKit (the buildx plugin; the default builder of Docker Engine 23 and later). No QEMU/binfmt:
# the Dockerfile runs every command on the build host's platform and only copies files into the arm64 stage.
# Credentials for the environment's account must be in the shell (the CDK CLI reads them as usual).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
docker_cmd="${CDK_DOCKER:-docker}"

fail() {
  echo "[deploy] error: $1" >&2
  echo "[deploy] fix: $2" >&2
  exit 1
}

preflight() {
  command -v "$docker_cmd" >/dev/null 2>&1 ||
    fail "no Docker CLI ('$docker_cmd' is not on PATH); cdk deploy builds the Connect image (connect-image/Dockerfile) with it." \
      "install Docker Engine 23+ or Docker Desktop (or set CDK_DOCKER to a compatible client), then run this again."

  local info
  info="$("$docker_cmd" info --format '{{.ServerVersion}} {{.OSType}}/{{.Architecture}}' 2>&1)" ||
    fail "the Docker CLI cannot reach a Docker engine: ${info//$'\n'/ }" \
      "start the engine (Docker Desktop, or 'sudo systemctl start docker'), and check that your user may use it ('docker info')."
  echo "[deploy] Docker engine $info"

  if [[ "${DOCKER_BUILDKIT:-1}" == "0" ]]; then
    fail "DOCKER_BUILDKIT=0 selects the legacy builder, which cannot build connect-image/Dockerfile (FROM --platform=\$BUILDPLATFORM)." \
      "unset DOCKER_BUILDKIT."
  fi
  local buildx
  buildx="$("$docker_cmd" buildx version 2>&1)" ||
    fail "BuildKit is not available ('$docker_cmd buildx version' failed: ${buildx//$'\n'/ })." \
      "install the Docker buildx plugin (package docker-buildx-plugin; Docker Desktop has it), then run this again."
  echo "[deploy] BuildKit: $buildx"

  # Informational: the image is linux/arm64, but nothing runs on arm64 during the build, so no emulation is needed.
  local platforms
  platforms="$("$docker_cmd" buildx inspect 2>/dev/null | sed -n 's/^Platforms: *//p' | head -n 1)"
  echo "[deploy] builder platforms: ${platforms:-unknown} (the Connect image is linux/arm64; its build runs nothing on arm64, so emulation is not needed)"
}

if [[ "${1:-}" == "--check" ]]; then
  preflight
  echo "[deploy] this machine can build the Connect image"
  exit 0
fi

environment="${1:-}"
if [[ -z "$environment" || "$environment" == -* ]]; then
  echo "usage: bash scripts/deploy.sh <environment> [cdk deploy options] | bash scripts/deploy.sh --check" >&2
  exit 2
fi
shift

preflight
# BuildKit for every build the CDK CLI starts (cdk-assets runs `docker build --platform linux/arm64 ...`).
export DOCKER_BUILDKIT=1

bash "$repo_root/scripts/synth.sh" -c "environment=$environment"
export PATH="$repo_root/node_modules/.bin:$PATH"
cd "$repo_root"
echo "[deploy] cdk deploy --all ($environment), from the cloud assembly just synthesized and checked"
cdk deploy --all --app cdk.out "$@"
