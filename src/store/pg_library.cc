#include "store/pg_library.h"

#include <stdexcept>

#include "core/shared_library.h"

namespace keel {
namespace {

constexpr std::string_view kPurpose = "PostgreSQL";

Result<LibPq> Load() {
  Result<void*> library = OpenSharedLibrary({"libpq.so.5", "libpq.so"}, kPurpose, "libpq5");
  if (!library.ok()) return library.status();
  LibPq table;
// NOLINTNEXTLINE(bugprone-macro-parentheses): `name` names a member
#define KEEL_LIBPQ_BIND(name) \
  KEEL_RETURN_IF_ERROR(BindSharedFunction(*library, #name, kPurpose, &table.name));
  KEEL_LIBPQ_FUNCTIONS(KEEL_LIBPQ_BIND)
#undef KEEL_LIBPQ_BIND
  return table;
}

const Result<LibPq>& Loaded() {
  static const Result<LibPq> loaded = Load();
  return loaded;
}

}  // namespace

Result<const LibPq*> LoadLibPq() {
  const Result<LibPq>& loaded = Loaded();
  if (!loaded.ok()) return loaded.status();
  return &*loaded;
}

const LibPq& Pq() {
  const Result<LibPq>& loaded = Loaded();
  if (!loaded.ok()) throw std::logic_error("libpq used before a connection was opened");
  return *loaded;
}

}  // namespace keel
