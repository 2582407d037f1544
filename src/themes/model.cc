// Why a trained model beside the rules, and why this one:
//
// The phrase rules are exact on the texts they were written from, but each new writer brings
// wording no rule knows, and such a text falls back to `generic` ("no reason given") even when
// it plainly says something about the person. A multinomial logistic regression over stems and
// stem pairs, trained on the same labelled dev texts, generalises a little past the exact
// phrases. It is the simplest model whose inference fits in a few lines: sum one weight row per
// feature present, add the bias, softmax. No library, no randomness, no network; the weights are
// a readable text file embedded at build time, with a header that says how they were made.
// How the model is combined with the rules is decided in classifier.cc (and docs/themes.md).
#include "themes/model.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdlib>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace keel {
namespace {

// An array, not a string_view: the file is too long for a constexpr strlen. It is also longer
// than the 64 KiB the standard promises for one literal; gcc and clang take it, but clang (and
// so clang-tidy) warns under -Wpedantic.
#ifdef __clang__
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Woverlength-strings"
#endif
constexpr char kBuiltInModel[] =
#include "keel/theme_model.inc"
    ;
#ifdef __clang__
#pragma clang diagnostic pop
#endif

// The classes in the order of the weights file's `classes` line: the 14 themes and none.
constexpr size_t kClasses = kThemeNames.size() + 1;

Theme ThemeOfName(std::string_view name) {
  if (name == kNoneName) return Theme::kNone;
  Result<Theme> theme = ParseTheme(name);
  return theme.ok() ? *theme : Theme::kGeneric;
}

}  // namespace

struct ThemeModel::Weights {
  std::array<Theme, kClasses> classes{};
  std::array<double, kClasses> bias{};
  std::unordered_map<std::string, std::array<float, kClasses>> rows;
};

ThemeModel::ThemeModel(std::unique_ptr<Weights> weights) : weights_(std::move(weights)) {}
ThemeModel::ThemeModel(ThemeModel&&) noexcept = default;
ThemeModel::~ThemeModel() = default;

std::vector<std::string> ModelFeatures(const std::vector<Word>& words) {
  std::vector<std::string> out;
  out.reserve(words.size() * 2);
  for (size_t i = 0; i < words.size(); ++i) {
    out.push_back(words[i].stem);
    if (i + 1 < words.size() && words[i + 1].clause == words[i].clause) {
      out.push_back(words[i].stem + "+" + words[i + 1].stem);
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());  // presence, not counts
  return out;
}

const ThemeModel& ThemeModel::BuiltIn() {
  // File format: '#' comment lines, then "classes <15 names>", "bias <15 numbers>", then one
  // line per feature: "<feature> <15 numbers>". The tests check it parses to 15 classes.
  // Parsed with from_chars over the embedded text, once per process, on the first reason read:
  // an istringstream per line took ~13 ms for the 3,000 rows; this takes well under 2.
  static const ThemeModel model = [] {
    auto w = std::make_unique<Weights>();
    w->rows.reserve(4096);
    std::string_view rest(kBuiltInModel, sizeof kBuiltInModel - 1);
    while (!rest.empty()) {
      const size_t eol = rest.find('\n');
      std::string_view line = rest.substr(0, eol);
      rest = eol == std::string_view::npos ? std::string_view() : rest.substr(eol + 1);
      if (line.empty() || line[0] == '#') continue;
      // Fields are separated by single spaces; the first is the key.
      auto next = [&line]() {
        const size_t space = line.find(' ');
        const std::string_view field = line.substr(0, space);
        line = space == std::string_view::npos ? std::string_view() : line.substr(space + 1);
        return field;
      };
      auto number = [&next]<typename T>(T* out) {
        const std::string_view field = next();
        std::from_chars(field.data(), field.data() + field.size(), *out);
      };
      const std::string_view key = next();
      if (key == "classes") {
        for (Theme& t : w->classes) t = ThemeOfName(next());
      } else if (key == "bias") {
        for (double& b : w->bias) number(&b);
      } else {
        std::array<float, kClasses>& row = w->rows[std::string(key)];
        for (float& x : row) number(&x);
      }
    }
    return ThemeModel(std::move(w));
  }();
  return model;
}

ModelGuess ThemeModel::Predict(const std::vector<Word>& words) const {
  std::array<double, kClasses> score = weights_->bias;
  for (const std::string& f : ModelFeatures(words)) {
    const auto it = weights_->rows.find(f);
    if (it == weights_->rows.end()) continue;
    for (size_t c = 0; c < kClasses; ++c) score[c] += it->second[c];
  }
  const size_t best =
      static_cast<size_t>(std::max_element(score.begin(), score.end()) - score.begin());
  double sum = 0.0;
  for (const double s : score) sum += std::exp(s - score[best]);
  return ModelGuess{weights_->classes[best], 1.0 / sum};
}

}  // namespace keel
