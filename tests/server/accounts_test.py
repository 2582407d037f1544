#!/usr/bin/env python3
"""keel serve --accounts end to end: signing in, sessions, CSRF and throttling, over real sockets.

- No session -> 401 on every /api/ route; a wrong email and a wrong password get the same 401.
- POST /api/login -> {email, name, role, searches, csrf} and a cookie: HttpOnly, SameSite=Strict,
  Path=/, Max-Age 12 h; without Secure over plain HTTP; `__Host-` and Secure behind HTTPS
  (--public-url https://...). A cookie the browser brought is never adopted (no fixation).
- A seeker's requests reach their own search only: B never sees A's ask; a coach has no search.
- Writes need the session's own token (X-Keel-Token): none, another session's, or the old
  process token -> 403, and nothing is written.
- Logout ends the session on the server: the same cookie is refused afterwards.
- A session ends 30 min after its last use and 12 h after it began ($KEEL_NOW moves the clock).
- 10 failed sign-ins for one email within 15 min -> the 11th attempt is 429 with Retry-After,
  even with the right password; other accounts are not held up.
- A seeker who leaves deletes their account (their password confirms it) and their search with it.
- A seeker lists their sessions and ends one; a password change ends the other sessions, and
  only the new password signs in.

Usage: accounts_test.py --keel PATH [--pg CONNINFO|@FILE]
"""
import http.client
import json
import os
import re
import subprocess
import sys
import tempfile

from keel_server import Checks, Keel, Server, parse_args, test_db, test_env

PASSWORD_A = "wintergreen-mud-lamp"
NEW_PASSWORD_A = "amber lantern quiet river"
PASSWORD_B = "copper kettle under rain"
PASSWORD_COACH = "saffron tide harbour bell"


class Client:
    """A browser's view: the cookie jar of one session and its CSRF token."""

    def __init__(self, server, cookie_name="keel_session"):
        self.server, self.cookie_name = server, cookie_name
        self.cookie, self.csrf = None, None

    def request(self, method, path, body=None, token=None, cookie=None, headers=None):
        c = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=30)
        h = {"Host": self.server.host}
        jar = cookie if cookie is not None else self.cookie
        if jar:
            h["Cookie"] = f"{self.cookie_name}={jar}"
        tok = token if token is not None else self.csrf
        if tok and method == "POST":
            h["X-Keel-Token"] = tok
        h.update(headers or {})
        data = json.dumps(body) if body is not None else None
        if data is not None:
            h["Content-Type"] = "application/json"
        c.request(method, path, body=data, headers=h)
        r = c.getresponse()
        raw = r.read()
        out = (r.status, dict((k.lower(), v) for k, v in r.getheaders()), raw)
        c.close()
        return out

    def login(self, email, password, headers=None):
        status, headers_out, raw = self.request("POST", "/api/login",
                                                {"email": email, "password": password},
                                                headers=headers)
        if status == 200:
            m = re.match(rf"{re.escape(self.cookie_name)}=([0-9a-f]{{64}});", headers_out.get("set-cookie", ""))
            self.cookie = m.group(1) if m else None
            self.csrf = json.loads(raw)["csrf"]
        return status, headers_out, raw


