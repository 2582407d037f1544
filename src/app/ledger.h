// Use cases that write the ledger: log an ask, record what came of it, follow up, edit, delete,
// undo. Each runs as one transaction: on any error nothing is written.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/model.h"
#include "core/result.h"
#include "store/store.h"

namespace keel {

struct AskInput {
  std::string org;
  std::string person;
  std::string via;  // who introduced or referred (a contact, created on first use); "" = nobody
  Kind kind = Kind::kOther;
  Channel channel = Channel::kOther;
  Date asked_on;
  std::string role;
  std::string note;
  std::vector<std::string> materials;  // "resume@v2"
  Facets facets;
  bool new_org = false;     // create the organization even if it resembles an existing one
  bool new_person = false;  // the same for the contact
  bool new_via = false;     // the same for the contact who introduced or referred
  /// Why the ask goes ahead although it breaks a deal-breaker; recorded as a pivot.
  std::optional<std::string> despite;
};

/// What recording an outcome did to the answer the ask had (RecordOutcome only).
struct PreviousAnswer {
  AnswerRecord answer;  // yes, no or not-yet
  /// True: it stays in the ask's history (a later answer came, or a not-yet was asked again).
  /// False: the new outcome replaced it (a correction); only `keel undo` brings it back.
  bool kept = false;
};

/// The ask as stored now, and what was created along the way ("new organization 'Acme'").
struct LedgerChange {
  Ask ask;
  std::vector<std::string> notices;
  std::optional<PreviousAnswer> previous;  // RecordOutcome: the answer that was there, if changed
  /// Things that look wrong but are allowed, e.g. a material version used before its date.
  std::vector<std::string> warnings;
  /// For the CLI only: the commands that act on the notices and warnings ("keel close --undo
  /// reopens the search"). The notices and warnings name no command (the page shows them); the
  /// CLI prints these as "hint:" lines, the JSON does not carry them.
  std::vector<std::string> hints;
};

Result<LedgerChange> LogAsk(Store& store, const AskInput& input, Date today);

struct OutcomeInput {
  Id id = 0;
  Outcome outcome = Outcome::kPending;
  std::optional<Date> on;     // the reply date; today when absent
  std::optional<Date> until;  // not-yet only: when to ask again
  std::optional<std::string> reason;
  std::optional<std::string> theme;  // overrides the classifier for the reason; needs a reason
};

/// Records yes / no / not-yet (a reply on a date), silent (no reply, marked by hand), withdrawn
/// (the seeker pulled out on a date, with an optional reason of their own) or pending (reopen).
/// The ask keeps every answer it received (docs/schema.md, "Answer history"):
/// - a reply dated after the current answer is a new answer: the current one stays in the history;
/// - a reply dated on or before it corrects it: the current one is replaced;
/// - reopen and silent keep a current not-yet in the history (a "not now" invites asking again)
///   and take back a current yes or no (as if it had not come); any other outcome that is no
///   reply (the seeker's own, such as a withdrawal) keeps the answer it follows;
/// - a late reply replaces a hand-marked silence (silence is no answer).
/// `previous` says what happened to the answer the ask had. No reply may be dated before the
/// ask's earlier answers.
Result<LedgerChange> RecordOutcome(Store& store, const OutcomeInput& input, Date today);

/// An ask's answers, oldest first: its earlier answers, then its current one when it is a reply.
std::vector<AnswerRecord> AnswerHistory(const Ask& ask, std::vector<AnswerRecord> earlier);

/// "not-yet on 2026-03-03 (ask again 2026-04-01)", with ` "reason"` when `with_reason`.
std::string DescribeAnswer(const AnswerRecord& answer, bool with_reason = true);

/// A nudge on an existing ask: never a new ask. A date after today schedules it: a plan, at most
/// kMaxPlanDays ahead, that the agenda shows as upcoming and, from its day, as due. A follow-up
/// made (today or earlier) keeps the ask's earliest plan instead of adding a row: the plan becomes
/// the follow-up, dated when it was made, with the plan's note unless `note` gives another; a
/// notice says so.
inline constexpr int32_t kMaxPlanDays = 366;
Result<LedgerChange> FollowUp(Store& store, Id id, std::optional<Date> on, std::string note,
                              Date today);

/// Fields to change; absent ones stay as they are.
struct AskEdit {
  std::optional<std::string> org, person, role, note, reason, theme;
  std::optional<std::string> via;  // "" clears it
  std::optional<std::string> industry, location, seniority, remote;
  std::optional<int64_t> salary;
  std::optional<Kind> kind;
  std::optional<Channel> channel;
  std::optional<Date> asked_on, replied_on;
  std::optional<std::vector<std::string>> materials;
  bool new_org = false;
  bool new_person = false;
  bool new_via = false;
  /// Why the edit goes ahead although it makes the ask break a deal-breaker; kept as a pivot.
  std::optional<std::string> despite;
};
/// Changes fields of an ask. An edit that makes the ask break a deal-breaker it did not break
/// before is refused as `ask` refuses it, unless `despite` says why (then recorded as a pivot).
Result<LedgerChange> EditAsk(Store& store, Id id, const AskEdit& edit, Date today);

/// "the ask date (2026-12-01) is after today (...); give a date on or before today", about the
/// input `field` ("on", "replied_on").
Status CheckNotFuture(Date date, Date today, std::string_view what, std::string_view field);

/// Validates a --theme and returns its canonical name ("Busy" -> "busy").
Result<std::string> CheckThemeName(const std::string& theme);

/// Facets as stored: spaces collapsed, remote in lower case.
Facets NormalizedFacets(const Facets& facets);
/// Checks the facets a person typed: remote is remote, hybrid or onsite; a salary is not negative.
Status CheckFacets(const Facets& facets);

/// Deletes the ask (with its follow-ups); returns it as it was.
Result<Ask> DeleteAsk(Store& store, Id id);

/// Reverts the most recent change; nullopt when there is nothing to undo.
Result<std::optional<UndoneChange>> Undo(Store& store);
/// What Undo would revert now (the summary is the one `keel undo` prints), changing nothing.
Result<std::optional<UndoneChange>> NextUndo(Store& store);

/// A short description of an ask for messages: "#2 (Globex, application)".
std::string Describe(const Ask& ask);

/// Reads one ask, failing with "no ask #N" when it does not exist.
Result<Ask> FindAsk(Store& store, Id id);

}  // namespace keel
