#!/usr/bin/env python3
"""Many searches in one database (issue 11): SQLite against PostgreSQL, from the CLI and wrk.

    bench/searches_bench.py --keel build/bench/keel [--searches 1000] [--asks 1000]
                            [--samples 200] [--pg CONNINFO | --no-pg] [--work DIR] [--results DIR]

For each backend it builds one database of --searches searches named s0001, s0002..., each
imported from its own bench/gen_history.py history of --asks asks (seed = --seed + i, the same
CSV files for both backends), then measures:

  1. the imports, one `keel --db DB --search sNNNN import FILE --json` after the other: total
     rows / total wall time, and the median of the per-import rows/s and wall times;
  2. for a seeded random sample of --samples searches (the same on both backends): `stats --json`,
     `silence --json`, `streak --json` and one write, `ask ORG --kind application --channel
     job-board --on TODAY --json` (ORG: the organization the search asked most, so no near-miss
     question), each timed from process start to exit (time.perf_counter around subprocess.run).
     Each search is warmed first by one untimed `stats --json` on that backend; the backends take
     turns search by search (and which goes first alternates), so a change in the machine's load
     falls on both. Reported: the median and p99 of the --samples wall times; p99 is the sample of
     1-based rank ceil(0.99 * (n + 1)) in ascending order, capped at n (with 200 samples: the
     199th, the second largest);
  3. `keel serve` on one search (the middle one, s0500 of 1000), one warm-up request, then
     `wrk -t2 -c50 -d10s --latency http://127.0.0.1:PORT/api/stats`: requests/s, p50, p99,
     non-2xx responses and socket errors, and the server's CPU time per request (/proc/PID/stat);
  4. the floors a command cannot go under: `keel --version` (process start, no database), and on
     PostgreSQL `psql -c 'select 1'` (a connection, a backend process and one query).

It checks, too, that both backends print the same bytes for each sampled command (`stats --json`
must; silence, streak and ask are compared and reported the same way), and that /api/stats
answers what `stats --json` prints.

The backends:
  * SQLite: one database is one folder: the default search is DIR/keel.db and search NAME is its
    own file DIR/keel.searches/NAME.db beside it (its ids, journal and write lock are its own).
  * PostgreSQL: one database (all searches' rows keyed by search_id, row-level security). --pg
    names a server by a libpq connection string of a role that may create roles and databases
    (key=value, as tests/pg/pg_cluster.py writes, or a postgresql:// URI); the script creates a
    fresh database keel_searches_bench (dropped first if it exists) owned by the role keel_owner,
    which migrates it, and runs every measured command as keel_app (no superuser: row-level
    security applies), as docs/scaling.md sets PostgreSQL up. Without --pg (and without --no-pg)
    the script starts a private cluster with tests/pg/pg_cluster.py and stops it at the end.

Options:
  --keel BIN        the keel binary (a Release build: cmake --preset bench)
  --searches N      searches per database (default 1000)
  --asks N          asks per search (default 1000)
  --samples N       searches sampled for the per-command timings (default 200)
  --seed S          the first history's seed (default 1) and the sample's seed
  --today DATE      keel's today and gen_history's last date (default 2026-11-26)
  --pg CONNINFO     the PostgreSQL server (see above); --no-pg: SQLite only
  --work DIR        where the CSVs and databases go (kept); default: a temporary folder, removed
  --results DIR     where results.md, samples.json and the raw wrk outputs go (default:
                    WORK/results, or ./searches-bench-results when WORK is temporary)
  --wrk-duration D  wrk's -d (default 10s)

Every subprocess has a time limit; the servers, the private cluster and the temporary folder are
stopped or removed on exit, Ctrl-C and SIGTERM included. Python standard library only.
"""
import argparse
import csv
import datetime
import importlib.util
import json
import math
import os
import pathlib
import platform
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parent.parent
GEN = ROOT / "bench" / "gen_history.py"
PG_CLUSTER = ROOT / "tests" / "pg" / "pg_cluster.py"
PG_DB = "keel_searches_bench"
COMMANDS = ("stats", "silence", "streak", "ask")
BAR = 3.0  # PostgreSQL within 3x of SQLite on the per-search reads


def log(msg):
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def percentile99(values):
    """1-based rank ceil(0.99 (n + 1)) of the ascending values, capped at n."""
    s = sorted(values)
    rank = min(len(s), math.ceil(0.99 * (len(s) + 1)))
    return s[rank - 1]


