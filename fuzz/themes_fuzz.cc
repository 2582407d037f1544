// libFuzzer target for the theme classifier and a user's rules file (themes.rules). The input's
// first line is a reason as a person would type it; the rest is a rules file. Any input is read
// without crashing or undefined behaviour, and:
//   - the built-in classifier names one primary theme, listed first among the themes it cites,
//     about-you exactly when that theme is; every word it shows is in the reason as written;
//   - a rules file is accepted or refused with one line that names its origin;
//   - with accepted rules the reason is classified the same way (the same invariants).
//
// Built in the asan preset's build (scripts/fuzz; make fuzz).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "themes/classifier.h"

namespace {

void Check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "%s\n", what);
    std::abort();
  }
}

void CheckClassification(const keel::Classification& c, std::string_view reason) {
  Check(!c.themes.empty() && c.themes.front() == c.theme, "the primary theme is not listed first");
  Check(c.about_you == keel::IsAboutYou(c.theme), "about-you disagrees with the theme");
  for (const std::string& w : c.words) {
    Check(!w.empty(), "an empty word shown");
    Check(w.size() <= reason.size(), "a word longer than the reason");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const size_t newline = input.find('\n');
  const std::string_view reason = input.substr(0, newline);
  const std::string_view rules =
      newline == std::string_view::npos ? std::string_view() : input.substr(newline + 1);
  CheckClassification(keel::ThemeClassifier::BuiltIn().Classify(reason), reason);
  CheckClassification(keel::ThemeClassifier::BuiltIn().ClassifyByRules(reason), reason);
  keel::Result<keel::ThemeClassifier> user =
      keel::ThemeClassifier::WithExtraRules(rules, "themes.rules");
  if (!user.ok()) {
    Check(user.message().starts_with("themes.rules"), "a refusal that does not name the file");
    Check(user.message().find('\n') == std::string::npos, "a refusal of more than one line");
    return 0;
  }
  CheckClassification(user->Classify(reason), reason);
  return 0;
}
