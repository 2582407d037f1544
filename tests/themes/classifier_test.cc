#include "themes/classifier.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "themes/stemmer.h"

namespace keel {
namespace {

// ---------------------------------------------------------------------------------------------
// The labelled reasons: tests/themes/labelled_reasons.tsv, columns split, theme, text. The
// holdout rows were written before any rule and the rules were never tuned against them.

struct Labelled {
  std::string split;  // "dev" or "holdout"
  Theme theme = Theme::kGeneric;
  std::string text;
};

std::vector<Labelled> LoadLabelled() {
  const std::string path = std::string(KEEL_SOURCE_DIR) + "/tests/themes/labelled_reasons.tsv";
  std::ifstream in(path);
  EXPECT_TRUE(in) << "cannot open " << path;
  std::vector<Labelled> rows;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (number == 1) {
      EXPECT_EQ(line, "split\ttheme\ttext");
      continue;
    }
    const size_t tab1 = line.find('\t');
    const size_t tab2 = line.find('\t', tab1 + 1);
    if (tab1 == std::string::npos || tab2 == std::string::npos) {
      ADD_FAILURE() << path << ":" << number << ": expected three tab-separated columns";
      continue;
    }
    Labelled row;
    row.split = line.substr(0, tab1);
    Result<Theme> theme = ParseTheme(line.substr(tab1 + 1, tab2 - tab1 - 1));
    if (!theme.ok() || (row.split != "dev" && row.split != "holdout")) {
      ADD_FAILURE() << path << ":" << number << ": bad split or " << theme.message();
      continue;
    }
    row.theme = *theme;
    row.text = line.substr(tab2 + 1);
    rows.push_back(std::move(row));
  }
  return rows;
}

struct Tally {
  int total = 0;
  int theme_right = 0;
  int about_you_right = 0;
};

double Percent(int part, int whole) { return whole == 0 ? 0.0 : 100.0 * part / whole; }

std::string Figure(int part, int whole) {
  return fmt::format("{}/{} = {:.1f} %", part, whole, Percent(part, whole));
}

TEST(ThemeLabelledSetTest, CoversEveryThemeWithAQuarterHeldOut) {
  const std::vector<Labelled> rows = LoadLabelled();
  ASSERT_GE(rows.size(), 160U);
  std::array<int, kThemeNames.size()> per_theme{};
  size_t holdout = 0;
  for (const Labelled& row : rows) {
    ++per_theme[static_cast<size_t>(row.theme)];
    if (row.split == "holdout") ++holdout;
  }
  for (size_t t = 0; t < per_theme.size(); ++t) {
    EXPECT_GE(per_theme[t], 6) << kThemeNames[t];
  }
  EXPECT_GE(per_theme[static_cast<size_t>(Theme::kGeneric)], 20);
  EXPECT_GE(holdout * 4, rows.size());
}

TEST(ThemeAccuracyTest, LabelledReasons) {
  const std::vector<Labelled> rows = LoadLabelled();
  const ThemeClassifier& classifier = ThemeClassifier::BuiltIn();
  Tally dev;
  Tally holdout;
  for (const Labelled& row : rows) {
    const Classification got = classifier.Classify(row.text);
    Tally& tally = row.split == "dev" ? dev : holdout;
    ++tally.total;
    if (got.theme == row.theme) ++tally.theme_right;
    if (got.about_you == IsAboutYou(row.theme)) ++tally.about_you_right;
    // Only the dev misses are listed: the holdout is for measuring, not for tuning.
    if (row.split == "dev" && got.theme != row.theme) {
      std::cout << "  dev miss: want " << Name(row.theme) << ", got " << Name(got.theme) << " ("
                << fmt::format("{}", fmt::join(got.words, "; ")) << "): " << row.text << "\n";
    }
  }
  const std::string summary = fmt::format(
      "theme accuracy: dev {}, holdout {}; about-you accuracy: dev {}, holdout {}",
      Figure(dev.theme_right, dev.total), Figure(holdout.theme_right, holdout.total),
      Figure(dev.about_you_right, dev.total), Figure(holdout.about_you_right, holdout.total));
  std::cout << summary << "\n";
  RecordProperty("accuracy", summary);

  EXPECT_GE(Percent(dev.theme_right, dev.total), 85.0);
  EXPECT_GE(Percent(dev.about_you_right, dev.total), 95.0);
  // The holdout reached 47/50 and 48/50 when these were set; the targets are asserted as they are.
  EXPECT_GE(Percent(holdout.theme_right, holdout.total), 85.0);
  EXPECT_GE(Percent(holdout.about_you_right, holdout.total), 95.0);
}

// ---------------------------------------------------------------------------------------------
// Behaviour

Classification Classify(std::string_view text) { return ThemeClassifier::BuiltIn().Classify(text); }

TEST(ThemeClassifierTest, NegationCancelsTheAboutYouTheme) {
  for (const char* text :
       {"This was not about your experience.", "It had nothing to do with your interview.",
        "Honestly, not a lack of experience at all.", "It wasn't because of your resume.",
        "Your salary was not the issue."}) {
    const Classification got = Classify(text);
    EXPECT_EQ(got.theme, Theme::kGeneric) << text << " -> " << Name(got.theme);
    EXPECT_FALSE(got.about_you) << text;
  }
  EXPECT_EQ(Classify("You lack experience in Go.").theme, Theme::kQualificationsGap);
  EXPECT_EQ(Classify("It's nothing to do with your interview; the budget was cut.").theme,
            Theme::kHiringFreeze);
}

TEST(ThemeClassifierTest, NegationStopsAtAClauseOrAScopeEnd) {
  // The comma ends the negation's clause; "think" ends its reach.
  EXPECT_EQ(Classify("Not an easy call, but you lack experience with Go.").theme,
            Theme::kQualificationsGap);
  EXPECT_EQ(Classify("We don't think your technical interview showed enough depth.").theme,
            Theme::kInterviewPerformance);
}

TEST(ThemeClassifierTest, NegationInsideAPhraseIsPartOfIt) {
  EXPECT_EQ(Classify("You didn't follow up after the call.").theme, Theme::kFollowThrough);
  EXPECT_EQ(Classify("Not enough experience with payments.").theme, Theme::kQualificationsGap);
  EXPECT_EQ(Classify("We have no headcount this year.").theme, Theme::kHiringFreeze);
}

TEST(ThemeClassifierTest, EmptyAndContentFreeTextsAreGeneric) {
  for (const char* text : {"", "   \n\t ", "!!!", "Thanks.", "no"}) {
    const Classification got = Classify(text);
    EXPECT_EQ(got.theme, Theme::kGeneric) << '"' << text << '"';
    EXPECT_FALSE(got.about_you);
    EXPECT_TRUE(got.words.empty());
    EXPECT_EQ(got.themes, std::vector<Theme>{Theme::kGeneric});
  }
}

TEST(ThemeClassifierTest, FormLettersAreGeneric) {
  for (const char* text :
       {"We decided to move forward with other candidates.",
        "After careful consideration, we have decided not to proceed with your application.",
        "We have chosen candidates whose qualifications more closely match our needs.",
        "We will keep your resume on file for future openings."}) {
    EXPECT_EQ(Classify(text).theme, Theme::kGeneric) << text;
  }
}

TEST(ThemeClassifierTest, WordsAreTheDecidingTextAsWritten) {
  EXPECT_EQ(Classify("Sadly there is a Hiring  Freeze until March.").words,
            std::vector<std::string>{"Hiring Freeze"});
  EXPECT_EQ(Classify("You didn't follow up after the call.").words,
            std::vector<std::string>{"didn't follow up"});
  const Classification both = Classify("Budget constraints, and then a hiring freeze.");
  EXPECT_EQ(both.theme, Theme::kHiringFreeze);
  EXPECT_EQ(both.words, (std::vector<std::string>{"Budget constraints", "hiring freeze"}));
}

TEST(ThemeClassifierTest, ThemesListsEveryCitedThemePrimaryFirst) {
  // Equal weights: the theme cited first in the text is primary.
  const Classification got =
      Classify("Your salary expectations were high, and now we have a hiring freeze.");
  EXPECT_EQ(got.theme, Theme::kCompensation);
  EXPECT_EQ(got.themes, (std::vector<Theme>{Theme::kCompensation, Theme::kHiringFreeze}));
  // More weight wins regardless of position.
  const Classification heavier =
      Classify("Budget is tight, but mainly you were too junior for the role.");
  EXPECT_EQ(heavier.theme, Theme::kExperienceLevel);
  EXPECT_EQ(heavier.themes, (std::vector<Theme>{Theme::kExperienceLevel, Theme::kHiringFreeze}));
}

TEST(ThemeClassifierTest, AboutYouMatchesIsAboutYouAndThemesAreUnique) {
  for (const Labelled& row : LoadLabelled()) {
    const Classification got = Classify(row.text);
    EXPECT_EQ(got.about_you, IsAboutYou(got.theme)) << row.text;
    ASSERT_FALSE(got.themes.empty());
    EXPECT_EQ(got.themes.front(), got.theme);
    EXPECT_EQ(std::set<Theme>(got.themes.begin(), got.themes.end()).size(), got.themes.size());
    EXPECT_EQ(got.words.empty(), got.theme == Theme::kGeneric) << row.text;
  }
}

TEST(ThemeClassifierTest, IsDeterministic) {
  Result<ThemeClassifier> other = ThemeClassifier::WithExtraRules("", "empty.rules");
  ASSERT_TRUE(other.ok()) << other.message();
  for (const Labelled& row : LoadLabelled()) {
    const Classification a = Classify(row.text);
    const Classification b = Classify(row.text);
    const Classification c = other->Classify(row.text);
    for (const Classification* x : {&b, &c}) {
      EXPECT_EQ(a.theme, x->theme) << row.text;
      EXPECT_EQ(a.themes, x->themes) << row.text;
      EXPECT_EQ(a.words, x->words) << row.text;
    }
  }
}

TEST(ThemeClassifierTest, IsFast) {
  const std::vector<Labelled> rows = LoadLabelled();
  const ThemeClassifier& classifier = ThemeClassifier::BuiltIn();
  constexpr int kRounds = 50;
  size_t themes_seen = 0;
  const auto start = std::chrono::steady_clock::now();
  for (int round = 0; round < kRounds; ++round) {
    for (const Labelled& row : rows) themes_seen += classifier.Classify(row.text).themes.size();
  }
  const std::chrono::duration<double, std::micro> elapsed =
      std::chrono::steady_clock::now() - start;
  const double per_text = elapsed.count() / (kRounds * static_cast<double>(rows.size()));
  std::cout << fmt::format("classify: {:.1f} us per text\n", per_text);
  EXPECT_GT(themes_seen, 0U);
  EXPECT_LT(per_text, 500.0);  // generous: debug and sanitizer builds run this too
}

// ---------------------------------------------------------------------------------------------
// User rules

TEST(ThemeUserRulesTest, AddPhrasesToAnyTheme) {
  Result<ThemeClassifier> classifier = ThemeClassifier::WithExtraRules(
      "# my own words\n\nbusy 2: knee deep in\nvolume 3: flood ~ of resumes\n"
      "generic: we have decided to explore other options\n",
      "themes.rules");
  ASSERT_TRUE(classifier.ok()) << classifier.message();
  EXPECT_EQ(classifier->Classify("I'm knee-deep in a migration.").theme, Theme::kBusy);
  EXPECT_EQ(classifier->Classify("We got a flood of resumes.").theme, Theme::kVolume);
  EXPECT_EQ(Classify("I'm knee-deep in a migration.").theme, Theme::kGeneric);
}

TEST(ThemeUserRulesTest, ErrorsNameFileLineAndFix) {
  const auto error = [](std::string_view text) {
    Result<ThemeClassifier> got = ThemeClassifier::WithExtraRules(text, "themes.rules");
    return got.ok() ? std::string("(ok)") : got.message();
  };
  EXPECT_EQ(
      error("# mine\nbusy: swamped\nintervew: panel was harsh\n")
          .rfind("themes.rules:3: unknown theme 'intervew'; did you mean 'interview-performance'?",
                 0),
      0U)
      << error("# mine\nbusy: swamped\nintervew: panel was harsh\n");
  EXPECT_NE(error("hiring-frezee: budget\n")
                .find("themes.rules:1: unknown theme 'hiring-frezee'; "
                      "did you mean 'hiring-freeze'?"),
            std::string::npos);
  EXPECT_EQ(error("negaton: no way\n"),
            "themes.rules:1: unknown theme 'negaton'; did you mean 'negation'?");
  EXPECT_EQ(error("busy swamped\n"),
            "themes.rules:1: expected 'theme: phrase', as in 'hiring-freeze: budget cut'");
  EXPECT_EQ(error("busy 0: swamped\n"),
            "themes.rules:1: weight '0' must be a whole number from 1 to 9, as in "
            "'hiring-freeze 2: budget cut'");
  EXPECT_EQ(error("busy: ~ swamped\n"),
            "themes.rules:1: a '~' gap goes between two words, as in 'lack ~ experience'");
  EXPECT_EQ(error("busy: swamped ~\n"),
            "themes.rules:1: the phrase ends with a gap; a '~' goes between two words, as in "
            "'lack ~ experience'");
  EXPECT_EQ(error("busy: swamped ~12 work\n"),
            "themes.rules:1: bad gap '~12'; write '~' (up to 3 words) or '~N' with N from 1 to 9");
  EXPECT_EQ(error("busy:\n"), "themes.rules:1: no words to match; write a phrase after the colon");
  EXPECT_EQ(error("busy: didn't|never reply\n"),
            "themes.rules:1: 'didn't' reads as 2 words; each word of 'a|b' must be one word "
            "(write a separate rule for the longer phrase)");
  EXPECT_EQ(error("negation 2: hardly\n"),
            "themes.rules:1: 'negation' takes no weight; write 'negation: phrase'");
}

class ThemeForUserTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* old = std::getenv("XDG_CONFIG_HOME");
    if (old != nullptr) saved_ = old;
    dir_ = std::filesystem::path(::testing::TempDir()) / "keel-theme-config";
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_ / "keel");
    setenv("XDG_CONFIG_HOME", dir_.c_str(), 1);
  }
  void TearDown() override {
    if (saved_) {
      setenv("XDG_CONFIG_HOME", saved_->c_str(), 1);
    } else {
      unsetenv("XDG_CONFIG_HOME");
    }
    std::filesystem::remove_all(dir_);
  }
  void Write(std::string_view text) { std::ofstream(dir_ / "keel" / "themes.rules") << text; }

  std::filesystem::path dir_;
  std::optional<std::string> saved_;
};

