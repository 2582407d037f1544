// The server's StorePool on PostgreSQL: a worker serves many searches over one connection, the
// searches never cross on it, and a connection the server dropped is replaced on the next Get.
#include <gtest/gtest.h>

#include <map>
#include <sstream>

#include "pg_test_env.h"
#include "store/open.h"

namespace keel {
namespace {

// The key=value connection string as a postgresql:// URI (what --db takes), with an
// application_name of its own so that a test can find its backend among other processes'.
std::string AsUri(const std::string& conninfo, const std::string& application) {
  std::istringstream words(conninfo);
  std::string uri = "postgresql:///?application_name=" + application;
  for (std::string word; words >> word;) uri += "&" + word;
  return uri;
}

class StorePoolTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string info = testing::StoreDatabase();
    ASSERT_FALSE(info.empty()) << "no PostgreSQL server: run through ctest (the pg fixture)";
    application_ = testing::UniqueSearchName("pool");
    uri_ = AsUri(info, application_);
  }
  std::string application_;
  std::string uri_;
};

TEST_F(StorePoolTest, SearchesShareOneConnectionAndNeverCross) {
  StorePool pool;
  const std::string name_a = testing::UniqueSearchName("pool-a");
  std::shared_ptr<Store> a = pool.Get(uri_, name_a).value();
  std::shared_ptr<Store> b = pool.Get(uri_, testing::UniqueSearchName("pool-b")).value();
  EXPECT_EQ(pool.PostgresConnections(), 1U);
  EXPECT_EQ(pool.Get(uri_, name_a).value(), a) << "the same search is the same open store";

  ASSERT_TRUE(a->BeginWrite("ask").ok());
  ASSERT_TRUE(a->AddAsk(testing::ChatAsk(a->AddOrganization("Acme").value())).ok());
  ASSERT_TRUE(a->Commit().ok());
  // b runs on the connection a used last: it must read its own (empty) search, in a transaction
  // and outside one, and its write must land in b alone.
  EXPECT_TRUE(b->ListAsks().value().empty());
  ASSERT_TRUE(b->BeginRead().ok());
  EXPECT_TRUE(b->ListAsks().value().empty());
  ASSERT_TRUE(b->Commit().ok());
  ASSERT_TRUE(b->BeginWrite("ask").ok());
  ASSERT_TRUE(b->AddAsk(testing::ChatAsk(b->AddOrganization("Globex").value())).ok());
  ASSERT_TRUE(b->Commit().ok());
  ASSERT_EQ(a->ListAsks().value().size(), 1U);
  EXPECT_EQ(a->ListAsks().value().front().org, "Acme");
  EXPECT_EQ(b->ListAsks().value().front().org, "Globex");
  ASSERT_TRUE(b->UndoLast().value().has_value());
  EXPECT_EQ(a->ListAsks().value().size(), 1U) << "undo in b takes back b's change only";
}

