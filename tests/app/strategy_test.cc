// The strategy: the deal-breaker guard's matching rules, the focus test, the stored document, and
// the edit rules with their messages. Pure functions over plain values: no store.
#include "app/strategy.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support/dates.h"

namespace keel {
namespace {

Ask AskFor(const std::string& role, const std::string& note = "") {
  Ask a;
  a.id = 1;
  a.asked_on = Day("2026-11-20");
  a.org = "Globex";
  a.role = role;
  a.note = note;
  return a;
}

Strategy With(std::vector<StrategyItem> focus, std::vector<StrategyItem> deal_breakers) {
  Strategy s;
  s.focus = std::move(focus);
  s.deal_breakers = std::move(deal_breakers);
  return s;
}

StrategyItem Item(const char* field, const char* text, const char* since = "2026-10-02") {
  return StrategyItem{field, text, Day(since)};
}

// --- the guard ----------------------------------------------------------------------------------

TEST(StrategyGuardTest, WholeWordsIgnoringCase) {
  const Strategy s = With({}, {Item("role", "sales")});
  EXPECT_TRUE(FindDealBreaker(s, AskFor("Sales Manager")));
  EXPECT_TRUE(FindDealBreaker(s, AskFor("Head of Inside SALES")));
  EXPECT_TRUE(FindDealBreaker(s, AskFor("sales-engineer")));
  EXPECT_FALSE(FindDealBreaker(s, AskFor("Wholesale Buyer")));
  EXPECT_FALSE(FindDealBreaker(s, AskFor("wholesales lead")));
  EXPECT_FALSE(FindDealBreaker(s, AskFor("Salesforce admin")));
  EXPECT_FALSE(FindDealBreaker(s, AskFor("")));
}

TEST(StrategyGuardTest, PhrasesMatchAsAWholeWithSpacesCollapsed) {
  const Strategy s = With({}, {Item("industry", "ad tech")});
  Ask a = AskFor("data engineer");
  a.facets.industry = "Ad  Tech platforms";
  EXPECT_TRUE(FindDealBreaker(s, a));
  a.facets.industry = "tech for ads";
  EXPECT_FALSE(FindDealBreaker(s, a));
  a.facets.industry = "bad tech";
  EXPECT_FALSE(FindDealBreaker(s, a));
}

TEST(StrategyGuardTest, MessageQuotesTheWordsAndTheDate) {
  const Strategy s = With({}, {Item("location", "relocation")});
  Ask a = AskFor("data engineer");
  a.facets.location = "Relocation to Austin";
  const std::optional<DealBreakerHit> hit = FindDealBreaker(s, a);
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->message, "On 2026-10-02 you ruled out location 'relocation'");
  EXPECT_EQ(hit->item, Item("location", "relocation"));
}

TEST(StrategyGuardTest, RoleIndustryAndLocationAreAlsoLookedForInTheNote) {
  const Strategy s = With({}, {Item("location", "relocation")});
  const std::optional<DealBreakerHit> hit =
      FindDealBreaker(s, AskFor("data engineer", "requires relocation within 3 months"));
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->message,
            "On 2026-10-02 you ruled out location 'relocation' (the ask's note mentions it)");
  EXPECT_TRUE(FindDealBreaker(With({}, {Item("industry", "crypto")}),
                              AskFor("data engineer", "a Crypto startup")));
  EXPECT_TRUE(FindDealBreaker(With({}, {Item("role", "manager")}),
                              AskFor("data engineer", "really a manager role")));
}

TEST(StrategyGuardTest, SeniorityAndRemoteAreNotLookedForInTheNote) {
  EXPECT_FALSE(FindDealBreaker(With({}, {Item("seniority", "senior")}),
                               AskFor("data engineer", "reports to senior stakeholders")));
  EXPECT_FALSE(FindDealBreaker(With({}, {Item("remote", "onsite")}),
                               AskFor("data engineer", "onsite once a quarter")));
}

