#!/usr/bin/env python3
"""chart_routes.py: for ops/check-charts, the suite's one address as the chart renders it.

  chart_routes.py FILE HEADERS_TXT KIND [--hsts]
      FILE (helm template output) routes, as KIND (httproute or ingress) says:
        /api/<svc> to the Service of each service Deployment rendered in FILE, on that Service's
        `http` port, the prefix stripped (HTTPRoute: URLRewrite ReplacePrefixMatch "/";
        ingress-nginx: the regex path and rewrite-target /$2);
        /auth to Keycloak, / to the web application, both unchanged;
        the public site's pages to the service that renders each, unchanged: the same table as
        the local gateway's (ops/gateway/nginx.conf.template, its `location = /path` and
        `location ^~ /prefix/` blocks with their proxy_pass), for each service rendered;
        the security headers of HEADERS_TXT (and Strict-Transport-Security with --hsts) on the
        site's and the APIs' answers, never on Keycloak's (HTTPRoute: a ResponseHeaderModifier;
        Ingress: ingress-nginx's configuration-snippet, when the Ingress has one).
      Prints what it checked; exits 1 naming what is wrong.

python3-yaml reads the manifests (ops/packages.txt)."""

import os
import re
import sys

import yaml

GATEWAY = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../gateway/nginx.conf.template")


def fail(msg):
    sys.exit(f"chart_routes.py: {msg}")


def headers_of(path, hsts):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line and not line.startswith("#"):
                name, _, value = line.partition(":")
                out.append({"name": name.strip(), "value": value.strip()})
    if hsts:
        out.append({"name": "Strict-Transport-Security", "value": "max-age=31536000; includeSubDomains"})
    return out


def site_table():
    """[(key, service)] of the gateway's site locations: key "=/path" (exact) or "/prefix"."""
    with open(GATEWAY, encoding="utf-8") as f:
        text = f.read()
    out = []
    for op, path, svc in re.findall(r"location (=|\^~) (\S+) \{[^}]*?proxy_pass http://([a-z]+);", text):
        if op == "^~" and path.startswith("/auth"):
            continue
        out.append(("=" + path if op == "=" else path.rstrip("/"), svc))
    if not out:
        fail(f"no site location in {GATEWAY}")
    return out


def services_of(docs):
    """{service name: its http port} of the Services whose Deployment is a service's server."""
    deployments = {d["metadata"]["name"] for d in docs if d.get("kind") == "Deployment"}
    out = {}
    for d in docs:
        if d.get("kind") == "Service" and d["metadata"]["name"] in deployments:
            ports = {p["name"]: p["port"] for p in d["spec"]["ports"]}
            out[d["metadata"]["name"]] = ports["http"]
    return out


def check_httproute(docs, services, headers):
    routes = [d for d in docs if d.get("kind") == "HTTPRoute"]
    if len(routes) != 1:
        fail(f"{len(routes)} HTTPRoutes rendered, 1 expected")
    seen = {}
    for rule in routes[0]["spec"]["rules"]:
        paths = [("=" if m["path"]["type"] == "Exact" else "") + m["path"]["value"] for m in rule["matches"]]
        filters = {f["type"]: f for f in rule.get("filters", [])}
        (backend,) = rule["backendRefs"]
        for path in paths:
            if path in seen:
                fail(f"{path}: matched by two rules")
            seen[path] = backend
        path = paths[0]
        if any(p.startswith("/api/") for p in paths) and len(paths) > 1:
            fail(f"{paths}: an API's rule matches more than its prefix")
        modifier = filters.get("ResponseHeaderModifier", {}).get("responseHeaderModifier", {}).get("set")
        rewrite = filters.get("URLRewrite", {}).get("urlRewrite", {}).get("path")
        if path.startswith("/api/"):
            if rewrite != {"type": "ReplacePrefixMatch", "replacePrefixMatch": "/"}:
                fail(f"{path}: the prefix is not stripped ({rewrite})")
        elif rewrite:
            fail(f"{path}: rewritten ({rewrite})")
        if path == "/auth":
            if modifier:
                fail("/auth: Keycloak's answers get the site's headers")
        elif modifier != headers:
            fail(f"{path}: the security headers are {modifier}, not {headers}")
    return check_backends({p: (b["name"], b["port"]) for p, b in seen.items()}, services)


