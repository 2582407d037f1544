#include "core/text.h"

#include <gtest/gtest.h>

#include <array>
#include <string_view>

namespace keel {
namespace {

TEST(TrimTest, RemovesAsciiWhitespaceAtBothEnds) {
  EXPECT_EQ(Trim("  Acme \t\r\n"), "Acme");
  EXPECT_EQ(Trim("Acme"), "Acme");
  EXPECT_EQ(Trim(" a b "), "a b");
  EXPECT_EQ(Trim("   "), "");
  EXPECT_EQ(Trim(""), "");
}

TEST(CollapseSpacesTest, TrimsAndCollapsesInnerRuns) {
  EXPECT_EQ(CollapseSpaces("  Acme   Corp "), "Acme Corp");
  EXPECT_EQ(CollapseSpaces("Acme\t\nCorp"), "Acme Corp");
  EXPECT_EQ(CollapseSpaces("a b c"), "a b c");
  EXPECT_EQ(CollapseSpaces(" \t "), "");
  EXPECT_EQ(CollapseSpaces("Café  Ünïcode"), "Café Ünïcode");
}

TEST(LowerTest, FoldsAsciiOnly) {
  EXPECT_EQ(Lower("ACME Corp 42"), "acme corp 42");
  EXPECT_EQ(Lower("ÄBC"), "Äbc");  // non-ASCII bytes are left as they are
}

TEST(EqualsIgnoreCaseTest, ComparesAsciiCaseInsensitively) {
  EXPECT_TRUE(EqualsIgnoreCase("Ghosted", "GHOSTED"));
  EXPECT_TRUE(EqualsIgnoreCase("", ""));
  EXPECT_FALSE(EqualsIgnoreCase("Ghosted", "Ghost"));
  EXPECT_FALSE(EqualsIgnoreCase("a", "b"));
}

TEST(EditDistanceTest, ClassicExamples) {
  EXPECT_EQ(EditDistance("kitten", "sitting"), 3);
  EXPECT_EQ(EditDistance("", "abc"), 3);
  EXPECT_EQ(EditDistance("abc", ""), 3);
  EXPECT_EQ(EditDistance("", ""), 0);
  EXPECT_EQ(EditDistance("same", "same"), 0);
  EXPECT_EQ(EditDistance("aplication", "application"), 1);
  EXPECT_EQ(EditDistance("linkdin", "linkedin"), 1);
}

TEST(EditDistanceTest, IgnoresAsciiCase) { EXPECT_EQ(EditDistance("LinkedIn", "linkedin"), 0); }

TEST(EditDistanceTest, AdjacentTranspositionCostsOne) {
  EXPECT_EQ(EditDistance("ab", "ba"), 1);
  EXPECT_EQ(EditDistance("Gloebx", "Globex"), 1);
  EXPECT_EQ(EditDistance("recieve", "receive"), 1);
  EXPECT_EQ(EditDistance("abcd", "badc"), 2);
}

TEST(EditDistanceTest, OptimalStringAlignmentDoesNotEditATransposedPairTwice) {
  // True Damerau-Levenshtein gives 2 ("ca" -> "ac" -> "abc"); OSA may not edit the swapped pair.
  EXPECT_EQ(EditDistance("ca", "abc"), 3);
}

TEST(EditDistanceTest, IsSymmetric) {
  const std::array<std::string_view, 6> words = {"", "a", "chat", "offer", "other", "interview"};
  for (std::string_view a : words) {
    for (std::string_view b : words) EXPECT_EQ(EditDistance(a, b), EditDistance(b, a)) << a << b;
  }
}

constexpr std::array<std::string_view, 4> kCandidates = {"application", "interview", "offer",
                                                         "other"};

TEST(ClosestMatchTest, FindsAPlausibleTypo) {
  EXPECT_EQ(ClosestMatch("aplication", kCandidates), "application");
  EXPECT_EQ(ClosestMatch("intervew", kCandidates), "interview");
  EXPECT_EQ(ClosestMatch("OFFER", kCandidates), "offer");
}

TEST(ClosestMatchTest, ReturnsEmptyForAFarWord) {
  EXPECT_EQ(ClosestMatch("banana", kCandidates), "");
  EXPECT_EQ(ClosestMatch("x", kCandidates), "");
  EXPECT_EQ(ClosestMatch("", kCandidates), "");
}

TEST(ClosestMatchTest, AllowsAboutAThirdOfTheWordToBeWrong) {
  // 9 letters allow 3 edits; 4 edits is too many.
  EXPECT_EQ(ClosestMatch("intxxxiew", kCandidates), "interview");
  EXPECT_EQ(ClosestMatch("ixxxxview", kCandidates), "");
}

TEST(ClosestMatchTest, TieGoesToTheFirstCandidate) {
  // "ofher" is one edit from both "offer" and "other".
  EXPECT_EQ(ClosestMatch("ofher", kCandidates), "offer");
}

TEST(ClosestMatchTest, NoCandidatesMeansNoMatch) {
  EXPECT_EQ(ClosestMatch("anything", std::span<const std::string_view>()), "");
}

}  // namespace
}  // namespace keel
