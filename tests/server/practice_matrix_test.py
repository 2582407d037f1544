#!/usr/bin/env python3
"""Who may do what on a practice's server (keel serve --accounts): every route x every role x
seeker A's resources, each cell's status asserted.

Roles: anonymous; seeker A (the owner); seeker B; a coach A granted `read`; a coach with no grant;
a coach whose grant expired; a coach whose grant A revoked; an admin. Anything not one's own
answers 404 with the same bytes as something that does not exist, so existence does not leak.
A coach's reads of A's search are in A's audit log, and only those. Beside the practice's own
routes, every dashboard route docs/api.md lists is tried by every role, as one's own and as A's.

Usage: practice_matrix_test.py --keel PATH [--pg CONNINFO|@FILE]
"""
import json
import os
import re
import subprocess
import sys
import tempfile

from accounts_test import Client
from keel_server import Checks, Server, parse_args, test_db, test_env

PASSWORD = "wintergreen-mud-lamp"
ROLES = ["anonymous", "seeker_a", "seeker_b", "coach_granted", "coach_none", "coach_expired",
         "coach_revoked", "admin"]
EMAILS = {"seeker_a": "a@example.com", "seeker_b": "b@example.com",
          "coach_granted": "granted@practice.example", "coach_none": "none@practice.example",
          "coach_expired": "expired@practice.example", "coach_revoked": "revoked@practice.example",
          "admin": "admin@practice.example"}
A = "seeker-1"  # A's search (the first account made)

