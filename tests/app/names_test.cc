#include "app/names.h"

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "store/sqlite_store.h"

namespace keel {
namespace {

TEST(NameKeyTest, DropsCasePunctuationAndLegalForms) {
  EXPECT_EQ(NameKey("Acme Corp."), "acme");
  EXPECT_EQ(NameKey("ACME, Inc"), "acme");
  EXPECT_EQ(NameKey("Acme"), "acme");
  EXPECT_EQ(NameKey("  acme   corporation "), "acme");
  EXPECT_EQ(NameKey("Globex Holdings Ltd"), "globexholdings");
  EXPECT_EQ(NameKey("Siemens AG"), "siemens");
}

TEST(NameKeyTest, DropsSeveralTrailingLegalForms) {
  EXPECT_EQ(NameKey("Initech Group Inc."), "initech");
  EXPECT_EQ(NameKey("Foo Co. LLC"), "foo");
}

TEST(NameKeyTest, KeepsANameThatIsOnlyALegalForm) {
  EXPECT_EQ(NameKey("Company"), "company");
  EXPECT_EQ(NameKey("Group"), "group");
}

TEST(NameKeyTest, LegalFormsOnlyCountAtTheEnd) {
  EXPECT_EQ(NameKey("Inc Magazine"), "incmagazine");
  EXPECT_EQ(NameKey("Co-op Bank"), "coopbank");
}

TEST(NameKeyTest, ApostrophesAndDotsJoinLetters) {
  EXPECT_EQ(NameKey("O'Neil & Sons"), "oneilsons");
  EXPECT_EQ(NameKey("A.B. Dick"), "abdick");
}

TEST(NameKeyTest, KeepsDigitsAndNonAsciiLetters) {
  EXPECT_EQ(NameKey("3M"), "3m");
  EXPECT_EQ(NameKey("Café Zürich GmbH"), "cafezurich");  // diacritics folded
}

TEST(NameKeyTest, EmptyForNamesWithoutLettersOrDigits) {
  EXPECT_EQ(NameKey(""), "");
  EXPECT_EQ(NameKey(" -- "), "");
}

TEST(IsNearMissTest, SameCompanyWrittenDifferently) {
  EXPECT_TRUE(IsNearMiss("Acme Corp.", "ACME, Inc"));
  EXPECT_TRUE(IsNearMiss("Acme", "acme corp"));
  EXPECT_TRUE(IsNearMiss("Globex", "Glbex"));   // one letter missing
  EXPECT_TRUE(IsNearMiss("Globex", "Gloebx"));  // two letters swapped
  EXPECT_TRUE(IsNearMiss("Initech", "Innitech"));
}

TEST(IsNearMissTest, ShortNamesAreNotNearMissesByOneLetter) {
  EXPECT_FALSE(IsNearMiss("Acme", "Acne"));
  EXPECT_FALSE(IsNearMiss("IBM", "IBN"));
  EXPECT_FALSE(IsNearMiss("Meta", "Mela"));
  EXPECT_FALSE(IsNearMiss("Uber", "Ube"));
}

TEST(IsNearMissTest, DifferentNamesAreNotNearMisses) {
  EXPECT_FALSE(IsNearMiss("Globex", "Initech"));
  EXPECT_FALSE(IsNearMiss("Globex", "Globalex"));  // two edits
  EXPECT_FALSE(IsNearMiss("Stripe", "Strapi Labs"));
}

TEST(IsNearMissTest, NamesWithoutAKeyNeverMatch) {
  EXPECT_FALSE(IsNearMiss("", ""));
  EXPECT_FALSE(IsNearMiss("--", "Acme"));
}

class ResolveOrganizationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(":memory:");
    ASSERT_TRUE(store.ok()) << store.message();
    store_ = std::move(store).value();
    ASSERT_TRUE(store_->BeginWrite("test").ok());
  }
  void TearDown() override {
    if (store_) store_->Rollback();
  }

  std::vector<std::string> OrganizationNames() {
    std::vector<std::string> names;
    const std::vector<Named> orgs = store_->Organizations().value();
    for (const Named& n : orgs) names.push_back(n.name);
    return names;
  }

  std::unique_ptr<SqliteStore> store_;
};

