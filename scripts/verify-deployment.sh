#!/usr/bin/env bash
# Post-deployment check of one environment, run by the pipeline after each stage with the stage's stack outputs in
# the environment: fails unless Strimzi reported the Kafka Connect cluster Ready and the registrar saw every connector
# RUNNING (CONNECTOR_STATES is "name=STATE,..." or "none").
set -euo pipefail

if [[ "${CONNECT_READY:-}" != "True" ]]; then
  echo "[verify] Kafka Connect is not ready: the Ready condition is '${CONNECT_READY:-<missing>}'." >&2
  exit 1
fi
echo "[verify] Kafka Connect is ready."

states="${CONNECTOR_STATES:-}"
if [[ -z "$states" ]]; then
  echo "[verify] the connector states output is missing." >&2
  exit 1
fi
if [[ "$states" == "none" ]]; then
  echo "[verify] no connector is configured."
  exit 0
fi
failed=0
IFS=',' read -ra entries <<< "$states"
for entry in "${entries[@]}"; do
  name="${entry%%=*}"
  state="${entry#*=}"
  if [[ "$state" == "RUNNING" ]]; then
    echo "[verify] connector $name is RUNNING."
  else
    echo "[verify] connector $name is $state, not RUNNING." >&2
    failed=1
  fi
done
exit "$failed"
