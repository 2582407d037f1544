// How a text becomes a theme, and why it is done this way:
//
// 1. The text is read into stemmed words (Stemmer), the same reading the rules' phrases got when
//    they were parsed, so matching is comparing short strings; no regexes, no model, no network:
//    the same text always gets the same theme, on any machine, in microseconds.
// 2. `generic` phrases (form-letter wording) and `courtesy` phrases ("thank you for your time")
//    are found first and claim their words. A form letter is full of words that look like signals
//    ("other candidates whose qualifications more closely match") and of negations that negate
//    nothing ("we decided not to move forward"); claiming them keeps both from misleading the rest.
//    Then `none` phrases (a yes: "we'd like to invite you to a phone screen", "Sam passed your
//    resume along") claim theirs, so the "phone screen" of an invitation is not read as
//    interview-performance. A `none` phrase can be negated like an about-you one ("we won't be
//    inviting you to an interview"); a negated one claims no words, so "you never sent over the
//    resume" leaves "never sent" to follow-through.
// 3. Every theme phrase found outside the claimed words is a candidate. An about-you candidate is
//    negated when a `negation` phrase ends at most kNegationReach words before it (or a
//    `negation-after` starts as close after it), in the same clause, with no `scope-end` word in
//    between. This is NegEx's idea in its simplest form, enough for the reassurances that come
//    with rejections: "it was not about your experience", "nothing to do with your interview".
//    Circumstantial themes are not negated: there the negation is the news ("no budget").
// 4. Candidates take their words greedily: un-negated first, then by weight, then longer, then
//    earlier, then rule order. A word serves one phrase only, so "hiring freeze" is not also
//    counted as "freeze", and a negated phrase still holds its words (they are spoken for).
// 5. A theme scores the sum of its un-negated phrases' weights. The primary theme has the highest
//    score; ties go to the theme cited first in the text, then to the theme table's order. With
//    no score at all the text says nothing about anyone: `generic`.
// 6. The text is no rejection at all (Theme::kNone) when its un-negated `none` phrases weigh at
//    least as much as the best theme and no `generic` (rejection) wording was found: "Thanks for
//    your time! We'd like to invite you to the final round" is a yes; "we're moving forward with
//    other candidates, but happy to chat" is a no. A yes phrase followed by a `contrast` word
//    ("but", "however") with a cited theme after it counts nothing: kind words before the real
//    reason ("I'd love to help, but I'm not sure what to ask for") are no yes.
#include "themes/classifier.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <system_error>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "core/text.h"
#include "themes/model.h"
#include "themes/rules_parser.h"
#include "themes/stemmer.h"

