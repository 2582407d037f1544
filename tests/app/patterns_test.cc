// The pattern rules on hand-made reasons. Most tests give the theme explicitly (the override), so
// that they test the counting of sources and not the classifier; the few that classify use texts
// no reasonable rule set could read otherwise.
#include "app/patterns.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "support/dates.h"

namespace keel {
namespace {

const Date kPatternsToday = Day("2026-11-26");

ReasonItem Reason(const std::string& org, const std::string& person, std::optional<Theme> theme,
                  int32_t days_ago = 10, const std::string& text = "some words") {
  static Id next_id = 1;
  ReasonItem item;
  item.ask_id = next_id++;
  item.on = kPatternsToday - days_ago;
  item.org = org;
  item.person = person;
  item.text = text;
  item.theme_override = theme;
  return item;
}

PatternsReport Build(const std::vector<ReasonItem>& items, int64_t silent = 0,
                     int64_t no_reason = 0) {
  return BuildPatterns(items, silent, no_reason, kPatternsToday, kPatternWindowDays,
                       ThemeClassifier::BuiltIn());
}

const ThemeFinding* Find(const std::vector<ThemeFinding>& list, Theme theme) {
  auto it = std::find_if(list.begin(), list.end(),
                         [theme](const ThemeFinding& f) { return f.theme == theme; });
  return it == list.end() ? nullptr : &*it;
}

// The index of the first line containing `text`, or lines.size().
size_t LineWith(const std::vector<std::string>& lines, const std::string& text) {
  for (size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].find(text) != std::string::npos) return i;
  }
  return lines.size();
}

TEST(PatternsTest, ThreePeopleAtOneCompanyAreOneSource) {
  const PatternsReport r = Build({Reason("Acme", "Ann", Theme::kInterviewPerformance),
                                  Reason("ACME", "Bob", Theme::kInterviewPerformance),
                                  Reason(" acme ", "Cy", Theme::kInterviewPerformance)});
  EXPECT_TRUE(r.patterns.empty());
  const ThemeFinding* f = Find(r.single_source, Theme::kInterviewPerformance);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->sources, 1);
  EXPECT_EQ(f->citations, 3);
  EXPECT_EQ(f->quotes.size(), 3u);
  EXPECT_EQ(f->orgs, std::vector<std::string>{"Acme"});
  EXPECT_TRUE(f->suggestion.text.empty());
}

TEST(PatternsTest, SameContactAtTwoOrgsIsOneSource) {
  const PatternsReport r = Build({Reason("Acme", "Jo Smith", Theme::kMaterials),
                                  Reason("Globex", "jo  SMITH", Theme::kMaterials)});
  EXPECT_TRUE(r.patterns.empty());
  const ThemeFinding* f = Find(r.single_source, Theme::kMaterials);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->sources, 1);
  EXPECT_EQ(f->citations, 2);
  EXPECT_EQ(f->orgs, (std::vector<std::string>{"Acme", "Globex"}));
}

TEST(PatternsTest, SourcesAreConnectedComponents) {
  // Jo links Acme and Globex; Ann is at Globex; Bo at Initech is on their own.
  const PatternsReport r = Build({Reason("Acme", "Jo", Theme::kFocusUnclear),
                                  Reason("Globex", "Jo", Theme::kFocusUnclear),
                                  Reason("Globex", "Ann", Theme::kFocusUnclear),
                                  Reason("Initech", "Bo", Theme::kFocusUnclear)});
  ASSERT_EQ(r.patterns.size(), 1u);
  EXPECT_EQ(r.patterns[0].sources, 2);
  EXPECT_EQ(r.patterns[0].citations, 4);
}

TEST(PatternsTest, NoContactNameLinksNothing) {
  const PatternsReport r =
      Build({Reason("Acme", "", Theme::kCompensation), Reason("Globex", "", Theme::kCompensation)});
  ASSERT_EQ(r.patterns.size(), 1u);
  EXPECT_EQ(r.patterns[0].sources, 2);
}

