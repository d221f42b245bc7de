#!/usr/bin/env bash
# subscription-service benchmark (docs/benchmarks.md, "Subscription service"); not part of verify.
# Usage: subscription-service/benchmark.sh [mailboxes] [graph requests per second] [concurrency]
# The whole output goes to subscription-service/target/benchmark.log; the summary is printed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
MAILBOXES=${1:-100000}
BUDGET=${2:-500}
CONCURRENCY=${3:-32}
mkdir -p subscription-service/target
./mvnw -B -o -pl subscription-service test -Dtest=SubscriptionBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -DargLine="-Xmx4g -Dbench.mailboxes=$MAILBOXES -Dbench.graphPerSecond=$BUDGET -Dbench.concurrency=$CONCURRENCY" \
  > subscription-service/target/benchmark.log 2>&1 || { tail -50 subscription-service/target/benchmark.log; exit 1; }
sed -n '/==== subscription-service benchmark ====/,/^$/p' subscription-service/target/benchmark.log
