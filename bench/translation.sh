#!/usr/bin/env bash
# Stream translation throughput, JMH (see TranslationBench): recorded SSE fixtures through
# reader -> translator -> encoder for every upstream x client dialect x scenario, no network.
#   bench/translation.sh [JMH options not in RUN, e.g. -p upstream=gemini -rf json -rff out.json]
#   RUN="-f 1 -wi 1 -w 1s -i 1 -r 1s" bench/translation.sh   # a quick look
# Default run: 36 cases x ~9 s each, about 6 minutes.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
CP="$(bench_classpath router)"
# shellcheck disable=SC2086 # RUN is a list of options
exec "$JAVA_HOME/bin/java" -cp "$CP" org.openjdk.jmh.Main TranslationBench ${RUN:--f 1 -wi 3 -w 1s -i 5 -r 1s} "$@"