TEST(PatternsTest, ComponentsFormOnlyAmongTheReasonsCitingTheTheme) {
  // Jo's materials remark at Globex must not chain Acme's and Globex's interview remarks.
  const PatternsReport r = Build({Reason("Acme", "Jo", Theme::kInterviewPerformance),
                                  Reason("Globex", "Ann", Theme::kInterviewPerformance),
                                  Reason("Globex", "Jo", Theme::kMaterials)});
  ASSERT_EQ(r.patterns.size(), 1u);
  EXPECT_EQ(r.patterns[0].theme, Theme::kInterviewPerformance);
  EXPECT_EQ(r.patterns[0].sources, 2);
}

TEST(PatternsTest, TwoOrgsMakeAPatternWithQuotesAndASuggestion) {
  ReasonItem acme = Reason("Acme", "Ann", Theme::kInterviewPerformance, 30, "Nervous answers.");
  ReasonItem globex = Reason("Globex", "", Theme::kInterviewPerformance, 5, "Rough coding round.");
  globex.feedback = true;
  const PatternsReport r = Build({globex, acme});
  ASSERT_EQ(r.patterns.size(), 1u);
  const ThemeFinding& f = r.patterns[0];
  EXPECT_TRUE(f.about_you);
  EXPECT_EQ(f.sources, 2);
  EXPECT_EQ(f.citations, 2);
  ASSERT_EQ(f.quotes.size(), 2u);
  EXPECT_EQ(f.quotes[0].org, "Acme");  // oldest first
  EXPECT_EQ(f.quotes[0].on, kPatternsToday - 30);
  EXPECT_EQ(f.quotes[0].text, "Nervous answers.");
  EXPECT_TRUE(f.quotes[0].theme_given);
  EXPECT_TRUE(f.quotes[1].feedback);
  EXPECT_NE(f.suggestion.text.find("mock interviews"), std::string::npos);
  EXPECT_EQ(f.suggestion.text.find("keel action add"), std::string::npos);
  EXPECT_NE(f.suggestion.cli_text.find("keel action add"), std::string::npos);
  EXPECT_NE(f.suggestion.cli_text.find("--theme interview-performance"), std::string::npos);

  const std::vector<std::string> lines = PatternsLines(r);
  EXPECT_LT(LineWith(lines, "interview-performance: 2 sources"), lines.size());
  EXPECT_LT(LineWith(lines, "\"Nervous answers.\""), lines.size());
  EXPECT_LT(LineWith(lines, "What to try: practise with mock interviews"), lines.size());
}

TEST(PatternsTest, WindowBoundaryCountsTheLast180DaysIncludingToday) {
  const PatternsReport r =
      Build({Reason("Acme", "", Theme::kFilled, 180),  // just outside
             Reason("Globex", "", Theme::kFilled, 179), Reason("Initech", "", Theme::kFilled, 0),
             Reason("Umbrella", "", Theme::kFilled, -1)});  // future
  EXPECT_EQ(r.from, kPatternsToday - 179);
  EXPECT_EQ(r.to, kPatternsToday);
  EXPECT_EQ(r.reasons, 2);
  ASSERT_EQ(r.market_signals.size(), 1u);
  EXPECT_EQ(r.market_signals[0].sources, 2);
  EXPECT_EQ(r.market_signals[0].orgs, (std::vector<std::string>{"Globex", "Initech"}));
}

TEST(PatternsTest, ShorterWindow) {
  const PatternsReport r =
      BuildPatterns({Reason("Acme", "", Theme::kBusy, 30), Reason("Globex", "", Theme::kBusy, 29)},
                    0, 0, kPatternsToday, 30, ThemeClassifier::BuiltIn());
  EXPECT_EQ(r.window_days, 30);
  EXPECT_EQ(r.reasons, 1);
  EXPECT_TRUE(r.market_signals.empty());
  ASSERT_EQ(r.single_source.size(), 1u);
}

