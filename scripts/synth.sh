#!/usr/bin/env bash
# Set-up + main job: prepares the toolchain, builds the app and runs `cdk synth` of every stack with cdk-nag and AWS
# Control Tower's proactive controls (the policy validation plugin). Templates, the nag reports
# (AwsSolutions-*-NagReport.csv) and the policy validation report (validation-report.json) land in cdk.out/. Exits
# non-zero when the configuration is invalid, cdk-nag reports an unsuppressed error, or a production stack breaks a
# Control Tower control without an exception. Extra arguments go to `cdk synth` (e.g. -c environment=dev).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$repo_root/scripts/setup.sh"
export PATH="$repo_root/node_modules/.bin:$PATH"
cd "$repo_root"

echo "[synth] building the app"
dotnet build src/KafkaConnectCdk/KafkaConnectCdk.csproj --nologo --verbosity quiet -clp:NoSummary

echo "[synth] cdk synth (cdk-nag AwsSolutions checks and AWS Control Tower proactive controls on every stack)"
rm -rf cdk.out
# The app was just built; --no-build keeps `dotnet run` from checking it again. A Control Tower violation fails the
# synthesis after CDK printed the report; the summaries below still run so that both rule packs are reported.
synth_status=0
cdk synth --quiet --app "dotnet run --no-build --project src/KafkaConnectCdk/KafkaConnectCdk.csproj" "$@" || synth_status=$?
if [[ ! -f cdk.out/validation-report.json ]]; then
  echo "[synth] error: cdk synth failed before the policy validation ran (exit $synth_status)" >&2
  exit "$((synth_status == 0 ? 1 : synth_status))"
fi

# cdk synth already fails on error annotations; the reports are read again so that the summary names every finding.
shopt -s nullglob
reports=(cdk.out/AwsSolutions-*-NagReport.csv)
if (( ${#reports[@]} == 0 )); then
  echo "[synth] error: no cdk-nag report in cdk.out; the compliance checks did not run" >&2
  exit 1
fi
summary_status=0
node scripts/nag-summary.js "${reports[@]}" || summary_status=1
node scripts/control-tower-summary.js cdk.out/validation-report.json || summary_status=1
if (( synth_status != 0 || summary_status != 0 )); then
  exit 1
fi