TEST(StrategyGuardTest, RemoteComparesForEquality) {
  const Strategy s = With({}, {Item("remote", "onsite")});
  Ask a = AskFor("data engineer");
  a.facets.remote = "onsite";
  EXPECT_TRUE(FindDealBreaker(s, a));
  a.facets.remote = "hybrid";
  EXPECT_FALSE(FindDealBreaker(s, a));
  a.facets.remote = "";
  EXPECT_FALSE(FindDealBreaker(s, a));
}

TEST(StrategyGuardTest, SalaryBelowTheFloor) {
  Strategy s;
  s.salary_floor = 90000;
  s.salary_floor_since = Day("2026-10-02");
  Ask a = AskFor("data engineer");
  EXPECT_FALSE(FindDealBreaker(s, a)) << "an ask that does not say its pay cannot break the floor";
  a.facets.salary = 90000;
  EXPECT_FALSE(FindDealBreaker(s, a));
  a.facets.salary = 75000;
  const std::optional<DealBreakerHit> hit = FindDealBreaker(s, a);
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->message, "On 2026-10-02 you set a salary floor of 90000; this role pays 75000");
  EXPECT_EQ(hit->item.field, "salary");
  EXPECT_EQ(hit->item.text, "90000");
}

TEST(StrategyGuardTest, FirstDealBreakerInOrderWins) {
  const Strategy s =
      With({}, {Item("industry", "crypto", "2026-10-01"), Item("role", "sales", "2026-10-03")});
  Ask a = AskFor("crypto sales lead");
  a.facets.industry = "crypto";
  EXPECT_EQ(FindDealBreaker(s, a)->item.text, "crypto");
}

TEST(StrategyGuardTest, NonAsciiLettersArePartOfAWord) {
  const Strategy s = With({}, {Item("location", "rich")});
  Ask a = AskFor("data engineer");
  a.facets.location = "Zürich";
  EXPECT_FALSE(FindDealBreaker(s, a));
}

// --- focus --------------------------------------------------------------------------------------

TEST(StrategyFocusTest, OnAndOffFocus) {
  const Strategy s = With({Item("role", "data engineer"), Item("role", "analytics engineer")}, {});
  EXPECT_FALSE(IsOffFocus(s, AskFor("Senior Data Engineer")));
  EXPECT_FALSE(IsOffFocus(s, AskFor("analytics engineer II")));
  EXPECT_TRUE(IsOffFocus(s, AskFor("Sales Manager")));
  EXPECT_EQ(OffFocusReason(s, AskFor("Sales Manager")).value(),
            "role 'Sales Manager' is outside your focus ('data engineer', 'analytics engineer')");
}

TEST(StrategyFocusTest, AnAskThatSaysNothingCountsAsOnFocus) {
  const Strategy s = With({Item("role", "data engineer"), Item("location", "Berlin")}, {});
  const Ask silent_on_both = AskFor("");
  EXPECT_FALSE(IsOffFocus(s, silent_on_both));
  EXPECT_FALSE(CanJudgeFocus(s, silent_on_both));
  // The note is never read for focus: only the ask's own values are.
  EXPECT_FALSE(IsOffFocus(s, AskFor("", "a sales job in Munich")));
  // One focused field said and matched, the other unsaid: on focus.
  EXPECT_FALSE(IsOffFocus(s, AskFor("data engineer")));
  EXPECT_TRUE(CanJudgeFocus(s, AskFor("data engineer")));
  // A said field that misses makes it off focus even when another matches.
  Ask munich = AskFor("data engineer");
  munich.facets.location = "Munich";
  EXPECT_EQ(OffFocusReason(s, munich).value(),
            "location 'Munich' is outside your focus ('Berlin')");
}

TEST(StrategyFocusTest, ADealBreakerIsOffFocusEvenOnAFocusedRole) {
  const Strategy s = With({Item("role", "data engineer")}, {Item("location", "relocation")});
  Ask a = AskFor("data engineer", "needs relocation");
  EXPECT_TRUE(IsOffFocus(s, a));
  EXPECT_EQ(OffFocusReason(s, a).value(),
            "location 'relocation' (ruled out on 2026-10-02, named in the note)");
  Strategy floor;
  floor.salary_floor = 90000;
  floor.salary_floor_since = Day("2026-10-02");
  a.facets.salary = 80000;
  EXPECT_EQ(OffFocusReason(floor, a).value(),
            "pays 80000, below the salary floor of 90000 you set on 2026-10-02");
}