TEST(PatternsTest, OverrideThemeReplacesTheClassifier) {
  const PatternsReport r =
      Build({Reason("Acme", "", Theme::kMaterials, 3, "The position has been filled."),
             Reason("Globex", "", Theme::kMaterials, 2, "The position has been filled.")});
  EXPECT_TRUE(r.market_signals.empty());
  EXPECT_EQ(Find(r.single_source, Theme::kFilled), nullptr);
  ASSERT_EQ(r.patterns.size(), 1u);
  EXPECT_EQ(r.patterns[0].theme, Theme::kMaterials);
  EXPECT_TRUE(r.patterns[0].quotes[0].theme_given);
  EXPECT_TRUE(r.patterns[0].quotes[0].words.empty());
}

TEST(PatternsTest, GenericIsNeverAPattern) {
  const PatternsReport r =
      Build({Reason("Acme", "", Theme::kGeneric), Reason("Globex", "", Theme::kGeneric),
             Reason("Initech", "", Theme::kGeneric)},
            /*silent=*/7, /*no_reason=*/2);
  EXPECT_TRUE(r.patterns.empty());
  EXPECT_TRUE(r.market_signals.empty());
  EXPECT_TRUE(r.single_source.empty());
  EXPECT_EQ(r.generic, 3);
  EXPECT_EQ(r.silent, 7);
  EXPECT_EQ(r.no_reason, 2);

  const Json j = PatternsJson(r);
  EXPECT_EQ(j["generic"], 3);
  EXPECT_EQ(j["silent"], 7);
  EXPECT_EQ(j["no_reason"], 2);
  EXPECT_EQ(j["note"], "silence and generic replies carry no information about you");

  const std::vector<std::string> lines = PatternsLines(r);
  const size_t at = LineWith(lines, "carry no information about you");
  ASSERT_LT(at, lines.size());
  EXPECT_NE(lines[at].find("3 generic replies, 7 silences and 2 replies without a reason"),
            std::string::npos);
  EXPECT_LT(LineWith(lines, "No pattern about you"), lines.size());
}

TEST(PatternsTest, AboutYouBeforeCircumstantial) {
  const PatternsReport r = Build(
      {Reason("Acme", "", Theme::kHiringFreeze), Reason("Globex", "", Theme::kHiringFreeze),
       Reason("Initech", "", Theme::kHiringFreeze), Reason("Acme", "", Theme::kQualificationsGap),
       Reason("Globex", "", Theme::kQualificationsGap)});
  ASSERT_EQ(r.patterns.size(), 1u);
  EXPECT_EQ(r.patterns[0].theme, Theme::kQualificationsGap);
  ASSERT_EQ(r.market_signals.size(), 1u);
  EXPECT_EQ(r.market_signals[0].theme, Theme::kHiringFreeze);
  EXPECT_EQ(r.market_signals[0].sources, 3);
  EXPECT_FALSE(r.market_signals[0].about_you);

  const Json j = PatternsJson(r);
  EXPECT_EQ(j["patterns"][0]["theme"], "qualifications-gap");
  EXPECT_EQ(j["market_signals"][0]["theme"], "hiring-freeze");

  const std::vector<std::string> lines = PatternsLines(r);
  const size_t about_you = LineWith(lines, "qualifications-gap: 2 sources");
  const size_t market = LineWith(lines, "hiring-freeze: 3 sources (Acme, Globex, Initech)");
  ASSERT_LT(market, lines.size());
  EXPECT_LT(about_you, market);
  EXPECT_LT(LineWith(lines, "not about you"), lines.size());
}

TEST(PatternsTest, MostSourcesFirstThenTableOrder) {
  std::vector<ReasonItem> items;
  for (const char* org : {"A", "B"}) items.push_back(Reason(org, "", Theme::kCompensation));
  for (const char* org : {"A", "B", "C"}) items.push_back(Reason(org, "", Theme::kMaterials));
  for (const char* org : {"C", "D"}) items.push_back(Reason(org, "", Theme::kExperienceLevel));
  const PatternsReport r = Build(items);
  ASSERT_EQ(r.patterns.size(), 3u);
  EXPECT_EQ(r.patterns[0].theme, Theme::kMaterials);
  EXPECT_EQ(r.patterns[1].theme, Theme::kExperienceLevel);
  EXPECT_EQ(r.patterns[2].theme, Theme::kCompensation);
}