def run(argv, timeout, env=None, check=True, input=None):
    """subprocess.run with a time limit; returns (CompletedProcess, wall seconds)."""
    t0 = time.perf_counter()
    try:
        p = subprocess.run(argv, capture_output=True, timeout=timeout, env=env, input=input)
    except subprocess.TimeoutExpired:
        raise SystemExit(f"searches_bench: timed out after {timeout} s: {' '.join(map(str, argv))}")
    dt = time.perf_counter() - t0
    if check and p.returncode != 0:
        raise SystemExit(f"searches_bench: exit {p.returncode}: {' '.join(map(str, argv))}\n"
                         f"{p.stderr.decode(errors='replace')[-2000:]}")
    return p, dt


def name_of(i):
    return f"s{i:04d}"


# --- PostgreSQL --------------------------------------------------------------------------------
def conninfo_fields(conninfo):
    """A libpq connection string (key=value or URI) as a dict (keys: host, port, user, dbname...)."""
    if conninfo.startswith(("postgresql://", "postgres://")):
        u = urllib.parse.urlsplit(conninfo)
        f = {k: v[-1] for k, v in urllib.parse.parse_qs(u.query).items()}
        if u.hostname:
            f["host"] = u.hostname
        if u.port:
            f["port"] = str(u.port)
        if u.username:
            f["user"] = urllib.parse.unquote(u.username)
        if u.password:
            f["password"] = urllib.parse.unquote(u.password)
        if u.path.strip("/"):
            f["dbname"] = u.path.strip("/")
        return f
    return dict(item.split("=", 1) for item in conninfo.split())


def pg_uri(fields, dbname, user):
    q = {k: v for k, v in fields.items() if k not in ("dbname", "user", "password")}
    q["user"] = user
    query = "&".join(f"{k}={urllib.parse.quote(v, safe='/')}" for k, v in q.items())
    return f"postgresql:///{dbname}?{query}"


def psql(uri, sql, timeout=120):
    p, _ = run(["psql", uri, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql], timeout)
    return p.stdout.decode().strip()


class Cleanup:
    def __init__(self):
        self.actions = []

    def add(self, fn):
        self.actions.append(fn)

    def run(self):
        while self.actions:
            fn = self.actions.pop()
            try:
                fn()
            except Exception as exc:  # keep cleaning
                log(f"cleanup: {exc}")


def stop_process(proc):
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


# --- the benchmark -----------------------------------------------------------------------------
class Backend:
    def __init__(self, label, db, keel, env):
        self.label, self.db, self.keel, self.env = label, db, keel, env

    def argv(self, search, *args):
        # --search=NAME, not `--search NAME`: keel's unknown-command check (src/cli/cli.cc) skips
        # the values of --db, --today and --silence-days only, and takes NAME for a command.
        return [self.keel, "--db", self.db, f"--search={search}", *args]


