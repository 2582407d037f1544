#!/usr/bin/env python3
"""No text keel serve sends names a CLI command or flag.

The page shows keel's words to a person who may never have used the command line: an error, a
notice, an advice line of a report, a reframe after a no. Those words must name what the page has
(a form, a field), never `keel patterns` or `--value`. The CLI still tells its own user the
command, through hints only it prints.

This drives every GET route and the write routes (successes and refusals) over a realistic
ledger (the real logs in tests/data, plus feedback, actions, strategy and materials), and over an
empty one (whose empty states are the likeliest to say "run keel ..."), walks every JSON answer
recursively and checks each string that is not the person's own data against
/\\bkeel COMMAND/ (each command `keel --help` lists) and /--[a-z]/.

Usage: texts_test.py --keel PATH --data DIR
"""
import json
import os
import re
import subprocess
import sys
import tempfile

from keel_server import Checks, Keel, Server, parse_args, test_env

# keel's own name in prose ("keel needs 20 decided asks") is fine; a command after it is not.
# The commands are read from `keel --help`, so a new one is covered the day it is added.
# Keys whose strings are only ever the person's own data (what they typed or imported), never
# keel's words. `note` and `text` are checked: keel words some of them too (the patterns' note, a
# suggested action's text), and the data here holds no `keel COMMAND` or `--flag`.
OWN_DATA = {"org", "orgs", "person", "reason", "role", "industry", "location", "seniority",
            "despite", "brand", "stories", "sha256"}


def walk(value, path, out):
    """Yields (path, string) for every string in a JSON value that is keel's own words."""
    if isinstance(value, dict):
        for k, v in value.items():
            if k in OWN_DATA:
                continue
            walk(v, f"{path}.{k}", out)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            walk(v, f"{path}[{i}]", out)
    elif isinstance(value, str):
        out.append((path, value))


