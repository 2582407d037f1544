"""What the tests of `keel serve` share (serve_test.py, errors_test.py, abuse_test.py): the
arguments, the checks that collect failures instead of stopping at the first, the environment a
test's keel runs in (its own HOME, a fixed today), the CLI on the test's database, and one
`keel serve` on port 0 with its address, its page's token and a request helper.

Python's standard library only. A test imports it from its own folder (Python puts the running
script's folder first on sys.path), so `python3 tests/server/X_test.py --keel PATH` works from
anywhere, as ctest runs it.

    args = parse_args(data=True)
    check = Checks()
    with tempfile.TemporaryDirectory() as tmp:
        env = test_env(tmp)
        keel = Keel(args.keel, db, env)
        with Server(args.keel, db, env) as server:
            status, ctype, body = server.request("POST", "/api/ask", {...}, token=True)
"""
import argparse
import http.client
import json
import os
import re
import signal
import subprocess
import sys
from typing import NamedTuple

TODAY = "2026-11-26"


def parse_args(data=False):
    """--keel PATH (and --data DIR, the tests/data folder, when `data`); --pg CONNINFO (or @FILE)
    runs the test on a new database of that PostgreSQL server instead of a SQLite file."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--keel", required=True)
    if data:
        ap.add_argument("--data", required=True)
    ap.add_argument("--pg", metavar="CONNINFO", help="a libpq key=value string, or @FILE holding one")
    args = ap.parse_args()
    if args.pg and args.pg.startswith("@"):
        with open(args.pg[1:], encoding="utf-8") as f:
            args.pg = f.read().strip()
    return args


def test_db(args, tmp, name):
    """The database a test runs on: `tmp`/k.db, or with --pg a new, empty PostgreSQL database
    called keel_`name` (dropped first if a killed run left it) as a postgresql:// URI."""
    if not args.pg:
        return os.path.join(tmp, "k.db")
    fields = dict(item.split("=", 1) for item in args.pg.split())
    database = "keel_" + re.sub(r"[^a-z0-9]+", "_", name.lower())
    for sql in (f"DROP DATABASE IF EXISTS {database} WITH (FORCE)", f"CREATE DATABASE {database}"):
        subprocess.run(["psql", args.pg, "-q", "-v", "ON_ERROR_STOP=1", "-c", sql], check=True,
                       stdout=subprocess.DEVNULL, timeout=60)
    query = "&".join(f"{k}={v}" for k, v in fields.items() if k != "dbname")
    return f"postgresql:///{database}?{query}"


class Checks:
    """check(cond, what): a failed check is printed at once (FAIL: what) and kept in .failures;
    the test goes on, so one run names every broken promise."""

    def __init__(self):
        self.failures = []

    def __call__(self, cond, what):
        if not cond:
            self.failures.append(what)
            print(f"FAIL: {what}", file=sys.stderr)


def test_env(tmp):
    """The environment keel runs in: today fixed, no colours, a HOME and config of its own, and no
    KEEL_DB from the caller's shell (every command names its --db)."""
    env = dict(os.environ, KEEL_TODAY=TODAY, NO_COLOR="1", HOME=tmp,
               XDG_CONFIG_HOME=os.path.join(tmp, ".config"))
    env.pop("KEEL_DB", None)
    return env


class Keel:
    """The CLI on one database: keel("ask", "Acme", ...) returns the CompletedProcess (text);
    a failure stops the test with keel's stderr unless check_rc=False."""

    def __init__(self, binary, db, env):
        self.binary, self.db, self.env = binary, db, env

    def __call__(self, *argv, check_rc=True):
        r = subprocess.run([self.binary, "--db", self.db, *argv], env=self.env, capture_output=True,
                           text=True, timeout=60)
        if check_rc and r.returncode != 0:
            raise SystemExit(f"keel {' '.join(argv)} failed: {r.stderr}")
        return r


class Response(NamedTuple):
    status: int
    ctype: str  # the Content-Type header ("" when none)
    body: bytes


class Server:
    """`keel serve --port 0` on `db` (plus `extra` arguments), started at once: .port, .host
    ("127.0.0.1:PORT"), .process (its stdout and stderr are pipes of text, bad bytes replaced), .token (the page's
    X-Keel-Token, read from GET / on first use). Used as a context manager it is stopped on exit
    (SIGTERM, then SIGKILL after 10 s) if the test has not stopped it."""

    FIRST_LINE = re.compile(r"keel is running at http://127\.0\.0\.1:(\d+)\n")

    def __init__(self, binary, db, env, *extra):
        self.process = subprocess.Popen([binary, "--db", db, "serve", "--port", "0", *extra], env=env,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                        errors="replace")  # a hostile request's bytes may be logged
        line = self.process.stdout.readline()
        m = self.FIRST_LINE.fullmatch(line)
        if not m:
            self.process.kill()
            raise SystemExit(f"unexpected first line from keel serve: {line!r} {self.process.stderr.read()}")
        self.port = int(m.group(1))
        self.host = f"127.0.0.1:{self.port}"
        self._token = None

    @property
    def pid(self):
        return self.process.pid

    @property
    def token(self):
        if self._token is None:
            page = self.request("GET", "/").body
            tm = re.search(rb'name="keel-token" content="([0-9a-f]{64})"', page)
            self._token = tm.group(1).decode() if tm else ""
        return self._token

    def connection(self, timeout=10):
        """A new http.client connection to the server, for what request() does not do (HEAD)."""
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)

    def request(self, method, path, body=None, headers=None, raw=None, token=False, timeout=30):
        """One request on a new connection. `body` is sent as JSON, `raw` as it is; `headers` add
        to (or replace) Host; `token` adds the page's X-Keel-Token. A body gets a JSON
        Content-Type unless `headers` give one."""
        c = self.connection(timeout)
        h = {"Host": self.host}
        if token:
            h["X-Keel-Token"] = self.token
        h.update(headers or {})
        data = raw if raw is not None else (json.dumps(body) if body is not None else None)
        if data is not None:
            h.setdefault("Content-Type", "application/json")
        c.request(method, path, body=data, headers=h)
        r = c.getresponse()
        out = Response(r.status, r.getheader("Content-Type") or "", r.read())
        c.close()
        return out

    def stop(self, sig=signal.SIGTERM, timeout=20):
        """Sends `sig` and waits: the exit code, or -1 when it had to be killed after `timeout` s."""
        if self.process.poll() is not None:
            return self.process.returncode
        self.process.send_signal(sig)
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            return -1

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop(timeout=10)
        return False
