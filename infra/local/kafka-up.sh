#!/usr/bin/env bash
# Start a local single-node Apache Kafka (KRaft: broker+controller in one JVM) on loopback, from
# Maven Central jars run with the machine's Java (17+). Idempotent: does nothing when a broker
# already answers a metadata request on KAFKA_PORT. Prints `export KAFKA_BROKERS=...` on stdout;
# log lines go to stderr.
#
# Env (defaults):
#   KAFKA_PORT=9092              client listener (PLAINTEXT, 127.0.0.1)
#   KAFKA_CONTROLLER_PORT=9093   KRaft controller listener (127.0.0.1)
#   KAFKA_VERSION=<pom.xml>      broker version; pinned in infra/local/kafka/pom.xml
#   KAFKA_HOME=~/.cache/complaint-ledger/kafka-<version>   jars (libs/) resolved by Maven
#   KAFKA_DATA_DIR=<repo>/.infra/kafka-data                log.dirs + KRaft metadata
#   KAFKA_HEAP_OPTS="-Xms128m -Xmx512m"
#   KAFKA_START_TIMEOUT=90       seconds to wait for the broker
#   INFRA_STATE_DIR=<repo>/.infra  pid file (kafka.pid), log (kafka.log), server.properties
set -euo pipefail
LOG_TAG=kafka
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$SCRIPT_DIR/lib.sh"

POM="$SCRIPT_DIR/kafka/pom.xml"
PINNED_VERSION="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$POM")"
KAFKA_VERSION="${KAFKA_VERSION:-$PINNED_VERSION}"
KAFKA_HOST=127.0.0.1 # loopback only, on purpose
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_HOME="${KAFKA_HOME:-$HOME/.cache/complaint-ledger/kafka-$KAFKA_VERSION}"
KAFKA_DATA_DIR="${KAFKA_DATA_DIR:-$INFRA_STATE_DIR/kafka-data}"
KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms128m -Xmx512m}"
KAFKA_START_TIMEOUT="${KAFKA_START_TIMEOUT:-90}"
LIBS="$KAFKA_HOME/libs"
PID_FILE="$INFRA_STATE_DIR/kafka.pid"
LOG_FILE="$INFRA_STATE_DIR/kafka.log"
CONF_DIR="$INFRA_STATE_DIR/kafka"
BROKERS="$KAFKA_HOST:$KAFKA_PORT"
T0="$(now_ms)"

# Metadata request through kafkajs (the app's client). Falls back to a port check, with a warning,
# when node or node_modules are not there yet.
probe() {
  if command -v node >/dev/null && [ -d "$REPO_ROOT/node_modules/kafkajs" ]; then
    node "$SCRIPT_DIR/kafka-probe.mjs" "$BROKERS"
  else
    [ -z "${PROBE_WARNED:-}" ] && log "WARNING: node/kafkajs not installed (npm ci): checking the port only" && PROBE_WARNED=1
    port_open "$KAFKA_HOST" "$KAFKA_PORT"
  fi
}

pid_alive() {
  [ -f "$PID_FILE" ] || return 1
  local pid
  pid="$(cat "$PID_FILE")"
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q 'kafka\.Kafka'
}

done_ready() {
  log "Kafka ready at $BROKERS ($1) in $(( $(now_ms) - T0 )) ms"
  echo "export KAFKA_BROKERS=$BROKERS"
  exit 0
}

# 1. Already running? (no lock needed: read-only)
if port_open "$KAFKA_HOST" "$KAFKA_PORT"; then
  if out="$(probe 2>&1)"; then done_ready "already running: $out"; fi
  pid_alive || die "port $KAFKA_PORT is taken by something that does not answer Kafka metadata requests: $out"
fi

with_lock kafka-up
mkdir -p "$INFRA_STATE_DIR" "$CONF_DIR"

wait_ready() {
  local deadline=$(( $(date +%s) + KAFKA_START_TIMEOUT )) out='' pid
  pid="$(cat "$PID_FILE")"
  log "waiting for the broker on $BROKERS (timeout ${KAFKA_START_TIMEOUT}s, log: $LOG_FILE)"
  while :; do
    # kill -0, not pid_alive: right after the fork the process is not java yet.
    if ! kill -0 "$pid" 2>/dev/null; then
      log "the Kafka process exited; last lines of $LOG_FILE:"
      tail -n 40 "$LOG_FILE" >&2 || true
      die "Kafka did not start"
    fi
    if port_open "$KAFKA_HOST" "$KAFKA_PORT" && out="$(probe 2>&1)"; then
      done_ready "$out"
    fi
    if [ "$(date +%s)" -ge "$deadline" ]; then
      log "last lines of $LOG_FILE:"
      tail -n 40 "$LOG_FILE" >&2 || true
      die "Kafka not ready on $BROKERS after ${KAFKA_START_TIMEOUT}s (last probe: ${out:-port closed})"
    fi
    sleep 0.5
  done
}

# 2. Our broker is starting (another run launched it): wait for it.
if pid_alive; then
  log "Kafka process $(cat "$PID_FILE") already started; waiting for it"
  wait_ready
