#include "core/text.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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

// WithinOneEdit is EditDistance <= 1 without the table: every pair of strings over {a, b, B} up
// to five letters (364 strings, 132,496 pairs), case and transpositions included.
TEST(EditDistanceTest, WithinOneEditAgreesWithTheDistanceOnEveryShortPair) {
  std::vector<std::string> strings = {""};
  for (size_t begin = 0, length = 1; length <= 5; ++length) {
    const size_t end = strings.size();
    for (size_t i = begin; i < end; ++i) {
      for (const char c : {'a', 'b', 'B'}) strings.push_back(strings[i] + c);
    }
    begin = end;
  }
  ASSERT_EQ(strings.size(), 364U);
  for (const std::string& a : strings) {
    for (const std::string& b : strings) {
      ASSERT_EQ(WithinOneEdit(a, b), EditDistance(a, b) <= 1) << "'" << a << "' / '" << b << "'";
    }
  }
  EXPECT_TRUE(WithinOneEdit("Gloebx", "Globex"));
  EXPECT_FALSE(WithinOneEdit("abcd", "badc"));
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

TEST(Utf8Test, FindsTheFirstMalformedByte) {
  EXPECT_FALSE(FindInvalidUtf8("Zoë Müller, 東京, 🙂").has_value());
  const std::optional<Utf8Fault> fault = FindInvalidUtf8("Acme \xFF corp");
  ASSERT_TRUE(fault.has_value());
  EXPECT_EQ(fault->offset, 5u);
  EXPECT_EQ(fault->byte, 0xFF);
  EXPECT_EQ(FindInvalidUtf8("caf\xE9")->offset, 3u);        // Latin-1
  EXPECT_EQ(FindInvalidUtf8("x\xED\xA0\x80")->offset, 1u);  // surrogate
  EXPECT_EQ(FindInvalidUtf8("x\xC0\x80")->offset, 1u);      // overlong NUL
  EXPECT_EQ(CountCodePoints("Zoë"), 3u);
}

TEST(ClipTest, CutsAtEightyCharactersAndEscapesControls) {
  EXPECT_EQ(Clip("Acme"), "Acme");
  EXPECT_EQ(Clip(std::string(50'000'000, 'x')), std::string(80, 'x') + "\u2026");
  EXPECT_EQ(Clip(std::string(80, 'x')), std::string(80, 'x'));
  EXPECT_EQ(Clip("ééé", 2), "éé\u2026");  // characters, never half of one
  EXPECT_EQ(Clip("a\x1b[2Jb\nc\xFF"), "a\\x1b[2Jb\\nc\\xff");
}

TEST(BidiControlAtTest, FindsEmbeddingsOverridesAndIsolatesOnly) {
  EXPECT_EQ(BidiControlAt("\u202E", 0), 0x202Eu);
  EXPECT_EQ(BidiControlAt("a\u202A", 1), 0x202Au);
  EXPECT_EQ(BidiControlAt("\u2066", 0), 0x2066u);
  EXPECT_EQ(BidiControlAt("\u2069", 0), 0x2069u);
  for (const char* other : {"\u2029", "\u202F", "\u2065", "\u206A", "\u200F", "\u061C", "a"}) {
    EXPECT_EQ(BidiControlAt(other, 0), 0u) << other;
  }
  EXPECT_EQ(BidiControlAt("\xE2\x80", 0), 0u);  // cut off
}

TEST(EscapeControlsTest, EscapesTerminalCodesAndKeepsOtherText) {
  // A stored override would reorder the table row it is printed in.
  EXPECT_EQ(EscapeControls("Acme\u202Eevil"), "Acme\\u202eevil");
  EXPECT_EQ(Clip("x\u2066y"), "x\\u2066y");
  EXPECT_EQ(EscapeControls("\u05E9\u200F"), "\u05E9\u200F");
  EXPECT_EQ(EscapeControls("Zoë Müller"), "Zoë Müller");
  EXPECT_EQ(EscapeControls("\x1b]0;pwned\x07"), "\\x1b]0;pwned\\x07");
  EXPECT_EQ(EscapeControls("a\xC2\x9B"
                           "31mb"),
            "a\\u009b31mb");  // C1 CSI
  EXPECT_EQ(EscapeControls("line\tone\r\n"), "line\\tone\\r\\n");
  EXPECT_EQ(EscapeControls(std::string("a\0b", 3)), "a\\x00b");
  EXPECT_EQ(EscapeControls("\x7f"), "\\x7f");
}

TEST(ParseIdTest, AcceptsPositiveIdsAndNamesEveryOtherProblem) {
  EXPECT_EQ(*ParseId("12", "the ask's id"), 12);
  EXPECT_EQ(*ParseId("9223372036854775807", "the ask's id"), INT64_MAX);
  EXPECT_EQ(ParseId("9223372036854775808", "the ask's id").message(),
            "the ask's id 9223372036854775808 is too large to be an id; give the number 'keel "
            "list' shows");
  EXPECT_NE(ParseId("18446744073709551615", "id").message().find("too large"), std::string::npos);
  EXPECT_EQ(ParseId("-1", "the ask's id").message(),
            "the ask's id -1 is negative; ids are whole numbers from 1, as 'keel list' shows "
            "them");
  EXPECT_EQ(ParseId("0", "the ask's id").message(),
            "the ask's id 0 is not an id; ids start at 1, as 'keel list' shows them");
  EXPECT_EQ(ParseId("abc", "the ask's id").message(),
            "the ask's id 'abc' is not a number; give the number 'keel list' shows, like 12");
  EXPECT_FALSE(ParseId("12abc", "id").ok());
  EXPECT_FALSE(ParseId("1e3", "id").ok());
  EXPECT_FALSE(ParseId("", "id").ok());
}

}  // namespace
}  // namespace keel
