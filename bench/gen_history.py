#!/usr/bin/env python3
"""Generates a realistic keel CSV job-search history, for benchmarks.

    bench/gen_history.py --asks 10000 --seed 1 --today 2026-11-26 -o history.csv

The output is keel's own export format (importable with `keel import`), sorted by ask date, over
about two years ending at --today. The mix follows the public logs in tests/data/real
(job-application-statistics/Merged.csv: of 177 applications ~7% led to an interview or offer,
~28% were rejected, ~65% were ghosted; first replies mostly within 1-30 days with a tail past 100):

  * kinds: mostly applications, some chats, referrals, interviews, a few others;
  * channels that fit the kind (applications through job boards, LinkedIn, company sites...);
  * about N/5 organizations with plausible names, reused with a Zipf-like skew: every one is
    asked at least once, a few are asked very often;
  * some persons (recruiters, referrers, people met for a chat);
  * reasons with commas and quotes, materials resume@v1..v4 (the version rises over time),
    follow-ups, a few not-yet answers with a date to ask again.

Deterministic for a given --seed, --asks and --today; Python standard library only. A million rows
take about ten seconds: every pool is built and CSV-quoted once, the random draws are made in bulk
(random.choices), and each row is a join of precomputed strings.

  --format taskwarrior writes the same asks as a JSON array of pending Taskwarrior tasks, for
  `task import` (bench/run.sh compares keel with Taskwarrior on the same history).
"""
import argparse
import datetime
import itertools
import math
import random
import sys

HEADER = ("asked_on,org,person,kind,channel,outcome,replied_on,reason,materials,role,note,until,"
          "follow_ups\n")
DAYS = 730  # about two years of history

# --- names -------------------------------------------------------------------------------------
# Organization names are "<first> <second>" with an optional trailing word; first words are
# distinct from second words so that no two generated names reduce to the same key (keel treats
# "Acme" and "Acme Inc" as one name when it warns about near misses).
FIRST = """Acme Northwind Globex Initech Umbrella Stark Wayne Wonka Hooli Vandelay Cyberdyne
Tyrell Soylent Aperture Black Mesa Blue Harbor Red Rock Silver Lake Granite Cedar Maple Oak Pine
Willow Birch Aspen Summit Pinnacle Apex Vertex Zenith Horizon Meridian Polaris Orion Vega Lyra
Nova Stellar Quantum Fusion Vector Matrix Cobalt Indigo Crimson Amber Jade Onyx Ivory Copper Iron
Steel Atlas Titan Helios Apollo Athena Hermes Janus Juno Minerva Neptune Pluto Saturn Mercury
Bright Clear Swift Rapid Agile Nimble Keen Bold True Prime First Next Open Grand Great Little Big
North South East West Coastal Pacific Atlantic Alpine Prairie Desert River Lake Bay Harbor Valley
Ridge Canyon Mesa Delta Sierra Cascade Evergreen Redwood Sequoia Golden Sunrise Sunset Twilight
Midnight Lantern Beacon Lighthouse Compass Anchor Keystone Cornerstone Bluebird Cardinal Falcon
Hawk Eagle Osprey Raven Heron Otter Beaver Badger Fox Wolf Bear Lynx Puma Bison Elk Moose""".split()
SECOND = """Analytics Health Systems Labs Software Robotics Energy Capital Partners Logistics
Foods Pharma Bio Therapeutics Diagnostics Media Studios Games Networks Cloud Data Security
Insurance Bank Credit Finance Ventures Consulting Advisors Solutions Technologies Dynamics
Industries Manufacturing Motors Aerospace Marine Mining Materials Chemicals Textiles Apparel
Retail Markets Grocers Kitchens Brewing Coffee Bakery Hotels Travel Airlines Rail Freight
Shipping Realty Homes Construction Engineering Architects Design Digital Interactive Mobile Apps
Payments Commerce Learning Education Academy Institute Research Clinic Hospital Care Wellness
Fitness Sports Outdoors Pets Vision Audio Sound Signal Telecom Wireless Fiber Power Solar Wind
Water Air Earth Farms Agriculture Seeds Forestry Paper Print Publishing News Radio Television
Films Pictures Records Music Arts Theater Museum Foundation Trust Charities Alliance Collective
Cooperative Guild Union Federation Council Works Foundry Forge Mill Yards Depot Exchange Hub""".split()
TRAILING = ["", "", "", "", "", "", " Inc", " LLC", ", Inc.", " Corp", " Ltd", " Co", " of America",
            " International", " Worldwide", " North America", " Europe", " & Sons", " (US)"]
