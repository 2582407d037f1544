// Why row images rather than inverse commands: an inverse per command would have to be written
// (and kept right) for every command ever added; row images make undo exact for all of them,
// including ones that do not exist yet. Inserts are stored as rowid ranges, updates and deletes
// as the JSON image of the row before the change.
//
// Undo walks the change's entries backwards. For a change made only of inserts (an import), a new
// row extends its table's newest range unless a row of a table it references was inserted after
// that range began; so deleting the ranges in reverse order still removes children before
// parents, and an import interleaving organizations and asks journals two ranges.
//
// A row image holds the row's bytes exactly. Text keel stores now is UTF-8 (app/validate.h), but
// a database from an older keel may hold malformed bytes, which a JSON string cannot carry: such
// a value is kept as {"text_hex": "..."} and restored as the same bytes. Replacing the bad bytes
// (as the reports' JSON does) would make undo write back another row than the one the change
// replaced; refusing them would leave a row that can be read but never edited.
#include "store/journal.h"

#include <fmt/format.h>

#include <array>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "core/text.h"

namespace keel {
namespace {

// Undo builds SQL from table and column names read back from the journal; only our own tables
// are ever accepted, so a tampered journal cannot make undo run arbitrary SQL.
constexpr std::array<std::string_view, 21> kJournaledTables = {
    "organizations",     "contacts",     "opportunities",     "materials",
    "material_versions", "asks",         "ask_materials",     "follow_ups",
    "tallies",           "reply_delays", "waiting_by_date",   "feedback",
    "actions",           "pivots",       "strategy_versions", "earlier_answers",
    "search_closings",   "postings",     "weekly_goals",      "interviews",
    "interview_people"};

bool IsJournaledTable(std::string_view table) {
  for (std::string_view t : kJournaledTables) {
    if (t == table) return true;
  }
  return false;
}

// Whether rows of `child` may reference rows of `parent` (the foreign keys of the schema).
bool References(std::string_view child, std::string_view parent) {
  struct Edge {
    std::string_view child, parent;
  };
  constexpr Edge kEdges[] = {{"contacts", "organizations"},
                             {"opportunities", "organizations"},
                             {"material_versions", "materials"},
                             {"asks", "organizations"},
                             {"asks", "contacts"},
                             {"asks", "opportunities"},
                             {"ask_materials", "asks"},
                             {"ask_materials", "material_versions"},
                             {"follow_ups", "asks"},
                             {"feedback", "asks"},
                             {"pivots", "asks"},
                             {"earlier_answers", "asks"},
                             {"search_closings", "asks"},
                             {"postings", "opportunities"},
                             {"interviews", "asks"},
                             {"interview_people", "interviews"},
                             {"interview_people", "contacts"}};
  for (const Edge& e : kEdges) {
    if (e.child == child && e.parent == parent) return true;
  }
  return false;
}

std::string Hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (char c : bytes) {
    const auto b = static_cast<unsigned char>(c);
    out.push_back(kDigits[b >> 4]);
    out.push_back(kDigits[b & 0xF]);
  }
  return out;
}

std::string FromHex(const std::string& hex) {
  const auto digit = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    throw std::runtime_error("journal holds a malformed hex value");
  };
  if (hex.size() % 2 != 0) throw std::runtime_error("journal holds a malformed hex value");
  std::string out;
  out.reserve(hex.size() / 2);
  for (size_t i = 0; i < hex.size(); i += 2) {
    out.push_back(static_cast<char>(digit(hex[i]) * 16 + digit(hex[i + 1])));
  }
  return out;
}

// A text value as the image keeps it: as a string, or in hex when it is not UTF-8.
nlohmann::json TextImage(std::string_view text) {
  if (FindInvalidUtf8(text)) return nlohmann::json{{"text_hex", Hex(text)}};
  return std::string(text);
}

bool IsPlainIdentifier(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || c == '_' || (c >= '0' && c <= '9'))) return false;
  }
  return true;
}

}  // namespace

