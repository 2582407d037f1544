// Small text helpers shared by parsing and name matching. ASCII case folding only: names are
// compared as people type them, and SQLite's NOCASE folds the same set.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/result.h"

namespace keel {

/// Removes leading and trailing ASCII whitespace.
std::string_view Trim(std::string_view text);
/// Trims and collapses runs of inner whitespace to one space ("  Acme   Corp " -> "Acme Corp").
std::string CollapseSpaces(std::string_view text);
/// ASCII lower case.
std::string Lower(std::string_view text);
/// Case-insensitive (ASCII) equality.
bool EqualsIgnoreCase(std::string_view a, std::string_view b);
/// Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions).
int EditDistance(std::string_view a, std::string_view b);
/// EditDistance(a, b) <= 1, in one pass without a table (the near-miss check asks it of every
/// name in the ledger).
bool WithinOneEdit(std::string_view a, std::string_view b);
/// The candidate closest to `word` when it is close enough to be a plausible typo, else "".
std::string_view ClosestMatch(std::string_view word, std::span<const std::string_view> candidates);

/// Length of the well-formed UTF-8 sequence that starts at text[i] (1 for ASCII), or 0 when it is
/// malformed: stray continuation bytes, overlong forms, surrogates, code points above U+10FFFF
/// and sequences cut off by the end of the text (Unicode table 3-7). Requires i < text.size().
size_t Utf8SequenceLength(std::string_view text, size_t i);

/// The first byte where `text` stops being well-formed UTF-8.
struct Utf8Fault {
  size_t offset = 0;  // 0-based byte offset
  unsigned char byte = 0;
};
/// nullopt when all of `text` is well-formed UTF-8.
std::optional<Utf8Fault> FindInvalidUtf8(std::string_view text);

/// The bidirectional formatting character starting at text[i], or 0: an embedding, override or
/// isolate (U+202A..U+202E, U+2066..U+2069), which reorders how the text after it is shown, so a
/// name can display as something other than what is stored ("Trojan Source"). The implicit marks
/// (U+200E, U+200F, U+061C) are not among them: right-to-left names need them, and they reorder
/// nothing beyond the neutral characters beside them.
unsigned BidiControlAt(std::string_view text, size_t i);

/// Number of code points in well-formed UTF-8 (each malformed byte counts as one).
size_t CountCodePoints(std::string_view text);

/// For quoting input inside an error message: at most `max_chars` code points followed by "…"
/// when cut, with control characters and malformed bytes written as escapes (\n, \x1b), so a
/// 50 MB cell or a terminal escape cannot flood or hijack the one-line message.
std::string Clip(std::string_view text, size_t max_chars = 80);

/// For printing stored text on a terminal: the same escapes as Clip (\t, \n, \r, \x1b, \u009b,
/// \u202e for a bidirectional control, \xff for a malformed byte), nothing cut. Text without such
/// characters comes back unchanged.
std::string EscapeControls(std::string_view text);

/// "1 source", "3 sources": a count and its noun, singular for one.
std::string Plural(int64_t n, std::string_view one, std::string_view many);

/// Reads a positive record id ("12") as typed: digits only, 1 to 2^63-1. On failure the message
/// names `what` ("the ask's id") and the fix.
Result<int64_t> ParseId(std::string_view text, std::string_view what);

}  // namespace keel
