#!/usr/bin/env bash
# gateway_e2e: the local stack's gateway (ops/lib/gateway.sh, docs/gateway.md), one address for all:
#   - each route reaches its target: /api/<service>/openapi.json and /healthz of every service of
#     services/services.txt (the document the service serves directly), /auth/ Keycloak, whose
#     discovery document names the gateway's URL as issuer, the same when asked directly, and
#     whose tokens, fetched through the gateway or directly, carry that issuer and are accepted by
#     a service called through the gateway;
#   - the site's security headers (CSP without 'unsafe-inline', nosniff, frame-ancestors 'none',
#     a referrer policy, Permissions-Policy; no HSTS without TLS in front), Keycloak's pages with
#     their own; gzip (and brotli when the module is installed);
#   - / and /en/ the site's home (membership's page); the web application or the placeholder page
#     at /index.html, the same for an unknown path below / (a
#     single-page application's fallback);
#   - a second gateway of the same template, run by this test on its own port in front of an echo
#     server and of a web application folder of its own: hashed assets cached a year (immutable),
#     index.html revalidated, the fallback; X-Forwarded-For, X-Forwarded-Proto and Forwarded
#     written from the real peer whatever the client sent; behind TLS (GATEWAY_BEHIND_TLS) HSTS
#     and "https"; without a built application, the placeholder.
#
# Run by ctest from ops/test, whose environment has var/stack.env sourced; by hand:
#   source var/stack.env && bash tests/e2e/gateway_test.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
if [[ -z "${GATEWAY_URL:-}" || -z "${KEYCLOAK_URL:-}" ]]; then
  [[ -f "$ROOT/var/stack.env" ]] || { echo "FAIL: no var/stack.env: start the stack (ops/stack up)" >&2; exit 1; }
  set +u
  # shellcheck source=/dev/null  # written by ops/stack up
  source "$ROOT/var/stack.env"
  set -u
fi

fail() { echo "FAIL: $*" >&2; exit 1; }
ok() { echo "ok: $*"; }
work="$(mktemp -d)"
chmod 755 "$work"   # the second gateway runs as www-data when this runs as root
echo_pid=
cleanup() {
  if [[ -s "$work/gw/pid" ]]; then kill -QUIT "$(<"$work/gw/pid")" 2>/dev/null || true; fi
  if [[ -n "$echo_pid" ]]; then kill "$echo_pid" 2>/dev/null || true; fi
  sleep 0.5
  rm -rf "$work"
}
trap cleanup EXIT
G="$GATEWAY_URL"
BUILD_DIR="${BUILD_DIR:-$ROOT/build}"   # the gateway serves $BUILD_DIR/web

# header FILE NAME: the value of header NAME in a curl -D dump (the last one when several).
header() { tr -d '\r' <"$1" | awk -v n="$(tr '[:upper:]' '[:lower:]' <<<"$2")" -F': ' \
  'tolower($1) == n { v = substr($0, length($1) + 3) } END { print v }'; }
# json FILE EXPR: a field of a JSON file (a Python expression on `d`).
json() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"; }

