"""The bad requests made for one operation. Seeded: the same seed gives the same cases."""

import json
import random
import re
import urllib.parse
import uuid
from dataclasses import dataclass, field

SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
# Junk for a path segment (already percent-encoded where it must be).
PATH_JUNK = ("%00", "..%2F..%2Fetc%2Fpasswd", "%27%20OR%201%3D1--", "a" * 4096, "%C3%28", "%FF%FE",
             "-1", "9" * 40, "%F0%9F%92%A9", "null", "%20", "%0D%0ASet-Cookie:%20x=1", "{id}")
# Junk for a query value (raw: encoded when the URL is built).
QUERY_JUNK = ("", "'", "-1", "0", "1e999", "9" * 40, "\xff", "a" * 4096, "true", "[]", "\x00",
              "2022-13-45T99:99:99Z", "NaN", "../../", "%", "\u202e")
# Whole bodies that are no JSON object at all.
RAW_BODIES = (b"", b"{", b"null", b"[]", b'"text"', b"1", b"\xff\xfe\xfd", b'{"a":1,}',
              b"[" * 5000 + b"]" * 5000, b'{"a":' * 3000 + b"1" + b"}" * 3000,
              b'{"\xff":1}', b"{}" * 3)
# Values of the wrong kind for a property (JSON texts, so that lone surrogates and huge numbers
# can be written as they would arrive).
WRONG_VALUES = ("null", "1.5", "-1", "18446744073709551616", "1e400", '"x"', '""', "true", "[]",
                "{}", '"' + "a" * 100000 + '"', '"\\u0000"', '"\\ud800"', '"2022-13-45T99:99:99Z"',
                "[" * 200 + "]" * 200)
BAD_TOKENS = ("", "Bearer", "Bearer x", "Bearer " + "a" * 20000, "Basic dXNlcjpwYXNz",
              "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.", "Bearer \xe9\xe9")
TRACE_JUNK = ("\xff" * 10, "x" * 9000, "00-" + "0" * 32 + "-" + "0" * 16 + "-01", "\r\nX-Evil: 1")


@dataclass
class Case:
    label: str
    method: str
    target: str                          # path and query
    headers: dict = field(default_factory=dict)
    body: bytes | None = None
    must_refuse: bool = True             # an answer in 2xx is a finding too


def sample_value(name, schema, assembly):
    """A plausible value for a property or parameter: the base the mutations start from."""
    if name == "assembly_id":
        return assembly
    kind = schema.get("type")
    if "enum" in schema:
        return schema["enum"][0]
    if "example" in schema:
        return schema["example"]
    if kind == "integer":
        return max(1, schema.get("minimum", 1))
    if kind == "number":
        return 1.0
    if kind == "boolean":
        return True
    if kind == "array":
        return []
    if kind == "object":
        return base_body(schema, assembly)
    if schema.get("format") == "date-time":
        return "2030-01-01T09:00:00Z"
    if schema.get("format") == "date":
        return "2030-01-01"
    if name.endswith("id"):
        return str(uuid.uuid4())
    return "fuzz"


def base_body(schema, assembly):
    """An object with the schema's required properties, each given a plausible value."""
    props = schema.get("properties", {})
    return {n: sample_value(n, props.get(n, {}), assembly) for n in schema.get("required", [])}


def fill_path(template, params, values):
    out = template
    for p in params:
        out = out.replace("{" + p + "}", values.get(p, str(uuid.uuid4())))
    return out


def cases(op, rng, assembly, per_operation):
    """At most PER_OPERATION bad requests for OP (a random sample of all those it could get)."""
    base_path = {p: (assembly if p == "assembly_id" else str(uuid.uuid4())) for p in op.path_params}
    required_query = {n: sample_value(n, s, assembly) for n, s, req in op.query_params if req}

    def target(path_values=None, query=None):
        path = fill_path(op.path, op.path_params, {**base_path, **(path_values or {})})
        q = required_query if query is None else query
        return path + ("?" + urllib.parse.urlencode(q, doseq=True) if q else "")

    def json_headers():
        return {"Content-Type": "application/json"}

    body = None
    if op.body_schema is not None:
        body = json.dumps(base_body(op.body_schema, assembly)).encode()
    out = []
    for p in op.path_params:
        for junk in PATH_JUNK:
            # A change addressed to what no identifier can be (neither a UUID nor a slug) is
            # refused; a read of it may answer an empty list.
            out.append(Case(f"path {p}={junk[:20]!r}", op.method, target({p: junk}),
                            json_headers(), body,
                            must_refuse=op.method != "get" and not SLUG.fullmatch(junk)))
    for name, schema, _ in op.query_params:
        for junk in QUERY_JUNK:
            out.append(Case(f"query {name}={junk[:20]!r}", op.method,
                            target(query={**required_query, name: junk}), json_headers(), body,
                            must_refuse=False))
    out.append(Case("query unknown parameters", op.method,
                    target(query={**required_query, "zz" + str(rng.randrange(10**9)): "1"}),
                    json_headers(), body, must_refuse=False))
    if op.body_schema is not None:
        for raw in RAW_BODIES:
            out.append(Case(f"body {raw[:16]!r}", op.method, target(), json_headers(), raw))
        props = op.body_schema.get("properties", {})
        for name in props:
            for wrong in WRONG_VALUES:
                text = body.decode()[:-1] + ("," if body != b"{}" else "")
                mutated = (text + json.dumps(name) + ":" + wrong + "}").encode()
                if name in json.loads(body):
                    others = {k: v for k, v in json.loads(body).items() if k != name}
                    inner = json.dumps(others)[:-1] + ("," if others else "")
                    mutated = (inner + json.dumps(name) + ":" + wrong + "}").encode()
                # a NUL in a text is refused wherever the document says the property is text
                nul_in_text = wrong == '"\\u0000"' and props[name].get("type") == "string"
                out.append(Case(f"body {name}={wrong[:20]}", op.method, target(), json_headers(),
                                mutated, must_refuse=nul_in_text))
        for name in op.body_schema.get("required", []):
            missing = {k: v for k, v in json.loads(body).items() if k != name}
            out.append(Case(f"body without {name}", op.method, target(), json_headers(),
                            json.dumps(missing).encode()))
        out.append(Case("body as text/plain", op.method, target(), {"Content-Type": "text/plain"},
                        b"fuzz"))
    if not op.public:
        for bad in BAD_TOKENS:
            out.append(Case(f"token {bad[:24]!r}", op.method, target(),
                            {**json_headers(), "Authorization": bad}, body))
    for junk in TRACE_JUNK:
        out.append(Case(f"traceparent {junk[:16]!r}", op.method, target(),
                        {**json_headers(), "traceparent": junk, "X-Trace-Id": junk}, body,
                        must_refuse=False))
    rng.shuffle(out)
    return out[:per_operation]


def rng_for(seed, op):
    """One generator per operation, so that a subset of the operations gives the same cases."""
    return random.Random(f"{seed}:{op.name}")
