# shellcheck shell=bash
# Keycloak, the identity provider of the local stack, from the server distribution ops/install
# unpacks into var/keycloak/dist (Maven Central, version in ops/keycloak/pom.xml).
#
# - Database: its own database `keycloak` and login role `keycloak` in the stack's PostgreSQL
#   (password in var/secrets/pg-keycloak.password).
# - Served at the path /auth, as the gateway (ops/lib/gateway.sh) exposes it: the browser only
#   ever talks to the gateway's origin, http://127.0.0.1:$WEB_PORT/auth. HTTP on
#   127.0.0.1:$KEYCLOAK_PORT/auth only (KEYCLOAK_URL: the admin API, the tools and the tests call
#   it directly); the health endpoints on the management interface,
#   127.0.0.1:$KEYCLOAK_MANAGEMENT_PORT (default KEYCLOAK_PORT + 1), at /health. The hostname is
#   the gateway's full URL (KEYCLOAK_PUBLIC_URL), so the issuer is
#   http://127.0.0.1:$WEB_PORT/auth/realms/assembly however Keycloak is reached; the back-channel
#   URLs of the discovery document (token, key set) follow the address asked
#   (--hostname-backchannel-dynamic), so what calls Keycloak directly stays direct. The gateway's
#   X-Forwarded-* headers are read from 127.0.0.1 only (--proxy-trusted-addresses).
# - Fast start: the build-time options (database kind, health, a local cache: one node, no
#   cluster discovery) are applied once by `kc.sh build` (again when they or the version change:
#   var/keycloak/build.stamp); every start is then `kc.sh start --optimized`. The JVM's class
#   data sharing archive (AppCDS, var/keycloak/cds.jsa) is written when the first Keycloak after a
#   build stops, and makes each later start about a third faster.
# - Administrator of the master realm: `admin`, password in var/secrets/keycloak-admin.password,
#   made by Keycloak's bootstrap on the first start (KC_BOOTSTRAP_ADMIN_*).
# - The realm `assembly` is code: ops/keycloak/realm-assembly.json, rendered with the ports and
#   the client secrets (var/secrets/keycloak-*.secret) into var/keycloak/realm-assembly.json.
#   When the rendered file differs from the one imported last (var/keycloak/realm.imported),
#   the realm is (re)created through the admin API: deleted, then created from the file. Users
#   made meanwhile (test users, members' accounts) go with it; the tools make them again.
# Log var/log/keycloak.log, pid var/run/keycloak.pid.

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
source "$(dirname "${BASH_SOURCE[0]}")/pg.sh"

KEYCLOAK_HOME="$VAR/keycloak"
KEYCLOAK_DIST="$KEYCLOAK_HOME/dist"
KEYCLOAK_LOG="$VAR/log/keycloak.log"
KEYCLOAK_PID="$VAR/run/keycloak.pid"
KEYCLOAK_REALM=assembly
KEYCLOAK_PATH=/auth
KEYCLOAK_URL="http://127.0.0.1:$KEYCLOAK_PORT$KEYCLOAK_PATH"          # direct
KEYCLOAK_PUBLIC_URL="http://127.0.0.1:$WEB_PORT$KEYCLOAK_PATH"        # through the gateway
OIDC_ISSUER="$KEYCLOAK_PUBLIC_URL/realms/$KEYCLOAK_REALM"
# The services fetch the key set directly, not through the gateway.
OIDC_JWKS_URI="$KEYCLOAK_URL/realms/$KEYCLOAK_REALM/protocol/openid-connect/certs"
KEYCLOAK_ADMIN_USER="admin"
KEYCLOAK_ADMIN_PASSWORD_FILE="$VAR/secrets/keycloak-admin.password"
KEYCLOAK_REALM_TEMPLATE="$OPS/keycloak/realm-assembly.json"
KEYCLOAK_REALM_FILE="$KEYCLOAK_HOME/realm-assembly.json"
KEYCLOAK_REALM_STAMP="$KEYCLOAK_HOME/realm.imported"
KEYCLOAK_READY_TIMEOUT=${KEYCLOAK_READY_TIMEOUT:-180}
KEYCLOAK_STOP_GRACE=30
KEYCLOAK_CDS="$KEYCLOAK_HOME/cds.jsa"
KEYCLOAK_CDS_DUMPING="$KEYCLOAK_HOME/cds.dumping"   # the running JVM writes the archive at exit
# The confidential clients of the realm and the files of their secrets.
KEYCLOAK_CLIENTS=(assembly-cycle assembly-tests membership-provisioner notifications-sender)
# The password of the test users the tools make (tools/identity); meets the realm's policy.
KEYCLOAK_TEST_PASSWORD_FILE="$VAR/secrets/keycloak-test-user.password"
# Build-time options (kc.sh build); changing them rebuilds once.
KEYCLOAK_BUILD_OPTS=(--db=postgres --health-enabled=true --cache=local
  --http-relative-path="$KEYCLOAK_PATH" --http-management-relative-path=/)