def generate(args, work):
    csv_dir = work / "csv"
    csv_dir.mkdir(parents=True, exist_ok=True)
    todo = []
    for i in range(1, args.searches + 1):
        f = csv_dir / f"{name_of(i)}.csv"
        stamp = f.with_suffix(".stamp")
        want = f"{args.asks} {args.seed + i - 1} {args.today}"
        if not (f.exists() and stamp.exists() and stamp.read_text() == want):
            todo.append((f, stamp, want, args.seed + i - 1))
    log(f"generating {len(todo)} histories of {args.asks} asks ({args.searches - len(todo)} reused)")

    # gen_history.generate in this process (the same bytes as its command line, without 1,000
    # interpreter starts); nothing is timed while the histories are written.
    spec = importlib.util.spec_from_file_location("gen_history", GEN)
    gen_history = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen_history)
    today = datetime.date.fromisoformat(args.today)
    for f, stamp, want, seed in todo:
        with open(f, "w", encoding="utf-8", newline="") as out:
            gen_history.generate(args.asks, seed, today, out)
        stamp.write_text(want)
    info = []
    for i in range(1, args.searches + 1):
        f = csv_dir / f"{name_of(i)}.csv"
        with open(f, newline="", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
        orgs = {}
        for r in rows:
            orgs[r["org"]] = orgs.get(r["org"], 0) + 1
        top = max(orgs.items(), key=lambda kv: (kv[1], kv[0]))[0]
        info.append({"name": name_of(i), "csv": str(f), "rows": len(rows), "org": top})
    return info


def import_all(backend, searches):
    log(f"{backend.label}: importing {len(searches)} searches")
    times, rates, imported = [], [], 0
    t_start = time.perf_counter()
    for n, s in enumerate(searches, 1):
        p, dt = run(backend.argv(s["name"], "import", s["csv"], "--json"), timeout=600,
                    env=backend.env)
        times.append(dt)
        rates.append(s["rows"] / dt)
        imported += s["rows"]
        if n % 100 == 0 or n == len(searches):
            log(f"{backend.label}: {n} imported, {imported / (time.perf_counter() - t_start):,.0f}"
                " rows/s so far")
    total = time.perf_counter() - t_start
    return {"rows": imported, "seconds": total, "rows_per_s": imported / total,
            "median_rows_per_s": statistics.median(rates), "median_s": statistics.median(times),
            "p99_s": percentile99(times), "first_json": p.stdout.decode(errors="replace")[:2000]}


def per_search(backends, searches, sample, today):
    """Times the four commands on each sampled search, backends taking turns; returns samples."""
    samples = {b.label: {c: [] for c in COMMANDS} for b in backends}
    outputs = {b.label: {c: {} for c in COMMANDS} for b in backends}
    # Warm the binary and the caches once per backend on a search outside the comparison.
    for b in backends:
        for _ in range(3):
            for c in ("stats", "silence", "streak"):
                run(b.argv(searches[0]["name"], c, "--json"), 120, b.env)
    for k, idx in enumerate(sample):
        s = searches[idx]
        order = backends if k % 2 == 0 else list(reversed(backends))
        for b in order:
            run(b.argv(s["name"], "stats", "--json"), 120, b.env)  # warm-up, untimed
            for c in COMMANDS:
                if c == "ask":
                    extra = ["ask", s["org"], "--kind", "application", "--channel", "job-board",
                             "--on", today, "--json"]
                else:
                    extra = [c, "--json"]
                p, dt = run(b.argv(s["name"], *extra), 120, b.env)
                samples[b.label][c].append(dt)
                outputs[b.label][c][s["name"]] = (p.stdout.decode(errors="replace"),
                                                  p.stderr.decode(errors="replace"))
        if (k + 1) % 20 == 0:
            log(f"per-search timings: {k + 1} of {len(sample)} searches")
    return samples, outputs


def floors(backends, keel, env, pg_app_uri, n=50):
    out = {}
    ts = [run([keel, "--version"], 30, env)[1] for _ in range(n)]
    out["keel --version"] = ts
    if pg_app_uri:
        ts = [run(["psql", pg_app_uri, "-X", "-q", "-A", "-t", "-c", "select 1"], 30)[1]
              for _ in range(n)]
        out["psql -c 'select 1' (keel_app)"] = ts
    if shutil.which("sqlite3"):
        b = next((b for b in backends if b.label == "SQLite"), None)
        if b:
            f = str(pathlib.Path(b.db).with_suffix(".searches") / "s0001.db")
            ts = [run(["sqlite3", f, "select count(*) from asks"], 30)[1] for _ in range(n)]
            out["sqlite3 s0001.db 'select count(*) from asks'"] = ts
    return out


def parse_wrk(text):
    unit = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3}

    def ms(t):
        m = re.fullmatch(r"([\d.]+)(us|ms|s|m)", t)
        return float(m.group(1)) * unit[m.group(2)]

    r = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)),
         "requests": int(re.search(r"(\d+) requests in", text).group(1)),
         "avg_ms": ms(re.search(r"Latency\s+(\S+)", text).group(1)),
         "p50_ms": ms(re.search(r"^\s+50%\s+(\S+)", text, re.M).group(1)),
         "p99_ms": ms(re.search(r"^\s+99%\s+(\S+)", text, re.M).group(1))}
    m = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    r["non2xx"] = int(m.group(1)) if m else 0
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    r["socket_errors"] = sum(map(int, m.groups())) if m else 0
    return r


