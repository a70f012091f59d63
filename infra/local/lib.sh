# shellcheck shell=bash
# Shared helpers for infra/local/*.sh. Source it; do not run it.

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# Runtime state of the local engines (pid files, logs, data): gitignored.
INFRA_STATE_DIR="${INFRA_STATE_DIR:-$REPO_ROOT/.infra}"

log() { printf '[%s] %s\n' "${LOG_TAG:-infra}" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# port_open HOST PORT: true when something accepts TCP connections there (2 s max).
port_open() {
  timeout 2 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null
}

# as_root CMD...: run as root (directly when we are root, else through sudo).
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# close_inherited_fds: close every descriptor above 2 in the current (sub)shell. Call it in the
# subshell that execs a daemon: a daemon that inherits a lock descriptor (our with_lock fd, or the
# fd of a caller's `flock FILE cmd`) would hold that lock for as long as it runs.
close_inherited_fds() {
  local fd
  for fd in "/proc/$BASHPID/fd/"*; do
    fd="${fd##*/}"
    [ "$fd" -gt 2 ] 2>/dev/null && eval "exec $fd>&-" 2>/dev/null
  done
  return 0
}

# now_ms: milliseconds since the epoch (for timings in log lines).
now_ms() { date +%s%3N; }

# ensure_apt_packages PKG...: apt-get install what is missing; `apt-get update` only when the
# install fails because the package lists are missing or stale (fresh machines have none).
ensure_apt_packages() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  command -v apt-get >/dev/null || die "missing packages ${missing[*]} and no apt-get to install them"
  log "installing ${missing[*]} (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  if ! as_root apt-get install -y -q --no-install-recommends "${missing[@]}" >&2; then
    log "apt-get install failed: refreshing package lists (apt-get update) and retrying"
    as_root apt-get update -q >&2
    as_root apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
  fi
}

# with_lock NAME: serialise concurrent runs of the same script (several agents/terminals).
with_lock() {
  mkdir -p "$INFRA_STATE_DIR"
  exec 9>"$INFRA_STATE_DIR/$1.lock"
  if ! flock -n 9; then
    log "another $1 run is in progress; waiting for it"
    flock 9
  fi
}
