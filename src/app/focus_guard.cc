// The focus guard runs wherever an ask comes to break a deal-breaker: when it is logged, and when
// an edit changes what the deal-breakers look at (role, note, facets). Rules the ask already broke
// before the edit are left out, so fixing a typo in the note of an ask logged with --despite does
// not ask for --despite again.
#include "app/focus_guard.h"

#include <fmt/format.h>

#include "core/text.h"

namespace keel {

Result<std::optional<Strategy>> CurrentStrategy(Store& store) {
  Result<std::vector<StrategyVersion>> versions = store.StrategyVersions();
  if (!versions.ok()) return versions.status();
  if (versions->empty()) return std::optional<Strategy>();
  Result<Strategy> strategy = StrategyFromJson(versions->back().body);
  if (!strategy.ok()) {
    return Error{fmt::format("the saved strategy (version {}) cannot be read: {}",
                             versions->back().id, strategy.message())};
  }
  return std::optional<Strategy>(std::move(strategy).value());
}

namespace {

// Returns the error or the pivot rule for a hit, as CheckFocus words them.
Result<std::optional<std::string>> Judge(const std::optional<DealBreakerHit>& hit,
                                         const std::optional<std::string>& despite) {
  if (!hit) return std::optional<std::string>();
  if (!despite) {
    // About the input that lets it through: the reason to go ahead anyway (--despite).
    return Error{
        fmt::format("{}; to go ahead anyway, add a reason \"why\" (kept as a pivot)", hit->message),
        ErrorCode::kConflict, "despite", "a reason"};
  }
  return std::optional<std::string>(hit->message);
}

}  // namespace

namespace {

// The strategy whose deal-breakers apply (nullopt when none is set), once --despite, when
// given, says why.
Result<std::optional<Strategy>> GuardingStrategy(Store& store,
                                                 const std::optional<std::string>& despite) {
  if (despite && Trim(*despite).empty()) {
    return Error{"this needs the reason you go ahead anyway, in a few words", ErrorCode::kInvalid,
                 "despite", "this"};
  }
  return CurrentStrategy(store);
}

}  // namespace

Result<std::optional<std::string>> CheckFocus(Store& store, const Ask& draft,
                                              const std::optional<std::string>& despite) {
  Result<std::optional<Strategy>> strategy = GuardingStrategy(store, despite);
  if (!strategy.ok()) return strategy.status();
  if (!*strategy) return std::optional<std::string>();
  return Judge(FindDealBreaker(**strategy, draft), despite);
}

Result<std::optional<std::string>> CheckFocusEdit(Store& store, const Ask& before, const Ask& after,
                                                  const std::optional<std::string>& despite) {
  Result<std::optional<Strategy>> strategy = GuardingStrategy(store, despite);
  if (!strategy.ok()) return strategy.status();
  if (!*strategy) return std::optional<std::string>();
  // Keep only the rules the ask did not break before the edit.
  Strategy fresh;
  for (const StrategyItem& item : (*strategy)->deal_breakers) {
    Strategy one;
    one.deal_breakers.push_back(item);
    if (!FindDealBreaker(one, before)) fresh.deal_breakers.push_back(item);
  }
  if ((*strategy)->salary_floor) {
    Strategy floor;
    floor.salary_floor = (*strategy)->salary_floor;
    floor.salary_floor_since = (*strategy)->salary_floor_since;
    if (!FindDealBreaker(floor, before)) {
      fresh.salary_floor = floor.salary_floor;
      fresh.salary_floor_since = floor.salary_floor_since;
    }
  }
  return Judge(FindDealBreaker(fresh, after), despite);
}

}  // namespace keel
