// The text a person gives keel (names, reasons, notes), checked in one place so that every front
// end (CLI, import, HTTP) refuses the same bytes with the same words, before anything is stored.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <string_view>

#include "core/result.h"

namespace keel {

struct AskInput;
struct AskEdit;

/// Limits, in characters (code points). A name (organization, person, role, material, facet) is
/// one line; a free text (reason, note, feedback, story) may hold line breaks and tabs.
inline constexpr size_t kMaxNameChars = 200;
inline constexpr size_t kMaxTextChars = 4000;
/// A document pasted whole (a posting's description): a long web page is well under this.
inline constexpr size_t kMaxDocumentChars = 200000;

enum class TextRule {
  kName,  // one line: no control character at all; at most kMaxNameChars
  kText,  // line breaks (LF, CR) and tabs allowed, no other control; at most kMaxTextChars
  // as kText, at most kMaxDocumentChars (a posting's description)
  kDocument,
};

/// Refuses text that is not well-formed UTF-8, holds NUL, ESC or another C0/C1 control character
/// (beyond what `rule` allows) or is longer than the rule's limit. `what` names the input as the
/// person knows it ("--org", "column 'Company'"); the message starts with it and ends with the fix.
Status CheckInputText(std::string_view text, std::string_view what, TextRule rule);

/// The same for a CSV cell, named "column 'COLUMN'" in the message (built only on failure).
Status CheckCell(std::string_view text, std::string_view column, TextRule rule);

struct TextInput {
  std::string_view text;
  std::string_view what;  // how the message names it: "the organization"
  TextRule rule = TextRule::kName;
  std::string_view field = {};  // the input's field in a request ("org"), for the Error
};
/// The first failure among `inputs`, in order, about its input's field.
Status CheckInputTexts(std::initializer_list<TextInput> inputs);

/// Every text of an ask, each error about its field (org, person, via, role, note, materials,
/// industry, location, seniority, remote, despite, reason, theme).
Status CheckAskText(const AskInput& input);
Status CheckAskText(const AskEdit& edit);

}  // namespace keel