# ---- each route reaches its target -----------------------------------------------------------
mapfile -t services < <(awk '!/^#/ && NF { print $1 }' "$ROOT/services/services.txt")
((${#services[@]} > 0)) || fail "no service in services/services.txt"
for svc in "${services[@]}"; do
  direct_var="${svc^^}_URL"
  code="$(curl -sS -o "$work/$svc.gw" -w '%{http_code}' "$G/api/$svc/openapi.json")"
  [[ "$code" == 200 ]] || fail "$G/api/$svc/openapi.json answered $code"
  curl -fsS -o "$work/$svc.direct" "${!direct_var}/openapi.json"
  cmp -s "$work/$svc.gw" "$work/$svc.direct" \
    || fail "/api/$svc/openapi.json is not the document ${!direct_var}/openapi.json serves"
  code="$(curl -sS -o /dev/null -w '%{http_code}' "$G/api/$svc/healthz")"
  [[ "$code" == 200 ]] || fail "$G/api/$svc/healthz answered $code"
done
ok "/api/<service>/ reaches each of ${services[*]} with the prefix stripped"

curl -fsS -o "$work/disc-gw.json" "$G/auth/realms/$KEYCLOAK_REALM/.well-known/openid-configuration" \
  || fail "no discovery document at $G/auth/realms/$KEYCLOAK_REALM/.well-known/openid-configuration"
issuer="$(json "$work/disc-gw.json" 'd["issuer"]')"
[[ "$issuer" == "$G/auth/realms/$KEYCLOAK_REALM" ]] \
  || fail "the issuer through the gateway is $issuer, not $G/auth/realms/$KEYCLOAK_REALM"
[[ "$issuer" == "$OIDC_ISSUER" ]] || fail "the issuer $issuer is not OIDC_ISSUER ($OIDC_ISSUER)"
[[ "$(json "$work/disc-gw.json" 'd["authorization_endpoint"]')" == "$issuer/"* ]] \
  || fail "the authorization endpoint is not under the gateway's URL"
curl -fsS -o "$work/disc-direct.json" "$KEYCLOAK_URL/realms/$KEYCLOAK_REALM/.well-known/openid-configuration"
[[ "$(json "$work/disc-direct.json" 'd["issuer"]')" == "$issuer" ]] \
  || fail "asked directly, Keycloak names another issuer: $(json "$work/disc-direct.json" 'd["issuer"]')"
[[ "$(json "$work/disc-direct.json" 'd["token_endpoint"]')" == "$KEYCLOAK_URL/"* ]] \
  || fail "asked directly, the token endpoint is not direct (--hostname-backchannel-dynamic)"
ok "/auth/ reaches Keycloak; the issuer is $issuer through the gateway and directly"

# A token through the gateway (client credentials of assembly-tests) and one directly (ops/token):
# both of the one issuer, and accepted by a service through the gateway.
secret="$(<"$KEYCLOAK_ASSEMBLY_TESTS_SECRET_FILE")"
curl -fsS -o "$work/token.json" -u "assembly-tests:$secret" -d grant_type=client_credentials \
  "$G/auth/realms/$KEYCLOAK_REALM/protocol/openid-connect/token" \
  || fail "no token from the token endpoint through the gateway"
claims() {
  python3 -c 'import base64,json,sys; p=sys.argv[1].split(".")[1]; print(json.loads(base64.urlsafe_b64decode(p+"="*(-len(p)%4)))["iss"])' "$1"
}
[[ "$(claims "$(json "$work/token.json" 'd["access_token"]')")" == "$issuer" ]] \
  || fail "a token fetched through the gateway names another issuer"
direct_token="$("$ROOT/ops/token" secretariat gateway-e2e)"
[[ "$(claims "$direct_token")" == "$issuer" ]] || fail "a token fetched directly names another issuer"
code="$(curl -sS -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $direct_token" \
  "$G/api/sortition/v1/quota-sets/00000000-0000-4000-8000-000000000000")"
[[ "$code" == 404 ]] || fail "a secretariat token through the gateway: $code, not 404 (unknown quota set)"
ok "tokens fetched through the gateway and directly name $issuer; sortition accepts them"

# ---- headers, compression ----------------------------------------------------------------------
curl -fsS -D "$work/root.h" -o "$work/root.html" "$G/"
csp="$(header "$work/root.h" Content-Security-Policy)"
[[ -n "$csp" ]] || fail "no Content-Security-Policy on /"
[[ "$csp" != *unsafe-inline* && "$csp" != *unsafe-eval* ]] || fail "the CSP allows unsafe code: $csp"
for d in "script-src 'self'" "style-src 'self'" "img-src 'self' data:" "connect-src 'self'" \
         "frame-ancestors 'none'" "base-uri 'self'" "form-action 'self'"; do
  [[ "$csp" == *"$d"* ]] || fail "the CSP lacks $d: $csp"
done
[[ "$(header "$work/root.h" X-Content-Type-Options)" == nosniff ]] || fail "no X-Content-Type-Options: nosniff"
[[ "$(header "$work/root.h" Referrer-Policy)" == strict-origin-when-cross-origin ]] || fail "no referrer policy"
[[ "$(header "$work/root.h" Permissions-Policy)" == *"camera=()"* ]] || fail "no Permissions-Policy"
[[ -z "$(header "$work/root.h" Strict-Transport-Security)" ]] || fail "HSTS sent with no TLS in front"
[[ -z "$(header "$work/root.h" Server)" || "$(header "$work/root.h" Server)" == nginx ]] \
  || fail "the Server header names a version: $(header "$work/root.h" Server)"
curl -fsS -D "$work/api.h" -o /dev/null "$G/api/followup/openapi.json"
[[ "$(header "$work/api.h" X-Content-Type-Options)" == nosniff ]] || fail "no nosniff on the APIs"
ok "security headers on the site and the APIs (CSP: $csp)"

# Keycloak's sign-in page keeps its own headers (its CSP lets it be framed by itself).
curl -fsS -D "$work/kc.h" -o "$work/kc.html" -G \
  --data-urlencode client_id=assembly-web --data-urlencode response_type=code \
  --data-urlencode "redirect_uri=$G/callback" --data-urlencode scope=openid \
  --data-urlencode code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM \
  --data-urlencode code_challenge_method=S256 \
  "$issuer/protocol/openid-connect/auth" || fail "no sign-in page through the gateway"
grep -q 'kc-form-login\|id="kc-' "$work/kc.html" || fail "the sign-in page is not Keycloak's"
kc_csp="$(header "$work/kc.h" Content-Security-Policy)"
[[ "$kc_csp" == *"frame-ancestors 'self'"* ]] || fail "Keycloak's page lost its own CSP: '$kc_csp'"
[[ "$kc_csp" != *"frame-ancestors 'none'"* ]] || fail "the site's CSP was added to Keycloak's page"
grep -q "action=\"$issuer/" "$work/kc.html" || fail "the sign-in form does not post to the gateway's URL"
ok "Keycloak's sign-in page through the gateway, with its own headers, posting to $issuer"

curl -fsS -D "$work/gz.h" -o /dev/null -H 'Accept-Encoding: gzip' "$G/api/sortition/openapi.json"
[[ "$(header "$work/gz.h" Content-Encoding)" == gzip ]] || fail "no gzip for an API's JSON"
if [[ -f /usr/lib/nginx/modules/ngx_http_brotli_filter_module.so ]]; then
  curl -fsS -D "$work/br.h" -o /dev/null -H 'Accept-Encoding: br' "$G/api/sortition/openapi.json"
  [[ "$(header "$work/br.h" Content-Encoding)" == br ]] || fail "no brotli though its module is installed"
  ok "gzip and brotli"
else
  ok "gzip (no brotli module installed)"
fi

# ---- the site's home, the application or the placeholder, and the fallback ----------------------
# / is the public site's home, which membership renders (docs/site.md); the rest is the web
# application's.
if ! grep -q '<html lang="fr"' "$work/root.html" || ! grep -q 'Les assemblées citoyennes' "$work/root.html"; then
  fail "/ is not the site's home (membership's page)"
fi
curl -fsS -o "$work/root-en.html" "$G/en/"
grep -q '<html lang="en"' "$work/root-en.html" || fail "/en/ is not the site's English home"
ok "/ and /en/: the site's home, from membership"
curl -fsS -o "$work/index.html" "$G/index.html"
curl -fsS -o "$work/deep.html" "$G/membres/mon-espace"
cmp -s "$work/index.html" "$work/deep.html" || fail "an unknown path below / is not served /index.html (no fallback)"
if [[ -f "$BUILD_DIR/web/index.html" ]]; then
  cmp -s "$work/index.html" "$BUILD_DIR/web/index.html" || fail "/index.html is not \$BUILD_DIR/web/index.html"
  ok "the web application's index.html at /index.html and at an unknown path"
else
  grep -q 'pas encore construit' "$work/index.html" || fail "no placeholder page (no \$BUILD_DIR/web)"
  ok "the placeholder page at /index.html and at an unknown path (the web application is not built)"
fi

# ---- a second gateway of the same template ---------------------------------------------------
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
echo_port="$(free_port)"
# An upstream answering with the request headers it got, as JSON.
python3 - "$echo_port" >"$work/echo.log" 2>&1 <<'PY' &
import http.server, json, sys
class Echo(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_GET(self):
        body = json.dumps({"path": self.path, "headers": {k.lower(): v for k, v in self.headers.items()}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Echo).serve_forever()
PY
echo_pid=$!
for _ in $(seq 50); do curl -fsS -o /dev/null "http://127.0.0.1:$echo_port/" 2>/dev/null && break; sleep 0.1; done

# second_gateway BUILD_DIR BEHIND_TLS: (re)starts it; every service's upstream is the echo server.
second_port="$(free_port)"
second_gateway() {
  if [[ -s "$work/gw/pid" ]]; then
    kill -QUIT "$(<"$work/gw/pid")" 2>/dev/null || true
    for _ in $(seq 50); do [[ -e "/proc/$(<"$work/gw/pid")" ]] || break; sleep 0.1; done
  fi
  rm -rf "$work/gw"; mkdir -p "$work/gw"
  local ports=() svc
  for svc in "${services[@]}"; do ports+=("${svc^^}_PORT=$echo_port"); done
  # shellcheck disable=SC2016  # $1 of the inner bash
  env "${ports[@]}" WEB_PORT="$second_port" BUILD_DIR="$1" GATEWAY_BEHIND_TLS="$2" \
    GATEWAY_DIR="$work/gw" GATEWAY_LOG="$work/gw.log" GATEWAY_PID="$work/gw/pid" \
    bash -c 'source "$1/ops/lib/gateway.sh" && gateway_up' _ "$ROOT" \
    || fail "the second gateway did not start (log: $(tail -n 5 "$work/gw.log" 2>/dev/null))"
}
S="http://127.0.0.1:$second_port"

# A built application of its own: index.html, a hashed asset.
app="$work/build"; mkdir -p "$app/web/assets"
printf '<!doctype html><title>app</title><script type="module" src="/assets/index-4f3a9c1e.js"></script>\n' >"$app/web/index.html"
printf 'console.log("app");\n' >"$app/web/assets/index-4f3a9c1e.js"
mkdir -p "$app/web/accessibilite"
printf '<!doctype html><title>static</title>\n' >"$app/web/accessibilite/index.html"
chmod -R a+rX "$app"
second_gateway "$app" false
curl -fsS -o "$work/home.json" "$S/"
grep -q '"path": "/"' "$work/home.json" || fail "/ does not reach the service (membership's home): $(head -c 200 "$work/home.json")"
curl -fsS -o "$work/static.html" "$S/accessibilite"
cmp -s "$work/static.html" "$app/web/accessibilite/index.html" || fail "a static page (<path>/index.html) is not served at its path"
curl -fsS -D "$work/idx.h" -o "$work/idx.html" "$S/index.html"
cmp -s "$work/idx.html" "$app/web/index.html" || fail "the second gateway does not serve the built index.html"
[[ "$(header "$work/idx.h" Cache-Control)" == no-cache ]] || fail "index.html is not revalidated (Cache-Control: no-cache)"
curl -fsS -o "$work/idx2.html" "$S/decisions/2026/conseil"
cmp -s "$work/idx2.html" "$app/web/index.html" || fail "no index.html for an unknown path of the application"
curl -fsS -D "$work/asset.h" -o /dev/null "$S/assets/index-4f3a9c1e.js"
[[ "$(header "$work/asset.h" Cache-Control)" == *max-age=31536000*immutable* ]] \
  || fail "a hashed asset is not cached a year as immutable: $(header "$work/asset.h" Cache-Control)"
[[ -n "$(header "$work/asset.h" Content-Security-Policy)" ]] || fail "no CSP on an asset"
code="$(curl -sS -o /dev/null -w '%{http_code}' "$S/assets/missing-00000000.js")"
[[ "$code" == 404 ]] || fail "a missing asset answered $code, not 404 (no fallback to index.html)"
ok "a built application: index.html revalidated, hashed assets immutable, the fallback, 404 for a missing asset"

# What the services are told about the caller, whatever the client wrote.
curl -fsS --interface 127.0.0.2 -o "$work/echo.json" \
  -H 'X-Forwarded-For: 198.51.100.66' -H 'Forwarded: for=198.51.100.67' \
  -H 'X-Forwarded-Proto: https' -H 'X-Real-IP: 198.51.100.68' \
  "$S/api/${services[0]}/v1/something?x=1" || fail "no answer through the second gateway"
[[ "$(json "$work/echo.json" 'd["path"]')" == "/v1/something?x=1" ]] \
  || fail "the prefix is not stripped: $(json "$work/echo.json" 'd["path"]')"
[[ "$(json "$work/echo.json" 'd["headers"]["x-forwarded-for"]')" == 127.0.0.2 ]] \
  || fail "X-Forwarded-For is not the peer's own: $(json "$work/echo.json" 'd["headers"]["x-forwarded-for"]')"
[[ "$(json "$work/echo.json" 'd["headers"]["forwarded"]')" == "for=127.0.0.2;proto=http" ]] \
  || fail "Forwarded is not the peer's own: $(json "$work/echo.json" 'd["headers"]["forwarded"]')"
[[ "$(json "$work/echo.json" 'd["headers"]["x-forwarded-proto"]')" == http ]] || fail "X-Forwarded-Proto kept the client's"
[[ "$(json "$work/echo.json" 'd["headers"]["x-real-ip"]')" == 127.0.0.2 ]] || fail "X-Real-IP kept the client's"
ok "X-Forwarded-For, Forwarded, X-Forwarded-Proto, X-Real-IP replaced by the peer's (127.0.0.2)"

# Behind TLS, and without a built application.
second_gateway "$work/nothing-built" true
curl -fsS -D "$work/tls.h" -o "$work/tls.html" "$S/index.html"
[[ "$(header "$work/tls.h" Strict-Transport-Security)" == *max-age=* ]] || fail "no HSTS behind TLS"
grep -q 'pas encore construit' "$work/tls.html" || fail "no placeholder page when the application is not built"
curl -fsS -o "$work/tls2.html" "$S/une/page/inconnue"
cmp -s "$work/tls.html" "$work/tls2.html" || fail "the placeholder is not served for an unknown path"
curl -fsS -o "$work/echo.json" "$S/api/${services[0]}/x"
[[ "$(json "$work/echo.json" 'd["headers"]["x-forwarded-proto"]')" == https ]] || fail "behind TLS, not told https"
[[ "$(json "$work/echo.json" 'd["headers"]["forwarded"]')" == "for=127.0.0.1;proto=https" ]] \
  || fail "behind TLS, Forwarded: $(json "$work/echo.json" 'd["headers"]["forwarded"]')"
ok "behind TLS: HSTS and https; without a built application: the placeholder, with the fallback"
echo "gateway_e2e: all checks passed"