export KEYCLOAK_URL KEYCLOAK_PUBLIC_URL OIDC_ISSUER OIDC_JWKS_URI KEYCLOAK_REALM

keycloak_secret_file() { printf '%s\n' "$VAR/secrets/keycloak-$1.secret"; }

# The pid file holds kc.sh's pid: the script stays, runs the JVM as its child and forwards
# SIGTERM/SIGINT to it.
_keycloak_running() { pid_alive "$KEYCLOAK_PID" "$KEYCLOAK_DIST/bin/kc.sh"; }

_keycloak_health() {
  curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$KEYCLOAK_MANAGEMENT_PORT/health/ready"
}

_keycloak_secrets() {
  ensure_var_dirs
  local c
  # shellcheck disable=SC2016  # expanded by that sh
  new_secret "$KEYCLOAK_ADMIN_PASSWORD_FILE" sh -c 'openssl rand -hex 16 | tr -d "\n"'
  for c in "${KEYCLOAK_CLIENTS[@]}"; do
    # shellcheck disable=SC2016
    new_secret "$(keycloak_secret_file "$c")" sh -c 'openssl rand -hex 24 | tr -d "\n"'
  done
  # Twelve characters or more, neither the username nor the e-mail (the realm's password policy).
  # shellcheck disable=SC2016
  new_secret "$KEYCLOAK_TEST_PASSWORD_FILE" sh -c 'printf "Tst-%s" "$(openssl rand -hex 12)"'
}

# _keycloak_db: the role and database `keycloak` (PostgreSQL runs).
_keycloak_db() {
  _pg_layout
  _pg_running || die "keycloak: PostgreSQL is not running (ops/stack start postgres)"
  _psql_super postgres -v "pw=$(pg_password keycloak)" <<'SQL'
SELECT 'CREATE ROLE keycloak LOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'keycloak') \gexec
ALTER ROLE keycloak LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'pw';
SELECT 'CREATE DATABASE keycloak OWNER keycloak' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'keycloak') \gexec
REVOKE ALL ON DATABASE keycloak FROM PUBLIC;
SQL
}

_keycloak_build() {
  [[ -f "$KEYCLOAK_DIST/bin/kc.sh" ]] || die "no Keycloak in $KEYCLOAK_DIST: run ops/install"
  local stamp="$KEYCLOAK_HOME/build.stamp" want
  want="$(cat "$KEYCLOAK_DIST/version.txt") ${KEYCLOAK_BUILD_OPTS[*]}"
  [[ -f "$stamp" && "$(<"$stamp")" == "$want" ]] && return 0
  log "keycloak: kc.sh build ${KEYCLOAK_BUILD_OPTS[*]} (once)"
  rm -f "$stamp" "$KEYCLOAK_CDS" "$KEYCLOAK_CDS_DUMPING"
  "$KEYCLOAK_DIST/bin/kc.sh" build "${KEYCLOAK_BUILD_OPTS[@]}" >"$VAR/log/keycloak-build.log" 2>&1 \
    || { tail -n 40 "$VAR/log/keycloak-build.log" >&2; die "keycloak: kc.sh build failed"; }
  printf '%s\n' "$want" >"$stamp"
}

_keycloak_render_realm() {
  local args=(SMTP_PORT="$SMTP_PORT" WEB_PORT="$WEB_PORT"
    CYCLE_SECRET="@$(keycloak_secret_file assembly-cycle)"
    TESTS_SECRET="@$(keycloak_secret_file assembly-tests)"
    PROVISIONER_SECRET="@$(keycloak_secret_file membership-provisioner)"
    NOTIFY_SECRET="@$(keycloak_secret_file notifications-sender)")
  python3 "$OPS/keycloak/render_realm.py" "$KEYCLOAK_REALM_TEMPLATE" "$KEYCLOAK_REALM_FILE" \
    "${args[@]}" >/dev/null || die "keycloak: cannot render $KEYCLOAK_REALM_TEMPLATE"
}

