#include "cli/context.h"

#include <fmt/format.h>

#include <cstdlib>
#include <ctime>
#include <filesystem>

#include "app/transaction.h"
#include "core/text.h"
#include "store/open.h"

namespace keel {

std::string DefaultDbPath() {
  const char* xdg = std::getenv("XDG_DATA_HOME");
  if (xdg && *xdg) return std::string(xdg) + "/keel/keel.db";
  const char* home = std::getenv("HOME");
  return std::string(home && *home ? home : ".") + "/.local/share/keel/keel.db";
}

void Context::UseFactory() {
  // Only the default location is created on demand; a folder the person named must exist, so
  // that a typo in --db is reported rather than silently making a new tree.
  store_source = [this]() -> Result<std::shared_ptr<Store>> {
    if (db_path == DefaultDbPath() && !IsPostgresUri(db_path)) {
      std::error_code ec;
      std::filesystem::create_directories(std::filesystem::path(db_path).parent_path(), ec);
    }
    Result<std::unique_ptr<Store>> store = keel::OpenStore(db_path, search);
    if (!store.ok()) return store.status();
    return std::shared_ptr<Store>(std::move(store).value());
  };
  theme_source = []() -> Result<std::shared_ptr<const ThemeClassifier>> {
    Result<ThemeClassifier> loaded = ThemeClassifier::ForUser();
    if (!loaded.ok()) return loaded.status();
    return std::make_shared<const ThemeClassifier>(std::move(loaded).value());
  };
}

void PrintHints(const Context& ctx, const std::vector<std::string>& hints) {
  for (const std::string& hint : hints) fmt::print(ctx.err, "hint: {}\n", EscapeControls(hint));
}

void PrintLines(const Context& ctx, const std::vector<std::string>& lines) {
  for (const std::string& line : lines) fmt::print(ctx.out, "{}\n", EscapeControls(line));
}

std::string FlagFor(std::string_view field) {
  // Given as positional arguments: keel show ID, keel feedback add ID TEXT, keel compare A B.
  if (field.empty() || field == "id" || field == "text" || field == "a" || field == "b" ||
      field == "name" || field == "ask_id" || field == "email")
    return "";
  if (field == "person") return "--to";
  if (field == "materials") return "--material";
  std::string flag = "--" + std::string(field);
  for (char& c : flag) {
    if (c == '_') c = '-';
  }
  return flag;
}

std::string CliMessage(const Error& error) {
  const std::string flag = FlagFor(error.field);
  if (flag.empty()) return error.message;
  if (!error.subject.empty()) {
    if (const size_t at = error.message.find(error.subject); at != std::string::npos) {
      std::string out = error.message;
      out.replace(at, error.subject.size(), flag);
      return out;
    }
  }
  return fmt::format("{}: {}", flag, error.message);
}

int Fail(Context& ctx, const Error& error) {
  // One line, whatever the message quotes: control characters are escaped.
  // Still one line: the CLI's own hint (a command to run) follows the message after "; ".
  std::string line = CliMessage(error);
  if (!error.hint.empty()) line += "; " + error.hint;
  fmt::print(ctx.err, "error: {}\n", EscapeControls(line));
  return kExitUserError;
}

int Fail(Context& ctx, const std::string& message) { return Fail(ctx, Error{message}); }

Result<std::optional<Instant>> FixedNow() {
  const char* now = std::getenv("KEEL_NOW");
  if (!now || !*now) return std::optional<Instant>();
  const std::optional<Instant> at = ParseUtcIso(now);
  if (!at) {
    return Error{
        fmt::format("KEEL_NOW: '{}' is not a UTC time like 2026-12-02T09:30:00Z", Clip(now))};
  }
  return at;
}

Result<Instant> CommandNow() {
  Result<std::optional<Instant>> fixed = FixedNow();
  if (!fixed.ok()) return fixed.status();
  return fixed->value_or(static_cast<Instant>(std::time(nullptr)));
}

}  // namespace keel
