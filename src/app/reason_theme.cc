#include "app/reason_theme.h"

#include <fmt/format.h>

#include "core/text.h"

namespace keel {

std::optional<ReasonTheme> ThemeOf(std::string_view text, const std::optional<std::string>& chosen,
                                   const ThemeClassifier& classifier) {
  if (Trim(text).empty()) return std::nullopt;
  if (chosen) {
    // Stored names were validated on the way in; a name this version does not know (a newer
    // keel's theme) falls back to the classifier rather than failing the whole report.
    if (Result<Theme> theme = ParseTheme(*chosen); theme.ok()) {
      ReasonTheme out;
      out.chosen = true;
      out.classification.theme = *theme;
      out.classification.about_you = IsAboutYou(*theme);
      out.classification.themes = {*theme};
      return out;
    }
  }
  return ReasonTheme{classifier.Classify(text), false};
}

std::optional<ReasonTheme> ThemeOfAsk(const Ask& ask, const ThemeClassifier& classifier) {
  if (Trim(ask.reason).empty()) return std::nullopt;
  // A withdrawal's reason is the seeker's own: no rejection theme is read into it.
  if (ask.outcome == Outcome::kWithdrawn) return std::nullopt;
  if (ask.outcome == Outcome::kYes) {
    ReasonTheme out;
    out.with_yes = true;
    out.classification.theme = Theme::kNone;
    out.classification.themes = {Theme::kNone};
    return out;
  }
  return ThemeOf(ask.reason, ask.reason_theme, classifier);
}

void AddThemeFields(const std::optional<ReasonTheme>& theme, Json& j) {
  if (!theme) {
    j["theme"] = nullptr;
    j["about_you"] = nullptr;
    j["theme_words"] = nullptr;
    j["theme_by"] = nullptr;
    return;
  }
  j["theme"] = Name(theme->classification.theme);
  j["about_you"] = theme->classification.about_you;
  j["theme_words"] = theme->classification.words;
  j["theme_by"] = theme->with_yes                  ? "yes"
                  : theme->chosen                  ? "you"
                  : theme->classification.by_model ? "model"
                                                   : "rules";
}

Json FeedbackJson(const FeedbackRecord& f, const ThemeClassifier& classifier) {
  Json j;
  j["id"] = f.id;
  j["ask_id"] = f.ask_id;
  j["received_on"] = f.received_on.ToIso();
  j["text"] = f.text;
  const std::optional<ReasonTheme> theme = ThemeOf(f.text, f.theme, classifier);
  AddThemeFields(theme, j);
  Json all = Json::array();
  if (theme) {
    for (Theme t : theme->classification.themes) all.push_back(Name(t));
  }
  j["themes"] = std::move(all);
  return j;
}

std::string DescribeTheme(const ReasonTheme& theme) {
  const Classification& c = theme.classification;
  if (theme.with_yes) return "none (given with a yes: not a rejection reason)";
  if (c.theme == Theme::kNone) {
    return fmt::format("none (reads as a yes, not a rejection: no theme{})",
                       c.words.empty()
                           ? std::string()
                           : fmt::format(", from the words '{}'", fmt::join(c.words, " ")));
  }
  std::string out = fmt::format("{} ({})", Name(c.theme),
                                c.theme == Theme::kGeneric ? "a form reply: says nothing about you"
                                : c.about_you              ? "about you"
                                                           : "circumstantial: not about you");
  if (theme.chosen) return out + ", as you chose";
  if (c.by_model) return out + ", read by keel's trained model (it shows no words)";
  if (!c.words.empty()) {
    out += fmt::format(", from the words '{}'", fmt::join(c.words, " "));
  }
  return out;
}

}  // namespace keel
