#include "app/accounts.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "app/password.h"
#include "app/validate.h"
#include "core/text.h"

namespace keel {

Status CheckEmail(std::string_view email) {
  auto refuse = [&](std::string_view why) {
    return Error{fmt::format("'{}' is not an email address ({}); give one like ana@example.com",
                             Clip(email), why),
                 ErrorCode::kInvalid, "email"};
  };
  if (email.size() < 3 || email.size() > 254) return refuse("3 to 254 characters");
  if (FindInvalidUtf8(email)) return refuse("not valid UTF-8");
  for (size_t i = 0; i < email.size(); ++i) {
    const auto c = static_cast<unsigned char>(email[i]);
    if (c <= 0x20 || c == 0x7f || BidiControlAt(email, i) != 0) {
      return refuse("spaces and control characters are not allowed");
    }
  }
  const size_t at = email.find('@');
  if (at == std::string_view::npos || email.find('@', at + 1) != std::string_view::npos) {
    return refuse("it needs exactly one @");
  }
  const std::string_view local = email.substr(0, at);
  const std::string_view domain = email.substr(at + 1);
  if (local.empty() || local.size() > 64) return refuse("1 to 64 characters before the @");
  if (domain.empty() || domain.front() == '.' || domain.back() == '.' ||
      domain.find("..") != std::string_view::npos) {
    return refuse("a domain after the @");
  }
  return Status();
}

Result<Account> AddAccount(Practice& practice, const AddAccountRequest& request) {
  const std::string email(Trim(request.email));
  KEEL_RETURN_IF_ERROR(CheckEmail(email));
  Result<Role> role = ParseRole(request.role);
  if (!role.ok()) return role.status();
  const std::string name = CollapseSpaces(request.name);
  KEEL_RETURN_IF_ERROR(CheckInputTexts({{name, "the name", TextRule::kName, "name"}}));
  KEEL_RETURN_IF_ERROR(CheckNewPassword(request.password, email));
  // Refuse a taken email before spending 64 MiB and a moment on a hash.
  Result<std::optional<Account>> existing = practice.FindAccount(email);
  if (!existing.ok()) return existing.status();
  if (*existing) {
    return Error{fmt::format("there is already an account for {}", (*existing)->email),
                 ErrorCode::kConflict, "email"};
  }
  Result<std::string> hash = HashPassword(request.password);
  if (!hash.ok()) return hash.status();
  Account account;
  account.email = email;
  account.name = name;
  account.role = *role;
  account.password_hash = std::move(hash).value();
  return practice.AddAccount(account);
}

Result<AccountRemoval> RemoveAccount(
    Practice& practice, std::string_view email, bool confirmed,
    const std::function<Status(const std::string& search)>& delete_search) {
  Result<std::optional<Account>> found = practice.FindAccount(Trim(email));
  if (!found.ok()) return found.status();
  if (!*found) {
    return Error{fmt::format("there is no account for {}", Clip(email)), ErrorCode::kNotFound,
                 "email"};
  }
  AccountRemoval removal{std::move(**found), {}};
  const Account& a = removal.account;
  if (!a.searches.empty() && !confirmed) {
    Error e{fmt::format("removing {} {} also deletes their search{} ({}) and everything in "
                        "{}, for good",
                        RoleName(a.role), a.email, a.searches.size() == 1 ? "" : "es",
                        fmt::join(a.searches, ", "), a.searches.size() == 1 ? "it" : "them"),
            ErrorCode::kConflict};
    e.hint = fmt::format("keel user remove {} --yes goes ahead", a.email);
    return e;
  }
  for (const std::string& search : a.searches) {
    KEEL_RETURN_IF_ERROR(delete_search(search));
    removal.deleted_searches.push_back(search);
  }
  KEEL_RETURN_IF_ERROR(practice.RemoveAccount(a.id));
  return removal;
}

Json AccountJson(const Account& account) {
  return Json{{"id", account.id},
              {"email", account.email},
              {"name", account.name},
              {"role", std::string(RoleName(account.role))},
              {"created_at", account.created_at},
              {"searches", account.searches}};
}

}  // namespace keel
