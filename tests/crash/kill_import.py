#!/usr/bin/env python3
"""Kills `keel import` of a large file with SIGKILL part-way and checks the database is either
untouched or complete, never half-imported; then that it still opens and passes an integrity check.

Usage: kill_import.py --keel PATH [--rows N]
"""
import argparse
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

HEADER = "asked_on,org,person,kind,channel,outcome,replied_on,reason,materials,role,note\n"


def write_csv(path, rows):
    with open(path, "w", encoding="utf-8") as f:
        f.write(HEADER)
        for i in range(rows):
            day = 1 + i % 28
            outcome = ("no", "pending", "yes")[i % 3]
            replied = f"2025-03-{day:02d}" if outcome != "pending" else ""
            f.write(f'2025-03-{day:02d},Org {i % 5000},,application,job-board,{outcome},{replied},'
                    f'"budget, freeze",resume@v{i % 3},Analyst {i % 7},\n')


def count_asks(db):
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return con.execute("SELECT count(*) FROM asks").fetchone()[0]
    finally:
        con.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--keel", required=True)
    parser.add_argument("--rows", type=int, default=60_000)
    args = parser.parse_args()
    env = dict(os.environ, KEEL_TODAY="2026-11-26", NO_COLOR="1")
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        csv_path = os.path.join(tmp, "big.csv")
        write_csv(csv_path, args.rows)
        db = os.path.join(tmp, "keel.db")
        # One ask before the import, so "untouched" is distinguishable from "empty".
        subprocess.run([args.keel, "--db", db, "ask", "Before", "--kind", "chat"], env=env,
                       check=True, capture_output=True)
        # Time a full import once to spread the kill points across its duration.
        probe_db = os.path.join(tmp, "probe.db")
        start = time.monotonic()
        subprocess.run([args.keel, "--db", probe_db, "import", csv_path], env=env, check=True,
                       capture_output=True)
        full = time.monotonic() - start
        outcomes = {"untouched": 0, "complete": 0}
        for fraction in (0.1, 0.3, 0.5, 0.7, 0.9):
            proc = subprocess.Popen([args.keel, "--db", db, "import", csv_path], env=env,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(full * fraction)
            killed = proc.poll() is None
            if killed:
                proc.send_signal(signal.SIGKILL)
            proc.wait()
            n = count_asks(db)
            expected_before = 1 + args.rows * outcomes["complete"]
            if n == expected_before:
                outcomes["untouched"] += 1
                state = "untouched"
            elif n == expected_before + args.rows:
                outcomes["complete"] += 1
                state = "complete"
            else:
                failures += 1
                state = f"HALF-IMPORTED ({n} asks)"
            print(f"kill at {fraction:.0%} of {full:.2f}s (killed={killed}): {state}")
            # keel must still open the file and agree with the count.
            out = subprocess.run([args.keel, "--db", db, "--json", "status"], env=env,
                                 capture_output=True, text=True)
            if out.returncode != 0:
                failures += 1
                print("keel status failed after the kill:", out.stderr.strip())
        if outcomes["untouched"] == 0:
            print("warning: no kill landed mid-import; the import was too fast to interrupt")
    print(f"{5 - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
