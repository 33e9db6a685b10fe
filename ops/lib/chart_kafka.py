#!/usr/bin/env python3
"""chart_kafka.py ROOT RENDERED.yaml: for ops/check-charts, in a case rendered with
global.kafka.user.create, every service Deployment has its KafkaUser (SCRAM-SHA-512), and its ACLs
are exactly what the service needs (docs/kafka-security.md): Write and Describe on its own topic
and the dead-letter topic (PUBLISH_TOPIC, DEAD_LETTER_TOPIC of its ConfigMap), Read and Describe
on the topics its services/<svc>/wiring.cpp consumes (topic_of("<name>")), Read on its consumer
group (CONSUMER_GROUP); the service logs in as that user with the password of Strimzi's Secret. Prints the problems, exits 1 if any."""

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


def main(root, path):
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
        if spec.get("authentication", {}).get("type") != "scram-sha-512":
            problems.append(f"{path}: {svc}: KafkaUser not authenticated with scram-sha-512")
        got = set()
        for acl in spec.get("authorization", {}).get("acls", []):
            r = acl["resource"]
            if r.get("patternType", "literal") != "literal" or acl.get("type", "allow") != "allow":
                problems.append(f"{path}: {svc}: ACL {acl} is not a literal allow")
            got.add((r["type"], r["name"], tuple(sorted(acl.get("operations", [])))))
        config = next((o.get("data", {}) for o in objects if o["kind"] == "ConfigMap"
                       and o["metadata"]["name"] == dep["metadata"]["name"]), {})
        if config.get("KAFKA_SASL_USERNAME") != user["metadata"]["name"]:
            problems.append(f"{path}: {svc}: KAFKA_SASL_USERNAME is not its KafkaUser's name")
        secrets = [v["secret"]["secretName"] for v in dep["spec"]["template"]["spec"].get("volumes", [])
                   if v["name"] == "kafka-sasl" and "secret" in v]
        if secrets != [user["metadata"]["name"]]:
            problems.append(f"{path}: {svc}: the SASL password is not mounted from its KafkaUser's Secret")
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
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2]))
