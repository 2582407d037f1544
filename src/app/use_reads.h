// What a Session reads of the ledger: the asks (filtered, or found by words), one ask in full, and
// the status. Each opens the Session's store with its horizon; the *Json functions are the one
// JSON shape `keel --json` prints and the page reads (the ones that name a reason's theme go
// through ThemedJson, app/use_ledger.h).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/interviews.h"
#include "app/requests.h"
#include "app/search.h"
#include "app/session.h"
#include "app/status.h"
#include "app/views.h"

namespace keel {

/// `keel list --search TEXT`: the asks the list's filters keep and the postings (of the --org
/// given, else all) whose text mentions the words.
struct ListSearch {
  std::string text;  // the words, as given
  std::vector<AskHit> asks;
  std::vector<PostingHit> postings;
};

/// `keel list`: the asks the filters keep, oldest first; with a search, what it found instead.
struct AskList {
  std::vector<Ask> asks;      // without a search; the page asked for, oldest first
  int64_t matched = 0;        // without a search: the asks that match, shown or not
  std::optional<Date> since;  // the first date asked for, if one was
  bool ledger_empty = false;  // without a search: there is no ask at all
  std::optional<ListSearch> search;
};
/// Fails about the field of a filter it cannot read (an unknown kind, an organization that is
/// no one's or could be several).
Result<AskList> ListAsks(Session& session, const ListOptions& options);
/// An array of asks; with a search, {"search", "asks", "postings"}, each hit with "matched".
Json AskListJson(const AskList& list, Date today, int silence_days, const ThemeClassifier& themes);

/// `keel show ID`: an ask with everything known about it.
struct AskDetail {
  Ask ask;
  std::vector<AnswerRecord> earlier;  // its earlier answers (the store's), oldest first
  std::vector<AnswerRecord> answers;  // every answer, the current one last (AnswerHistory)
  std::vector<FeedbackRecord> feedback;
  std::optional<Pivot> pivot;              // the deal-breaker it went ahead despite
  std::vector<FollowUpRecord> follow_ups;  // made and scheduled, by date
  std::vector<Interview> interviews;       // its interview rounds, by start
};
Result<AskDetail> ShowAsk(Session& session, int64_t id);
/// The ask, with "answers", "feedback", "pivot", "follow_up_log" (the page's timeline) and
/// "interviews" (its rounds, as `keel interviews --json` gives them).
Json AskDetailJson(const AskDetail& detail, Date today, int silence_days,
                   const ThemeClassifier& themes);

/// `keel status`: the search at a glance (StatusJson renders it).
Result<StatusReport> LedgerStatus(Session& session);

}  // namespace keel