// A coach's roster reads its clients' change stamps in one statement: each the same as the
// store's own, a name that is no search left out, and the stores still scoped to their own
// search afterwards (the function restores the row-level security setting it moved).
TEST_F(StorePoolTest, ChangeStampsReadsManySearchesAtOnceAsEachStoreWould) {
  StorePool pool;
  const std::string name_a = testing::UniqueSearchName("stamp-a");
  const std::string name_b = testing::UniqueSearchName("stamp-b");
  std::shared_ptr<Store> a = pool.Get(uri_, name_a).value();
  std::shared_ptr<Store> b = pool.Get(uri_, name_b).value();
  for (const char* org : {"Acme", "Initech"}) {
    ASSERT_TRUE(a->BeginWrite("ask").ok());
    ASSERT_TRUE(a->AddAsk(testing::ChatAsk(a->AddOrganization(org).value())).ok());
    ASSERT_TRUE(a->Commit().ok());
  }
  Result<std::optional<UndoneChange>> undone = a->UndoLast();
  ASSERT_TRUE(undone.ok()) << undone.message();

  using Stamps = std::map<std::string, std::pair<int64_t, int64_t>>;
  Result<std::optional<Stamps>> stamps =
      pool.ChangeStamps(uri_, {name_a, name_b, testing::UniqueSearchName("stamp-none")});
  ASSERT_TRUE(stamps.ok()) << stamps.message();
  ASSERT_TRUE(stamps->has_value());
  const Stamps& got = **stamps;
  ASSERT_EQ(got.size(), 2U) << "the name that is no search is left out";
  EXPECT_EQ(got.at(name_a), a->ChangeStamp().value());
  EXPECT_EQ(got.at(name_a).second, 1) << "one change undone";
  EXPECT_EQ(got.at(name_b), b->ChangeStamp().value());
  EXPECT_EQ(got.at(name_b), std::make_pair(int64_t{0}, int64_t{0})) << "b has no change";

  ASSERT_TRUE(b->BeginWrite("ask").ok());
  ASSERT_TRUE(b->AddAsk(testing::ChatAsk(b->AddOrganization("Globex").value())).ok());
  ASSERT_TRUE(b->Commit().ok());
  Result<std::optional<Stamps>> again = pool.ChangeStamps(uri_, {name_a, name_b});
  ASSERT_TRUE(again.ok()) << again.message();
  const Stamps& after = **again;
  EXPECT_EQ(after.at(name_a), got.at(name_a)) << "a did not move";
  EXPECT_NE(after.at(name_b), got.at(name_b)) << "b's write moves b's stamp";
  EXPECT_EQ(a->ListAsks().value().size(), 1U);
  EXPECT_EQ(b->ListAsks().value().front().org, "Globex");
  EXPECT_FALSE(pool.ChangeStamps(uri_, {"../etc"}).ok()) << "only search names";
  EXPECT_FALSE(StorePool().ChangeStamps("/tmp/keel.db", {name_a}).value().has_value())
      << "SQLite: each store reads its own";
}

TEST_F(StorePoolTest, AConnectionTheServerDroppedIsReplacedOnTheNextGet) {
  StorePool pool;
  const std::string name = testing::UniqueSearchName("pool-lost");
  std::shared_ptr<Store> store = pool.Get(uri_, name).value();
  ASSERT_TRUE(store->BeginWrite("ask").ok());
  ASSERT_TRUE(store->AddAsk(testing::ChatAsk(store->AddOrganization("Acme").value())).ok());
  ASSERT_TRUE(store->Commit().ok());

  Result<std::unique_ptr<PgDb>> killer = PgDb::Open(testing::TestConninfo());
  ASSERT_TRUE(killer.ok());
  Statement& kill = (*killer)->Prepare(
      "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = ?");
  ASSERT_TRUE(kill.Bind(1, application_).Step().value());
  ASSERT_EQ(kill.Int(0), 1) << "the pool's one connection";

  // The request that meets the dropped connection is told to try again...
  Result<std::vector<Ask>> lost = store->ListAsks();
  ASSERT_FALSE(lost.ok());
  EXPECT_EQ(lost.error().code, ErrorCode::kBusy) << lost.message();
  // ...and the next one gets a new connection, with everything committed before still there.
  Result<std::shared_ptr<Store>> again = pool.Get(uri_, name);
  ASSERT_TRUE(again.ok()) << again.message();
  EXPECT_NE(again.value(), store);
  EXPECT_EQ(pool.PostgresConnections(), 1U);
  EXPECT_EQ((*again)->ListAsks().value().size(), 1U);
}

TEST_F(StorePoolTest, ABadSearchNameIsRefusedBeforeAnyConnection) {
  StorePool pool;
  Result<std::shared_ptr<Store>> bad = pool.Get(uri_, "../x");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().field, "search");
  EXPECT_EQ(pool.PostgresConnections(), 0U);
}

}  // namespace
}  // namespace keel