def check_ingress(docs, services, headers):
    ingresses = [d for d in docs if d.get("kind") == "Ingress"]
    seen = {}
    for ing in ingresses:
        notes = ing["metadata"].get("annotations", {})
        snippet = notes.get("nginx.ingress.kubernetes.io/configuration-snippet")
        for rule in ing["spec"]["rules"]:
            for p in rule["http"]["paths"]:
                path = ("=" if p["pathType"] == "Exact" else "") + p["path"]
                backend = p["backend"]["service"]
                if path.startswith("/api/"):
                    svc_path = path.removesuffix("(/|$)(.*)")
                    if svc_path == path or p["pathType"] != "ImplementationSpecific" or \
                            notes.get("nginx.ingress.kubernetes.io/rewrite-target") != "/$2" or \
                            notes.get("nginx.ingress.kubernetes.io/use-regex") != "true":
                        fail(f"{path}: the prefix is not stripped (ingress-nginx regex and rewrite-target /$2)")
                    path = svc_path
                elif "nginx.ingress.kubernetes.io/rewrite-target" in notes:
                    fail(f"{path}: rewritten")
                seen[path] = (backend["name"], backend["port"]["number"])
                if snippet is not None:
                    if path == "/auth":
                        fail("/auth: Keycloak's answers get the site's headers")
                    want = "".join(f'more_set_headers "{h["name"]}: {h["value"]}";\n' for h in headers)
                    if snippet != want:
                        fail(f"{path}: the snippet's headers are\n{snippet}\nnot\n{want}")
    return check_backends(seen, services)


def check_backends(seen, services):
    for name, port in services.items():
        path = "/api/" + name.rsplit("-", 1)[-1]   # <release>-<svc>, or <svc> (fullnameOverride)
        if seen.get(path) != (name, port):
            fail(f"{path} goes to {seen.get(path)}, not the Service {name}:{port}")
    apis = [p for p in seen if p.startswith("/api/")]
    if len(apis) != len(services):
        fail(f"routes {apis} for the Services {sorted(services)}")
    for path in ("/auth", "/"):
        if path not in seen:
            fail(f"no route for {path}")
    by_short = {name.rsplit("-", 1)[-1]: (name, port) for name, port in services.items()}
    site = [(key, by_short[svc]) for key, svc in site_table() if svc in by_short]
    for key, backend in site:
        if seen.get(key) != backend:
            fail(f"the site's {key} goes to {seen.get(key)}, not the Service {backend[0]}:{backend[1]} (as the gateway)")
    extra = set(seen) - {k for k, _ in site} - {"/auth", "/"} - {p for p in seen if p.startswith("/api/")}
    if extra:
        fail(f"routes the gateway does not have: {sorted(extra)}")
    return len(site)


def main(argv):
    if len(argv) < 4 or argv[3] not in ("httproute", "ingress"):
        sys.exit(__doc__)
    with open(argv[1], encoding="utf-8") as f:
        docs = [d for d in yaml.safe_load_all(f) if d]
    headers = headers_of(argv[2], "--hsts" in argv[4:])
    services = services_of(docs)
    if not services:
        fail("no service rendered")
    pages = (check_httproute if argv[3] == "httproute" else check_ingress)(docs, services, headers)
    print(f"{argv[3]}: /api/<service> to {', '.join(sorted(services))}; /auth; {pages} site paths; /; {len(headers)} headers")


if __name__ == "__main__":
    main(sys.argv)
