#!/usr/bin/env python3
"""A coach's roster at size (issue 12): N clients of M asks each, `keel serve --accounts` under wrk.

    bench/roster_bench.py --keel build/bench/keel [--clients 200] [--asks 1000]
                          [--backends sqlite,pg] [--db PATH] [--pg [CONNINFO]]
                          [--threads 2[,4]] [--wrk-seconds 30] [--connections 50]
                          [--keep STATE_DIR] [--results DIR]

What it builds, once per backend (and, with --keep, once for every run that reuses STATE_DIR):
a coach (coach@practice.example) and N seekers (sNNN@example.com, `keel user add`, 2 at a time),
each seeker's search imported from the same bench/gen_history.py history of M asks (--import-jobs
processes at once, progress on stderr), then, through `keel serve --accounts`, each seeker signs
in and grants the coach (POST /api/grants). That loaded state is kept aside untouched (SQLite: the
database's files; PostgreSQL: a database used as a template) and every measured server runs on a
fresh copy of it, so audit rows and sessions written by one run never weigh on the next.

What it measures, at each --threads value: every backend's server on a fresh copy, the servers
side by side (an idle one costs nothing), taking turns on each measurement (which one goes first
alternates), so a change in the machine's load falls on both:

  1. one coach sign-in (median of 5, sequential) and the first roster (GET /api/coach/clients:
     every client's flags computed by one worker), checked to list all N clients;
  2. warm-up: rounds of THREADS concurrent rosters until two rounds in a row are all under a fifth
     of the first (each worker keeps its clients' flags while their change stamps hold); then 20
     rosters one at a time (median, slowest);
  3. wrk -tW -cC -dD --timeout 30s --latency -s bench/roster.lua (the session cookie on every
     request), in this order:
       /api/me                         the floor: the session check and a small JSON answer
       /api/coach/clients              the roster, C connections
       /api/coach/clients              the roster again with THREADS connections: its time
                                       without a queue in front of the workers
       /api/searches/SEARCH/stats      the first client's stats, read by the coach (the grant
                                       check and an audit row on each request)
       (one client logs an ask, keel ask beside the server, and the next rosters are timed: that
       client is computed again, by whichever worker answers)
       POST /api/login                 the coach's correct email and password (failures would be
                                       throttled after 10); every sign-in makes a session;
     each: requests/s, p50/p90/p99, every status seen (bench/roster.lua), socket errors, keel's
     CPU per request and, on a private PostgreSQL cluster, PostgreSQL's; after each, one request
     times how long the server took to drain what wrk left queued (sign-ins wait for a slot).

Peers measured in the same run, for the ratios: the same wrk on the other backend at the same
size; the floor /api/me on the same server; on PostgreSQL, one `select 1` round trip as keel_app
(psql: 11,000 in one session less 1,000 in another) and `pgbench -c C -j W -T D` of `select 1`
(the database's floor at the same concurrency); and the hashing's ceiling, measured again just
before each sign-in wrk: libsodium's crypto_pwhash_str_verify of a hash at keel's limits (argon2id,
OPSLIMIT/MEMLIMIT_INTERACTIVE, through ctypes), one at a time and two at once on two threads (keel
checks at most 2 passwords at once).

Backends:
  * SQLite (--db PATH, default STATE/sqlite-loaded/keel.db): keel.db, keel.practice.db and
    keel.searches/ beside it; the runs use copies in STATE/sqlite-run/. (--db postgresql://...,
    as the first version of this script took it, is read as --pg.)
  * PostgreSQL (--pg CONNINFO of a role that may create roles and databases; --pg alone or no
    --pg: a private cluster, tests/pg/pg_cluster.py, fsync off): roles keel_owner (owns the
    databases, migrates them) and keel_app (runs every keel command and the server: no superuser,
    no BYPASSRLS, so row-level security applies), as docs/scaling.md sets PostgreSQL up. The
    loaded state is database keel_roster_loaded; each run copies it to keel_roster_run (CREATE
    DATABASE ... TEMPLATE), lets keel_owner migrate it and grants keel_app its rows.

Every keel process gets KEEL_TODAY=--today and KEEL_NOW=--now (the server's clock: sessions,
throttling and the roster's date), so the flags are the same from run to run. --keep STATE_DIR
keeps the histories, the loaded databases and the private cluster (left running; stop it with
`tests/pg/pg_cluster.py stop STATE_DIR/pg-state`) for the next run with the same sizes.

Results go to --results, else STATE/results with --keep, else a new /tmp/keel-roster-results-*:
results.md, results.json, every wrk output and each server's stdout and stderr. Exit status 1,
loudly, when any request answered other than 2xx, wrk saw a socket error, or a roster did not list
every client. Python standard library only.
"""
import argparse
import concurrent.futures
import ctypes
import ctypes.util
import datetime
import http.client
import json
import math
import os
import pathlib
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

ROOT = pathlib.Path(__file__).resolve().parent.parent
GEN = ROOT / "bench" / "gen_history.py"
LUA = ROOT / "bench" / "roster.lua"
PG_CLUSTER = ROOT / "tests" / "pg" / "pg_cluster.py"
PG_LOADED = "keel_roster_loaded"
PG_RUN = "keel_roster_run"
COACH = "coach@practice.example"
COACH_PASSWORD = "saffron tide harbour bell"
SEEKER_PASSWORD = "wintergreen-mud-lamp"
TARGET_P99_MS = 50.0


