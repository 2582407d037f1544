// The seeker's strategy, set while calm: the focus (the roles, industries, locations, seniority and
// way of working they aim at), the deal-breakers (what they ruled out), a salary floor, a brand
// statement, success stories, and the phase of the search program. Pure values and functions: the
// store keeps every version as the JSON document below, the CLI renders the lines.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/views.h"
#include "core/date.h"
#include "core/model.h"
#include "core/result.h"

namespace keel {

/// The facets a focus item or deal-breaker can be about. "role" is judged against Ask::role, the
/// others against Ask::facets.
inline constexpr std::array<std::string_view, 5> kStrategyFields = {"role", "industry", "location",
                                                                    "remote", "seniority"};

/// The phases of the search program, in their natural order (people may loop back).
inline constexpr std::array<std::string_view, 5> kPhaseNames = {
    "introspection", "exploration", "targeted-research", "strategy", "action"};

/// One focus item or deal-breaker: `field` is one of kStrategyFields; `text` is the person's own
/// words (trimmed; for "remote" one of kRemoteNames); `since` is the day they wrote it.
struct StrategyItem {
  std::string field;
  std::string text;
  Date since;
  friend bool operator==(const StrategyItem&, const StrategyItem&) = default;
};

/// A success story, in the person's words, and the day it was added.
struct Story {
  std::string text;
  Date since;
  friend bool operator==(const Story&, const Story&) = default;
};

/// The day the search entered a phase (one of kPhaseNames).
struct PhaseStart {
  std::string phase;
  Date began;
  friend bool operator==(const PhaseStart&, const PhaseStart&) = default;
};

struct Strategy {
  // What the person aims at and what they ruled out. An item never sits in both lists (same field
  // and text, ignoring case), and neither list holds the same item twice.
  std::vector<StrategyItem> focus;
  std::vector<StrategyItem> deal_breakers;
  // Both set or both unset.
  std::optional<int64_t> salary_floor;
  std::optional<Date> salary_floor_since;
  std::string brand;
  std::vector<Story> stories;  // oldest first
  // Oldest first; `began` never decreases and no phase follows itself. The last is the current one.
  std::vector<PhaseStart> phases;

  /// The phase the search is in, or nullptr before any was set.
  const PhaseStart* current_phase() const { return phases.empty() ? nullptr : &phases.back(); }
  /// True when there is something to judge asks by: a focus, a deal-breaker or a salary floor.
  bool has_criteria() const {
    return !focus.empty() || !deal_breakers.empty() || salary_floor.has_value();
  }
  bool empty() const {
    return !has_criteria() && brand.empty() && stories.empty() && phases.empty();
  }
  friend bool operator==(const Strategy&, const Strategy&) = default;
};

/// The stored document: {"format": 1, "focus": [{field, text, since}], "deal_breakers": [...],
/// "salary_floor": N|null, "salary_floor_since": DATE|null, "brand": "", "stories": [{text,
/// since}], "phases": [{phase, began}]}. StrategyFromJson(StrategyJson(s).dump()) gives back s.
Json StrategyJson(const Strategy& strategy);

/// Reads a document written by StrategyJson. Keys may be missing (they read as empty), but an
/// unknown key, a wrong type, an unknown field or phase name, a bad date or a broken invariant
/// above is an Error naming the place, e.g. "strategy document: focus[1].field 'rol' is not a
/// field (one of: role, ...)".
Result<Strategy> StrategyFromJson(std::string_view json_text);

/// One change to the strategy, as the CLI collects it. Pairs are {field, text}.
struct StrategyEdit {
  std::vector<std::pair<std::string, std::string>> add_focus;
  std::vector<std::pair<std::string, std::string>> add_deal_breakers;
  /// Matches a focus item or a deal-breaker by field and text, ignoring case and outer spaces.
  std::vector<std::pair<std::string, std::string>> remove;
  std::optional<int64_t> salary_floor;
  bool clear_salary_floor = false;
  std::optional<std::string> brand;  // "" clears it
  std::vector<std::string> add_stories;
  std::optional<std::string> phase;

  bool empty() const {
    return add_focus.empty() && add_deal_breakers.empty() && remove.empty() && !salary_floor &&
           !clear_salary_floor && !brand && add_stories.empty() && !phase;
  }
};

/// Applies `edit` to `current`, dating what it adds `on`. Removals come first, then additions,
/// the salary floor, the brand, stories and the phase. Rules: field and phase names must be known
/// (a near miss gets "did you mean"); "remote" takes remote, hybrid or onsite; a deal-breaker that
/// is already a focus item (or the reverse) is refused; an item or story already there is ignored,
/// keeping its first date; removing an item that is not there is an error listing what is; a phase
/// equal to the current one changes nothing, an earlier one is allowed (people loop back), but not
/// dated before the current phase began. On failure returns one line naming the problem and the
/// fix, and nothing is changed. An edit that changes nothing returns `current` as it was (compare
/// with == to skip storing a new version).
Result<Strategy> ApplyEdit(Strategy current, const StrategyEdit& edit, Date on);

/// A one-line summary for the change journal: "strategy: rule out location 'relocation'".
std::string DescribeEdit(const StrategyEdit& edit);

/// A deal-breaker an ask runs into. For the salary floor, `item` is {"salary", "<floor>", since}.
struct DealBreakerHit {
  StrategyItem item;
  /// One line quoting the person's words and date: "On 2026-10-02 you ruled out location
  /// 'relocation'" or "On 2026-10-02 you set a salary floor of 90000; this role pays 75000".
  std::string message;
};

/// The first deal-breaker (in the order they were set) the ask runs into, then the salary floor.
/// An item hits when its text appears, ignoring case, as a whole-word phrase in the ask's value for
/// its field (role: Ask::role; industry, location, seniority: Ask::facets): "sales" hits "Sales
/// Manager" and "inside sales", never "wholesale". Role, industry and location items are also
/// looked for in the ask's note ("requires relocation"). A "remote" item hits only an ask whose
/// facets.remote is exactly that value. The floor hits an ask whose facets.salary is below it; an
/// ask that does not say its salary never hits it.
std::optional<DealBreakerHit> FindDealBreaker(const Strategy& strategy, const Ask& ask);

/// Why an ask is off the focus, in a few words, or nullopt when it is on focus. Off focus: a
/// deal-breaker hits, or for some field the strategy has focus items and the ask's value for that
/// field (never its note) matches none of them, by the same whole-word rule. A field the ask says
/// nothing about cannot be judged, so an ask with no value for any focused field counts as on
/// focus.
std::optional<std::string> OffFocusReason(const Strategy& strategy, const Ask& ask);

/// OffFocusReason(strategy, ask).has_value().
bool IsOffFocus(const Strategy& strategy, const Ask& ask);

/// True when the ask has a value for at least one field the focus is about (so that it can be
/// judged on focus or off), or runs into a deal-breaker.
bool CanJudgeFocus(const Strategy& strategy, const Ask& ask);

/// The strategy for a person to read: focus by field, deal-breakers with their dates, salary floor,
/// brand, stories, the phase and its history. An empty strategy gives one line saying how to set
/// it.
std::vector<std::string> StrategyLines(const Strategy& strategy);

}  // namespace keel
