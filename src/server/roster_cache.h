// A coach's roster, kept for a second. The roster is a coach's home page: reloaded all day, and
// on PostgreSQL each look reads every client's change stamp (~16 µs of the database's CPU a
// client). Within a second of the last look, and while the coach's grants, the date and every
// write this server made are as they were, the same answer is given again.
//
// What that may miss: a write made by another process (a `keel` command on the same database)
// in that second. What it never misses: a grant revoked or expired (the grants are read on every
// request and are part of the key), or any write through this server (it bumps `writes`).
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "server/transport.h"

namespace keel {

class RosterCache {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr Clock::duration kFreshFor = std::chrono::seconds(1);

  /// The answer kept for `coach` when it was built under the same `key` (the active grants and
  /// the date) and `writes` (this server's write count), less than kFreshFor before `now`.
  std::optional<HttpResponse> Find(int64_t coach, const std::string& key, uint64_t writes,
                                   Clock::time_point now) const;
  void Keep(int64_t coach, std::string key, uint64_t writes, Clock::time_point built,
            HttpResponse answer);

 private:
  struct Kept {
    std::string key;
    uint64_t writes = 0;
    Clock::time_point built;
    HttpResponse answer;
  };
  mutable std::mutex mutex_;
  std::map<int64_t, Kept> kept_;
};

}  // namespace keel
