#!/usr/bin/env bash
# Usage ingestion throughput into PostgreSQL, direct and through RabbitMQ (see IngestionBench).
#   bench/ingestion.sh [events=100000]
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
CP="$(bench_classpath cost-engine)"
exec "$JAVA_HOME/bin/java" -cp "$CP" dev.llmgateway.cost.usage.IngestionBench "${1:-100000}"
