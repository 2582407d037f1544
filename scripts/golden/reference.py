#!/usr/bin/python3
"""Reference values for keel's statistics, from implementations independent of keel's.

Run with Debian's interpreter (/usr/bin/python3), which has statsmodels, scipy, numpy and mpmath.
Subcommands (scripts/golden/regenerate runs them in this order, with km.R between):
  inputs  write the Kaplan-Meier input CSVs and inputs/counts.tsv under tests/golden/inputs/
  values  write wilson.json, streak.json, forecast.json, ab.json under tests/golden/
  check   sanity-check the km_*.json that km.R wrote (monotone, and dataset (a) by hand)

Every floating-point parameter (q, a, b) is taken as the exact binary value of the double that a
C++ test will pass (mpf(float)), so the only difference left is the final rounding to double.
"""
import csv
import datetime as dt
import fractions
import json
import math
import pathlib
import sys

import mpmath
from mpmath import mp, mpf

mp.dps = 50
ROOT = pathlib.Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden"
INPUTS = GOLDEN / "inputs"
REAL = ROOT / "tests" / "data" / "real"
TODAY = dt.date(2026, 11, 26)


def dump(name, obj):
    """Writes JSON; Python's float repr is the shortest string that round-trips the double."""
    (GOLDEN / name).write_text(json.dumps(obj, indent=1, allow_nan=False) + "\n")
    print(f"wrote tests/golden/{name}")


def versions():
    import numpy, scipy, statsmodels
    return (f"python {sys.version.split()[0]}, statsmodels {statsmodels.__version__}, "
            f"scipy {scipy.__version__}, numpy {numpy.__version__}, mpmath {mpmath.__version__}")


# ---------------------------------------------------------------------------------------------
# inputs: Kaplan-Meier datasets as time,event CSVs
# ---------------------------------------------------------------------------------------------

HAND = {  # name -> (description, [(time, event)])
    "km_a_ties": ("hand-made: events and censorings tied at 0, 2, 3, 5 and at the last time 12",
                  [(0, 1), (0, 0), (1, 1), (2, 1), (2, 0), (3, 0), (3, 1), (3, 1), (5, 0),
                   (5, 1), (7, 1), (8, 0), (8, 0), (10, 1), (12, 1), (12, 0)]),
    "km_b_last_censored": ("hand-made: the largest time (30) is censored",
                           [(2, 1), (4, 0), (4, 1), (6, 1), (9, 0), (11, 1), (14, 1), (20, 0),
                            (21, 1), (30, 0)]),
    "km_c_last_event": ("hand-made: the largest time (15) is an event, so S drops to 0",
                        [(1, 1), (3, 0), (3, 1), (4, 1), (8, 0), (10, 1), (12, 0), (15, 1)]),
    "km_d_all_censored": ("hand-made: every observation censored, S stays 1",
                          [(3, 0), (5, 0), (5, 0), (9, 0), (40, 0)]),
    "km_e_single_event": ("a single observation, an event at day 4", [(4, 1)]),
    "km_e_single_censored": ("a single observation, censored at day 4", [(4, 0)]),
    # 23 replies by day 20, 12 asks waiting 25-40 days, then 4 late replies (45, 60, 90, 150) and
    # one ask waiting 200 days: t* = 35 (the last day with >= 10 at risk), so the late replies
    # must not move S(inf) or the learned horizon.
    "km_i_late_replies": ("hand-made: 23 replies by day 20, then 4 late replies past t* = 35 "
                          "(45, 60, 90, 150) that must not move the learned horizon",
                          [(t, 1) for t, n in [(0, 2), (1, 3), (2, 4), (3, 3), (5, 3), (7, 2),
                                               (9, 2), (12, 2), (15, 1), (20, 1)]
                           for _ in range(n)]
                          + [(t, 0) for t, n in [(25, 3), (30, 4), (35, 3), (40, 2)]
                             for _ in range(n)]
                          + [(45, 1), (60, 1), (90, 1), (150, 1), (200, 0)]),
}


