#!/usr/bin/env bash
# Start a local PostgreSQL (Debian packages, managed with pg_ctlcluster) on 127.0.0.1 and create the
# test role and database. Idempotent: does nothing when the test database already accepts the
# test login. Prints `export TEST_DATABASE_URL=...` on stdout; log lines go to stderr.
#
# Env (defaults):
#   PG_PORT=5432
#   PG_CLUSTER=<the cluster of the newest installed major that is configured on PG_PORT, else 'ledger'>
#   PG_DATA_DIR=<Debian default /var/lib/postgresql/<major>/<cluster>>  only used to create a cluster
#   PG_USER=ledger  PG_PASSWORD=ledger  PG_DATABASE=ledger_test   (URL-safe characters only)
#   PG_START_TIMEOUT=30 (seconds)
#   INFRA_STATE_DIR=<repo>/.infra   (postgres.started: which cluster down.sh may stop)
set -euo pipefail
LOG_TAG=postgres
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$SCRIPT_DIR/lib.sh"

PG_HOST=127.0.0.1 # loopback only, on purpose
PG_PORT="${PG_PORT:-5432}"
PG_USER="${PG_USER:-ledger}"
PG_PASSWORD="${PG_PASSWORD:-ledger}"
PG_DATABASE="${PG_DATABASE:-ledger_test}"
PG_START_TIMEOUT="${PG_START_TIMEOUT:-30}"
URL="postgres://$PG_USER:$PG_PASSWORD@$PG_HOST:$PG_PORT/$PG_DATABASE"
MARKER="$INFRA_STATE_DIR/postgres.started"
T0="$(now_ms)"

can_login() { command -v psql >/dev/null && PGCONNECT_TIMEOUT=3 psql "$URL" -Atqc 'select 1' >/dev/null 2>&1; }
done_ready() {
  log "PostgreSQL ready: $URL ($1) in $(( $(now_ms) - T0 )) ms"
  echo "export TEST_DATABASE_URL=$URL"
  exit 0
}

# 1. Already up with our role and database: nothing to do.
if can_login; then done_ready "already running"; fi

with_lock postgres-up

# 2. Server packages (psql alone may be there without the server).
if ! compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null || ! command -v pg_ctlcluster >/dev/null; then
  ensure_apt_packages postgresql
fi
PG_MAJOR="$(for bin in /usr/lib/postgresql/*/bin/postgres; do bin="${bin#/usr/lib/postgresql/}"; echo "${bin%%/*}"; done | sort -V | tail -n 1)"

# 3. The cluster: the one configured on PG_PORT, else create one.
cluster_on_port="$(pg_lsclusters -h 2>/dev/null | awk -v v="$PG_MAJOR" -v p="$PG_PORT" '$1 == v && $3 == p { print $2; exit }')"
PG_CLUSTER="${PG_CLUSTER:-${cluster_on_port:-ledger}}"
if ! pg_lsclusters -h 2>/dev/null | awk -v v="$PG_MAJOR" -v c="$PG_CLUSTER" '$1 == v && $2 == c { found = 1 } END { exit !found }'; then
  log "creating cluster $PG_MAJOR/$PG_CLUSTER on port $PG_PORT${PG_DATA_DIR:+ in $PG_DATA_DIR}"
  as_root pg_createcluster "$PG_MAJOR" "$PG_CLUSTER" --port "$PG_PORT" ${PG_DATA_DIR:+--datadir "$PG_DATA_DIR"} >&2
fi
conf() { as_root pg_conftool -s "$PG_MAJOR" "$PG_CLUSTER" "$@"; }
status() { as_root pg_ctlcluster "$PG_MAJOR" "$PG_CLUSTER" status >/dev/null 2>&1; }

if status; then
  configured_port="$(conf show port 2>/dev/null || echo 5432)"
  [ "$configured_port" = "$PG_PORT" ] ||
    die "cluster $PG_MAJOR/$PG_CLUSTER is running on port $configured_port, not $PG_PORT: set PG_PORT=$configured_port or PG_CLUSTER=<another name>"
  log "cluster $PG_MAJOR/$PG_CLUSTER already running (not started by us)"
else
  # On PG_PORT (kept in postgresql.conf, where pg_lsclusters reads it) and on loopback only (a
  # conf.d drop-in, read after postgresql.conf). Both idempotent.
  [ "$(conf show port 2>/dev/null || true)" = "$PG_PORT" ] || conf set port "$PG_PORT"
  dropin="/etc/postgresql/$PG_MAJOR/$PG_CLUSTER/conf.d/complaint-ledger.conf"
  as_root mkdir -p "$(dirname "$dropin")"
  if [ "$(as_root cat "$dropin" 2>/dev/null || true)" != "listen_addresses = '127.0.0.1'" ]; then
    echo "listen_addresses = '127.0.0.1'" | as_root tee "$dropin" >/dev/null
    as_root chown postgres:postgres "$dropin"
  fi
  log "starting cluster $PG_MAJOR/$PG_CLUSTER on $PG_HOST:$PG_PORT"
  # setsid: the postmaster must not belong to this shell's process group; close_inherited_fds: it
  # must not hold our lock descriptors (or a caller's `flock FILE cmd` one) for its whole life.
  (close_inherited_fds; exec setsid pg_ctlcluster "$PG_MAJOR" "$PG_CLUSTER" start) </dev/null >&2 ||
    { as_root tail -n 30 "/var/log/postgresql/postgresql-$PG_MAJOR-$PG_CLUSTER.log" >&2 || true; die "could not start cluster $PG_MAJOR/$PG_CLUSTER"; }
  mkdir -p "$INFRA_STATE_DIR"
  echo "$PG_MAJOR $PG_CLUSTER" >"$MARKER"
fi

# 4. Wait for TCP connections on loopback.
deadline=$(( $(date +%s) + PG_START_TIMEOUT ))
until pg_isready -q -h "$PG_HOST" -p "$PG_PORT"; do
  [ "$(date +%s)" -lt "$deadline" ] || die "PostgreSQL not accepting connections on $PG_HOST:$PG_PORT after ${PG_START_TIMEOUT}s (log: /var/log/postgresql/postgresql-$PG_MAJOR-$PG_CLUSTER.log)"
  sleep 0.3
done

# 5. Role (may create databases: tests create their own) and database, as the postgres superuser
#    over the local socket (peer authentication).
if ! can_login; then
  log "creating role $PG_USER (LOGIN CREATEDB) and database $PG_DATABASE"
  as_root runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$PG_PORT" -d postgres \
    -v user="$PG_USER" -v password="$PG_PASSWORD" -v db="$PG_DATABASE" >&2 <<'SQL'
SELECT format('CREATE ROLE %I', :'user') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'user') \gexec
ALTER ROLE :"user" LOGIN CREATEDB PASSWORD :'password';
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'user') WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db') \gexec
SQL
fi
can_login || die "cannot log in with $URL (check pg_hba.conf of cluster $PG_MAJOR/$PG_CLUSTER: host connections from 127.0.0.1 need scram-sha-256 or md5)"
done_ready "$(psql "$URL" -Atqc 'show server_version')"
