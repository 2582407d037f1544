// `keel list --search TEXT`: the asks whose reason or note, and the postings whose description or
// note, mention the words, found by SQLite's full-text index (FTS5), never by scanning text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "app/views.h"
#include "core/model.h"
#include "core/result.h"
#include "store/store.h"

namespace keel {

/// The person's text as an FTS5 query of plain words: each word quoted (a '"' inside doubled), so
/// no operator (AND, OR, NOT, NEAR, *, ^, :, parentheses) can change the query or make it fail;
/// all words must appear; the last word matches as a prefix when it ends in a letter or digit
/// ("kube" finds "Kubernetes"). Case and diacritics are ignored by the index. Fails, about the
/// field "search", when the text is empty, has no letter or digit, or is not one line of at most
/// 200 characters.
Result<std::string> FtsQuery(std::string_view text);

/// A matched field's snippet as alternating parts: plain text at even indexes, the matched words
/// at odd ones, whitespace (line breaks, tabs) collapsed to single spaces.
std::vector<std::string> SnippetParts(std::string_view snippet);

struct AskHit {
  Ask ask;
  std::vector<TextMatch::Field> fields;  // reason, note
};
struct PostingHit {
  Posting posting;                       // description cut to its excerpt
  std::vector<TextMatch::Field> fields;  // description, note
};
struct SearchResults {
  std::vector<AskHit> asks;          // by asked_on, then id (as keel list)
  std::vector<PostingHit> postings;  // deadline soonest first (as keel posting list)
};

/// Searches the asks and the postings of the search in one snapshot.
Result<SearchResults> SearchLedger(Store& store, std::string_view text);

/// [{"field": "note", "snippet": [plain, matched, plain, ...]}, ...] (SnippetParts).
Json MatchedJson(const std::vector<TextMatch::Field>& fields);
/// For a table: `note: …moved to [Kubernetes] next…; reason: …`, each snippet clipped.
std::string MatchedText(const std::vector<TextMatch::Field>& fields);

}  // namespace keel
