#!/usr/bin/env python3
"""A practice's aggregate (issue 14): 1M asks to 1M distinct organizations, on SQLite and PostgreSQL.

    bench/orgs_bench.py --keel BUILD/keel [--pg CONNINFO | --no-pg] [--csv FILE] [--work DIR]
                        [--results DIR] [--asks N] [--runs N] [--wrk-duration 30s]

In one run:

  1. generates the history, `bench/gen_history.py --asks N --orgs-per-ask 1 --seed 2 --today
     2026-11-26` (every ask its own organization), or takes --csv;
  2. imports it with `keel --db W/orgs.db --today T import CSV` into a fresh SQLite file, and with
     `keel --db postgresql:///keel_orgs_bench?... import CSV` into a fresh PostgreSQL database
     (dropped and created again, owned by the --pg role): wall time, rows/s, CPU and peak RSS of
     keel (GNU time);
  3. checks that each pair below computes the same numbers (bench/compare_peers.py), then times
     it with hyperfine (no shell, 1 warm-up + --runs runs, keel and its peer in one hyperfine
     call, so in the same minute):
       SQLite:      `keel --today T silence --json`   vs `Rscript bench/survfit.R reply_times.csv`
                    `keel --today T stats --json`     vs `sqlite3 -readonly` bench/stats_overall.sql
                    `keel --today T stats --by kind --json` vs sqlite3 bench/stats_by_kind.sql
       PostgreSQL:  the same keel commands with --db URI vs R (the reply times exported from
                    PostgreSQL with bench/reply_times_pg.sql, checked equal to SQLite's), and vs
                    `psql` running bench/stats_overall_pg.sql / bench/stats_by_kind_pg.sql;
                    keel's PostgreSQL numbers are also checked against sqlite3's, and its JSON
                    against keel's on SQLite, byte for byte;
     sqlite3 and psql are given the horizon keel learned (`horizon.days` of `stats --json`);
  4. `keel --db DB --today T serve --port 0` on each database: `/api/stats` checked equal to
     `stats --json`, the first (uncached) request timed with curl, then for `/api/stats`,
     `/api/meta` (no store) and `/api/status` (the store, not cached): a 2 s warm-up and
     `wrk -t2 -c50 -d30s --latency`: requests/s, p50, p99, max, non-2xx, socket errors, and the
     server's CPU time per request (/proc/PID/stat);
  5. prints a markdown report (also RESULTS/results.md; raw hyperfine JSON, wrk outputs and the
     checks beside it) with the load average before, after and sampled every 5 s.

Targets (issue 14): silence >= 20x faster than R's survfit, stats >= 20x faster than the same
GROUP BY in sqlite3 (psql on PostgreSQL), on both backends; /api/stats at 1M >= 5,000 requests/s
with p99 < 20 ms.

--pg is a libpq connection string (key=value as tests/pg/pg_cluster.py writes, or a URI) of a role
that may create databases; keel runs as that role (the private cluster's superuser, so row-level
security does not filter, as in bench/load_bench.py). Without --pg (and without --no-pg) a private
cluster is started with tests/pg/pg_cluster.py and stopped at the end.

Options: --reuse keeps the databases in --work from a previous run (same CSV) instead of
importing again (the import rows are then left out); --skip-serve, --skip-cli.
--pg-load copy fills PostgreSQL by COPY of the SQLite database's tables (keel migrates the empty
database first; triggers and foreign-key checks off; ids, tallies and journal as keel import left
them on SQLite) instead of `keel import`, whose time grows with the square of the rows of one
import on PostgreSQL (docs/benchmarks.md, issue 14: ~44 h extrapolated at 1M). Every keel output
compared is checked byte for byte against SQLite's, so the copy is checked too.
--pg-import-sizes N,N,... times `keel import` of the first N rows into a fresh PostgreSQL database
for each N (the import's rate at sizes that finish).
Python standard library only. Every subprocess has a time limit; servers, the cluster and a
temporary --work are stopped or removed on exit.
"""
import argparse
import csv
import json
import os
import pathlib
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
PG_CLUSTER = ROOT / "tests" / "pg" / "pg_cluster.py"
PG_DB = "keel_orgs_bench"
TARGET_RATIO = 20.0
TARGET_RPS, TARGET_P99 = 5000.0, 20.0


