#include "app/use_reads.h"

#include <fmt/format.h>

#include <algorithm>

#include "app/ledger.h"
#include "app/names.h"
#include "app/postings.h"
#include "app/reason_theme.h"
#include "app/transaction.h"

namespace keel {
namespace {

// The one organization `text` names, or why it names none (or several).
Result<std::string> OrganizationNamed(Store& store, const std::string& text) {
  Result<std::vector<Named>> orgs = store.Organizations();
  if (!orgs.ok()) return orgs.status();
  const OrgMatch match = MatchOrganization(*orgs, text);
  if (match.names.size() > 1) {
    return Error{fmt::format("the name '{}' could be any of {} organizations: {}; give more of "
                             "the name",
                             text, match.names.size(), fmt::join(match.names, ", ")),
                 ErrorCode::kInvalid, "org", "the name"};
  }
  if (match.names.empty()) {
    Error error{match.did_you_mean.empty()
                    ? fmt::format("no organization is called '{}'", text)
                    : fmt::format("no organization is called '{}'; did you mean '{}'?", text,
                                  match.did_you_mean),
                ErrorCode::kInvalid, "org"};
    if (match.did_you_mean.empty()) error.hint = "keel list shows every ask with its organization";
    return error;
  }
  return match.names.front();
}

}  // namespace

Result<AskList> ListAsks(Session& session, const ListOptions& o) {
  std::optional<Kind> kind;
  std::optional<Channel> channel;
  std::optional<Outcome> outcome;
  if (o.kind) {
    Result<Kind> k = ParseKind(*o.kind, "kind");
    if (!k.ok()) return InField("kind", k.error(), "kind");
    kind = *k;
  }
  if (o.channel) {
    Result<Channel> c = ParseChannel(*o.channel, "channel");
    if (!c.ok()) return InField("channel", c.error(), "channel");
    channel = *c;
  }
  if (o.outcome) {
    Result<Outcome> out = ParseOutcome(*o.outcome, "outcome");
    if (!out.ok()) return InField("outcome", out.error(), "outcome");
    outcome = *out;
  }
  std::optional<Date> since;
  if (o.since) {
    Result<Date> from = ParseUserDate(*o.since, session.today);
    if (!from.ok()) return InField("since", from.error());
    since = *from;
  }
  if (o.limit < 0) {
    return Error{"give 1 or more asks, or --all for every one", ErrorCode::kInvalid, "limit"};
  }
  Result<std::shared_ptr<Store>> opened = session.OpenStore();
  if (!opened.ok()) return opened.status();
  Store& store = **opened;
  std::optional<std::string> org;
  if (o.org) {
    Result<std::string> named = OrganizationNamed(store, *o.org);
    if (!named.ok()) return named.status();
    org = *named;
  }
  auto keep = [&](const Ask& a) {
    const Outcome effective = a.EffectiveOutcome(session.today, session.silence_days);
    if (o.open && effective != Outcome::kPending && effective != Outcome::kNotYet) return false;
    if (kind && a.kind != *kind) return false;
    if (channel && a.channel != *channel) return false;
    if (outcome && effective != *outcome) return false;
    return !org || a.org == *org;
  };
  AskList list;
  if (o.search) {
    Result<SearchResults> found = SearchLedger(store, *o.search);
    if (!found.ok()) return found.status();
    ListSearch search{*o.search, {}, {}};
    for (AskHit& hit : found->asks) {
      if (keep(hit.ask)) search.asks.push_back(std::move(hit));
    }
    for (PostingHit& hit : found->postings) {
      if (!org || hit.posting.org == *org) search.postings.push_back(std::move(hit));
    }
    list.search = std::move(search);
    return list;
  }
  list.since = since;
  return InSnapshot<AskList>(store, [&]() -> Result<AskList> {
    const bool filtered = o.open || kind || channel || outcome || org;
    if (!filtered && o.limit > 0) {
      // A page of an unfiltered ledger is read as a page: the newest asks on the date index.
      Result<std::vector<Ask>> page = store.ListNewestAsks(o.limit, since);
      if (!page.ok()) return page.status();
      Result<int64_t> matched = store.CountAsks(since);
      if (!matched.ok()) return matched.status();
      list.asks = std::move(page).value();
      list.matched = *matched;
    } else {
      Result<std::vector<Ask>> asks = since ? store.ListAsksFrom(*since) : store.ListAsks();
      if (!asks.ok()) return asks.status();
      for (Ask& a : *asks) {
        if (keep(a)) list.asks.push_back(std::move(a));
      }
      list.matched = static_cast<int64_t>(list.asks.size());
      if (o.limit > 0 && list.matched > o.limit) {
        list.asks.erase(list.asks.begin(), list.asks.end() - o.limit);
      }
    }
    if (list.matched == 0) {
      Result<int64_t> any = store.CountAsks(std::nullopt);
      if (!any.ok()) return any.status();
      list.ledger_empty = *any == 0;
    }
    return std::move(list);
  });
}

Json AskListJson(const AskList& list, Date today, int silence_days, const ThemeClassifier& themes) {
  if (!list.search) {
    Json j = Json::array();
    for (const Ask& a : list.asks) j.push_back(AskJson(a, today, silence_days, themes));
    return j;
  }
  const ListSearch& search = *list.search;
  Json j;
  j["search"] = search.text;
  j["asks"] = Json::array();
  for (const AskHit& hit : search.asks) {
    Json a = AskJson(hit.ask, today, silence_days, themes);
    a["matched"] = MatchedJson(hit.fields);
    j["asks"].push_back(std::move(a));
  }
  j["postings"] = Json::array();
  for (const PostingHit& hit : search.postings) {
    Json p = PostingJson(hit.posting);
    p["matched"] = MatchedJson(hit.fields);
    j["postings"].push_back(std::move(p));
  }
  return j;
}

Result<AskDetail> ShowAsk(Session& session, int64_t id) {
  Result<std::shared_ptr<Store>> opened = session.OpenStore();
  if (!opened.ok()) return opened.status();
  Store& store = **opened;
  Result<Ask> ask = FindAsk(store, id);
  if (!ask.ok()) return ask.status();
  // Loaded here, as `keel show` always has, whichever output follows.
  Result<const ThemeClassifier*> themes = session.Themes();
  if (!themes.ok()) return themes.status();
  AskDetail detail;
  detail.ask = std::move(ask).value();
  const Ask& a = detail.ask;
  Result<std::vector<FeedbackRecord>> feedback = store.ListFeedback(a.id);
  if (!feedback.ok()) return feedback.status();
  detail.feedback = std::move(feedback).value();
  Result<std::vector<Pivot>> pivots = store.ListPivots();
  if (!pivots.ok()) return pivots.status();
  for (const Pivot& p : *pivots) {
    if (p.ask_id == a.id) detail.pivot = p;  // the latest
  }
  Result<std::vector<AnswerRecord>> earlier = store.EarlierAnswers(a.id);
  if (!earlier.ok()) return earlier.status();
  detail.earlier = std::move(earlier).value();
  detail.answers = AnswerHistory(a, detail.earlier);
  Result<std::vector<FollowUpRecord>> all_follow_ups = store.ListFollowUps();
  // Reported as an invalid input about no one field, as `keel show` always has.
  if (!all_follow_ups.ok()) return Error{all_follow_ups.message()};
  for (const FollowUpRecord& f : *all_follow_ups) {
    if (f.ask_id == a.id) detail.follow_ups.push_back(f);
  }
  std::stable_sort(detail.follow_ups.begin(), detail.follow_ups.end(),
                   [](const FollowUpRecord& x, const FollowUpRecord& y) { return x.on < y.on; });
  Result<std::vector<Interview>> rounds = InterviewsOfAsk(store, a.id);
  if (!rounds.ok()) return rounds.status();
  detail.interviews = std::move(rounds).value();
  return detail;
}

Json AskDetailJson(const AskDetail& detail, Date today, int silence_days,
                   const ThemeClassifier& themes) {
  const std::optional<Pivot>& pivot = detail.pivot;
  Json j = AskJson(detail.ask, today, silence_days, themes);
  j["answers"] = AnswersJson(detail.answers);
  j["feedback"] = Json::array();
  for (const FeedbackRecord& f : detail.feedback) j["feedback"].push_back(FeedbackJson(f, themes));
  j["pivot"] = pivot ? Json{{"on", pivot->on.ToIso()}, {"rule", pivot->rule}, {"why", pivot->why}}
                     : Json(nullptr);
  // Every follow-up with its note, made or scheduled, by date (the page's timeline).
  j["follow_up_log"] = Json::array();
  for (const FollowUpRecord& f : detail.follow_ups) {
    j["follow_up_log"].push_back(
        Json{{"on", f.on.ToIso()}, {"note", f.note}, {"scheduled", f.planned}});
  }
  j["interviews"] = Json::array();
  for (const Interview& i : detail.interviews) j["interviews"].push_back(InterviewJson(i, today));
  return j;
}

Result<StatusReport> LedgerStatus(Session& session) {
  Result<std::shared_ptr<Store>> store = session.OpenStore();
  if (!store.ok()) return store.status();
  return BuildStatus(**store, session.today, session.silence_days);
}

}  // namespace keel
