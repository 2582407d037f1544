#include "app/views.h"

namespace keel {

Json DateJson(const std::optional<Date>& date) {
  return date ? Json(date->ToIso()) : Json(nullptr);
}

Json AskJson(const Ask& ask, Date today, int silence_days) {
  const Outcome effective = ask.EffectiveOutcome(today, silence_days);
  Json j;
  j["id"] = ask.id;
  j["asked_on"] = ask.asked_on.ToIso();
  j["org"] = ask.org;
  j["person"] = ask.person;
  j["kind"] = Name(ask.kind);
  j["channel"] = Name(ask.channel);
  j["outcome"] = Name(effective);
  j["silence_inferred"] = effective != ask.outcome;
  j["replied_on"] = DateJson(ask.replied_on);
  j["reason"] = ask.reason;
  j["materials"] = ask.materials;
  j["role"] = ask.role;
  j["note"] = ask.note;
  j["until"] = DateJson(ask.until);
  j["follow_ups"] = Json::array();
  for (Date d : ask.follow_ups) j["follow_ups"].push_back(d.ToIso());
  return j;
}

}  // namespace keel