def log(msg):
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def run(argv, timeout, env=None, stdout=subprocess.PIPE, check=True, **kw):
    t0 = time.perf_counter()
    p = subprocess.run(argv, stdout=stdout, stderr=subprocess.PIPE, text=True, timeout=timeout,
                       env=env, **kw)
    dt = time.perf_counter() - t0
    if check and p.returncode != 0:
        raise SystemExit(f"orgs_bench: {shlex.join(map(str, argv))} failed ({p.returncode}):\n"
                         f"{p.stderr[-2000:]}")
    return p, dt


def conninfo_fields(conninfo):
    conninfo = conninfo.strip()
    if conninfo.startswith(("postgresql://", "postgres://")):
        u = urllib.parse.urlsplit(conninfo)
        f = {k: v[0] for k, v in urllib.parse.parse_qs(u.query).items()}
        if u.hostname:
            f.setdefault("host", u.hostname)
        if u.port:
            f.setdefault("port", str(u.port))
        if u.username:
            f.setdefault("user", urllib.parse.unquote(u.username))
        if u.path.strip("/"):
            f.setdefault("dbname", u.path.strip("/"))
        return f
    return dict(item.split("=", 1) for item in conninfo.split())


def pg_uri(fields, dbname):
    q = {k: v for k, v in fields.items() if k in ("host", "port", "user", "password")}
    return f"postgresql:///{dbname}?" + urllib.parse.urlencode(q, quote_via=urllib.parse.quote)


class LoadSampler(threading.Thread):
    def __init__(self):
        super().__init__(daemon=True)
        self.samples, self.stop = [], threading.Event()

    def run(self):
        while not self.stop.is_set():
            self.samples.append(float(open("/proc/loadavg").read().split()[0]))
            self.stop.wait(5)


def uptime():
    return subprocess.run(["uptime"], stdout=subprocess.PIPE, text=True).stdout.strip()


def timed_import(keel, db, csv_path, today, env, work, name):
    tfile = work / f"time_{name}.txt"
    _, wall = run(["/usr/bin/time", "-f", "%e %U %S %M", "-o", str(tfile), keel, "--db", db,
                   "--today", today, "import", str(csv_path)], timeout=7200, env=env)
    e, u, s, m = tfile.read_text().split()[-4:]
    return {"wall_s": wall, "user_s": float(u), "sys_s": float(s), "peak_rss_mib": int(m) / 1024}


def hyperfine(name, cmds, runs, results):
    out = results / f"hyperfine_{name}.json"
    argv = ["hyperfine", "--shell=none", "--style=basic", "--warmup", "1", "--runs", str(runs),
            "--export-json", str(out)]
    for label, cmd in cmds:
        argv += ["-n", label, shlex.join(map(str, cmd))]
    run(argv, timeout=3600, stdout=sys.stderr)
    return {r["command"]: r for r in json.loads(out.read_text())["results"]}


def compare(kind, a, b, results, name):
    p, _ = run([sys.executable, str(BENCH / "compare_peers.py"), kind, str(a), str(b)], 120,
               check=False)
    (results / f"check_{name}.json").write_text(p.stdout)
    r = json.loads(p.stdout)
    log(f"check {name}: same={r['same']} {r.get('differences', [])[:3]}")
    return r


def reply_multiset(path):
    counts = {}
    with open(path, encoding="utf-8") as f:
        next(f)
        for line in f:
            counts[line] = counts.get(line, 0) + 1
    return counts


COPIED = ("organizations", "contacts", "opportunities", "materials", "material_versions", "asks",
          "ask_materials", "follow_ups", "changes", "change_rows", "tallies", "reply_delays",
          "waiting_by_date")


