#!/usr/bin/env python3
"""A coach's roster at size: N clients of M asks each, served by keel serve --accounts.

    bench/roster_bench.py --keel build/bench/keel --clients 20 --asks 1000 [--db URI] [--workers 1]

Makes a coach and N seekers (keel user add), imports the same generated history of M asks into each
seeker's search (bench/gen_history.py), has each seeker grant the coach, then times
GET /api/coach/clients: the first (every client's flags computed), the next 20 (the flags kept per
worker while each ledger's change stamp holds: the median and the slowest), and the one after a
single client logs an ask (that client computed again). Also the time of one sign-in (argon2id at
libsodium's interactive limits). --db takes a SQLite path (default: a temporary folder) or a
postgresql:// URI of an empty database.
"""
import argparse
import http.client
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SEEKER_PASSWORD = "wintergreen-mud-lamp"
COACH_PASSWORD = "saffron tide harbour bell"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--keel", required=True)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--asks", type=int, default=1000)
    ap.add_argument("--db")
    ap.add_argument("--workers", type=int, default=1)
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="keel-roster-")
    db = args.db or os.path.join(tmp, "k.db")
    env = dict(os.environ, KEEL_TODAY="2026-11-26")
    env.pop("KEEL_DB", None)

    def keel(*argv, stdin=None):
        subprocess.run([args.keel, "--db", db, *argv], input=stdin, env=env, check=True,
                       capture_output=True, text=True)

    history = os.path.join(tmp, "h.csv")
    subprocess.run([sys.executable, os.path.join(HERE, "gen_history.py"), "--asks", str(args.asks),
                    "--seed", "1", "--today", "2026-11-26", "-o", history], check=True)
    keel("user", "add", "coach@practice.example", "--role", "coach", "--password-stdin", stdin=COACH_PASSWORD + "\n")
    for i in range(args.clients):
        keel("user", "add", f"s{i}@example.com", "--role", "seeker", "--password-stdin", stdin=SEEKER_PASSWORD + "\n")
        keel("--search", f"seeker-{i + 2}", "import", history)

    server = subprocess.Popen([args.keel, "--db", db, "serve", "--accounts", "--port", "0",
                               "--threads", str(args.workers)], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    port = int(re.search(r":(\d+)", server.stdout.readline()).group(1))

    def request(method, path, body=None, cookie=None, token=None):
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        h = {"Host": f"127.0.0.1:{port}"}
        if cookie:
            h["Cookie"] = f"keel_session={cookie}"
        if token:
            h["X-Keel-Token"] = token
        data = json.dumps(body) if body is not None else None
        if data:
            h["Content-Type"] = "application/json"
        c.request(method, path, body=data, headers=h)
        r = c.getresponse()
        out = (r.status, r.getheader("Set-Cookie") or "", r.read())
        c.close()
        return out

    def sign_in(email, password):
        status, cookie, raw = request("POST", "/api/login", {"email": email, "password": password})
        assert status == 200, raw
        return cookie.split(";")[0].split("=", 1)[1], json.loads(raw)["csrf"]

    def timed(fn):
        t0 = time.perf_counter()
        fn()
        return (time.perf_counter() - t0) * 1000

    try:
        for i in range(args.clients):
            cookie, token = sign_in(f"s{i}@example.com", SEEKER_PASSWORD)
            assert request("POST", "/api/grants", {"coach_email": "coach@practice.example"}, cookie, token)[0] == 200
        sign_in_ms = statistics.median(timed(lambda: sign_in("coach@practice.example", COACH_PASSWORD)) for _ in range(5))
        coach, _ = sign_in("coach@practice.example", COACH_PASSWORD)
        roster = lambda: request("GET", "/api/coach/clients", cookie=coach)  # noqa: E731
        first = timed(roster)
        warm = [timed(roster) for _ in range(20)]
        keel("--search", "seeker-2", "ask", "Zed Corp", "--kind", "chat", "--on", "2026-11-26")
        after_change = timed(roster)
        clients = len(json.loads(roster()[2])["clients"])
    finally:
        server.terminate()
        server.wait()
    print(f"roster of {clients} clients x {args.asks} asks, {args.workers} worker(s): first {first:.0f} ms; "
          f"then median {statistics.median(warm):.1f} ms, slowest {max(warm):.1f} ms; "
          f"after one client's ask {after_change:.0f} ms; one sign-in {sign_in_ms:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
