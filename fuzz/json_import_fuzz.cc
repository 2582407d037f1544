// libFuzzer target for the JSON backup importer (keel import FILE.json, the page's restore): any
// bytes are read as a backup into an empty ledger (a dry run: everything parsed, checked and
// written inside a transaction that is rolled back), without crashing, leaking or undefined
// behaviour; a refusal is an Error with a message. The ledger stays empty afterwards.
//
// Built in the asan preset's build (scripts/fuzz; make fuzz).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string_view>

#include "app/import_json.h"
#include "store/open.h"

namespace {

keel::Store& Ledger() {
  static std::unique_ptr<keel::Store> store = [] {
    keel::Result<std::unique_ptr<keel::Store>> opened = keel::OpenStore(":memory:");
    if (!opened.ok()) {
      std::fprintf(stderr, "cannot open a store: %s\n", opened.message().c_str());
      std::abort();
    }
    return std::move(opened).value();
  }();
  return *store;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  keel::Result<keel::BackupReport> report =
      keel::ImportBackup(Ledger(), text, "fuzz.json", /*dry_run=*/true);
  if (!report.ok() && report.message().empty()) {
    std::fprintf(stderr, "a refusal without a message\n");
    std::abort();
  }
  return 0;
}
