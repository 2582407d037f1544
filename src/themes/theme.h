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
  kGeneric,
  // Not a rejection: a text that says yes ("we'd like to invite you to a phone screen"), or a
  // reason given with a yes. Not in kThemeNames: nobody files it with --theme, no pattern counts
  // it, and it is not a generic reply either. Name() gives "none".
  kNone
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
/// circumstantial, `generic` says nothing at all, and `none` is no rejection.
constexpr bool IsAboutYou(Theme theme) { return theme <= Theme::kCompensation; }

/// The name of Theme::kNone, as the JSON and the labelled sets write it.
inline constexpr std::string_view kNoneName = "none";

/// Parses a theme name; the error lists the choices and suggests a near miss. "none" is not
/// accepted: it is never chosen, only read (by the rules or from a yes).
Result<Theme> ParseTheme(std::string_view text, std::string_view what = "theme");

}  // namespace keel
