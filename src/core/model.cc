#include "core/model.h"

#include <fmt/format.h>

#include "core/text.h"

namespace keel {
namespace {

template <typename Enum, size_t N>
Result<Enum> ParseName(std::string_view text, const std::array<std::string_view, N>& names,
                       std::string_view what) {
  // Stored values are the exact names: matched before any copy is made (reports read one per ask).
  for (size_t i = 0; i < N; ++i) {
    if (names[i] == text) return static_cast<Enum>(i);
  }
  const std::string wanted = Lower(Trim(text));
  for (size_t i = 0; i < N; ++i) {
    if (names[i] == wanted) return static_cast<Enum>(i);
  }
  const std::string choices = fmt::format("{}", fmt::join(names, ", "));
  const std::string_view guess = ClosestMatch(wanted, names);
  if (!guess.empty()) {
    return Error{fmt::format("unknown {} '{}'; did you mean '{}'? (one of: {})", what, Clip(text),
                             guess, choices)};
  }
  return Error{fmt::format("unknown {} '{}'; use one of: {}", what, Clip(text), choices)};
}

}  // namespace

std::string_view Name(Kind kind) { return kKindNames[static_cast<size_t>(kind)]; }
std::string_view Name(Channel channel) { return kChannelNames[static_cast<size_t>(channel)]; }
std::string_view Name(Outcome outcome) { return kOutcomeNames[static_cast<size_t>(outcome)]; }

Result<Kind> ParseKind(std::string_view text, std::string_view what) {
  return ParseName<Kind>(text, kKindNames, what);
}
Result<Channel> ParseChannel(std::string_view text, std::string_view what) {
  return ParseName<Channel>(text, kChannelNames, what);
}
Result<Outcome> ParseOutcome(std::string_view text, std::string_view what) {
  return ParseName<Outcome>(text, kOutcomeNames, what);
}

Result<MaterialRef> ParseMaterialRef(std::string_view text) {
  const std::string_view trimmed = Trim(text);
  const size_t at = trimmed.find('@');
  if (trimmed.find_first_of(";,") != std::string_view::npos) {
    return Error{
        fmt::format("material '{}' holds a list separator; give one name@version per "
                    "--material",
                    Clip(text))};
  }
  if (at == std::string_view::npos || at == 0 || at + 1 == trimmed.size() ||
      trimmed.find('@', at + 1) != std::string_view::npos) {
    return Error{
        fmt::format("material '{}' needs a name and a version, like resume@v2", Clip(text))};
  }
  return MaterialRef{std::string(Trim(trimmed.substr(0, at))),
                     std::string(Trim(trimmed.substr(at + 1)))};
}

}  // namespace keel
