"""Signing in through the web client as a browser does: the authorization code flow with PKCE
(S256) of `assembly-web`, by plain HTTP (the login form, its cookies, the redirect carrying the
code, the code exchanged with the verifier). For tests of what a person signed in may do.

  python3 -m identity.signin USERNAME   prints the access token of the test user USERNAME (made by
                                        identity.token first: a member's id for a member)
"""

import base64
import hashlib
import html
import html.parser
import http.client
import os
import secrets
import sys
import urllib.parse

from .keycloak import IdentityError, stack_env


class Browser:
    """HTTP without redirects, keeping the cookies it is given (whatever their Secure flag)."""

    def __init__(self):
        self.cookies = {}

    def call(self, method, url, form=None):
        u = urllib.parse.urlsplit(url)
        conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
        headers = {}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        path = u.path + ("?" + u.query if u.query else "")
        conn.request(method, path, body, headers)
        r = conn.getresponse()
        text = r.read().decode(errors="replace")
        for name, value in r.getheaders():
            if name.lower() == "set-cookie":
                k, _, rest = value.partition("=")
                v = rest.split(";", 1)[0]
                if v:
                    self.cookies[k.strip()] = v
                else:
                    self.cookies.pop(k.strip(), None)
        conn.close()
        return r.status, r.getheader("Location"), text


class Forms(html.parser.HTMLParser):
    """The forms of a page (action, inputs) and its links."""

    def __init__(self, text):
        super().__init__()
        self.forms, self.links, self.lang = [], [], None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        elif tag == "form":
            self.forms.append({"id": a.get("id"), "action": a.get("action"), "inputs": {}})
        elif tag == "input" and self.forms and a.get("name"):
            self.forms[-1]["inputs"][a["name"]] = a.get("value") or ""
        elif tag == "a" and a.get("href"):
            self.links.append(a["href"])


def pkce():
    verifier = base64.urlsafe_b64encode(secrets.token_bytes(32)).rstrip(b"=").decode()
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    return verifier, challenge


def sign_in(kc, username, password, redirect_uri=None, client_id="assembly-web"):
    """The token answer (access, refresh and id tokens) of a sign-in through CLIENT_ID's
    authorization code flow with PKCE; IdentityError saying which step failed otherwise."""
    env = {**stack_env(), **os.environ}
    redirect_uri = redirect_uri or f"http://127.0.0.1:{env.get('WEB_PORT', '8080')}/callback"
    verifier, challenge = pkce()
    state = secrets.token_hex(8)
    params = {"client_id": client_id, "response_type": "code", "scope": "openid", "redirect_uri": redirect_uri,
              "state": state, "code_challenge": challenge, "code_challenge_method": "S256"}
    browser = Browser()
    status, _, page = browser.call("GET", kc.issuer + "/protocol/openid-connect/auth?" + urllib.parse.urlencode(params))
    if status != 200:
        raise IdentityError(f"login page: {status}")
    form = next((f for f in Forms(page).forms if f["id"] == "kc-form-login"), None)
    if form is None:
        raise IdentityError("no login form on the login page")
    status, location, _ = browser.call("POST", html.unescape(form["action"]),
                                       {"username": username, "password": password, "credentialId": ""})
    if status != 302 or not (location or "").startswith(redirect_uri + "?"):
        raise IdentityError(f"sign-in of {username}: {status}, not redirected to the web client")
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(location).query)
    if query.get("state") != [state] or "code" not in query:
        raise IdentityError("the redirect carries no code or another state")
    status, tokens = kc.token_endpoint({"grant_type": "authorization_code", "client_id": client_id,
                                        "code": query["code"][0], "redirect_uri": redirect_uri,
                                        "code_verifier": verifier})
    if status != 200:
        raise IdentityError(f"code exchange: {status}: {tokens}")
    return tokens


def main(argv):
    if len(argv) != 1:
        print("usage: python3 -m identity.signin USERNAME", file=sys.stderr)
        return 2
    from .keycloak import default, token
    try:
        token("member", argv[0])  # the test account, with the test password
        kc = default()
        print(sign_in(kc, argv[0], kc.test_password)["access_token"])
    except IdentityError as e:
        print(f"identity.signin: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
