// The practice's outbox (store/practice.h; the tables in store/practice/0004_outbox.sql), in SQL
// written once for both engines. A claim is one transaction that no other run's claim overlaps:
// SQLite's BEGIN IMMEDIATE holds the file's write lock, and on PostgreSQL a transaction-scoped
// advisory lock orders the claims (row locks alone would let two runs each claim a different
// lesson of one enrolment on one day). Claims are short; sending happens outside them.
#include <string>

#include "store/sql_practice.h"
#include "store/sql_transaction.h"

namespace keel {
namespace {

// Any constant of keel's own: the claims of every delivery run on this database take it.
constexpr int64_t kClaimLock = 0x6b65656c6d61696c;  // "keelmail"

constexpr std::string_view kMailSelect =
    "SELECT o.id, o.mail_key, o.kind, o.account_id, o.to_address, o.subject, o.body, o.list, "
    "COALESCE(l.token, ''), o.enrolment_id, o.day, o.not_before, o.created_at, o.state, "
    "o.attempts, COALESCE(o.first_try_at, ''), COALESCE(o.sent_at, ''), "
    "COALESCE(o.message_id, ''), COALESCE(o.last_error, ''), o.next_attempt_at "
    "FROM outbox o LEFT JOIN mail_lists l ON l.account_id = o.account_id AND l.list = o.list";

OutboxMail ReadMail(const Statement& row) {
  OutboxMail m;
  m.id = row.Int(0);
  m.key = std::string(row.Text(1));
  m.kind = std::string(row.Text(2));
  if (!row.IsNull(3)) m.account_id = row.Int(3);
  m.to = std::string(row.Text(4));
  m.subject = std::string(row.Text(5));
  m.body = std::string(row.Text(6));
  m.list = std::string(row.Text(7));
  m.list_token = std::string(row.Text(8));
  if (!row.IsNull(9)) m.enrolment_id = row.Int(9);
  m.day = static_cast<int>(row.Int(10));
  m.not_before = std::string(row.Text(11));
  m.created_at = std::string(row.Text(12));
  m.state = std::string(row.Text(13));
  m.attempts = static_cast<int>(row.Int(14));
  m.first_try_at = std::string(row.Text(15));
  m.sent_at = std::string(row.Text(16));
  m.message_id = std::string(row.Text(17));
  m.last_error = std::string(row.Text(18));
  m.next_attempt_at = std::string(row.Text(19));
  return m;
}

constexpr std::string_view kListSelect =
    "SELECT l.token, l.account_id, a.email, l.list, COALESCE(l.unsubscribed_at, '') "
    "FROM mail_lists l JOIN accounts a ON a.id = l.account_id";

MailList ReadList(const Statement& row) {
  return MailList{std::string(row.Text(0)), row.Int(1), std::string(row.Text(2)),
                  std::string(row.Text(3)), std::string(row.Text(4))};
}

// The one list a bound statement of kListSelect finds (token and (account, list) are unique).
Result<std::optional<MailList>> OnlyList(Statement& s) {
  Result<bool> row = s.Step();
  if (!row.ok()) return row.status();
  std::optional<MailList> found;
  if (*row) found = ReadList(s);
  s.Reset();
  return found;
}

std::string WithId(std::string key, std::string_view placeholder, int64_t id) {
  if (placeholder.empty()) return key;
  if (const size_t at = key.find(placeholder); at != std::string::npos) {
    key.replace(at, placeholder.size(), std::to_string(id));
  }
  return key;
}

// Whether a statement that RETURNs a row for each row it changed changed one.
Result<bool> ChangedOne(Statement& s) {
  Result<bool> row = s.Step();
  if (!row.ok()) return row.status();
  s.Reset();
  return *row;
}

}  // namespace

Result<int64_t> SqlPractice::InsertMail(const std::vector<OutboxMail>& mail,
                                        std::string_view placeholder, int64_t id,
                                        std::optional<int64_t> enrolment_id) {
  int64_t added = 0;
  for (const OutboxMail& m : mail) {
    Statement& refused = db_->Prepare(
        "SELECT (SELECT count(*) FROM undeliverable_addresses WHERE address = ?1) + "
        "(SELECT count(*) FROM mail_lists WHERE account_id = ?2 AND list = ?3 "
        "AND unsubscribed_at IS NOT NULL)");
    Result<bool> row =
        refused.Bind(1, m.to).Bind(2, m.account_id).Bind(3, WithId(m.list, placeholder, id)).Step();
    if (!row.ok()) return row.status();
    const bool skip = refused.Int(0) > 0;
    refused.Reset();
    if (skip) continue;
    if (m.account_id && !m.list_token.empty()) {
      KEEL_RETURN_IF_ERROR(
          db_->Prepare("INSERT INTO mail_lists (token, account_id, list, created_at) "
                       "VALUES (?, ?, ?, ?) ON CONFLICT (account_id, list) DO NOTHING")
              .Bind(1, m.list_token)
              .Bind(2, *m.account_id)
              .Bind(3, WithId(m.list, placeholder, id))
              .Bind(4, m.created_at)
              .Run());
    }
    Statement& insert = db_->Prepare(
        "INSERT INTO outbox (mail_key, kind, account_id, to_address, subject, body, list, "
        "enrolment_id, day, not_before, created_at, next_attempt_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (mail_key) DO NOTHING "
        "RETURNING id");
    insert.Bind(1, WithId(m.key, placeholder, id))
        .Bind(2, m.kind)
        .Bind(3, m.account_id)
        .Bind(4, m.to)
        .Bind(5, m.subject)
        .Bind(6, m.body)
        .Bind(7, WithId(m.list, placeholder, id))
        .Bind(8, enrolment_id ? enrolment_id : m.enrolment_id)
        .Bind(9, m.day)
        .Bind(10, m.not_before)
        .Bind(11, m.created_at)
        .Bind(12, m.not_before);
    Result<bool> inserted = ChangedOne(insert);
    if (!inserted.ok()) return inserted.status();
    if (*inserted) ++added;
  }
  return added;
}

Status SqlPractice::RescheduleLessons(int64_t enrolment_id, Date start) {
  std::vector<std::pair<int64_t, int>> lessons;
  Statement& read = db_->Prepare(
      "SELECT id, day FROM outbox WHERE enrolment_id = ? AND kind = 'lesson' "
      "AND state = 'queued'");
  read.Bind(1, enrolment_id);
  KEEL_RETURN_IF_ERROR(
      read.ForEachRow([&] { lessons.emplace_back(read.Int(0), static_cast<int>(read.Int(1))); }));
  for (const auto& [id, day] : lessons) {
    const std::string due = (start + (day - 1)).ToIso() + "T00:00:00Z";
    KEEL_RETURN_IF_ERROR(
        db_->Prepare("UPDATE outbox SET not_before = ?1, "
                     "next_attempt_at = CASE WHEN attempts = 0 THEN ?1 ELSE next_attempt_at END "
                     "WHERE id = ?2")
            .Bind(1, due)
            .Bind(2, id)
            .Run());
  }
  return Status();
}

Result<int64_t> SqlPractice::QueueMail(const std::vector<OutboxMail>& mail) {
  WriteTransaction tx(*db_);
  KEEL_RETURN_IF_ERROR(tx.begun());
  Result<int64_t> added = InsertMail(mail, "", 0, std::nullopt);
  if (!added.ok()) return added.status();
  KEEL_RETURN_IF_ERROR(tx.Commit());
  return added;
}

Result<std::vector<OutboxMail>> SqlPractice::ClaimMail(std::string_view now, std::string_view today,
                                                       std::string_view claimer,
                                                       std::string_view lease_until, int limit) {
  WriteTransaction tx(*db_);
  KEEL_RETURN_IF_ERROR(tx.begun());
  if (db_->dialect().engine() == Dialect::Engine::kPostgres) {
    KEEL_RETURN_IF_ERROR(
        db_->Prepare("SELECT pg_advisory_xact_lock(CAST(? AS bigint))").Bind(1, kClaimLock).Run());
  }
  const std::string day_start = std::string(today) + "T00:00:00Z";
  std::vector<OutboxMail> claimed;
  Statement& due = db_->Prepare(
      std::string(kMailSelect) +
      " WHERE o.state = 'queued' AND o.not_before <= ?1 AND o.next_attempt_at <= ?1"
      " AND (o.claimed_until IS NULL OR o.claimed_until <= ?1)"
      " AND NOT EXISTS (SELECT 1 FROM undeliverable_addresses u WHERE u.address = o.to_address)"
      " AND (l.unsubscribed_at IS NULL)"
      " AND (o.kind <> 'lesson' OR ("
      "  o.day = (SELECT min(p.day) FROM outbox p WHERE p.enrolment_id = o.enrolment_id"
      "           AND p.kind = 'lesson' AND p.state = 'queued')"
      "  AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.enrolment_id = o.enrolment_id"
      "    AND p.kind = 'lesson' AND ((p.state = 'sent' AND p.sent_at >= ?2)"
      "    OR (p.state = 'queued' AND p.claimed_until > ?1)))))"
      " ORDER BY o.not_before, o.id LIMIT ?3");
  due.Bind(1, now).Bind(2, day_start).Bind(3, limit);
  KEEL_RETURN_IF_ERROR(due.ForEachRow([&] { claimed.push_back(ReadMail(due)); }));
  for (const OutboxMail& m : claimed) {
    KEEL_RETURN_IF_ERROR(
        db_->Prepare("UPDATE outbox SET claimed_by = ?, claimed_until = ? WHERE id = ?")
            .Bind(1, claimer)
            .Bind(2, lease_until)
            .Bind(3, m.id)
            .Run());
  }
  KEEL_RETURN_IF_ERROR(tx.Commit());
  return claimed;
}

Result<bool> SqlPractice::FinishMail(int64_t id, std::string_view claimer,
                                     const MailOutcome& outcome) {
  // ?1 the moment, ?2 what the outcome carries (message id, next attempt, error), ?3 the row,
  // ?4 the run that claimed it: a claim that lapsed and was taken by another run changes nothing.
  std::string_view set;
  std::string_view carried;
  switch (outcome.kind) {
    case MailOutcome::Kind::kSent:
      set = "state = 'sent', sent_at = ?1, message_id = ?2, last_error = NULL";
      carried = outcome.message_id;
      break;
    case MailOutcome::Kind::kRetry:
      set = "next_attempt_at = ?2";
      carried = outcome.next_attempt_at;
      break;
    case MailOutcome::Kind::kFailed:
      set = "state = 'failed', last_error = ?2";
      carried = outcome.error;
      break;
  }
  Statement& s = db_->Prepare(
      "UPDATE outbox SET " + std::string(set) +
      (outcome.kind == MailOutcome::Kind::kRetry ? ", last_error = ?5" : "") +
      ", attempts = attempts + 1, first_try_at = COALESCE(first_try_at, ?1), claimed_by = NULL, "
      "claimed_until = NULL WHERE id = ?3 AND claimed_by = ?4 AND state = 'queued' RETURNING id");
  s.Bind(1, outcome.at).Bind(2, carried).Bind(3, id).Bind(4, claimer);
  if (outcome.kind == MailOutcome::Kind::kRetry) s.Bind(5, outcome.error);
  return ChangedOne(s);
}

Status SqlPractice::MarkUndeliverable(std::string_view address, std::string_view at,
                                      std::string_view reason) {
  WriteTransaction tx(*db_);
  KEEL_RETURN_IF_ERROR(tx.begun());
  KEEL_RETURN_IF_ERROR(db_->Prepare("INSERT INTO undeliverable_addresses (address, at, reason) "
                                    "VALUES (?, ?, ?) ON CONFLICT (address) DO NOTHING")
                           .Bind(1, address)
                           .Bind(2, at)
                           .Bind(3, reason)
                           .Run());
  KEEL_RETURN_IF_ERROR(
      db_->Prepare("UPDATE outbox SET state = 'failed', last_error = ?, claimed_by = NULL, "
                   "claimed_until = NULL WHERE state = 'queued' AND to_address = ?")
          .Bind(1, "the address is undeliverable: " + std::string(reason))
          .Bind(2, address)
          .Run());
  return tx.Commit();
}

Result<std::optional<MailList>> SqlPractice::FindMailList(std::string_view token) {
  Statement& s = db_->Prepare(std::string(kListSelect) + " WHERE l.token = ?");
  return OnlyList(s.Bind(1, token));
}

Result<std::optional<MailList>> SqlPractice::FindAccountList(int64_t account_id,
                                                             std::string_view list) {
  Statement& s = db_->Prepare(std::string(kListSelect) + " WHERE l.account_id = ? AND l.list = ?");
  return OnlyList(s.Bind(1, account_id).Bind(2, list));
}

Result<std::vector<MailList>> SqlPractice::Subscribers(std::string_view list) {
  std::vector<MailList> out;
  Statement& s =
      db_->Prepare(std::string(kListSelect) +
                   " WHERE l.list = ? AND l.unsubscribed_at IS NULL ORDER BY l.account_id");
  s.Bind(1, list);
  KEEL_RETURN_IF_ERROR(s.ForEachRow([&] { out.push_back(ReadList(s)); }));
  return out;
}

Status SqlPractice::SetListSubscription(int64_t account_id, std::string_view list,
                                        std::string_view token, bool subscribed,
                                        std::string_view at) {
  Statement& s = db_->Prepare(
      "INSERT INTO mail_lists (token, account_id, list, created_at, unsubscribed_at) "
      "VALUES (?1, ?2, ?3, ?4, CASE WHEN ?5 = 1 THEN NULL ELSE ?4 END) "
      "ON CONFLICT (account_id, list) DO UPDATE SET unsubscribed_at = "
      "CASE WHEN ?5 = 1 THEN NULL ELSE COALESCE(mail_lists.unsubscribed_at, ?4) END");
  return s.Bind(1, token)
      .Bind(2, account_id)
      .Bind(3, list)
      .Bind(4, at)
      .Bind(5, subscribed ? 1 : 0)
      .Run();
}

Result<bool> SqlPractice::MailQueued(std::string_view key) {
  Statement& s = db_->Prepare("SELECT count(*) FROM outbox WHERE mail_key = ?");
  Result<bool> row = s.Bind(1, key).Step();
  if (!row.ok()) return row.status();
  const bool queued = s.Int(0) > 0;
  s.Reset();
  return queued;
}

Status SqlPractice::Unsubscribe(std::string_view token, std::string_view at) {
  WriteTransaction tx(*db_);
  KEEL_RETURN_IF_ERROR(tx.begun());
  KEEL_RETURN_IF_ERROR(db_->Prepare("UPDATE mail_lists SET unsubscribed_at = "
                                    "COALESCE(unsubscribed_at, ?) WHERE token = ?")
                           .Bind(1, at)
                           .Bind(2, token)
                           .Run());
  KEEL_RETURN_IF_ERROR(
      db_->Prepare("UPDATE outbox SET state = 'cancelled', last_error = 'unsubscribed', "
                   "claimed_by = NULL, claimed_until = NULL WHERE state = 'queued' AND EXISTS "
                   "(SELECT 1 FROM mail_lists l WHERE l.token = ? "
                   "AND l.account_id = outbox.account_id AND l.list = outbox.list)")
          .Bind(1, token)
          .Run());
  return tx.Commit();
}

Result<std::vector<OutboxMail>> SqlPractice::Outbox(bool all, int64_t limit) {
  std::vector<OutboxMail> out;
  Statement& s = db_->Prepare(std::string(kMailSelect) +
                              " WHERE ? = 1 OR o.state IN ('queued', 'failed') "
                              "ORDER BY o.id DESC LIMIT ?");
  s.Bind(1, all ? 1 : 0).Bind(2, limit);
  KEEL_RETURN_IF_ERROR(s.ForEachRow([&] { out.push_back(ReadMail(s)); }));
  return out;
}

}  // namespace keel
