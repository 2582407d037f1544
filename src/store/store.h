// The storage interface: the only way the rest of keel reads or writes the ledger. SQLite is the
// embedded default; a PostgreSQL backend for the multi-user server will implement the same
// interface and pass the same contract tests (tests/store/store_contract_test.cc).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/instant.h"
#include "core/model.h"
#include "core/result.h"

namespace keel {

/// An ask as stored: references by id. 0 means "none" for contact and opportunity.
struct AskRecord {
  Date asked_on;
  Id org_id = 0;
  Id contact_id = 0;
  Id opportunity_id = 0;
  Kind kind = Kind::kOther;
  Channel channel = Channel::kOther;
  Outcome outcome = Outcome::kPending;
  std::optional<Date> replied_on;
  std::optional<Date> until;
  std::string reason;
  std::string note;
  std::optional<std::string> reason_theme;  // the person's --theme; nullopt = classify
  Facets facets;
  Id via_contact_id = 0;  // who introduced or referred; 0 for nobody

  friend bool operator==(const AskRecord&, const AskRecord&) = default;
};

/// An answer an ask received before its current one (the current answer is the ask's own
/// outcome, replied_on, until, reason and reason_theme). Oldest first, by id.
struct AnswerRecord {
  Id id = 0;
  Id ask_id = 0;
  Outcome outcome = Outcome::kYes;  // yes, no or not-yet: an answer from the other party
  std::optional<Date> replied_on;
  std::optional<Date> until;  // not-yet only
  std::string reason;
  std::optional<std::string> reason_theme;  // the person's --theme; nullopt = classify

