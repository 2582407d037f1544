#include "io/csv.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace keel {
namespace {

using namespace std::string_view_literals;
using Rows = std::vector<std::vector<std::string>>;

// Reads every record; *error gets the reader's error (empty on a clean end).
Rows ReadAll(std::string_view text, std::string* error = nullptr,
             std::vector<int>* lines = nullptr) {
  CsvReader reader(text);
  CsvRecord record;
  Rows rows;
  while (reader.Next(&record)) {
    rows.push_back(record.fields);
    if (lines != nullptr) lines->push_back(record.line);
  }
  if (error != nullptr) *error = reader.error();
  return rows;
}

// The error message for `text`, which must fail.
std::string ErrorOf(std::string_view text) {
  std::string error;
  ReadAll(text, &error);
  return error;
}

TEST(CsvReaderTest, PlainRows) {
  std::string error;
  std::vector<int> lines;
  EXPECT_EQ(ReadAll("a,b,c\n1,2,3\n", &error, &lines), (Rows{{"a", "b", "c"}, {"1", "2", "3"}}));
  EXPECT_EQ(error, "");
  EXPECT_EQ(lines, (std::vector<int>{1, 2}));
}

TEST(CsvReaderTest, EmptyInputHasNoRecords) {
  std::string error;
  EXPECT_TRUE(ReadAll("", &error).empty());
  EXPECT_EQ(error, "");
  EXPECT_TRUE(ReadAll("\n\r\n\n", &error).empty());
  EXPECT_EQ(error, "");
  EXPECT_TRUE(ReadAll("\xEF\xBB\xBF", &error).empty());
  EXPECT_EQ(error, "");
}

TEST(CsvReaderTest, QuotedCommas) { EXPECT_EQ(ReadAll("\"a,b\",c\n"), (Rows{{"a,b", "c"}})); }

TEST(CsvReaderTest, DoubledQuotes) {
  EXPECT_EQ(ReadAll("\"say \"\"hi\"\"\",\"\"\"\"\n"), (Rows{{"say \"hi\"", "\""}}));
}

TEST(CsvReaderTest, EmbeddedLfKeepsLineNumbers) {
  std::vector<int> lines;
  EXPECT_EQ(ReadAll("a,\"x\ny\nz\"\nb,c\n", nullptr, &lines), (Rows{{"a", "x\ny\nz"}, {"b", "c"}}));
  EXPECT_EQ(lines, (std::vector<int>{1, 4}));
}

TEST(CsvReaderTest, EmbeddedCrlfIsPreservedAndCounted) {
  std::vector<int> lines;
  EXPECT_EQ(ReadAll("\"x\r\ny\",1\r\nb,2\r\n", nullptr, &lines),
            (Rows{{"x\r\ny", "1"}, {"b", "2"}}));
  EXPECT_EQ(lines, (std::vector<int>{1, 3}));
}

TEST(CsvReaderTest, LoneCrInsideQuotesIsPreservedAndCounted) {
  std::vector<int> lines;
  EXPECT_EQ(ReadAll("\"x\ry\"\nb\n", nullptr, &lines), (Rows{{"x\ry"}, {"b"}}));
  EXPECT_EQ(lines, (std::vector<int>{1, 3}));
}

TEST(CsvReaderTest, CrlfRecordEndings) {
  std::vector<int> lines;
  EXPECT_EQ(ReadAll("a,b\r\nc,d\r\n", nullptr, &lines), (Rows{{"a", "b"}, {"c", "d"}}));
  EXPECT_EQ(lines, (std::vector<int>{1, 2}));
}

TEST(CsvReaderTest, LoneCrEndsARecord) {
  std::vector<int> lines;
  EXPECT_EQ(ReadAll("a,b\rc,d\r", nullptr, &lines), (Rows{{"a", "b"}, {"c", "d"}}));
  EXPECT_EQ(lines, (std::vector<int>{1, 2}));
}

TEST(CsvReaderTest, SkipsLeadingBom) {
  std::vector<int> lines;
  EXPECT_EQ(ReadAll("\xEF\xBB\xBF"
                    "id,name\n1,x\n",
                    nullptr, &lines),
            (Rows{{"id", "name"}, {"1", "x"}}));
  EXPECT_EQ(lines, (std::vector<int>{1, 2}));
  // Only a leading BOM is special; elsewhere it is an ordinary character.
  EXPECT_EQ(ReadAll("a\n\xEF\xBB\xBF"
                    "b\n"),
            (Rows{{"a"},
                  {"\xEF\xBB\xBF"
                   "b"}}));
}

TEST(CsvReaderTest, MissingFinalNewline) {
  EXPECT_EQ(ReadAll("a,b\nc,d"), (Rows{{"a", "b"}, {"c", "d"}}));
  EXPECT_EQ(ReadAll("a,\"b\""), (Rows{{"a", "b"}}));
  EXPECT_EQ(ReadAll("a,"), (Rows{{"a", ""}}));
}

TEST(CsvReaderTest, EmptyFields) {
  EXPECT_EQ(ReadAll(",,\n"), (Rows{{"", "", ""}}));
  EXPECT_EQ(ReadAll("a,,b,\n"), (Rows{{"a", "", "b", ""}}));
  EXPECT_EQ(ReadAll("\"\"\n"), (Rows{{""}}));
  EXPECT_EQ(ReadAll("\"\",\"\"\n"), (Rows{{"", ""}}));
  EXPECT_EQ(ReadAll(",\"\"\r\n"), (Rows{{"", ""}}));
}

TEST(CsvReaderTest, EmptyLinesAreSkipped) {
  std::vector<int> lines;
  EXPECT_EQ(ReadAll("\n\na\n\n\r\nb\n\n", nullptr, &lines), (Rows{{"a"}, {"b"}}));
  EXPECT_EQ(lines, (std::vector<int>{3, 6}));
}

TEST(CsvReaderTest, WhitespaceIsKept) {
  EXPECT_EQ(ReadAll(" a , b \t\n  \n"), (Rows{{" a ", " b \t"}, {"  "}}));
}

TEST(CsvReaderTest, MultibyteUtf8IsAccepted) {
  EXPECT_EQ(ReadAll("caf\xC3\xA9,\xE2\x82\xAC,\"\xF0\x9F\x98\x80,\"\n"),
            (Rows{{"caf\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80,"}}));
  // Largest code point and the ones right around the surrogate block.
  EXPECT_EQ(ReadAll("\xF4\x8F\xBF\xBF,\xED\x9F\xBF,\xEE\x80\x80\n"),
            (Rows{{"\xF4\x8F\xBF\xBF", "\xED\x9F\xBF", "\xEE\x80\x80"}}));
}

TEST(CsvReaderTest, ReusesRecordStorage) {
  CsvReader reader("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa,b\nc,d\n");
  CsvRecord record;
  ASSERT_TRUE(reader.Next(&record));
  const std::string* fields = record.fields.data();
  const char* first = record.fields[0].data();
  ASSERT_TRUE(reader.Next(&record));
  EXPECT_EQ(record.fields, (std::vector<std::string>{"c", "d"}));
  EXPECT_EQ(record.fields.data(), fields);
  EXPECT_EQ(record.fields[0].data(), first);
  EXPECT_FALSE(reader.Next(&record));
}

TEST(CsvReaderTest, FewerFieldsThanBeforeShrinksTheRecord) {
  EXPECT_EQ(ReadAll("a,b,c\nd\ne,f\n"), (Rows{{"a", "b", "c"}, {"d"}, {"e", "f"}}));
}

TEST(CsvReaderErrorTest, UnterminatedQuotedField) {
  EXPECT_EQ(ErrorOf("h\n1\n2\n3\n\"open,\nmore\nend\n"),
            "line 7: unterminated quoted field (a \" opened on line 5 is never closed)");
  EXPECT_EQ(ErrorOf("a,\"b"),
            "line 1: unterminated quoted field (a \" opened on line 1 is never "
            "closed)");
  EXPECT_EQ(ErrorOf("a\r\n\"b\r\nc"),
            "line 3: unterminated quoted field (a \" opened on line 2 is never closed)");
}

TEST(CsvReaderErrorTest, StrayQuote) {
  EXPECT_EQ(ErrorOf("a,b\nc,d\ne,f\"g\n"),
            "line 3: stray quote inside an unquoted field; quote the whole field");
  EXPECT_EQ(ErrorOf("a, \"b\"\n"),
            "line 1: stray quote inside an unquoted field; quote the whole field");
}

TEST(CsvReaderErrorTest, TextAfterClosingQuote) {
  EXPECT_EQ(ErrorOf("x\n\"a\"b\n"),
            "line 2: text after a closing quote; quote the whole field and double the quotes "
            "inside it");
}

TEST(CsvReaderErrorTest, NulByte) {
  EXPECT_EQ(ErrorOf("a\nb\0c\n"sv), "line 2: NUL byte: this is not a text file");
  EXPECT_EQ(ErrorOf("\"a\nb\0\"\n"sv), "line 2: NUL byte: this is not a text file");
}

TEST(CsvReaderErrorTest, InvalidUtf8) {
  const auto message = [](const char* byte) {
    return std::string("line 4: invalid UTF-8 (byte 0x") + byte + "); save the file as UTF-8";
  };
  EXPECT_EQ(ErrorOf("a\nb\nc\nd\xFF\n"), message("ff"));              // never valid
  EXPECT_EQ(ErrorOf("a\nb\nc\n\xE9t\xE9\n"), message("e9"));          // Latin-1
  EXPECT_EQ(ErrorOf("a\nb\nc\nx\xC0\x80\n"), message("c0"));          // overlong NUL
  EXPECT_EQ(ErrorOf("a\nb\nc\nx\xE0\x80\xAF\n"), message("e0"));      // overlong '/'
  EXPECT_EQ(ErrorOf("a\nb\nc\nx\xED\xA0\x80\n"), message("ed"));      // surrogate
  EXPECT_EQ(ErrorOf("a\nb\nc\nx\xF4\x90\x80\x80\n"), message("f4"));  // above U+10FFFF
  EXPECT_EQ(ErrorOf("a\nb\nc\nx\x80\n"), message("80"));              // lone continuation
  EXPECT_EQ(ErrorOf("a\nb\nc\nx\xE2\x82"), message("e2"));            // cut off at the end
  EXPECT_EQ(ErrorOf("a\nb\nc\n\"x\xE2\x82\"\n"), message("e2"));      // cut off in quotes
  EXPECT_EQ(ErrorOf("a\n\"b\nc\n\xE2\x82\"\n"), message("e2"));       // line counted in quotes
}

TEST(CsvReaderErrorTest, RecordsBeforeTheErrorAreDeliveredAndTheErrorSticks) {
  CsvReader reader("a,b\nc\"\nd\n");
  CsvRecord record;
  ASSERT_TRUE(reader.Next(&record));
  EXPECT_EQ(record.fields, (std::vector<std::string>{"a", "b"}));
  EXPECT_FALSE(reader.Next(&record));
  EXPECT_EQ(reader.error(), "line 2: stray quote inside an unquoted field; quote the whole field");
  EXPECT_FALSE(reader.Next(&record));
  EXPECT_EQ(reader.error(), "line 2: stray quote inside an unquoted field; quote the whole field");
}

std::string Field(std::string_view field) {
  std::string out;
  AppendCsvField(&out, field);
  return out;
}

std::string Row(const std::vector<std::string>& fields) {
  std::string out;
  AppendCsvRow(&out, fields);
  return out;
}

TEST(CsvWriterTest, QuotesOnlyWhenNeeded) {
  EXPECT_EQ(Field("plain"), "plain");
  EXPECT_EQ(Field(""), "");
  EXPECT_EQ(Field("in side"), "in side");
  EXPECT_EQ(Field("caf\xC3\xA9"), "caf\xC3\xA9");
  EXPECT_EQ(Field("a,b"), "\"a,b\"");
  EXPECT_EQ(Field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(Field("\""), "\"\"\"\"");
  EXPECT_EQ(Field("a\nb"), "\"a\nb\"");
  EXPECT_EQ(Field("a\rb"), "\"a\rb\"");
  EXPECT_EQ(Field(" lead"), "\" lead\"");
  EXPECT_EQ(Field("trail "), "\"trail \"");
  EXPECT_EQ(Field(" "), "\" \"");
  EXPECT_EQ(Field("\xEF\xBB\xBFx"), "\"\xEF\xBB\xBFx\"");
}

TEST(CsvWriterTest, Rows) {
  EXPECT_EQ(Row({"a", "b,c", ""}), "a,\"b,c\",\n");
  EXPECT_EQ(Row({"", ""}), ",\n");
  EXPECT_EQ(Row({""}), "\"\"\n");  // not an empty line, which the reader would skip
  EXPECT_EQ(ReadAll(Row({""}) + Row({"x"})), (Rows{{""}, {"x"}}));
}

// The number of physical line breaks (LF, CRLF, lone CR) in text.
int LineBreaks(std::string_view text) {
  int breaks = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'))) {
      ++breaks;
    }
  }
  return breaks;
}

