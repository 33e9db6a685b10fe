# shellcheck shell=bash
# The services of the suite (services/services.txt), built by ops/build into build/bin/<svc>.
#
# Contract with the C++ side (environment of each service):
#   SERVICE_NAME  HTTP_PORT  METRICS_PORT  PG_CONNINFO  PG_SCHEMA  KAFKA_BROKERS
#   KAFKA_SECURITY_PROTOCOL=ssl KAFKA_SSL_CA_FILE KAFKA_SSL_CERTIFICATE_FILE KAFKA_SSL_KEY_FILE
#     (the service's own Kafka principal, <svc>, by its certificate: ops/lib/kafka.sh)
#   OIDC_ISSUER (the local Keycloak's realm, as the gateway serves it) OIDC_JWKS_URI (its key set,
#   fetched directly from Keycloak)
#   TRUSTED_PROXIES (127.0.0.1/32: the local gateway, whose X-Forwarded-For names the caller)
#   JWT_AUDIENCE (the service's own name)
#   PII_KEY_FILE (the current sealing key)  PII_PREVIOUS_KEY_FILES (older ones, still read: a
#   rotation, ops/rotate-keys)  PII_PSEUDONYM_KEY_FILE (the pseudonym key, never rotated)
#   KEYCLOAK_ADMIN_URL KEYCLOAK_REALM KEYCLOAK_CLIENT_ID KEYCLOAK_CLIENT_SECRET_FILE
#   KEYCLOAK_EMAIL_CLIENT_ID KEYCLOAK_EMAIL_REDIRECT_URI (membership: the members' accounts)
#   S3_ENDPOINT S3_REGION S3_BUCKET S3_ACCESS_KEY S3_SECRET_KEY_FILE (the object store of the
#   documents: ops/lib/s3.sh, docs/documents.md)
#   OVERDUE_CHECK_SECONDS (followup; 5 s on the local stack, so the cycle and tests see the
#   service flag overdue reports by itself)
#   notifications (the messages to members, by e-mail; on the local stack to Mailpit,
#   ops/lib/mailpit.sh):
#     SMTP_HOST SMTP_PORT (Mailpit's SMTP port) SMTP_TLS (none | starttls | tls; none here)
#     SMTP_USERNAME SMTP_PASSWORD_FILE SMTP_CA_FILE (optional; none here) MAIL_FROM
#     SITE_URL (the address people open, for the links in messages: the gateway)
#     MEMBERSHIP_URL (membership's base address: a member's delivery details at send time)
#     SORTITION_URL (sortition's base address: an invitation draw's mailing list, for the letters)
#     OIDC_TOKEN_URL NOTIFY_CLIENT_ID NOTIFY_CLIENT_SECRET_FILE (the realm's token endpoint and
#     the confidential client notifications-sender, role notifier, audiences membership and sortition:
#     ops/lib/keycloak.sh)
#     SEND_INTERVAL_MS (500 here) REMINDER_CHECK_SECONDS (5 s here, as OVERDUE_CHECK_SECONDS)
#     SEND_LEASE_SECONDS (15 s here: a message whose sender stopped mid-exchange is uncertain)
#     DEPARTMENT_ADDRESSES SECRETARIAT_ADDRESS (staff mailboxes: an overdue milestone; the cycle's
#     departments here, at paris.example)
# Ready when GET http://127.0.0.1:<port>/readyz answers 200. /metrics (and the probes again) on
# the metrics port only (svc_metrics_port: <SVC>_METRICS_PORT, by default the HTTP port + 10000).
# Log var/log/<svc>.log, pid var/run/<svc>.pid.

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
source "$(dirname "${BASH_SOURCE[0]}")/pg.sh"
source "$(dirname "${BASH_SOURCE[0]}")/kafka.sh"
source "$(dirname "${BASH_SOURCE[0]}")/keycloak.sh"
source "$(dirname "${BASH_SOURCE[0]}")/gateway.sh"
source "$(dirname "${BASH_SOURCE[0]}")/s3.sh"

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
    # The pseudonym key of a stack made before it had a file of its own is the one its sealing
    # key gave (pii_legacy_pseudonym_key): the pseudonyms stay as they were.
    if [[ ! -s "$(pii_pseudonym_key_file "$svc")" && -s "$(pii_key_file "$svc")" ]]; then
      new_secret "$(pii_pseudonym_key_file "$svc")" pii_legacy_pseudonym_key "$(pii_key_file "$svc")"
    fi
    new_secret "$(pii_pseudonym_key_file "$svc")" head -c 32 /dev/urandom
    new_secret "$(pii_key_file "$svc")" head -c 32 /dev/urandom
  done
}