def lcg_rows(count=100_000, seed=20261126):
    """Deterministic pseudo-random times 0..120 with ~35 % events (Numerical Recipes LCG, mod 2^32)."""
    x = seed
    rows = []
    for _ in range(count):
        x = (1664525 * x + 1013904223) % 2**32
        time = (x >> 8) % 121
        x = (1664525 * x + 1013904223) % 2**32
        event = 1 if (x >> 8) % 100 < 35 else 0
        rows.append((time, event))
    return rows


def mdy(s):
    m, d, y = (int(p) for p in s.strip().split("/"))
    return dt.date(y, m, d)


def derive(asks):
    """asks: (asked_on, outcome in pending/yes/no, replied_on or None) -> (rows, excluded).
    A yes/no with a reply date is an event at replied-asked; a yes/no without one is excluded;
    a pending ask is censored at today-asked (its reply date, if any, is ignored)."""
    rows, excluded = [], 0
    for asked, outcome, replied in asks:
        if outcome == "pending":
            rows.append(((TODAY - asked).days, 0))
        elif replied is not None:
            rows.append(((replied - asked).days, 1))
        else:
            excluded += 1
    return rows, excluded


def merged_asks():
    status = {"Ghosted": "pending", "Rejected": "no", "Position Removed": "no",
              "Interview": "yes", "Inter + Rejec": "yes", "Offer": "yes"}
    with open(REAL / "job-application-statistics" / "Merged.csv", newline="") as f:
        for r in csv.DictReader(f):
            reply = r["Date of 1st Response"].strip()
            yield mdy(r["Date sent"]), status[r["Response?"].strip()], mdy(reply) if reply else None


def jsdata_asks():
    skip = {"Need to apply", "Didn't apply", "Didn't apply before application closed"}
    status = {"No response to application": "pending", "Rejected": "no",
              "Declined offer": "yes", "Accepted offer": "yes"}
    with open(REAL / "job-search-eda" / "jsdata.csv", newline="") as f:
        for r in csv.DictReader(f):
            s = r["application_status"].strip()
            if s in skip:
                continue
            reply = r["date_outcome"].strip()
            yield mdy(r["date_submitted"]), status[s], mdy(reply) if reply else None


def cmd_inputs():
    INPUTS.mkdir(parents=True, exist_ok=True)
    sets = {name: (desc, rows, 0) for name, (desc, rows) in HAND.items()}
    sets["km_f_lcg100k"] = ("100000 pseudo-random observations, times 0..120, ~35 % events "
                            "(scripts/golden/reference.py lcg_rows, seed 20261126)", lcg_rows(), 0)
    for name, asks, what in [("km_g_merged", merged_asks(), "job-application-statistics/Merged.csv"),
                             ("km_h_jsdata", jsdata_asks(), "job-search-eda/jsdata.csv")]:
        rows, excluded = derive(asks)
        sets[name] = (f"real log {what} as keel imports it, today = {TODAY}; yes/no asks without a "
                      f"reply date excluded", rows, excluded)
    with open(INPUTS / "counts.tsv", "w") as meta:
        meta.write("name\tevents\tcensored\texcluded\tdescription\n")
        for name, (desc, rows, excluded) in sets.items():
            assert all(t >= 0 and e in (0, 1) for t, e in rows), name
            with open(INPUTS / f"{name}.csv", "w") as f:
                f.write("time,event\n" + "".join(f"{t},{e}\n" for t, e in rows))
            events = sum(e for _, e in rows)
            meta.write(f"{name}\t{events}\t{len(rows) - events}\t{excluded}\t{desc}\n")
            print(f"{name}: {events} events, {len(rows) - events} censored, {excluded} excluded")


# ---------------------------------------------------------------------------------------------
# values
# ---------------------------------------------------------------------------------------------

