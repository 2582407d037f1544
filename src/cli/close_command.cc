// keel close: close the search with the offer the seeker accepted (--offer ID), or reopen it
// (--undo). The congratulation is the same line `keel status` prints while the search is closed.
#include <fmt/format.h>

#include "app/use_strategy.h"
#include "cli/commands.h"
#include "core/json_dump.h"

namespace keel {

int RunClose(const CloseOptions& o, Context& ctx) {
  // The command line's own words for a mix of flags (the page's form cannot send one).
  if (o.undo && (o.offer || o.on)) {
    return Fail(ctx, "--undo reopens the search and takes no --offer or --on; give it alone");
  }
  if (!o.undo && !o.offer) {
    return Fail(ctx,
                "say which offer you accepted: keel close --offer ID [--on DATE] (the ask whose "
                "yes was the offer; keel list --outcome yes shows them)");
  }
  Result<CloseAnswer> answer = CloseOrReopenSearch(ctx, o);
  if (!answer.ok()) return Fail(ctx, answer.error());
  if (ctx.json) {
    fmt::print(ctx.out, "{}\n", DumpJson(CloseAnswerJson(*answer)));
    return kExitOk;
  }
  const ClosedSearch& search = answer->search;
  if (answer->reopened) {
    fmt::print(ctx.out,
               "Reopened your search: the offer from {} (#{}) is no longer marked accepted; "
               "every ask is kept.\n",
               search.offer.org, search.offer.id);
    return kExitOk;
  }
  fmt::print(ctx.out, "{}\n", ClosedLine(search));
  fmt::print(ctx.out,
             "Asks you record from now on are kept too; keel close --undo reopens the search.\n");
  return kExitOk;
}

}  // namespace keel