TEST(StrategyFocusTest, NoStrategyMeansEverythingIsOnFocus) {
  EXPECT_FALSE(IsOffFocus(Strategy(), AskFor("anything at all")));
}

// --- the stored document ------------------------------------------------------------------------

Strategy Full() {
  Strategy s;
  s.focus = {Item("role", "data engineer"), Item("remote", "hybrid", "2026-10-05")};
  s.deal_breakers = {Item("location", "relocation"), Item("industry", "Ad Tech")};
  s.salary_floor = 90000;
  s.salary_floor_since = Day("2026-10-03");
  s.brand = "I turn messy data into decisions — \"fast\"";
  s.stories = {Story{"cut the monthly report from 3 days to 2 hours", Day("2026-10-04")}};
  s.phases = {PhaseStart{"introspection", Day("2026-09-01")},
              PhaseStart{"strategy", Day("2026-10-01")},
              PhaseStart{"exploration", Day("2026-10-01")}};
  return s;
}

TEST(StrategyJsonTest, RoundTripIsExact) {
  for (const Strategy& s : {Strategy(), Full()}) {
    const std::string text = StrategyJson(s).dump();
    Result<Strategy> back = StrategyFromJson(text);
    ASSERT_TRUE(back.ok()) << back.message();
    EXPECT_EQ(*back, s);
    EXPECT_EQ(StrategyJson(*back).dump(), text);
  }
}

TEST(StrategyJsonTest, DocumentShape) {
  EXPECT_EQ(StrategyJson(Strategy()).dump(),
            R"({"format":1,"focus":[],"deal_breakers":[],"salary_floor":null,)"
            R"("salary_floor_since":null,"brand":"","stories":[],"phases":[]})");
  const Json j = StrategyJson(Full());
  EXPECT_EQ(j["focus"][0].dump(),
            R"({"field":"role","text":"data engineer","since":"2026-10-02"})");
  EXPECT_EQ(j["phases"][2].dump(), R"({"phase":"exploration","began":"2026-10-01"})");
  EXPECT_EQ(j["salary_floor"], 90000);
}

TEST(StrategyJsonTest, MissingKeysReadAsEmpty) {
  Result<Strategy> s = StrategyFromJson("{}");
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_TRUE(s->empty());
}

TEST(StrategyJsonTest, BadDocumentsNameWhatIsWrong) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"{", "strategy document: not valid JSON"},
      {"[]", "strategy document: the document is not an object"},
      {R"({"focuss":[]})", "strategy document: unknown key 'focuss' in the document"},
      {R"({"format":2})", "strategy document: format 2 is not one this keel reads (1)"},
      {R"({"focus":{}})", "strategy document: focus is not a list"},
      {R"({"focus":[{"field":"rol","text":"x","since":"2026-10-02"}]})",
       "strategy document: focus[0].field 'rol' is not a field (one of: role, industry, location, "
       "remote, seniority)"},
      {R"({"focus":[{"field":"role","since":"2026-10-02"}]})",
       "strategy document: focus[0].text is missing"},
      {R"({"deal_breakers":[{"field":"role","text":"x","since":"2026-13-02"}]})",
       "strategy document: deal_breakers[0].since '2026-13-02' is not a date (YYYY-MM-DD)"},
      {R"({"focus":[{"field":"remote","text":"sometimes","since":"2026-10-02"}]})",
       "strategy document: focus[0].text 'sometimes' is not one of: remote, hybrid, onsite"},
      {R"({"focus":[{"field":"role","text":"x","since":"2026-10-02","extra":1}]})",
       "strategy document: unknown key 'extra' in focus[0]"},
      {R"({"focus":[{"field":"role","text":"X","since":"2026-10-02"}],)"
       R"("deal_breakers":[{"field":"role","text":"x","since":"2026-10-02"}]})",
       "strategy document: role 'x' is both a focus item and a deal-breaker"},
      {R"({"salary_floor":90000})",
       "strategy document: salary_floor and salary_floor_since must be both set or both null"},
      {R"({"salary_floor":"lots","salary_floor_since":"2026-10-02"})",
       "strategy document: salary_floor \"lots\" is not a whole number above 0"},
      {R"({"phases":[{"phase":"action","began":"2026-10-02"},{"phase":"action","began":"2026-10-03"}]})",
       "strategy document: phases[1] repeats the phase before it"},
      {R"({"phases":[{"phase":"action","began":"2026-10-02"},{"phase":"strategy","began":"2026-10-01"}]})",
       "strategy document: phases[1] began before the phase before it"},
      {R"({"phases":[{"phase":"explore","began":"2026-10-02"}]})",
       "strategy document: phases[0].phase 'explore' is not a phase (one of: introspection, "
       "exploration, targeted-research, strategy, action)"},
  };
  for (const auto& [text, message] : cases) {
    Result<Strategy> s = StrategyFromJson(text);
    ASSERT_FALSE(s.ok()) << text;
    EXPECT_EQ(s.message(), message) << text;
  }
}

