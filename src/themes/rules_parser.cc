// Why a line format rather than JSON or YAML: the rules are read and extended by people who want
// to teach keel one phrase ("hiring-freeze: budget got cut"), so a rule is one line that reads
// like the table in PRODUCT.md, and a mistake is reported with its file, line and the fix, in the
// spirit of ninja's "input:1: expected '='".
//
// Phrase words go through the same Stemmer as the texts, so a rule may be written in any
// inflection ("froze", "freezing") and with contractions ("didn't"). A word that the reading
// splits ("take-home", "didn't") becomes consecutive steps; inside an `a|b` alternative that
// would be ambiguous, so it is an error there.
#include "themes/rules_parser.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <span>
#include <utility>

#include "core/text.h"

namespace keel {
namespace {

constexpr int kDefaultGap = 3;
constexpr int kMaxGap = 9;
constexpr int kMaxWeight = 9;

struct Directive {
  std::string_view name;
  RuleKind kind;
};
constexpr std::array<Directive, 8> kDirectives = {{
    {"none", RuleKind::kNone},
    {"praise", RuleKind::kPraise},
    {"courtesy", RuleKind::kCourtesy},
    {"negation", RuleKind::kNegation},
    {"negation-after", RuleKind::kNegationAfter},
    {"scope-end", RuleKind::kScopeEnd},
    {"contrast", RuleKind::kContrast},
    {"generic", RuleKind::kGeneric},
}};
constexpr std::array<std::string_view, 7> kDirectiveNames = {
    "negation", "negation-after", "scope-end", "contrast", "none", "courtesy", "praise"};

// Splits on runs of ASCII whitespace.
std::vector<std::string_view> SplitSpaces(std::string_view text) {
  std::vector<std::string_view> parts;
  size_t pos = 0;
  while (pos < text.size()) {
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t')) ++pos;
    const size_t start = pos;
    while (pos < text.size() && text[pos] != ' ' && text[pos] != '\t') ++pos;
    if (pos > start) parts.push_back(text.substr(start, pos - start));
  }
  return parts;
}

// A small whole number from `low` to `high`, or -1.
int SmallNumber(std::string_view text, int low, int high) {
  if (text.empty() || text.size() > 2) return -1;
  int value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return -1;
    value = value * 10 + (c - '0');
  }
  return value >= low && value <= high ? value : -1;
}

// Resolves the name before the colon. ParseTheme's message is used as it is when it has a
// suggestion; names typed as the first part of a theme ("intervew", "freeze") get one here.
Result<Rule> ParseName(std::string_view name) {
  Rule rule;
  for (const Directive& d : kDirectives) {
    if (name == d.name) {
      rule.kind = d.kind;
      if (d.kind == RuleKind::kNone) rule.theme = Theme::kNone;
      return rule;
    }
  }
  Result<Theme> theme = ParseTheme(name);
  if (theme.ok()) {
    rule.theme = *theme;
    return rule;
  }
  if (theme.message().find("did you mean") != std::string::npos) return Error{theme.message()};
  const std::string_view directive = ClosestMatch(name, kDirectiveNames);
  if (!directive.empty()) {
    return Error{fmt::format("unknown theme '{}'; did you mean '{}'?", name, directive)};
  }
  const std::string wanted = Lower(name);
  for (const std::string_view candidate : kThemeNames) {
    const std::string_view head = candidate.substr(0, candidate.find('-'));
    const std::string_view tail = candidate.substr(candidate.find('-') + 1);
    const std::array<std::string_view, 2> parts = {head, tail};
    if (!ClosestMatch(wanted, parts).empty()) {
      return Error{fmt::format("unknown theme '{}'; did you mean '{}'? (one of: {})", name,
                               candidate, fmt::join(kThemeNames, ", "))};
    }
  }
  return Error{fmt::format(
      "{}, or a directive: none, courtesy, negation, praise, negation-after, scope-end, "
      "contrast",
      theme.message())};
}

// Parses the words after the colon into steps. Errors are the problem and fix, without location.
Result<std::vector<PhraseStep>> ParsePhrase(std::string_view phrase, Stemmer& stemmer) {
  std::vector<PhraseStep> steps;
  int pending_gap = 0;
  bool gap_pending = false;
  for (const std::string_view piece : SplitSpaces(phrase)) {
    if (piece[0] == '~') {
      const int gap = piece.size() == 1 ? kDefaultGap : SmallNumber(piece.substr(1), 1, kMaxGap);
      if (gap < 0) {
        return Error{
            fmt::format("bad gap '{}'; write '~' (up to {} words) or '~N' with N from 1 "
                        "to {}",
                        piece, kDefaultGap, kMaxGap)};
      }
      if (steps.empty() || gap_pending) {
        return Error{
            fmt::format("a '{}' gap goes between two words, as in 'lack ~ experience'", piece)};
      }
      pending_gap = gap;
      gap_pending = true;
      continue;
    }
    if (piece == "#") {
      PhraseStep step;
      step.any_number = true;
      step.gap_before = pending_gap;
      steps.push_back(std::move(step));
      pending_gap = 0;
      gap_pending = false;
      continue;
    }
    const bool has_alternatives = piece.find('|') != std::string_view::npos;
    std::vector<std::vector<Word>> alternatives;
    size_t start = 0;
    while (start <= piece.size()) {
      const size_t bar = std::min(piece.find('|', start), piece.size());
      const std::string_view alternative = piece.substr(start, bar - start);
      std::vector<Word> words = stemmer.Words(alternative);
      if (words.empty()) {
        return Error{fmt::format("'{}' has no letters or digits to match; write a word there",
                                 alternative.empty() ? piece : alternative)};
      }
      if (has_alternatives && words.size() > 1) {
        return Error{
            fmt::format("'{}' reads as {} words; each word of 'a|b' must be one word "
                        "(write a separate rule for the longer phrase)",
                        alternative, words.size())};
      }
      alternatives.push_back(std::move(words));
      start = bar + 1;
    }
    if (!has_alternatives) {
      // One written word may read as several ("didn't" -> "did not"): consecutive steps.
      for (size_t i = 0; i < alternatives[0].size(); ++i) {
        PhraseStep step;
        step.stems.push_back(std::move(alternatives[0][i].stem));
        step.gap_before = i == 0 ? pending_gap : 0;
        steps.push_back(std::move(step));
      }
    } else {
      PhraseStep step;
      for (std::vector<Word>& words : alternatives) step.stems.push_back(std::move(words[0].stem));
      step.gap_before = pending_gap;
      steps.push_back(std::move(step));
    }
    pending_gap = 0;
    gap_pending = false;
  }
  if (steps.empty()) return Error{"no words to match; write a phrase after the colon"};
  if (gap_pending) {
    return Error{
        "the phrase ends with a gap; a '~' goes between two words, as in "
        "'lack ~ experience'"};
  }
  return steps;
}

// One non-blank, non-comment line. Errors are without location.
Result<Rule> ParseLine(std::string_view line, Stemmer& stemmer) {
  const size_t colon = line.find(':');
  if (colon == std::string_view::npos) {
    return Error{"expected 'theme: phrase', as in 'hiring-freeze: budget cut'"};
  }
  const std::vector<std::string_view> head = SplitSpaces(line.substr(0, colon));
  if (head.empty() || head.size() > 2) {
    return Error{
        "expected 'theme: phrase' or 'theme weight: phrase', as in 'hiring-freeze 2: "
        "budget cut'"};
  }
  Result<Rule> rule = ParseName(head[0]);
  if (!rule.ok()) return rule;
  if (head.size() == 2) {
    // `none` (not a rejection) competes with the themes on weight; the other directives do not.
    if ((rule->kind != RuleKind::kTheme && rule->kind != RuleKind::kNone) ||
        (rule->kind == RuleKind::kTheme && rule->theme == Theme::kGeneric)) {
      return Error{fmt::format("'{}' takes no weight; write '{}: phrase'", head[0], head[0])};
    }
    rule->weight = SmallNumber(head[1], 1, kMaxWeight);
    if (rule->weight < 0) {
      return Error{
          fmt::format("weight '{}' must be a whole number from 1 to {}, as in "
                      "'hiring-freeze 2: budget cut'",
                      head[1], kMaxWeight)};
    }
  }
  if (rule->kind == RuleKind::kTheme && rule->theme == Theme::kGeneric) {
    rule->kind = RuleKind::kGeneric;
  }
  Result<std::vector<PhraseStep>> phrase = ParsePhrase(line.substr(colon + 1), stemmer);
  if (!phrase.ok()) return Error{phrase.message()};
  rule->phrase = std::move(phrase).value();
  return rule;
}

}  // namespace

Result<std::vector<Rule>> ParseRules(std::string_view text, std::string_view origin,
                                     Stemmer& stemmer) {
  std::vector<Rule> rules;
  size_t line_number = 0;
  size_t start = 0;
  while (start < text.size()) {
    const size_t newline = std::min(text.find('\n', start), text.size());
    const std::string_view line = Trim(text.substr(start, newline - start));
    start = newline + 1;
    ++line_number;
    if (line.empty() || line[0] == '#') continue;
    Result<Rule> rule = ParseLine(line, stemmer);
    if (!rule.ok()) return Error{fmt::format("{}:{}: {}", origin, line_number, rule.message())};
    rule->where = fmt::format("{}:{}", origin, line_number);
    rules.push_back(std::move(rule).value());
  }
  return rules;
}

}  // namespace keel