def log(msg):
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def run(argv, timeout, env=None, check=True, input=None):
    """subprocess.run with a time limit; returns (CompletedProcess, wall seconds)."""
    t0 = time.perf_counter()
    try:
        p = subprocess.run([str(a) for a in argv], capture_output=True, timeout=timeout, env=env,
                           input=input)
    except subprocess.TimeoutExpired:
        raise SystemExit(f"roster_bench: timed out after {timeout} s: {' '.join(map(str, argv))}")
    dt = time.perf_counter() - t0
    if check and p.returncode != 0:
        raise SystemExit(f"roster_bench: exit {p.returncode}: {' '.join(map(str, argv))}\n"
                         f"{p.stderr.decode(errors='replace')[-2000:]}")
    return p, dt


def stop_process(proc):
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


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


# --- PostgreSQL --------------------------------------------------------------------------------
def conninfo_fields(conninfo):
    """A libpq connection string (key=value or URI) as a dict (host, port, user, dbname...)."""
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


def psql(uri, sql, timeout=600):
    p, _ = run(["psql", uri, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql], timeout)
    return p.stdout.decode().strip()


def proc_ticks(pid):
    fields = pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def tree_ticks(root_pid):
    """CPU ticks of a process and its children (a postmaster and its backends)."""
    total = 0
    for d in pathlib.Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            fields = (d / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(d.name) == root_pid or int(fields[1]) == root_pid:
            total += int(fields[11]) + int(fields[12])
    return total


class Pg:
    """A PostgreSQL server: the admin connection, keel_owner and keel_app."""

    def __init__(self, admin, postmaster_pid=None):
        self.fields = conninfo_fields(admin)
        self.admin = pg_uri(self.fields, self.fields.get("dbname", "postgres"),
                            self.fields.get("user", "postgres"))
        self.postmaster_pid = postmaster_pid
        self.version = psql(self.admin, "show server_version")
        psql(self.admin,
             "DO $$ BEGIN "
             "IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'keel_owner') THEN "
             "  CREATE ROLE keel_owner LOGIN NOSUPERUSER NOBYPASSRLS; END IF; "
             "IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'keel_app') THEN "
             "  CREATE ROLE keel_app LOGIN NOSUPERUSER NOBYPASSRLS; END IF; END $$")

    def uri(self, db, user):
        return pg_uri(self.fields, db, user)

    def exists(self, db):
        return psql(self.admin, f"SELECT 1 FROM pg_database WHERE datname = '{db}'") == "1"

    def ticks(self):
        return tree_ticks(self.postmaster_pid) if self.postmaster_pid else None


def start_private_cluster(state, keep, cleanup):
    """A private cluster (tests/pg/pg_cluster.py) in STATE/pg-state, reused when --keep left one."""
    conninfo = state / "conninfo"
    if keep and conninfo.exists():
        try:
            psql(conninfo_fields_uri(conninfo.read_text().strip()), "select 1", timeout=10)
            log(f"reusing the private PostgreSQL cluster in {state}")
            return conninfo.read_text().strip()
        except SystemExit:
            log("the kept cluster does not answer; starting a new one")
    log("starting a private PostgreSQL cluster (tests/pg/pg_cluster.py)")
    run([sys.executable, PG_CLUSTER, "start", state], timeout=180)
    if not keep:
        cleanup.add(lambda: run([sys.executable, PG_CLUSTER, "stop", state], timeout=180,
                                check=False))
    return conninfo.read_text().strip()


def conninfo_fields_uri(conninfo):
    f = conninfo_fields(conninfo)
    return pg_uri(f, f.get("dbname", "postgres"), f.get("user", "postgres"))


def postmaster_pid(state):
    try:
        home = pathlib.Path((state / "home").read_text().strip())
        return int((home / "data" / "postmaster.pid").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


# --- the hashing's ceiling -----------------------------------------------------------------------
def hash_floor(samples=10):
    """crypto_pwhash_str_verify at keel's limits (app/password.cc): one alone, and two at once."""
    name = ctypes.util.find_library("sodium") or "libsodium.so.23"
    so = ctypes.CDLL(name)  # ctypes releases the GIL during each call: two threads hash at once
    if so.sodium_init() < 0:
        raise SystemExit("roster_bench: sodium_init failed")
    for f in ("crypto_pwhash_strbytes", "crypto_pwhash_opslimit_interactive",
              "crypto_pwhash_memlimit_interactive"):
        getattr(so, f).restype = ctypes.c_size_t
    so.crypto_pwhash_str.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_ulonglong,
                                     ctypes.c_ulonglong, ctypes.c_size_t]
    so.crypto_pwhash_str_verify.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_ulonglong]
    ops, mem = so.crypto_pwhash_opslimit_interactive(), so.crypto_pwhash_memlimit_interactive()
    pw = COACH_PASSWORD.encode()
    out = ctypes.create_string_buffer(so.crypto_pwhash_strbytes())
    if so.crypto_pwhash_str(out, pw, len(pw), ops, mem) != 0:
        raise SystemExit("roster_bench: crypto_pwhash_str failed")
    stored = out.value

    def verify():
        t0 = time.perf_counter()
        if so.crypto_pwhash_str_verify(stored, pw, len(pw)) != 0:
            raise SystemExit("roster_bench: crypto_pwhash_str_verify refused its own hash")
        return time.perf_counter() - t0

    verify()
    one = [verify() for _ in range(samples)]
    t0 = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(2) as ex:
        list(ex.map(lambda _: verify(), range(2 * samples)))
    two_rate = 2 * samples / (time.perf_counter() - t0)
    return {"opslimit": ops, "memlimit_mib": mem / 2**20, "hash": stored.decode()[:30] + "...",
            "verify_ms_median": statistics.median(one) * 1e3, "verify_ms_min": min(one) * 1e3,
            "one_at_a_time_per_s": 1 / statistics.median(one), "two_at_once_per_s": two_rate}


