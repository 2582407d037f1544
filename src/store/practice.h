// A coaching practice's own records (PRODUCT.md, "The coaching practice"): its accounts and which
// searches each seeker owns. They sit beside the searches, not in them: on SQLite in their own
// file (keel.db -> keel.practice.db), on PostgreSQL in small reference tables of the same database
// (no search_id: read before any search is chosen; see docs/scaling.md). The SQL is written once,
// over sql_db.h's SqlDb, as the ledger's is (store/sql_practice.h); app/ sees only this interface.
//
// Every write is one transaction: an account and its search's ownership are added together, and
// a failure leaves the practice as it was. A password is never passed here, only its hash.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace keel {

enum class Role { kSeeker, kCoach, kAdmin };

inline constexpr std::array<std::string_view, 3> kRoleNames = {"seeker", "coach", "admin"};

/// "seeker", "coach", "admin".
inline std::string_view RoleName(Role role) { return kRoleNames[static_cast<size_t>(role)]; }
/// The role named `name`, or an error that names the three.
inline Result<Role> ParseRole(std::string_view name) {
  for (size_t i = 0; i < kRoleNames.size(); ++i) {
    if (kRoleNames[i] == name) return static_cast<Role>(i);
  }
  return Error{"unknown role; use seeker, coach or admin", ErrorCode::kInvalid, "role", "role"};
}

struct Account {
  int64_t id = 0;
  std::string email;  // as given; unique ignoring ASCII case
  std::string name;   // display name; may be empty
  Role role = Role::kSeeker;
  std::string password_hash;          // argon2id (app/password.h)
  std::string created_at;             // UTC, "2026-12-02T09:30:00Z"
  std::vector<std::string> searches;  // the searches this account owns (a seeker's one)
};

/// The practice's records, opened by OpenPractice (store/open.h). Not thread-safe: one per
/// command, or per server worker.
class Practice {
 public:
  virtual ~Practice() = default;

  /// Adds the account (its id and created_at are set here) and, for a seeker, the ownership of
  /// the search their ledger will live in (SeekerSearchName). A taken email is a conflict.
  virtual Result<Account> AddAccount(const Account& account) = 0;
  /// The account with this email (ignoring ASCII case), if any.
  virtual Result<std::optional<Account>> FindAccount(std::string_view email) = 0;
  /// Every account, by email.
  virtual Result<std::vector<Account>> Accounts() = 0;
  /// Replaces the account's password hash (a rehash under new limits, a changed password).
  virtual Status SetPasswordHash(int64_t account_id, std::string_view hash) = 0;
  /// Removes the account and its ownership rows (its searches' data is the caller's to delete
  /// first: DeleteSearch in store/open.h). Removing an account that is gone is not an error.
  virtual Status RemoveAccount(int64_t account_id) = 0;
};

/// The search a new seeker's ledger lives in: "seeker-ID".
inline std::string SeekerSearchName(int64_t account_id) {
  return "seeker-" + std::to_string(account_id);
}

}  // namespace keel