# _keycloak_admin_token: an access token of the master realm's administrator.
_keycloak_admin_token() {
  printf '%s' "$(<"$KEYCLOAK_ADMIN_PASSWORD_FILE")" \
    | curl -fsS --max-time 20 "$KEYCLOAK_URL/realms/master/protocol/openid-connect/token" \
        --data-urlencode grant_type=password --data-urlencode client_id=admin-cli \
        --data-urlencode "username=$KEYCLOAK_ADMIN_USER" --data-urlencode password@- \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])'
}

# _keycloak_import_realm: (re)create the realm when its rendered file changed since the last import.
_keycloak_import_realm() {
  _keycloak_render_realm
  local sum; sum="$(sha256sum "$KEYCLOAK_REALM_FILE" | cut -d' ' -f1)"
  [[ -f "$KEYCLOAK_REALM_STAMP" && "$(<"$KEYCLOAK_REALM_STAMP")" == "$sum" ]] && return 0
  log "keycloak: importing the realm $KEYCLOAK_REALM (ops/keycloak/realm-assembly.json changed or never imported)"
  local tok code out="$VAR/log/keycloak-import.log"
  tok="$(_keycloak_admin_token)" \
    || die "keycloak: cannot sign in as $KEYCLOAK_ADMIN_USER (its password is $KEYCLOAK_ADMIN_PASSWORD_FILE, set at the first start; a new one needs a new var/keycloak database)"
  code="$(curl -sS -o "$out" -w '%{http_code}' --max-time 60 -X DELETE \
    -H "Authorization: Bearer $tok" "$KEYCLOAK_URL/admin/realms/$KEYCLOAK_REALM")"
  [[ "$code" == 204 || "$code" == 404 ]] || { cat "$out" >&2; die "keycloak: deleting the realm answered $code"; }
  code="$(curl -sS -o "$out" -w '%{http_code}' --max-time 120 -X POST \
    -H "Authorization: Bearer $tok" -H 'Content-Type: application/json' \
    --data-binary "@$KEYCLOAK_REALM_FILE" "$KEYCLOAK_URL/admin/realms")"
  [[ "$code" == 201 ]] || { cat "$out" >&2; echo >&2; die "keycloak: creating the realm from $KEYCLOAK_REALM_FILE answered $code"; }
  printf '%s\n' "$sum" >"$KEYCLOAK_REALM_STAMP"
}

# keycloak_start: launch Keycloak unless it runs; does not wait (ops/stack up starts Kafka
# meanwhile). keycloak_wait: wait until it is ready, then import the realm if it changed.
keycloak_start() {
  _keycloak_secrets
  _keycloak_db
  _keycloak_build
  if ! _keycloak_running; then
    local p
    for p in "$KEYCLOAK_PORT" "$KEYCLOAK_MANAGEMENT_PORT"; do
      port_open "$p" && die "keycloak: port $p is taken by another process (set KEYCLOAK_PORT / KEYCLOAK_MANAGEMENT_PORT)"
    done
    log "keycloak: starting on $KEYCLOAK_URL"
    # Class data sharing: use the archive, or have this JVM write it when it exits. A stale or
    # broken archive is refused by the JVM (-Xshare:auto), which then starts without it.
    local cds
    if [[ -s "$KEYCLOAK_CDS" ]]; then
      cds="-XX:SharedArchiveFile=$KEYCLOAK_CDS -Xshare:auto -Xlog:cds=error"
      rm -f "$KEYCLOAK_CDS_DUMPING"
    else
      rm -f "$KEYCLOAK_CDS"
      cds="-XX:ArchiveClassesAtExit=$KEYCLOAK_CDS -Xlog:cds=error"   # not its many warnings
      touch "$KEYCLOAK_CDS_DUMPING"
    fi
    printf '\n==== %s keycloak_up ====\n' "$(date -Is)" >>"$KEYCLOAK_LOG"
    rm -f "$KEYCLOAK_PID"
    # The secrets go through the environment, not the command line.
    # shellcheck disable=SC2016  # $$ and $0 of the inner bash
    (cd "$KEYCLOAK_HOME" && exec setsid bash -c 'echo $$ >"$0"; exec "$@"' "$KEYCLOAK_PID" \
        env KC_DB_PASSWORD="$(pg_password keycloak)" \
            KC_BOOTSTRAP_ADMIN_USERNAME="$KEYCLOAK_ADMIN_USER" \
            KC_BOOTSTRAP_ADMIN_PASSWORD="$(<"$KEYCLOAK_ADMIN_PASSWORD_FILE")" \
            JAVA_OPTS_KC_HEAP="-Xms128m -Xmx768m" JAVA_OPTS_APPEND="$cds" \
        "$KEYCLOAK_DIST/bin/kc.sh" start --optimized \
            --http-enabled=true --http-host=127.0.0.1 --http-port="$KEYCLOAK_PORT" \
            --http-management-port="$KEYCLOAK_MANAGEMENT_PORT" \
            --hostname="$KEYCLOAK_PUBLIC_URL" --hostname-backchannel-dynamic=true \
            --proxy-headers=xforwarded --proxy-trusted-addresses=127.0.0.1/32 \
            --db-url="jdbc:postgresql://127.0.0.1:$PG_PORT/keycloak" --db-username=keycloak \
            --db-pool-initial-size=2 --db-pool-min-size=2 --db-pool-max-size=20 \
            --log-console-color=false --log-level=info,io.smallrye.health:warn \
        ) >>"$KEYCLOAK_LOG" 2>&1 </dev/null 9>&- &
    wait_for "keycloak pid file" 5 "$KEYCLOAK_LOG" test -s "$KEYCLOAK_PID" || return 1
  fi
}

