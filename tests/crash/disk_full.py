#!/usr/bin/env python3
"""A full disk: keel's database on a 1 MiB tmpfs, mounted in the test's own mount namespace
(unshare -m; nothing outside sees it). An import of 30,000 rows that cannot fit fails with one
line that says the disk is full and how to fix it, exit 1, and leaves the ledger exactly as it was
(the ask before it, integrity_check ok); a small write afterwards still succeeds; keel serve
answers a write that cannot fit with an error, not a crash, and keeps serving.

Where the test may not make a mount namespace (a container without CAP_SYS_ADMIN) it says so and
exits 77, which CTest reports as skipped rather than passed.

Usage: disk_full.py --keel PATH
"""
import csv
import json
import os
import sqlite3
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "server"))
from keel_server import Checks, Server, parse_args, test_env  # noqa: E402

SKIP = 77


def inside(args, mount):
    check = Checks()
    env = test_env(mount)
    env["HOME"] = tempfile.mkdtemp()  # keel's own files stay off the small disk
    db = os.path.join(mount, "k.db")

    def keel(*argv):
        return subprocess.run([args.keel, "--db", db, *argv], env=env, capture_output=True, text=True, timeout=120)

    def count():
        r = keel("--json", "list", "--all")
        return len(json.loads(r.stdout)) if r.returncode == 0 else f"error: {r.stderr}"

    check(keel("ask", "Initech", "--kind", "chat", "--on", "2026-11-02").returncode == 0, "the first ask fits")
    big = os.path.join(env["HOME"], "big.csv")
    with open(big, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["asked_on", "org", "kind", "outcome", "reason"])
        for i in range(30000):
            w.writerow([f"2026-10-{i % 28 + 1:02d}", f"Organization number {i} with a long name", "chat", "no",
                        f"they went with someone else, reason {i}"])
    r = keel("import", big)
    check(r.returncode == 1 and "is full" in r.stderr and "free some space" in r.stderr and r.stderr.count("\n") == 1,
          f"a full disk: exit 1, one line naming it and the fix: {r.returncode} {r.stderr!r}")
    check(count() == 1, f"the ledger is as it was: {count()} asks")
    with sqlite3.connect(db) as c:
        check(c.execute("PRAGMA integrity_check").fetchone()[0] == "ok", "integrity_check after the full disk")
    check(keel("ask", "Globex", "--kind", "chat", "--on", "2026-11-03").returncode == 0,
          "a small write fits again once the import rolled back")

    # The server: writes that cannot fit are refused one by one; it keeps answering.
    with Server(args.keel, db, env) as server:
        refused = 0
        for i in range(5000):
            resp = server.request("POST", "/api/ask", {"org": f"Org {i} " + "x" * 180, "person": "p" * 180,
                                                       "kind": "chat", "on": "2026-11-20"}, token=True)
            check(resp.status in (200, 500, 503, 507), f"a write on a full disk answers: {resp.status} {resp.body[:200]!r}")
            if resp.status != 200:
                refused += 1
                body = json.loads(resp.body)
                check("full" in body.get("error", ""), f"the refusal says the disk is full: {body}")
                break
        check(refused == 1, "the disk filled up under the server's writes")
        check(server.request("GET", "/api/stats").status == 200, "the server keeps reading after a refused write")
        check(server.process.poll() is None, "the server is still running")
    with sqlite3.connect(db) as c:
        check(c.execute("PRAGMA integrity_check").fetchone()[0] == "ok", "integrity_check after the server")
    if check.failures:
        print(f"{len(check.failures)} check(s) failed", file=sys.stderr)
        return 1
    print("disk_full: every check passed")
    return 0


def main() -> int:
    if len(sys.argv) > 2 and sys.argv[1] == "--inside":
        mount = sys.argv[2]
        sys.argv = [sys.argv[0]] + sys.argv[3:]
        args = parse_args()
        r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mount], capture_output=True, text=True)
        if r.returncode != 0:
            print(f"SKIPPED: cannot mount a tmpfs here ({r.stderr.strip()})")
            return SKIP
        return inside(args, mount)
    if subprocess.run(["unshare", "-m", "true"], capture_output=True).returncode != 0:
        print("SKIPPED: this machine lets the test make no mount namespace (unshare -m)")
        return SKIP
    with tempfile.TemporaryDirectory() as mount:
        return subprocess.run(["unshare", "-m", sys.executable, os.path.abspath(__file__), "--inside", mount,
                               *sys.argv[1:]]).returncode

if __name__ == "__main__":
    sys.exit(main())
