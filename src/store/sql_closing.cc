// The search's closing (the accepted offer): one row per search in search_closings, kept
// apart from sql_store.cc, which holds the ledger itself. Both writes go through the journal, so
// `keel undo` reverts a close or a reopen exactly like any other change.
#include <stdexcept>

#include "store/sql_store.h"

namespace keel {

Result<std::optional<SearchClosing>> SqlStore::Closing() {
  Statement& s = db_->Prepare("SELECT ask_id, closed_on FROM search_closings WHERE search_id = ?");
  s.Bind(1, search_id_);
  std::optional<SearchClosing> out;
  KEEL_RETURN_IF_ERROR(s.ForEachRow([&] {
    std::optional<Date> on = ParseIsoDate(s.Text(1));
    if (!on) throw std::runtime_error("database holds an invalid closing date");
    out = SearchClosing{s.Int(0), *on};
  }));
  return out;
}

Status SqlStore::CloseSearch(const SearchClosing& closing) {
  Statement& s = db_->Prepare(
      "INSERT INTO search_closings (search_id, ask_id, closed_on) VALUES (?, ?, ?) RETURNING id");
  s.Bind(1, search_id_).Bind(2, closing.ask_id).Bind(3, closing.closed_on.ToIso());
  Result<Id> id = Insert("search_closings", s);
  return id.ok() ? Status() : id.status();
}

Status SqlStore::ReopenSearch() {
  KEEL_RETURN_IF_ERROR(journal_.RecordBefore("search_closings", "delete", "search_id", search_id_));
  Statement& s = db_->Prepare("DELETE FROM search_closings WHERE search_id = ?");
  return s.Bind(1, search_id_).Run();
}

}  // namespace keel