namespace keel {
namespace {

constexpr std::string_view kBuiltInRules =
#include "keel/theme_rules.inc"
    ;

// How many words may separate a negation from the phrase it cancels. Four covers "not about your
// experience" and "nothing to do with your interview" (the cue there is a phrase); more starts
// cancelling the next thought.
constexpr size_t kNegationReach = 4;

// How sure the model must be (its softmax probability) to overrule the rules. Chosen on the dev
// set only, by scripts/themes/train.py (the time split: texts of a writer the rules had not seen).
constexpr double kModelConfidence = 0.4;

constexpr size_t kThemeCount = kThemeNames.size();

// Stems are compared as small integers: each stem a rule mentions gets an id when the rules are
// loaded, and a text's words are looked up once.
constexpr uint32_t kUnknownStem = std::numeric_limits<uint32_t>::max();

struct Step {
  std::vector<uint32_t> stems;  // ids of the alternatives
  bool any_number = false;
  size_t gap_before = 0;
};

struct CompiledRule {
  RuleKind kind = RuleKind::kTheme;
  Theme theme = Theme::kGeneric;
  int weight = 1;
  std::vector<Step> phrase;
};

// A text word as the matcher needs it.
struct Token {
  uint32_t stem = kUnknownStem;
  int clause = 0;
  bool is_number = false;
};

// A phrase found in the text: words [begin, end).
struct Match {
  uint32_t rule = 0;
  size_t begin = 0;
  size_t end = 0;
  bool negated = false;
};

bool Accepts(const Step& step, const Token& token) {
  if (step.any_number) return token.is_number;
  return std::find(step.stems.begin(), step.stems.end(), token.stem) != step.stems.end();
}

// The end of a match of phrase[k..] whose previous step ended just before `from`, or 0 when there
// is none. Earliest positions are tried first, so the match found is the shortest from its start.
size_t MatchRest(const std::vector<Step>& phrase, size_t k, const std::vector<Token>& tokens,
                 size_t from, int clause) {
  if (k == phrase.size()) return from;
  const size_t last = std::min(tokens.size(), from + phrase[k].gap_before + 1);
  for (size_t j = from; j < last && tokens[j].clause == clause; ++j) {
    if (!Accepts(phrase[k], tokens[j])) continue;
    if (const size_t end = MatchRest(phrase, k + 1, tokens, j + 1, clause); end != 0) return end;
  }
  return 0;
}

bool Overlaps(const std::vector<bool>& used, const Match& m) {
  return std::any_of(used.begin() + static_cast<std::ptrdiff_t>(m.begin),
                     used.begin() + static_cast<std::ptrdiff_t>(m.end), [](bool b) { return b; });
}

void Claim(std::vector<bool>& used, const Match& m) {
  std::fill(used.begin() + static_cast<std::ptrdiff_t>(m.begin),
            used.begin() + static_cast<std::ptrdiff_t>(m.end), true);
}

// True when a scope-end word lies in words [from, to).
bool ScopeEndsBetween(const std::vector<bool>& scope_end, size_t from, size_t to) {
  for (size_t i = from; i < to; ++i) {
    if (scope_end[i]) return true;
  }
  return false;
}

bool IsNegated(const Match& m, const std::vector<Match>& before, const std::vector<Match>& after,
               const std::vector<Token>& words, const std::vector<bool>& scope_end) {
  for (const Match& cue : before) {
    if (cue.end <= m.begin && m.begin - cue.end <= kNegationReach &&
        words[cue.end - 1].clause == words[m.begin].clause &&
        !ScopeEndsBetween(scope_end, cue.end, m.begin)) {
      return true;
    }
  }
  for (const Match& cue : after) {
    if (cue.begin >= m.end && cue.begin - m.end <= kNegationReach &&
        words[cue.begin].clause == words[m.end - 1].clause &&
        !ScopeEndsBetween(scope_end, m.end, cue.begin)) {
      return true;
    }
  }
  return false;
}

// The match as the person wrote it, widened to whole written words where the reading split one
// ("didn't" read as "did not").
std::string OriginalWords(std::string_view text, const std::vector<Word>& words, const Match& m) {
  size_t begin = m.begin;
  size_t end = m.end;
  while (begin > 0 && words[begin - 1].end == words[begin].begin) --begin;
  while (end < words.size() && words[end].begin == words[end - 1].end) ++end;
  return CollapseSpaces(text.substr(words[begin].begin, words[end - 1].end - words[begin].begin));
}

// The matches as the person wrote them, in text order, each distinct phrase once: a text that
// says "interview" a hundred times lists "interview" once (ASCII case and spaces ignored).
std::vector<std::string> WordsOf(std::string_view text, const std::vector<Word>& words,
                                 std::vector<Match> matches) {
  std::sort(matches.begin(), matches.end(),
            [](const Match& a, const Match& b) { return a.begin < b.begin; });
  std::vector<std::string> out;
  std::vector<std::string> keys;
  for (const Match& m : matches) {
    std::string written = OriginalWords(text, words, m);
    std::string key = Lower(written);
    if (std::find(keys.begin(), keys.end(), key) != keys.end()) continue;
    keys.push_back(std::move(key));
    out.push_back(std::move(written));
  }
  return out;
}

}  // namespace

struct ThemeClassifier::Rules {
  std::vector<CompiledRule> rules;  // built-in first, then the user's, in file order
  std::unordered_map<std::string, uint32_t> stem_ids;
  // Rule indices by the stem id their first step accepts, so a word only tries the rules that
  // can start at it; rules that start with a number are tried at every number.
  std::vector<std::vector<uint32_t>> by_first_stem;
  std::vector<uint32_t> number_led;

