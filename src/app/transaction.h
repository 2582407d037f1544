// One write command = one journaled transaction: every use case that writes runs its body here,
// so a failure anywhere leaves the database exactly as it was.
//
// Why a guard: a write once threw inside its transaction (the journal refused a value), nothing
// rolled back, and `keel serve`'s per-thread connection kept its BEGIN IMMEDIATE, so every later
// write, from the page or the CLI, found the database locked until the server was restarted.
// Pairing Begin with Rollback by hand misses exactly the exits nobody thinks of (an exception, an
// early return added later). A Transaction rolls back in its destructor unless it was committed,
// so every exit path, exceptions included, ends the transaction.
//
// Waiting on a busy database is the store's business: SQLite's busy handler retries the BEGIN for
// up to the connection's busy timeout (2 s) when another program holds the lock, and the SQLite
// store retries, a bounded number of times, the brief busy states that handler does not wait on
// (a WAL being recovered, a snapshot gone stale). What still fails is a `busy` Error.
#pragma once

#include <string_view>

#include "core/result.h"
#include "store/store.h"

namespace keel {

/// A transaction on `store` that is rolled back when the guard goes out of scope, unless
/// Commit() succeeded. Not copyable or movable: it lives in the scope whose exits it guards.
class Transaction {
 public:
  explicit Transaction(Store& store) : store_(store) {}
  ~Transaction() {
    if (!open_) return;
    try {
      store_.Rollback();
    } catch (...) {  // a destructor must not throw; the connection is then discarded by SQLite
    }
  }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  /// Begins a journaled write (`summary` is what undo shows). On failure nothing is left open.
  Status BeginWrite(std::string_view summary) {
    return Begin([&] { return store_.BeginWrite(summary); });
  }
  /// Begins a large write (an import): as BeginWrite, with the store's bulk settings.
  Status BeginBulkWrite(std::string_view summary) {
    return Begin([&] { return store_.BeginBulkWrite(summary); });
  }
  /// Begins a read: one consistent snapshot for several queries. Ends with the guard.
  Status BeginRead() {
    return Begin([&] { return store_.BeginRead(); });
  }

  /// Commits; when the commit fails, rolls back and returns why.
  Status Commit() {
    if (!open_) return Error{"internal error: commit without a transaction", ErrorCode::kInternal};
    Status committed = store_.Commit();
    if (!committed.ok()) store_.Rollback();
    open_ = false;
    return committed;
  }

  /// Ends the transaction now, writing nothing (a dry run, or a read that is done).
  void Rollback() {
    if (!open_) return;
    open_ = false;
    store_.Rollback();
  }

 private:
  template <typename BeginFn>
  Status Begin(BeginFn begin) {
    if (open_) return Error{"internal error: a transaction is already open", ErrorCode::kInternal};
    // Open before calling: a Begin that fails (or throws) half-way may have started the
    // transaction (BEGIN ran, a later step did not), and the rollback must still come.
    open_ = true;
    Status begun = begin();
    if (!begun.ok()) Rollback();
    return begun;
  }

  Store& store_;
  bool open_ = false;
};

/// Runs `body` in one read snapshot, ended on every exit path.
template <typename T, typename Body>
Result<T> InSnapshot(Store& store, Body body) {
  Transaction snapshot(store);
  KEEL_RETURN_IF_ERROR(snapshot.BeginRead());
  return body();
}

/// Runs `body` inside a journaled write transaction (`summary` is what undo shows); rolls back
/// when the body fails, throws, or the commit fails.
template <typename T, typename Body>
Result<T> InTransaction(Store& store, std::string_view summary, Body body) {
  Transaction transaction(store);
  KEEL_RETURN_IF_ERROR(transaction.BeginWrite(summary));
  Result<T> result = body();
  if (!result.ok()) return result;  // the guard rolls back
  KEEL_RETURN_IF_ERROR(transaction.Commit());
  return result;
}

/// Ends a write begun with `transaction`: commits when `result` succeeded and this is no dry run
/// (a dry run does the whole work, then takes it back); otherwise rolls back.
template <typename T>
Result<T> CommitUnlessDryRun(Transaction& transaction, Result<T> result, bool dry_run) {
  if (!result.ok() || dry_run) {
    transaction.Rollback();
    return result;
  }
  KEEL_RETURN_IF_ERROR(transaction.Commit());
  return result;
}

}  // namespace keel
