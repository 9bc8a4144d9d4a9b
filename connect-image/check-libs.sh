#!/usr/bin/env bash
# Refuses jars that would put a second copy of an artifact on the Kafka worker classpath.
#   check-libs.sh <kafka-libs-dir> <candidate-dir>
# Compares artifact names (the jar's file name up to the "-<digit>" that starts its version), so
# jackson-databind-2.18.3.jar collides with Kafka's jackson-databind-2.19.2.jar whatever the versions. Exits 1 and
# names every collision; the fix is an <exclusion> in the candidate's pom.xml. Run by the Dockerfile's build stage.
set -euo pipefail

kafka_libs="${1:?usage: check-libs.sh <kafka-libs-dir> <candidate-dir>}"
candidates="${2:?usage: check-libs.sh <kafka-libs-dir> <candidate-dir>}"

artifact() { basename "$1" .jar | sed -E 's/-[0-9].*$//'; }

declare -A shipped=()
for jar in "$kafka_libs"/*.jar; do
  [[ -e "$jar" ]] || { echo "[check-libs] error: no jars in $kafka_libs; is it Kafka's libs directory?" >&2; exit 2; }
  shipped["$(artifact "$jar")"]="$(basename "$jar")"
done

collisions=0
for jar in "$candidates"/*.jar; do
  [[ -e "$jar" ]] || continue
  name="$(artifact "$jar")"
  if [[ -n "${shipped[$name]:-}" ]]; then
    echo "[check-libs] error: $(basename "$jar") duplicates ${shipped[$name]} of the Kafka image; exclude artifact '$name' in the pom.xml that brings it" >&2
    collisions=$((collisions + 1))
  fi
done

if (( collisions > 0 )); then
  exit 1
fi
echo "[check-libs] $(find "$candidates" -maxdepth 1 -name '*.jar' | wc -l) jars, none already in the Kafka image"
