// JSON text for output. nlohmann's dump() throws on text that is not UTF-8; keel refuses such
// text on input (app/validate.h), but a database written by an older keel may still hold some,
// and one bad byte must not turn every report into "internal error". Malformed bytes are written
// as U+FFFD instead.
#pragma once

#include <string>

namespace keel {

/// j.dump(indent) that never throws on malformed UTF-8 (each bad byte becomes U+FFFD).
template <typename JsonT>
std::string DumpJson(const JsonT& j, int indent = -1) {
  return j.dump(indent, ' ', false, JsonT::error_handler_t::replace);
}

}  // namespace keel
