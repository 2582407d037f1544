// Why the query is built this way: FTS5's MATCH takes a query language (AND, OR, NOT, NEAR,
// column filters, '*', '^', quotes, parentheses), and a person searching for `C++ "remote"` or
// `AND` means words, not operators. Passing their text through would make some searches fail
// with a syntax error and others mean something else. Every word is therefore a quoted string
// (FTS5's own escape: '"' doubled), which the tokenizer splits into tokens like the indexed text,
// so a word is found however it was punctuated. Only the last word gets the prefix operator,
// outside its quotes: a person typing in a search box has usually not finished it.
#include "app/search.h"

#include <fmt/format.h>

#include <unordered_map>

#include "app/postings.h"
#include "app/transaction.h"
#include "app/validate.h"
#include "core/text.h"

namespace keel {
namespace {

bool IsWordByte(char c) {
  const auto b = static_cast<unsigned char>(c);
  return b >= 0x80 || (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

Result<std::string> FtsQuery(std::string_view text) {
  KEEL_RETURN_IF_ERROR(CheckInputTexts({{text, "the search text", TextRule::kName, "search"}}));
  std::vector<std::string_view> words;
  for (size_t i = 0; i < text.size();) {
    while (i < text.size() && IsSpace(text[i])) ++i;
    const size_t start = i;
    while (i < text.size() && !IsSpace(text[i])) ++i;
    const std::string_view word = text.substr(start, i - start);
    bool has_letter = false;
    for (char c : word) has_letter = has_letter || IsWordByte(c);
    if (has_letter) words.push_back(word);
  }
  if (words.empty()) {
    return Error{
        Trim(text).empty()
            ? "give a word to search for"
            : fmt::format("'{}' has no letter or digit to search for; give a word", Clip(text, 40)),
        ErrorCode::kInvalid, "search"};
  }
  std::string query;
  for (size_t w = 0; w < words.size(); ++w) {
    if (!query.empty()) query += ' ';
    query += '"';
    for (char c : words[w]) {
      query += c;
      if (c == '"') query += '"';
    }
    query += '"';
    if (w + 1 == words.size() && IsWordByte(words[w].back())) query += '*';
  }
  return query;
}

std::vector<std::string> SnippetParts(std::string_view snippet) {
  std::vector<std::string> parts(1);
  bool space = false;
  for (char c : snippet) {
    if (c == '\x02' || c == '\x03') {
      // A space before the marker belongs to the part it ends.
      if (space && !(parts.size() == 1 && parts.back().empty())) parts.back() += ' ';
      space = false;
      if ((c == '\x02') == (parts.size() % 2 == 1)) {
        // Two matches with nothing between them are one part, so parts keep alternating.
        if (c == '\x02' && parts.size() >= 3 && parts.back().empty()) {
          parts.pop_back();
        } else {
          parts.emplace_back();
        }
      }
      continue;
    }
    if (IsSpace(c)) {
      space = true;
      continue;
    }
    if (space && !(parts.size() == 1 && parts.back().empty())) parts.back() += ' ';
    space = false;
    parts.back() += c;
  }
  if (parts.size() % 2 == 0) parts.emplace_back();  // a match at the very end
  return parts;
}

Result<SearchResults> SearchLedger(Store& store, std::string_view text) {
  Result<std::string> query = FtsQuery(text);
  if (!query.ok()) return query.status();
  return InSnapshot<SearchResults>(store, [&]() -> Result<SearchResults> {
    Result<std::vector<TextMatch>> matches = store.SearchTexts(*query);
    if (!matches.ok()) return matches.status();
    std::unordered_map<Id, const TextMatch*> asks, postings;
    for (const TextMatch& m : *matches) {
      (m.source == TextMatch::Source::kAsk ? asks : postings)[m.id] = &m;
    }
    SearchResults out;
    if (!asks.empty()) {
      Result<std::vector<Ask>> all = store.ListAsks();
      if (!all.ok()) return all.status();
      for (Ask& a : *all) {
        if (auto it = asks.find(a.id); it != asks.end()) {
          out.asks.push_back(AskHit{std::move(a), it->second->fields});
        }
      }
    }
    if (!postings.empty()) {
      Result<std::vector<Posting>> all = store.ListPostings(kDescriptionExcerptChars);
      if (!all.ok()) return all.status();
      for (Posting& p : *all) {
        if (auto it = postings.find(p.record.id); it != postings.end()) {
          out.postings.push_back(PostingHit{std::move(p), it->second->fields});
        }
      }
    }
    return out;
  });
}

Json MatchedJson(const std::vector<TextMatch::Field>& fields) {
  Json out = Json::array();
  for (const TextMatch::Field& f : fields) {
    out.push_back(Json{{"field", f.name}, {"snippet", SnippetParts(f.snippet)}});
  }
  return out;
}

std::string MatchedText(const std::vector<TextMatch::Field>& fields) {
  std::string out;
  for (const TextMatch::Field& f : fields) {
    const std::vector<std::string> parts = SnippetParts(f.snippet);
    std::string text;
    for (size_t i = 0; i < parts.size(); ++i) {
      text += i % 2 == 1 ? fmt::format("[{}]", parts[i]) : parts[i];
    }
    if (!out.empty()) out += "; ";
    out += fmt::format("{}: {}", f.name, Clip(text, 60));
  }
  return out;
}

}  // namespace keel
