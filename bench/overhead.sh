#!/usr/bin/env bash
# Gateway overhead benchmark: runs the shared harness (../shared/bench/run.sh) with this gateway
# as target "ours" next to direct, nginx and Portkey. Needs root for apt (nginx-light, wrk) and
# npm for Portkey the first time (the harness's setup.sh installs them). All traffic is loopback.
#   bench/overhead.sh                 # direct nginx portkey ours
#   bench/overhead.sh direct nginx    # a subset ("ours" is always added)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
HARNESS="${HARNESS:-$ROOT/../shared/bench}"
[ -x "$HARNESS/run.sh" ] || { echo "the shared benchmark harness is not at $HARNESS" >&2; exit 1; }
# shellcheck source=../scripts/find-jdk.sh
. "$ROOT/scripts/find-jdk.sh"
[ -f "$ROOT/router/target/llm-gateway.jar" ] || (cd "$ROOT" && mvn -B -q -DskipTests -pl router -am install)
export OURS_URL="http://127.0.0.1:18090"
export OURS_HEADERS="Authorization: Bearer bench-key"
# run.sh exports MOCK_URL to this command and pins it to the proxy cpu like the other proxies.
export OURS_CMD="env LLMGW_ROUTER_PROVIDERS_MOCK_BASE_URI=\$MOCK_URL/v1 $JAVA_HOME/bin/java ${BENCH_JAVA_OPTS:-} -jar $ROOT/router/target/llm-gateway.jar server --config $HERE/gateway-bench.yaml"
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(direct nginx portkey)
cd "$HARNESS"
exec ./run.sh "${targets[@]}" ours
