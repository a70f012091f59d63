#!/usr/bin/env bash
# Start (or just check) the engines the integration tests need: PostgreSQL and Kafka, on loopback.
# Idempotent and fast when they already run. Writes .infra/env and prints the same `export` lines
# on stdout, so either works:
#   bash infra/local/up.sh && . .infra/env
#   eval "$(bash infra/local/up.sh)"
#
# Env:
#   SKIP_POSTGRES=1 / SKIP_KAFKA=1   leave that engine out (its variable is not written)
#   TEST_DATABASE_URL or DATABASE_URL preset to another server: only check that it answers
#   KAFKA_BROKERS preset to other brokers: only check that they answer a metadata request
#   plus everything postgres-up.sh and kafka-up.sh read (PG_PORT, KAFKA_PORT, ...).
set -euo pipefail
LOG_TAG=up
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$SCRIPT_DIR/lib.sh"

T0="$(now_ms)"
ENV_FILE="$INFRA_STATE_DIR/env"
is_true() { case "${1:-}" in 1 | true | TRUE | yes) return 0 ;; *) return 1 ;; esac; }
exports=()

# What the local scripts would produce: a preset value equal to it is "ours" (e.g. .infra/env was
# sourced earlier), so we (re)start the engine instead of only checking it.
LOCAL_PG_URL="postgres://${PG_USER:-ledger}:${PG_PASSWORD:-ledger}@127.0.0.1:${PG_PORT:-5432}/${PG_DATABASE:-ledger_test}"
LOCAL_KAFKA="127.0.0.1:${KAFKA_PORT:-9092}"

# PostgreSQL
if is_true "${SKIP_POSTGRES:-}"; then
  log "PostgreSQL skipped (SKIP_POSTGRES)"
else
  preset="${TEST_DATABASE_URL:-${DATABASE_URL:-}}"
  if [ -n "$preset" ] && [ "$preset" != "$LOCAL_PG_URL" ]; then
    log "PostgreSQL preset ($( [ -n "${TEST_DATABASE_URL:-}" ] && echo TEST_DATABASE_URL || echo DATABASE_URL)): checking it answers"
    if command -v psql >/dev/null; then
      PGCONNECT_TIMEOUT=5 psql "$preset" -Atqc 'select 1' >/dev/null || die "preset PostgreSQL URL does not accept a login: ${preset%%@*}@..."
    else
      pg_isready -q -d "$preset" || die "preset PostgreSQL URL not reachable"
    fi
    exports+=("export TEST_DATABASE_URL=$preset")
  else
    exports+=("$(bash "$SCRIPT_DIR/postgres-up.sh")")
  fi
fi

# Kafka
if is_true "${SKIP_KAFKA:-}"; then
  log "Kafka skipped (SKIP_KAFKA)"
else
  if [ -n "${KAFKA_BROKERS:-}" ] && [ "$KAFKA_BROKERS" != "$LOCAL_KAFKA" ]; then
    log "Kafka preset (KAFKA_BROKERS=$KAFKA_BROKERS): checking it answers a metadata request"
    node "$SCRIPT_DIR/kafka-probe.mjs" "$KAFKA_BROKERS" >&2 || die "preset KAFKA_BROKERS=$KAFKA_BROKERS not usable"
    exports+=("export KAFKA_BROKERS=$KAFKA_BROKERS")
  else
    exports+=("$(bash "$SCRIPT_DIR/kafka-up.sh")")
  fi
fi

mkdir -p "$INFRA_STATE_DIR"
{
  echo "# Written by infra/local/up.sh on $(date -u +%Y-%m-%dT%H:%M:%SZ); removed by down.sh."
  [ "${#exports[@]}" -eq 0 ] || printf '%s\n' "${exports[@]}"
} >"$ENV_FILE.tmp"
mv "$ENV_FILE.tmp" "$ENV_FILE"
[ "${#exports[@]}" -eq 0 ] || printf '%s\n' "${exports[@]}"
log "engines ready in $(( $(now_ms) - T0 )) ms; env written to $ENV_FILE (source it: . $ENV_FILE)"
