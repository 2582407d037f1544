#!/usr/bin/env python3
"""Checks that keel and its peers in bench/run.sh computed the same thing, so that the timings
compare like with like. Python standard library only.

    bench/compare_peers.py stats KEEL.json SQLITE.csv      # keel stats [--by kind] --json vs sqlite3
    bench/compare_peers.py silence KEEL.json SURVFIT.csv   # keel silence --json vs R survfit

Prints one JSON object: {"same": true|false, "checked": ..., "differences": [...]}; exits 1 when
they differ.
"""
import csv
import json
import math
import sys

COUNTS = ("asks", "yes", "no", "not_yet", "silent", "pending", "decided")


def stats(keel_path, sqlite_path):
    with open(keel_path, encoding="utf-8") as f:
        k = json.load(f)
    with open(sqlite_path, encoding="utf-8") as f:
        rows = {r["key"]: r for r in csv.DictReader(f)}
    groups = {"": k["total"]} if not k["by"] else {g["key"]: g for g in k["groups"]}
    diffs = []
    if set(groups) != set(rows):
        diffs.append(f"groups: keel {sorted(groups)}, sqlite3 {sorted(rows)}")
    for key in sorted(set(groups) & set(rows)):
        for field in COUNTS:
            a, b = groups[key][field], int(rows[key][field])
            if a != b:
                diffs.append(f"{key or 'total'}.{field}: keel {a}, sqlite3 {b}")
        a, b = groups[key]["yes_rate"], rows[key]["yes_rate"]
        if (a is None) != (b == "") or (a is not None and not math.isclose(a, float(b),
                                                                           rel_tol=1e-12)):
            diffs.append(f"{key or 'total'}.yes_rate: keel {a}, sqlite3 {b}")
    return {"checked": f"{len(groups)} group(s) x {len(COUNTS)} counts + yes_rate",
            "horizon": k["horizon"], "differences": diffs}


def silence(keel_path, r_path):
    with open(keel_path, encoding="utf-8") as f:
        k = json.load(f)
    with open(r_path, encoding="utf-8") as f:
        r = list(csv.DictReader(f))
    curve = k["curve"]
    diffs = []
    if len(curve) != len(r):
        diffs.append(f"steps: keel {len(curve)}, R {len(r)}")
    worst = 0.0
    for p, q in zip(curve, r):
        if (p["day"], p["at_risk"], p["replies"], p["censored"]) != (
                int(q["time"]), int(float(q["n.risk"])), int(float(q["n.event"])),
                int(float(q["n.censor"]))):
            diffs.append(f"day {p['day']}: keel {p['at_risk']}/{p['replies']}/{p['censored']}, "
                         f"R {q['time']} {q['n.risk']}/{q['n.event']}/{q['n.censor']}")
            continue
        for a, b in ((p["survival"], q["surv"]), (p["low"], q["lower"]), (p["high"], q["upper"])):
            if a is None or b == "NA":
                if not (a is None and b == "NA"):
                    diffs.append(f"day {p['day']}: keel {a}, R {b}")
                continue
            rel = abs(a - float(b)) / max(abs(float(b)), 1e-300)
            worst = max(worst, rel)
    if worst > 1e-9:
        diffs.append(f"largest relative difference in survival/low/high: {worst:.3g} (> 1e-9)")
    return {"checked": f"{len(curve)} steps: day, at risk, replies, censored, survival, low, high",
            "largest_relative_difference": worst, "open_asks_listed": len(k.get("open", [])),
            "differences": diffs}


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("stats", "silence"):
        sys.exit(__doc__)
    result = (stats if sys.argv[1] == "stats" else silence)(sys.argv[2], sys.argv[3])
    result["same"] = not result["differences"]
    result["differences"] = result["differences"][:20]
    print(json.dumps(result))
    sys.exit(0 if result["same"] else 1)


if __name__ == "__main__":
    main()