// --- edits --------------------------------------------------------------------------------------

const Date kOn = Day("2026-10-02");

Strategy Apply(const Strategy& s, const StrategyEdit& edit, Date on = kOn) {
  Result<Strategy> out = ApplyEdit(s, edit, on);
  EXPECT_TRUE(out.ok()) << out.message();
  return out.ok() ? *out : s;
}

std::string Refused(const Strategy& s, const StrategyEdit& edit, Date on = kOn) {
  Result<Strategy> out = ApplyEdit(s, edit, on);
  EXPECT_FALSE(out.ok());
  return out.ok() ? "" : out.message();
}

TEST(StrategyEditTest, AddsFocusAndDealBreakersWithTheirDate) {
  StrategyEdit e;
  e.add_focus = {{"role", "  data engineer "}, {"Location", "Berlin"}, {"remote", "Hybrid"}};
  e.add_deal_breakers = {{"location", "relocation"}};
  const Strategy s = Apply(Strategy(), e);
  EXPECT_EQ(s.focus,
            (std::vector<StrategyItem>{Item("role", "data engineer"), Item("location", "Berlin"),
                                       Item("remote", "hybrid")}));
  EXPECT_EQ(s.deal_breakers, std::vector<StrategyItem>{Item("location", "relocation")});
}

TEST(StrategyEditTest, UnknownNamesGetDidYouMean) {
  StrategyEdit field;
  field.add_focus = {{"rol", "data engineer"}};
  EXPECT_EQ(Refused(Strategy(), field),
            "unknown strategy field 'rol'; did you mean 'role'? (one of: role, industry, location, "
            "remote, seniority)");
  StrategyEdit phase;
  phase.phase = "explore";
  EXPECT_EQ(Refused(Strategy(), phase),
            "unknown phase 'explore'; did you mean 'exploration'? (one of: introspection, "
            "exploration, targeted-research, strategy, action)");
  phase.phase = "strategie";
  EXPECT_EQ(Refused(Strategy(), phase),
            "unknown phase 'strategie'; did you mean 'strategy'? (one of: introspection, "
            "exploration, targeted-research, strategy, action)");
  phase.phase = "research";
  EXPECT_NE(Refused(Strategy(), phase).find("did you mean 'targeted-research'?"),
            std::string::npos);
  phase.phase = "panic";
  EXPECT_EQ(Refused(Strategy(), phase),
            "unknown phase 'panic'; use one of: introspection, exploration, targeted-research, "
            "strategy, action");
  StrategyEdit remote;
  remote.add_deal_breakers = {{"remote", "on-site"}};
  EXPECT_EQ(Refused(Strategy(), remote),
            "unknown remote 'on-site'; did you mean 'onsite'? (one of: remote, hybrid, onsite)");
  StrategyEdit empty;
  empty.add_focus = {{"role", "  "}};
  EXPECT_EQ(Refused(Strategy(), empty),
            "empty role: give the words, like --role \"data engineer\"");
}

