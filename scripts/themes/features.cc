// Prints, for each text on stdin (one per line), what keel's rules say and the model's features:
//   <rules theme>\t<feature> <feature> ...
// scripts/themes/train.py compiles this against build/default/libkeel_core.a, so the model is
// trained on exactly the features keel computes at run time.
#include <iostream>
#include <string>

#include "themes/classifier.h"
#include "themes/model.h"
#include "themes/stemmer.h"

int main() {
  keel::Stemmer stemmer;
  std::string line;
  while (std::getline(std::cin, line)) {
    const keel::Classification c = keel::ThemeClassifier::BuiltIn().ClassifyByRules(line);
    std::cout << keel::Name(c.theme) << '\t';
    const char* sep = "";
    for (const std::string& f : keel::ModelFeatures(stemmer.Words(line))) {
      std::cout << sep << f;
      sep = " ";
    }
    std::cout << '\n';
  }
}
