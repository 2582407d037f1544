// Why the strategy works this way:
//
// - The point of a strategy is to be set while calm and consulted under stress, so every item keeps
//   the person's own words and the day they wrote them: the guard quotes both back ("On 2026-10-02
//   you ruled out location 'relocation'"), which is more persuasive than a rule keel invented.
// - Matching is plain and predictable rather than clever: an item's text must appear, ignoring
// case,
//   as a whole-word phrase in the ask's value for its field. Whole words because "sales" must not
//   rule out "wholesale", a phrase because people write "data engineer", not a bag of words. There
//   is no stemming: "sale" does not match "sales"; the person writes the words they mean.
// - Role, industry and location deal-breakers are also looked for in the ask's note, because that
//   is where people put "requires relocation" or "crypto startup". Seniority and remote are not:
//   "senior stakeholders" or "not remote" in a note would be false alarms.
// - "remote" has a fixed vocabulary (remote, hybrid, onsite), so it compares for equality.
// - Focus is judged only on what the ask says: a field it says nothing about cannot be off focus,
//   so an ask with no value for any focused field counts as on focus. Guessing would make the
//   drift warning cry wolf, and a warning that cries wolf stops being read.
// - A phase may go back (people loop from strategy to exploration when a target dries up); only
//   entering the phase the search is already in is a no-op, so the history shows real moves.
// - Edits are all-or-nothing: ApplyEdit works on a copy and returns an Error before anything of it
//   is used, so the store never keeps half an edit.
#include "app/strategy.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <span>

#include "core/text.h"