TEST(StrategyEditTest, ADealBreakerCannotAlsoBeAFocus) {
  StrategyEdit first;
  first.add_focus = {{"location", "Berlin"}};
  const Strategy s = Apply(Strategy(), first);
  StrategyEdit rule_out;
  rule_out.add_deal_breakers = {{"location", "berlin"}};
  EXPECT_EQ(Refused(s, rule_out),
            "location 'Berlin' is already in your focus (since 2026-10-02); it cannot also be a "
            "deal-breaker: remove it there first");
  StrategyEdit both;
  both.add_deal_breakers = {{"role", "sales"}};
  both.add_focus = {{"role", "Sales"}};
  EXPECT_EQ(Refused(Strategy(), both),
            "role 'Sales' is already in your focus (since 2026-10-02); it cannot also be a "
            "deal-breaker: remove it there first")
      << "one edit adds its focus first, then its deal-breakers";
}

TEST(StrategyEditTest, DuplicatesAreIgnoredKeepingTheFirstDate) {
  StrategyEdit e;
  e.add_focus = {{"role", "data engineer"}, {"role", "Data Engineer"}};
  e.add_stories = {"shipped X", "Shipped X"};
  const Strategy s = Apply(Strategy(), e);
  EXPECT_EQ(s.focus.size(), 1u);
  EXPECT_EQ(s.stories.size(), 1u);
  const Strategy again = Apply(s, e, Day("2026-11-01"));
  EXPECT_EQ(again, s);
  EXPECT_EQ(again.focus[0].since, kOn);
}

TEST(StrategyEditTest, DropMatchesIgnoringCaseAndSaysWhatIsThere) {
  StrategyEdit setup;
  setup.add_focus = {{"role", "data engineer"}};
  setup.add_deal_breakers = {{"location", "relocation"}};
  const Strategy s = Apply(Strategy(), setup);
  StrategyEdit drop;
  drop.remove = {{"location", "Relocation"}};
  EXPECT_TRUE(Apply(s, drop).deal_breakers.empty());
  drop.remove = {{"role", "data enginer"}};
  EXPECT_EQ(
      Refused(s, drop),
      "nothing to drop: no role 'data enginer' in your focus or deal-breakers (did you "
      "mean 'data engineer'?); there are: role 'data engineer' (focus), location 'relocation' "
      "(ruled out)");
  EXPECT_EQ(Refused(Strategy(), drop),
            "nothing to drop: no role 'data enginer' in your focus or deal-breakers; both are "
            "empty");
}

TEST(StrategyEditTest, PhasesMayLoopBackButNotRepeat) {
  StrategyEdit e;
  e.phase = "Exploration";
  Strategy s = Apply(Strategy(), e, Day("2026-10-01"));
  e.phase = "strategy";
  s = Apply(s, e, Day("2026-10-10"));
  e.phase = "exploration";
  s = Apply(s, e, Day("2026-10-20"));  // back: a target dried up
  ASSERT_EQ(s.phases.size(), 3u);
  EXPECT_EQ(s.current_phase()->phase, "exploration");
  EXPECT_EQ(Apply(s, e, Day("2026-10-25")), s) << "the same phase twice in a row is a no-op";
  e.phase = "action";
  EXPECT_EQ(Refused(s, e, Day("2026-10-19")),
            "phase 'action' on 2026-10-19 would come before the current phase 'exploration' "
            "began (2026-10-20); give a date of 2026-10-20 or later");
}

