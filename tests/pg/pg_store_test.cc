// What only the PostgreSQL store does: many searches in one database, each its own store, with
// writers of one search taking turns and writers of different searches never waiting.
#include "store/pg_store.h"

#include <gtest/gtest.h>

#include "pg_test_env.h"
#include "store/open.h"

namespace keel {
namespace {

std::unique_ptr<PgStore> OpenSearch(const std::string& name) {
  const std::string info = testing::StoreDatabase();
  EXPECT_FALSE(info.empty()) << "no PostgreSQL server: run through ctest (the pg fixture)";
  Result<std::unique_ptr<PgStore>> store = PgStore::Open(info, name);
  EXPECT_TRUE(store.ok()) << store.message();
  return store.ok() ? std::move(store).value() : nullptr;
}

TEST(PgStoreTest, TwoSearchesInOneDatabaseNeverSeeEachOther) {
  const std::string name_a = testing::UniqueSearchName("a");
  std::unique_ptr<PgStore> a = OpenSearch(name_a);
  std::unique_ptr<PgStore> b = OpenSearch(testing::UniqueSearchName("b"));
  ASSERT_TRUE(a && b);
  EXPECT_NE(a->search_id(), b->search_id());
  ASSERT_TRUE(a->BeginWrite("ask").ok());
  const Id acme = a->AddOrganization("Acme").value();
  ASSERT_TRUE(a->AddAsk(testing::ChatAsk(acme)).ok());
  ASSERT_TRUE(a->Commit().ok());
  // Ids are per search: b's first organization and ask are #1 too, and its own.
  ASSERT_TRUE(b->BeginWrite("ask").ok());
  const Id globex = b->AddOrganization("Globex").value();
  EXPECT_EQ(globex, acme);
  ASSERT_TRUE(b->AddAsk(testing::ChatAsk(globex)).ok());
  ASSERT_TRUE(b->Commit().ok());
  ASSERT_EQ(a->ListAsks()->size(), 1U);
  EXPECT_EQ(a->ListAsks()->front().org, "Acme");
  EXPECT_EQ(b->ListAsks()->front().org, "Globex");
  EXPECT_FALSE(a->FindOrganization("Globex")->has_value());
  // Undo in b takes back b's change only.
  ASSERT_TRUE(b->UndoLast().value().has_value());
  EXPECT_TRUE(b->ListAsks()->empty());
  EXPECT_EQ(a->ListAsks()->size(), 1U);
  // Opening the search again by name finds the same one.
  std::unique_ptr<PgStore> again = OpenSearch(name_a);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->search_id(), a->search_id());
  EXPECT_EQ(again->ListAsks()->size(), 1U);
}

TEST(PgStoreTest, WritersOfOneSearchTakeTurnsAndTheSecondIsToldToTryAgain) {
  const std::string name = testing::UniqueSearchName("turns");
  std::unique_ptr<PgStore> first = OpenSearch(name);
  std::unique_ptr<PgStore> second = OpenSearch(name);
  std::unique_ptr<PgStore> other = OpenSearch(testing::UniqueSearchName("other"));
  ASSERT_TRUE(first && second && other);
  ASSERT_TRUE(first->BeginWrite("holds the search").ok());
  // Another search is not held up: had it waited for the first search's lock, it would have
  // been refused as busy once the lock timeout passed.
  ASSERT_TRUE(other->BeginWrite("elsewhere").ok());
  ASSERT_TRUE(other->AddOrganization("Initech").ok());
  ASSERT_TRUE(other->Commit().ok());
  // The same search waits its bounded time, then is busy, with nothing written.
  Status s = second->BeginWrite("waits");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kBusy) << s.error().message;
  EXPECT_NE(s.error().message.find("try again"), std::string::npos) << s.error().message;
  first->Rollback();
  ASSERT_TRUE(second->BeginWrite("now").ok());
  ASSERT_TRUE(second->Commit().ok());
}

TEST(PgStoreTest, TheChangeStampMovesOnEveryCommitByAnyConnection) {
  const std::string name = testing::UniqueSearchName("stamp");
  std::unique_ptr<PgStore> reader = OpenSearch(name);
  std::unique_ptr<PgStore> writer = OpenSearch(name);
  ASSERT_TRUE(reader && writer);
  const auto before = reader->ChangeStamp().value();
  ASSERT_TRUE(writer->BeginWrite("org").ok());
  ASSERT_TRUE(writer->AddOrganization("Acme").ok());
  ASSERT_TRUE(writer->Commit().ok());
  const auto after = reader->ChangeStamp().value();
  EXPECT_NE(before, after);
  ASSERT_TRUE(writer->UndoLast().value().has_value());
  EXPECT_NE(reader->ChangeStamp().value(), after);
}

TEST(PgStoreTest, FullTextSearchFindsTheSameRowsAsSqlitesFoldingDiacritics) {
  std::unique_ptr<PgStore> store = OpenSearch(testing::UniqueSearchName("search"));
  std::unique_ptr<PgStore> other = OpenSearch(testing::UniqueSearchName("search-other"));
  ASSERT_TRUE(store && other);
  for (PgStore* s : {store.get(), other.get()}) {
    ASSERT_TRUE(s->BeginWrite("ask").ok());
    AskRecord a = testing::ChatAsk(s->AddOrganization("Acme").value());
    a.note = "Referred by Zoë; they run Kubernetes";
    ASSERT_TRUE(s->AddAsk(a).ok());
    ASSERT_TRUE(s->AddAsk(testing::ChatAsk(a.org_id)).ok());
    ASSERT_TRUE(s->Commit().ok());
  }
  // keel's query (app/search.cc): every word required, the last one a prefix.
  const std::vector<TextMatch> found = store->SearchTexts(TextQuery{{{"kuber"}}, true}).value();
  ASSERT_EQ(found.size(), 1U) << "the other search's ask is not found";
  EXPECT_EQ(found[0].id, 1);
  ASSERT_EQ(found[0].texts.size(), 2U);
  EXPECT_EQ(found[0].texts[1].name, "note");
  EXPECT_EQ(found[0].texts[1].text, "Referred by Zoë; they run Kubernetes");
  EXPECT_EQ(store->SearchTexts(TextQuery{{{"referred"}, {"zoe"}}, false}).value().size(), 1U)
      << "diacritics are folded (keel_fold)";
  EXPECT_EQ(store->SearchTexts(TextQuery{{{"ZOË"}}, false}).value().size(), 1U);
  EXPECT_TRUE(store->SearchTexts(TextQuery{{{"kubernetes"}, {"absent"}}, false}).value().empty());
  EXPECT_EQ(store->SearchTexts(TextQuery{{{"they", "run"}}, false}).value().size(), 1U);
  EXPECT_TRUE(store->SearchTexts(TextQuery{{{"run", "they"}}, false}).value().empty());
}

TEST(PgStoreTest, TheFactoryOpensPostgresFromAUriAndNeverPrintsItsPassword) {
  EXPECT_TRUE(IsPostgresUri("postgresql://keel@db/keel"));
  EXPECT_TRUE(IsPostgresUri("postgres://keel@db/keel"));
  EXPECT_FALSE(IsPostgresUri("/home/ana/keel.db"));
  EXPECT_EQ(DescribeDb("postgresql://keel:s3cret@db.example:5432/keel"),
            "postgresql://keel:***@db.example:5432/keel");
  EXPECT_EQ(DescribeDb("postgresql://keel@db.example/keel"), "postgresql://keel@db.example/keel");
}

}  // namespace
}  // namespace keel
