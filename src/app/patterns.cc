// Why sources and not reasons: one organization saying the same thing through three people is one
// opinion (they share a hiring committee, a brief, often an email template), and one contact who
// moved from Acme to Globex is still one person. So the reasons that cite a theme are grouped into
// connected components: two reasons are linked when they name the same organization or the same
// non-empty contact (ASCII case and extra spaces ignored). Each component is one independent
// source. Components are formed among the reasons citing that theme only, so an unrelated reason
// cannot chain two independent sources into one.
//
// A theme about you from two or more sources is a pattern worth acting on; a circumstantial one is
// a market signal (several organizations freezing hiring says something about the market); one
// source is neither, and the report says so rather than let one remark pass for a verdict.
// `generic` replies, silences and replies without a reason carry no information about the person.
// A reason given with a yes, or one whose words read as a yes ("we'd like to invite you to a
// phone screen"), is no rejection at all: it is left out of every theme and of the generic count
// (PRODUCT.md), else an invitation's "phone screen" would make an interview-performance pattern.
#include "app/patterns.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <numeric>
#include <set>

#include "core/text.h"

namespace keel {
namespace {

// Indexed by Theme: the step, in words for the page and the CLI alike; the same step naming
// the CLI command that helps, where one does; and the action that records the step, so that
// the yes-rate before and after can later be compared (none for a circumstantial theme).
struct SuggestionText {
  std::string_view step, cli_step, action;
};
constexpr std::array<SuggestionText, 14> kSuggestions = {{
    // interview-performance
    {"practise with mock interviews", "", "mock interviews weekly"},
    // qualifications-gap
    {"close the gap the quotes name (a course, a small project, a certification) or aim at roles "
     "that ask for what you have",
     "", "course in the missing skill"},
    // experience-level
    {"check the level you aim at against the quotes (too junior or too senior?) and say why you "
     "fit it",
     "", "aim one level nearer"},
    // materials
    {"have your resume or cover letter reviewed and send a new version (resume@v2 ...)", "",
     "resume rewrite"},
    // follow-through
    {"answer within a day and keep a follow-up calendar (the agenda's calendar file)",
     "answer within a day and keep a follow-up calendar (`keel agenda --ics`)",
     "reply within 24 hours"},
    // focus-unclear
    {"write one sentence on the role, industry and level you want and open with it", "",
     "one-line target first"},
    // compensation
    {"check the market range for the role and give a range rather than one number", "",
     "researched salary range"},
    // filled
    {"nothing to change in you: roles close fast, so apply early after a posting opens", "", ""},
    // hiring-freeze
    {"nothing to change in you: favour organizations that are hiring now", "", ""},
    // no-openings
    {"nothing to change in you: keep in touch and ask again later (record their answer as a "
     "not-yet with the date to ask again)",
     "nothing to change in you: keep in touch and ask again later (`keel not-yet ID --until "
     "DATE`)",
     ""},
    // busy
    {"nothing to change in you: a short follow-up after a while often gets the answer", "", ""},
    // role-changed
    {"nothing to change in you: the role changed, not your fit", "", ""},
    // volume
    {"nothing to change in you: referrals and direct contacts get past a crowded pile", "", ""},
    // generic
    {"", "", ""},
}};

std::string Key(std::string_view name) { return Lower(CollapseSpaces(name)); }

// Union-find over the reasons citing one theme.
class Components {
 public:
  explicit Components(size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), 0); }
  size_t Find(size_t i) {
    while (parent_[i] != i) {
      parent_[i] = parent_[parent_[i]];
      i = parent_[i];
    }
    return i;
  }
  void Join(size_t a, size_t b) { parent_[Find(a)] = Find(b); }
  int64_t Count() {
    int64_t roots = 0;
    for (size_t i = 0; i < parent_.size(); ++i) roots += Find(i) == i ? 1 : 0;
    return roots;
  }

 private:
  std::vector<size_t> parent_;
};

// The number of independent sources among the reasons citing one theme.
int64_t CountSources(const std::vector<const ReasonItem*>& cited) {
  Components components(cited.size());
  std::map<std::string, size_t> first_of_org;
  std::map<std::string, size_t> first_of_person;
  for (size_t i = 0; i < cited.size(); ++i) {
    const std::string org = Key(cited[i]->org);
    const std::string person = Key(cited[i]->person);
    if (!org.empty()) {
      auto [at, added] = first_of_org.emplace(org, i);
      if (!added) components.Join(i, at->second);
    }
    if (!person.empty()) {
      auto [at, added] = first_of_person.emplace(person, i);
      if (!added) components.Join(i, at->second);
    }
  }
  return components.Count();
}

// A reason and the themes it cites: its override alone, or what the classifier read.
struct Cited {
  const ReasonItem* item = nullptr;
  Classification classification;
};

bool MoreSourcesFirst(const ThemeFinding& a, const ThemeFinding& b) {
  if (a.sources != b.sources) return a.sources > b.sources;
  return a.theme < b.theme;
}