void Journal::Clear() {
  entries_.clear();
  only_inserts_ = true;
}

void Journal::RecordInsert(std::string_view table, int64_t rowid) {
  if (only_inserts_) {
    // Extend the table's newest range, unless a row of a table it references was inserted
    // since: undo deletes in reverse order, and must delete this row before that parent.
    for (size_t i = entries_.size(); i-- > 0;) {
      Entry& e = entries_[i];
      if (e.table == table) {
        if (e.last_rowid + 1 != rowid) break;
        e.last_rowid = rowid;
        return;
      }
      if (References(table, e.table)) break;
    }
  } else if (!entries_.empty() && entries_.back().op == "insert" &&
             entries_.back().table == table && entries_.back().last_rowid + 1 == rowid) {
    entries_.back().last_rowid = rowid;
    return;
  }
  entries_.push_back(Entry{std::string(table), "insert", rowid, rowid, {}});
}

Status Journal::RecordBefore(std::string_view table, std::string_view op, std::string_view column,
                             int64_t value) {
  only_inserts_ = false;
  Statement& select = db_->Prepare(fmt::format("SELECT {} AS keel_rowid, * FROM {} WHERE {} = ?{}",
                                               db_->dialect().RowKey(), table, column,
                                               db_->dialect().AndInSearch(table)));
  select.Bind(1, value);
  for (;;) {
    Result<bool> row = select.Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    nlohmann::json image = nlohmann::json::object();
    for (int c = 1; c < select.ColumnCount(); ++c) {
      const std::string name(select.ColumnName(c));
      switch (select.Kind(c)) {
        case ColumnKind::kNull:
          image[name] = nullptr;
          break;
        case ColumnKind::kInteger:
          image[name] = select.Int(c);
          break;
        case ColumnKind::kReal:
          image[name] = select.Real(c);
          break;
        default:
          image[name] = TextImage(select.Text(c));
          break;
      }
    }
    const int64_t rowid = select.Int(0);
    entries_.push_back(Entry{std::string(table), std::string(op), rowid, rowid, image.dump()});
  }
  return Status();
}

Status Journal::Flush(Id search_id, std::string_view summary, std::string_view made_by) {
  if (entries_.empty()) return Status();
  Statement& change = db_->Prepare(
      "INSERT INTO changes (search_id, summary, made_by) VALUES (?, ?, ?) RETURNING id");
  Result<bool> added = change.Bind(1, search_id).Bind(2, summary).Bind(3, made_by).Step();
  if (!added.ok()) return added.status();
  const int64_t change_id = change.Int(0);
  change.Reset();
  Statement& row = db_->Prepare(
      "INSERT INTO change_rows (change_id, seq, tbl, op, first_rowid, last_rowid, before) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)");
  int seq = 0;
  for (const Entry& e : entries_) {
    row.Reset();
    row.Bind(1, change_id).Bind(2, seq++).Bind(3, e.table).Bind(4, e.op);
    row.Bind(5, e.first_rowid).Bind(6, e.last_rowid);
    if (e.before.empty()) {
      row.BindNull(7);
    } else {
      row.Bind(7, e.before);
    }
    KEEL_RETURN_IF_ERROR(row.Run());
  }
  Clear();
  return Status();
}