# (method, path, body) -> the status each role gets, in ROLES' order.
MATRIX = [
    (("GET", "/api/me", None),                      [401, 200, 200, 200, 200, 200, 200, 200]),
    (("GET", "/api/status", None),                  [401, 200, 200, 404, 404, 404, 404, 404]),
    (("GET", "/api/list", None),                    [401, 200, 200, 404, 404, 404, 404, 404]),
    (("POST", "/api/ask", {"org": "Initech", "kind": "chat", "on": "2026-10-21"}),
                                                    [401, 200, 200, 404, 404, 404, 404, 404]),
    (("GET", "/api/audit", None),                   [401, 200, 200, 404, 404, 404, 404, 404]),
    (("GET", "/api/grants", None),                  [401, 200, 200, 200, 200, 200, 200, 200]),
    (("GET", "/api/coach/clients", None),           [401, 404, 404, 200, 200, 200, 200, 404]),
    (("GET", f"/api/searches/{A}/stats", None),     [401, 404, 404, 200, 404, 404, 404, 404]),
    (("GET", f"/api/searches/{A}/list", None),      [401, 404, 404, 200, 404, 404, 404, 404]),
    (("POST", f"/api/searches/{A}/ask", {"org": "X", "kind": "chat"}),
                                                    [401, 404, 404, 404, 404, 404, 404, 404]),
    (("GET", "/api/searches/seeker-99/list", None), [401, 404, 404, 404, 404, 404, 404, 404]),
    # A private note needs a grant; a comment a grant of scope comment (coach_granted's is read).
    (("POST", f"/api/searches/{A}/notes", {"text": "asks steadily; talk about referrals"}),
                                                    [401, 404, 404, 200, 404, 404, 404, 404]),
    (("POST", f"/api/searches/{A}/comments", {"text": "nice steady pace"}),
                                                    [401, 404, 404, 403, 404, 404, 404, 404]),
    (("GET", f"/api/searches/{A}/notes", None),     [401, 404, 404, 200, 404, 404, 404, 404]),
    (("GET", "/api/comments", None),                [401, 200, 200, 404, 404, 404, 404, 404]),
    # Two sessions each of A and B (day 1 and day 2), one each of the others: "sessions": 9 below.
    # Questions: a seeker with a coach asks (A's is question 1, B's 2); only a coach with a grant
    # answers or asks for more, only the seeker who asked replies; an admin has no questions.
    (("POST", "/api/questions", {"text": "Should I follow up with Acme?"}),
                                                    [401, 200, 200, 403, 403, 403, 403, 404]),
    (("POST", "/api/questions/1/need-info", {"text": "Which role was it?"}),
                                                    [401, 403, 404, 200, 404, 404, 404, 404]),
    (("POST", "/api/questions/1/replies", {"text": "The analyst role"}),
                                                    [401, 200, 404, 403, 404, 404, 404, 404]),
    (("POST", "/api/questions/1/answers", {"text": "Yes: a short note this week"}),
                                                    [401, 403, 404, 200, 404, 404, 404, 404]),
    (("POST", "/api/questions/99/answers", {"text": "x"}),
                                                    [401, 404, 404, 404, 404, 404, 404, 404]),
    # Programs: the free course on one's own (A's enrolment is 1, B's 2); a coach enrols clients
    # (no email here: nobody); an enrolment is its seeker's alone; an admin has none of it.
    (("GET", "/api/programs", None),                [401, 200, 200, 200, 200, 200, 200, 404]),
    (("POST", "/api/enrolments", {"program": "resume-course"}),
                                                    [401, 200, 200, 404, 404, 404, 404, 404]),
    (("GET", "/api/enrolments", None),              [401, 200, 200, 200, 200, 200, 200, 404]),
    (("POST", "/api/enrolments/1/done", {"day": 1}),
                                                    [401, 200, 404, 404, 404, 404, 404, 404]),
    (("POST", "/api/enrolments/1/catch-up", {}),    [401, 400, 404, 404, 404, 404, 404, 404]),
    (("GET", "/api/questions", None),               [401, 200, 200, 200, 200, 200, 200, 404]),
    (("GET", "/api/questions/report", None),        [401, 200, 200, 200, 200, 200, 200, 404]),
    (("GET", "/api/sessions", None),                [401, 200, 200, 200, 200, 200, 200, 200]),
    # The daily digest by email: a seeker's reminders, a coach's roster; an admin has none.
    (("POST", "/api/digest", {"on": True}),         [401, 200, 200, 200, 200, 200, 200, 404]),
    (("GET", "/api/digest", None),                  [401, 200, 200, 200, 200, 200, 200, 404]),
    (("GET", "/api/admin/counts", None),            [401, 404, 404, 404, 404, 404, 404, 200]),
    (("POST", "/api/admin/counts", {}),             [401, 404, 404, 404, 404, 404, 404, 404]),
    (("POST", "/api/sessions/0000000000000000/revoke", {}),
                                                    [401, 404, 404, 404, 404, 404, 404, 404]),
    # Each account's own password and account: a wrong password changes and deletes nothing.
    (("POST", "/api/password", {"current": "not the password", "new": "a long new phrase here"}),
                                                    [401, 400, 400, 400, 400, 400, 400, 400]),
    (("POST", "/api/account/delete", {"password": "not the password"}),
                                                    [401, 400, 400, 400, 400, 400, 400, 400]),
    # Revoking a revoked grant again changes nothing (200 for A); it is nobody else's to touch.
    (("POST", "/api/grants/{revoked}/revoke", {}),  [401, 200, 404, 404, 404, 404, 404, 404]),
    (("POST", "/api/grants/{granted}/revoke", {}),  [401, None, 404, 404, 404, 404, 404, 404]),
]


def documented_routes():
    """The dashboard's routes, GET and POST, as docs/api.md lists them (RoutesTest.DocsApiListsEveryRoute
    holds that list to the server's route table)."""
    doc = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "docs", "api.md"),
               encoding="utf-8").read()
    reads = doc[doc.index("## Reading: `GET`"):doc.index("## Writing: `POST`")]
    writes = doc[doc.index("## Writing: `POST`"):]
    writes = writes[:writes.index("\n## ", 5)]
    names = lambda text: sorted(set(re.findall(r"^\| `/api/([a-z0-9/._-]+)", text, re.M)))  # noqa: E731
    return names(reads), names(writes)


