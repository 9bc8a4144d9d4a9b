#!/usr/bin/env bash
# Runs the schema gate on every pending migration before it is applied: for each migrations/pending/<table>.*.sql
# (ALTER TABLE statements), against the table's current definition migrations/schema/<table>.sql (CREATE TABLE).
# Fails (exit 1) when a change would be refused by the Glue Schema Registry under SCHEMA_GATE_MODE (default BACKWARD);
# exit 2 on input the gate does not understand. Extra arguments go to every gate run (e.g. --format json).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mode="${SCHEMA_GATE_MODE:-BACKWARD}"
shopt -s nullglob
pending=("$repo_root"/migrations/pending/*.sql)
if (( ${#pending[@]} == 0 )); then
  echo "[schema-gate] no pending migration in migrations/pending/"
  exit 0
fi

dotnet build "$repo_root/src/SchemaGate.Cli" --nologo --verbosity quiet -clp:NoSummary >/dev/null
status=0
for change in "${pending[@]}"; do
  table="$(basename "$change")"
  table="${table%%.*}"
  schema="$repo_root/migrations/schema/$table.sql"
  echo "[schema-gate] $(basename "$change") against migrations/schema/$table.sql ($mode)"
  dotnet run --no-build --project "$repo_root/src/SchemaGate.Cli" -- --table "$schema" --change "$change" --mode "$mode" "$@" || status=$?
done
exit "$status"
