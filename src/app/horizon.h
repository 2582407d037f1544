// The silence horizon H: after H days without a reply, a pending ask counts as silent. Given with
// --silence-days, else learned from the person's own reply times (at least 20 replies), else 21.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "stats/survival.h"
#include "store/store.h"

namespace keel {

/// Below this many observed replies the curve is too uncertain to set the horizon.
inline constexpr int64_t kMinRepliesToLearn = 20;

struct Horizon {
  int days = kDefaultSilenceDays;
  std::string source = "default";  // "given", "learned" or "default"
  int64_t replies = 0;             // observed replies behind the curve
};

/// The no-reply-yet curve as of `today`: replies by delay, and the asks still waiting censored at
/// today - asked_on (asks dated after today are left out).
Result<std::vector<SurvivalPoint>> ReplyCurve(Store& store, Date today);

/// Resolves H per PRODUCT.md. Reads only the tallies, so it is cheap at any size.
Result<Horizon> ResolveHorizon(Store& store, Date today, std::optional<int> given);

}  // namespace keel