  friend bool operator==(const AnswerRecord&, const AnswerRecord&) = default;
};

/// A nudge on an ask, with its note.
struct FollowUpRecord {
  Id id = 0;
  Id ask_id = 0;
  Date on;
  std::string note;
  bool planned = false;  // scheduled for `on`, not made yet
};

/// A role (opportunity) as stored: its organization and title.
struct RoleRow {
  Id id = 0;
  Id org_id = 0;
  std::string title;
};

/// A named row (organization or contact).
struct Named {
  Id id = 0;
  std::string name;
};

/// Counts the summary needs, computed by the store so that large ledgers need not be read.
struct LedgerSummary {
  int64_t asks = 0;
  int64_t pending = 0;  // still within the horizon
  int64_t yes = 0;
  int64_t no = 0;
  int64_t not_yet = 0;
  int64_t silent = 0;     // marked by hand or past the horizon
  int64_t withdrawn = 0;  // the seeker pulled out: in `asks`, outside every rate
  int64_t follow_ups = 0;
  int64_t asks_last_28_days = 0;
  int64_t not_yet_due = 0;  // not-yet asks whose until-date has come
  std::optional<Date> first_ask;
  std::optional<Date> last_ask;
};

/// Asks by recorded outcome in one group of a dimension ("kind" / "application" / "no" / 12).
struct Tally {
  std::string key;
  Outcome outcome = Outcome::kPending;
  int64_t n = 0;
};

/// A count per whole number of days (reply delays).
struct DayCount {
  int32_t days = 0;
  int64_t n = 0;
};

/// A count per date (asks still waiting for a reply, by the day they were made).
struct DateCount {
  Date date;
  int64_t n = 0;
};

/// The fields of an ask that its decision depends on (for streaks: no names, no text).
struct OutcomeRow {
  Id id = 0;
  Date asked_on;
  Outcome outcome = Outcome::kPending;
  std::optional<Date> replied_on;
  Kind kind = Kind::kOther;  // for the streak of one kind after an answer
};

/// The fields import compares to tell whether a row is already in the ledger, as the store
/// holds them (names as written, enumerations by name, dates ISO, "" for none). The views are
/// valid only during the visit.
struct AskKey {
  std::string_view asked_on, org, person, role, kind, channel, outcome, replied_on;
};

/// A material version and what `keel material add` recorded about it.
struct MaterialVersionInfo {
  Id id = 0;
  std::string material;          // "resume"
  std::string version;           // "v3"
  std::optional<Date> added_on;  // nullopt for a version first seen on an ask
  std::string content_hash;      // SHA-256 hex of the file, "" when none was given
  std::string note;
  std::string ref() const { return material + "@" + version; }
};

/// An answer to a feedback ask.
struct FeedbackRecord {
  Id id = 0;
  Id ask_id = 0;
  Date received_on;
  std::string text;
  std::optional<std::string> theme;  // the person's --theme; nullopt = classify
};

/// What the seeker decided to do about a theme, from a date on.
struct ActionRow {
  Id id = 0;
  std::string text;
  std::string theme;
  Date started_on;
};

/// One saved version of the strategy document (JSON), newest last.
struct StrategyVersion {
  Id id = 0;
  Date edited_on;
  std::string made_at;
  std::string summary;
  std::string body;
};

/// An ask made despite a deal-breaker.
struct Pivot {
  Id id = 0;
  Id ask_id = 0;
  Date on;
  std::string rule;  // the deal-breaker, as the message quoted it
  std::string why;
};

/// The offer the seeker accepted, which closed the search.
struct SearchClosing {
  Id ask_id = 0;
  Date closed_on;
};

/// Weekly goal: one change of the goal (`keel goal`), dated in the seeker's local days.
struct GoalSetting {
  Id id = 0;
  Date set_on;
  std::optional<int64_t> asks_per_week;  // nullopt: the goal was cleared
};

// Postings and search (keel posting, keel list --search; schema 9, sqlite_postings.cc).

/// A role saved before applying: one posting per opportunity (the role at an organization).
struct PostingRecord {
  Id id = 0;
  Id opportunity_id = 0;
  Date saved_on;
  std::string url;          // "" for none; http or https
  std::string description;  // as pasted or read from a file, never fetched
  std::optional<Date> deadline;
  std::optional<int64_t> salary_min, salary_max;  // both or neither; min <= max
  std::string location;
  std::string note;
};

/// A posting with its opportunity's names and how many asks the opportunity has (0: saved).
struct Posting {
  PostingRecord record;
  std::string org;
  std::string role;
  int64_t asks = 0;
  /// The description's length in characters (listings carry only its first characters).
  int64_t description_chars = 0;
};

/// What full-text search looks for (app/search.h builds it from the person's words): every word
/// must appear; a word is its tokens in order (a phrase: "on-call" is on, call), each a run of
/// letters and digits in lower case. The store folds diacritics on both sides ("zurich" finds
/// "Zürich"). The last token of the last word matches as a prefix when `last_is_prefix`.
struct TextQuery {
  std::vector<std::vector<std::string>> words;
  bool last_is_prefix = false;
};

/// One row that full-text search found: an ask (by its reason or note) or a posting (by its
/// description or note), with the searched fields' text; app/search marks the matches in it.
struct TextMatch {
  enum class Source { kAsk, kPosting };
  struct Text {
    std::string name;  // "reason", "note", "description"
    std::string text;  // the field's whole text
  };
  struct Field {
    std::string name;     // "reason", "note", "description"
    std::string snippet;  // a few words around the match; the matched words between \x02 and \x03
  };
  Source source = Source::kAsk;
  Id id = 0;
  std::vector<Text> texts;    // from the store: both searched fields
  std::vector<Field> fields;  // from app/search: the fields that match, with their snippets
};

// Interviews (keel interview; schema 13, sql_interviews.cc).

/// One person met in an interview round: by name, linked to the contact of that name if any.
struct InterviewPerson {
  std::string name;
  Id contact_id = 0;  // 0: nobody keel knows by that name

  friend bool operator==(const InterviewPerson&, const InterviewPerson&) = default;
};

/// ListInterviews' `from` for every round, however early (ISO text compares as time only within
/// four-digit years).
inline constexpr Instant kEveryInterview = -2208988801;

/// An interview round the seeker scheduled, for the role of one ask.
struct InterviewRecord {
  Id id = 0;
  Id ask_id = 0;
  int64_t round = 1;      // from 1
  Instant starts_at = 0;  // UTC
  int64_t minutes = 60;   // how long it is planned to last
  std::string zone;       // the time zone it was scheduled in ($TZ or the system's), for reference
  std::string prep;       // the seeker's notes to prepare
  std::vector<InterviewPerson> people;  // in the order given