def cpu_ticks(pid):
    fields = pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def serve_wrk(b, search, cleanup, results, duration, today):
    log(f"{b.label}: keel serve on {search}, wrk")
    errf = open(results / f"serve_{b.label}.err", "wb")
    proc = subprocess.Popen(b.argv(search, "--today", today, "serve", "--port", "0"),
                            stdout=subprocess.PIPE, stderr=errf, env=b.env)
    cleanup.add(lambda: stop_process(proc))
    cleanup.add(errf.close)
    port = None
    deadline = time.monotonic() + 30
    os.set_blocking(proc.stdout.fileno(), False)
    buf = b""
    while time.monotonic() < deadline and proc.poll() is None:
        chunk = proc.stdout.read() or b""
        buf += chunk
        m = re.search(rb"keel is running at http://127\.0\.0\.1:(\d+)", buf)
        if m:
            port = int(m.group(1))
            break
        time.sleep(0.05)
    if port is None:
        stop_process(proc)
        raise SystemExit(f"searches_bench: keel serve did not start ({b.label}); see "
                         f"{results / f'serve_{b.label}.err'}")
    url = f"http://127.0.0.1:{port}/api/stats"
    with urllib.request.urlopen(url, timeout=30) as resp:  # warm-up, and the body to compare
        body = resp.read()
    cli, _ = run(b.argv(search, "stats", "--json"), 60, b.env)
    t0, c0 = time.perf_counter(), cpu_ticks(proc.pid)
    p, _ = run(["wrk", "-t2", "-c50", f"-d{duration}", "--latency", url], timeout=300)
    t1, c1 = time.perf_counter(), cpu_ticks(proc.pid)
    text = p.stdout.decode()
    (results / f"wrk_{b.label}.txt").write_text(text)
    r = parse_wrk(text)
    r["server_cpu_us_per_request"] = (c1 - c0) / os.sysconf("SC_CLK_TCK") * 1e6 / max(1, r["requests"])
    r["server_cpus"] = (c1 - c0) / os.sysconf("SC_CLK_TCK") / (t1 - t0)
    r["api_equals_cli"] = body == cli.stdout
    r["search"] = search
    stop_process(proc)
    return r