TEST_F(ThemeForUserTest, MissingFileMeansBuiltInRules) {
  Result<ThemeClassifier> classifier = ThemeClassifier::ForUser();
  ASSERT_TRUE(classifier.ok()) << classifier.message();
  EXPECT_EQ(classifier->Classify("We are in a hiring freeze.").theme, Theme::kHiringFreeze);
}

TEST_F(ThemeForUserTest, ReadsTheUsersFile) {
  Write("busy: knee deep in\n");
  Result<ThemeClassifier> classifier = ThemeClassifier::ForUser();
  ASSERT_TRUE(classifier.ok()) << classifier.message();
  EXPECT_EQ(classifier->Classify("Knee deep in audits, sorry").theme, Theme::kBusy);
}

TEST_F(ThemeForUserTest, BadFileIsAnErrorNamingIt) {
  Write("busy: swamped\nbusy 12: slammed\n");
  Result<ThemeClassifier> classifier = ThemeClassifier::ForUser();
  ASSERT_FALSE(classifier.ok());
  EXPECT_EQ(classifier.message().rfind((dir_ / "keel" / "themes.rules").string() + ":2: weight", 0),
            0U)
      << classifier.message();
}

// ---------------------------------------------------------------------------------------------
// The reading shared by texts and rules

std::vector<std::string> Stems(std::string_view text) {
  Stemmer stemmer;
  std::vector<std::string> stems;
  for (const Word& word : stemmer.Words(text)) stems.push_back(word.stem);
  return stems;
}

