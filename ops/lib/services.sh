# shellcheck shell=bash
# The five services of the suite, built by ops/build into build/bin/<svc>.
#
# Contract with the C++ side (environment of each service):
#   SERVICE_NAME  HTTP_PORT  METRICS_PORT  PG_CONNINFO  PG_SCHEMA  KAFKA_BROKERS
#   KAFKA_SECURITY_PROTOCOL=ssl KAFKA_SSL_CA_FILE KAFKA_SSL_CERTIFICATE_FILE KAFKA_SSL_KEY_FILE
#     (the service's own Kafka principal, <svc>, by its certificate: ops/lib/kafka.sh)
#   OIDC_ISSUER (the local Keycloak's realm: each service fetches its key set)
#   JWT_AUDIENCE (the service's own name)  PII_KEY_FILE
#   KEYCLOAK_ADMIN_URL KEYCLOAK_REALM KEYCLOAK_CLIENT_ID KEYCLOAK_CLIENT_SECRET_FILE
#   KEYCLOAK_EMAIL_CLIENT_ID KEYCLOAK_EMAIL_REDIRECT_URI (membership: the members' accounts)
#   OVERDUE_CHECK_SECONDS (followup; 5 s on the local stack, so the cycle and tests see the
#   service flag overdue reports by itself)
# Ready when GET http://127.0.0.1:<port>/readyz answers 200. /metrics (and the probes again) on
# the metrics port only (svc_metrics_port: <SVC>_METRICS_PORT, by default the HTTP port + 10000).
# Log var/log/<svc>.log, pid var/run/<svc>.pid.

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
source "$(dirname "${BASH_SOURCE[0]}")/pg.sh"
source "$(dirname "${BASH_SOURCE[0]}")/kafka.sh"
source "$(dirname "${BASH_SOURCE[0]}")/keycloak.sh"

# A locally signed key pair for the tests that start a service of their own with a static key
# (JWT_PUBLIC_KEY_FILE), and for offline tools; the stack's services verify Keycloak's tokens.
# shellcheck disable=SC2034  # written into var/stack.env by ops/stack
JWT_ISSUER=assembly-local
# shellcheck disable=SC2034  # written into var/stack.env by ops/stack
JWT_AUDIENCE=assembly
JWT_PRIVATE_KEY_FILE="$VAR/keys/jwt-private.pem"
JWT_PUBLIC_KEY_FILE="$VAR/keys/jwt-public.pem"
SVC_READY_TIMEOUT=${SVC_READY_TIMEOUT:-30}   # seconds; env override for slow machines
SVC_STOP_GRACE=12

svc_bin()     { printf '%s\n' "$ROOT/build/bin/$1"; }
svc_pidfile() { printf '%s\n' "$VAR/run/$1.pid"; }
svc_log()     { printf '%s\n' "$VAR/log/$1.log"; }
svc_url()     { printf 'http://127.0.0.1:%s\n' "$(svc_port "$1")"; }
svc_metrics_url() { printf 'http://127.0.0.1:%s\n' "$(svc_metrics_port "$1")"; }

# ensure_keys: JWT RSA key pair and one 32-byte PII key per service, made once.
ensure_keys() {
  ensure_var_dirs
  if [[ ! -s "$JWT_PRIVATE_KEY_FILE" ]]; then
    log "keys: generating the JWT RSA 2048 key pair"
    (umask 077; openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 \
        -out "$JWT_PRIVATE_KEY_FILE.tmp" 2>/dev/null) \
      && mv "$JWT_PRIVATE_KEY_FILE.tmp" "$JWT_PRIVATE_KEY_FILE"
    rm -f "$JWT_PUBLIC_KEY_FILE"
  fi
  chmod 600 "$JWT_PRIVATE_KEY_FILE"
  if [[ ! -s "$JWT_PUBLIC_KEY_FILE" ]]; then
    openssl pkey -in "$JWT_PRIVATE_KEY_FILE" -pubout -out "$JWT_PUBLIC_KEY_FILE.tmp" \
      && mv "$JWT_PUBLIC_KEY_FILE.tmp" "$JWT_PUBLIC_KEY_FILE"
    chmod 644 "$JWT_PUBLIC_KEY_FILE"
  fi
  local svc
  for svc in "${SERVICES[@]}"; do
    new_secret "$VAR/secrets/pii-$svc.key" head -c 32 /dev/urandom
  done
}

_svc_running() { pid_alive "$(svc_pidfile "$1")" "build/bin/$1"; }

_svc_ready() { curl -fsS -o /dev/null --max-time 2 "$(svc_url "$1")/readyz"; }

