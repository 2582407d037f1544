#include "app/questions.h"

#include <algorithm>
#include <map>

#include "app/grants.h"
#include "app/mail.h"
#include "core/text.h"
#include "stats/survival.h"

namespace keel {

QuestionState ClockOf(const QuestionRecord& question, std::vector<QuestionEvent> events,
                      Instant now) {
  QuestionState s;
  s.asked = ParseUtcIso(question.asked_at).value_or(now);
  std::stable_sort(events.begin(), events.end(),
                   [](const QuestionEvent& a, const QuestionEvent& b) { return a.at < b.at; });
  // When the running pause began; `pausing` false while the clock runs. (Not an optional: gcc
  // -O2 warns that one may be read uninitialized here, which it cannot.)
  bool pausing = false;
  Instant paused_since = 0;
  for (const QuestionEvent& e : events) {
    const std::optional<Instant> at = ParseUtcIso(e.at);
    if (!at || *at > now) continue;
    const Instant when = std::max(*at, s.asked);
    if (e.kind == "need-info") {
      if (!pausing) {
        pausing = true;
        paused_since = when;
      }
    } else if (e.kind == "reply") {
      if (pausing) {
        s.paused_seconds += when - paused_since;
        pausing = false;
      }
    } else if (e.kind == "answer") {
      // An answer while paused ends the pause: the coach answered without the information.
      if (pausing) {
        s.paused_seconds += when - paused_since;
        pausing = false;
      }
      s.answered_at = when;
      s.answered_by = e.author_email;
      break;  // the first answer stops the clock for good
    }
  }
  if (pausing) {
    s.paused = true;
    s.paused_seconds += std::max<Instant>(0, now - paused_since);
  }
  s.due = s.asked + kPromiseSeconds + s.paused_seconds;
  const Instant end = s.answered_at.value_or(now);
  s.elapsed = std::max<Instant>(0, end - s.asked - s.paused_seconds);
  s.breached = s.answered_at ? *s.answered_at > s.due : now > s.due;
  return s;
}

Result<std::vector<QuestionWithClock>> ClocksOf(Practice& practice,
                                                std::vector<QuestionRecord> questions,
                                                Instant now) {
  std::vector<int64_t> ids;
  ids.reserve(questions.size());
  for (const QuestionRecord& q : questions) ids.push_back(q.id);
  Result<std::vector<QuestionEvent>> events = practice.QuestionEvents(ids);
  if (!events.ok()) return events.status();
  std::map<int64_t, std::vector<QuestionEvent>> by_question;
  for (QuestionEvent& e : *events) by_question[e.question_id].push_back(std::move(e));
  std::vector<QuestionWithClock> out;
  out.reserve(questions.size());
  for (QuestionRecord& q : questions) {
    std::vector<QuestionEvent>& mine = by_question[q.id];
    QuestionState state = ClockOf(q, mine, now);
    out.push_back({std::move(q), std::move(mine), std::move(state)});
  }
  return out;
}

std::optional<double> MedianMinutes(const std::vector<std::pair<int32_t, bool>>& minutes_answered) {
  std::vector<ReplyTimeCount> counts;
  counts.reserve(minutes_answered.size());
  for (const auto& [minutes, answered] : minutes_answered) {
    counts.push_back({minutes, answered ? 1 : 0, answered ? 0 : 1});
  }
  return MedianTime(KaplanMeier(counts));
}

QuestionReport ReportOn(const std::vector<QuestionState>& states) {
  QuestionReport r;
  int64_t decided = 0;
  int64_t within = 0;
  std::vector<std::pair<int32_t, bool>> times;
  for (const QuestionState& s : states) {
    ++r.n;
    if (s.breached) ++r.breached;
    if (s.answered_at) {
      ++r.answered;
      ++decided;
      if (!s.breached) ++within;
    } else {
      ++r.open;
      if (s.breached) ++decided;
    }
    // Whole minutes, as the curve's time axis (KaplanMeier counts by whole units).
    times.emplace_back(static_cast<int32_t>(std::min<Instant>(s.elapsed / 60, INT32_MAX)),
                       s.answered_at.has_value());
  }
  if (decided > 0) {
    r.within_promise_share = static_cast<double>(within) / static_cast<double>(decided);
  }
  if (std::optional<double> median = MedianMinutes(times)) r.median_hours = *median / 60.0;
  return r;
}

Result<std::string> CheckQuestionText(std::string_view text) {
  const std::string trimmed(Trim(text));
  if (trimmed.empty())
    return Error{"the text is empty; write what you want to ask or say", ErrorCode::kInvalid,
                 "text"};
  if (CountCodePoints(trimmed) > kMaxQuestionChars) {
    return Error{"the text is longer than 4,000 characters; shorten it", ErrorCode::kInvalid,
                 "text"};
  }
  return trimmed;
}

namespace {

// The searches `coach` reads today, each once.
Result<std::vector<std::string>> CoachedSearches(Practice& practice, const Account& coach,
                                                 Date today) {
  Result<std::vector<GrantRecord>> grants = practice.Grants(coach.id, /*as_coach=*/true);
  if (!grants.ok()) return grants.status();
  std::vector<std::string> searches;
  for (const GrantRecord& g : *grants) {
    if (StateOf(g, today) != GrantState::kActive) continue;
    if (std::find(searches.begin(), searches.end(), g.search) == searches.end()) {
      searches.push_back(g.search);
    }
  }
  return searches;
}

Error NoSuchQuestion() { return Error{"not found", ErrorCode::kNotFound}; }

}  // namespace

Result<QuestionRecord> AskQuestion(Practice& practice, const Account& seeker, std::string_view text,
                                   Date today, Instant now) {
  if (seeker.role != Role::kSeeker || seeker.searches.empty()) {
    return Error{"only a seeker asks their coach a question", ErrorCode::kForbidden};
  }
  Result<std::string> checked = CheckQuestionText(text);
  if (!checked.ok()) return checked.status();
  Result<std::vector<GrantRecord>> grants = practice.Grants(seeker.id, /*as_coach=*/false);
  if (!grants.ok()) return grants.status();
  const bool coached = std::any_of(grants->begin(), grants->end(), [&](const GrantRecord& g) {
    return g.search == seeker.searches.front() && StateOf(g, today) == GrantState::kActive;
  });
  if (!coached) {
    return Error{
        "no coach can see your search, so nobody would answer and nothing is promised: share your "
        "search with your coach first (your question was not sent)",
        ErrorCode::kConflict};
  }
  QuestionRecord q;
  q.search = seeker.searches.front();
  q.seeker_id = seeker.id;
  q.seeker_email = seeker.email;
  q.text = *checked;
  q.asked_at = UtcIso(now);
  return practice.AddQuestion(q);
}

Result<QuestionRecord> QuestionFor(Practice& practice, const Account& who, int64_t id, Date today) {
  Result<std::optional<QuestionRecord>> found = practice.FindQuestion(id);
  if (!found.ok()) return found.status();
  if (!*found) return NoSuchQuestion();
  const QuestionRecord& q = **found;
  if (who.role == Role::kSeeker && q.seeker_id == who.id) return q;
  if (who.role == Role::kCoach && ActiveGrantFor(practice, who, q.search, today).ok()) return q;
  return NoSuchQuestion();
}

Result<QuestionEvent> AddToQuestion(Practice& practice, const Account& who,
                                    const QuestionRecord& question, std::string_view kind,
                                    std::string_view text, Instant now) {
  const bool coach_kind = kind == "answer" || kind == "need-info";
  if (!coach_kind && kind != "reply") return NoSuchQuestion();
  if (coach_kind != (who.role == Role::kCoach)) {
    return Error{coach_kind ? "only a coach answers or asks for more information"
                            : "only the seeker who asked replies",
                 ErrorCode::kForbidden};
  }
  if (!coach_kind && question.seeker_id != who.id) return NoSuchQuestion();
  Result<std::string> checked = CheckQuestionText(text);
  if (!checked.ok()) return checked.status();
  QuestionEvent e;
  e.question_id = question.id;
  e.kind = std::string(kind);
  e.author_id = who.id;
  e.author_email = who.email;
  e.text = *checked;
  e.at = UtcIso(now);
  // The seeker hears of an answer or a request by mail, queued with it (app/mail.h).
  return practice.AddQuestionEvent(e, QuestionEventMail(question, e, now));
}

Result<std::vector<QuestionRecord>> QuestionsFor(Practice& practice, const Account& who,
                                                 Date today) {
  if (who.role == Role::kSeeker) return practice.Questions(who.searches);
  if (who.role != Role::kCoach) return std::vector<QuestionRecord>();
  Result<std::vector<std::string>> searches = CoachedSearches(practice, who, today);
  if (!searches.ok()) return searches.status();
  return practice.Questions(*searches);
}

Json QuestionJson(const QuestionRecord& question, const std::vector<QuestionEvent>& events,
                  const QuestionState& state, Instant now) {
  Json list = Json::array();
  for (const QuestionEvent& e : events) {
    if (e.question_id != question.id) continue;
    list.push_back(Json{{"kind", e.kind}, {"by", e.author_email}, {"text", e.text}, {"at", e.at}});
  }
  const Instant minutes_left = state.MinutesLeft(now);
  return Json{{"id", question.id},
              {"search", question.search},
              {"seeker", question.seeker_email},
              {"text", question.text},
              {"asked_at", question.asked_at},
              {"due_at", UtcIso(state.due)},
              {"answered_at", state.answered_at ? Json(UtcIso(*state.answered_at)) : Json(nullptr)},
              {"answered_by", state.answered_at ? Json(state.answered_by) : Json(nullptr)},
              {"paused", state.paused},
              {"breached", state.breached},
              {"minutes_left", state.open() ? Json(minutes_left) : Json(nullptr)},
              {"events", list}};
}

Json QuestionReportJson(const QuestionReport& report) {
  return Json{{"n", report.n},
              {"answered", report.answered},
              {"open", report.open},
              {"breached", report.breached},
              {"within_promise_share",
               report.within_promise_share ? Json(*report.within_promise_share) : Json(nullptr)},
              {"median_hours", report.median_hours ? Json(*report.median_hours) : Json(nullptr)},
              {"promise_hours", 24}};
}

}  // namespace keel
