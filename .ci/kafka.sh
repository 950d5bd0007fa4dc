#!/usr/bin/env bash
# A real single-node Kafka broker for CI and tests: KRaft combined mode (broker and controller in
# one JVM), run straight from Maven Central's org.apache.kafka jars, since CI has neither Docker
# nor the distribution tarball with its shell scripts.
#
#   .ci/kafka.sh start|stop|restart|status
#
# start waits until the broker serves clients and does nothing when it already runs; stop shuts it
# down cleanly. The data dir survives both, so topics and committed offsets outlive a restart
# (integration tests restart the broker mid-run and expect nothing lost).
#
# Environment (all optional):
#   CHIDAO_KAFKA_PORT             client (PLAINTEXT) port on 127.0.0.1, default 9092
#   CHIDAO_KAFKA_CONTROLLER_PORT  KRaft controller port, default client port + 1
#   CHIDAO_KAFKA_CACHE            jars and state, default ~/.cache/chidao-kafka (outside the repo)
#   CHIDAO_KAFKA_STATE            data, pid file and logs, default $CHIDAO_KAFKA_CACHE/state-<port>
#   CHIDAO_KAFKA_START_TIMEOUT    seconds, default 120;  CHIDAO_KAFKA_STOP_TIMEOUT, default 60
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# 3.9.x on purpose: Kafka 4 dropped the old protocol versions kafkajs 2.2.4 speaks.
version=${CHIDAO_KAFKA_VERSION:-3.9.2}
port=${CHIDAO_KAFKA_PORT:-9092}
controller_port=${CHIDAO_KAFKA_CONTROLLER_PORT:-$((port + 1))}
cache=${CHIDAO_KAFKA_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/chidao-kafka}
libs=$cache/$version/libs
state=${CHIDAO_KAFKA_STATE:-$cache/state-$port}
start_timeout=${CHIDAO_KAFKA_START_TIMEOUT:-120}
stop_timeout=${CHIDAO_KAFKA_STOP_TIMEOUT:-60}
java=${JAVA_HOME:+$JAVA_HOME/bin/}java

pid_file=$state/kafka.pid
log=$state/logs/server.log
# Byte offset of server.log when the current broker was launched: readiness is read after it.
offset_file=$state/start.offset

say() { printf 'kafka: %s\n' "$*"; }
fail() {
  say "$*" >&2
  exit 1
}

java_opts=(-Xms128m -Xmx512m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:+ExitOnOutOfMemoryError
  -Djava.awt.headless=true "-Dlog4j.configuration=file:$here/kafka/log4j.properties"
  "-Dkafka.logs.dir=$state/logs" -cp "$libs/*")

# Jars are fetched once per version; an interrupted download never counts as done.
download() {
  [ -f "$libs/.complete" ] && return
  command -v mvn >/dev/null 2>&1 || fail "Maven (mvn) is needed to fetch the broker's jars"
  say "fetching Kafka $version jars from Maven Central into $libs"
  local started=$SECONDS partial="$libs.partial"
  rm -rf "$partial"
  mkdir -p "$cache"
  if ! mvn -q -B -f "$here/kafka/pom.xml" dependency:copy-dependencies \
    -Dkafka.version="$version" -Dkafka.libs="$partial" >"$cache/mvn.out" 2>&1; then
    cat "$cache/mvn.out" >&2
    fail "fetching the jars failed"
  fi
  touch "$partial/.complete"
  rm -rf "$libs"
  mv "$partial" "$libs"
  say "fetched in $((SECONDS - started))s"
}

write_config() {
  mkdir -p "$state/data" "$state/logs"
  cat >"$state/server.properties" <<EOF
# Written by .ci/kafka.sh on every start; edit the script, not this file.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller_port
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$state/data
# Topics are created on purpose by the code under test, never by a typo.
auto.create.topics.enable=false
num.partitions=3
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=10
# Consumer groups in tests should not wait 3 s for members that will never come.
group.initial.rebalance.delay.ms=0
EOF
}

# First start only: a KRaft log dir must be formatted with a cluster id before the broker runs.
format() {
  [ -f "$state/data/meta.properties" ] && return
  local cluster_id
  # A Kafka Uuid: 16 random bytes in URL-safe base64 without padding. It may start with `-`
  # (1 start in 64), which the tool would read as an option unless given as `--cluster-id=`.
  cluster_id=$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')
  if ! "$java" "${java_opts[@]}" kafka.tools.StorageTool format --ignore-formatted \
    "--cluster-id=$cluster_id" -c "$state/server.properties" >"$state/logs/format.out" 2>&1; then
    cat "$state/logs/format.out" >&2
    fail "formatting $state/data failed"
  fi
  say "formatted $state/data (cluster id $cluster_id)"
}

