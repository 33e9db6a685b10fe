"""Rotating the realm's signing key while requests flow: no request fails.

Against the running stack (ops/stack up): a new RSA key with a higher priority is added to the
realm assembly through the admin API (as the master realm's administrator), so Keycloak signs the
next tokens with it; the services have never seen its `kid` and must fetch the key set again by
themselves. Then the old key is made passive (kept for verifying), and finally the new key is
removed (tokens go back to the old key). Threads call the services all along with fresh tokens;
every answer must come from a verified token (never 401 or 503).
"""

import base64
import json
import os
import threading
import time
import unittest
import urllib.error
import urllib.request

from identity import Keycloak, keycloak

ENV = {**keycloak.stack_env(), **os.environ}

# A route of each service that needs a secretariat's token, and the statuses a verified token gets.
CALLS = [
    ("SORTITION_URL", "/v1/pools", {200}),
    ("MEMBERSHIP_URL", "/v1/assemblies/rotation-none/roles", {200, 404}),
    ("WORKSHOPS_URL", "/v1/workshops/rotation-none/notebook/versions", {200, 404}),
    ("RECOMMENDATIONS_URL", "/v1/ballots?assembly_id=rotation-none", {200}),
]


def get(url, token):
    req = urllib.request.Request(url, headers={"Authorization": "Bearer " + token})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def kid(token):
    head = token.split(".")[0]
    return json.loads(base64.urlsafe_b64decode(head + "=" * (-len(head) % 4)))["kid"]


class KeyRotationTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.kc = Keycloak.from_env(ENV)
        with open(ENV["KEYCLOAK_ADMIN_PASSWORD_FILE"], encoding="utf-8") as f:
            password = f.read().strip()
        status, body = cls.kc.request("POST", f"{cls.kc.url}/realms/master/protocol/openid-connect/token", form={
            "grant_type": "password", "client_id": "admin-cli", "username": "admin", "password": password})
        assert status == 200, body
        cls.master = body["access_token"]
        with open(ENV["KEYCLOAK_ASSEMBLY_CYCLE_SECRET_FILE"], encoding="utf-8") as f:
            cls.cycle_secret = f.read().strip()

    def admin(self, method, path, body=None, expect=(200, 201, 204)):
        status, payload = self.kc.request(method, f"{self.kc.url}/admin/realms/assembly{path}", body=body,
                                          headers={"Authorization": "Bearer " + self.master})
        self.assertIn(status, expect, payload)
        return payload

    def fresh_token(self):
        """A new token of assembly-cycle (secretariat of every assembly), never a cached one."""
        status, body = self.kc.token_endpoint({"grant_type": "client_credentials", "client_id": "assembly-cycle",
                                               "client_secret": self.cycle_secret})
        self.assertEqual(status, 200, body)
        return body["access_token"]

    def active_rs256_kid(self):
        keys = self.admin("GET", "/keys")
        return keys["active"]["RS256"]

    def test_rotation_needs_no_restart_and_fails_no_request(self):
        failures, answered, kids_seen = [], [], set()
        stop = threading.Event()

        def caller():
            while not stop.is_set():
                token = self.fresh_token()
                for var, path, ok in CALLS:
                    status, body = get(ENV[var] + path, token)
                    answered.append(status)
                    kids_seen.add(kid(token))
                    if status not in ok:
                        failures.append((var, path, status, body[:200], kid(token)))

        old_kid = self.active_rs256_kid()
        threads = [threading.Thread(target=caller) for _ in range(3)]
        for t in threads:
            t.start()
        component_id = None
        try:
            time.sleep(2)
            # 1. A new key, preferred for signing from now on.
            realm_id = self.admin("GET", "")["id"]
            name = f"rotation-{int(time.time())}"
            self.admin("POST", "/components", {
                "name": name, "providerId": "rsa-generated", "providerType": "org.keycloak.keys.KeyProvider",
                "parentId": realm_id,
                "config": {"priority": ["1000"], "keySize": ["2048"], "active": ["true"], "enabled": ["true"],
                           "algorithm": ["RS256"]}})
            component_id = next(c["id"] for c in self.admin("GET", "/components?type=org.keycloak.keys.KeyProvider")
                                if c["name"] == name)
            new_kid = self.active_rs256_kid()
            self.assertNotEqual(new_kid, old_kid)
            deadline = time.monotonic() + 20
            while new_kid not in kids_seen and time.monotonic() < deadline:
                time.sleep(0.2)
            self.assertIn(new_kid, kids_seen, "no token was signed with the new key")
            time.sleep(3)
            # 2. Back: the new key removed, the old one signs again.
            self.admin("DELETE", f"/components/{component_id}")
            component_id = None
            time.sleep(3)
        finally:
            stop.set()
            for t in threads:
                t.join()
            if component_id:
                self.admin("DELETE", f"/components/{component_id}")
        self.assertEqual(failures, [], f"{len(failures)} of {len(answered)} requests failed")
        self.assertGreater(len(answered), 40, "too few requests flowed during the rotation")
        self.assertEqual(self.active_rs256_kid(), old_kid)


if __name__ == "__main__":
    unittest.main()
