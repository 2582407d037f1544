#include "app/attention.h"

#include <fmt/format.h>

#include <algorithm>

#include "app/reframe.h"
#include "app/session.h"
#include "app/transaction.h"
#include "app/use_insights.h"

namespace keel {
namespace {

// "11", "2.5": an average of asks with at most one decimal, none when it is whole.
std::string Average(double x) {
  std::string s = fmt::format("{:.1f}", x);
  if (s.ends_with(".0")) s.resize(s.size() - 2);
  return s;
}

}  // namespace

std::string Duration(int64_t minutes) {
  const int64_t h = minutes / 60;
  const int64_t m = minutes % 60;
  if (h == 0) return fmt::format("{} min", m);
  if (m == 0) return fmt::format("{} h", h);
  return fmt::format("{} h {} min", h, m);
}

std::optional<Attention> QuestionDueFlag(const std::vector<QuestionClock>& questions) {
  std::vector<int64_t> near;
  for (const QuestionClock& q : questions) {
    if (q.minutes_left < kAttentionQuestionWarnMinutes) near.push_back(q.minutes_left);
  }
  if (near.empty()) return std::nullopt;
  const int64_t soonest = *std::min_element(near.begin(), near.end());
  const std::string which =
      near.size() == 1 ? "a question" : fmt::format("{} questions; the first", near.size());
  const std::string when =
      soonest < 0 ? fmt::format("is past its 24-hour promise by {}", Duration(-soonest))
                  : fmt::format("falls due in {}", Duration(soonest));
  return Attention{AttentionFlag::kQuestionDue, fmt::format("{} {}", which, when)};
}

namespace {

// Runs of 0-2 are ordinary whatever their probability (as `keel streak` says).
std::optional<Attention> StreakUnusual(const StreakReport& s) {
  if (s.current <= 2 || !s.p_current || *s.p_current >= kAttentionStreakBelow) {
    return std::nullopt;
  }
  const std::string run = s.yes == 0 ? fmt::format("{} asks and no yes yet", s.current)
                                     : fmt::format("{} asks since their last yes", s.current);
  return Attention{AttentionFlag::kStreakUnusual,
                   fmt::format("{} ({}): a run this long happens to {} of searchers with their "
                               "rate",
                               run, RunBreakdown(s), PercentWords(*s.p_current))};
}

std::optional<Attention> NewPatterns(const std::vector<ThemeFinding>& now,
                                     const std::vector<ThemeFinding>& before) {
  std::vector<std::string> parts;
  for (const ThemeFinding& f : now) {
    const bool known = std::any_of(before.begin(), before.end(),
                                   [&](const ThemeFinding& b) { return b.theme == f.theme; });
    if (known) continue;
    parts.push_back(fmt::format("'{}' from {} independent sources ({})", Name(f.theme), f.sources,
                                fmt::join(f.orgs, ", ")));
  }
  if (parts.empty()) return std::nullopt;
  return Attention{AttentionFlag::kAboutYouPattern,
                   fmt::format("a reason about them became a pattern in the last {} days: {}",
                               kAttentionRecentDays, fmt::join(parts, "; "))};
}

}  // namespace

std::string_view AttentionFlagName(AttentionFlag flag) {
  switch (flag) {
    case AttentionFlag::kQuestionDue:
      return "question-due";
    case AttentionFlag::kStreakUnusual:
      return "streak-unusual";
    case AttentionFlag::kAboutYouPattern:
      return "about-you-pattern";
    case AttentionFlag::kIdle:
      return "idle";
    case AttentionFlag::kPaceFalling:
      return "pace-falling";
    case AttentionFlag::kNotYetDue:
      return "not-yet-due";
  }
  return "";
}

std::vector<Attention> NeedsAttention(const AttentionFacts& f) {
  std::vector<Attention> out;
  if (auto q = QuestionDueFlag(f.questions)) out.push_back(std::move(*q));
  if (auto s = StreakUnusual(f.streak)) out.push_back(std::move(*s));
  if (auto p = NewPatterns(f.patterns_now, f.patterns_before)) out.push_back(std::move(*p));

  // The last 14 days are today and the 13 before; the 56 before them end the day before those.
  const Date recent_from = f.today - (kAttentionRecentDays - 1);
  const Date base_from = recent_from - kAttentionPaceBaseDays;
  int64_t recent = 0;
  int64_t base = 0;
  std::optional<Date> last;
  for (Date d : f.ask_dates) {
    if (d > f.today) continue;
    if (!last || d > *last) last = d;
    if (d >= recent_from) {
      ++recent;
    } else if (d >= base_from) {
      ++base;
    }
  }
  if (recent == 0) {
    out.push_back(
        {AttentionFlag::kIdle, last ? fmt::format("no ask in the last {} days (the last on {})",
                                                  kAttentionRecentDays, last->ToIso())
                                    : std::string("no ask recorded yet")});
  }
  // recent < (base / 4) / 2, in whole numbers: 8 * recent < base.
  if (base >= kAttentionPaceMinBaseAsks && 8 * recent < base) {
    out.push_back(
        {AttentionFlag::kPaceFalling, fmt::format("pace fell from {} to {} {} a fortnight",
                                                  Average(static_cast<double>(base) / 4.0), recent,
                                                  recent == 1 ? "ask" : "asks")});
  }
  if (!f.not_yets_due.empty()) {
    const Date first = *std::min_element(f.not_yets_due.begin(), f.not_yets_due.end());
    const size_t n = f.not_yets_due.size();
    out.push_back({AttentionFlag::kNotYetDue,
                   n == 1
                       ? fmt::format("a not-yet is due to be asked again (since {})", first.ToIso())
                       : fmt::format("{} not-yets are due to be asked again (the first since {})",
                                     n, first.ToIso())});
  }
  return out;
}

Result<AttentionFacts> GatherAttention(Session& session, std::vector<QuestionClock> questions) {
  Result<std::shared_ptr<Store>> store = session.OpenStore();
  if (!store.ok()) return store.status();
  AttentionFacts f;
  f.today = session.today;
  f.questions = std::move(questions);
  {
    Transaction snapshot(**store);
    KEEL_RETURN_IF_ERROR(snapshot.BeginRead());
    Result<std::vector<Ask>> asks = (*store)->ListAsks();
    if (!asks.ok()) return asks.status();
    for (const Ask& a : *asks) {
      f.ask_dates.push_back(a.asked_on);
      if (a.outcome == Outcome::kNotYet && a.until && *a.until <= session.today) {
        f.not_yets_due.push_back(*a.until);
      }
    }
  }
  Result<StreakReport> streak = BuildStreak(**store, session.today, session.horizon);
  if (!streak.ok()) return streak.status();
  f.streak = std::move(streak).value();
  Result<std::vector<PatternsReport>> patterns = PatternsAsOf(
      session, {session.today, session.today - kAttentionRecentDays}, kPatternWindowDays);
  if (!patterns.ok()) return patterns.status();
  f.patterns_now = std::move((*patterns)[0].patterns);
  f.patterns_before = std::move((*patterns)[1].patterns);
  return f;
}

}  // namespace keel