# --- HTTP ----------------------------------------------------------------------------------------
class Client:
    def __init__(self, port, cookie_name="keel_session"):
        self.port, self.cookie_name = port, cookie_name

    def request(self, method, path, body=None, cookie=None, token=None, timeout=600):
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        h = {"Host": f"127.0.0.1:{self.port}"}
        if cookie:
            h["Cookie"] = f"{self.cookie_name}={cookie}"
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

    def sign_in(self, email, password):
        status, set_cookie, raw = self.request("POST", "/api/login",
                                               {"email": email, "password": password})
        if status != 200:
            raise SystemExit(f"roster_bench: sign-in of {email}: {status} {raw[:300]!r}")
        m = re.match(r"\s*([^=;\s]+)=([^;]*)", set_cookie)
        if not m:
            raise SystemExit(f"roster_bench: no session cookie in {set_cookie!r}")
        self.cookie_name = m.group(1)
        return m.group(2), json.loads(raw)


class Server:
    """keel serve --accounts on a database, as keel_app on PostgreSQL; stderr kept in a file."""

    def __init__(self, keel, db, env, threads, results, tag):
        self.out_path = results / f"serve_{tag}.out"
        self.err_path = results / f"serve_{tag}.err"
        self.out = open(self.out_path, "wb")
        self.err = open(self.err_path, "wb")
        self.proc = subprocess.Popen([keel, "--db", db, "serve", "--accounts", "--port", "0",
                                      "--threads", str(threads)],
                                     stdout=self.out, stderr=self.err, env=env)
        deadline = time.monotonic() + 120
        self.port = None
        while time.monotonic() < deadline and self.proc.poll() is None:
            m = re.search(rb"http://127\.0\.0\.1:(\d+)", self.out_path.read_bytes())
            if m:
                self.port = int(m.group(1))
                break
            time.sleep(0.05)
        if self.port is None:
            self.stop()
            raise SystemExit(f"roster_bench: keel serve did not start ({tag}):\n"
                             f"{self.err_path.read_text(errors='replace')[-2000:]}")
        self.client = Client(self.port)
        self.cookie = None  # the coach's session, for the drain check after a wrk run

    def ticks(self):
        return proc_ticks(self.proc.pid)

    def stop(self):
        stop_process(self.proc)
        self.out.close()
        self.err.close()
        return self.proc.returncode

    def log_lines(self):
        """Whatever the server wrote besides its start line."""
        lines = self.out_path.read_text(errors="replace").splitlines()[1:]
        lines += self.err_path.read_text(errors="replace").splitlines()
        return [ln for ln in lines if ln.strip() and ln.strip() != "keel: stopped"]


# --- loading -------------------------------------------------------------------------------------
def parallel(jobs, items, fn, label, total_rows=None):
    """fn(item) over items, `jobs` at once, progress on stderr; returns the results in order."""
    done, t0, lock = [0], time.perf_counter(), threading.Lock()
    step = max(1, len(items) // 20)

    def wrapped(item):
        r = fn(item)
        with lock:
            done[0] += 1
            n = done[0]
            if n % step == 0 or n == len(items):
                rate = ""
                if total_rows:
                    rows = total_rows * n / len(items)
                    rate = f", {rows / (time.perf_counter() - t0):,.0f} rows/s"
                log(f"{label}: {n} of {len(items)} ({time.perf_counter() - t0:,.0f} s{rate})")
        return r

    with concurrent.futures.ThreadPoolExecutor(jobs) as ex:
        return list(ex.map(wrapped, items))


def load(keel, db, env, args, history, results, tag):
    """Coach, seekers, their imports and their grants; returns the seekers' searches."""
    def cli(*argv, stdin=None, timeout=600):
        p, dt = run([keel, "--db", db, *argv], timeout, env, input=stdin)
        return p.stdout.decode(), dt

    t0 = time.perf_counter()
    cli("user", "add", COACH, "--role", "coach", "--name", "Sam Rivera", "--password-stdin",
        stdin=(COACH_PASSWORD + "\n").encode())

    def add_seeker(i):
        out, _ = cli("user", "add", f"s{i:03d}@example.com", "--role", "seeker",
                     "--password-stdin", "--json", stdin=(SEEKER_PASSWORD + "\n").encode())
        return json.loads(out)["account"]["searches"][0]

    searches = parallel(2, list(range(args.clients)), add_seeker, f"{tag}: seekers added")
    t_users = time.perf_counter() - t0

    t0 = time.perf_counter()
    secs = parallel(args.import_jobs, searches,
                    lambda s: cli(f"--search={s}", "import", history, "--json")[1],
                    f"{tag}: searches imported", total_rows=args.clients * args.asks)
    t_import = time.perf_counter() - t0
    log(f"{tag}: imported {args.clients * args.asks:,} asks in {t_import:,.0f} s "
        f"({args.clients * args.asks / t_import:,.0f} rows/s, {args.import_jobs} at once; one "
        f"import median {statistics.median(secs):.2f} s)")

    t0 = time.perf_counter()
    server = Server(keel, db, env, 2, results, f"{tag}_load")
    try:
        def grant(i):
            cookie, me = server.client.sign_in(f"s{i:03d}@example.com", SEEKER_PASSWORD)
            status, _, raw = server.client.request("POST", "/api/grants", {"coach_email": COACH},
                                                   cookie, me["csrf"])
            if status != 200:
                raise SystemExit(f"roster_bench: grant of s{i:03d}: {status} {raw[:300]!r}")

        parallel(2, list(range(args.clients)), grant, f"{tag}: grants")
    finally:
        server.stop()
    t_grants = time.perf_counter() - t0
    return {"searches": searches, "users_s": t_users, "import_s": t_import,
            "import_rows_per_s": args.clients * args.asks / t_import,
            "import_median_s": statistics.median(secs), "grants_s": t_grants}


def sqlite_files(db):
    p = pathlib.Path(db)
    stem = p.with_suffix("")
    files = [p, pathlib.Path(f"{stem}.practice.db")]
    files += [pathlib.Path(f"{f}{x}") for f in list(files) for x in ("-wal", "-shm")]
    return files, pathlib.Path(f"{stem}.searches")


def sqlite_copy(src_db, dst_dir):
    shutil.rmtree(dst_dir, ignore_errors=True)
    dst_dir.mkdir(parents=True)
    files, searches = sqlite_files(src_db)
    for f in files:
        if f.exists():
            shutil.copy2(f, dst_dir / f.name)
    shutil.copytree(searches, dst_dir / searches.name)
    return str(dst_dir / pathlib.Path(src_db).name)


# --- wrk -----------------------------------------------------------------------------------------
def parse_wrk(text):
    unit = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3}

    def ms(t):
        m = re.fullmatch(r"([\d.]+)(us|ms|s|m)", t)
        return float(m.group(1)) * unit[m.group(2)]

    r = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)),
         "requests": int(re.search(r"(\d+) requests in", text).group(1)),
         "avg_ms": ms(re.search(r"Latency\s+(\S+)", text).group(1)),
         "max_ms": ms(re.search(r"Latency\s+\S+\s+\S+\s+(\S+)", text).group(1))}
    for q in (50, 75, 90, 99):
        r[f"p{q}_ms"] = ms(re.search(rf"^\s+{q}%\s+(\S+)", text, re.M).group(1))
    m = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    r["non2xx"] = int(m.group(1)) if m else 0
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    r["socket_errors"] = dict(zip(("connect", "read", "write", "timeout"),
                                  map(int, m.groups()))) if m else {}
    m = re.search(r"^statuses: (.*)$", text, re.M)
    r["statuses"] = dict(kv.split("=") for kv in m.group(1).split()) if m else {}
    r["bad_statuses"] = {k: int(v) for k, v in r["statuses"].items() if not k.startswith("2")}
    return r


