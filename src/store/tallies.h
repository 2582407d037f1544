// Running tallies kept beside the asks (schema 2): counts by outcome per kind, channel, month and
// material version, replies by delay, and waiting asks by date. Writes add and subtract an ask's
// contributions in memory; Flush applies the net changes once per transaction, through the
// journal, so a million-row import costs a few hundred upserts and undo stays exact.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/model.h"
#include "core/result.h"
#include "store/journal.h"
#include "store/sql_db.h"

namespace keel {

/// What one ask contributes to the tallies.
struct AskFacts {
  Date asked_on;
  Kind kind = Kind::kOther;
  Channel channel = Channel::kOther;
  Outcome outcome = Outcome::kPending;
  std::optional<Date> replied_on;
  std::vector<std::string> materials;  // "name@version"
  // The ask's answer history before its current answer: when it had one, the no-reply curve
  // counts the first of those (the other party did reply then), not the current answer.
  bool answered_before = false;
  std::optional<Date> first_replied_on;  // the earliest earlier answer's date, if it has one
};

class TallyBook {
 public:
  TallyBook(SqlDb* db, Journal* journal) : db_(db), journal_(journal) {}

  /// Adds (sign +1) or removes (sign -1) an ask's contributions.
  void Count(const AskFacts& ask, int sign);
  /// Adds or removes one material link of an ask with the given outcome.
  void CountMaterial(std::string_view material, Outcome outcome, int sign);
  /// Applies the net changes to the tables (inside the write transaction).
  Status Flush(Id search_id);
  void Clear();

 private:
  void Bump(std::string_view dim, std::string_view key, std::string_view outcome, int64_t delta);
  Status Apply(Id search_id, std::string_view table, std::string_view find_sql,
               std::string_view insert_sql, const std::vector<std::string>& key, int64_t delta);

  SqlDb* db_;
  Journal* journal_;
  // "dim \x1f key \x1f outcome" -> delta: one flat hashed string per group, since an import
  // counts every row into five of them.
  std::unordered_map<std::string, int64_t> tallies_;
  std::string scratch_;
  std::map<int32_t, int64_t> reply_delays_;  // days -> delta
  std::map<std::string, int64_t> waiting_;   // asked_on -> delta
};

}  // namespace keel