# _keycloak_seed_staff: the local staff accounts of ops/keycloak/staff-local.json, made again when
# that file or the realm changed since they were made (tools/identity/seed.py).
_keycloak_seed_staff() {
  local seed="$OPS/keycloak/staff-local.json" stamp="$KEYCLOAK_HOME/staff.seeded" sum
  sum="$(cat "$seed" "$KEYCLOAK_REALM_STAMP" | sha256sum | cut -d' ' -f1)"
  [[ -f "$stamp" && "$(<"$stamp")" == "$sum" ]] && return 0
  log "keycloak: making the local staff accounts (ops/keycloak/staff-local.json)"
  KEYCLOAK_ASSEMBLY_TESTS_SECRET_FILE="$(keycloak_secret_file assembly-tests)" \
    KEYCLOAK_TEST_PASSWORD_FILE="$KEYCLOAK_TEST_PASSWORD_FILE" \
    PYTHONPATH="$ROOT/tools${PYTHONPATH:+:$PYTHONPATH}" \
    python3 -m identity.seed "$seed" >>"$VAR/log/keycloak-import.log" 2>&1 \
    || { tail -n 5 "$VAR/log/keycloak-import.log" >&2; die "keycloak: the staff accounts could not be made"; }
  printf '%s\n' "$sum" >"$stamp"
}

keycloak_wait() {
  WAIT_PIDFILE="$KEYCLOAK_PID" wait_for "keycloak" "$KEYCLOAK_READY_TIMEOUT" "$KEYCLOAK_LOG" \
    _keycloak_health || return 1
  _keycloak_import_realm
  _keycloak_seed_staff
}

# (Two commands, not `a && b`: errexit must stay in force inside keycloak_start.)
keycloak_up() {
  keycloak_start
  keycloak_wait
}

keycloak_down() {
  if [[ -s "$KEYCLOAK_PID" ]] && ! _keycloak_running; then rm -f "$KEYCLOAK_PID"; fi
  if _keycloak_running; then
    log "keycloak: stopping"
    # kc.sh passes the SIGTERM on to its JVM and waits for it; should it have to be killed, its
    # JVM (its child) is killed too.
    local jvm
    jvm="$(ps -o pid= --ppid "$(<"$KEYCLOAK_PID")" | tr -d ' ' || true)"
    local grace="$KEYCLOAK_STOP_GRACE"
    # Writing the class data sharing archive at exit takes a while.
    [[ -f "$KEYCLOAK_CDS_DUMPING" ]] && grace=120
    stop_pid "$KEYCLOAK_PID" keycloak "$grace"
    rm -f "$KEYCLOAK_CDS_DUMPING"
    if [[ "$jvm" =~ ^[0-9]+$ ]] && kill -0 "$jvm" 2>/dev/null; then
      kill -KILL "$jvm" 2>/dev/null || true
    fi
  fi
}

# keycloak_status: prints running/stopped; exit 0 when running.
keycloak_status() {
  if _keycloak_running; then echo running; else echo stopped; return 1; fi
}