def wrk(args, server, pg, path, tag, results, cookie=None, body=None, connections=None):
    url = f"http://127.0.0.1:{server.port}{path}"
    connections = connections or args.connections
    argv = ["wrk", f"-t{min(args.wrk_threads, connections)}", f"-c{connections}",
            f"-d{args.wrk_seconds}s",
            "--timeout", "30s", "--latency", "-s", str(LUA), url]
    env = dict(os.environ, KEEL_COOKIE=cookie or "", KEEL_BODY=body or "",
               KEEL_COOKIE_NAME=server.client.cookie_name)
    t0, c0 = time.perf_counter(), server.ticks()
    p0 = pg.ticks() if pg else None
    p, _ = run(argv, timeout=args.wrk_seconds + 120, env=env)
    t1, c1 = time.perf_counter(), server.ticks()
    p1 = pg.ticks() if pg else None
    text = p.stdout.decode(errors="replace") + p.stderr.decode(errors="replace")
    (results / f"wrk_{tag}.txt").write_text(" ".join(argv) + "\n\n" + text)
    r = parse_wrk(text)
    hz = os.sysconf("SC_CLK_TCK")
    r["keel_cpu_ms_per_request"] = (c1 - c0) / hz * 1e3 / max(1, r["requests"])
    r["keel_cpus"] = (c1 - c0) / hz / (t1 - t0)
    if p0 is not None and p1 is not None:
        r["pg_cpu_ms_per_request"] = (p1 - p0) / hz * 1e3 / max(1, r["requests"])
        r["pg_cpus"] = (p1 - p0) / hz / (t1 - t0)
    r["command"] = " ".join(argv)
    r["load_after"] = os.getloadavg()
    # wrk stops sending, but requests it sent may still wait in the server's queue (sign-ins
    # behind the 2 hashing slots): wait for the next request's answer before measuring on.
    t0 = time.perf_counter()
    status, _, _ = server.client.request("GET", "/api/me", cookie=cookie or server.cookie)
    r["drain_ms"] = (time.perf_counter() - t0) * 1e3
    bad = sum(r["bad_statuses"].values()) + r["non2xx"] + sum(r["socket_errors"].values())
    log(f"{tag}: {r['rps']:,.1f} req/s, p50 {r['p50_ms']:.2f} ms, p99 {r['p99_ms']:.2f} ms, "
        f"statuses {r['statuses']}" + (f", socket errors {r['socket_errors']}" if bad else "")
        + f"; the queue drained in {r['drain_ms']:,.0f} ms")
    return r