CITY = """Springfield Riverton Fairview Franklin Greenville Bristol Clinton Madison Georgetown
Salem Arlington Ashland Burlington Manchester Oxford Dover Hudson Kingston Milton""".split()
GIVEN = """Maria James Wei Aisha Carlos Priya Olga Kenji Fatima Liam Sofia Noah Amara Mateo Yuki
Hana Omar Lena Diego Chloe Ravi Ines Tomasz Zara Ahmed Nora Jonas Elif Kwame Mei Pablo Sara Ivan
Leila Arjun Emma Lucas Ana Mohammed Julia Daniel Grace Samuel Alice Victor Rosa Hugo Nadia""".split()
FAMILY = """Garcia Smith Chen Khan Rossi Patel Ivanova Tanaka Okafor Murphy Silva Cohen Mensah
Lopez Nakamura Schmidt Haddad Dubois Novak Kowalski Yilmaz Nguyen Kim Park Singh Muller Jensen
O'Brien Fernandez Costa Ali Andersen Rahman Moreau Fischer Horvat Popescu Santos Weber Sato Ito
Wojcik Larsen Hansen Berg Lindqvist MacLeod Fitzgerald Abebe Osei""".split()
TITLES = """Data Analyst|Senior Data Analyst|Data Scientist|Data Scientist II|Machine Learning
Engineer|Software Engineer|Software Engineer II|Senior Software Engineer|Backend Engineer|Frontend
Developer|Full Stack Developer|DevOps Engineer|Site Reliability Engineer|Product Manager|Product
Analyst|Business Analyst|Systems Analyst II|Financial Analyst|Credit Specialist|Research
Scientist|Statistical Analyst|QA Engineer|Security Engineer|Solutions Architect|Technical Writer|UX
Designer|UX Researcher|Marketing Analyst|Operations Analyst|Project Manager|Program Manager|IT
Support Specialist|Repair Technician|Audience Analyst|Data Engineer|Analytics Engineer|Database
Administrator|Cloud Engineer|Embedded Engineer|Customer Success Manager""".replace("\n", " ")
TITLES = [t.strip() for t in TITLES.split("|")]

# Reasons people were given, as they wrote them down: commas, quotes, apostrophes.
NO_REASONS = [
    "position filled",
    "Position filled internally, thanks for applying",
    "We decided to move forward with other candidates",
    "went with a candidate with more experience, sorry",
    '"not the right fit at this time"',
    'They said "overqualified", whatever that means',
    "hiring freeze, role on hold",
    "Role cancelled (budget, reorg)",
    "Needed 5+ years of Kubernetes, I have 2",
    "no visa sponsorship",
    "salary expectations too high, they said",
    "automated rejection, 2 days later",
    "failed the take-home; feedback: \"tests were thin\"",
    "Recruiter: team's headcount moved to another site",
]
YES_REASONS = [
    "phone screen booked",
    "invited to interview, 3 rounds",
    'They said "strong profile", next: hiring manager',
    "happy to chat, Thursday 3pm",
    "will refer me, sent the form",
    "offer: base + equity, decide by Friday",
    "gave resume feedback, very kind",
]
NOT_YET_REASONS = [
    "ask again after the reorg",
    "hiring opens next quarter, reach out in January",
    'busy until launch; "ping me in a month"',
    "team freeze until Q2, keep in touch",
]
NOTES = [
    "found via alumni newsletter",
    "tailored the summary, mentioned the open-source work",
    "applied twice? check, the first one may have bounced",
    'salary band posted: "95,000-120,000"',
    "remote, US only",
    "met at the meetup, good vibe",
    "easy apply",
]