def wilson():
    from statsmodels.stats.proportion import proportion_confint
    pairs = [(0, 1), (1, 1), (0, 10), (3, 10), (10, 10), (13, 177), (2, 55), (50, 100),
             (1, 100000), (99999, 100000), (392, 4870), (1, 3), (7, 31),
             # keel pipeline's funnel on tests/cli/pipeline_*.test: the constructed ledger and
             # the two real logs (roles that reached a screen of those with an answer)
             (4, 5), (3, 4), (2, 2), (2, 54), (13, 173)]
    cases = []
    for y, n in pairs:
        low, high = proportion_confint(y, n, alpha=0.05, method="wilson")
        cases.append({"yes": y, "n": n, "low": float(low), "high": float(high)})
    return {"source": "statsmodels.stats.proportion.proportion_confint(yes, n, alpha=0.05, "
                      "method='wilson'); " + versions(), "cases": cases}


def run_matrix(k, q):
    """Transition matrix over states 0..k-1 (current run of failures) plus k (a run >= k seen)."""
    M = mpmath.zeros(k + 1, k + 1)
    for j in range(k):
        M[j, 0] += 1 - q          # a success resets the run
        M[j, j + 1] += q          # a failure lengthens it; reaching k is absorbing
    M[k, k] = 1
    return M


def streak_p(k, q, n, cache):
    """P(state k after n steps from state 0) = e0 . M^n, by repeated squaring (O(k^3 log n))."""
    key = (k, q)
    if key not in cache:
        cache[key] = [run_matrix(k, q)]
    powers = cache[key]
    v = mpmath.zeros(1, k + 1)
    v[0, 0] = 1
    bit = 0
    while n >> bit:
        while len(powers) <= bit:
            powers.append(powers[-1] * powers[-1])
        if (n >> bit) & 1:
            v = v * powers[bit]
        bit += 1
    return v[0, k]


def streak_forward(k, q, n):
    """Cross-check for small n: the plain forward DP over run-length distributions."""
    dist, absorbed = [mpf(1)] + [mpf(0)] * (k - 1), mpf(0)
    for _ in range(n):
        absorbed += q * dist[k - 1]
        dist = [(1 - q) * mpmath.fsum(dist)] + [q * d for d in dist[:-1]]
    return absorbed


def streak():
    cache, cases = {}, []
    for k in (1, 2, 3, 5, 9, 15, 30):
        ns = sorted({1, k - 1, k, k + 1, 10, 31, 100, 1000, 20000, 100000} - {0})
        for qf in (0.5, 0.7, 0.9, 0.926, 0.99):
            for n in ns:
                cases.append((n, k, qf))
    edges = [(0, 1, 0.5), (3, 5, 0.9), (4, 5, 0.99), (29, 30, 0.99), (10, 1, 0.0), (10, 3, 0.0),
             (100000, 5, 0.0), (5, 5, 1.0), (6, 5, 1.0), (100, 1, 1.0), (4, 5, 1.0)]
    cases += edges
    out = []
    for n, k, qf in cases:
        q = mpf(qf)
        p = streak_p(k, q, n, cache)
        if n <= 1000 and k <= 9:
            assert abs(p - streak_forward(k, q, n)) < mpf(10) ** -45, (n, k, qf)
        out.append({"n": n, "k": k, "q": qf, "p": float(p)})
    return {"source": "exact Markov chain over the current run length (states 0..k-1 plus an "
                      "absorbing 'run of k seen'), e0 . M^n by repeated squaring in mpmath at "
                      "50 digits, rounded to double; cross-checked against the forward DP for "
                      "n <= 1000, k <= 9; " + versions(), "cases": out}


def quad(f, center, width):
    """mpmath tanh-sinh on [0, 1], split around where the mass is so narrow peaks aren't missed."""
    pts = {mpf(0), mpf(1)}
    for s in (-8, -4, -2, -1, 0, 1, 2, 4, 8):
        x = center + s * width
        if 0 < x < 1:
            pts.add(x)
    for s in (1e-3, 1e-2, 1e-1):
        if 0 < center * s < 1:
            pts.add(center * s)
    value, err = mpmath.quad(f, sorted(pts), error=True, maxdegree=10)
    assert err < mpf(10) ** -30, err
    return value


def beta_pdf(a, b):
    norm = mpmath.beta(a, b)
    return lambda p: p ** (a - 1) * (1 - p) ** (b - 1) / norm


