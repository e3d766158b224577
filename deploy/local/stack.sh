#!/usr/bin/env bash
# Local Pushway stack: Kafka (KRaft) :19092, Redis :16379, ingest :8443, delivery :9443 and :9444;
# with --lb also HAProxy (deploy/haproxy/haproxy.cfg) in front of them: https://localhost:8440.
# Usage: stack.sh up [--lb] | down | status | reset | logs [NAME] | token SUBJECT [SCOPE...] | redis-cli [ARG...]
# (see README.md)
# All state lives in <repo>/.local. Only processes named by .local/run/*.pid, whose command line
# is still ours, are ever stopped. A failed `up` stops everything it found or started.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE=$ROOT/deploy/local
LOCAL=$ROOT/.local
RUN=$LOCAL/run LOGS=$LOCAL/logs SECRETS=$LOCAL/secrets
BROKER=$ROOT/deploy/kafka-broker
BROKER_LIB=$BROKER/target/lib
INGEST_JAR=$ROOT/ingest-service/target/ingest-service.jar
DELIVERY_JAR=$ROOT/delivery-service/target/delivery-service.jar
KAFKA_PORT=19092 CONTROLLER_PORT=19093 REDIS_PORT=16379 LB_PORT=8440 LB_STATS_PORT=8441
LB_CONFIG=$ROOT/deploy/haproxy/haproxy.cfg
TOPICS=(push.messages.v1 push.messages.v1.DLT)
SERVICES=(ingest delivery-1 delivery-2)
ALL=(kafka redis "${SERVICES[@]}" haproxy)
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
APP=$LOCAL/app

say() { echo "stack: $*"; }
die() { echo "stack: $*" >&2; exit 1; }
now_ms() { local t=${EPOCHREALTIME:-$SECONDS.000000}; t=${t//[!0-9]/}; echo $((10#$t / 1000)); }
elapsed() { local ms=$(($(now_ms) - START_MS)); printf '%d.%d s' $((ms / 1000)) $((ms % 1000 / 100)); }

# Component table: ports (main port first; then the controller or management port) and, in
# signature(), what the command line of our process contains.
# shellcheck disable=SC2034 # read via ${!v}
PORTS_kafka="$KAFKA_PORT $CONTROLLER_PORT" PORTS_redis=$REDIS_PORT \
  PORTS_ingest="8443 8081" PORTS_delivery_1="9443 9081" PORTS_delivery_2="9444 9082" \
  PORTS_haproxy="$LB_PORT $LB_STATS_PORT"
ports() { local v=PORTS_${1//-/_}; [[ -n ${!v:-} ]] && echo "${!v}"; }
signature() {
  case $1 in
    kafka) echo "$LOCAL/kafka/broker.properties" ;; redis) echo redis-server ;;
    haproxy) echo "$LB_CONFIG" ;;
    *) echo "-service.jar --server.port=$(ports "$1" | cut -d' ' -f1)" ;; # the built or the extracted jar
  esac
}

