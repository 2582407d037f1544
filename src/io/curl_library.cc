#include "io/curl_library.h"

#include "core/shared_library.h"

namespace keel {
namespace {

constexpr std::string_view kPurpose = "sending mail";

Result<LibCurl> Load() {
  Result<void*> library = OpenSharedLibrary({"libcurl.so.4", "libcurl-gnutls.so.4", "libcurl.so"},
                                            kPurpose, "libcurl4");
  if (!library.ok()) return library.status();
  LibCurl table;
// NOLINTNEXTLINE(bugprone-macro-parentheses): `member` names a member
#define KEEL_LIBCURL_BIND(function, member) \
  KEEL_RETURN_IF_ERROR(BindSharedFunction(*library, #function, kPurpose, &table.member));
  KEEL_LIBCURL_FUNCTIONS(KEEL_LIBCURL_BIND)
#undef KEEL_LIBCURL_BIND
  table.global_init(CURL_GLOBAL_DEFAULT);
  return table;
}

}  // namespace

Result<const LibCurl*> LoadLibCurl() {
  static const Result<LibCurl> loaded = Load();
  if (!loaded.ok()) return loaded.status();
  return &*loaded;
}

}  // namespace keel
