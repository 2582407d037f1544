// A coaching practice's accounts (PRODUCT.md, "The coaching practice"): adding one with a
// password keel accepts, listing them, and removing one, a seeker's searches with it. The CLI's
// `keel user add|list|remove` and, later, an admin's page call these, on store/practice.h.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "app/views.h"
#include "core/result.h"
#include "store/practice.h"

namespace keel {

struct AddAccountRequest {
  std::string email;
  std::string role;  // "seeker", "coach" or "admin"
  std::string name;  // may be empty
  std::string password;
};

/// Whether `email` can name an account: one line of 3 to 254 bytes with one '@', a name part
/// (at most 64 bytes) before it and a domain after it, nothing that is not printable.
Status CheckEmail(std::string_view email);

/// Checks everything (email, role, name, the password by CheckNewPassword), hashes the password
/// and adds the account; a seeker gets the search their ledger will live in. Nothing is written
/// when anything is refused.
Result<Account> AddAccount(Practice& practice, const AddAccountRequest& request);

/// What removing an account deletes, and whether it may go ahead.
struct AccountRemoval {
  Account account;
  std::vector<std::string> deleted_searches;
};

/// Removes the account with this email. A seeker's searches are deleted with it (each through
/// `delete_search`, before the account, so an interrupted removal can be run again), but only
/// when `confirmed`: otherwise the answer is a refusal that says what would be deleted.
Result<AccountRemoval> RemoveAccount(
    Practice& practice, std::string_view email, bool confirmed,
    const std::function<Status(const std::string& search)>& delete_search);

/// An account as JSON: id, email, name, role, created_at, searches (never the password's hash).
Json AccountJson(const Account& account);

}  // namespace keel
