// Small text helpers shared by parsing and name matching. ASCII case folding only: names are
// compared as people type them, and SQLite's NOCASE folds the same set.
#pragma once

#include <span>
#include <string>
#include <string_view>

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
/// The candidate closest to `word` when it is close enough to be a plausible typo, else "".
std::string_view ClosestMatch(std::string_view word, std::span<const std::string_view> candidates);

}  // namespace keel