def sweep_dashboard_routes(check, clients, gets, posts):
    """Every dashboard route x every role: the owner's own (/api/NAME) and a client's
    (/api/searches/A/NAME). A granted coach reads exactly the bytes the owner reads; everyone else
    gets the bytes of a search that does not exist."""
    signed_in = [r for r in ROLES if r != "anonymous"]
    for name in gets:
        own = clients["seeker_a"].request("GET", f"/api/{name}")
        check(own[0] in (200, 400), f"seeker_a GET /api/{name}: {own[0]} {own[2][:160]!r}")
        got = clients["seeker_b"].request("GET", f"/api/{name}")[0]
        check(got in (200, 400), f"seeker_b GET /api/{name}: {got}")
        check(clients["anonymous"].request("GET", f"/api/{name}")[0] == 401, f"anonymous GET /api/{name}")
        missing = clients["coach_granted"].request("GET", f"/api/searches/seeker-99/{name}")
        check(missing[0] == 404, f"GET /api/searches/seeker-99/{name}: {missing[0]}")
        for role in signed_in:
            if role.startswith("coach") or role == "admin":
                got = clients[role].request("GET", f"/api/{name}")[0]
                check(got == 404, f"{role} GET /api/{name}: want 404, got {got}")
            via = clients[role].request("GET", f"/api/searches/{A}/{name}")
            if role == "coach_granted":
                check(via[0] == own[0] and via[2] == own[2],
                      f"the granted coach reads /api/{name} as A does: {via[0]} {via[2][:120]!r} vs {own[2][:120]!r}")
            else:
                check(via[0] == 404 and via[2] == missing[2],
                      f"{role} GET /api/searches/{A}/{name}: want the bytes of no search, got {via[0]} {via[2][:120]!r}")
        check(clients["anonymous"].request("GET", f"/api/searches/{A}/{name}")[0] == 401,
              f"anonymous GET /api/searches/{A}/{name}")
    for name in posts:
        check(clients["anonymous"].request("POST", f"/api/{name}", {})[0] == 401, f"anonymous POST /api/{name}")
        for role in signed_in:
            if role.startswith("coach") or role == "admin":
                got = clients[role].request("POST", f"/api/{name}", {})[0]
                check(got == 404, f"{role} POST /api/{name}: want 404, got {got}")
            if name in ("notes", "comments"):
                continue
            got = clients[role].request("POST", f"/api/searches/{A}/{name}", {})[0]
            check(got == 404, f"{role} POST /api/searches/{A}/{name}: a client's search is read-only, got {got}")


def sweep_owner_writes(check, client, posts):
    """Last (the writes change the ledger): the owner reaches every write; an empty body is
    either done or refused as invalid, never unauthorized, missing or a crash."""
    for name in posts:
        got, _, raw = client.request("POST", f"/api/{name}", {})
        check(got in (200, 400), f"seeker_b POST /api/{name} {{}}: {got} {raw[:160]!r}")


