#include "store/sql_practice.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "store/sql_transaction.h"

namespace keel {
namespace {

constexpr std::string_view kAccountColumns = "id, email, name, role, password_hash, created_at";

Account ReadAccount(const Statement& row) {
  Account a;
  a.id = row.Int(0);
  a.email = std::string(row.Text(1));
  a.name = std::string(row.Text(2));
  a.role = ParseRole(row.Text(3)).ok() ? *ParseRole(row.Text(3)) : Role::kSeeker;
  a.password_hash = std::string(row.Text(4));
  a.created_at = std::string(row.Text(5));
  return a;
}

// `column IN (the values of one JSON array parameter)`: one statement (and one cached plan) for
// any number of values, on either engine.
std::string InJsonArray(const SqlDb& db, std::string_view column, bool integers) {
  if (db.dialect().engine() == Dialect::Engine::kSqlite) {
    return fmt::format("{} IN (SELECT value FROM json_each(?))", column);
  }
  return fmt::format("{} IN (SELECT {} FROM jsonb_array_elements_text(CAST(? AS jsonb)) AS e(v))",
                     column, integers ? "CAST(e.v AS bigint)" : "e.v");
}

constexpr std::string_view kQuestionSelect =
    "SELECT q.id, q.search, q.seeker_id, a.email, q.text, q.asked_at "
    "FROM questions q JOIN accounts a ON a.id = q.seeker_id";

QuestionRecord ReadQuestion(const Statement& row) {
  QuestionRecord q;
  q.id = row.Int(0);
  q.search = std::string(row.Text(1));
  q.seeker_id = row.Int(2);
  q.seeker_email = std::string(row.Text(3));
  q.text = std::string(row.Text(4));
  q.asked_at = std::string(row.Text(5));
  return q;
}

}  // namespace

SqlPractice::SqlPractice(std::unique_ptr<SqlDb> db) : db_(std::move(db)) {}
SqlPractice::~SqlPractice() = default;

Result<Account> SqlPractice::AddAccount(const Account& account) {
  WriteTransaction tx(*db_);
  KEEL_RETURN_IF_ERROR(tx.begun());
  Statement& taken =
      db_->Prepare("SELECT count(*) FROM accounts WHERE " + db_->dialect().NoCaseEquals("email"));
  Result<bool> row = taken.Bind(1, account.email).Step();
  if (!row.ok()) return row.status();
  const bool exists = taken.Int(0) > 0;
  taken.Reset();
  if (exists) {
    return Error{fmt::format("there is already an account for {}", account.email),
                 ErrorCode::kConflict, "email"};
  }
  Account added = account;
  Statement& insert = db_->Prepare(
      fmt::format("INSERT INTO accounts (email, name, role, password_hash, created_at) "
                  "VALUES (?, ?, ?, ?, {}) RETURNING id, created_at",
                  db_->dialect().NowUtc()));
  insert.Bind(1, account.email)
      .Bind(2, account.name)
      .Bind(3, RoleName(account.role))
      .Bind(4, account.password_hash);
  row = insert.Step();
  if (!row.ok()) return row.status();
  added.id = insert.Int(0);
  added.created_at = std::string(insert.Text(1));
  insert.Reset();
  added.searches.clear();
  if (account.role == Role::kSeeker) {
    added.searches.push_back(SeekerSearchName(added.id));
    Statement& own = db_->Prepare("INSERT INTO search_owners (search, account_id) VALUES (?, ?)");
    KEEL_RETURN_IF_ERROR(own.Bind(1, added.searches.front()).Bind(2, added.id).Run());
  }
  KEEL_RETURN_IF_ERROR(tx.Commit());
  return added;
}

Result<std::vector<std::string>> SqlPractice::SearchesOf(int64_t account_id) {
  std::vector<std::string> out;
  Statement& s =
      db_->Prepare("SELECT search FROM search_owners WHERE account_id = ? ORDER BY search");
  s.Bind(1, account_id);
  KEEL_RETURN_IF_ERROR(s.ForEachRow([&] { out.emplace_back(s.Text(0)); }));
  return out;
}

Result<std::optional<Account>> SqlPractice::FindAccount(std::string_view email) {
  Statement& s = db_->Prepare(fmt::format("SELECT {} FROM accounts WHERE {}", kAccountColumns,
                                          db_->dialect().NoCaseEquals("email")));
  return FirstAccount(s.Bind(1, email));
}

Result<std::optional<Account>> SqlPractice::FirstAccount(Statement& s) {
  Result<bool> row = s.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<Account>();
  Account a = ReadAccount(s);
  s.Reset();
  Result<std::vector<std::string>> searches = SearchesOf(a.id);
  if (!searches.ok()) return searches.status();
  a.searches = std::move(searches).value();
  return std::optional<Account>(std::move(a));
}

Result<std::vector<Account>> SqlPractice::Accounts() {
  std::vector<Account> out;
  Statement& s = db_->Prepare(fmt::format("SELECT {} FROM accounts ORDER BY {}", kAccountColumns,
                                          db_->dialect().NoCaseOrder("email")));
  KEEL_RETURN_IF_ERROR(s.ForEachRow([&] { out.push_back(ReadAccount(s)); }));
  for (Account& a : out) {
    Result<std::vector<std::string>> searches = SearchesOf(a.id);
    if (!searches.ok()) return searches.status();
    a.searches = std::move(searches).value();
  }
  return out;
}

Status SqlPractice::SetPasswordHash(int64_t account_id, std::string_view hash) {
  Statement& s = db_->Prepare("UPDATE accounts SET password_hash = ? WHERE id = ?");
  return s.Bind(1, hash).Bind(2, account_id).Run();
}

Status SqlPractice::RemoveAccount(int64_t account_id) {
  WriteTransaction tx(*db_);
  KEEL_RETURN_IF_ERROR(tx.begun());
  KEEL_RETURN_IF_ERROR(
      db_->Prepare("DELETE FROM search_owners WHERE account_id = ?").Bind(1, account_id).Run());
  KEEL_RETURN_IF_ERROR(db_->Prepare("DELETE FROM accounts WHERE id = ?").Bind(1, account_id).Run());
  return tx.Commit();
}

Result<std::optional<Account>> SqlPractice::FindAccountById(int64_t account_id) {
  Statement& s = db_->Prepare(fmt::format("SELECT {} FROM accounts WHERE id = ?", kAccountColumns));
  return FirstAccount(s.Bind(1, account_id));
}

namespace {

constexpr std::string_view kSessionColumns =
    "id_hash, account_id, csrf, created_at, last_seen_at, address, user_agent";

SessionRecord ReadSession(const Statement& row) {
  SessionRecord s;
  s.id_hash = std::string(row.Text(0));
  s.account_id = row.Int(1);
  s.csrf = std::string(row.Text(2));
  s.created_at = std::string(row.Text(3));
  s.last_seen_at = std::string(row.Text(4));
  s.address = std::string(row.Text(5));
  s.user_agent = std::string(row.Text(6));
  return s;
}

}  // namespace

Status SqlPractice::AddSession(const SessionRecord& session) {
  Statement& s = db_->Prepare(
      fmt::format("INSERT INTO sessions ({}) VALUES (?, ?, ?, ?, ?, ?, ?)", kSessionColumns));
  return s.Bind(1, session.id_hash)
      .Bind(2, session.account_id)
      .Bind(3, session.csrf)
      .Bind(4, session.created_at)
      .Bind(5, session.last_seen_at)
      .Bind(6, session.address)
      .Bind(7, session.user_agent)
      .Run();
}

Result<std::optional<SessionRecord>> SqlPractice::FindSession(std::string_view id_hash) {
  Statement& s =
      db_->Prepare(fmt::format("SELECT {} FROM sessions WHERE id_hash = ?", kSessionColumns));
  Result<bool> row = s.Bind(1, id_hash).Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<SessionRecord>();
  SessionRecord found = ReadSession(s);
  s.Reset();
  return std::optional<SessionRecord>(std::move(found));
}

Status SqlPractice::TouchSession(std::string_view id_hash, std::string_view now) {
  return db_->Prepare("UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?")
      .Bind(1, now)
      .Bind(2, id_hash)
      .Run();
}

Status SqlPractice::EndSession(std::string_view id_hash) {
  return db_->Prepare("DELETE FROM sessions WHERE id_hash = ?").Bind(1, id_hash).Run();
}

Result<std::vector<SessionRecord>> SqlPractice::Sessions(int64_t account_id) {
  std::vector<SessionRecord> out;
  Statement& s = db_->Prepare(
      fmt::format("SELECT {} FROM sessions WHERE account_id = ? ORDER BY created_at DESC, id_hash",
                  kSessionColumns));
  s.Bind(1, account_id);
  KEEL_RETURN_IF_ERROR(s.ForEachRow([&] { out.push_back(ReadSession(s)); }));
  return out;
}

Status SqlPractice::EndSessionsExcept(int64_t account_id, std::string_view keep_hash) {
  return db_->Prepare("DELETE FROM sessions WHERE account_id = ? AND id_hash <> ?")
      .Bind(1, account_id)
      .Bind(2, keep_hash)
      .Run();
}

Status SqlPractice::RecordSignInFailure(std::string_view email, std::string_view address,
                                        std::string_view at, std::string_view forget_before) {
  WriteTransaction tx(*db_);
  KEEL_RETURN_IF_ERROR(tx.begun());
  KEEL_RETURN_IF_ERROR(
      db_->Prepare("DELETE FROM sign_in_failures WHERE at < ?").Bind(1, forget_before).Run());
  KEEL_RETURN_IF_ERROR(
      db_->Prepare("INSERT INTO sign_in_failures (email, address, at) VALUES (?, ?, ?)")
          .Bind(1, email)
          .Bind(2, address)
          .Bind(3, at)
          .Run());
  return tx.Commit();
}

Result<SignInFailures> SqlPractice::CountSignInFailures(std::string_view email,
                                                        std::string_view address,
                                                        std::string_view since) {
  SignInFailures out;
  Statement& by_email = db_->Prepare(
      fmt::format("SELECT count(*), coalesce(min(at), '') FROM sign_in_failures WHERE {} AND "
                  "at >= ?",
                  db_->dialect().NoCaseEquals("email")));
  Result<bool> row = by_email.Bind(1, email).Bind(2, since).Step();
  if (!row.ok()) return row.status();
  out.for_email = by_email.Int(0);
  out.first_email_at = std::string(by_email.Text(1));
  by_email.Reset();
  Statement& by_address = db_->Prepare(
      "SELECT count(*), coalesce(min(at), '') FROM sign_in_failures WHERE address = ? AND at >= ?");
  row = by_address.Bind(1, address).Bind(2, since).Step();
  if (!row.ok()) return row.status();
  out.for_address = by_address.Int(0);
  out.first_address_at = std::string(by_address.Text(1));
  by_address.Reset();
  return out;
}

Status SqlPractice::ClearSignInFailures(std::string_view email) {
  return db_->Prepare("DELETE FROM sign_in_failures WHERE " + db_->dialect().NoCaseEquals("email"))
      .Bind(1, email)
      .Run();
}

namespace {

constexpr std::string_view kGrantSelect =
    "SELECT g.id, g.search, g.seeker_id, g.coach_id, c.email, s.email, g.scope, "
    "coalesce(g.expires_on, ''), g.created_at, coalesce(g.revoked_at, '') FROM grants g "
    "JOIN accounts c ON c.id = g.coach_id JOIN accounts s ON s.id = g.seeker_id";

GrantRecord ReadGrant(const Statement& row) {
  GrantRecord g;
  g.id = row.Int(0);
  g.search = std::string(row.Text(1));
  g.seeker_id = row.Int(2);
  g.coach_id = row.Int(3);
  g.coach_email = std::string(row.Text(4));
  g.seeker_email = std::string(row.Text(5));
  g.scope = std::string(row.Text(6));
  g.expires_on = std::string(row.Text(7));
  g.created_at = std::string(row.Text(8));
  g.revoked_at = std::string(row.Text(9));
  return g;
}

}  // namespace

Result<GrantRecord> SqlPractice::AddGrant(const GrantRecord& grant) {
  Statement& insert = db_->Prepare(
      "INSERT INTO grants (search, seeker_id, coach_id, scope, expires_on, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?) RETURNING id");
  insert.Bind(1, grant.search)
      .Bind(2, grant.seeker_id)
      .Bind(3, grant.coach_id)
      .Bind(4, grant.scope)
      .Bind(5, grant.expires_on.empty() ? std::optional<std::string>()
                                        : std::optional<std::string>(grant.expires_on))
      .Bind(6, grant.created_at);
  Result<bool> row = insert.Step();
  if (!row.ok()) return row.status();
  const int64_t id = insert.Int(0);
  insert.Reset();
  Result<std::optional<GrantRecord>> added = FindGrant(id);
  if (!added.ok()) return added.status();
  if (!*added) return Error{"the new grant could not be read back", ErrorCode::kInternal};
  return std::move(**added);
}

Result<std::optional<GrantRecord>> SqlPractice::FindGrant(int64_t id) {
  Statement& s = db_->Prepare(std::string(kGrantSelect) + " WHERE g.id = ?");
  Result<bool> row = s.Bind(1, id).Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<GrantRecord>();
  GrantRecord g = ReadGrant(s);
  s.Reset();
  return std::optional<GrantRecord>(std::move(g));
}

Status SqlPractice::RevokeGrant(int64_t id, std::string_view at) {
  return db_->Prepare("UPDATE grants SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
      .Bind(1, at)
      .Bind(2, id)
      .Run();
}

Result<std::vector<GrantRecord>> SqlPractice::Grants(int64_t account_id, bool as_coach) {
  std::vector<GrantRecord> out;
  Statement& s = db_->Prepare(fmt::format("{} WHERE g.{} = ? ORDER BY g.id DESC", kGrantSelect,
                                          as_coach ? "coach_id" : "seeker_id"));
  s.Bind(1, account_id);
  KEEL_RETURN_IF_ERROR(s.ForEachRow([&] { out.push_back(ReadGrant(s)); }));
  return out;
}

Status SqlPractice::RecordRead(const AuditRead& read) {
  return db_->Prepare("INSERT INTO audit_reads (search, coach_email, what, at) VALUES (?, ?, ?, ?)")
      .Bind(1, read.search)
      .Bind(2, read.coach_email)
      .Bind(3, read.what)
      .Bind(4, read.at)
      .Run();
}

Status SqlPractice::RecordReads(const std::vector<AuditRead>& reads) {
  if (reads.empty()) return Status();
  WriteTransaction tx(*db_);
  KEEL_RETURN_IF_ERROR(tx.begun());
  for (const AuditRead& read : reads) KEEL_RETURN_IF_ERROR(RecordRead(read));
  return tx.Commit();
}

Result<std::vector<AuditRead>> SqlPractice::Reads(std::string_view search, int64_t limit) {
  std::vector<AuditRead> out;
  Statement& s = db_->Prepare(
      "SELECT search, coach_email, what, at FROM audit_reads WHERE search = ? "
      "ORDER BY at DESC, id DESC LIMIT ?");
  s.Bind(1, search).Bind(2, limit);
  KEEL_RETURN_IF_ERROR(s.ForEachRow([&] {
    out.push_back({std::string(s.Text(0)), std::string(s.Text(1)), std::string(s.Text(2)),
                   std::string(s.Text(3))});
  }));
  return out;
}

Result<PracticeCounts> SqlPractice::Counts(std::string_view today) {
  PracticeCounts counts;
  Statement& roles = db_->Prepare("SELECT role, count(*) FROM accounts GROUP BY role");
  KEEL_RETURN_IF_ERROR(roles.ForEachRow([&] {
    const std::string_view role = roles.Text(0);
    int64_t& n = role == "seeker"  ? counts.seekers
                 : role == "coach" ? counts.coaches
                                   : counts.admins;
    n = roles.Int(1);
  }));
  Statement& s = db_->Prepare(
      "SELECT (SELECT count(*) FROM grants WHERE revoked_at IS NULL "
      "          AND (expires_on IS NULL OR expires_on >= ?)), "
      "       (SELECT count(*) FROM sessions), (SELECT count(*) FROM coach_notes), "
      "       (SELECT count(*) FROM audit_reads)");
  Result<bool> row = s.Bind(1, today).Step();
  if (!row.ok()) return row.status();
  if (*row) {
    counts.active_grants = s.Int(0);
    counts.sessions = s.Int(1);
    counts.notes = s.Int(2);
    counts.reads = s.Int(3);
  }
  s.Reset();
  return counts;
}

Result<NoteRecord> SqlPractice::AddNote(const NoteRecord& note) {
  Statement& insert = db_->Prepare(
      "INSERT INTO coach_notes (search, coach_id, is_private, about, text, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?) RETURNING id");
  insert.Bind(1, note.search)
      .Bind(2, note.coach_id)
      .Bind(3, note.is_private ? 1 : 0)
      .Bind(4, note.about)
      .Bind(5, note.text)
      .Bind(6, note.created_at);
  Result<bool> row = insert.Step();
  if (!row.ok()) return row.status();
  NoteRecord added = note;
  added.id = insert.Int(0);
  insert.Reset();
  return added;
}

Result<std::vector<NoteRecord>> SqlPractice::Notes(std::string_view search,
                                                   std::optional<int64_t> coach_id) {
  std::vector<NoteRecord> out;
  Statement& s = db_->Prepare(
      "SELECT n.id, n.search, n.coach_id, a.email, n.is_private, n.about, n.text, n.created_at "
      "FROM coach_notes n JOIN accounts a ON a.id = n.coach_id "
      "WHERE n.search = ? AND (n.is_private = 0 OR n.coach_id = ?) ORDER BY n.id");
  // No coach: -1 matches no account, so only the comments are read.
  s.Bind(1, search).Bind(2, coach_id.value_or(-1));
  KEEL_RETURN_IF_ERROR(s.ForEachRow([&] {
    NoteRecord n;
    n.id = s.Int(0);
    n.search = std::string(s.Text(1));
    n.coach_id = s.Int(2);
    n.coach_email = std::string(s.Text(3));
    n.is_private = s.Int(4) != 0;
    n.about = std::string(s.Text(5));
    n.text = std::string(s.Text(6));
    n.created_at = std::string(s.Text(7));
    out.push_back(std::move(n));
  }));
  return out;
}

Result<QuestionRecord> SqlPractice::AddQuestion(const QuestionRecord& question) {
  Statement& insert = db_->Prepare(
      "INSERT INTO questions (search, seeker_id, text, asked_at) VALUES (?, ?, ?, ?) RETURNING id");
  insert.Bind(1, question.search)
      .Bind(2, question.seeker_id)
      .Bind(3, question.text)
      .Bind(4, question.asked_at);
  Result<bool> row = insert.Step();
  if (!row.ok()) return row.status();
  QuestionRecord added = question;
  added.id = insert.Int(0);
  insert.Reset();
  return added;
}

Result<std::optional<QuestionRecord>> SqlPractice::FindQuestion(int64_t id) {
  Statement& s = db_->Prepare(std::string(kQuestionSelect) + " WHERE q.id = ?");
  Result<bool> row = s.Bind(1, id).Step();
  if (!row.ok()) return row.status();
  std::optional<QuestionRecord> found;
  if (*row) found = ReadQuestion(s);
  s.Reset();
  return found;
}

Result<std::vector<QuestionRecord>> SqlPractice::Questions(
    const std::vector<std::string>& searches) {
  std::vector<QuestionRecord> out;
  if (searches.empty()) return out;
  Statement& s = db_->Prepare(fmt::format("{} WHERE {} ORDER BY q.id", kQuestionSelect,
                                          InJsonArray(*db_, "q.search", /*integers=*/false)));
  s.Bind(1, nlohmann::json(searches).dump());
  KEEL_RETURN_IF_ERROR(s.ForEachRow([&] { out.push_back(ReadQuestion(s)); }));
  return out;
}

Result<QuestionEvent> SqlPractice::AddQuestionEvent(const QuestionEvent& event,
                                                    const std::vector<OutboxMail>& mail) {
  WriteTransaction tx(*db_);
  KEEL_RETURN_IF_ERROR(tx.begun());
  Statement& insert = db_->Prepare(
      "INSERT INTO question_events (question_id, kind, author_id, author_email, text, at) "
      "VALUES (?, ?, ?, ?, ?, ?) RETURNING id");
  insert.Bind(1, event.question_id)
      .Bind(2, event.kind)
      .Bind(3, event.author_id)
      .Bind(4, event.author_email)
      .Bind(5, event.text)
      .Bind(6, event.at);
  Result<bool> row = insert.Step();
  if (!row.ok()) return row.status();
  QuestionEvent added = event;
  added.id = insert.Int(0);
  insert.Reset();
  Result<int64_t> queued = InsertMail(mail, "{event}", added.id, std::nullopt);
  if (!queued.ok()) return queued.status();
  KEEL_RETURN_IF_ERROR(tx.Commit());
  return added;
}

Result<std::vector<QuestionEvent>> SqlPractice::QuestionEvents(const std::vector<int64_t>& ids) {
  std::vector<QuestionEvent> out;
  if (ids.empty()) return out;
  Statement& s =
      db_->Prepare(fmt::format("SELECT id, question_id, kind, author_id, author_email, text, at "
                               "FROM question_events WHERE {} ORDER BY id",
                               InJsonArray(*db_, "question_id", /*integers=*/true)));
  s.Bind(1, nlohmann::json(ids).dump());
  KEEL_RETURN_IF_ERROR(s.ForEachRow([&] {
    QuestionEvent e;
    e.id = s.Int(0);
    e.question_id = s.Int(1);
    e.kind = std::string(s.Text(2));
    if (!s.IsNull(3)) e.author_id = s.Int(3);
    e.author_email = std::string(s.Text(4));
    e.text = std::string(s.Text(5));
    e.at = std::string(s.Text(6));
    out.push_back(std::move(e));
  }));
  return out;
}

Status SqlPractice::AddProgram(const StoredProgram& program) {
  WriteTransaction tx(*db_);
  KEEL_RETURN_IF_ERROR(tx.begun());
  Statement& taken = db_->Prepare("SELECT count(*) FROM programs WHERE name = ?");
  Result<bool> row = taken.Bind(1, program.name).Step();
  if (!row.ok()) return row.status();
  const bool exists = taken.Int(0) > 0;
  taken.Reset();
  if (exists) {
    return Error{"a program named '" + program.name + "' is already there; give yours another name",
                 ErrorCode::kConflict, "name"};
  }
  KEEL_RETURN_IF_ERROR(
      db_->Prepare("INSERT INTO programs (name, source, added_by, added_at) VALUES (?, ?, ?, ?)")
          .Bind(1, program.name)
          .Bind(2, program.source)
          .Bind(3, program.added_by)
          .Bind(4, program.added_at)
          .Run());
  return tx.Commit();
}

Result<std::vector<StoredProgram>> SqlPractice::Programs() {
  std::vector<StoredProgram> out;
  Statement& s =
      db_->Prepare("SELECT name, source, added_by, added_at FROM programs ORDER BY name");
  KEEL_RETURN_IF_ERROR(s.ForEachRow([&] {
    StoredProgram p;
    p.name = std::string(s.Text(0));
    p.source = std::string(s.Text(1));
    if (!s.IsNull(2)) p.added_by = s.Int(2);
    p.added_at = std::string(s.Text(3));
    out.push_back(std::move(p));
  }));
  return out;
}

namespace {

constexpr std::string_view kEnrolmentSelect =
    "SELECT e.id, e.account_id, a.email, e.program, e.start_on, e.enrolled_by, e.created_at, "
    "coalesce(e.ended_at, '') FROM enrolments e JOIN accounts a ON a.id = e.account_id";

EnrolmentRecord ReadEnrolment(const Statement& row) {
  EnrolmentRecord e;
  e.id = row.Int(0);
  e.account_id = row.Int(1);
  e.account_email = std::string(row.Text(2));
  e.program = std::string(row.Text(3));
  e.start_on = std::string(row.Text(4));
  if (!row.IsNull(5)) e.enrolled_by = row.Int(5);
  e.created_at = std::string(row.Text(6));
  e.ended_at = std::string(row.Text(7));
  return e;
}

}  // namespace

Result<EnrolmentRecord> SqlPractice::AddEnrolment(const EnrolmentRecord& enrolment,
                                                  const std::vector<OutboxMail>& lessons) {
  WriteTransaction tx(*db_);
  KEEL_RETURN_IF_ERROR(tx.begun());
  Statement& running = db_->Prepare(
      "SELECT count(*) FROM enrolments WHERE account_id = ? AND program = ? AND ended_at IS NULL");
  Result<bool> row = running.Bind(1, enrolment.account_id).Bind(2, enrolment.program).Step();
  if (!row.ok()) return row.status();
  const bool exists = running.Int(0) > 0;
  running.Reset();
  if (exists) {
    return Error{"already enrolled in '" + enrolment.program + "'", ErrorCode::kConflict,
                 "program"};
  }
  Statement& insert = db_->Prepare(
      "INSERT INTO enrolments (account_id, program, start_on, enrolled_by, created_at) "
      "VALUES (?, ?, ?, ?, ?) RETURNING id");
  insert.Bind(1, enrolment.account_id)
      .Bind(2, enrolment.program)
      .Bind(3, enrolment.start_on)
      .Bind(4, enrolment.enrolled_by)
      .Bind(5, enrolment.created_at);
  Result<bool> added_row = insert.Step();
  if (!added_row.ok()) return added_row.status();
  EnrolmentRecord added = enrolment;
  added.id = insert.Int(0);
  insert.Reset();
  Result<int64_t> queued = InsertMail(lessons, "{enrolment}", added.id, added.id);
  if (!queued.ok()) return queued.status();
  KEEL_RETURN_IF_ERROR(tx.Commit());
  return added;
}

Result<std::vector<EnrolmentRecord>> SqlPractice::Enrolments(int64_t account_id) {
  std::vector<EnrolmentRecord> out;
  Statement& s =
      db_->Prepare(std::string(kEnrolmentSelect) + " WHERE e.account_id = ? ORDER BY e.id DESC");
  s.Bind(1, account_id);
  KEEL_RETURN_IF_ERROR(s.ForEachRow([&] { out.push_back(ReadEnrolment(s)); }));
  if (out.empty()) return out;
  std::vector<int64_t> ids;
  ids.reserve(out.size());
  for (const EnrolmentRecord& e : out) ids.push_back(e.id);
  Statement& done = db_->Prepare(
      fmt::format("SELECT enrolment_id, day FROM enrolment_steps_done WHERE {} ORDER BY day",
                  InJsonArray(*db_, "enrolment_id", /*integers=*/true)));
  done.Bind(1, nlohmann::json(ids).dump());
  KEEL_RETURN_IF_ERROR(done.ForEachRow([&] {
    for (EnrolmentRecord& e : out) {
      if (e.id == done.Int(0)) e.done.push_back(static_cast<int>(done.Int(1)));
    }
  }));
  return out;
}

Result<std::optional<EnrolmentRecord>> SqlPractice::FindEnrolment(int64_t id) {
  Statement& s = db_->Prepare(std::string(kEnrolmentSelect) + " WHERE e.id = ?");
  Result<bool> row = s.Bind(1, id).Step();
  if (!row.ok()) return row.status();
  if (!*row) {
    s.Reset();
    return std::optional<EnrolmentRecord>();
  }
  const int64_t account = s.Int(1);
  s.Reset();
  Result<std::vector<EnrolmentRecord>> all = Enrolments(account);
  if (!all.ok()) return all.status();
  for (EnrolmentRecord& e : *all) {
    if (e.id == id) return std::optional<EnrolmentRecord>(std::move(e));
  }
  return std::optional<EnrolmentRecord>();
}

Status SqlPractice::MarkStepDone(int64_t enrolment_id, int day, std::string_view at) {
  return db_
      ->Prepare(
          "INSERT INTO enrolment_steps_done (enrolment_id, day, done_at) VALUES (?, ?, ?) "
          "ON CONFLICT (enrolment_id, day) DO NOTHING")
      .Bind(1, enrolment_id)
      .Bind(2, day)
      .Bind(3, at)
      .Run();
}

Status SqlPractice::SetEnrolmentStart(int64_t enrolment_id, std::string_view start_on) {
  const std::optional<Date> start = ParseIsoDate(start_on);
  if (!start) return Error{"a start date must be YYYY-MM-DD", ErrorCode::kInvalid, "start_on"};
  WriteTransaction tx(*db_);
  KEEL_RETURN_IF_ERROR(tx.begun());
  KEEL_RETURN_IF_ERROR(db_->Prepare("UPDATE enrolments SET start_on = ? WHERE id = ?")
                           .Bind(1, start_on)
                           .Bind(2, enrolment_id)
                           .Run());
  KEEL_RETURN_IF_ERROR(RescheduleLessons(enrolment_id, *start));
  return tx.Commit();
}

}  // namespace keel
