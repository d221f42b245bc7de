#!/usr/bin/env bash
# The docker-compose stack end to end, as an operator runs it (.ci/run runs this after the build):
#   1. the demo (deploy/demo.env: the simulators, the three-broker overlay) comes up and turns healthy;
#   2. six rooms are registered through the CLI container, three EWS and three Graph, and every one
#      gets an ACTIVE subscription at the Exchange simulator;
#   3. the simulator's workload changes bookings; the forwarders go from 1 to 3 and ingress from 1
#      to 2 behind lb (--scale), the forwarders with 3 distinct Kafka client ids;
#   4. one forwarder and one broker are killed (docker kill, SIGKILL) mid-stream; the script times
#      the takeover of the dead forwarder's partitions, then starts both again and times the
#      broker's return to every ISR (docker kill counts as a manual stop: no restart policy applies);
#   5. the workload stops; a time window is replayed through the CLI container (replay);
#   6. the ResourceXpress simulator's verify must report zero missing, stale, duplicate-applied and
#      extra bookings against Exchange's truth.
# It prints what it did with timings (also in target/compose-e2e/summary.txt), keeps every
# container's log in target/compose-e2e/logs, and tears everything down (containers, networks,
# volumes) whatever the outcome.
#
# Needs: a Docker engine with the images (rxpush/* from Jib; the base images, or their offline
# stand-ins from deploy/images/stand-ins.sh), docker-compose 1.29+ or the compose v2 plugin, curl, jq.
# Environment: E2E_STREAM_SECONDS (default 60, workload time before and after the kills),
# E2E_RATE (changes per second, default 2), E2E_CONVERGE_SECONDS (default 300), E2E_COMPOSE (the
# compose command, default `docker compose` when the plugin is there, else `docker-compose`).
set -euo pipefail
cd "$(dirname "$0")/.."

STREAM=${E2E_STREAM_SECONDS:-60}
RATE=${E2E_RATE:-2}
CONVERGE=${E2E_CONVERGE_SECONDS:-300}
OUT=target/compose-e2e
rm -rf "$OUT" && mkdir -p "$OUT/logs"
SUMMARY=$OUT/summary.txt
: > "$SUMMARY"

# The demo's settings, in a project of its own so that nothing of an operator's stack is touched.
# Variables set here win over the env file (compose's precedence); small JVMs, C1 only: the CI
# machine runs 13 JVMs on 2 cores.
export COMPOSE_PROJECT_NAME=rxpush-e2e
export RXPUSH_JAVA_OPTIONS=${RXPUSH_JAVA_OPTIONS:--Xmx256m -Xss512k -XX:+UseSerialGC -XX:TieredStopAtLevel=1}
export KAFKA_HEAP_OPTS=${KAFKA_HEAP_OPTS:--Xmx384m -Xms384m}
export KAFKA_JVM_PERFORMANCE_OPTS=${KAFKA_JVM_PERFORMANCE_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.awt.headless=true}
export RXPUSH_PUBLIC_PORT=${RXPUSH_PUBLIC_PORT:-18080}
EXCHANGE=http://127.0.0.1:9080
RX=http://127.0.0.1:9090

if [ -n "${E2E_COMPOSE:-}" ]; then read -r -a COMPOSE <<< "$E2E_COMPOSE"
elif docker compose version > /dev/null 2>&1; then COMPOSE=(docker compose); else COMPOSE=(docker-compose); fi
dc() { "${COMPOSE[@]}" --env-file deploy/demo.env "$@"; }
cli() { dc run --rm -T cli "$@" 2> >(grep -v '^Picked up JAVA_TOOL_OPTIONS' >&2); }

T0=$(date +%s)
say() { local line; line="[compose-e2e +$(( $(date +%s) - T0 ))s] $*"; echo "$line" >&2; echo "$line" >> "$SUMMARY"; }
fail() { say "FAILED: $*"; exit 1; }
now_iso() { date -u +%Y-%m-%dT%H:%M:%SZ; }

containers() { # $1 = service: ids of its running containers
  docker ps -q --filter "label=com.docker.compose.project=$COMPOSE_PROJECT_NAME" \
    --filter "label=com.docker.compose.service=$1"
}
kafka_tool() { # runs a Kafka command-line tool in the first broker's container
  local tool=$1; shift
  docker exec "$(containers kafka | head -1)" "/opt/kafka/bin/$tool" --bootstrap-server kafka:9092 "$@" 2>/dev/null
}
health() { docker inspect -f '{{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}' "$1" 2>/dev/null || echo gone; }
all_healthy() { # every container of the project healthy (or running when it has no healthcheck)
  local id state
  for id in $(docker ps -aq --filter "label=com.docker.compose.project=$COMPOSE_PROJECT_NAME"); do
    state=$(health "$id")
    [ "$state" = healthy ] || [ "$state" = running ] || return 1
  done
}
wait_for() { # $1 = seconds, $2 = what, rest = command; prints the seconds it took
  local limit=$1 what=$2 start; shift 2
  start=$(date +%s)
  until "$@"; do
    [ $(( $(date +%s) - start )) -lt "$limit" ] || fail "$what not reached within ${limit}s"
    sleep 2
  done
  echo $(( $(date +%s) - start ))
}

