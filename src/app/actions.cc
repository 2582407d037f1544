// Why only some kinds: mock interviews cannot change how many applications get a callback, so
// mixing those in would drown the signal in noise. Each theme concerns the kinds of ask it can
// plausibly move (KindsConcerned); a circumstantial theme, or follow-through, touches them all.
//
// Before and after are split at the action's start date by the ask's date, and counted as the
// statistics count them today (a pending ask past the horizon is silent). The comparison is the
// materials A/B: P(after's yes-rate beats before's) under uniform priors, and below kMinEvidence
// decided asks on either side the line says "not enough evidence yet" before any number, so that
// a lucky week after a change is not read as proof.
#include "app/actions.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "stats/ab.h"

namespace keel {
namespace {

constexpr std::array<Kind, 9> kAllKinds = {Kind::kChat,  Kind::kResumeReview, Kind::kReferral,
                                           Kind::kIntro, Kind::kApplication,  Kind::kInterview,
                                           Kind::kOffer, Kind::kFeedback,     Kind::kOther};

void Count(const Ask& ask, Date today, int silence_days, ActionSide& side) {
  ++side.asks;
  const Outcome outcome = ask.EffectiveOutcome(today, silence_days);
  if (outcome == Outcome::kPending || outcome == Outcome::kWithdrawn) return;
  ++side.decided;
  if (outcome == Outcome::kYes) ++side.yes;
}

void Finish(ActionSide& side) {
  if (side.decided == 0) return;
  side.rate = static_cast<double>(side.yes) / static_cast<double>(side.decided);
  side.wilson95 = WilsonInterval(side.yes, side.decided);
}

std::string Pct(double x) { return fmt::format("{:.0f}%", 100.0 * x); }

// A probability, never shown as a certainty it is not.
std::string Chance(double p) {
  if (p > 0.995) return "> 99%";
  if (p < 0.005) return "< 1%";
  return Pct(p);
}

// "before 8 % (n=40)"; "" when nothing on that side is decided yet.
std::string SideRate(std::string_view name, const ActionSide& side) {
  return side.rate ? fmt::format("{} {} (n={})", name, Pct(*side.rate), side.decided) : "";
}

std::string KindList(const std::vector<Kind>& kinds) {
  if (kinds.size() == kAllKinds.size()) return "asks of every kind";
  std::vector<std::string_view> names;
  names.reserve(kinds.size());
  for (Kind k : kinds) names.push_back(Name(k));
  return fmt::format("{} asks", fmt::join(names, ", "));
}

std::vector<std::string> Lines(const ActionReport& r) {
  std::vector<std::string> lines;
  lines.push_back(fmt::format("Action #{} \"{}\" ({}) since {}, on {}:", r.action.id, r.action.text,
                              Name(r.action.theme), r.action.on.ToIso(), KindList(r.kinds)));
  const std::string before = SideRate("before", r.before);
  const std::string after = SideRate("after", r.after);
  if (!r.enough_evidence) {
    const int64_t more_before = std::max<int64_t>(0, kMinEvidence - r.before.decided);
    const int64_t more_after = std::max<int64_t>(0, kMinEvidence - r.after.decided);
    std::string needed;
    if (more_before > 0 && more_after > 0) {
      needed = fmt::format("{} more before and {} more after", more_before, more_after);
    } else if (more_before > 0) {
      needed = fmt::format("{} more before", more_before);
    } else {
      needed = fmt::format("{} more after", more_after);
    }
    std::string line = fmt::format(
        "not enough evidence yet: {} decided ask{} before and {} after; {} decided asks on each "
        "side are needed ({}).",
        r.before.decided, r.before.decided == 1 ? "" : "s", r.after.decided, kMinEvidence, needed);
    if (!before.empty() || !after.empty()) {
      line += fmt::format(" So far the yes-rate is {}{}{}.", before,
                          !before.empty() && !after.empty() ? ", " : "", after);
    }
    lines.push_back(std::move(line));
    return lines;
  }
  lines.push_back(fmt::format("yes-rate {}, {}; P(after beats before) = {}", before, after,
                              Chance(r.p_after_beats_before)));
  const double p = r.p_after_beats_before;
  lines.emplace_back(p >= 0.95   ? "The yes-rate after is very likely higher: keep it up."
                     : p <= 0.05 ? "The yes-rate after is very likely lower: worth a rethink."
                                 : "No clear difference yet: keep going and look again later.");
  return lines;
}

Json SideJson(const ActionSide& s) {
  Json j;
  j["asks"] = s.asks;
  j["decided"] = s.decided;
  j["yes"] = s.yes;
  j["rate"] = s.rate ? Json(*s.rate) : Json(nullptr);
  j["wilson95"] = s.wilson95 ? Json::array({s.wilson95->low, s.wilson95->high}) : Json(nullptr);
  return j;
}

}  // namespace

std::vector<Kind> KindsConcerned(Theme theme) {
  switch (theme) {
    case Theme::kInterviewPerformance:
      return {Kind::kInterview};
    case Theme::kQualificationsGap:
    case Theme::kExperienceLevel:
      return {Kind::kApplication, Kind::kInterview};
    case Theme::kMaterials:
      return {Kind::kResumeReview, Kind::kApplication};
    case Theme::kFocusUnclear:
      return {Kind::kChat, Kind::kReferral, Kind::kIntro, Kind::kApplication};
    case Theme::kCompensation:
      return {Kind::kInterview, Kind::kOffer};
    case Theme::kFollowThrough:
    case Theme::kFilled:
    case Theme::kHiringFreeze:
    case Theme::kNoOpenings:
    case Theme::kBusy:
    case Theme::kRoleChanged:
    case Theme::kVolume:
    case Theme::kGeneric:
    case Theme::kNone:
      break;
  }
  return {kAllKinds.begin(), kAllKinds.end()};
}

std::vector<ActionReport> BuildActions(const std::vector<ActionRecord>& actions,
                                       const std::vector<Ask>& asks, Date today, int silence_days) {
  std::vector<ActionReport> reports;
  reports.reserve(actions.size());
  for (const ActionRecord& action : actions) {
    ActionReport r;
    r.action = action;
    r.kinds = KindsConcerned(action.theme);
    for (const Ask& ask : asks) {
      if (std::find(r.kinds.begin(), r.kinds.end(), ask.kind) == r.kinds.end()) continue;
      Count(ask, today, silence_days, ask.asked_on < action.on ? r.before : r.after);
    }
    Finish(r.before);
    Finish(r.after);
    r.enough_evidence = r.before.decided >= kMinEvidence && r.after.decided >= kMinEvidence;
    r.p_after_beats_before =
        ProbabilityBBeatsA(r.before.yes, r.before.decided, r.after.yes, r.after.decided);
    r.lines = Lines(r);
    reports.push_back(std::move(r));
  }
  return reports;
}

Json ActionsJson(const std::vector<ActionReport>& reports) {
  Json out = Json::array();
  for (const ActionReport& r : reports) {
    Json j;
    j["id"] = r.action.id;
    j["text"] = r.action.text;
    j["theme"] = Name(r.action.theme);
    j["on"] = r.action.on.ToIso();
    j["kinds"] = Json::array();
    for (Kind k : r.kinds) j["kinds"].push_back(Name(k));
    j["before"] = SideJson(r.before);
    j["after"] = SideJson(r.after);
    j["enough_evidence"] = r.enough_evidence;
    j["min_evidence"] = kMinEvidence;
    j["p_after_beats_before"] = r.p_after_beats_before;
    j["lines"] = r.lines;
    out.push_back(std::move(j));
  }
  return out;
}

std::vector<std::string> ActionsLines(const std::vector<ActionReport>& reports) {
  if (reports.empty()) {
    return {
        "No actions yet. After a pattern, record what you decided to do with `keel action add "
        "TEXT --theme THEME`, and keel will compare the yes-rate before and after."};
  }
  std::vector<std::string> lines;
  for (const ActionReport& r : reports) lines.insert(lines.end(), r.lines.begin(), r.lines.end());
  return lines;
}

}  // namespace keel