namespace keel {
namespace {

// --- names ---------------------------------------------------------------------------------------

template <size_t N>
Error UnknownName(std::string_view what, std::string_view text,
                  const std::array<std::string_view, N>& names) {
  const std::string choices = fmt::format("{}", fmt::join(names, ", "));
  const std::string wanted = Lower(Trim(text));
  std::string_view guess = ClosestMatch(wanted, names);
  if (guess.empty() && wanted.size() >= 3) {
    // "explore" is too far from "exploration" to be a typo, but it plainly means it (as "research"
    // means "targeted-research"): suggest the one name that holds the word, or starts like it
    // but for an ending of up to two letters.
    const auto holds = [&](std::string_view name) {
      const auto common = static_cast<size_t>(
          std::mismatch(wanted.begin(), wanted.end(), name.begin(), name.end()).first -
          wanted.begin());
      return name.find(wanted) != name.npos || common >= std::max<size_t>(4, wanted.size() - 2);
    };
    if (std::count_if(names.begin(), names.end(), holds) == 1) {
      guess = *std::find_if(names.begin(), names.end(), holds);
    }
  }
  if (!guess.empty()) {
    return Error{fmt::format("unknown {} '{}'; did you mean '{}'? (one of: {})", what, text, guess,
                             choices)};
  }
  return Error{fmt::format("unknown {} '{}'; use one of: {}", what, text, choices)};
}

template <size_t N>
Result<std::string> CheckName(std::string_view what, std::string_view text,
                              const std::array<std::string_view, N>& names) {
  const std::string wanted = Lower(Trim(text));
  for (std::string_view name : names) {
    if (name == wanted) return std::string(name);
  }
  return UnknownName(what, text, names);
}

template <size_t N>
bool IsName(std::string_view text, const std::array<std::string_view, N>& names) {
  return std::find(names.begin(), names.end(), text) != names.end();
}

std::string_view Example(std::string_view field) {
  if (field == "role") return "data engineer";
  if (field == "industry") return "fintech";
  if (field == "location") return "Berlin";
  if (field == "remote") return "remote";
  return "senior";
}

// A focus or deal-breaker {field, text}, checked: the field canonical, the text trimmed (and for
// "remote" one of kRemoteNames).
Result<std::pair<std::string, std::string>> CheckItem(
    const std::pair<std::string, std::string>& in) {
  Result<std::string> field = CheckName("strategy field", in.first, kStrategyFields);
  if (!field.ok()) return field.status();
  std::string text(Trim(in.second));
  if (text.empty()) {
    return Error{
        fmt::format("empty {}: give the words, like --{} \"{}\"", *field, *field, Example(*field))};
  }
  if (*field == "remote") {
    Result<std::string> remote = CheckName("remote", text, kRemoteNames);
    if (!remote.ok()) return remote.status();
    text = *remote;
  }
  return std::pair{*field, text};
}

std::string Describe(const StrategyItem& item) {
  return fmt::format("{} '{}'", item.field, item.text);
}

bool Same(const StrategyItem& item, std::string_view field, std::string_view text) {
  return item.field == field && EqualsIgnoreCase(Trim(item.text), Trim(text));
}

std::vector<StrategyItem>::iterator Find(std::vector<StrategyItem>& items, std::string_view field,
                                         std::string_view text) {
  return std::find_if(items.begin(), items.end(),
                      [&](const StrategyItem& i) { return Same(i, field, text); });
}

// --- matching ------------------------------------------------------------------------------------

// Letters, digits and any non-ASCII byte (part of a UTF-8 letter such as the "ü" of "Zürich").
bool IsWordChar(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || u >= 0x80;
}

// True when `phrase` occurs in `text` ignoring case and runs of spaces, not inside a word: an edge
// of the phrase that is a word character must meet a non-word character (or the end) in `text`.
bool ContainsPhrase(std::string_view text, std::string_view phrase) {
  const std::string hay = Lower(CollapseSpaces(text));
  const std::string needle = Lower(CollapseSpaces(phrase));
  if (needle.empty()) return false;
  for (size_t at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + 1)) {
    const size_t end = at + needle.size();
    const bool starts = !IsWordChar(needle.front()) || at == 0 || !IsWordChar(hay[at - 1]);
    const bool ends = !IsWordChar(needle.back()) || end == hay.size() || !IsWordChar(hay[end]);
    if (starts && ends) return true;
  }
  return false;
}

std::string_view FieldValue(const Ask& ask, std::string_view field) {
  if (field == "role") return ask.role;
  if (field == "industry") return ask.facets.industry;
  if (field == "location") return ask.facets.location;
  if (field == "remote") return ask.facets.remote;
  if (field == "seniority") return ask.facets.seniority;
  return {};
}

bool Matches(const StrategyItem& item, std::string_view value) {
  if (item.field == "remote") return EqualsIgnoreCase(Trim(value), item.text);
  return ContainsPhrase(value, item.text);
}

bool LookInNote(std::string_view field) {
  return field == "role" || field == "industry" || field == "location";
}

struct Hit {
  DealBreakerHit hit;
  bool in_note = false;
};

std::optional<Hit> FindHit(const Strategy& s, const Ask& ask) {
  for (const StrategyItem& item : s.deal_breakers) {
    const bool in_value = Matches(item, FieldValue(ask, item.field));
    const bool in_note = !in_value && LookInNote(item.field) && ContainsPhrase(ask.note, item.text);
    if (!in_value && !in_note) continue;
    std::string message = fmt::format("On {} you ruled out {}", item.since.ToIso(), Describe(item));
    if (in_note) message += " (the ask's note mentions it)";
    return Hit{DealBreakerHit{item, std::move(message)}, in_note};
  }
  if (s.salary_floor && ask.facets.salary && *ask.facets.salary < *s.salary_floor) {
    const Date since = s.salary_floor_since.value_or(Date());
    StrategyItem item{"salary", std::to_string(*s.salary_floor), since};
    return Hit{
        DealBreakerHit{item, fmt::format("On {} you set a salary floor of {}; this role pays {}",
                                         since.ToIso(), *s.salary_floor, *ask.facets.salary)}};
  }
  return std::nullopt;
}

// --- edits ---------------------------------------------------------------------------------------

std::string Listing(const std::vector<StrategyItem>& items, std::string_view label) {
  std::vector<std::string> parts;
  parts.reserve(items.size());
  for (const StrategyItem& i : items) parts.push_back(fmt::format("{} ({})", Describe(i), label));
  return fmt::format("{}", fmt::join(parts, ", "));
}

Error NothingToDrop(const Strategy& s, std::string_view field, std::string_view text) {
  std::string message =
      fmt::format("nothing to drop: no {} '{}' in your focus or deal-breakers", field, text);
  // Did-you-mean among the texts of the same field: "data enginer" for "data engineer".
  std::vector<std::string_view> same_field;
  for (const auto* list : {&s.focus, &s.deal_breakers}) {
    for (const StrategyItem& i : *list) {
      if (i.field == field) same_field.push_back(i.text);
    }
  }
  const std::string_view guess = ClosestMatch(text, std::span<const std::string_view>(same_field));
  if (!guess.empty()) message += fmt::format(" (did you mean '{}'?)", guess);
  if (s.focus.empty() && s.deal_breakers.empty()) return Error{message + "; both are empty"};
  std::string there = Listing(s.focus, "focus");
  const std::string ruled_out = Listing(s.deal_breakers, "ruled out");
  if (!there.empty() && !ruled_out.empty()) there += ", ";
  return Error{message + "; there are: " + there + ruled_out};
}

Status AddItem(std::vector<StrategyItem>& to, const std::vector<StrategyItem>& other,
               const std::pair<std::string, std::string>& in, Date on, bool as_focus) {
  Result<std::pair<std::string, std::string>> item = CheckItem(in);
  if (!item.ok()) return item.status();
  const std::string& field = item->first;  // not a structured binding: lambdas capture these
  const std::string& text = item->second;
  const auto clash = std::find_if(other.begin(), other.end(),
                                  [&](const StrategyItem& i) { return Same(i, field, text); });
  if (clash != other.end()) {
    return Error{
        fmt::format("{} '{}' is already {} {}); it cannot also be {}: remove it there first", field,
                    clash->text, as_focus ? "a deal-breaker (ruled out on" : "in your focus (since",
                    clash->since.ToIso(), as_focus ? "a focus" : "a deal-breaker"),
        ErrorCode::kInvalid, "", "",
        fmt::format("keel strategy drop --{} \"{}\"", field, clash->text)};
  }
  if (Find(to, field, text) == to.end()) to.push_back(StrategyItem{field, text, on});
  return {};
}

Status ApplySalary(Strategy& s, const StrategyEdit& edit, Date on) {
  if (edit.salary_floor && edit.clear_salary_floor) {
    return Error{"give a salary floor or clear it, not both"};
  }
  if (edit.clear_salary_floor) {
    if (!s.salary_floor) return Error{"there is no salary floor to clear"};
    s.salary_floor.reset();
    s.salary_floor_since.reset();
  }
  if (edit.salary_floor) {
    if (*edit.salary_floor <= 0) {
      return Error{fmt::format(
          "salary floor {} must be above 0: give the lowest yearly pay you would take, like 90000",
          *edit.salary_floor)};
    }
    if (s.salary_floor != edit.salary_floor) {
      s.salary_floor = edit.salary_floor;
      s.salary_floor_since = on;
    }
  }
  return {};
}

Status ApplyPhase(Strategy& s, std::string_view wanted, Date on) {
  Result<std::string> phase = CheckName("phase", wanted, kPhaseNames);
  if (!phase.ok()) return phase.status();
  const PhaseStart* current = s.current_phase();
  if (current != nullptr && current->phase == *phase) return {};
  if (current != nullptr && on < current->began) {
    return Error{fmt::format("phase '{}' on {} would come before the current phase '{}' began "
                             "({}); give a date of {} or later",
                             *phase, on.ToIso(), current->phase, current->began.ToIso(),
                             current->began.ToIso()),
                 ErrorCode::kInvalid, "on", "a date of"};
  }
  s.phases.push_back(PhaseStart{*phase, on});
  return {};
}

// At most `n` bytes of `text`, cut at a space or at least not inside a UTF-8 character.
std::string Shorten(std::string_view text, size_t n) {
  if (text.size() <= n) return std::string(text);
  size_t cut = n;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  const size_t space = text.rfind(' ', cut);
  if (space != std::string_view::npos && space > n / 2) cut = space;
  return std::string(Trim(text.substr(0, cut))) + "...";
}

std::string Pairs(const std::vector<std::pair<std::string, std::string>>& items) {
  std::vector<std::string> parts;
  parts.reserve(items.size());
  for (const auto& [field, text] : items) {
    parts.push_back(fmt::format("{} '{}'", Lower(Trim(field)), Trim(text)));
  }
  return fmt::format("{}", fmt::join(parts, ", "));
}

// --- JSON ----------------------------------------------------------------------------------------

Error DocError(const std::string& what) { return Error{"strategy document: " + what}; }

Status CheckKeys(const Json& j, const std::string& where, std::span<const std::string_view> keys) {
  if (!j.is_object()) return DocError(where + " is not an object");
  for (const auto& [key, value] : j.items()) {
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
      return DocError(fmt::format("unknown key '{}' in {}", key, where));
    }
  }
  return {};
}

