// Search as a person types it: plain words, whatever characters they contain. No text may make
// the query fail or turn into an operator of either backend; keel marks the snippets itself.
#include "app/search.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "app/ledger.h"
#include "app/postings.h"
#include "store/sqlite_store.h"
#include "support/dates.h"

namespace keel {
namespace {

using Words = std::vector<std::vector<std::string>>;

TEST(SearchWordsTest, WordsAreTokensInLowerCaseAndOnlyTheLastIsAPrefix) {
  EXPECT_EQ(SearchWords("Kubernetes").value().words, (Words{{"kubernetes"}}));
  EXPECT_TRUE(SearchWords("Kubernetes").value().last_is_prefix);
  const TextQuery two = SearchWords("  remote   kube ").value();
  EXPECT_EQ(two.words, (Words{{"remote"}, {"kube"}}));
  EXPECT_TRUE(two.last_is_prefix);
  EXPECT_EQ(SearchWords("say \"hi\"").value().words, (Words{{"say"}, {"hi"}}));
  EXPECT_FALSE(SearchWords("say \"hi\"").value().last_is_prefix);  // no prefix after punctuation
  EXPECT_EQ(SearchWords("C++").value().words, (Words{{"c"}}));
  EXPECT_FALSE(SearchWords("C++").value().last_is_prefix);
  EXPECT_EQ(SearchWords("on-call").value().words, (Words{{"on", "call"}}));  // a phrase
  EXPECT_EQ(SearchWords("NEAR(a b)").value().words, (Words{{"near", "a"}, {"b"}}));
  EXPECT_EQ(SearchWords("a * b").value().words,
            (Words{{"a"}, {"b"}}));  // a lone operator is no word
  EXPECT_EQ(SearchWords("Zürich").value().words, (Words{{"zürich"}}));
  EXPECT_EQ(SearchWords("").field(), "search");
  EXPECT_EQ(SearchWords("  ").message(), "give a word to search for");
  EXPECT_EQ(SearchWords("* \" ()").field(), "search");
  EXPECT_EQ(SearchWords("tab\there").field(), "search");  // one line
  EXPECT_EQ(SearchWords(std::string(201, 'a')).field(), "search");
}

TEST(SearchWordsTest, MarkedSnippetMarksEveryMatchFoldedAndCutsLongTexts) {
  const TextQuery kube = SearchWords("kube").value();
  EXPECT_EQ(MarkedSnippet("they run Kubernetes.", kube), "they run \x02Kubernetes\x03.");
  EXPECT_EQ(MarkedSnippet("nothing here", kube), "");
  EXPECT_EQ(MarkedSnippet("Zürich, hybrid", SearchWords("zurich").value()),
            "\x02Zürich\x03, hybrid");
  EXPECT_EQ(MarkedSnippet("Terraform, on-call rotation", SearchWords("on-call").value()),
            "Terraform, \x02on-call\x03 rotation");
  // A phrase matches only in order; each word of the query is marked where it is.
  EXPECT_EQ(MarkedSnippet("call on me", SearchWords("on-call").value()), "");
  EXPECT_EQ(MarkedSnippet("visa and relocation, visa", SearchWords("visa relocation").value()),
            "\x02visa\x03 and \x02relocation\x03, \x02visa\x03");
  // Past 12 tokens: the window with the most matches, "…" where the text is cut.
  const std::string long_text =
      "one two three four five six seven eight nine ten eleven twelve thirteen fourteen visa "
      "sixteen";
  EXPECT_EQ(MarkedSnippet(long_text, SearchWords("visa").value()),
            "…five six seven eight nine ten eleven twelve thirteen fourteen \x02visa\x03 "
            "sixteen");
  EXPECT_EQ(MarkedSnippet(long_text, SearchWords("one").value()),
            "\x02one\x03 two three four five six seven eight nine ten eleven twelve…");
}

TEST(SearchWordsTest, SnippetPartsAlternatePlainAndMatched) {
  using Parts = std::vector<std::string>;
  EXPECT_EQ(SnippetParts("no \x02visa\x03 sponsorship"), (Parts{"no ", "visa", " sponsorship"}));
  EXPECT_EQ(SnippetParts("\x02visa\x03"), (Parts{"", "visa", ""}));
  EXPECT_EQ(SnippetParts("a\n\n\x02"
                         "b\x03\x02"
                         "c\x03\td"),
            (Parts{"a ", "bc", " d"}));
  EXPECT_EQ(SnippetParts("plain"), (Parts{"plain"}));
}

class SearchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = SqliteStore::Open(":memory:").value();
    AskInput ask;
    ask.org = "Acme";
    ask.kind = Kind::kApplication;
    ask.asked_on = Day("2026-11-02");
    ask.note = "Referred by Zoë; they use Kubernetes and C++";
    ASSERT_TRUE(LogAsk(*store_, ask, today_).ok());
    OutcomeInput no;
    no.id = 1;
    no.outcome = Outcome::kNo;
    no.on = Day("2026-11-20");
    no.reason = "We need someone with more \"AND\" logic * experience";
    ASSERT_TRUE(RecordOutcome(*store_, no, today_).ok());
    PostingInput posting;
    posting.org = "Globex";
    posting.role = "Platform Engineer";
    posting.description = "Zürich, hybrid. Kubernetes, Terraform, on-call rotation.";
    ASSERT_TRUE(AddPosting(*store_, posting, today_).ok());
  }

