// `keel user add|list|remove`: a coaching practice's accounts (app/accounts.h), for whoever runs
// the server. The password comes on standard input only (--password-stdin), so it never shows in
// the process list or the shell's history.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cstdio>
#include <filesystem>

#include "app/accounts.h"
#include "app/password.h"
#include "cli/commands.h"
#include "cli/table.h"
#include "core/json_dump.h"
#include "core/text.h"
#include "store/open.h"

namespace keel {
namespace {

Result<std::unique_ptr<Practice>> Open(const Context& ctx) {
  if (ctx.db_path == DefaultDbPath() && !IsPostgresUri(ctx.db_path)) {
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(ctx.db_path).parent_path(), ec);
  }
  return OpenPractice(ctx.db_path);
}

// The password as typed: standard input without its final line break. Reads at most a little
// more than the longest password keel takes, so the check can say it is too long.
std::string ReadPassword(std::FILE* in) {
  std::string text;
  int c = 0;
  while (text.size() <= kMaxPasswordBytes + 2 && (c = std::fgetc(in)) != EOF) {
    text.push_back(static_cast<char>(c));
  }
  if (!text.empty() && text.back() == '\n') text.pop_back();
  if (!text.empty() && text.back() == '\r') text.pop_back();
  return text;
}

std::string Describe(const Account& a) {
  return a.name.empty() ? a.email : fmt::format("{} ({})", a.email, a.name);
}

}  // namespace

int RunUserAdd(const UserAddOptions& o, Context& ctx) {
  if (!o.password_stdin) {
    return Fail(ctx, Error{"give the password on standard input with --password-stdin (never "
                           "as an argument, where the process list and shell history keep it)"});
  }
  AddAccountRequest request{o.email, o.role, o.name, ReadPassword(stdin)};
  Result<std::unique_ptr<Practice>> practice = Open(ctx);
  if (!practice.ok()) return Fail(ctx, practice.error());
  Result<Account> added = AddAccount(**practice, request);
  if (!added.ok()) {
    // The password is read from standard input, not a flag: name it so.
    Error e = added.error();
    if (e.field == "password") {
      e.field.clear();
      e.message = "--password-stdin: " + e.message;
    }
    return Fail(ctx, e);
  }
  if (ctx.json) {
    fmt::print(ctx.out, "{}\n", DumpJson(Json{{"account", AccountJson(*added)}}));
    return kExitOk;
  }
  fmt::print(ctx.out, "Added {} {}", RoleName(added->role), EscapeControls(Describe(*added)));
  if (!added->searches.empty()) {
    fmt::print(ctx.out, "; their search is {}", added->searches.front());
  }
  fmt::print(ctx.out, ".\n");
  return kExitOk;
}

int RunUserList(Context& ctx) {
  Result<std::unique_ptr<Practice>> practice = Open(ctx);
  if (!practice.ok()) return Fail(ctx, practice.error());
  Result<std::vector<Account>> accounts = (*practice)->Accounts();
  if (!accounts.ok()) return Fail(ctx, accounts.error());
  if (ctx.json) {
    Json list = Json::array();
    for (const Account& a : *accounts) list.push_back(AccountJson(a));
    fmt::print(ctx.out, "{}\n", DumpJson(Json{{"accounts", list}}));
    return kExitOk;
  }
  if (accounts->empty()) {
    fmt::print(ctx.out,
               "No accounts yet. keel user add EMAIL --role coach --password-stdin adds one.\n");
    return kExitOk;
  }
  Table t{{"email", "name", "role", "since", "search"}, {}, {}};
  for (const Account& a : *accounts) {
    t.rows.push_back({EscapeControls(a.email), EscapeControls(a.name),
                      std::string(RoleName(a.role)), a.created_at.substr(0, 10),
                      fmt::format("{}", fmt::join(a.searches, ", "))});
  }
  fmt::print(ctx.out, "{}", RenderTable(t, ctx.color));
  return kExitOk;
}

int RunUserRemove(const UserRemoveOptions& o, Context& ctx) {
  Result<std::unique_ptr<Practice>> practice = Open(ctx);
  if (!practice.ok()) return Fail(ctx, practice.error());
  const std::string db = ctx.db_path;
  Result<AccountRemoval> removed =
      RemoveAccount(**practice, o.email, o.yes,
                    [&db](const std::string& search) { return DeleteSearch(db, search); });
  if (!removed.ok()) return Fail(ctx, removed.error());
  if (ctx.json) {
    fmt::print(ctx.out, "{}\n",
               DumpJson(Json{{"removed", AccountJson(removed->account)},
                             {"deleted_searches", removed->deleted_searches}}));
    return kExitOk;
  }
  fmt::print(ctx.out, "Removed {} {}", RoleName(removed->account.role),
             EscapeControls(Describe(removed->account)));
  if (!removed->deleted_searches.empty()) {
    fmt::print(ctx.out, " and deleted their search {}", fmt::join(removed->deleted_searches, ", "));
  }
  fmt::print(ctx.out, ".\n");
  return kExitOk;
}

}  // namespace keel