TEST_F(ResolveOrganizationTest, CreatesANewOrganizationWithANotice) {
  std::vector<std::string> notices;
  const Result<Id> id = ResolveOrganization(*store_, "  Acme   Corp ", false, &notices);
  ASSERT_TRUE(id.ok()) << id.message();
  EXPECT_EQ(OrganizationNames(), std::vector<std::string>{"Acme Corp"});
  EXPECT_EQ(notices, std::vector<std::string>{"new organization 'Acme Corp'"});
  EXPECT_TRUE(store_->Commit().ok());
}

TEST_F(ResolveOrganizationTest, ReusesAnExistingNameIgnoringCaseAndSpaces) {
  const Result<Id> first = ResolveOrganization(*store_, "Globex", false, nullptr);
  ASSERT_TRUE(first.ok()) << first.message();
  std::vector<std::string> notices;
  for (const char* spelling : {"globex", "GLOBEX", "  Globex  "}) {
    const Result<Id> again = ResolveOrganization(*store_, spelling, false, &notices);
    ASSERT_TRUE(again.ok()) << again.message();
    EXPECT_EQ(*again, *first) << spelling;
  }
  EXPECT_TRUE(notices.empty());
  EXPECT_EQ(OrganizationNames(), std::vector<std::string>{"Globex"});
}

TEST_F(ResolveOrganizationTest, RefusesANearMissNamingBoth) {
  ASSERT_TRUE(ResolveOrganization(*store_, "Acme Corp", false, nullptr).ok());
  std::vector<std::string> notices;
  const Result<Id> id = ResolveOrganization(*store_, "ACME, Inc", false, &notices);
  ASSERT_FALSE(id.ok());
  EXPECT_EQ(id.message(),
            "'ACME, Inc' looks like the existing organization 'Acme Corp'; write 'Acme Corp' to "
            "use it, or add that it is new if 'ACME, Inc' is really someone else");
  EXPECT_EQ(id.code(), ErrorCode::kConflict);
  EXPECT_EQ(id.field(), "new_org");
  EXPECT_TRUE(notices.empty());
  EXPECT_EQ(OrganizationNames(), std::vector<std::string>{"Acme Corp"});
}

TEST_F(ResolveOrganizationTest, RefusesAOneLetterSlipInALongName) {
  ASSERT_TRUE(ResolveOrganization(*store_, "Globex", false, nullptr).ok());
  const Result<Id> id = ResolveOrganization(*store_, "Glbex", false, nullptr);
  ASSERT_FALSE(id.ok());
  EXPECT_PRED_FORMAT2(::testing::IsSubstring, "existing organization 'Globex'", id.message());
}

TEST_F(ResolveOrganizationTest, AllowSimilarCreatesTheNearMiss) {
  const Result<Id> first = ResolveOrganization(*store_, "Globex", false, nullptr);
  ASSERT_TRUE(first.ok());
  std::vector<std::string> notices;
  const Result<Id> second = ResolveOrganization(*store_, "Glbex", true, &notices);
  ASSERT_TRUE(second.ok()) << second.message();
  EXPECT_NE(*second, *first);
  EXPECT_EQ(notices, std::vector<std::string>{"new organization 'Glbex'"});
  EXPECT_EQ(OrganizationNames(), (std::vector<std::string>{"Globex", "Glbex"}));
}

TEST_F(ResolveOrganizationTest, ShortDifferentNamesAreBothCreated) {
  ASSERT_TRUE(ResolveOrganization(*store_, "Acme", false, nullptr).ok());
  const Result<Id> acne = ResolveOrganization(*store_, "Acne", false, nullptr);
  ASSERT_TRUE(acne.ok()) << acne.message();
  EXPECT_EQ(OrganizationNames(), (std::vector<std::string>{"Acme", "Acne"}));
}

TEST_F(ResolveOrganizationTest, EmptyNameIsAnError) {
  for (const char* empty : {"", "   ", "\t\n"}) {
    const Result<Id> id = ResolveOrganization(*store_, empty, true, nullptr);
    ASSERT_FALSE(id.ok());
    EXPECT_EQ(id.message(), "the organization name is empty; give a name, like 'Acme'");
  }
  EXPECT_TRUE(OrganizationNames().empty());
}