# --- one measured server -------------------------------------------------------------------------
class Measured:
    """One backend's server at one --threads value, on a fresh copy, measured step by step."""

    def __init__(self, keel, db, env, args, threads, results, tag, label, pg, first_search):
        self.keel, self.db, self.env, self.args = keel, db, env, args
        self.threads, self.results, self.tag, self.pg = threads, results, tag, pg
        self.first_search = first_search
        self.out = {"backend": label, "threads": threads, "wrk": {}}
        self.server = Server(keel, db, env, threads, results, tag)
        self.cookie = None

    def roster(self):
        t0 = time.perf_counter()
        status, _, raw = self.server.client.request("GET", "/api/coach/clients", cookie=self.cookie)
        dt = (time.perf_counter() - t0) * 1e3
        if status != 200:
            raise SystemExit(f"roster_bench: roster answered {status}: {raw[:300]!r}")
        return dt, json.loads(raw)

    def prepare(self):
        """Sign-ins timed, the first roster checked, every worker warmed, the stats route tried."""
        out, c, tag, threads = self.out, self.server.client, self.tag, self.threads
        ms = []
        for _ in range(5):
            t0 = time.perf_counter()
            self.cookie, _ = c.sign_in(COACH, COACH_PASSWORD)
            ms.append((time.perf_counter() - t0) * 1e3)
        self.server.cookie = self.cookie
        out["sign_in_ms"] = statistics.median(ms)
        out["first_roster_ms"], body = self.roster()
        out["roster_clients"] = len(body["clients"])
        out["roster_flags"] = sum(len(x["flags"]) for x in body["clients"])
        out["roster_bytes"] = len(json.dumps(body))
        log(f"{tag}: first roster {out['first_roster_ms']:,.0f} ms, {out['roster_clients']} "
            f"clients, {out['roster_flags']} flags")
        if out["roster_clients"] != self.args.clients:
            raise SystemExit(f"roster_bench: the roster lists {out['roster_clients']} clients, "
                             f"not {self.args.clients}")
        # Warm every worker: THREADS rosters at once, until two rounds in a row are quick.
        bar = max(out["first_roster_ms"] / 5, 1.0)
        rounds, quick = [], 0
        with concurrent.futures.ThreadPoolExecutor(threads) as ex:
            while len(rounds) < 40 and quick < 2:
                times = [t for t, _ in ex.map(lambda _: self.roster(), range(threads))]
                rounds.append(max(times))
                quick = quick + 1 if max(times) < bar else 0
        out["warmup_rounds_ms"] = rounds
        log(f"{tag}: warm-up rounds (slowest of {threads} at once, ms): "
            + ", ".join(f"{x:,.0f}" for x in rounds))
        warm = [self.roster()[0] for _ in range(20)]
        out["warm_roster_ms_median"] = statistics.median(warm)
        out["warm_roster_ms_max"] = max(warm)
        status, _, raw = c.request("GET", f"/api/searches/{self.first_search}/stats",
                                   cookie=self.cookie)
        if status != 200 or not isinstance(json.loads(raw), dict):
            raise SystemExit(f"roster_bench: {self.first_search}'s stats: {status} {raw[:300]!r}")

    def step(self, name):
        """One wrk run: me, roster, roster_unqueued, stats or login."""
        a, srv, pg, tag, res = self.args, self.server, self.pg, self.tag, self.results
        w = self.out["wrk"]
        if name == "me":
            w[name] = wrk(a, srv, pg, "/api/me", f"{tag}_me", res, self.cookie)
        elif name == "roster":
            w[name] = wrk(a, srv, pg, "/api/coach/clients", f"{tag}_roster", res, self.cookie)
        elif name == "roster_unqueued":
            # The same roster with as many connections as workers: its time without a queue.
            w[name] = wrk(a, srv, pg, "/api/coach/clients", f"{tag}_roster_c{self.threads}", res,
                          self.cookie, connections=self.threads)
        elif name == "stats":
            w[name] = wrk(a, srv, pg, f"/api/searches/{self.first_search}/stats", f"{tag}_stats",
                          res, self.cookie)
        elif name == "login":
            # The hashing's ceiling measured just before the sign-ins, under the same load.
            self.out["hash"] = hash_floor()
            w[name] = wrk(a, srv, pg, "/api/login", f"{tag}_login", res,
                          body=json.dumps({"email": COACH, "password": COACH_PASSWORD}))

    def after_one_ask(self):
        run([self.keel, "--db", self.db, f"--search={self.first_search}", "ask", "Zed Corp",
             "--kind", "chat", "--on", self.args.today], 120, self.env)
        ts = [self.roster()[0] for _ in range(self.threads * 2 + 1)]
        self.out["after_one_ask_ms"] = ts[0]
        self.out["after_one_ask_all_ms"] = ts

    def stop(self):
        rc = self.server.stop()
        self.out["server_exit"] = rc
        self.out["server_log"] = self.server.log_lines()
        if self.out["server_log"]:
            log(f"{self.tag}: the server wrote {len(self.out['server_log'])} lines; the first: "
                f"{self.out['server_log'][0][:200]}")
        return self.out


def pg_floors(pg, db, args, results):
    """One select 1 round trip (psql, one session); pgbench's select 1 at the same concurrency."""
    uri = pg.uri(db, "keel_app")
    few, many = 1000, 11000
    for n in (few, many):
        (results / f"select1_x{n}.sql").write_text("select 1;\n" * n)
    one = results / "select1_once.sql"
    one.write_text("select 1;\n")
    t_n = min(run(["psql", uri, "-X", "-q", "-A", "-t", "-f", results / f"select1_x{many}.sql"],
                  120)[1] for _ in range(3))
    t_1 = min(run(["psql", uri, "-X", "-q", "-A", "-t", "-f", results / f"select1_x{few}.sql"],
                  120)[1] for _ in range(3))
    proc = sorted(run(["psql", uri, "-X", "-q", "-A", "-t", "-c", "select 1"], 60)[1] * 1e3
                  for _ in range(20))
    out = {"round_trip_ms": (t_n - t_1) / (many - few) * 1e3,
           "psql_process_ms": statistics.median(proc)}
    if shutil.which("pgbench"):
        # tps and pgbench's average latency only: its per-transaction log (-l) reads 0 µs for most
        # transactions when one pgbench thread drives many clients.
        argv = ["pgbench", "-n", f"-c{args.connections}", f"-j{args.wrk_threads}",
                f"-T{args.wrk_seconds}", "-f", one, uri]
        p, _ = run(argv, args.wrk_seconds + 120)
        text = p.stdout.decode(errors="replace")
        (results / "pgbench.txt").write_text(" ".join(map(str, argv)) + "\n\n" + text)
        m = re.search(r"tps = ([\d.]+)", text)
        avg = re.search(r"latency average = ([\d.]+) ms", text)
        out["pgbench"] = {"tps": float(m.group(1)) if m else None,
                          "avg_ms": float(avg.group(1)) if avg else None,
                          "command": " ".join(map(str, argv))}
    log(f"PostgreSQL floors: {out}")
    return out


