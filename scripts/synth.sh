#!/usr/bin/env bash
# Set-up + main job: prepares the toolchain, builds the app and runs `cdk synth` of every stack with cdk-nag.
# Templates and the nag reports (AwsSolutions-*-NagReport.csv) land in cdk.out/. Exits non-zero when the configuration
# is invalid or cdk-nag reports an unsuppressed error. Extra arguments go to `cdk synth` (e.g. -c environment=dev).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$repo_root/scripts/setup.sh"
export PATH="$repo_root/node_modules/.bin:$PATH"
cd "$repo_root"

echo "[synth] building the app"
dotnet build src/KafkaConnectCdk/KafkaConnectCdk.csproj --nologo --verbosity quiet -clp:NoSummary

echo "[synth] cdk synth (cdk-nag AwsSolutions checks on every stack)"
rm -rf cdk.out
# The app was just built; --no-build keeps `dotnet run` from checking it again.
cdk synth --quiet --app "dotnet run --no-build --project src/KafkaConnectCdk/KafkaConnectCdk.csproj" "$@"

# cdk synth already fails on error annotations; the reports are read again so that the summary names every finding.
shopt -s nullglob
reports=(cdk.out/AwsSolutions-*-NagReport.csv)
if (( ${#reports[@]} == 0 )); then
  echo "[synth] error: no cdk-nag report in cdk.out; the compliance checks did not run" >&2
  exit 1
fi
node scripts/nag-summary.js "${reports[@]}"
