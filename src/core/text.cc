#include "core/text.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <limits>
#include <vector>

namespace keel {
namespace {
bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
char LowerChar(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
}  // namespace

std::string_view Trim(std::string_view text) {
  while (!text.empty() && IsSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsSpace(text.back())) text.remove_suffix(1);
  return text;
}

std::string CollapseSpaces(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (char c : Trim(text)) {
    if (IsSpace(c)) {
      pending_space = true;
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(c);
  }
  return out;
}

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), LowerChar);
  return out;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return LowerChar(x) == LowerChar(y);
         });
}

int EditDistance(std::string_view a, std::string_view b) {
  const size_t n = a.size();
  const size_t m = b.size();
  // Three rolling rows are enough for the transposition rule.
  std::vector<int> prev2(m + 1), prev(m + 1), cur(m + 1);
  for (size_t j = 0; j <= m; ++j) prev[j] = static_cast<int>(j);
  for (size_t i = 1; i <= n; ++i) {
    cur[0] = static_cast<int>(i);
    for (size_t j = 1; j <= m; ++j) {
      const int cost = LowerChar(a[i - 1]) == LowerChar(b[j - 1]) ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && LowerChar(a[i - 1]) == LowerChar(b[j - 2]) &&
          LowerChar(a[i - 2]) == LowerChar(b[j - 1])) {
        cur[j] = std::min(cur[j], prev2[j - 2] + 1);
      }
    }
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return prev[m];
}

bool WithinOneEdit(std::string_view a, std::string_view b) {
  if (a.size() < b.size()) std::swap(a, b);  // a is the longer
  if (a.size() - b.size() > 1) return false;
  size_t i = 0;  // the first difference
  while (i < b.size() && LowerChar(a[i]) == LowerChar(b[i])) ++i;
  if (i == b.size()) return true;  // equal, or one letter added at the end
  const auto same_from = [&](size_t ai, size_t bi) {
    for (; bi < b.size(); ++ai, ++bi) {
      if (LowerChar(a[ai]) != LowerChar(b[bi])) return false;
    }
    return true;
  };
  if (a.size() > b.size()) return same_from(i + 1, i);  // one letter added at i
  if (same_from(i + 1, i + 1)) return true;             // one letter changed at i
  // Two neighbours swapped at i.
  return i + 1 < a.size() && LowerChar(a[i]) == LowerChar(b[i + 1]) &&
         LowerChar(a[i + 1]) == LowerChar(b[i]) && same_from(i + 2, i + 2);
}

std::string_view ClosestMatch(std::string_view word, std::span<const std::string_view> candidates) {
  std::string_view best;
  int best_distance = 0;
  for (std::string_view candidate : candidates) {
    const int d = EditDistance(word, candidate);
    if (best.empty() || d < best_distance) {
      best = candidate;
      best_distance = d;
    }
  }
  // A third of the word may be wrong: "aplication", "linkdin", "cold email".
  const int allowed = std::max(1, static_cast<int>(word.size()) / 3);
  return best_distance <= allowed ? best : std::string_view();
}

size_t Utf8SequenceLength(std::string_view text, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[i + k]); };
  const unsigned char lead = byte(0);
  if (lead < 0x80) return 1;
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

std::optional<Utf8Fault> FindInvalidUtf8(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    const size_t length = Utf8SequenceLength(text, i);
    if (length == 0) return Utf8Fault{i, static_cast<unsigned char>(text[i])};
    i += length;
  }
  return std::nullopt;
}

unsigned BidiControlAt(std::string_view text, size_t i) {
  if (text.size() - i < 3 || static_cast<unsigned char>(text[i]) != 0xE2) return 0;
  const auto second = static_cast<unsigned char>(text[i + 1]);
  const auto third = static_cast<unsigned char>(text[i + 2]);
  if (second == 0x80 && third >= 0xAA && third <= 0xAE) return 0x2000u + (third & 0x3Fu);
  if (second == 0x81 && third >= 0xA6 && third <= 0xA9) return 0x2040u + (third & 0x3Fu);
  return 0;
}