def main() -> int:
    args = parse_args()
    check = Checks()
    with tempfile.TemporaryDirectory() as tmp:
        db = test_db(args, tmp, "accounts_test")
        env = test_env(tmp)
        keel = Keel(args.keel, db, env)

        def add(email, role, password):
            r = subprocess.run([args.keel, "--db", db, "user", "add", email, "--role", role,
                                "--password-stdin"], input=password + "\n", env=env,
                               capture_output=True, text=True, timeout=60)
            if r.returncode != 0:
                raise SystemExit(f"keel user add {email}: {r.stderr}")

        add("ana@example.com", "seeker", PASSWORD_A)
        add("ben@example.com", "seeker", PASSWORD_B)
        add("coach@practice.example", "coach", PASSWORD_COACH)
        add("cy@example.com", "seeker", PASSWORD_B)  # leaves: seeker-4

        env_now = dict(env, KEEL_NOW="2026-12-02T09:00:00Z")
        with Server(args.keel, db, env_now, "--accounts", "--threads", "4") as server:
            anon = Client(server)
            for path in ("/api/status", "/api/list", "/api/me", "/api/stats"):
                status, _, raw = anon.request("GET", path)
                check(status == 401 and json.loads(raw).get("code") == "unauthenticated",
                      f"GET {path} without a session: want 401, got {status} {raw[:120]!r}")
            status, _, _ = anon.request("POST", "/api/ask", {"org": "Acme", "kind": "chat"})
            check(status == 401, f"POST /api/ask without a session: want 401, got {status}")

            # Same answer for an unknown email and a wrong password.
            s1, _, r1 = anon.request("POST", "/api/login", {"email": "nobody@example.com", "password": PASSWORD_A})
            s2, _, r2 = anon.request("POST", "/api/login", {"email": "ana@example.com", "password": "wrong password here"})
            check(s1 == s2 == 401 and r1 == r2, f"unknown email vs wrong password differ: {s1} {r1!r} / {s2} {r2!r}")

            # Sign in, with a cookie planted beforehand (fixation): a new id is set.
            ana = Client(server)
            planted = "a" * 64
            ana.cookie = planted
            status, headers, raw = ana.login("ANA@example.com", PASSWORD_A)
            check(status == 200, f"login: {status} {raw[:200]!r}")
            answer = json.loads(raw)
            check(answer.get("email") == "ana@example.com" and answer.get("role") == "seeker"
                  and answer.get("searches") == ["seeker-1"] and "password_hash" not in answer,
                  f"login answer: {answer}")
            cookie = headers.get("set-cookie", "")
            for part in ("HttpOnly", "SameSite=Strict", "Path=/", "Max-Age=43200"):
                check(part in cookie, f"cookie lacks {part}: {cookie}")
            check("Secure" not in cookie, f"a cookie over plain HTTP is not Secure: {cookie}")
            check(ana.cookie and ana.cookie != planted, f"the session id is new at sign-in: {cookie}")
            status, _, _ = anon.request("GET", "/api/me", cookie=planted)
            check(status == 401, f"the planted id opens nothing: {status}")

            status, _, raw = ana.request("GET", "/api/me")
            me = json.loads(raw) if status == 200 else {}
            check(status == 200 and me.get("email") == "ana@example.com", f"/api/me: {status} {raw[:200]!r}")

            # Writes need this session's token.
            status, _, _ = ana.request("POST", "/api/ask", {"org": "Acme", "kind": "chat", "on": "2026-11-20"}, token="")
            check(status == 403, f"a write without the token: want 403, got {status}")
            ben = Client(server)
            check(ben.login("ben@example.com", PASSWORD_B)[0] == 200, "ben signs in")
            status, _, _ = ana.request("POST", "/api/ask", {"org": "Acme", "kind": "chat", "on": "2026-11-20"}, token=ben.csrf)
            check(status == 403, f"a write with another session's token: want 403, got {status}")
            status, _, raw = ana.request("GET", "/api/list")
            check(json.loads(raw) == [], f"nothing was written by refused writes: {raw[:200]!r}")
            status, _, raw = ana.request("POST", "/api/ask", {"org": "Acme", "kind": "chat", "on": "2026-11-20"})
            check(status == 200, f"ana's ask: {status} {raw[:200]!r}")

            # Each seeker sees their own search only.
            _, _, raw = ana.request("GET", "/api/list")
            check(len(json.loads(raw)) == 1, f"ana sees her ask: {raw[:200]!r}")
            _, _, raw = ben.request("GET", "/api/list")
            check(json.loads(raw) == [], f"ben sees nothing of ana's: {raw[:200]!r}")
            r = keel("--search", "seeker-1", "--json", "list")
            check('"Acme"' in r.stdout, f"the ask is in seeker-1's search: {r.stdout[:200]!r}")

            # Ben brings the ledger he kept on his laptop: its JSON backup, imported into his search.
            laptop = Keel(args.keel, os.path.join(tmp, "laptop.db"), env)
            laptop("ask", "Initech", "--kind", "referral", "--on", "2026-11-02")
            laptop("no", "1", "--on", "2026-11-06", "--reason", "we hired internally")
            laptop("ask", "Globex", "--kind", "chat", "--on", "2026-11-10")
            backup = laptop("export", "--format", "json").stdout
            status, _, raw = ben.request("POST", "/api/import", {"content": backup, "file_name": "keel-backup.json"})
            check(status == 200, f"ben imports his laptop's backup: {status} {raw[:200]!r}")
            _, _, raw = ben.request("GET", "/api/list")
            orgs = sorted(a["org"] for a in json.loads(raw))
            check(orgs == ["Globex", "Initech"], f"ben's search holds his laptop's asks: {orgs}")
            _, _, raw = ana.request("GET", "/api/list")
            check([a["org"] for a in json.loads(raw)] == ["Acme"], f"ana's search is untouched: {raw[:200]!r}")

            # Ana lists her sessions and ends another one.
            ana2 = Client(server)
            check(ana2.login("ana@example.com", PASSWORD_A)[0] == 200, "ana signs in a second time")
            _, _, raw = ana.request("GET", "/api/sessions")
            sessions = json.loads(raw).get("sessions", [])
            check(len(sessions) == 2 and sum(1 for x in sessions if x["current"]) == 1
                  and all(len(x["id"]) == 16 and x["address"] == "127.0.0.1" for x in sessions),
                  f"ana's sessions: {sessions}")
            other = [x["id"] for x in sessions if not x["current"]]
            status, _, _ = ana.request("POST", f"/api/sessions/{other[0] if other else 'x'}/revoke", {})
            check(status == 200, f"ending another session: {status}")
            status, _, _ = ana2.request("GET", "/api/me")
            check(status == 401, f"the ended session: want 401, got {status}")
            status, _, _ = ben.request("POST", f"/api/sessions/{sessions[0]['id'] if sessions else 'x'}/revoke", {})
            check(status == 404, f"ben ending ana's session: want 404, got {status}")

            # A password change ends the account's other sessions, not the one that made it.
            ana3 = Client(server)
            check(ana3.login("ana@example.com", PASSWORD_A)[0] == 200, "ana signs in a third time")
            status, _, raw = ana.request("POST", "/api/password", {"current": "not it at all", "new": NEW_PASSWORD_A})
            check(status == 400 and json.loads(raw).get("field") == "current", f"a wrong current password: {status} {raw!r}")
            status, _, raw = ana.request("POST", "/api/password", {"current": PASSWORD_A, "new": "short"})
            check(status == 400 and json.loads(raw).get("field") == "new", f"a weak new password: {status} {raw!r}")
            status, _, raw = ana.request("POST", "/api/password", {"current": PASSWORD_A, "new": NEW_PASSWORD_A})
            check(status == 200 and json.loads(raw).get("other_sessions_ended") == 1, f"the change: {status} {raw!r}")
            check(ana3.request("GET", "/api/me")[0] == 401, "the other session ended with the change")
            check(ana.request("GET", "/api/me")[0] == 200, "the session that made the change goes on")
            check(Client(server).login("ana@example.com", PASSWORD_A)[0] == 401, "the old password no longer signs in")
            check(Client(server).login("ana@example.com", NEW_PASSWORD_A)[0] == 200, "the new one does")

            # A coach has no search of their own (a client's comes with a grant).
            coach = Client(server)
            check(coach.login("coach@practice.example", PASSWORD_COACH)[0] == 200, "coach signs in")
            status, _, _ = coach.request("GET", "/api/list")
            check(status == 404, f"a coach's own /api/list: want 404, got {status}")

            # A seeker who leaves deletes their account and everything in it.
            cy = Client(server)
            check(cy.login("cy@example.com", PASSWORD_B)[0] == 200, "cy signs in")
            check(cy.request("POST", "/api/ask", {"org": "Hooli", "kind": "chat", "on": "2026-11-20"})[0] == 200,
                  "cy asks")
            status, _, raw = cy.request("POST", "/api/account/delete", {"password": "not my password"})
            check(status == 400 and json.loads(raw).get("field") == "password", f"delete with a wrong password: {status} {raw!r}")
            check(cy.request("GET", "/api/me")[0] == 200, "a refused deletion deletes nothing")
            status, headers, raw = cy.request("POST", "/api/account/delete", {"password": PASSWORD_B})
            check(status == 200 and json.loads(raw).get("deleted_searches") == ["seeker-4"]
                  and "Max-Age=0" in headers.get("set-cookie", ""), f"cy leaves: {status} {raw!r}")
            check(cy.request("GET", "/api/me")[0] == 401, "cy's session went with the account")
            check(Client(server).login("cy@example.com", PASSWORD_B)[0] == 401, "cy's account is gone")
            r = keel("--search", "seeker-4", "--json", "list")
            check(r.stdout.strip() == "[]", f"nothing of cy's search is left: {r.stdout[:200]!r}")
            r = keel("user", "list")
            check("cy@example.com" not in r.stdout, f"keel user list: {r.stdout!r}")

            # Logout ends the session on the server.
            status, headers, _ = ben.request("POST", "/api/logout")
            check(status == 200 and "Max-Age=0" in headers.get("set-cookie", ""),
                  f"logout: {status} {headers.get('set-cookie')}")
            status, _, _ = ben.request("GET", "/api/me")
            check(status == 401, f"after logout the same cookie: want 401, got {status}")

            # Throttling: 10 failures for one email, then even the right password waits.
            for i in range(10):
                anon.request("POST", "/api/login", {"email": "ben@example.com", "password": f"wrong-{i}-password"})
            status, headers, raw = anon.request("POST", "/api/login", {"email": "ben@example.com", "password": PASSWORD_B})
            check(status == 429 and json.loads(raw).get("code") == "too_many",
                  f"the 11th sign-in: want 429, got {status} {raw[:200]!r}")
            retry = headers.get("retry-after", "")
            check(retry.isdigit() and 0 < int(retry) <= 900, f"Retry-After: {retry!r}")

        # The clock moves: idle for 31 minutes ends ana's session; coach's too after 12 h.
        later = dict(env, KEEL_NOW="2026-12-02T09:31:00Z")
        with Server(args.keel, db, later, "--accounts") as server:
            c = Client(server)
            status, _, raw = c.request("GET", "/api/me", cookie=ana.cookie)
            check(status == 401 and b"ended" in raw, f"idle 31 min: want 401 ended, got {status} {raw!r}")
            # The throttle's window has passed for ben after 15 minutes.
            status, _, raw = c.login("ben@example.com", PASSWORD_B)
            check(status == 200, f"ben after the window: {status} {raw[:200]!r}")

        # Behind HTTPS: __Host- prefix and Secure.
        with Server(args.keel, db, env, "--accounts", "--public-url", "https://coach.example") as server:
            c = Client(server, cookie_name="__Host-keel_session")
            status, headers, raw = c.login("ana@example.com", NEW_PASSWORD_A)
            cookie = headers.get("set-cookie", "")
            check(status == 200 and cookie.startswith("__Host-keel_session=") and "; Secure" in cookie,
                  f"behind HTTPS the cookie is __Host- and Secure: {status} {cookie}")
            status, _, _ = c.request("GET", "/api/me")
            check(status == 200, f"the __Host- cookie signs in: {status}")
            status, _, _ = c.request("POST", "/api/logout", headers={"Origin": "https://coach.example"})
            check(status == 200, f"a write from the public origin: {status}")

    print(f"accounts_test: {len(check.failures)} failure(s)")
    return 1 if check.failures else 0


if __name__ == "__main__":
    sys.exit(main())
