#include "app/vocabulary.h"

#include <gtest/gtest.h>

#include "app/import_words.h"
#include "app/strategy.h"
#include "core/model.h"
#include "themes/theme.h"

namespace keel {
namespace {

TEST(Vocabulary, ListsTheNamesTheParsersAccept) {
  const nlohmann::ordered_json v = VocabularyJson();
  ASSERT_EQ(v["kinds"].size(), kKindNames.size());
  for (const auto& k : v["kinds"]) EXPECT_TRUE(ParseKind(k.get<std::string>()).ok()) << k;
  ASSERT_EQ(v["channels"].size(), kChannelNames.size());
  for (const auto& c : v["channels"]) EXPECT_TRUE(ParseChannel(c.get<std::string>()).ok()) << c;
  EXPECT_EQ(v["outcomes"].front(), "pending");
  EXPECT_EQ(v["answers"].front(), "reopen");  // POST /api/answer's word for pending
  EXPECT_EQ(v["phases"].size(), kPhaseNames.size());
  EXPECT_EQ(v["remote"].size(), kRemoteNames.size());
  EXPECT_EQ(v["strategy_fields"].size(), kStrategyFields.size());
  ASSERT_EQ(v["import_fields"].size(), static_cast<size_t>(kFieldCount));
  for (const auto& f : v["import_fields"]) EXPECT_TRUE(ParseField(f.get<std::string>())) << f;
}

TEST(Vocabulary, ThemesCarryTheirFlags) {
  const nlohmann::ordered_json v = VocabularyJson();
  ASSERT_EQ(v["themes"].size(), kThemeNames.size());
  int about = 0, circumstantial = 0;
  for (const auto& t : v["themes"]) {
    const Result<Theme> theme = ParseTheme(t["name"].get<std::string>());
    ASSERT_TRUE(theme.ok()) << t;
    EXPECT_EQ(t["about_you"].get<bool>(), IsAboutYou(*theme)) << t;
    EXPECT_FALSE(t["about_you"].get<bool>() && t["circumstantial"].get<bool>()) << t;
    about += t["about_you"].get<bool>();
    circumstantial += t["circumstantial"].get<bool>();
  }
  EXPECT_EQ(about, 7);
  EXPECT_EQ(circumstantial, 6);  // generic is neither: a form reply says nothing
  EXPECT_EQ(v["themes"][0]["name"], "interview-performance");
}

}  // namespace
}  // namespace keel
