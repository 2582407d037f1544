#!/usr/bin/env python3
"""Programs and enrolments on a practice's server (keel serve --accounts): a seeker enrols in the
free course and reads the lessons that are due; a coach enrols a client (and nobody else) in the
strategic program; days pass ($KEEL_NOW); the seeker marks steps done, is told which are not yet
due, and catches up; nobody reaches another's enrolment.

Usage: programs_test.py --keel PATH [--pg CONNINFO|@FILE]
"""
import json
import subprocess
import sys
import tempfile

from accounts_test import Client
from keel_server import Checks, Server, parse_args, test_db, test_env

PASSWORD = "wintergreen-mud-lamp"


def main() -> int:
    args = parse_args()
    check = Checks()
    with tempfile.TemporaryDirectory() as tmp:
        db = test_db(args, tmp, "programs_test")
        env = test_env(tmp)
        for email, role in (("ana@example.com", "seeker"), ("ben@example.com", "seeker"),
                            ("sam@practice.example", "coach"), ("root@practice.example", "admin")):
            r = subprocess.run([args.keel, "--db", db, "user", "add", email, "--role", role, "--password-stdin"],
                               input=PASSWORD + "\n", env=env, capture_output=True, text=True, timeout=60)
            if r.returncode != 0:
                raise SystemExit(f"user add {email}: {r.stderr}")

        def signed(server, email):
            c = Client(server)
            check(c.login(email, PASSWORD)[0] == 200, f"{email} signs in")
            return c

        with Server(args.keel, db, dict(env, KEEL_NOW="2026-12-01T08:00:00Z"), "--accounts") as server:
            ana, ben = signed(server, "ana@example.com"), signed(server, "ben@example.com")
            sam, root = signed(server, "sam@practice.example"), signed(server, "root@practice.example")
            status, _, raw = ana.request("GET", "/api/programs")
            names = [p["name"] for p in json.loads(raw)["programs"]] if status == 200 else []
            check(names == ["strategic-search", "resume-course"], f"the programs: {status} {raw[:200]!r}")

            status, _, raw = ana.request("POST", "/api/enrolments", {"program": "strategic-search"})
            check(status == 403 and "free course" in json.loads(raw)["error"], f"a seeker on her own takes the free course only: {status} {raw!r}")
            status, _, raw = ana.request("POST", "/api/enrolments", {"program": "resume-course", "start_on": "2026-11-30"})
            check(status == 400 and json.loads(raw).get("field") == "start_on", f"no start in the past: {status} {raw!r}")
            status, _, raw = ana.request("POST", "/api/enrolments", {"program": "no-such"})
            check(status == 404 and json.loads(raw).get("field") == "program", f"an unknown program: {status} {raw!r}")
            status, _, raw = ana.request("POST", "/api/enrolments", {"program": "resume-course"})
            check(status == 200, f"ana enrols in the course: {status} {raw[:200]!r}")
            course = json.loads(raw) if status == 200 else {"id": 0, "steps": []}
            check(course.get("start_on") == "2026-12-01", f"day 1 is today: {course.get('start_on')}")
            due = [s["day"] for s in course["steps"] if s["due"]]
            check(due == [1], f"only day 1 is due: {due}")
            check(course["steps"][0]["html"].startswith("<h") or "<p>" in course["steps"][0]["html"],
                  f"day 1's lesson as HTML: {course['steps'][0]['html'][:80]!r}")
            check(all(s["html"] is None for s in course["steps"][1:]), "later lessons are not shown before their day")
            status, _, raw = ana.request("POST", "/api/enrolments", {"program": "resume-course"})
            check(status == 409, f"enrolled once: {status} {raw!r}")

            # The coach enrols a client, and only a client.
            status, _, raw = sam.request("POST", "/api/enrolments", {"program": "strategic-search", "seeker_email": "ana@example.com"})
            check(status == 404 and json.loads(raw).get("field") == "seeker_email", f"not yet a client: {status} {raw!r}")
            check(ana.request("POST", "/api/grants", {"coach_email": "sam@practice.example"})[0] == 200, "ana shares")
            status, _, raw = sam.request("POST", "/api/enrolments",
                                         {"program": "strategic-search", "seeker_email": "ana@example.com", "start_on": "2026-12-07"})
            check(status == 200 and json.loads(raw).get("start_on") == "2026-12-07", f"the coach enrols ana: {status} {raw[:200]!r}")
            status, _, raw = sam.request("POST", "/api/enrolments", {"program": "strategic-search", "seeker_email": "ben@example.com"})
            check(status == 404, f"ben is not sam's client: {status} {raw!r}")
            check(root.request("GET", "/api/programs")[0] == 404, "an admin has no programs route")
            check(ben.request("POST", f"/api/enrolments/{course['id']}/done", {"day": 1})[0] == 404, "ben cannot touch ana's")

        # Four days later: days 1-4 are due, three of them behind.
        with Server(args.keel, db, dict(env, KEEL_NOW="2026-12-04T08:00:00Z"), "--accounts") as server:
            ana = signed(server, "ana@example.com")
            status, _, raw = ana.request("GET", "/api/enrolments")
            mine = {e["program"]: e for e in json.loads(raw)["enrolments"]} if status == 200 else {}
            check(set(mine) == {"resume-course", "strategic-search"}, f"ana's enrolments: {raw[:200]!r}")
            course = mine.get("resume-course", {"id": 0, "steps": [], "behind": None})
            check([s["day"] for s in course["steps"] if s["due"]] == [1, 2, 3, 4] and course["behind"] == 3,
                  f"four due, three behind: {course.get('behind')}")
            strategic = mine.get("strategic-search", {"steps": []})
            check(not any(s["due"] for s in strategic["steps"]), "the strategic program starts on the 7th")
            status, _, raw = ana.request("POST", f"/api/enrolments/{course['id']}/done", {"day": 6})
            check(status == 400 and "not due until 2026-12-06" in json.loads(raw)["error"], f"not yet due: {status} {raw!r}")
            status, _, raw = ana.request("POST", f"/api/enrolments/{course['id']}/done", {"day": 1})
            check(status == 200 and json.loads(raw)["behind"] == 2, f"day 1 done: {status} {raw[:200]!r}")
            status, _, raw = ana.request("POST", f"/api/enrolments/{course['id']}/catch-up", {})
            caught = json.loads(raw) if status == 200 else {}
            check(status == 200 and caught.get("start_on") == "2026-12-03" and caught.get("behind") == 0,
                  f"caught up: day 2 is due today: {status} {raw[:200]!r}")
            status, _, raw = ana.request("POST", f"/api/enrolments/{course['id']}/catch-up", {})
            check(status == 400, f"nothing behind now: {status} {raw!r}")
            status, _, raw = ana.request("POST", f"/api/enrolments/{course['id']}/done", {"day": "two"})
            check(status == 400 and json.loads(raw).get("field") == "day", f"a day is a number: {status} {raw!r}")
    print(f"programs_test: {len(check.failures)} failure(s)")
    return 1 if check.failures else 0


if __name__ == "__main__":
    sys.exit(main())