def forecast():
    cases = []
    for af, bf in [(1, 1), (0.8, 9.2), (2.5, 7.5), (13.8, 173.2), (3, 57), (0.8, 199.2), (30, 70)]:
        a, b = mpf(af), mpf(bf)
        pdf = beta_pdf(a, b)

        def tail(k):  # P(K > k) = E[(1-p)^k]: no yes in k asks
            if k == 0:
                return mpf(1)
            c = a / (a + b + k)
            return quad(lambda p: (1 - p) ** k * pdf(p), c, mpmath.sqrt(c * (1 - c) / (a + b + k)))

        def pmf(k):   # E[(1-p)^(k-1) p]
            c = (a + 1) / (a + b + k)
            return quad(lambda p: (1 - p) ** (k - 1) * p * pdf(p), c,
                        mpmath.sqrt(c * (1 - c) / (a + b + k)))

        closed = lambda k: mpmath.beta(a + 1, b + k - 1) / mpmath.beta(a, b)  # cross-check only
        pmfs = []
        for k in range(1, 6):
            v = pmf(k)
            assert abs(v - closed(k)) < mpf(10) ** -30 * closed(k)
            pmfs.append({"k": k, "p": float(v)})
        cdfs = [{"k": k, "p": float(1 - tail(k))} for k in (1, 2, 5, 10, 20, 50)]
        quantiles = []
        for pf in (0.1, 0.5, 0.9):
            # smallest k with CDF >= p (the real p), i.e. tail(k) <= 1 - p; equality is decided with
            # a margin far above the quadrature's error (1e-30) and far below any real difference
            target = 1 - mpf(str(pf)) + mpf(10) ** -30
            lo, hi = 0, 1               # tail(0) = 1 > target
            while tail(hi) > target:
                lo, hi = hi, hi * 2
            while hi - lo > 1:
                mid = (lo + hi) // 2
                lo, hi = (mid, hi) if tail(mid) > target else (lo, mid)
            # tie: the exact CDF equals p at k (as for Beta(1,1): CDF(k) = k/(k+1)), so roundoff in
            # any double computation may legitimately land on k or k+1
            tie = abs(tail(hi) - target) < mpf(10) ** -12  # exact CDF(k) == p
            quantiles.append({"p": pf, "k": hi, "tie": bool(tie), "cdf_k": float(1 - tail(hi)),
                              "cdf_k_minus_1": float(1 - tail(hi - 1))})
        cases.append({"a": af, "b": bf, "pmf": pmfs, "cdf": cdfs, "quantiles": quantiles})
    return {"source": "K = asks up to and including the next yes under p ~ Beta(a, b); pmf "
                      "E[(1-p)^(k-1) p] and tail E[(1-p)^k] by mpmath.quad (tanh-sinh) at 50 "
                      "digits against the Beta density; quantile = smallest k with CDF >= p "
                      "(the real p, e.g. exactly 9/10, not the double 0.9); tie = CDF(k) equals p "
                      "exactly, so k or k+1 are both defensible in double arithmetic; " + versions(),
            "cases": cases}


def miller(ya, na, yb, nb):
    """Evan Miller's closed form in exact rationals: a cross-check only."""
    aa, ba, ab, bb = 1 + ya, 1 + na - ya, 1 + yb, 1 + nb - yb
    B = lambda x, y: fractions.Fraction(math.factorial(x - 1) * math.factorial(y - 1),
                                        math.factorial(x + y - 1))
    return sum(B(aa + i, ba + bb) / ((bb + i) * B(1 + i, bb) * B(aa, ba)) for i in range(ab))


