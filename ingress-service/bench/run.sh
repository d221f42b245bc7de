#!/usr/bin/env bash
# The ingress benchmark, one command (docs/benchmarks.md, "Ingress"):
#   ingress-service/bench/run.sh [--seconds 20] [--rate 2000] [--clients 256] [--mailboxes 256] [--raw-records 300000]
# Starts one Kafka broker in its own JVM, runs Kafka's ProducerPerformance (same record size,
# acks=all), then drives the EWS and Graph endpoints at a fixed rate and at saturation. Prints a
# markdown table and writes it to ingress-service/target/bench/ingress-results.md.
# Extra JVM options (e.g. a profiler) go in BENCH_JAVA_OPTS.
# The first run downloads kafka-tools (Maven profile "bench"); later runs work offline.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ -z "${JAVA_HOME:-}" ] && [ -d /usr/lib/jvm/temurin-25-jdk-amd64 ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
cp_file="$PWD/ingress-service/target/bench/classpath.txt"
mkdir -p ingress-service/target/bench
# -am builds the modules ingress depends on (common, test-support) in the same reactor, so this
# works from a fresh clone without anything installed in the local Maven repository. Every module
# of the reactor writes the class path file; ingress-service comes last, so its own is what stays.
./mvnw -B -q -pl ingress-service -am -Pbench test-compile dependency:build-classpath \
  -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test
exec "$JAVA" -Xmx2g ${BENCH_JAVA_OPTS:-} -cp "ingress-service/target/test-classes:ingress-service/target/classes:$(cat "$cp_file")" \
  rxpush.ingress.bench.IngressBenchmark "$@"