  uint32_t Intern(const std::string& stem) {
    const auto [it, added] = stem_ids.try_emplace(stem, static_cast<uint32_t>(stem_ids.size()));
    if (added) by_first_stem.emplace_back();
    return it->second;
  }

  void Add(const std::vector<Rule>& more) {
    for (const Rule& rule : more) {
      const auto index = static_cast<uint32_t>(rules.size());
      CompiledRule compiled{rule.kind, rule.theme, rule.weight, {}};
      for (const PhraseStep& step : rule.phrase) {
        Step& out = compiled.phrase.emplace_back();
        out.any_number = step.any_number;
        out.gap_before = static_cast<size_t>(step.gap_before);
        for (const std::string& stem : step.stems) out.stems.push_back(Intern(stem));
      }
      const Step& first = compiled.phrase.front();
      if (first.any_number) number_led.push_back(index);
      for (const uint32_t stem : first.stems) by_first_stem[stem].push_back(index);
      rules.push_back(std::move(compiled));
    }
  }

  std::vector<Token> Tokens(const std::vector<Word>& words) const {
    std::vector<Token> tokens;
    tokens.reserve(words.size());
    for (const Word& word : words) {
      const auto it = stem_ids.find(word.stem);
      tokens.push_back(
          {it == stem_ids.end() ? kUnknownStem : it->second, word.clause, word.is_number});
    }
    return tokens;
  }

  // Every match of every rule, each starting position once per rule.
  std::vector<Match> FindAll(const std::vector<Token>& tokens) const {
    std::vector<Match> found;
    const auto try_rule = [&](uint32_t index, size_t start) {
      const size_t end = MatchRest(rules[index].phrase, 1, tokens, start + 1, tokens[start].clause);
      if (end != 0) found.push_back({index, start, end, false});
    };
    for (size_t i = 0; i < tokens.size(); ++i) {
      if (tokens[i].stem != kUnknownStem) {
        for (const uint32_t index : by_first_stem[tokens[i].stem]) try_rule(index, i);
      }
      if (tokens[i].is_number) {
        for (const uint32_t index : number_led) try_rule(index, i);
      }
    }
    return found;
  }
};

ThemeClassifier::ThemeClassifier(std::unique_ptr<Rules> rules, bool rules_first)
    : own_rules_(std::move(rules)), rules_first_(rules_first) {}
ThemeClassifier::ThemeClassifier(ThemeClassifier&&) noexcept = default;
ThemeClassifier& ThemeClassifier::operator=(ThemeClassifier&&) noexcept = default;
ThemeClassifier::~ThemeClassifier() = default;

// Parsed on the first reason classified, not when a classifier is made: most commands print no
// reason's theme, and parsing the rules cost each of them about a millisecond.
const ThemeClassifier::Rules& ThemeClassifier::BuiltInRules() {
  static const Rules* const kBuiltIn = [] {
    Stemmer stemmer;
    Result<std::vector<Rule>> rules = ParseRules(kBuiltInRules, "themes.rules", stemmer);
    // The built-in rules are part of the program; a test parses them, so this is a bug.
    if (!rules.ok()) throw std::logic_error("built-in " + rules.message());
    auto* built = new Rules();  // never destroyed
    built->Add(*rules);
    return built;
  }();
  return *kBuiltIn;
}

const ThemeClassifier::Rules& ThemeClassifier::rules() const {
  return own_rules_ ? *own_rules_ : BuiltInRules();
}

const ThemeClassifier& ThemeClassifier::BuiltIn() {
  static const ThemeClassifier* const kBuiltIn =
      new ThemeClassifier(nullptr, /*rules_first=*/false);  // never destroyed
  return *kBuiltIn;
}

Result<ThemeClassifier> ThemeClassifier::WithExtraRules(std::string_view rules_text,
                                                        std::string_view origin) {
  Stemmer stemmer;
  Result<std::vector<Rule>> extra = ParseRules(rules_text, origin, stemmer);
  if (!extra.ok()) return Error{extra.message()};
  auto rules = std::make_unique<Rules>(BuiltInRules());
  rules->Add(*extra);
  const bool own_rules = !extra->empty();
  return ThemeClassifier(std::move(rules), /*rules_first=*/own_rules);
}

Result<ThemeClassifier> ThemeClassifier::ForUser() {
  std::filesystem::path dir;
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg != nullptr && *xdg != '\0') {
    dir = xdg;
  } else if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
    dir = std::filesystem::path(home) / ".config";
  }
  const std::filesystem::path path = dir / "keel" / "themes.rules";
  std::error_code error;
  if (dir.empty() || !std::filesystem::exists(path, error)) {
    return ThemeClassifier(nullptr, /*rules_first=*/false);  // the built-in rules
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in) {
    return Error{fmt::format("cannot read {}; check its permissions or remove it", path.string())};
  }
  return WithExtraRules(text.str(), path.string());
}