# --- the report ----------------------------------------------------------------------------------
def report(raw, args):
    L = []
    load = raw["load"]
    L.append(f"{args.clients} clients x {args.asks:,} asks; {raw['started']}; {raw['cpus']} CPUs; "
             f"load average {'/'.join(f'{x:.2f}' for x in load[0])} at start, "
             f"{'/'.join(f'{x:.2f}' for x in load[1])} at end; keel {raw['keel_version']}"
             + (f"; PostgreSQL {raw['pg_version']}" if raw.get("pg_version") else "")
             + f"; took {raw['elapsed_s'] / 60:.1f} min")
    L.append("")
    L.append(f"wrk -t{args.wrk_threads} -c{args.connections} -d{args.wrk_seconds}s --timeout 30s "
             "--latency -s bench/roster.lua, each request with the coach's session cookie")
    L.append("")
    L.append("| backend | keel threads | roster req/s | roster p50 / p90 / p99 (ms) | stats req/s "
             "| stats p50 / p99 (ms) | logins/s | login p50 / p99 (ms) | /api/me req/s | "
             "/api/me p99 (ms) |")
    L.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for key, m in raw["runs"].items():
        w = m["wrk"]
        L.append(f"| {m['backend']} | {m['threads']} | {w['roster']['rps']:,.0f} | "
                 f"{w['roster']['p50_ms']:.1f} / {w['roster']['p90_ms']:.1f} / "
                 f"{w['roster']['p99_ms']:.1f} | {w['stats']['rps']:,.0f} | "
                 f"{w['stats']['p50_ms']:.1f} / {w['stats']['p99_ms']:.1f} | "
                 f"{w['login']['rps']:.1f} | {w['login']['p50_ms']:,.0f} / "
                 f"{w['login']['p99_ms']:,.0f} | {w['me']['rps']:,.0f} | "
                 f"{w['me']['p99_ms']:.1f} |")
    L.append("")
    L.append("| backend | keel threads | roster, -c THREADS: req/s, p50 / p99 (ms) | first roster "
             "(ms) | warm roster, one at a time: median / max (ms) | after one client's ask (ms) | "
             "one sign-in (ms) | keel CPU / roster (ms) | PostgreSQL CPU / roster (ms) | server "
             "log lines |")
    L.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for key, m in raw["runs"].items():
        w = m["wrk"]["roster"]
        u = m["wrk"]["roster_unqueued"]
        pgc = w.get("pg_cpu_ms_per_request")
        L.append(f"| {m['backend']} | {m['threads']} | {u['rps']:,.0f}, {u['p50_ms']:.1f} / "
                 f"{u['p99_ms']:.1f} | {m['first_roster_ms']:,.0f} | "
                 f"{m['warm_roster_ms_median']:.1f} / {m['warm_roster_ms_max']:.1f} | "
                 f"{m['after_one_ask_ms']:.1f} | {m['sign_in_ms']:.0f} | "
                 f"{w['keel_cpu_ms_per_request']:.2f} | "
                 f"{'' if pgc is None else f'{pgc:.2f}'} | {len(m['server_log'])} |")
    L.append("")
    h = raw["hash"]
    L.append(f"Hashing: crypto_pwhash_str_verify at keel's limits ({h['memlimit_mib']:.0f} MiB, "
             f"opslimit {h['opslimit']}), at the start: {h['verify_ms_median']:.1f} ms one at a "
             f"time ({h['one_at_a_time_per_s']:.1f}/s), {h['two_at_once_per_s']:.1f}/s two at once"
             "; just before each sign-in wrk: " + "; ".join(
                 f"{m['backend']} {m['threads']} threads {m['hash']['verify_ms_median']:.1f} ms, "
                 f"{m['hash']['two_at_once_per_s']:.1f}/s two at once"
                 for m in raw["runs"].values()) + ".")
    if raw.get("pg_floors"):
        f = raw["pg_floors"]
        s = (f"PostgreSQL floors (keel_app): one `select 1` round trip "
             f"{f['round_trip_ms']:.3f} ms; "
             f"`psql -c 'select 1'` as a process {f['psql_process_ms']:.1f} ms")
        if f.get("pgbench"):
            b = f["pgbench"]
            s += (f"; pgbench select 1, {args.connections} clients: {b['tps']:,.0f} tps, average "
                  f"{b['avg_ms']:.3f} ms")
        L.append("")
        L.append(s + ".")
    L.append("")
    L.append("Ratios:")
    for line in raw["ratios"]:
        L.append(f"- {line}")
    L.append("")
    if raw["failures"]:
        L.append("FAILURES:")
        for f in raw["failures"]:
            L.append(f"- {f}")
        L.append("")
    return "\n".join(L)


