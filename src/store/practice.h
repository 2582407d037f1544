// A coaching practice's own records (PRODUCT.md, "The coaching practice"): its accounts and which
// searches each seeker owns. They sit beside the searches, not in them: on SQLite in their own
// file (keel.db -> keel.practice.db), on PostgreSQL in small reference tables of the same database
// (no search_id: read before any search is chosen; see docs/scaling.md). The SQL is written once,
// over sql_db.h's SqlDb, as the ledger's is (store/sql_practice.h); app/ sees only this interface.
//
// Every write is one transaction: an account and its search's ownership are added together, and
// a failure leaves the practice as it was. A password is never passed here, only its hash.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace keel {

enum class Role { kSeeker, kCoach, kAdmin };

inline constexpr std::array<std::string_view, 3> kRoleNames = {"seeker", "coach", "admin"};

/// "seeker", "coach", "admin".
inline std::string_view RoleName(Role role) { return kRoleNames[static_cast<size_t>(role)]; }
/// The role named `name`, or an error that names the three.
inline Result<Role> ParseRole(std::string_view name) {
  for (size_t i = 0; i < kRoleNames.size(); ++i) {
    if (kRoleNames[i] == name) return static_cast<Role>(i);
  }
  return Error{"unknown role; use seeker, coach or admin", ErrorCode::kInvalid, "role", "role"};
}

struct Account {
  int64_t id = 0;
  std::string email;  // as given; unique ignoring ASCII case
  std::string name;   // display name; may be empty
  Role role = Role::kSeeker;
  std::string password_hash;          // argon2id (app/password.h)
  std::string created_at;             // UTC, "2026-12-02T09:30:00Z"
  std::vector<std::string> searches;  // the searches this account owns (a seeker's one)
};

/// A signed-in browser (app/sign_in.h). The cookie carries a 256-bit random id; the practice
/// keeps only its SHA-256, so a copy of the database opens no session.
struct SessionRecord {
  std::string id_hash;  // SHA-256 of the cookie's id, 64 hex characters
  int64_t account_id = 0;
  std::string csrf;          // the X-Keel-Token every write of this session must carry
  std::string created_at;    // UTC; the session ends 12 h after it, whatever happens
  std::string last_seen_at;  // UTC; the session ends 30 min after it
  std::string address;       // the client's address at sign-in
  std::string user_agent;    // as the browser sent it at sign-in (clipped)
};

/// Failed sign-ins since a moment, for throttling.
struct SignInFailures {
  int64_t for_email = 0;
  std::string first_email_at;  // the earliest counted, or ""
  int64_t for_address = 0;
  std::string first_address_at;
};

/// A seeker's permission for one coach to see one search (PRODUCT.md): scope "read" or
/// "comment", through `expires_on` (a date, UTC; empty: no end), until revoked.
struct GrantRecord {
  int64_t id = 0;
  std::string search;
  int64_t seeker_id = 0;
  int64_t coach_id = 0;
  std::string coach_email;   // read with the grant, for showing it
  std::string seeker_email;  // likewise
  std::string scope;
  std::string expires_on;  // "YYYY-MM-DD" or ""
  std::string created_at;
  std::string revoked_at;  // "" while not revoked
};

/// A coach's note on a client's search: private (the coach's own, never shown to the seeker) or
/// a comment (scope `comment`: shown to the seeker beside what it is about).
struct NoteRecord {
  int64_t id = 0;
  std::string search;
  int64_t coach_id = 0;
  std::string coach_email;  // read with the note
  bool is_private = true;
  std::string about;  // "" (the search), "ask:12", "pattern:THEME"
  std::string text;
  std::string created_at;
};

/// A coach's read of a client's search, for the seeker to see.
struct AuditRead {
  std::string search;
  std::string coach_email;
  std::string what;  // the route read: "stats", "list", ...
  std::string at;
};

/// A seeker's question to their coach under the 24-hour promise (app/questions.h holds the clock).
struct QuestionRecord {
  int64_t id = 0;
  std::string search;
  int64_t seeker_id = 0;
  std::string seeker_email;  // read with the question
  std::string text;
  std::string asked_at;  // UtcIso
};

