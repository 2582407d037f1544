#!/usr/bin/env python3
"""End-to-end tests of keel serve's errors and notices, and of a failed write's rollback.

- Every error is {"error": MESSAGE, "code": CODE, "field": FIELD} with the HTTP status of its code
  (invalid 400, not_found 404, conflict 409, busy 503, internal 500); FIELD names the request
  field; MESSAGE names no CLI flag and no `keel ...` command (the CLI adds those itself).
- A write's notices ("new organization 'X'", "recorded as a pivot: ...") reach the page as
  "notices", and `keel --json` prints the same bytes.
- A write that fails inside its transaction (the journal throws on a row holding invalid UTF-8,
  or a trigger refuses the journal's insert) rolls back: the next CLI write succeeds at once
  instead of finding the database locked by the server's reused connection.

Usage: errors_test.py --keel PATH
The set-up (server, CLI, checks) is keel_server.py, beside this file.
"""
import json
import os
import re
import sqlite3
import sys
import tempfile
import time

from keel_server import Checks, Keel, Server, parse_args, test_env

# A CLI command named in a text the page shows ("keel close --undo", "keel edit 3 --material").
CLI_COMMAND = re.compile(r"\bkeel (ask|yes|no|not-yet|edit|delete|undo|close|list|show|import|export|"
                         r"feedback|action|material|materials|strategy|status|agenda|patterns|"
                         r"compare|follow-up)\b")


