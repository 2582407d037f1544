// The store's SQL, written once for both engines: every read and write of the ledger, its
// journal (undo) and its tallies, over sql_db.h's SqlDb. What differs between SQLite and
// PostgreSQL (opening, transactions, the change stamp, full-text search) is left to the engine's
// subclass: SqliteStore (sqlite_store.h) and PgStore (pg_store.h).
#pragma once

#include <map>
#include <memory>
#include <string>

#include "store/journal.h"
#include "store/sql_db.h"
#include "store/store.h"
#include "store/tallies.h"

namespace keel {

class SqlStore : public Store {
 public:
  Result<std::vector<Named>> Organizations() override;
  Result<std::optional<Id>> FindOrganization(std::string_view name) override;
  Result<Id> AddOrganization(std::string_view name) override;
  Result<std::vector<Named>> Contacts() override;
  Result<std::optional<Id>> FindContact(std::string_view name) override;
  Result<Id> AddContact(std::string_view name, Id org_id) override;
  Result<Id> EnsureOpportunity(Id org_id, std::string_view title) override;
  Result<std::vector<RoleRow>> Opportunities() override;
  Result<Id> AddOpportunity(Id org_id, std::string_view title) override;
  Result<Id> EnsureMaterialVersion(const MaterialRef& ref) override;

  Result<Id> AddAsk(const AskRecord& ask) override;
  Status AddAskWithId(Id id, const AskRecord& ask) override;
  Result<Id> AddEarlierAnswer(Id ask_id, const AnswerRecord& answer) override;
  Result<std::vector<AnswerRecord>> EarlierAnswers(Id ask_id) override;
  Status UpdateAsk(Id id, const AskRecord& ask) override;
  Status SetAskMaterials(Id ask_id, const std::vector<Id>& version_ids) override;
  Status DeleteAsk(Id id) override;
  Result<std::optional<AskRecord>> GetAskRecord(Id id) override;
  Result<std::optional<Ask>> GetAsk(Id id) override;
  Result<std::vector<Ask>> ListAsks() override;
  Result<Id> AddFollowUp(Id ask_id, Date on, std::string_view note) override;
  Result<std::vector<FollowUpRecord>> ListFollowUps() override;
  Result<Id> AddPlannedFollowUp(Id ask_id, Date on, std::string_view note) override;
  Status KeepPlannedFollowUp(Id follow_up_id, Date on, std::string_view note) override;
  Result<std::vector<FollowUpRecord>> ListPlannedFollowUps(Date until) override;
  Result<LedgerSummary> Summarize(Date today, int silence_days) override;
  void SetActor(std::string_view actor) override { actor_ = actor; }
  Result<std::optional<UndoneChange>> LastChange() override;
  Result<std::optional<UndoneChange>> UndoLast() override;
  Result<std::vector<Tally>> Tallies(std::string_view dim) override;
  Result<std::vector<DayCount>> ReplyDelays() override;
  Result<std::vector<DateCount>> WaitingByDate() override;
  Result<std::vector<Ask>> ListAsksFrom(Date from) override;
  Result<std::vector<Ask>> ListNewestAsks(int64_t limit, std::optional<Date> from) override;
  Result<int64_t> CountAsks(std::optional<Date> from) override;
  Result<std::vector<Ask>> ListPendingFrom(Date from) override;
  Result<std::vector<Ask>> ListRecentPending(Date today, int64_t limit) override;
  Result<std::vector<std::pair<std::string, int64_t>>> CountPendingFrom(
      Date from, std::string_view dim) override;

  Result<std::vector<Ask>> ListNotYetDue(Date today) override;
  Result<std::vector<OutcomeRow>> OutcomeRows() override;
  Status ForEachAskKey(const std::function<void(const AskKey&)>& visit) override;
  Result<std::vector<MaterialVersionInfo>> MaterialVersions() override;
  Status DescribeMaterialVersion(Id version_id, Date added_on, std::string_view hash,
                                 std::string_view note) override;
  Result<std::vector<std::pair<Kind, int64_t>>> KindsUsing(Id version_id) override;
  Result<Id> AddFeedback(const FeedbackRecord& feedback) override;
  Result<std::vector<FeedbackRecord>> ListFeedback(Id ask_id) override;
  Result<Id> AddAction(const ActionRow& action) override;
  Result<std::vector<ActionRow>> ListActions() override;
  Result<Id> AddStrategyVersion(const StrategyVersion& version) override;
  Result<std::vector<StrategyVersion>> StrategyVersions() override;
  Result<Id> AddPivot(const Pivot& pivot) override;
  Result<std::vector<Pivot>> ListPivots() override;
  // sql_goal.cc
  Result<Id> AddGoalSetting(const GoalSetting& setting) override;
  Result<std::vector<GoalSetting>> GoalSettings() override;
  Result<std::vector<DateCount>> AsksByDate(Date from, Date to) override;
  // sql_postings.cc
  Result<Id> AddPosting(const PostingRecord& posting) override;
  Status UpdatePosting(const PostingRecord& posting) override;
  Status DeletePosting(Id id) override;
  Result<std::optional<Posting>> GetPosting(Id id) override;
  Result<std::vector<Posting>> ListPostings(int64_t description_chars) override;
  Result<std::vector<Posting>> PostingsOf(Id opportunity_id) override;
  Result<std::vector<Posting>> PostingsWithDeadline(Date from, Date until) override;
  // sql_interviews.cc
  Result<Id> AddInterview(const InterviewRecord& interview) override;
  Status UpdateInterview(const InterviewRecord& interview) override;
  Status DeleteInterview(Id id) override;
  Result<std::optional<InterviewRecord>> GetInterview(Id id) override;
  Result<std::vector<InterviewRecord>> ListInterviews(Id ask_id, Instant from) override;
  // sql_closing.cc
  Result<std::optional<SearchClosing>> Closing() override;
  Status CloseSearch(const SearchClosing& closing) override;
  Status ReopenSearch() override;

