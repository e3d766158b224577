#!/usr/bin/env bash
# Pushway benchmark (docs/performance.md): starts the local stack (which builds the jars when needed) with the
# bench's settings, runs the scenarios, writes bench/results/<timestamp>.json and .md, and stops the
# stack it started (also on failure or Ctrl-C).
# Usage: bench/run.sh [--runs N] [--scenarios latency,sustained,fanout,publish,replay,catchup,idle] [--quick]
#                     [--jfr SERVICE]   (SERVICE: ingest, delivery-1 or delivery-2; a JFR recording of the run)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
STACK=$ROOT/deploy/local/stack.sh
JAR=$ROOT/bench/target/bench-exec.jar
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
HEARTBEAT=5
RUNS=3 SCALE=full SCENARIOS='' JFR='' STARTED=0

say() { echo "bench: $*"; }
die() { echo "bench: $*" >&2; exit 1; }

while (($#)); do
  case $1 in
    --runs) RUNS=${2:?--runs needs a number}; shift 2 ;;
    --scenarios) SCENARIOS=${2:?--scenarios needs a list}; shift 2 ;;
    --quick) SCALE=quick; shift ;;
    --jfr) JFR=${2:?--jfr needs a service name}; shift 2 ;;
    -h | --help) sed -n '2,8p' "$0"; exit 0 ;;
    *) die "unknown option '$1' (see --help)" ;;
  esac
done

# The stack must be started by us: a running one would not have the bench's settings.
if "$STACK" status | awk 'NR > 1 && $3 == "running"' | grep -q .; then
  die "the local stack is running; stop it first (deploy/local/stack.sh down): the bench starts it with its own settings"
fi

# What the bench lifts (docs/performance.md#what-the-bench-changes), as environment variables the services
# bind (Spring relaxed binding); nothing else differs from a plain `stack.sh up`.
export PUSHWAY_CONNECTIONLIMIT_PERSECOND=100000 PUSHWAY_CONNECTIONLIMIT_BURST=100000 # 10,000 streams from one address
export PUSHWAY_STREAM_HEARTBEAT=${HEARTBEAT}s # several heartbeats within the idle scenario's window
# 10,000 streams take a file descriptor each, in the bench and in the replica that holds them.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || say "could not raise the open-files limit (now $(ulimit -n))"

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [[ -n $JFR ]] && ((STARTED)); then bash "$ROOT/bench/profile.sh" stop "$JFR" || true; fi
  if ((STARTED)); then say "stopping the stack it started"; "$STACK" down || true; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# On JDK 25 or later stack.sh starts each service with an AOT cache, and a service without one records
# it until it stops (docs/performance.md#start-up). Measure start-up and warm-up with the caches: when a
# service is recording, train it with one smoke pass and restart the stack.
recording() {
  local name
  for name in ingest delivery-1 delivery-2; do
    ps -ww -o args= -p "$(cat "$ROOT/.local/run/$name.pid")" 2>/dev/null | grep -q -- '-XX:AOTCacheOutput=' && return 0
  done
  return 1
}
# Every bench starts from empty Kafka and Redis: what earlier runs left (gigabytes after a few full
# benches) would otherwise change the numbers, and a Redis loading it can outlast the stack's start-up wait.
"$STACK" reset
STARTED=1
"$STACK" up # builds every jar, the bench's too, when a main source or a pom is newer than them
if [[ ! -f $JAR ]]; then
  say "building the bench jar… (./mvnw -B -q -pl bench package -DskipTests)"
  (cd "$ROOT" && ./mvnw -B -q -pl bench package -DskipTests)
  touch "$JAR" # dated now, as stack.sh dates the jars it builds
fi
if recording; then
  say "the services are recording their AOT caches: one smoke pass to train them, then a restart"
  "$JAVA" -jar "$JAR" --local "$ROOT/.local" --runs 1 --scale smoke --heartbeat "$HEARTBEAT" \
    --out "$(mktemp -d)" >/dev/null
  "$STACK" down
  "$STACK" up
fi
[[ -z $JFR ]] || bash "$ROOT/bench/profile.sh" start "$JFR"
say "running: scale $SCALE, $RUNS run(s), scenarios ${SCENARIOS:-all}"
"$JAVA" -Xms1g -Xmx2g -jar "$JAR" --local "$ROOT/.local" --runs "$RUNS" --scale "$SCALE" \
  --heartbeat "$HEARTBEAT" --out "$ROOT/bench/results" ${SCENARIOS:+--scenarios "$SCENARIOS"}
