// `keel list --search TEXT`: the asks whose reason or note, and the postings whose description or
// note, mention the words, found by the backend's full-text index (never by scanning text); keel
// marks the words and cuts the snippets itself, so both backends show the same bytes.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "app/views.h"
#include "core/model.h"
#include "core/result.h"
#include "store/store.h"

namespace keel {

/// The person's text as words to find: each whitespace-separated word with a letter or digit,
/// split into its tokens (runs of letters and digits: "on-call" is the phrase on, call), in lower
/// case. Nothing in the text is syntax: quotes, AND, NEAR, '*' are words or separators, so no
/// search can fail or mean something else. The last word matches as a prefix when it ends in a
/// letter or digit ("kube" finds "Kubernetes"). Fails, about the field "search", when the text is
/// empty, has no letter or digit, or is not one line of at most 200 characters.
Result<TextQuery> SearchWords(std::string_view text);

/// `text` cut to about 12 tokens around the words of `query` (the window with the most matched
/// tokens, "…" where it is cut), each match between \x02 and \x03; empty when nothing in `text`
/// matches. Tokens compare in lower case with Latin diacritics folded (FoldName), as the
/// backends' indexes compare them, so a field is marked exactly when the index found it there.
std::string MarkedSnippet(std::string_view text, const TextQuery& query);

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