Result<std::string> ReadText(const Json& j, const std::string& where, const char* key) {
  const std::string path = fmt::format("{}.{}", where, key);
  if (!j.contains(key)) return DocError(path + " is missing");
  if (!j[key].is_string()) return DocError(path + " is not a string");
  const auto text = j[key].get<std::string>();
  if (Trim(text).empty()) return DocError(path + " is empty");
  return text;
}

Result<Date> ReadDate(const Json& j, const std::string& where, const char* key) {
  const std::string path = fmt::format("{}.{}", where, key);
  if (!j.contains(key)) return DocError(path + " is missing");
  if (!j[key].is_string()) return DocError(path + " is not a date string");
  const std::optional<Date> date = ParseIsoDate(j[key].get<std::string>());
  if (!date) {
    return DocError(
        fmt::format("{} '{}' is not a date (YYYY-MM-DD)", path, j[key].get<std::string>()));
  }
  return *date;
}

Result<std::vector<StrategyItem>> ReadItems(const Json& doc, const char* key) {
  std::vector<StrategyItem> items;
  if (!doc.contains(key) || doc[key].is_null()) return items;
  if (!doc[key].is_array()) return DocError(fmt::format("{} is not a list", key));
  for (size_t n = 0; n < doc[key].size(); ++n) {
    const Json& j = doc[key][n];
    const std::string where = fmt::format("{}[{}]", key, n);
    static constexpr std::array<std::string_view, 3> kKeys = {"field", "text", "since"};
    KEEL_RETURN_IF_ERROR(CheckKeys(j, where, kKeys));
    Result<std::string> field = ReadText(j, where, "field");
    if (!field.ok()) return field.status();
    if (!IsName(*field, kStrategyFields)) {
      return DocError(fmt::format("{}.field '{}' is not a field (one of: {})", where, *field,
                                  fmt::join(kStrategyFields, ", ")));
    }
    Result<std::string> text = ReadText(j, where, "text");
    if (!text.ok()) return text.status();
    if (*field == "remote" && !IsName(*text, kRemoteNames)) {
      return DocError(fmt::format("{}.text '{}' is not one of: {}", where, *text,
                                  fmt::join(kRemoteNames, ", ")));
    }
    Result<Date> since = ReadDate(j, where, "since");
    if (!since.ok()) return since.status();
    if (Find(items, *field, *text) != items.end()) {
      return DocError(fmt::format("{} repeats {} '{}'", where, *field, *text));
    }
    items.push_back(StrategyItem{*field, *text, *since});
  }
  return items;
}

