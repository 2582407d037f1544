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
#include "io/csv.h"

#include <array>
#include <string>

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
constexpr std::string_view kBadUtf8 = "invalid UTF-8; save the file as UTF-8";
constexpr std::string_view kNulByte = "NUL byte: this is not a text file";

inline unsigned char ClassOf(char c) { return kClass[static_cast<unsigned char>(c)]; }

// Length of the well-formed UTF-8 sequence starting at text[i] (a byte >= 0x80), or 0 if it is
// malformed: stray continuation bytes, overlong forms, surrogates, code points above U+10FFFF and
// sequences cut off by the end of the text are all rejected (Unicode table 3-7).
size_t Utf8Length(std::string_view text, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[i + k]); };
  const unsigned char lead = byte(0);
  size_t length = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;   // overlong
    if (lead == 0xED) high = 0x9F;  // surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;   // overlong
    if (lead == 0xF4) high = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }
  if (text.size() - i < length || byte(1) < low || byte(1) > high) return 0;
  for (size_t k = 2; k < length; ++k) {
    if ((byte(k) & 0xC0) != 0x80) return 0;
  }
  return length;
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
      const size_t length = Utf8Length(text_, i);
      if (length == 0) return Fail(line_, kBadUtf8);
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
        const size_t length = Utf8Length(text_, i);
        if (length == 0) return Fail(line_, kBadUtf8);
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

void AppendCsvRow(std::string* out, const std::vector<std::string>& fields) {
  if (fields.size() == 1 && fields[0].empty()) {
    out->append("\"\"\n");  // an empty line would be skipped by the reader
    return;
  }
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out->push_back(',');
    AppendCsvField(out, fields[i]);
  }
  out->push_back('\n');
}

}  // namespace keel
