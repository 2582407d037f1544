#include "server/answer_cache.h"

#include <fmt/format.h>

#include <memory>
#include <unordered_map>
#include <utility>

namespace keel {
namespace {

struct Kept {
  // The very store read: a connection closed and another opened at the same address may restart
  // its counters, so the stamp alone could match by chance.
  std::weak_ptr<Store> store;
  std::pair<int64_t, int64_t> stamp;
  ApiResponse response;
};

// Enough for every report of a few hundred searches a worker serves; past it the thread starts
// afresh rather than tracking which answer is oldest.
constexpr size_t kMostKept = 1024;

std::unordered_map<std::string, Kept>& ThreadAnswers() {
  thread_local std::unordered_map<std::string, Kept> kept;
  return kept;
}

}  // namespace

ApiResponse Answered(const Answer& answer, Session& session) {
  try {
    Result<Reply> reply = answer(session);
    if (!reply.ok()) return ApiError(reply.error());
    return ApiResponse{200, std::move(reply->content_type), std::move(reply->body)};
  } catch (const std::exception& e) {
    return ApiError(Error{fmt::format("internal error: {}", e.what()), ErrorCode::kInternal});
  }
}

ApiResponse CachedAnswer(const std::string& request_key, const Answer& answer, Session& session) {
  Result<std::shared_ptr<Store>> store = session.OpenStore(/*with_horizon=*/false);
  if (!store.ok()) return ApiError(store.error());
  // Read before the answer: a write committed in between makes the answer newer than its stamp,
  // never older, so what is kept is at worst recomputed once more.
  Result<std::pair<int64_t, int64_t>> stamp = (*store)->ChangeStamp();
  if (!stamp.ok()) return Answered(answer, session);
  const std::string key = fmt::format("{}\n{}\n{}", request_key, session.today.ToIso(),
                                      session.silence_days_given.value_or(0));
  std::unordered_map<std::string, Kept>& kept = ThreadAnswers();
  if (auto it = kept.find(key);
      it != kept.end() && it->second.stamp == *stamp && it->second.store.lock() == *store) {
    return it->second.response;
  }
  ApiResponse response = Answered(answer, session);
  if (response.status == 200) {
    if (kept.size() >= kMostKept) kept.clear();
    kept[key] = Kept{*store, *stamp, response};
  }
  return response;
}

}  // namespace keel
