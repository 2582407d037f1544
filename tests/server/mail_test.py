#!/usr/bin/env python3
"""The practice's mail through a real SMTP server (Debian's python3-aiosmtpd, started here on a
free port): lessons on their days, exactly once and in order; two overlapping delivery runs; a
relay that says "later" (4xx), one that refuses (5xx) and one that drops the connection
mid-message; a three-day outage; one-click
unsubscribe by POST only; the seeker told of an answer and the coach warned 4 h before a
question falls due. Time is walked with $KEEL_NOW; `keel deliver` is the delivery run (and
`keel serve --accounts --smtp` runs it too, checked once).

Usage: mail_test.py --keel PATH [--pg CONNINFO|@FILE]
"""
import asyncio
import email
import email.policy
import email.utils
import http.client
import json
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time

from aiosmtpd.controller import Controller

from accounts_test import Client
from keel_server import Checks, Server, parse_args, test_db, test_env

PASSWORD = "wintergreen-mud-lamp"
COURSE = "resume-course"


class Relay:
    """An SMTP relay that keeps every message it accepted. `later` (addresses answered 451 at RCPT),
    `refuse` (550 at RCPT) and `delay` (seconds before accepting the data) set how it behaves."""

    def __init__(self):
        self.messages, self.rcpt_tries = [], {}
        self.later, self.refuse, self.drop, self.delay = set(), set(), set(), 0.0
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        with self.lock:
            self.rcpt_tries[address] = self.rcpt_tries.get(address, 0) + 1
        if address in self.refuse:
            return "550 5.1.1 no such mailbox here"
        if address in self.later:
            return "451 4.3.0 mailbox busy, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if any(r in self.drop for r in envelope.rcpt_tos):
            # The relay goes away with the whole message read and no answer given.
            server.transport.close()
            return "421 4.3.0 closing"
        if self.delay:
            await asyncio.sleep(self.delay)
        msg = email.message_from_bytes(envelope.original_content or envelope.content,
                                       policy=email.policy.default)
        with self.lock:
            self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), msg))
        return "250 Message accepted for delivery"

    def to(self, address):
        with self.lock:
            return [m for _, rcpt, m in self.messages if address in rcpt]