Status Journal::Revert(const Entry& e) {
  if (!IsJournaledTable(e.table)) {
    throw std::runtime_error(fmt::format("journal names an unknown table '{}'", e.table));
  }
  if (e.op == "insert") {
    Statement& del =
        db_->Prepare(fmt::format("DELETE FROM {} WHERE {} BETWEEN ? AND ?{}", e.table,
                                 db_->dialect().RowKey(), db_->dialect().AndInSearch(e.table)));
    return del.Bind(1, e.first_rowid).Bind(2, e.last_rowid).Run();
  }
  const nlohmann::json image = nlohmann::json::parse(e.before);
  const std::string_view key = db_->dialect().RowKey();
  // SQLite's image holds the columns, not the rowid (it names it apart, as keel_rowid); on
  // PostgreSQL the row key is the `id` column, which the image holds already.
  const bool key_in_image = image.contains(std::string(key));
  std::string columns;
  std::string values;
  std::string assignments;
  for (const auto& [name, value] : image.items()) {
    if (!IsPlainIdentifier(name)) {
      throw std::runtime_error(fmt::format("journal names an odd column '{}'", name));
    }
    const std::string_view sep = columns.empty() ? "" : ", ";
    columns += fmt::format("{}{}", sep, name);
    values += fmt::format("{}?", sep);
    assignments += fmt::format("{}{} = ?", sep, name);
  }
  const bool bind_key_first = e.op != "update" && !key_in_image;
  Statement& restore =
      e.op == "update"
          ? db_->Prepare(fmt::format("UPDATE {} SET {} WHERE {} = ?{}", e.table, assignments, key,
                                     db_->dialect().AndInSearch(e.table)))
      : bind_key_first
          ? db_->Prepare(fmt::format("INSERT INTO {} ({}, {}) VALUES (?, {})", e.table, key,
                                     columns, values))
          : db_->Prepare(fmt::format("INSERT INTO {} ({}) VALUES ({})", e.table, columns, values));
  int index = bind_key_first ? 2 : 1;
  for (const auto& [name, value] : image.items()) {
    if (value.is_null()) {
      restore.BindNull(index);
    } else if (value.is_number_integer()) {
      restore.Bind(index, value.get<int64_t>());
    } else if (value.is_number()) {
      restore.Bind(index, value.get<double>());
    } else if (value.is_object()) {
      restore.Bind(index, FromHex(value.at("text_hex").get<std::string>()));
    } else {
      restore.Bind(index, value.get<std::string>());
    }
    ++index;
  }
  if (e.op == "update") {
    restore.Bind(index, e.first_rowid);
  } else if (bind_key_first) {
    restore.Bind(1, e.first_rowid);
  }
  return restore.Run();
}

Result<std::optional<UndoneChange>> Journal::LastChange(Id search_id) {
  Statement& last = db_->Prepare(
      "SELECT id, summary, made_at, made_by FROM changes WHERE search_id = ? AND undone_at IS NULL "
      "ORDER BY id DESC LIMIT 1");
  last.Bind(1, search_id);
  Result<bool> found = last.Step();
  if (!found.ok()) return found.status();
  std::optional<UndoneChange> change;
  if (*found)
    change = UndoneChange{last.Int(0), std::string(last.Text(1)), std::string(last.Text(2)),
                          std::string(last.Text(3))};
  last.Reset();
  return change;
}

Result<std::optional<UndoneChange>> Journal::UndoLast(Id search_id) {
  Result<std::optional<UndoneChange>> last = LastChange(search_id);
  if (!last.ok() || !*last) return last;
  UndoneChange undone = **last;

  std::vector<Entry> entries;
  Statement& rows = db_->Prepare(
      "SELECT tbl, op, first_rowid, last_rowid, before FROM change_rows WHERE change_id = ?" +
      db_->dialect().AndInSearch("change_rows") + " ORDER BY seq DESC");
  rows.Bind(1, undone.change_id);
  for (;;) {
    Result<bool> row = rows.Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    entries.push_back(Entry{std::string(rows.Text(0)), std::string(rows.Text(1)), rows.Int(2),
                            rows.Int(3), std::string(rows.Text(4))});
  }
  rows.Reset();
  for (const Entry& e : entries) KEEL_RETURN_IF_ERROR(Revert(e));
  Statement& mark =
      db_->Prepare(fmt::format("UPDATE changes SET undone_at = {} WHERE id = ?{}",
                               db_->dialect().NowUtc(), db_->dialect().AndInSearch("changes")));
  KEEL_RETURN_IF_ERROR(mark.Bind(1, undone.change_id).Run());
  return std::optional<UndoneChange>(std::move(undone));
}

}  // namespace keel
