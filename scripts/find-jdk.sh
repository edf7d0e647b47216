# Sourced by the project's scripts: exports JAVA_HOME pointing at a JDK >= 21 (with javac) and puts
# it first on PATH. Order: $JAVA_HOME, the `java` on PATH, then /usr/lib/jvm/* (newest first).
_llmgw_java_major() { # prints the major version of the java binary $1, or 0
  "$1" -version 2>&1 | awk -F'"' '/version/ { split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]) + 0; exit }' || echo 0
}
_llmgw_ok() { [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] && [ "$(_llmgw_java_major "$1/bin/java")" -ge 21 ]; }
_llmgw_pick() {
  if [ -n "${JAVA_HOME:-}" ] && _llmgw_ok "$JAVA_HOME"; then echo "$JAVA_HOME"; return; fi
  if command -v java >/dev/null 2>&1; then
    local home; home="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
    if _llmgw_ok "$home"; then echo "$home"; return; fi
  fi
  local d
  for d in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sed 's#/$##' | sort -rV); do
    if _llmgw_ok "$d"; then echo "$d"; return; fi
  done
}
_llmgw_home="$(_llmgw_pick)"
if [ -z "$_llmgw_home" ]; then
  echo "no JDK >= 21 found (checked JAVA_HOME, java on PATH and /usr/lib/jvm); install one, e.g. apt-get install openjdk-21-jdk" >&2
  exit 1
fi
export JAVA_HOME="$_llmgw_home"
export PATH="$JAVA_HOME/bin:$PATH"
unset _llmgw_home