  // "a1 p1": what a search finds; "error" when it failed.
  std::string Find(std::string_view text) {
    Result<SearchResults> found = SearchLedger(*store_, text);
    if (!found.ok()) return "error: " + found.message();
    std::string out;
    for (const AskHit& h : found->asks)
      out += (out.empty() ? "a" : " a") + std::to_string(h.ask.id);
    for (const PostingHit& h : found->postings) {
      out += (out.empty() ? "p" : " p") + std::to_string(h.posting.record.id);
    }
    return out;
  }

  std::unique_ptr<SqliteStore> store_;
  Date today_ = Day("2026-12-01");
};

TEST_F(SearchTest, FindsWordsInReasonsNotesAndDescriptions) {
  EXPECT_EQ(Find("kubernetes"), "a1 p1");
  EXPECT_EQ(Find("KUBE"), "a1 p1");      // prefix of the last word, any case
  EXPECT_EQ(Find("kube zurich"), "");    // only the last word is a prefix
  EXPECT_EQ(Find("zurich kube"), "p1");  // diacritics folded
  EXPECT_EQ(Find("zoe"), "a1");
  EXPECT_EQ(Find("experience"), "a1");  // the reason of the no
  EXPECT_EQ(Find("terraform kubernetes"), "p1");
  EXPECT_EQ(Find("salesforce"), "");
  Result<SearchResults> found = SearchLedger(*store_, "on-call");
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->postings.size(), 1u);
  ASSERT_EQ(found->postings[0].fields.size(), 1u);
  EXPECT_EQ(found->postings[0].fields[0].name, "description");
  EXPECT_EQ(MatchedText(found->postings[0].fields),
            "description: Zürich, hybrid. Kubernetes, Terraform, [on-call] rotation.");
}

TEST_F(SearchTest, HostileTextNeverBreaksTheQuery) {
  for (const char* text : {"\"",
                           "\"\"",
                           "AND",
                           "OR",
                           "NOT",
                           "NEAR",
                           "NEAR(kubernetes, 3)",
                           "*",
                           "kube*",
                           "^kube",
                           "reason:kubernetes",
                           "{reason note}: kubernetes",
                           "(",
                           ")",
                           "kubernetes)",
                           "'",
                           "';--",
                           "\" OR 1=1 --",
                           "c++",
                           "-kubernetes",
                           "+",
                           "\\",
                           "%",
                           "_",
                           "AND AND AND",
                           "ü",
                           "日本語",
                           "\xc3\xa9t\xc3\xa9",
                           "a\"b\"c",
                           "NOT kubernetes",
                           "kubernetes NOT"}) {
    // Found or not, or refused as having no word: never a query error.
    const std::string result = Find(text);
    if (result.rfind("error: ", 0) == 0) {
      EXPECT_NE(result.find("has no letter or digit to search for; give a word"), std::string::npos)
          << text << " -> " << result;
    }
  }
  EXPECT_EQ(Find("\"AND\""), "a1");  // quotes and operators are text
  EXPECT_EQ(Find("AND logic"), "a1");
  EXPECT_EQ(Find("reason:kubernetes"), "");  // no column filter: "reason" is just a word
  EXPECT_EQ(Find("c++"), "a1");
  EXPECT_EQ(Find("NOT kubernetes"), "");                        // "not" is a word that must appear
  EXPECT_NE(Find("*").rfind("error: ", 0), std::string::npos);  // nothing to search for: refused
  EXPECT_NE(Find("ab\x1b[2J").find("escape"), std::string::npos);
}

}  // namespace
}  // namespace keel
