// `keel compare resume@v2 resume@v3`: two versions of a material side by side, and the guard shown
// when a new version is added before the current one has been given a fair trial. Pure logic and
// rendering over counts the caller reads from the store; no store access here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/views.h"

namespace keel {

/// One version's asks. Precondition: 0 <= yes <= decided <= asks.
struct VersionEvidence {
  std::string ref;  // "resume@v2"
  int64_t asks = 0, decided = 0, yes = 0;
};

struct Comparison {
  VersionEvidence a, b;
  std::optional<double> rate_a, rate_b;  // yes / decided, null when decided == 0
  bool enough_evidence = false;          // both decided >= kMinEvidence (stats/ab.h)
  double p_b_beats_a = 0;                // ProbabilityBBeatsA (stats/ab.h), always computed
  // AsksPerVersionToDetect(rate_a, rate_b) (stats/power.h) when both rates exist and differ.
  std::optional<double> asks_per_version;
  // Further decided asks, both versions together, until each has ceil(asks_per_version); 0 when
  // both already have. Saturates at INT64_MAX for differences too small to ever see.
  std::optional<int64_t> further_asks;
};

Comparison Compare(const VersionEvidence& a, const VersionEvidence& b);

/// What `keel compare --json` prints:
/// {"a": {"material", "asks", "decided", "yes", "yes_rate", "wilson95": [low, high] | null},
///  "b": {...}, "enough_evidence", "min_evidence", "p_b_beats_a",
///  "asks_per_version_to_detect": number | null, "further_asks": int | null}.
Json ComparisonJson(const Comparison& c);

/// The human lines. When evidence is short the first line says so ("not enough evidence: resume@v2
/// has 7 decided asks, resume@v3 has 3; keel needs 20 on each side before comparing"), then the
/// numbers: each yes-rate with its Wilson 95 % range, P(B beats A), and after how many more decided
/// asks a real difference of this size would show.
std::vector<std::string> ComparisonLines(const Comparison& c);

struct GuardInput {
  std::string current_ref;  // "resume@v2"
  std::string kind_name;    // the kind its asks mostly are, e.g. "application"
  double baseline = 0;      // that kind's baseline yes-rate (BaselineRate)
  int64_t decided = 0, yes = 0;
};

/// The lines printed when a new version of a material is added while the current version has
/// fewer than kMinEvidence decided asks or shows no evidence of doing worse than its kind's
/// baseline (Wilson 95 % upper bound >= baseline). Empty when the current version is shown to do
/// worse (upper bound < baseline with >= kMinEvidence decided). The lines give the numbers and say
/// that a handful of nos is no evidence against it; they never refuse the new version.
std::vector<std::string> OverhaulGuardLines(const GuardInput& in);

}  // namespace keel
