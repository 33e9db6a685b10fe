# shellcheck shell=bash
# Sourced helpers for the local stack scripts (ops/*).
# Finds the repository root from this file's own location; nothing here
# depends on where the repository is checked out.

if [[ -n "${_ASSEMBLY_COMMON_SH:-}" ]]; then return 0; fi
_ASSEMBLY_COMMON_SH=1

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
VAR="$ROOT/var"                 # git-ignored: data, logs, pids, secrets
# shellcheck disable=SC2034  # used by the scripts that source this file
OPS="$ROOT/ops"
export ROOT VAR
: "${BUILD_DIR:=$ROOT/build}"    # the build tree (ops/build); the web application in $BUILD_DIR/web
export BUILD_DIR
# A newer Node.js than the machine's, when ops/npm-setup had to bring one.
if [[ -x "$VAR/node/bin/node" && ":$PATH:" != *":$VAR/node/bin:"* ]]; then
  PATH="$VAR/node/bin:$PATH"
  export PATH
fi

# Ports (override through the environment).
: "${PG_PORT:=55432}"
: "${KAFKA_PORT:=19092}"
: "${KAFKA_CONTROLLER_PORT:=19093}"
# Each Kafka node's second client listener, for a client that reaches it through a proxy (the
# fault matrix's network rows): it listens here and advertises the next port, where the proxy is.
: "${KAFKA_PROXIED_PORT:=$((KAFKA_PORT + 2))}"
: "${KEYCLOAK_PORT:=8180}"
: "${KEYCLOAK_MANAGEMENT_PORT:=$((KEYCLOAK_PORT + 1))}"   # Keycloak's health endpoints
: "${SMTP_PORT:=1025}"
: "${MAILPIT_PORT:=8025}"
: "${WEB_PORT:=8080}"        # the gateway: the site, /api/<service>/, /auth/ (one origin)
: "${S3_PORT:=8333}"         # SeaweedFS's S3 gateway (the documents); its other listeners next
export PG_PORT KAFKA_PORT KAFKA_CONTROLLER_PORT KAFKA_PROXIED_PORT KEYCLOAK_PORT KEYCLOAK_MANAGEMENT_PORT SMTP_PORT \
  MAILPIT_PORT WEB_PORT S3_PORT

