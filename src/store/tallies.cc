#include "store/tallies.h"

#include <fmt/format.h>

namespace keel {

void TallyBook::Count(const AskFacts& a, int sign) {
  const std::string outcome(Name(a.outcome));
  const std::string iso = a.asked_on.ToIso();
  tallies_[{"all", "", outcome}] += sign;
  tallies_[{"kind", std::string(Name(a.kind)), outcome}] += sign;
  tallies_[{"channel", std::string(Name(a.channel)), outcome}] += sign;
  tallies_[{"month", iso.substr(0, 7), outcome}] += sign;
  for (const std::string& m : a.materials) tallies_[{"material", m, outcome}] += sign;
  if (IsReply(a.outcome) && a.replied_on) reply_delays_[*a.replied_on - a.asked_on] += sign;
  if (a.outcome == Outcome::kPending || a.outcome == Outcome::kSilent) waiting_[iso] += sign;
}

void TallyBook::CountMaterial(std::string_view material, Outcome outcome, int sign) {
  tallies_[{"material", std::string(material), std::string(Name(outcome))}] += sign;
}

void TallyBook::Clear() {
  tallies_.clear();
  reply_delays_.clear();
  waiting_.clear();
}

Status TallyBook::Apply(Id search_id, std::string_view table, std::string_view find_sql,
                        std::string_view insert_sql, const std::vector<std::string>& key,
                        int64_t delta) {
  Statement& find = db_->Prepare(find_sql);
  find.Bind(1, search_id);
  for (size_t i = 0; i < key.size(); ++i) find.Bind(static_cast<int>(i) + 2, key[i]);
  Result<bool> row = find.Step();
  if (!row.ok()) return row.status();
  if (*row) {
    const int64_t rowid = find.Int(0);
    find.Reset();
    KEEL_RETURN_IF_ERROR(journal_->RecordBefore(table, "update", "id", rowid));
    Statement& update = db_->Prepare(fmt::format("UPDATE {} SET n = n + ? WHERE id = ?", table));
    return update.Bind(1, delta).Bind(2, rowid).Run();
  }
  find.Reset();
  Statement& insert = db_->Prepare(insert_sql);
  insert.Bind(1, search_id);
  for (size_t i = 0; i < key.size(); ++i) insert.Bind(static_cast<int>(i) + 2, key[i]);
  insert.Bind(static_cast<int>(key.size()) + 2, delta);
  KEEL_RETURN_IF_ERROR(insert.Run());
  journal_->RecordInsert(table, db_->LastInsertRowid());
  return Status();
}

Status TallyBook::Flush(Id search_id) {
  for (const auto& [key, delta] : tallies_) {
    if (delta == 0) continue;
    KEEL_RETURN_IF_ERROR(
        Apply(search_id, "tallies",
              "SELECT id FROM tallies WHERE search_id = ? AND dim = ? AND key = ? AND outcome = ?",
              "INSERT INTO tallies (search_id, dim, key, outcome, n) VALUES (?, ?, ?, ?, ?)", key,
              delta));
  }
  for (const auto& [days, delta] : reply_delays_) {
    if (delta == 0) continue;
    KEEL_RETURN_IF_ERROR(Apply(search_id, "reply_delays",
                               "SELECT id FROM reply_delays WHERE search_id = ? AND days = ?",
                               "INSERT INTO reply_delays (search_id, days, n) VALUES (?, ?, ?)",
                               {std::to_string(days)}, delta));
  }
  for (const auto& [date, delta] : waiting_) {
    if (delta == 0) continue;
    KEEL_RETURN_IF_ERROR(Apply(
        search_id, "waiting_by_date",
        "SELECT id FROM waiting_by_date WHERE search_id = ? AND asked_on = ?",
        "INSERT INTO waiting_by_date (search_id, asked_on, n) VALUES (?, ?, ?)", {date}, delta));
  }
  Clear();
  return Status();
}

}  // namespace keel
