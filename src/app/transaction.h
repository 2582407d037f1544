// One write command = one journaled transaction: every use case that writes runs its body here,
// so a failure anywhere leaves the database exactly as it was.
#pragma once

#include <string_view>

#include "core/result.h"
#include "store/store.h"

namespace keel {

/// Runs `body` inside a journaled write transaction (`summary` is what undo shows); rolls back
/// when the body or the commit fails.
template <typename T, typename Body>
Result<T> InTransaction(Store& store, std::string_view summary, Body body) {
  KEEL_RETURN_IF_ERROR(store.BeginWrite(summary));
  Result<T> result = body();
  if (!result.ok()) {
    store.Rollback();
    return result;
  }
  if (Status s = store.Commit(); !s.ok()) {
    store.Rollback();
    return s;
  }
  return result;
}

/// Ends a write begun by the caller: commits when `result` succeeded and this is no dry run
/// (a dry run does the whole work, then takes it back); otherwise rolls back.
template <typename T>
Result<T> CommitUnlessDryRun(Store& store, Result<T> result, bool dry_run) {
  if (!result.ok() || dry_run) {
    store.Rollback();
    return result;
  }
  if (Status s = store.Commit(); !s.ok()) {
    store.Rollback();
    return s;
  }
  return result;
}

}  // namespace keel