size_t CountCodePoints(std::string_view text) {
  size_t count = 0;
  for (size_t i = 0; i < text.size(); ++count) {
    const size_t length = Utf8SequenceLength(text, i);
    i += length == 0 ? 1 : length;
  }
  return count;
}

namespace {

// Appends the code point (or malformed byte) at text[i] to *out, escaped when it is a control
// character; returns how many bytes it took.
size_t AppendEscaped(std::string_view text, size_t i, std::string* out) {
  const unsigned char c = static_cast<unsigned char>(text[i]);
  const size_t length = Utf8SequenceLength(text, i);
  if (length == 0) {
    out->append(fmt::format("\\x{:02x}", c));
    return 1;
  }
  if (length == 1) {
    switch (c) {
      case '\t':
        out->append("\\t");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\r':
        out->append("\\r");
        break;
      default:
        if (c < 0x20 || c == 0x7F) {
          out->append(fmt::format("\\x{:02x}", c));
        } else {
          out->push_back(static_cast<char>(c));
        }
    }
    return 1;
  }
  // C1 controls (U+0080..U+009F) include CSI, which terminals obey like ESC [.
  if (c == 0xC2 && static_cast<unsigned char>(text[i + 1]) < 0xA0) {
    out->append(fmt::format("\\u{:04x}", static_cast<unsigned char>(text[i + 1])));
  } else if (const unsigned bidi = BidiControlAt(text, i)) {
    out->append(fmt::format("\\u{:04x}", bidi));
  } else {
    out->append(text.substr(i, length));
  }
  return length;
}

bool NeedsEscape(std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7F) return true;
    if (c < 0x80) continue;
    const size_t length = Utf8SequenceLength(text, i);
    if (length == 0) return true;
    if (c == 0xC2 && static_cast<unsigned char>(text[i + 1]) < 0xA0) return true;
    if (BidiControlAt(text, i) != 0) return true;
    i += length - 1;
  }
  return false;
}

}  // namespace

std::string Clip(std::string_view text, size_t max_chars) {
  std::string out;
  size_t i = 0;
  for (size_t chars = 0; i < text.size() && chars < max_chars; ++chars) {
    i += AppendEscaped(text, i, &out);
  }
  if (i < text.size()) out.append("\u2026");
  return out;
}

std::string EscapeControls(std::string_view text) {
  if (!NeedsEscape(text)) return std::string(text);
  std::string out;
  out.reserve(text.size() + 8);
  for (size_t i = 0; i < text.size();) i += AppendEscaped(text, i, &out);
  return out;
}

Result<int64_t> ParseId(std::string_view text, std::string_view what) {
  const std::string_view trimmed = Trim(text);
  const bool digits = !trimmed.empty() && std::all_of(trimmed.begin(), trimmed.end(),
                                                      [](char c) { return c >= '0' && c <= '9'; });
  int64_t value = 0;
  if (digits) {
    const auto [end, ec] = std::from_chars(trimmed.data(), trimmed.data() + trimmed.size(), value);
    if (ec == std::errc() && end == trimmed.data() + trimmed.size() && value > 0) return value;
    if (ec == std::errc::result_out_of_range) {
      return Error{fmt::format("{} {} is too large to be an id; give the number 'keel list' shows",
                               what, Clip(trimmed, 30))};
    }
  }
  if (!trimmed.empty() && trimmed.front() == '-' && trimmed.size() > 1 &&
      std::all_of(trimmed.begin() + 1, trimmed.end(),
                  [](char c) { return c >= '0' && c <= '9'; })) {
    return Error{
        fmt::format("{} {} is negative; ids are whole numbers from 1, as 'keel list' shows them",
                    what, Clip(trimmed, 30))};
  }
  if (digits) {  // zero
    return Error{fmt::format("{} 0 is not an id; ids start at 1, as 'keel list' shows them", what)};
  }
  return Error{fmt::format("{} '{}' is not a number; give the number 'keel list' shows, like 12",
                           what, Clip(text, 30))};
}

std::string Plural(int64_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

}  // namespace keel