  friend bool operator==(const InterviewRecord&, const InterviewRecord&) = default;
};

/// What `undo` reverted.
struct UndoneChange {
  Id change_id = 0;
  std::string summary;
  std::string made_at;
  std::string made_by;  // who acted (Store::SetActor); empty for the seeker at their own keel
};

/// The ledger's storage. Every method works within the current search. Methods that write must
/// be called between BeginWrite and Commit; on any failure the caller rolls back, so a command
/// either happens whole or not at all.
class Store {
 public:
  virtual ~Store() = default;

  /// Starts a write transaction that will be journaled as one change described by `summary`
  /// (shown by `keel undo`). Fails when another process holds the write lock.
  virtual Status BeginWrite(std::string_view summary) = 0;
  /// Who the changes written from now on are by (the journal keeps it with each change): an
  /// account on a shared server; empty, the default, for the seeker at their own keel.
  virtual void SetActor(std::string_view actor) = 0;
  /// The same for a bulk load (import) whose writer references only rows it read or created in
  /// the same transaction: the backend may skip per-row referential checks.
  virtual Status BeginBulkWrite(std::string_view summary) = 0;
  /// Starts a read transaction (one consistent snapshot for a report).
  virtual Status BeginRead() = 0;
  virtual Status Commit() = 0;
  /// Abandons the current transaction, if any. Never fails.
  virtual void Rollback() = 0;

  virtual Result<std::vector<Named>> Organizations() = 0;
  /// Finds by name, ignoring ASCII case.
  virtual Result<std::optional<Id>> FindOrganization(std::string_view name) = 0;
  virtual Result<Id> AddOrganization(std::string_view name) = 0;

  virtual Result<std::vector<Named>> Contacts() = 0;
  virtual Result<std::optional<Id>> FindContact(std::string_view name) = 0;
  /// `org_id` 0 for a contact not (yet) known to work anywhere.
  virtual Result<Id> AddContact(std::string_view name, Id org_id) = 0;

  /// The opportunity (role) with this title at the organization, created on first use.
  virtual Result<Id> EnsureOpportunity(Id org_id, std::string_view title) = 0;
  /// Every role of the search, by id: what an import looks its rows' roles up in.
  virtual Result<std::vector<RoleRow>> Opportunities() = 0;
  /// Adds a role its caller knows the search lacks (an import that read them all).
  virtual Result<Id> AddOpportunity(Id org_id, std::string_view title) = 0;
  /// The material version, creating the material and the version on first use.
  virtual Result<Id> EnsureMaterialVersion(const MaterialRef& ref) = 0;

  virtual Result<Id> AddAsk(const AskRecord& ask) = 0;
  /// The same with a given id (restoring a backup); fails when the id is taken.
  virtual Status AddAskWithId(Id id, const AskRecord& ask) = 0;
  /// Overwrites every field of an existing ask.
  virtual Status UpdateAsk(Id id, const AskRecord& ask) = 0;
  /// Replaces the set of material versions an ask used.
  virtual Status SetAskMaterials(Id ask_id, const std::vector<Id>& version_ids) = 0;
  /// Keeps `answer` in the ask's history, after its earlier answers and before its current one.
  /// The no-reply curve then counts the ask's first answer (ReplyDelays). Fails for an outcome
  /// that is not a reply, or an ask that does not exist.
  virtual Result<Id> AddEarlierAnswer(Id ask_id, const AnswerRecord& answer) = 0;
  /// The earlier answers of one ask (ask_id 0: of every ask), by ask then oldest first.
  virtual Result<std::vector<AnswerRecord>> EarlierAnswers(Id ask_id) = 0;
  /// Deletes an ask with its follow-ups, earlier answers and material links.
  virtual Status DeleteAsk(Id id) = 0;
  virtual Result<std::optional<AskRecord>> GetAskRecord(Id id) = 0;
  /// The ask with names resolved, or nullopt when there is no such ask in this search.
  virtual Result<std::optional<Ask>> GetAsk(Id id) = 0;
  /// Every ask, ordered by asked_on then id.
  virtual Result<std::vector<Ask>> ListAsks() = 0;
  /// The newest `limit` asks (by asked_on, then id) made on or after `from` (every date when
  /// nullopt), ordered oldest first as ListAsks orders them: a page of the ledger found on the
  /// date index, whatever its size.
  virtual Result<std::vector<Ask>> ListNewestAsks(int64_t limit, std::optional<Date> from) = 0;
  /// How many asks were made on or after `from` (every ask when nullopt).
  virtual Result<int64_t> CountAsks(std::optional<Date> from) = 0;

