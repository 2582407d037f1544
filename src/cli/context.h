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
#include "core/date.h"
#include "core/result.h"
#include "store/store.h"
#include "themes/classifier.h"

namespace keel {

struct Context {
  std::string db_path;  // resolved: --db, $KEEL_DB, or the XDG default
  Date today;
  std::optional<int> silence_days_given;   // --silence-days
  Horizon horizon;                         // resolved when the store is opened
  int silence_days = kDefaultSilenceDays;  // horizon.days
  bool json = false;
  bool color = false;  // stdout is a terminal and NO_COLOR is unset
  std::FILE* out = stdout;
  std::FILE* err = stderr;

  /// Opens the store, creating the database (and the default folder) on first use, and
  /// resolves the silence horizon (given, learned from the replies so far, or the default).
  /// Commands that print no statistics pass with_horizon = false and skip that work.
  Result<std::shared_ptr<Store>> OpenStore(bool with_horizon = true);

  /// The theme classifier: the built-in rules plus the user's themes.rules, read once.
  Result<const ThemeClassifier*> Themes();

  /// For a long-running process (keel serve): a source of already-open stores (one connection
  /// per worker thread) and a classifier loaded once, so a request does not reopen either.
  std::function<Result<std::shared_ptr<Store>>()> store_source;
  /// With store_source: the horizon for that store, possibly cached while the ledger is unchanged.
  std::function<Result<Horizon>(Store&, Date, std::optional<int>)> horizon_source;
  void SetThemes(std::shared_ptr<ThemeClassifier> themes) { themes_ = std::move(themes); }

  /// The error the handler failed with (set by Fail), whole: message, code and field.
  /// Why here: a handler's interface is the CLI's (it prints, and returns an exit code), and
  /// `keel serve` still runs these handlers (until it stands on app/, issue 11). The Context is
  /// the one object per run that both the handler and the server hold, so the structured Error
  /// reaches the HTTP answer through it, with no global state and no parsing of printed words.
  std::optional<Error> error;

 private:
  std::shared_ptr<ThemeClassifier> themes_;
};

/// Exit codes, per PRODUCT.md: 0 success, 1 a user error (one line on stderr), 2 a usage error.
inline constexpr int kExitOk = 0;
inline constexpr int kExitUserError = 1;
inline constexpr int kExitUsage = 2;

/// Records `error` in ctx.error, prints it on stderr as "error: --FLAG: MESSAGE" (the flag of
/// its field, when the field has one; "error: MESSAGE" otherwise), followed by "; HINT" when the
/// error has a hint (a CLI command the API does not send), and returns kExitUserError.
int Fail(Context& ctx, Error error);
/// The same for an invalid input about no one field.
int Fail(Context& ctx, const std::string& message);

/// The command-line flag for an error's field ("replied_on" -> "--replied-on", "person" ->
/// "--to"); empty for a field given as a positional argument (an ask's id, a text).
std::string FlagFor(std::string_view field);

/// An error as the CLI prints it, after "error: ": the field's flag (FlagFor) in place of the
/// error's subject ("unknown kind 'x'" -> "unknown --kind 'x'"), or before the message when it
/// has no subject ("--on: '02/30/2026' is not a date; ...").
std::string CliMessage(const Error& error);

/// What the person should know about a write that succeeded ("new organization 'Acme'", "recorded
/// as a pivot: ...", a material used before its date, the silence horizon moving): with --json they
/// go in the written object as "notices" (so `keel serve` hands them to the page); the human
/// output prints them on stderr as today. Nothing is added when `notices` is empty.
void AddNotices(nlohmann::ordered_json& object, const std::vector<std::string>& notices);

/// After a write: when the silence horizon resolved on opening (OpenStore with_horizon) moved, the
/// line that says so and why (app/horizon.h HorizonAfterWrite); nullopt when it did not. The
/// context takes the new horizon, so what is printed after counts silence with it.
std::optional<std::string> HorizonMoveLine(Context& ctx, Store& store, const std::string& why,
                                           std::optional<int32_t> reply_before = std::nullopt,
                                           std::optional<int32_t> reply_after = std::nullopt);

/// Prints each CLI-only hint (the command that acts on a notice: "keel close --undo reopens the
/// search") on stderr as "hint: ...", after the notes; the JSON never carries them.
void PrintHints(const Context& ctx, const std::vector<std::string>& hints);

/// Prints a report's worded lines on stdout, one per line.
void PrintLines(const Context& ctx, const std::vector<std::string>& lines);

/// The database path from PRODUCT.md: $XDG_DATA_HOME/keel/keel.db, else
/// ~/.local/share/keel/keel.db.
std::string DefaultDbPath();

}  // namespace keel
