#!/usr/bin/env python3
"""mock_keycloak.py PORT_FILE LOG_FILE CLIENT_ID CLIENT_SECRET: the few endpoints of Keycloak's
admin API that the suite chart's realm Job calls, for its self-test. Listens on 127.0.0.1 on a
free port (written to PORT_FILE); appends one line per request to LOG_FILE (what was asked and
what was found wrong). Realms created are kept in memory: a second run finds the realm."""

import json
import sys
import urllib.parse
from http.server import BaseHTTPRequestHandler, HTTPServer

port_file, log_file, client_id, client_secret = sys.argv[1:5]
TOKEN = "mock-access-token"
realms = {}


def log(line):
    with open(log_file, "a") as f:
        f.write(line + "\n")


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def reply(self, status, body=None):
        data = json.dumps(body).encode() if body is not None else b""
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def body(self):
        return self.rfile.read(int(self.headers.get("Content-Length", 0)))

    def authorised(self):
        if self.headers.get("Authorization") != f"Bearer {TOKEN}":
            log(f"{self.command} {self.path} unauthorised")
            self.reply(401, {"error": "HTTP 401 Unauthorized"})
            return False
        return True

    def json_body(self):
        if self.headers.get("Content-Type") != "application/json":
            log(f"{self.command} {self.path} wrong content type {self.headers.get('Content-Type')}")
        try:
            return json.loads(self.body())
        except ValueError:
            log(f"{self.command} {self.path} body is not JSON")
            return None

    def do_GET(self):
        if not self.authorised():
            return
        name = self.path.removeprefix("/admin/realms/")
        if self.path.startswith("/admin/realms/") and name in realms:
            log(f"GET realm {name}: 200")
            self.reply(200, {"realm": name})
        else:
            log(f"GET {self.path}: 404")
            self.reply(404, {"error": "Realm not found."})

    def do_POST(self):
        if self.path == "/realms/master/protocol/openid-connect/token":
            form = urllib.parse.parse_qs(self.body().decode())
            ok = form == {"grant_type": ["client_credentials"], "client_id": [client_id],
                          "client_secret": [client_secret]}
            log(f"token {'granted' if ok else 'refused'}")
            if ok:
                self.reply(200, {"access_token": TOKEN, "token_type": "Bearer", "expires_in": 60})
            else:
                self.reply(401, {"error": "unauthorized_client"})
            return
        if not self.authorised():
            return
        if self.path == "/admin/realms":
            realm = self.json_body()
            if not isinstance(realm, dict) or not realm.get("realm"):
                self.reply(400, {"errorMessage": "no realm"})
                return
            if realm["realm"] in realms:
                self.reply(409, {"errorMessage": "Conflict detected."})
                return
            realms[realm["realm"]] = realm
            log(f"created realm {realm['realm']}: {json.dumps(realm, sort_keys=True)}")
            self.reply(201)
            return
        name = self.path.removeprefix("/admin/realms/").removesuffix("/partialImport")
        if self.path.endswith("/partialImport") and name in realms:
            body = self.json_body() or {}
            log(f"partial import into {name}: {json.dumps(body, sort_keys=True)}")
            skipped = sum(len(v) for k, v in body.items() if isinstance(v, list))
            self.reply(200, {"overwritten": 0, "added": 0, "skipped": skipped, "results": []})
            return
        log(f"POST {self.path}: 404")
        self.reply(404, {"error": "Not found"})


server = HTTPServer(("127.0.0.1", 0), Handler)
with open(port_file, "w") as f:
    f.write(str(server.server_address[1]))
server.serve_forever()
