// Why the reader looks like this:
//
// - Speed without cleverness. Imports run to a million rows, so the reader makes one pass over the
//   text it is given (no copy, no iostreams) and classifies bytes through a 256-entry table: an
//   ordinary ASCII byte costs one load and one compare. Only separators, quotes, line breaks, NUL
//   and non-ASCII bytes stop the inner loop, and those are exactly the bytes that need thought.
// - Validation in the same pass. UTF-8 and NUL checks happen where the scan stops anyway, instead
//   of in a separate sweep over 80 MB up front. The error then carries the physical line of the
//   bad byte, and every good record before it has already been handed out.
// - No allocation per field. Fields are written into the caller's strings (assign/append keep
//   their capacity) and record->fields only grows, so a steady import allocates nothing.
// - Line numbers are what an editor shows: LF, CRLF and lone CR each end one physical line, also
//   inside quoted fields, so "line 7" after a multi-line cell still points at the right place.
// - Lone CR ends a record (old Mac exports still produce it) rather than being an error; the
//   writer quotes every field containing CR or LF, so writing and re-reading is the identity.
// - Malformed CSV is ordinary user input, so failures are a message in error(), never a throw.
// - The formula guard is a writer option, off by default, so the reader/writer pair stays the
//   identity (fuzzed) and only keel's export, which keel's import undoes, adds the "'". Its rule
//   is recursive on a leading "'" so that guarding is injective: restoring never has to guess.
#include "io/csv.h"

#include <fmt/format.h>

#include <array>
#include <string>

#include "core/text.h"

namespace keel {
namespace {

// Byte classes for the scanning loops. Order matters: quoted fields treat kComma as plain.
enum ByteClass : unsigned char { kPlain, kComma, kQuote, kLf, kCr, kNul, kHigh };

constexpr std::array<unsigned char, 256> MakeClassTable() {
  std::array<unsigned char, 256> table{};
  for (size_t i = 0x80; i < table.size(); ++i) table[i] = kHigh;
  table[','] = kComma;
  table['"'] = kQuote;
  table['\n'] = kLf;
  table['\r'] = kCr;
  table[0] = kNul;
  return table;
}

constexpr std::array<unsigned char, 256> kClass = MakeClassTable();
constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr std::string_view kNulByte = "NUL byte: this is not a text file";

inline unsigned char ClassOf(char c) { return kClass[static_cast<unsigned char>(c)]; }

std::string BadUtf8(unsigned char byte) {
  return fmt::format("invalid UTF-8 (byte 0x{:02x}); save the file as UTF-8", byte);
}

// A number a spreadsheet shows as a number ("-12", "+3.5"): a leading sign is no formula there.
bool IsPlainNumber(std::string_view field) {
  size_t i = (field[0] == '-' || field[0] == '+') ? 1 : 0;
  const size_t digits_start = i;
  while (i < field.size() && field[i] >= '0' && field[i] <= '9') ++i;
  if (i == digits_start) return false;
  if (i < field.size() && field[i] == '.') {
    const size_t fraction_start = ++i;
    while (i < field.size() && field[i] >= '0' && field[i] <= '9') ++i;
    if (i == fraction_start) return false;
  }
  return i == field.size();
}

}  // namespace

CsvReader::CsvReader(std::string_view text, char delimiter)
    : text_(text), delimiter_(delimiter), class_(kClass) {
  if (text_.starts_with(kBom)) pos_ = kBom.size();
  if (delimiter != ',') {
    class_[static_cast<unsigned char>(',')] = kPlain;
    class_[static_cast<unsigned char>(delimiter)] = kComma;
  }
}

char SniffCsvDelimiter(std::string_view text) {
  // The header line alone: outside quotes, whichever of , ; TAB occurs most (ties favour ',').
  size_t counts[3] = {0, 0, 0};
  bool quoted = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n' || c == '\r') break;
    counts[0] += c == ',';
    counts[1] += c == ';';
    counts[2] += c == '\t';
  }
  if (counts[1] > counts[0] && counts[1] >= counts[2]) return ';';
  if (counts[2] > counts[0] && counts[2] > counts[1]) return '\t';
  return ',';
}

bool CsvReader::Fail(int line, std::string_view message) {
  error_ = "line " + std::to_string(line) + ": ";
  error_.append(message);
  done_ = true;
  return false;
}

// Scans from pos_ to the next comma, line break or end of text; pos_ ends on that terminator.
bool CsvReader::ReadUnquoted(std::string* field) {
  const char* data = text_.data();
  const size_t size = text_.size();
  size_t i = pos_;
  while (true) {
    while (i < size && Class(data[i]) == kPlain) ++i;
    if (i == size) break;
    const unsigned char c = Class(data[i]);
    if (c == kHigh) {
      const size_t length = Utf8SequenceLength(text_, i);
      if (length == 0) return Fail(line_, BadUtf8(static_cast<unsigned char>(data[i])));
      i += length;
      continue;
    }
    if (c == kQuote) {
      return Fail(line_, "stray quote inside an unquoted field; quote the whole field");
    }
    if (c == kNul) return Fail(line_, kNulByte);
    break;  // comma, LF or CR
  }
  field->assign(data + pos_, i - pos_);
  pos_ = i;
  return true;
}