teardown() {
  local rc=$?
  for id in $(docker ps -aq --filter "label=com.docker.compose.project=$COMPOSE_PROJECT_NAME"); do
    docker logs "$id" > "$OUT/logs/$(docker inspect -f '{{.Name}}' "$id" | tr -d /).log" 2>&1 || true
  done
  # Profiles named on the command line replace COMPOSE_PROFILES: name every one the run used.
  dc --profile demo --profile cli down -v --remove-orphans > "$OUT/down.log" 2>&1 || true
  local label="label=com.docker.compose.project=$COMPOSE_PROJECT_NAME"
  docker ps -aq --filter "$label" | xargs -r docker rm -f > /dev/null 2>&1 || true
  docker network ls -q --filter "$label" | xargs -r docker network rm > /dev/null 2>&1 || true
  docker volume ls -q --filter "$label" | xargs -r docker volume rm > /dev/null 2>&1 || true
  local left
  left=$(( $(docker ps -aq --filter "$label" | wc -l) + $(docker volume ls -q --filter "$label" | wc -l) ))
  [ "$left" -eq 0 ] || say "WARNING: $left containers or volumes of $COMPOSE_PROJECT_NAME left behind"
  say "torn down (containers, networks, volumes); logs in $OUT/logs"
  [ $rc -eq 0 ] && say "PASSED in $(( $(date +%s) - T0 ))s" || say "exit $rc after $(( $(date +%s) - T0 ))s"
}
trap teardown EXIT

ROOMS_EWS=(room-1@demo.contoso.com room-2@demo.contoso.com room-3@demo.contoso.com)
ROOMS_GRAPH=(room-4@demo.contoso.com room-5@demo.contoso.com room-6@demo.contoso.com)

say "compose: ${COMPOSE[*]} ($("${COMPOSE[@]}" version --short 2>/dev/null || "${COMPOSE[@]}" version | head -1))"
dc config -q || fail "the compose file does not validate"
dc --profile demo --profile cli down -v --remove-orphans > /dev/null 2>&1 || true

say "up: demo profile on the three-broker cluster (kafka, kafka-2, kafka-3), lb, ingress, 2 subscription, 1 forwarder"
up_at=$(date +%s)
dc up -d > "$OUT/up.log" 2>&1 || { cat "$OUT/up.log"; fail "compose up"; }
wait_for 600 "every container healthy" all_healthy > /dev/null
say "all $(docker ps -q --filter "label=com.docker.compose.project=$COMPOSE_PROJECT_NAME" | wc -l) containers healthy $(( $(date +%s) - up_at ))s after 'up'"

for room in "${ROOMS_EWS[@]}"; do cli mailboxes add "$room" --protocol EWS > /dev/null || fail "mailboxes add $room"; done
for room in "${ROOMS_GRAPH[@]}"; do cli mailboxes add "$room" --protocol GRAPH > /dev/null || fail "mailboxes add $room"; done
say "registered 3 EWS and 3 Graph rooms with 'cli mailboxes add'"
active_subscriptions() {
  curl -sf "$EXCHANGE/sim/subscriptions" | jq '[.ews[], .graph[]] | map(select(.state == "ACTIVE")) | length'
}
six_active() { [ "$(active_subscriptions)" -ge 6 ]; }
took=$(wait_for 300 "6 ACTIVE subscriptions at Exchange" six_active)
say "6 subscriptions ACTIVE at the Exchange simulator (3 EWS push, 3 Graph webhooks through lb) after ${took}s"
cli status -o json > "$OUT/status.txt" || fail "cli status"
listed=$(grep -o '"address":"room-[0-9]@demo.contoso.com"' "$OUT/status.txt" | sort -u | wc -l)
[ "$listed" -eq 6 ] || fail "cli status lists $listed of the 6 mailboxes (see $OUT/status.txt)"
say "cli status lists all 6 mailboxes over both subscription replicas (in $OUT/status.txt)"

WINDOW_FROM=$(now_iso)
curl -sf -X POST "$EXCHANGE/sim/workload/start?rate=$RATE" > /dev/null || fail "workload start"
say "workload started: $RATE booking changes per second over the six rooms"
sleep $(( STREAM / 3 ))