# The services, their default ports (<SVC>_PORT overrides) and their topics' partitions, from the
# suite's one list of its services, services/services.txt.
# shellcheck disable=SC2034  # used by the scripts that source this file
SERVICES=()
# shellcheck disable=SC2034  # used by the scripts that source this file (ops/lib/kafka.sh)
declare -A SERVICE_PARTITIONS=()
while read -r _svc _port _parts _rest; do
  [[ -z "$_svc" || "$_svc" == \#* ]] && continue
  SERVICES+=("$_svc")
  # shellcheck disable=SC2034  # read by ops/lib/kafka.sh
  SERVICE_PARTITIONS[$_svc]="$_parts"
  _var="${_svc^^}_PORT"
  [[ -n "${!_var:-}" ]] || printf -v "$_var" '%s' "$_port"
  export "${_var?}"
done <"$ROOT/services/services.txt"
unset _svc _port _parts _rest _var

# ---- logging ---------------------------------------------------------------
if [[ -t 2 ]]; then _C_RED=$'\e[31m'; _C_YEL=$'\e[33m'; _C_DIM=$'\e[2m'; _C_OFF=$'\e[0m'
else _C_RED=; _C_YEL=; _C_DIM=; _C_OFF=; fi

log()  { printf '%s[%s]%s %s\n' "$_C_DIM" "$(date +%H:%M:%S)" "$_C_OFF" "$*" >&2; }
warn() { printf '%swarning:%s %s\n' "$_C_YEL" "$_C_OFF" "$*" >&2; }
err()  { printf '%serror:%s %s\n' "$_C_RED" "$_C_OFF" "$*" >&2; }
die()  { err "$*"; exit 1; }

# ---- helpers -----------------------------------------------------------------

# ensure_var_dirs: create the var/ layout.
ensure_var_dirs() {
  mkdir -p "$VAR/log" "$VAR/run" "$VAR/secrets" "$VAR/keys"
  chmod 700 "$VAR/secrets" "$VAR/keys"
}

# svc_port SVC: the HTTP port of a service.
svc_port() {
  local v="${1^^}_PORT"
  printf '%s\n' "${!v}"
}

# svc_metrics_port SVC: the port of a service's /metrics and probes (METRICS_PORT):
# <SVC>_METRICS_PORT, by default its HTTP port + 10000.
svc_metrics_port() {
  local v="${1^^}_METRICS_PORT" p="${1^^}_PORT"
  printf '%s\n' "${!v:-$((${!p} + 10000))}"
}

# wait_for DESCRIPTION TIMEOUT_SECONDS LOGFILE CMD...
# Runs CMD until it succeeds, at most TIMEOUT_SECONDS. On failure prints a
# clear message and the last 40 lines of LOGFILE, and returns 1.
# If WAIT_PIDFILE is set, gives up as soon as that process is gone.
wait_for() {
  local what="$1" timeout="$2" logfile="$3"; shift 3
  local deadline=$((SECONDS + timeout)) why
  while true; do
    if "$@" >/dev/null 2>&1; then return 0; fi
    why=
    if [[ -n "${WAIT_PIDFILE:-}" ]] && ! pid_alive "$WAIT_PIDFILE"; then
      why="its process exited"
    elif ((SECONDS >= deadline)); then
      why="not ready after ${timeout}s"
    fi
    if [[ -n "$why" ]]; then
      err "$what: $why (waited for: $*)"
      if [[ -n "$logfile" && -f "$logfile" ]]; then
        printf -- '---- last 40 lines of %s ----\n' "$logfile" >&2
        tail -n 40 "$logfile" >&2 || true
        printf -- '---- end of %s ----\n' "$logfile" >&2
      fi
      return 1
    fi
    sleep 0.25
  done
}

# port_open PORT: something accepts TCP connections on 127.0.0.1:PORT.
port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# pid_alive PIDFILE [PATTERN]: the process of PIDFILE runs (and its command
# line contains PATTERN, to not be fooled by a recycled pid).
pid_alive() {
  local pidfile="$1" pattern="${2:-}" pid
  [[ -s "$pidfile" ]] || return 1
  pid="$(<"$pidfile")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  if [[ -n "$pattern" ]]; then
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$pattern" || return 1
  fi
}

# stop_pid PIDFILE NAME GRACE_SECONDS: SIGTERM, wait up to GRACE_SECONDS,
# then SIGKILL. Removes the pid file.
stop_pid() {
  local pidfile="$1" name="$2" grace="$3" pid
  if [[ ! -s "$pidfile" ]]; then rm -f "$pidfile"; return 0; fi
  pid="$(<"$pidfile")"
  if [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    local deadline=$((SECONDS + grace))
    while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then
      warn "$name (pid $pid) still running after ${grace}s: SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
    fi
  fi
  rm -f "$pidfile"
}

# new_secret FILE CMD...: write CMD's output to FILE (mode 600) unless FILE
# already exists and is non-empty.
new_secret() {
  local file="$1"; shift
  [[ -s "$file" ]] && return 0
  mkdir -p "$(dirname "$file")"
  (umask 077; "$@" >"$file.tmp") && mv "$file.tmp" "$file"
  chmod 600 "$file"
}

# apt_install PKG...: apt-get update, then install PKG... (as root, or through sudo).
# No service is started by the packages' maintainer scripts: unless the machine has its
# own /usr/sbin/policy-rc.d, one answering 101 ("action forbidden") is in place for the
# duration. Debian's postgresql-15 would otherwise start a cluster on 5432 and prometheus
# a server on 9090; the suite runs its own PostgreSQL and only needs promtool.
apt_install() {
  local sudo=() policy=/usr/sbin/policy-rc.d ours=0 rc=0
  if ((EUID != 0)); then
    command -v sudo >/dev/null || die "not root and no sudo: install $* by hand"
    sudo=(sudo)
  fi
  if [[ ! -e "$policy" ]]; then
    printf '#!/bin/sh\n# in place while the suite'"'"'s ops scripts run apt-get install\nexit 101\n' \
      | "${sudo[@]}" tee "$policy" >/dev/null
    "${sudo[@]}" chmod 755 "$policy"
    ours=1
  fi
  { "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q &&
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@"; } || rc=$?
  if ((ours)); then "${sudo[@]}" rm -f "$policy"; fi
  return "$rc"
}

# print_component NAME ADDRESS [STATE]
print_component() {
  if [[ -n "${3:-}" ]]; then
    printf '%-16s %-28s %s\n' "$1" "$2" "$3"
  else
    printf '%-16s %s\n' "$1" "$2"
  fi
}
