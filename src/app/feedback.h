// Feedback and actions, the writes behind "is it about me?": ask someone what is working and
// what is not, store their answer as one source with its themes, and record what the seeker
// decided to do about a theme so keel can compare before and after.
#pragma once

#include <optional>
#include <string>

#include "app/ledger.h"
#include "store/store.h"

namespace keel {

struct FeedbackAskInput {
  std::string person;
  std::string org;  // "" = where keel last saw the person
  Channel channel = Channel::kOther;
  Date asked_on;
  std::string note;
  bool new_org = false;
  bool new_person = false;
};

/// Records an ask of kind `feedback` ("what's working and not working?").
Result<LedgerChange> AskForFeedback(Store& store, const FeedbackAskInput& input, Date today);

struct FeedbackInput {
  Id ask_id = 0;
  std::string text;
  std::optional<std::string> theme;  // overrides the classifier
  std::optional<Date> on;            // today when absent
};

struct FeedbackAdded {
  FeedbackRecord feedback;
  Ask ask;
  bool answered = false;  // the feedback ask was open and is now a yes
};

/// True for the kinds of ask whose answer is feedback: `feedback` ("what's working and not
/// working?") and `resume-review` (a review is feedback on the resume).
bool AsksForFeedback(Kind kind);

/// Stores an answer to an ask that asked for feedback (see AsksForFeedback); any other ask is
/// refused with where its words belong instead (the reason of its answer) and how to ask for
/// feedback. Such an ask still open becomes a yes on that date (they answered).
Result<FeedbackAdded> RecordFeedback(Store& store, const FeedbackInput& input, Date today);

/// Records an action about a theme from a date on (today when absent).
Result<ActionRow> AddAction(Store& store, const std::string& text, const std::string& theme,
                            std::optional<Date> on, Date today);

}  // namespace keel
