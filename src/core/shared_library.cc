#include "core/shared_library.h"

#include <dlfcn.h>
#include <fmt/format.h>

namespace keel {

Result<void*> OpenSharedLibrary(std::initializer_list<const char*> names, std::string_view purpose,
                                std::string_view package) {
  std::string last_error;
  for (const char* name : names) {
    // RTLD_NOW: a missing symbol is found here, once, not in the middle of a write.
    if (void* library = dlopen(name, RTLD_NOW | RTLD_LOCAL)) return library;
    const char* error = dlerror();
    last_error = error ? error : name;
  }
  return Error{
      fmt::format("{} needs {}, which could not be loaded ({}); install it with "
                  "scripts/deps or apt-get install {}",
                  purpose, *names.begin(), last_error, package)};
}

Result<void*> SharedLibrarySymbol(void* library, const char* name, std::string_view purpose) {
  dlerror();  // clear an earlier error, so that a null below is this lookup's
  void* address = dlsym(library, name);
  if (address == nullptr) {
    const char* error = dlerror();
    return Error{
        fmt::format("{} needs the function {}, which the installed library lacks ({}); "
                    "install a newer one",
                    purpose, name, error ? error : "not found")};
  }
  return address;
}

}  // namespace keel