def main() -> int:
    args = parse_args(data=True)
    check = Checks()
    checked = [0, 0]  # answers, strings

    def call(server, method, path, body=None):
        r = server.request(method, path, body, token=method == "POST", timeout=60)
        return r.status, r.body

    def check_answer(what, status, raw, want_ok=None):
        try:
            j = json.loads(raw)
        except ValueError:
            check(False, f"{what}: not JSON ({status}): {raw[:200]!r}")
            return None
        if want_ok is not None:
            check((status == 200) == want_ok, f"{what}: status {status}: {raw[:300]!r}")
        checked[0] += 1
        strings = []
        walk(j, "$", strings)
        for path, s in strings:
            checked[1] += 1
            check(not cli_words.search(s), f"{what}: {path} names a CLI command or flag: {s!r}")
        return j

    usage = subprocess.run([args.keel, "--help"], capture_output=True, text=True).stdout
    commands = re.findall(r"^  ([a-z][a-z-]*) ", usage.split("Subcommands:", 1)[-1], re.M)
    check(len(commands) > 20, f"keel --help lists its commands: {commands}")
    cli_words = re.compile(r"\bkeel (" + "|".join(map(re.escape, commands)) + r")\b|--[a-z]")

    with tempfile.TemporaryDirectory() as tmp:
        env = test_env(tmp)

        def keel(db, *argv):
            return Keel(args.keel, db, env)(*argv)

        reads = ["status", "stats", "stats?by=kind", "stats?by=channel", "stats?by=material",
                 "streak", "forecast", "silence", "agenda", "patterns", "patterns?window=36500",
                 "actions", "drift", "strategy", "strategy/history", "materials",
                 "compare?a=resume@v1&b=resume@v2", "list", "list?open=1", "undo", "meta"]

        # An empty ledger: the empty states.
        empty = os.path.join(tmp, "empty.db")
        keel(empty, "status")
        server = Server(args.keel, empty, env)
        try:
            for route in reads:
                status, raw = call(server, "GET", f"/api/{route}")
                check_answer(f"empty GET /api/{route}", status, raw)
            for route, body in [("feedback/ask", {"person": "Ana Ruiz"}),
                                ("feedback/add", {"id": 1, "text": "too junior"}),
                                ("action/add", {"text": "", "theme": "busy"}),
                                ("material/add", {"name": "resume", "version": "v1", "sha256": "x"}),
                                ("undo", {}),
                                ("close", {"offer": 1}),
                                ("strategy/drop", {"role": "sales"}),
                                ("strategy/phase", {"text": "explore"})]:
                status, raw = call(server, "POST", f"/api/{route}", body)
                check_answer(f"empty POST /api/{route} {body}", status, raw)
        finally:
            server.stop()

        # A realistic ledger: two real logs, feedback, actions, a strategy, materials.
        db = os.path.join(tmp, "k.db")
        real = os.path.join(args.data, "real")
        keel(db, "import", os.path.join(real, "job-application-statistics/Merged.csv"))
        keel(db, "import", os.path.join(real, "job-search-eda/jsdata.csv"), "--map",
             "application_status=outcome", "--map", "referral=channel", "--value",
             "channel:yes=referral")
        keel(db, "strategy", "focus", "--role", "data analyst", "--on", "2023-01-01")
        keel(db, "strategy", "rule-out", "--location", "relocation", "--on", "2023-01-01")
        keel(db, "material", "add", "resume", "v1", "--on", "2026-09-01")
        keel(db, "material", "add", "resume", "v2", "--on", "2026-10-01")
        for i in range(6):
            keel(db, "ask", f"Firm{i}", "--kind", "application", "--role", "Sales Rep",
                 "--material", f"resume@v{1 + i % 2}", "--on", f"2026-10-{10 + i:02d}")
        keel(db, "ask", "Acme", "--kind", "interview", "--to", "Ana Ruiz", "--on", "2026-11-01")
        keel(db, "ask", "Hooli", "--kind", "interview", "--on", "2026-11-02")
        keel(db, "no", "--on", "2026-11-06", "--reason", "your interview answers were vague and "
             "unprepared", str(len(json.loads(keel(db, "--json", "list", "--all").stdout))))
        server = Server(args.keel, db, env)
        try:
            _, raw = call(server, "GET", "/api/list")
            asks = json.loads(raw)
            last = max(a["id"] for a in asks)
            # Writes that succeed: their results carry reframes and notices.
            writes = [
                ("answer", {"id": last, "outcome": "no", "on": "2026-11-05",
                            "reason": "you did not seem prepared for the technical questions"}),
                ("answer", {"id": last - 1, "outcome": "no", "on": "2026-11-05",
                            "reason": "we went with someone with more experience"}),
                ("answer", {"id": last - 2, "outcome": "no", "on": "2026-11-05",
                            "reason": "the position has been filled"}),
                ("answer", {"id": last - 3, "outcome": "yes", "on": "2026-11-05"}),
                ("answer", {"id": last - 4, "outcome": "not-yet", "on": "2026-11-05",
                            "until": "2026-12-01"}),
                ("answer", {"id": last - 5, "outcome": "silent"}),
                ("feedback/ask", {"person": "Ana Ruiz", "on": "2026-11-10"}),
                ("feedback/ask", {"person": "Bo Chen", "org": "Globex", "on": "2026-11-10"}),
                ("action/add", {"text": "mock interviews every week",
                                "theme": "interview-performance", "on": "2026-11-12"}),
                ("ask", {"org": "Initech", "kind": "application", "role": "Data Analyst",
                         "note": "requires relocation", "despite": "worth it", "on": "2026-11-20",
                         "materials": ["resume@v2"]}),
                ("ask", {"org": "Acme", "kind": "chat", "on": "2026-11-20",
                         "materials": ["resume@v9"]}),
                ("material/add", {"name": "resume", "version": "v3", "on": "2026-11-21",
                                  "content": "my resume, third version"}),
                ("strategy/brand", {"text": "I turn messy data into decisions people trust."}),
                ("strategy/story", {"text": "Cut a pipeline from 6 hours to 20 minutes."}),
                ("strategy/phase", {"text": "action", "on": "2026-11-01"}),
                ("strategy/salary-floor", {"amount": 60000}),
                ("follow-up", {"id": last - 4, "on": "2026-12-10", "note": "nudge"}),
                ("answer", {"id": 3, "outcome": "withdraw"}),
                ("answer", {"id": 3, "outcome": "reopen"}),
                ("answer", {"id": 4, "outcome": "no", "reason": "we filled the role internally"}),
                ("answer", {"id": 4, "outcome": "yes", "on": "2026-11-20"}),
                ("edit", {"id": 5, "note": "met them at a meetup", "materials": ["resume@v1"],
                          "reason": "too busy to answer"}),
                ("edit", {"id": 5, "note": ""}),
                ("delete", {"id": 6}),
                ("undo", {}),
                ("import", {"content": "Company,Date,Status\nGlobex Corp,2026-11-03,Applied\n"
                                       "Umbrella,2026-11-04,Maybe later\n",
                            "file_name": "t.csv", "dry_run": True, "skip_bad": True}),
                ("import", {"content": "Company,Date,Status\nGlobex Corp,2026-11-03,Applied\n",
                            "file_name": "t.csv"}),
            ]
            for route, body in writes:
                status, raw = call(server, "POST", f"/api/{route}", body)
                check_answer(f"POST /api/{route} {body}", status, raw, want_ok=True)
            # The feedback ask's answer: a feedback with its themes.
            _, raw = call(server, "GET", "/api/list")
            fb = [a["id"] for a in json.loads(raw) if a.get("kind") == "feedback"]
            if fb:
                status, raw = call(server, "POST", "/api/feedback/add", {
                    "id": fb[0], "text": "Your resume buries your impact, and you ramble.",
                    "on": "2026-11-15"})
                check_answer("POST /api/feedback/add", status, raw, want_ok=True)
            check(len(fb) == 2, f"two feedback asks: {fb}")

            for route in reads + [f"show?id={last}", f"show?id={fb[0] if fb else 1}",
                                  "compare?a=resume@v1&b=resume@v3"]:
                status, raw = call(server, "GET", f"/api/{route}")
                check_answer(f"GET /api/{route}", status, raw)

            # Refusals: every error the forms can meet, in the page's words.
            refusals = [
                ("feedback/ask", {"person": "Zed Nobody"}),
                ("feedback/add", {"id": last - 1, "text": "too junior"}),
                ("feedback/add", {"id": last - 3, "text": "too junior"}),
                ("feedback/add", {"id": 99999, "text": "too junior"}),
                ("feedback/add", {"id": fb[0] if fb else 1, "text": "  "}),
                ("action/add", {"text": "", "theme": "busy"}),
                ("action/add", {"text": "x", "theme": "resume"}),
                ("material/add", {"name": "resume", "version": "v1"}),
                ("material/add", {"name": "resume", "version": "v4", "sha256": "nothex"}),
                ("ask", {"org": "Acme", "kind": "chat", "materials": ["resume@v77"]}),
                ("ask", {"org": "Acme", "kind": "chat", "materials": ["cv"]}),
                ("ask", {"org": "Wholesale", "kind": "application", "note": "relocation needed"}),
                ("edit", {"id": last, "materials": "resume@v99"}),
                ("strategy/focus", {"location": "relocation"}),
                ("strategy/rule-out", {"role": "data analyst"}),
                ("strategy/drop", {"role": "astronaut"}),
                ("strategy/phase", {"text": "explore"}),
                ("strategy/story", {"text": ""}),
                ("strategy/salary-floor", {"amount": -1}),
                ("close", {"offer": last}),
                ("close", {"offer": last - 3}),
                ("close", {"undo": True}),
                ("delete", {"id": 99999}),
                ("import", {"content": "{\"hello\": 1}", "file_name": "x.json"}),
                ("import", {"content": "{\"format\": 1, \"asks\": [], \"materials\": []}",
                            "file_name": "b.json"}),
                ("import", {"content": "{\"format\": 1, \"asks\": [1]", "file_name": "b.json"}),
                ("import", {"content": "Company,Employer,Date\nA,B,2026-11-01\n",
                            "file_name": "t.csv"}),
                ("import", {"content": "Date,Status\n2026-11-01,Applied\n", "file_name": "t.csv"}),
                ("import", {"content": "Company,Date,Status\nA,2026-11-01,Maybe\n",
                            "file_name": "t.csv"}),
                ("import", {"content": "Company,Date,Source\nA,2026-11-01,Pigeon\n",
                            "file_name": "t.csv"}),
                ("import", {"content": "Company,Date\nA,2026-13-45\nB,2026-11-01\n",
                            "file_name": "t.csv"}),
                ("import", {"content": "Company,Date\nA,2026-11-01\n", "file_name": "t.csv",
                            "map": "Date sent"}),
                ("import", {"content": "Company,Date\nA,2026-11-01\n", "file_name": "t.csv",
                            "value": "outcome"}),
                ("import", {"content": "Company,Date\nA,2026-11-01\n", "file_name": "t.csv",
                            "value": "outcome:Maybe=no"}),
            ]
            for route, body in refusals:
                status, raw = call(server, "POST", f"/api/{route}", body)
                check_answer(f"POST /api/{route} {body}", status, raw)
            # The calendar file the page offers: text, not JSON, but the person's to read.
            status, raw = call(server, "GET", "/api/agenda.ics")
            check(status == 200 and b"BEGIN:VCALENDAR" in raw, f"agenda.ics: {status}")
            for line in raw.decode("utf-8", "replace").splitlines():
                check(not cli_words.search(line), f"agenda.ics names a CLI command: {line!r}")
            for route, body in [
                    ("strategy/focus", {}), ("strategy/rule-out", {}), ("strategy/drop", {}),
                    ("strategy/salary-floor", {}),
                    ("import", {"content": "{\"format\": 1, \"asks\": [], \"materials\": []}",
                                "file_name": "b.json", "map": "Company=org"}),
                    ("import", {"content": "Company,Date\nA,2026-11-01\n", "file_name": "t.csv",
                                "map": "Company=colour"}),
                    ("import", {"content": "Company,Date\nA,2026-11-01\n", "file_name": "t.csv",
                                "map": "Firm=org"}),
                    ("import", {"content": "Company,Date\nA,2026-11-01\n", "file_name": "t.csv",
                                "value": "colour:x=y"}),
                    ("import", {"content": "Company,Date,Status\nA,2026-11-01,no\n",
                                "file_name": "t.csv", "value": "outcome:Maybe=perhaps"}),
                    ("import", {"content": "Company,Date,Remote\nA,2026-11-01,sometimes\n",
                                "file_name": "t.csv"}),
                    ("import", {"content": "Company,Date,Status\nA,2026-11-01,Maybe\n"
                                           "B,2026-11-02,no\n",
                                "file_name": "t.csv", "skip_bad": True, "dry_run": True}),
                    ("import", {"content": "", "file_name": "t.csv"})]:
                status, raw = call(server, "POST", f"/api/{route}", body)
                check_answer(f"POST /api/{route} {body}", status, raw)
            # A backup of this ledger, previewed into an empty one.
            backup = call(server, "GET", "/api/export")[1].decode()
            with Server(args.keel, os.path.join(tmp, "fresh.db"), env) as fresh:
                status, raw = call(fresh, "POST", "/api/import", {
                    "content": backup, "file_name": "keel-backup.json", "dry_run": True})
                check_answer("POST /api/import of a backup, into an empty ledger", status, raw,
                             want_ok=True)
            for route in ["list?org=Nowhere%20Ltd", "list?org=Acm",
                          "compare?a=resume@v1&b=resume@v9", "compare?a=resume@v1&b=resume@v1",
                          "compare?a=resume&b=cv@v1", "show?id=99999", "stats?by=colour"]:
                status, raw = call(server, "GET", f"/api/{route}")
                check_answer(f"GET /api/{route}", status, raw)
        finally:
            server.stop()

    if check.failures:
        print(f"{len(check.failures)} check(s) failed", file=sys.stderr)
        return 1
    print(f"texts_test: {checked[0]} answers, {checked[1]} strings, none names a CLI command or flag")
    return 0


if __name__ == "__main__":
    sys.exit(main())
