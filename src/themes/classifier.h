// Maps a reason text to a theme with phrase and keyword rules over normalised, stemmed words.
// Deterministic and offline. The rules are a readable text file (src/themes/themes.rules,
// embedded in the binary) that a user can extend from their config; the format is documented at
// the top of that file and in docs/themes.md.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "themes/theme.h"

namespace keel {

struct Word;

/// What the classifier decided for one text, and why.
///
/// "Not a rejection" is reported as theme == Theme::kNone (named "none"), themes == {kNone},
/// about_you == false, and `words` the yes wording ("invite you to"). A caller must count such a
/// text in no theme, no pattern and not among the generic replies: it is no reason for a no.
struct Classification {
  Theme theme = Theme::kGeneric;  // the primary theme; generic when no rule matched
  bool about_you = false;         // IsAboutYou(theme)
  /// The words of the text that decided the primary theme, as the person wrote them
  /// ("budget freeze"), in text order, each distinct phrase once; empty for generic.
  std::vector<std::string> words;
  /// Every theme the text cites, primary first, each once (just {generic} when none cited,
  /// just {none} when the text is a yes).
  std::vector<Theme> themes;
  /// True when the trained model (themes/model.h) named the theme over the rules' answer;
  /// `words` is then empty (a linear model has no words to show), and `themes` lists the
  /// model's theme first, then the themes the rules cited.
  bool by_model = false;
};

class ThemeClassifier {
 public:
  /// The built-in rules only.
  static const ThemeClassifier& BuiltIn();
  /// The built-in rules plus a user's rules text (same format). `origin` names the file in
  /// errors ("themes.rules:12: ..."). A user's rule may add phrases to any theme.
  static Result<ThemeClassifier> WithExtraRules(std::string_view rules_text,
                                                std::string_view origin);
  /// The built-in rules plus the user's file when it exists: $XDG_CONFIG_HOME/keel/themes.rules,
  /// else $HOME/.config/keel/themes.rules. A missing file is not an error; a bad one is.
  static Result<ThemeClassifier> ForUser();

  /// The trained model when it is confident (probability >= 0.4) and names a reason or a yes
  /// (by_model), otherwise the rules. With a user's own rules, the rules come first whenever they
  /// name a reason or a yes: the person's words for their own replies outrank a model.
  Classification Classify(std::string_view text) const;
  /// The rules alone, as they were before the model (for measuring and for training).
  Classification ClassifyByRules(std::string_view text) const;

  ThemeClassifier(ThemeClassifier&&) noexcept;
  ThemeClassifier& operator=(ThemeClassifier&&) noexcept;
  ~ThemeClassifier();

 private:
  struct Rules;
  ThemeClassifier(std::unique_ptr<Rules> rules, bool rules_first);
  static const Rules& BuiltInRules();
  const Rules& rules() const;  // own_rules_, else the built-in ones
  Classification ByRules(std::string_view text, const std::vector<Word>& words) const;
  std::unique_ptr<Rules> own_rules_;  // nullptr: the built-in rules, shared
  bool rules_first_ = false;          // the user gave rules of their own
};

}  // namespace keel
