#include "app/export.h"

#include <algorithm>
#include <map>

#include "app/ledger.h"
#include "app/postings.h"
#include "app/reason_theme.h"
#include "app/transaction.h"
#include "app/views.h"
#include "core/instant.h"
#include "core/json_dump.h"
#include "io/csv.h"

namespace keel {

std::string_view KeelCsvHeader() {
  return "asked_on,org,person,kind,channel,outcome,replied_on,reason,materials,role,note,until,"
         "follow_ups,theme,industry,location,seniority,remote,salary,via";
}

Result<std::string> ExportCsv(Store& store) {
  Result<std::vector<Ask>> asks =
      InSnapshot<std::vector<Ask>>(store, [&] { return store.ListAsks(); });
  if (!asks.ok()) return asks.status();
  std::string out(KeelCsvHeader());
  out += '\n';
  std::vector<std::string> fields(20);
  for (const Ask& a : *asks) {
    // The recorded outcome, not the inferred one: silence by the horizon is a reading of the
    // ledger at a date, not part of it.
    // Appended piece by piece: GCC 12 -O3 misreports "a + b" of strings (-Wrestrict, bug 105329).
    std::string materials;
    for (const std::string& m : a.materials) {
      if (!materials.empty()) materials.push_back(';');
      materials.append(m);
    }
    std::string follow_ups;
    for (Date d : a.follow_ups) {
      if (!follow_ups.empty()) follow_ups.push_back(';');
      follow_ups.append(d.ToIso());
    }
    fields = {a.asked_on.ToIso(),
              a.org,
              a.person,
              std::string(Name(a.kind)),
              std::string(Name(a.channel)),
              std::string(Name(a.outcome)),
              a.replied_on ? a.replied_on->ToIso() : "",
              a.reason,
              materials,
              a.role,
              a.note,
              a.until ? a.until->ToIso() : "",
              follow_ups,
              a.reason_theme.value_or(""),
              a.facets.industry,
              a.facets.location,
              a.facets.seniority,
              a.facets.remote,
              a.facets.salary ? std::to_string(*a.facets.salary) : "",
              a.via};
    AppendCsvRow(&out, fields, FormulaGuard::kOn);
  }
  return out;
}

namespace {

Result<Json> EverythingJson(Store& store, Date today, int silence_days,
                            const ThemeClassifier& themes) {
  Json out;
  Result<std::vector<Ask>> asks = store.ListAsks();
  if (!asks.ok()) return asks.status();
  Result<std::vector<AnswerRecord>> earlier = store.EarlierAnswers(0);
  if (!earlier.ok()) return earlier.status();
  std::map<Id, std::vector<AnswerRecord>> earlier_by_ask;
  for (AnswerRecord& e : *earlier) earlier_by_ask[e.ask_id].push_back(std::move(e));
  out["asks"] = Json::array();
  for (const Ask& a : *asks) {
    Json j = AskJson(a, today, silence_days, themes);
    auto it = earlier_by_ask.find(a.id);
    j["answers"] = AnswersJson(
        AnswerHistory(a, it == earlier_by_ask.end() ? std::vector<AnswerRecord>() : it->second));
    out["asks"].push_back(std::move(j));
  }
  Result<std::vector<FollowUpRecord>> follow_ups = store.ListFollowUps();
  if (!follow_ups.ok()) return follow_ups.status();
  out["follow_ups"] = Json::array();
  for (const FollowUpRecord& f : *follow_ups) {
    Json record{{"ask_id", f.ask_id}, {"on", f.on.ToIso()}, {"note", f.note}};
    if (f.planned) record["planned"] = true;  // scheduled, not made yet (absent: made)
    out["follow_ups"].push_back(std::move(record));
  }
  Result<std::vector<FeedbackRecord>> feedback = store.ListFeedback(0);
  if (!feedback.ok()) return feedback.status();
  out["feedback"] = Json::array();
  for (const FeedbackRecord& f : *feedback) out["feedback"].push_back(FeedbackJson(f, themes));
  Result<std::vector<ActionRow>> actions = store.ListActions();
  if (!actions.ok()) return actions.status();
  out["actions"] = Json::array();
  for (const ActionRow& a : *actions) {
    out["actions"].push_back(
        Json{{"id", a.id}, {"text", a.text}, {"theme", a.theme}, {"on", a.started_on.ToIso()}});
  }
  Result<std::vector<MaterialVersionInfo>> versions = store.MaterialVersions();
  if (!versions.ok()) return versions.status();
  out["materials"] = Json::array();
  for (const MaterialVersionInfo& v : *versions) {
    out["materials"].push_back(
        Json{{"material", v.ref()},
             {"added_on", DateJson(v.added_on)},
             {"sha256", v.content_hash.empty() ? Json(nullptr) : Json(v.content_hash)},
             {"note", v.note}});
  }
  Result<std::vector<StrategyVersion>> strategy = store.StrategyVersions();
  if (!strategy.ok()) return strategy.status();
  out["strategy_versions"] = Json::array();
  for (const StrategyVersion& v : *strategy) {
    Json body = Json::parse(v.body, nullptr, /*allow_exceptions=*/false);
    out["strategy_versions"].push_back(Json{{"id", v.id},
                                            {"edited_on", v.edited_on.ToIso()},
                                            {"summary", v.summary},
                                            {"strategy", std::move(body)}});
  }
  Result<std::vector<Pivot>> pivots = store.ListPivots();
  if (!pivots.ok()) return pivots.status();
  out["pivots"] = Json::array();
  for (const Pivot& p : *pivots) {
    out["pivots"].push_back(
        Json{{"ask_id", p.ask_id}, {"on", p.on.ToIso()}, {"rule", p.rule}, {"why", p.why}});
  }
  // The accepted offer that closed the search (keel close --offer), or null while it is open.
  Result<std::optional<SearchClosing>> closing = store.Closing();
  if (!closing.ok()) return closing.status();
  out["closed"] = *closing
                      ? Json{{"ask_id", (*closing)->ask_id}, {"on", (*closing)->closed_on.ToIso()}}
                      : Json(nullptr);
  // The weekly goal's changes, oldest first (null: cleared), so a restore judges the same weeks.
  Result<std::vector<GoalSetting>> goals = store.GoalSettings();
  if (!goals.ok()) return goals.status();
  out["weekly_goals"] = Json::array();
  for (const GoalSetting& g : *goals) {
    out["weekly_goals"].push_back(
        Json{{"set_on", g.set_on.ToIso()},
             {"asks_per_week", g.asks_per_week ? Json(*g.asks_per_week) : Json(nullptr)}});
  }
  // The postings (roles saved before applying), by id, descriptions whole; the posting's own
  // shape without what is derived from the rest (its opportunity's id, its asks).
  Result<std::vector<Posting>> postings = store.ListPostings(kWholeDescription);
  if (!postings.ok()) return postings.status();
  std::sort(postings->begin(), postings->end(),
            [](const Posting& a, const Posting& b) { return a.record.id < b.record.id; });
  out["postings"] = Json::array();
  for (const Posting& p : *postings) {
    Json j = PostingJson(p);
    for (const char* derived : {"opportunity_id", "description_chars", "asks"}) j.erase(derived);
    out["postings"].push_back(std::move(j));
  }
  // The interview rounds, by id, each with its start in UTC and the people met, in order (who of
  // them is a contact is found again by name on restore).
  Result<std::vector<InterviewRecord>> rounds = store.ListInterviews(0, kEveryInterview);
  if (!rounds.ok()) return rounds.status();
  std::sort(rounds->begin(), rounds->end(),
            [](const InterviewRecord& a, const InterviewRecord& b) { return a.id < b.id; });
  out["interviews"] = Json::array();
  for (const InterviewRecord& r : *rounds) {
    Json people = Json::array();
    for (const InterviewPerson& p : r.people) people.push_back(p.name);
    out["interviews"].push_back(Json{{"id", r.id},
                                     {"ask_id", r.ask_id},
                                     {"round", r.round},
                                     {"starts_at", UtcIso(r.starts_at)},
                                     {"minutes", r.minutes},
                                     {"zone", r.zone},
                                     {"prep", r.prep},
                                     {"people", std::move(people)}});
  }
  return out;
}

}  // namespace

Result<std::string> ExportJson(Store& store, Date today, int silence_days,
                               const ThemeClassifier& themes) {
  Result<Json> all =
      InSnapshot<Json>(store, [&] { return EverythingJson(store, today, silence_days, themes); });
  if (!all.ok()) return all.status();
  return DumpJson(*all, 2) + "\n";
}

}  // namespace keel
