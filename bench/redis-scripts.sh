#!/usr/bin/env bash
# Redis's own cost of the delivery scripts every message runs, measured alone: a scratch redis-server on
# a free port (no persistence), calls pipelined by redis-benchmark. Prints Redis's time per EVALSHA
# (INFO commandstats) of append.lua for a feed at its length cap (every append drops the oldest entry, as
# a busy topic's history does) and for one below it (as an inbox does), and of advance.lua moving
# QUEUED messages to DELIVERED; each the median of --runs runs.
#
#   bench/redis-scripts.sh [--runs N] [--calls N] [--script FILE] [--advance FILE]
#   (defaults: 3 runs of 200,000 calls each, the delivery service's scripts; --script and --advance:
#   another append.lua or advance.lua, to compare; a placeholder __TRANSITIONS__ in it becomes today's
#   transitions string, so an advance.lua from before that string must come rendered already; an advance.lua
#   takes today's arguments: target state, now, then message ids)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=3
calls=200000
scripts=delivery-service/src/main/resources/scripts
script=$scripts/append.lua
advance_script=$scripts/advance.lua
while (($#)); do
  case $1 in
    --runs) runs=$2; shift 2 ;;
    --calls) calls=$2; shift 2 ;;
    --script) script=$2; shift 2 ;;
    --advance) advance_script=$2; shift 2 ;;
    *) echo "usage: $0 [--runs N] [--calls N] [--script FILE] [--advance FILE]" >&2; exit 2 ;;
  esac
done
command -v redis-benchmark >/dev/null || { echo "needs redis-server and redis-benchmark (apt-get install redis-server)" >&2; exit 1; }

# A port nothing listens on, below the kernel's ephemeral range (as the tests pick theirs).
port=$((20000 + RANDOM % 12000))
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((20000 + RANDOM % 12000)); done
dir=$(mktemp -d)
redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --dir "$dir" --daemonize yes \
  --logfile "$dir/redis.log" --pidfile "$dir/redis.pid" >/dev/null
trap 'redis-cli -p "$port" shutdown nosave >/dev/null 2>&1 || true; rm -rf "$dir"' EXIT
for ((i = 0; i < 100; i++)); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done
redis-cli -p "$port" ping >/dev/null 2>&1 || { echo "redis-scripts: redis-server did not start: $(cat "$dir/redis.log")" >&2; exit 1; }
sha=$(redis-cli -p "$port" SCRIPT LOAD "$(cat "$script")")
# advance.lua checks moves against DeliveryState's transitions, rendered by the enum as the service does.
[[ -d shared-model/target/classes ]] || ./mvnw -q -B -pl shared-model compile
echo 'class T { public static void main(String[] a) { System.out.print(io.pushway.model.DeliveryState.luaTransitions()); } }' \
  > "$dir/T.java"
transitions=$(java -cp shared-model/target/classes "$dir/T.java")
advance=$(redis-cli -p "$port" SCRIPT LOAD "$(sed "s/__TRANSITIONS__/$transitions/" "$advance_script")")
for loaded in "$sha" "$advance"; do
  [[ $loaded =~ ^[0-9a-f]{40}$ ]] || { echo "redis-scripts: a script did not load: $loaded" >&2; exit 1; }
done
data='{"id":"01JABCDEFGHJKMNPQRSTVWXYZ0","topic":"bench","payload":{"seq":123456,"sentAt":1795790000000000,"tag":"pub-batch-1"},"priority":"normal","createdAt":"2026-11-27T14:00:00Z","expiresAt":"2026-11-28T14:00:00Z"}'

# append N CAP: N appends of new ids (redis-benchmark's random numbers) to feed {b}, live for a day.
append() {
  local now; now=$(date +%s%3N)
  redis-benchmark -p "$port" -q -r 1000000000 -n "$1" -P 16 -c 4 EVALSHA "$sha" 3 'inbox:{b}' 'seen:{b}' 'state:{b}' \
    id__rand_int__ "$data" "$now" $((now + 86400000)) $((now + 2 * 86400000)) "$2" 'events:{b}' QUEUED >/dev/null
}

# per_call WHAT RESULT_OK: Redis's µs per EVALSHA since the last CONFIG RESETSTAT. Fails, naming WHAT,
# unless all $calls calls succeeded and RESULT_OK (what the calls left in Redis is right) is 1.
per_call() {
  local stats
  stats=$(redis-cli -p "$port" INFO commandstats | tr -d '\r' | grep '^cmdstat_evalsha:')
  if [[ $stats != *"calls=$calls,"*"failed_calls=0" ]] || (($2 != 1)); then
    echo "redis-scripts: the $1 did not all succeed ($stats)" >&2
    exit 1
  fi
  sed 's/.*usec_per_call=\([0-9.]*\).*/\1/' <<<"$stats"
}

# measure PREFILL CAP: µs of Redis time per append over $calls appends to a feed prefilled with PREFILL.
measure() {
  redis-cli -p "$port" FLUSHALL >/dev/null
  append "$1" "$2"
  redis-cli -p "$port" CONFIG RESETSTAT >/dev/null
  append "$calls" "$2"
  local length
  length=$(redis-cli -p "$port" XLEN 'inbox:{b}')
  # Random ids may repeat a few times (a duplicate appends nothing), so below its cap the feed only grew.
  per_call "appends (feed length $length)" $(($2 < $1 ? length == $2 : length > $1))
}

# advances: µs of Redis time per advance over $calls calls, each moving a random one of 2,000 messages
# to DELIVERED (the first call for a message moves it, later ones find it there).
advances() {
  redis-cli -p "$port" FLUSHALL >/dev/null
  for ((m = 0; m < 2000; m++)); do printf 'HSET state:{b} id%012d "e=1-0 QUEUED=1795790000000"\n' "$m"; done \
    | redis-cli -p "$port" >/dev/null
  redis-cli -p "$port" CONFIG RESETSTAT >/dev/null
  redis-benchmark -p "$port" -q -r 2000 -n "$calls" -P 16 -c 4 EVALSHA "$advance" 1 'state:{b}' DELIVERED \
    "$(date +%s%3N)" id__rand_int__ >/dev/null
  local moved
  moved=$(redis-cli -p "$port" HGETALL 'state:{b}' | grep -c ' DELIVERED=' || true)
  per_call "advances ($moved of 2000 moved)" $((moved > 0))
}

median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }

capped=(); below=(); moved=()
for ((i = 1; i <= runs; i++)); do
  capped+=("$(measure 15000 10000)")
  below+=("$(measure 2000 1000000)")
  moved+=("$(advances)")
done
echo "Redis µs per call, $runs run(s) of $calls calls:"
echo "  append.lua ($script)"
echo "    at its cap (10,000):  median $(printf '%s\n' "${capped[@]}" | median)  (runs: ${capped[*]})"
echo "    below its cap:        median $(printf '%s\n' "${below[@]}" | median)  (runs: ${below[*]})"
echo "  advance.lua ($advance_script) to DELIVERED: median $(printf '%s\n' "${moved[@]}" | median)  (runs: ${moved[*]})"
