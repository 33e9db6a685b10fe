"""Access tokens from the local stack's Keycloak, for scripts and tests.

A token for a role is the token of a test user, made on demand through the admin API by the
confidential client `assembly-tests` (its service account may manage the realm's users), then
signed in with that client's password grant:
  - role `member`: the username is the member id (SUBJECT), attribute member_id = that id, realm
    role member. An account that already exists (provisioned by membership, say) is reused: its
    password is set to the test password when the grant refuses it.
  - any other role: username `<role>.<SUBJECT>`, attributes department, assemblies, workshops as
    asked (set again when they differ), realm role ROLE.
Every test user has the one test password of var/secrets (KEYCLOAK_TEST_PASSWORD_FILE). Tokens are
kept in the process until a minute before they expire.
"""

import base64
import json
import os
import time
import urllib.error
import urllib.parse
import urllib.request

ROLES = ("secretariat", "city-service", "council-clerk", "member", "public", "elected-representative",
         "facilitator", "auditor")
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MARGIN = 60          # seconds: a cached token this close to its expiry is fetched again
TIMEOUT = 30         # seconds, each HTTP call
GRANT_RETRY_SECONDS = 30  # seconds a token grant answered 5xx is tried again
QUICK_LOGIN_CHECK_SECONDS = 1.1  # the realm's quickLoginCheckMilliSeconds (1000), and a margin


class IdentityError(Exception):
    """Keycloak refused or could not be reached; the message says which call and why."""


def stack_env(path=None):
    """The variables of var/stack.env (written by ops/stack up), without a shell."""
    path = path or os.path.join(ROOT, "var", "stack.env")
    out = {}
    try:
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if not line.startswith("export ") or "=" not in line:
                    continue
                name, _, value = line[len("export "):].partition("=")
                if len(value) >= 2 and value[0] == value[-1] == "'":
                    value = value[1:-1].replace("'\\''", "'")
                out[name] = value
    except FileNotFoundError:
        pass
    return out


def _read(path, what):
    try:
        with open(path, encoding="utf-8") as f:
            return f.read().strip()
    except OSError as e:
        raise IdentityError(f"cannot read {what} ({path}): {e.strerror}; run ops/stack up") from None


def claims(access_token):
    """The payload of a JWT, unverified (for tests and for the cache's expiry)."""
    try:
        payload = access_token.split(".")[1]
        return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except (IndexError, ValueError) as e:
        raise IdentityError(f"not a JWT: {e}") from None


