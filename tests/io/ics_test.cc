// The iCalendar writer against RFC 5545's rules: TEXT escaping, CRLF everywhere, folding at 75
// octets without splitting a UTF-8 sequence.
#include "io/ics.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "support/dates.h"

namespace keel {
namespace {

using namespace std::string_view_literals;

// The physical lines of folded text, without their CRLF. Fails on a bare CR or LF.
std::vector<std::string> PhysicalLines(const std::string& text) {
  std::vector<std::string> lines;
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t end = text.find("\r\n", pos);
    EXPECT_NE(end, std::string::npos) << "no CRLF at the end: " << text.substr(pos);
    if (end == std::string::npos) break;
    const std::string line = text.substr(pos, end - pos);
    EXPECT_EQ(line.find_first_of("\r\n"), std::string::npos) << "bare CR or LF in: " << line;
    lines.push_back(line);
    pos = end + 2;
  }
  return lines;
}

// Undoes folding (RFC 5545 3.1): a CRLF followed by one space disappears. Drops the final CRLF.
std::string Unfold(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 3, "\r\n ") == 0) {
      i += 2;
      continue;
    }
    out += text[i];
  }
  if (out.size() >= 2 && out.compare(out.size() - 2, 2, "\r\n") == 0) out.resize(out.size() - 2);
  return out;
}

bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0U) == 0x80U; }

// Checks every rule for one folded content line.
void ExpectWellFolded(std::string_view line) {
  const std::string folded = FoldIcsLine(line);
  const std::vector<std::string> lines = PhysicalLines(folded);
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(Unfold(folded), line);
  for (size_t i = 0; i < lines.size(); ++i) {
    EXPECT_LE(lines[i].size(), 75u) << "line " << i << " of " << line;
    if (i > 0) {
      ASSERT_FALSE(lines[i].empty());
      EXPECT_EQ(lines[i][0], ' ');
      ASSERT_GE(lines[i].size(), 2u) << "a continuation line carries no text";
      EXPECT_FALSE(IsContinuation(lines[i][1])) << "split inside a character: " << line;
      // A line shorter than the limit is cut only to keep a character whole.
      if (i + 1 < lines.size()) {
        EXPECT_GE(lines[i].size(), 72u);
      }
    }
  }
}

TEST(IcsTest, EscapesText) {
  EXPECT_EQ(EscapeIcsText("plain text: \"quoted\" is fine"), "plain text: \"quoted\" is fine");
  EXPECT_EQ(EscapeIcsText("a\\b;c,d"), "a\\\\b\\;c\\,d");
  EXPECT_EQ(EscapeIcsText("\\n is not a line break"), "\\\\n is not a line break");
  EXPECT_EQ(EscapeIcsText("one\ntwo\r\nthree\rfour\n\nfive"), "one\\ntwo\\nthree\\nfour\\n\\nfive");
  EXPECT_EQ(EscapeIcsText("tab\tkept; bell\a, nul\0 and del\x7F dropped"sv),
            "tab\tkept\\; bell\\, nul and del dropped");
  EXPECT_EQ(EscapeIcsText("Zoë, Łódź; 東京"), "Zoë\\, Łódź\\; 東京");
  EXPECT_EQ(EscapeIcsText(""), "");
}

TEST(IcsTest, ShortLinesOnlyGetCrlf) {
  EXPECT_EQ(FoldIcsLine(""), "\r\n");
  EXPECT_EQ(FoldIcsLine("BEGIN:VTODO"), "BEGIN:VTODO\r\n");
}

TEST(IcsTest, FoldsAtExactly75Octets) {
  const std::string exactly(75, 'a');
  EXPECT_EQ(FoldIcsLine(exactly), exactly + "\r\n");
  const std::string one_more(76, 'b');
  EXPECT_EQ(FoldIcsLine(one_more), std::string(75, 'b') + "\r\n b\r\n");
  // Continuation lines hold 74 octets after their space: 75 + 74 + 74 + 2.
  const std::string long_line(225, 'c');
  EXPECT_EQ(FoldIcsLine(long_line), std::string(75, 'c') + "\r\n " + std::string(74, 'c') +
                                        "\r\n " + std::string(74, 'c') + "\r\n cc\r\n");
  EXPECT_EQ(FoldIcsLine(std::string(149, 'd')),
            std::string(75, 'd') + "\r\n " + std::string(74, 'd') + "\r\n");
}

