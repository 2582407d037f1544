// The store factory (store/open.h) on SQLite: search names, and one file per search.
#include "store/open.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "app/transaction.h"

namespace keel {
namespace {

TEST(OpenTest, SearchNamesAreShortLowercaseAndCannotLeaveTheFolder) {
  for (const char* good : {"default", "ana", "s0001", "ana.2026", "coach_1", "a-b"}) {
    EXPECT_TRUE(CheckSearchName(good).ok()) << good;
  }
  for (const char* bad : {"", "Ana", "../x", "a/b", ".hidden", "-x", "_x", "a b", "ü"}) {
    const Status s = CheckSearchName(bad);
    ASSERT_FALSE(s.ok()) << bad;
    EXPECT_EQ(s.error().field, "search");
    EXPECT_EQ(s.error().code, ErrorCode::kInvalid);
  }
  EXPECT_FALSE(CheckSearchName(std::string(65, 'a')).ok());
  EXPECT_TRUE(CheckSearchName(std::string(64, 'a')).ok());
}

TEST(OpenTest, AnotherSearchOfASqliteLedgerIsAFileBesideIt) {
  EXPECT_EQ(SqliteSearchPath("/home/ana/keel.db", "default"), "/home/ana/keel.db");
  EXPECT_EQ(SqliteSearchPath("/home/ana/keel.db", "acme"), "/home/ana/keel.searches/acme.db");
  EXPECT_EQ(SqliteSearchPath("ledger", "acme"), "ledger.searches/acme.db");
}

TEST(OpenTest, TwoSearchesOfOneSqliteLedgerDoNotSeeEachOther) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("keel-open-test-" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string db = (dir / "keel.db").string();
  {
    Result<std::unique_ptr<Store>> one = OpenStore(db, "one");
    ASSERT_TRUE(one.ok()) << one.message();
    Transaction t(**one);
    ASSERT_TRUE(t.BeginWrite("add an organization").ok());
    ASSERT_TRUE((*one)->AddOrganization("Acme").ok());
    ASSERT_TRUE(t.Commit().ok());
  }
  EXPECT_TRUE(std::filesystem::exists(dir / "keel.searches" / "one.db"));
  for (const char* other : {"default", "two"}) {
    Result<std::unique_ptr<Store>> store = OpenStore(db, other);
    ASSERT_TRUE(store.ok()) << store.message();
    EXPECT_TRUE((*store)->Organizations().value().empty()) << other;
  }
  Result<std::unique_ptr<Store>> again = OpenStore(db, "one");
  ASSERT_TRUE(again.ok());
  ASSERT_EQ((*again)->Organizations().value().size(), 1U);
  EXPECT_FALSE(OpenStore(db, "../escape").ok());
  EXPECT_FALSE(OpenStore((dir / "no-such-folder" / "keel.db").string(), "one").ok());
  EXPECT_FALSE(std::filesystem::exists(dir / "no-such-folder"));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace keel
