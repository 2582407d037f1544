// Why a hand-written scanner and not regexes: the reading has to be the same for rules and texts,
// it runs on every reason (microseconds matter when a report classifies thousands), and the cases
// are few and specific to English reasons:
//
// - Contractions carry the negations the classifier cares about, so "didn't", "didnt" and
//   "did not" must all come out as "did not"; "won't" and "can't" keep their verb.
// - Other clitics ("you're", "we'd", "company's") add nothing a rule needs, so they are dropped
//   rather than left as stray words that would widen the gaps between a phrase's words.
// - Clause punctuation is remembered (Word::clause) because a phrase or a negation that crossed
//   it would join unrelated thoughts: "not a lack of skills, another candidate was further along".
// - Text arrives as UTF-8 from mail clients: curly apostrophes, dashes and accented letters are
//   common and are read like their ASCII forms; other scripts pass through as letters.
#include "themes/stemmer.h"

#include <libstemmer.h>

#include <array>
#include <stdexcept>
#include <utility>

namespace keel {
namespace {

constexpr char32_t kBadByte = 0xFFFD;

struct CodePoint {
  char32_t value = 0;
  size_t length = 1;
};

// Decodes one UTF-8 sequence at `pos`; a malformed byte reads as U+FFFD (a separator).
CodePoint Decode(std::string_view text, size_t pos) {
  const auto lead = static_cast<unsigned char>(text[pos]);
  if (lead < 0x80) return {lead, 1};
  size_t length = 0;
  char32_t value = 0;
  if ((lead & 0xE0U) == 0xC0U) {
    length = 2;
    value = lead & 0x1FU;
  } else if ((lead & 0xF0U) == 0xE0U) {
    length = 3;
    value = lead & 0x0FU;
  } else if ((lead & 0xF8U) == 0xF0U) {
    length = 4;
    value = lead & 0x07U;
  } else {
    return {kBadByte, 1};
  }
  if (pos + length > text.size()) return {kBadByte, 1};
  for (size_t i = 1; i < length; ++i) {
    const auto next = static_cast<unsigned char>(text[pos + i]);
    if ((next & 0xC0U) != 0x80U) return {kBadByte, 1};
    value = (value << 6U) | (next & 0x3FU);
  }
  return {value, length};
}

bool IsApostrophe(char32_t c) { return c == '\'' || c == 0x2018 || c == 0x2019 || c == 0x02BC; }

// Ends a clause: a phrase or a negation does not reach across it.
bool IsClauseEnd(char32_t c) {
  constexpr std::string_view kAscii = ",.;:!?()[]{}\n";
  if (c < 0x80) return kAscii.find(static_cast<char>(c)) != std::string_view::npos;
  return c == 0x2013 || c == 0x2014 || c == 0x2026;  // en dash, em dash, ellipsis
}

bool IsAsciiAlnum(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Letters of any script are word characters; Latin-1 symbols, general punctuation, arrows,
// dingbats, CJK punctuation and emoji are not.
bool IsWordChar(char32_t c) {
  if (c < 0x80) return IsAsciiAlnum(c);
  if (c <= 0xBF || c == 0xD7 || c == 0xF7 || c == kBadByte) return false;
  if (c >= 0x2000 && c <= 0x2BFF) return false;
  if (c >= 0x3000 && c <= 0x303F) return false;
  return c < 0x1F000;
}

// Appends the lower-case form of a word character, folding Latin-1 accents to ASCII so that
// "résumé" and "resume" are one word.
void AppendFolded(std::string& out, char32_t c, std::string_view original) {
  static constexpr std::array<std::string_view, 32> kLatin1 = {
      "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
      "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "ss"};
  if (c < 0x80) {
    const auto ascii = static_cast<char>(c);
    out += (ascii >= 'A' && ascii <= 'Z') ? static_cast<char>(ascii - 'A' + 'a') : ascii;
  } else if (c == 0xFF) {
    out += 'y';
  } else if (c >= 0xC0 && c <= 0xFF) {
    out += kLatin1[(c - 0xC0) % 32];
  } else {
    out += original;  // other scripts: as written
  }
}

// Contractions typed without the apostrophe; the value is the word before the "not".
struct Contraction {
  std::string_view written;
  std::string_view verb;
};
constexpr std::array<Contraction, 22> kBareContractions = {{
    {"didnt", "did"},       {"dont", "do"},     {"doesnt", "does"},   {"isnt", "is"},
    {"wasnt", "was"},       {"werent", "were"}, {"arent", "are"},     {"havent", "have"},
    {"hasnt", "has"},       {"hadnt", "had"},   {"couldnt", "could"}, {"wouldnt", "would"},
    {"shouldnt", "should"}, {"wont", "will"},   {"cant", "can"},      {"cannot", "can"},
    {"aint", "is"},         {"mustnt", "must"}, {"neednt", "need"},   {"mightnt", "might"},
    {"shant", "shall"},     {"dasnt", "dare"},
}};

// The verb before "n't" when the apostrophe form hides it: "won't", "can't", "shan't", "ain't".
std::string_view VerbBeforeNt(std::string_view stem_without_n) {
  if (stem_without_n == "wo") return "will";
  if (stem_without_n == "ca") return "can";
  if (stem_without_n == "sha") return "shall";
  if (stem_without_n == "ai") return "is";
  return stem_without_n;
}

bool IsDroppedClitic(std::string_view s) {
  return s == "s" || s == "re" || s == "ve" || s == "d" || s == "ll" || s == "m";
}

}  // namespace

Stemmer::Stemmer() : stemmer_(sb_stemmer_new("english", nullptr)) {
  // Only fails when out of memory or when libstemmer lacks English: both are bugs of the build.
  if (stemmer_ == nullptr) throw std::runtime_error("libstemmer has no English stemmer");
}

Stemmer::~Stemmer() { sb_stemmer_delete(stemmer_); }

std::string Stemmer::Stem(std::string_view lower_word) {
  const std::string word(lower_word);
  if (const auto it = stems_.find(word); it != stems_.end()) return it->second;
  const sb_symbol* stem =
      sb_stemmer_stem(stemmer_, reinterpret_cast<const sb_symbol*>(lower_word.data()),
                      static_cast<int>(lower_word.size()));
  if (stem == nullptr) throw std::bad_alloc();
  std::string out(reinterpret_cast<const char*>(stem),
                  static_cast<size_t>(sb_stemmer_length(stemmer_)));
  constexpr size_t kMostKept = 1 << 14;  // a long-lived stemmer's memory stays bounded
  if (stems_.size() >= kMostKept) stems_.clear();
  stems_.emplace(word, out);
  return out;
}

std::vector<Word> Stemmer::Words(std::string_view text) {
  std::vector<Word> words;
  std::string current;  // the lower-case, folded word being read
  size_t begin = 0;
  int clause = 0;

  const auto emit = [&](std::string_view lower, size_t from, size_t to) {
    Word word;
    word.is_number = !lower.empty() && lower[0] >= '0' && lower[0] <= '9';
    word.stem = word.is_number ? std::string(lower) : Stem(lower);
    word.begin = from;
    word.end = to;
    word.clause = clause;
    words.push_back(std::move(word));
  };
  const auto flush = [&](size_t end) {
    if (current.empty()) return;
    for (const Contraction& c : kBareContractions) {
      if (current == c.written) {
        emit(c.verb, begin, end);
        emit("not", begin, end);
        current.clear();
        return;
      }
    }
    emit(current, begin, end);
    current.clear();
  };

  size_t pos = 0;
  bool after_word_char = false;  // the previous code point was a word character
  while (pos < text.size()) {
    const CodePoint cp = Decode(text, pos);
    const size_t next = pos + cp.length;
    const char32_t after = next < text.size() ? Decode(text, next).value : 0;

    const bool word_char = IsWordChar(cp.value);
    const bool joins_words = cp.value == '-' && after_word_char && IsWordChar(after);
    after_word_char = word_char;
    if (word_char) {
      if (current.empty()) begin = pos;
      AppendFolded(current, cp.value, text.substr(pos, cp.length));
      pos = next;
      continue;
    }
    const bool in_number = !current.empty() && current.back() >= '0' && current.back() <= '9';
    if ((cp.value == '.' || cp.value == ',') && in_number && after >= '0' && after <= '9') {
      current += static_cast<char>(cp.value);  // "3.5 years", "1,000 applicants"
      pos = next;
      continue;
    }
    if (IsApostrophe(cp.value) && !current.empty() && IsWordChar(after)) {
      // Read the letters after the apostrophe to decide what kind of clitic it is.
      size_t clitic_end = next;
      std::string clitic;
      while (clitic_end < text.size()) {
        const CodePoint c = Decode(text, clitic_end);
        if (!IsWordChar(c.value)) break;
        AppendFolded(clitic, c.value, text.substr(clitic_end, c.length));
        clitic_end += c.length;
      }
      if (clitic == "t" && current.size() > 1 && current.back() == 'n') {
        current.pop_back();
        emit(VerbBeforeNt(current), begin, pos - 1);
        current.clear();
        emit("not", pos - 1, clitic_end);
        pos = clitic_end;
        after_word_char = true;
        continue;
      }
      if (IsDroppedClitic(clitic)) {
        flush(clitic_end);
        pos = clitic_end;
        after_word_char = true;
        continue;
      }
      pos = next;  // "o'brien": the apostrophe is part of a name; read on
      continue;
    }
    flush(pos);
    // A hyphen inside a word splits it ("take-home"); anywhere else it is a dash.
    if (IsClauseEnd(cp.value) || (cp.value == '-' && !joins_words)) ++clause;
    pos = next;
  }
  flush(text.size());
  return words;
}

}  // namespace keel
