// Why a trained model beside the rules, and why this one:
//
// The phrase rules are exact on the texts they were written from, but each new writer brings
// wording no rule knows, and such a text falls back to `generic` ("no reason given") even when
// it plainly says something about the person. A multinomial logistic regression over stems and
// stem pairs, trained on the same labelled dev texts, generalises a little past the exact
// phrases. It is the simplest model whose inference fits in a few lines: sum one weight row per
// feature present, add the bias, softmax. No library, no randomness, no network; the weights are
// a readable text file, with a header that says how they were made, compiled in at build time.
// How the model is combined with the rules is decided in classifier.cc (and docs/themes.md).
#include "themes/model.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdlib>
#include <string_view>
#include <utility>

namespace keel {
namespace {

// The classes in the order of the weights file's `classes` line: the 14 themes and none.
constexpr size_t kClasses = kThemeNames.size() + 1;

// One feature's weights, one per class; the rows are compiled in (cmake/embed_theme_model.cmake),
// sorted by feature: every command that reads a reason used to parse all 44,000 numbers first.
struct ModelRow {
  std::string_view feature;
  std::array<float, kClasses> weights;
};
#include "keel/theme_model_rows.inc"
static_assert(std::is_sorted(std::begin(kModelRows), std::end(kModelRows),
                             [](const ModelRow& a, const ModelRow& b) {
                               return a.feature < b.feature;
                             }),
              "the model's rows must be sorted by feature, for Predict's binary search");

const ModelRow* FindRow(std::string_view feature) {
  const ModelRow* end = std::end(kModelRows);
  const ModelRow* row =
      std::lower_bound(std::begin(kModelRows), end, feature,
                       [](const ModelRow& r, std::string_view f) { return r.feature < f; });
  return row != end && row->feature == feature ? row : nullptr;
}

Theme ThemeOfName(std::string_view name) {
  if (name == kNoneName) return Theme::kNone;
  Result<Theme> theme = ParseTheme(name);
  return theme.ok() ? *theme : Theme::kGeneric;
}

}  // namespace

struct ThemeModel::Weights {
  std::array<Theme, kClasses> classes{};
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
  static const ThemeModel model = [] {
    auto w = std::make_unique<Weights>();
    std::string_view names = kModelClassNames;
    for (Theme& t : w->classes) {
      const size_t space = names.find(' ');
      t = ThemeOfName(names.substr(0, space));
      names = space == std::string_view::npos ? std::string_view() : names.substr(space + 1);
    }
    return ThemeModel(std::move(w));
  }();
  return model;
}

ModelGuess ThemeModel::Predict(const std::vector<Word>& words) const {
  std::array<double, kClasses> score = kModelBias;
  for (const std::string& f : ModelFeatures(words)) {
    const ModelRow* row = FindRow(f);
    if (row == nullptr) continue;
    for (size_t c = 0; c < kClasses; ++c) score[c] += row->weights[c];
  }
  const size_t best =
      static_cast<size_t>(std::max_element(score.begin(), score.end()) - score.begin());
  double sum = 0.0;
  for (const double s : score) sum += std::exp(s - score[best]);
  return ModelGuess{weights_->classes[best], 1.0 / sum};
}

}  // namespace keel