TEST(PatternsTest, SingleSourceIsMarkedNotAPattern) {
  const PatternsReport r =
      Build({Reason("Acme", "Ann", Theme::kFollowThrough), Reason("Globex", "", Theme::kVolume)});
  ASSERT_EQ(r.single_source.size(), 2u);
  EXPECT_EQ(r.single_source[0].theme, Theme::kFollowThrough);  // table order
  EXPECT_EQ(r.single_source[1].theme, Theme::kVolume);
  const std::vector<std::string> lines = PatternsLines(r);
  const size_t at = LineWith(lines, "follow-through (about you): not a pattern — one source");
  EXPECT_LT(at, lines.size());
  EXPECT_LT(LineWith(lines, "volume (circumstantial): not a pattern — one source"), lines.size());
  EXPECT_EQ(PatternsJson(r)["single_source"][0]["suggestion"], nullptr);
}

TEST(PatternsTest, JsonShape) {
  ReasonItem acme = Reason("Acme", "Ann", Theme::kBusy, 4, "Too busy right now.");
  const PatternsReport r =
      Build({acme, Reason("Globex", "", Theme::kBusy, 3)}, /*silent=*/1, /*no_reason=*/0);
  const Json j = PatternsJson(r);
  std::vector<std::string> keys;
  for (const auto& item : j.items()) keys.push_back(item.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"window_days", "from", "to", "reasons", "patterns",
                                            "market_signals", "single_source", "generic",
                                            "not_rejections", "silent", "no_reason", "note"}));
  EXPECT_EQ(j["window_days"], 180);
  EXPECT_EQ(j["from"], "2026-05-31");
  EXPECT_EQ(j["to"], "2026-11-26");
  const Json& busy = j["market_signals"][0];
  EXPECT_EQ(busy["theme"], "busy");
  EXPECT_EQ(busy["about_you"], false);
  EXPECT_EQ(busy["sources"], 2);
  EXPECT_EQ(busy["citations"], 2);
  EXPECT_TRUE(busy["suggestion"].is_string());
  EXPECT_EQ(busy["action"], nullptr);  // a circumstantial theme asks nothing of you
  const Json& quote = busy["quotes"][0];
  EXPECT_EQ(quote["date"], "2026-11-22");
  EXPECT_EQ(quote["org"], "Acme");
  EXPECT_EQ(quote["person"], "Ann");
  EXPECT_EQ(quote["text"], "Too busy right now.");
  EXPECT_TRUE(quote["words"].is_array());
}

TEST(PatternsTest, EmptyReportIsKind) {
  const PatternsReport r = Build({});
  const std::vector<std::string> lines = PatternsLines(r);
  EXPECT_LT(LineWith(lines, "No pattern about you"), lines.size());
  EXPECT_EQ(LineWith(lines, "carry no information"), lines.size());
}

TEST(PatternsTest, EveryThemeHasASuggestionButGeneric) {
  for (size_t t = 0; t < kThemeNames.size(); ++t) {
    const auto theme = static_cast<Theme>(t);
    const Suggestion s = ThemeSuggestion(theme);
    // The page's words name no CLI command or flag; the CLI's name the command.
    EXPECT_EQ(s.text.find("keel "), std::string::npos) << s.text;
    EXPECT_EQ(s.text.find("--"), std::string::npos) << s.text;
    if (theme == Theme::kGeneric) {
      EXPECT_TRUE(s.text.empty());
      EXPECT_TRUE(s.cli_text.empty());
    } else if (IsAboutYou(theme)) {
      EXPECT_FALSE(s.action.empty());
      EXPECT_NE(s.text.find(fmt::format("record it as an action ('{}')", s.action)),
                std::string::npos)
          << s.text;
      EXPECT_NE(s.cli_text.find(
                    fmt::format("`keel action add \"{}\" --theme {}`", s.action, Name(theme))),
                std::string::npos)
          << s.cli_text;
    } else {
      EXPECT_TRUE(s.action.empty());
      EXPECT_EQ(s.text.rfind("nothing to change in you", 0), 0u) << s.text;
      EXPECT_EQ(s.cli_text.rfind("nothing to change in you", 0), 0u) << s.cli_text;
    }
  }
}