  virtual Result<Id> AddFollowUp(Id ask_id, Date on, std::string_view note) = 0;
  /// Schedules a follow-up for `on` (a plan: Ask::planned_follow_ups, not Ask::follow_ups).
  virtual Result<Id> AddPlannedFollowUp(Id ask_id, Date on, std::string_view note) = 0;
  /// Turns a plan into a follow-up made on `on`, with `note` (journaled as an update).
  virtual Status KeepPlannedFollowUp(Id follow_up_id, Date on, std::string_view note) = 0;
  /// Every plan of the search whose day is on or before `until`, by date then id.
  virtual Result<std::vector<FollowUpRecord>> ListPlannedFollowUps(Date until) = 0;
  /// Every follow-up with its note, in the order they were added.
  virtual Result<std::vector<FollowUpRecord>> ListFollowUps() = 0;

  virtual Result<LedgerSummary> Summarize(Date today, int silence_days) = 0;

  /// Running tallies for statistics, kept up to date on every write. `dim` is one of "all",
  /// "kind", "channel", "month" (key "YYYY-MM") or "material" (key "name@version").
  virtual Result<std::vector<Tally>> Tallies(std::string_view dim) = 0;
  /// Replies by delay in days: each ask whose first answer (its earliest earlier answer, else its
  /// current yes, no or not-yet) has a reply date counts once, at that first answer.
  virtual Result<std::vector<DayCount>> ReplyDelays() = 0;
  /// Asks that never had a reply (pending or silent, no earlier answer) by the day they were
  /// made.
  virtual Result<std::vector<DateCount>> WaitingByDate() = 0;
  /// The asks made on or after `from`, ordered by asked_on then id.
  virtual Result<std::vector<Ask>> ListAsksFrom(Date from) = 0;
  /// How many asks recorded as pending were made on or after `from`, per key of a tally
  /// dimension ("all" gives one row with key "").
  virtual Result<std::vector<std::pair<std::string, int64_t>>> CountPendingFrom(
      Date from, std::string_view dim) = 0;
  /// The asks recorded as pending made on or after `from`.
  virtual Result<std::vector<Ask>> ListPendingFrom(Date from) = 0;
  /// The `limit` most recent asks recorded as pending made on or before `today` (newest by date,
  /// then id), returned oldest first.
  virtual Result<std::vector<Ask>> ListRecentPending(Date today, int64_t limit) = 0;
  /// The not-yet asks whose date to ask again is on or before `today`.
  virtual Result<std::vector<Ask>> ListNotYetDue(Date today) = 0;
  /// Every ask's date, outcome and reply date, ordered by id.
  virtual Result<std::vector<OutcomeRow>> OutcomeRows() = 0;
  /// Calls `visit` with every ask's key fields, in one pass (import's duplicate check: a
  /// million asks are read once, without building Ask objects).
  virtual Status ForEachAskKey(const std::function<void(const AskKey&)>& visit) = 0;

  /// Every material version, ordered by material name then id (the order they appeared).
  virtual Result<std::vector<MaterialVersionInfo>> MaterialVersions() = 0;
  /// Records what `keel material add` says about a version (journaled update).
  virtual Status DescribeMaterialVersion(Id version_id, Date added_on, std::string_view hash,
                                         std::string_view note) = 0;
  /// How many asks of each kind used the version, most used first.
  virtual Result<std::vector<std::pair<Kind, int64_t>>> KindsUsing(Id version_id) = 0;

  // The Add methods below take the record's id when it is not 0 (restoring a backup; fails when
  // the id is taken), else the next free one.
  virtual Result<Id> AddFeedback(const FeedbackRecord& feedback) = 0;
  /// All feedback answers (ask_id 0) or those of one ask, oldest first.
  virtual Result<std::vector<FeedbackRecord>> ListFeedback(Id ask_id = 0) = 0;

  virtual Result<Id> AddAction(const ActionRow& action) = 0;
  virtual Result<std::vector<ActionRow>> ListActions() = 0;

  virtual Result<Id> AddStrategyVersion(const StrategyVersion& version) = 0;
  /// Every saved version, oldest first.
  virtual Result<std::vector<StrategyVersion>> StrategyVersions() = 0;

