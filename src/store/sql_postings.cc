// Postings (schema 9), kept apart from sql_store.cc, which holds the ledger itself. Full-text
// search over them is the engine's (SqliteStore::SearchTexts, with FTS5).
//
// Listings cut each description in SQL (substr counts characters): a list of a hundred postings
// must not carry a hundred pasted pages.
#include <fmt/format.h>

#include <stdexcept>

#include "store/sql_store.h"

namespace keel {
namespace {

std::optional<Date> DateOrNull(const Statement& s, int column) {
  if (s.IsNull(column)) return std::nullopt;
  std::optional<Date> date = ParseIsoDate(s.Text(column));
  if (!date) throw std::runtime_error("database holds an invalid posting date");
  return date;
}

std::optional<int64_t> IntOrNull(const Statement& s, int column) {
  if (s.IsNull(column)) return std::nullopt;
  return s.Int(column);
}

void BindPosting(Statement& s, const PostingRecord& p) {
  s.Bind(2, p.opportunity_id).Bind(3, p.saved_on.ToIso()).Bind(4, p.url).Bind(5, p.description);
  if (p.deadline) {
    s.Bind(6, p.deadline->ToIso());
  } else {
    s.BindNull(6);
  }
  s.Bind(7, p.salary_min).Bind(8, p.salary_max).Bind(9, p.location).Bind(10, p.note);
}

}  // namespace

Result<Id> SqlStore::AddPosting(const PostingRecord& p) {
  Statement& s = db_->Prepare(
      "INSERT INTO postings (search_id, opportunity_id, saved_on, url, description, deadline, "
      "salary_min, salary_max, location, note, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "RETURNING id");
  s.Bind(1, search_id_);
  BindPosting(s, p);
  // The id when it is given (restoring a backup), else NULL: the next free one.
  s.Bind(11, p.id != 0 ? std::optional<Id>(p.id) : std::nullopt);
  return Insert("postings", s);
}

Status SqlStore::UpdatePosting(const PostingRecord& p) {
  KEEL_RETURN_IF_ERROR(journal_.RecordBefore("postings", "update", "id", p.id));
  Statement& s = db_->Prepare(
      "UPDATE postings SET opportunity_id = ?2, saved_on = ?3, url = ?4, description = ?5, "
      "deadline = ?6, salary_min = ?7, salary_max = ?8, location = ?9, note = ?10 "
      "WHERE id = ?11 AND search_id = ?1");
  s.Bind(1, search_id_);
  BindPosting(s, p);
  s.Bind(11, p.id);
  return s.Run();
}

Status SqlStore::DeletePosting(Id id) {
  KEEL_RETURN_IF_ERROR(journal_.RecordBefore("postings", "delete", "id", id));
  Statement& s = db_->Prepare("DELETE FROM postings WHERE id = ? AND search_id = ?");
  return s.Bind(1, id).Bind(2, search_id_).Run();
}

Result<std::vector<Posting>> SqlStore::QueryPostings(std::string_view where, std::string_view order,
                                                     int64_t description_chars,
                                                     const std::function<void(Statement&)>& bind) {
  // The opportunity's asks are counted in one pass over the search's asks, not once per posting.
  Statement& s = db_->Prepare(fmt::format(
      "SELECT p.id, p.opportunity_id, p.saved_on, p.url, substr(p.description, 1, CAST(?1 AS "
      "INTEGER)), "
      "p.deadline, p.salary_min, p.salary_max, p.location, p.note, o.name, op.title, "
      "length(p.description), coalesce(n.asks, 0) "
      "FROM postings p JOIN opportunities op ON op.id = p.opportunity_id{2} "
      "JOIN organizations o ON o.id = op.organization_id{3} "
      "LEFT JOIN (SELECT opportunity_id, count(*) AS asks FROM asks "
      "           WHERE search_id = ?2 AND opportunity_id IS NOT NULL GROUP BY opportunity_id) n "
      "  ON n.opportunity_id = p.opportunity_id "
      "WHERE p.search_id = ?2 AND ({0}) ORDER BY {1}",
      where, order, db_->dialect().AndInSearch("op"), db_->dialect().AndInSearch("o")));
  s.Bind(1, description_chars).Bind(2, search_id_);
  bind(s);
  std::vector<Posting> out;
  KEEL_RETURN_IF_ERROR(s.ForEachRow([&] {
    Posting p;
    PostingRecord& r = p.record;
    r.id = s.Int(0);
    r.opportunity_id = s.Int(1);
    std::optional<Date> saved = DateOrNull(s, 2);
    if (!saved) throw std::runtime_error("database holds a posting without its date");
    r.saved_on = *saved;
    r.url = s.Text(3);
    r.description = s.Text(4);
    r.deadline = DateOrNull(s, 5);
    r.salary_min = IntOrNull(s, 6);
    r.salary_max = IntOrNull(s, 7);
    r.location = s.Text(8);
    r.note = s.Text(9);
    p.org = s.Text(10);
    p.role = s.Text(11);
    p.description_chars = s.Int(12);
    p.asks = s.Int(13);
    out.push_back(std::move(p));
  }));
  return out;
}

namespace {
// Long enough for any description keel accepts (app/postings bounds them well below this).
// SQLite's substr() reads its length as a 32-bit int: more would wrap.
constexpr int64_t kWhole = 2147483647;
}  // namespace

Result<std::optional<Posting>> SqlStore::GetPosting(Id id) {
  Result<std::vector<Posting>> found =
      QueryPostings("p.id = ?3", "p.id", kWhole, [id](Statement& s) { s.Bind(3, id); });
  if (!found.ok()) return found.status();
  if (found->empty()) return std::optional<Posting>();
  return std::optional<Posting>(std::move(found->front()));
}

Result<std::vector<Posting>> SqlStore::ListPostings(int64_t description_chars) {
  return QueryPostings("1 = 1", "p.deadline IS NULL, p.deadline, p.id", description_chars,
                       [](Statement&) {});
}

Result<std::vector<Posting>> SqlStore::PostingsOf(Id opportunity_id) {
  return QueryPostings("p.opportunity_id = ?3", "p.id", kWhole,
                       [opportunity_id](Statement& s) { s.Bind(3, opportunity_id); });
}

Result<std::vector<Posting>> SqlStore::PostingsWithDeadline(Date from, Date until) {
  return QueryPostings(
      "p.deadline BETWEEN ?3 AND ?4", "p.deadline, p.id", 0,
      [from, until](Statement& s) { s.Bind(3, from.ToIso()).Bind(4, until.ToIso()); });
}

}  // namespace keel
