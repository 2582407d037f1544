#!/usr/bin/python3
"""Reads keel's .ics events with two independent parsers and checks what they say.

Usage: check_events.py FILE [--same-as FILE2] [--expect "UID=YYYY-MM-DD HH:MM"]...

Both parsers are Debian packages, not keel's code: python3-icalendar and python3-vobject (run with
/usr/bin/python3). The raw bytes are first checked as parse_ics.py checks them (CRLF, folds at 75
octets). Then every VEVENT must parse in both, with UID, DTSTAMP, DTSTART, DTEND and SUMMARY; the
two parsers must agree on each event's UID, start, end and summary; a timed event must be in UTC
and end after it starts; an all-day event must last one day.

Prints one line per event, in file order: UID, the start as local wall time in the zone $TZ
names (converted by Python's zoneinfo, not by keel) or the date for an all-day event, and the
SUMMARY. --expect UID=LOCAL fails unless that event starts at that local time; --same-as FILE2
fails unless FILE2 holds the same events (the UIDs stay stable from one run to the next).
Exits 1 with a message on stderr when a check fails.
"""
import datetime
import os
import sys
import zoneinfo

import icalendar
import vobject

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from parse_ics import check_lines, fail  # noqa: E402


def read(path):
    return sys.stdin.buffer.read() if path == "-" else open(path, "rb").read()


def with_icalendar(data):
    calendar = icalendar.Calendar.from_ical(data)
    events = []
    for e in calendar.walk("VEVENT"):
        for prop in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"):
            if prop not in e:
                fail(f"icalendar: a VEVENT has no {prop}")
        events.append((str(e["UID"]), e.decoded("DTSTART"), e.decoded("DTEND"), str(e["SUMMARY"])))
    return events


def with_vobject(data):
    calendar = vobject.readOne(data.decode("utf-8"))
    events = []
    for e in getattr(calendar, "vevent_list", []):
        events.append((e.uid.value, e.dtstart.value, e.dtend.value, e.summary.value))
    return events


def check(path):
    data = read(path)
    check_lines(data)
    try:
        ours = with_icalendar(data)
    except ValueError as e:
        fail(f"icalendar cannot read {path}: {e}")
    try:
        theirs = with_vobject(data)
    except Exception as e:  # vobject raises its own ParseError and friends
        fail(f"vobject cannot read {path}: {e}")
    if ours != theirs:
        fail(f"the two parsers disagree:\n  icalendar {ours}\n  vobject   {theirs}")
    uids = [e[0] for e in ours]
    if len(set(uids)) != len(uids):
        fail(f"a UID appears twice: {uids}")
    for uid, start, end, _ in ours:
        if isinstance(start, datetime.datetime):
            if start.utcoffset() != datetime.timedelta(0) or end.utcoffset() != datetime.timedelta(0):
                fail(f"{uid}: a timed event not in UTC")
            if end <= start:
                fail(f"{uid}: ends before it starts")
        elif end - start != datetime.timedelta(days=1):
            fail(f"{uid}: an all-day event of {end - start}")
    return ours


def local(start):
    if not isinstance(start, datetime.datetime):
        return f"{start.isoformat()} (all day)"
    zone = zoneinfo.ZoneInfo(os.environ.get("TZ", "UTC"))
    return start.astimezone(zone).strftime("%Y-%m-%d %H:%M %Z")


def main(argv):
    args = argv[1:]
    same_as, expects, files = None, {}, []
    while args:
        a = args.pop(0)
        if a == "--same-as":
            same_as = args.pop(0)
        elif a == "--expect":
            uid, _, when = args.pop(0).partition("=")
            expects[uid] = when
        else:
            files.append(a)
    if len(files) != 1:
        fail("usage: check_events.py FILE [--same-as FILE2] [--expect UID=LOCAL]...")
    events = check(files[0])
    for uid, start, end, summary in events:
        print(f"{uid}  {local(start)}  {summary}")
    for uid, when in expects.items():
        found = [local(s)[: len(when)] for u, s, _, _ in events if u == uid]
        if found != [when]:
            fail(f"{uid} starts at {found or 'nothing'}, expected {when}")
    if same_as is not None and check(same_as) != events:
        fail(f"{same_as} holds other events than {files[0]}")
    print(f"{len(events)} event{'' if len(events) == 1 else 's'}, read alike by icalendar and vobject")


if __name__ == "__main__":
    main(sys.argv)