# --- distributions ------------------------------------------------------------------------------
# kind: (weight, channels with weights, outcome weights yes/no/not-yet/ghosted, has person prob)
KINDS = {
    "application": (78.0, {"job-board": 40, "linkedin": 33, "company-site": 20, "recruiter": 5,
                           "referral": 2}, (6.5, 28.5, 0.3, 64.7), 0.04),
    "chat": (6.0, {"linkedin": 45, "cold-email": 30, "event": 15, "phone": 5, "other": 5},
             (38, 12, 8, 42), 0.85),
    "referral": (5.0, {"referral": 50, "linkedin": 35, "cold-email": 15}, (35, 25, 8, 32), 0.9),
    "interview": (5.0, {"phone": 35, "company-site": 35, "recruiter": 20, "other": 10},
                  (30, 50, 2, 18), 0.6),
    "resume-review": (2.0, {"linkedin": 40, "cold-email": 30, "event": 20, "other": 10},
                      (60, 5, 5, 30), 0.9),
    "intro": (2.0, {"linkedin": 50, "cold-email": 30, "event": 20}, (40, 15, 10, 35), 0.9),
    "feedback": (1.0, {"cold-email": 50, "recruiter": 30, "phone": 20}, (45, 10, 0, 45), 0.7),
    "offer": (0.4, {"recruiter": 50, "phone": 30, "company-site": 20}, (40, 35, 15, 10), 0.8),
    "other": (0.6, {"other": 50, "event": 25, "cold-email": 25}, (25, 20, 5, 50), 0.5),
}
# Of the ghosted asks, the share the person marked silent by hand; the rest stay pending (keel
# infers silence after its horizon).
MARKED_SILENT = 0.35


def cumulative(weights):
    return list(itertools.accumulate(weights))


def quote(field):
    """RFC 4180 quoting, only when needed (as keel writes it)."""
    if any(c in field for c in ',"\r\n') or field[:1] == " " or field[-1:] == " ":
        return '"' + field.replace('"', '""') + '"'
    return field


def org_names(count, rng):
    """`count` distinct, realistic organization names (CSV-quoted)."""
    bases = [f"{a} {b}" for a in FIRST for b in SECOND]  # ~23k distinct two-word bases
    rng.shuffle(bases)
    names = []
    seen = set()
    # Beyond the two-word bases, add a city ("Summit Health Springfield"), then a number.
    tiers = [""] + CITY
    for tier in tiers:
        for base in bases:
            name = f"{base} {tier}" if tier else base
            trailing = TRAILING[len(names) % len(TRAILING)]
            full = name + trailing
            key = name.lower()
            if key in seen:
                continue
            seen.add(key)
            names.append(full)
            if len(names) == count:
                return [quote(n) for n in names]
    n = 2
    while len(names) < count:
        for base in bases:
            name = f"{base} {n}"
            if name.lower() in seen:  # a base the word lists make twice
                continue
            seen.add(name.lower())
            names.append(name)
            if len(names) == count:
                break
        n += 1
    return [quote(n) for n in names]


def person_names(count, rng):
    combos = [f"{g} {f}" for g in GIVEN for f in FAMILY]
    rng.shuffle(combos)
    out = combos[:count]
    i = 0
    while len(out) < count:  # middle initials for very large pools
        g, f = combos[i % len(combos)].split(" ", 1)
        out.append(f"{g} {chr(65 + (i // len(combos)) % 26)}. {f}")
        i += 1
    return [quote(p) for p in out]


def zipf_cum(count, exponent=1.0, shift=3.0):
    """Cumulative Zipf-Mandelbrot weights 1/(k+shift)^exponent for k = 1..count."""
    return cumulative(1.0 / (k + shift) ** exponent for k in range(1, count + 1))