TEST(CsvRoundTripTest, RandomRowsSurviveWriteThenRead) {
  const std::vector<std::string> alphabet = {
      "a",           "b",  "Z", "7",  ",",        "\"",           "\n",
      "\r\n",        "\r", " ", "\t", "\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80",
      "\xEF\xBB\xBF"};
  std::mt19937 rng(20240611);
  const auto uniform = [&rng](size_t n) {
    return std::uniform_int_distribution<size_t>(0, n - 1)(rng);
  };
  Rows rows;
  std::vector<int> expected_lines;
  std::string text;
  int line = 1;
  for (int r = 0; r < 2000; ++r) {
    std::vector<std::string> fields(1 + uniform(6));
    for (std::string& field : fields) {
      if (uniform(4) == 0) continue;  // empty strings are common in real data
      for (size_t length = uniform(8); length > 0; --length) {
        field += alphabet[uniform(alphabet.size())];
      }
    }
    expected_lines.push_back(line);
    std::string row;
    AppendCsvRow(&row, fields);
    line += LineBreaks(row);  // rows end in "\n", so no CRLF straddles two rows
    text += row;
    rows.push_back(std::move(fields));
  }
  std::string error;
  std::vector<int> lines;
  const Rows read = ReadAll(text, &error, &lines);
  EXPECT_EQ(error, "");
  ASSERT_EQ(read.size(), rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    ASSERT_EQ(read[i], rows[i]) << "row " << i;
  }
  EXPECT_EQ(lines, expected_lines);
}