 protected:
  /// For a backend that indexes a bulk write's new asks once, at its end (SQLite's full-text
  /// index): told of each ask added, and before an ask is changed or deleted, so that the index
  /// holds every ask first.
  virtual void AskAdded(Id /*id*/) {}
  virtual Status BeforeAskChange() { return Status(); }

  /// `db` is owned by the subclass, which outlives this base.
  explicit SqlStore(SqlDb* db);
  Result<std::optional<Id>> FindId(std::string_view sql, std::string_view name, Id extra = 0);
  Result<Id> Insert(std::string_view table, Statement& insert);
  /// The asks of the search that `where` keeps ("AND a.id = ?", binding `id` or `text`), with
  /// names, materials and follow-ups. With `page` (SQL selecting the ids of a few asks, its
  /// parameters ?1 the search and ?2 `text`), the statements start from those ids, so a page of a
  /// million asks reads its fifty rows and nothing else.
  Result<std::vector<Ask>> QueryAsks(std::string_view where, Id id, std::string_view text = {},
                                     std::string_view page = {});
  /// The "name@version" of each material version the ask used.
  Result<std::vector<std::string>> MaterialsOf(Id ask_id);
  Result<std::string> VersionName(Id version_id);
  static AskFacts Facts(const AskRecord& record);
  /// Facts() plus the ask's first earlier answer, which the no-reply curve counts.
  Result<AskFacts> FactsWithHistory(Id id, const AskRecord& record);
  Result<Id> InsertAsk(Id id, const AskRecord& ask);
  /// The statement prepared from `sql`, kept in `slot` after the first call: the write path of an
  /// import runs a few statements per row, a million times, and Prepare's cache would hash their
  /// SQL text on every call. Reset and unbound, as Prepare gives it.
  Statement& Kept(Statement*& slot, std::string_view sql);
  /// Reads the rows of an engine's search statement (the row's id, then the text of the two
  /// `columns`) into `out`: each row one match, with both texts (app/search marks the words).
  Status ReadTextMatches(Statement& s, TextMatch::Source source, const char* const (&columns)[2],
                         std::vector<TextMatch>& out);
  /// Inserts the round's people (sql_interviews.cc).
  Status InsertInterviewPeople(const InterviewRecord& interview);
  /// Journals the rounds of an ask, with their people, before the ask's delete cascades to them.
  Status JournalInterviewsOf(Id ask_id);
  /// The postings of this search that `where` selects (an SQL condition on p, whose parameters
  /// ?3 and ?4 `bind` binds), ordered by `order`, descriptions cut at `description_chars`.
  Result<std::vector<Posting>> QueryPostings(std::string_view where, std::string_view order,
                                             int64_t description_chars,
                                             const std::function<void(Statement&)>& bind);

  SqlDb* db_;
  Journal journal_;
  std::string actor_;  // SetActor: recorded with each journaled change
  TallyBook tallies_;
  std::map<Id, std::string> version_names_;  // material version id -> "name@version"
  std::string change_summary_;
  Id search_id_ = 1;  // the single-user default search
  bool in_transaction_ = false;
  // Kept(): the write path's statements, owned by db_'s cache.
  struct KeptStatements {
    Statement* add_organization = nullptr;
    Statement* add_contact = nullptr;
    Statement* add_opportunity = nullptr;
    Statement* insert_ask = nullptr;
    Statement* link_material = nullptr;
    Statement* add_follow_up = nullptr;
  } kept_;
  Id last_added_ask_ = 0;  // the ask AddAsk inserted last in this transaction, if any
  Outcome last_added_outcome_ = Outcome::kPending;
};

}  // namespace keel
