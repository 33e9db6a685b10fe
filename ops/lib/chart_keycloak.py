#!/usr/bin/env python3
"""chart_keycloak.py: for ops/check-charts, the Keycloak realm the assembly-suite chart applies.

  chart_keycloak.py rendered FILE REALM_JSON [--web-url URL] [--smtp-server JSON]
      FILE (helm template output) holds the realm of REALM_JSON as the chart must apply it,
      by the hook Job's ConfigMap (realm.json, partial-import.json) or by a KeycloakRealmImport:
      without the local-only clients (attribute "assembly.local-only": "true") and their
      service accounts' users, the web client's URIs (those holding @WEB_PORT@) made of
      URL (the web front end's, keycloak.realm.webUrl), smtpServer the JSON given (absent when
      not given), the user profile's configuration as the JSON string Keycloak stores; and no
      client secret nor credential of REALM_JSON appears anywhere in FILE (the realm's other
      accounts are left out of what is compared).
  chart_keycloak.py clean REALM_JSON FILE...
      no FILE holds a `@NAME@` placeholder of the local stack nor the name of a local-only
      client of REALM_JSON; prints those clients' names.
  chart_keycloak.py strip OUT_DIR FILE...
      copies each FILE into OUT_DIR without its KeycloakRealmImport documents (no schema of that
      custom resource is available offline to ops/kube-validate); prints how many were left out.

Standard library only: the manifests are read line by line, as the chart writes them (the
realm as one line of JSON)."""

import json
import os
import re
import sys

IMPORT_KIND = "kind: KeycloakRealmImport"
# The fields of KeycloakRealmImport's spec (k8s.keycloak.org/v2alpha1).
SPEC_FIELDS = {"keycloakCRName", "realm", "resources", "placeholders"}
PARTIAL_FIELDS = {"roles", "clients", "groups", "users", "identityProviders"}
LOCAL_ONLY = "assembly.local-only"
PLACEHOLDER = re.compile(r"@[A-Z_]+@")
PROFILE = "org.keycloak.userprofile.UserProfileProvider"
PROFILE_CONFIG = "kc.user.profile.config"


def documents(text):
    return [d for d in re.split(r"^---[ \t]*$", text, flags=re.M) if d.strip()]


def local_only(realm):
    return [c["clientId"] for c in realm.get("clients", [])
            if c.get("attributes", {}).get(LOCAL_ONLY) == "true"]


def web_client(client, web_url):
    """The web front end's client with the URIs of WEB_URL instead of the local stack's."""
    uris = json.dumps([client.get(k) for k in ("rootUrl", "redirectUris", "webOrigins")])
    if "@WEB_PORT@" not in uris:
        return client
    if not web_url:
        sys.exit(f"chart_keycloak.py: client {client.get('clientId')} holds @WEB_PORT@: --web-url needed")
    origin = re.match(r"^https://[^/]+", web_url).group(0)
    client = dict(client, redirectUris=[web_url + "/*"], webOrigins=[origin])
    if "rootUrl" in client:
        client["rootUrl"] = web_url
    if "post.logout.redirect.uris" in client.get("attributes", {}):
        client["attributes"] = dict(client["attributes"], **{"post.logout.redirect.uris": web_url + "/*"})
    return client


def expected_realm(realm, web_url, smtp_server):
    """The realm as the chart must apply it: no local-only client nor its service account, no
    client secret, only service accounts' users, no credentials; the web client's URIs of
    WEB_URL; SMTP_SERVER (or none)."""
    skip = set(local_only(realm))
    out = {k: v for k, v in realm.items() if k not in ("clients", "users", "smtpServer")}
    clients = [web_client({k: v for k, v in c.items() if k != "secret"}, web_url)
               for c in realm.get("clients", []) if c.get("clientId") not in skip]
    users = [{k: v for k, v in u.items() if k != "credentials"}
             for u in realm.get("users", [])
             if u.get("serviceAccountClientId") and u["serviceAccountClientId"] not in skip]
    if clients:
        out["clients"] = clients
    if users:
        out["users"] = users
    if smtp_server is not None:
        out["smtpServer"] = smtp_server
    return out


def profile_as_stored(realm, problems, where):
    """REALM with the user profile's configuration read back from the JSON string Keycloak
    stores; a configuration left as an object is a problem (Keycloak refuses it)."""
    comps = realm.get("components", {})
    if PROFILE not in comps:
        return realm
    profiles = []
    for comp in comps[PROFILE]:
        value = comp.get("config", {}).get(PROFILE_CONFIG)
        if value:
            if not isinstance(value[0], str):
                problems.append(f"{where}: the user profile's {PROFILE_CONFIG} is not a JSON string")
            else:
                comp = dict(comp, config=dict(comp["config"], **{PROFILE_CONFIG: [json.loads(value[0])]}))
        profiles.append(comp)
    return dict(realm, components=dict(comps, **{PROFILE: profiles}))


def secrets_of(realm):
    found = [c["secret"] for c in realm.get("clients", []) if c.get("secret")]
    for u in realm.get("users", []):
        found += [c["value"] for c in u.get("credentials", []) if c.get("value")]
    return found


def line_after(doc, key_line):
    """The line that follows KEY_LINE (a block scalar's one line), stripped."""
    lines = doc.splitlines()
    for i, line in enumerate(lines):
        if line == key_line and i + 1 < len(lines):
            return lines[i + 1].strip()
    return None


