// The Store contract (store_contract_test.cc, store_history_contract_test.cc,
// store_undo_contract_test.cc) on SQLite, in memory.
#include <gtest/gtest.h>

#include "store/sqlite_store.h"
#include "store_contract.h"

namespace keel {
namespace {

INSTANTIATE_TEST_SUITE_P(Backends, StoreContractTest,
                         ::testing::Values(StoreBackend{"SqliteMemory",
                                                        []() -> std::unique_ptr<Store> {
                                                          auto store =
                                                              SqliteStore::Open(":memory:");
                                                          EXPECT_TRUE(store.ok())
                                                              << store.message();
                                                          if (!store.ok()) return nullptr;
                                                          return std::move(store).value();
                                                        }}),
                         [](const ::testing::TestParamInfo<StoreBackend>& backend) {
                           return backend.param.name;
                         });

}  // namespace
}  // namespace keel
