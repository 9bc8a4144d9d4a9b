#!/usr/bin/env bash
# Operates the connectors of one environment through its connector operations function (IAM-authenticated, no kubectl,
# no open REST API): every request carries your IAM identity and is logged with it.
#   scripts/connector-ops.sh --env prod status
#   scripts/connector-ops.sh --env prod restart-failed <connector>
#   scripts/connector-ops.sh --env prod pause|resume|stop <connector>
#   scripts/connector-ops.sh --env prod snapshot <connector> <database.table> [<database.table> ...]
#   scripts/connector-ops.sh --env prod offsets <connector>
#   scripts/connector-ops.sh --env prod reset-offsets <connector>
#   scripts/connector-ops.sh --env prod alter-offsets <connector> '<{"offsets":[...]}>' | @file.json
# Options: --env NAME (required), --region REGION, --function NAME (default <project>-<env>-connector-ops, the
# project from cdk.json). Needs the AWS CLI v2 and node; the caller needs the <project>-<env>-connector-operators policy.
# Prints the function's JSON answer; exits 2 when the function refused (nothing was changed), 1 on other failures.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
usage() { sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 1; }

environment="" region_args=() function_name=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --env) environment="${2:-}"; shift 2 ;;
    --region) region_args=(--region "${2:-}"); shift 2 ;;
    --function) function_name="${2:-}"; shift 2 ;;
    -h|--help) usage ;;
    --*) echo "unknown option $1" >&2; usage ;;
    *) break ;;
  esac
done
[[ -n "$environment" && $# -ge 1 ]] || usage

command="$1"; shift
case "$command" in
  status) action=status ;;
  restart-failed|pause|resume|stop|reset-offsets) action="$command" ;;
  offsets) action=get-offsets ;;
  snapshot) action=snapshot ;;
  alter-offsets) action=alter-offsets ;;
  *) echo "unknown command $command" >&2; usage ;;
esac

connector=""
if [[ "$action" != status ]]; then
  [[ $# -ge 1 ]] || { echo "$command needs a connector name" >&2; exit 1; }
  connector="$1"; shift
fi
tables=() offsets=""
if [[ "$action" == snapshot ]]; then
  [[ $# -ge 1 ]] || { echo "snapshot needs at least one database.table" >&2; exit 1; }
  tables=("$@")
elif [[ "$action" == alter-offsets ]]; then
  [[ $# -eq 1 ]] || { echo "alter-offsets needs the offsets JSON (or @file), e.g. the previousOffsets a reset printed" >&2; exit 1; }
  offsets="$1"; [[ "$offsets" == @* ]] && offsets="$(cat "${offsets#@}")"
fi

if [[ -z "$function_name" ]]; then
  project="$(node -e 'process.stdout.write(require(process.argv[1]).context.platform.project)' "$repo_root/cdk.json")"
  function_name="$project-$environment-connector-ops"
fi

# Who asks: Lambda passes the function no IAM caller identity, so the caller states it; CloudTrail's Invoke data event
# is the authenticated record of the same call.
requested_by="$(aws sts get-caller-identity "${region_args[@]}" --query Arn --output text)"

payload="$(node -e '
  const [action, connector, requestedBy, offsets, ...tables] = process.argv.slice(1);
  const request = { action, requestedBy };
  if (connector) request.connector = connector;
  if (tables.length) request.tables = tables;
  if (offsets) request.offsets = JSON.parse(offsets);
  process.stdout.write(JSON.stringify(request));
' "$action" "$connector" "$requested_by" "$offsets" "${tables[@]}")"

answer="$(mktemp)"
trap 'rm -f "$answer"' EXIT
aws lambda invoke "${region_args[@]}" --function-name "$function_name" --cli-binary-format raw-in-base64-out \
  --payload "$payload" "$answer" >/dev/null
cat "$answer"; echo
node -e 'const answer = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); process.exit(answer.refused ? 2 : answer.errorMessage ? 1 : 0)' "$answer"
