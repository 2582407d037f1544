// A reason given with a yes is no rejection reason (PRODUCT.md): theme none, whatever it says.
#include "app/reason_theme.h"

#include <gtest/gtest.h>

namespace keel {
namespace {

Ask AskWith(Outcome outcome, const std::string& reason) {
  Ask a;
  a.id = 7;
  a.org = "Acme";
  a.outcome = outcome;
  a.reason = reason;
  return a;
}

TEST(ReasonThemeTest, AReasonGivenWithAYesIsNone) {
  const ThemeClassifier& rules = ThemeClassifier::BuiltIn();
  Ask yes = AskWith(Outcome::kYes, "Your technical interview was rough, but yes.");
  yes.reason_theme = "interview-performance";  // even a chosen theme yields to the yes
  const std::optional<ReasonTheme> theme = ThemeOfAsk(yes, rules);
  ASSERT_TRUE(theme.has_value());
  EXPECT_TRUE(theme->with_yes);
  EXPECT_TRUE(IsNoRejection(*theme));
  EXPECT_FALSE(theme->classification.about_you);
  EXPECT_TRUE(theme->classification.words.empty());
  EXPECT_EQ(DescribeTheme(*theme), "none (given with a yes: not a rejection reason)");
  Json j;
  AddThemeFields(theme, j);
  EXPECT_EQ(j["theme"], "none");
  EXPECT_EQ(j["about_you"], false);
  EXPECT_EQ(j["theme_by"], "yes");
  EXPECT_EQ(j["theme_words"], Json::array());

  EXPECT_FALSE(ThemeOfAsk(AskWith(Outcome::kYes, "  "), rules).has_value());
}

TEST(ReasonThemeTest, ANoKeepsItsThemeAndAYesWordingReadsAsNone) {
  const ThemeClassifier& rules = ThemeClassifier::BuiltIn();
  const std::optional<ReasonTheme> no =
      ThemeOfAsk(AskWith(Outcome::kNo, "We are in a hiring freeze."), rules);
  ASSERT_TRUE(no.has_value());
  EXPECT_EQ(no->classification.theme, Theme::kHiringFreeze);
  EXPECT_FALSE(IsNoRejection(*no));
  // Feedback has no outcome: the words decide.
  const std::optional<ReasonTheme> invite =
      ThemeOf("We'd like to invite you to a phone screen.", std::nullopt, rules);
  ASSERT_TRUE(invite.has_value());
  EXPECT_TRUE(IsNoRejection(*invite));
  EXPECT_FALSE(invite->with_yes);
  EXPECT_EQ(DescribeTheme(*invite),
            "none (reads as a yes, not a rejection: no theme, from the words 'invite you to a "
            "phone screen')");
  Json j;
  AddThemeFields(invite, j);
  EXPECT_EQ(j["theme"], "none");
  EXPECT_EQ(j["theme_by"], "rules");
}

TEST(ReasonThemeTest, AThemeReadByTheModelSaysSoAndShowsNoWords) {
  // No rule knows "knee-deep in"; keel's trained model reads it as busy.
  const std::optional<ReasonTheme> theme = ThemeOfAsk(
      AskWith(Outcome::kNo, "I'm knee-deep in a migration."), ThemeClassifier::BuiltIn());
  ASSERT_TRUE(theme.has_value());
  EXPECT_EQ(theme->classification.theme, Theme::kBusy);
  EXPECT_EQ(DescribeTheme(*theme),
            "busy (circumstantial: not about you), read by keel's trained model (it shows no "
            "words)");
  Json j;
  AddThemeFields(theme, j);
  EXPECT_EQ(j["theme"], "busy");
  EXPECT_EQ(j["theme_by"], "model");
  EXPECT_EQ(j["theme_words"], Json::array());
}

}  // namespace
}  // namespace keel
