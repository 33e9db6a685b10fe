#!/usr/bin/env python3
"""chart_kafka.py ROOT RENDERED.yaml [scram-sha-512|tls]: for ops/check-charts, in a case rendered
with global.kafka.user.create, every service Deployment has its KafkaUser, authenticated as the
third argument says (default scram-sha-512), and its ACLs are exactly what the service needs
(docs/kafka-security.md): Write and Describe on its own topic and the dead-letter topic
(PUBLISH_TOPIC, DEAD_LETTER_TOPIC of its ConfigMap), Read and Describe on the topics its
services/<svc>/wiring.cpp consumes (topic_of("<name>")), Read on its consumer group
(CONSUMER_GROUP). The service logs in as that user: with scram-sha-512 by the password of
Strimzi's Secret (sasl_*); with tls by the certificate and key of that Secret (ssl, no SASL).
Prints the problems, exits 1 if any."""

import re
import sys

import yaml

DEAD_LETTER = "assembly.deadletter.v1"


def consumed(root, svc):
    with open(f"{root}/services/{svc}/wiring.cpp") as f:
        return sorted(set(re.findall(r'topic_of\("([a-z0-9_-]+)"\)', f.read())))


def expected(root, svc, config):
    acls = {("topic", config.get("PUBLISH_TOPIC", f"assembly.{svc}.v1"), ("Describe", "Write")),
            ("topic", config.get("DEAD_LETTER_TOPIC", DEAD_LETTER), ("Describe", "Write")),
            ("group", config.get("CONSUMER_GROUP", svc), ("Read",))}
    for other in consumed(root, svc):
        acls.add(("topic", f"assembly.{other}.v1", ("Describe", "Read")))
    return acls


def volume_of(dep, name):
    return next((v for v in dep["spec"]["template"]["spec"].get("volumes", [])
                 if v["name"] == name), None)


def login_problems(svc, dep, config, user, authentication):
    """What is wrong with how the service logs in as its KafkaUser."""
    name = user["metadata"]["name"]
    problems = []
    if authentication == "scram-sha-512":
        if not config.get("KAFKA_SECURITY_PROTOCOL", "").startswith("sasl_"):
            problems.append(f"{svc}: KAFKA_SECURITY_PROTOCOL is not sasl_*")
        if config.get("KAFKA_SASL_USERNAME") != name:
            problems.append(f"{svc}: KAFKA_SASL_USERNAME is not its KafkaUser's name")
        volume = volume_of(dep, "kafka-sasl")
        if volume is None or volume.get("secret", {}).get("secretName") != name:
            problems.append(f"{svc}: the SASL password is not mounted from its KafkaUser's Secret")
        return problems
    if config.get("KAFKA_SECURITY_PROTOCOL") != "ssl":
        problems.append(f"{svc}: KAFKA_SECURITY_PROTOCOL is not ssl")
    sasl = sorted(k for k in config if k.startswith("KAFKA_SASL_"))
    if sasl or volume_of(dep, "kafka-sasl") is not None:
        problems.append(f"{svc}: SASL settings with a certificate-authenticated user: {sasl}")
    volume = volume_of(dep, "kafka-client")
    items = {i["key"]: i["path"] for i in (volume or {}).get("secret", {}).get("items", [])}
    if volume is None or volume["secret"].get("secretName") != name \
            or items != {"user.crt": "user.crt", "user.key": "user.key"}:
        problems.append(f"{svc}: the client certificate is not mounted from its KafkaUser's Secret")
        return problems
    mounts = [m["mountPath"] for c in dep["spec"]["template"]["spec"]["containers"]
              for m in c.get("volumeMounts", []) if m["name"] == "kafka-client"]
    for var, file in (("KAFKA_SSL_CERTIFICATE_FILE", "user.crt"), ("KAFKA_SSL_KEY_FILE", "user.key")):
        if not any(config.get(var) == f"{m}/{file}" for m in mounts):
            problems.append(f"{svc}: {var} is not the mounted {file} of its KafkaUser's Secret")
    return problems


def main(root, path, authentication="scram-sha-512"):
    with open(path) as f:
        objects = [d for d in yaml.safe_load_all(f) if isinstance(d, dict) and d.get("kind")]
    users = {o["metadata"]["labels"]["app.kubernetes.io/name"]: o
             for o in objects if o["kind"] == "KafkaUser"}
    problems = []
    for dep in (o for o in objects if o["kind"] == "Deployment"):
        svc = dep["metadata"]["labels"]["app.kubernetes.io/name"]
        user = users.get(svc)
        if user is None:
            problems.append(f"{path}: {svc}: no KafkaUser")
            continue
        spec = user["spec"]
        if spec.get("authentication", {}).get("type") != authentication:
            problems.append(f"{path}: {svc}: KafkaUser not authenticated with {authentication}")
        got = set()
        for acl in spec.get("authorization", {}).get("acls", []):
            r = acl["resource"]
            if r.get("patternType", "literal") != "literal" or acl.get("type", "allow") != "allow":
                problems.append(f"{path}: {svc}: ACL {acl} is not a literal allow")
            got.add((r["type"], r["name"], tuple(sorted(acl.get("operations", [])))))
        config = next((o.get("data", {}) for o in objects if o["kind"] == "ConfigMap"
                       and o["metadata"]["name"] == dep["metadata"]["name"]), {})
        problems += [f"{path}: {p}" for p in login_problems(svc, dep, config, user, authentication)]
        want = expected(root, svc, config)
        for extra in sorted(got - want):
            problems.append(f"{path}: {svc}: KafkaUser allows {extra}, which the service does not need")
        for missing in sorted(want - got):
            problems.append(f"{path}: {svc}: KafkaUser lacks {missing} (kafka.consumes of its chart "
                            f"against services/{svc}/wiring.cpp?)")
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4) or sys.argv[3:] not in ([], ["scram-sha-512"], ["tls"]):
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:]))