def main() -> int:
    args = parse_args()
    check = Checks()
    failures = check.failures

    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "k.db")
        env = test_env(tmp)
        keel = Keel(args.keel, db, env)

        keel("ask", "Acme", "--kind", "application", "--on", "2026-11-01")  # #1
        keel("ask", "Globex", "--kind", "chat", "--on", "2026-11-02")  # #2
        keel("strategy", "rule-out", "--role", "sales", "--on", "2026-10-02")

        with Server(args.keel, db, env, "--threads", "4") as server:
            server.token  # read from the page before any write

            def request(method, path, body=None):
                """(status, body bytes); a POST carries the page's token."""
                r = server.request(method, path, body, token=method == "POST")
                return r.status, r.body

            def error_case(method, path, body, status, code, field, what, starts=None):
                got, raw = request(method, path, body)
                try:
                    j = json.loads(raw)
                except ValueError:
                    check(False, f"{what}: not JSON: {raw[:200]!r}")
                    return
                ok = (got == status and j.get("code") == code and j.get("field") == field
                      and isinstance(j.get("error"), str))
                check(ok, f"{what}: want {status} {code} field={field!r}, got {got} {j}")
                msg = j.get("error", "")
                check(not re.search(r"--[a-z]", msg), f"{what}: the message names a CLI flag: {msg!r}")
                check(not CLI_COMMAND.search(msg), f"{what}: the message names a CLI command: {msg!r}")
                if starts:
                    check(msg.startswith(starts), f"{what}: message {msg!r} should start {starts!r}")
                if field is None:
                    check("field" not in j, f"{what}: no field expected, got {j}")

            # Dates: every date field, a half-typed date is an error about that field, never today.
            error_case("POST", "/api/ask", {"org": "X", "kind": "chat", "on": "02/30/2026"},
                       400, "invalid", "on", "ask with a bad date", starts="'02/30/2026' is not a date")
            error_case("POST", "/api/answer", {"id": 1, "outcome": "no", "on": "2026-11-3x"},
                       400, "invalid", "on", "answer with a bad date")
            error_case("POST", "/api/answer", {"id": 1, "outcome": "no", "on": "2026-10-01"},
                       400, "invalid", "on", "reply before the ask",
                       starts="the reply (2026-10-01) is before the ask (2026-11-01); give a date of 2026-11-01")
            error_case("POST", "/api/answer", {"id": 1, "outcome": "not-yet", "until": "soonish"},
                       400, "invalid", "until", "not-yet with a bad until")
            error_case("POST", "/api/answer", {"id": 1, "outcome": "no", "until": "2026-12-01"},
                       400, "invalid", "until", "until on a no")
            error_case("POST", "/api/edit", {"id": 1, "replied_on": "bogus"},
                       400, "invalid", "replied_on", "edit with a bad reply date")
            error_case("POST", "/api/edit", {"id": 1, "on": "2026-12-01"},
                       400, "invalid", "on", "edit with a future ask date")
            error_case("POST", "/api/follow-up", {"id": 1, "on": "2026-10-01"},
                       400, "invalid", "on", "follow-up before the ask")
            error_case("GET", "/api/stats?today=2026-02-30", None, 400, "invalid", "today", "bad today")
            # Other fields.
            error_case("POST", "/api/ask", {"kind": "chat"}, 400, "invalid", "org", "ask without org")
            error_case("POST", "/api/ask", {"org": 7, "kind": "chat"}, 400, "invalid", "org", "org not text")
            error_case("POST", "/api/ask", {"org": "Acme\u001b[2J", "kind": "chat"},
                       400, "invalid", "org", "terminal escape in the org")
            error_case("POST", "/api/ask", {"org": "X", "kind": "chat", "person": "Ann\tLee"},
                       400, "invalid", "person", "tab in the person's name")
            error_case("POST", "/api/ask", {"org": "X"}, 400, "invalid", "kind", "ask without a kind")
            error_case("POST", "/api/ask", {"org": "X", "kind": "chats"}, 400, "invalid", "kind", "unknown kind")
            error_case("POST", "/api/ask", {"org": "X", "kind": "chat", "channel": "emial"},
                       400, "invalid", "channel", "unknown channel")
            error_case("POST", "/api/ask", {"org": "X", "kind": "chat", "salary": -5},
                       400, "invalid", "salary", "negative salary")
            error_case("POST", "/api/ask", {"org": "X", "kind": "chat", "remote": "sometimes"},
                       400, "invalid", "remote", "unknown remote")
            error_case("POST", "/api/answer", {"id": 1, "outcome": "maybe"},
                       400, "invalid", "outcome", "unknown outcome")
            error_case("POST", "/api/answer", {"id": 1, "outcome": "no", "reason": "busy", "theme": "zzz"},
                       400, "invalid", "theme", "unknown theme")
            error_case("POST", "/api/answer", {"id": 1, "outcome": "no", "theme": "busy"},
                       400, "invalid", "theme", "a theme without a reason")
            error_case("POST", "/api/answer", {"id": -1, "outcome": "no"}, 400, "invalid", "id", "negative id")
            error_case("GET", "/api/show?id=abc", None, 400, "invalid", "id", "id not a number")
            error_case("GET", "/api/stats?by=colour", None, 400, "invalid", "by", "unknown grouping")
            # Not found: from the code, not the words.
            error_case("POST", "/api/answer", {"id": 99999, "outcome": "no"},
                       404, "not_found", "id", "answer to an unknown ask")
            error_case("GET", "/api/show?id=99999", None, 404, "not_found", "id", "show an unknown ask")
            error_case("POST", "/api/delete", {"id": 99999}, 404, "not_found", "id", "delete an unknown ask")
            error_case("GET", "/api/nothing", None, 404, "not_found", None, "unknown route")
            # Conflicts: a deal-breaker, a name like an existing one.
            error_case("POST", "/api/ask", {"org": "Initech", "kind": "application", "role": "sales"},
                       409, "conflict", "despite", "deal-breaker guard",
                       starts="On 2026-10-02 you ruled out role 'sales'; to go ahead anyway, add a reason")
            error_case("POST", "/api/ask", {"org": "Globex Inc", "kind": "chat"},
                       409, "conflict", "new_org", "a name like an existing organization")

            # Notices reach the page, and --json prints the same bytes.
            status, raw = request("POST", "/api/ask", {"org": "Initech", "kind": "application",
                                                       "role": "sales", "despite": "the team is great",
                                                       "on": "2026-11-20"})
            j = json.loads(raw) if status == 200 else {}
            check(status == 200 and j.get("notices") == ["new organization 'Initech'",
                                                         "recorded as a pivot: the team is great"],
                  f"ask despite a deal-breaker carries its notices: {status} {raw[:300]!r}")
            cli = keel("--json", "ask", "Hooli", "--kind", "chat", "--on", "2026-11-20").stdout
            check(json.loads(cli).get("notices") == ["new organization 'Hooli'"],
                  f"keel --json ask carries the notice: {cli!r}")
            status, raw = request("POST", "/api/ask", {"org": "Umbrella", "kind": "chat", "on": "2026-11-20"})
            cli = keel("--json", "show", str(json.loads(raw)["id"])).stdout if status == 200 else ""
            check(status == 200 and json.loads(raw).get("notices") == ["new organization 'Umbrella'"],
                  f"POST /api/ask of a new organization: {raw[:300]!r}")
            status, raw = request("POST", "/api/ask", {"org": "Umbrella", "kind": "chat", "on": "2026-11-21"})
            check(status == 200 and "notices" not in json.loads(raw), "no notices when there is nothing to say")
            human = keel("ask", "Vandelay", "--kind", "chat")
            check(human.stderr == "note: new organization 'Vandelay'\n",
                  f"the human CLI prints the notice as a note line: {human.stderr!r}")

            # Texts the page shows name no CLI command or flag; the CLI still gives the command.
            def page_text(what, text):
                check(not re.search(r"--[a-z]", text) and not CLI_COMMAND.search(text),
                      f"{what}: the page's text names a CLI command or flag: {text!r}")

            error_case("POST", "/api/feedback/add", {"id": 1, "text": "too junior"},
                       400, "invalid", None, "feedback on an ask that did not ask for it",
                       starts="ask #1 (Acme, application) did not ask for feedback")
            cli = keel("feedback", "add", "1", "too junior", check_rc=False).stderr
            check("keel no 1 --reason" in cli and cli.count("\n") == 1,
                  f"the CLI's refusal still names the command, on one line: {cli!r}")
            # A material version dated after an ask that used it: a warning among the notices.
            keel("material", "add", "resume", "v9", "--on", "2026-11-25")
            status, raw = request("POST", "/api/ask", {"org": "Acme", "kind": "chat", "on": "2026-11-20",
                                                       "materials": ["resume@v9"]})
            notices = json.loads(raw).get("notices", []) if status == 200 else []
            check(any("resume@v9" in n for n in notices), f"an early material is noticed: {raw[:300]!r}")
            for n in notices:
                page_text("early-material notice", n)
            cli = keel("ask", "Acme", "--kind", "chat", "--on", "2026-11-20", "--material", "resume@v9").stderr
            check("hint: keel edit" in cli and "--material" in cli, f"the CLI gives the command: {cli!r}")
            # Import: names like existing ones are kept apart, said in the page's words.
            csv = "Company,Contact,Date,Status\nGlobex Corp,,2026-11-03,Applied\nInitech,Bob Smyth,2026-11-03,Applied\nInitech,Bob Smith,2026-11-04,Applied\n"
            status, raw = request("POST", "/api/import", {"content": csv, "file_name": "t.csv"})
            j = json.loads(raw) if status == 200 else {}
            check(status == 200 and j.get("notices"), f"import notices near names: {status} {raw[:300]!r}")
            for n in j.get("notices", []):
                page_text("import notice", n)
            # A closed search: the notice on a new ask, the refusal to delete the offer, the status.
            offer = json.loads(keel("--json", "ask", "Hooli", "--kind", "offer", "--on", "2026-11-21").stdout)["id"]
            keel("yes", str(offer), "--on", "2026-11-22")
            keel("close", "--offer", str(offer), "--on", "2026-11-23")
            status, raw = request("POST", "/api/ask", {"org": "Acme", "kind": "chat", "on": "2026-11-24"})
            notices = json.loads(raw).get("notices", []) if status == 200 else []
            check(any("search is closed" in n for n in notices), f"the closed-search notice: {raw[:300]!r}")
            for n in notices:
                page_text("closed-search notice", n)
            error_case("POST", "/api/delete", {"id": offer}, 409, "conflict", "id",
                       "delete the offer that closed the search")
            cli = keel("delete", str(offer), "--yes", check_rc=False).stderr
            check("keel close --undo" in cli, f"the CLI says how to reopen: {cli!r}")
            status, raw = request("GET", "/api/status")
            st = json.loads(raw) if status == 200 else {}
            page_text("status next step (closed)", st.get("next_step", "?"))
            page_text("status closed line", (st.get("closed") or {}).get("message", ""))
            check("keel close --undo" in keel("status").stdout, "keel status still names the command")
            keel("close", "--undo")
            status, raw = request("GET", "/api/status")
            page_text("status next step", json.loads(raw).get("next_step", "?") if status == 200 else "?")

            # Busy: another program holds the write lock; 503 busy, and nothing is lost after.
            holder = sqlite3.connect(db, isolation_level=None, timeout=10)
            holder.execute("BEGIN EXCLUSIVE")
            try:
                error_case("POST", "/api/ask", {"org": "Acme", "kind": "chat"}, 503, "busy", None,
                           "database locked by another program")
            finally:
                holder.execute("ROLLBACK")
                holder.close()

            # A write that throws inside its transaction: an ask whose note holds invalid UTF-8
            # (written by another program), edited through the page, makes the journal's row
            # image fail to serialize. The server answers 500, and must not keep the lock.
            raw_db = sqlite3.connect(db, isolation_level=None)
            raw_db.execute("UPDATE asks SET note = CAST(X'6f6c64ff' AS TEXT) WHERE id = 2")
            raw_db.close()

            def then_cli_writes(what):
                start = time.monotonic()
                r = keel("ask", "Acme", "--kind", "chat", "--on", "2026-11-22", check_rc=False)
                took = time.monotonic() - start
                check(r.returncode == 0 and took < 1.5,
                      f"{what}: the next CLI write works at once (exit {r.returncode}, {took:.1f} s, {r.stderr!r})")

            failed_writes = 0
            for _ in range(4):  # each of the 4 workers, whichever takes the request
                status, raw = request("POST", "/api/edit", {"id": 2, "note": "fixed"})
                if status == 200:
                    break  # the journal stores such text now: no failure to provoke this way
                failed_writes += 1
                check(status == 500 and json.loads(raw).get("code") == "internal",
                      f"a write that throws is a 500 internal: {status} {raw[:200]!r}")
            print(f"errors_test: {failed_writes} write(s) threw inside their transaction")
            if failed_writes:
                then_cli_writes("after a write that threw")

            # A write refused inside its transaction by a trigger on the journal's table.
            raw_db = sqlite3.connect(db, isolation_level=None)
            raw_db.execute("CREATE TRIGGER refuse_journal BEFORE INSERT ON changes "
                           "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END")
            raw_db.close()
            for _ in range(4):
                status, raw = request("POST", "/api/ask", {"org": "Acme", "kind": "chat", "on": "2026-11-23"})
                check(status >= 400 and "error" in json.loads(raw),
                      f"a write whose journal insert is refused fails: {status} {raw[:200]!r}")
            raw_db = sqlite3.connect(db, isolation_level=None)
            raw_db.execute("DROP TRIGGER refuse_journal")
            raw_db.close()
            then_cli_writes("after a write whose journal was refused")
            status, raw = request("POST", "/api/ask", {"org": "Acme", "kind": "chat", "on": "2026-11-24"})
            check(status == 200, f"and the server writes again: {status} {raw[:200]!r}")

    if failures:
        print(f"{len(failures)} check(s) failed", file=sys.stderr)
        return 1
    print("errors_test: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