# True while process $1 exists and is not a zombie (reads /proc without forking where it exists).
alive() {
  local stat
  if [[ -d /proc/$$ ]]; then
    read -r stat 2>/dev/null </proc/"$1"/stat || return 1
    stat=${stat##*) }
  else
    stat=$(ps -o stat= -p "$1" 2>/dev/null) || return 1
  fi
  [[ -n ${stat// /} && $stat != [ZX]* ]]
}
# Prints the pid of NAME if its pid file names a live process whose command line is still ours.
pid_of() {
  local pid args
  pid=$(cat "$RUN/$1.pid" 2>/dev/null) && [[ $pid =~ ^[0-9]+$ ]] && alive "$pid" || return 1
  args=$(ps -ww -o args= -p "$pid" 2>/dev/null) && [[ $args == *"$(signature "$1")"* ]] || return 1
  echo "$pid"
}
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
ready() {
  case $1 in
    kafka) port_open "$KAFKA_PORT" ;;
    redis) [[ $(redis_cli ping 2>/dev/null) == PONG ]] ;;
    haproxy) curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$LB_STATS_PORT/lb-health" 2>/dev/null ;;
    *) local v=PORTS_${1//-/_} port; port=${!v#* }
       port_open "$port" && curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$port/actuator/health/readiness" 2>/dev/null ;;
  esac
}
show_log() { echo "stack: $2; last 30 lines of $LOGS/$1.log:" >&2; tail -n 30 "$LOGS/$1.log" >&2 || true; }

# Fails when a port of NAME, which is not running, is taken by a process we did not start.
ports_free() {
  local p
  pid_of "$1" >/dev/null && return
  for p in $(ports "$1"); do
    ! port_open "$p" || die "port $p (for $1) is taken by a process stack.sh did not start; free it (ss -ltnp 'sport = :$p')"
  done
}
# Returns 0 when NAME already runs; otherwise clears a stale pid file and checks NAME's ports.
running_or_ports_free() {
  local pid
  if pid=$(pid_of "$1"); then say "$1 already running (pid $pid)"; return 0; fi
  rm -f "$RUN/$1.pid"
  ports_free "$1"
  return 1
}

start_bg() {
  local name=$1; shift
  [[ ! -f $LOGS/$name.log ]] || mv -f "$LOGS/$name.log" "$LOGS/$name.log.1"
  nohup "$@" >"$LOGS/$name.log" 2>&1 </dev/null &
  echo $! >"$RUN/$name.pid"
  say "started $name (pid $!), log $LOGS/$name.log"
}

# Polls (0.2 s) until every NAME is ready; fails at once if one exits, or after TIMEOUT seconds.
wait_ready() {
  local timeout=$1 deadline=$((SECONDS + $1)) name pid left; shift
  while (($#)); do
    left=()
    for name; do
      if ready "$name"; then say "$name ready (+$(elapsed))"
      elif ! read -r pid 2>/dev/null <"$RUN/$name.pid" || ! alive "$pid"; then show_log "$name" "$name exited while starting"; return 1
      else left+=("$name"); fi
    done
    if ((${#left[@]} && SECONDS >= deadline)); then
      for name in "${left[@]}"; do show_log "$name" "$name not ready after $timeout s"; done
      return 1
    fi
    set -- ${left[@]+"${left[@]}"}
    (($# == 0)) || sleep 0.2
  done
}

need_tools() {
  command -v "$JAVA" >/dev/null || die "java not found: install a JDK 17+ (e.g. sudo apt-get install openjdk-17-jdk-headless) or set JAVA_HOME"
  command -v openssl >/dev/null || die "openssl not found: install it (e.g. sudo apt-get install openssl)"
  command -v curl >/dev/null || die "curl not found: install it (e.g. sudo apt-get install curl)"
  { command -v redis-server && command -v redis-cli; } >/dev/null || install_package redis-server
  ((!WITH_LB)) || [[ -n $(haproxy_bin) ]] || install_package haproxy
}
haproxy_bin() { PATH=$PATH:/usr/sbin command -v haproxy || true; }
# Installs a Debian package as root; stops the system service apt may start (we run our own process).
install_package() {
  if ((EUID != 0)) || ! command -v apt-get >/dev/null; then
    die "$1 not found: install $1, e.g. sudo apt-get install $1"
  fi
  say "installing $1 (apt-get, log $LOGS/apt.log)"
  apt-get install -y "$1" >"$LOGS/apt.log" 2>&1 ||
    { apt-get update && apt-get install -y "$1"; } >>"$LOGS/apt.log" 2>&1 ||
    die "apt-get install $1 failed; see $LOGS/apt.log"
  if [[ $1 == haproxy ]]; then
    { systemctl disable --now haproxy || service haproxy stop; } >>"$LOGS/apt.log" 2>&1 || true
  fi
}

jars_exist() { [[ -f $INGEST_JAR && -f $DELIVERY_JAR ]] && compgen -G "$BROKER_LIB/kafka_2.13-*.jar" >/dev/null; }
# Prints the first main source file or pom.xml newer than the oldest artifact (tests are not in the jars).
newer_source() {
  local oldest=$INGEST_JAR f
  for f in "$DELIVERY_JAR" "$BROKER_LIB"; do [[ $f -nt $oldest ]] || oldest=$f; done
  find "$ROOT" \( -name .git -o -name .local -o -name target -o -name node_modules \) -prune -o \
    -type f \( -path '*/src/main/*' -o -name pom.xml \) -newer "$oldest" -print -quit
}
build_jars() {
  local changed=
  if jars_exist; then
    [[ ${PUSHWAY_SKIP_BUILD:-0} == 0 ]] || { say "PUSHWAY_SKIP_BUILD set: using the existing jars"; return; }
    changed=$(newer_source)
    [[ -n $changed ]] || { say "jars are up to date"; return; }
    say "${changed#"$ROOT"/} is newer than the jars"
  fi
  say "building jars… (./mvnw -B -q -DskipTests package)"
  (cd "$ROOT" && ./mvnw -B -q -DskipTests package)
  jars_exist || die "the build did not produce $INGEST_JAR, $DELIVERY_JAR and $BROKER_LIB"
  # The build dates each jar to the reproducible timestamp (2026-01-01): date them all now, the bench's
  # too, or the next `up` (or bench/run.sh) sees them older than their sources and builds again.
  find "$ROOT" \( -name .git -o -name .local -o -name node_modules \) -prune -o -path '*/target/*.jar' -exec touch {} +
  touch "$BROKER_LIB"
}

kafka_tool() { "$JAVA" -cp "$BROKER_LIB/*" "$@"; }
start_kafka() {
  local data=$LOCAL/kafka/data props=$LOCAL/kafka/broker.properties cid
  running_or_ports_free kafka && return
  mkdir -p "$data"
  sed -e "s|@PORT@|$KAFKA_PORT|g" -e "s|@CONTROLLER_PORT@|$CONTROLLER_PORT|g" -e "s|@LOG_DIR@|$data|g" \
    "$BROKER/broker.properties" >"$props"
  if [[ ! -f $data/meta.properties ]]; then
    [[ -s $LOCAL/kafka/cluster.id ]] || kafka_tool kafka.tools.StorageTool random-uuid >"$LOCAL/kafka/cluster.id"
    cid=$(<"$LOCAL/kafka/cluster.id")
    say "formatting $data (cluster id $cid)"
    kafka_tool kafka.tools.StorageTool format -t "$cid" -c "$props" --ignore-formatted >"$LOGS/kafka-format.log" 2>&1 ||
      { show_log kafka-format "formatting Kafka storage failed"; return 1; }
  fi
  start_bg kafka "$JAVA" -Xms256m -Xmx512m "-Dlog4j2.configurationFile=$BROKER/log4j2.properties" \
    -cp "$BROKER_LIB/*" kafka.Kafka "$props"
}
# Redis as in production: TLS only (the local CA's server certificate) and an ACL user "pushway" with
# a generated password; the default user is off. The password lives in $SECRETS, one file per
# property, where the services read it (pushway.secrets-dir), and in redis.conf (mode 600).
redis_password() {
  local file=$SECRETS/spring.data.redis.password
  if [[ ! -s $file ]]; then
    (umask 077; mkdir -p "$SECRETS"; openssl rand -hex 24 >"$file")
    say "generated the Redis password in ${file#"$ROOT"/}" >&2
  fi
  cat "$file"
}
redis_cli() {
  REDISCLI_AUTH=$(<"$SECRETS/spring.data.redis.password") redis-cli --tls --cacert "$LOCAL/tls/ca.pem" \
    -h 127.0.0.1 -p "$REDIS_PORT" --user pushway --no-auth-warning "$@"
}
start_redis() {
  running_or_ports_free redis && return
  local conf=$LOCAL/redis/redis.conf password
  password=$(redis_password)
  mkdir -p "$LOCAL/redis"
  (umask 077; cat >"$conf" <<EOF
bind 127.0.0.1
port 0
tls-port $REDIS_PORT
tls-cert-file $LOCAL/tls/server.pem
tls-key-file $LOCAL/tls/server-key.pem
tls-ca-cert-file $LOCAL/tls/ca.pem
tls-auth-clients no
user default off ~* &* +@all
user pushway on >$password ~* &* +@all
dir $LOCAL/redis
appendonly yes
appendfsync everysec
save ""
daemonize no
EOF
  )
  start_bg redis redis-server "$conf"
}
create_topics() {
  local topic out
  for topic in "${TOPICS[@]}"; do
    out=$(kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "127.0.0.1:$KAFKA_PORT" --create \
      --if-not-exists --topic "$topic" --partitions 12 --replication-factor 1 2>&1) || { echo "$out" >&2; return 1; }
    if [[ $out == *"Created topic"* ]]; then say "created topic $topic (12 partitions)"; else say "topic $topic exists"; fi
  done
}
# How a service's JVM runs its jar (docs/performance.md#start-up). On JDK 25 or later: from the jar
# extracted into .local/app/<jar name>/ (class data cannot be cached from nested jars), with an AOT
# cache per service beside it, NAME.aot (JEP 483/514/515: classes loaded and linked, method
# profiles). A start without a cache records one, written when the service stops (a few seconds
# more at `down`); the next start loads it and is ready in about half the time. A rebuilt jar
# starts over. Older JDKs run the jar as it is.
launch() {
  local name=$1 jar=$2 dir=$APP/$(basename "$2" .jar)
  LAUNCH=(-jar "$jar")
  java_feature
  ((JAVA_FEATURE >= 25)) || return 0
  if [[ ! -f $dir/.extracted || $jar -nt $dir/.extracted ]]; then
    rm -rf "$dir"
    "$JAVA" -Djarmode=tools -jar "$jar" extract --destination "$dir" >"$LOGS/$name.extract.log" 2>&1 ||
      { show_log "$name.extract" "could not extract $jar"; return 1; }
    touch "$dir/.extracted"
  fi
  if [[ -s $dir/$name.aot ]]; then
    LAUNCH=("-XX:AOTCache=$dir/$name.aot" -jar "$dir/$(basename "$jar")")
  else
    LAUNCH=("-XX:AOTCacheOutput=$dir/$name.aot" -jar "$dir/$(basename "$jar")")
  fi
}
# The JDK's feature release (17, 25, …), asked once per run (it starts a JVM).
java_feature() {
  [[ -n ${JAVA_FEATURE:-} ]] || JAVA_FEATURE=$("$JAVA" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p')
  JAVA_FEATURE=${JAVA_FEATURE:-0}
}
# A service's heap is fixed at its maximum (-Xms = -Xmx, as the images do with InitialRAMPercentage): a heap
# that starts small stays small under load, and G1 then collects its young generation about three times as
# often and marks the old one all the time (docs/performance.md, ninth session).
start_service() {
  local name=$1 jar=$2 p
  if running_or_ports_free "$name"; then
    [[ ! $jar -nt $RUN/$name.pid ]] || say "note: $name runs an older build; restart it: stack.sh down && stack.sh up"
    return
  fi
  read -r -a p <<<"$(ports "$name")"
  mkdir -p "$APP"
  launch "$name" "$jar"
  start_bg "$name" "$JAVA" -Xms512m -Xmx512m "${LAUNCH[@]}" "--server.port=${p[0]}" "--management.server.port=${p[1]}" \
    "--pushway.tls.certificate=file:$LOCAL/tls/server.pem" \
    "--pushway.tls.private-key=file:$LOCAL/tls/server-key.pem" \
    "--spring.security.oauth2.resourceserver.jwt.public-key-location=file:$LOCAL/jwt/public.pem" \
    --spring.data.redis.host=127.0.0.1 "--spring.data.redis.port=$REDIS_PORT" --spring.data.redis.username=pushway \
    --spring.data.redis.ssl.bundle=redis "--spring.ssl.bundle.pem.redis.truststore.certificate=file:$LOCAL/tls/ca.pem" \
    "--pushway.secrets-dir=$SECRETS" \
    "--spring.kafka.bootstrap-servers=127.0.0.1:$KAFKA_PORT" \
    --pushway.forwarded.trusted-proxies=127.0.0.1 --pushway.shutdown.drain-delay=3s \
    --server.address=127.0.0.1 --spring.profiles.active=local
}
# HAProxy in front of the services, with the same config file as compose and the system tests.
start_haproxy() {
  running_or_ports_free haproxy && return
  (umask 077; cat "$LOCAL/tls/server.pem" "$LOCAL/tls/server-key.pem" >"$LOCAL/tls/lb.pem")
  start_bg haproxy env PUSHWAY_LB_PORT=$LB_PORT PUSHWAY_LB_STATS_PORT=$LB_STATS_PORT \
    "PUSHWAY_LB_CERT=$LOCAL/tls/lb.pem" "PUSHWAY_LB_CA=$LOCAL/tls/ca.pem" \
    PUSHWAY_INGEST_1=127.0.0.1:8443 PUSHWAY_INGEST_1_CHECK=8081 \
    PUSHWAY_DELIVERY_1=127.0.0.1:9443 PUSHWAY_DELIVERY_1_CHECK=9081 \
    PUSHWAY_DELIVERY_2=127.0.0.1:9444 PUSHWAY_DELIVERY_2_CHECK=9082 \
    "$(haproxy_bin)" -db -f "$LB_CONFIG"
}

summary() {
  local ca pub alice
  ca=$(printf %q "$LOCAL/tls/ca.pem")
  pub=$(bash "$HERE/token.sh" "$LOCAL" demo-backend push.publish push.status)
  alice=$(bash "$HERE/token.sh" "$LOCAL" alice push.subscribe)
  cat <<EOF

Pushway local stack is up ($(elapsed) since 'up' began)
  ingest    https://localhost:8443   (management http://127.0.0.1:8081/actuator)
  delivery  https://localhost:9443 and https://localhost:9444   (management :9081, :9082)
  kafka     127.0.0.1:$KAFKA_PORT
  redis     127.0.0.1:$REDIS_PORT   (TLS, user pushway; deploy/local/stack.sh redis-cli [ARG...])
  CA        $LOCAL/tls/ca.pem
  logs      $LOGS   (deploy/local/stack.sh logs [name])
EOF
  ((!WITH_LB)) || cat <<EOF
  HAProxy   https://localhost:$LB_PORT   (front door for both services; stats http://127.0.0.1:$LB_STATS_PORT/stats)
EOF
  cat <<EOF
Tokens below expire in 1 h; more with: deploy/local/stack.sh token SUBJECT SCOPE...

# publish as demo-backend (scopes push.publish push.status); the answer holds the message id
curl --cacert $ca -H "Authorization: Bearer $pub" -H 'Content-Type: application/json' -d '{"recipients":["alice"],"payload":{"text":"hello"}}' https://localhost:8443/api/v1/messages

# stream as alice (scope push.subscribe), e.g. in a second terminal
curl -N --cacert $ca -H "Authorization: Bearer $alice" https://localhost:9443/api/v1/stream

# delivery status of a message
curl --cacert $ca -H "Authorization: Bearer $pub" https://localhost:8443/api/v1/messages/<id>
EOF
}

on_up_exit() {
  local rc=$?
  ((rc != 0)) || return 0
  trap - EXIT
  echo "stack: up failed at step '$STEP' (exit $rc); stopping everything" >&2
  down >&2 || true
  exit "$rc"
}
step() { STEP=$1; say "== $1"; }

up() {
  local name wanted=(kafka redis "${SERVICES[@]}")
  WITH_LB=0
  case ${1:-} in --lb) WITH_LB=1 wanted+=(haproxy) ;; '') ;; *) die "usage: stack.sh up [--lb]" ;; esac
  START_MS=$(now_ms) STEP=starting
  mkdir -p "$RUN" "$LOGS"
  trap on_up_exit EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  step "check tools and ports"; need_tools
  for name in "${wanted[@]}"; do ports_free "$name"; done
  step "build jars"; build_jars
  step "keys and certificates"; bash "$HERE/pki.sh" "$LOCAL"
  step "kafka and redis"; start_kafka; start_redis; wait_ready 60 kafka redis
  step "topics"; create_topics
  step "services"
  # One after another: three JVMs starting at once on a small machine each take three times as long.
  start_service ingest "$INGEST_JAR"; wait_ready 90 ingest
  start_service delivery-1 "$DELIVERY_JAR"; wait_ready 90 delivery-1
  start_service delivery-2 "$DELIVERY_JAR"; wait_ready 90 delivery-2
  if ((WITH_LB)); then step "load balancer"; start_haproxy; wait_ready 30 haproxy; fi
  step "summary"; summary
  trap - EXIT INT TERM
}

# Sends TERM to every NAME at once, waits up to 60 s for all (a service writing its AOT cache takes
# a while), then KILLs what is left.
stop_group() {
  local name pid pids=() names=() i deadline=$((SECONDS + 60))
  for name; do
    [[ -f $RUN/$name.pid ]] || continue
    if pid=$(pid_of "$name"); then
      kill -TERM "$pid" 2>/dev/null || true
      pids+=("$pid") names+=("$name")
    else
      say "$name not running (removed stale pid file)"; rm -f "$RUN/$name.pid"
    fi
  done
  for i in "${!pids[@]}"; do
    while alive "${pids[i]}" && ((SECONDS < deadline)); do sleep 0.2; done
    if alive "${pids[i]}"; then
      kill -KILL "${pids[i]}" 2>/dev/null || true
      say "stopped ${names[i]} (pid ${pids[i]}, killed after 60 s)"
    else
      say "stopped ${names[i]} (pid ${pids[i]})"
    fi
    rm -f "$RUN/${names[i]}.pid"
    STOPPED=1
  done
}
down() {
  STOPPED=0
  stop_group haproxy
  stop_group delivery-2 delivery-1 ingest
  stop_group kafka
  stop_group redis
  ((STOPPED)) || say "nothing running"
}

# Empties Kafka's and Redis's data (every message, inbox and state) while the stack is down; keys,
# certificates, the Redis password and the AOT caches stay.
reset() {
  local name
  for name in "${ALL[@]}"; do
    ! pid_of "$name" >/dev/null || die "$name is running; stop the stack first (stack.sh down)"
  done
  rm -rf "$LOCAL/kafka/data" "$LOCAL/redis/appendonlydir" "$LOCAL/redis/dump.rdb"
  say "emptied Kafka's and Redis's data in ${LOCAL#"$ROOT"/}"
}

status() {
  local name pid state health port
  printf '%-11s %-8s %-8s %-6s %s\n' COMPONENT PID STATE PORT READY
  for name in "${ALL[@]}"; do
    if pid=$(pid_of "$name"); then
      state=running health=no
      ! ready "$name" || health=yes
    else
      pid=- state=stopped health=-
    fi
    port=$(ports "$name")
    printf '%-11s %-8s %-8s %-6s %s\n' "$name" "$pid" "$state" "${port%% *}" "$health"
  done
}

logs() {
  local files=() name
  (($#)) || set -- "${SERVICES[@]}"
  for name; do
    [[ " ${ALL[*]} " == *" $name "* ]] || die "unknown component '$name' (one of: ${ALL[*]})"
    [[ ! -f $LOGS/$name.log ]] || files+=("$LOGS/$name.log")
  done
  ((${#files[@]})) || die "no logs yet in $LOGS (run: deploy/local/stack.sh up)"
  exec tail -n 50 -F "${files[@]}"
}

token() {
  (($# >= 1)) || die "usage: stack.sh token SUBJECT [SCOPE...]"
  bash "$HERE/pki.sh" "$LOCAL" >/dev/null
  exec bash "$HERE/token.sh" "$LOCAL" "$@"
}

case ${1:-} in
  down | status | reset) "$1" ;;
  up | logs | token) cmd=$1; shift; "$cmd" "$@" ;;
  redis-cli) shift; redis_cli "$@" ;;
  *) echo "usage: $0 up [--lb] | down | status | reset | logs [NAME] | token SUBJECT [SCOPE...] | redis-cli [ARG...]" >&2; exit 2 ;;
esac