# _svc_start SVC: start SVC in the background unless it runs (restart it when
# its binary is newer than its pid file).
_svc_start() {
  local svc="$1" bin pidfile logfile port metrics_port
  bin="$(svc_bin "$svc")"; pidfile="$(svc_pidfile "$svc")"; logfile="$(svc_log "$svc")"
  port="$(svc_port "$svc")"; metrics_port="$(svc_metrics_port "$svc")"
  [[ -x "$bin" ]] || die "$svc: binary build/bin/$svc is missing (run ops/build; the target must install to build/bin/$svc)"
  if _svc_running "$svc"; then
    if [[ "$bin" -nt "$pidfile" ]]; then
      log "$svc: binary is newer than the running process: restarting"
      svc_down "$svc"
    else
      return 0
    fi
  fi
  rm -f "$pidfile"
  port_open "$port" && die "$svc: port $port is taken by another process (set ${svc^^}_PORT)"
  port_open "$metrics_port" &&
    die "$svc: port $metrics_port is taken by another process (set ${svc^^}_METRICS_PORT)"
  # membership makes the members' accounts in the stack's Keycloak (docs/identity.md).
  local extra=()
  # Without the client's secret (Keycloak never started here), membership makes no accounts.
  if [[ "$svc" == membership && -s "$VAR/secrets/keycloak-membership-provisioner.secret" ]]; then
    extra=(KEYCLOAK_ADMIN_URL="http://127.0.0.1:$KEYCLOAK_PORT" KEYCLOAK_REALM=assembly
           KEYCLOAK_CLIENT_ID=membership-provisioner
           KEYCLOAK_CLIENT_SECRET_FILE="$VAR/secrets/keycloak-membership-provisioner.secret"
           KEYCLOAK_EMAIL_CLIENT_ID=assembly-web
           KEYCLOAK_EMAIL_REDIRECT_URI="http://127.0.0.1:$GATEWAY_PORT/")
  fi
  log "$svc: starting on $(svc_url "$svc")"
  printf '\n==== %s start ====\n' "$(date -Is)" >>"$logfile"
  # The inner bash writes its own pid, then becomes the service (exec).
  # Redirections on the whole subshell and `exec`: no shell stays behind
  # holding fd 9 (the ops/stack lock) or anything else.
  # shellcheck disable=SC2016  # $$ and $0 of the inner bash
  (cd "$ROOT" && exec setsid bash -c 'echo $$ >"$0"; exec "$@"' "$pidfile" \
      env SERVICE_NAME="$svc" HTTP_PORT="$port" METRICS_PORT="$metrics_port" \
          PG_CONNINFO="$(pg_conninfo "$svc")" PG_SCHEMA="$svc" \
          KAFKA_BROKERS="$KAFKA_BROKERS" KAFKA_SECURITY_PROTOCOL=ssl \
          KAFKA_SSL_CA_FILE="$(kafka_ca_file)" KAFKA_SSL_CERTIFICATE_FILE="$(kafka_cert_file "$svc")" \
          KAFKA_SSL_KEY_FILE="$(kafka_key_file "$svc")" \
          OIDC_ISSUER="$OIDC_ISSUER" JWT_AUDIENCE="$svc" \
          PII_KEY_FILE="$VAR/secrets/pii-$svc.key" \
          OVERDUE_CHECK_SECONDS="${OVERDUE_CHECK_SECONDS:-5}" \
          "${extra[@]}" "$bin") >>"$logfile" 2>&1 </dev/null 9>&- &
  wait_for "$svc pid file" 5 "$logfile" test -s "$pidfile"
}

# _svc_wait_ready SVC: wait for /readyz; a service that does not get ready is
# stopped (so it does not hold its port) and the call fails.
_svc_wait_ready() {
  local svc="$1" pidfile; pidfile="$(svc_pidfile "$svc")"
  if ! WAIT_PIDFILE="$pidfile" \
      wait_for "$svc" "$SVC_READY_TIMEOUT" "$(svc_log "$svc")" _svc_ready "$svc"; then
    stop_pid "$pidfile" "$svc" "$SVC_STOP_GRACE"
    return 1
  fi
}

# svc_up SVC...: start the given services (all when none given), wait until ready.
svc_up() {
  local svcs=("$@") svc failed=0
  ((${#svcs[@]})) || svcs=("${SERVICES[@]}")
  ensure_keys
  for svc in "${svcs[@]}"; do
    [[ -x "$(svc_bin "$svc")" ]] || die "$svc: binary build/bin/$svc is missing (run ops/build)"
  done
  for svc in "${svcs[@]}"; do _svc_start "$svc"; done
  for svc in "${svcs[@]}"; do _svc_wait_ready "$svc" || failed=1; done
  return "$failed"
}

# svc_down SVC...: SIGTERM, up to 12 s, then SIGKILL (all when none given; in parallel).
svc_down() {
  local svcs=("$@") svc pids=()
  ((${#svcs[@]})) || svcs=("${SERVICES[@]}")
  for svc in "${svcs[@]}"; do
    if _svc_running "$svc"; then
      log "$svc: stopping"
      stop_pid "$(svc_pidfile "$svc")" "$svc" "$SVC_STOP_GRACE" &
      pids+=($!)
    else
      rm -f "$(svc_pidfile "$svc")"
    fi
  done
  ((${#pids[@]} == 0)) || wait "${pids[@]}"
}

# svc_status SVC: prints running/stopped; exit 0 when running.
svc_status() {
  if _svc_running "$1"; then echo running; else echo stopped; return 1; fi
}

services_up()   { svc_up "${SERVICES[@]}"; }
services_down() { svc_down "${SERVICES[@]}"; }
