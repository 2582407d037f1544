// The records besides asks: feedback, actions, strategy versions, pivots, the weekly goal's
// changes, the closing of the search and the saved postings. Each is checked whole (an ask it
// points at must be in the backup) before it is written.
#include <fmt/format.h>

#include <tuple>
#include <utility>

#include "app/goal.h"
#include "app/import_json_restorer.h"
#include "app/ledger.h"
#include "app/postings.h"
#include "app/strategy.h"
#include "core/instant.h"
#include "core/text.h"

namespace keel::backup {

Status Restorer::RestoreFeedback(const Node& n) {
  FeedbackRecord f;
  Result<Id> id = PositiveId(n, "id");
  if (!id.ok()) return id.status();
  f.id = *id;
  Result<Id> ask = AskId(n);
  if (!ask.ok()) return ask.status();
  f.ask_id = *ask;
  Result<Date> on = RequiredDate(n, "received_on");
  if (!on.ok()) return on.status();
  f.received_on = *on;
  Result<std::string> text = NameText(n, "text", false);
  if (!text.ok()) return text.status();
  f.text = *text;
  Result<std::optional<std::string>> theme = ChosenTheme(n);
  if (!theme.ok()) return theme.status();
  f.theme = *theme;
  Result<Id> added = store_.AddFeedback(f);
  if (!added.ok()) return added.status();
  ++report_.feedback;
  return Status();
}

Status Restorer::RestoreAction(const Node& n) {
  ActionRow a;
  Result<Id> id = PositiveId(n, "id");
  if (!id.ok()) return id.status();
  a.id = *id;
  Result<std::string> text = NameText(n, "text", false);
  if (!text.ok()) return text.status();
  a.text = *text;
  Result<std::string> theme = String(n, "theme");
  if (!theme.ok()) return theme.status();
  Result<std::string> name = CheckThemeName(*theme);
  if (!name.ok()) return Bad(n.At("theme"), name.message());
  a.theme = *name;
  Result<Date> on = RequiredDate(n, "on");
  if (!on.ok()) return on.status();
  a.started_on = *on;
  Result<Id> added = store_.AddAction(a);
  if (!added.ok()) return added.status();
  ++report_.actions;
  return Status();
}

Status Restorer::RestoreStrategy(const Node& n) {
  StrategyVersion v;
  Result<Id> id = PositiveId(n, "id");
  if (!id.ok()) return id.status();
  v.id = *id;
  Result<Date> on = RequiredDate(n, "edited_on");
  if (!on.ok()) return on.status();
  v.edited_on = *on;
  Result<std::string> summary = String(n, "summary");
  if (!summary.ok()) return summary.status();
  v.summary = *summary;
  Result<Node> body = Field(n, "strategy");
  if (!body.ok()) return body.status();
  v.body = body->json.dump();
  Result<keel::Strategy> parsed = StrategyFromJson(v.body);
  if (!parsed.ok()) return Bad(*body, parsed.message());
  Result<Id> added = store_.AddStrategyVersion(v);
  if (!added.ok()) return added.status();
  ++report_.strategy_versions;
  return Status();
}

Status Restorer::RestorePivot(const Node& n) {
  Pivot p;
  Result<Id> ask = AskId(n);
  if (!ask.ok()) return ask.status();
  p.ask_id = *ask;
  Result<Date> on = RequiredDate(n, "on");
  if (!on.ok()) return on.status();
  p.on = *on;
  Result<std::string> rule = String(n, "rule");
  if (!rule.ok()) return rule.status();
  p.rule = *rule;
  Result<std::string> why = NameText(n, "why", false);
  if (!why.ok()) return why.status();
  p.why = *why;
  Result<Id> added = store_.AddPivot(p);
  if (!added.ok()) return added.status();
  ++report_.pivots;
  return Status();
}

Status Restorer::RestoreGoal(const Node& n) {
  GoalSetting g;
  Result<Date> on = RequiredDate(n, "set_on");
  if (!on.ok()) return on.status();
  g.set_on = *on;
  Result<Node> asks = Field(n, "asks_per_week");
  if (!asks.ok()) return asks.status();
  if (!asks->json.is_null()) {
    if (!asks->json.is_number_integer() || asks->json.get<int64_t>() < 1 ||
        asks->json.get<int64_t>() > kMaxAsksPerWeek) {
      return Bad(*asks, fmt::format("'{}' is not a number of asks from 1 to {}, or null",
                                    Quote(asks->json), kMaxAsksPerWeek));
    }
    g.asks_per_week = asks->json.get<int64_t>();
  }
  Result<Id> added = store_.AddGoalSetting(g);
  return added.ok() ? Status() : added.status();
}

Status Restorer::RestorePosting(const Node& n) {
  PostingRecord p;
  Result<Id> id = PositiveId(n, "id");
  if (!id.ok()) return id.status();
  if (!posting_ids_.insert(*id).second) {
    return Bad(n.At("id"), fmt::format("posting #{} is listed twice", *id));
  }
  p.id = *id;
  Result<std::string> org = NameText(n, "org", false);
  if (!org.ok()) return org.status();
  Result<std::string> role = NameText(n, "role", false);
  if (!role.ok()) return role.status();
  Result<Date> saved_on = RequiredDate(n, "saved_on");
  if (!saved_on.ok()) return saved_on.status();
  p.saved_on = *saved_on;
  Result<std::optional<std::string>> url = OptionalString(n, "url");
  if (!url.ok()) return url.status();
  p.url = url->value_or("");
  if (!p.url.empty()) {
    if (Status checked = CheckPostingUrl(p.url); !checked.ok()) {
      return Bad(n.At("url"), checked.message());
    }
  }
  Result<std::optional<Date>> deadline = OptionalDate(n, "deadline");
  if (!deadline.ok()) return deadline.status();
  p.deadline = *deadline;
  Result<std::optional<int64_t>> salary_min = OptionalCount(n, "salary_min");
  if (!salary_min.ok()) return salary_min.status();
  Result<std::optional<int64_t>> salary_max = OptionalCount(n, "salary_max");
  if (!salary_max.ok()) return salary_max.status();
  if (salary_min->has_value() != salary_max->has_value() ||
      (*salary_min && **salary_min > **salary_max)) {
    return Bad(n, "has a salary range that is not both ends, minimum first, or neither");
  }
  p.salary_min = *salary_min;
  p.salary_max = *salary_max;
  for (auto [key, target] : {std::pair{"location", &p.location}, std::pair{"note", &p.note},
                             std::pair{"description", &p.description}}) {
    Result<std::string> text = String(n, key);
    if (!text.ok()) return text.status();
    *target = *text;
  }
  Result<ImportIds::Found> org_id = ids_.Organization(*org);
  if (!org_id.ok()) return org_id.status();
  Result<Id> opportunity = ids_.Opportunity(org_id->id, *role);
  if (!opportunity.ok()) return opportunity.status();
  if (!posting_roles_.insert(*opportunity).second) {
    return Bad(n, fmt::format("is a second posting for {} at {}; keep one of them", *role, *org));
  }
  p.opportunity_id = *opportunity;
  Result<Id> added = store_.AddPosting(p);
  if (!added.ok()) return added.status();
  ++report_.postings;
  return Status();
}

Status Restorer::RestoreInterview(const Node& n) {
  InterviewRecord r;
  Result<Id> id = PositiveId(n, "id");
  if (!id.ok()) return id.status();
  if (!interview_ids_.insert(*id).second) {
    return Bad(n.At("id"), fmt::format("interview #{} is listed twice", *id));
  }
  r.id = *id;
  Result<Id> ask = AskId(n);
  if (!ask.ok()) return ask.status();
  r.ask_id = *ask;
  for (auto [key, target, low, high] :
       {std::tuple{"round", &r.round, int64_t{1}, int64_t{50}},
        std::tuple{"minutes", &r.minutes, int64_t{5}, int64_t{720}}}) {
    Result<Node> value = Field(n, key);
    if (!value.ok()) return value.status();
    if (!value->json.is_number_integer() || value->json.get<int64_t>() < low ||
        value->json.get<int64_t>() > high) {
      return Bad(*value, fmt::format("'{}' is not a whole number from {} to {}", Quote(value->json),
                                     low, high));
    }
    *target = value->json.get<int64_t>();
  }
  Result<std::string> starts_at = String(n, "starts_at");
  if (!starts_at.ok()) return starts_at.status();
  std::optional<Instant> at = ParseUtcIso(*starts_at);
  if (!at) {
    return Bad(n.At("starts_at"),
               fmt::format("'{}' is not a time in UTC like 2026-12-03T14:30:00Z", *starts_at));
  }
  r.starts_at = *at;
  for (auto [key, target] : {std::pair{"zone", &r.zone}, std::pair{"prep", &r.prep}}) {
    Result<std::string> text = String(n, key);
    if (!text.ok()) return text.status();
    *target = *text;
  }
  Result<Node> people = Array(n, "people");
  if (!people.ok()) return people.status();
  for (size_t i = 0; i < people->json.size(); ++i) {
    const Node person = people->At(i);
    if (!person.json.is_string() || Trim(person.json.get<std::string>()).empty()) {
      return Bad(person, "is not a person's name");
    }
    const std::string name = person.json.get<std::string>();
    // A person met is linked to the contact of that name, as keel interview links them.
    Result<std::optional<Id>> contact = store_.FindContact(name);
    if (!contact.ok()) return contact.status();
    r.people.push_back(InterviewPerson{name, contact->value_or(0)});
  }
  Result<Id> added = store_.AddInterview(r);
  if (!added.ok()) return added.status();
  ++report_.interviews;
  return Status();
}

Status Restorer::RestoreClosing(const Node& n) {
  SearchClosing closing;
  Result<Id> ask = AskId(n);
  if (!ask.ok()) return ask.status();
  closing.ask_id = *ask;
  Result<Date> on = RequiredDate(n, "on");
  if (!on.ok()) return on.status();
  closing.closed_on = *on;
  return store_.CloseSearch(closing);
}

}  // namespace keel::backup
