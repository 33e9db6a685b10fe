# shellcheck shell=bash
# The gateway: nginx (Debian package) on 127.0.0.1:$WEB_PORT, the one address of the local stack
# (docs/gateway.md):
#   /api/<service>/...  each service of services/services.txt, the prefix stripped
#   /auth/...           Keycloak (which serves itself at /auth: ops/lib/keycloak.sh)
#   anything else       the web application built into $BUILD_DIR/web (index.html for unknown
#                       paths), or the placeholder page of ops/gateway/placeholder until it is built
# The configuration is rendered from ops/gateway/*.template into var/gateway/ at each start.
# Settings: GATEWAY_BEHIND_TLS=true when a TLS terminator forwards to the gateway (then it tells
# the services and Keycloak "https" and sends Strict-Transport-Security); brotli when the Debian
# module libnginx-mod-http-brotli-filter is installed, gzip always.
# Unprivileged: run as the calling user, or as www-data when that is root (nginx's master would
# otherwise keep root). Log var/log/gateway.log (errors and accesses), pid var/run/gateway.pid.

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# (GATEWAY_DIR, GATEWAY_LOG and GATEWAY_PID may be set: tests/e2e/gateway_test.sh runs a
# second gateway of its own.)
: "${GATEWAY_DIR:=$VAR/gateway}"
: "${GATEWAY_LOG:=$VAR/log/gateway.log}"
: "${GATEWAY_PID:=$VAR/run/gateway.pid}"
GATEWAY_URL="http://127.0.0.1:$WEB_PORT"
GATEWAY_USER=www-data                      # when started by root
GATEWAY_HEADERS="$ROOT/charts/assembly-suite/files/gateway/security-headers.txt"
GATEWAY_HSTS="max-age=31536000; includeSubDomains"
GATEWAY_BROTLI_MODULE=/usr/lib/nginx/modules/ngx_http_brotli_filter_module.so
: "${GATEWAY_BEHIND_TLS:=false}"
export GATEWAY_URL

_gateway_running() { pid_alive "$GATEWAY_PID" nginx; }

# Ready when nginx itself answers: /index.html is the web application's (or the placeholder's);
# `/` is the site's home, which membership renders, and the services start after the gateway.
_gateway_ready() { curl -fsS -o /dev/null --max-time 2 "$GATEWAY_URL/index.html"; }

# _gateway_fill TEMPLATE NAME=VALUE...: the template with every @NAME@ replaced by VALUE.
_gateway_fill() {
  local template="$1" text pair
  text="$(<"$template")"; shift
  shopt -u patsub_replacement 2>/dev/null || true   # "&" in a value stays "&"
  for pair in "$@"; do
    text="${text//@${pair%%=*}@/${pair#*=}}"
  done
  [[ "$text" != *@[A-Z_]*@* ]] || die "gateway: a placeholder is left in $template: $(grep -o '@[A-Z_]*@' <<<"$text" | head -n 1)"
  printf '%s\n' "$text"
}

