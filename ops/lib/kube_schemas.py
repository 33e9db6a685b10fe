#!/usr/bin/env python3
"""Kubernetes OpenAPI (swagger.json) and CRDs -> strict, standalone JSON schemas.

Writes one file per kind and version, in the layout that kubeconform's
-schema-location template "DIR/{{ .Group }}/{{ .ResourceKind }}_{{ .ResourceAPIVersion }}.json"
asks for: apps/deployment_v1.json, v1/service_v1.json (the core group is named by
its version, as kubeconform does), monitoring.coreos.com/servicemonitor_v1.json.

Each file is standalone: the definitions it refers to are copied under
"definitions" (local "#/definitions/..." references, so recursive types work).

Strict: every object schema that lists its properties gets
additionalProperties: false (unknown fields are errors), unless a CRD marks it
x-kubernetes-preserve-unknown-fields. What the API server itself does:
  - IntOrString accepts a string or an integer; a Quantity a number or a
    string of the quantity syntax (the pattern controller-gen writes).
  - core kinds: null means "unset", so an optional field may be null (a
    required one may not); CRDs: null only where the CRD says nullable.
  - a CRD's metadata is checked as the core ObjectMeta (strictly too).
Descriptions, defaults and other annotations are dropped; formats other than
date-time are dropped (Kubernetes' int32/int64/byte/... are not JSON Schema's).
Not checked: CEL rules (x-kubernetes-validations), list-map key uniqueness,
anything only the API server's code validates.

Usage: kube_schemas.py OUTDIR SWAGGER_JSON [CRD_JSON...]
Standard library only.
"""
import json
import os
import sys

META = "io.k8s.apimachinery.pkg.apis.meta.v1."
OBJECT_META = META + "ObjectMeta"
QUANTITY_PATTERN = (r"^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|"
                    r"([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$")
SPECIAL = {
    "io.k8s.apimachinery.pkg.util.intstr.IntOrString": {"type": ["string", "integer"]},
    "io.k8s.apimachinery.pkg.api.resource.Quantity": {"type": ["string", "number"],
                                                       "pattern": QUANTITY_PATTERN},
}
# Copied as they are (after conversion of their subschemas).
PLAIN = ("enum", "pattern", "minimum", "maximum", "minLength", "maxLength", "minItems",
         "maxItems", "minProperties", "maxProperties", "uniqueItems", "multipleOf", "const")
SCHEMA_DRAFT = "http://json-schema.org/draft-07/schema#"


def add_null(schema):
    t = schema.get("type")
    if t is None or t == "null":
        return schema
    types = t if isinstance(t, list) else [t]
    if "null" not in types:
        schema["type"] = types + ["null"]
    if "enum" in schema and None not in schema["enum"]:
        schema["enum"] = schema["enum"] + [None]
    return schema


def convert(node, crd, nullable=False, in_logic=False):
    """One schema node, OpenAPI (v2 or a CRD's v3) -> JSON Schema draft-07."""
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        return {"$ref": node["$ref"]}
    out = {}
    preserve = crd and node.get("x-kubernetes-preserve-unknown-fields") is True
    if "type" in node:
        out["type"] = node["type"]
    if node.get("format") == "int-or-string" or (crd and node.get("x-kubernetes-int-or-string")):
        out["type"] = ["integer", "string"]
        anyof = node.get("anyOf")
        if anyof and all(set(a) == {"type"} for a in anyof):
            node = {k: v for k, v in node.items() if k != "anyOf"}
    elif node.get("format") == "date-time":
        out["format"] = "date-time"
    for key in PLAIN:
        if key in node:
            out[key] = node[key]
    # OpenAPI 3.0's boolean exclusiveMinimum/Maximum -> draft-07's numbers.
    for bound, excl in (("minimum", "exclusiveMinimum"), ("maximum", "exclusiveMaximum")):
        if node.get(excl) is True and bound in out:
            out[excl] = out.pop(bound)
    required = node.get("required", [])
    if required:
        out["required"] = list(required)
    if "properties" in node:
        props = {}
        for name, sub in node["properties"].items():
            if crd:
                props[name] = convert(sub, crd, nullable=sub.get("nullable") is True,
                                      in_logic=in_logic)
            else:
                props[name] = convert(sub, crd, nullable=name not in required,
                                      in_logic=in_logic)
        out["properties"] = props
    if "items" in node:
        out["items"] = convert(node["items"], crd,
                               nullable=crd and node["items"].get("nullable") is True,
                               in_logic=in_logic)
    ap = node.get("additionalProperties")
    if isinstance(ap, dict):
        out["additionalProperties"] = convert(ap, crd, nullable=crd and ap.get("nullable") is True,
                                              in_logic=in_logic)
    elif isinstance(ap, bool):
        out["additionalProperties"] = ap
    elif "properties" in node and not preserve and not in_logic:
        out["additionalProperties"] = False
    for key in ("allOf", "anyOf", "oneOf"):
        if key in node:
            out[key] = [convert(s, crd, in_logic=True) for s in node[key]]
    if "not" in node:
        out["not"] = convert(node["not"], crd, in_logic=True)
    if nullable:
        add_null(out)
    return out