def ab():
    cases = []
    for ya, na, yb, nb in [(0, 20, 0, 20), (2, 20, 5, 20), (10, 100, 15, 100), (3, 40, 1, 25),
                           (50, 500, 70, 500), (1, 30, 4, 28)]:
        aa, ba, ab_, bb = (mpf(v) for v in (1 + ya, 1 + na - ya, 1 + yb, 1 + nb - yb))
        fa, fb = beta_pdf(aa, ba), beta_pdf(ab_, bb)
        m, s = aa / (aa + ba), mpmath.sqrt(aa * ba / ((aa + ba) ** 2 * (aa + ba + 1)))
        # P(pB > pA) = integral of f_A(x) * P(pB > x) dx, P(pB > x) by the regularized incomplete beta
        p = quad(lambda x: fa(x) * mpmath.betainc(ab_, bb, x, 1, regularized=True), m, s)
        m, s = ab_ / (ab_ + bb), mpmath.sqrt(ab_ * bb / ((ab_ + bb) ** 2 * (ab_ + bb + 1)))
        other = quad(lambda y: fb(y) * mpmath.betainc(aa, ba, 0, y, regularized=True), m, s)
        exact = miller(ya, na, yb, nb)
        assert abs(p - other) < mpf(10) ** -30 and abs(p - mpf(exact.numerator) / exact.denominator) < mpf(10) ** -30
        cases.append({"yes_a": ya, "n_a": na, "yes_b": yb, "n_b": nb, "p": float(p)})
    return {"source": "P(pB > pA), pA ~ Beta(1+yes_a, 1+n_a-yes_a), pB likewise: mpmath.quad at 50 "
                      "digits of f_A(x) * (1 - I_x(alpha_B, beta_B)) (regularized incomplete beta); "
                      "cross-checked by the other order of integration; " + versions(),
            "cases": cases}


def cmd_values():
    dump("wilson.json", wilson())
    dump("ab.json", ab())
    dump("forecast.json", forecast())
    dump("streak.json", streak())


# ---------------------------------------------------------------------------------------------
# check: sanity of R's output
# ---------------------------------------------------------------------------------------------

def hand_km(rows):
    """Textbook KM with Greenwood, log interval: the values for dataset (a) recomputed by hand."""
    out, s, var, at_risk = [], 1.0, 0.0, len(rows)
    z = 1.959963984540054
    for t in sorted({t for t, _ in rows}):
        d = sum(1 for u, e in rows if u == t and e)
        c = sum(1 for u, e in rows if u == t and not e)
        if d:
            s *= 1 - d / at_risk
            var += d / (at_risk * (at_risk - d)) if at_risk > d else math.inf
        se = math.sqrt(var)
        out.append((t, at_risk, d, c, s, se, s * math.exp(-z * se), min(1.0, s * math.exp(z * se))))
        at_risk -= d + c
    return out


def cmd_check():
    files = sorted(GOLDEN.glob("km_*.json"))
    assert files, "no km_*.json: run km.R first"
    for path in files:
        fit = json.loads(path.read_text())
        rows = fit["rows"]
        surv = [r["surv"] for r in rows]
        assert all(x >= y for x, y in zip(surv, surv[1:])), path
        assert all(0 <= x <= 1 for x in surv), path
        for r in rows:
            if r["lower"] is not None:
                assert r["lower"] <= r["surv"] <= r["upper"] <= 1, (path, r)
        name = path.stem
        with open(INPUTS / f"{name}.csv") as f:
            data = [(int(t), int(e)) for t, e in list(csv.reader(f))[1:]]
        assert sum(r["n_event"] for r in rows) == sum(e for _, e in data), path
        assert sum(r["n_event"] + r["n_censor"] for r in rows) == len(data), path
        assert rows[0]["n_risk"] == len(data), path
        print(f"{path.name}: {len(rows)} times, monotone, counts match")
    rows = json.loads((GOLDEN / "km_a_ties.json").read_text())["rows"]
    hand = hand_km(HAND["km_a_ties"][1])
    assert len(rows) == len(hand)
    for r, h in zip(rows, hand):
        got = (r["time"], r["n_risk"], r["n_event"], r["n_censor"], r["surv"], r["std_err"],
               r["lower"], r["upper"])
        assert got[:4] == h[:4], (got, h)
        for x, y in zip(got[4:], h[4:]):
            assert math.isclose(x, y, rel_tol=1e-13, abs_tol=1e-15), (got, h)
    print("km_a_ties.json matches the hand computation")


if __name__ == "__main__":
    {"inputs": cmd_inputs, "values": cmd_values, "check": cmd_check}[sys.argv[1]]()
