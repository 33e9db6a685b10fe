#!/usr/bin/env python3
"""chart_network.py RENDERED.yaml...: for ops/check-charts, in each rendered case every service
Deployment serves /metrics on its own port (container port `metrics`, METRICS_PORT in its
ConfigMap, a `metrics` port on its Service, the ServiceMonitor scraping that port), and, when
PostgreSQL's CA is given, verify-full with the CA mounted; when the case renders NetworkPolicies, one of them selects the Deployment's pods with both policy
types (default deny, ingress and egress) and lets the metrics port in from namespaces only.
With --require-policy, a case without that NetworkPolicy is a problem (the defaults).
Prints the problems, exits 1 if any."""

import sys

import yaml

METRICS_PORT = 9464


def docs(path):
    with open(path) as f:
        return [d for d in yaml.safe_load_all(f) if isinstance(d, dict) and d.get("kind")]


def selects(selector, labels):
    return all(labels.get(k) == v for k, v in (selector or {}).get("matchLabels", {}).items())


def check(path, require_policy):
    problems = []
    objects = docs(path)
    by_kind = {}
    for o in objects:
        by_kind.setdefault(o["kind"], []).append(o)
    for dep in by_kind.get("Deployment", []):
        name = dep["metadata"]["name"]
        where = f"{path}: Deployment {name}"
        pod = dep["spec"]["template"]
        labels = pod["metadata"].get("labels", {})
        ports = {p.get("name"): p.get("containerPort")
                 for c in pod["spec"]["containers"] for p in c.get("ports", [])}
        if ports.get("metrics") != METRICS_PORT:
            problems.append(f"{where}: no container port `metrics` {METRICS_PORT}")
        cms = [c for c in by_kind.get("ConfigMap", []) if c["metadata"]["name"] == name]
        if not cms or cms[0].get("data", {}).get("METRICS_PORT") != str(METRICS_PORT):
            problems.append(f"{where}: its ConfigMap does not set METRICS_PORT={METRICS_PORT}")
        svcs = [s for s in by_kind.get("Service", []) if selects(
            {"matchLabels": s["spec"].get("selector", {})}, labels)]
        if not any(p.get("name") == "metrics" and p.get("targetPort") == "metrics"
                   for s in svcs for p in s["spec"]["ports"]):
            problems.append(f"{where}: no Service port `metrics`")
        for sm in by_kind.get("ServiceMonitor", []):
            if sm["metadata"]["name"] == name and any(
                    e.get("port") != "metrics" for e in sm["spec"]["endpoints"]):
                problems.append(f"{where}: its ServiceMonitor scrapes another port than `metrics`")
        data = cms[0].get("data", {}) if cms else {}
        if data.get("PGSSLROOTCERT"):
            mounts = {m["name"]: m["mountPath"] for c in pod["spec"]["containers"]
                      for m in c.get("volumeMounts", [])}
            if data.get("PGSSLMODE") != "verify-full" or mounts.get("pg-ca") != "/etc/assembly/pg-ca" \
                    or data["PGSSLROOTCERT"] != "/etc/assembly/pg-ca/ca.crt":
                problems.append(f"{where}: PostgreSQL's CA given, but not verify-full with it mounted")
        policies = [p for p in by_kind.get("NetworkPolicy", [])
                    if selects(p["spec"].get("podSelector"), labels)]
        if not policies:
            if require_policy:
                problems.append(f"{where}: no NetworkPolicy selects its pods (on by default)")
            continue
        for pol in policies:
            pwhere = f"{where}: NetworkPolicy {pol['metadata']['name']}"
            if sorted(pol["spec"].get("policyTypes", [])) != ["Egress", "Ingress"]:
                problems.append(f"{pwhere}: not a default deny of ingress and egress")
            for rule in pol["spec"].get("ingress", []):
                if any(p.get("port") == "metrics" for p in rule.get("ports", [])):
                    if any(set(peer) != {"namespaceSelector"} for peer in rule.get("from", [])):
                        problems.append(f"{pwhere}: the metrics port is open to more than namespaces")
                elif not rule.get("ports"):
                    problems.append(f"{pwhere}: an ingress rule without ports")
    return problems


def main(argv):
    require = "--require-policy" in argv
    problems = []
    for path in [a for a in argv if a != "--require-policy"]:
        problems += check(path, require)
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
