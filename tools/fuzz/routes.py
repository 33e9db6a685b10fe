"""The operations of the services' OpenAPI documents (services/*/openapi.json)."""

import json
import pathlib
import re
from dataclasses import dataclass, field

METHODS = ("get", "post", "put", "patch", "delete")
# The roles of docs/identity.md, in the order a route's summary is searched for them.
ROLES = ("secretariat", "city-service", "council-clerk", "facilitator", "auditor", "member",
         "elected-representative")


@dataclass
class Operation:
    service: str
    method: str
    path: str                                   # the template, e.g. /v1/members/{id}
    path_params: list = field(default_factory=list)
    query_params: list = field(default_factory=list)   # [(name, schema, required)]
    body_schema: dict | None = None             # the JSON request body's schema, $refs resolved
    body_required: bool = False
    public: bool = False
    role: str = "secretariat"                   # the role the route names first in its summary
    problem_errors: bool = True                 # its 4xx answers are documented as problem+json

    @property
    def name(self):
        return f"{self.service} {self.method.upper()} {self.path}"


def resolve(doc, node, depth=0):
    """NODE with every $ref of DOC replaced by what it points to (cycles cut at depth 12)."""
    if depth > 12:
        return {}
    if isinstance(node, dict):
        if "$ref" in node:
            target = doc
            for part in node["$ref"].lstrip("#/").split("/"):
                target = target[part]
            return resolve(doc, target, depth + 1)
        return {k: resolve(doc, v, depth + 1) for k, v in node.items()}
    if isinstance(node, list):
        return [resolve(doc, v, depth + 1) for v in node]
    return node


def first_role(summary):
    """The first role a summary names in its last parenthesis ("(secretariat, or the member)")."""
    found = re.findall(r"\(([^()]*)\)", summary or "")
    text = found[-1] if found else ""
    hits = [(text.find(r), r) for r in ROLES if r in text]
    return min(hits)[1] if hits else "secretariat"


def operations(root):
    """Every operation of every service's OpenAPI document under ROOT, in a stable order."""
    ops = []
    for doc_path in sorted(pathlib.Path(root).glob("services/*/openapi.json")):
        service = doc_path.parent.name
        doc = json.loads(doc_path.read_text())
        default_security = doc.get("security")
        for path, item in doc["paths"].items():
            shared = item.get("parameters", [])
            for method in METHODS:
                if method not in item:
                    continue
                spec = item[method]
                params = [resolve(doc, p) for p in shared + spec.get("parameters", [])]
                op = Operation(service, method, path)
                op.path_params = [p["name"] for p in params if p.get("in") == "path"]
                op.query_params = [(p["name"], p.get("schema", {}), p.get("required", False))
                                   for p in params if p.get("in") == "query"]
                body = spec.get("requestBody")
                if body:
                    content = resolve(doc, body).get("content", {})
                    if "application/json" in content:
                        op.body_schema = content["application/json"].get("schema", {})
                        op.body_required = bool(body.get("required", False))
                security = spec.get("security", default_security)
                op.public = security == []
                op.role = first_role(spec.get("summary", ""))
                errors = [spec.get("responses", {}).get(code, {}) for code in ("400", "404", "422")]
                op.problem_errors = any("Problem" in json.dumps(e) for e in errors) or not any(errors)
                ops.append(op)
    return ops
