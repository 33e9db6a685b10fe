#!/usr/bin/env bash
# Self-test of check-page.mjs: serves fixtures/ on a free loopback port; good.html must pass,
# bad.html must fail and name the rules it breaks. Exit 0 when both behave, 1 otherwise,
# 77 (skipped) when the checker is not set up (run ops/npm-setup).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
CHROMIUM="${A11Y_CHROMIUM:-/usr/bin/chromium}"

skip() { echo "a11y selftest: skipped: $*" >&2; exit 77; }
command -v node >/dev/null || skip "no node (run ops/npm-setup)"
[[ -d "$HERE/node_modules/playwright-core" && -d "$HERE/node_modules/axe-core" ]] || skip "no $HERE/node_modules (run ops/npm-setup)"
[[ -x "$CHROMIUM" ]] || skip "no Chromium at $CHROMIUM (apt-get install chromium)"

tmp="$(mktemp -d)"
server=
cleanup() {
  if [[ -n "$server" ]]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Pick a port by trying: skip ports in use, start the server, keep it if it answers.
for port in $(seq 18700 18799); do
  port_open "$port" && continue
  python3 -m http.server "$port" --bind 127.0.0.1 --directory "$HERE/fixtures" >"$tmp/http.log" 2>&1 &
  server=$!
  for _ in $(seq 50); do
    port_open "$port" && break
    kill -0 "$server" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$server" 2>/dev/null && port_open "$port"; then break; fi
  kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; server=
done
[[ -n "$server" ]] || { cat "$tmp/http.log" >&2; echo "a11y selftest: no free port in 18700-18799" >&2; exit 1; }
base="http://127.0.0.1:$port"
failed=0

echo "== good.html (must pass)"
rc=0
node "$HERE/check-page.mjs" "$base/good.html" --lang fr --expect "Vote des recommandations" \
  --expect "Sessions plénières de l'assemblée" || rc=$?
if ((rc != 0)); then echo "a11y selftest: good.html: exit $rc, expected 0" >&2; failed=1; fi

echo "== bad.html (must fail with image-alt, color-contrast, html-has-lang, label)"
rc=0
node "$HERE/check-page.mjs" "$base/bad.html" >"$tmp/bad.out" || rc=$?
cat "$tmp/bad.out"
if ((rc != 1)); then echo "a11y selftest: bad.html: exit $rc, expected 1" >&2; failed=1; fi
for rule in image-alt color-contrast html-has-lang label; do
  grep -qF "axe $rule (" "$tmp/bad.out" || { echo "a11y selftest: bad.html: rule $rule not reported" >&2; failed=1; }
done
grep -qF 'focused but invisible' "$tmp/bad.out" || { echo "a11y selftest: bad.html: zero-size focused link not reported" >&2; failed=1; }

if ((failed)); then echo "a11y selftest: FAILED"; exit 1; fi
echo "a11y selftest: ok"
