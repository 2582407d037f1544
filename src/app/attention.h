// The coach's needs-attention flags (PRODUCT.md, "The coaching practice"): what in a client's
// search asks for a coach's eye, each with the one sentence that explains it, most urgent first.
// Never a raw count of nos: "9 asks since the last yes" at an ordinary rate is not a flag; a run
// that is rare at the client's own rate is, and so is a pace that fell by half.
//
// NeedsAttention is pure (the facts in, the flags out), so each flag is tested at its boundaries;
// GatherAttention reads the facts from one search.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/patterns.h"
#include "app/reports.h"
#include "core/date.h"
#include "core/result.h"

namespace keel {

class Session;

/// In the roster's order of urgency: the first is the most urgent.
enum class AttentionFlag {
  kQuestionDue,      // a question with under 4 h left, or past its promise
  kStreakUnusual,    // the current run since the last yes has a probability under 5 %
  kAboutYouPattern,  // an about-you pattern that reached 2 independent sources in the last 14 days
  kIdle,             // no ask in the last 14 days
  kPaceFalling,      // asks in the last 14 days under half the 14-day average of the 56 before
  kNotYetDue,        // a not-yet whose date to ask again has come
};

/// "question-due", "streak-unusual", ... as in PRODUCT.md and the API.
std::string_view AttentionFlagName(AttentionFlag flag);

struct Attention {
  AttentionFlag flag;
  std::string
      sentence;  // about the client, for the coach: "pace fell from 11 to 3 asks a fortnight"
};

/// The days the flags look back over, and their thresholds (PRODUCT.md).
inline constexpr int kAttentionRecentDays = 14;
inline constexpr int kAttentionPaceBaseDays = 56;
inline constexpr int kAttentionPaceMinBaseAsks = 8;
inline constexpr double kAttentionStreakBelow = 0.05;
inline constexpr int kAttentionQuestionWarnMinutes = 4 * 60;

/// A question under the 24-hour promise: how long until it falls due (negative once past).
struct QuestionClock {
  int64_t minutes_left = 0;
};

struct AttentionFacts {
  Date today;
  std::vector<Date> ask_dates;  // every ask of the search (follow-ups are not asks)
  StreakReport streak;          // the whole search's current run
  /// The about-you patterns of today's window, and those of the same window 14 days ago: a
  /// pattern new since then reached its second independent source within the last 14 days.
  std::vector<ThemeFinding> patterns_now, patterns_before;
  /// The not-yet asks whose date to ask again is today or past, oldest date first.
  std::vector<Date> not_yets_due;
  /// Open questions to the coach (the practice's questions; none on a single-seeker keel).
  std::vector<QuestionClock> questions;
};

/// "45 min", "3 h", "2 h 15 min": a time left or overdue, in the flag's and the mail's words.
std::string Duration(int64_t minutes);

/// The question-due flag alone, when one of `questions` (open, running) has under 4 hours left or
/// is past its promise.
std::optional<Attention> QuestionDueFlag(const std::vector<QuestionClock>& questions);

/// The flags that hold, most urgent first, each once.
std::vector<Attention> NeedsAttention(const AttentionFacts& facts);

/// Reads the facts of the session's search: its asks, its streak, its patterns now and 14 days
/// ago, its not-yets due. `questions` are the search's open questions, from the practice.
Result<AttentionFacts> GatherAttention(Session& session, std::vector<QuestionClock> questions = {});

}  // namespace keel
