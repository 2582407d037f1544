#include "app/views.h"

#include "app/reason_theme.h"

namespace keel {

Json DateJson(const std::optional<Date>& date) {
  return date ? Json(date->ToIso()) : Json(nullptr);
}

Json AnswerJson(const AnswerRecord& answer) {
  Json j;
  j["outcome"] = Name(answer.outcome);
  j["replied_on"] = DateJson(answer.replied_on);
  j["until"] = DateJson(answer.until);
  j["reason"] = answer.reason;
  // The theme the person chose for this reason (null: the rules read it, as for the ask's own).
  j["reason_theme"] = answer.reason_theme ? Json(*answer.reason_theme) : Json(nullptr);
  return j;
}

Json AnswersJson(const std::vector<AnswerRecord>& answers) {
  Json out = Json::array();
  for (const AnswerRecord& a : answers) out.push_back(AnswerJson(a));
  return out;
}

Json AskJson(const Ask& ask, Date today, int silence_days, const ThemeClassifier& themes) {
  const Outcome effective = ask.EffectiveOutcome(today, silence_days);
  Json j;
  j["id"] = ask.id;
  j["asked_on"] = ask.asked_on.ToIso();
  j["org"] = ask.org;
  j["person"] = ask.person;
  j["via"] = ask.via;  // who introduced or referred; "" for nobody
  j["kind"] = Name(ask.kind);
  j["channel"] = Name(ask.channel);
  j["outcome"] = Name(effective);
  j["silence_inferred"] = effective != ask.outcome;
  j["replied_on"] = DateJson(ask.replied_on);
  j["reason"] = ask.reason;
  AddThemeFields(ThemeOfAsk(ask, themes), j);
  j["materials"] = ask.materials;
  j["role"] = ask.role;
  j["note"] = ask.note;
  j["until"] = DateJson(ask.until);
  j["follow_ups"] = Json::array();
  for (Date d : ask.follow_ups) j["follow_ups"].push_back(d.ToIso());
  Json facets;
  facets["industry"] = ask.facets.industry;
  facets["location"] = ask.facets.location;
  facets["seniority"] = ask.facets.seniority;
  facets["remote"] = ask.facets.remote;
  facets["salary"] = ask.facets.salary ? Json(*ask.facets.salary) : Json(nullptr);
  j["facets"] = std::move(facets);
  return j;
}

void AddNotices(Json& object, const std::vector<std::string>& notices) {
  if (notices.empty()) return;
  Json& list = object["notices"];
  if (!list.is_array()) list = Json::array();
  for (const std::string& notice : notices) list.push_back(notice);
}

}  // namespace keel