TEST_F(ResolveOrganizationTest, ContactsAreResolvedTheSameWay) {
  const Result<Id> org = ResolveOrganization(*store_, "Globex", false, nullptr);
  ASSERT_TRUE(org.ok());
  std::vector<std::string> notices;
  const Result<Id> dana = ResolveContact(*store_, "Dana Scully", *org, false, &notices);
  ASSERT_TRUE(dana.ok()) << dana.message();
  EXPECT_EQ(notices, std::vector<std::string>{"new contact 'Dana Scully'"});
  const Result<Id> again = ResolveContact(*store_, "dana  scully", *org, false, &notices);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, *dana);
  const Result<Id> slip = ResolveContact(*store_, "Dana Scuily", *org, false, nullptr);
  ASSERT_FALSE(slip.ok());
  EXPECT_PRED_FORMAT2(::testing::IsSubstring, "existing contact 'Dana Scully'", slip.message());
  EXPECT_EQ(slip.field(), "new_person");
  const Result<Id> empty = ResolveContact(*store_, " ", *org, false, nullptr);
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.message(), "the person's name is empty; give a name, or leave it out");
  EXPECT_EQ(empty.field(), "person");
}

TEST(FoldNameTest, LatinDiacriticsFoldToTheirBaseLetters) {
  EXPECT_EQ(FoldName("Zoë Müller"), "zoe muller");
  EXPECT_EQ(FoldName("ÀÉÎÕÜ Ç Ñ Å"), "aeiou c n a");
  EXPECT_EQ(FoldName("Straße Æsir Øresund Œuvre Þór"), "strasse aesir oresund oeuvre thor");
  EXPECT_EQ(FoldName("Łódź Dvořák Šťastný Ğümüş İzmir"), "lodz dvorak stastny gumus izmir");
  EXPECT_EQ(FoldName("Zoe\u0308"), "zoe");            // NFD: a combining diaeresis is dropped
  EXPECT_EQ(FoldName("3×4"), "3 4");                  // the sign is not a letter
  EXPECT_EQ(FoldName("Москва 東京"), "Москва 東京");  // outside Latin: kept as written
}

TEST(IsNearMissTest, FoldedWordPrefixAndDigitRules) {
  EXPECT_TRUE(IsNearMiss("Zoe Muller", "Zoë Müller"));
  EXPECT_TRUE(IsNearMiss("zoe  muller", "ZOË MÜLLER GmbH"));
  EXPECT_TRUE(IsNearMiss("Stratus", "Stratus Analytics"));
  EXPECT_TRUE(IsNearMiss("Stratus Analytics Europe", "Stratus Analytics LLC"));
  EXPECT_FALSE(IsNearMiss("Held1", "Held10"));
  EXPECT_FALSE(IsNearMiss("Area 51", "Area 52"));
  EXPECT_FALSE(IsNearMiss("Strat", "Stratus"));  // not a whole word
  EXPECT_FALSE(IsNearMiss("The Agency", "The Trade Desk"));
}

TEST(NameIndexTest, FindsEveryKindOfNearMatchByLookup) {
  NameIndex index;
  for (const char* name : {"Zoë Müller", "Stratus Analytics", "Globex", "Held1", "Acme Corp"}) {
    index.Add(name);
  }
  EXPECT_EQ(index.NearMatch("Zoe Muller").value_or(""), "Zoë Müller");
  EXPECT_EQ(index.NearMatch("Stratus").value_or(""), "Stratus Analytics");
  EXPECT_EQ(index.NearMatch("Stratus Analytics Europe").value_or(""), "Stratus Analytics");
  EXPECT_EQ(index.NearMatch("Glbex").value_or(""), "Globex");    // one letter missing
  EXPECT_EQ(index.NearMatch("Globexx").value_or(""), "Globex");  // one letter more
  EXPECT_EQ(index.NearMatch("Gloebx").value_or(""), "Globex");   // two letters swapped
  EXPECT_EQ(index.NearMatch("Glabex").value_or(""), "Globex");   // one letter changed
  EXPECT_EQ(index.NearMatch("ACME, Inc.").value_or(""), "Acme Corp");
  EXPECT_FALSE(index.NearMatch("Held10"));
  EXPECT_FALSE(index.NearMatch("Globalex"));
  EXPECT_FALSE(index.NearMatch("Initech"));
  EXPECT_FALSE(index.NearMatch("globex"));  // the same name is no near match of itself
}

