// The 24-hour promise (PRODUCT.md, "The coaching practice"): a seeker asks their coach a
// question; the clock starts when it is asked and stops at a coach's first answer; it pauses while
// a coach has asked the seeker for more information, until the seeker replies. Due = asked + 24 h
// + the time paused; unanswered past due = breached. The report gives the share answered within
// the promise and the Kaplan-Meier median time to answer, open questions censored at now (never a
// median over the answered ones only, which would hide the slowest).
//
// This file is the clock, the report and the rules of who may do what; the practice's store
// keeps the questions and their events (store/practice.h).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/views.h"
#include "core/date.h"
#include "core/instant.h"
#include "core/result.h"
#include "store/practice.h"

namespace keel {

inline constexpr Instant kPromiseSeconds = Instant{24} * 3600;
/// The coach is warned (and the roster flags the client) this long before a question falls due.
inline constexpr Instant kPromiseWarnSeconds = Instant{4} * 3600;
inline constexpr size_t kMaxQuestionChars = 4000;

/// Where one question's clock stands at `now`.
struct QuestionState {
  Instant asked = 0;
  /// asked + 24 h + the time paused (a pause still going counts up to now, so a paused question's
  /// time left stands still).
  Instant due = 0;
  std::optional<Instant> answered_at;  // a coach's first answer
  std::string answered_by;
  bool paused = false;  // a coach asked for more information and the seeker has not replied
  Instant paused_seconds = 0;
  /// The promise's clock: from asking to the first answer (or to now), pauses left out.
  Instant elapsed = 0;
  /// Answered after its due time, or open past it. Shown, never hidden.
  bool breached = false;

  bool open() const { return !answered_at.has_value(); }
  /// Seconds until due (negative once past); meaningful for an open question.
  Instant left(Instant now) const { return due - now; }
  /// Whole minutes until due, toward minus infinity (one second past due is -1, not 0).
  Instant MinutesLeft(Instant now) const {
    const Instant l = left(now);
    return l >= 0 ? l / 60 : -((-l + 59) / 60);
  }
};

/// The clock of `question` from its events (any order; those after `now` are not yet).
QuestionState ClockOf(const QuestionRecord& question, std::vector<QuestionEvent> events,
                      Instant now);

/// A question with its events and where its clock stands.
struct QuestionWithClock {
  QuestionRecord question;
  std::vector<QuestionEvent> events;
  QuestionState state;
};

/// Reads the events of `questions` (one statement) and runs each clock at `now`; same order.
Result<std::vector<QuestionWithClock>> ClocksOf(Practice& practice,
                                                std::vector<QuestionRecord> questions, Instant now);

struct QuestionReport {
  int64_t n = 0;
  int64_t answered = 0;
  int64_t open = 0;
  int64_t breached = 0;  // answered late, or open past due
  /// Answered within the promise, of the questions whose fate is known (answered, or open and
  /// already past due); none when there are none.
  std::optional<double> within_promise_share;
  /// The Kaplan-Meier median of the time to answer, in hours (minutes / 60), open questions
  /// censored at their elapsed time; none when the curve never falls to one half.
  std::optional<double> median_hours;
};

QuestionReport ReportOn(const std::vector<QuestionState>& states);

/// The median of a Kaplan-Meier curve over whole minutes, as R's survfit prints it (the first time
/// the curve is at or below one half; where it is exactly one half, the midpoint between that time
/// and the next drop's, or the last time; stats/survival.h MedianTime). Answered questions are
/// events, open ones censored.
std::optional<double> MedianMinutes(const std::vector<std::pair<int32_t, bool>>& minutes_answered);

/// Checks a question's or an answer's text: 1 to 4,000 characters after trimming.
Result<std::string> CheckQuestionText(std::string_view text);

/// `seeker` asks their coaches `text`. It goes to every coach with an active grant of their search
/// (any scope); with none, nobody would answer, so nothing is asked or promised (conflict).
Result<QuestionRecord> AskQuestion(Practice& practice, const Account& seeker, std::string_view text,
                                   Date today, Instant now);

/// The question `id` if `who` may see it: the seeker who asked it, or a coach with an active grant
/// of its search; not_found otherwise, the same answer as for a question that does not exist.
Result<QuestionRecord> QuestionFor(Practice& practice, const Account& who, int64_t id, Date today);

/// Adds to a question `who` may see (QuestionFor): a coach's "answer" or "need-info", the
/// seeker's "reply". Anyone else, or the other side's kind, is refused.
Result<QuestionEvent> AddToQuestion(Practice& practice, const Account& who,
                                    const QuestionRecord& question, std::string_view kind,
                                    std::string_view text, Instant now);

/// The questions `who` sees, oldest first: a seeker's own; a coach's clients' (active grants).
Result<std::vector<QuestionRecord>> QuestionsFor(Practice& practice, const Account& who,
                                                 Date today);

/// {id, search, seeker, text, asked_at, due_at, answered_at, answered_by, paused, breached,
///  minutes_left, events: [{kind, by, text, at}]}.
Json QuestionJson(const QuestionRecord& question, const std::vector<QuestionEvent>& events,
                  const QuestionState& state, Instant now);

/// {n, answered, open, breached, within_promise_share, median_hours, promise_hours: 24}.
Json QuestionReportJson(const QuestionReport& report);

}  // namespace keel