Status ReadStories(const Json& doc, Strategy& s) {
  if (!doc.contains("stories") || doc["stories"].is_null()) return {};
  if (!doc["stories"].is_array()) return DocError("stories is not a list");
  for (size_t n = 0; n < doc["stories"].size(); ++n) {
    const Json& j = doc["stories"][n];
    const std::string where = fmt::format("stories[{}]", n);
    static constexpr std::array<std::string_view, 2> kKeys = {"text", "since"};
    KEEL_RETURN_IF_ERROR(CheckKeys(j, where, kKeys));
    Result<std::string> text = ReadText(j, where, "text");
    if (!text.ok()) return text.status();
    Result<Date> since = ReadDate(j, where, "since");
    if (!since.ok()) return since.status();
    s.stories.push_back(Story{*text, *since});
  }
  return {};
}

Status ReadPhases(const Json& doc, Strategy& s) {
  if (!doc.contains("phases") || doc["phases"].is_null()) return {};
  if (!doc["phases"].is_array()) return DocError("phases is not a list");
  for (size_t n = 0; n < doc["phases"].size(); ++n) {
    const Json& j = doc["phases"][n];
    const std::string where = fmt::format("phases[{}]", n);
    static constexpr std::array<std::string_view, 2> kKeys = {"phase", "began"};
    KEEL_RETURN_IF_ERROR(CheckKeys(j, where, kKeys));
    Result<std::string> phase = ReadText(j, where, "phase");
    if (!phase.ok()) return phase.status();
    if (!IsName(*phase, kPhaseNames)) {
      return DocError(fmt::format("{}.phase '{}' is not a phase (one of: {})", where, *phase,
                                  fmt::join(kPhaseNames, ", ")));
    }
    Result<Date> began = ReadDate(j, where, "began");
    if (!began.ok()) return began.status();
    if (const PhaseStart* last = s.current_phase()) {
      if (last->phase == *phase) return DocError(where + " repeats the phase before it");
      if (*began < last->began) return DocError(where + " began before the phase before it");
    }
    s.phases.push_back(PhaseStart{*phase, *began});
  }
  return {};
}

