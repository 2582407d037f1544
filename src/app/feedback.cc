#include "app/feedback.h"

#include <fmt/format.h>

#include "app/transaction.h"
#include "app/validate.h"
#include "core/text.h"

namespace keel {
namespace {

// Where the person was last asked: a feedback ask goes to a person, but every ask has an
// organization (it is what makes sources independent).
Result<std::string> OrganizationOf(Store& store, const std::string& person) {
  Result<std::vector<Ask>> asks =
      InSnapshot<std::vector<Ask>>(store, [&] { return store.ListAsks(); });
  if (!asks.ok()) return asks.status();
  std::string org;
  for (const Ask& a : *asks) {
    if (EqualsIgnoreCase(a.person, person)) org = a.org;
  }
  if (org.empty()) {
    return Error{fmt::format("keel has no ask to '{}' yet, so it does not know where they work; "
                             "add the organization",
                             person),
                 ErrorCode::kInvalid, "org", "the organization"};
  }
  return org;
}

// Why feedback cannot go on this ask, and where the words belong instead: in the page's terms
// (its answer's reason, the feedback-ask form), with the CLI's commands as the hint.
Error NotAFeedbackAsk(const Ask& ask) {
  const std::string answer =
      IsReply(ask.outcome)
          ? fmt::format("keel edit {} --reason \"their words\"", ask.id)
          : fmt::format("keel no {} --reason \"their words\" (or yes, not-yet)", ask.id);
  const std::string ask_first = ask.person.empty()
                                    ? fmt::format("keel feedback ask PERSON --org \"{}\"", ask.org)
                                    : fmt::format("keel feedback ask \"{}\"", ask.person);
  const std::string whom = ask.person.empty() ? "someone there" : ask.person;
  Error error{fmt::format(
      "ask {} did not ask for feedback; keep what they said as the reason of its answer, or ask "
      "{} for feedback first and record it on that ask",
      Describe(ask), whom)};
  error.hint = fmt::format("{}, or {}", answer, ask_first);
  return error;
}

}  // namespace

bool AsksForFeedback(Kind kind) { return kind == Kind::kFeedback || kind == Kind::kResumeReview; }

Result<LedgerChange> AskForFeedback(Store& store, const FeedbackAskInput& input, Date today) {
  KEEL_RETURN_IF_ERROR(CheckInputTexts({{input.person, "the person", TextRule::kName, "person"},
                                        {input.org, "the organization", TextRule::kName, "org"},
                                        {input.note, "the note", TextRule::kText, "note"}}));
  if (Trim(input.person).empty()) {
    // About the person, but no field: the CLI takes the name as its argument, not as --to.
    Error error{"say whom you ask for feedback"};
    error.hint = "keel feedback ask \"Ana Ruiz\"";
    return error;
  }
  AskInput ask;
  ask.person = CollapseSpaces(input.person);
  if (Trim(input.org).empty()) {
    Result<std::string> org = OrganizationOf(store, ask.person);
    if (!org.ok()) return org.status();
    ask.org = *org;
  } else {
    ask.org = input.org;
  }
  ask.kind = Kind::kFeedback;
  ask.channel = input.channel;
  ask.asked_on = input.asked_on;
  ask.note = input.note.empty() ? "what's working and not working?" : input.note;
  ask.new_org = input.new_org;
  ask.new_person = input.new_person;
  return LogAsk(store, ask, today);
}

Result<FeedbackAdded> RecordFeedback(Store& store, const FeedbackInput& input, Date today) {
  KEEL_RETURN_IF_ERROR(CheckInputTexts({{input.text, "the feedback", TextRule::kText, "text"}}));
  const std::string text = CollapseSpaces(input.text);
  if (text.empty()) {
    Error error{"the feedback is empty; give their words", ErrorCode::kInvalid, "text"};
    error.hint =
        fmt::format("put them in quotes: keel feedback add {} \"their words\"", input.ask_id);
    return error;
  }
  std::optional<std::string> theme;
  if (input.theme) {
    Result<std::string> name = CheckThemeName(*input.theme);
    if (!name.ok()) return name.status();
    theme = *name;
  }
  return InTransaction<FeedbackAdded>(
      store, fmt::format("feedback on ask #{}", input.ask_id), [&]() -> Result<FeedbackAdded> {
        Result<Ask> ask = FindAsk(store, input.ask_id);
        if (!ask.ok()) return ask.status();
        if (!AsksForFeedback(ask->kind)) return NotAFeedbackAsk(*ask);
        const Date on = input.on.value_or(today);
        KEEL_RETURN_IF_ERROR(CheckNotFuture(on, today, "feedback date", "on"));
        if (on < ask->asked_on) {
          return Error{
              fmt::format("the feedback ({}) is before the ask ({}); give a date of {} or later",
                          on.ToIso(), ask->asked_on.ToIso(), ask->asked_on.ToIso()),
              ErrorCode::kInvalid, "on", "a date of"};
        }
        FeedbackAdded out;
        out.feedback = FeedbackRecord{0, input.ask_id, on, text, theme};
        Result<Id> id = store.AddFeedback(out.feedback);
        if (!id.ok()) return id.status();
        out.feedback.id = *id;
        if (ask->outcome == Outcome::kPending || ask->outcome == Outcome::kSilent) {
          Result<std::optional<AskRecord>> record = store.GetAskRecord(input.ask_id);
          if (!record.ok()) return record.status();
          AskRecord updated = **record;
          updated.outcome = Outcome::kYes;
          updated.replied_on = on;
          KEEL_RETURN_IF_ERROR(store.UpdateAsk(input.ask_id, updated));
          out.answered = true;
        }
        Result<Ask> reloaded = FindAsk(store, input.ask_id);
        if (!reloaded.ok()) return reloaded.status();
        out.ask = std::move(reloaded).value();
        return out;
      });
}

Result<ActionRow> AddAction(Store& store, const std::string& text, const std::string& theme,
                            std::optional<Date> on, Date today) {
  KEEL_RETURN_IF_ERROR(CheckInputTexts({{text, "the action", TextRule::kText, "text"}}));
  const std::string what = CollapseSpaces(text);
  if (what.empty()) {
    return Error{"say what you will do, like 'mock interviews every week'", ErrorCode::kInvalid,
                 "text"};
  }
  Result<std::string> name = CheckThemeName(theme);
  if (!name.ok()) return name.status();
  const Date date = on.value_or(today);
  // An action may be planned ahead: its date is when it starts, not when it was typed.
  return InTransaction<ActionRow>(store, fmt::format("action '{}'", what),
                                  [&]() -> Result<ActionRow> {
                                    ActionRow row{0, what, *name, date};
                                    Result<Id> id = store.AddAction(row);
                                    if (!id.ok()) return id.status();
                                    row.id = *id;
                                    return row;
                                  });
}

}  // namespace keel