def refs_of(node, acc):
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/definitions/"):
            acc.add(ref[len("#/definitions/"):])
        for v in node.values():
            refs_of(v, acc)
    elif isinstance(node, list):
        for v in node:
            refs_of(v, acc)
    return acc


def closure(root, defs):
    """The definitions that ROOT refers to, directly or not."""
    todo, seen = sorted(refs_of(root, set())), {}
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        if name not in defs:
            sys.exit(f"kube_schemas.py: reference to an unknown definition {name}")
        seen[name] = defs[name]
        todo.extend(refs_of(defs[name], set()) - set(seen))
    return dict(sorted(seen.items()))


def write(outdir, group, version, kind, root, defs):
    schema = {"$schema": SCHEMA_DRAFT}
    schema.update(root)
    used = closure(root, defs)
    if used:
        schema["definitions"] = used
    folder = os.path.join(outdir, group or version)
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, f"{kind.lower()}_{version}.json")
    with open(path, "w") as f:
        json.dump(schema, f, separators=(",", ":"), sort_keys=True)
    return path


def core_definitions(swagger):
    """All definitions converted; as referenced (not as a document's root)
    each may be null, as an optional field may be."""
    defs = {}
    for name, node in swagger["definitions"].items():
        defs[name] = add_null(dict(SPECIAL[name])) if name in SPECIAL \
            else convert(node, crd=False, nullable=True)
    return defs


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    outdir, swagger_path, crd_paths = argv[1], argv[2], argv[3:]
    with open(swagger_path) as f:
        swagger = json.load(f)
    defs = core_definitions(swagger)
    count = 0
    for name, node in swagger["definitions"].items():
        if name.startswith("io.k8s.apimachinery."):   # Status, WatchEvent, DeleteOptions, ...
            continue
        for gvk in node.get("x-kubernetes-group-version-kind", []):
            root = convert(node, crd=False)
            write(outdir, gvk["group"], gvk["version"], gvk["kind"], root, defs)
            count += 1
    for path in crd_paths:
        with open(path) as f:
            crd = json.load(f)
        if crd.get("kind") != "CustomResourceDefinition":
            sys.exit(f"kube_schemas.py: {path} is not a CustomResourceDefinition")
        spec = crd["spec"]
        for version in spec["versions"]:
            if not version.get("served", True):
                continue
            schema = version.get("schema", {}).get("openAPIV3Schema")
            if schema is None:
                sys.exit(f"kube_schemas.py: {path}: version {version['name']} has no openAPIV3Schema")
            root = convert(schema, crd=True)
            props = root.setdefault("properties", {})
            props["metadata"] = {"$ref": "#/definitions/" + OBJECT_META}
            root["additionalProperties"] = False
            write(outdir, spec["group"], version["name"], spec["names"]["kind"], root, defs)
            count += 1
    print(f"{count} schemas written to {outdir}")


if __name__ == "__main__":
    main(sys.argv)