TEST(ThemeStemmerTest, ReadsContractionsAsTwoWords) {
  using Words = std::vector<std::string>;
  EXPECT_EQ(Stems("didn't"), (Words{"did", "not"}));
  EXPECT_EQ(Stems("didn\u2019t"), (Words{"did", "not"}));
  EXPECT_EQ(Stems("didnt"), (Words{"did", "not"}));
  EXPECT_EQ(Stems("Won't"), (Words{"will", "not"}));
  EXPECT_EQ(Stems("can't cannot"), (Words{"can", "not", "can", "not"}));
  EXPECT_EQ(Stems("you're we'd company's"), (Words{"you", "we", "compani"}));
}

TEST(ThemeStemmerTest, FoldsCaseAccentsAndHyphensAndStems) {
  using Words = std::vector<std::string>;
  EXPECT_EQ(Stems("R\u00e9sum\u00e9 RESUMES"), (Words{"resum", "resum"}));
  EXPECT_EQ(Stems("take-home freezing"), (Words{"take", "home", "freez"}));
  EXPECT_EQ(Stems("over 1,000 applicants"), (Words{"over", "1,000", "applic"}));
}

TEST(ThemeStemmerTest, MarksClausesAndOriginalSpans) {
  Stemmer stemmer;
  const std::vector<Word> words = stemmer.Words("Not this \u2014 that, then - now");
  ASSERT_EQ(words.size(), 5U);
  EXPECT_EQ(words[0].clause, words[1].clause);
  EXPECT_LT(words[1].clause, words[2].clause);
  EXPECT_LT(words[2].clause, words[3].clause);
  EXPECT_LT(words[3].clause, words[4].clause);
  EXPECT_EQ(words[0].begin, 0U);
  EXPECT_EQ(words[0].end, 3U);
}

}  // namespace
}  // namespace keel