Classification ThemeClassifier::Classify(std::string_view text) const {
  Stemmer stemmer;  // cheaper to make than to share behind a lock
  const std::vector<Word> words = stemmer.Words(text);
  Classification rules = ByRules(text, words);
  if (rules_first_ && rules.theme != Theme::kGeneric) return rules;
  // The model decides when it is confident and names a reason or a yes; otherwise the rules do.
  // On texts by a writer neither had seen, this beat the rules alone and the rules-first order
  // (docs/themes.md, "The model"). The model never answers `generic`: saying "no reason given"
  // is left to the rules. When both agree, the rules' answer (with its words) stands.
  const ModelGuess guess = ThemeModel::BuiltIn().Predict(words);
  if (guess.theme == Theme::kGeneric || guess.probability < kModelConfidence ||
      guess.theme == rules.theme) {
    return rules;
  }
  Classification result;
  result.theme = guess.theme;
  result.about_you = IsAboutYou(guess.theme);
  result.themes = {guess.theme};
  if (guess.theme != Theme::kNone) {
    for (const Theme t : rules.themes) {
      if (t != guess.theme && t != Theme::kGeneric && t != Theme::kNone) result.themes.push_back(t);
    }
  }
  result.by_model = true;
  return result;
}

Classification ThemeClassifier::ClassifyByRules(std::string_view text) const {
  Stemmer stemmer;
  return ByRules(text, stemmer.Words(text));
}

