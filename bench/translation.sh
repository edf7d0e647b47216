#!/usr/bin/env bash
# Stream translation throughput, JMH (see TranslationBench): recorded SSE fixtures through
# reader -> translator -> encoder for every upstream x client dialect x scenario, no network.
#   bench/translation.sh [JMH options not in RUN, e.g. -p upstream=gemini -rf json -rff out.json]
#   RUN="-f 1 -wi 1 -w 1s -i 1 -r 1s" bench/translation.sh   # a quick look
# Default run: 36 cases x ~9 s each, about 6 minutes.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/scripts/find-jdk.sh"
cd "$ROOT"
mvn -B -q -o -DskipTests install -pl router -am >/dev/null 2>&1 || mvn -B -q -DskipTests install -pl router -am
mvn -B -q -o test-compile -pl router >/dev/null
mvn -B -q -o -pl router dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
CP="router/target/test-classes:router/target/classes:$(cat router/target/bench-classpath.txt)"
# shellcheck disable=SC2086 # RUN is a list of options
exec "$JAVA_HOME/bin/java" -cp "$CP" org.openjdk.jmh.Main TranslationBench ${RUN:--f 1 -wi 3 -w 1s -i 5 -r 1s} "$@"