# _gateway_headers HSTS: the add_header lines of the security headers (the one list the charts
# send too: charts/assembly-suite/files/gateway/security-headers.txt), and HSTS's when not empty.
# Included by each location that adds a header of its own (nginx then drops the server's).
_gateway_headers() {
  local line name value
  while IFS= read -r line; do
    [[ -z "$line" || "$line" == \#* ]] && continue
    name="${line%%:*}"; value="${line#*: }"
    printf 'add_header %s "%s" always;\n' "$name" "$value"
  done <"$GATEWAY_HEADERS"
  if [[ -n "$1" ]]; then printf 'add_header Strict-Transport-Security "%s" always;\n' "$1"; fi
}

# gateway_render: var/gateway/nginx.conf and headers.conf from ops/gateway/*.template.
gateway_render() {
  # shellcheck disable=SC2016  # nginx's $scheme
  local tpl="$OPS/gateway" proto='$scheme' hsts='' modules='' brotli='' svc
  case "$GATEWAY_BEHIND_TLS" in
    true|1|yes) proto=https hsts="$GATEWAY_HSTS" ;;
    false|0|no|'') ;;
    *) die "gateway: GATEWAY_BEHIND_TLS must be true or false, not '$GATEWAY_BEHIND_TLS'" ;;
  esac
  if [[ -f "$GATEWAY_BROTLI_MODULE" ]]; then
    modules="load_module $GATEWAY_BROTLI_MODULE;"
    brotli='  brotli on;
  brotli_comp_level 5;
  brotli_types text/plain text/css text/csv text/xml application/javascript application/json
               application/problem+json application/xml image/svg+xml text/calendar;'
  fi
  local upstreams='' locations=''
  for svc in "${SERVICES[@]}"; do
    upstreams+="$(_gateway_fill "$tpl/upstream.conf.template" SERVICE="$svc" PORT="$(svc_port "$svc")")"$'\n'
    locations+="$(_gateway_fill "$tpl/service.conf.template" SERVICE="$svc" GATEWAY_DIR="$GATEWAY_DIR")"$'\n'
  done
  mkdir -p "$GATEWAY_DIR/tmp"
  _gateway_headers "$hsts" >"$GATEWAY_DIR/headers.conf"
  _gateway_fill "$tpl/nginx.conf.template" LOAD_MODULES="$modules" BROTLI="$brotli" \
    UPSTREAMS="$upstreams" API_LOCATIONS="$locations" GATEWAY_DIR="$GATEWAY_DIR" \
    ACCESS_LOG="$GATEWAY_LOG" PROTO="$proto" KEYCLOAK_PORT="$KEYCLOAK_PORT" WEB_PORT="$WEB_PORT" \
    WEB_ROOT="$BUILD_DIR/web" PLACEHOLDER_ROOT="$tpl/placeholder" >"$GATEWAY_DIR/nginx.conf"
}

gateway_up() {
  command -v nginx >/dev/null || die "gateway: no nginx (ops/install installs it)"
  ensure_var_dirs
  if ! _gateway_running; then
    port_open "$WEB_PORT" && die "gateway: port $WEB_PORT is taken by another process (set WEB_PORT)"
    gateway_render
    touch "$GATEWAY_LOG"
    local as=()   # nginx as the caller, or as www-data for root
    if ((EUID == 0)); then
      as=(setpriv --reuid="$GATEWAY_USER" --regid="$GATEWAY_USER" --clear-groups)
      chown -R "$GATEWAY_USER:" "$GATEWAY_DIR" "$GATEWAY_LOG"
    fi
    "${as[@]}" nginx -q -t -p "$GATEWAY_DIR" -c "$GATEWAY_DIR/nginx.conf" -e stderr \
      >>"$GATEWAY_LOG" 2>&1 \
      || { tail -n 20 "$GATEWAY_LOG" >&2; die "gateway: nginx refuses var/gateway/nginx.conf"; }
    log "gateway: starting on $GATEWAY_URL/"
    printf '\n==== %s gateway_up ====\n' "$(date -Is)" >>"$GATEWAY_LOG"
    rm -f "$GATEWAY_PID"
    # shellcheck disable=SC2016  # $$ and $0 of the inner bash
    (cd "$GATEWAY_DIR" && exec setsid bash -c 'echo $$ >"$0"; exec "$@"' "$GATEWAY_PID" \
        "${as[@]}" nginx -p "$GATEWAY_DIR" -c "$GATEWAY_DIR/nginx.conf" -e stderr \
    ) >>"$GATEWAY_LOG" 2>&1 </dev/null 9>&- &
    wait_for "gateway pid file" 5 "$GATEWAY_LOG" test -s "$GATEWAY_PID" || return 1
  fi
  WAIT_PIDFILE="$GATEWAY_PID" wait_for gateway 20 "$GATEWAY_LOG" _gateway_ready
}

gateway_down() {
  if _gateway_running; then
    log "gateway: stopping"
    # SIGQUIT: nginx finishes the requests in flight, then exits.
    kill -QUIT "$(<"$GATEWAY_PID")" 2>/dev/null || true
    local deadline=$((SECONDS + 10))
    while _gateway_running && ((SECONDS < deadline)); do sleep 0.2; done
  fi
  stop_pid "$GATEWAY_PID" gateway 5
}

# gateway_status: prints running/stopped; exit 0 when running.
gateway_status() {
  if _gateway_running; then echo running; else echo stopped; return 1; fi
}
