// `keel backup FILE` and `keel restore FILE`: a consistent copy of a SQLite database while keel
// serve keeps writing, and putting one back (store/open.h; docs/backup.md). A backup is a keel
// database of its own: `keel --db FILE stats` reads it without restoring.
#include <fmt/format.h>

#include "cli/commands.h"
#include "store/open.h"

namespace keel {
namespace {

std::string Files(const CopiedFiles& copied) {
  return copied.files.size() == 1 ? "1 file" : fmt::format("{} files", copied.files.size());
}

}  // namespace

int RunBackup(const std::string& file, Context& ctx) {
  Result<CopiedFiles> copied = BackupDatabase(ctx.db_path, file);
  if (!copied.ok()) return Fail(ctx, copied.error());
  fmt::print(ctx.out, "backed up {} to {} ({}); open it with keel --db {}\n", ctx.db_path, file,
             Files(*copied), file);
  return kExitOk;
}

int RunRestore(const std::string& file, bool replace, Context& ctx) {
  Result<CopiedFiles> copied = RestoreDatabase(file, ctx.db_path, replace);
  if (!copied.ok()) return Fail(ctx, copied.error());
  fmt::print(ctx.out, "restored {} from {} ({})\n", ctx.db_path, file, Files(*copied));
  return kExitOk;
}

}  // namespace keel