Status ReadSalary(const Json& doc, Strategy& s) {
  const bool has_floor = doc.contains("salary_floor") && !doc["salary_floor"].is_null();
  const bool has_since = doc.contains("salary_floor_since") && !doc["salary_floor_since"].is_null();
  if (has_floor != has_since) {
    return DocError("salary_floor and salary_floor_since must be both set or both null");
  }
  if (!has_floor) return {};
  const Json& floor = doc["salary_floor"];
  if (!floor.is_number_integer() ||
      (floor.is_number_unsigned() &&
       floor.get<uint64_t>() > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) ||
      floor.get<int64_t>() <= 0) {
    return DocError(fmt::format("salary_floor {} is not a whole number above 0", floor.dump()));
  }
  Result<Date> since = ReadDate(doc, "document", "salary_floor_since");
  if (!since.ok()) return since.status();
  s.salary_floor = floor.get<int64_t>();
  s.salary_floor_since = *since;
  return {};
}

Json ItemsJson(const std::vector<StrategyItem>& items) {
  Json out = Json::array();
  for (const StrategyItem& i : items) {
    out.push_back(Json{{"field", i.field}, {"text", i.text}, {"since", i.since.ToIso()}});
  }
  return out;
}

}  // namespace

// --- public --------------------------------------------------------------------------------------

Json StrategyJson(const Strategy& s) {
  Json j;
  j["format"] = 1;
  j["focus"] = ItemsJson(s.focus);
  j["deal_breakers"] = ItemsJson(s.deal_breakers);
  j["salary_floor"] = s.salary_floor ? Json(*s.salary_floor) : Json(nullptr);
  j["salary_floor_since"] = DateJson(s.salary_floor_since);
  j["brand"] = s.brand;
  j["stories"] = Json::array();
  for (const Story& story : s.stories) {
    j["stories"].push_back(Json{{"text", story.text}, {"since", story.since.ToIso()}});
  }
  j["phases"] = Json::array();
  for (const PhaseStart& p : s.phases) {
    j["phases"].push_back(Json{{"phase", p.phase}, {"began", p.began.ToIso()}});
  }
  return j;
}

Result<Strategy> StrategyFromJson(std::string_view json_text) {
  const Json doc = Json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return DocError("not valid JSON");
  static constexpr std::array<std::string_view, 8> kKeys = {
      "format", "focus",   "deal_breakers", "salary_floor", "salary_floor_since",
      "brand",  "stories", "phases"};
  KEEL_RETURN_IF_ERROR(CheckKeys(doc, "the document", kKeys));
  if (doc.contains("format") && doc["format"] != 1) {
    return DocError(fmt::format("format {} is not one this keel reads (1)", doc["format"].dump()));
  }
  Strategy s;
  Result<std::vector<StrategyItem>> focus = ReadItems(doc, "focus");
  if (!focus.ok()) return focus.status();
  Result<std::vector<StrategyItem>> deal_breakers = ReadItems(doc, "deal_breakers");
  if (!deal_breakers.ok()) return deal_breakers.status();
  s.focus = std::move(focus).value();
  s.deal_breakers = std::move(deal_breakers).value();
  for (const StrategyItem& i : s.deal_breakers) {
    if (Find(s.focus, i.field, i.text) != s.focus.end()) {
      return DocError(fmt::format("{} is both a focus item and a deal-breaker", Describe(i)));
    }
  }
  KEEL_RETURN_IF_ERROR(ReadSalary(doc, s));
  if (doc.contains("brand") && !doc["brand"].is_null()) {
    if (!doc["brand"].is_string()) return DocError("brand is not a string");
    s.brand = doc["brand"].get<std::string>();
  }
  KEEL_RETURN_IF_ERROR(ReadStories(doc, s));
  KEEL_RETURN_IF_ERROR(ReadPhases(doc, s));
  return s;
}