TEST(StrategyEditTest, SalaryFloorBrandAndStories) {
  StrategyEdit e;
  e.salary_floor = 90000;
  e.brand = " I turn messy data into decisions ";
  e.add_stories = {"cut the monthly report from 3 days to 2 hours"};
  Strategy s = Apply(Strategy(), e);
  EXPECT_EQ(s.salary_floor, 90000);
  EXPECT_EQ(s.salary_floor_since, kOn);
  EXPECT_EQ(s.brand, "I turn messy data into decisions");
  EXPECT_EQ(s.stories,
            (std::vector<Story>{Story{"cut the monthly report from 3 days to 2 hours", kOn}}));
  // The same floor again keeps its date; a new one moves it.
  StrategyEdit same;
  same.salary_floor = 90000;
  EXPECT_EQ(Apply(s, same, Day("2026-11-01")), s);
  same.salary_floor = 95000;
  EXPECT_EQ(Apply(s, same, Day("2026-11-01")).salary_floor_since, Day("2026-11-01"));
  StrategyEdit clear;
  clear.clear_salary_floor = true;
  s = Apply(s, clear);
  EXPECT_FALSE(s.salary_floor);
  EXPECT_FALSE(s.salary_floor_since);
  EXPECT_EQ(Refused(s, clear), "there is no salary floor to clear");
  StrategyEdit bad;
  bad.salary_floor = 0;
  EXPECT_EQ(Refused(s, bad),
            "salary floor 0 must be above 0: give the lowest yearly pay you would take, like "
            "90000");
  StrategyEdit story;
  story.add_stories = {" "};
  EXPECT_EQ(Refused(s, story).substr(0, 12), "empty story:");
}

TEST(StrategyEditTest, AFailedEditChangesNothing) {
  StrategyEdit e;
  e.add_focus = {{"role", "data engineer"}};
  e.phase = "nonsense";
  EXPECT_FALSE(ApplyEdit(Strategy(), e, kOn).ok());
  EXPECT_TRUE(StrategyEdit().empty());
  EXPECT_EQ(Apply(Full(), StrategyEdit()), Full());
}

TEST(StrategyEditTest, DescribeEditForTheJournal) {
  StrategyEdit e;
  e.add_deal_breakers = {{"location", "relocation"}};
  EXPECT_EQ(DescribeEdit(e), "strategy: rule out location 'relocation'");
  StrategyEdit many;
  many.add_focus = {{"role", "data engineer"}, {"location", "Berlin"}};
  many.remove = {{"role", "analyst"}};
  many.salary_floor = 90000;
  many.phase = "Action";
  EXPECT_EQ(DescribeEdit(many),
            "strategy: drop role 'analyst'; focus on role 'data engineer', location 'Berlin'; "
            "salary floor 90000; phase action");
  StrategyEdit brand;
  brand.brand = "I turn messy data into decisions that teams actually use every week";
  EXPECT_EQ(DescribeEdit(brand), "strategy: brand 'I turn messy data into decisions that...'");
  brand.brand = "";
  EXPECT_EQ(DescribeEdit(brand), "strategy: clear the brand");
  EXPECT_EQ(DescribeEdit(StrategyEdit()), "strategy: no change");
}

// --- display ------------------------------------------------------------------------------------

TEST(StrategyLinesTest, EmptySaysHowToSetIt) {
  EXPECT_EQ(
      StrategyLines(Strategy()),
      std::vector<std::string>{
          "no strategy yet; set it while calm: keel strategy focus --role \"data engineer\""});
}

TEST(StrategyLinesTest, EverythingWithDates) {
  const std::vector<std::string> expected = {
      "focus:",
      "  role: 'data engineer' (since 2026-10-02)",
      "  remote: 'hybrid' (since 2026-10-05)",
      "deal-breakers:",
      "  location 'relocation', ruled out on 2026-10-02",
      "  industry 'Ad Tech', ruled out on 2026-10-02",
      "salary floor: 90000 (since 2026-10-03)",
      "brand: \"I turn messy data into decisions — \"fast\"\"",
      "stories (1):",
      "  2026-10-04  cut the monthly report from 3 days to 2 hours",
      "phase: exploration, since 2026-10-01",
      "  history: introspection 2026-09-01, strategy 2026-10-01, exploration 2026-10-01",
  };
  EXPECT_EQ(StrategyLines(Full()), expected);
}

TEST(StrategyLinesTest, PartlySetSaysWhatIsMissing) {
  Strategy s;
  s.phases = {PhaseStart{"introspection", Day("2026-09-01")}};
  const std::vector<std::string> expected = {
      "focus: none yet; set it while calm: keel strategy focus --role \"data engineer\"",
      "deal-breakers: none (keel strategy rule-out --location relocation)",
      "phase: introspection, since 2026-09-01",
  };
  EXPECT_EQ(StrategyLines(s), expected);
}

}  // namespace
}  // namespace keel
