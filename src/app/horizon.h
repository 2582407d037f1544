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

/// Below this many observed replies the curve is too uncertain to set the horizon (the same
/// threshold below which the chance a reply still comes is "not known yet").
inline constexpr int64_t kMinRepliesToLearn = kMinRepliesForChance;

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

/// A write moved H: "Your no-reply horizon moved from 18 to 24 days: a reply came after 23 days."
struct HorizonMove {
  int from = 0, to = 0;
  std::string why;   // "a reply came after 23 days"
  std::string line;  // the sentence shown to the person
};

/// Compares H before and after a write to one ask whose reply time (replied_on - asked_on) was
/// `reply_before` and is now `reply_after` (nullopt: no reply). nullopt when H did not move.
std::optional<HorizonMove> DescribeHorizonMove(const Horizon& before, const Horizon& after,
                                               std::optional<int32_t> reply_before,
                                               std::optional<int32_t> reply_after);
/// The same for a write whose reason is known to the caller ("you undid: no on ask #3").
std::optional<HorizonMove> DescribeHorizonMove(const Horizon& before, const Horizon& after,
                                               const std::string& why);

/// H resolved again after a write, and how it moved from `before` (the H resolved before the
/// write, with the same `given`). The reason is the reply time's change when the write changed one
/// (`reply_before` != `reply_after`, as in DescribeHorizonMove), else `why` ("ask #43 (2026-10-01)
/// is waiting for a reply", "you edited ask #3", "the import added 42 asks"); the switch between
/// the default and the learned horizon outranks both. Every write that can move H says so with
/// this: answers, reopen, ask, edit, delete, undo, import.
struct HorizonAfter {
  Horizon horizon;
  std::optional<HorizonMove> moved;  // nullopt: H did not move
};
Result<HorizonAfter> HorizonAfterWrite(Store& store, Date today, std::optional<int> given,
                                       const Horizon& before, const std::string& why,
                                       std::optional<int32_t> reply_before = std::nullopt,
                                       std::optional<int32_t> reply_after = std::nullopt);

}  // namespace keel
