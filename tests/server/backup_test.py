#!/usr/bin/env python3
"""keel backup and keel restore: backups taken while keel serve takes a stream of writes are whole
(integrity_check ok), hold every write acknowledged before the backup began and none that was not
made, and open as databases of their own (the ledger, another search, the practice's accounts);
restoring one puts it back; a backup from a newer keel, an existing target without --yes, a file
that exists and PostgreSQL are refused in one line with nothing changed.

Usage: backup_test.py --keel PATH
"""
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

from keel_server import Checks, Server, parse_args, test_env


def main() -> int:
    args = parse_args()
    check = Checks()
    with tempfile.TemporaryDirectory() as tmp:
        env = test_env(tmp)
        db = os.path.join(tmp, "k.db")

        def keel(*argv, database=db):
            return subprocess.run([args.keel, "--db", database, *argv], env=env, capture_output=True,
                                  text=True, timeout=120)

        def asks(database, search=None):
            extra = ["--search", search] if search else []
            r = keel(*extra, "--json", "list", "--all", database=database)
            if r.returncode != 0:
                return f"error: {r.stderr.strip()}"
            return len(json.loads(r.stdout))

        def one_line_error(r, words, what):
            check(r.returncode == 1 and words in r.stderr and r.stderr.count("\n") == 1 and not r.stdout,
                  f"{what}: exit 1 and one line naming {words!r}: {r.returncode} {r.stderr!r} {r.stdout!r}")

        keel("ask", "Initech", "--kind", "chat", "--on", "2026-11-02")
        keel("--search", "side", "ask", "Globex", "--kind", "referral", "--on", "2026-11-03")
        r = subprocess.run([args.keel, "--db", db, "user", "add", "sam@practice.example", "--role", "coach",
                            "--password-stdin"], input="wintergreen-mud-lamp\n", env=env, capture_output=True,
                           text=True, timeout=60)
        check(r.returncode == 0, f"a practice account: {r.stderr!r}")

        # A stream of writes through the server, each acknowledged or not; backups in the middle.
        acknowledged = []
        stop = threading.Event()
        backups = []
        with Server(args.keel, db, env) as server:
            def write():
                i = 0
                while not stop.is_set():
                    i += 1
                    resp = server.request("POST", "/api/ask", {"org": f"Org {i}", "kind": "chat", "on": "2026-11-20"},
                                          token=True)
                    if resp.status == 200:
                        acknowledged.append(time.monotonic())
            writer = threading.Thread(target=write)
            writer.start()
            time.sleep(0.5)
            for n in range(3):
                before = len(acknowledged)
                target = os.path.join(tmp, f"b{n}.db")
                r = keel("backup", target)
                after = len(acknowledged)
                check(r.returncode == 0 and r.stdout.startswith(f"backed up {db} to {target} (3 files)"),
                      f"backup {n} while writing: {r.returncode} {r.stdout!r} {r.stderr!r}")
                backups.append((target, before, after))
                time.sleep(0.3)
            stop.set()
            writer.join()
        check(len(acknowledged) > 20, f"the server took writes throughout: {len(acknowledged)}")

        for target, before, after in backups:
            with sqlite3.connect(target) as c:
                check(c.execute("PRAGMA integrity_check").fetchone()[0] == "ok", f"{target}: integrity_check")
            n = asks(target)
            # Initech, then the writes: every one acknowledged before the backup began, none more
            # than were acknowledged by the time it ended.
            check(isinstance(n, int) and 1 + before <= n <= 1 + after,
                  f"{target}: {n} asks, between {1 + before} and {1 + after}")
            check(asks(target, "side") == 1, f"{target}: the other search is in it")
            r = keel("user", "list", database=target)
            check("sam@practice.example" in r.stdout, f"{target}: the practice's accounts are in it: {r.stdout!r}")
            check(not os.path.exists(target + ".part"), f"{target}: no part file left")

        first = backups[0][0]
        one_line_error(keel("backup", first), "already exists", "a backup over an existing file")
        one_line_error(keel("backup", os.path.join(tmp, "x.db"), database=os.path.join(tmp, "none.db")),
                       "no database at", "a backup of nothing")
        one_line_error(keel("backup", os.path.join(tmp, "p.db"), database="postgresql:///keel?host=/nowhere"),
                       "pg_dump", "a backup of PostgreSQL")

        # Restore into a new place, then over the live database (only with --yes).
        fresh = os.path.join(tmp, "fresh", "k.db")
        os.makedirs(os.path.dirname(fresh))
        r = keel("restore", first, database=fresh)
        check(r.returncode == 0 and "restored" in r.stdout, f"restore into a new place: {r.stdout!r} {r.stderr!r}")
        check(asks(fresh) == asks(first) and asks(fresh, "side") == 1, "the restored database is the backup")
        live_before = asks(db)
        one_line_error(keel("restore", first), "--yes", "restoring over a database without --yes")
        check(asks(db) == live_before, "and nothing changed")
        keel("--search", "later", "ask", "Hooli", "--kind", "chat", "--on", "2026-11-25")
        r = keel("restore", first, "--yes")
        check(r.returncode == 0, f"restore --yes: {r.stderr!r}")
        check(asks(db) == asks(first), f"the live database is the backup again: {asks(db)} vs {asks(first)}")
        check(not os.path.exists(os.path.join(tmp, "k.searches", "later.db")),
              "a search made after the backup is gone with the restore")
        r = keel("ask", "Umbrella", "--kind", "chat", "--on", "2026-11-26")
        check(r.returncode == 0, f"the restored database takes writes: {r.stderr!r}")

        # A backup from a newer keel is refused before anything is touched.
        newer = os.path.join(tmp, "newer.db")
        shutil.copy(first, newer)
        with sqlite3.connect(newer) as c:
            c.execute("INSERT INTO schema_version (version, name) VALUES (9999, 'from the future')")
        target = os.path.join(tmp, "target.db")
        one_line_error(keel("restore", newer, database=target), "newer keel", "a backup from a newer keel")
        check(not os.path.exists(target), "and nothing was made")
        one_line_error(keel("restore", os.path.join(tmp, "nothing.db"), database=target), "no backup at",
                       "a backup that is not there")

    if check.failures:
        print(f"{len(check.failures)} check(s) failed", file=sys.stderr)
        return 1
    print("backup: every check passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
