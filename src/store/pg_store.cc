#include "store/pg_store.h"

#include <fmt/format.h>

#include "store/pg_migrations.h"

namespace keel {
namespace {

// How long a write waits for another writer of the same search before it is told to try again.
constexpr std::string_view kLockTimeout = "5s";

// The search's id, creating the search on first use. Two keels creating it at once both end with
// the one row (ON CONFLICT), whichever inserted it.
Result<Id> FindOrCreateSearch(PgDb& db, std::string_view name) {
  Statement& find = db.Prepare("SELECT id FROM search_names WHERE name = ?");
  Result<bool> found = find.Bind(1, name).Step();
  if (!found.ok()) return found.status();
  if (*found) return find.Int(0);
  KEEL_RETURN_IF_ERROR(db.Exec("BEGIN"));
  Statement& add = db.Prepare(
      "INSERT INTO search_names (name) VALUES (?) ON CONFLICT (name) DO NOTHING RETURNING id");
  Result<bool> added = add.Bind(1, name).Step();
  if (!added.ok()) return (void)db.Exec("ROLLBACK"), added.status();
  if (!*added) {  // another keel made it between our read and our insert
    (void)db.Exec("ROLLBACK");
    return FindOrCreateSearch(db, name);
  }
  const Id id = add.Int(0);
  Status s =
      db.Prepare("SELECT set_config('keel.search_id', CAST(? AS TEXT), true)").Bind(1, id).Run();
  if (s.ok()) s = db.Prepare("INSERT INTO searches (search_id) VALUES (?)").Bind(1, id).Run();
  if (s.ok()) s = db.Exec("COMMIT");
  if (!s.ok()) {
    (void)db.Exec("ROLLBACK");
    return s.error();
  }
  return id;
}

// The tsquery for `query`: a word's tokens in sequence (<->), the words all required (&), the
// last token a prefix when asked. Tokens are letters and digits (app/search.cc), so a quoted
// lexeme needs no escape beyond doubling a quote, which never occurs.
std::string TsQuery(const TextQuery& query) {
  std::string ts;
  for (size_t w = 0; w < query.words.size(); ++w) {
    const std::vector<std::string>& tokens = query.words[w];
    if (tokens.empty()) continue;
    if (!ts.empty()) ts += " & ";
    ts += '(';
    for (size_t t = 0; t < tokens.size(); ++t) {
      if (t > 0) ts += " <-> ";
      std::string lexeme;
      for (char c : tokens[t]) {
        lexeme += c;
        if (c == '\'' || c == '\\') lexeme += c;
      }
      ts += '\'' + lexeme + '\'';
      if (query.last_is_prefix && w + 1 == query.words.size() && t + 1 == tokens.size()) ts += ":*";
    }
    ts += ')';
  }
  return ts;
}

}  // namespace

Result<std::unique_ptr<PgStore>> PgStore::Open(const std::string& conninfo,
                                               std::string_view search) {
  Result<std::unique_ptr<PgDb>> db = PgDb::Open(conninfo);
  if (!db.ok()) return db.status();
  KEEL_RETURN_IF_ERROR(MigratePg(**db));
  return Open(std::shared_ptr<PgDb>(std::move(db).value()), search);
}

Result<std::unique_ptr<PgStore>> PgStore::Open(std::shared_ptr<PgDb> connection,
                                               std::string_view search) {
  Result<Id> id = FindOrCreateSearch(*connection, search);
  if (!id.ok()) return id.status();
  return std::unique_ptr<PgStore>(
      new PgStore(std::make_unique<PgSearchDb>(std::move(connection), *id), *id));
}

PgSearchDb::PgSearchDb(std::shared_ptr<PgDb> db, Id search_id)
    : db_(std::move(db)),
      prelude_(fmt::format("SELECT set_config('keel.search_id', '{}', true)", search_id)) {}

Statement& PgSearchDb::Prepare(std::string_view sql) {
  db_->SetAutoTransactionPrelude(prelude_);
  return db_->Prepare(sql);
}

PgStore::PgStore(std::unique_ptr<PgSearchDb> db, Id search_id)
    : SqlStore(db.get()), search_db_(std::move(db)), pg_(search_db_.get()) {
  search_id_ = search_id;
}

// A transaction still open can only be one an earlier failure left behind (keel never nests
// them): it is rolled back first, so one lost rollback cannot hold a pooled connection's locks.
Status PgStore::Begin(bool lock) {
  if (in_transaction_ || pg_->pg().InTransaction()) Rollback();
  in_transaction_ = true;
  // One round trip (a simple query of several statements): the transaction, its search and lock
  // timeout (transaction-local: they end with it, so nothing leaks to the next user of a pooled
  // connection), and for a write the search's row lock that serializes its writers. The values
  // are keel's own integers and constants, never a person's text.
  std::string sql = fmt::format(
      "{}; SELECT set_config('keel.search_id', '{}', true), set_config('lock_timeout', '{}', true)",
      lock ? "BEGIN" : "BEGIN ISOLATION LEVEL REPEATABLE READ", search_id_, kLockTimeout);
  if (lock)
    sql += fmt::format("; SELECT 1 FROM searches WHERE search_id = {} FOR UPDATE", search_id_);
  Status s = pg_->Exec(sql);
  if (!s.ok()) Rollback();
  return s;
}

Status PgStore::BeginWrite(std::string_view summary) {
  KEEL_RETURN_IF_ERROR(Begin(/*lock=*/true));
  journal_.Clear();
  last_added_ask_ = 0;
  change_summary_ = summary;
  return Status();
}

// PostgreSQL checks each reference as it is written; there is no switch to skip that per
// transaction without owning the tables, so a bulk write is an ordinary write here.
Status PgStore::BeginBulkWrite(std::string_view summary) { return BeginWrite(summary); }

Status PgStore::BeginRead() { return Begin(/*lock=*/false); }

Status PgStore::Commit() {
  Status s = tallies_.Flush(search_id_);
  if (s.ok()) s = journal_.Flush(search_id_, change_summary_, actor_);
  if (s.ok()) s = pg_->Exec("COMMIT");
  if (!s.ok()) {
    Rollback();
    return s;
  }
  in_transaction_ = false;
  return Status();
}

void PgStore::Rollback() {
  last_added_ask_ = 0;
  if (in_transaction_ || pg_->pg().InTransaction()) (void)pg_->Exec("ROLLBACK");
  in_transaction_ = false;
  journal_.Clear();
  tallies_.Clear();
  version_names_.clear();
}

// Every committed write of a search adds a journaled change (or marks one undone), so the newest
// change id and the count of undone ones move on every commit, by any connection.
Result<std::pair<int64_t, int64_t>> PgStore::ChangeStamp() {
  const bool own = !in_transaction_;
  if (own) KEEL_RETURN_IF_ERROR(BeginRead());
  // The newest change from the primary key, the undone ones from their partial index (schema 9):
  // never every change of a long history.
  Statement& s = pg_->Prepare(
      "SELECT coalesce((SELECT max(id) FROM changes WHERE search_id = ?1), 0), "
      "(SELECT count(*) FROM changes WHERE search_id = ?1 AND undone_at IS NOT NULL)");
  Result<bool> row = s.Bind(1, search_id_).Step();
  std::pair<int64_t, int64_t> stamp;
  if (row.ok() && *row) stamp = {s.Int(0), s.Int(1)};
  if (own) {
    Status done = Commit();
    if (row.ok() && !done.ok()) return done.error();
  }
  if (!row.ok()) return row.status();
  return stamp;
}

Result<std::vector<TextMatch>> PgStore::SearchTexts(const TextQuery& text_query) {
  const std::string query = TsQuery(text_query);
  std::vector<TextMatch> out;
  if (query.empty()) return out;
  struct Source {
    TextMatch::Source source;
    const char* table;
    const char* columns[2];
  };
  constexpr Source kSources[] = {
      {TextMatch::Source::kAsk, "asks", {"reason", "note"}},
      {TextMatch::Source::kPosting, "postings", {"description", "note"}}};
  for (const Source& src : kSources) {
    // The WHERE repeats the index's expression (0001_initial.sql) so the GIN index serves it;
    // keel_fold (lower case, diacritics folded by unaccent) is applied to the query as well.
    Statement& s = pg_->Prepare(fmt::format(
        "SELECT id, {1}, {2} FROM {0}, to_tsquery('simple', keel_fold(?)) q "
        "WHERE search_id = ? AND to_tsvector('simple', keel_fold({1} || ' ' || {2})) @@ q "
        "ORDER BY id",
        src.table, src.columns[0], src.columns[1]));
    s.Bind(1, query).Bind(2, search_id_);
    KEEL_RETURN_IF_ERROR(ReadTextMatches(s, src.source, src.columns, out));
  }
  return out;
}

}  // namespace keel
