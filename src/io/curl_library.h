// libcurl, opened when the first message is sent (core/shared_library.h says why it is not
// linked). Every function keel calls is listed once, typed by curl.h's own declaration; the
// members drop the curl_ prefix, since curl.h makes curl_easy_setopt a type-checking macro.
#pragma once

#include <curl/curl.h>

#include "core/result.h"

namespace keel {

// clang-format off
#define KEEL_LIBCURL_FUNCTIONS(X) \
  X(curl_global_init, global_init) \
  X(curl_easy_init, easy_init) \
  X(curl_easy_setopt, easy_setopt) \
  X(curl_easy_perform, easy_perform) \
  X(curl_easy_getinfo, easy_getinfo) \
  X(curl_easy_strerror, easy_strerror) \
  X(curl_easy_cleanup, easy_cleanup) \
  X(curl_slist_append, slist_append) \
  X(curl_slist_free_all, slist_free_all) \
  X(curl_mime_init, mime_init) \
  X(curl_mime_addpart, mime_addpart) \
  X(curl_mime_data, mime_data) \
  X(curl_mime_type, mime_type) \
  X(curl_mime_encoder, mime_encoder) \
  X(curl_mime_subparts, mime_subparts) \
  X(curl_mime_headers, mime_headers) \
  X(curl_mime_free, mime_free)
// clang-format on

struct LibCurl {
// NOLINTNEXTLINE(bugprone-macro-parentheses): `member` is a declarator, not an expression
#define KEEL_LIBCURL_MEMBER(function, member) decltype(&::function) member = nullptr;
  KEEL_LIBCURL_FUNCTIONS(KEEL_LIBCURL_MEMBER)
#undef KEEL_LIBCURL_MEMBER
};

/// Loads libcurl and runs its global initialisation, once (thread-safe); later calls return the
/// same table or the same error.
Result<const LibCurl*> LoadLibCurl();

}  // namespace keel
