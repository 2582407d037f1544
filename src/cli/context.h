// What every command handler gets: the parsed global options and the output streams. Built once
// in RunCli; nothing global.
#pragma once

#include <cstdio>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/horizon.h"
#include "app/session.h"
#include "core/date.h"
#include "core/instant.h"
#include "core/result.h"
#include "store/open.h"
#include "store/store.h"
#include "themes/classifier.h"

namespace keel {

/// A Session (app/session.h) with what only a command line has: where the ledger is, how to
/// print.
struct Context : Session {
  std::string db_path;                 // resolved: --db, $KEEL_DB, or the XDG default
  std::string search{kDefaultSearch};  // --search, $KEEL_SEARCH
  bool json = false;
  bool color = false;  // stdout is a terminal and NO_COLOR is unset
  std::FILE* out = stdout;
  std::FILE* err = stderr;

  /// Makes the store source open `search` of `db_path` through the factory (store/open.h),
  /// creating the default folder on first use, and the theme source read the user's rules.
  void UseFactory();
};

/// Exit codes, per PRODUCT.md: 0 success, 1 a user error (one line on stderr), 2 a usage error.
inline constexpr int kExitOk = 0;
inline constexpr int kExitUserError = 1;
inline constexpr int kExitUsage = 2;

/// Prints `error` on stderr as "error: --FLAG: MESSAGE" (the flag of
/// its field, when the field has one; "error: MESSAGE" otherwise), followed by "; HINT" when the
/// error has a hint (a CLI command the API does not send), and returns kExitUserError.
int Fail(Context& ctx, const Error& error);
/// The same for an invalid input about no one field.
int Fail(Context& ctx, const std::string& message);

/// The command-line flag for an error's field ("replied_on" -> "--replied-on", "person" ->
/// "--to"); empty for a field given as a positional argument (an ask's id, a text).
std::string FlagFor(std::string_view field);

/// An error as the CLI prints it, after "error: ": the field's flag (FlagFor) in place of the
/// error's subject ("unknown kind 'x'" -> "unknown --kind 'x'"), or before the message when it
/// has no subject ("--on: '02/30/2026' is not a date; ...").
std::string CliMessage(const Error& error);

/// Prints each CLI-only hint (the command that acts on a notice: "keel close --undo reopens the
/// search") on stderr as "hint: ...", after the notes; the JSON never carries them.
void PrintHints(const Context& ctx, const std::vector<std::string>& hints);

/// Prints a report's worded lines on stdout, one per line.
void PrintLines(const Context& ctx, const std::vector<std::string>& lines);

/// The database path from PRODUCT.md: $XDG_DATA_HOME/keel/keel.db, else
/// ~/.local/share/keel/keel.db.
std::string DefaultDbPath();

/// $KEEL_NOW (tests walk days with it, as --today sets a date) when set, else the system's clock;
/// a value that is not "2026-12-02T09:30:00Z" is an error naming the form.
Result<Instant> CommandNow();
/// $KEEL_NOW when set (checked as CommandNow does); none when unset.
Result<std::optional<Instant>> FixedNow();

}  // namespace keel