def copy_sqlite_to_pg(keel, sdb, uri, today, env):
    """Fills the PostgreSQL database `uri` with the rows of the SQLite keel database `sdb`, as
    `keel import` would have left them (same ids, tallies, journal), without keel's per-row
    inserts: keel migrates the empty database (`keel status`), then each table is piped from the
    sqlite3 shell into COPY with session_replication_role = replica (no triggers: the ids are
    given; no foreign-key checks: the rows come from a consistent database), and id_high_water
    gets sqlite_sequence's marks. Checked afterwards by comparing keel's JSON on both backends."""
    run([keel, "--db", uri, "--today", today, "status", "--json"], 300, env=env)
    sid = run(["psql", uri, "-X", "-A", "-t", "-c",
               "SELECT id FROM search_names WHERE name = 'default'"], 60)[0].stdout.strip()
    penv = dict(os.environ, PGOPTIONS="-c session_replication_role=replica")
    for t in COPIED:
        pg_cols = run(["psql", uri, "-X", "-A", "-t", "-c",
                       "SELECT column_name FROM information_schema.columns WHERE table_schema = "
                       f"'public' AND table_name = '{t}' ORDER BY ordinal_position"],
                      60)[0].stdout.split()
        sl_cols = run(["sqlite3", "-readonly", str(sdb),
                       f"SELECT name FROM pragma_table_info('{t}')"], 60)[0].stdout.split()
        cols, exprs = [], []
        for c in pg_cols:
            if c in sl_cols:
                cols.append(c)
                exprs.append(f'"{c}"')
            elif c == "search_id":
                cols.append(c)
                exprs.append(sid)
            elif c == "id":  # ask_materials has no id on SQLite: its rowid, in insertion order
                cols.append(c)
                exprs.append("rowid")
        src = subprocess.Popen(["sqlite3", "-readonly", "-csv", "-cmd", ".nullvalue @NULL@", str(sdb),
                                f"SELECT {', '.join(exprs)} FROM \"{t}\""
                                + (" ORDER BY rowid" if "rowid" in exprs else "")],
                               stdout=subprocess.PIPE)
        dst = subprocess.run(["psql", uri, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c",
                              f"COPY {t} ({', '.join(cols)}) FROM STDIN WITH (FORMAT csv, "
                              "NULL '@NULL@')"], stdin=src.stdout, env=penv, timeout=3600,
                             stderr=subprocess.PIPE, text=True)
        src.stdout.close()
        if src.wait() != 0 or dst.returncode != 0:
            raise SystemExit(f"orgs_bench: copying {t} failed: {dst.stderr}")
    marks = run(["sqlite3", "-readonly", "-csv", str(sdb),
                 "SELECT name, seq FROM sqlite_sequence"], 60)[0].stdout.split()
    values = ", ".join(f"({sid}, '{n}', {v})" for n, v in (m.split(",") for m in marks))
    run(["psql", uri, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c",
         f"INSERT INTO id_high_water (search_id, tbl, last_id) VALUES {values} "
         "ON CONFLICT (search_id, tbl) DO UPDATE SET last_id = EXCLUDED.last_id"], 60)


# --- keel serve under wrk -------------------------------------------------------------------------
UNIT = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3}


def wrk_ms(text):
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    return float(m.group(1)) * UNIT[m.group(2)]


def parse_wrk(t):
    r = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", t).group(1)),
         "requests": int(re.search(r"(\d+) requests in", t).group(1)),
         "avg": wrk_ms(re.search(r"Latency\s+(\S+)", t).group(1)),
         "p50": wrk_ms(re.search(r"^\s+50%\s+(\S+)", t, re.M).group(1)),
         "p99": wrk_ms(re.search(r"^\s+99%\s+(\S+)", t, re.M).group(1)),
         "max": wrk_ms(re.search(r"Latency\s+\S+\s+\S+\s+(\S+)", t).group(1))}
    m = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", t)
    r["non2xx"] = int(m.group(1)) if m else 0
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", t)
    r["errors"] = sum(map(int, m.groups())) if m else 0
    return r


def cpu_ticks(pid):
    f = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return int(f[11]) + int(f[12])


