#include "store/sql_store.h"

#include <fmt/format.h>

#include <unordered_map>

namespace keel {
namespace {

std::optional<Date> DateColumn(const Statement& s, int column) {
  // NULL reads as empty text, which is no date: one call to the column, not two.
  return ParseIsoDate(s.Text(column));
}

// QueryAsks's page: the ids of the `limit` newest asks (by date, then id) that `condition` keeps,
// found on the date index; ?1 is the search, ?2 the condition's date.
std::string NewestAskIds(std::string_view condition, int64_t limit) {
  return fmt::format(
      "SELECT id FROM asks WHERE search_id = ?1 AND {} ORDER BY asked_on DESC, id DESC LIMIT {}",
      condition, std::max<int64_t>(limit, 0));
}

// A lower bound for asked_on: the date given, or one before any ask (a date both engines read).
std::string EarliestIso(const std::optional<Date>& from) {
  return from ? from->ToIso() : std::string("0001-01-01");
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

Status SqlStore::ReadTextMatches(Statement& s, TextMatch::Source source,
                                 const char* const (&columns)[2], std::vector<TextMatch>& out) {
  return s.ForEachRow([&] {
    TextMatch m;
    m.source = source;
    m.id = s.Int(0);
    for (int c = 0; c < 2; ++c)
      m.texts.push_back(TextMatch::Text{columns[c], std::string(s.Text(1 + c))});
    out.push_back(std::move(m));
  });
}

SqlStore::SqlStore(SqlDb* db) : db_(db), journal_(db), tallies_(db, &journal_) {}

AskFacts SqlStore::Facts(const AskRecord& r) {
  return AskFacts{r.asked_on, r.kind, r.channel, r.outcome, r.replied_on, {}, false, std::nullopt};
}

Result<AskFacts> SqlStore::FactsWithHistory(Id id, const AskRecord& record) {
  AskFacts facts = Facts(record);
  Statement& s = db_->Prepare(
      "SELECT replied_on FROM earlier_answers WHERE search_id = ? AND ask_id = ? ORDER BY id "
      "LIMIT 1");
  Result<bool> row = s.Bind(1, search_id_).Bind(2, id).Step();
  if (!row.ok()) return row.status();
  if (*row) {
    facts.answered_before = true;
    facts.first_replied_on = DateColumn(s, 0);
  }
  s.Reset();
  return facts;
}

Result<std::string> SqlStore::VersionName(Id version_id) {
  if (auto it = version_names_.find(version_id); it != version_names_.end()) return it->second;
  const Dialect& d = db_->dialect();
  Statement& s = db_->Prepare(
      "SELECT m.name || '@' || v.version FROM material_versions v "
      "JOIN materials m ON m.id = v.material_id" +
      d.AndInSearch("m") + " WHERE v.id = ?" + d.AndInSearch("v"));
  Result<bool> row = s.Bind(1, version_id).Step();
  if (!row.ok()) return row.status();
  std::string name(*row ? s.Text(0) : std::string_view());
  s.Reset();
  version_names_[version_id] = name;
  return name;
}

Result<std::vector<std::string>> SqlStore::MaterialsOf(Id ask_id) {
  Statement& s = db_->Prepare("SELECT material_version_id FROM ask_materials WHERE ask_id = ?" +
                              db_->dialect().AndInSearch("ask_materials"));
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

Result<std::optional<Id>> SqlStore::FindId(std::string_view sql, std::string_view name, Id extra) {
  Statement& s = db_->Prepare(sql);
  s.Bind(1, search_id_).Bind(2, name);
  if (extra) s.Bind(3, extra);
  Result<bool> row = s.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<Id>();
  return std::optional<Id>(s.Int(0));
}

Statement& SqlStore::Kept(Statement*& slot, std::string_view sql) {
  if (slot == nullptr) {
    slot = &db_->Prepare(sql);
  } else {
    slot->Reset();
  }
  return *slot;
}

Result<Id> SqlStore::Insert(std::string_view table, Statement& insert) {
  // Every INSERT given here ends in RETURNING id (SQLite and PostgreSQL both have it): the id of
  // the row, whichever engine numbered it. SQLite makes the change on the first step.
  Result<bool> row = insert.Step();
  if (!row.ok()) return row.status();
  if (!*row) throw std::logic_error(fmt::format("an INSERT INTO {} returned no id", table));
  const Id id = insert.Int(0);
  insert.Reset();
  journal_.RecordInsert(table, id);
  return id;
}

Result<std::vector<Named>> SqlStore::Organizations() {
  Statement& s = db_->Prepare("SELECT id, name FROM organizations WHERE search_id = ? ORDER BY id");
  s.Bind(1, search_id_);
  std::vector<Named> out;
  KEEL_RETURN_IF_ERROR(s.ForEachRow([&] {
    out.push_back(Named{s.Int(0), std::string(s.Text(1))});
  }));
  return out;
}

Result<std::optional<Id>> SqlStore::FindOrganization(std::string_view name) {
  return FindId(
      "SELECT id FROM organizations WHERE search_id = ? AND " + db_->dialect().NoCaseEquals("name"),
      name);
}

Result<Id> SqlStore::AddOrganization(std::string_view name) {
  Statement& s = Kept(kept_.add_organization,
                      "INSERT INTO organizations (search_id, name) VALUES (?, ?) RETURNING id");
  s.Bind(1, search_id_).Bind(2, name);
  return Insert("organizations", s);
}

Result<std::vector<Named>> SqlStore::Contacts() {
  Statement& s = db_->Prepare("SELECT id, name FROM contacts WHERE search_id = ? ORDER BY id");
  s.Bind(1, search_id_);
  std::vector<Named> out;
  KEEL_RETURN_IF_ERROR(s.ForEachRow([&] {
    out.push_back(Named{s.Int(0), std::string(s.Text(1))});
  }));
  return out;
}

Result<std::optional<Id>> SqlStore::FindContact(std::string_view name) {
  return FindId(
      "SELECT id FROM contacts WHERE search_id = ? AND " + db_->dialect().NoCaseEquals("name"),
      name);
}

Result<Id> SqlStore::AddContact(std::string_view name, Id org_id) {
  Statement& s =
      Kept(kept_.add_contact,
           "INSERT INTO contacts (search_id, name, organization_id) VALUES (?, ?, ?) RETURNING id");
  s.Bind(1, search_id_).Bind(2, name);
  if (org_id)
    s.Bind(3, org_id);
  else
    s.BindNull(3);
  return Insert("contacts", s);
}

Result<Id> SqlStore::EnsureOpportunity(Id org_id, std::string_view title) {
  Result<std::optional<Id>> found =
      FindId("SELECT id FROM opportunities WHERE search_id = ? AND " +
                 db_->dialect().NoCaseEquals("title") + " AND organization_id = ?",
             title, org_id);
  if (!found.ok()) return found.status();
  if (*found) return **found;
  return AddOpportunity(org_id, title);
}

Result<Id> SqlStore::AddOpportunity(Id org_id, std::string_view title) {
  Statement& s = Kept(kept_.add_opportunity,
                      "INSERT INTO opportunities (search_id, organization_id, title) VALUES (?, ?, "
                      "?) RETURNING id");
  s.Bind(1, search_id_).Bind(2, org_id).Bind(3, title);
  return Insert("opportunities", s);
}

Result<std::vector<RoleRow>> SqlStore::Opportunities() {
  Statement& s = db_->Prepare(
      "SELECT id, organization_id, title FROM opportunities WHERE search_id = ? ORDER BY id");
  s.Bind(1, search_id_);
  std::vector<RoleRow> out;
  KEEL_RETURN_IF_ERROR(s.ForEachRow([&] {
    out.push_back(RoleRow{s.Int(0), s.Int(1), std::string(s.Text(2))});
  }));
  return out;
}

Result<Id> SqlStore::EnsureMaterialVersion(const MaterialRef& ref) {
  Result<std::optional<Id>> material = FindId(
      "SELECT id FROM materials WHERE search_id = ? AND " + db_->dialect().NoCaseEquals("name"),
      ref.name);
  if (!material.ok()) return material.status();
  Id material_id = material->value_or(0);
  if (!material_id) {
    Statement& s =
        db_->Prepare("INSERT INTO materials (search_id, name) VALUES (?, ?) RETURNING id");
    s.Bind(1, search_id_).Bind(2, ref.name);
    Result<Id> id = Insert("materials", s);
    if (!id.ok()) return id;
    material_id = *id;
  }
  Statement& find = db_->Prepare("SELECT id FROM material_versions WHERE material_id = ? AND " +
                                 db_->dialect().NoCaseEquals("version") +
                                 db_->dialect().AndInSearch("material_versions"));
  find.Bind(1, material_id).Bind(2, ref.version);
  Result<bool> row = find.Step();
  if (!row.ok()) return row.status();
  if (*row) return find.Int(0);
  Statement& s = db_->Prepare(
      "INSERT INTO material_versions (material_id, version) VALUES (?, ?) RETURNING id");
  s.Bind(1, material_id).Bind(2, ref.version);
  return Insert("material_versions", s);
}

Result<Id> SqlStore::InsertAsk(Id id, const AskRecord& ask) {
  // id NULL takes the next rowid (max + 1).
  Statement& s = Kept(
      kept_.insert_ask,
      "INSERT INTO asks (search_id, asked_on, organization_id, contact_id, opportunity_id, kind, "
      "channel, outcome, replied_on, until_on, reason, note, reason_theme, industry, location, "
      "seniority, remote, salary, via_contact_id, id) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
  BindAsk(s, ask, search_id_);
  if (id)
    s.Bind(20, id);
  else
    s.BindNull(20);
  Result<Id> added = Insert("asks", s);
  last_added_ask_ = added.ok() ? *added : 0;
  last_added_outcome_ = ask.outcome;
  if (added.ok()) {
    tallies_.Count(Facts(ask), +1);
    AskAdded(*added);
  }
  return added;
}

Result<Id> SqlStore::AddAsk(const AskRecord& ask) { return InsertAsk(0, ask); }

Status SqlStore::AddAskWithId(Id id, const AskRecord& ask) {
  if (id <= 0) return Error{fmt::format("ask id {} is not a positive number", id)};
  return InsertAsk(id, ask).status();
}

Result<Id> SqlStore::AddEarlierAnswer(Id ask_id, const AnswerRecord& answer) {
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
      "reason_theme) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id");
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

Result<std::vector<AnswerRecord>> SqlStore::EarlierAnswers(Id ask_id) {
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

Status SqlStore::UpdateAsk(Id id, const AskRecord& ask) {
  KEEL_RETURN_IF_ERROR(BeforeAskChange());
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
      "remote = ?, salary = ?, via_contact_id = ? WHERE id = ?" +
      db_->dialect().AndInSearch("asks"));
  BindAsk(s, ask, search_id_);
  s.Bind(20, id);
  return s.Run();
}

Status SqlStore::SetAskMaterials(Id ask_id, const std::vector<Id>& version_ids) {
  // The ask just added has no links yet: skipping the snapshot keeps an import's journal
  // insert-only (compact ranges) and saves a query per row.
  bool has_links = false;
  Outcome outcome = last_added_outcome_;
  if (ask_id != last_added_ask_) {
    Result<std::optional<AskRecord>> record = GetAskRecord(ask_id);
    if (!record.ok()) return record.status();
    if (!*record) return Error{fmt::format("there is no ask #{}", ask_id)};
    outcome = (*record)->outcome;
    Statement& any = db_->Prepare("SELECT EXISTS (SELECT 1 FROM ask_materials WHERE ask_id = ?" +
                                  db_->dialect().AndInSearch("ask_materials") + ")");
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
    Statement& clear = db_->Prepare("DELETE FROM ask_materials WHERE ask_id = ?" +
                                    db_->dialect().AndInSearch("ask_materials"));
    KEEL_RETURN_IF_ERROR(clear.Bind(1, ask_id).Run());
  }
  if (kept_.link_material == nullptr) {  // the text names the engine's row key
    kept_.link_material =
        &db_->Prepare(fmt::format("INSERT INTO ask_materials (ask_id, material_version_id) VALUES "
                                  "(?, ?) ON CONFLICT DO NOTHING RETURNING {}",
                                  db_->dialect().RowKey()));
  }
  for (Id version : version_ids) {
    // A version listed twice inserts nothing the second time, and returns no row.
    Statement& s = *kept_.link_material;
    s.Reset();
    s.Bind(1, ask_id).Bind(2, version);
    Result<bool> inserted = s.Step();
    if (!inserted.ok()) return inserted.status();
    if (!*inserted) continue;
    const Id link = s.Int(0);
    s.Reset();
    journal_.RecordInsert("ask_materials", link);
    if (auto known = version_names_.find(version); known != version_names_.end()) {
      tallies_.CountMaterial(known->second, outcome, +1);  // no copy of the name per row
      continue;
    }
    Result<std::string> name = VersionName(version);
    if (!name.ok()) return name.status();
    tallies_.CountMaterial(*name, outcome, +1);
  }
  return Status();
}

Status SqlStore::DeleteAsk(Id id) {
  KEEL_RETURN_IF_ERROR(BeforeAskChange());
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

Result<std::optional<AskRecord>> SqlStore::GetAskRecord(Id id) {
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

Result<std::vector<Ask>> SqlStore::QueryAsks(std::string_view where, Id id, std::string_view text,
                                             std::string_view page) {
  // Three flat queries (asks, their material versions, their follow-ups) merged in memory:
  // correlated subqueries per ask made listing 10k asks ten times slower.
  auto bind = [&](Statement& st) {
    st.Bind(1, search_id_);
    if (id) st.Bind(2, id);
    if (!text.empty()) st.Bind(2, text);
  };
  // The page's ids first, then each by its key: otherwise the planner may walk every ask on the
  // date index (for the ORDER BY) and test each against the page.
  auto from = [&](std::string_view table, std::string_view ask_id) {
    if (page.empty()) return std::string(table);
    return fmt::format("({}) AS page JOIN {} ON {} = page.id", page, table, ask_id);
  };
  Statement& s = db_->Prepare(fmt::format(
      "SELECT a.id, a.asked_on, o.name, coalesce(c.name, ''), a.kind, a.channel, a.outcome, "
      "a.replied_on, a.until_on, a.reason, a.note, coalesce(p.title, ''), a.reason_theme, "
      "a.industry, a.location, a.seniority, a.remote, a.salary, coalesce(v.name, '') "
      "FROM {} JOIN organizations o ON o.id = a.organization_id{} "
      "LEFT JOIN contacts c ON c.id = a.contact_id{} "
      "LEFT JOIN contacts v ON v.id = a.via_contact_id{} "
      "LEFT JOIN opportunities p ON p.id = a.opportunity_id{} "
      "WHERE a.search_id = ?1 {} ORDER BY a.asked_on, a.id",
      from("asks a", "a.id"), db_->dialect().AndInSearch("o"), db_->dialect().AndInSearch("c"),
      db_->dialect().AndInSearch("v"), db_->dialect().AndInSearch("p"), where));
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

  Statement& m = db_->Prepare(
      fmt::format("SELECT am.ask_id, mt.name || '@' || v.version AS ref FROM {} "
                  "JOIN asks a ON a.id = am.ask_id{} JOIN material_versions v "
                  "ON v.id = am.material_version_id{} JOIN materials mt ON mt.id = v.material_id{} "
                  "WHERE a.search_id = ?1 {} ORDER BY 1, 2",
                  from("ask_materials am", "am.ask_id"), db_->dialect().AndInSearch("am"),
                  db_->dialect().AndInSearch("v"), db_->dialect().AndInSearch("mt"), where));
  bind(m);
  KEEL_RETURN_IF_ERROR(m.ForEachRow([&] {
    if (auto it = index.find(m.Int(0)); it != index.end()) {
      out[it->second].materials.emplace_back(m.Text(1));
    }
  }));
  Statement& f = db_->Prepare(
      fmt::format("SELECT f.ask_id, f.on_date, f.planned, f.id, f.note FROM {} "
                  "JOIN asks a ON a.id = f.ask_id{} "
                  "WHERE a.search_id = ?1 {} ORDER BY f.ask_id, f.on_date, f.id",
                  from("follow_ups f", "f.ask_id"), db_->dialect().AndInSearch("f"), where));
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

Result<std::optional<Ask>> SqlStore::GetAsk(Id id) {
  Result<std::vector<Ask>> asks = QueryAsks("AND a.id = ?", id);
  if (!asks.ok()) return asks.status();
  if (asks->empty()) return std::optional<Ask>();
  return std::optional<Ask>(std::move(asks->front()));
}

Result<std::vector<Ask>> SqlStore::ListAsks() { return QueryAsks("", 0); }

Result<std::vector<Ask>> SqlStore::ListAsksFrom(Date from) {
  return QueryAsks("AND a.asked_on >= ?", 0, from.ToIso());
}

Result<std::vector<Ask>> SqlStore::ListNewestAsks(int64_t limit, std::optional<Date> from) {
  return QueryAsks("", 0, EarliestIso(from), NewestAskIds("asked_on >= ?2", limit));
}

Result<int64_t> SqlStore::CountAsks(std::optional<Date> from) {
  if (!from) {  // the running tallies hold it: counting a million index entries took ~40 ms
    Result<std::vector<Tally>> all = Tallies("all");
    if (!all.ok()) return all.status();
    int64_t n = 0;
    for (const Tally& t : *all) n += t.n;
    return n;
  }
  Statement& s = db_->Prepare("SELECT count(*) FROM asks WHERE search_id = ? AND asked_on >= ?");
  s.Bind(1, search_id_).Bind(2, from->ToIso());
  Result<bool> row = s.Step();
  if (!row.ok()) return row.status();
  const int64_t n = s.Int(0);
  s.Reset();
  return n;
}

Result<std::vector<Ask>> SqlStore::ListPendingFrom(Date from) {
  return QueryAsks("AND a.asked_on >= ? AND a.outcome = 'pending'", 0, from.ToIso());
}

Result<std::vector<Ask>> SqlStore::ListRecentPending(Date today, int64_t limit) {
  // Exactly `limit` asks: the newest pending ones by date, then id, found on the date index.
  return QueryAsks("", 0, today.ToIso(),
                   NewestAskIds("outcome = 'pending' AND asked_on <= ?2", limit));
}

Result<std::vector<std::pair<std::string, int64_t>>> SqlStore::CountPendingFrom(
    Date from, std::string_view dim) {
  // The same keys as the tallies (migrations/0002_tallies.sql), counted over an index range.
  std::string_view sql =
      dim == "kind"      ? "SELECT a.kind, count(*) FROM asks a WHERE {where} GROUP BY 1"
      : dim == "channel" ? "SELECT a.channel, count(*) FROM asks a WHERE {where} GROUP BY 1"
      : dim == "month"   ? "SELECT {month}, count(*) FROM asks a WHERE {where} GROUP BY 1"
      : dim == "material"
          ? "SELECT m.name || '@' || v.version, count(*) FROM asks a JOIN ask_materials am ON "
            "am.ask_id = a.id{same_am} JOIN material_versions v ON v.id = am.material_version_id"
            "{same_v} JOIN materials m ON m.id = v.material_id{same_m} WHERE {where} GROUP BY 1"
          : "SELECT '', count(*) FROM asks a WHERE {where}";
  Statement& s = db_->Prepare(fmt::format(
      fmt::runtime(sql),
      fmt::arg("where", "a.search_id = ? AND a.asked_on >= ? AND a.outcome = 'pending'"),
      fmt::arg("month", db_->dialect().Month("a.asked_on")),
      fmt::arg("same_am", db_->dialect().AndInSearch("am")),
      fmt::arg("same_v", db_->dialect().AndInSearch("v")),
      fmt::arg("same_m", db_->dialect().AndInSearch("m"))));
  s.Bind(1, search_id_).Bind(2, from.ToIso());
  std::vector<std::pair<std::string, int64_t>> out;
  KEEL_RETURN_IF_ERROR(s.ForEachRow([&] { out.emplace_back(s.Text(0), s.Int(1)); }));
  return out;
}

Result<std::vector<Ask>> SqlStore::ListNotYetDue(Date today) {
  // until_on is set only for not-yet asks: the partial index asks_by_until finds them.
  return QueryAsks("AND a.until_on IS NOT NULL AND a.until_on <= ?", 0, today.ToIso());
}

Result<std::vector<OutcomeRow>> SqlStore::OutcomeRows() {
  Statement& s =
      db_->Prepare(fmt::format("SELECT id, asked_on, outcome, replied_on, kind FROM asks WHERE {} "
                               "ORDER BY id",
                               db_->dialect().WholeSearch()));
  s.Bind(1, search_id_);
  std::vector<OutcomeRow> out;
  // Sized once from the tallies: growing by doubling touched twice the memory, fresh pages each
  // time past malloc's mmap threshold (a sixth of keel streak's page faults at 10k asks).
  Result<int64_t> count = CountAsks(std::nullopt);
  if (!count.ok()) return count.status();
  out.reserve(static_cast<size_t>(std::max<int64_t>(*count, 0)));
  KEEL_RETURN_IF_ERROR(s.ForEachRow([&] {
    out.push_back(OutcomeRow{s.Int(0), DateColumn(s, 1).value_or(Date()),
                             Checked(ParseOutcome(s.Text(2))), DateColumn(s, 3),
                             Checked(ParseKind(s.Text(4)))});
  }));
  return out;
}

Status SqlStore::ForEachAskKey(const std::function<void(const AskKey&)>& visit) {
  Statement& s = db_->Prepare(
      "SELECT a.asked_on, o.name, coalesce(c.name, ''), coalesce(p.title, ''), a.kind, "
      "a.channel, a.outcome, coalesce(CAST(a.replied_on AS TEXT), '') FROM asks a "
      "JOIN organizations o ON o.id = a.organization_id" +
      db_->dialect().AndInSearch("o") + " LEFT JOIN contacts c ON c.id = a.contact_id" +
      db_->dialect().AndInSearch("c") + " LEFT JOIN opportunities p ON p.id = a.opportunity_id" +
      db_->dialect().AndInSearch("p") + " WHERE a.search_id = ?");
  s.Bind(1, search_id_);
  return s.ForEachRow([&] {
    visit(AskKey{s.Text(0), s.Text(1), s.Text(2), s.Text(3), s.Text(4), s.Text(5), s.Text(6),
                 s.Text(7)});
  });
}

Result<std::vector<Tally>> SqlStore::Tallies(std::string_view dim) {
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

Result<std::vector<DayCount>> SqlStore::ReplyDelays() {
  Statement& s =
      db_->Prepare("SELECT days, n FROM reply_delays WHERE search_id = ? AND n != 0 ORDER BY days");
  s.Bind(1, search_id_);
  std::vector<DayCount> out;
  KEEL_RETURN_IF_ERROR(s.ForEachRow([&] {
    out.push_back(DayCount{static_cast<int32_t>(s.Int(0)), s.Int(1)});
  }));
  return out;
}

Result<std::vector<DateCount>> SqlStore::WaitingByDate() {
  Statement& s = db_->Prepare(
      "SELECT asked_on, n FROM waiting_by_date WHERE search_id = ? AND n != 0 ORDER BY asked_on");
  s.Bind(1, search_id_);
  std::vector<DateCount> out;
  KEEL_RETURN_IF_ERROR(s.ForEachRow([&] {
    out.push_back(DateCount{DateColumn(s, 0).value_or(Date()), s.Int(1)});
  }));
  return out;
}

Result<Id> SqlStore::AddFollowUp(Id ask_id, Date on, std::string_view note) {
  Statement& s = Kept(
      kept_.add_follow_up,
      "INSERT INTO follow_ups (search_id, ask_id, on_date, note) VALUES (?, ?, ?, ?) RETURNING id");
  s.Bind(1, search_id_).Bind(2, ask_id).Bind(3, on.ToIso()).Bind(4, note);
  return Insert("follow_ups", s);
}

Result<std::vector<FollowUpRecord>> SqlStore::ListFollowUps() {
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

Result<Id> SqlStore::AddPlannedFollowUp(Id ask_id, Date on, std::string_view note) {
  Statement& s = db_->Prepare(
      "INSERT INTO follow_ups (search_id, ask_id, on_date, note, planned) VALUES (?, ?, ?, ?, 1) "
      "RETURNING id");
  s.Bind(1, search_id_).Bind(2, ask_id).Bind(3, on.ToIso()).Bind(4, note);
  return Insert("follow_ups", s);
}

Status SqlStore::KeepPlannedFollowUp(Id follow_up_id, Date on, std::string_view note) {
  KEEL_RETURN_IF_ERROR(journal_.RecordBefore("follow_ups", "update", "id", follow_up_id));
  Statement& s = db_->Prepare(
      "UPDATE follow_ups SET planned = 0, on_date = ?, note = ? "
      "WHERE id = ? AND search_id = ? AND planned = 1");
  s.Bind(1, on.ToIso()).Bind(2, note).Bind(3, follow_up_id).Bind(4, search_id_);
  return s.Run();
}

Result<std::vector<FollowUpRecord>> SqlStore::ListPlannedFollowUps(Date until) {
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

Result<std::vector<MaterialVersionInfo>> SqlStore::MaterialVersions() {
  Statement& s = db_->Prepare(
      "SELECT v.id, m.name, v.version, v.added_on, coalesce(v.content_hash, ''), v.note "
      "FROM material_versions v JOIN materials m ON m.id = v.material_id" +
      db_->dialect().AndInSearch("v") + " WHERE m.search_id = ? ORDER BY " +
      db_->dialect().NoCaseOrder("m.name") + ", v.id");
  s.Bind(1, search_id_);
  std::vector<MaterialVersionInfo> out;
  KEEL_RETURN_IF_ERROR(s.ForEachRow([&] {
    out.push_back(MaterialVersionInfo{s.Int(0), std::string(s.Text(1)), std::string(s.Text(2)),
                                      DateColumn(s, 3), std::string(s.Text(4)),
                                      std::string(s.Text(5))});
  }));
  return out;
}

Status SqlStore::DescribeMaterialVersion(Id version_id, Date added_on, std::string_view hash,
                                         std::string_view note) {
  KEEL_RETURN_IF_ERROR(journal_.RecordBefore("material_versions", "update", "id", version_id));
  Statement& s = db_->Prepare(
      "UPDATE material_versions SET added_on = ?, content_hash = ?, note = ? WHERE id = ?" +
      db_->dialect().AndInSearch("material_versions"));
  s.Bind(1, added_on.ToIso());
  if (hash.empty())
    s.BindNull(2);
  else
    s.Bind(2, hash);
  return s.Bind(3, note).Bind(4, version_id).Run();
}

Result<std::vector<std::pair<Kind, int64_t>>> SqlStore::KindsUsing(Id version_id) {
  Statement& s =
      db_->Prepare("SELECT a.kind, count(*) FROM ask_materials am JOIN asks a ON a.id = am.ask_id" +
                   db_->dialect().AndInSearch("a") + " WHERE am.material_version_id = ?" +
                   db_->dialect().AndInSearch("am") + " GROUP BY 1 ORDER BY 2 DESC, 1");
  s.Bind(1, version_id);
  std::vector<std::pair<Kind, int64_t>> out;
  KEEL_RETURN_IF_ERROR(
      s.ForEachRow([&] { out.emplace_back(Checked(ParseKind(s.Text(0))), s.Int(1)); }));
  return out;
}

Result<Id> SqlStore::AddFeedback(const FeedbackRecord& f) {
  Statement& s = db_->Prepare(
      "INSERT INTO feedback (search_id, ask_id, received_on, text, theme, id) "
      "VALUES (?, ?, ?, ?, ?, ?) RETURNING id");
  s.Bind(1, search_id_).Bind(2, f.ask_id).Bind(3, f.received_on.ToIso()).Bind(4, f.text);
  s.Bind(5, f.theme);
  BindIdOrNull(s, 6, f.id);
  return Insert("feedback", s);
}

Result<std::vector<FeedbackRecord>> SqlStore::ListFeedback(Id ask_id) {
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

Result<Id> SqlStore::AddAction(const ActionRow& a) {
  Statement& s = db_->Prepare(
      "INSERT INTO actions (search_id, text, theme, started_on, id) VALUES (?, ?, ?, ?, ?) "
      "RETURNING id");
  s.Bind(1, search_id_).Bind(2, a.text).Bind(3, a.theme).Bind(4, a.started_on.ToIso());
  BindIdOrNull(s, 5, a.id);
  return Insert("actions", s);
}

Result<std::vector<ActionRow>> SqlStore::ListActions() {
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

Result<Id> SqlStore::AddStrategyVersion(const StrategyVersion& v) {
  // made_at is when it was saved, unless a restored backup says when.
  Statement& s = db_->Prepare(fmt::format(
      "INSERT INTO strategy_versions (search_id, edited_on, summary, body, id, made_at) "
      "VALUES (?, ?, ?, ?, ?, coalesce(?, {})) RETURNING id",
      db_->dialect().NowUtc()));
  s.Bind(1, search_id_).Bind(2, v.edited_on.ToIso()).Bind(3, v.summary).Bind(4, v.body);
  BindIdOrNull(s, 5, v.id);
  if (v.made_at.empty())
    s.BindNull(6);
  else
    s.Bind(6, v.made_at);
  return Insert("strategy_versions", s);
}

Result<std::vector<StrategyVersion>> SqlStore::StrategyVersions() {
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

Result<Id> SqlStore::AddPivot(const Pivot& p) {
  Statement& s = db_->Prepare(
      "INSERT INTO pivots (search_id, ask_id, on_date, rule, why, id) VALUES (?, ?, ?, ?, ?, ?) "
      "RETURNING id");
  s.Bind(1, search_id_).Bind(2, p.ask_id).Bind(3, p.on.ToIso()).Bind(4, p.rule).Bind(5, p.why);
  BindIdOrNull(s, 6, p.id);
  return Insert("pivots", s);
}

Result<std::vector<Pivot>> SqlStore::ListPivots() {
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

Result<LedgerSummary> SqlStore::Summarize(Date today, int silence_days) {
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

Result<std::optional<UndoneChange>> SqlStore::LastChange() {
  return journal_.LastChange(search_id_);
}

Result<std::optional<UndoneChange>> SqlStore::UndoLast() {
  // Rolled back on every exit but a commit, exceptions included (as app/transaction.h's guard,
  // which the store, below app/, cannot use).
  struct RollbackUnlessCommitted {
    SqlStore* store;
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