// Formula guard: a cell a spreadsheet would run is written with a leading "'", a plain number
// is not, and reading restores exactly what was written (the round trip is the identity).
TEST(CsvFormulaGuardTest, GuardsFormulaStartsButNotNumbersOrDates) {
  for (std::string_view cell : {"=1+1", "=HYPERLINK(\"http://x\")", "+1 555 0100", "-2+3",
                                "@SUM(A1)", "\tx", "\rx", "-", "+", "'=x", "''@x"}) {
    EXPECT_TRUE(NeedsFormulaGuard(cell)) << cell;
  }
  for (std::string_view cell :
       {"", "-12", "+3.5", "-0.25", "2026-11-02", "Acme", "'tis", "x=1", " =1", "1-2"}) {
    EXPECT_FALSE(NeedsFormulaGuard(cell)) << cell;
  }
  std::string out;
  AppendCsvRow(&out, {"=1+1", "-12", "Acme", "@x"}, FormulaGuard::kOn);
  EXPECT_EQ(out, "'=1+1,-12,Acme,'@x\n");
  out.clear();
  AppendCsvRow(&out, {"=1+1"});
  EXPECT_EQ(out, "=1+1\n");  // off by default: the reader/writer pair stays the identity
}

TEST(CsvFormulaGuardTest, RestoringIsTheInverseOfGuarding) {
  for (std::string_view cell : {"=1", "'=1", "''=1", "'tis", "''tis", "'", "''", "-12", "-x",
                                "'-12", "'-x", "@", "'@", "\t", "'\t", "plain", ""}) {
    // Built by append: GCC 12 at -O3 warns falsely (-Wrestrict) on `"'" + std::string(cell)`.
    std::string guarded = NeedsFormulaGuard(cell) ? "'" : "";
    guarded.append(cell);
    EXPECT_EQ(RestoreFormulaGuard(guarded), cell) << guarded;
  }
  EXPECT_EQ(RestoreFormulaGuard("'tis"), "'tis");  // an apostrophe keel did not add stays
}

