#!/usr/bin/env bash
# Guards the worker classpath (/opt/kafka/libs) of the Connect image. Run by the Dockerfile's build stage.
#   check-libs.sh <kafka-libs-dir> <candidate-dir> [required-artifact ...]
# 1. Refuses a candidate jar that would be a second copy of an artifact Kafka's image already has (two
#    jackson-databind on one classpath: whichever comes first wins). Exit 1, naming every collision; the fix is an
#    <exclusion> in the candidate's pom.xml.
# 2. Refuses the image when an artifact the candidates were built to take from Kafka (an <exclusion> in the pom, named
#    as a required artifact) is not in Kafka's libs: the exclusion would otherwise become a NoClassDefFoundError at
#    run time. Exit 1, naming it; the fix is to drop that exclusion.
# Artifacts are compared by file name without the version: the version is the last "-<digit>..." segment, followed
# only by classifiers (-linux-aarch_64) or a numeric build suffix (zstd-jni-1.5.6-6), so log4j-1.2-api-2.25.4.jar is
# the artifact log4j-1.2-api. File names carry no group id: two artifacts of the same name in different groups are
# reported as a collision; the message says so, so that the exclusion is checked before it is added.
set -euo pipefail

kafka_libs="${1:?usage: check-libs.sh <kafka-libs-dir> <candidate-dir> [required-artifact ...]}"
candidates="${2:?usage: check-libs.sh <kafka-libs-dir> <candidate-dir> [required-artifact ...]}"
shift 2
required=("$@")

artifact() { basename "$1" .jar | sed -E 's/-[0-9][^-]*(-[A-Za-z][^-]*|-[0-9]+)*$//'; }

declare -A shipped=()
for jar in "$kafka_libs"/*.jar; do
  [[ -e "$jar" ]] || { echo "[check-libs] error: no jars in $kafka_libs; is it Kafka's libs directory?" >&2; exit 2; }
  shipped["$(artifact "$jar")"]="$(basename "$jar")"
done

problems=0
for jar in "$candidates"/*.jar; do
  [[ -e "$jar" ]] || continue
  name="$(artifact "$jar")"
  if [[ -n "${shipped[$name]:-}" ]]; then
    echo "[check-libs] error: $(basename "$jar") duplicates ${shipped[$name]} of the Kafka image; exclude artifact '$name' in the pom.xml that brings it (check first that both jars are the same group's artifact)" >&2
    problems=$((problems + 1))
  fi
done

for name in "${required[@]}"; do
  if [[ -z "${shipped[$name]:-}" ]]; then
    echo "[check-libs] error: '$name' is excluded from the candidates to be taken from the Kafka image, but the Kafka image has no $name jar; remove its <exclusion> from the pom.xml" >&2
    problems=$((problems + 1))
  fi
done

if (( problems > 0 )); then
  exit 1
fi
echo "[check-libs] $(find "$candidates" -maxdepth 1 -name '*.jar' | wc -l) jars, none already in the Kafka image; ${#required[@]} taken from it, all present"
