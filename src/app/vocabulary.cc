// Why: the dashboard used to carry its own copies of the kind, channel and theme names, and a
// copy drifts. This one function reads the arrays the parsers themselves use.
#include "app/vocabulary.h"

#include "app/import_words.h"
#include "app/strategy.h"
#include "app/views.h"
#include "core/model.h"
#include "themes/theme.h"

namespace keel {
namespace {

template <size_t N>
Json Names(const std::array<std::string_view, N>& names) {
  Json list = Json::array();
  for (std::string_view n : names) list.push_back(n);
  return list;
}

}  // namespace

Json VocabularyJson() {
  Json j;
  j["kinds"] = Names(kKindNames);
  j["channels"] = Names(kChannelNames);
  j["outcomes"] = Names(kOutcomeNames);
  Json answers = Json::array();
  for (std::string_view o : kOutcomeNames) answers.push_back(o == "pending" ? "reopen" : o);
  j["answers"] = answers;
  j["remote"] = Names(kRemoteNames);
  Json themes = Json::array();
  for (size_t i = 0; i < kThemeNames.size(); ++i) {
    const Theme theme = static_cast<Theme>(i);  // kThemeNames follows the enum's order
    const bool about_you = IsAboutYou(theme);
    themes.push_back(Json{{"name", Name(theme)},
                          {"about_you", about_you},
                          {"circumstantial", !about_you && theme != Theme::kGeneric}});
  }
  j["themes"] = themes;
  j["strategy_fields"] = Names(kStrategyFields);
  j["phases"] = Names(kPhaseNames);
  // The fields an import can read a column as (--map COLUMN=FIELD; "ignore" leaves it out).
  Json import_fields = Json::array();
  for (int i = 0; i < kFieldCount; ++i) import_fields.push_back(FieldName(static_cast<Field>(i)));
  j["import_fields"] = import_fields;
  return j;
}

}  // namespace keel