fi
rm -f "$PID_FILE"

# 3. Tools.
command -v java >/dev/null || ensure_apt_packages openjdk-17-jre-headless
command -v mvn >/dev/null || ensure_apt_packages maven
java_major="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
[ "${java_major%%.*}" -ge 17 ] 2>/dev/null || die "Kafka $KAFKA_VERSION needs Java 17+, found '${java_major}'"

# 4. Jars: resolve with Maven into $LIBS unless already complete for this pom + version.
stamp="$(sha256sum <"$POM" | cut -c1-16)-$KAFKA_VERSION"
if [ "$(cat "$LIBS/.complete" 2>/dev/null || true)" = "$stamp" ]; then
  log "jars for Kafka $KAFKA_VERSION already in $LIBS"
else
  log "resolving Kafka $KAFKA_VERSION jars with Maven into $LIBS (first run only)"
  tmp="$KAFKA_HOME/libs.tmp.$$"
  rm -rf "$tmp"
  mkdir -p "$KAFKA_HOME"
  mvn_log="$INFRA_STATE_DIR/kafka-mvn.log"
  if ! mvn -B -q -f "$POM" -Dkafka.version="$KAFKA_VERSION" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$tmp" >"$mvn_log" 2>&1; then
    rm -rf "$tmp"
    tail -n 40 "$mvn_log" >&2
    die "Maven could not resolve Kafka $KAFKA_VERSION (full output: $mvn_log)"
  fi
  ls "$tmp"/kafka_2.13-"$KAFKA_VERSION".jar >/dev/null || die "kafka_2.13-$KAFKA_VERSION.jar missing after resolution"
  rm -rf "$LIBS"
  mv "$tmp" "$LIBS"
  echo "$stamp" >"$LIBS/.complete"
  log "$(find "$LIBS" -name '*.jar' | wc -l) jars in $LIBS"
fi

# 5. Config (rewritten every start; cheap and keeps it in sync with the env).
cat >"$CONF_DIR/server.properties" <<PROPS
# Generated by infra/local/kafka-up.sh - edits are overwritten.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$KAFKA_HOST:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://$KAFKA_HOST:$KAFKA_PORT,CONTROLLER://$KAFKA_HOST:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$KAFKA_HOST:$KAFKA_PORT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
log.dirs=$KAFKA_DATA_DIR
num.partitions=1
auto.create.topics.enable=true
# Single node: every internal topic has replication factor 1.
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
# Tests: no 3 s wait before the first consumer-group rebalance.
group.initial.rebalance.delay.ms=0
PROPS

# 6. Format the storage once (KRaft). A data dir formatted by another Kafka version is recreated:
#    it only holds local test data.
formatted_by="$KAFKA_DATA_DIR/.formatted-by"
if [ -f "$KAFKA_DATA_DIR/meta.properties" ] && [ "$(cat "$formatted_by" 2>/dev/null || true)" != "$KAFKA_VERSION" ]; then
  log "data dir $KAFKA_DATA_DIR was formatted by Kafka '$(cat "$formatted_by" 2>/dev/null || echo unknown)': recreating it for $KAFKA_VERSION"
  rm -rf "$KAFKA_DATA_DIR"
fi
if [ ! -f "$KAFKA_DATA_DIR/meta.properties" ]; then
  cluster_id=''
  while [ -z "$cluster_id" ] || [ "${cluster_id:0:1}" = '-' ]; do
    cluster_id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"
  done
  log "formatting $KAFKA_DATA_DIR (cluster id $cluster_id)"
  mkdir -p "$KAFKA_DATA_DIR"
  java -Xmx256m -Dlog4j2.configurationFile="file:$SCRIPT_DIR/kafka/log4j2.properties" -cp "$LIBS/*" \
    kafka.tools.StorageTool format --ignore-formatted -t "$cluster_id" -c "$CONF_DIR/server.properties" \
    >"$INFRA_STATE_DIR/kafka-format.log" 2>&1 || { tail -n 30 "$INFRA_STATE_DIR/kafka-format.log" >&2; die "formatting failed"; }
  echo "$KAFKA_VERSION" >"$formatted_by"
fi

# 7. Start in the background, detached from this shell (setsid + nohup) and without inherited
#    descriptors (lock files: see close_inherited_fds).
log "starting Kafka $KAFKA_VERSION (KRaft, $KAFKA_HEAP_OPTS) on $BROKERS, controller $KAFKA_HOST:$KAFKA_CONTROLLER_PORT"
(
  close_inherited_fds
  # shellcheck disable=SC2086 # KAFKA_HEAP_OPTS is a list of JVM options
  exec setsid nohup java $KAFKA_HEAP_OPTS -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="file:$SCRIPT_DIR/kafka/log4j2.properties" -Dkafka.logs.dir="$INFRA_STATE_DIR" \
    -cp "$LIBS/*" kafka.Kafka "$CONF_DIR/server.properties" >"$LOG_FILE" 2>&1 </dev/null
) &
echo $! >"$PID_FILE"
log "pid $(cat "$PID_FILE"), log $LOG_FILE"
wait_ready