// These use the built-in classifier on texts whose theme is beyond doubt.
TEST(PatternsClassifiedTest, ClassifiedTextsMakePatternsAndSignals) {
  const PatternsReport r =
      Build({Reason("Acme", "", std::nullopt, 9, "Your interview did not go well."),
             Reason("Globex", "", std::nullopt, 8, "Your interview did not go well."),
             Reason("Initech", "", std::nullopt, 7, "We are in a hiring freeze."),
             Reason("Umbrella", "", std::nullopt, 6, "We are in a hiring freeze.")});
  ASSERT_EQ(r.patterns.size(), 1u);
  EXPECT_EQ(r.patterns[0].theme, Theme::kInterviewPerformance);
  EXPECT_FALSE(r.patterns[0].quotes[0].theme_given);
  EXPECT_FALSE(r.patterns[0].quotes[0].words.empty());
  ASSERT_EQ(r.market_signals.size(), 1u);
  EXPECT_EQ(r.market_signals[0].theme, Theme::kHiringFreeze);
}

TEST(PatternsClassifiedTest, GenericTextsAreCountedNotPatterns) {
  const PatternsReport r = Build(
      {Reason("Acme", "", std::nullopt, 9, "We decided to move forward with other candidates."),
       Reason("Globex", "", std::nullopt, 8, "We decided to move forward with other candidates."),
       Reason("Initech", "", std::nullopt, 7, "The position has been filled.")});
  EXPECT_EQ(r.generic, 2);
  EXPECT_TRUE(r.patterns.empty());
  EXPECT_TRUE(r.market_signals.empty());
  ASSERT_EQ(r.single_source.size(), 1u);
  EXPECT_EQ(r.single_source[0].theme, Theme::kFilled);
}

// Issue 9: four invitations used to make "interview-performance: 4 sources", a false pattern
// about the seeker. A reason given with a yes, or whose words read as a yes, is no rejection.
TEST(PatternsClassifiedTest, ReasonsGivenWithAYesMakeNoPattern) {
  std::vector<ReasonItem> items = {
      Reason("Acme", "", std::nullopt, 9, "We'd like to invite you to a phone screen."),
      Reason("Globex", "", std::nullopt, 8, "Sam passed your resume along; expect a call."),
      Reason("Initech", "", std::nullopt, 7,
             "The panel would like to schedule a technical interview with you."),
      Reason("Umbrella", "", std::nullopt, 6,
             "Your onsite interview went well: we'd like to "
             "make you an offer.")};
  // Marked as given with a yes, even words that read as a reason count nowhere.
  items.push_back(Reason("Hooli", "", std::nullopt, 5, "Your interview was rough, but yes."));
  items.back().with_yes = true;
  items.push_back(Reason("Vandelay", "", Theme::kInterviewPerformance, 5, "Chosen, but a yes."));
  items.back().with_yes = true;
  const PatternsReport r = Build(items);
  EXPECT_TRUE(r.patterns.empty());
  EXPECT_TRUE(r.market_signals.empty());
  EXPECT_TRUE(r.single_source.empty());
  EXPECT_EQ(r.generic, 0);
  EXPECT_EQ(r.reasons, 0);
  EXPECT_EQ(r.not_rejections, 6);
  EXPECT_EQ(PatternsJson(r)["not_rejections"], 6);
  EXPECT_LT(LineWith(PatternsLines(r), "No pattern about you"), PatternsLines(r).size());
}

}  // namespace
}  // namespace keel
