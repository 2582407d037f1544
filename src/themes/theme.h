// The themes a reason can carry (PRODUCT.md, "Themes"): each is either about the seeker or
// circumstantial. The names are the ones users type after --theme and the JSON carries.
#pragma once

#include <array>
#include <string_view>

#include "core/result.h"

namespace keel {

enum class Theme {
  kInterviewPerformance,
  kQualificationsGap,
  kExperienceLevel,
  kMaterials,
  kFollowThrough,
  kFocusUnclear,
  kCompensation,
  kFilled,
  kHiringFreeze,
  kNoOpenings,
  kBusy,
  kRoleChanged,
  kVolume,
  kGeneric
};
inline constexpr std::array<std::string_view, 14> kThemeNames = {"interview-performance",
                                                                 "qualifications-gap",
                                                                 "experience-level",
                                                                 "materials",
                                                                 "follow-through",
                                                                 "focus-unclear",
                                                                 "compensation",
                                                                 "filled",
                                                                 "hiring-freeze",
                                                                 "no-openings",
                                                                 "busy",
                                                                 "role-changed",
                                                                 "volume",
                                                                 "generic"};

std::string_view Name(Theme theme);

/// True for the themes that say something about the seeker (the first seven); the rest are
/// circumstantial, and `generic` says nothing at all.
constexpr bool IsAboutYou(Theme theme) { return theme <= Theme::kCompensation; }

/// Parses a theme name; the error lists the choices and suggests a near miss.
Result<Theme> ParseTheme(std::string_view text, std::string_view what = "theme");

}  // namespace keel