/// What happened to a question: a coach's "answer" or "need-info" (a request for more
/// information), or the seeker's "reply" to one.
struct QuestionEvent {
  int64_t id = 0;
  int64_t question_id = 0;
  std::string kind;
  std::optional<int64_t> author_id;  // none once that account is gone
  std::string author_email;
  std::string text;
  std::string at;  // UtcIso
};

/// A program a coach added (the Markdown as given; app/programs.h reads it).
struct StoredProgram {
  std::string name;
  std::string source;
  std::optional<int64_t> added_by;
  std::string added_at;
};

/// One account in one program from start_on (day 1), and the days of the steps marked done.
struct EnrolmentRecord {
  int64_t id = 0;
  int64_t account_id = 0;
  std::string account_email;  // read with the enrolment
  std::string program;
  std::string start_on;  // YYYY-MM-DD
  std::optional<int64_t> enrolled_by;
  std::string created_at;
  std::string ended_at;   // "" while it runs
  std::vector<int> done;  // days, ascending
};

/// A message in the outbox (store/practice/0004_outbox.sql explains the states). The body is
/// Markdown; the delivery run renders it (app/mail.h).
struct OutboxMail {
  int64_t id = 0;
  std::string key;   // unique: "lesson:ENROLMENT:DAY", "answered:EVENT", "due-soon:QUESTION:COACH"
  std::string kind;  // "lesson", "question-answered", "question-due-soon", "digest"
  std::optional<int64_t> account_id;  // the addressee's account
  std::string to;                     // the address, lower case
  std::string subject;
  std::string body;
  std::string list;        // what its unsubscribe link stops: "enrolment:12", "questions"
  std::string list_token;  // that link's secret (the list's first message sets it)
  std::optional<int64_t> enrolment_id;
  int day = 0;                  // a lesson's day
  std::string not_before;       // UTC; not sent before
  std::string created_at;       // UTC
  std::string state;            // read back: queued, sent, failed, cancelled
  int attempts = 0;             // read back
  std::string first_try_at;     // read back; "" before the first attempt
  std::string next_attempt_at;  // read back: not tried again before this
  std::string sent_at;          // read back
  std::string message_id;       // read back
  std::string last_error;       // read back
};

/// What a delivery run did with one claimed message.
struct MailOutcome {
  enum class Kind { kSent, kRetry, kFailed };
  Kind kind = Kind::kSent;
  std::string at;               // UTC
  std::string next_attempt_at;  // kRetry: when to try again
  std::string message_id;       // kSent
  std::string error;            // kRetry, kFailed: the relay's answer
};

/// One account's one list, found by its unsubscribe token.
struct MailList {
  std::string token;
  int64_t account_id = 0;
  std::string account_email;
  std::string list;
  std::string unsubscribed_at;  // "" while subscribed
};

/// What an admin sees of the practice: how many, never whose or what.
struct PracticeCounts {
  int64_t seekers = 0;
  int64_t coaches = 0;
  int64_t admins = 0;
  int64_t active_grants = 0;  // not revoked, not past their expiry
  int64_t sessions = 0;       // sessions not yet ended (expired ones end at their next use)
  int64_t notes = 0;          // coaches' private notes and comments
  int64_t reads = 0;          // coaches' recorded reads of clients' searches
};

/// The practice's records, opened by OpenPractice (store/open.h). Not thread-safe: one per
/// command, or per server worker.
class Practice {
 public:
  virtual ~Practice() = default;

  /// Adds the account (its id and created_at are set here) and, for a seeker, the ownership of
  /// the search their ledger will live in (SeekerSearchName). A taken email is a conflict.
  virtual Result<Account> AddAccount(const Account& account) = 0;
  /// The account with this email (ignoring ASCII case), if any.
  virtual Result<std::optional<Account>> FindAccount(std::string_view email) = 0;
  /// Every account, by email.
  virtual Result<std::vector<Account>> Accounts() = 0;
  /// Replaces the account's password hash (a rehash under new limits, a changed password).
  virtual Status SetPasswordHash(int64_t account_id, std::string_view hash) = 0;
  /// Removes the account and its ownership rows (its searches' data is the caller's to delete
  /// first: DeleteSearch in store/open.h). Removing an account that is gone is not an error.
  virtual Status RemoveAccount(int64_t account_id) = 0;
  /// The account with this id, if it still exists.
  virtual Result<std::optional<Account>> FindAccountById(int64_t account_id) = 0;

