#include "store/tallies.h"

#include <fmt/format.h>

namespace keel {

void TallyBook::Bump(std::string_view dim, std::string_view key, std::string_view outcome,
                     int64_t delta) {
  scratch_.assign(dim).push_back('\x1f');
  scratch_.append(key).push_back('\x1f');
  scratch_.append(outcome);
  auto it = tallies_.find(scratch_);
  if (it == tallies_.end()) it = tallies_.emplace(scratch_, 0).first;
  it->second += delta;
}

void TallyBook::Count(const AskFacts& a, int sign) {
  const std::string_view outcome = Name(a.outcome);
  const std::string iso = a.asked_on.ToIso();
  Bump("all", "", outcome, sign);
  Bump("kind", Name(a.kind), outcome, sign);
  Bump("channel", Name(a.channel), outcome, sign);
  Bump("month", std::string_view(iso).substr(0, 7), outcome, sign);
  for (const std::string& m : a.materials) Bump("material", m, outcome, sign);
  // The curve's event is the ask's first answer; an ask that never had one is still waiting.
  if (a.answered_before) {
    if (a.first_replied_on) reply_delays_[*a.first_replied_on - a.asked_on] += sign;
  } else if (IsReply(a.outcome) && a.replied_on) {
    reply_delays_[*a.replied_on - a.asked_on] += sign;
  } else if (a.outcome == Outcome::kPending || a.outcome == Outcome::kSilent) {
    waiting_[iso] += sign;
  }
}

void TallyBook::CountMaterial(std::string_view material, Outcome outcome, int sign) {
  Bump("material", material, Name(outcome), sign);
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
    Statement& update =
        db_->Prepare(fmt::format("UPDATE {} SET n = n + ? WHERE search_id = ? AND id = ?", table));
    return update.Bind(1, delta).Bind(2, search_id).Bind(3, rowid).Run();
  }
  find.Reset();
  Statement& insert = db_->Prepare(insert_sql);
  insert.Bind(1, search_id);
  for (size_t i = 0; i < key.size(); ++i) insert.Bind(static_cast<int>(i) + 2, key[i]);
  insert.Bind(static_cast<int>(key.size()) + 2, delta);
  Result<bool> added = insert.Step();
  if (!added.ok()) return added.status();
  const int64_t id = insert.Int(0);
  insert.Reset();
  journal_->RecordInsert(table, id);
  return Status();
}

Status TallyBook::Flush(Id search_id) {
  for (const auto& [flat, delta] : tallies_) {
    if (delta == 0) continue;
    const size_t first = flat.find('\x1f');
    const size_t second = flat.find('\x1f', first + 1);
    const std::vector<std::string> key = {
        flat.substr(0, first), flat.substr(first + 1, second - first - 1), flat.substr(second + 1)};
    KEEL_RETURN_IF_ERROR(
        Apply(search_id, "tallies",
              "SELECT id FROM tallies WHERE search_id = ? AND dim = ? AND key = ? AND outcome = ?",
              "INSERT INTO tallies (search_id, dim, key, outcome, n) VALUES (?, ?, ?, ?, ?) "
              "RETURNING id",
              key, delta));
  }
  for (const auto& [days, delta] : reply_delays_) {
    if (delta == 0) continue;
    KEEL_RETURN_IF_ERROR(Apply(
        search_id, "reply_delays", "SELECT id FROM reply_delays WHERE search_id = ? AND days = ?",
        "INSERT INTO reply_delays (search_id, days, n) VALUES (?, ?, ?) RETURNING id",
        {std::to_string(days)}, delta));
  }
  for (const auto& [date, delta] : waiting_) {
    if (delta == 0) continue;
    KEEL_RETURN_IF_ERROR(
        Apply(search_id, "waiting_by_date",
              "SELECT id FROM waiting_by_date WHERE search_id = ? AND asked_on = ?",
              "INSERT INTO waiting_by_date (search_id, asked_on, n) VALUES (?, ?, ?) RETURNING id",
              {date}, delta));
  }
  Clear();
  return Status();
}

}  // namespace keel
