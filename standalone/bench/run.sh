#!/usr/bin/env bash
# The all-in-one jar benchmark, one command (docs/benchmarks.md, "All-in-one jar"):
#   standalone/bench/run.sh [--seconds 30] [--rates 2000,3000,4000,5000,6000] [--clients 50] [--batches 1,10,100]
# Builds the jar and the simulators (skip with NO_BUILD=1), starts the simulators and
# `java -Xmx1g -jar standalone/target/rxpush.jar` with EWS and Graph rooms, all on 127.0.0.1, then
# posts Graph notifications for one subscription with hey (Debian: apt-get install hey) at fixed
# offered rates until p99 crosses 50 ms, and in batches of 10 and 100 items per POST. Prints a
# markdown table and writes it to standalone/target/bench/jar-results.md. About 6 minutes.
# Extra JVM options for the jar (e.g. -XX:StartFlightRecording=...) go in JAR_JAVA_OPTS.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ -z "${JAVA_HOME:-}" ] && [ -d /usr/lib/jvm/temurin-25-jdk-amd64 ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
command -v hey >/dev/null || { echo "hey is not installed (Debian/Ubuntu: apt-get install -y hey)" >&2; exit 2; }
if [ -z "${NO_BUILD:-}" ]; then
  ./mvnw -B -q -DskipTests package -pl standalone -am
fi
exec "$JAVA" standalone/bench/JarBench.java "$@"
