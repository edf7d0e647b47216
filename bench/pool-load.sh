#!/usr/bin/env bash
# Load through the account pool with one intermittently failing account (see PoolLoadBench).
#   bench/pool-load.sh [requests=4000] [concurrency=16]
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
CP="$(bench_classpath router)"
exec "$JAVA_HOME/bin/java" -cp "$CP" dev.llmgateway.router.bench.PoolLoadBench "${1:-4000}" "${2:-16}"
