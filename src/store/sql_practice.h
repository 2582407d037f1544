// The practice's records (store/practice.h) in SQL written once for both engines, over
// sql_db.h's SqlDb: a SQLite file of its own, or PostgreSQL's reference tables.
#pragma once

#include <memory>

#include "core/date.h"
#include "store/practice.h"
#include "store/sql_db.h"

namespace keel {

class SqlPractice final : public Practice {
 public:
  /// Over an open connection whose schema is migrated (OpenPractice in store/open.h does both).
  explicit SqlPractice(std::unique_ptr<SqlDb> db);
  ~SqlPractice() override;
  SqlPractice(const SqlPractice&) = delete;
  SqlPractice& operator=(const SqlPractice&) = delete;

  Result<Account> AddAccount(const Account& account) override;
  Result<std::optional<Account>> FindAccount(std::string_view email) override;
  Result<std::vector<Account>> Accounts() override;
  Status SetPasswordHash(int64_t account_id, std::string_view hash) override;
  Status RemoveAccount(int64_t account_id) override;
  Result<std::optional<Account>> FindAccountById(int64_t account_id) override;
  Status AddSession(const SessionRecord& session) override;
  Result<std::optional<SessionRecord>> FindSession(std::string_view id_hash) override;
  Status TouchSession(std::string_view id_hash, std::string_view now) override;
  Status EndSession(std::string_view id_hash) override;
  Result<std::vector<SessionRecord>> Sessions(int64_t account_id) override;
  Status EndSessionsExcept(int64_t account_id, std::string_view keep_hash) override;
  Status RecordSignInFailure(std::string_view email, std::string_view address, std::string_view at,
                             std::string_view forget_before) override;
  Result<SignInFailures> CountSignInFailures(std::string_view email, std::string_view address,
                                             std::string_view since) override;
  Status ClearSignInFailures(std::string_view email) override;
  Result<GrantRecord> AddGrant(const GrantRecord& grant) override;
  Result<std::optional<GrantRecord>> FindGrant(int64_t id) override;
  Status RevokeGrant(int64_t id, std::string_view at) override;
  Result<std::vector<GrantRecord>> Grants(int64_t account_id, bool as_coach) override;
  Result<NoteRecord> AddNote(const NoteRecord& note) override;
  Result<std::vector<NoteRecord>> Notes(std::string_view search,
                                        std::optional<int64_t> coach_id) override;
  Status RecordRead(const AuditRead& read) override;
  Status RecordReads(const std::vector<AuditRead>& reads) override;
  Result<std::vector<AuditRead>> Reads(std::string_view search, int64_t limit) override;
  Result<PracticeCounts> Counts(std::string_view today) override;
  Result<QuestionRecord> AddQuestion(const QuestionRecord& question) override;
  Result<std::optional<QuestionRecord>> FindQuestion(int64_t id) override;
  Result<std::vector<QuestionRecord>> Questions(const std::vector<std::string>& searches) override;
  Result<QuestionEvent> AddQuestionEvent(const QuestionEvent& event,
                                         const std::vector<OutboxMail>& mail) override;
  Result<std::vector<QuestionEvent>> QuestionEvents(const std::vector<int64_t>& ids) override;
  Status AddProgram(const StoredProgram& program) override;
  Result<std::vector<StoredProgram>> Programs() override;
  Result<EnrolmentRecord> AddEnrolment(const EnrolmentRecord& enrolment,
                                       const std::vector<OutboxMail>& lessons) override;
  Result<std::optional<EnrolmentRecord>> FindEnrolment(int64_t id) override;
  Result<std::vector<EnrolmentRecord>> Enrolments(int64_t account_id) override;
  Status MarkStepDone(int64_t enrolment_id, int day, std::string_view at) override;
  Status SetEnrolmentStart(int64_t enrolment_id, std::string_view start_on) override;
  // The outbox: store/sql_practice_mail.cc.
  Result<int64_t> QueueMail(const std::vector<OutboxMail>& mail) override;
  Result<std::vector<OutboxMail>> ClaimMail(std::string_view now, std::string_view today,
                                            std::string_view claimer, std::string_view lease_until,
                                            int limit) override;
  Result<bool> FinishMail(int64_t id, std::string_view claimer,
                          const MailOutcome& outcome) override;
  Status MarkUndeliverable(std::string_view address, std::string_view at,
                           std::string_view reason) override;
  Result<std::optional<MailList>> FindMailList(std::string_view token) override;
  Status Unsubscribe(std::string_view token, std::string_view at) override;
  Status SetListSubscription(int64_t account_id, std::string_view list, std::string_view token,
                             bool subscribed, std::string_view at) override;
  Result<std::optional<MailList>> FindAccountList(int64_t account_id,
                                                  std::string_view list) override;
  Result<std::vector<MailList>> Subscribers(std::string_view list) override;
  Result<bool> MailQueued(std::string_view key) override;
  Result<std::vector<OutboxMail>> Outbox(bool all, int64_t limit) override;

 private:
  Result<std::vector<std::string>> SearchesOf(int64_t account_id);
  /// The account in `s`'s first row (bound, not yet stepped), with its searches.
  Result<std::optional<Account>> FirstAccount(Statement& s);
  /// Inserts `mail` inside the caller's transaction, each unless its key is taken, its list
  /// unsubscribed or its address undeliverable; `placeholder` in a key becomes `id`, and each
  /// gets `enrolment_id` when one is given. How many were added.
  Result<int64_t> InsertMail(const std::vector<OutboxMail>& mail, std::string_view placeholder,
                             int64_t id, std::optional<int64_t> enrolment_id);
  /// Moves the queued lessons of an enrolment to start + day - 1 (inside the caller's
  /// transaction).
  Status RescheduleLessons(int64_t enrolment_id, Date start);
  std::unique_ptr<SqlDb> db_;
};

}  // namespace keel
