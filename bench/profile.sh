#!/usr/bin/env bash
# JFR profile of a running local-stack service, for finding where time goes (docs/performance.md#profiling).
# Usage: bench/profile.sh SERVICE [SECONDS]   records SECONDS (default 60) and writes the file when done
#        bench/profile.sh start SERVICE | stop SERVICE   records from start until stop (bench/run.sh --jfr)
# SERVICE: ingest, delivery-1 or delivery-2. Files: bench/results/<service>-<time>.jfr (jfr print / JMC).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=$ROOT/bench/results
JCMD=${JAVA_HOME:+$JAVA_HOME/bin/}jcmd

die() { echo "profile: $*" >&2; exit 1; }
pid_of() {
  local pid
  pid=$(cat "$ROOT/.local/run/$1.pid" 2>/dev/null) || die "$1 is not running (no $ROOT/.local/run/$1.pid)"
  [[ $(ps -o args= -p "$pid" 2>/dev/null) == *java* ]] || die "$1 (pid $pid) is not running"
  echo "$pid"
}

mkdir -p "$OUT"
case ${1:-} in
  start)
    pid=$(pid_of "${2:?usage: profile.sh start SERVICE}") file=$OUT/$2-$(date -u +%Y%m%dT%H%M%SZ).jfr
    "$JCMD" "$pid" JFR.start name=bench settings=profile "filename=$file" >/dev/null
    echo "profile: recording $2 (pid $pid) until 'profile.sh stop $2'; file $file" ;;
  stop)
    pid=$(pid_of "${2:?usage: profile.sh stop SERVICE}")
    "$JCMD" "$pid" JFR.stop name=bench | sed 's/^/profile: /' ;;
  ingest | delivery-*)
    pid=$(pid_of "$1") seconds=${2:-60} file=$OUT/$1-$(date -u +%Y%m%dT%H%M%SZ).jfr
    "$JCMD" "$pid" JFR.start name=bench settings=profile "duration=${seconds}s" "filename=$file" >/dev/null
    echo "profile: recording $1 (pid $pid) for $seconds s; the file appears when it ends: $file" ;;
  *) sed -n '2,5p' "$0"; exit 2 ;;
esac