Json QuoteJson(const Quote& q) {
  Json j;
  j["ask_id"] = q.ask_id;
  j["date"] = q.on.ToIso();
  j["org"] = q.org;
  j["person"] = q.person;
  j["text"] = q.text;
  j["words"] = q.words;
  j["feedback"] = q.feedback;
  j["theme_given"] = q.theme_given;
  return j;
}

Json FindingJson(const ThemeFinding& f) {
  Json j;
  j["theme"] = Name(f.theme);
  j["about_you"] = f.about_you;
  j["sources"] = f.sources;
  j["citations"] = f.citations;
  j["orgs"] = f.orgs;
  j["quotes"] = Json::array();
  for (const Quote& q : f.quotes) j["quotes"].push_back(QuoteJson(q));
  j["suggestion"] = f.suggestion.text.empty() ? Json(nullptr) : Json(f.suggestion.text);
  j["action"] = f.suggestion.action.empty()
                    ? Json(nullptr)
                    : Json{{"text", f.suggestion.action}, {"theme", Name(f.theme)}};
  return j;
}

// The text on one line, cut at about 160 bytes on a UTF-8 character boundary.
std::string ShortText(std::string_view text) {
  constexpr size_t kMax = 160;
  std::string flat = CollapseSpaces(text);
  if (flat.size() <= kMax) return flat;
  size_t cut = kMax;
  while (cut > 0 && (static_cast<unsigned char>(flat[cut]) & 0xC0U) == 0x80U) --cut;
  flat.resize(cut);
  return flat + "…";
}

std::string QuoteLine(const Quote& q) {
  std::string who = q.org;
  if (!q.person.empty()) who += fmt::format(" ({})", q.person);
  std::string line = fmt::format("    {}, {}{}: \"{}\"", q.on.ToIso(), who,
                                 q.feedback ? " in feedback" : "", ShortText(q.text));
  if (!q.words.empty()) {
    line += fmt::format(" (words: \"{}\")", fmt::join(q.words, "\", \""));
  } else if (q.theme_given) {
    line += " (theme given by you)";
  }
  return line;
}

std::string OrgList(const ThemeFinding& f) { return fmt::format("{}", fmt::join(f.orgs, ", ")); }

}  // namespace

Suggestion ThemeSuggestion(Theme theme) {
  if (theme == Theme::kNone) return {};
  const SuggestionText& t = kSuggestions[static_cast<size_t>(theme)];
  Suggestion s;
  s.action = std::string(t.action);
  if (t.step.empty()) return s;
  const std::string_view cli_step = t.cli_step.empty() ? t.step : t.cli_step;
  if (t.action.empty()) {
    s.text = std::string(t.step);
    s.cli_text = std::string(cli_step);
  } else {
    s.text = fmt::format(
        "{}, then record it as an action ('{}') to see your yes-rate before and "
        "after",
        t.step, t.action);
    s.cli_text = fmt::format("{}, then `keel action add \"{}\" --theme {}`", cli_step, t.action,
                             Name(theme));
  }
  return s;
}

PatternsReport BuildPatterns(const std::vector<ReasonItem>& items, int64_t silent_in_window,
                             int64_t replies_without_reason_in_window, Date today, int window_days,
                             const ThemeClassifier& classifier) {
  PatternsReport r;
  r.window_days = window_days;
  r.from = today - (window_days - 1);
  r.to = today;
  r.silent = silent_in_window;
  r.no_reason = replies_without_reason_in_window;

  std::vector<const ReasonItem*> in_window;
  for (const ReasonItem& item : items) {
    if (item.on > today - window_days && item.on <= today) in_window.push_back(&item);
  }
  std::stable_sort(in_window.begin(), in_window.end(),
                   [](const ReasonItem* a, const ReasonItem* b) {
                     if (a->on != b->on) return a->on < b->on;
                     return a->ask_id < b->ask_id;
                   });
  std::vector<Cited> cited;
  cited.reserve(in_window.size());
  for (const ReasonItem* item : in_window) {
    Cited c{item, {}};
    if (item->with_yes) {
      ++r.not_rejections;
      continue;
    }
    if (item->theme_override) {
      c.classification.theme = *item->theme_override;
      c.classification.about_you = IsAboutYou(*item->theme_override);
      c.classification.themes = {*item->theme_override};
    } else {
      c.classification = classifier.Classify(item->text);
      if (c.classification.themes.empty()) c.classification.themes = {c.classification.theme};
      if (c.classification.theme == Theme::kNone) {
        ++r.not_rejections;
        continue;
      }
    }
    const std::vector<Theme>& themes = c.classification.themes;
    if (std::find(themes.begin(), themes.end(), Theme::kGeneric) != themes.end()) ++r.generic;
    cited.push_back(std::move(c));
  }
  r.reasons = static_cast<int64_t>(cited.size());

  for (size_t t = 0; t < kThemeNames.size(); ++t) {
    const auto theme = static_cast<Theme>(t);
    if (theme == Theme::kGeneric) continue;
    ThemeFinding f;
    f.theme = theme;
    f.about_you = IsAboutYou(theme);
    std::vector<const ReasonItem*> citing;
    std::set<std::string> seen_orgs;
    for (const Cited& c : cited) {
      const std::vector<Theme>& themes = c.classification.themes;
      if (std::find(themes.begin(), themes.end(), theme) == themes.end()) continue;
      const ReasonItem& item = *c.item;
      citing.push_back(&item);
      Quote q{.ask_id = item.ask_id,
              .on = item.on,
              .org = item.org,
              .person = item.person,
              .text = item.text,
              .words = {},
              .feedback = item.feedback,
              .theme_given = item.theme_override.has_value()};
      if (!q.theme_given && c.classification.theme == theme) q.words = c.classification.words;
      f.quotes.push_back(std::move(q));
      if (!item.org.empty() && seen_orgs.insert(Key(item.org)).second) {
        f.orgs.push_back(CollapseSpaces(item.org));
      }
    }
    if (citing.empty()) continue;
    f.citations = static_cast<int64_t>(citing.size());
    f.sources = CountSources(citing);
    if (f.sources >= 2) {
      f.suggestion = ThemeSuggestion(theme);
      (f.about_you ? r.patterns : r.market_signals).push_back(std::move(f));
    } else {
      r.single_source.push_back(std::move(f));
    }
  }
  std::stable_sort(r.patterns.begin(), r.patterns.end(), MoreSourcesFirst);
  std::stable_sort(r.market_signals.begin(), r.market_signals.end(), MoreSourcesFirst);
  return r;
}