def fmt_ms(s):
    v = s * 1e3
    return f"{v:.1f}" if v < 100 else f"{v:,.0f}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog="\n\n".join(__doc__.split("\n\n")[1:]))
    ap.add_argument("--keel", required=True)
    ap.add_argument("--searches", type=int, default=1000)
    ap.add_argument("--asks", type=int, default=1000)
    ap.add_argument("--samples", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--today", default="2026-11-26")
    g = ap.add_mutually_exclusive_group()
    g.add_argument("--pg", metavar="CONNINFO")
    g.add_argument("--no-pg", action="store_true")
    ap.add_argument("--work")
    ap.add_argument("--results")
    ap.add_argument("--wrk-duration", default="10s")
    args = ap.parse_args()
    if not 1 <= args.searches <= 9999:
        ap.error("--searches must be 1..9999 (names s0001..s9999)")

    keel = str(pathlib.Path(args.keel).resolve())
    for tool in ["wrk"] + ([] if args.no_pg else ["psql"]):
        if not shutil.which(tool):
            raise SystemExit(f"searches_bench: '{tool}' is missing (scripts/deps --bench)")

    cleanup = Cleanup()

    def on_term(signum, frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, on_term)
    started = time.perf_counter()
    started_at = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    load_start = os.getloadavg()
    try:
        if args.work:
            work = pathlib.Path(args.work).resolve()
            work.mkdir(parents=True, exist_ok=True)
        else:
            work = pathlib.Path(tempfile.mkdtemp(prefix="keel-searches-bench-"))
            cleanup.add(lambda: shutil.rmtree(work, ignore_errors=True))
        results = pathlib.Path(args.results or (work / "results" if args.work
                                                else "searches-bench-results")).resolve()
        results.mkdir(parents=True, exist_ok=True)

        home = work / "home"
        home.mkdir(exist_ok=True)
        env = {k: v for k, v in os.environ.items() if k not in ("KEEL_DB", "KEEL_SEARCH")}
        env.update(KEEL_TODAY=args.today, NO_COLOR="1", HOME=str(home),
                   XDG_DATA_HOME=str(home / ".local/share"), XDG_CONFIG_HOME=str(home / ".config"))

        searches = generate(args, work)

        backends = []
        sq = work / "sqlite"
        shutil.rmtree(sq, ignore_errors=True)
        sq.mkdir()
        backends.append(Backend("SQLite", str(sq / "keel.db"), keel, env))

        pg_app_uri = None
        pg_version = None
        if not args.no_pg:
            admin = args.pg
            if not admin:
                state = work / "pg-state"
                log("starting a private PostgreSQL cluster (tests/pg/pg_cluster.py)")
                run([sys.executable, str(PG_CLUSTER), "start", str(state)], timeout=180)
                cleanup.add(lambda: run([sys.executable, str(PG_CLUSTER), "stop", str(state)],
                                        timeout=180, check=False))
                admin = (state / "conninfo").read_text().strip()
            fields = conninfo_fields(admin)
            admin_uri = pg_uri(fields, fields.get("dbname", "postgres"),
                               fields.get("user", "postgres"))
            pg_version = psql(admin_uri, "show server_version")
            psql(admin_uri,
                 "DO $$ BEGIN "
                 "IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'keel_owner') THEN "
                 "  CREATE ROLE keel_owner LOGIN NOSUPERUSER NOBYPASSRLS; END IF; "
                 "IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'keel_app') THEN "
                 "  CREATE ROLE keel_app LOGIN NOSUPERUSER NOBYPASSRLS; END IF; END $$")
            psql(admin_uri, f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")
            psql(admin_uri, f"CREATE DATABASE {PG_DB} OWNER keel_owner")
            owner_uri = pg_uri(fields, PG_DB, "keel_owner")
            pg_app_uri = pg_uri(fields, PG_DB, "keel_app")
            # keel_owner migrates (any command does, on first use); then keel_app gets the rows.
            run([keel, "--db", owner_uri, "status", "--json"], 120, env)
            psql(owner_uri, "GRANT USAGE ON SCHEMA public TO keel_app; "
                            "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public "
                            "TO keel_app; GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO keel_app")
            backends.append(Backend("PostgreSQL", pg_app_uri, keel, env))

        imports = {b.label: import_all(b, searches) for b in backends}

        rng = random.Random(args.seed)
        sample = rng.sample(range(len(searches)), min(args.samples, len(searches)))
        log(f"per-search timings on {len(sample)} searches")
        samples, outputs = per_search(backends, searches, sample, args.today)

        # stdout must be the same bytes; stderr (notices, warnings) is compared apart.
        mismatches = {c: [] for c in COMMANDS}
        stderr_mismatches = {c: [] for c in COMMANDS}
        if len(backends) == 2:
            a, b = (outputs[x.label] for x in backends)
            for c in COMMANDS:
                for name in a[c]:
                    if a[c][name][0] != b[c][name][0]:
                        mismatches[c].append(name)
                    if a[c][name][1] != b[c][name][1]:
                        stderr_mismatches[c].append(name)
        differing = {}
        for kind, table in (("stdout", mismatches), ("stderr", stderr_mismatches)):
            for c, names in table.items():
                for n in names[:5]:
                    differing.setdefault(f"{c} {kind}", {})[n] = {
                        x.label: outputs[x.label][c][n] for x in backends}
        (results / "outputs_differing.json").write_text(json.dumps(differing, indent=1))

        log("floors")
        floor = floors(backends, keel, env, pg_app_uri)

        wrk = {}
        serve_search = name_of((len(searches) + 1) // 2)
        for b in backends:
            wrk[b.label] = serve_wrk(b, serve_search, cleanup, results, args.wrk_duration,
                                     args.today)

        load_end = os.getloadavg()
        elapsed = time.perf_counter() - started
        raw = {"started": started_at, "args": vars(args), "keel": keel, "elapsed_s": elapsed,
               "load_start": load_start, "load_end": load_end, "cpus": os.cpu_count(),
               "pg_version": pg_version, "imports": imports, "samples": samples,
               "sample": [searches[i]["name"] for i in sample], "floors": floor, "wrk": wrk,
               "mismatches": mismatches, "stderr_mismatches": stderr_mismatches}
        (results / "samples.json").write_text(json.dumps(raw, indent=1))
        md = report(raw, backends, args)
        (results / "results.md").write_text(md)
        print(md)
        log(f"results in {results} ({elapsed / 60:.1f} min)")
    except KeyboardInterrupt:
        log("interrupted")
        return 130
    finally:
        cleanup.run()
    return 0


def report(raw, backends, args):
    labels = [b.label for b in backends]
    two = len(labels) == 2
    L = []
    L.append(f"{args.searches:,} searches x {args.asks:,} asks per backend, {len(raw['sample'])} "
             f"sampled searches; {raw['started']}; {raw['cpus']} CPUs; load average "
             f"{'/'.join(f'{x:.2f}' for x in raw['load_start'])} at start, "
             f"{'/'.join(f'{x:.2f}' for x in raw['load_end'])} at end; took "
             f"{raw['elapsed_s'] / 60:.1f} min" + (f"; PostgreSQL {raw['pg_version']}"
                                                 if raw['pg_version'] else ""))
    L.append("")
    head = "| command | " + " | ".join(f"{l} median (ms) | {l} p99 (ms)" for l in labels)
    if two:
        head += " | PG/SQLite (median) | within 3x |"
    else:
        head += " |"
    L.append(head)
    L.append("|---|" + "---:|" * (2 * len(labels)) + ("---:|---|" if two else ""))
    for c in COMMANDS:
        row = f"| `{c}`{' (write)' if c == 'ask' else ''} | "
        row += " | ".join(f"{fmt_ms(statistics.median(raw['samples'][l][c]))} | "
                          f"{fmt_ms(percentile99(raw['samples'][l][c]))}" for l in labels)
        if two:
            r = statistics.median(raw["samples"][labels[1]][c]) / statistics.median(
                raw["samples"][labels[0]][c])
            row += f" | {r:.2f}x | {'yes' if r <= BAR else '**no**'}"
        L.append(row + " |")
    for name, ts in raw["floors"].items():
        L.append(f"| floor: `{name}` | " + (f"{fmt_ms(statistics.median(ts))} | "
                                             f"{fmt_ms(percentile99(ts))}") +
                 " |" + " |" * (2 * len(labels) - 2 + (2 if two else 0)))
    L.append("")
    L.append("| import | " + " | ".join(labels) + " |")
    L.append("|---|" + "---:|" * len(labels))
    imp = raw["imports"]
    L.append("| rows/s (all rows / all wall time) | " +
             " | ".join(f"{imp[l]['rows_per_s']:,.0f}" for l in labels) + " |")
    L.append("| rows/s, median of the imports | " +
             " | ".join(f"{imp[l]['median_rows_per_s']:,.0f}" for l in labels) + " |")
    L.append("| one import, median / p99 (ms) | " +
             " | ".join(f"{fmt_ms(imp[l]['median_s'])} / {fmt_ms(imp[l]['p99_s'])}"
                        for l in labels) + " |")
    L.append("| all imports (s) | " + " | ".join(f"{imp[l]['seconds']:,.0f}" for l in labels) +
             " |")
    L.append("")
    w = raw["wrk"]
    L.append(f"| `wrk -t2 -c50 -d{args.wrk_duration} --latency` on `/api/stats` of "
             f"{next(iter(w.values()))['search']} | " + " | ".join(labels) + " |")
    L.append("|---|" + "---:|" * len(labels))
    for key, title, f in (("rps", "requests/s", lambda v: f"{v:,.0f}"),
                          ("p50_ms", "p50 (ms)", lambda v: f"{v:.2f}"),
                          ("p99_ms", "p99 (ms)", lambda v: f"{v:.2f}"),
                          ("non2xx", "non-2xx", str), ("socket_errors", "socket errors", str),
                          ("server_cpu_us_per_request", "server CPU / request (µs)",
                           lambda v: f"{v:,.0f}"),
                          ("server_cpus", "server CPUs busy", lambda v: f"{v:.2f}"),
                          ("api_equals_cli", "body = `stats --json`", lambda v: "yes" if v else "**no**")):
        L.append(f"| {title} | " + " | ".join(f(w[l][key]) for l in labels) + " |")
    L.append("")
    if two:
        mm = raw["mismatches"]
        n = len(raw["sample"])
        L.append("Same bytes on both backends (sampled searches): " + "; ".join(
            f"`{c} --json` {n - len(mm[c])} of {n}" for c in COMMANDS) + "; stderr the same: " +
            "; ".join(f"`{c}` {n - len(raw['stderr_mismatches'][c])} of {n}" for c in COMMANDS) +
            ".")
    L.append("")
    return "\n".join(L)


if __name__ == "__main__":
    sys.exit(main())
