#include "store/sqlite_store.h"

#include <fmt/format.h>

#include <chrono>
#include <thread>
#include <unordered_map>

#include "store/migrations.h"

namespace keel {
namespace {

std::optional<Date> DateColumn(const Statement& s, int column) {
  if (s.IsNull(column)) return std::nullopt;
  return ParseIsoDate(s.Text(column));
}

std::optional<std::string> IsoOrNull(const std::optional<Date>& date) {
  if (!date) return std::nullopt;
  return date->ToIso();
}

// Values read back were validated on the way in (CHECK constraints); a mismatch is corruption.
template <typename T>
T Checked(Result<T> value) {
  if (!value.ok()) throw std::runtime_error("database holds an invalid value: " + value.message());
  return std::move(value).value();
}

void BindAsk(Statement& s, const AskRecord& a, Id search_id) {
  s.Bind(1, search_id).Bind(2, a.asked_on.ToIso()).Bind(3, a.org_id);
  if (a.contact_id)
    s.Bind(4, a.contact_id);
  else
    s.BindNull(4);
  if (a.opportunity_id)
    s.Bind(5, a.opportunity_id);
  else
    s.BindNull(5);
  s.Bind(6, Name(a.kind)).Bind(7, Name(a.channel)).Bind(8, Name(a.outcome));
  s.Bind(9, IsoOrNull(a.replied_on)).Bind(10, IsoOrNull(a.until));
  s.Bind(11, a.reason).Bind(12, a.note).Bind(13, a.reason_theme);
  s.Bind(14, a.facets.industry).Bind(15, a.facets.location).Bind(16, a.facets.seniority);
  s.Bind(17, a.facets.remote).Bind(18, a.facets.salary);
  if (a.via_contact_id)
    s.Bind(19, a.via_contact_id);
  else
    s.BindNull(19);
}

// A record's id when it is given (restoring a backup), else NULL: the next free rowid.
void BindIdOrNull(Statement& s, int index, Id id) {
  if (id)
    s.Bind(index, id);
  else
    s.BindNull(index);
}

// Reads reason_theme and the facets from `first` on, in BindAsk's order.
void ReadFacets(const Statement& s, int first, std::optional<std::string>& reason_theme,
                Facets& facets) {
  if (!s.IsNull(first)) reason_theme = std::string(s.Text(first));
  facets.industry = s.Text(first + 1);
  facets.location = s.Text(first + 2);
  facets.seniority = s.Text(first + 3);
  facets.remote = s.Text(first + 4);
  if (!s.IsNull(first + 5)) facets.salary = s.Int(first + 5);
}

}  // namespace

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path) {
  Result<std::unique_ptr<SqliteDb>> db = SqliteDb::Open(path, /*create=*/true);
  if (!db.ok()) return db.status();
  // Migrate reads the file first: a foreign or damaged file is refused before anything changes.
  Status migrated = Migrate(**db);
  (*db)->ResetAll();  // no statement may keep a read open: it would defeat the busy timeout
  KEEL_RETURN_IF_ERROR(migrated);
  KEEL_RETURN_IF_ERROR((*db)->EnableWal());
  return std::unique_ptr<SqliteStore>(new SqliteStore(std::move(db).value()));
}

SqliteStore::SqliteStore(std::unique_ptr<SqliteDb> db)
    : db_(std::move(db)), journal_(db_.get()), tallies_(db_.get(), &journal_) {}

AskFacts SqliteStore::Facts(const AskRecord& r) {
  return AskFacts{r.asked_on, r.kind, r.channel, r.outcome, r.replied_on, {}, false, std::nullopt};
}

Result<AskFacts> SqliteStore::FactsWithHistory(Id id, const AskRecord& record) {
  AskFacts facts = Facts(record);
  Statement& s =
      db_->Prepare("SELECT replied_on FROM earlier_answers WHERE ask_id = ? ORDER BY id LIMIT 1");
  Result<bool> row = s.Bind(1, id).Step();
  if (!row.ok()) return row.status();
  if (*row) {
    facts.answered_before = true;
    facts.first_replied_on = DateColumn(s, 0);
  }
  s.Reset();
  return facts;
}

Result<std::string> SqliteStore::VersionName(Id version_id) {
  if (auto it = version_names_.find(version_id); it != version_names_.end()) return it->second;
  Statement& s = db_->Prepare(
      "SELECT m.name || '@' || v.version FROM material_versions v "
      "JOIN materials m ON m.id = v.material_id WHERE v.id = ?");
  Result<bool> row = s.Bind(1, version_id).Step();
  if (!row.ok()) return row.status();
  std::string name(*row ? s.Text(0) : std::string_view());
  s.Reset();
  version_names_[version_id] = name;
  return name;
}

Result<std::vector<std::string>> SqliteStore::MaterialsOf(Id ask_id) {
  Statement& s = db_->Prepare("SELECT material_version_id FROM ask_materials WHERE ask_id = ?");
  s.Bind(1, ask_id);
  std::vector<Id> ids;
  KEEL_RETURN_IF_ERROR(s.ForEachRow([&] { ids.push_back(s.Int(0)); }));
  std::vector<std::string> names;
  for (Id id : ids) {
    Result<std::string> name = VersionName(id);
    if (!name.ok()) return name.status();
    names.push_back(std::move(name).value());
  }
  return names;
}