Json PatternsJson(const PatternsReport& r) {
  Json j;
  j["window_days"] = r.window_days;
  j["from"] = r.from.ToIso();
  j["to"] = r.to.ToIso();
  j["reasons"] = r.reasons;
  auto findings = [](const std::vector<ThemeFinding>& list) {
    Json out = Json::array();
    for (const ThemeFinding& f : list) out.push_back(FindingJson(f));
    return out;
  };
  j["patterns"] = findings(r.patterns);
  j["market_signals"] = findings(r.market_signals);
  j["single_source"] = findings(r.single_source);
  j["generic"] = r.generic;
  j["not_rejections"] = r.not_rejections;
  j["silent"] = r.silent;
  j["no_reason"] = r.no_reason;
  j["note"] = "silence and generic replies carry no information about you";
  return j;
}

std::vector<std::string> PatternsLines(const PatternsReport& r) {
  std::vector<std::string> lines;
  lines.push_back(
      fmt::format("Reasons from the last {} days ({} .. {}): a theme is a pattern when two or more "
                  "independent sources said it (several people at one organization count once).",
                  r.window_days, r.from.ToIso(), r.to.ToIso()));

  if (r.patterns.empty()) {
    lines.emplace_back(
        "No pattern about you: no theme about you came from two or more independent sources.");
  } else {
    lines.emplace_back("Patterns about you, worth acting on:");
    for (const ThemeFinding& f : r.patterns) {
      lines.push_back(fmt::format("  {}: {}, {} ({})", Name(f.theme),
                                  Plural(f.sources, "source", "sources"),
                                  Plural(f.citations, "reason", "reasons"), OrgList(f)));
      for (const Quote& q : f.quotes) lines.push_back(QuoteLine(q));
      lines.push_back(fmt::format("    What to try: {}.", f.suggestion.cli_text));
    }
  }

  if (!r.market_signals.empty()) {
    lines.emplace_back("Market signals, about the market and not about you:");
    for (const ThemeFinding& f : r.market_signals) {
      lines.push_back(fmt::format("  {}: {} ({}); {}.", Name(f.theme),
                                  Plural(f.sources, "source", "sources"), OrgList(f),
                                  f.suggestion.cli_text));
      for (const Quote& q : f.quotes) lines.push_back(QuoteLine(q));
    }
  }

  if (!r.single_source.empty()) {
    lines.emplace_back("From one source only, so not a pattern:");
    for (const ThemeFinding& f : r.single_source) {
      lines.push_back(fmt::format("  {} ({}): not a pattern — one source ({}), {}.", Name(f.theme),
                                  f.about_you ? "about you" : "circumstantial",
                                  OrgList(f).empty() ? "no organization" : OrgList(f),
                                  Plural(f.citations, "reason", "reasons")));
      for (const Quote& q : f.quotes) lines.push_back(QuoteLine(q));
    }
  }

  if (r.generic + r.silent + r.no_reason > 0) {
    lines.push_back(fmt::format(
        "{}, {} and {} in this window: silence and generic replies carry no information about "
        "you.",
        Plural(r.generic, "generic reply", "generic replies"),
        Plural(r.silent, "silence", "silences"),
        Plural(r.no_reason, "reply without a reason", "replies without a reason")));
  }
  return lines;
}

}  // namespace keel
