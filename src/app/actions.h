// `keel actions`: what the seeker decided to do about a pattern ("mock interviews weekly", from a
// date), and the yes-rate of the asks it concerns before and after that date, with the same
// evidence rule as the A/B of materials. Pure: the caller passes the actions and the asks in.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/views.h"
#include "core/model.h"
#include "stats/proportion.h"
#include "themes/theme.h"

namespace keel {

struct ActionRecord {
  Id id = 0;
  std::string text;  // "mock interviews weekly"
  Theme theme = Theme::kGeneric;
  Date on;  // the day it started
};

/// The asks of one side of the action date, counted as statistics count them today.
struct ActionSide {
  int64_t asks = 0;
  int64_t decided = 0;  // yes + no + not-yet + silent (pending past the horizon is silent)
  int64_t yes = 0;
  std::optional<double> rate;        // yes / decided; nullopt when nothing is decided
  std::optional<Interval> wilson95;  // nullopt when nothing is decided
};

struct ActionReport {
  ActionRecord action;
  std::vector<Kind> kinds;  // KindsConcerned(action.theme)
  ActionSide before;        // asks of those kinds with asked_on < action.on
  ActionSide after;         // asked_on >= action.on
  /// Both sides have at least kMinEvidence decided asks; below that the lines say
  /// "not enough evidence yet" before any number.
  bool enough_evidence = false;
  /// ProbabilityBBeatsA(before, after) under uniform priors; defined (0.5 with no evidence) even
  /// when there is not enough evidence, which is why `enough_evidence` must be read first.
  double p_after_beats_before = 0.5;
  std::vector<std::string> lines;  // worded for a person
};

/// One report per action, in the order given.
std::vector<ActionReport> BuildActions(const std::vector<ActionRecord>& actions,
                                       const std::vector<Ask>& asks, Date today, int silence_days);

Json ActionsJson(const std::vector<ActionReport>& reports);
std::vector<std::string> ActionsLines(const std::vector<ActionReport>& reports);

/// The ask kinds a theme concerns (docs/patterns.md has the table), in Kind order:
///   interview-performance  interview
///   qualifications-gap     application, interview
///   experience-level       application, interview
///   materials              application, resume-review
///   follow-through         every kind
///   focus-unclear          chat, intro, referral, application
///   compensation           interview, offer
///   circumstantial themes  every kind (and generic too)
std::vector<Kind> KindsConcerned(Theme theme);

}  // namespace keel
