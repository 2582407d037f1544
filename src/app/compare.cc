// The comparison answers two questions a person asks after a run of nos: "is the new version
// better?" (P(B beats A), Bayesian, always shown) and "how long until I would know?" (the
// frequentist sample size for the difference observed so far, stats/power.h). Below kMinEvidence
// decided asks on either side the first line says there is not enough evidence, so no number is
// read without that warning. The overhaul guard exists because people rewrite a resume after a few
// nos; it gives the numbers and stands aside once they show the version really does worse.
#include "app/compare.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "stats/ab.h"
#include "stats/power.h"
#include "stats/proportion.h"

namespace keel {
namespace {

std::string Percent(double x) { return fmt::format("{:.0f}%", 100.0 * x); }

// A probability worded so that rounding never claims certainty: "> 99%", "< 1%".
std::string Probability(double p) {
  if (p > 0.995) return "> 99%";
  if (p < 0.005) return "< 1%";
  return "= " + Percent(p);
}

std::string DecidedAsks(int64_t n) { return fmt::format("{} decided ask{}", n, n == 1 ? "" : "s"); }

std::optional<double> Rate(const VersionEvidence& v) {
  if (v.decided <= 0) return std::nullopt;
  return static_cast<double>(v.yes) / static_cast<double>(v.decided);
}

// Asks still missing for one version to reach `target`, in double so that huge targets cannot
// overflow before the caller saturates.
double Missing(double target, int64_t decided) {
  return std::max(0.0, target - static_cast<double>(decided));
}

std::optional<int64_t> FurtherAsks(const std::optional<double>& per_version, int64_t decided_a,
                                   int64_t decided_b) {
  if (!per_version) return std::nullopt;
  const double target = std::ceil(*per_version);
  const double total = Missing(target, decided_a) + Missing(target, decided_b);
  // 2^63 is the first double past INT64_MAX; converting it or more would be undefined.
  if (!(total < 9223372036854775808.0)) return std::numeric_limits<int64_t>::max();
  return static_cast<int64_t>(total);
}

Json VersionJson(const VersionEvidence& v, const std::optional<double>& rate) {
  const std::optional<Interval> wilson = WilsonInterval(v.yes, v.decided);
  Json j;
  j["material"] = v.ref;
  j["asks"] = v.asks;
  j["decided"] = v.decided;
  j["yes"] = v.yes;
  j["yes_rate"] = rate ? Json(*rate) : Json(nullptr);
  j["wilson95"] = wilson ? Json::array({wilson->low, wilson->high}) : Json(nullptr);
  return j;
}

// "resume@v2: yes-rate 29% (2 yes in 7 decided asks; 95% range 8% .. 64%)".
std::string RateLine(const VersionEvidence& v) {
  const std::optional<Interval> wilson = WilsonInterval(v.yes, v.decided);
  if (!wilson) return fmt::format("{}: no decided asks yet", v.ref);
  return fmt::format("{}: yes-rate {} ({} yes in {}; 95% range {} .. {})", v.ref,
                     Percent(static_cast<double>(v.yes) / static_cast<double>(v.decided)), v.yes,
                     DecidedAsks(v.decided), Percent(wilson->low), Percent(wilson->high));
}

std::string FurtherLine(const Comparison& c) {
  if (!c.rate_a || !c.rate_b) {
    return fmt::format("no yes-rate for {} yet: no difference to see",
                       c.rate_a ? c.b.ref : c.a.ref);
  }
  if (!c.asks_per_version || !c.further_asks) {
    return "the two rates are the same so far: no difference to see";
  }
  const double per_version = std::ceil(*c.asks_per_version);
  if (*c.further_asks == 0) {
    return fmt::format(
        "a real difference this size should already show: each version has the {:.0f} decided "
        "asks it takes",
        per_version);
  }
  return fmt::format(
      "a real difference this size would show after about {} more decided asks ({:.0f} on each "
      "version)",
      *c.further_asks, per_version);
}

}  // namespace

Comparison Compare(const VersionEvidence& a, const VersionEvidence& b) {
  Comparison c;
  c.a = a;
  c.b = b;
  c.rate_a = Rate(a);
  c.rate_b = Rate(b);
  c.enough_evidence = a.decided >= kMinEvidence && b.decided >= kMinEvidence;
  c.p_b_beats_a = ProbabilityBBeatsA(a.yes, a.decided, b.yes, b.decided);
  if (c.rate_a && c.rate_b && *c.rate_a != *c.rate_b) {
    c.asks_per_version = AsksPerVersionToDetect(*c.rate_a, *c.rate_b);
  }
  c.further_asks = FurtherAsks(c.asks_per_version, a.decided, b.decided);
  return c;
}

Json ComparisonJson(const Comparison& c) {
  Json j;
  j["a"] = VersionJson(c.a, c.rate_a);
  j["b"] = VersionJson(c.b, c.rate_b);
  j["enough_evidence"] = c.enough_evidence;
  j["min_evidence"] = kMinEvidence;
  j["p_b_beats_a"] = c.p_b_beats_a;
  j["asks_per_version_to_detect"] = c.asks_per_version ? Json(*c.asks_per_version) : Json(nullptr);
  j["further_asks"] = c.further_asks ? Json(*c.further_asks) : Json(nullptr);
  return j;
}

std::vector<std::string> ComparisonLines(const Comparison& c) {
  std::vector<std::string> lines;
  if (!c.enough_evidence) {
    lines.push_back(fmt::format(
        "not enough evidence: {} has {}, {} has {}; keel needs {} on each side before comparing",
        c.a.ref, DecidedAsks(c.a.decided), c.b.ref, c.b.decided, kMinEvidence));
  }
  lines.push_back(RateLine(c.a));
  lines.push_back(RateLine(c.b));
  lines.push_back(fmt::format("P({} beats {}) {}", c.b.ref, c.a.ref, Probability(c.p_b_beats_a)));
  lines.push_back(FurtherLine(c));
  return lines;
}

std::vector<std::string> OverhaulGuardLines(const GuardInput& in) {
  const std::optional<Interval> wilson = WilsonInterval(in.yes, in.decided);
  const bool enough = in.decided >= kMinEvidence;
  if (enough && wilson && wilson->high < in.baseline) return {};  // shown to do worse: no guard
  std::vector<std::string> lines;
  const std::string usual =
      fmt::format("the usual yes-rate for {} asks ({})", in.kind_name, Percent(in.baseline));
  if (!wilson) {
    lines.push_back(
        fmt::format("{} has no decided asks yet to hold against {}.", in.current_ref, usual));
  } else {
    const char* where = wilson->low > in.baseline    ? "below that range"
                        : wilson->high < in.baseline ? "above that range"
                                                     : "inside that range";
    lines.push_back(
        fmt::format("{} has {} yes in {}: {} (95% range {} .. {}); {} is {}.", in.current_ref,
                    in.yes, DecidedAsks(in.decided),
                    Percent(static_cast<double>(in.yes) / static_cast<double>(in.decided)),
                    Percent(wilson->low), Percent(wilson->high), usual, where));
  }
  if (!enough) {
    lines.push_back(fmt::format(
        "That is too few to judge: a handful of nos is no evidence against {}; keel needs {} "
        "decided asks before it can say a version does worse.",
        in.current_ref, kMinEvidence));
  } else {
    lines.push_back(fmt::format(
        "A handful of nos is no evidence against {}: its answers so far fit a yes-rate at or "
        "above the usual one.",
        in.current_ref));
  }
  lines.push_back(fmt::format(
      "The new version is added all the same; compare the two once each has {} decided asks.",
      kMinEvidence));
  return lines;
}

}  // namespace keel
