# shellcheck shell=bash
# Private PostgreSQL 15 cluster of the local stack.
#
# The server binaries refuse to run as root, so they run as the `postgres` OS
# user (created by the postgresql-15 package) through `runuser`.
#
# Where the data lives: $VAR/pg when the `postgres` user can reach it (every
# parent directory of the repository traversable). When it cannot (a checkout
# under a private home directory, say), the cluster goes to
# /var/tmp/assembly-pg-<first 12 hex of sha256(ROOT)>/ and $VAR/pg is a symlink
# to it, so var/pg always names the data directory. The server log is
# $VAR/log/postgres.log (a symlink into that folder in the second case).
#
# The server listens on 127.0.0.1:$PG_PORT only; its unix socket is in the
# data directory itself (not /var/run/postgresql: no clash with a system
# cluster). Provisioning uses that socket as the `postgres` superuser (local
# connections are `trust`); everything else uses TCP with a password
# (scram-sha-256).
#
# Durability: fsync=off. This is a throw-away development/test cluster; only an
# OS crash could corrupt it (then `rm -rf var/pg`). A killed server loses nothing.

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

PG_BIN=/usr/lib/postgresql/15/bin
PG_DB=assembly
PG_TEST_ROLE=assembly_test
PG_LOG="$VAR/log/postgres.log"

_pg_as() { (cd / && runuser -u postgres -- "$@"); }

# _pg_base: the folder that holds data/ (PGDATA) and postgres.log.
_pg_base() {
  if [[ -L "$VAR/pg" ]]; then
    readlink "$VAR/pg"
  else
    printf '%s\n' "$VAR/pg"
  fi
}