  // Sessions (app/sign_in.h holds the rules: expiry, rotation, throttling).
  virtual Status AddSession(const SessionRecord& session) = 0;
  virtual Result<std::optional<SessionRecord>> FindSession(std::string_view id_hash) = 0;
  /// Sets the session's last_seen_at.
  virtual Status TouchSession(std::string_view id_hash, std::string_view now) = 0;
  /// Ends one session (sign-out, expiry); ending one that is gone is not an error.
  virtual Status EndSession(std::string_view id_hash) = 0;
  /// The account's sessions, newest first.
  virtual Result<std::vector<SessionRecord>> Sessions(int64_t account_id) = 0;
  /// Ends every session of the account but `keep_hash` (a password change keeps the one that
  /// made it); "" ends them all.
  virtual Status EndSessionsExcept(int64_t account_id, std::string_view keep_hash) = 0;

  /// Records a failed sign-in for `email` (as typed) from `address`, and drops failures older
  /// than `forget_before`.
  virtual Status RecordSignInFailure(std::string_view email, std::string_view address,
                                     std::string_view at, std::string_view forget_before) = 0;
  /// The failures of `email` (ignoring case) and of `address` at or after `since`.
  virtual Result<SignInFailures> CountSignInFailures(std::string_view email,
                                                     std::string_view address,
                                                     std::string_view since) = 0;
  /// Forgets the email's failures (after it signed in).
  virtual Status ClearSignInFailures(std::string_view email) = 0;

  // Grants (app/grants.h holds the rules).
  /// Adds the grant (its id set here).
  virtual Result<GrantRecord> AddGrant(const GrantRecord& grant) = 0;
  virtual Result<std::optional<GrantRecord>> FindGrant(int64_t id) = 0;
  /// Marks the grant revoked at `at` (a grant already revoked keeps its first revocation).
  virtual Status RevokeGrant(int64_t id, std::string_view at) = 0;
  /// The grants a seeker gave, or a coach holds (`as_coach`), newest first, revoked ones too.
  virtual Result<std::vector<GrantRecord>> Grants(int64_t account_id, bool as_coach) = 0;

  /// Adds the note (its id set here).
  virtual Result<NoteRecord> AddNote(const NoteRecord& note) = 0;
  /// The notes of `search` a reader may see, oldest first: the comments, and when `coach_id` is
  /// given that coach's private notes too (never another coach's).
  virtual Result<std::vector<NoteRecord>> Notes(std::string_view search,
                                                std::optional<int64_t> coach_id) = 0;

  /// Records a coach's read of a client's search.
  virtual Status RecordRead(const AuditRead& read) = 0;
  /// Records several reads in one transaction (a roster reads every client's search).
  virtual Status RecordReads(const std::vector<AuditRead>& reads) = 0;
  /// The reads of `search`, newest first, at most `limit`.
  virtual Result<std::vector<AuditRead>> Reads(std::string_view search, int64_t limit) = 0;

  /// Adds the question (its id set here).
  virtual Result<QuestionRecord> AddQuestion(const QuestionRecord& question) = 0;
  virtual Result<std::optional<QuestionRecord>> FindQuestion(int64_t id) = 0;
  /// The questions of these searches, oldest first.
  virtual Result<std::vector<QuestionRecord>> Questions(
      const std::vector<std::string>& searches) = 0;
  /// Adds the event (its id set here) and queues `mail` in the same transaction ("{event}" in a
  /// mail's key is replaced by the event's id).
  virtual Result<QuestionEvent> AddQuestionEvent(const QuestionEvent& event,
                                                 const std::vector<OutboxMail>& mail) = 0;
  /// The events of these questions, oldest first.
  virtual Result<std::vector<QuestionEvent>> QuestionEvents(const std::vector<int64_t>& ids) = 0;

