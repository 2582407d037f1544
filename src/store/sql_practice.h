// The practice's records (store/practice.h) in SQL written once for both engines, over
// sql_db.h's SqlDb: a SQLite file of its own, or PostgreSQL's reference tables.
#pragma once

#include <memory>

#include "store/practice.h"
#include "store/sql_db.h"

namespace keel {

class SqlPractice final : public Practice {
 public:
  /// Over an open connection whose schema is migrated (OpenPractice in store/open.h does both).
  explicit SqlPractice(std::unique_ptr<SqlDb> db);
  ~SqlPractice() override;
  SqlPractice(const SqlPractice&) = delete;
  SqlPractice& operator=(const SqlPractice&) = delete;

  Result<Account> AddAccount(const Account& account) override;
  Result<std::optional<Account>> FindAccount(std::string_view email) override;
  Result<std::vector<Account>> Accounts() override;
  Status SetPasswordHash(int64_t account_id, std::string_view hash) override;
  Status RemoveAccount(int64_t account_id) override;

 private:
  Result<std::vector<std::string>> SearchesOf(int64_t account_id);
  std::unique_ptr<SqlDb> db_;
};

}  // namespace keel
