#!/usr/bin/env bash
# rx-push as local processes: a 3-broker KRaft Kafka cluster, ingress/subscription/forwarder
# instances and both simulators, each its own JVM on 127.0.0.1. `scripts/local-stack.sh --help`.
#
# The implementation is Java (system-tests, rxpush.systemtests.rig): this script builds it, finds a
# JDK and runs rxpush.systemtests.rig.LocalStackCli, the same code the system tests call through
# LocalStack, so the two share one definition of the topology (Topology.java).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MODULE="$ROOT/system-tests"
USAGE="$MODULE/src/main/resources/rig/local-stack-usage.txt"
CLASSPATH_FILE="$MODULE/target/rig/runtime.classpath"
RUN_DIR="$ROOT/target/local-stack"
BUILD=1
PASS=()

while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help|help) cat "$USAGE"; exit 0 ;;
    --no-build) BUILD=0; shift ;;
    --run-dir)
      [ $# -ge 2 ] || { echo "local-stack: --run-dir needs a directory" >&2; exit 2; }
      RUN_DIR=$(mkdir -p "$2" && cd "$2" && pwd); shift 2 ;;
    --*) echo "local-stack: unknown option $1 (see --help)" >&2; exit 2 ;;
    *) break ;;
  esac
done
[ $# -gt 0 ] || { cat "$USAGE"; exit 0; }
COMMAND=$1

java_major() {
  "$1" -XshowSettings:properties -version 2>&1 \
    | awk -F'= ' '/java.specification.version/ {print $2}' | cut -d. -f1
}

# JAVA_HOME if it is a JDK >= 21, else the java on PATH if it is, else the newest under /usr/lib/jvm.
pick_java() {
  local candidate best="" best_major=0 major
  for candidate in "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java || true)"; do
    [ -n "$candidate" ] && [ -x "$candidate" ] || continue
    if [ "$(java_major "$candidate")" -ge 21 ] 2>/dev/null; then echo "$candidate"; return 0; fi
  done
  for candidate in /usr/lib/jvm/*/bin/java; do
    [ -x "$candidate" ] || continue
    major=$(java_major "$candidate")
    if [ "${major:-0}" -ge 21 ] && [ "$major" -gt "$best_major" ]; then best=$candidate; best_major=$major; fi
  done
  [ -n "$best" ] && { echo "$best"; return 0; }
  echo "local-stack: needs a JDK >= 21 (set JAVA_HOME)" >&2
  return 1
}
JAVA=$(pick_java)

run_cli() {
  "$JAVA" -Xmx128m -XX:TieredStopAtLevel=1 -Dlogback.configurationFile="$MODULE/target/classes/rig/logback-cli.xml" \
    -cp "$MODULE/target/classes:$(cat "$CLASSPATH_FILE")" \
    rxpush.systemtests.rig.LocalStackCli --run-dir "$RUN_DIR" "$@"
}

if [ "$COMMAND" = up ] && [ "$BUILD" = 1 ]; then
  # A running stack holds the jars open that the build rewrites: stop it first.
  if [ -f "$RUN_DIR/stack.properties" ] && [ -f "$CLASSPATH_FILE" ]; then
    run_cli down || true
  fi
  mkdir -p "$RUN_DIR"
  BUILD_LOG="$ROOT/target/local-stack-build.log"
  echo "building the services, simulators and rig (log: $BUILD_LOG) ..."
  if ! (cd "$ROOT" && JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$JAVA")")") \
        ./mvnw -B -pl system-tests -am package -DskipTests >"$BUILD_LOG" 2>&1); then
    tail -40 "$BUILD_LOG" >&2
    echo "local-stack: build failed (full log: $BUILD_LOG)" >&2
    exit 1
  fi
fi

if [ ! -f "$CLASSPATH_FILE" ] || [ ! -d "$MODULE/target/classes" ]; then
  echo "local-stack: the rig is not built yet; run 'scripts/local-stack.sh up' without --no-build" >&2
  exit 1
fi
run_cli "$@"