def generate(asks, seed, today, out, orgs_per_ask=0.2):
    rng = random.Random(seed)
    rnd = rng.random
    choices = rng.choices
    day0 = today - datetime.timedelta(days=DAYS)
    # ISO strings for every day from the first ask to a year past today (for until dates).
    iso = [(day0 + datetime.timedelta(days=d)).isoformat() for d in range(DAYS + 400)]

    n_orgs = max(1, min(asks, round(asks * orgs_per_ask)))
    orgs = org_names(n_orgs, rng)
    n_people = max(1, asks // 20)
    people = person_names(n_people, rng)
    # Every organization is asked at least once; the remaining asks go to a Zipf-like skew.
    rng.shuffle(orgs)  # the popular ones are not the first in the name order
    org_of_ask = list(range(min(asks, n_orgs)))
    org_of_ask += choices(range(n_orgs), cum_weights=zipf_cum(n_orgs, 0.9, 5.0),
                          k=asks - len(org_of_ask))
    rng.shuffle(org_of_ask)
    person_of_ask = choices(people, cum_weights=zipf_cum(n_people, 0.8, 2.0), k=asks)

    # Ask dates: the pace rises a little over the two years, weekends are quiet.
    day_weights = []
    for d in range(DAYS + 1):
        weekday = (day0 + datetime.timedelta(days=d)).weekday()
        day_weights.append((0.6 + 0.8 * d / DAYS) * (0.25 if weekday >= 5 else 1.0))
    asked_days = sorted(choices(range(DAYS + 1), cum_weights=cumulative(day_weights), k=asks))

    # One draw per ask from the joint table kind x channel x outcome.
    joint, joint_weights = [], []
    for kind, (kind_weight, channels, outcomes, person_p) in KINDS.items():
        channel_total = sum(channels.values())
        outcome_total = sum(outcomes)
        for channel, channel_weight in channels.items():
            for outcome, outcome_weight in zip(("yes", "no", "not-yet", "ghosted"), outcomes):
                if outcome_weight == 0:
                    continue
                joint.append((kind, channel, outcome, person_p))
                joint_weights.append(kind_weight * channel_weight / channel_total *
                                     outcome_weight / outcome_total)
    profiles = choices(joint, cum_weights=cumulative(joint_weights), k=asks)

    # Reply delay in days, a mix of two log-normals as in Merged.csv: quick answers (often automated
    # rejections, median 2 days) and considered ones (median 3 weeks), with a tail of months.
    # Merged.csv: 25% within 2 days, median 3, 75% within 21, 90% within 74, the longest 159.
    def lognormal_cdf(x, median, sigma):
        return 0.5 * (1 + math.erf(math.log(x / median) / (sigma * math.sqrt(2)))) if x > 0 else 0.0

    max_delay = 200
    delay_cum = [0.6 * lognormal_cdf(d + 1, 2.0, 0.9) + 0.4 * lognormal_cdf(d + 1, 25.0, 1.0)
                 for d in range(max_delay + 1)]
    delays = choices(range(max_delay + 1), cum_weights=delay_cum, k=asks)

    titles = [quote(t) for t in TITLES]
    no_reasons = [quote(r) for r in NO_REASONS]
    yes_reasons = [quote(r) for r in YES_REASONS]
    not_yet_reasons = [quote(r) for r in NOT_YET_REASONS]
    notes = [quote(n) for n in NOTES]
    n_titles, n_no, n_yes, n_not_yet, n_notes = (len(titles), len(no_reasons), len(yes_reasons),
                                                 len(not_yet_reasons), len(notes))
    # The resume improves over time: v1 early, v4 in the last months.
    resume = [f"resume@v{1 + min(3, d * 4 // (DAYS + 1))}" for d in range(DAYS + 1)]
    # keel exports an ask's materials sorted by name; so does this, for a byte-exact round trip.
    letters = ("", "cover-letter@v1;", "cover-letter@v2;")

    write = out.write
    write(HEADER)
    buf = []
    append = buf.append
    join = ",".join
    for i in range(asks):
        d = asked_days[i]
        kind, channel, outcome, person_p = profiles[i]
        person = person_of_ask[i] if rnd() < person_p else ""
        replied = reason = until = ""
        if outcome == "ghosted":
            outcome = "silent" if rnd() < MARKED_SILENT and DAYS - d > 30 else "pending"
        else:
            r = d + delays[i]
            if r > DAYS:
                outcome = "pending"  # the answer has not come yet
            else:
                replied = iso[r]
                x = rnd()
                if outcome == "no":
                    if x < 0.45:
                        reason = no_reasons[int(x * 1e6) % n_no]
                elif outcome == "yes":
                    if x < 0.6:
                        reason = yes_reasons[int(x * 1e6) % n_yes]
                else:
                    reason = not_yet_reasons[int(x * 1e6) % n_not_yet]
                    if x < 0.7:
                        until = iso[r + 14 + int(x * 1e6) % 90]
        x = rnd()
        if kind == "application":
            role = titles[int(x * 1e6) % n_titles]
            materials = (letters[int(x * 1e3) % 3] if x < 0.3 else "") + resume[d]
        elif kind == "interview" or kind == "offer":
            role = titles[int(x * 1e6) % n_titles]
            materials = ""
        else:
            role = ""
            materials = resume[d] if kind == "resume-review" else ""
        x = rnd()
        note = notes[int(x * 1e6) % n_notes] if x < 0.05 else ""
        follow_ups = ""
        if 0.05 <= x < 0.17 and d + 13 <= DAYS:
            follow_ups = iso[d + 3 + int(x * 1e6) % 10]
            if x < 0.09 and d + 30 <= DAYS:
                follow_ups += ";" + iso[d + 20 + int(x * 1e5) % 10]
        append(join((iso[d], orgs[org_of_ask[i]], person, kind, channel, outcome, replied,
                     reason, materials, role, note, until, follow_ups)))
        if len(buf) >= 50000:
            append("")
            write("\n".join(buf))
            buf.clear()
    if buf:
        append("")
        write("\n".join(buf))


def taskwarrior_json(csv_text, out):
    """The same asks as Taskwarrior 2.6 pending tasks (a JSON array for `task import`)."""
    import csv
    import io
    import json
    tasks = []
    for row in csv.DictReader(io.StringIO(csv_text)):
        description = f"{row['kind']}: {row['org']}"
        if row["role"]:
            description += f" ({row['role']})"
        if row["person"]:
            description += f" via {row['person']}"
        task = {"status": "pending", "description": description,
                "entry": row["asked_on"].replace("-", "") + "T090000Z",
                "project": "search." + row["kind"], "tags": [row["channel"]]}
        if row["note"]:
            task["annotations"] = [{"entry": task["entry"], "description": row["note"]}]
        tasks.append(task)
    json.dump(tasks, out, separators=(",", ":"))
    out.write("\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--asks", type=int, default=10000, help="number of asks (rows)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--today", default="2026-11-26", help="the last possible date (ISO)")
    parser.add_argument("-o", "--output", default="-", help="output file (default stdout)")
    parser.add_argument("--format", choices=("keel", "taskwarrior"), default="keel",
                        help="keel CSV, or the same asks as a JSON array of pending Taskwarrior "
                             "tasks (for `task import`, to compare with Taskwarrior)")
    parser.add_argument("--orgs-per-ask", type=float, default=0.2,
                        help="distinct organizations per ask: 0.2 is one seeker's history (each "
                             "organization asked five times on average); 1 gives every ask its "
                             "own organization, as a practice's aggregate of many seekers does")
    args = parser.parse_args()
    if not 0 < args.orgs_per_ask <= 1:
        parser.error("--orgs-per-ask must be above 0 and at most 1")
    if args.asks < 1:
        parser.error("--asks must be at least 1")
    today = datetime.date.fromisoformat(args.today)
    out = sys.stdout if args.output == "-" else open(args.output, "w", encoding="utf-8",
                                                      newline="")
    try:
        if args.format == "keel":
            generate(args.asks, args.seed, today, out, args.orgs_per_ask)
        else:
            import io
            text = io.StringIO()
            generate(args.asks, args.seed, today, text, args.orgs_per_ask)
            taskwarrior_json(text.getvalue(), out)
    finally:
        if out is not sys.stdout:
            out.close()


if __name__ == "__main__":
    main()