def main() -> int:
    args = parse_args()
    check = Checks()
    with tempfile.TemporaryDirectory() as tmp:
        db = test_db(args, tmp, "practice_matrix")
        env = test_env(tmp)
        for role in ["seeker_a", "seeker_b", "coach_granted", "coach_none", "coach_expired",
                     "coach_revoked", "admin"]:
            kind = role.split("_")[0]
            r = subprocess.run([args.keel, "--db", db, "user", "add", EMAILS[role], "--role", kind,
                                "--password-stdin"], input=PASSWORD + "\n", env=env,
                               capture_output=True, text=True, timeout=60)
            if r.returncode != 0:
                raise SystemExit(f"user add {role}: {r.stderr}")

        grants = {}
        # Day 1: A asks once and grants three coaches; revokes one at once.
        with Server(args.keel, db, dict(env, KEEL_NOW="2026-12-01T09:00:00Z"), "--accounts") as server:
            a = Client(server)
            check(a.login(EMAILS["seeker_a"], PASSWORD)[0] == 200, "A signs in")
            check(a.request("POST", "/api/ask", {"org": "Acme", "kind": "chat", "on": "2026-11-20"})[0] == 200,
                  "A asks")
            for role, until in (("coach_granted", ""), ("coach_expired", "2026-12-01"), ("coach_revoked", "")):
                status, _, raw = a.request("POST", "/api/grants",
                                           {"coach_email": EMAILS[role], "scope": "read", "expires_on": until})
                check(status == 200, f"A grants {role}: {status} {raw[:200]!r}")
                grants[role] = json.loads(raw)["id"] if status == 200 else 0
            status, _, raw = a.request("POST", f"/api/grants/{grants['coach_revoked']}/revoke", {})
            check(status == 200 and json.loads(raw).get("state") == "revoked", f"A revokes: {status} {raw!r}")
            # B, whose last ask was a month ago, shares with the same coach: B leads the roster.
            b = Client(server)
            check(b.login(EMAILS["seeker_b"], PASSWORD)[0] == 200, "B signs in")
            check(b.request("POST", "/api/ask", {"org": "Globex", "kind": "chat", "on": "2026-10-20"})[0] == 200,
                  "B asks")
            status, _, raw = b.request("POST", "/api/grants",
                                       {"coach_email": EMAILS["coach_granted"], "scope": "comment"})
            check(status == 200 and json.loads(raw).get("scope") == "comment", f"B grants: {status} {raw!r}")

        # Day 2: coach_expired's last day has passed.
        with Server(args.keel, db, dict(env, KEEL_NOW="2026-12-02T09:00:00Z"), "--accounts") as server:
            clients = {"anonymous": Client(server)}
            for role in ROLES[1:]:
                c = Client(server)
                status = c.login(EMAILS[role], PASSWORD)[0]
                check(status == 200, f"{role} signs in: {status}")
                clients[role] = c
            for (method, path, body), statuses in MATRIX:
                path = path.replace("{revoked}", str(grants["coach_revoked"])).replace(
                    "{granted}", str(grants["coach_granted"]))
                for role, want in zip(ROLES, statuses):
                    if want is None:
                        continue
                    got, _, raw = clients[role].request(method, path, body)
                    check(got == want, f"{role} {method} {path}: want {want}, got {got} {raw[:160]!r}")

            gets, posts = documented_routes()
            check(len(gets) > 25 and len(posts) > 25, f"docs/api.md's routes: {len(gets)} GET, {len(posts)} POST")
            sweep_dashboard_routes(check, clients, gets, posts)
            _, _, raw = clients["admin"].request("GET", "/api/admin/counts")
            check(json.loads(raw) == {"seekers": 2, "coaches": 4, "admins": 1, "active_grants": 2,
                                      "sessions": 9, "notes": 1, "coach_reads": json.loads(raw).get("coach_reads")},
                  f"the admin's counts: {raw!r}")

            # Not yours and not there answer the same bytes.
            none = clients["coach_none"]
            theirs = none.request("GET", f"/api/searches/{A}/list")
            missing = none.request("GET", "/api/searches/seeker-99/list")
            check(theirs[0] == missing[0] == 404 and theirs[2] == missing[2],
                  f"not yours vs not there: {theirs[2]!r} / {missing[2]!r}")

            # The granted coach read A's ask; the roster names A; A's audit lists the reads.
            _, _, raw = clients["coach_granted"].request("GET", f"/api/searches/{A}/list")
            check(b"Acme" in raw, f"the granted coach reads A's asks: {raw[:200]!r}")
            _, _, raw = clients["coach_granted"].request("GET", "/api/coach/clients")
            roster = json.loads(raw).get("clients", [])
            check([c.get("search_id") for c in roster] == ["seeker-2", A], f"the roster's order: {roster}")
            if len(roster) == 2:
                b_flags = [f["flag"] for f in roster[0]["flags"]]
                check(b_flags == ["idle"] and roster[0]["last_ask_on"] == "2026-10-21",
                      f"B is idle: {roster[0]}")
                check(roster[1]["flags"] == [] and roster[1]["seeker"] == EMAILS["seeker_a"],
                      f"A, asking steadily, needs nothing: {roster[1]}")
            _, _, raw = clients["coach_expired"].request("GET", "/api/coach/clients")
            check(json.loads(raw).get("clients") == [], f"an expired grant's coach has no client: {raw!r}")
            _, _, raw = clients["seeker_a"].request("GET", "/api/audit")
            reads = json.loads(raw).get("reads", [])
            who = {r["coach"] for r in reads}
            check(who == {EMAILS["coach_granted"]}, f"A's audit names only the granted coach: {reads}")
            check(any(r["what"] == "list" for r in reads) and any(r["what"] == "stats" for r in reads),
                  f"A's audit lists what was read: {reads}")
            _, _, raw = clients["seeker_b"].request("GET", "/api/audit")
            b_reads = json.loads(raw).get("reads", [])
            check({(r["coach"], r["what"]) for r in b_reads} == {(EMAILS["coach_granted"], "roster")},
                  f"B's audit: the granted coach's roster reads only: {b_reads}")

            # Comments reach the seeker beside what they are about; private notes never do.
            coach = clients["coach_granted"]
            status, _, raw = coach.request("POST", "/api/searches/seeker-2/comments",
                                           {"text": "Globex went quiet: a short follow-up is fair", "about": "ask:1"})
            check(status == 200, f"a comment on B's ask: {status} {raw!r}")
            status, _, raw = coach.request("POST", "/api/searches/seeker-2/notes",
                                           {"text": "B seems discouraged; ask about pace gently"})
            check(status == 200 and json.loads(raw).get("private") is True, f"a private note: {status} {raw!r}")
            status, _, raw = coach.request("POST", "/api/searches/seeker-2/comments", {"text": "x", "about": "ask:0"})
            check(status == 400 and json.loads(raw).get("field") == "about", f"a bad about: {status} {raw!r}")
            status, _, raw = coach.request("POST", "/api/searches/seeker-2/comments", {"text": "   "})
            check(status == 400 and json.loads(raw).get("field") == "text", f"an empty comment: {status} {raw!r}")
            _, _, raw = clients["seeker_b"].request("GET", "/api/comments")
            comments = json.loads(raw).get("comments", [])
            check([(c["about"], c["text"]) for c in comments] == [("ask:1", "Globex went quiet: a short follow-up is fair")]
                  and all("private" not in c for c in comments),
                  f"B sees the comment, never the private note: {comments}")
            _, _, raw = coach.request("GET", "/api/searches/seeker-2/notes")
            notes = json.loads(raw).get("notes", [])
            check(sorted(n["private"] for n in notes) == [False, True], f"the coach sees both: {notes}")
            _, _, raw = clients["seeker_a"].request("GET", "/api/comments")
            check(json.loads(raw).get("comments") == [], f"A has no comments: {raw!r}")

            # A revokes: the coach loses access from the next request on.
            status, _, _ = clients["seeker_a"].request("POST", f"/api/grants/{grants['coach_granted']}/revoke", {})
            check(status == 200, f"A revokes the granted coach: {status}")
            status, _, _ = clients["coach_granted"].request("GET", f"/api/searches/{A}/list")
            check(status == 404, f"after revoking, the coach's next read: want 404, got {status}")
            sweep_owner_writes(check, clients["seeker_b"], posts)

    print(f"practice_matrix_test: {len(check.failures)} failure(s)")
    return 1 if check.failures else 0


if __name__ == "__main__":
    sys.exit(main())