dc up -d --no-recreate --scale forwarder=3 --scale ingress=2 > "$OUT/scale.log" 2>&1 || { cat "$OUT/scale.log"; fail "scale"; }
scaled() { [ "$(containers forwarder | wc -l)" -eq 3 ] && [ "$(containers ingress | wc -l)" -eq 2 ] && all_healthy; }
took=$(wait_for 300 "3 healthy forwarders and 2 healthy ingress replicas" scaled)
say "scaled to 3 forwarders and 2 ingress replicas behind lb (--scale forwarder=3 --scale ingress=2), healthy after ${took}s"
three_members() {
  kafka_tool kafka-consumer-groups.sh --describe --group rxpush-forwarder --members \
    | awk 'NR > 1 && $1 == "rxpush-forwarder" {print $4}' | sort -u > "$OUT/forwarder-client-ids.txt" || return 1
  [ "$(wc -l < "$OUT/forwarder-client-ids.txt")" -eq 3 ]
}
took=$(wait_for 120 "3 forwarder group members with distinct client ids" three_members)
say "group rxpush-forwarder: 3 members, 3 distinct client ids ($(tr '\n' ' ' < "$OUT/forwarder-client-ids.txt"))"
sleep $(( STREAM / 3 ))

victim_forwarder=$(containers forwarder | head -1)
victim_ip=$(docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}' "$victim_forwarder")
victim_broker=$(containers kafka-2 | head -1)
docker kill "$victim_forwarder" > /dev/null
docker kill "$victim_broker" > /dev/null
killed_at=$(date +%s)
say "killed forwarder $(docker inspect -f '{{.Name}}' "$victim_forwarder" | tr -d /) and broker kafka-2 (docker kill: SIGKILL) mid-stream"
# The killed forwarder's partitions are taken over when the group has fenced it: every partition of
# rxpush.notifications has an owner again and none is on the dead container's address.
taken_over() {
  local rows
  rows=$(kafka_tool kafka-consumer-groups.sh --describe --group rxpush-forwarder \
    | awk '$2 == "rxpush.notifications" {print $7, $8}') || return 1
  [ -n "$rows" ] || return 1
  ! grep -q '^- ' <<< "$rows" || return 1
  local ip
  for ip in $victim_ip; do ! grep -q "/$ip\$" <<< "$rows" || return 1; done
}
took=$(wait_for 300 "the killed forwarder's partitions taken over" taken_over)
say "the 2 remaining forwarders own every notification partition $(( $(date +%s) - killed_at ))s after the kill"
sleep $(( STREAM / 3 ))

docker start "$victim_forwarder" "$victim_broker" > /dev/null
restarted_at=$(date +%s)
say "started the killed forwarder and broker again (docker start)"
back_healthy() { [ "$(health "$1")" = healthy ]; }
took=$(wait_for 300 "the restarted forwarder healthy" back_healthy "$victim_forwarder")
say "forwarder healthy ${took}s after its start"
no_under_replicated() {
  local out
  out=$(kafka_tool kafka-topics.sh --describe --under-replicated-partitions) || return 1
  [ -z "$out" ]
}
wait_for 300 "kafka-2 healthy" back_healthy "$victim_broker" > /dev/null
wait_for 300 "no under-replicated partition" no_under_replicated > /dev/null
say "kafka-2 back in every ISR (no under-replicated partition) $(( $(date +%s) - restarted_at ))s after its start"
sleep $(( STREAM / 3 ))

last=$(curl -sf -X POST "$EXCHANGE/sim/workload/stop" | jq .lastSequence)
stopped_at=$(date +%s)
WINDOW_TO=$(now_iso)
say "workload stopped after $last changes"

replay_out=$(cli replay --from "$WINDOW_FROM" --to "$WINDOW_TO" 2>&1) || { echo "$replay_out"; fail "replay"; }
echo "$replay_out" > "$OUT/replay.txt"
say "replayed $WINDOW_FROM .. $WINDOW_TO through the CLI container: $(grep '^replay: read' "$OUT/replay.txt" | tail -1)"

verify_counts() {
  curl -sf -X POST "$RX/sim/verify" | tee "$OUT/verify.json" \
    | jq -r '"missing \(.missing|length), stale \(.stale|length), duplicate-applied \(.duplicateApplied|length), extra \(.extra|length) (\(.truthBookings) bookings in Exchange, \(.rxBookings) at RX)"'
}
clean() { verify_counts | grep -q '^missing 0, stale 0, duplicate-applied 0, extra 0 '; }
took=$(wait_for "$CONVERGE" "RX equal to Exchange (verify: $(verify_counts))" clean)
say "verify: $(verify_counts); converged ${took}s after the replay, $(( $(date +%s) - stopped_at ))s after the workload stopped"
