"""What a contract run does, without a stack and without Schemathesis: the operations of a served
OpenAPI document, the role whose token each is called with in each pass, and the command line of
one Schemathesis run."""

import re

METHODS = ("get", "post", "put", "patch", "delete")
# The checks of every run (docs/api.md: the contract). Schemathesis's others ask more than the
# documents promise (negative_data_rejection: every schema violation refused, where the services
# may accept an unknown property or a lenient format) or test what other suites test (the role
# matrix: tests/e2e/access_matrix_test.cpp).
CHECKS = ("not_a_server_error", "status_code_conformance", "content_type_conformance",
          "response_schema_conformance")
PASSES = ("staff", "member")


class Operation:
    def __init__(self, method, path, spec):
        self.method, self.path = method, path
        self.operation_id = spec.get("operationId") or f"{method} {path}"
        access = spec.get("x-access") or {}
        self.roles = list(access.get("roles") or [])
        self.public = spec.get("security") == [] or self.roles == ["anyone"]
        self.links = sum(len(r.get("links", {})) for r in spec.get("responses", {}).values()
                         if isinstance(r, dict))

    @property
    def label(self):
        return f"{self.method.upper()} {self.path}"

    def __repr__(self):
        return f"Operation({self.label}, {self.roles})"


def operations(doc):
    """The operations of the served document DOC, in its order."""
    out = []
    for path, item in doc.get("paths", {}).items():
        for method in METHODS:
            if method in item:
                out.append(Operation(method, path, item[method]))
    return out


def role_for(roles, pass_name):
    """The role whose token calls an operation admitting ROLES in the pass PASS_NAME, or None (no
    token: a public operation, or one the pass leaves out).

    staff:  the first role the operation admits (the shared layer lists them in the order of
            docs/identity.md, the secretariat first), the member only where nobody else may act;
    member: the member, where a member acts beside staff roles (the staff pass did the others)."""
    roles = [r for r in roles if r != "anyone"]
    if not roles:
        return None
    if pass_name == "staff":
        others = [r for r in roles if r != "member"]
        return others[0] if others else "member"
    if pass_name == "member":
        return "member" if "member" in roles and len(roles) > 1 else None
    raise ValueError(f"unknown pass {pass_name!r}")


def selected(ops, pass_name):
    """The operations a pass runs: all in the staff pass, those a member acts on beside staff
    roles in the member pass."""
    if pass_name == "member":
        return [op for op in ops if role_for(op.roles, "member") is not None]
    return list(ops)


def command(schemathesis, schema_url, base_url, ops, *, max_examples, seed, phases, workers,
            report, timeout):
    """The Schemathesis command line of one run over OPS."""
    ids = "|".join(re.escape(op.operation_id) for op in ops)
    return [schemathesis, "run", schema_url, "--url", base_url,
            "--checks", ",".join(CHECKS),
            "--include-operation-id-regex", f"^({ids})$",
            "--max-examples", str(max_examples), "--seed", str(seed),
            "--phases", ",".join(phases), "--workers", str(workers),
            "--generation-database", "none", "--request-timeout", str(timeout),
            "--suppress-health-check", "all", "--no-color",
            "--report", "junit", "--report-junit-path", report]
