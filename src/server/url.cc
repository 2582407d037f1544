// Strict on purpose: a lenient decoder that passes "%zz" through or repairs bad UTF-8 invites two
// readings of one request (the guard's and the handler's), and was how invalid bytes reached JSON.
#include "server/url.h"

#include <fmt/format.h>

#include "core/text.h"

namespace keel {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

Result<std::string> PercentDecode(std::string_view text, bool plus_is_space,
                                  std::string_view what) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%') {
      const int high = i + 1 < text.size() ? HexValue(text[i + 1]) : -1;
      const int low = i + 2 < text.size() ? HexValue(text[i + 2]) : -1;
      if (high < 0 || low < 0) {
        return Error{fmt::format(
            "{} has a '%' at byte {} that is not followed by two hex digits; write a literal '%' "
            "as %25",
            what, i + 1)};
      }
      out += static_cast<char>(high * 16 + low);
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out += ' ';
    } else {
      out += c;
    }
  }
  if (std::optional<Utf8Fault> bad = FindInvalidUtf8(out)) {
    return Error{fmt::format(
        "{} is not valid UTF-8 once decoded (byte 0x{:02x} at offset {}); encode text as UTF-8 "
        "before percent-encoding it",
        what, bad->byte, bad->offset)};
  }
  return out;
}

Result<Target> ParseTarget(std::string_view target) {
  if (target.empty() || target.front() != '/') {
    return Error{"the request target must be a path that starts with '/'"};
  }
  if (target.find('#') != std::string_view::npos) {
    return Error{"the request target must not carry a fragment ('#')"};
  }
  const size_t question = target.find('?');
  Target out;
  Result<std::string> path = PercentDecode(target.substr(0, question), false, "the path");
  if (!path.ok()) return path.status();
  out.path = std::move(path).value();
  if (question == std::string_view::npos) return out;

  std::string_view rest = target.substr(question + 1);
  while (!rest.empty()) {
    const size_t amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    if (pair.empty()) continue;  // "a=1&&b=2", a trailing '&'
    const size_t eq = pair.find('=');
    Result<std::string> key = PercentDecode(pair.substr(0, eq), true, "a query parameter's name");
    if (!key.ok()) return key.status();
    const std::string_view raw =
        eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
    Result<std::string> value =
        PercentDecode(raw, true, fmt::format("query parameter '{}'", Clip(*key, 40)));
    if (!value.ok()) return value.status();
    out.query.emplace_back(std::move(key).value(), std::move(value).value());
  }
  return out;
}

}  // namespace keel
