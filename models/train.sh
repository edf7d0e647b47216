#!/usr/bin/env bash
# Trains the classification heads and writes EVAL.md, or only evaluates the shipped heads.
#   models/train.sh train [--data-dir DIR]   # retrain, then evaluate
#   models/train.sh eval  [--data-dir DIR]   # evaluate what is in src/main/resources
# Reads ../shared/data (relative to the repository root) unless --data-dir says otherwise.
set -euo pipefail

module_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root_dir="$(dirname "$module_dir")"

java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}'; }

find_jdk() {
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/javac" && "$(java_major "$JAVA_HOME")" -ge 21 ]]; then
    echo "$JAVA_HOME"; return
  fi
  for jdk in /usr/lib/jvm/*; do
    if [[ -x "$jdk/bin/javac" && "$(java_major "$jdk")" -ge 21 ]]; then echo "$jdk"; return; fi
  done
  echo "no JDK >= 21 found (set JAVA_HOME)" >&2; exit 1
}

export JAVA_HOME="$(find_jdk)"
export DJL_OFFLINE=true
command="${1:-train}"; shift || true

mvn -B -q -f "$root_dir/pom.xml" -pl models -am install -DskipTests
mvn -B -q -f "$root_dir/pom.xml" -pl models dependency:build-classpath \
    -Dmdep.outputFile="$module_dir/target/classpath.txt" -Dmdep.includeScope=compile
"$JAVA_HOME/bin/java" -Doffline=true -Xmx4g ${TRAIN_JAVA_OPTS:-} \
    -cp "$module_dir/target/classes:$(cat "$module_dir/target/classpath.txt")" \
    dev.llmgateway.models.pipeline.PipelineMain "$command" --module-dir "$module_dir" "$@"