# _pg_layout: decide (once) where the cluster lives; sets PGDATA_DIR, PG_SOCKET_DIR.
_pg_layout() {
  id postgres >/dev/null 2>&1 || die "no 'postgres' OS user: run ops/install (package postgresql-15)"
  ensure_var_dirs
  if [[ ! -e "$VAR/pg" ]]; then
    if _pg_as test -x "$VAR" 2>/dev/null; then
      mkdir -p "$VAR/pg"
    else
      local alt
      alt="/var/tmp/assembly-pg-$(printf '%s' "$ROOT" | sha256sum | cut -c1-12)"
      warn "user postgres cannot traverse $VAR: PostgreSQL data goes to $alt (var/pg is a symlink)"
      mkdir -p "$alt"
      ln -sfn "$alt" "$VAR/pg"
    fi
  fi
  local base; base="$(_pg_base)"
  chown postgres:postgres "$base"
  chmod 700 "$base"
  PGDATA_DIR="$base/data"
  PG_SOCKET_DIR="$PGDATA_DIR"
  # unix socket paths are limited to 107 bytes
  if (( ${#PG_SOCKET_DIR} + 20 > 107 )); then
    die "path too long for a unix socket: $PG_SOCKET_DIR (move the repository to a shorter path)"
  fi
  if [[ -L "$VAR/pg" ]]; then
    ln -sfn "$base/postgres.log" "$PG_LOG"
    PG_SERVER_LOG="$base/postgres.log"
  else
    PG_SERVER_LOG="$PG_LOG"
    touch "$PG_LOG"
    chown postgres:postgres "$PG_LOG"
  fi
}

_pg_ctl() { _pg_as "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" "$@"; }

_pg_running() { [[ -f "$PGDATA_DIR/postmaster.pid" ]] && _pg_ctl status >/dev/null 2>&1; }

# _psql_super [DB] ARGS...: psql as superuser through the unix socket.
_psql_super() {
  local db="$1"; shift
  PGOPTIONS="-c client_min_messages=warning" psql -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCKET_DIR" -p "$PG_PORT" -U postgres -d "$db" "$@"
}

_pg_initdb() {
  [[ -f "$PGDATA_DIR/PG_VERSION" ]] && return 0
  log "postgres: initdb $PGDATA_DIR"
  _pg_as "$PG_BIN/initdb" -D "$PGDATA_DIR" -U postgres --auth-local=trust \
      --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$VAR/log/initdb.log" 2>&1 \
    || { tail -n 40 "$VAR/log/initdb.log" >&2; die "initdb failed"; }
  # Settings live in an included file the scripts own; ports come on the command line.
  cat >>"$PGDATA_DIR/postgresql.conf" <<'CONF'

# ---- local stack (ops/lib/pg.sh) ----
listen_addresses = '127.0.0.1'
fsync = off
full_page_writes = off
max_connections = 200
shared_buffers = 256MB
log_line_prefix = '%m [%p] %q%u@%d '
log_min_duration_statement = 1000
CONF
  chown postgres:postgres "$PGDATA_DIR/postgresql.conf"
}

# pg_password ROLE: the role's password (generated once).
pg_password() {
  local f="$VAR/secrets/pg-$1.password"
  new_secret "$f" openssl rand -hex 24
  cat "$f"
}

# pg_conninfo ROLE: libpq conninfo of ROLE on database assembly.
pg_conninfo() {
  printf 'host=127.0.0.1 port=%s dbname=%s user=%s password=%s\n' \
    "$PG_PORT" "$PG_DB" "$1" "$(pg_password "$1")"
}

_pg_provision() {
  local -a vars=()
  local r
  for r in "${SERVICES[@]}" "$PG_TEST_ROLE"; do
    vars+=(-v "pw_$r=$(pg_password "$r")")
  done
  _psql_super postgres <<SQL
SELECT 'CREATE DATABASE $PG_DB' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$PG_DB') \gexec
SQL
  {
    echo "REVOKE ALL ON SCHEMA public FROM PUBLIC;"
    echo "REVOKE CREATE ON DATABASE $PG_DB FROM PUBLIC;"
    for r in "${SERVICES[@]}" "$PG_TEST_ROLE"; do
      echo "SELECT 'CREATE ROLE $r LOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$r') \\gexec"
      echo "ALTER ROLE $r LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'pw_$r';"
    done
    for r in "${SERVICES[@]}"; do
      echo "CREATE SCHEMA IF NOT EXISTS $r AUTHORIZATION $r;"
      echo "ALTER SCHEMA $r OWNER TO $r;"
      echo "REVOKE ALL ON SCHEMA $r FROM PUBLIC;"
      echo "ALTER ROLE $r SET search_path = $r;"
    done
    echo "GRANT CREATE ON DATABASE $PG_DB TO $PG_TEST_ROLE;"
  } | _psql_super "$PG_DB" "${vars[@]}"
}

pg_up() {
  _pg_layout
  _pg_initdb
  if ! _pg_running; then
    if port_open "$PG_PORT"; then
      die "postgres: port $PG_PORT is taken by another process (set PG_PORT)"
    fi
    log "postgres: starting on 127.0.0.1:$PG_PORT"
    _pg_ctl -w -t 30 -l "$PG_SERVER_LOG" \
        -o "-p $PG_PORT -k '$PG_SOCKET_DIR'" start >/dev/null 9>&- \
      || { err "postgres did not start"; tail -n 40 "$PG_LOG" >&2; return 1; }
  fi
  wait_for "postgres" 30 "$PG_LOG" \
    "$PG_BIN/pg_isready" -q -h "$PG_SOCKET_DIR" -p "$PG_PORT" || return 1
  _pg_provision
}

pg_down() {
  _pg_layout
  if _pg_running; then
    log "postgres: stopping"
    _pg_ctl -w -t 30 -m fast stop >/dev/null || _pg_ctl -w -t 10 -m immediate stop >/dev/null
  fi
}

# pg_status: prints running/stopped; exit 0 when running.
pg_status() {
  _pg_layout
  if _pg_running; then echo running; else echo stopped; return 1; fi
}