// SQLite's busy handler retries a BEGIN for up to the busy timeout while another connection
// holds the lock (plain SQLITE_BUSY), so that wait is bounded already. It returns at once for the
// brief states it cannot wait on: a WAL being recovered by another connection
// (SQLITE_BUSY_RECOVERY), a stale read snapshot (SQLITE_BUSY_SNAPSHOT), a shared-cache lock
// (SQLITE_LOCKED). Those clear in moments, so BEGIN is retried a bounded number of times.
//
// A transaction still open on this connection can only be one an earlier failure left behind
// (keel never nests them; every use goes through app/transaction.h's guard): it is rolled back
// first, so that one lost rollback cannot keep a long-lived connection (keel serve's, one per
// worker) holding the write lock and locking every other program out.
Status SqliteStore::Begin(std::string_view sql) {
  if (in_transaction_ || sqlite3_get_autocommit(db_->handle()) == 0) Rollback();
  constexpr int kAttempts = 5;
  for (int attempt = 1;; ++attempt) {
    Status begun = db_->Exec(sql);
    if (begun.ok() || begun.code() != ErrorCode::kBusy || attempt == kAttempts) return begun;
    if (sqlite3_extended_errcode(db_->handle()) == SQLITE_BUSY) return begun;  // waited already
    std::this_thread::sleep_for(std::chrono::milliseconds(10 * attempt));
  }
}

Status SqliteStore::BeginWrite(std::string_view summary) {
  // A damaged file is never written on (the check runs when the file changed since the last).
  KEEL_RETURN_IF_ERROR(db_->CheckIntact());
  // IMMEDIATE takes the write lock now, so a busy database fails before any work is done.
  KEEL_RETURN_IF_ERROR(Begin("BEGIN IMMEDIATE"));
  in_transaction_ = true;
  if (std::optional<int32_t> stamp = db_->TakeStampToRecord()) {
    KEEL_RETURN_IF_ERROR(db_->Exec(fmt::format("PRAGMA user_version = {}", *stamp)));
  }
  journal_.Clear();
  last_added_ask_ = 0;
  change_summary_ = summary;
  return Status();
}

Status SqliteStore::BeginBulkWrite(std::string_view summary) {
  // Foreign-key checks cost a lookup per reference per row; the pragma only takes effect
  // outside a transaction, so it is switched off before BEGIN and back on at the end.
  KEEL_RETURN_IF_ERROR(db_->Exec("PRAGMA foreign_keys = OFF"));
  foreign_keys_off_ = true;
  Status begun = BeginWrite(summary);
  if (!begun.ok()) RestoreForeignKeys();
  return begun;
}

void SqliteStore::RestoreForeignKeys() {
  if (foreign_keys_off_) db_->Exec("PRAGMA foreign_keys = ON");
  foreign_keys_off_ = false;
}

Status SqliteStore::BeginRead() {
  KEEL_RETURN_IF_ERROR(Begin("BEGIN"));
  in_transaction_ = true;
  return Status();
}

Status SqliteStore::Commit() {
  KEEL_RETURN_IF_ERROR(tallies_.Flush(search_id_));
  KEEL_RETURN_IF_ERROR(journal_.Flush(search_id_, change_summary_));
  db_->ResetAll();
  KEEL_RETURN_IF_ERROR(db_->Exec("COMMIT"));
  in_transaction_ = false;
  if (foreign_keys_off_) {
    // A bulk load leaves a WAL as large as the data; fold it into the database now rather than
    // have every later command re-read it. A failure here loses nothing: the data is committed.
    db_->Exec("PRAGMA wal_checkpoint(TRUNCATE)");
  }
  RestoreForeignKeys();
  return Status();
}

void SqliteStore::Rollback() {
  last_added_ask_ = 0;
  db_->ResetAll();
  if (in_transaction_) db_->Exec("ROLLBACK");
  in_transaction_ = false;
  journal_.Clear();
  tallies_.Clear();
  version_names_.clear();
  RestoreForeignKeys();  // ids of versions created in the abandoned transaction may recur
}

Result<std::optional<Id>> SqliteStore::FindId(std::string_view sql, std::string_view name,
                                              Id extra) {
  Statement& s = db_->Prepare(sql);
  s.Bind(1, search_id_).Bind(2, name);
  if (extra) s.Bind(3, extra);
  Result<bool> row = s.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<Id>();
  return std::optional<Id>(s.Int(0));
}

Result<Id> SqliteStore::Insert(std::string_view table, Statement& insert) {
  KEEL_RETURN_IF_ERROR(insert.Run());
  const Id id = db_->LastInsertRowid();
  journal_.RecordInsert(table, id);
  return id;
}

Result<std::vector<Named>> SqliteStore::Organizations() {
  Statement& s = db_->Prepare("SELECT id, name FROM organizations WHERE search_id = ? ORDER BY id");
  s.Bind(1, search_id_);
  std::vector<Named> out;
  KEEL_RETURN_IF_ERROR(s.ForEachRow([&] {
    out.push_back(Named{s.Int(0), std::string(s.Text(1))});
  }));
  return out;
}

Result<std::optional<Id>> SqliteStore::FindOrganization(std::string_view name) {
  return FindId("SELECT id FROM organizations WHERE search_id = ? AND name = ? COLLATE NOCASE",
                name);
}

Result<Id> SqliteStore::AddOrganization(std::string_view name) {
  Statement& s = db_->Prepare("INSERT INTO organizations (search_id, name) VALUES (?, ?)");
  s.Bind(1, search_id_).Bind(2, name);
  return Insert("organizations", s);
}

Result<std::vector<Named>> SqliteStore::Contacts() {
  Statement& s = db_->Prepare("SELECT id, name FROM contacts WHERE search_id = ? ORDER BY id");
  s.Bind(1, search_id_);
  std::vector<Named> out;
  KEEL_RETURN_IF_ERROR(s.ForEachRow([&] {
    out.push_back(Named{s.Int(0), std::string(s.Text(1))});
  }));
  return out;
}

Result<std::optional<Id>> SqliteStore::FindContact(std::string_view name) {
  return FindId("SELECT id FROM contacts WHERE search_id = ? AND name = ? COLLATE NOCASE", name);
}

Result<Id> SqliteStore::AddContact(std::string_view name, Id org_id) {
  Statement& s =
      db_->Prepare("INSERT INTO contacts (search_id, name, organization_id) VALUES (?, ?, ?)");
  s.Bind(1, search_id_).Bind(2, name);
  if (org_id)
    s.Bind(3, org_id);
  else
    s.BindNull(3);
  return Insert("contacts", s);
}

