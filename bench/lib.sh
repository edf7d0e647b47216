# Shared by the bench scripts (source it): finds a JDK >= 21, goes to the repository root, and
# defines bench_classpath MODULE, which builds MODULE with what it needs and prints the class path
# of its test classes (benchmarks live in test scope so they never ship).
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=../scripts/find-jdk.sh
. "$ROOT/scripts/find-jdk.sh"
cd "$ROOT"

bench_classpath() {
  local module="$1"
  mvn -B -q -o -DskipTests install -pl "$module" -am >/dev/null 2>&1 || mvn -B -q -DskipTests install -pl "$module" -am >&2
  mvn -B -q -o test-compile -pl "$module" >/dev/null
  mvn -B -q -o -pl "$module" dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
  echo "$module/target/test-classes:$module/target/classes:$(cat "$module/target/bench-classpath.txt")"
}