class Keycloak:
    def __init__(self, url, realm, tests_secret, test_password, tests_client="assembly-tests"):
        self.url, self.realm = url.rstrip("/"), realm
        self.tests_client, self.tests_secret, self.test_password = tests_client, tests_secret, test_password
        self.tokens = {}                 # cache key -> (access token, monotonic expiry)

    @classmethod
    def from_env(cls, env=None):
        """The stack's Keycloak: the environment first, then var/stack.env."""
        env = dict(os.environ if env is None else env)
        if "KEYCLOAK_URL" not in env:
            env = {**stack_env(), **env}
        missing = [v for v in ("KEYCLOAK_URL", "KEYCLOAK_ASSEMBLY_TESTS_SECRET_FILE", "KEYCLOAK_TEST_PASSWORD_FILE")
                   if not env.get(v)]
        if missing:
            raise IdentityError(f"no {', '.join(missing)} in the environment nor in var/stack.env: run ops/stack up")
        return cls(env["KEYCLOAK_URL"], env.get("KEYCLOAK_REALM", "assembly"),
                   _read(env["KEYCLOAK_ASSEMBLY_TESTS_SECRET_FILE"], "the secret of client assembly-tests"),
                   _read(env["KEYCLOAK_TEST_PASSWORD_FILE"], "the test users' password"))

    @property
    def issuer(self):
        return f"{self.url}/realms/{self.realm}"

    # ---- HTTP ---------------------------------------------------------------------------------
    def request(self, method, url, body=None, headers=None, form=None):
        """(status, parsed JSON or text) of one call; only transport failures raise."""
        headers = dict(headers or {})
        data = None
        if form is not None:
            data = urllib.parse.urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        elif body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        req = urllib.request.Request(url, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=TIMEOUT) as r:
                status, raw = r.status, r.read()
        except urllib.error.HTTPError as e:
            status, raw = e.code, e.read()
        except (urllib.error.URLError, OSError) as e:
            raise IdentityError(f"{method} {url}: {getattr(e, 'reason', e)} (is Keycloak running? ops/stack up)") from None
        text = raw.decode(errors="replace")
        try:
            return status, (json.loads(text) if text else None)
        except ValueError:
            return status, text

    def token_endpoint(self, form):
        """(status, body) of the realm's token endpoint."""
        return self.request("POST", f"{self.issuer}/protocol/openid-connect/token", form=form)

    def _grant(self, form, what):
        # A 5xx is retried for a while: after a PostgreSQL restart Keycloak answers 500 once for each
        # pooled connection that died, until its pool is fresh again.
        deadline = time.monotonic() + GRANT_RETRY_SECONDS
        status, body = self.token_endpoint(form)
        while status >= 500 and time.monotonic() < deadline:
            time.sleep(0.5)
            status, body = self.token_endpoint(form)
        if status != 200 or not isinstance(body, dict) or "access_token" not in body:
            raise IdentityError(f"{what}: the token endpoint answered {status}: {body}")
        return body

    def admin_token(self):
        """A token of assembly-tests' service account (manages the realm's users)."""
        return self._cached(("admin",), lambda: self._grant(
            {"grant_type": "client_credentials", "client_id": self.tests_client, "client_secret": self.tests_secret},
            f"client credentials of {self.tests_client}"))

    def admin(self, method, path, body=None, expect=(200,)):
        """A call of the realm's admin API (path below /admin/realms/<realm>); raises unless EXPECT."""
        status, payload = self.request(method, f"{self.url}/admin/realms/{self.realm}{path}", body=body,
                                       headers={"Authorization": "Bearer " + self.admin_token()})
        if status not in expect:
            raise IdentityError(f"admin API {method} {path} answered {status}: {payload}")
        return status, payload

    # ---- cache ----------------------------------------------------------------------------------
    def _cached(self, key, fetch):
        hit = self.tokens.get(key)
        now = time.monotonic()
        if hit and hit[1] - MARGIN > now:
            return hit[0]
        body = fetch()
        self.tokens[key] = (body["access_token"], now + int(body.get("expires_in", 300)))
        return body["access_token"]

    # ---- users ----------------------------------------------------------------------------------
    def find_user(self, username):
        """The full representation of the user USERNAME (exact match), or None."""
        _, users = self.admin("GET", "/users?" + urllib.parse.urlencode(
            {"username": username, "exact": "true", "briefRepresentation": "false"}))
        for u in users or []:
            if u.get("username", "").lower() == username.lower():
                return u
        return None

    def ensure_role(self, user_id, role):
        """USER_ID holds the realm role ROLE. (The roles are read from the user's available ones:
        GET /roles needs view-realm, which assembly-tests does not have.)"""
        _, have = self.admin("GET", f"/users/{user_id}/role-mappings/realm")
        if any(r.get("name") == role for r in have or []):
            return
        _, available = self.admin("GET", f"/users/{user_id}/role-mappings/realm/available")
        rep = next((r for r in available or [] if r.get("name") == role), None)
        if rep is None:
            # Given meanwhile (membership gives a member's account its role as it makes it)?
            _, have = self.admin("GET", f"/users/{user_id}/role-mappings/realm")
            if any(r.get("name") == role for r in have or []):
                return
            raise IdentityError(f"realm role {role} is not in the realm {self.realm}")
        try:
            self.admin("POST", f"/users/{user_id}/role-mappings/realm", [{"id": rep["id"], "name": rep["name"]}],
                       expect=(204,))
        except IdentityError:
            # Given between the read and the write (Keycloak answers 400 to a duplicate mapping)?
            _, have = self.admin("GET", f"/users/{user_id}/role-mappings/realm")
            if not any(r.get("name") == role for r in have or []):
                raise

    def set_password(self, user_id):
        """Sets the test password; one that is the test password already (another process set it
        meanwhile: the realm's password history refuses it again) is left as it is."""
        status, body = self.request("PUT", f"{self.url}/admin/realms/{self.realm}/users/{user_id}/reset-password",
                                    body={"type": "password", "value": self.test_password, "temporary": False},
                                    headers={"Authorization": "Bearer " + self.admin_token()})
        if status == 204 or (status == 400 and isinstance(body, dict)
                             and body.get("error") == "invalidPasswordHistoryMessage"):
            return
        raise IdentityError(f"admin API PUT /users/{user_id}/reset-password answered {status}: {body}")

    def ensure_user(self, username, attributes, role, replace=()):
        """The user USERNAME with ATTRIBUTES (those named in REPLACE and absent from ATTRIBUTES are
        removed), realm role ROLE and, when made here, the test password. Returns its id."""
        user = self.find_user(username)
        if user is None:
            status, body = self.admin("POST", "/users", {
                "username": username, "enabled": True, "attributes": attributes,
                "credentials": [{"type": "password", "value": self.test_password, "temporary": False}],
            }, expect=(201, 409))
            user = self.find_user(username)     # 409: made meanwhile by another process
            if user is None:
                raise IdentityError(f"user {username}: created ({status}) but not found: {body}")
        else:
            attrs = dict(user.get("attributes") or {})
            want = dict(attrs)
            for name in replace:
                want.pop(name, None)
            want.update(attributes)
            if want != attrs:
                user["attributes"] = want
                self.admin("PUT", f"/users/{user['id']}", user, expect=(204,))
        self.ensure_role(user["id"], role)
        return user["id"]

    def password_token(self, username, user_id=None):
        """The password grant of assembly-tests for USERNAME with the test password; when refused
        and USER_ID is given, the password is set (and pending required actions dropped) first."""
        form = {"grant_type": "password", "client_id": self.tests_client, "client_secret": self.tests_secret,
                "username": username, "password": self.test_password, "scope": "openid"}
        # An account with no password yet (a member's, made by membership's provisioner) gets one
        # before any grant: a refused grant counts as a failed login, and the realm's brute-force
        # protection locks an account for a minute when a second attempt follows a failure within
        # a second (quickLoginCheckMilliSeconds).
        if user_id is not None and not self.has_password(user_id):
            self.set_up_for_tests(user_id)
        status, body = self.token_endpoint(form)
        if status == 200:
            return body
        if user_id is None:
            raise IdentityError(f"password grant for {username}: {status}: {body}")
        self.set_up_for_tests(user_id)
        time.sleep(QUICK_LOGIN_CHECK_SECONDS)  # not a "quick" second attempt (see above)
        return self._grant(form, f"password grant for {username}")

    def has_password(self, user_id):
        """Whether the user has a password credential."""
        _, credentials = self.admin("GET", f"/users/{user_id}/credentials")
        return any(c.get("type") == "password" for c in credentials or [])

    def set_up_for_tests(self, user_id):
        """The test password, and no pending required action (which would refuse the grant)."""
        self.set_password(user_id)
        _, user = self.admin("GET", f"/users/{user_id}")
        if user.get("requiredActions"):
            user["requiredActions"] = []
            self.admin("PUT", f"/users/{user_id}", user, expect=(204,))

    # ---- tokens ---------------------------------------------------------------------------------
    def token(self, role, subject=None, department=None, assemblies=("*",), workshops=()):
        """An access token (5 minutes) of a test user holding ROLE. SUBJECT: the member id (role
        member) or the user's distinguishing part (username <role>.<subject>)."""
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r} (one of: {', '.join(ROLES)})")
        assemblies, workshops = tuple(assemblies or ()), tuple(workshops or ())
        key = ("user", role, subject, department, assemblies, workshops)

        def fetch():
            if role == "member":
                member_id = subject or "local-member"
                username, attributes, replace = member_id, {"member_id": [member_id]}, ()
            else:
                username = f"{role}.{subject or 'local'}"
                attributes = {}
                if department:
                    attributes["department"] = [department]
                if assemblies:
                    attributes["assemblies"] = list(assemblies)
                if workshops:
                    attributes["workshops"] = list(workshops)
                replace = ("department", "assemblies", "workshops")
            user_id = self.ensure_user(username, attributes, role, replace)
            return self.password_token(username, user_id)

        return self._cached(key, fetch)

    def service_token(self, client_id, secret):
        """An access token of a confidential client's service account (client credentials)."""
        return self._cached(("client", client_id), lambda: self._grant(
            {"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret},
            f"client credentials of {client_id}"))


_default = None


def default():
    """The Keycloak of the local stack (from the environment or var/stack.env), made once."""
    global _default
    if _default is None:
        _default = Keycloak.from_env()
    return _default


def token(role, subject=None, department=None, assemblies=("*",), workshops=()):
    """An access token of the local stack's Keycloak for ROLE (see Keycloak.token)."""
    return default().token(role, subject, department, assemblies, workshops)


def service_token(client_id="assembly-cycle", secret_file=None):
    """The token of a confidential client's service account (by default assembly-cycle, the
    secretariat of every assembly, what ops/cycle uses)."""
    if secret_file is None:
        var = "KEYCLOAK_" + client_id.upper().replace("-", "_") + "_SECRET_FILE"
        secret_file = os.environ.get(var) or stack_env().get(var)
        if not secret_file:
            raise IdentityError(f"no {var} in the environment nor in var/stack.env: run ops/stack up")
    return default().service_token(client_id, _read(secret_file, f"the secret of client {client_id}"))
