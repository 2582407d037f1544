// The Store contract (tests/store/store_*contract_test.cc) on PostgreSQL: every test opens a new
// search of its own in the shared test database, as keel_app, under row-level security.
#include <gtest/gtest.h>

#include "pg_test_env.h"
#include "store/pg_store.h"
#include "store_contract.h"

namespace keel {
namespace {

std::unique_ptr<Store> OpenPgSearch() {
  const std::string info = testing::StoreDatabase();
  EXPECT_FALSE(info.empty()) << "no PostgreSQL server: run through ctest (the pg fixture)";
  if (info.empty()) return nullptr;
  auto store = PgStore::Open(info, testing::UniqueSearchName("contract"));
  EXPECT_TRUE(store.ok()) << store.message();
  if (!store.ok()) return nullptr;
  return std::move(store).value();
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreContractTest,
                         ::testing::Values(StoreBackend{"Postgres", OpenPgSearch}),
                         [](const ::testing::TestParamInfo<StoreBackend>& backend) {
                           return backend.param.name;
                         });

}  // namespace
}  // namespace keel
