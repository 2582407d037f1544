// Interviews (schema 13): interviews holds each round (its start as a UTC instant in ISO
// text, which sorts as time does), interview_people the people met, in order. Every write goes
// through the journal like the rest of the ledger: an update journals the round's row and its
// people before replacing them, so `keel undo` restores a round exactly as it was; deleting an
// ask journals its rounds first, since the foreign keys' cascade deletes them out of the
// journal's sight.
#include <stdexcept>

#include "store/sql_store.h"

namespace keel {
namespace {

void BindInterview(Statement& s, const InterviewRecord& r) {
  s.Bind(2, r.ask_id).Bind(3, r.round).Bind(4, UtcIso(r.starts_at)).Bind(5, r.minutes);
  s.Bind(6, r.zone).Bind(7, r.prep);
}

}  // namespace

Status SqlStore::InsertInterviewPeople(const InterviewRecord& r) {
  int64_t position = 0;
  for (const InterviewPerson& p : r.people) {
    Statement& s = db_->Prepare(
        "INSERT INTO interview_people (search_id, interview_id, position, name, contact_id) "
        "VALUES (?, ?, ?, ?, ?) RETURNING id");
    s.Bind(1, search_id_).Bind(2, r.id).Bind(3, position++).Bind(4, p.name);
    if (p.contact_id == 0) {
      s.BindNull(5);
    } else {
      s.Bind(5, p.contact_id);
    }
    Result<Id> id = Insert("interview_people", s);
    if (!id.ok()) return id.status();
  }
  return Status();
}

Result<Id> SqlStore::AddInterview(const InterviewRecord& r) {
  Statement& s = db_->Prepare(
      "INSERT INTO interviews (search_id, ask_id, round, starts_at, minutes, zone, prep, id) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
  s.Bind(1, search_id_);
  BindInterview(s, r);
  // The id when it is given (restoring a backup), else NULL: the next free one.
  s.Bind(8, r.id != 0 ? std::optional<Id>(r.id) : std::nullopt);
  Result<Id> id = Insert("interviews", s);
  if (!id.ok()) return id;
  InterviewRecord stored = r;
  stored.id = *id;
  KEEL_RETURN_IF_ERROR(InsertInterviewPeople(stored));
  return id;
}

Status SqlStore::UpdateInterview(const InterviewRecord& r) {
  KEEL_RETURN_IF_ERROR(journal_.RecordBefore("interviews", "update", "id", r.id));
  Statement& s = db_->Prepare(
      "UPDATE interviews SET ask_id = ?2, round = ?3, starts_at = ?4, minutes = ?5, zone = ?6, "
      "prep = ?7 WHERE id = ?8 AND search_id = ?1");
  s.Bind(1, search_id_);
  BindInterview(s, r);
  s.Bind(8, r.id);
  KEEL_RETURN_IF_ERROR(s.Run());
  KEEL_RETURN_IF_ERROR(journal_.RecordBefore("interview_people", "delete", "interview_id", r.id));
  Statement& clear =
      db_->Prepare("DELETE FROM interview_people WHERE interview_id = ? AND search_id = ?");
  KEEL_RETURN_IF_ERROR(clear.Bind(1, r.id).Bind(2, search_id_).Run());
  return InsertInterviewPeople(r);
}

Status SqlStore::DeleteInterview(Id id) {
  KEEL_RETURN_IF_ERROR(journal_.RecordBefore("interview_people", "delete", "interview_id", id));
  KEEL_RETURN_IF_ERROR(journal_.RecordBefore("interviews", "delete", "id", id));
  Statement& s = db_->Prepare("DELETE FROM interviews WHERE id = ? AND search_id = ?");
  return s.Bind(1, id).Bind(2, search_id_).Run();
}

Status SqlStore::JournalInterviewsOf(Id ask_id) {
  Result<std::vector<InterviewRecord>> rounds = ListInterviews(ask_id, INT64_MIN);
  if (!rounds.ok()) return rounds.status();
  for (const InterviewRecord& r : *rounds) {
    KEEL_RETURN_IF_ERROR(journal_.RecordBefore("interview_people", "delete", "interview_id", r.id));
  }
  return journal_.RecordBefore("interviews", "delete", "ask_id", ask_id);
}

Result<std::optional<InterviewRecord>> SqlStore::GetInterview(Id id) {
  Statement& s = db_->Prepare("SELECT ask_id FROM interviews WHERE id = ? AND search_id = ?");
  s.Bind(1, id).Bind(2, search_id_);
  Result<bool> row = s.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<InterviewRecord>();
  const Id ask_id = s.Int(0);
  s.Reset();
  Result<std::vector<InterviewRecord>> rounds = ListInterviews(ask_id, INT64_MIN);
  if (!rounds.ok()) return rounds.status();
  for (InterviewRecord& r : *rounds) {
    if (r.id == id) return std::optional<InterviewRecord>(std::move(r));
  }
  return std::optional<InterviewRecord>();
}

Result<std::vector<InterviewRecord>> SqlStore::ListInterviews(Id ask_id, Instant from) {
  // An instant before 1900 stands for "every round": ISO text compares as time only within
  // four-digit years.
  const std::string from_text = from < -2208988800 ? std::string() : UtcIso(from);
  Statement& s = db_->Prepare(
      "SELECT id, ask_id, round, starts_at, minutes, zone, prep FROM interviews "
      "WHERE search_id = ?1 AND (?2 = 0 OR ask_id = ?2) AND starts_at >= ?3 "
      "ORDER BY starts_at, id");
  s.Bind(1, search_id_).Bind(2, ask_id).Bind(3, from_text);
  std::vector<InterviewRecord> out;
  KEEL_RETURN_IF_ERROR(s.ForEachRow([&] {
    InterviewRecord r;
    r.id = s.Int(0);
    r.ask_id = s.Int(1);
    r.round = s.Int(2);
    std::optional<Instant> at = ParseUtcIso(s.Text(3));
    if (!at) throw std::runtime_error("database holds an invalid interview time");
    r.starts_at = *at;
    r.minutes = s.Int(4);
    r.zone = s.Text(5);
    r.prep = s.Text(6);
    out.push_back(std::move(r));
  }));
  for (InterviewRecord& r : out) {
    Statement& p = db_->Prepare(
        "SELECT name, coalesce(contact_id, 0) FROM interview_people "
        "WHERE search_id = ? AND interview_id = ? ORDER BY position, id");
    p.Bind(1, search_id_).Bind(2, r.id);
    KEEL_RETURN_IF_ERROR(p.ForEachRow([&] {
      r.people.push_back(InterviewPerson{std::string(p.Text(0)), p.Int(1)});
    }));
  }
  return out;
}

}  // namespace keel