TEST(NameIndexTest, NearMatchThenAddAnswersAsNearMatchBeforeAdd) {
  NameIndex checked(/*typos=*/false), separate(/*typos=*/false);
  for (const char* name : {"Stratus Analytics", "Stratus", "Stratus Analytics Europe", "Acme Corp",
                           "ACME, Inc.", "acme corp", "Zoë Müller", "Zoe  Muller", "Globex"}) {
    const std::optional<std::string> expected = separate.NearMatch(name);
    separate.Add(name);
    EXPECT_EQ(checked.NearMatchThenAdd(name), expected) << name;
  }
  EXPECT_EQ(checked.NearMatch("Stratus Analytics Asia").value_or(""), "Stratus");  // fewest words
  EXPECT_EQ(checked.NearMatch("Acme").value_or(""), "Acme Corp");  // the first name added
}

TEST(MatchOrganizationTest, ExactUniquePrefixAmbiguousAndDidYouMean) {
  const std::vector<Named> orgs = {
      {1, "Stratus Analytics"}, {2, "Held1"}, {3, "Held10"}, {4, "Zoë Müller GmbH"}};
  EXPECT_EQ(MatchOrganization(orgs, "  stratus   ANALYTICS ").names,
            std::vector<std::string>{"Stratus Analytics"});
  EXPECT_EQ(MatchOrganization(orgs, "strat").names, std::vector<std::string>{"Stratus Analytics"});
  EXPECT_EQ(MatchOrganization(orgs, "zoe m").names, std::vector<std::string>{"Zoë Müller GmbH"});
  EXPECT_EQ(MatchOrganization(orgs, "held1").names, std::vector<std::string>{"Held1"});
  EXPECT_EQ(MatchOrganization(orgs, "held").names, (std::vector<std::string>{"Held1", "Held10"}));
  const OrgMatch none = MatchOrganization(orgs, "Stratos Analytics");
  EXPECT_TRUE(none.names.empty());
  EXPECT_EQ(none.did_you_mean, "Stratus Analytics");
  EXPECT_EQ(MatchOrganization(orgs, "Initech").did_you_mean, "");
}

TEST(NameIndexTest, WithoutTyposKeepsTheFoldAndPrefixRules) {
  NameIndex index(/*typos=*/false);
  index.Add("Globex");
  index.Add("Stratus Analytics");
  EXPECT_FALSE(index.NearMatch("Glbex"));
  EXPECT_EQ(index.NearMatch("GLOBEX Inc").value_or(""), "Globex");
  EXPECT_EQ(index.NearMatch("Stratus").value_or(""), "Stratus Analytics");
}

}  // namespace
}  // namespace keel

namespace keel {
namespace {

// `keel ask` checks one new name by a pass over the ledger's names (NearMatchAmong); import keeps
// an index (NameIndex). Both must find a near match for the same names, and the same one.
TEST(NearMatchAmongTest, FindsWhatTheIndexFinds) {
  const std::vector<std::string> names = {"Acme Corp.",
                                          "Globex",
                                          "Stratus Analytics",
                                          "Zoë Müller GmbH",
                                          "Initech",
                                          "Umbrella",
                                          "Hooli",
                                          "Held1",
                                          "Area 51",
                                          "O'Neil & Sons",
                                          "Wayne Research, Inc.",
                                          "Summit Health",
                                          "Summit Health Springfield",
                                          "Pluto Power Europe"};
  const std::vector<std::string> asked = {"ACME",
                                          "Acme, Inc.",
                                          "Glbex",
                                          "Gloebx",
                                          "Stratus",
                                          "Stratus Analytics Ltd",
                                          "Zoe Muller",
                                          "Initek",
                                          "Initech Labs",
                                          "Umbrela",
                                          "Hooly",
                                          "Held10",
                                          "Area 52",
                                          "ONeil Sons",
                                          "Wayne",
                                          "Summit",
                                          "Summit Health Springfield East",
                                          "Pluto",
                                          "Nobody",
                                          "Pluto Power",
                                          "Summitt Health",
                                          "Acme Corp Europe"};
  std::vector<Named> existing;
  NameIndex index;
  for (const std::string& n : names) {
    existing.push_back(Named{static_cast<Id>(existing.size() + 1), n});
    index.Add(n);
  }
  int found = 0;
  for (const std::string& a : asked) {
    const std::optional<std::string> by_index = index.NearMatch(a);
    const std::optional<std::string> by_pass = NearMatchAmong(existing, a);
    EXPECT_EQ(by_pass, by_index) << a;
    found += by_pass ? 1 : 0;
  }
  EXPECT_GE(found, 15);  // the list is mostly near misses
}

}  // namespace
}  // namespace keel