def ratios(raw, args):
    out = []
    runs = raw["runs"]
    for key, m in runs.items():
        h = m["hash"]
        w = m["wrk"]
        r, me = w["roster"], w["me"]
        line = (f"{m['backend']}, {m['threads']} threads: roster p99 {r['p99_ms']:.1f} ms "
                f"(Little's law: {args.connections} connections / {r['rps']:,.0f} req/s = "
                f"{args.connections / r['rps'] * 1e3:.1f} ms mean) = "
                f"{r['p99_ms'] / me['p99_ms']:.1f}x the /api/me floor's p99; roster req/s = "
                f"{r['rps'] / me['rps']:.3f} of /api/me's; logins/s {w['login']['rps']:.1f} = "
                f"{w['login']['rps'] / h['two_at_once_per_s']:.2f} of the hashing's two-at-once "
                f"ceiling ({h['two_at_once_per_s']:.1f}/s)")
        if m["backend"] == "PostgreSQL":
            line += (f"; roster p99 < {TARGET_P99_MS:.0f} ms: "
                     f"{'met' if r['p99_ms'] < TARGET_P99_MS else 'NOT met'}")
            f = raw.get("pg_floors")
            if f:
                trips = m["warm_roster_ms_median"] / f["round_trip_ms"]
                line += (f"; roster median one at a time {m['warm_roster_ms_median']:.1f} ms = "
                         f"{trips:.0f} select-1 round trips ({trips / args.clients:.2f} a client)")
        out.append(line)
    for t in args.threads:
        s, p = runs.get(f"sqlite_t{t}"), runs.get(f"pg_t{t}")
        if s and p:
            ws, wp = s["wrk"], p["wrk"]
            out.append(
                f"PostgreSQL / SQLite, {t} threads: roster p99 "
                f"{wp['roster']['p99_ms'] / ws['roster']['p99_ms']:.2f}x, req/s "
                f"{wp['roster']['rps'] / ws['roster']['rps']:.2f}x; stats p99 "
                f"{wp['stats']['p99_ms'] / ws['stats']['p99_ms']:.2f}x, req/s "
                f"{wp['stats']['rps'] / ws['stats']['rps']:.2f}x; logins/s "
                f"{wp['login']['rps'] / ws['login']['rps']:.2f}x; /api/me req/s "
                f"{wp['me']['rps'] / ws['me']['rps']:.2f}x")
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog="\n\n".join(__doc__.split("\n\n")[1:]))
    ap.add_argument("--keel", required=True)
    ap.add_argument("--clients", type=int, default=200)
    ap.add_argument("--asks", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--today", default="2026-11-26")
    ap.add_argument("--now", default="2026-11-26T12:00:00Z")
    ap.add_argument("--backends", help="sqlite, pg or sqlite,pg (default: those --db and --pg "
                    "name; neither: both)")
    ap.add_argument("--db", help="the SQLite database (default STATE/sqlite-loaded/keel.db); a "
                    "postgresql:// URI is taken as --pg URI")
    ap.add_argument("--pg", nargs="?", const="", metavar="CONNINFO",
                    help="an admin connection string; alone: a private cluster (the default)")
    ap.add_argument("--threads", "--workers", default="2",
                    help="keel serve --threads; a list (2,4) measures each on a fresh copy")
    ap.add_argument("--wrk-seconds", type=int, default=30)
    ap.add_argument("--connections", type=int, default=50)
    ap.add_argument("--wrk-threads", type=int, default=2)
    ap.add_argument("--import-jobs", type=int, default=2)
    ap.add_argument("--keep", metavar="STATE_DIR")
    ap.add_argument("--results")
    args = ap.parse_args()
    args.threads = [int(x) for x in str(args.threads).split(",")]
    if args.db and args.db.startswith(("postgresql://", "postgres://")):
        if args.pg:
            ap.error("--db URI and --pg CONNINFO: give one")
        args.pg, args.db = args.db, None  # the first version's --db URI
        log(f"--db {args.pg}: taken as --pg (a role that may create roles and databases)")
    if args.backends is None:
        named = (["sqlite"] if args.db else []) + (["pg"] if args.pg is not None else [])
        args.backends = ",".join(named or ["sqlite", "pg"])
    backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    if not set(backends) <= {"sqlite", "pg"} or not backends:
        ap.error("--backends: sqlite, pg or both")
    keel = str(pathlib.Path(args.keel).resolve())
    for tool in ["wrk"] + (["psql"] if "pg" in backends else []):
        if not shutil.which(tool):
            raise SystemExit(f"roster_bench: '{tool}' is missing (apt-get install {tool})")

    cleanup = Cleanup()
    def on_term(signum, frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, on_term)
    started = time.perf_counter()
    raw = {"started": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
           "argv": sys.argv, "cpus": os.cpu_count(), "runs": {}, "loads": {}}
    load_start = os.getloadavg()
    try:
        if args.keep:
            state = pathlib.Path(args.keep).resolve()
            state.mkdir(parents=True, exist_ok=True)
        else:
            state = pathlib.Path(tempfile.mkdtemp(prefix="keel-roster-"))
            cleanup.add(lambda: shutil.rmtree(state, ignore_errors=True))
        results = pathlib.Path(args.results or (
            state / "results" if args.keep else tempfile.mkdtemp(prefix="keel-roster-results-")))
        results = results.resolve()
        results.mkdir(parents=True, exist_ok=True)
        home = state / "home"
        home.mkdir(exist_ok=True)
        env = {k: v for k, v in os.environ.items() if k not in ("KEEL_DB", "KEEL_SEARCH")}
        env.update(KEEL_TODAY=args.today, KEEL_NOW=args.now, NO_COLOR="1", HOME=str(home),
                   XDG_DATA_HOME=str(home / ".local/share"), XDG_CONFIG_HOME=str(home / ".config"))
        raw["keel_version"] = run([keel, "--version"], 30, env)[0].stdout.decode().strip()

        history = state / f"history_{args.asks}_{args.seed}_{args.today}.csv"
        if not history.exists():
            run([sys.executable, GEN, "--asks", args.asks, "--seed", args.seed, "--today",
                 args.today, "-o", history], 300)
        stamp = json.dumps({"clients": args.clients, "asks": args.asks, "seed": args.seed,
                            "today": args.today, "now": args.now})

        log("the hashing's ceiling (libsodium through ctypes)")
        raw["hash"] = hash_floor()
        log(f"hashing: {raw['hash']}")

        pg = None
        prepared = []
        for backend in backends:
            label = "SQLite" if backend == "sqlite" else "PostgreSQL"
            if backend == "sqlite":
                loaded_db = pathlib.Path(args.db).resolve() if args.db else (
                    state / "sqlite-loaded" / "keel.db")
                mark = loaded_db.parent / (loaded_db.name + ".roster-bench")
                if mark.exists() and json.loads(mark.read_text())["stamp"] == stamp:
                    info = json.loads(mark.read_text())["load"]
                    log(f"SQLite: reusing the loaded database {loaded_db}")
                else:
                    files, searches_dir = sqlite_files(loaded_db)
                    for f in files:
                        f.unlink(missing_ok=True)
                    shutil.rmtree(searches_dir, ignore_errors=True)
                    mark.unlink(missing_ok=True)
                    loaded_db.parent.mkdir(parents=True, exist_ok=True)
                    info = load(keel, str(loaded_db), env, args, history, results, "SQLite")
                    mark.write_text(json.dumps({"stamp": stamp, "load": info}))

                def fresh(t, loaded_db=loaded_db):
                    db = sqlite_copy(loaded_db, state / "sqlite-run")
                    return db, db
            else:
                if args.pg:
                    admin, pid = args.pg, None
                else:
                    pg_state = state / "pg-state"
                    admin = start_private_cluster(pg_state, bool(args.keep), cleanup)
                    pid = postmaster_pid(pg_state)
                pg = Pg(admin, pid)
                raw["pg_version"] = pg.version
                owner_loaded = pg.uri(PG_LOADED, "keel_owner")

                def migrate(db):
                    owner = pg.uri(db, "keel_owner")
                    run([keel, "--db", owner, "status", "--json"], 300, env)
                    run([keel, "--db", owner, "user", "list", "--json"], 300, env)
                    psql(owner, "GRANT USAGE ON SCHEMA public TO keel_app; "
                                "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA "
                                "public TO keel_app; GRANT USAGE ON ALL SEQUENCES IN SCHEMA public "
                                "TO keel_app")

                mark = state / "pg-loaded.roster-bench"
                reuse = (args.keep and mark.exists() and pg.exists(PG_LOADED)
                         and json.loads(mark.read_text())["stamp"] == stamp
                         and json.loads(mark.read_text()).get("admin") == admin)
                if reuse:
                    info = json.loads(mark.read_text())["load"]
                    log(f"PostgreSQL: reusing the loaded database {PG_LOADED}")
                    migrate(PG_LOADED)  # a newer keel's migrations, once for every copy
                else:
                    mark.unlink(missing_ok=True)
                    psql(pg.admin, f"DROP DATABASE IF EXISTS {PG_RUN} WITH (FORCE)")
                    psql(pg.admin, f"DROP DATABASE IF EXISTS {PG_LOADED} WITH (FORCE)")
                    psql(pg.admin, f"CREATE DATABASE {PG_LOADED} OWNER keel_owner")
                    migrate(PG_LOADED)
                    info = load(keel, pg.uri(PG_LOADED, "keel_app"), env, args, history, results,
                                "PostgreSQL")
                    psql(owner_loaded, "VACUUM ANALYZE", timeout=1800)
                    mark.write_text(json.dumps({"stamp": stamp, "load": info, "admin": admin}))

                def fresh(t):
                    psql(pg.admin, f"DROP DATABASE IF EXISTS {PG_RUN} WITH (FORCE)")
                    psql(pg.admin, f"CREATE DATABASE {PG_RUN} TEMPLATE {PG_LOADED} "
                                   "OWNER keel_owner", timeout=1800)
                    migrate(PG_RUN)
                    db = pg.uri(PG_RUN, "keel_app")
                    return db, db

            raw["loads"][label] = info
            prepared.append((backend, label, fresh, info, pg if backend == "pg" else None))

        # Both backends' servers run side by side at each --threads value (an idle one costs
        # nothing) and take turns on each measurement, which one goes first alternating, so a change
        # in the machine's load falls on both.
        steps = ["me", "roster", "roster_unqueued", "stats", "login"]
        for t in args.threads:
            ms = []
            try:
                for backend, label, fresh, info, bpg in prepared:
                    log(f"{label}: a fresh copy, keel serve --accounts --threads {t}")
                    db, _ = fresh(t)
                    ms.append(Measured(keel, db, env, args, t, results, f"{backend}_t{t}", label,
                                       bpg, info["searches"][0]))
                for m in ms:
                    m.prepare()
                for i, name in enumerate(steps):
                    if name == "login":
                        for m in ms:
                            m.after_one_ask()
                    for m in (ms if i % 2 == 0 else list(reversed(ms))):
                        m.step(name)
            finally:
                for m in ms:
                    raw["runs"][m.tag] = m.stop()
            (results / "results.json").write_text(json.dumps(raw, indent=1, default=str))
        if pg:
            raw["pg_floors"] = pg_floors(pg, PG_RUN, args, results)

        failures = []
        for key, m in raw["runs"].items():
            for name, w in m["wrk"].items():
                if w["bad_statuses"] or w["non2xx"]:
                    failures.append(f"{key} {name}: statuses {w['statuses']}, wrk's non-2xx/3xx "
                                    f"{w['non2xx']}")
                if any(w["socket_errors"].values()):
                    failures.append(f"{key} {name}: socket errors {w['socket_errors']}")
            if m["server_exit"] not in (0, -signal.SIGTERM):
                failures.append(f"{key}: keel serve exited {m['server_exit']}")
        raw["failures"] = failures
        raw["load"] = (load_start, os.getloadavg())
        raw["elapsed_s"] = time.perf_counter() - started
        raw["ratios"] = ratios(raw, args)
        (results / "results.json").write_text(json.dumps(raw, indent=1, default=str))
        md = report(raw, args)
        (results / "results.md").write_text(md)
        print(md)
        log(f"results in {results} ({raw['elapsed_s'] / 60:.1f} min)")
        if failures:
            log("FAILED: " + "; ".join(failures))
            return 1
    except KeyboardInterrupt:
        log("interrupted")
        return 130
    finally:
        cleanup.run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
