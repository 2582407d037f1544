#!/usr/bin/env python3
"""PostgreSQL killed mid-transaction and started again, on a private cluster of this test's own
(the shared test cluster is left alone): an import of 30,000 rows is running when the server gets
SIGKILL. The import fails with one line and exit 1; after the restart (crash recovery) the ledger
holds exactly what was committed before (the one ask), nothing of the import; keel writes again.
keel serve, running across the outage, answers each request while the database is down with an
error rather than hanging or dying, and serves again once it is back, without a restart.

Usage: pg_killed.py --keel PATH
"""
import argparse
import csv
import json
import os
import pathlib
import signal
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "pg"))
sys.path.insert(0, str(HERE.parent / "server"))
import pg_cluster  # noqa: E402
from keel_server import Checks, Server, test_env  # noqa: E402


def restart(home: pathlib.Path) -> None:
    """pg_ctl start on the killed cluster's data (crash recovery runs), once its orphaned
    backends have let go of the shared memory."""
    data = home / "data"
    for _ in range(100):
        r = subprocess.run(pg_cluster.as_cluster_user(
            [str(pg_cluster.PGBIN / "pg_ctl"), "-D", str(data), "-l", str(home / "log"), "-w", "-t", "60", "-o",
             f"-k {home} -p {pg_cluster.PORT} -c listen_addresses='' -c fsync=off -c full_page_writes=off", "start"]),
            capture_output=True, text=True)
        if r.returncode == 0:
            return
        time.sleep(0.2)
    raise SystemExit(f"PostgreSQL did not start again: {r.stdout} {r.stderr}")


def kill_postmaster(home: pathlib.Path) -> None:
    pid = int((home / "data" / "postmaster.pid").read_text().split()[0])
    os.kill(pid, signal.SIGKILL)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--keel", required=True)
    args = ap.parse_args()
    check = Checks()
    with tempfile.TemporaryDirectory() as tmp:
        state = pathlib.Path(tmp) / "pg"
        pg_cluster.start(state)
        try:
            home = pathlib.Path((state / "home").read_text())
            info = (state / "conninfo").read_text()
            subprocess.run(["psql", info, "-q", "-c", "CREATE DATABASE keel_killed"], check=True,
                           stdout=subprocess.DEVNULL)
            db = f"postgresql:///keel_killed?host={home}&port={pg_cluster.PORT}&user=postgres"
            env = test_env(tmp)

            def keel(*argv):
                return subprocess.run([args.keel, "--db", db, *argv], env=env, capture_output=True, text=True,
                                      timeout=120)

            def count():
                r = keel("--json", "list", "--all")
                return len(json.loads(r.stdout)) if r.returncode == 0 else f"error: {r.stderr.strip()}"

            check(keel("ask", "Initech", "--kind", "chat", "--on", "2026-11-02").returncode == 0, "the first ask")
            big = os.path.join(tmp, "big.csv")
            with open(big, "w", newline="", encoding="utf-8") as f:
                w = csv.writer(f)
                w.writerow(["asked_on", "org", "kind", "outcome", "reason"])
                for i in range(30000):
                    w.writerow([f"2026-10-{i % 28 + 1:02d}", f"Organization {i}", "chat", "no", f"reason {i}"])

            # The import is killed under: one line, exit 1.
            importing = subprocess.Popen([args.keel, "--db", db, "import", big], env=env, stdout=subprocess.PIPE,
                                         stderr=subprocess.PIPE, text=True)
            time.sleep(1.5)
            check(importing.poll() is None, "the import was still running when PostgreSQL was killed")
            kill_postmaster(home)
            out, err = importing.communicate(timeout=60)
            check(importing.returncode == 1 and err.count("\n") == 1 and err.startswith("error: "),
                  f"the import stops with one line: {importing.returncode} {err!r}")
            restart(home)
            check(count() == 1, f"after recovery the ledger is what was committed: {count()} asks")
            check(keel("ask", "Globex", "--kind", "chat", "--on", "2026-11-03").returncode == 0,
                  "keel writes again after the restart")

            # keel serve across the outage.
            with Server(args.keel, db, env) as server:
                def ask(org):
                    return server.request("POST", "/api/ask", {"org": org, "kind": "chat", "on": "2026-11-20"},
                                          token=True, timeout=30)
                check(ask("Before").status == 200, "the server writes")
                kill_postmaster(home)
                time.sleep(0.5)
                started = time.monotonic()
                down = ask("During")
                check(down.status >= 500 and "error" in json.loads(down.body or b"{}"),
                      f"a write while the database is down is an error: {down.status} {down.body[:200]!r}")
                check(time.monotonic() - started < 20, "and it does not hang")
                check(server.request("GET", "/api/stats", timeout=30).status >= 500, "a read too")
                restart(home)
                back = None
                for _ in range(3):  # the worker's connection is opened again on the next request
                    back = ask("After")
                    if back.status == 200:
                        break
                check(back is not None and back.status == 200,
                      f"the server writes again once PostgreSQL is back: {back.status if back else None}")
                check(server.process.poll() is None, "the server kept running")
            orgs = sorted(a["org"] for a in json.loads(keel("--json", "list", "--all").stdout))
            check(orgs == ["After", "Before", "Globex", "Initech"], f"what was acknowledged is there: {orgs}")
        finally:
            pg_cluster.stop(state, quiet=True)
    if check.failures:
        print(f"{len(check.failures)} check(s) failed", file=sys.stderr)
        return 1
    print("pg_killed: every check passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
