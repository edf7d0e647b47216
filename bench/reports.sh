#!/usr/bin/env bash
# Report latency over many usage rows on PostgreSQL (see ReportBench).
#   bench/reports.sh [rows=10000000]
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
CP="$(bench_classpath cost-engine)"
exec "$JAVA_HOME/bin/java" -cp "$CP" dev.llmgateway.cost.report.ReportBench "${1:-10000000}"
