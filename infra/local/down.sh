#!/usr/bin/env bash
# Stop what infra/local/up.sh started: the Kafka broker (pid file .infra/kafka.pid) and the
# PostgreSQL cluster, only if up.sh was the one that started it (.infra/postgres.started).
# Idempotent. Data stays (Kafka: .infra/kafka-data; PostgreSQL: the cluster's data directory).
# Env: SKIP_KAFKA=1 / SKIP_POSTGRES=1 leave that engine running; KAFKA_STOP_TIMEOUT=30 (seconds).
set -euo pipefail
LOG_TAG=down
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$SCRIPT_DIR/lib.sh"

is_true() { case "${1:-}" in 1 | true | TRUE | yes) return 0 ;; *) return 1 ;; esac; }
PID_FILE="$INFRA_STATE_DIR/kafka.pid"
MARKER="$INFRA_STATE_DIR/postgres.started"
KAFKA_STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-30}"

is_our_kafka() { [ -r "/proc/$1/cmdline" ] && tr '\0' ' ' <"/proc/$1/cmdline" | grep -q 'kafka\.Kafka'; }

if is_true "${SKIP_KAFKA:-}"; then
  log "Kafka left alone (SKIP_KAFKA)"
elif [ -f "$PID_FILE" ] && pid="$(cat "$PID_FILE")" && [ -n "$pid" ] && is_our_kafka "$pid"; then
  log "stopping Kafka (pid $pid; controlled shutdown, up to ${KAFKA_STOP_TIMEOUT}s)"
  kill -TERM "$pid"
  deadline=$(( $(date +%s) + KAFKA_STOP_TIMEOUT ))
  while is_our_kafka "$pid" && [ "$(date +%s)" -lt "$deadline" ]; do sleep 0.3; done
  if is_our_kafka "$pid"; then
    log "Kafka still running after ${KAFKA_STOP_TIMEOUT}s: kill -KILL $pid"
    kill -KILL "$pid" || true
  fi
  rm -f "$PID_FILE"
  log "Kafka stopped"
else
  rm -f "$PID_FILE"
  log "Kafka: no broker started by up.sh is running"
fi

if is_true "${SKIP_POSTGRES:-}"; then
  log "PostgreSQL left alone (SKIP_POSTGRES)"
elif [ -f "$MARKER" ]; then
  read -r major cluster <"$MARKER"
  if as_root pg_ctlcluster "$major" "$cluster" status >/dev/null 2>&1; then
    log "stopping PostgreSQL cluster $major/$cluster"
    as_root pg_ctlcluster "$major" "$cluster" stop >&2
  fi
  rm -f "$MARKER"
  log "PostgreSQL cluster $major/$cluster stopped"
else
  log "PostgreSQL: no cluster started by up.sh (running clusters not started by it are left alone)"
fi

rm -f "$INFRA_STATE_DIR/env"
