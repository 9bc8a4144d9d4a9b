#!/usr/bin/env bash
# Runs every test project of the solution. It performs the set-up itself, so it works first on a fresh machine too.
# JUnit reports land in artifacts/test-results/. Extra arguments go to `dotnet test` (e.g. --filter Category=Unit).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$repo_root/scripts/setup.sh"
export PATH="$repo_root/node_modules/.bin:$PATH"
cd "$repo_root"

# A throwaway MariaDB for the database bootstrap's integration tests (installed from Debian when absent).
bash "$repo_root/scripts/mariadb.sh" start
trap 'bash "$repo_root/scripts/mariadb.sh" stop >/dev/null' EXIT

results_dir="$repo_root/artifacts/test-results"
rm -rf "$results_dir"
mkdir -p "$results_dir"

set +e
dotnet test KafkaConnectCdk.sln --nologo \
  --logger "junit;LogFilePath=$results_dir/{assembly}.junit.xml;MethodFormat=Class;FailureBodyFormat=Verbose" \
  "$@" 2>&1 | tee "$results_dir/console.log"
status=${PIPESTATUS[0]}
set -e

# One closing line over all test assemblies.
awk '/^(Passed|Failed)!/ {
       for (i = 1; i <= NF; i++) {
         if ($i == "Failed:") failed += $(i + 1); if ($i == "Passed:") passed += $(i + 1); if ($i == "Skipped:") skipped += $(i + 1)
       }
     }
     END { printf "tests: %d passed, %d failed, %d skipped\n", passed, failed, skipped }' "$results_dir/console.log"
exit "$status"