Result<Id> SqliteStore::EnsureOpportunity(Id org_id, std::string_view title) {
  Result<std::optional<Id>> found = FindId(
      "SELECT id FROM opportunities WHERE search_id = ? AND title = ? COLLATE NOCASE "
      "AND organization_id = ?",
      title, org_id);
  if (!found.ok()) return found.status();
  if (*found) return **found;
  Statement& s = db_->Prepare(
      "INSERT INTO opportunities (search_id, organization_id, title) VALUES (?, ?, ?)");
  s.Bind(1, search_id_).Bind(2, org_id).Bind(3, title);
  return Insert("opportunities", s);
}

Result<Id> SqliteStore::EnsureMaterialVersion(const MaterialRef& ref) {
  Result<std::optional<Id>> material =
      FindId("SELECT id FROM materials WHERE search_id = ? AND name = ? COLLATE NOCASE", ref.name);
  if (!material.ok()) return material.status();
  Id material_id = material->value_or(0);
  if (!material_id) {
    Statement& s = db_->Prepare("INSERT INTO materials (search_id, name) VALUES (?, ?)");
    s.Bind(1, search_id_).Bind(2, ref.name);
    Result<Id> id = Insert("materials", s);
    if (!id.ok()) return id;
    material_id = *id;
  }
  Statement& find = db_->Prepare(
      "SELECT id FROM material_versions WHERE material_id = ? AND version = ? COLLATE NOCASE");
  find.Bind(1, material_id).Bind(2, ref.version);
  Result<bool> row = find.Step();
  if (!row.ok()) return row.status();
  if (*row) return find.Int(0);
  Statement& s = db_->Prepare("INSERT INTO material_versions (material_id, version) VALUES (?, ?)");
  s.Bind(1, material_id).Bind(2, ref.version);
  return Insert("material_versions", s);
}

