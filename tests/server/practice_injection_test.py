#!/usr/bin/env python3
"""Hostile input in every field of a practice's server (keel serve --accounts): SQL, NUL and
control characters, bidirectional overrides, path tricks, huge and non-string values, and forged
cookies. Every answer is a 4xx or a 200 for what is legitimately text (never a 500 or a crash),
and afterwards the practice is intact: the same accounts, grants and sign-ins work.

Usage: practice_injection_test.py --keel PATH [--pg CONNINFO|@FILE]
"""
import json
import subprocess
import sys
import tempfile
import urllib.parse

from accounts_test import Client
from keel_server import Checks, Server, parse_args, test_db, test_env

PASSWORD = "wintergreen-mud-lamp"
HOSTILE = [
    "' OR '1'='1", "'; DROP TABLE accounts; --", "\") OR 1=1 --", "a\x00b", "\x1b[31mred",
    "\u202eevil", "../../../etc/passwd", "%00", "😀" * 3, "x" * 100_000, "", " ",
    "$(reboot)", "<script>alert(1)</script>",
]
NOT_STRINGS = [None, 0, -1, 1e308, True, [], {}, ["a"], {"$ne": None}]


def main() -> int:
    args = parse_args()
    check = Checks()
    with tempfile.TemporaryDirectory() as tmp:
        db = test_db(args, tmp, "practice_injection")
        env = test_env(tmp)
        for email, role in (("ana@example.com", "seeker"), ("coach@practice.example", "coach")):
            r = subprocess.run([args.keel, "--db", db, "user", "add", email, "--role", role,
                                "--password-stdin"], input=PASSWORD + "\n", env=env,
                               capture_output=True, text=True, timeout=60)
            if r.returncode != 0:
                raise SystemExit(f"user add {email}: {r.stderr}")
        # The CLI refuses a hostile email before anything is written.
        for evil in [h for h in HOSTILE[:6] if "\x00" not in h]:
            r = subprocess.run([args.keel, "--db", db, "user", "add", evil, "--role", "coach",
                                "--password-stdin"], input=PASSWORD + "\n", env=env,
                               capture_output=True, text=True, timeout=60)
            check(r.returncode == 1 and r.stderr.startswith("error: "), f"user add {evil[:20]!r}: {r.returncode} {r.stderr[:120]!r}")

        with Server(args.keel, db, env, "--accounts") as server:
            ana, coach, anon = Client(server), Client(server), Client(server)
            check(ana.login("ana@example.com", PASSWORD)[0] == 200, "ana signs in")
            check(coach.login("coach@practice.example", PASSWORD)[0] == 200, "the coach signs in")
            _, _, raw = ana.request("POST", "/api/grants", {"coach_email": "coach@practice.example", "scope": "comment"})
            grant = json.loads(raw).get("id")

            def hit(client, method, path, body, what, ok=(200, 400, 401, 403, 404, 405, 409, 413, 429, 431)):
                try:
                    status, _, raw = client.request(method, path, body)
                except Exception as e:  # a dropped connection is a crash here
                    check(False, f"{what}: {e!r}")
                    return
                check(status in ok, f"{what}: status {status} {raw[:160]!r}")

            values = HOSTILE + NOT_STRINGS
            for v in values:
                for field in ("email", "password"):
                    body = {"email": "ana@example.com", "password": "wrong password here"}
                    body[field] = v
                    hit(anon, "POST", "/api/login", body, f"login {field}={str(v)[:20]!r}")
                for field in ("coach_email", "scope", "expires_on"):
                    body = {"coach_email": "coach@practice.example", "scope": "read", "expires_on": ""}
                    body[field] = v
                    hit(ana, "POST", "/api/grants", body, f"grant {field}={str(v)[:20]!r}")
                for field in ("text", "about"):
                    body = {"text": "fine", "about": ""}
                    body[field] = v
                    hit(coach, "POST", "/api/searches/seeker-1/comments", body, f"comment {field}={str(v)[:20]!r}")
                for field in ("current", "new"):
                    body = {"current": "wrong password here", "new": "amber lantern quiet river"}
                    body[field] = v
                    hit(ana, "POST", "/api/password", body, f"password {field}={str(v)[:20]!r}")
                hit(ana, "POST", "/api/account/delete", {"password": v}, f"account/delete password={str(v)[:20]!r}")
                hit(ana, "POST", "/api/questions", {"text": v}, f"question text={str(v)[:20]!r}")
                hit(coach, "POST", "/api/questions/1/answers", {"text": v}, f"answer text={str(v)[:20]!r}")
            for v in HOSTILE[:10]:
                seg = urllib.parse.quote(v, safe="")
                hit(coach, "GET", f"/api/searches/{seg}/list", None, f"searches/{v[:20]!r}/list")
                hit(coach, "GET", f"/api/searches/seeker-1/{seg}", None, f"searches/seeker-1/{v[:20]!r}")
                hit(ana, "POST", f"/api/grants/{seg}/revoke", {}, f"grants/{v[:20]!r}/revoke")
                hit(ana, "POST", f"/api/sessions/{seg}/revoke", {}, f"sessions/{v[:20]!r}/revoke")
                hit(coach, "POST", f"/api/questions/{seg}/answers", {"text": "x"}, f"questions/{v[:20]!r}/answers")
                forged = Client(server)
                hit(forged, "GET", "/api/me", None, f"cookie {v[:20]!r}", ok=(400, 401, 431))
                forged.cookie = seg
                hit(forged, "GET", "/api/me", None, f"cookie value {v[:20]!r}", ok=(400, 401, 431))

            # The practice is intact: the same accounts, the grant, sign-ins.
            check(server.process.poll() is None, "the server is still running")
            _, _, raw = ana.request("GET", "/api/grants")
            grants = json.loads(raw).get("grants", [])
            check([g["id"] for g in grants if g["state"] == "active"] == [grant], f"the grant stands: {grants}")
            # The hostile sign-ins all came from this address: a new sign-in from it waits.
            check(Client(server).login("ana@example.com", PASSWORD)[0] == 429,
                  "the address that failed to sign in dozens of times is throttled")
            check(ana.request("GET", "/api/me")[0] == 200, "ana's session survived")
        # After the window (a later clock), ana signs in again.
        later = dict(env, KEEL_NOW="2099-01-01T00:00:00Z")
        with Server(args.keel, db, later, "--accounts") as server:
            check(Client(server).login("ana@example.com", PASSWORD)[0] == 200, "ana signs in later")
        r = subprocess.run([args.keel, "--db", db, "--json", "user", "list"], env=env, capture_output=True, text=True, timeout=60)
        emails = [a["email"] for a in json.loads(r.stdout)["accounts"]]
        check(emails == ["ana@example.com", "coach@practice.example"], f"the accounts: {emails}")

    print(f"practice_injection_test: {len(check.failures)} failure(s)")
    return 1 if check.failures else 0


if __name__ == "__main__":
    sys.exit(main())