// pos_ is on the opening quote; on success it ends just past the closing quote, on a terminator.
bool CsvReader::ReadQuoted(std::string* field) {
  const char* data = text_.data();
  const size_t size = text_.size();
  const int open_line = line_;
  size_t i = pos_ + 1;
  size_t run = i;  // start of the bytes not yet copied into *field
  field->clear();
  while (true) {
    while (i < size && Class(data[i]) <= kComma) ++i;
    if (i == size) {
      // Report the last line that has text on it, not the phantom one after a final newline.
      const char last = data[size - 1];
      const int end_line = (last == '\n' || last == '\r') ? line_ - 1 : line_;
      return Fail(end_line, "unterminated quoted field (a \" opened on line " +
                                std::to_string(open_line) + " is never closed)");
    }
    switch (Class(data[i])) {
      case kQuote:
        field->append(data + run, i - run);
        if (i + 1 < size && data[i + 1] == '"') {  // doubled quote: keep one
          field->push_back('"');
          i += 2;
          run = i;
          continue;
        }
        pos_ = i + 1;
        if (pos_ < size && Class(data[pos_]) != kComma && Class(data[pos_]) != kLf &&
            Class(data[pos_]) != kCr) {
          return Fail(line_,
                      "text after a closing quote; quote the whole field and double the quotes "
                      "inside it");
        }
        return true;
      case kLf:
        ++line_;
        ++i;
        break;
      case kCr:
        ++line_;
        i += (i + 1 < size && data[i + 1] == '\n') ? 2 : 1;
        break;
      case kNul:
        return Fail(line_, kNulByte);
      default: {  // kHigh
        const size_t length = Utf8SequenceLength(text_, i);
        if (length == 0) return Fail(line_, BadUtf8(static_cast<unsigned char>(data[i])));
        i += length;
        break;
      }
    }
  }
}

bool CsvReader::Next(CsvRecord* record) {
  if (done_) return false;
  const char* data = text_.data();
  const size_t size = text_.size();
  // Empty lines between records (and a final newline) carry no record.
  while (pos_ < size && (data[pos_] == '\n' || data[pos_] == '\r')) {
    pos_ += (data[pos_] == '\r' && pos_ + 1 < size && data[pos_ + 1] == '\n') ? 2 : 1;
    ++line_;
  }
  if (pos_ == size) {
    done_ = true;
    return false;
  }
  record->line = line_;
  std::vector<std::string>& fields = record->fields;
  size_t count = 0;
  while (true) {
    if (count == fields.size()) fields.emplace_back();
    std::string* field = &fields[count++];
    const bool ok = (pos_ < size && data[pos_] == '"') ? ReadQuoted(field) : ReadUnquoted(field);
    if (!ok) return false;
    if (pos_ == size) break;
    const char terminator = data[pos_++];
    if (terminator == delimiter_) continue;  // at the very end, "a," still has an empty last field
    if (terminator == '\r' && pos_ < size && data[pos_] == '\n') ++pos_;
    ++line_;
    break;
  }
  fields.resize(count);
  return true;
}

void AppendCsvField(std::string* out, std::string_view field) {
  bool quote =
      !field.empty() && (field.front() == ' ' || field.back() == ' ' || field.starts_with(kBom));
  for (size_t i = 0; i < field.size() && !quote; ++i) {
    const unsigned char c = ClassOf(field[i]);
    quote = c == kComma || c == kQuote || c == kLf || c == kCr;
  }
  if (!quote) {
    out->append(field);
    return;
  }
  out->push_back('"');
  size_t start = 0;
  for (size_t q = field.find('"'); q != std::string_view::npos; q = field.find('"', start)) {
    out->append(field.substr(start, q + 1 - start));
    out->push_back('"');
    start = q + 1;
  }
  out->append(field.substr(start));
  out->push_back('"');
}

bool NeedsFormulaGuard(std::string_view field) {
  if (field.empty()) return false;
  switch (field[0]) {
    case '=':
    case '@':
    case '\t':
    case '\r':
      return true;
    case '+':
    case '-':
      return !IsPlainNumber(field);
    case '\'':
      return NeedsFormulaGuard(field.substr(1));
    default:
      return false;
  }
}

std::string_view RestoreFormulaGuard(std::string_view field) {
  if (!field.empty() && field[0] == '\'' && NeedsFormulaGuard(field.substr(1))) {
    return field.substr(1);
  }
  return field;
}

void AppendCsvRow(std::string* out, const std::vector<std::string>& fields, FormulaGuard guard) {
  if (fields.size() == 1 && fields[0].empty()) {
    out->append("\"\"\n");  // an empty line would be skipped by the reader
    return;
  }
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out->push_back(',');
    if (guard == FormulaGuard::kOn && NeedsFormulaGuard(fields[i])) {
      AppendCsvField(out, "'" + fields[i]);
    } else {
      AppendCsvField(out, fields[i]);
    }
  }
  out->push_back('\n');
}

}  // namespace keel
