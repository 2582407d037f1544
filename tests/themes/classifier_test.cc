#include "themes/classifier.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "themes/model.h"
#include "themes/stemmer.h"

namespace keel {
namespace {

// ---------------------------------------------------------------------------------------------
// The labelled reasons. Two files, both with the columns source, theme, text (theme may be `none`:
// not a rejection):
// - tests/themes/labelled_reasons.tsv, the DEV set: the rules are tuned on it. It holds the first
//   set (v1-dev, v1-holdout), round one's holdout_v2 (its 140 rows, burned once their misses
//   were read), and 260 texts from a second, independent writer.
// - tests/themes/holdout_v3.tsv and holdout_v4.tsv, the HOLDOUTS: each written by someone who
//   never saw the rules or the model, copied here after they were final and committed, measured
//   once, never used to tune. Their misses are not printed.

struct Labelled {
  std::string source;
  Theme theme = Theme::kGeneric;
  std::string text;
};

std::string SetPath(std::string_view name) {
  return std::string(KEEL_SOURCE_DIR) + "/tests/themes/" + std::string(name);
}

Result<Theme> ParseLabel(std::string_view name) {
  if (name == kNoneName) return Theme::kNone;
  return ParseTheme(name);
}

std::vector<Labelled> LoadSet(std::string_view name) {
  const std::string path = SetPath(name);
  std::ifstream in(path);
  EXPECT_TRUE(in) << "cannot open " << path;
  std::vector<Labelled> rows;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (number == 1) {
      EXPECT_EQ(line, "source\ttheme\ttext") << path;
      continue;
    }
    if (line.empty()) continue;
    const size_t tab1 = line.find('\t');
    const size_t tab2 = line.find('\t', tab1 + 1);
    if (tab1 == std::string::npos || tab2 == std::string::npos) {
      ADD_FAILURE() << path << ":" << number << ": expected three tab-separated columns";
      continue;
    }
    Labelled row;
    row.source = line.substr(0, tab1);
    Result<Theme> theme = ParseLabel(line.substr(tab1 + 1, tab2 - tab1 - 1));
    if (!theme.ok() || row.source.empty()) {
      ADD_FAILURE() << path << ":" << number << ": no source or " << theme.message();
      continue;
    }
    row.theme = *theme;
    row.text = line.substr(tab2 + 1);
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<Labelled> LoadLabelled() { return LoadSet("labelled_reasons.tsv"); }

// The classes of the about-you question: about you, circumstantial, generic, none.
enum class Class { kAboutYou, kCircumstantial, kGeneric, kNone };
constexpr std::array<std::string_view, 4> kClassNames = {"about you", "circumstantial", "generic",
                                                         "none"};
Class ClassOf(Theme theme) {
  if (theme == Theme::kNone) return Class::kNone;
  if (theme == Theme::kGeneric) return Class::kGeneric;
  return IsAboutYou(theme) ? Class::kAboutYou : Class::kCircumstantial;
}

struct Tally {
  int total = 0;
  int theme_right = 0;
  int about_you_right = 0;
  std::array<std::array<int, 4>, 4> confusion{};              // [wanted kind][got kind]
  std::array<int, kThemeNames.size() + 1> per_theme{};        // labelled texts (the last: none)
  std::array<int, kThemeNames.size() + 1> per_theme_right{};  // of them read right
};

double Percent(int part, int whole) { return whole == 0 ? 0.0 : 100.0 * part / whole; }

// The Wilson score interval at 95 %, in percent.
std::pair<double, double> Wilson(int part, int whole) {
  if (whole == 0) return {0.0, 0.0};
  constexpr double z = 1.959963984540054;
  const double n = whole;
  const double p = part / n;
  const double centre = (p + z * z / (2 * n)) / (1 + z * z / n);
  const double half = z * std::sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n);
  return {100.0 * (centre - half), 100.0 * (centre + half)};
}

std::string Figure(int part, int whole) {
  const auto [low, high] = Wilson(part, whole);
  return fmt::format("{}/{} = {:.1f} % (95 % CI {:.1f}-{:.1f})", part, whole, Percent(part, whole),
                     low, high);
}

// How a set is read: by keel (the rules and the trained model), or by the rules alone.
enum class By { kKeel, kRulesAlone };

Tally Measure(const std::vector<Labelled>& rows, bool print_misses, By by = By::kKeel) {
  const ThemeClassifier& classifier = ThemeClassifier::BuiltIn();
  Tally tally;
  for (const Labelled& row : rows) {
    const Classification got =
        by == By::kKeel ? classifier.Classify(row.text) : classifier.ClassifyByRules(row.text);
    ++tally.total;
    ++tally.per_theme[static_cast<size_t>(row.theme)];
    if (got.theme == row.theme) {
      ++tally.theme_right;
      ++tally.per_theme_right[static_cast<size_t>(row.theme)];
    }
    if (got.about_you == IsAboutYou(row.theme)) ++tally.about_you_right;
    ++tally.confusion[static_cast<size_t>(ClassOf(row.theme))]
                     [static_cast<size_t>(ClassOf(got.theme))];
    if (print_misses && got.theme != row.theme) {
      std::cout << "  dev miss: want " << Name(row.theme) << ", got " << Name(got.theme) << " ("
                << fmt::format("{}", fmt::join(got.words, "; ")) << "): " << row.text << "\n";
    }
  }
  return tally;
}

// Right/total per labelled theme: counts only, so a holdout's texts stay unread.
void PrintPerTheme(std::string_view name, const Tally& t) {
  std::cout << name << " per labelled theme (read right / labelled)\n";
  for (size_t i = 0; i < t.per_theme.size(); ++i) {
    const std::string_view theme = i < kThemeNames.size() ? kThemeNames[i] : kNoneName;
    std::cout << fmt::format("  {:>22} {:>3}/{:<3}\n", theme, t.per_theme_right[i], t.per_theme[i]);
  }
}

void PrintConfusion(std::string_view name, const Tally& t) {
  std::cout << name << " confusion (rows: labelled, columns: classified as)\n";
  std::cout << fmt::format("  {:>16}", "");
  for (std::string_view k : kClassNames) std::cout << fmt::format(" {:>15}", k);
  std::cout << "\n";
  for (size_t want = 0; want < 4; ++want) {
    std::cout << fmt::format("  {:>16}", kClassNames[want]);
    for (size_t got = 0; got < 4; ++got)
      std::cout << fmt::format(" {:>15}", t.confusion[want][got]);
    std::cout << "\n";
  }
}

TEST(ThemeLabelledSetTest, DevCoversEveryThemeAndTheSetsHold400) {
  const std::vector<Labelled> rows = LoadLabelled();
  ASSERT_GE(rows.size(), 400U);
  std::array<int, kThemeNames.size() + 1> per_theme{};  // the last is none
  for (const Labelled& row : rows) ++per_theme[static_cast<size_t>(row.theme)];
  for (size_t t = 0; t < per_theme.size(); ++t) {
    EXPECT_GE(per_theme[t], 15) << (t < kThemeNames.size() ? kThemeNames[t] : kNoneName);
  }
  EXPECT_GE(per_theme[static_cast<size_t>(Theme::kNone)], 30);
}

std::string Summary(std::string_view name, const Tally& t) {
  return fmt::format("{}: theme {}; about-you {}", name, Figure(t.theme_right, t.total),
                     Figure(t.about_you_right, t.total));
}

TEST(ThemeAccuracyTest, DevSet) {
  const std::vector<Labelled> rows = LoadLabelled();
  const Tally dev = Measure(rows, /*print_misses=*/true);
  std::cout << Summary("dev", dev) << "\n";
  PrintConfusion("dev", dev);
  std::cout << Summary("dev, rules alone", Measure(rows, false, By::kRulesAlone)) << "\n";
  RecordProperty("dev", Summary("dev", dev));
  // Both the rules and the model were fitted to these texts: near 100 % says nothing about new
  // writers. The holdouts below are the honest figures.
  EXPECT_GE(Percent(dev.theme_right, dev.total), 90.0);
  EXPECT_GE(Percent(dev.about_you_right, dev.total), 97.0);
}

// Prints a holdout's figures (keel's, and the rules' alone for comparison), confusion and
// right/total per labelled theme: counts only, so its texts stay unread. Returns keel's tally.
Tally ReportHoldout(std::string_view name) {
  const std::vector<Labelled> rows = LoadSet(fmt::format("{}.tsv", name));
  EXPECT_GE(rows.size(), 100U);
  const Tally keel = Measure(rows, /*print_misses=*/false);
  const Tally rules = Measure(rows, /*print_misses=*/false, By::kRulesAlone);
  std::cout << Summary(name, keel) << "\n";
  PrintConfusion(name, keel);
  PrintPerTheme(name, keel);
  std::cout << Summary(fmt::format("{}, rules alone", name), rules) << "\n";
  testing::Test::RecordProperty(std::string(name), Summary(name, keel));
  return keel;
}

// The targets are theme >= 90 % and about-you >= 97 % on texts by a writer who never saw the rules
// or the model. What each holdout reached is asserted, so a change can only keep or raise it.

TEST(ThemeAccuracyTest, HoldoutV3) {
  // Rules alone, final before this file was copied here (1cd7526): 122/160 (76.2 %) and 141/160
  // (88.1 %), measured once. With the trained model (final in 195cde1), 140/160 and 156/160:
  // this aggregate was looked at once, as a sanity check, before holdout_v4 was opened; the
  // model and its combination were not changed after it. Its misses were never printed.
  const Tally t = ReportHoldout("holdout_v3");
  EXPECT_GE(t.theme_right, 140);
  EXPECT_GE(t.about_you_right, 156);
}

TEST(ThemeAccuracyTest, HoldoutV4) {
  // A fresh writer's 170 texts, copied here (4698a05) after the model and its combination were
  // final and committed (195cde1), measured once: 144/170 (84.7 %) and 155/170 (91.2 %); the rules
  // alone 137/170 and 152/170. Short of both targets (docs/themes.md says why). Nothing was tuned
  // after that, and the misses were never printed.
  const Tally t = ReportHoldout("holdout_v4");
  EXPECT_GE(t.theme_right, 144);
  EXPECT_GE(t.about_you_right, 155);
}

// ---------------------------------------------------------------------------------------------
// Behaviour

// The rules' mechanics are tested on the rules alone: the trained model may overrule them on a
// text (ThemeModelTest below), and a test of a negation or a weight should not hang on it.
Classification Classify(std::string_view text) {
  return ThemeClassifier::BuiltIn().ClassifyByRules(text);
}

// ---------------------------------------------------------------------------------------------
// The trained model and how it joins the rules

TEST(ThemeModelTest, FeaturesAreStemsAndPairsWithinAClause) {
  Stemmer stemmer;
  EXPECT_EQ(ModelFeatures(stemmer.Words("Lacks experience, sadly")),
            (std::vector<std::string>{"experi", "lack", "lack+experi", "sad"}));
  EXPECT_EQ(ModelFeatures(stemmer.Words("")), std::vector<std::string>{});
}

TEST(ThemeModelTest, TheEmbeddedModelReadsEveryClass) {
  // The dev texts cover all 15 classes, so a model that parsed wrong (a class missing, weights
  // shifted) would not name them all.
  std::set<Theme> named;
  Stemmer stemmer;
  for (const Labelled& row : LoadLabelled()) {
    const ModelGuess guess = ThemeModel::BuiltIn().Predict(stemmer.Words(row.text));
    EXPECT_GT(guess.probability, 0.0);
    EXPECT_LE(guess.probability, 1.0);
    named.insert(guess.theme);
  }
  EXPECT_EQ(named.size(), kThemeNames.size() + 1);
}

TEST(ThemeModelTest, TheModelNamesWhatNoRuleKnows) {
  // No rule knows "knee-deep in": the rules say generic, the model says busy, and says so.
  const char* text = "I'm knee-deep in a migration.";
  EXPECT_EQ(Classify(text).theme, Theme::kGeneric);
  const Classification got = ThemeClassifier::BuiltIn().Classify(text);
  EXPECT_EQ(got.theme, Theme::kBusy);
  EXPECT_FALSE(got.about_you);
  EXPECT_TRUE(got.by_model);
  EXPECT_TRUE(got.words.empty());
  EXPECT_EQ(got.themes, std::vector<Theme>{Theme::kBusy});
}

TEST(ThemeModelTest, WhenBothAgreeTheRulesAnswerWithTheirWords) {
  const Classification got =
      ThemeClassifier::BuiltIn().Classify("Budget constraints and a hiring freeze.");
  EXPECT_EQ(got.theme, Theme::kHiringFreeze);
  EXPECT_FALSE(got.by_model);
  EXPECT_FALSE(got.words.empty());
}

TEST(ThemeModelTest, TheModelNeverAnswersGeneric) {
  // Saying "no reason given" is left to the rules: wherever keel says generic, the rules did.
  const ThemeClassifier& classifier = ThemeClassifier::BuiltIn();
  for (const Labelled& row : LoadLabelled()) {
    const Classification got = classifier.Classify(row.text);
    if (got.theme == Theme::kGeneric) {
      EXPECT_FALSE(got.by_model) << row.text;
      EXPECT_EQ(classifier.ClassifyByRules(row.text).theme, Theme::kGeneric) << row.text;
    }
    EXPECT_EQ(got.about_you, IsAboutYou(got.theme)) << row.text;
    ASSERT_FALSE(got.themes.empty());
    EXPECT_EQ(got.themes.front(), got.theme);
    EXPECT_EQ(std::set<Theme>(got.themes.begin(), got.themes.end()).size(), got.themes.size());
    EXPECT_EQ(got.words.empty(), got.theme == Theme::kGeneric || got.by_model) << row.text;
  }
}

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

// The five misreadings of issue 9, each with the phrasing family it stands for.
TEST(ThemeClassifierTest, SomeoneWithMoreExperienceIsAQualificationsGap) {
  for (const char* text :
       {"decided to go with a candidate who has more Tableau experience",
        "They decided to go with a candidate who had more Tableau and Alteryx experience.",
        "They chose an applicant with deeper Salesforce expertise.",
        "In the end they hired someone with stronger Python skills.",
        "went with someone who has more experience in healthcare claims data",
        "The client went with someone who had more experience in claims analytics specifically.",
        "We went with a finalist who already had experience building dbt pipelines.",
        "looking for candidates with more direct analytics experience",
        "The team is looking for candidates with more direct product analytics experience.",
        "We're looking for someone with more experience in statistical modelling."}) {
    const Classification got = Classify(text);
    EXPECT_EQ(Name(got.theme), "qualifications-gap") << text;
    EXPECT_TRUE(got.about_you) << text;
  }
}

TEST(ThemeClassifierTest, InterviewedWellButJuniorIsExperienceLevel) {
  for (const char* text :
       {"you interviewed well, but you're a bit junior for that",
        "You interviewed really well, but for that role you're a bit junior.",
        "Your interviews were strong, but you're a little junior for a lead role.",
        "Good interviews all round; they just think you're a bit junior for "
        "the team lead title.",
        "You did great in the case study, though we think you're somewhat green "
        "for this level."}) {
    EXPECT_EQ(Name(Classify(text).theme), "experience-level") << text;
  }
}

TEST(ThemeClassifierTest, RamblingAnswersAreInterviewPerformance) {
  for (const char* text : {"answers ran long and lacked structure",
                           "Answers went long and didn't have much structure.",
                           "The panel felt your responses were long-winded and lacked focus.",
                           "Some answers rambled and it was hard to tell what you did yourself.",
                           "We needed more structure in how you walked through the case."}) {
    EXPECT_EQ(Name(Classify(text).theme), "interview-performance") << text;
  }
}

TEST(ThemeClassifierTest, AYesIsNoRejection) {
  for (const char* text :
       {"We'd like to invite you to a phone screen", "Sam passed your resume along",
        "We'd like to invite you to a phone screen with the hiring manager next week.",
        "Thanks for your time yesterday. We're excited to invite you to the final round.",
        "Happy to chat! Does Thursday at 3pm work?",
        "We are delighted to offer you the position of Data Analyst.",
        "Sure, happy to help. I've forwarded your profile to our talent team.",
        "The client was impressed and would like to interview you on Monday."}) {
    const Classification got = Classify(text);
    EXPECT_EQ(got.theme, Theme::kNone) << text << " -> " << Name(got.theme);
    EXPECT_EQ(got.themes, std::vector<Theme>{Theme::kNone}) << text;
    EXPECT_FALSE(got.about_you) << text;
    EXPECT_FALSE(got.words.empty()) << text;
  }
  EXPECT_EQ(Name(Theme::kNone), "none");
  EXPECT_FALSE(ParseTheme("none").ok());  // nobody files "none" with --theme
}

TEST(ThemeClassifierTest, ARejectionThatSoundsKindIsStillARejection) {
  // Rejection wording or a heavier reason outweighs the friendly words.
  EXPECT_EQ(Classify("Unfortunately we're moving forward with other candidates, but happy to chat "
                     "about future roles.")
                .theme,
            Theme::kGeneric);
  EXPECT_EQ(Classify("We won't be inviting you to the onsite interview.").theme, Theme::kGeneric);
  EXPECT_EQ(Classify("Happy to chat, but I'm slammed until the end of the quarter; ping me in "
                     "April?")
                .theme,
            Theme::kBusy);
}

// Round two: kind words before a contrast word are no yes when a reason follows it.
TEST(ThemeClassifierTest, KindWordsBeforeAButAreNoYes) {
  EXPECT_EQ(Classify("I'd love to help, but I'm swamped until the end of the quarter.").theme,
            Theme::kBusy);
  EXPECT_EQ(Classify("Happy to chat, but honestly I'm not sure what you're looking for.").theme,
            Theme::kFocusUnclear);
  // Without a reason after the "but", the kind words stay a yes.
  EXPECT_EQ(Classify("I'd love to help! Does Tuesday work?").theme, Theme::kNone);
  EXPECT_EQ(Classify("Happy to chat, but not before Tuesday. Does 3pm work?").theme, Theme::kNone);
}

// A negated yes ("you never sent over the resume") leaves its words to the reason.
TEST(ThemeClassifierTest, ANegatedYesLeavesItsWordsToTheReason) {
  EXPECT_EQ(
      Classify("You never sent over the updated resume I asked for, and now the req has closed.")
          .theme,
      Theme::kFollowThrough);
  EXPECT_EQ(Classify("We won't be inviting you to the onsite interview.").theme, Theme::kGeneric);
}

// Phrase families that round one's holdout and the new dev texts showed missing.
TEST(ThemeClassifierTest, RoundTwoPhraseFamilies) {
  const std::vector<std::pair<const char*, std::string_view>> cases = {
      {"Sorry, we're hiring at staff level and you'd come in a level or two below that.",
       "experience-level"},
      {"You're strong for a mid-level IC, but the Director scope is a step beyond where you are.",
       "experience-level"},
      {"With you at 180 base and their ceiling at 150, there's no way to make the numbers work.",
       "compensation"},
      {"Our freelance budget is set at $60/hr and you quoted $95.", "compensation"},
      {"We're drowning in applications right now.", "volume"},
      {"The references you promised never came through.", "follow-through"},
      {"You did not schedule your interview within 5 business days.", "follow-through"},
      {"Your score did not meet the threshold required to advance.", "interview-performance"},
      {"She came away unsure whether you want to stay hands-on or manage.", "focus-unclear"},
      {"They went with someone who's done a full Workday rollout before.", "qualifications-gap"},
      {"Thrilled to say you've passed the technical round. Next up is a chat with our CTO.",
       "none"},
      {"Great news, the team would like to bring you in for a final round onsite.", "none"},
      {"Your interview for Analyst has been scheduled for Monday at 9:00.", "none"},
      {"Thank you for interviewing with us. We've decided to go in a different direction.",
       "generic"},
      {"Thank you for applying for the Programme Officer vacancy. Your application was "
       "unsuccessful.",
       "generic"},
  };
  for (const auto& [text, want] : cases) EXPECT_EQ(Name(Classify(text).theme), want) << text;
}

TEST(ThemeClassifierTest, WordsListEachPhraseOnce) {
  std::string text;
  for (int i = 0; i < 100; ++i) text += "The interview. ";
  const Classification got = Classify(text);
  EXPECT_EQ(got.theme, Theme::kInterviewPerformance);
  EXPECT_EQ(got.words, std::vector<std::string>{"interview"});
  const Classification mixed = Classify("Hiring freeze. A hiring freeze! HIRING FREEZE, budget.");
  EXPECT_EQ(mixed.words, (std::vector<std::string>{"Hiring freeze", "budget"}));
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
    EXPECT_EQ(std::set<std::string>(got.words.begin(), got.words.end()).size(), got.words.size())
        << row.text;
  }
}

TEST(ThemeClassifierTest, IsDeterministic) {
  Result<ThemeClassifier> other = ThemeClassifier::WithExtraRules("", "empty.rules");
  ASSERT_TRUE(other.ok()) << other.message();
  for (const Labelled& row : LoadLabelled()) {
    const Classification a = Classify(row.text);
    const Classification b = Classify(row.text);
    const Classification c = other->ClassifyByRules(row.text);
    for (const Classification* x : {&b, &c}) {
      EXPECT_EQ(a.theme, x->theme) << row.text;
      EXPECT_EQ(a.themes, x->themes) << row.text;
      EXPECT_EQ(a.words, x->words) << row.text;
    }
    const Classification d = ThemeClassifier::BuiltIn().Classify(row.text);
    const Classification e = other->Classify(row.text);
    EXPECT_EQ(d.theme, e.theme) << row.text;
    EXPECT_EQ(d.themes, e.themes) << row.text;
  }
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
  EXPECT_EQ(error("courtesy 2: cheers\n"),
            "themes.rules:1: 'courtesy' takes no weight; write 'courtesy: phrase'");
  EXPECT_EQ(error("none 3: see you monday\npraise: stellar\ncourtesy: cheers\ncontrast: albeit\n"),
            "(ok)");
  EXPECT_EQ(error("contrast 2: albeit\n"),
            "themes.rules:1: 'contrast' takes no weight; write 'contrast: phrase'");
}

class ThemeForUserTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* old = std::getenv("XDG_CONFIG_HOME");
    if (old != nullptr) saved_ = old;
    // ctest runs each test as its own process, two at a time: a folder per test and process.
    const ::testing::TestInfo* test = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = std::filesystem::path(::testing::TempDir()) /
           (std::string("keel-theme-config-") + test->name() + "-" + std::to_string(getpid()));
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

// A person's own rules outrank the model: whenever the rules (theirs included) name a reason or a
// yes, that is the answer; the model only reads texts the rules call generic.
TEST(ThemeClassifierTest, UserRulesComeBeforeTheModel) {
  Result<ThemeClassifier> mine = ThemeClassifier::WithExtraRules("busy: knee deep in\n", "mine");
  ASSERT_TRUE(mine.ok()) << mine.message();
  size_t model_would_differ = 0;
  for (const Labelled& row : LoadLabelled()) {
    const Classification by_rules = mine->ClassifyByRules(row.text);
    const Classification read = mine->Classify(row.text);
    if (by_rules.theme != Theme::kGeneric) {
      EXPECT_EQ(read.theme, by_rules.theme) << row.text;
      EXPECT_FALSE(read.by_model) << row.text;
      if (ThemeClassifier::BuiltIn().Classify(row.text).theme != by_rules.theme) {
        ++model_would_differ;
      }
    }
  }
  EXPECT_GT(model_would_differ, 0U);  // the built-in classifier does let the model overrule
  EXPECT_EQ(mine->Classify("Knee deep in audits, sorry").theme, Theme::kBusy);
}

}  // namespace
}  // namespace keel
