// Why the query is built this way: the backends' search languages (FTS5's MATCH: AND, OR, NOT,
// NEAR, column filters, '*', quotes; PostgreSQL's tsquery: &, |, !, <->) would make a person's
// `C++ "remote"` or `AND` fail with a syntax error or mean something else. So keel reads the text
// as words and hands the store only runs of letters and digits (TextQuery), which each backend
// turns into its own query with nothing left to escape. Only the last word is a prefix: a person
// typing in a search box has usually not finished it.
//
// Why keel marks the snippets itself: FTS5's snippet() and PostgreSQL's ts_headline() cut and
// mark differently, and the same search must print the same bytes on both backends.
#include "app/search.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <unordered_map>

#include "app/names.h"
#include "app/postings.h"
#include "app/transaction.h"
#include "app/validate.h"
#include "core/text.h"

namespace keel {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// A token is a run of letters and digits: ASCII letters and digits, and every code point past
// ASCII except the punctuation, symbols and spaces of Latin-1 (U+0080..U+00BF, U+00D7, U+00F7),
// General Punctuation (U+2000..U+206F: dashes, quotes, ellipsis), currency signs and CJK
// punctuation, which both backends' tokenizers also treat as separators.
struct Token {
  size_t begin = 0;
  size_t end = 0;
};

bool IsTokenCodePoint(uint32_t cp) {
  if (cp < 0x80) {
    return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
  }
  if (cp <= 0xBF || cp == 0xD7 || cp == 0xF7) return false;
  if (cp >= 0x2000 && cp <= 0x20CF) return false;
  if (cp >= 0x3000 && cp <= 0x303F) return false;
  return cp != 0xFEFF;
}

// The code point at text[i] (`length` bytes); malformed bytes count as separators.
uint32_t CodePointAt(std::string_view text, size_t i, size_t length) {
  const auto b = [&](size_t k) {
    return static_cast<uint32_t>(static_cast<unsigned char>(text[i + k]));
  };
  switch (length) {
    case 1:
      return b(0);
    case 2:
      return ((b(0) & 0x1F) << 6) | (b(1) & 0x3F);
    case 3:
      return ((b(0) & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F);
    case 4:
      return ((b(0) & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) | (b(3) & 0x3F);
    default:
      return 0;
  }
}

std::vector<Token> Tokenize(std::string_view text) {
  std::vector<Token> tokens;
  bool in_token = false;
  for (size_t i = 0; i < text.size();) {
    const size_t sequence = Utf8SequenceLength(text, i);
    const size_t length = std::max<size_t>(1, sequence);
    const bool word = sequence > 0 && IsTokenCodePoint(CodePointAt(text, i, length));
    if (word && !in_token) tokens.push_back(Token{i, i});
    if (word) tokens.back().end = i + length;
    in_token = word;
    i += length;
  }
  return tokens;
}

std::string AsciiLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

Result<TextQuery> SearchWords(std::string_view text) {
  KEEL_RETURN_IF_ERROR(CheckInputTexts({{text, "the search text", TextRule::kName, "search"}}));
  TextQuery query;
  for (size_t i = 0; i < text.size();) {
    while (i < text.size() && IsSpace(text[i])) ++i;
    const size_t start = i;
    while (i < text.size() && !IsSpace(text[i])) ++i;
    const std::string_view word = text.substr(start, i - start);
    const std::vector<Token> found = Tokenize(word);
    if (found.empty()) continue;
    std::vector<std::string> tokens;
    tokens.reserve(found.size());
    for (const Token& t : found)
      tokens.push_back(AsciiLower(word.substr(t.begin, t.end - t.begin)));
    query.words.push_back(std::move(tokens));
    // A word that ends in a letter or digit is a prefix of longer words (only the last counts).
    query.last_is_prefix = found.back().end == word.size();
  }
  if (query.words.empty()) {
    return Error{
        Trim(text).empty()
            ? "give a word to search for"
            : fmt::format("'{}' has no letter or digit to search for; give a word", Clip(text, 40)),
        ErrorCode::kInvalid, "search"};
  }
  return query;
}

std::string MarkedSnippet(std::string_view text, const TextQuery& query) {
  const std::vector<Token> tokens = Tokenize(text);
  std::vector<std::string> folded;
  folded.reserve(tokens.size());
  for (const Token& t : tokens) folded.push_back(FoldName(text.substr(t.begin, t.end - t.begin)));
  std::vector<std::vector<std::string>> words;
  words.reserve(query.words.size());
  for (const std::vector<std::string>& w : query.words) {
    std::vector<std::string> f;
    f.reserve(w.size());
    for (const std::string& token : w) f.push_back(FoldName(token));
    words.push_back(std::move(f));
  }
  // Every instance of a word: the tokens it covers, [first, last].
  std::vector<std::pair<size_t, size_t>> spans;
  std::vector<bool> marked(tokens.size(), false);
  for (size_t i = 0; i < tokens.size(); ++i) {
    for (size_t w = 0; w < words.size(); ++w) {
      const std::vector<std::string>& word = words[w];
      if (word.empty() || i + word.size() > tokens.size()) continue;
      bool match = true;
      for (size_t k = 0; k < word.size() && match; ++k) {
        const bool prefix = query.last_is_prefix && w + 1 == words.size() && k + 1 == word.size();
        const std::string& have = folded[i + k];
        match = prefix ? have.compare(0, word[k].size(), word[k]) == 0 : have == word[k];
      }
      if (!match) continue;
      spans.emplace_back(i, i + word.size() - 1);
      for (size_t k = 0; k < word.size(); ++k) marked[i + k] = true;
    }
  }
  if (spans.empty()) return "";
  // The window of kSnippetTokens tokens with the most matched ones (the earliest of equals),
  // moved on while that keeps its matches, so the first one has a few words before it.
  constexpr size_t kSnippetTokens = 12;
  constexpr size_t kLeadingTokens = 4;
  size_t first = 0;
  if (tokens.size() > kSnippetTokens) {
    size_t count = 0;
    for (size_t k = 0; k < kSnippetTokens; ++k) count += marked[k] ? 1U : 0U;
    size_t best = count;
    for (size_t s = 1; s + kSnippetTokens <= tokens.size(); ++s) {
      count += marked[s + kSnippetTokens - 1] ? 1U : 0U;
      count -= marked[s - 1] ? 1U : 0U;
      if (count > best) {
        best = count;
        first = s;
      }
    }
    size_t first_match = first;
    while (!marked[first_match]) ++first_match;
    if (first_match > first + kLeadingTokens) first = first_match - kLeadingTokens;
    first = std::min(first, tokens.size() - kSnippetTokens);
  }
  const size_t last = std::min(tokens.size(), first + kSnippetTokens) - 1;
  // Whole, the text keeps its punctuation at both ends; cut, it ends at a token and says so.
  const size_t begin = first == 0 ? 0 : tokens[first].begin;
  const size_t end = last + 1 == tokens.size() ? text.size() : tokens[last].end;
  // Marks at byte offsets inside [begin, end): a span's start and end, overlapping spans merged.
  std::sort(spans.begin(), spans.end());
  std::vector<std::pair<size_t, size_t>> marks;  // byte ranges
  for (const auto& [a, b] : spans) {
    if (b < first || a > last) continue;
    const size_t from = tokens[std::max(a, first)].begin;
    const size_t to = tokens[std::min(b, last)].end;
    if (!marks.empty() && from <= marks.back().second) {
      marks.back().second = std::max(marks.back().second, to);
    } else {
      marks.emplace_back(from, to);
    }
  }
  std::string out = first > 0 ? "…" : "";
  size_t at = begin;
  for (const auto& [from, to] : marks) {
    out.append(text.substr(at, from - at));
    out += '\x02';
    out.append(text.substr(from, to - from));
    out += '\x03';
    at = to;
  }
  out.append(text.substr(at, end - at));
  if (last + 1 < tokens.size()) out += "…";
  return out;
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
  Result<TextQuery> query = SearchWords(text);
  if (!query.ok()) return query.status();
  return InSnapshot<SearchResults>(store, [&]() -> Result<SearchResults> {
    Result<std::vector<TextMatch>> matches = store.SearchTexts(*query);
    if (!matches.ok()) return matches.status();
    for (TextMatch& m : *matches) {
      for (const TextMatch::Text& t : m.texts) {
        std::string snippet = MarkedSnippet(t.text, *query);
        if (!snippet.empty()) m.fields.push_back(TextMatch::Field{t.name, std::move(snippet)});
      }
    }
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
