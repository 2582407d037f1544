#!/usr/bin/env python3
"""Golden end-to-end tests for the keel CLI.

Each ``.test`` file is one case, read top to bottom like a terminal session::

    # A comment: '#' at column 0, ignored.
    $ keel --today 2026-11-26 ask Globex --kind application --on 2026-11-02
    ask #1: Globex, application, 2026-11-02
    $ keel no 1 --on 2026-10-30
    2> error: the reply (2026-10-30) is before the ask (2026-11-02); give --on 2026-11-02 or later
    [exit 1]
    $ cat > mine.csv <<'EOF'
    asked_on,org
    2026-11-01,Acme
    EOF
    $ keel import mine.csv
    imported 1 ask

Format
------
* A line starting with ``$ `` begins a command, run with ``bash -c``.  If the
  command line contains heredoc openers (``<<'WORD'``, ``<<"WORD"``,
  ``<<WORD``, ``<<-WORD``; several are allowed), the following lines up to and
  including the terminator line (``WORD``; for ``<<-`` leading tabs are
  allowed) are part of the command, verbatim.
* The lines after a command, up to the next ``$ `` line or EOF, are its
  expectations:
    - ``2> TEXT`` is an expected stderr line (``2>`` alone: an empty one);
    - a final ``[exit N]`` is the expected exit status (absent means 0);
      ``[exit N]`` anywhere else in the block is a parse error;
    - every other line is an expected stdout line.
  Lines starting with ``#`` are comments and ignored.  Blank lines count only
  between expected lines: leading blank lines of a block, trailing blank lines
  of each stream, and trailing blank lines of the actual output are ignored.
* Each line is compared exactly after stripping trailing whitespace, stdout and
  stderr separately.  ``{{anything}}`` in an expected line (e.g. ``{{...}}``,
  ``{{timestamp}}``) matches any text within that line (non-greedy).  Since
  ``{{}}`` matches the empty string it also escapes a stdout line that would
  otherwise look like syntax: ``{{}}# heading``, ``{{}}$ x``, ``{{}}2> y``,
  ``{{}}[exit 3]``.
* Lines before the first command may only be comments or blank.

Environment of every command
----------------------------
A fresh temporary directory per test file is the working directory of all its
commands (deleted afterwards unless ``--keep``).  PATH is prefixed with the
directory of ``--keel``; ``KEEL_DB=$tmp/keel.db``, ``KEEL_TODAY=2026-11-26``,
``NO_COLOR=1``, ``HOME=$tmp/home``, ``XDG_DATA_HOME=$tmp/home/.local/share``,
``LC_ALL=C.UTF-8``, ``TZ=UTC``, ``TERM=dumb``, ``DATA`` (``--data``) and
``TESTDIR`` (absolute folder of the .test file).  Other ``KEEL_*``, ``LANG``,
``LC_*``, ``BASH_ENV``/``ENV`` and forced-colour variables of the caller are
removed.  stdin is /dev/null.  Each command has a timeout (``--timeout``,
default 60 s); on timeout its whole process group is killed.

On PostgreSQL
-------------
With ``--pg CONNINFO`` (a libpq key=value string for a server the caller runs,
e.g. the tests' private cluster; ``--pg @FILE`` reads it from FILE), each test file gets a new database on that
server and ``KEEL_DB`` is its ``postgresql://`` URI instead of ``$tmp/keel.db``:
the same sessions then run on the second backend and must print the same
bytes.  A file whose first line is ``# backends: sqlite`` (it opens SQLite files
itself, or checks what only SQLite does) is skipped there, and counted as
skipped, not passed.

Usage
-----
    run_golden.py --keel PATH [--data DIR] [--pg CONNINFO] [--update] [--keep]
                  [--timeout S] [-j N] [-v] FILE.test|DIR ...

A directory argument means the ``*.test`` files directly inside it.  Every
command of a file runs even after a failure.  For each failing command the
report gives ``file:line``, the command, unified diffs of expected vs actual
stdout and stderr, and expected vs actual exit status.  The last line is
``N passed, M failed`` (counting files).  Exit status: 0 if all passed, 1
otherwise, 2 on usage errors.

``--update`` rewrites each file in place with the actual results: commands,
heredoc bodies, comments and blank lines around blocks are kept; blocks that
pass are kept verbatim; in a failing block the stream that differs is replaced
(wildcard lines that still match are kept; comments interleaved with the
expected lines of a block whose stdout or stderr changed are dropped).  Files
fully updated count as passed.  A block whose output cannot be written back faithfully (or whose
command timed out) is left as it is, and the file counts as failed.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import dataclasses
import difflib
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

KEEL_TODAY = "2026-11-26"

EXIT_RE = re.compile(r"^\[exit (-?\d+)\]$")
WILDCARD_RE = re.compile(r"\{\{.*?\}\}")
# <<WORD, <<-WORD, <<'WORD', <<"WORD", <<\WORD; not <<< (here-string) and not
# arithmetic shifts such as $((1 << 2)) (WORD must start like an identifier).
HEREDOC_RE = re.compile(
    r"(?<!<)<<(?!<)(-?)[ \t]*"
    r"(?:'([^'\n]+)'|\"([^\"\n]+)\"|\\?([A-Za-z_][A-Za-z0-9_.-]*))"
)


class ParseError(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


# --------------------------------------------------------------------------
# Parsing


@dataclasses.dataclass
class Case:
    """One command and its expectations."""

    line: int  # 1-based line number of the '$ ' line
    cmd_lines: list[str]  # raw lines: the '$ ' line and heredoc bodies
    block: list[str]  # raw lines after the command up to the next command
    head: list[str]  # leading comment/blank lines of block
    body: list[str]  # first..last expectation line of block (raw)
    tail: list[str]  # trailing comment/blank lines of block
    stdout: list[str]
    stderr: list[str]
    exit: int

    @property
    def script(self) -> str:
        return "\n".join([self.cmd_lines[0][2:]] + self.cmd_lines[1:]) + "\n"


@dataclasses.dataclass
class TestFile:
    path: Path
    preamble: list[str]
    cases: list[Case]


def is_comment(line: str) -> bool:
    return line.startswith("#")


def is_blank(line: str) -> bool:
    return line.strip() == ""


def is_command(line: str) -> bool:
    return line.startswith("$ ") or line.rstrip() == "$"


def parse_expectations(block: list[str], first_line: int) -> tuple[list[str], list[str], int]:
    """Turn the raw lines of a block into (stdout, stderr, exit)."""
    items = [(first_line + i, l.rstrip()) for i, l in enumerate(block) if not is_comment(l)]
    while items and items[0][1] == "":
        items.pop(0)
    while items and items[-1][1] == "":
        items.pop()
    exit_code = 0
    if items:
        m = EXIT_RE.match(items[-1][1])
        if m:
            exit_code = int(m.group(1))
            items.pop()
    out: list[str] = []
    err: list[str] = []
    for lineno, text in items:
        if EXIT_RE.match(text):
            raise ParseError(lineno, f"'{text}' must be the last expectation line of its command "
                                     "(write '{{}}" + text + "' for a literal stdout line)")
        if text == "2>" or text.startswith("2> "):
            err.append(text[3:])
        else:
            out.append(text)
    return strip_trailing_blank(out), strip_trailing_blank(err), exit_code


def strip_trailing_blank(lines: list[str]) -> list[str]:
    lines = list(lines)
    while lines and lines[-1] == "":
        lines.pop()
    return lines


def split_block(block: list[str]) -> tuple[list[str], list[str], list[str]]:
    """Split block into head (leading comments/blanks), body and tail."""
    idx = [i for i, l in enumerate(block) if not is_comment(l) and not is_blank(l)]
    if not idx:
        return [], [], list(block)
    return block[: idx[0]], block[idx[0] : idx[-1] + 1], block[idx[-1] + 1 :]


def parse_text(text: str, path: Path) -> TestFile:
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # final newline
    lines = [l[:-1] if l.endswith("\r") else l for l in lines]
    preamble: list[str] = []
    cases: list[Case] = []
    i = 0
    n = len(lines)
    while i < n and not is_command(lines[i]):
        if not (is_comment(lines[i]) or is_blank(lines[i])):
            raise ParseError(i + 1, "only comments and blank lines may come before "
                                    "the first command (a line starting with '$ ')")
        preamble.append(lines[i])
        i += 1
    if i >= n:
        raise ParseError(max(n, 1), "no commands in file (commands start with '$ ')")
    while i < n:
        start = i
        cmd = lines[i]
        if cmd.rstrip() == "$" or cmd[2:].strip() == "":
            raise ParseError(i + 1, "empty command")
        cmd_lines = [cmd]
        i += 1
        for m in HEREDOC_RE.finditer(cmd[2:]):
            strip_tabs = m.group(1) == "-"
            word = m.group(2) or m.group(3) or m.group(4)
            while True:
                if i >= n:
                    raise ParseError(start + 1, f"unterminated heredoc: no line '{word}' "
                                                "before end of file")
                body_line = lines[i]
                cmd_lines.append(body_line)
                i += 1
                candidate = body_line.lstrip("\t") if strip_tabs else body_line
                if candidate == word:
                    break
        block_start = i
        while i < n and not is_command(lines[i]):
            i += 1
        block = lines[block_start:i]
        out, err, code = parse_expectations(block, block_start + 1)
        head, body, tail = split_block(block)
        cases.append(Case(start + 1, cmd_lines, block, head, body, tail, out, err, code))
    return TestFile(path, preamble, cases)


# --------------------------------------------------------------------------
# Matching


def line_matches(expected: str, actual: str) -> bool:
    if "{{" not in expected:
        return expected == actual
    parts = WILDCARD_RE.split(expected)
    if len(parts) == 1:
        return expected == actual
    pattern = ".*?".join(re.escape(p) for p in parts)
    return re.fullmatch(pattern, actual, re.DOTALL) is not None


def stream_matches(expected: list[str], actual: list[str]) -> bool:
    return len(expected) == len(actual) and all(
        line_matches(e, a) for e, a in zip(expected, actual)
    )


def normalize_actual(expected: list[str], actual: list[str]) -> list[str]:
    """Actual lines, with each line that matches an aligned wildcard line of
    expected replaced by that expected line (for readable diffs and for keeping
    wildcards on --update).  Alignment is a longest common subsequence under
    line_matches."""
    if not any("{{" in e for e in expected):
        return list(actual)
    n, m = len(expected), len(actual)
    if n * m > 4_000_000:  # too big for LCS: align by index
        return [
            expected[i] if i < n and line_matches(expected[i], a) else a
            for i, a in enumerate(actual)
        ]
    # lcs[i][j]: LCS length of expected[i:], actual[j:]
    lcs = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        row, nxt = lcs[i], lcs[i + 1]
        e = expected[i]
        for j in range(m - 1, -1, -1):
            if line_matches(e, actual[j]):
                row[j] = nxt[j + 1] + 1
            else:
                row[j] = max(nxt[j], row[j + 1])
    result = list(actual)
    i = j = 0
    while i < n and j < m:
        if line_matches(expected[i], actual[j]) and lcs[i][j] == lcs[i + 1][j + 1] + 1:
            result[j] = expected[i]
            i += 1
            j += 1
        elif lcs[i + 1][j] >= lcs[i][j + 1]:
            i += 1
        else:
            j += 1
    return result


def output_lines(data: bytes) -> list[str]:
    text = data.decode("utf-8", errors="backslashreplace")
    lines = [l.rstrip() for l in text.split("\n")]
    return strip_trailing_blank(lines)


# --------------------------------------------------------------------------
# Running


@dataclasses.dataclass
class Result:
    stdout: list[str]
    stderr: list[str]
    exit: int | None  # None: timed out


def run_command(script: str, cwd: Path, env: dict[str, str], timeout: float) -> Result:
    # Output goes to files, not pipes, so that a background process which
    # outlives the command cannot keep us waiting for end-of-file.
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(
            ["bash", "-c", script],
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            start_new_session=True,
        )
        try:
            code: int | None = proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            code = None
        finally:
            # Kill whatever is left in the command's process group (the whole
            # command on timeout; stray background jobs otherwise).
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            proc.wait()
        out.seek(0)
        err.seek(0)
        return Result(output_lines(out.read()), output_lines(err.read()), code)


def make_env(tmp: Path, keel_dir: Path, data: str | None, testdir: Path) -> dict[str, str]:
    drop_prefixes = ("KEEL_", "LC_")
    drop = {"LANG", "LANGUAGE", "BASH_ENV", "ENV", "CDPATH", "CLICOLOR", "CLICOLOR_FORCE",
            "FORCE_COLOR", "COLUMNS", "LINES", "PWD", "OLDPWD", "DATA", "TESTDIR"}
    env = {k: v for k, v in os.environ.items()
           if k not in drop and not k.startswith(drop_prefixes)}
    home = tmp / "home"
    xdg = home / ".local" / "share"
    xdg.mkdir(parents=True, exist_ok=True)
    env.update(
        PATH=f"{keel_dir}{os.pathsep}{os.environ.get('PATH', os.defpath)}",
        KEEL_DB=str(tmp / "keel.db"),
        KEEL_TODAY=KEEL_TODAY,
        NO_COLOR="1",
        HOME=str(home),
        XDG_DATA_HOME=str(xdg),
        XDG_CONFIG_HOME=str(home / ".config"),
        LC_ALL="C.UTF-8",
        TZ="UTC",
        TERM="dumb",
        TESTDIR=str(testdir),
    )
    if data is not None:
        env["DATA"] = data
    return env


# --------------------------------------------------------------------------
# Reporting and updating


def diff(name: str, expected: list[str], actual: list[str]) -> list[str]:
    shown = normalize_actual(expected, actual)
    return list(difflib.unified_diff(
        expected, shown, f"{name} (expected)", f"{name} (actual)", lineterm=""))


def render_block(case: Case, res: Result) -> list[str] | None:
    """New raw block lines for a failing case, or None if not representable."""
    out_ok = stream_matches(case.stdout, res.stdout)
    err_ok = stream_matches(case.stderr, res.stderr)
    out = case.stdout if out_ok else normalize_actual(case.stdout, res.stdout)
    err = case.stderr if err_ok else normalize_actual(case.stderr, res.stderr)
    body: list[str] = []
    if out_ok and err_ok:
        # Only the exit status differs: keep the expected lines verbatim.
        body = list(case.body)
        if body and EXIT_RE.match(body[-1].rstrip()):
            body.pop()
    else:
        for line in out:
            body.append(escape_stdout_line(line))
        for line in err:
            body.append(f"2> {line}".rstrip())
    if res.exit:
        body.append(f"[exit {res.exit}]")
    # Check the new block reads back as the actual result.
    try:
        o, e, c = parse_expectations(body, 1)
    except ParseError:
        return None
    if not (stream_matches(o, res.stdout) and stream_matches(e, res.stderr) and c == res.exit):
        return None
    return case.head + body + case.tail


def escape_stdout_line(line: str) -> str:
    if (line.startswith("#") or line.startswith("$ ") or line == "$"
            or line == "2>" or line.startswith("2> ") or EXIT_RE.match(line)):
        return "{{}}" + line
    return line


@dataclasses.dataclass
class FileReport:
    path: Path
    passed: bool
    lines: list[str]
    updated: bool = False
    skipped: bool = False


def pg_database(conninfo: str, test: Path) -> str:
    """A new, empty database for one test file on the server `conninfo` names; its URI."""
    fields = dict(item.split("=", 1) for item in conninfo.split())
    name = "keel_golden_" + re.sub(r"[^a-z0-9]+", "_", test.stem.lower())
    for sql in (f"DROP DATABASE IF EXISTS {name} WITH (FORCE)", f"CREATE DATABASE {name}"):
        subprocess.run(["psql", conninfo, "-q", "-v", "ON_ERROR_STOP=1", "-c", sql], check=True,
                       stdout=subprocess.DEVNULL)
    query = "&".join(f"{k}={v}" for k, v in fields.items() if k != "dbname")
    return f"postgresql:///{name}?{query}"


def run_file(path: Path, args: argparse.Namespace) -> FileReport:
    display = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return FileReport(path, False, [f"{display}:1: cannot read: {exc}"])
    try:
        tf = parse_text(text, path)
    except ParseError as exc:
        return FileReport(path, False, [f"{display}:{exc.line}: {exc.message}"])

    if args.pg and text.startswith("# backends: sqlite"):
        return FileReport(path, True, [f"{display}: skipped on PostgreSQL (# backends: sqlite)"],
                          skipped=True)
    tmp = Path(tempfile.mkdtemp(prefix="keel-golden-")).resolve()
    report: list[str] = []
    failed = False
    unfixable = False
    new_blocks: dict[int, list[str]] = {}
    try:
        env = make_env(tmp, args.keel_dir, args.data, path.resolve().parent)
        if args.pg:
            env["KEEL_DB"] = pg_database(args.pg, path)
        for idx, case in enumerate(tf.cases):
            res = run_command(case.script, tmp, env, args.timeout)
            out_ok = stream_matches(case.stdout, res.stdout)
            err_ok = stream_matches(case.stderr, res.stderr)
            code_ok = res.exit == case.exit
            if out_ok and err_ok and code_ok:
                continue
            failed = True
            report.append(f"FAIL {display}:{case.line}:")
            report.extend("  " + l for l in case.cmd_lines)
            if not out_ok:
                report.extend(diff("stdout", case.stdout, res.stdout))
            if not err_ok:
                report.extend(diff("stderr", case.stderr, res.stderr))
            if res.exit is None:
                report.append(f"exit: expected {case.exit}, actual: timed out after "
                              f"{args.timeout:g} s (process group killed)")
            elif not code_ok:
                signal_note = f" (killed by signal {-res.exit})" if res.exit < 0 else ""
                report.append(f"exit: expected {case.exit}, actual {res.exit}{signal_note}")
            if args.update:
                block = render_block(case, res) if res.exit is not None else None
                if block is None:
                    unfixable = True
                    why = ("command timed out" if res.exit is None
                           else "actual output cannot be written back exactly "
                                "(e.g. a leading blank stdout line); edit by hand")
                    report.append(f"{display}:{case.line}: not updated: {why}")
                else:
                    new_blocks[idx] = block
            report.append("")
    finally:
        if args.keep:
            report.append(f"{display}: kept temporary directory {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)

    updated = False
    if args.update and new_blocks:
        out_lines = list(tf.preamble)
        for idx, case in enumerate(tf.cases):
            out_lines.extend(case.cmd_lines)
            out_lines.extend(new_blocks.get(idx, case.block))
        new_text = "\n".join(out_lines) + "\n"
        if new_text != text:
            path.write_text(new_text, encoding="utf-8")
            updated = True
            report.append(f"updated {display}")
    passed = not failed or (args.update and not unfixable)
    return FileReport(path, passed, report, updated)


def collect(paths: list[str]) -> list[Path]:
    files: list[Path] = []
    seen: set[Path] = set()
    for p in paths:
        path = Path(p)
        found = sorted(path.glob("*.test")) if path.is_dir() else [path]
        for f in found:
            key = f.resolve()
            if key not in seen:
                seen.add(key)
                files.append(f)
    return files


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description="Run keel golden end-to-end tests (.test files).",
        epilog="See the module docstring / tests/cli/README.md for the file format.")
    ap.add_argument("--keel", required=True, metavar="PATH",
                    help="the keel binary under test; its directory is put first on PATH")
    ap.add_argument("--data", metavar="DIR", default=os.environ.get("KEEL_TEST_DATA"),
                    help="test data folder (tests/data), exported as $DATA (default: $KEEL_TEST_DATA)")
    ap.add_argument("--pg", metavar="CONNINFO",
                    help="run every session on a new PostgreSQL database of this server "
                         "(@FILE: the connection string is in FILE)")
    ap.add_argument("--update", action="store_true",
                    help="rewrite the files in place with the actual output")
    ap.add_argument("--keep", action="store_true",
                    help="keep each file's temporary directory and print its path")
    ap.add_argument("--timeout", type=float, default=60.0, metavar="S",
                    help="timeout per command in seconds (default 60)")
    ap.add_argument("-j", "--jobs", type=int, default=1, metavar="N",
                    help="run N test files in parallel (default 1)")
    ap.add_argument("-v", "--verbose", action="store_true", help="also list passing files")
    ap.add_argument("files", nargs="+", metavar="FILE.test|DIR")
    args = ap.parse_args(argv)

    keel = Path(args.keel)
    if not (keel.is_file() and os.access(keel, os.X_OK)):
        ap.error(f"--keel {shlex.quote(args.keel)}: not an executable file")
    args.keel_dir = keel.resolve().parent
    if args.pg and args.pg.startswith("@"):
        args.pg = Path(args.pg[1:]).read_text(encoding="utf-8").strip()
    if args.data is not None:
        args.data = str(Path(args.data).resolve())
        if not Path(args.data).is_dir():
            ap.error(f"--data {shlex.quote(args.data)}: not a directory")
    if args.timeout <= 0 or args.jobs < 1:
        ap.error("--timeout and --jobs must be positive")

    files = collect(args.files)
    if not files:
        ap.error("no .test files given")

    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        reports = list(pool.map(lambda f: run_file(f, args), files))

    passed = failed = skipped = 0
    for rep in reports:
        for line in rep.lines:
            print(line)
        if rep.skipped:
            skipped += 1
        elif rep.passed:
            passed += 1
            if args.verbose:
                print(f"ok {rep.path}")
        else:
            failed += 1
    print(f"{passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))
    sys.stdout.flush()
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