# The service's key files (docs/security.md): the current sealing key, the directory of the older
# ones still read until everything is re-sealed (ops/rotate-keys), the pseudonym key.
pii_key_file()           { printf '%s\n' "$VAR/secrets/pii-$1.key"; }
pii_previous_key_dir()   { printf '%s\n' "$VAR/secrets/pii-$1.previous"; }
pii_pseudonym_key_file() { printf '%s\n' "$VAR/secrets/pseudonym-$1.key"; }
# pii_previous_key_files SVC: the older keys, comma-separated (PII_PREVIOUS_KEY_FILES).
pii_previous_key_files() {
  local dir f out=()
  dir="$(pii_previous_key_dir "$1")"
  if [[ -d "$dir" ]]; then
    for f in "$dir"/*.key; do [[ -e "$f" ]] && out+=("$f"); done
  fi
  (IFS=,; printf '%s\n' "${out[*]}")
}

# pii_legacy_pseudonym_key KEYFILE: the pseudonym key that KEYFILE gave before it had a file of
# its own (libs/pii: crypto_kdf subkey 2 of context "assempii", a BLAKE2b keyed with the key,
# salted with the subkey number, personalised with the context), on stdout.
pii_legacy_pseudonym_key() {
  python3 -c 'import hashlib, sys
master = open(sys.argv[1], "rb").read()
sys.stdout.buffer.write(hashlib.blake2b(b"", digest_size=32, key=master,
    salt=(2).to_bytes(8, "little") + bytes(8), person=b"assempii" + bytes(8)).digest())' "$1"
}

# svc_pg_conninfo SVC: the service's database conninfo; <SVC>_PG_PORT, when set, is the port it
# reaches PostgreSQL on instead of PG_PORT (a proxy in between: the fault matrix's network rows).
svc_pg_conninfo() {
  local v="${1^^}_PG_PORT"
  PG_PORT="${!v:-$PG_PORT}" pg_conninfo "$1"
}

# svc_kafka_brokers SVC: the brokers the service bootstraps from; <SVC>_KAFKA_BROKERS, when set,
# instead of KAFKA_BROKERS (KAFKA_PROXIED_BROKERS, through a proxy: the fault matrix's rows).
svc_kafka_brokers() {
  local v="${1^^}_KAFKA_BROKERS"
  printf '%s\n' "${!v:-$KAFKA_BROKERS}"
}

# svc_env SVC: the service's environment (what ops/stack starts it with), as arguments of env(1)
# in the array SVC_ENV. The tests' static token key (var/stack.env) is not passed on: the
# services verify the identity provider's tokens.
svc_env() {
  local svc="$1"
  SVC_ENV=(-u JWT_PUBLIC_KEY_FILE SERVICE_NAME="$svc" HTTP_PORT="$(svc_port "$svc")"
           METRICS_PORT="$(svc_metrics_port "$svc")"
           PG_CONNINFO="$(svc_pg_conninfo "$svc")" PG_SCHEMA="$svc"
           KAFKA_BROKERS="$(svc_kafka_brokers "$svc")" KAFKA_SECURITY_PROTOCOL=ssl
           KAFKA_SSL_CA_FILE="$(kafka_ca_file)" KAFKA_SSL_CERTIFICATE_FILE="$(kafka_cert_file "$svc")"
           KAFKA_SSL_KEY_FILE="$(kafka_key_file "$svc")"
           OIDC_ISSUER="$OIDC_ISSUER" OIDC_JWKS_URI="$OIDC_JWKS_URI" JWT_AUDIENCE="$svc"
           TRUSTED_PROXIES=127.0.0.1/32
           PII_KEY_FILE="$(pii_key_file "$svc")"
           PII_PREVIOUS_KEY_FILES="$(pii_previous_key_files "$svc")"
           PII_PSEUDONYM_KEY_FILE="$(pii_pseudonym_key_file "$svc")"
           S3_ENDPOINT="$S3_URL" S3_REGION="$S3_REGION" S3_BUCKET="$S3_BUCKET"
           S3_ACCESS_KEY="$S3_ACCESS_KEY" S3_SECRET_KEY_FILE="$S3_SECRET_KEY_FILE"
           OVERDUE_CHECK_SECONDS="${OVERDUE_CHECK_SECONDS:-5}")
  # <SVC>_CLOCK_FILE, when set, names a file that holds how far off the service's own clock is
  # ("+20", "-20" seconds, "+2d"...; libfaketime's syntax), read again each second while it runs:
  # the fault matrix's clock-skew rows. Its monotonic clock is left true.
  local clock="${svc^^}_CLOCK_FILE" faketime
  if [[ -n "${!clock:-}" ]]; then
    faketime="$(compgen -G '/usr/lib/*/faketime/libfaketimeMT.so.1' | head -n 1)" ||
      die "$svc: ${svc^^}_CLOCK_FILE is set but libfaketime is not installed (ops/install)"
    SVC_ENV+=(LD_PRELOAD="$faketime" FAKETIME_TIMESTAMP_FILE="${!clock}"
              FAKETIME_CACHE_DURATION=1 FAKETIME_DONT_FAKE_MONOTONIC=1)
  fi
  # membership makes the members' accounts in the stack's Keycloak (docs/identity.md); without
  # the client's secret (Keycloak never started here), it makes no accounts.
  if [[ "$svc" == membership && -s "$VAR/secrets/keycloak-membership-provisioner.secret" ]]; then
    SVC_ENV+=(KEYCLOAK_ADMIN_URL="$KEYCLOAK_URL" KEYCLOAK_REALM=assembly
              KEYCLOAK_CLIENT_ID=membership-provisioner
              KEYCLOAK_CLIENT_SECRET_FILE="$VAR/secrets/keycloak-membership-provisioner.secret"
              KEYCLOAK_EMAIL_CLIENT_ID=assembly-web
              KEYCLOAK_EMAIL_REDIRECT_URI="http://127.0.0.1:$WEB_PORT/")
  fi
  # notifications sends to the stack's Mailpit, links to the gateway, reads members' delivery
  # details from membership with the token of notifications-sender (its secret made at
  # Keycloak's first start, ops/lib/keycloak.sh).
  if [[ "$svc" == notifications ]]; then
    SVC_ENV+=(SMTP_HOST=127.0.0.1 SMTP_PORT="$SMTP_PORT" SMTP_TLS=none
              MAIL_FROM="Assemblée citoyenne de Paris <assemblee-citoyenne@paris.example>"
              SITE_URL="http://127.0.0.1:$WEB_PORT"
              MEMBERSHIP_URL="$(svc_url membership)" SORTITION_URL="$(svc_url sortition)"
              OIDC_TOKEN_URL="$KEYCLOAK_URL/realms/$KEYCLOAK_REALM/protocol/openid-connect/token"
              NOTIFY_CLIENT_ID=notifications-sender
              NOTIFY_CLIENT_SECRET_FILE="$(keycloak_secret_file notifications-sender)"
              SEND_INTERVAL_MS="${SEND_INTERVAL_MS:-500}"
              REMINDER_CHECK_SECONDS="${REMINDER_CHECK_SECONDS:-5}"
              SEND_LEASE_SECONDS="${SEND_LEASE_SECONDS:-15}"
              DEPARTMENT_ADDRESSES="SG=sg@paris.example,DAC=dac@paris.example,DLH=dlh@paris.example,DVD=dvd@paris.example"
              SECRETARIAT_ADDRESS="secretariat-assemblee@paris.example")
  fi
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
  svc_env "$svc"
  log "$svc: starting on $(svc_url "$svc")"
  printf '\n==== %s start ====\n' "$(date -Is)" >>"$logfile"
  # The inner bash writes its own pid, then becomes the service (exec).
  # Redirections on the whole subshell and `exec`: no shell stays behind
  # holding fd 9 (the ops/stack lock) or anything else.
  # shellcheck disable=SC2016  # $$ and $0 of the inner bash
  (cd "$ROOT" && exec setsid bash -c 'echo $$ >"$0"; exec "$@"' "$pidfile" \
      env "${SVC_ENV[@]}" "$bin") >>"$logfile" 2>&1 </dev/null 9>&- &
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
