#include "themes/theme.h"

#include <fmt/format.h>

#include "core/text.h"

namespace keel {

std::string_view Name(Theme theme) {
  return theme == Theme::kNone ? kNoneName : kThemeNames[static_cast<size_t>(theme)];
}

Result<Theme> ParseTheme(std::string_view text, std::string_view what) {
  const std::string wanted = Lower(Trim(text));
  for (size_t i = 0; i < kThemeNames.size(); ++i) {
    if (kThemeNames[i] == wanted) return static_cast<Theme>(i);
  }
  const std::string choices = fmt::format("{}", fmt::join(kThemeNames, ", "));
  const std::string_view guess = ClosestMatch(wanted, kThemeNames);
  if (!guess.empty()) {
    return Error{fmt::format("unknown {} '{}'; did you mean '{}'? (one of: {})", what, text, guess,
                             choices)};
  }
  return Error{fmt::format("unknown {} '{}'; use one of: {}", what, text, choices)};
}

}  // namespace keel