def serve_bench(keel, db, label, today, env, work, results, duration, cli_stats):
    log(f"keel serve on {label}")
    out, err = open(work / f"serve_{label}.out", "w"), open(work / f"serve_{label}.err", "w")
    server = subprocess.Popen([keel, "--db", db, "--today", today, "serve", "--port", "0"],
                              stdout=out, stderr=err, env=env, start_new_session=True)
    rows = []
    try:
        port = None
        for _ in range(600):
            m = re.search(r"^keel is running at http://127\.0\.0\.1:(\d+)$",
                          (work / f"serve_{label}.out").read_text(), re.M)
            if m:
                port = int(m.group(1))
                break
            if server.poll() is not None:
                break
            time.sleep(0.1)
        if not port:
            raise SystemExit(f"orgs_bench: keel serve did not start:\n"
                             f"{(work / f'serve_{label}.err').read_text()}")
        base = f"http://127.0.0.1:{port}"
        t0 = time.perf_counter()
        body = urllib.request.urlopen(base + "/api/stats", timeout=600).read()
        first_ms = (time.perf_counter() - t0) * 1e3
        t0 = time.perf_counter()
        urllib.request.urlopen(base + "/api/stats", timeout=600).read()
        second_ms = (time.perf_counter() - t0) * 1e3
        same = body == cli_stats
        log(f"/api/stats first {first_ms:.1f} ms, second {second_ms:.1f} ms, same as CLI: {same}")
        hz = os.sysconf("SC_CLK_TCK")
        for path in ("/api/stats", "/api/meta", "/api/status"):
            url = base + path
            run(["wrk", "-t2", "-c50", "-d2s", url], 120)
            load = open("/proc/loadavg").read().split()[0]
            c0, t0 = cpu_ticks(server.pid), time.perf_counter()
            p, _ = run(["wrk", "-t2", "-c50", f"-d{duration}", "--latency", url], 600)
            c1, t1 = cpu_ticks(server.pid), time.perf_counter()
            name = f"wrk_{label}_{path.strip('/').replace('/', '_')}"
            (results / f"{name}.txt").write_text(p.stdout)
            r = parse_wrk(p.stdout)
            r.update(path=path, load=load, cpu_us=(c1 - c0) / hz * 1e6 / max(1, r["requests"]),
                     server_cpus=(c1 - c0) / hz / (t1 - t0))
            log(f"{label} {path}: {r['rps']:,.0f} req/s, p99 {r['p99']:.2f} ms, "
                f"non-2xx {r['non2xx']}, errors {r['errors']}")
            rows.append(r)
        rss = re.search(r"VmRSS:\s+(\d+)", open(f"/proc/{server.pid}/status").read())
        return {"first_ms": first_ms, "second_ms": second_ms, "same": same, "runs": rows,
                "rss_mib": int(rss.group(1)) / 1024 if rss else None, "port": port}
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        out.close()
        err.close()


# --- the report -----------------------------------------------------------------------------------
def fms(v):
    return f"{v:.2f}" if v < 10 else f"{v:.1f}" if v < 100 else f"{v:,.0f}"