  /// Adds a coach's program; a name already taken is a conflict.
  virtual Status AddProgram(const StoredProgram& program) = 0;
  /// The programs coaches added, by name.
  virtual Result<std::vector<StoredProgram>> Programs() = 0;
  /// Adds the enrolment (its id set here) and queues its lessons in the same transaction (each
  /// mail's enrolment_id is set here, and "{enrolment}" in its key replaced by the id); a running
  /// one of the same account and program is a conflict.
  virtual Result<EnrolmentRecord> AddEnrolment(const EnrolmentRecord& enrolment,
                                               const std::vector<OutboxMail>& lessons) = 0;
  virtual Result<std::optional<EnrolmentRecord>> FindEnrolment(int64_t id) = 0;
  /// An account's enrolments, newest first, ended ones too.
  virtual Result<std::vector<EnrolmentRecord>> Enrolments(int64_t account_id) = 0;
  /// Marks a step done (again: no change).
  virtual Status MarkStepDone(int64_t enrolment_id, int day, std::string_view at) = 0;
  /// Moves the enrolment's day 1 (a seeker who fell behind takes up where they are), and its
  /// lessons not yet sent with it: day N's mail is not sent before start_on + N - 1.
  virtual Status SetEnrolmentStart(int64_t enrolment_id, std::string_view start_on) = 0;

  // The outbox (app/mail.h holds the rules: which mail, when, how often).
  /// Queues the mail, each unless its key is already queued (then nothing): how many were added.
  virtual Result<int64_t> QueueMail(const std::vector<OutboxMail>& mail) = 0;
  /// Claims up to `limit` messages due at `now` for the run `claimer` until `lease_until`, in one
  /// transaction that no other run's claim overlaps: queued, not before now, past any backoff, not
  /// claimed by a run whose lease holds. A lesson is claimed only if it is its enrolment's lowest
  /// day still queued, no lesson of that enrolment was sent on `today` (UTC), and none is being
  /// sent. Mail to an unsubscribed list is cancelled, and to an undeliverable address failed.
  virtual Result<std::vector<OutboxMail>> ClaimMail(std::string_view now, std::string_view today,
                                                    std::string_view claimer,
                                                    std::string_view lease_until, int limit) = 0;
  /// Records what happened to a message `claimer` claimed (a claim that lapsed and was taken by
  /// another run is left to it: false).
  virtual Result<bool> FinishMail(int64_t id, std::string_view claimer,
                                  const MailOutcome& outcome) = 0;
  /// Fails every queued message to `address`, and marks it undeliverable.
  virtual Status MarkUndeliverable(std::string_view address, std::string_view at,
                                   std::string_view reason) = 0;
  /// The list whose unsubscribe token this is, if any.
  virtual Result<std::optional<MailList>> FindMailList(std::string_view token) = 0;
  /// Unsubscribes the list (again: no change) and cancels its queued mail.
  virtual Status Unsubscribe(std::string_view token, std::string_view at) = 0;
  /// Subscribes the account to `list` (a digest it opts into; `token` is kept if the list is
  /// new) or unsubscribes it.
  virtual Status SetListSubscription(int64_t account_id, std::string_view list,
                                     std::string_view token, bool subscribed,
                                     std::string_view at) = 0;
  /// The account's row of `list`, if it has one.
  virtual Result<std::optional<MailList>> FindAccountList(int64_t account_id,
                                                          std::string_view list) = 0;
  /// Every account subscribed to `list`, by account id.
  virtual Result<std::vector<MailList>> Subscribers(std::string_view list) = 0;
  /// Whether a message with this key was ever queued.
  virtual Result<bool> MailQueued(std::string_view key) = 0;
  /// The outbox, newest first, at most `limit`: what is queued or failed, or (`all`) everything.
  virtual Result<std::vector<OutboxMail>> Outbox(bool all, int64_t limit) = 0;

  /// The practice's counts on `today` (an ISO date: a grant that expired before it is not active).
  virtual Result<PracticeCounts> Counts(std::string_view today) = 0;
};

/// The search a new seeker's ledger lives in: "seeker-ID".
inline std::string SeekerSearchName(int64_t account_id) {
  return "seeker-" + std::to_string(account_id);
}

}  // namespace keel