def check_import(doc, want, problems):
    lines = doc.splitlines()
    top = {ln.split(":", 1)[0] for ln in lines if re.match(r"^[A-Za-z]", ln)}
    if top != {"apiVersion", "kind", "metadata", "spec"}:
        problems.append(f"KeycloakRealmImport: top-level fields {sorted(top)}")
    if "apiVersion: k8s.keycloak.org/v2alpha1" not in lines:
        problems.append("KeycloakRealmImport: apiVersion is not k8s.keycloak.org/v2alpha1")
    start = lines.index("spec:") if "spec:" in lines else len(lines)
    meta = lines[lines.index("metadata:") + 1:] if "metadata:" in lines else []
    meta_keys = {m.group(1) for ln in meta for m in [re.match(r"^  ([A-Za-z]+):", ln)] if m}
    if not {"name", "namespace"} <= meta_keys:
        problems.append("KeycloakRealmImport: metadata.name or metadata.namespace missing")
    spec = {}
    for ln in lines[start + 1:]:
        m = re.match(r"^  ([A-Za-z]+):(.*)$", ln)
        if m:
            spec[m.group(1)] = m.group(2).strip()
        elif ln and not ln.startswith("  "):
            break
    if not set(spec) <= SPEC_FIELDS or not {"keycloakCRName", "realm"} <= set(spec):
        problems.append(f"KeycloakRealmImport: spec fields {sorted(spec)} (known: {sorted(SPEC_FIELDS)}; "
                        "keycloakCRName and realm required)")
        return
    if not spec["keycloakCRName"]:
        problems.append("KeycloakRealmImport: empty keycloakCRName")
    try:
        got = json.loads(spec["realm"])
    except ValueError as e:
        problems.append(f"KeycloakRealmImport: spec.realm is not one line of JSON ({e})")
        return
    if profile_as_stored(got, problems, "KeycloakRealmImport") != want:
        problems.append("KeycloakRealmImport: spec.realm differs from what the realm file and the values give")


def check_job(doc, want, problems):
    for key, expected in (("realm.json", want), ("partial-import.json", None)):
        text = line_after(doc, f"  {key}: |-")
        if text is None:
            problems.append(f"realm ConfigMap: no {key}")
            continue
        try:
            got = json.loads(text)
        except ValueError as e:
            problems.append(f"realm ConfigMap: {key} is not JSON ({e})")
            continue
        if expected is None:
            expected = {k: v for k, v in want.items() if k in PARTIAL_FIELDS}
            expected["ifResourceExists"] = "SKIP"
        else:
            got = profile_as_stored(got, problems, f"realm ConfigMap: {key}")
        if got != expected:
            problems.append(f"realm ConfigMap: {key} differs from what the realm file gives")
    if "apply-realm.sh: |" not in doc:
        problems.append("realm ConfigMap: no apply-realm.sh")


def rendered(path, realm_path, web_url, smtp_server):
    with open(path) as f:
        text = f.read()
    with open(realm_path) as f:
        realm = json.load(f)
    want = expected_realm(realm, web_url, smtp_server)
    problems, seen = [], 0
    for doc in documents(text):
        if IMPORT_KIND in doc.splitlines():
            seen += 1
            check_import(doc, want, problems)
        elif "kind: ConfigMap" in doc.splitlines() and "  apply-realm.sh: |" in doc.splitlines():
            seen += 1
            check_job(doc, want, problems)
    if seen != 1:
        problems.append(f"{seen} realm resources (a KeycloakRealmImport or the Job's ConfigMap) in {path}, 1 expected")
    for secret in secrets_of(realm):
        if secret in text:
            problems.append(f"a secret of the realm file is in {path}: {secret[:4]}…")
    return problems


def clean(realm_path, paths):
    with open(realm_path) as f:
        names = local_only(json.load(f))
    problems = []
    for path in paths:
        with open(path) as f:
            text = f.read()
        for m in sorted(set(PLACEHOLDER.findall(text))):
            problems.append(f"{path}: the local stack's placeholder {m}")
        for name in names:
            if re.search(r"(?<![\w-])%s(?![\w-])" % re.escape(name), text):
                problems.append(f"{path}: the local-only client {name}")
    print(" ".join(names))
    return problems


def strip(out_dir, paths):
    left_out = 0
    for path in paths:
        docs = documents(open(path).read())
        kept = [d for d in docs if IMPORT_KIND not in d.splitlines()]
        left_out += len(docs) - len(kept)
        with open(os.path.join(out_dir, os.path.basename(path)), "w") as f:
            f.write("".join("---" + d for d in kept))
    print(left_out)
    return []


def main(argv):
    opts = {}
    if argv[:1] == ["rendered"]:
        rest, argv = argv[3:], argv[:3]
        while len(rest) >= 2 and rest[0] in ("--web-url", "--smtp-server"):
            opts[rest[0]], rest = rest[1], rest[2:]
        if rest:
            argv = []  # unknown arguments: the usage
    if len(argv) == 3 and argv[0] == "rendered":
        smtp = opts.get("--smtp-server")
        problems = rendered(argv[1], argv[2], opts.get("--web-url", ""),
                            None if smtp is None else json.loads(smtp))
    elif len(argv) >= 3 and argv[0] == "clean":
        problems = clean(argv[1], argv[2:])
    elif len(argv) >= 3 and argv[0] == "strip":
        problems = strip(argv[1], argv[2:])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    for p in problems:
        print(p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