def report(raw):
    L = []
    L.append(f"Run of {raw['started']} to {raw['ended']} ({raw['elapsed_min']:.1f} min); "
             f"keel `{raw['keel']}` ({raw['keel_version']}); {raw['asks']:,} asks, "
             f"{raw['orgs']:,} organizations; today {raw['today']}; horizon {raw['horizon']} days "
             f"(learned by keel, given to sqlite3 and psql)"
             + (f"; PostgreSQL {raw['pg_version']}" if raw.get("pg_version") else "") + ".\n")
    L.append(f"- load before: `{raw['uptime_before']}`")
    L.append(f"- load after: `{raw['uptime_after']}`")
    s = sorted(raw["load_samples"])
    if s:
        L.append(f"- 1-minute load sampled every 5 s: {s[0]:.2f} to {s[-1]:.2f}, median "
                 f"{s[len(s) // 2]:.2f} ({len(s)} samples)")
    L.append("")
    if raw.get("imports"):
        L.append("| load | wall (s) | rows/s | keel CPU user + sys (s) | keel peak RSS (MiB) | "
                 "database |")
        L.append("|---|---:|---:|---:|---:|---:|")
        for name, r in raw["imports"].items():
            cpu = (f"{r['user_s']:.1f} + {r['sys_s']:.1f}" if "user_s" in r else "")
            rss = f"{r['peak_rss_mib']:.0f}" if "peak_rss_mib" in r else ""
            L.append(f"| {name} | {r['wall_s']:.1f} | {r['rows'] / r['wall_s']:,.0f} | {cpu} | {rss} | "
                     f"{r.get('size', '')} |")
        L.append("")
    if raw.get("pairs"):
        L.append("| backend | keel | mean ± sd (ms) | min (ms) | peer | mean ± sd (ms) | min (ms) "
                 "| peer / keel | same numbers | target ≥ 20x |")
        L.append("|---|---|---:|---:|---|---:|---:|---:|---|---|")
        for p in raw["pairs"]:
            k, q = p["keel"], p["peer"]
            ratio = q["mean"] / k["mean"]
            verdict = ("met" if ratio >= TARGET_RATIO else "**missed**") + (
                f" ({ratio / TARGET_RATIO:.2f}x the target)")
            L.append(f"| {p['backend']} | `{p['keel_label']}` | {k['mean'] * 1e3:,.1f} ± "
                     f"{k['stddev'] * 1e3:,.1f} | {k['min'] * 1e3:,.1f} | {p['peer_label']} | "
                     f"{q['mean'] * 1e3:,.1f} ± {q['stddev'] * 1e3:,.1f} | {q['min'] * 1e3:,.1f} | "
                     f"**{ratio:.1f}** | {p['same']} | {verdict} |")
        L.append("")
        for note in raw.get("check_notes", []):
            L.append(f"- {note}")
        L.append("")
    if raw.get("serve"):
        L.append("| backend | endpoint | requests/s | p50 (ms) | p99 (ms) | max (ms) | non-2xx | "
                 "socket errors | server CPU / request (µs) | server CPUs busy | load (1 min) | "
                 "target (≥ 5,000/s, p99 < 20 ms) |")
        L.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
        for backend, sv in raw["serve"].items():
            for r in sv["runs"]:
                t = ""
                if r["path"] == "/api/stats":
                    t = (("met" if r["rps"] >= TARGET_RPS else "**missed**") + " / " +
                         ("met" if r["p99"] < TARGET_P99 else "**missed**"))
                L.append(f"| {backend} | `{r['path']}` | {r['rps']:,.0f} | {fms(r['p50'])} | "
                         f"{fms(r['p99'])} | {fms(r['max'])} | {r['non2xx']} | {r['errors']} | "
                         f"{r['cpu_us']:,.0f} | {r['server_cpus']:.2f} | {r['load']} | {t} |")
        L.append("")
        for backend, sv in raw["serve"].items():
            L.append(f"- {backend}: first `/api/stats` (nothing kept yet) {sv['first_ms']:.1f} ms, "
                     f"the second {sv['second_ms']:.1f} ms; same bytes as `keel stats --json`: "
                     f"{sv['same']}; server VmRSS at the end {sv['rss_mib']:.0f} MiB")
        L.append("")
    return "\n".join(L)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--keel", required=True)
    g = ap.add_mutually_exclusive_group()
    g.add_argument("--pg", metavar="CONNINFO")
    g.add_argument("--no-pg", action="store_true")
    ap.add_argument("--csv")
    ap.add_argument("--asks", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=2)
    ap.add_argument("--today", default="2026-11-26")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--wrk-duration", default="30s")
    ap.add_argument("--work")
    ap.add_argument("--results")
    ap.add_argument("--reuse", action="store_true")
    ap.add_argument("--pg-load", choices=("import", "copy"), default="import")
    ap.add_argument("--pg-import-sizes", type=lambda v: [int(x) for x in v.split(",") if x],
                    default=[])
    ap.add_argument("--skip-serve", action="store_true")
    ap.add_argument("--skip-cli", action="store_true")
    args = ap.parse_args()

    keel = str(pathlib.Path(args.keel).resolve())
    for tool in ["hyperfine", "sqlite3", "Rscript", "wrk", "/usr/bin/time"] + (
            [] if args.no_pg else ["psql"]):
        if not shutil.which(tool):
            sys.exit(f"orgs_bench: '{tool}' is missing")
    temp = None
    if args.work:
        work = pathlib.Path(args.work).resolve()
        work.mkdir(parents=True, exist_ok=True)
    else:
        temp = tempfile.mkdtemp(prefix="keel-orgs-bench.")
        work = pathlib.Path(temp)
    results = pathlib.Path(args.results or (work / "results" if not temp
                                            else "orgs-bench-results")).resolve()
    results.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, NO_COLOR="1", KEEL_TODAY=args.today, HOME=str(work / "home"),
               XDG_DATA_HOME=str(work / "home/.local/share"),
               XDG_CONFIG_HOME=str(work / "home/.config"))
    env.pop("KEEL_DB", None)
    (work / "home").mkdir(exist_ok=True)
    pg_state = None
    sampler = LoadSampler()
    raw = {"keel": keel, "asks": args.asks, "today": args.today,
           "started": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
           "uptime_before": uptime()}
    t_start = time.time()
    sampler.start()
    try:
        raw["keel_version"] = run([keel, "--version"], 30)[0].stdout.strip()
        # --- the history and the databases ---------------------------------------------------------
        csv_path = pathlib.Path(args.csv).resolve() if args.csv else work / "orgs.csv"
        if not args.csv and not (args.reuse and csv_path.exists()):
            log(f"generating {args.asks:,} asks, one organization each")
            run([sys.executable, str(BENCH / "gen_history.py"), "--asks", str(args.asks),
                 "--orgs-per-ask", "1", "--seed", str(args.seed), "--today", args.today,
                 "-o", str(csv_path)], 1800)
        raw["csv"] = str(csv_path)
        with open(csv_path, encoding="utf-8") as f:
            orgs = {row["org"] for row in csv.DictReader(f)}
        raw["orgs"] = len(orgs)
        del orgs
        sdb = work / "orgs.db"
        pg_uri_db = None
        if not args.no_pg:
            admin = args.pg
            if not admin:
                pg_state = work / "pg-state"
                log("starting a private PostgreSQL cluster (tests/pg/pg_cluster.py)")
                run(["/usr/bin/python3", str(PG_CLUSTER), "start", str(pg_state)], 300)
                admin = (pg_state / "conninfo").read_text()
            fields = conninfo_fields(admin)
            admin_uri = pg_uri(fields, fields.get("dbname", "postgres"))
            pg_uri_db = pg_uri(fields, PG_DB)
            raw["pg_version"] = run(["psql", admin_uri, "-X", "-A", "-t", "-c",
                                     "show server_version"], 60)[0].stdout.strip()
        raw["imports"] = {}
        if not (args.reuse and sdb.exists()):
            for f in (sdb, pathlib.Path(f"{sdb}-wal"), pathlib.Path(f"{sdb}-shm")):
                f.unlink(missing_ok=True)
            log(f"importing into SQLite {sdb}")
            r = timed_import(keel, str(sdb), csv_path, args.today, env, work, "sqlite")
            r["size"] = f"{sdb.stat().st_size / 1e6:.0f} MB"
            r["rows"] = args.asks
            raw["imports"]["SQLite: keel import"] = r
            log(f"SQLite import {r['wall_s']:.1f} s, {args.asks / r['wall_s']:,.0f} rows/s")
        if pg_uri_db:
            exists = run(["psql", admin_uri, "-X", "-A", "-t", "-c",
                          f"SELECT 1 FROM pg_database WHERE datname = '{PG_DB}'"],
                         60)[0].stdout.strip()
            fresh_db = ["psql", admin_uri, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c",
                        f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)", "-c",
                        f"CREATE DATABASE {PG_DB}"]
            size_sql = "SELECT pg_size_pretty(pg_database_size(current_database()))"
            if not (args.reuse and exists):
                run(fresh_db, 300)
                if args.pg_load == "import":
                    log(f"importing into PostgreSQL {pg_uri_db}")
                    r = timed_import(keel, pg_uri_db, csv_path, args.today, env, work, "pg")
                    r["rows"] = args.asks
                    name = "PostgreSQL: keel import"
                else:
                    log(f"copying the SQLite database into PostgreSQL {pg_uri_db} (COPY)")
                    t0 = time.perf_counter()
                    copy_sqlite_to_pg(keel, sdb, pg_uri_db, args.today, env)
                    r = {"wall_s": time.perf_counter() - t0, "rows": args.asks}
                    name = "PostgreSQL: COPY of the SQLite tables (not keel import)"
                r["size"] = run(["psql", pg_uri_db, "-X", "-A", "-t", "-c", size_sql],
                                60)[0].stdout.strip()
                raw["imports"][name] = r
                log(f"{name}: {r['wall_s']:.1f} s, {args.asks / r['wall_s']:,.0f} rows/s")
            run(["psql", pg_uri_db, "-X", "-q", "-c", "VACUUM ANALYZE"], 1800)
            # keel import's rate on PostgreSQL at smaller sizes (the first N rows of the same CSV,
            # each into a fresh database): how it grows with the size of one import.
            for n in args.pg_import_sizes:
                probe = f"{PG_DB}_probe"
                puri = pg_uri(fields, probe)
                part = work / f"first_{n}.csv"
                with open(csv_path, encoding="utf-8") as f, open(part, "w", encoding="utf-8") as o:
                    for i, line in enumerate(f):
                        if i > n:
                            break
                        o.write(line)
                run(["psql", admin_uri, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c",
                     f"DROP DATABASE IF EXISTS {probe} WITH (FORCE)", "-c",
                     f"CREATE DATABASE {probe}"], 300)
                log(f"keel import of the first {n:,} rows into PostgreSQL")
                r = timed_import(keel, puri, part, args.today, env, work, f"pg_{n}")
                r["rows"] = n
                r["size"] = run(["psql", puri, "-X", "-A", "-t", "-c", size_sql],
                                60)[0].stdout.strip()
                raw["imports"][f"PostgreSQL: keel import, first {n:,} rows"] = r
                log(f"  {r['wall_s']:.1f} s, {n / r['wall_s']:,.0f} rows/s")
                run(["psql", admin_uri, "-X", "-q", "-c",
                     f"DROP DATABASE IF EXISTS {probe} WITH (FORCE)"], 300)
                part.unlink()

        T = ["--today", args.today]
        K = {"SQLite": [keel, "--db", str(sdb)] + T}
        if pg_uri_db:
            K["PostgreSQL"] = [keel, "--db", pg_uri_db] + T
        out = {}
        for backend, base in K.items():
            for name, extra in (("status", ["status", "--json"]), ("stats", ["stats", "--json"]),
                                ("stats_kind", ["stats", "--by", "kind", "--json"]),
                                ("silence", ["silence", "--json"])):
                p, _ = run(base + extra, 600, env=env)
                path = work / f"keel_{backend}_{name}.json"
                path.write_text(p.stdout)
                out[(backend, name)] = path
        horizon = json.loads(out[("SQLite", "stats")].read_text())["horizon"]["days"]
        raw["horizon"] = horizon
        notes = []
        for backend in K:
            if backend == "SQLite":
                continue
            for name in ("status", "stats", "stats_kind", "silence"):
                same = out[(backend, name)].read_bytes() == out[("SQLite", name)].read_bytes()
                notes.append(f"keel `{name.replace('_kind', ' --by kind')} --json` on "
                             f"{backend}: same bytes as on SQLite: {same}")
        for backend in K:
            sil = json.loads(out[(backend, "silence")].read_text())
            notes.append(f"keel silence on {backend}: {len(sil.get('curve', []))} curve steps, "
                         f"{len(sil.get('open', []))} open asks listed, open_total "
                         f"{sil.get('open_total')}, "
                         f"{out[(backend, 'silence')].stat().st_size / 1e3:,.0f} kB of JSON")

        sq = ["sqlite3", "-readonly", "-csv", "-header", "-cmd",
              f".parameter set @today \"'{args.today}'\"", "-cmd",
              f".parameter set @horizon {horizon}", str(sdb)]
        peers = {("SQLite", "stats"): sq + [f".read {BENCH / 'stats_overall.sql'}"],
                 ("SQLite", "stats_kind"): sq + [f".read {BENCH / 'stats_by_kind.sql'}"]}
        if pg_uri_db:
            ps = ["psql", pg_uri_db, "-X", "-q", "--csv", "-v", "ON_ERROR_STOP=1",
                  "-v", f"today={args.today}", "-v", f"horizon={horizon}", "-v", "search=default"]
            peers[("PostgreSQL", "stats")] = ps + ["-f", str(BENCH / "stats_overall_pg.sql")]
            peers[("PostgreSQL", "stats_kind")] = ps + ["-f", str(BENCH / "stats_by_kind_pg.sql")]
        same = {}
        peer_out = {}
        for (backend, name), cmd in peers.items():
            p, _ = run(cmd, 600)
            path = work / f"peer_{backend}_{name}.csv"
            path.write_text(p.stdout)
            peer_out[(backend, name)] = path
            r = compare("stats", out[(backend, name)], path, results, f"{backend}_{name}")
            same[(backend, name)] = r["same"]
        if pg_uri_db:
            for name in ("stats", "stats_kind"):
                r = compare("stats", out[("PostgreSQL", name)], peer_out[("SQLite", name)],
                            results, f"PostgreSQL_{name}_vs_sqlite3")
                notes.append(f"keel `{name.replace('_kind', ' --by kind')} --json` on PostgreSQL "
                             f"against sqlite3's numbers: same {r['same']} ({r['checked']})")
                same[("PostgreSQL", name)] = same[("PostgreSQL", name)] and r["same"]
        # Reply times for R, from each backend.
        rt = {}
        p, dt = run(["sqlite3", "-readonly", "-csv", "-header", "-cmd",
                     f".parameter set @today \"'{args.today}'\"", str(sdb),
                     f".read {BENCH / 'reply_times.sql'}"], 600)
        rt["SQLite"] = work / "reply_times.csv"
        rt["SQLite"].write_text(p.stdout)
        notes.append(f"reply times exported untimed by sqlite3 (bench/reply_times.sql): "
                     f"{p.stdout.count(chr(10)) - 1:,} rows, {len(p.stdout) / 1e6:.1f} MB, "
                     f"{dt:.1f} s")
        if pg_uri_db:
            p, dt = run(["psql", pg_uri_db, "-X", "-q", "--csv", "-v", "ON_ERROR_STOP=1", "-v",
                         f"today={args.today}", "-v", "search=default", "-f",
                         str(BENCH / "reply_times_pg.sql")], 600)
            rt["PostgreSQL"] = work / "reply_times_pg.csv"
            rt["PostgreSQL"].write_text(p.stdout)
            eq = reply_multiset(rt["SQLite"]) == reply_multiset(rt["PostgreSQL"])
            notes.append(f"reply times exported by psql (bench/reply_times_pg.sql) in {dt:.1f} s: "
                         f"the same multiset of (days, replied) as sqlite3's: {eq}")
        for backend in K:
            p, _ = run(["Rscript", str(BENCH / "survfit.R"), str(rt[backend])], 600)
            path = work / f"survfit_{backend}.csv"
            path.write_text(p.stdout)
            r = compare("silence", out[(backend, "silence")], path, results, f"{backend}_silence")
            same[(backend, "silence")] = r["same"]
            notes.append(f"silence on {backend} against R: same {r['same']} ({r['checked']}; "
                         f"largest relative difference {r['largest_relative_difference']:.2g})")
        raw["check_notes"] = notes

        # --- timings -----------------------------------------------------------------------------
        raw["pairs"] = []
        if not args.skip_cli:
            for backend, base in K.items():
                tag = "" if backend == "SQLite" else " (PostgreSQL)"
                for name, extra, plabel, peer in (
                        ("silence", ["silence", "--json"], "`Rscript bench/survfit.R`",
                         ["Rscript", str(BENCH / "survfit.R"), str(rt[backend])]),
                        ("stats", ["stats", "--json"],
                         "`sqlite3` stats_overall.sql" if backend == "SQLite"
                         else "`psql` stats_overall_pg.sql", peers.get((backend, "stats"))),
                        ("stats_kind", ["stats", "--by", "kind", "--json"],
                         "`sqlite3` stats_by_kind.sql" if backend == "SQLite"
                         else "`psql` stats_by_kind_pg.sql", peers.get((backend, "stats_kind")))):
                    klabel = "keel " + " ".join(extra)
                    log(f"timing {backend}: {klabel} vs {plabel}")
                    h = hyperfine(f"{backend}_{name}", [(klabel + tag, base + extra),
                                                        (plabel + tag, peer)], args.runs, results)
                    raw["pairs"].append({"backend": backend, "name": name, "keel_label": klabel,
                                         "peer_label": plabel, "keel": h[klabel + tag],
                                         "peer": h[plabel + tag],
                                         "same": "yes" if same[(backend, name)] else "**no**"})
                    k, q = h[klabel + tag]["mean"], h[plabel + tag]["mean"]
                    log(f"  keel {k * 1e3:.1f} ms, peer {q * 1e3:.1f} ms, ratio {q / k:.1f}")
            if "PostgreSQL" in K:
                floor = hyperfine("floors", [
                    ("keel --version", [keel, "--version"]),
                    ("sqlite3 open + trivial query", ["sqlite3", "-readonly", str(sdb),
                                                      "SELECT count(*) FROM searches"]),
                    ("psql select 1", ["psql", pg_uri_db, "-X", "-q", "-A", "-t", "-c",
                                       "select 1"])], args.runs * 2, results)
                raw["floors"] = {k: v["mean"] * 1e3 for k, v in floor.items()}
                notes.append("floors (mean ms): " + ", ".join(
                    f"{k} {v:.1f}" for k, v in raw["floors"].items()))

        # --- keel serve ----------------------------------------------------------------------------
        if not args.skip_serve:
            raw["serve"] = {}
            for backend in K:
                db = str(sdb) if backend == "SQLite" else pg_uri_db
                raw["serve"][backend] = serve_bench(
                    keel, db, backend, args.today, env, work, results, args.wrk_duration,
                    out[(backend, "stats")].read_bytes())
    finally:
        sampler.stop.set()
        raw["load_samples"] = sampler.samples
        if pg_state:
            subprocess.run(["/usr/bin/python3", str(PG_CLUSTER), "stop", str(pg_state)],
                           timeout=120)
        if temp:
            shutil.rmtree(temp, ignore_errors=True)
    raw["uptime_after"] = uptime()
    raw["ended"] = time.strftime("%H:%M UTC", time.gmtime())
    raw["elapsed_min"] = (time.time() - t_start) / 60
    (results / "raw.json").write_text(json.dumps(raw, indent=1, default=str))
    text = report(raw)
    (results / "results.md").write_text(text + "\n")
    print(text)


if __name__ == "__main__":
    main()
