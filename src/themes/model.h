// A small trained linear model over the stemmed words of a reason text: the second opinion the
// rules ask for when no rule knows a text's wording. Trained offline (scripts/themes/train.py,
// on the dev set only); its weights are a text file (src/themes/theme_model.txt) compiled in at
// build time. Inference is a sparse dot product: a few hundred additions per text.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "themes/stemmer.h"
#include "themes/theme.h"

namespace keel {

/// The model's features of a text: every stem ("experi"), and every pair of adjacent stems in
/// the same clause joined by '+' ("lack+experi"). The training script reads exactly these
/// (scripts/themes/features.cc prints them), so training and inference cannot drift apart.
std::vector<std::string> ModelFeatures(const std::vector<Word>& words);

/// The model's answer: the likeliest class (one of the 14 themes, or kNone) and its softmax
/// probability.
struct ModelGuess {
  Theme theme = Theme::kGeneric;
  double probability = 0.0;
};

class ThemeModel {
 public:
  /// The embedded model (its weights are compiled in; the weights file is checked by the tests).
  static const ThemeModel& BuiltIn();
  ModelGuess Predict(const std::vector<Word>& words) const;

  ThemeModel(ThemeModel&&) noexcept;
  ~ThemeModel();

 private:
  struct Weights;
  explicit ThemeModel(std::unique_ptr<Weights> weights);
  std::unique_ptr<Weights> weights_;
};

}  // namespace keel
