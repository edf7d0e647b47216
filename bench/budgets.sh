#!/usr/bin/env bash
# What budgets cost a request on PostgreSQL (see BudgetBench).
#   bench/budgets.sh [threads=8] [seconds=10]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/scripts/find-jdk.sh"
cd "$ROOT"
mvn -B -q -o -DskipTests install -pl cost-engine -am >/dev/null 2>&1 || mvn -B -q -DskipTests install -pl cost-engine -am
mvn -B -q -o test-compile -pl cost-engine >/dev/null
mvn -B -q -o -pl cost-engine dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
CP="cost-engine/target/test-classes:cost-engine/target/classes:$(cat cost-engine/target/bench-classpath.txt)"
exec "$JAVA_HOME/bin/java" -cp "$CP" dev.llmgateway.cost.budget.BudgetBench "${1:-8}" "${2:-10}"
