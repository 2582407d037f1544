#!/usr/bin/env python3
"""SIGKILL of keel serve under a write load, on SQLite and on PostgreSQL: four writers POST asks
as fast as the server answers; the server is killed without warning mid-stream, three times, and
started again on the same database. Every write the server acknowledged (200) is there afterwards,
none is there twice, and the database is whole (SQLite's integrity_check). A write in flight when
the server died may or may not be there: it was never acknowledged.

Usage: kill_serve.py --keel PATH [--pg CONNINFO|@FILE]
"""
import json
import os
import signal
import sqlite3
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "server"))
from keel_server import Checks, Keel, Server, parse_args, test_db, test_env  # noqa: E402

WRITERS = 4
ROUNDS = 3
MIN_ACKS_PER_ROUND = 12


def main() -> int:
    args = parse_args()
    check = Checks()
    with tempfile.TemporaryDirectory() as tmp:
        db = test_db(args, tmp, "kill_serve")
        env = test_env(tmp)
        keel = Keel(args.keel, db, env)
        acknowledged = set()
        lock = threading.Lock()
        per_round = []
        for round_no in range(ROUNDS):
            server = Server(args.keel, db, env)
            stop = threading.Event()

            def write(writer, server=server, stop=stop, round_no=round_no):
                i = 0
                while not stop.is_set():
                    i += 1
                    org = f"Org {round_no}-{writer}-{i}"
                    try:
                        r = server.request("POST", "/api/ask", {"org": org, "kind": "chat", "on": "2026-11-20"},
                                           token=True, timeout=10)
                    except OSError:
                        return  # the server is gone: this write was not acknowledged
                    if r.status == 200:
                        with lock:
                            acknowledged.add(org)
            threads = [threading.Thread(target=write, args=(w,)) for w in range(WRITERS)]
            before = len(acknowledged)
            for t in threads:
                t.start()
            # The kill comes once the round has writes behind it (on a loaded machine a write on
            # PostgreSQL can take a tenth of a second: a fixed sleep saw too few), then a little
            # later each round, so that it lands at a different point of the writes in flight.
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                with lock:
                    if len(acknowledged) - before >= MIN_ACKS_PER_ROUND:
                        break
                time.sleep(0.05)
            time.sleep(0.3 * round_no)
            os.kill(server.pid, signal.SIGKILL)
            server.process.wait(timeout=10)
            stop.set()
            for t in threads:
                t.join(timeout=30)
            per_round.append(len(acknowledged) - before)
        check(all(n >= MIN_ACKS_PER_ROUND for n in per_round),
              f"the server acknowledged writes before each kill: {per_round}")

        r = keel("--json", "list", "--all", check_rc=False)
        check(r.returncode == 0, f"keel reads the database after the kills: {r.stderr!r}")
        stored = [a["org"] for a in json.loads(r.stdout)] if r.returncode == 0 else []
        missing = sorted(acknowledged - set(stored))
        check(not missing, f"{len(missing)} acknowledged writes are missing, e.g. {missing[:5]}")
        check(len(stored) == len(set(stored)), f"no write is there twice: {len(stored)} asks, {len(set(stored))} names")
        if not args.pg:
            with sqlite3.connect(db) as c:
                check(c.execute("PRAGMA integrity_check").fetchone()[0] == "ok", "integrity_check after the kills")
        r = keel("ask", "After", "--kind", "chat", check_rc=False)
        check(r.returncode == 0, f"the database takes writes again: {r.stderr!r}")
        print(f"kill_serve: {len(acknowledged)} acknowledged writes, {len(stored)} stored, {ROUNDS} kills")

    if check.failures:
        print(f"{len(check.failures)} check(s) failed", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
