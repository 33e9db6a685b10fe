# shellcheck shell=bash
# Sourced by ops/build and ops/lint (after common.sh): the OpenAPI documents as the services
# serve them, and the web application's build.

# export_openapi: var/openapi/<svc>.json from each built service (`<svc> --openapi`).
export_openapi() {
  local out="$VAR/openapi" svc
  mkdir -p "$out"
  rm -f "$out"/*.json
  for svc in "${SERVICES[@]}"; do
    [[ -x "$ROOT/build/bin/$svc" ]] || { err "no build/bin/$svc: build first (ops/build)"; return 1; }
    "$ROOT/build/bin/$svc" --openapi >"$out/$svc.json" || { err "$svc --openapi failed"; return 1; }
  done
}

# build_web: services/web into $BUILD_DIR/web (index.html, assets/ with hashed names), after
# generating its API types from the served documents (tools/openapi/generate.mjs into
# services/web/src/api/generated), type-checking it (tsc) and keeping only the DSFR icons it
# uses (react-dsfr update-icons: the icons' CSS shrinks by a quarter and a thousand files go).
# Skipped when neither its files nor
# the documents changed since the last build (sha256 stamp in var/web-build.stamp). Then the
# site's static pages (accessibility, legal notice, personal data, open data: docs/site.md) are
# written beside it by build/bin/site-pages, every time (they come from the C++ build).
build_web() {
  local web="$ROOT/services/web" out="${BUILD_DIR:-$ROOT/build}/web" stamp="$VAR/web-build.stamp" sum
  [[ -d "$web/node_modules" ]] || die "no services/web/node_modules: run ops/npm-setup (ops/install)"
  export_openapi || die "could not export the OpenAPI documents for the web application"
  sum="$(cd "$ROOT" && { git ls-files -co --exclude-standard services/web | grep -v '^services/web/src/api/generated/' | sort | xargs sha256sum; sha256sum var/openapi/*.json; echo "$out"; } | sha256sum | cut -d' ' -f1)"
  if [[ -f "$out/index.html" && -f "$stamp" && "$(<"$stamp")" == "$sum" ]]; then
    write_site_pages "$out"
    return 0
  fi
  log "building the web application into $out"
  rm -f "$stamp"
  mkdir -p "$VAR/log"
  local weblog="$VAR/log/web-build.log"
  if ! (cd "$web" && rm -rf src/api/generated &&
        node "$ROOT/tools/openapi/generate.mjs" "$VAR/openapi" src/api/generated &&
        npx --no-install tsc -p tsconfig.json &&
        npx --no-install react-dsfr update-icons &&
        OUT_DIR="$out" npx --no-install vite build) >"$weblog" 2>&1; then
    tail -n 40 "$weblog" >&2
    die "the web application did not build (full output: $weblog)"
  fi
  printf '%s\n' "$sum" >"$stamp"
  write_site_pages "$out"
}

# write_site_pages OUT: the static pages as OUT/<path>/index.html (served by try_files).
write_site_pages() {
  [[ -x "$ROOT/build/bin/site-pages" ]] || die "no build/bin/site-pages: build first (ops/build)"
  "$ROOT/build/bin/site-pages" "$1" >/dev/null || die "site-pages could not write the static pages into $1"
}