  virtual Result<Id> AddPivot(const Pivot& pivot) = 0;
  virtual Result<std::vector<Pivot>> ListPivots() = 0;

  /// The accepted offer that closed the search, or nullopt while it is open.
  virtual Result<std::optional<SearchClosing>> Closing() = 0;
  /// Closes the search with an accepted offer (journaled); fails if it is already closed.
  virtual Status CloseSearch(const SearchClosing& closing) = 0;
  /// Reopens a closed search (journaled); does nothing when it is open.
  virtual Status ReopenSearch() = 0;

  // Contacts and the weekly goal (issue 15; sqlite_goal.cc).
  /// Records a change of the weekly goal (journaled: undo deletes it). Never updates a row.
  virtual Result<Id> AddGoalSetting(const GoalSetting& setting) = 0;
  /// Every change of the weekly goal, by set_on then id (the order they took effect).
  virtual Result<std::vector<GoalSetting>> GoalSettings() = 0;
  /// How many asks were made on each day from `from` to `to` (both included), by date; days
  /// without an ask are left out. Withdrawn asks count: they were asks made.
  virtual Result<std::vector<DateCount>> AsksByDate(Date from, Date to) = 0;
  // Postings and search (keel posting, keel list --search; sqlite_postings.cc).
  /// Adds a posting (journaled); its id is `posting.id` when given (restoring a backup), else
  /// the next free one.
  virtual Result<Id> AddPosting(const PostingRecord& posting) = 0;
  /// Overwrites every field of the posting `posting.id` (journaled).
  virtual Status UpdatePosting(const PostingRecord& posting) = 0;
  /// Deletes the posting (journaled); nothing happens when there is none.
  virtual Status DeletePosting(Id id) = 0;
  /// The posting in full, or nullopt when there is none in this search.
  virtual Result<std::optional<Posting>> GetPosting(Id id) = 0;
  /// Every posting, deadline soonest first (those without one last), then by id. Each
  /// description is cut to its first `description_chars` characters (description_chars holds
  /// its whole length).
  virtual Result<std::vector<Posting>> ListPostings(int64_t description_chars) = 0;
  /// The postings of one opportunity, by id, descriptions whole (the pipeline's `saved` stage).
  virtual Result<std::vector<Posting>> PostingsOf(Id opportunity_id) = 0;
  /// The postings whose deadline is from `from` to `until`, soonest first (the agenda).
  virtual Result<std::vector<Posting>> PostingsWithDeadline(Date from, Date until) = 0;
  /// The asks whose reason and note, and the postings whose description and note, hold every word
  /// of `query`, found through the backend's full-text index (never by scanning text); asks
  /// first, each source by id. An empty query finds nothing.
  virtual Result<std::vector<TextMatch>> SearchTexts(const TextQuery& query) = 0;

  // Interviews (keel interview; sqlite_interviews.cc).
  /// Adds a round with its people (journaled); its id is the next free one. Fails when the ask
  /// does not exist in this search.
  virtual Result<Id> AddInterview(const InterviewRecord& interview) = 0;
  /// Overwrites every field of the round `interview.id`, its people included (journaled).
  virtual Status UpdateInterview(const InterviewRecord& interview) = 0;
  /// Deletes the round and its people (journaled); nothing happens when there is none.
  virtual Status DeleteInterview(Id id) = 0;
  /// The round with its people, or nullopt when there is none in this search.
  virtual Result<std::optional<InterviewRecord>> GetInterview(Id id) = 0;
  /// The rounds of one ask (ask_id 0: of every ask) starting at or after `from`, by start then
  /// id.
  virtual Result<std::vector<InterviewRecord>> ListInterviews(Id ask_id, Instant from) = 0;

  /// A value that changes whenever anything is committed to the ledger, by this connection or any
  /// other: lets a long-running server cache what it derives (the learned horizon) safely.
  virtual Result<std::pair<int64_t, int64_t>> ChangeStamp() = 0;

  /// The change UndoLast would revert (nothing is changed), or nullopt when there is none.
  virtual Result<std::optional<UndoneChange>> LastChange() = 0;
  /// Reverts the most recent change not yet undone, or returns nullopt when there is none.
  /// Runs inside its own write transaction.
  virtual Result<std::optional<UndoneChange>> UndoLast() = 0;
};

}  // namespace keel
