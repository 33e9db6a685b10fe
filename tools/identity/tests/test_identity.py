"""tools/identity without a stack: var/stack.env parsing, the token cache, bad input."""

import base64
import io
import json
import os
import tempfile
import unittest
from contextlib import redirect_stderr
from unittest import mock

from identity import IdentityError, Keycloak, keycloak
from identity.__main__ import main


def jwt(payload):
    enc = lambda d: base64.urlsafe_b64encode(json.dumps(d).encode()).rstrip(b"=").decode()  # noqa: E731
    return f"{enc({'alg': 'RS256'})}.{enc(payload)}.sig"


class StackEnvTest(unittest.TestCase):
    def test_reads_exports_and_unquotes(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "stack.env")
            with open(path, "w") as f:
                f.write("# comment\nexport KEYCLOAK_URL='http://127.0.0.1:8180'\n"
                        "export ODD='it'\\''s'\nNOT_EXPORTED=1\n")
            env = keycloak.stack_env(path)
        self.assertEqual(env, {"KEYCLOAK_URL": "http://127.0.0.1:8180", "ODD": "it's"})

    def test_missing_file_is_empty(self):
        self.assertEqual(keycloak.stack_env("/nonexistent/stack.env"), {})

    def test_from_env_names_what_is_missing(self):
        with mock.patch.object(keycloak, "stack_env", return_value={}):
            with self.assertRaisesRegex(IdentityError, "KEYCLOAK_ASSEMBLY_TESTS_SECRET_FILE"):
                Keycloak.from_env({"KEYCLOAK_URL": "http://x"})


class TokenTest(unittest.TestCase):
    def setUp(self):
        self.kc = Keycloak("http://127.0.0.1:1", "assembly", "secret", "password")

    def test_claims(self):
        self.assertEqual(keycloak.claims(jwt({"roles": ["member"]})), {"roles": ["member"]})
        with self.assertRaises(IdentityError):
            keycloak.claims("not-a-token")

    def test_unknown_role_is_refused_before_any_call(self):
        with mock.patch.object(self.kc, "request", side_effect=AssertionError("no call expected")):
            with self.assertRaisesRegex(ValueError, "unknown role 'mayor'"):
                self.kc.token("mayor")

    def test_cache_until_a_minute_before_expiry(self):
        calls = []

        def fetch():
            calls.append(1)
            return {"access_token": f"t{len(calls)}", "expires_in": 300}

        with mock.patch.object(keycloak.time, "monotonic", return_value=1000.0):
            self.assertEqual(self.kc._cached(("k",), fetch), "t1")
        with mock.patch.object(keycloak.time, "monotonic", return_value=1000.0 + 239):
            self.assertEqual(self.kc._cached(("k",), fetch), "t1")
        with mock.patch.object(keycloak.time, "monotonic", return_value=1000.0 + 241):
            self.assertEqual(self.kc._cached(("k",), fetch), "t2")
        self.assertEqual(len(calls), 2)

    def test_a_5xx_grant_is_tried_again_and_a_4xx_is_not(self):
        answers = [(500, {"error": "unknown_error"}), (500, None), (200, {"access_token": "t", "expires_in": 60})]
        with mock.patch.object(self.kc, "token_endpoint", side_effect=answers) as endpoint, \
                mock.patch.object(keycloak.time, "sleep"):
            self.assertEqual(self.kc._grant({}, "grant")["access_token"], "t")
        self.assertEqual(endpoint.call_count, 3)
        with mock.patch.object(self.kc, "token_endpoint", return_value=(401, {"error": "unauthorized_client"})) \
                as endpoint, mock.patch.object(keycloak.time, "sleep"):
            with self.assertRaisesRegex(IdentityError, "answered 401"):
                self.kc._grant({}, "grant")
        self.assertEqual(endpoint.call_count, 1)

    def test_a_role_given_between_the_read_and_the_write_is_not_an_error(self):
        role = {"id": "r1", "name": "member"}
        answers = {("GET", "/users/u/role-mappings/realm"): [[], [role]],
                   ("GET", "/users/u/role-mappings/realm/available"): [[role]]}

        def admin(method, path, body=None, expect=(200,)):
            if method == "POST":
                raise IdentityError("admin API POST answered 400: Could not add user role mappings!")
            return 200, answers[(method, path)].pop(0)

        with mock.patch.object(self.kc, "admin", side_effect=admin):
            self.kc.ensure_role("u", "member")
        answers[("GET", "/users/u/role-mappings/realm")] = [[], []]
        answers[("GET", "/users/u/role-mappings/realm/available")] = [[role]]
        with mock.patch.object(self.kc, "admin", side_effect=admin):
            with self.assertRaisesRegex(IdentityError, "400"):
                self.kc.ensure_role("u", "member")

    def test_an_account_without_a_password_gets_one_before_any_grant(self):
        # A refused grant counts as a failed login for the realm's brute-force protection; one
        # more within a second locks the account for a minute.
        calls = []

        def admin(method, path, body=None, expect=(200,)):
            calls.append((method, path))
            return 200, ([] if path.endswith("/credentials") else {"requiredActions": []})

        def endpoint(form):
            calls.append(("grant", form["username"]))
            return 200, {"access_token": "t", "expires_in": 60}

        with mock.patch.object(self.kc, "admin", side_effect=admin), \
                mock.patch.object(self.kc, "set_password", side_effect=lambda u: calls.append(("set", u))), \
                mock.patch.object(self.kc, "token_endpoint", side_effect=endpoint):
            self.assertEqual(self.kc.password_token("m1", "u1")["access_token"], "t")
        self.assertEqual(calls, [("GET", "/users/u1/credentials"), ("set", "u1"), ("GET", "/users/u1"), ("grant", "m1")])

    def test_a_refused_grant_is_tried_again_after_the_quick_login_window(self):
        answers = [(401, {"error": "invalid_grant"}), (200, {"access_token": "t", "expires_in": 60})]
        with mock.patch.object(self.kc, "admin", return_value=(200, [{"type": "password"}])), \
                mock.patch.object(self.kc, "set_up_for_tests") as set_up, \
                mock.patch.object(self.kc, "token_endpoint", side_effect=answers), \
                mock.patch.object(keycloak.time, "sleep") as sleep:
            self.assertEqual(self.kc.password_token("m1", "u1")["access_token"], "t")
        set_up.assert_called_once_with("u1")
        sleep.assert_called_once_with(keycloak.QUICK_LOGIN_CHECK_SECONDS)

    def test_unreachable_keycloak_is_a_clear_error(self):
        with self.assertRaisesRegex(IdentityError, "is Keycloak running"):
            self.kc.admin_token()


class CliTest(unittest.TestCase):
    def test_unknown_role_exits_2(self):
        err = io.StringIO()
        with redirect_stderr(err):
            self.assertEqual(main(["mayor"]), 2)
        self.assertIn("unknown role 'mayor'", err.getvalue())

    def test_no_role_is_a_usage_error(self):
        err = io.StringIO()
        with redirect_stderr(err), self.assertRaises(SystemExit) as e:
            main([])
        self.assertEqual(e.exception.code, 2)
        self.assertIn("usage: ops/token ROLE", err.getvalue())


if __name__ == "__main__":
    unittest.main()
