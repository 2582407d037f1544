#!/usr/bin/env python3
"""A practice's server under mixed load (issue 14, "Load"): reads and writes from many signed-in
seekers and their coach through `wrk -s bench/mixed.lua`, on SQLite and on PostgreSQL, then a soak
on SQLite with the server's memory sampled throughout.

    bench/load_bench.py --keel build/bench/keel [--clients 20] [--asks 200] [--threads 4]
        [--connections 50] [--seconds 60] [--soak-seconds 600] [--backends sqlite,pg]
        [--results DIR]

Each backend: a coach and CLIENTS seekers (keel user add), each seeker's search imported from the
same bench/gen_history.py history and shared with the coach (bench/roster_bench.py's loader), then
`keel serve --accounts --threads THREADS` and `wrk -t2 -cCONNECTIONS -dSECONDS --latency`. Every
answer's status is counted; anything but 2xx, or a socket error, is an error. The server's resident
memory (VmRSS) is read every 5 s; the soak reports its first and last minutes. PostgreSQL runs in
a private cluster (tests/pg/pg_cluster.py) as its superuser: this measures load, not row-level
security (bench/roster_bench.py does, as keel_app).
"""
import argparse
import json
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests" / "pg"))
import pg_cluster  # noqa: E402
import roster_bench as rb  # noqa: E402

LUA = ROOT / "bench" / "mixed.lua"


def rss_kib(pid):
    with open(f"/proc/{pid}/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


class Sampler:
    """VmRSS of a process every `every` seconds, in a thread, until stopped."""

    def __init__(self, pid, every=5.0):
        self.pid, self.every, self.samples = pid, every, []
        self.stop_event = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.t0 = time.monotonic()
        self.thread.start()

    def run(self):
        while not self.stop_event.is_set():
            try:
                self.samples.append((time.monotonic() - self.t0, rss_kib(self.pid)))
            except OSError:
                return
            self.stop_event.wait(self.every)

    def stop(self):
        self.stop_event.set()
        self.thread.join()
        return self.samples


def mixed_wrk(server, sessions, coach, seconds, connections, results, tag, read_only=False):
    argv = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s", "--latency",
            "-s", str(LUA), f"http://127.0.0.1:{server.port}"]
    env = dict(os.environ, KEEL_SESSIONS=",".join(sessions), KEEL_COACH=coach,
               KEEL_COOKIE_NAME=server.client.cookie_name, KEEL_READ_ONLY="1" if read_only else "")
    sampler = Sampler(server.proc.pid)
    p = subprocess.run(argv, capture_output=True, env=env, timeout=seconds + 180)
    samples = sampler.stop()
    text = p.stdout.decode(errors="replace") + p.stderr.decode(errors="replace")
    (results / f"wrk_{tag}.txt").write_text(" ".join(argv) + "\n\n" + text)
    r = rb.parse_wrk(text)
    r["errors"] = sum(r["bad_statuses"].values()) + r["non2xx"] + sum(r["socket_errors"].values())
    r["rss_mib"] = [(round(t), round(kib / 1024, 1)) for t, kib in samples]
    r["command"] = " ".join(argv)
    r["load_after"] = os.getloadavg()
    rb.log(f"{tag}: {r['rps']:,.1f} req/s, p50 {r['p50_ms']:.2f} ms, p99 {r['p99_ms']:.2f} ms, "
           f"statuses {r['statuses']}, errors {r['errors']}, RSS {r['rss_mib'][0][1]} -> "
           f"{r['rss_mib'][-1][1]} MiB")
    return r


def signed_in(server, clients, searches):
    sessions = []
    for i in range(clients):
        cookie, me = server.client.sign_in(f"s{i:03d}@example.com", rb.SEEKER_PASSWORD)
        sessions.append(f"{cookie}:{me['csrf']}:{searches[i]}")
    coach, _ = server.client.sign_in(rb.COACH, rb.COACH_PASSWORD)
    return sessions, coach


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--keel", required=True)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--asks", type=int, default=200)
    ap.add_argument("--threads", type=int, default=4)
    ap.add_argument("--connections", type=int, default=50)
    ap.add_argument("--seconds", type=int, default=60)
    ap.add_argument("--soak-seconds", type=int, default=600)
    ap.add_argument("--read-only-soak", action="store_true",
                    help="the soak sends no writes (the ledgers stay the same size), so that its "
                         "memory says whether the server itself holds on to anything")
    ap.add_argument("--backends", default="sqlite,pg")
    ap.add_argument("--results", default=None)
    args = ap.parse_args()
    args.import_jobs = 2
    keel = str(pathlib.Path(args.keel).resolve())
    out = {"args": vars(args), "runs": {}}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        results = pathlib.Path(args.results) if args.results else tmp / "results"
        results.mkdir(parents=True, exist_ok=True)
        history = tmp / "history.csv"
        subprocess.run([sys.executable, str(ROOT / "bench" / "gen_history.py"), "--asks", str(args.asks),
                        "--seed", "1", "-o", str(history)], check=True)
        env = dict(os.environ, HOME=str(tmp), NO_COLOR="1", XDG_CONFIG_HOME=str(tmp / ".config"))
        env.pop("KEEL_DB", None)
        for backend in args.backends.split(","):
            state = tmp / "pg"
            if backend == "pg":
                pg_cluster.start(state)
                home = (state / "home").read_text()
                info = (state / "conninfo").read_text()
                subprocess.run(["psql", info, "-q", "-c", "CREATE DATABASE keel_load"], check=True)
                db = f"postgresql:///keel_load?host={home}&port={pg_cluster.PORT}&user=postgres"
            else:
                db = str(tmp / "k.db")
            try:
                loaded = rb.load(keel, db, env, args, str(history), results, backend)
                server = rb.Server(keel, db, env, args.threads, results, backend)
                try:
                    sessions, coach = signed_in(server, args.clients, loaded["searches"])
                    run = mixed_wrk(server, sessions, coach, args.seconds, args.connections, results,
                                    f"{backend}_mixed")
                    if backend == "sqlite" and args.soak_seconds > 0:
                        soak = mixed_wrk(server, sessions, coach, args.soak_seconds, args.connections,
                                         results, f"{backend}_soak", args.read_only_soak)
                        soak["read_only"] = args.read_only_soak
                        first = [m for t, m in soak["rss_mib"] if t <= 60]
                        last = [m for t, m in soak["rss_mib"] if t >= args.soak_seconds - 60]
                        soak["rss_first_minute_mib"] = statistics.mean(first) if first else None
                        soak["rss_last_minute_mib"] = statistics.mean(last) if last else None
                        run["soak"] = soak
                    run["server_log"] = server.log_lines()
                finally:
                    server.stop()
                out["runs"][backend] = run
            finally:
                if backend == "pg":
                    pg_cluster.stop(state, quiet=True)
        (results / "results.json").write_text(json.dumps(out, indent=2))
        print(json.dumps({b: {k: r[k] for k in ("rps", "p50_ms", "p99_ms", "statuses", "errors")}
                          for b, r in out["runs"].items()}, indent=2))
        for b, r in out["runs"].items():
            if "soak" in r:
                s = r["soak"]
                print(f"{b} soak: {s['rps']:,.0f} req/s, p99 {s['p99_ms']:.1f} ms, errors {s['errors']}, "
                      f"RSS first minute {s['rss_first_minute_mib']:.1f} MiB, last minute "
                      f"{s['rss_last_minute_mib']:.1f} MiB")
        bad = sum(r["errors"] + r.get("soak", {}).get("errors", 0) for r in out["runs"].values())
        return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