Result<Id> SqliteStore::InsertAsk(Id id, const AskRecord& ask) {
  // id NULL takes the next rowid (max + 1).
  Statement& s = db_->Prepare(
      "INSERT INTO asks (search_id, asked_on, organization_id, contact_id, opportunity_id, kind, "
      "channel, outcome, replied_on, until_on, reason, note, reason_theme, industry, location, "
      "seniority, remote, salary, via_contact_id, id) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  BindAsk(s, ask, search_id_);
  if (id)
    s.Bind(20, id);
  else
    s.BindNull(20);
  Result<Id> added = Insert("asks", s);
  last_added_ask_ = added.ok() ? *added : 0;
  last_added_outcome_ = ask.outcome;
  if (added.ok()) tallies_.Count(Facts(ask), +1);
  return added;
}

Result<Id> SqliteStore::AddAsk(const AskRecord& ask) { return InsertAsk(0, ask); }

Status SqliteStore::AddAskWithId(Id id, const AskRecord& ask) {
  if (id <= 0) return Error{fmt::format("ask id {} is not a positive number", id)};
  return InsertAsk(id, ask).status();
}

Result<Id> SqliteStore::AddEarlierAnswer(Id ask_id, const AnswerRecord& answer) {
  if (!IsReply(answer.outcome)) {
    return Error{
        fmt::format("an ask's answer history keeps replies only, not '{}'", Name(answer.outcome))};
  }
  Result<std::optional<AskRecord>> record = GetAskRecord(ask_id);
  if (!record.ok()) return record.status();
  if (!*record) return Error{fmt::format("there is no ask #{}", ask_id)};
  Result<AskFacts> before = FactsWithHistory(ask_id, **record);
  if (!before.ok()) return before.status();
  Statement& s = db_->Prepare(
      "INSERT INTO earlier_answers (search_id, ask_id, outcome, replied_on, until_on, reason, "
      "reason_theme) VALUES (?, ?, ?, ?, ?, ?, ?)");
  s.Bind(1, search_id_).Bind(2, ask_id).Bind(3, Name(answer.outcome));
  s.Bind(4, IsoOrNull(answer.replied_on)).Bind(5, IsoOrNull(answer.until));
  s.Bind(6, answer.reason).Bind(7, answer.reason_theme);
  Result<Id> id = Insert("earlier_answers", s);
  if (!id.ok()) return id;
  Result<AskFacts> after = FactsWithHistory(ask_id, **record);
  if (!after.ok()) return after.status();
  tallies_.Count(*before, -1);
  tallies_.Count(*after, +1);
  return id;
}

Result<std::vector<AnswerRecord>> SqliteStore::EarlierAnswers(Id ask_id) {
  Statement& s = db_->Prepare(
      "SELECT id, ask_id, outcome, replied_on, until_on, reason, reason_theme "
      "FROM earlier_answers WHERE search_id = ?1 AND (?2 = 0 OR ask_id = ?2) ORDER BY ask_id, id");
  s.Bind(1, search_id_).Bind(2, ask_id);
  std::vector<AnswerRecord> out;
  KEEL_RETURN_IF_ERROR(s.ForEachRow([&] {
    AnswerRecord a;
    a.id = s.Int(0);
    a.ask_id = s.Int(1);
    a.outcome = Checked(ParseOutcome(s.Text(2)));
    a.replied_on = DateColumn(s, 3);
    a.until = DateColumn(s, 4);
    a.reason = s.Text(5);
    if (!s.IsNull(6)) a.reason_theme = std::string(s.Text(6));
    out.push_back(std::move(a));
  }));
  return out;
}

Status SqliteStore::UpdateAsk(Id id, const AskRecord& ask) {
  // An update that changes nothing is not journaled, so undo never steps through a no-op.
  Result<std::optional<AskRecord>> current = GetAskRecord(id);
  if (!current.ok()) return current.status();
  if (!*current) return Status();
  if (**current == ask) return Status();
  Result<AskFacts> before = FactsWithHistory(id, **current);
  if (!before.ok()) return before.status();
  AskFacts after = Facts(ask);
  after.answered_before = before->answered_before;
  after.first_replied_on = before->first_replied_on;
  tallies_.Count(*before, -1);
  tallies_.Count(after, +1);
  if ((*current)->outcome != ask.outcome) {
    Result<std::vector<std::string>> materials = MaterialsOf(id);
    if (!materials.ok()) return materials.status();
    for (const std::string& m : *materials) {
      tallies_.CountMaterial(m, (*current)->outcome, -1);
      tallies_.CountMaterial(m, ask.outcome, +1);
    }
  }
  KEEL_RETURN_IF_ERROR(journal_.RecordBefore("asks", "update", "id", id));
  Statement& s = db_->Prepare(
      "UPDATE asks SET search_id = ?, asked_on = ?, organization_id = ?, contact_id = ?, "
      "opportunity_id = ?, kind = ?, channel = ?, outcome = ?, replied_on = ?, until_on = ?, "
      "reason = ?, note = ?, reason_theme = ?, industry = ?, location = ?, seniority = ?, "
      "remote = ?, salary = ?, via_contact_id = ? WHERE id = ?");
  BindAsk(s, ask, search_id_);
  s.Bind(20, id);
  return s.Run();
}

Status SqliteStore::SetAskMaterials(Id ask_id, const std::vector<Id>& version_ids) {
  // The ask just added has no links yet: skipping the snapshot keeps an import's journal
  // insert-only (compact ranges) and saves a query per row.
  bool has_links = false;
  Outcome outcome = last_added_outcome_;
  if (ask_id != last_added_ask_) {
    Result<std::optional<AskRecord>> record = GetAskRecord(ask_id);
    if (!record.ok()) return record.status();
    if (!*record) return Error{fmt::format("there is no ask #{}", ask_id)};
    outcome = (*record)->outcome;
    Statement& any = db_->Prepare("SELECT EXISTS (SELECT 1 FROM ask_materials WHERE ask_id = ?)");
    Result<bool> row = any.Bind(1, ask_id).Step();
    if (!row.ok()) return row.status();
    has_links = any.Int(0) != 0;
    any.Reset();
  }
  if (has_links) {
    Result<std::vector<std::string>> old = MaterialsOf(ask_id);
    if (!old.ok()) return old.status();
    for (const std::string& m : *old) tallies_.CountMaterial(m, outcome, -1);
    KEEL_RETURN_IF_ERROR(journal_.RecordBefore("ask_materials", "delete", "ask_id", ask_id));
    Statement& clear = db_->Prepare("DELETE FROM ask_materials WHERE ask_id = ?");
    KEEL_RETURN_IF_ERROR(clear.Bind(1, ask_id).Run());
  }
  for (Id version : version_ids) {
    Statement& s = db_->Prepare(
        "INSERT OR IGNORE INTO ask_materials (ask_id, material_version_id) VALUES (?, ?)");
    s.Bind(1, ask_id).Bind(2, version);
    KEEL_RETURN_IF_ERROR(s.Run());
    if (db_->Changes() == 0) continue;  // listed twice
    journal_.RecordInsert("ask_materials", db_->LastInsertRowid());
    Result<std::string> name = VersionName(version);
    if (!name.ok()) return name.status();
    tallies_.CountMaterial(*name, outcome, +1);
  }
  return Status();
}

Status SqliteStore::DeleteAsk(Id id) {
  Result<std::optional<AskRecord>> record = GetAskRecord(id);
  if (!record.ok()) return record.status();
  if (!*record) return Status();
  Result<AskFacts> facts = FactsWithHistory(id, **record);
  if (!facts.ok()) return facts.status();
  Result<std::vector<std::string>> materials = MaterialsOf(id);
  if (!materials.ok()) return materials.status();
  facts->materials = std::move(materials).value();
  tallies_.Count(*facts, -1);
  KEEL_RETURN_IF_ERROR(journal_.RecordBefore("follow_ups", "delete", "ask_id", id));
  KEEL_RETURN_IF_ERROR(JournalInterviewsOf(id));
  KEEL_RETURN_IF_ERROR(journal_.RecordBefore("earlier_answers", "delete", "ask_id", id));
  KEEL_RETURN_IF_ERROR(journal_.RecordBefore("feedback", "delete", "ask_id", id));
  KEEL_RETURN_IF_ERROR(journal_.RecordBefore("pivots", "delete", "ask_id", id));
  KEEL_RETURN_IF_ERROR(journal_.RecordBefore("ask_materials", "delete", "ask_id", id));
  KEEL_RETURN_IF_ERROR(journal_.RecordBefore("asks", "delete", "id", id));
  Statement& s = db_->Prepare("DELETE FROM asks WHERE id = ? AND search_id = ?");
  return s.Bind(1, id).Bind(2, search_id_).Run();
}

Result<std::optional<AskRecord>> SqliteStore::GetAskRecord(Id id) {
  Statement& s = db_->Prepare(
      "SELECT asked_on, organization_id, contact_id, opportunity_id, kind, channel, outcome, "
      "replied_on, until_on, reason, note, reason_theme, industry, location, seniority, remote, "
      "salary, via_contact_id FROM asks WHERE id = ? AND search_id = ?");
  s.Bind(1, id).Bind(2, search_id_);
  Result<bool> row = s.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<AskRecord>();
  AskRecord a;
  a.asked_on = DateColumn(s, 0).value_or(Date());
  a.org_id = s.Int(1);
  a.contact_id = s.Int(2);
  a.opportunity_id = s.Int(3);
  a.kind = Checked(ParseKind(s.Text(4)));
  a.channel = Checked(ParseChannel(s.Text(5)));
  a.outcome = Checked(ParseOutcome(s.Text(6)));
  a.replied_on = DateColumn(s, 7);
  a.until = DateColumn(s, 8);
  a.reason = s.Text(9);
  a.note = s.Text(10);
  ReadFacets(s, 11, a.reason_theme, a.facets);
  a.via_contact_id = s.IsNull(17) ? 0 : s.Int(17);
  return std::optional<AskRecord>(std::move(a));
}

Result<std::vector<Ask>> SqliteStore::QueryAsks(std::string_view where, Id id,
                                                std::string_view text) {
  // Three flat queries (asks, their material versions, their follow-ups) merged in memory:
  // correlated subqueries per ask made listing 10k asks ten times slower.
  auto bind = [&](Statement& st) {
    st.Bind(1, search_id_);
    if (id) st.Bind(2, id);
    if (!text.empty()) st.Bind(2, text);
  };
  Statement& s = db_->Prepare(fmt::format(
      "SELECT a.id, a.asked_on, o.name, coalesce(c.name, ''), a.kind, a.channel, a.outcome, "
      "a.replied_on, a.until_on, a.reason, a.note, coalesce(p.title, ''), a.reason_theme, "
      "a.industry, a.location, a.seniority, a.remote, a.salary, coalesce(v.name, '') "
      "FROM asks a JOIN organizations o ON o.id = a.organization_id "
      "LEFT JOIN contacts c ON c.id = a.contact_id "
      "LEFT JOIN contacts v ON v.id = a.via_contact_id "
      "LEFT JOIN opportunities p ON p.id = a.opportunity_id "
      "WHERE a.search_id = ? {} ORDER BY a.asked_on, a.id",
      where));
  bind(s);
  std::vector<Ask> out;
  std::unordered_map<Id, size_t> index;
  KEEL_RETURN_IF_ERROR(s.ForEachRow([&] {
    Ask a;
    a.id = s.Int(0);
    a.asked_on = DateColumn(s, 1).value_or(Date());
    a.org = s.Text(2);
    a.person = s.Text(3);
    a.kind = Checked(ParseKind(s.Text(4)));
    a.channel = Checked(ParseChannel(s.Text(5)));
    a.outcome = Checked(ParseOutcome(s.Text(6)));
    a.replied_on = DateColumn(s, 7);
    a.until = DateColumn(s, 8);
    a.reason = s.Text(9);
    a.note = s.Text(10);
    a.role = s.Text(11);
    ReadFacets(s, 12, a.reason_theme, a.facets);
    a.via = s.Text(18);
    index.emplace(a.id, out.size());
    out.push_back(std::move(a));
  }));
  if (out.empty()) return out;

  Statement& m = db_->Prepare(fmt::format(
      "SELECT am.ask_id, mt.name || '@' || v.version AS ref FROM ask_materials am "
      "JOIN asks a ON a.id = am.ask_id JOIN material_versions v ON v.id = am.material_version_id "
      "JOIN materials mt ON mt.id = v.material_id WHERE a.search_id = ? {} ORDER BY 1, 2",
      where));
  bind(m);
  KEEL_RETURN_IF_ERROR(m.ForEachRow([&] {
    if (auto it = index.find(m.Int(0)); it != index.end()) {
      out[it->second].materials.emplace_back(m.Text(1));
    }
  }));
  Statement& f = db_->Prepare(
      fmt::format("SELECT f.ask_id, f.on_date, f.planned, f.id, f.note FROM follow_ups f "
                  "JOIN asks a ON a.id = f.ask_id "
                  "WHERE a.search_id = ? {} ORDER BY f.ask_id, f.on_date, f.id",
                  where));
  bind(f);
  KEEL_RETURN_IF_ERROR(f.ForEachRow([&] {
    if (auto it = index.find(f.Int(0)); it != index.end()) {
      const Date on = DateColumn(f, 1).value_or(Date());
      if (f.Int(2) != 0) {
        out[it->second].planned_follow_ups.push_back(
            PlannedFollowUp{f.Int(3), on, std::string(f.Text(4))});
      } else {
        out[it->second].follow_ups.push_back(on);
      }
    }
  }));
  return out;
}

Result<std::optional<Ask>> SqliteStore::GetAsk(Id id) {
  Result<std::vector<Ask>> asks = QueryAsks("AND a.id = ?", id);
  if (!asks.ok()) return asks.status();
  if (asks->empty()) return std::optional<Ask>();
  return std::optional<Ask>(std::move(asks->front()));
}

Result<std::vector<Ask>> SqliteStore::ListAsks() { return QueryAsks("", 0); }

Result<std::vector<Ask>> SqliteStore::ListAsksFrom(Date from) {
  return QueryAsks("AND a.asked_on >= ?", 0, from.ToIso());
}

Result<std::vector<Ask>> SqliteStore::ListPendingFrom(Date from) {
  return QueryAsks("AND a.asked_on >= ? AND a.outcome = 'pending'", 0, from.ToIso());
}

Result<std::vector<Ask>> SqliteStore::ListRecentPending(Date today, int64_t limit) {
  // Exactly `limit` asks: the newest pending ones by date, then id, found on the date index.
  return QueryAsks(fmt::format("AND a.id IN (SELECT id FROM asks WHERE search_id = ?1 AND "
                               "outcome = 'pending' AND asked_on <= ?2 "
                               "ORDER BY asked_on DESC, id DESC LIMIT {})",
                               std::max<int64_t>(limit, 0)),
                   0, today.ToIso());
}

Result<std::vector<std::pair<std::string, int64_t>>> SqliteStore::CountPendingFrom(
    Date from, std::string_view dim) {
  // The same keys as the tallies (migrations/0002_tallies.sql), counted over an index range.
  std::string_view sql =
      dim == "kind"      ? "SELECT a.kind, count(*) FROM asks a WHERE {} GROUP BY 1"
      : dim == "channel" ? "SELECT a.channel, count(*) FROM asks a WHERE {} GROUP BY 1"
      : dim == "month" ? "SELECT substr(a.asked_on, 1, 7), count(*) FROM asks a WHERE {} GROUP BY 1"
      : dim == "material"
          ? "SELECT m.name || '@' || v.version, count(*) FROM asks a JOIN ask_materials am ON "
            "am.ask_id = a.id JOIN material_versions v ON v.id = am.material_version_id JOIN "
            "materials m ON m.id = v.material_id WHERE {} GROUP BY 1"
          : "SELECT '', count(*) FROM asks a WHERE {}";
  Statement& s = db_->Prepare(fmt::format(
      fmt::runtime(sql), "a.search_id = ? AND a.asked_on >= ? AND a.outcome = 'pending'"));
  s.Bind(1, search_id_).Bind(2, from.ToIso());
  std::vector<std::pair<std::string, int64_t>> out;
  KEEL_RETURN_IF_ERROR(s.ForEachRow([&] { out.emplace_back(s.Text(0), s.Int(1)); }));
  return out;
}

Result<std::vector<Ask>> SqliteStore::ListNotYetDue(Date today) {
  // until_on is set only for not-yet asks: the partial index asks_by_until finds them.
  return QueryAsks("AND a.until_on IS NOT NULL AND a.until_on <= ?", 0, today.ToIso());
}

Result<std::vector<OutcomeRow>> SqliteStore::OutcomeRows() {
  Statement& s = db_->Prepare(
      "SELECT id, asked_on, outcome, replied_on, kind FROM asks WHERE search_id = ? ORDER BY id");
  s.Bind(1, search_id_);
  std::vector<OutcomeRow> out;
  KEEL_RETURN_IF_ERROR(s.ForEachRow([&] {
    out.push_back(OutcomeRow{s.Int(0), DateColumn(s, 1).value_or(Date()),
                             Checked(ParseOutcome(s.Text(2))), DateColumn(s, 3),
                             Checked(ParseKind(s.Text(4)))});
  }));
  return out;
}

Status SqliteStore::ForEachAskKey(const std::function<void(const AskKey&)>& visit) {
  Statement& s = db_->Prepare(
      "SELECT a.asked_on, o.name, coalesce(c.name, ''), coalesce(p.title, ''), a.kind, "
      "a.channel, a.outcome, coalesce(a.replied_on, '') FROM asks a "
      "JOIN organizations o ON o.id = a.organization_id "
      "LEFT JOIN contacts c ON c.id = a.contact_id "
      "LEFT JOIN opportunities p ON p.id = a.opportunity_id WHERE a.search_id = ?");
  s.Bind(1, search_id_);
  return s.ForEachRow([&] {
    visit(AskKey{s.Text(0), s.Text(1), s.Text(2), s.Text(3), s.Text(4), s.Text(5), s.Text(6),
                 s.Text(7)});
  });
}

Result<std::vector<Tally>> SqliteStore::Tallies(std::string_view dim) {
  Statement& s = db_->Prepare(
      "SELECT key, outcome, n FROM tallies WHERE search_id = ? AND dim = ? AND n != 0 "
      "ORDER BY key, outcome");
  s.Bind(1, search_id_).Bind(2, dim);
  std::vector<Tally> out;
  KEEL_RETURN_IF_ERROR(s.ForEachRow([&] {
    out.push_back(Tally{std::string(s.Text(0)), Checked(ParseOutcome(s.Text(1))), s.Int(2)});
  }));
  return out;
}

Result<std::vector<DayCount>> SqliteStore::ReplyDelays() {
  Statement& s =
      db_->Prepare("SELECT days, n FROM reply_delays WHERE search_id = ? AND n != 0 ORDER BY days");
  s.Bind(1, search_id_);
  std::vector<DayCount> out;
  KEEL_RETURN_IF_ERROR(s.ForEachRow([&] {
    out.push_back(DayCount{static_cast<int32_t>(s.Int(0)), s.Int(1)});
  }));
  return out;
}

Result<std::vector<DateCount>> SqliteStore::WaitingByDate() {
  Statement& s = db_->Prepare(
      "SELECT asked_on, n FROM waiting_by_date WHERE search_id = ? AND n != 0 ORDER BY asked_on");
  s.Bind(1, search_id_);
  std::vector<DateCount> out;
  KEEL_RETURN_IF_ERROR(s.ForEachRow([&] {
    out.push_back(DateCount{DateColumn(s, 0).value_or(Date()), s.Int(1)});
  }));
  return out;
}

Result<Id> SqliteStore::AddFollowUp(Id ask_id, Date on, std::string_view note) {
  Statement& s =
      db_->Prepare("INSERT INTO follow_ups (search_id, ask_id, on_date, note) VALUES (?, ?, ?, ?)");
  s.Bind(1, search_id_).Bind(2, ask_id).Bind(3, on.ToIso()).Bind(4, note);
  return Insert("follow_ups", s);
}

Result<std::vector<FollowUpRecord>> SqliteStore::ListFollowUps() {
  Statement& s = db_->Prepare(
      "SELECT id, ask_id, on_date, note, planned FROM follow_ups WHERE search_id = ? ORDER BY id");
  s.Bind(1, search_id_);
  std::vector<FollowUpRecord> out;
  KEEL_RETURN_IF_ERROR(s.ForEachRow([&] {
    out.push_back(FollowUpRecord{s.Int(0), s.Int(1), DateColumn(s, 2).value_or(Date()),
                                 std::string(s.Text(3)), s.Int(4) != 0});
  }));
  return out;
}

Result<Id> SqliteStore::AddPlannedFollowUp(Id ask_id, Date on, std::string_view note) {
  Statement& s = db_->Prepare(
      "INSERT INTO follow_ups (search_id, ask_id, on_date, note, planned) VALUES (?, ?, ?, ?, 1)");
  s.Bind(1, search_id_).Bind(2, ask_id).Bind(3, on.ToIso()).Bind(4, note);
  return Insert("follow_ups", s);
}

Status SqliteStore::KeepPlannedFollowUp(Id follow_up_id, Date on, std::string_view note) {
  KEEL_RETURN_IF_ERROR(journal_.RecordBefore("follow_ups", "update", "id", follow_up_id));
  Statement& s = db_->Prepare(
      "UPDATE follow_ups SET planned = 0, on_date = ?, note = ? "
      "WHERE id = ? AND search_id = ? AND planned = 1");
  s.Bind(1, on.ToIso()).Bind(2, note).Bind(3, follow_up_id).Bind(4, search_id_);
  return s.Run();
}

Result<std::vector<FollowUpRecord>> SqliteStore::ListPlannedFollowUps(Date until) {
  Statement& s = db_->Prepare(
      "SELECT id, ask_id, on_date, note FROM follow_ups "
      "WHERE search_id = ? AND planned = 1 AND on_date <= ? ORDER BY on_date, id");
  s.Bind(1, search_id_).Bind(2, until.ToIso());
  std::vector<FollowUpRecord> out;
  KEEL_RETURN_IF_ERROR(s.ForEachRow([&] {
    out.push_back(FollowUpRecord{s.Int(0), s.Int(1), DateColumn(s, 2).value_or(Date()),
                                 std::string(s.Text(3)), true});
  }));
  return out;
}

Result<std::vector<MaterialVersionInfo>> SqliteStore::MaterialVersions() {
  Statement& s = db_->Prepare(
      "SELECT v.id, m.name, v.version, v.added_on, coalesce(v.content_hash, ''), v.note "
      "FROM material_versions v JOIN materials m ON m.id = v.material_id "
      "WHERE m.search_id = ? ORDER BY m.name COLLATE NOCASE, v.id");
  s.Bind(1, search_id_);
  std::vector<MaterialVersionInfo> out;
  KEEL_RETURN_IF_ERROR(s.ForEachRow([&] {
    out.push_back(MaterialVersionInfo{s.Int(0), std::string(s.Text(1)), std::string(s.Text(2)),
                                      DateColumn(s, 3), std::string(s.Text(4)),
                                      std::string(s.Text(5))});
  }));
  return out;
}

Status SqliteStore::DescribeMaterialVersion(Id version_id, Date added_on, std::string_view hash,
                                            std::string_view note) {
  KEEL_RETURN_IF_ERROR(journal_.RecordBefore("material_versions", "update", "id", version_id));
  Statement& s = db_->Prepare(
      "UPDATE material_versions SET added_on = ?, content_hash = ?, note = ? WHERE id = ?");
  s.Bind(1, added_on.ToIso());
  if (hash.empty())
    s.BindNull(2);
  else
    s.Bind(2, hash);
  return s.Bind(3, note).Bind(4, version_id).Run();
}

Result<std::vector<std::pair<Kind, int64_t>>> SqliteStore::KindsUsing(Id version_id) {
  Statement& s = db_->Prepare(
      "SELECT a.kind, count(*) FROM ask_materials am JOIN asks a ON a.id = am.ask_id "
      "WHERE am.material_version_id = ? GROUP BY 1 ORDER BY 2 DESC, 1");
  s.Bind(1, version_id);
  std::vector<std::pair<Kind, int64_t>> out;
  KEEL_RETURN_IF_ERROR(
      s.ForEachRow([&] { out.emplace_back(Checked(ParseKind(s.Text(0))), s.Int(1)); }));
  return out;
}

Result<Id> SqliteStore::AddFeedback(const FeedbackRecord& f) {
  Statement& s = db_->Prepare(
      "INSERT INTO feedback (search_id, ask_id, received_on, text, theme, id) "
      "VALUES (?, ?, ?, ?, ?, ?)");
  s.Bind(1, search_id_).Bind(2, f.ask_id).Bind(3, f.received_on.ToIso()).Bind(4, f.text);
  s.Bind(5, f.theme);
  BindIdOrNull(s, 6, f.id);
  return Insert("feedback", s);
}

Result<std::vector<FeedbackRecord>> SqliteStore::ListFeedback(Id ask_id) {
  Statement& s = db_->Prepare(
      "SELECT id, ask_id, received_on, text, theme FROM feedback WHERE search_id = ?1 "
      "AND (?2 = 0 OR ask_id = ?2) ORDER BY received_on, id");
  s.Bind(1, search_id_).Bind(2, ask_id);
  std::vector<FeedbackRecord> out;
  KEEL_RETURN_IF_ERROR(s.ForEachRow([&] {
    FeedbackRecord f{s.Int(0), s.Int(1), DateColumn(s, 2).value_or(Date()), std::string(s.Text(3)),
                     std::nullopt};
    if (!s.IsNull(4)) f.theme = std::string(s.Text(4));
    out.push_back(std::move(f));
  }));
  return out;
}

Result<Id> SqliteStore::AddAction(const ActionRow& a) {
  Statement& s = db_->Prepare(
      "INSERT INTO actions (search_id, text, theme, started_on, id) VALUES (?, ?, ?, ?, ?)");
  s.Bind(1, search_id_).Bind(2, a.text).Bind(3, a.theme).Bind(4, a.started_on.ToIso());
  BindIdOrNull(s, 5, a.id);
  return Insert("actions", s);
}

Result<std::vector<ActionRow>> SqliteStore::ListActions() {
  Statement& s = db_->Prepare(
      "SELECT id, text, theme, started_on FROM actions WHERE search_id = ? "
      "ORDER BY started_on, id");
  s.Bind(1, search_id_);
  std::vector<ActionRow> out;
  KEEL_RETURN_IF_ERROR(s.ForEachRow([&] {
    out.push_back(ActionRow{s.Int(0), std::string(s.Text(1)), std::string(s.Text(2)),
                            DateColumn(s, 3).value_or(Date())});
  }));
  return out;
}

Result<Id> SqliteStore::AddStrategyVersion(const StrategyVersion& v) {
  // made_at is when it was saved, unless a restored backup says when.
  Statement& s = db_->Prepare(
      "INSERT INTO strategy_versions (search_id, edited_on, summary, body, id, made_at) "
      "VALUES (?, ?, ?, ?, ?, coalesce(?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))");
  s.Bind(1, search_id_).Bind(2, v.edited_on.ToIso()).Bind(3, v.summary).Bind(4, v.body);
  BindIdOrNull(s, 5, v.id);
  if (v.made_at.empty())
    s.BindNull(6);
  else
    s.Bind(6, v.made_at);
  return Insert("strategy_versions", s);
}

Result<std::vector<StrategyVersion>> SqliteStore::StrategyVersions() {
  Statement& s = db_->Prepare(
      "SELECT id, edited_on, made_at, summary, body FROM strategy_versions WHERE search_id = ? "
      "ORDER BY id");
  s.Bind(1, search_id_);
  std::vector<StrategyVersion> out;
  KEEL_RETURN_IF_ERROR(s.ForEachRow([&] {
    out.push_back(StrategyVersion{s.Int(0), DateColumn(s, 1).value_or(Date()),
                                  std::string(s.Text(2)), std::string(s.Text(3)),
                                  std::string(s.Text(4))});
  }));
  return out;
}

Result<Id> SqliteStore::AddPivot(const Pivot& p) {
  Statement& s = db_->Prepare(
      "INSERT INTO pivots (search_id, ask_id, on_date, rule, why, id) VALUES (?, ?, ?, ?, ?, ?)");
  s.Bind(1, search_id_).Bind(2, p.ask_id).Bind(3, p.on.ToIso()).Bind(4, p.rule).Bind(5, p.why);
  BindIdOrNull(s, 6, p.id);
  return Insert("pivots", s);
}

Result<std::vector<Pivot>> SqliteStore::ListPivots() {
  Statement& s = db_->Prepare(
      "SELECT id, ask_id, on_date, rule, why FROM pivots WHERE search_id = ? ORDER BY id");
  s.Bind(1, search_id_);
  std::vector<Pivot> out;
  KEEL_RETURN_IF_ERROR(s.ForEachRow([&] {
    out.push_back(Pivot{s.Int(0), s.Int(1), DateColumn(s, 2).value_or(Date()),
                        std::string(s.Text(3)), std::string(s.Text(4))});
  }));
  return out;
}

Result<std::pair<int64_t, int64_t>> SqliteStore::ChangeStamp() {
  // data_version moves when another connection commits; total_changes counts this connection's
  // own row changes (data_version does not see those).
  Statement& s = db_->Prepare("PRAGMA data_version");
  Result<bool> row = s.Step();
  if (!row.ok()) return row.status();
  const int64_t version = s.Int(0);
  s.Reset();
  return std::pair<int64_t, int64_t>(version, sqlite3_total_changes64(db_->handle()));
}

Result<LedgerSummary> SqliteStore::Summarize(Date today, int silence_days) {
  // Counts come from the tallies; only index ranges touch the asks, so this stays fast at any
  // size: recent asks (still pending within the horizon, or in the last 28 days), the first and
  // last ask dates, and not-yet asks due (a partial index).
  LedgerSummary out;
  Result<std::vector<Tally>> all = Tallies("all");
  if (!all.ok()) return all.status();
  int64_t recorded_pending = 0;
  for (const Tally& t : *all) {
    out.asks += t.n;
    switch (t.outcome) {
      case Outcome::kYes:
        out.yes += t.n;
        break;
      case Outcome::kNo:
        out.no += t.n;
        break;
      case Outcome::kNotYet:
        out.not_yet += t.n;
        break;
      case Outcome::kSilent:
        out.silent += t.n;
        break;
      case Outcome::kWithdrawn:
        out.withdrawn += t.n;
        break;
      case Outcome::kPending:
        recorded_pending += t.n;
        break;
    }
  }
  Statement& s = db_->Prepare(
      "SELECT (SELECT count(*) FROM asks WHERE search_id = ?1 AND asked_on >= ?2 "
      "          AND outcome = 'pending'), "
      "  (SELECT count(*) FROM asks WHERE search_id = ?1 AND asked_on > ?3), "
      "  (SELECT count(*) FROM asks WHERE search_id = ?1 AND until_on IS NOT NULL "
      "          AND until_on <= ?4), "
      "  (SELECT min(asked_on) FROM asks WHERE search_id = ?1), "
      "  (SELECT max(asked_on) FROM asks WHERE search_id = ?1), "
      "  (SELECT count(*) FROM follow_ups WHERE search_id = ?1 AND planned = 0)");
  s.Bind(1, search_id_).Bind(2, (today - silence_days).ToIso()).Bind(3, (today - 28).ToIso());
  s.Bind(4, today.ToIso());
  Result<bool> row = s.Step();
  if (!row.ok()) return row.status();
  out.pending = s.Int(0);
  out.silent += recorded_pending - out.pending;
  out.asks_last_28_days = s.Int(1);
  out.not_yet_due = s.Int(2);
  out.first_ask = DateColumn(s, 3);
  out.last_ask = DateColumn(s, 4);
  out.follow_ups = s.Int(5);
  s.Reset();
  return out;
}

Result<std::optional<UndoneChange>> SqliteStore::LastChange() {
  return journal_.LastChange(search_id_);
}

Result<std::optional<UndoneChange>> SqliteStore::UndoLast() {
  // Rolled back on every exit but a commit, exceptions included (as app/transaction.h's guard,
  // which the store, below app/, cannot use).
  struct RollbackUnlessCommitted {
    SqliteStore* store;
    bool committed = false;
    ~RollbackUnlessCommitted() {
      if (committed) return;
      try {
        store->Rollback();
      } catch (...) {
      }
    }
  } guard{this};
  KEEL_RETURN_IF_ERROR(BeginWrite("undo"));
  Result<std::optional<UndoneChange>> undone = journal_.UndoLast(search_id_);
  if (!undone.ok()) return undone;
  journal_.Clear();  // the revert itself is not a change to be undone
  KEEL_RETURN_IF_ERROR(Commit());
  guard.committed = true;
  return undone;
}

}  // namespace keel
