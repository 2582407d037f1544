// keel close: close the search with the offer the seeker accepted (--offer ID), or reopen it
// (--undo). The congratulation is the same line `keel status` prints while the search is closed.
#include <fmt/format.h>

#include "app/search_closing.h"
#include "cli/commands.h"
#include "core/json_dump.h"

namespace keel {

int RunClose(const CloseOptions& o, Context& ctx) {
  if (o.undo && (o.offer || o.on)) {
    return Fail(ctx, "--undo reopens the search and takes no --offer or --on; give it alone");
  }
  if (!o.undo && !o.offer) {
    return Fail(ctx,
                "say which offer you accepted: keel close --offer ID [--on DATE] (the ask whose "
                "yes was the offer; keel list --outcome yes shows them)");
  }
  std::optional<Date> on;
  if (o.on) {
    Result<Date> parsed = ParseUserDate(*o.on, ctx.today);
    if (!parsed.ok()) return Fail(ctx, InField("on", parsed.error()));
    on = *parsed;
  }
  Result<std::shared_ptr<Store>> store = ctx.OpenStore(/*with_horizon=*/false);
  if (!store.ok()) return Fail(ctx, store.error());
  if (o.undo) {
    Result<ClosedSearch> reopened = ReopenClosedSearch(**store);
    if (!reopened.ok()) return Fail(ctx, reopened.error());
    if (ctx.json) {
      Json j;
      j["closed"] = nullptr;
      j["reopened"] = ClosedSearchJson(*reopened);
      fmt::print(ctx.out, "{}\n", DumpJson(j));
    } else {
      fmt::print(ctx.out,
                 "Reopened your search: the offer from {} (#{}) is no longer marked accepted; "
                 "every ask is kept.\n",
                 reopened->offer.org, reopened->offer.id);
    }
    return kExitOk;
  }
  Result<ClosedSearch> closed = CloseSearchOnOffer(**store, *o.offer, on, ctx.today);
  if (!closed.ok()) return Fail(ctx, closed.error());
  if (ctx.json) {
    Json j;
    j["closed"] = ClosedSearchJson(*closed);
    fmt::print(ctx.out, "{}\n", DumpJson(j));
  } else {
    fmt::print(ctx.out, "{}\n", ClosedLine(*closed));
    fmt::print(ctx.out,
               "Asks you record from now on are kept too; keel close --undo reopens the search.\n");
  }
  return kExitOk;
}

}  // namespace keel
