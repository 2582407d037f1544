#!/usr/bin/python3
"""Reference values for keel's "asks per version to see a difference" (src/stats/power.cc).

Writes tests/golden/power.json. Run with Debian's interpreter (/usr/bin/python3), which has
statsmodels, scipy and mpmath; scripts/golden/regenerate calls it.

For each pair of yes-rates (p_a, p_b):
  h              statsmodels.stats.proportion.proportion_effectsize(p_b, p_a)
                 = 2 asin sqrt(p_b) - 2 asin sqrt(p_a) (Cohen's h)
  n_solve_power  NormalIndPower().solve_power(effect_size=h, alpha=0.05, power=0.8, ratio=1)
                 exactly as called, or null where statsmodels raises (h = 0) or reports that it
                 did not converge. Its brentq stops at xtol = 1e-5 (absolute, in asks), so this is
                 the root only to about 1e-5.
  n              the root of statsmodels' own power function NormalIndPower().power(h, n, 0.05,
                 ratio=1) - 0.8, solved to full double precision by scipy's brentq
                 (xtol 1e-300, rtol 4 eps); null when h = 0.
Every n is cross-checked against the root of the same equation in mpmath at 50 digits
(Phi(d - c) + Phi(-d - c) = 0.8 with d = |h| sqrt(n / 2), c = scipy's norm.isf(0.025)); the
script fails if they disagree by more than 1e-12 relative (n) or 1e-5 + 1e-12 n (n_solve_power).
"""
import json
import pathlib
import sys
import warnings

import mpmath
from mpmath import mp, mpf
import scipy
import scipy.optimize
import scipy.stats
import statsmodels
from statsmodels.stats.power import NormalIndPower
from statsmodels.stats.proportion import proportion_effectsize

mp.dps = 50
ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "golden" / "power.json"
ALPHA, POWER = 0.05, 0.8

# (p_a, p_b): rates typical of applications and referrals, a reversed sign, p = 0 and p = 1, tiny
# differences (millions and 10^14 asks), very large ones (a handful of asks), no difference, and
# h = pi, where statsmodels' solver fails because the root lies below its lower bracket of 2 asks.
PAIRS = [
    (0.08, 0.12),
    (0.2, 0.3),
    (0.05, 0.5),
    (0.3, 0.1),
    (0.5, 0.51),
    (0.0, 0.1),
    (0.9, 1.0),
    (0.01, 0.03),
    (0.4, 0.4001),
    (0.2, 0.2000001),
    (0.1, 0.9),
    (0.0, 1.0),
    (0.08, 0.08),
]


def solve_power(h):
    """statsmodels' answer as a user would get it; None when it raises or does not converge."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        power = NormalIndPower()
        try:
            n = power.solve_power(effect_size=h, alpha=ALPHA, power=POWER, ratio=1)
        except ValueError:
            return None
        if power.cache_fit_res[0] != 1:
            return None
        return float(n)


def tight_root(h):
    """The root of statsmodels' power function, to full double precision."""
    power = NormalIndPower()

    def f(n):
        return power.power(h, n, ALPHA, ratio=1) - POWER

    low, high = 1e-9, 1.0
    while f(high) < 0:
        high *= 10
    return scipy.optimize.brentq(f, low, high, xtol=1e-300, rtol=4 * sys.float_info.epsilon,
                                 maxiter=1000)


def mp_root(h):
    """The same equation in mpmath: d* solves Phi(d - c) + Phi(-d - c) = 0.8; n = 2 (d* / h)^2."""
    c = mpf(float(scipy.stats.norm.isf(ALPHA / 2)))
    low, high = mpf(0), c + 1  # power 0.05 at d = 0; above Phi(1) = 0.84 at d = c + 1
    for _ in range(200):  # bisection: 2^-200 of the bracket, far below 50 digits
        mid = (low + high) / 2
        if mp.ncdf(mid - c) + mp.ncdf(-mid - c) < mpf(POWER):
            low = mid
        else:
            high = mid
    return 2 * (low / abs(mpf(h))) ** 2


def main():
    cases = []
    for p_a, p_b in PAIRS:
        h = float(proportion_effectsize(p_b, p_a))
        case = {"p_a": p_a, "p_b": p_b, "h": h, "n": None, "n_solve_power": solve_power(h)}
        if h != 0:
            n = tight_root(h)
            exact = mp_root(h)
            if abs(mpf(n) - exact) > mpf(1e-12) * exact:
                sys.exit(f"({p_a}, {p_b}): brentq {n!r} vs mpmath {mpmath.nstr(exact, 20)}")
            sp = case["n_solve_power"]
            if sp is not None and abs(mpf(sp) - exact) > 1e-5 + mpf(1e-12) * exact:
                sys.exit(f"({p_a}, {p_b}): solve_power {sp!r} vs mpmath {mpmath.nstr(exact, 20)}")
            case["n"] = n
        cases.append(case)
    source = ("Cohen's h = statsmodels.stats.proportion.proportion_effectsize(p_b, p_a); n = root of "
              "statsmodels.stats.power.NormalIndPower().power(h, n, alpha=0.05, ratio=1) - 0.8 by "
              "scipy.optimize.brentq to full precision, cross-checked in mpmath at 50 digits; "
              "n_solve_power = NormalIndPower().solve_power(effect_size=h, alpha=0.05, power=0.8, "
              "ratio=1) as returned (its brentq stops at xtol 1e-5), null where it raises (h = 0) or "
              f"does not converge; python {sys.version.split()[0]}, statsmodels "
              f"{statsmodels.__version__}, scipy {scipy.__version__}, mpmath {mpmath.__version__}")
    OUT.write_text(json.dumps({"source": source, "cases": cases}, indent=1, allow_nan=False) + "\n")
    print(f"wrote tests/golden/{OUT.name} ({len(cases)} cases)")


if __name__ == "__main__":
    main()
