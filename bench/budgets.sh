#!/usr/bin/env bash
# What budgets cost a request on PostgreSQL (see BudgetBench).
#   bench/budgets.sh [threads=8] [seconds=10]
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
CP="$(bench_classpath cost-engine)"
exec "$JAVA_HOME/bin/java" -cp "$CP" dev.llmgateway.cost.budget.BudgetBench "${1:-8}" "${2:-10}"