Result<Strategy> ApplyEdit(Strategy s, const StrategyEdit& edit, Date on) {
  for (const auto& wanted : edit.remove) {
    Result<std::pair<std::string, std::string>> item = CheckItem(wanted);
    if (!item.ok()) return item.status();
    const auto& [field, text] = *item;
    const auto in_focus = Find(s.focus, field, text);
    const auto in_breakers = Find(s.deal_breakers, field, text);
    if (in_focus == s.focus.end() && in_breakers == s.deal_breakers.end()) {
      return NothingToDrop(s, field, text);
    }
    if (in_focus != s.focus.end()) s.focus.erase(in_focus);
    if (in_breakers != s.deal_breakers.end()) s.deal_breakers.erase(in_breakers);
  }
  for (const auto& item : edit.add_focus) {
    KEEL_RETURN_IF_ERROR(AddItem(s.focus, s.deal_breakers, item, on, /*as_focus=*/true));
  }
  for (const auto& item : edit.add_deal_breakers) {
    KEEL_RETURN_IF_ERROR(AddItem(s.deal_breakers, s.focus, item, on, /*as_focus=*/false));
  }
  KEEL_RETURN_IF_ERROR(ApplySalary(s, edit, on));
  if (edit.brand) s.brand = std::string(Trim(*edit.brand));
  for (const std::string& wanted : edit.add_stories) {
    const std::string text(Trim(wanted));
    if (text.empty()) {
      return Error{
          "empty story: tell it in a sentence, like \"cut the monthly report from 3 days to 2 "
          "hours\"",
          ErrorCode::kInvalid, "text"};
    }
    const bool known = std::any_of(s.stories.begin(), s.stories.end(), [&](const Story& st) {
      return EqualsIgnoreCase(st.text, text);
    });
    if (!known) s.stories.push_back(Story{text, on});
  }
  if (edit.phase) KEEL_RETURN_IF_ERROR(ApplyPhase(s, *edit.phase, on));
  return s;
}

std::string DescribeEdit(const StrategyEdit& edit) {
  std::vector<std::string> parts;
  if (!edit.remove.empty()) parts.push_back("drop " + Pairs(edit.remove));
  if (!edit.add_focus.empty()) parts.push_back("focus on " + Pairs(edit.add_focus));
  if (!edit.add_deal_breakers.empty()) parts.push_back("rule out " + Pairs(edit.add_deal_breakers));
  if (edit.salary_floor) parts.push_back(fmt::format("salary floor {}", *edit.salary_floor));
  if (edit.clear_salary_floor) parts.emplace_back("no salary floor");
  if (edit.brand) {
    const std::string_view brand = Trim(*edit.brand);
    parts.push_back(brand.empty() ? std::string("clear the brand")
                                  : fmt::format("brand '{}'", Shorten(brand, 40)));
  }
  if (edit.add_stories.size() == 1) {
    parts.push_back(fmt::format("story '{}'", Shorten(Trim(edit.add_stories[0]), 40)));
  } else if (!edit.add_stories.empty()) {
    parts.push_back(fmt::format("{} stories", edit.add_stories.size()));
  }
  if (edit.phase) parts.push_back(fmt::format("phase {}", Lower(Trim(*edit.phase))));
  if (parts.empty()) return "strategy: no change";
  return fmt::format("strategy: {}", fmt::join(parts, "; "));
}

std::optional<DealBreakerHit> FindDealBreaker(const Strategy& strategy, const Ask& ask) {
  std::optional<Hit> hit = FindHit(strategy, ask);
  if (!hit) return std::nullopt;
  return std::move(hit->hit);
}

