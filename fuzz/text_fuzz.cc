// libFuzzer target for what keel reads from the command line: dates (ParseUserDate, as --on,
// --until and --today take them), ids (ParseId), and the text checks and quoting every message
// relies on (CheckInputText, Clip, EscapeControls). Any input must be handled without crashing
// or undefined behaviour, and:
//   - Clip and EscapeControls never let a control character or a malformed byte through, and
//     Clip never returns more than 80 characters plus the ellipsis;
//   - a parsed id is positive and prints back as the digits given;
//   - text that CheckInputText accepts is well-formed UTF-8 within the limit;
//   - a parsed date prints as YYYY-MM-DD that parses back to the same date.
//
// Built in the asan build and run on fuzz/corpus/text by scripts/fuzz (make fuzz); by hand:
//   clang++-14 -g -O1 -fsanitize=fuzzer,address,undefined -std=c++20 -Isrc fuzz/text_fuzz.cc
//       src/core/text.cc src/core/date.cc src/app/validate.cc -lfmt -o /tmp/text_fuzz
//   /tmp/text_fuzz -max_total_time=60
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "app/validate.h"
#include "core/date.h"
#include "core/text.h"

namespace {

void Check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "%s\n", what);
    std::abort();
  }
}

bool Printable(std::string_view text) {
  if (keel::FindInvalidUtf8(text)) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7F) return false;
    if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) < 0xA0) {
      return false;
    }
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  const std::string clipped = keel::Clip(input);
  Check(Printable(clipped), "Clip let a control character or a malformed byte through");
  Check(keel::CountCodePoints(clipped) <= 80 * 6 + 1, "Clip returned too much");
  Check(Printable(keel::EscapeControls(input)), "EscapeControls let a control through");

  const keel::Result<int64_t> id = keel::ParseId(input, "id");
  if (id.ok()) {
    Check(*id > 0, "ParseId accepted an id below 1");
    std::string_view digits = keel::Trim(input);
    while (digits.size() > 1 && digits.front() == '0') digits.remove_prefix(1);
    Check(std::to_string(*id) == digits, "ParseId's value does not print as its digits");
  } else {
    Check(Printable(id.message()), "ParseId's message is not printable");
  }

  for (keel::TextRule rule : {keel::TextRule::kName, keel::TextRule::kText}) {
    const keel::Status checked = keel::CheckInputText(input, "--x", rule);
    if (checked.ok()) {
      Check(!keel::FindInvalidUtf8(input), "CheckInputText accepted malformed UTF-8");
      Check(keel::CountCodePoints(input) <= keel::kMaxTextChars, "CheckInputText let long text in");
    } else {
      Check(Printable(checked.message()), "CheckInputText's message is not printable");
      Check(checked.message().size() < 1000, "CheckInputText's message is too long");
    }
  }

  const keel::Date today = keel::ParseIsoDate("2026-11-26").value();
  const keel::Result<keel::Date> date = keel::ParseUserDate(input, today);
  if (date.ok()) {
    const std::optional<keel::Date> again = keel::ParseIsoDate(date->ToIso());
    Check(again && *again == *date, "a parsed date does not print and parse back");
  }
  return 0;
}
