#!/usr/bin/env bash
# Load through the account pool with one intermittently failing account (see PoolLoadBench).
#   bench/pool-load.sh [requests=4000] [concurrency=16]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/scripts/find-jdk.sh"
cd "$ROOT"
mvn -B -q -o -DskipTests install -pl router -am >/dev/null 2>&1 || mvn -B -q -DskipTests install -pl router -am
mvn -B -q -o test-compile -pl router >/dev/null
mvn -B -q -o -pl router dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
CP="router/target/test-classes:router/target/classes:$(cat router/target/bench-classpath.txt)"
exec "$JAVA_HOME/bin/java" -cp "$CP" dev.llmgateway.router.bench.PoolLoadBench "${1:-4000}" "${2:-16}"
