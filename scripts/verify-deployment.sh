#!/usr/bin/env bash
# Post-deployment check of one environment, run by the pipeline after each stage with the stage's stack outputs in
# the environment: fails unless Strimzi reported the Kafka Connect cluster Ready.
set -euo pipefail

if [[ "${CONNECT_READY:-}" != "True" ]]; then
  echo "[verify] Kafka Connect is not ready: the Ready condition is '${CONNECT_READY:-<missing>}'." >&2
  exit 1
fi
echo "[verify] Kafka Connect is ready."
