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

Result<std::optional<std::string>> CheckFocus(Store& store, const Ask& draft,
                                              const std::optional<std::string>& despite) {
  if (despite && Trim(*despite).empty()) {
    return Error{"--despite needs the reason you go ahead anyway, in a few words"};
  }
  Result<std::optional<Strategy>> strategy = CurrentStrategy(store);
  if (!strategy.ok()) return strategy.status();
  if (!*strategy) return std::optional<std::string>();
  const std::optional<DealBreakerHit> hit = FindDealBreaker(**strategy, draft);
  if (!hit) return std::optional<std::string>();
  if (!despite) {
    return Error{fmt::format("{}; to go ahead anyway, add --despite \"why\" (kept as a pivot)",
                             hit->message)};
  }
  return std::optional<std::string>(hit->message);
}

}  // namespace keel