std::optional<std::string> OffFocusReason(const Strategy& strategy, const Ask& ask) {
  if (std::optional<Hit> hit = FindHit(strategy, ask)) {
    const StrategyItem& item = hit->hit.item;
    if (item.field == "salary") {
      return fmt::format("pays {}, below the salary floor of {} you set on {}",
                         ask.facets.salary.value_or(0), item.text, item.since.ToIso());
    }
    return fmt::format("{} (ruled out on {}{})", Describe(item), item.since.ToIso(),
                       hit->in_note ? ", named in the note" : "");
  }
  for (std::string_view field : kStrategyFields) {
    const std::string_view value = Trim(FieldValue(ask, field));
    if (value.empty()) continue;
    std::vector<std::string> wanted;
    bool matched = false;
    for (const StrategyItem& item : strategy.focus) {
      if (item.field != field) continue;
      wanted.push_back(fmt::format("'{}'", item.text));
      matched = matched || Matches(item, value);
    }
    if (!wanted.empty() && !matched) {
      return fmt::format("{} '{}' is outside your focus ({})", field, value,
                         fmt::join(wanted, ", "));
    }
  }
  return std::nullopt;
}

bool IsOffFocus(const Strategy& strategy, const Ask& ask) {
  return OffFocusReason(strategy, ask).has_value();
}

bool CanJudgeFocus(const Strategy& strategy, const Ask& ask) {
  if (FindHit(strategy, ask)) return true;
  return std::any_of(strategy.focus.begin(), strategy.focus.end(), [&](const StrategyItem& i) {
    return !Trim(FieldValue(ask, i.field)).empty();
  });
}

std::vector<std::string> StrategyLines(const Strategy& s) {
  const std::string set_focus = "keel strategy focus --role \"data engineer\"";
  if (s.empty()) return {"no strategy yet; set it while calm: " + set_focus};
  std::vector<std::string> lines;
  if (s.focus.empty()) {
    lines.push_back("focus: none yet; set it while calm: " + set_focus);
  } else {
    lines.emplace_back("focus:");
    for (std::string_view field : kStrategyFields) {
      std::vector<std::string> texts;
      for (const StrategyItem& i : s.focus) {
        if (i.field == field)
          texts.push_back(fmt::format("'{}' (since {})", i.text, i.since.ToIso()));
      }
      if (!texts.empty()) lines.push_back(fmt::format("  {}: {}", field, fmt::join(texts, ", ")));
    }
  }
  if (s.deal_breakers.empty()) {
    lines.emplace_back("deal-breakers: none (keel strategy rule-out --location relocation)");
  } else {
    lines.emplace_back("deal-breakers:");
    for (const StrategyItem& i : s.deal_breakers) {
      lines.push_back(fmt::format("  {}, ruled out on {}", Describe(i), i.since.ToIso()));
    }
  }
  if (s.salary_floor) {
    lines.push_back(fmt::format("salary floor: {} (since {})", *s.salary_floor,
                                s.salary_floor_since.value_or(Date()).ToIso()));
  }
  if (!s.brand.empty()) lines.push_back(fmt::format("brand: \"{}\"", s.brand));
  if (!s.stories.empty()) {
    lines.push_back(fmt::format("stories ({}):", s.stories.size()));
    for (const Story& st : s.stories)
      lines.push_back(fmt::format("  {}  {}", st.since.ToIso(), st.text));
  }
  if (const PhaseStart* phase = s.current_phase()) {
    lines.push_back(fmt::format("phase: {}, since {}", phase->phase, phase->began.ToIso()));
    if (s.phases.size() > 1) {
      std::vector<std::string> steps;
      for (const PhaseStart& p : s.phases) {
        steps.push_back(fmt::format("{} {}", p.phase, p.began.ToIso()));
      }
      lines.push_back(fmt::format("  history: {}", fmt::join(steps, ", ")));
    }
  } else {
    lines.push_back(fmt::format("phase: not set (keel strategy phase NAME; one of: {})",
                                fmt::join(kPhaseNames, ", ")));
  }
  return lines;
}

}  // namespace keel
