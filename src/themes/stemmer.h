// Turns a reason text, or a rule's phrase, into the stemmed words the theme rules match on. Both
// go through the same reading so that a rule written "didn't follow up" matches the text
// "did not follow-up".
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

struct sb_stemmer;

namespace keel {

/// One word of a text, as the theme rules see it.
struct Word {
  std::string stem;  // lower case, accents folded, stemmed ("freezing" -> "freez"); "not" for "n't"
  // Where the word came from in the original text, so a match can be shown as it was written.
  size_t begin = 0;
  size_t end = 0;
  int clause = 0;          // increases at , . ; : ! ? ( ) and dashes; a phrase never spans two
  bool is_number = false;  // starts with a digit ("800" applicants)
};

/// Snowball's English stemmer plus keel's normalisation. Cheap to make (well under a
/// microsecond); one instance must not be used by two threads at once.
class Stemmer {
 public:
  Stemmer();
  ~Stemmer();
  Stemmer(const Stemmer&) = delete;
  Stemmer& operator=(const Stemmer&) = delete;

  /// The words of `text`: lower case, punctuation dropped, Latin-1 accents folded ("résumé" ->
  /// "resume"), contractions read as two words ("didn't", "didnt" -> "did not"; "won't" ->
  /// "will not"), other clitics dropped ("you're" -> "you"), hyphenated words split
  /// ("take-home" -> "take home"), each word stemmed.
  std::vector<Word> Words(std::string_view text);

 private:
  std::string Stem(std::string_view lower_word);

  sb_stemmer* stemmer_;
  // Words already stemmed by this stemmer: the built-in rules repeat their words (~3,000 phrases
  // read at the first reason of every command), and Snowball takes ~800 instructions a word.
  std::unordered_map<std::string, std::string> stems_;
};

}  // namespace keel