Classification ThemeClassifier::ByRules(std::string_view text,
                                        const std::vector<Word>& words) const {
  const std::vector<Token> tokens = rules().Tokens(words);
  const std::vector<Match> found = rules().FindAll(tokens);
  const auto kind = [&](const Match& m) { return rules().rules[m.rule].kind; };

  std::vector<bool> claimed(words.size(), false);
  std::vector<bool> scope_end(words.size(), false);
  std::vector<size_t> contrasts;  // where each contrast word ("but", "however") starts
  bool rejection_wording = false;
  for (const Match& m : found) {
    if (kind(m) == RuleKind::kGeneric || kind(m) == RuleKind::kCourtesy) Claim(claimed, m);
    if (kind(m) == RuleKind::kGeneric) rejection_wording = true;
    if (kind(m) == RuleKind::kScopeEnd || kind(m) == RuleKind::kContrast) Claim(scope_end, m);
    if (kind(m) == RuleKind::kContrast) contrasts.push_back(m.begin);
  }
  std::vector<Match> before;  // negations
  std::vector<Match> praise;  // negations for the about-you themes only
  std::vector<Match> after;
  std::vector<Match> candidates;
  std::vector<Match> yes;
  for (const Match& m : found) {
    if (Overlaps(claimed, m)) continue;
    switch (kind(m)) {
      case RuleKind::kNegation:
        before.push_back(m);
        break;
      case RuleKind::kNegationAfter:
        after.push_back(m);
        break;
      case RuleKind::kPraise:
        praise.push_back(m);
        break;
      case RuleKind::kTheme:
        candidates.push_back(m);
        break;
      case RuleKind::kNone:
        yes.push_back(m);
        break;
      case RuleKind::kGeneric:
      case RuleKind::kCourtesy:
      case RuleKind::kScopeEnd:
      case RuleKind::kContrast:
        break;
    }
  }
  // The yes phrases take their words first (a negated one leaves them to the reason), heaviest
  // and longest first, like the theme phrases below.
  const auto rank = [&](const Match& m) {
    const CompiledRule& rule = rules().rules[m.rule];
    const auto length = static_cast<std::ptrdiff_t>(m.end - m.begin);
    return std::make_tuple(m.negated, -rule.weight, -length, m.begin, m.rule);
  };
  const auto by_rank = [&](const Match& a, const Match& b) { return rank(a) < rank(b); };
  for (Match& m : yes) m.negated = IsNegated(m, before, after, tokens, scope_end);
  std::sort(yes.begin(), yes.end(), by_rank);
  int yes_score = 0;
  std::vector<Match> yes_cited;
  for (const Match& m : yes) {
    if (m.negated || Overlaps(claimed, m)) continue;
    Claim(claimed, m);
    yes_score += rules().rules[m.rule].weight;
    yes_cited.push_back(m);
  }
  before.insert(before.end(), praise.begin(), praise.end());
  for (Match& m : candidates) {
    // Only the about-you themes are cancelled: for the circumstantial ones the negation is
    // usually the news itself ("we don't have the budget", "no openings", "not hiring").
    m.negated =
        IsAboutYou(rules().rules[m.rule].theme) && IsNegated(m, before, after, tokens, scope_end);
  }

  std::sort(candidates.begin(), candidates.end(), by_rank);
  std::vector<bool> taken = claimed;
  std::vector<Match> cited;
  for (const Match& m : candidates) {
    if (Overlaps(taken, m)) continue;
    Claim(taken, m);
    if (!m.negated) cited.push_back(m);
  }

  std::array<int, kThemeCount> score{};
  std::array<size_t, kThemeCount> first{};
  first.fill(std::numeric_limits<size_t>::max());
  for (const Match& m : cited) {
    const auto theme = static_cast<size_t>(rules().rules[m.rule].theme);
    score[theme] += rules().rules[m.rule].weight;
    first[theme] = std::min(first[theme], m.begin);
  }
  std::vector<Theme> themes;
  for (size_t t = 0; t < kThemeCount; ++t) {
    if (score[t] > 0) themes.push_back(static_cast<Theme>(t));
  }
  // Highest score, then cited first in the text, then table order (themes is in table order).
  std::stable_sort(themes.begin(), themes.end(), [&](Theme a, Theme b) {
    const auto i = static_cast<size_t>(a);
    const auto j = static_cast<size_t>(b);
    return std::make_pair(-score[i], first[i]) < std::make_pair(-score[j], first[j]);
  });

  // Kind words before a "but" are not the answer when a reason follows it: "I'd love to help,
  // but I'm not sure what to ask for" is a no. Such a yes phrase stops counting (it keeps its
  // words).
  if (!contrasts.empty() && !cited.empty()) {
    size_t last_reason = 0;
    for (const Match& m : cited) last_reason = std::max(last_reason, m.begin);
    std::erase_if(yes_cited, [&](const Match& m) {
      const bool turned = std::any_of(contrasts.begin(), contrasts.end(),
                                      [&](size_t c) { return c >= m.end && c < last_reason; });
      if (turned) yes_score -= rules().rules[m.rule].weight;
      return turned;
    });
  }

  Classification result;
  const int best = themes.empty() ? 0 : score[static_cast<size_t>(themes.front())];
  if (yes_score > best && !rejection_wording) {
    result.theme = Theme::kNone;
    result.themes = {Theme::kNone};
    result.words = WordsOf(text, words, std::move(yes_cited));
    return result;
  }
  if (themes.empty()) {
    result.themes = {Theme::kGeneric};
    return result;
  }
  result.theme = themes.front();
  result.about_you = IsAboutYou(result.theme);
  result.themes = std::move(themes);
  std::erase_if(cited, [&](const Match& m) { return rules().rules[m.rule].theme != result.theme; });
  result.words = WordsOf(text, words, std::move(cited));
  return result;
}

}  // namespace keel