TEST(IcsTest, NeverSplitsAMultiByteCharacter) {
  // "é" is 2 octets. 74 ASCII octets then "é": octets 75-76, so the fold moves before it.
  const std::string two = std::string(74, 'x') + "é" + "yz";
  EXPECT_EQ(FoldIcsLine(two), std::string(74, 'x') + "\r\n éyz\r\n");
  // 73 ASCII + "é" ends exactly at octet 75: no need to move.
  const std::string fits = std::string(73, 'x') + "é" + "yz";
  EXPECT_EQ(FoldIcsLine(fits), std::string(73, 'x') + "é\r\n yz\r\n");
  // "€" is 3 octets and "😀" 4, starting at octets 74 and 73: both move whole.
  EXPECT_EQ(FoldIcsLine(std::string(73, 'x') + "€!"), std::string(73, 'x') + "\r\n €!\r\n");
  EXPECT_EQ(FoldIcsLine(std::string(72, 'x') + "😀!"), std::string(72, 'x') + "\r\n 😀!\r\n");
  // Only multi-byte text: 25 three-octet characters fill a line exactly; the 26th moves.
  std::string euros;
  for (int i = 0; i < 26; ++i) euros += "€";
  const std::string folded = FoldIcsLine(euros);
  const std::vector<std::string> lines = PhysicalLines(folded);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].size(), 75u);
  EXPECT_EQ(lines[1], " €");
  ExpectWellFolded(euros);
  // Continuation lines have 74 octets for text: 24 "€" (72) fit, the 25th does not.
  std::string many;
  for (int i = 0; i < 25 + 25; ++i) many += "€";
  const std::vector<std::string> many_lines = PhysicalLines(FoldIcsLine(many));
  ASSERT_EQ(many_lines.size(), 3u);
  EXPECT_EQ(many_lines[1].size(), 1u + 72u);
  ExpectWellFolded(many);
}

TEST(IcsTest, RandomUtf8TextFoldsWell) {
  const std::vector<std::string> pieces = {"a", " ", ",", "é", "ß", "€", "東", "😀", "\\n"};
  std::mt19937 rng(20261126);
  std::uniform_int_distribution<size_t> pick(0, pieces.size() - 1);
  std::uniform_int_distribution<int> length(0, 300);
  for (int round = 0; round < 2000; ++round) {
    std::string line = "DESCRIPTION:";
    for (int n = length(rng); n > 0; --n) line += pieces[pick(rng)];
    ExpectWellFolded(line);
  }
}

TEST(IcsTest, BytesThatAreNotUtf8StillFold) {
  const std::string junk(200, '\x80');  // continuation bytes only: cut at the limit
  const std::vector<std::string> lines = PhysicalLines(FoldIcsLine(junk));
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].size(), 75u);
  EXPECT_EQ(lines[1].size(), 75u);
  EXPECT_EQ(Unfold(FoldIcsLine(junk)), junk);
}

TEST(IcsTest, DatesArePadded) {
  EXPECT_EQ(IcsDate(Day("2027-01-05")), "20270105");
  EXPECT_EQ(IcsDate(Day("2026-03-09")), "20260309");
}

TEST(IcsTest, WritesACalendarOfTodos) {
  IcsWriter ics("-//keel//agenda//EN", Day("2026-11-26"));
  ics.AddTodo({"keel-ask-3-follow-up-1@keel", Day("2026-11-20"), "Follow up: Acme, Inc. (Zoë)",
               "no reply after 12 days; chance 38%\nask #3"});
  ics.AddTodo({"keel-ask-4-ask-again-20261101@keel", Day("2026-11-01"), "Ask again: Globex", ""});
  const std::string text = std::move(ics).Finish();
  EXPECT_EQ(text,
            "BEGIN:VCALENDAR\r\n"
            "VERSION:2.0\r\n"
            "PRODID:-//keel//agenda//EN\r\n"
            "CALSCALE:GREGORIAN\r\n"
            "BEGIN:VTODO\r\n"
            "UID:keel-ask-3-follow-up-1@keel\r\n"
            "DTSTAMP:20261126T000000Z\r\n"
            "DUE;VALUE=DATE:20261120\r\n"
            "SUMMARY:Follow up: Acme\\, Inc. (Zoë)\r\n"
            "DESCRIPTION:no reply after 12 days\\; chance 38%\\nask #3\r\n"
            "STATUS:NEEDS-ACTION\r\n"
            "END:VTODO\r\n"
            "BEGIN:VTODO\r\n"
            "UID:keel-ask-4-ask-again-20261101@keel\r\n"
            "DTSTAMP:20261126T000000Z\r\n"
            "DUE;VALUE=DATE:20261101\r\n"
            "SUMMARY:Ask again: Globex\r\n"
            "STATUS:NEEDS-ACTION\r\n"
            "END:VTODO\r\n"
            "END:VCALENDAR\r\n");
}

TEST(IcsTest, LongFieldsAreFoldedInsideTheCalendar) {
  IcsWriter ics("-//keel//agenda//EN", Day("2026-11-26"));
  std::string summary = "Follow up: ";
  for (int i = 0; i < 40; ++i) summary += "Łódź ";
  ics.AddTodo({"uid@keel", Day("2026-11-26"), summary, ""});
  const std::string text = std::move(ics).Finish();
  for (const std::string& line : PhysicalLines(text)) EXPECT_LE(line.size(), 75u) << line;
  EXPECT_NE(Unfold(text).find("\r\nSUMMARY:" + summary + "\r\n"), std::string::npos);
}

TEST(IcsTest, AnEmptyCalendarIsStillClosed) {
  EXPECT_EQ(IcsWriter("-//keel//agenda//EN", Day("2026-11-26")).Finish(),
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//keel//agenda//EN\r\n"
            "CALSCALE:GREGORIAN\r\nEND:VCALENDAR\r\n");
}

}  // namespace
}  // namespace keel
