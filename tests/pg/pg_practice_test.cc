// A practice's accounts on PostgreSQL: the same SQL as on SQLite (store/sql_practice.cc), in the
// reference tables of the searches' database, opened as keel_app (which owns nothing); and a
// seeker's search deleted everywhere by one statement, row-level security notwithstanding.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <sstream>

#include "app/accounts.h"
#include "pg_test_env.h"
#include "store/open.h"

namespace keel {
namespace {

std::string AsUri(const std::string& conninfo) {
  std::istringstream words(conninfo);
  std::string uri = "postgresql:///?application_name=keel_practice_test";
  for (std::string word; words >> word;) uri += "&" + word;
  return uri;
}

class PgPracticeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string info = testing::StoreDatabase();
    ASSERT_FALSE(info.empty()) << "no PostgreSQL server: run through ctest (the pg fixture)";
    uri_ = AsUri(info);
    practice_ = OpenPractice(uri_).value();
    // Test processes share the database: each test's emails are its own.
    tag_ = testing::UniqueSearchName("t");
  }
  std::string Email(std::string_view who) { return std::string(who) + "." + tag_ + "@example.com"; }
  AddAccountRequest Request(std::string_view who, std::string role = "seeker") {
    return {Email(who), std::move(role), "", "wintergreen-mud-lamp"};
  }

  std::string uri_;
  std::string tag_;
  std::unique_ptr<Practice> practice_;
};

TEST_F(PgPracticeTest, AccountsAreFoundIgnoringCaseAndTakenOnce) {
  const Account a = AddAccount(*practice_, Request("Ana")).value();
  ASSERT_EQ(a.searches.size(), 1U);
  EXPECT_EQ(a.created_at.size(), 20U) << a.created_at;
  std::string upper = a.email;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  const std::optional<Account> found = practice_->FindAccount(upper).value();
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->id, a.id);
  EXPECT_EQ(found->searches, a.searches);
  Result<Account> again = AddAccount(*practice_, Request("ana", "coach"));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.code(), ErrorCode::kConflict);
  ASSERT_TRUE(practice_->SetPasswordHash(a.id, "$argon2id$new").ok());
  EXPECT_EQ(practice_->FindAccount(a.email).value()->password_hash, "$argon2id$new");
}

TEST_F(PgPracticeTest, RemovingASeekerDeletesEveryRowOfTheirSearch) {
  const Account a = AddAccount(*practice_, Request("leaving")).value();
  const std::string search = a.searches.front();
  {
    std::unique_ptr<Store> store = OpenStore(uri_, search).value();
    ASSERT_TRUE(store->BeginWrite("ask").ok());
    ASSERT_TRUE(store->AddAsk(testing::ChatAsk(store->AddOrganization("Acme").value())).ok());
    ASSERT_TRUE(store->Commit().ok());
  }
  // A superuser bypasses row-level security: it sees whether the rows are gone, not hidden.
  const std::string super = testing::TestConninfo() + " dbname=keel_store_tests";
  std::unique_ptr<PgDb> admin = PgDb::Open(super).value();
  auto count = [&](const std::string& sql, auto value) {
    Statement& s = admin->Prepare(sql);
    s.Bind(1, value);
    EXPECT_TRUE(s.Step().value());
    const int64_t n = s.Int(0);
    s.Reset();
    return n;
  };
  const int64_t id = count("SELECT min(id) FROM search_names WHERE name = ?", search);
  ASSERT_EQ(count("SELECT count(*) FROM asks WHERE search_id = ?", id), 1);
  ASSERT_TRUE(RemoveAccount(*practice_, a.email, true, [&](const std::string& s) {
                return DeleteSearch(uri_, s);
              }).ok());
  EXPECT_FALSE(practice_->FindAccount(a.email).value().has_value());
  for (const char* table : {"asks", "organizations", "changes", "searches", "search_names"}) {
    const std::string column = std::string(table) == "search_names" ? "id" : "search_id";
    EXPECT_EQ(count(fmt::format("SELECT count(*) FROM {} WHERE {} = ?", table, column), id), 0)
        << table;
  }
  // Opening the name again makes a new, empty search: nothing of the old one is left.
  std::unique_ptr<Store> reopened = OpenStore(uri_, search).value();
  EXPECT_TRUE(reopened->ListAsks().value().empty());
  EXPECT_TRUE(reopened->Organizations().value().empty());
}

}  // namespace
}  // namespace keel
