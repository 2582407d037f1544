// Why these rules:
//
// - Invalid UTF-8 stored once made every later JSON report fail (nlohmann refuses to write it) and
//   a write commit and then exit 1. Text is checked on the way in, so the ledger only ever holds
//   UTF-8; the readers and JSON writers escape what an older database may still hold.
// - Control characters: a name printed in a table must not move the cursor or recolour the
//   terminal (ESC, CSI), and a NUL cuts text in C APIs. Names are one line, so they take none;
//   reasons and notes are pasted from emails, so line breaks and tabs stay.
// - Length: 200 characters hold any organization, person or role; 4,000 hold a long rejection
//   email. A 50 MB cell is a mistake (a wrong column, a binary), and refusing it keeps every
//   report and message small.
// - Bidirectional embeddings, overrides and isolates (U+202A..U+202E, U+2066..U+2069) make text
//   display in another order than it is stored ("Trojan Source"): an organization could show as
//   another's name in every table, and an unclosed override reorders the columns after it. They
//   are refused in every text. The implicit marks (LRM, RLM, ALM) stay: names written right to
//   left need them, and they reorder nothing beyond their neighbours (core/text.h).
// - The message quotes at most 80 characters of the input (Clip), escaped, and gives the
//   position so the person can find the byte in an editor.
#include "app/validate.h"

#include <fmt/format.h>

#include "app/ledger.h"
#include "core/text.h"

namespace keel {
namespace {

// The first control character the rule does not allow (bidirectional controls in every rule): its
// code point and 1-based character position, or nullopt.
struct ControlAt {
  unsigned code = 0;
  size_t position = 0;
};

// `text` is well-formed UTF-8 (checked first), so a byte below 0x80 is a whole character and
// 0xC2 is always a lead byte: one pass over bytes, counting characters only on a find.
std::optional<ControlAt> FindControl(std::string_view text, TextRule rule) {
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    unsigned code = 0;
    if (c < 0x20 || c == 0x7F) {
      if (rule != TextRule::kName && (c == '\n' || c == '\r' || c == '\t')) continue;
      code = c;
    } else if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) < 0xA0) {
      code = static_cast<unsigned char>(text[i + 1]);
    } else if (c == 0xE2 && BidiControlAt(text, i) != 0) {
      code = BidiControlAt(text, i);
    } else {
      continue;
    }
    return ControlAt{code, CountCodePoints(text.substr(0, i)) + 1};
  }
  return std::nullopt;
}

std::string ControlName(unsigned code) {
  switch (code) {
    case 0x00:
      return "a NUL byte";
    case 0x09:
      return "a tab";
    case 0x0A:
    case 0x0D:
      return "a line break";
    case 0x1B:
      return "an escape character (ESC, used for terminal codes)";
    default:
      if (code >= 0x2000) {
        return fmt::format(
            "a bidirectional control (U+{:04X}, which makes text show in another order than it "
            "is written)",
            code);
      }
      return fmt::format("a control character (U+{:04X})", code);
  }
}

// 4001 -> "4,001", as the limits are written.
std::string Grouped(size_t n) {
  const std::string digits = std::to_string(n);
  std::string out;  // built forwards: GCC 12 misreports insert() here (-Wrestrict, bug 105329)
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

}  // namespace

Status CheckInputText(std::string_view text, std::string_view what, TextRule rule) {
  if (const std::optional<Utf8Fault> fault = FindInvalidUtf8(text)) {
    return Error{fmt::format(
        "{} is not valid UTF-8 (byte 0x{:02x} at position {}); re-type it or fix the file's "
        "encoding",
        what, fault->byte, fault->offset + 1)};
  }
  if (const std::optional<ControlAt> control = FindControl(text, rule)) {
    return Error{fmt::format("{} contains {} at character {} ('{}'); {}", what,
                             ControlName(control->code), control->position, Clip(text, 40),
                             control->code >= 0x2000 ? "remove it (right-to-left text is fine)"
                             : rule == TextRule::kName
                                 ? "a name is one line of plain text: remove it"
                                 : "only line breaks and tabs may be kept: remove it")};
  }
  const size_t limit = rule == TextRule::kName   ? kMaxNameChars
                       : rule == TextRule::kText ? kMaxTextChars
                                                 : kMaxDocumentChars;
  if (text.size() > limit) {  // bytes >= characters: count only when it may matter
    const size_t chars = CountCodePoints(text);
    if (chars > limit) {
      return Error{fmt::format(
          "{} is {} characters long ('{}'); {} at most {}: shorten it", what, Grouped(chars),
          Clip(text, 40), rule == TextRule::kName ? "a name has" : "a text has", Grouped(limit))};
    }
  }
  return Status();
}

Status CheckCell(std::string_view text, std::string_view column, TextRule rule) {
  Status checked = CheckInputText(text, "", rule);
  if (checked.ok()) return checked;
  return Error{fmt::format("column '{}'{}", column, checked.message())};
}

Status CheckInputTexts(std::initializer_list<TextInput> inputs) {
  for (const TextInput& input : inputs) {
    Status checked = CheckInputText(input.text, input.what, input.rule);
    if (!checked.ok()) return InField(input.field, checked.error(), input.what);
  }
  return Status();
}

Status CheckAskText(const AskInput& in) {
  using enum TextRule;
  KEEL_RETURN_IF_ERROR(
      CheckInputTexts({{in.org, "the organization", kName, "org"},
                       {in.person, "the person's name", kName, "person"},
                       {in.via, "the name of who introduced you", kName, "via"},
                       {in.role, "the role", kName, "role"},
                       {in.note, "the note", kText, "note"},
                       {in.facets.industry, "the industry", kName, "industry"},
                       {in.facets.location, "the location", kName, "location"},
                       {in.facets.seniority, "the seniority", kName, "seniority"},
                       {in.facets.remote, "the remote setting", kName, "remote"}}));
  for (const std::string& m : in.materials) {
    KEEL_RETURN_IF_ERROR(CheckInputTexts({{m, "the material", kName, "materials"}}));
  }
  if (in.despite) {
    KEEL_RETURN_IF_ERROR(CheckInputTexts({{*in.despite, "the reason", kText, "despite"}}));
  }
  return Status();
}

Status CheckAskText(const AskEdit& e) {
  using enum TextRule;
  const std::pair<const std::optional<std::string>*, TextInput> fields[] = {
      {&e.org, {"", "the organization", kName, "org"}},
      {&e.person, {"", "the person's name", kName, "person"}},
      {&e.via, {"", "the name of who introduced you", kName, "via"}},
      {&e.role, {"", "the role", kName, "role"}},
      {&e.note, {"", "the note", kText, "note"}},
      {&e.reason, {"", "the reason", kText, "reason"}},
      {&e.theme, {"", "the theme", kName, "theme"}},
      {&e.industry, {"", "the industry", kName, "industry"}},
      {&e.location, {"", "the location", kName, "location"}},
      {&e.seniority, {"", "the seniority", kName, "seniority"}},
      {&e.remote, {"", "the remote setting", kName, "remote"}},
      {&e.despite, {"", "the reason", kText, "despite"}}};
  for (const auto& [value, input] : fields) {
    if (*value)
      KEEL_RETURN_IF_ERROR(CheckInputTexts({{**value, input.what, input.rule, input.field}}));
  }
  if (e.materials) {
    for (const std::string& m : *e.materials) {
      KEEL_RETURN_IF_ERROR(CheckInputTexts({{m, "the material", kName, "materials"}}));
    }
  }
  return Status();
}

}  // namespace keel
