#!/usr/bin/env python3
"""A private PostgreSQL 15 cluster for keel's tests, started and stopped by the tests themselves.

    pg_cluster.py start STATE_DIR   initdb (once) and start; writes STATE_DIR/conninfo
    pg_cluster.py stop STATE_DIR    stop it (fast shutdown); the files stay for a post-mortem

The cluster listens on a Unix socket only, in a directory of its own under /tmp, so two checkouts
(or two CI runs) on one machine never meet, and no TCP port is taken. CTest runs `start` as the
setup of the `pg` fixture and `stop` as its cleanup (tests/CMakeLists.txt); tests read the
libpq connection string from STATE_DIR/conninfo, or from $KEEL_TEST_PG when it is set (an
existing server, e.g. a developer's).

initdb refuses to run as root: as root the cluster runs as the `postgres` account that Debian's
postgresql package creates. fsync is off: a crashed test cluster is thrown away, never recovered.
"""
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

PGBIN = pathlib.Path("/usr/lib/postgresql/15/bin")
PORT = 5432  # the socket lives in a private directory, so the number never collides


def as_cluster_user(argv):
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--"] + argv
    return argv


def run(argv, **kw):
    return subprocess.run(as_cluster_user(argv), check=True, **kw)


def start(state: pathlib.Path) -> None:
    if not (PGBIN / "initdb").exists():
        sys.exit("pg_cluster: PostgreSQL 15 is not installed; run scripts/deps (it installs "
                 "postgresql-15)")
    state.mkdir(parents=True, exist_ok=True)
    stop(state, quiet=True)  # a cluster left by an interrupted run
    home = pathlib.Path(tempfile.mkdtemp(prefix="keel-pg-"))
    data = home / "data"
    if os.geteuid() == 0:
        shutil.chown(home, "postgres")
    run([str(PGBIN / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
         "--locale=C.UTF-8", "--no-sync"], stdout=subprocess.DEVNULL)
    run([str(PGBIN / "pg_ctl"), "-D", str(data), "-l", str(home / "log"), "-w", "-t", "60", "-o",
         f"-k {home} -p {PORT} -c listen_addresses='' -c fsync=off -c full_page_writes=off "
         "-c max_connections=200", "start"], stdout=subprocess.DEVNULL)
    (state / "home").write_text(str(home))
    (state / "conninfo").write_text(f"host={home} port={PORT} dbname=postgres user=postgres")
    print(f"pg_cluster: PostgreSQL 15 running in {home}")


def stop(state: pathlib.Path, quiet: bool = False) -> None:
    marker = state / "home"
    if not marker.exists():
        if not quiet:
            print("pg_cluster: no cluster to stop")
        return
    home = pathlib.Path(marker.read_text())
    if (home / "data" / "postmaster.pid").exists():
        run([str(PGBIN / "pg_ctl"), "-D", str(home / "data"), "-m", "fast", "-w", "stop"],
            stdout=subprocess.DEVNULL)
    marker.unlink()
    (state / "conninfo").unlink(missing_ok=True)
    shutil.rmtree(home, ignore_errors=True)
    if not quiet:
        print("pg_cluster: stopped")


def conninfo(state_dir: str) -> str:
    """The connection string a test uses: $KEEL_TEST_PG, else the fixture's cluster."""
    env = os.environ.get("KEEL_TEST_PG")
    if env:
        return env
    return (pathlib.Path(state_dir) / "conninfo").read_text()


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("start", "stop"):
        sys.exit("usage: pg_cluster.py start|stop STATE_DIR")
    (start if sys.argv[1] == "start" else stop)(pathlib.Path(sys.argv[2]))
