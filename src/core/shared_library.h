// Libraries that only some commands need (libpq for PostgreSQL, libcurl for mail) are opened on
// first use, not linked: each brings its own tail of libraries (Kerberos, LDAP, GnuTLS, SSH...),
// and loading the two at start cost every command, `keel --version` included, about 8 ms of its
// 10 ms budget (docs/benchmarks.md, "Start-up").
#pragma once

#include <initializer_list>
#include <string_view>

#include "core/result.h"

namespace keel {

/// The first of `names` (sonames, "libpq.so.5") that the dynamic loader can open, kept open for
/// the life of the process. The error says what needs it and which Debian package to install.
Result<void*> OpenSharedLibrary(std::initializer_list<const char*> names, std::string_view purpose,
                                std::string_view package);

/// The address of the function `name` in `library`, or an error naming both.
Result<void*> SharedLibrarySymbol(void* library, const char* name, std::string_view purpose);

/// Fills `*slot` with the function `name`, typed as the header declares it.
template <typename Function>
Status BindSharedFunction(void* library, const char* name, std::string_view purpose,
                          Function** slot) {
  Result<void*> address = SharedLibrarySymbol(library, name, purpose);
  if (!address.ok()) return address.status();
  *slot = reinterpret_cast<Function*>(*address);  // NOLINT: dlsym's result is the function
  return Status();
}

}  // namespace keel
