#include "server/roster_cache.h"

#include <utility>

namespace keel {

std::optional<HttpResponse> RosterCache::Find(int64_t coach, const std::string& key,
                                              uint64_t writes, Clock::time_point now) const {
  const std::lock_guard lock(mutex_);
  const auto it = kept_.find(coach);
  if (it == kept_.end()) return std::nullopt;
  const Kept& k = it->second;
  if (k.key != key || k.writes != writes || now < k.built || now - k.built >= kFreshFor) {
    return std::nullopt;
  }
  return k.answer;
}

void RosterCache::Keep(int64_t coach, std::string key, uint64_t writes, Clock::time_point built,
                       HttpResponse answer) {
  const std::lock_guard lock(mutex_);
  Kept& k = kept_[coach];
  // Two workers may build the same roster at once; the one built later stays.
  if (k.built > built && k.key == key && k.writes == writes) return;
  k = Kept{std::move(key), writes, built, std::move(answer)};
}

}  // namespace keel