Rows ReadWith(std::string_view text, char delimiter) {
  CsvReader reader(text, delimiter);
  CsvRecord record;
  Rows rows;
  while (reader.Next(&record)) rows.push_back(record.fields);
  EXPECT_EQ(reader.error(), "");
  return rows;
}

TEST(CsvReaderTest, SemicolonAndTabDelimiters) {
  EXPECT_EQ(ReadWith("a;b,c;\"d;e\"\n", ';'), (Rows{{"a", "b,c", "d;e"}}));
  EXPECT_EQ(ReadWith("a\tb,c\t\n", '\t'), (Rows{{"a", "b,c", ""}}));
  EXPECT_EQ(ReadWith("a,b\n", ','), (Rows{{"a", "b"}}));
}

TEST(SniffCsvDelimiterTest, ReadsTheHeaderLineOnly) {
  EXPECT_EQ(SniffCsvDelimiter("Company,Status,Date\n"), ',');
  EXPECT_EQ(SniffCsvDelimiter("Company;Status;Date\nA,B;C\n"), ';');
  EXPECT_EQ(SniffCsvDelimiter("Company\tStatus\tDate\r\n"), '\t');
  EXPECT_EQ(SniffCsvDelimiter("\"a;b;c\",d\n"), ',');  // quoted ';' do not count
  EXPECT_EQ(SniffCsvDelimiter("org\n"), ',');
  EXPECT_EQ(SniffCsvDelimiter(""), ',');
}

}  // namespace
}  // namespace keel