alive() {
  local stat
  stat=$(ps -o stat= -p "$1" 2>/dev/null) || return 1
  [ -n "$stat" ] && [ "${stat:0:1}" != Z ]
}

# The pid of this broker (same state dir), never a recycled pid of some other process.
running_pid() {
  [ -f "$pid_file" ] || return 1
  local pid
  pid=$(cat "$pid_file")
  [ -n "$pid" ] && alive "$pid" || return 1
  ps -o args= -p "$pid" 2>/dev/null | grep -qF "kafka.Kafka $state/server.properties" || return 1
  echo "$pid"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

log_since_start() {
  local offset
  offset=$(cat "$offset_file" 2>/dev/null || echo 0)
  tail -c +"$((offset + 1))" "$log" 2>/dev/null || true
}

print_logs() {
  {
    say "last lines of $log since this start:"
    log_since_start | tail -n 60
    if [ -s "$state/logs/kafka.out" ]; then
      say "$state/logs/kafka.out:"
      tail -n 30 "$state/logs/kafka.out"
    fi
  } >&2
}

# Ready when the broker logged that it started (KRaft logs it once the broker is unfenced, i.e.
# able to lead partitions) and its client port accepts connections.
wait_ready() {
  local pid=$1 deadline=$((SECONDS + start_timeout))
  until log_since_start | grep -q 'Kafka Server started' && port_open "$port"; do
    if ! alive "$pid"; then
      print_logs
      fail "the broker exited while starting"
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      print_logs
      terminate "$pid"
      fail "the broker did not answer on 127.0.0.1:$port within ${start_timeout}s"
    fi
    sleep 0.2
  done
}

# SIGTERM runs Kafka's controlled shutdown, which flushes logs and offsets; SIGKILL only as a
# last resort after the timeout.
terminate() {
  local pid=$1 deadline=$((SECONDS + stop_timeout))
  kill -TERM "$pid" 2>/dev/null || return 0
  while alive "$pid"; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      say "broker $pid still running after ${stop_timeout}s; killing it" >&2
      kill -KILL "$pid" 2>/dev/null || true
      break
    fi
    sleep 0.2
  done
  while alive "$pid"; do sleep 0.1; done
}

start() {
  local pid started=$SECONDS
  if pid=$(running_pid); then
    wait_ready "$pid"
    say "running (pid $pid) on 127.0.0.1:$port"
    return
  fi
  port_open "$port" && fail "127.0.0.1:$port is taken by another process; set CHIDAO_KAFKA_PORT"
  download
  write_config
  format
  wc -c <"$log" 2>/dev/null >"$offset_file" || echo 0 >"$offset_file"
  # setsid: the broker outlives this script and the CI step; 9>&- lets go of our lock.
  setsid "$java" "${java_opts[@]}" kafka.Kafka "$state/server.properties" \
    </dev/null >"$state/logs/kafka.out" 2>&1 9>&- &
  pid=$!
  echo "$pid" >"$pid_file"
  wait_ready "$pid"
  say "started (pid $pid) on 127.0.0.1:$port in $((SECONDS - started))s; log $log"
}

stop() {
  local pid
  if ! pid=$(running_pid); then
    rm -f "$pid_file"
    say "not running"
    return
  fi
  terminate "$pid"
  rm -f "$pid_file"
  say "stopped (pid $pid); data kept in $state/data"
}

status() {
  local pid
  if pid=$(running_pid); then
    say "running (pid $pid) on 127.0.0.1:$port, controller 127.0.0.1:$controller_port"
    say "state $state; jars $libs"
  else
    say "not running (state $state)"
    return 3
  fi
}

command=${1:-}
case "$command" in
  start | stop | restart)
    # Tests in parallel workers may restart the broker at once: one command at a time.
    mkdir -p "$state"
    exec 9>"$state/lock"
    flock -w $((start_timeout + stop_timeout + 600)) 9 || fail "another kafka.sh holds $state/lock"
    ;;
esac
case "$command" in
  start) start ;;
  stop) stop ;;
  restart)
    stop
    start
    ;;
  status) status ;;
  *)
    echo "usage: $0 start|stop|restart|status" >&2
    exit 2
    ;;
esac
