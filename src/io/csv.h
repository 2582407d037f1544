// RFC 4180 CSV: a streaming reader over text already in memory, and a writer that quotes only
// when it must. Malformed input is an expected failure, reported through CsvReader::error().
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace keel {

/// One CSV record. `line` is the 1-based physical line where the record starts (for error
/// messages).
struct CsvRecord {
  std::vector<std::string> fields;
  int line = 0;
};

/// Streams records out of a whole file held in memory.
///
/// Records end at LF, CRLF or a lone CR; empty lines are skipped. Quoted fields keep their commas,
/// line breaks (byte for byte) and doubled quotes. Whitespace is kept. The text must be UTF-8
/// without NUL bytes. The viewed text must outlive the reader.
class CsvReader {
 public:
  /// Skips a leading UTF-8 BOM; does not copy text. `delimiter` separates fields (',', ';' or
  /// a tab; see SniffCsvDelimiter).
  explicit CsvReader(std::string_view text, char delimiter = ',');

  /// Reads the next record into *record (reusing its capacity). Returns false at the end of input
  /// or on malformed input; then error() is empty at a clean end, otherwise a one-line message
  /// that starts with "line N: ". After false, every later call returns false too.
  bool Next(CsvRecord* record);

  /// Why the last Next() failed, or empty at a clean end of input.
  const std::string& error() const { return error_; }

 private:
  bool ReadQuoted(std::string* field);
  bool ReadUnquoted(std::string* field);
  bool Fail(int line, std::string_view message);
  unsigned char Class(char c) const { return class_[static_cast<unsigned char>(c)]; }

  std::string_view text_;
  size_t pos_ = 0;
  int line_ = 1;
  bool done_ = false;
  std::string error_;
  char delimiter_ = ',';
  std::array<unsigned char, 256> class_{};  // byte classes, with this reader's delimiter
};

/// The field delimiter of a CSV file, read from its first line: ',' unless ';' or a tab occurs
/// more often outside quotes (spreadsheets in many locales write ';').
char SniffCsvDelimiter(std::string_view text);

/// Appends one field, quoted only when it contains a comma, quote, CR or LF (quotes doubled), or
/// begins/ends with a space (or begins with a UTF-8 BOM, which a reader would strip).
void AppendCsvField(std::string* out, std::string_view field);

/// Spreadsheet formula injection (OWASP "CSV injection"): a cell that begins with = + - @, a tab
/// or a CR is run as a formula when the file is opened in Excel, LibreOffice or Google Sheets.
/// A plain number ("-12", "+3.5") is not guarded: a sheet shows it as the number it is. Dates
/// (YYYY-MM-DD) begin with a digit and are never touched.
enum class FormulaGuard { kOff, kOn };

/// True when `field` is written with a leading "'" under FormulaGuard::kOn: it begins with = @ tab
/// CR, or + - without being a plain number, or with "'" followed by such a field (so that a field
/// which already begins with "'" survives the round trip too).
bool NeedsFormulaGuard(std::string_view field);

/// The inverse on reading: drops the leading "'" that FormulaGuard::kOn added, and only that one.
/// For every field f: RestoreFormulaGuard(guarded(f)) == f, where guarded(f) is "'" + f when
/// NeedsFormulaGuard(f), else f.
std::string_view RestoreFormulaGuard(std::string_view field);

/// Appends fields joined by commas and ended by "\n". A lone empty field is written as `""` so the
/// row does not become an empty line, which readers skip. With FormulaGuard::kOn, fields that
/// NeedsFormulaGuard are written with a leading "'".
void AppendCsvRow(std::string* out, const std::vector<std::string>& fields,
                  FormulaGuard guard = FormulaGuard::kOff);

}  // namespace keel