def main() -> int:
    args = parse_args()
    check = Checks()
    relay = Relay()
    # aiosmtpd checks its server by connecting to the port it was given, so it needs a real one.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        smtp_port = probe.getsockname()[1]
    controller = Controller(relay, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    smtp = f"smtp://127.0.0.1:{smtp_port}"
    try:
        with tempfile.TemporaryDirectory() as tmp:
            run(args, check, relay, smtp, tmp)
    finally:
        controller.stop()
    if check.failures:
        print(f"{len(check.failures)} check(s) failed", file=sys.stderr)
        return 1
    print("mail: every check passed")
    return 0


def run(args, check, relay, smtp, tmp):
    db = test_db(args, tmp, "mail_test")
    env = test_env(tmp)
    public = "https://coach.example"
    people = (("ana@example.com", "seeker"), ("ben@example.com", "seeker"), ("eve@example.com", "seeker"),
              ("bounce@example.com", "seeker"), ("slow@example.com", "seeker"),
              ("sam@practice.example", "coach"))
    for address, role in people:
        r = subprocess.run([args.keel, "--db", db, "user", "add", address, "--role", role, "--password-stdin"],
                           input=PASSWORD + "\n", env=env, capture_output=True, text=True, timeout=60)
        if r.returncode != 0:
            raise SystemExit(f"user add {address}: {r.stderr}")

    def at(now):
        return dict(env, KEEL_NOW=now)

    def deliver(now, *extra):
        return subprocess.run([args.keel, "--db", db, "deliver", "--smtp", smtp, "--mail-from",
                               "coach@practice.example", "--public-url", public, *extra],
                              env=at(now), capture_output=True, text=True, timeout=120)

    def signed(server, address):
        c = Client(server)
        check(c.login(address, PASSWORD)[0] == 200, f"{address} signs in")
        return c

    def lesson_days(address):
        days = []
        for m in relay.to(address):
            found = re.search(r", day (\d+): ", str(m["Subject"]))
            if found:
                days.append(int(found.group(1)))
        return days

    # Bad input: one line, exit 1, nothing sent.
    for argv, words in ((["--smtp", "http://relay.example", "--mail-from", "coach@practice.example"], "not an SMTP URL"),
                        (["--smtp", smtp, "--mail-from", "nobody"], "--mail-from"),):
        full = [args.keel, "--db", db, "deliver", "--public-url", public, *argv]
        r = subprocess.run(full, env=at("2026-12-01T08:00:00Z"), capture_output=True, text=True, timeout=60)
        check(r.returncode == 1 and words in r.stderr and r.stderr.count("\n") == 1,
              f"deliver {argv}: one line naming {words!r}: {r.returncode} {r.stderr!r}")

    # Day 1, 08:00: ana, eve and bounce enrol in the free course; ana shares with sam and asks.
    with Server(args.keel, db, at("2026-12-01T08:00:00Z"), "--accounts") as server:
        for address in ("ana@example.com", "eve@example.com", "bounce@example.com", "slow@example.com"):
            c = signed(server, address)
            status, _, raw = c.request("POST", "/api/enrolments", {"program": COURSE})
            check(status == 200, f"{address} enrols: {status} {raw[:200]!r}")
        ana = signed(server, "ana@example.com")
        check(ana.request("POST", "/api/grants", {"coach_email": "sam@practice.example"})[0] == 200, "ana shares with sam")
        status, _, raw = ana.request("POST", "/api/questions", {"text": "Should my resume lead with the **project** or the job?"})
        check(status == 200, f"ana asks: {status} {raw[:200]!r}")
        question = json.loads(raw)["id"] if status == 200 else 0

    # The server's own delivery run (--smtp) sends day 1 at once; bounce@ is refused (5xx).
    relay.refuse.add("bounce@example.com")
    with Server(args.keel, db, at("2026-12-01T08:00:00Z"), "--accounts", "--smtp", smtp,
                "--mail-from", "coach@practice.example", "--public-url", public) as server:
        deadline = time.time() + 20
        while time.time() < deadline and len(relay.to("ana@example.com")) < 1:
            time.sleep(0.1)
        server.stop()
        err = server.process.stderr.read()
    check(lesson_days("ana@example.com") == [1], f"the server sent ana day 1: {lesson_days('ana@example.com')} {err!r}")
    check("keel: mail: sent" in err, f"the server says what it sent: {err!r}")
    check("bounce@example.com" in err and "for good" in err, f"and that bounce@ was refused for good: {err!r}")

    # The message itself.
    day1 = relay.to("ana@example.com")[0]
    check(day1["Message-ID"] and re.fullmatch(r"<keel\.\d+\.[0-9a-f]+@practice\.example>", str(day1["Message-ID"])),
          f"Message-ID: {day1['Message-ID']!r}")
    sent_at = email.utils.parsedate_to_datetime(str(day1["Date"]))
    check(sent_at.isoformat() == "2026-12-01T08:00:00+00:00", f"Date is the run's clock: {day1['Date']!r}")
    check(str(day1["From"]) == "keel <coach@practice.example>", f"From: {day1['From']!r}")
    check(str(day1["List-Unsubscribe-Post"]) == "List-Unsubscribe=One-Click", f"List-Unsubscribe-Post: {day1['List-Unsubscribe-Post']!r}")
    unsub = re.fullmatch(r"<(https://coach\.example/unsubscribe/[0-9a-f]{64})>", str(day1["List-Unsubscribe"]))
    check(unsub is not None, f"List-Unsubscribe: {day1['List-Unsubscribe']!r}")
    plain, html = day1.get_body(("plain",)), day1.get_body(("html",))
    check(plain is not None and html is not None, f"a plain-text and an HTML part: {[p.get_content_type() for p in day1.walk()]}")
    if plain is not None and html is not None:
        text, markup = plain.get_content(), html.get_content()
        title = re.search(r"day 1: (.*)", str(day1["Subject"])).group(1)
        check(text.startswith(f"# {title}") and "Day 1 of" in text, f"the plain part is the lesson: {text[:120]!r}")
        check(f"<h1>{title}</h1>" in markup and "<img" not in markup and "<script" not in markup,
              f"the HTML part, with nothing fetched when opened: {markup[:200]!r}")
        check("/unsubscribe/" in text, "the plain part says how to stop the lessons")

    # Day 1 again: nothing twice; bounce@ was refused once and is undeliverable.
    r = deliver("2026-12-01T09:00:00Z")
    check(r.returncode == 0 and r.stdout.startswith("sent 0 messages"), f"a second run on day 1 sends nothing: {r.stdout!r} {r.stderr!r}")
    check(lesson_days("ana@example.com") == [1], "day 1 arrived once")
    check(relay.to("bounce@example.com") == [] and relay.rcpt_tries.get("bounce@example.com") == 1,
          f"bounce@ tried once: {relay.rcpt_tries.get('bounce@example.com')}")

    # Day 2: two runs at once (the relay takes a second per message) send each message once.
    relay.delay = 1.0
    runs = [subprocess.Popen([args.keel, "--db", db, "deliver", "--smtp", smtp, "--mail-from", "coach@practice.example",
                              "--public-url", public], env=at("2026-12-02T08:00:00Z"), stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=120) for p in runs]
    relay.delay = 0.0
    check(all(p.returncode == 0 for p in runs), f"both runs finish: {outs}")
    check(lesson_days("ana@example.com") == [1, 2], f"overlapping runs sent day 2 once: {lesson_days('ana@example.com')} {outs}")
    check(lesson_days("eve@example.com") == [1, 2], f"eve's too: {lesson_days('eve@example.com')}")
    check(relay.rcpt_tries.get("bounce@example.com") == 1, f"bounce@ was tried once, then marked undeliverable: {relay.rcpt_tries.get('bounce@example.com')}")
    check(lesson_days("slow@example.com") == [1, 2], f"slow@'s first two: {lesson_days('slow@example.com')}")
    # ana's question, asked on day 1 at 08:00, was open at its due time: sam is told it is late.
    late = relay.to("sam@practice.example")
    check(len(late) == 1 and "ana@example.com is past the 24-hour promise" in str(late[0]["Subject"]),
          f"sam warned of ana's late question: {[str(m['Subject']) for m in late]}")

    # eve: a GET of the link (what link scanners do) changes nothing; a POST from another site is
    # refused; the one-click POST stops the rest.
    eve_link = None
    for m in relay.to("eve@example.com"):
        found = re.fullmatch(r"<https://coach\.example(/unsubscribe/[0-9a-f]{64})>", str(m["List-Unsubscribe"]))
        eve_link = found.group(1) if found else eve_link
    with Server(args.keel, db, at("2026-12-02T09:00:00Z"), "--accounts") as server:
        def hit(method, where, body=None, headers=None):
            c = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
            h = {"Host": server.host, **(headers or {})}
            if body is not None:
                h["Content-Type"] = "application/x-www-form-urlencoded"
            c.request(method, where, body=body, headers=h)
            resp = c.getresponse()
            return resp.status, resp.read().decode()
        status, page = hit("GET", eve_link or "/unsubscribe/none")
        check(status == 200 and "Unsubscribe?" in page and 'method="post"' in page and "resume that gets read" in page,
              f"the GET shows what it would stop, and a button: {status} {page[:300]!r}")
        status, page = hit("POST", eve_link or "/unsubscribe/none", "List-Unsubscribe=One-Click",
                           {"Origin": "https://evil.example"})
        check(status == 403, f"a form posted from another site is refused: {status}")
        status, page = hit("GET", "/unsubscribe/" + "0" * 64)
        check(status == 404, f"an unknown link: {status}")
        status, page = hit("POST", eve_link or "/unsubscribe/none", "List-Unsubscribe=One-Click")
        check(status == 200 and "Done" in page, f"the one-click POST: {status} {page[:300]!r}")
        status, page = hit("GET", eve_link or "/unsubscribe/none")
        check(status == 200 and "Stopped since 2026-12-02T09:00:00Z" in page, f"the GET afterwards: {status} {page[:300]!r}")
        # Digests, opted into on the page: ana's reminders, sam's roster. ana has an ask from
        # November that has heard nothing: a follow-up is due.
        ana = signed(server, "ana@example.com")
        status, _, raw = ana.request("POST", "/api/digest", {"on": True})
        check(status == 200 and json.loads(raw) == {"list": "reminders", "on": True}, f"ana opts in: {status} {raw!r}")
        status, _, raw = ana.request("POST", "/api/digest", {"on": "yes"})
        check(status == 400 and json.loads(raw).get("field") == "on", f"a digest is on or off: {status} {raw!r}")
        status, _, raw = ana.request("POST", "/api/ask", {"org": "Initech", "kind": "chat", "on": "2026-11-18"})
        check(status == 200, f"ana's November ask: {status} {raw[:200]!r}")
        sam_d = signed(server, "sam@practice.example")
        status, _, raw = sam_d.request("POST", "/api/digest", {"on": True})
        check(status == 200 and json.loads(raw) == {"list": "roster-digest", "on": True}, f"sam opts in: {status} {raw!r}")
        # sam answers ana's question: ana hears of it.
        sam = signed(server, "sam@practice.example")
        status, _, raw = sam.request("POST", f"/api/questions/{question}/answers", {"text": "Lead with the project: it is the proof."})
        check(status == 200, f"sam answers: {status} {raw[:200]!r}")

    # From day 3 the relay answers slow@ 451: tried again after 1 min (not before), and given up 24 h
    # after the first try, said so; nothing else waits for it.
    relay.later.add("slow@example.com")
    r = deliver("2026-12-03T07:00:00Z")
    check("will try #" in r.stdout and "again at 2026-12-03T07:01:00Z" in r.stdout, f"a 4xx is tried again in 1 min: {r.stdout!r}")
    tries = relay.rcpt_tries.get("slow@example.com", 0)
    deliver("2026-12-03T07:00:30Z")
    check(relay.rcpt_tries.get("slow@example.com", 0) == tries, "no retry before the backoff")
    deliver("2026-12-03T07:01:00Z")
    check(relay.rcpt_tries.get("slow@example.com", 0) == tries + 1, "retried after 1 min")

    # Days 3 to 7, a run each morning and evening: ana's course arrives whole, in order, once;
    # eve's stopped; slow@'s day 3 is given up on the 4th at 07:00.
    for day in range(3, 8):
        r = deliver(f"2026-12-0{day}T07:00:00Z") if day > 3 else r
        check(r.returncode == 0, f"day {day}: {r.stderr!r}")
        if day == 4:
            check(re.search(r"gave up on #\d+ to slow@example\.com \(.*day 3", r.stdout) is not None,
                  f"given up after 24 h of 4xx, and said: {r.stdout!r}")
        deliver(f"2026-12-0{day}T19:00:00Z")
    check(lesson_days("slow@example.com") == [1, 2], f"slow@ got nothing after the 451s: {lesson_days('slow@example.com')}")
    # What was given up is shown: keel outbox lists what waits or failed, with the relay's words.
    r = subprocess.run([args.keel, "--db", db, "outbox"], env=at("2026-12-07T20:00:00Z"), capture_output=True, text=True, timeout=60)
    failed = [line for line in r.stdout.splitlines() if " failed " in line and "slow@example.com" in line]
    check(r.returncode == 0 and failed and "given up after 24 hours" in failed[0], f"keel outbox shows the mail given up: {r.stdout!r}")
    check(any(" failed " in line and "bounce@example.com" in line and "undeliverable" not in line and "550" in line
              for line in r.stdout.splitlines()), f"and the refused one: {r.stdout!r}")
    r = subprocess.run([args.keel, "--db", db, "--json", "outbox", "--all", "--limit", "500"], env=at("2026-12-07T20:00:00Z"),
                       capture_output=True, text=True, timeout=60)
    box = json.loads(r.stdout)["outbox"] if r.returncode == 0 else []
    sent = [m for m in box if m["state"] == "sent"]
    ids = [str(msg["Message-ID"]) for _, _, msg in relay.messages]
    check(len(sent) == len(relay.messages) and len(ids) == len(set(ids)),
          f"every message the relay holds is one sent row, none twice: {len(sent)} rows, {len(relay.messages)} received, "
          f"{len(set(ids))} Message-IDs")
    check(lesson_days("ana@example.com") == [1, 2, 3, 4, 5, 6, 7], f"ana's seven lessons, in order, once: {lesson_days('ana@example.com')}")
    check(lesson_days("eve@example.com") == [1, 2], f"eve unsubscribed after day 2: {lesson_days('eve@example.com')}")
    # ana's digest each morning from the 3rd (the Initech follow-up is due), never twice a day.
    digests = [m for m in relay.to("ana@example.com") if str(m["Subject"]).startswith("keel: ")]
    days = [email.utils.parsedate_to_datetime(str(m["Date"])).date().isoformat() for m in digests]
    check(days == ["2026-12-03", "2026-12-04", "2026-12-05", "2026-12-06", "2026-12-07"],
          f"ana's digests, one a morning: {days} {[str(m['Subject']) for m in digests]}")
    if digests:
        text = digests[0].get_body(("plain",)).get_content()
        check(str(digests[0]["Subject"]) == "keel: 1 thing due today" and "**Initech**, follow up:" in text
              and "In the last 7 days you made no asks and heard no answers." in text and "/unsubscribe/" in text,
              f"the digest says what is due and the week: {text[:600]!r}")
    roster = [m for m in relay.to("sam@practice.example") if str(m["Subject"]).startswith("Your roster:")]
    roster_days = [email.utils.parsedate_to_datetime(str(m["Date"])).date().isoformat() for m in roster]
    check(len(roster_days) == len(set(roster_days)) and roster_days and roster_days[0] == "2026-12-03",
          f"sam's roster digest at most once a day, from the 3rd: {roster_days}")
    if roster:
        text = roster[0].get_body(("plain",)).get_content()
        check("ana@example.com" in text and "need" in text, f"the roster digest names the client: {text[:400]!r}")
    answered = [m for m in relay.to("ana@example.com") if "answered" in str(m["Subject"])]
    check(len(answered) == 1 and "Lead with the project" in answered[0].get_body(("plain",)).get_content(),
          f"ana was told of the answer once: {[str(m['Subject']) for m in relay.to('ana@example.com')]}")

    # A three-day outage: ben enrols on the 8th, no run on the 9th, 10th or 11th; afterwards one
    # lesson a day, oldest first, never a burst.
    with Server(args.keel, db, at("2026-12-08T08:00:00Z"), "--accounts") as server:
        ben = signed(server, "ben@example.com")
        check(ben.request("POST", "/api/enrolments", {"program": COURSE})[0] == 200, "ben enrols")
        check(ben.request("POST", "/api/grants", {"coach_email": "sam@practice.example"})[0] == 200, "ben shares with sam")
        status, _, raw = ben.request("POST", "/api/questions", {"text": "Is a gap year a problem?"})
        check(status == 200, f"ben asks: {status}")
    # The relay drops the connection mid-message: not delivered, tried again a minute later, once.
    relay.drop.add("ben@example.com")
    r = deliver("2026-12-08T08:00:00Z")
    check(lesson_days("ben@example.com") == [] and "will try" in r.stdout and "ben@example.com" in r.stdout,
          f"a dropped connection is tried again: {r.stdout!r}")
    relay.drop.clear()
    deliver("2026-12-08T08:00:30Z")
    check(lesson_days("ben@example.com") == [], "not before the minute")
    deliver("2026-12-08T08:01:00Z")
    check(lesson_days("ben@example.com") == [1], f"ben's day 1, once: {lesson_days('ben@example.com')}")
    # The coach hears of ben's question 4 h before it falls due (08:00 + 24 h), once.
    def bens():
        return [m for m in relay.to("sam@practice.example") if "ben@example.com" in str(m["Subject"])]
    deliver("2026-12-09T03:59:00Z")
    check(bens() == [], "no warning 4 h 1 min before due")
    deliver("2026-12-09T04:01:00Z")
    deliver("2026-12-09T04:02:00Z")
    warned = bens()
    check(len(warned) == 1 and "due in 3 h 59 min" in str(warned[0]["Subject"]) if warned else False,
          f"sam warned once, 3 h 59 min before due: {[str(m['Subject']) for m in warned]}")
    # (the 04:01 and 04:02 runs also sent ben's day 2, due on the 9th.) Then the outage.
    for day, expect in ((13, [1, 2, 3]), (13, [1, 2, 3]), (14, [1, 2, 3, 4]), (15, [1, 2, 3, 4, 5])):
        deliver(f"2026-12-{day}T08:00:00Z")
        check(lesson_days("ben@example.com") == expect, f"after the outage, on the {day}th: {lesson_days('ben@example.com')} (want {expect})")


if __name__ == "__main__":
    sys.exit(main())
