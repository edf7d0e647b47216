#!/usr/bin/env bash
# Stream translation throughput, JMH (see TranslationBench): recorded SSE fixtures through
# reader -> translator -> encoder for every upstream x client dialect x scenario, no network.
#   bench/translation.sh [extra JMH options, e.g. -p upstream=gemini -rf json -rff out.json]
# 36 cases x ~9 s each: about 6 minutes.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/scripts/find-jdk.sh"
cd "$ROOT"
mvn -B -q -o -DskipTests install -pl router -am >/dev/null 2>&1 || mvn -B -q -DskipTests install -pl router -am
mvn -B -q -o test-compile -pl router >/dev/null
mvn -B -q -o -pl router dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
CP="router/target/test-classes:router/target/classes:$(cat router/target/bench-classpath.txt)"
exec "$JAVA_HOME/bin/java" -cp "$CP" org.openjdk.jmh.Main TranslationBench \
  -f 1 -wi 3 -w 1s -i 5 -r 1s -tu s "$@"
