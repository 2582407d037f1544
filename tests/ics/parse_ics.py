#!/usr/bin/python3
"""Reads an iCalendar file with an independent parser and prints its to-dos.

Usage: parse_ics.py [--description] FILE      (FILE may be - for standard input)

The parser is Debian's python3-icalendar (run with /usr/bin/python3; apt-get install
python3-icalendar), not keel's code. Before parsing, the raw bytes are checked against the
RFC 5545 rules keel promises: CRLF after every line, no line longer than 75 octets, continuation
lines starting with one space, no UTF-8 sequence split across lines. Then the calendar must parse
without errors and each VTODO must carry UID, DTSTAMP, an all-day DUE and a SUMMARY.

Prints one line per VTODO: UID, DUE (YYYY-MM-DD) and SUMMARY, separated by two spaces; with
--description, the unescaped DESCRIPTION follows, each of its lines indented by four spaces.
Exits 1 with a message on stderr when a check fails.
"""
import datetime
import sys

import icalendar


def fail(message):
    print(f"parse_ics: {message}", file=sys.stderr)
    sys.exit(1)


def check_lines(data):
    if not data.endswith(b"\r\n"):
        fail("the file does not end with CRLF")
    lines = data[:-2].split(b"\r\n")
    for number, line in enumerate(lines, 1):
        if b"\r" in line or b"\n" in line:
            fail(f"line {number}: a bare CR or LF")
        if len(line) > 75:
            fail(f"line {number}: {len(line)} octets, more than 75")
        if line.startswith(b"\t"):
            fail(f"line {number}: keel folds with a space, not a tab")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as e:
            fail(f"line {number}: not UTF-8 on its own (a character split by folding?): {e}")
    if not lines or lines[0] != b"BEGIN:VCALENDAR":
        fail("the first line is not BEGIN:VCALENDAR")


def main(argv):
    args = [a for a in argv[1:] if a != "--description"]
    with_description = len(args) != len(argv) - 1
    if len(args) != 1:
        fail("usage: parse_ics.py [--description] FILE")
    data = sys.stdin.buffer.read() if args[0] == "-" else open(args[0], "rb").read()
    check_lines(data)

    try:
        calendar = icalendar.Calendar.from_ical(data)
    except ValueError as e:
        fail(f"not an iCalendar: {e}")
    for component in calendar.walk():
        if getattr(component, "errors", None):
            fail(f"{component.name}: {component.errors}")
    for prop in ("VERSION", "PRODID"):
        if prop not in calendar:
            fail(f"the calendar has no {prop}")
    if str(calendar["VERSION"]) != "2.0":
        fail(f"VERSION is {calendar['VERSION']}, not 2.0")

    uids = set()
    for todo in calendar.walk("VTODO"):
        for prop in ("UID", "DTSTAMP", "DUE", "SUMMARY"):
            if prop not in todo:
                fail(f"a VTODO has no {prop}")
        uid = str(todo["UID"])
        if uid in uids:
            fail(f"UID {uid} appears twice")
        uids.add(uid)
        due = todo.decoded("DUE")
        if isinstance(due, datetime.datetime) or not isinstance(due, datetime.date):
            fail(f"{uid}: DUE is not an all-day date: {due!r}")
        stamp = todo.decoded("DTSTAMP")
        if not isinstance(stamp, datetime.datetime) or stamp.utcoffset() != datetime.timedelta(0):
            fail(f"{uid}: DTSTAMP is not a UTC date-time: {stamp!r}")
        print(f"{uid}  {due.isoformat()}  {todo['SUMMARY']}")
        if with_description and "DESCRIPTION" in todo:
            for line in str(todo["DESCRIPTION"]).split("\n"):
                print(f"    {line}")
    print(f"{len(uids)} to-do{'' if len(uids) == 1 else 's'}")


if __name__ == "__main__":
    main(sys.argv)
