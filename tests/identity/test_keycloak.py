"""The realm `assembly` of the local stack's Keycloak, and Mailpit, against the running stack
(ops/stack up; the addresses come from the environment or var/stack.env).

Each test makes its own users (unique names), so the tests can run again on the same stack.
"""

import base64
import html
import html.parser
import json
import os
import secrets
import subprocess
import time
import unittest
import urllib.parse

from identity import Keycloak, keycloak
from identity.signin import Browser, Forms, pkce, sign_in

SERVICES = {"sortition", "membership", "workshops", "recommendations", "followup", "notifications"}
ROOT = keycloak.ROOT
ENV = {**keycloak.stack_env(), **os.environ}
WEB_PORT = ENV.get("WEB_PORT", "8080")
REDIRECT = f"http://127.0.0.1:{WEB_PORT}/callback"
FAILURE_FACTOR = 5        # the realm's failureFactor (ops/keycloak/realm-assembly.json)


def unique(prefix):
    return f"{prefix}-{secrets.token_hex(6)}"


def decode(token):
    head, payload = token.split(".")[:2]
    pad = lambda s: s + "=" * (-len(s) % 4)  # noqa: E731
    return json.loads(base64.urlsafe_b64decode(pad(head))), json.loads(base64.urlsafe_b64decode(pad(payload)))


class KeycloakTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.kc = Keycloak.from_env(ENV)
        cls.issuer = ENV.get("OIDC_ISSUER") or cls.kc.issuer
        cls.auth_url = cls.issuer + "/protocol/openid-connect/auth"

    # ---- helpers --------------------------------------------------------------------------------
    def member(self, email=None):
        """A new member account (username = member id, attribute member_id) with the test password."""
        member_id = unique("m")
        uid = self.kc.ensure_user(member_id, {"member_id": [member_id]}, "member")
        if email:
            _, rep = self.kc.admin("GET", f"/users/{uid}")
            rep["email"] = email
            self.kc.admin("PUT", f"/users/{uid}", rep, expect=(204,))
        return member_id, uid

    def auth_params(self, **extra):
        params = {"client_id": "assembly-web", "response_type": "code", "scope": "openid",
                  "redirect_uri": REDIRECT, "state": secrets.token_hex(8), "nonce": secrets.token_hex(8)}
        params.update(extra)
        return params

    def login_page(self, browser, **extra):
        params = self.auth_params(**extra)
        status, _, page = browser.call("GET", self.auth_url + "?" + urllib.parse.urlencode(params))
        self.assertEqual(status, 200, page[:500])
        return params, Forms(page)

    def password_grant(self, username, password):
        return self.kc.token_endpoint({"grant_type": "password", "client_id": "assembly-tests",
                                       "client_secret": self.kc.tests_secret, "username": username,
                                       "password": password})

    # ---- (a) sign-in through the authorization code flow with PKCE ------------------------------
    def test_member_signs_in_with_code_and_pkce(self):
        member_id, uid = self.member()
        browser = Browser()
        verifier, challenge = pkce()
        params, page = self.login_page(browser, code_challenge=challenge, code_challenge_method="S256")
        form = next(f for f in page.forms if f["id"] == "kc-form-login")
        status, location, body = browser.call("POST", html.unescape(form["action"]), {
            "username": member_id, "password": self.kc.test_password, "credentialId": ""})
        self.assertEqual(status, 302, body[:500])
        self.assertTrue(location.startswith(REDIRECT + "?"), location)
        q = urllib.parse.parse_qs(urllib.parse.urlsplit(location).query)
        self.assertEqual(q["state"], [params["state"]])
        self.assertEqual(q["iss"], [self.issuer])
        code = q["code"][0]

        status, tokens = self.kc.token_endpoint({"grant_type": "authorization_code", "client_id": "assembly-web",
                                                 "code": code, "redirect_uri": REDIRECT, "code_verifier": verifier})
        self.assertEqual(status, 200, tokens)
        self.assertIn("refresh_token", tokens)
        head, c = decode(tokens["access_token"])
        self.assertEqual(head["alg"], "RS256")
        status, jwks = self.kc.request("GET", self.issuer + "/protocol/openid-connect/certs")
        self.assertEqual(status, 200)
        self.assertIn(head["kid"], {k["kid"] for k in jwks["keys"]})
        self.assertEqual(c["iss"], self.issuer)
        self.assertTrue(SERVICES <= set(c["aud"]), c["aud"])
        self.assertIn("member", c["roles"])
        self.assertEqual(c["member_id"], member_id)
        self.assertEqual(c["sub"], uid)
        self.assertEqual(c["azp"], "assembly-web")
        self.assertEqual(c["exp"] - c["iat"], 300)
        _, idt = decode(tokens["id_token"])
        self.assertEqual(idt["nonce"], params["nonce"])

        # The code is single-use.
        status, again = self.kc.token_endpoint({"grant_type": "authorization_code", "client_id": "assembly-web",
                                                "code": code, "redirect_uri": REDIRECT, "code_verifier": verifier})
        self.assertEqual(status, 400, again)

    # ---- staff accounts of the local seed file (ops/keycloak/staff-local.json) --------------------
    def test_seeded_staff_sign_in_with_their_role_and_department(self):
        with open(os.path.join(ROOT, "ops", "keycloak", "staff-local.json"), encoding="utf-8") as f:
            accounts = json.load(f)["accounts"]
        for a in accounts:
            with self.subTest(username=a["username"]):
                tokens = sign_in(self.kc, a["username"], self.kc.test_password, REDIRECT)
                _, c = decode(tokens["access_token"])
                self.assertIn(a["role"], c["roles"])
                self.assertNotIn("member", c["roles"])
                self.assertEqual(c.get("department"), a.get("department"))
                self.assertEqual(c["assemblies"], a["assemblies"])
                self.assertTrue(SERVICES <= set(c["aud"]), c["aud"])

    # ---- (b) what the web client may not do ------------------------------------------------------
    def test_implicit_flow_is_refused(self):
        status, location, _ = Browser().call("GET", self.auth_url + "?" + urllib.parse.urlencode(
            self.auth_params(response_type="token")))
        self.assertEqual(status, 302)
        self.assertTrue(location.startswith(REDIRECT), location)
        self.assertIn("error=unauthorized_client", location)
        self.assertNotIn("access_token", location)

    def test_code_flow_without_pkce_or_with_plain_pkce_is_refused(self):
        for extra in ({}, {"code_challenge": "x" * 43, "code_challenge_method": "plain"}):
            status, location, _ = Browser().call("GET", self.auth_url + "?" + urllib.parse.urlencode(
                self.auth_params(**extra)))
            self.assertEqual(status, 302, extra)
            q = urllib.parse.parse_qs(urllib.parse.urlsplit(location).query)
            self.assertEqual(q.get("error"), ["invalid_request"], (extra, location))
            self.assertNotIn("code", q)

    def test_code_with_the_wrong_verifier_is_refused(self):
        member_id, _ = self.member()
        browser = Browser()
        _, challenge = pkce()
        _, page = self.login_page(browser, code_challenge=challenge, code_challenge_method="S256")
        form = next(f for f in page.forms if f["id"] == "kc-form-login")
        status, location, _ = browser.call("POST", html.unescape(form["action"]), {
            "username": member_id, "password": self.kc.test_password, "credentialId": ""})
        self.assertEqual(status, 302)
        code = urllib.parse.parse_qs(urllib.parse.urlsplit(location).query)["code"][0]
        other_verifier, _ = pkce()
        status, body = self.kc.token_endpoint({"grant_type": "authorization_code", "client_id": "assembly-web",
                                               "code": code, "redirect_uri": REDIRECT, "code_verifier": other_verifier})
        self.assertEqual(status, 400, body)
        self.assertEqual(body["error"], "invalid_grant")

    def test_web_client_has_no_password_grant(self):
        member_id, _ = self.member()
        status, body = self.kc.token_endpoint({"grant_type": "password", "client_id": "assembly-web",
                                               "username": member_id, "password": self.kc.test_password})
        self.assertIn(status, (400, 401), body)
        self.assertNotIn("access_token", body)

    # ---- (c) a disabled account's refresh ------------------------------------------------------
    def test_disabled_account_cannot_refresh(self):
        member_id, uid = self.member()
        status, tokens = self.password_grant(member_id, self.kc.test_password)
        self.assertEqual(status, 200, tokens)
        refresh = {"grant_type": "refresh_token", "client_id": "assembly-tests",
                   "client_secret": self.kc.tests_secret, "refresh_token": tokens["refresh_token"]}
        status, body = self.kc.token_endpoint(refresh)
        self.assertEqual(status, 200, body)          # refreshes while enabled
        refresh["refresh_token"] = body["refresh_token"]
        _, rep = self.kc.admin("GET", f"/users/{uid}")
        rep["enabled"] = False
        self.kc.admin("PUT", f"/users/{uid}", rep, expect=(204,))
        status, body = self.kc.token_endpoint(refresh)
        self.assertEqual(status, 400, body)
        self.assertEqual(body["error"], "invalid_grant")
        self.assertNotIn("access_token", body)

    # ---- (d) brute-force protection ----------------------------------------------------------------
    def test_brute_force_locks_the_account(self):
        member_id, uid = self.member()
        detection = f"/attack-detection/brute-force/users/{uid}"
        for i in range(FAILURE_FACTOR):
            # Failures closer than the realm's quick-login check (1 s) lock at once: space them.
            time.sleep(1.1)
            status, body = self.password_grant(member_id, "wrong-password-" + str(i))
            self.assertIn(status, (400, 401), body)
            self.assertNotIn("access_token", body)
            # Keycloak records a failure after answering: wait (a bounded time) until it shows.
            deadline = time.monotonic() + 10
            _, state = self.kc.admin("GET", detection)
            while state["numFailures"] < i + 1 and time.monotonic() < deadline:
                time.sleep(0.1)
                _, state = self.kc.admin("GET", detection)
            self.assertEqual(state["numFailures"], i + 1, state)
            self.assertEqual(state["disabled"], i + 1 >= FAILURE_FACTOR, (i, state))
        # Locked: the right password is refused too.
        status, body = self.password_grant(member_id, self.kc.test_password)
        self.assertNotEqual(status, 200, body)
        self.assertNotIn("access_token", body)
        # Unlocked by an administrator: the right password works again.
        self.kc.admin("DELETE", detection, expect=(204,))
        status, body = self.password_grant(member_id, self.kc.test_password)
        self.assertEqual(status, 200, body)

    # ---- (e) languages of the login pages ----------------------------------------------------------
    def test_login_page_is_french_by_default_and_english_on_request(self):
        _, challenge = pkce()
        pkce_params = {"code_challenge": challenge, "code_challenge_method": "S256"}
        browser = Browser()
        params = self.auth_params(**pkce_params)
        status, _, page = browser.call("GET", self.auth_url + "?" + urllib.parse.urlencode(params))
        self.assertEqual(status, 200)
        self.assertEqual(Forms(page).lang, "fr")
        self.assertIn("Se connecter", page)
        self.assertIn("Mot de passe", page)
        status, _, page = Browser().call("GET", self.auth_url + "?" + urllib.parse.urlencode(
            self.auth_params(ui_locales="en", **pkce_params)))
        self.assertEqual(status, 200)
        self.assertEqual(Forms(page).lang, "en")
        self.assertIn("Sign in", page)
        self.assertIn("Password", page)
        self.assertNotIn("Mot de passe", page)

    # ---- (f) the execute-actions e-mail through Mailpit -------------------------------------------
    def test_update_password_email_arrives_and_its_link_works(self):
        email = unique("member") + "@assemblee.example"
        member_id, uid = self.member(email=email)
        self.kc.admin("PUT", f"/users/{uid}/execute-actions-email?" + urllib.parse.urlencode(
            {"client_id": "assembly-web", "redirect_uri": REDIRECT, "lifespan": 600}), ["UPDATE_PASSWORD"],
            expect=(204,))
        mailpit = ENV["MAILPIT_URL"]
        deadline, found = time.time() + 30, []
        while not found and time.time() < deadline:
            status, res = self.kc.request("GET", mailpit + "/api/v1/search?" + urllib.parse.urlencode(
                {"query": f"to:{email}"}))
            self.assertEqual(status, 200, res)
            found = res.get("messages") or []
            if not found:
                time.sleep(0.5)
        self.assertEqual(len(found), 1, f"no single e-mail to {email} in Mailpit after 30 s")
        status, msg = self.kc.request("GET", f"{mailpit}/api/v1/message/{found[0]['ID']}")
        self.assertEqual(status, 200)
        self.assertEqual(msg["From"]["Address"], "no-reply@assemblee.example")
        self.assertEqual([t["Address"] for t in msg["To"]], [email])
        links = [w for w in msg["Text"].split() if "/login-actions/action-token?" in w]
        self.assertTrue(links, msg["Text"][:1000])
        link = links[0]
        self.assertTrue(link.startswith(self.issuer + "/"), link)

        # The link: (redirects within Keycloak to) the new-password form, or an information page
        # naming the action that leads to it.
        browser = Browser()

        def get(url):
            hops = [url]
            status, location, text = browser.call("GET", url)
            while status == 302 and len(hops) < 6:
                self.assertTrue(location.startswith(self.issuer + "/"), hops + [location])
                hops.append(location)
                status, location, text = browser.call("GET", location)
            self.assertEqual(status, 200, (hops, location, text[:300]))
            return Forms(text), text

        page, text = get(link)
        if not any("password-new" in f["inputs"] for f in page.forms):
            proceed = [h for h in page.links if "/login-actions/" in h]
            self.assertTrue(proceed, text[:2000])
            page, text = get(html.unescape(proceed[0]))
        form = next(f for f in page.forms if "password-new" in f["inputs"])
        new_password = "Nouveau-" + secrets.token_hex(8)
        status, location, text = browser.call("POST", html.unescape(form["action"]), {
            "password-new": new_password, "password-confirm": new_password})
        self.assertIn(status, (200, 302), text[:500])
        status, body = self.password_grant(member_id, new_password)
        self.assertEqual(status, 200, body)

    # ---- (g) ops/token ---------------------------------------------------------------------------
    def ops_token(self, *args):
        return subprocess.run([os.path.join(ROOT, "ops", "token"), *args], capture_output=True, text=True,
                              timeout=60)

    def test_ops_token_for_each_role(self):
        subject = unique("t")
        for role in keycloak.ROLES:
            args = [role, subject]
            if role == "city-service":
                args.append("voirie")
            if role == "facilitator":
                args += ["--workshops", "w-1,w-2"]
            r = self.ops_token(*args)
            self.assertEqual(r.returncode, 0, (role, r.stderr))
            head, c = decode(r.stdout.strip())
            self.assertEqual(head["alg"], "RS256")
            self.assertEqual(c["iss"], self.issuer, role)
            self.assertTrue(SERVICES <= set(c["aud"]), (role, c["aud"]))
            self.assertIn(role, c["roles"])
            self.assertEqual(set(c["roles"]) & set(keycloak.ROLES), {role}, c["roles"])
            self.assertEqual(c["exp"] - c["iat"], 300)
            if role == "member":
                self.assertEqual(c["member_id"], subject)
                self.assertNotIn("assemblies", c)
            else:
                self.assertNotIn("member_id", c)
                self.assertEqual(c["assemblies"], ["*"])
            if role == "city-service":
                self.assertEqual(c["department"], "voirie")
            else:
                self.assertNotIn("department", c)
            if role == "facilitator":
                self.assertEqual(c["workshops"], ["w-1", "w-2"])
            else:
                self.assertNotIn("workshops", c)

    def test_ops_token_refuses_bad_input(self):
        r = self.ops_token("mayor")
        self.assertEqual(r.returncode, 2)
        self.assertIn("unknown role 'mayor'", r.stderr)
        self.assertEqual(r.stdout, "")
        r = self.ops_token()
        self.assertEqual(r.returncode, 2)
        self.assertIn("usage: ops/token ROLE", r.stderr)

    def test_token_cache_and_changed_claims(self):
        subject = unique("s")
        first = self.kc.token("secretariat", subject, assemblies=("a-1",))
        self.assertIs(self.kc.token("secretariat", subject, assemblies=("a-1",)), first)
        _, c = decode(first)
        self.assertEqual(c["assemblies"], ["a-1"])
        _, c = decode(self.kc.token("secretariat", subject, assemblies=("a-1", "a-2")))
        self.assertEqual(c["assemblies"], ["a-1", "a-2"])

    # ---- the provisioning client: members' accounts, nothing more ---------------------------------
    def test_provisioned_member_account_gets_a_token(self):
        secret = keycloak._read(ENV["KEYCLOAK_MEMBERSHIP_PROVISIONER_SECRET_FILE"], "provisioner secret")
        status, body = self.kc.token_endpoint({"grant_type": "client_credentials",
                                               "client_id": "membership-provisioner", "client_secret": secret})
        self.assertEqual(status, 200, body)
        bearer = {"Authorization": "Bearer " + body["access_token"]}
        admin = f"{self.kc.url}/admin/realms/{self.kc.realm}"
        # What membership does: the member's account, without a password (the e-mail sets it).
        member_id = unique("m")
        status, res = self.kc.request("POST", admin + "/users", {
            "username": member_id, "enabled": True, "email": member_id + "@assemblee.example",
            "attributes": {"member_id": [member_id]}}, headers=bearer)
        self.assertEqual(status, 201, res)
        # It may not touch the realm's configuration nor its clients.
        status, _ = self.kc.request("GET", admin + "/clients", headers=bearer)
        self.assertEqual(status, 403)
        status, _ = self.kc.request("PUT", admin, {"bruteForceProtected": False}, headers=bearer)
        self.assertEqual(status, 403)
        # The test tooling reuses the account: sets its password, adds the role, signs in.
        _, c = decode(self.kc.token("member", member_id))
        self.assertEqual(c["member_id"], member_id)
        self.assertIn("member", c["roles"])

    # ---- notifications' client: membership's and sortition's audiences, the role notifier -----------
    def test_notifications_sender_token_is_for_membership_and_sortition_only(self):
        secret = keycloak._read(ENV["KEYCLOAK_NOTIFICATIONS_SENDER_SECRET_FILE"], "notifications-sender secret")
        status, body = self.kc.token_endpoint({"grant_type": "client_credentials",
                                               "client_id": "notifications-sender", "client_secret": secret})
        self.assertEqual(status, 200, body)
        _, c = decode(body["access_token"])
        aud = c["aud"] if isinstance(c["aud"], list) else [c["aud"]]
        self.assertEqual(len(aud), 2, aud)  # membership (delivery details), sortition (mailing lists)
        self.assertIn("membership", aud)
        self.assertIn("sortition", aud)
        self.assertEqual(c["azp"], "notifications-sender")
        self.assertIn("notifier", c["roles"])
        self.assertNotIn("secretariat", c["roles"])
        self.assertEqual(c["assemblies"], ["*"])
        # Client credentials only: no password grant, and no say over the realm's users.
        status, refused = self.kc.token_endpoint({"grant_type": "password", "client_id": "notifications-sender",
                                                  "client_secret": secret, "username": "auditeur",
                                                  "password": self.kc.test_password})
        self.assertIn(status, (400, 401), refused)
        bearer = {"Authorization": "Bearer " + body["access_token"]}
        status, _ = self.kc.request("GET", f"{self.kc.url}/admin/realms/{self.kc.realm}/users", headers=bearer)
        self.assertEqual(status, 403)


if __name__ == "__main__":
    unittest.main()
