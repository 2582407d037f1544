// Expected failures (bad input, not found, conflicts) travel as values, never as exceptions:
// every user error becomes one line on stderr and exit code 1, so it must carry its whole message.
//
// An Error also says what kind of failure it is (`code`) and which input it is about (`field`),
// so that each front end renders it in its own terms without reading the words: the CLI puts the
// field's flag in the message (where `subject` names the field: "unknown kind 'x'" becomes
// "unknown --kind 'x'"; otherwise before it: "--on: '02/30/2026' is not a date; ..."), the HTTP
// API picks its status from the code and sends the field for the page to show beside the form's
// label. Hence the message itself names no CLI flag, and no CLI command: where the fix is a
// command, it goes in `hint`, which only the CLI prints (after the message, on the same line).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace keel {

/// What kind of failure: the HTTP API turns it into a status (400, 404, 409, 503, 403, 500, 401,
/// 429).
enum class ErrorCode {
  kInvalid,    // the input is wrong: fix it and try again
  kNotFound,   // the thing named (an ask's id, a material version) does not exist
  kConflict,   // the input is well-formed but clashes with what the ledger holds (a deal-breaker)
  kBusy,       // the database is locked by another program: try again shortly
  kForbidden,  // not allowed here
  kInternal,   // a bug or a damaged environment, not the person's doing
  kUnauthenticated,  // not signed in, or the session ended (a practice's server)
  kTooMany,          // too many attempts: wait, then try again (sign-in throttling)
};

/// "invalid", "not_found", "conflict", "busy", "forbidden", "internal", "unauthenticated",
/// "too_many".
constexpr std::string_view Name(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalid:
      return "invalid";
    case ErrorCode::kNotFound:
      return "not_found";
    case ErrorCode::kConflict:
      return "conflict";
    case ErrorCode::kBusy:
      return "busy";
    case ErrorCode::kForbidden:
      return "forbidden";
    case ErrorCode::kInternal:
      return "internal";
    case ErrorCode::kUnauthenticated:
      return "unauthenticated";
    case ErrorCode::kTooMany:
      return "too_many";
  }
  return "internal";
}

/// What went wrong, worded for the person at the keyboard: the problem and the fix, one line.
/// `Error{"message"}` is an invalid input about no one field.
struct Error {
  std::string message;
  ErrorCode code = ErrorCode::kInvalid;
  /// The input the error is about, named as in an API request body ("on", "org", "kind", "id",
  /// "replied_on"); empty when it is about no one input. The message does not repeat the flag.
  std::string field = {};
  /// The words of `message` that name the field ("the organization", "kind", "a date of"), where
  /// the CLI puts the field's flag instead; empty when the message does not name it (the CLI then
  /// puts the flag before the message).
  std::string subject = {};
  /// The CLI command that makes the fix ("keel close --undo reopens the search"), for the CLI
  /// only: it prints it after the message, on the same line ("...; keel close --undo reopens
  /// the search"); the HTTP API does not send it
  /// (the page has a form for it). Empty when the message says all.
  std::string hint = {};
};

/// The same error, about `field` unless it already names one (an inner check knows better);
/// `subject` as in Error, kept with the field it belongs to.
inline Error InField(std::string_view field, Error error, std::string_view subject = {}) {
  if (error.field.empty()) {
    error.field = std::string(field);
    error.subject = std::string(subject);
  }
  return error;
}

/// Success, or an Error.
class Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT: implicit by design

  bool ok() const { return ok_; }
  const std::string& message() const { return error_.message; }
  ErrorCode code() const { return error_.code; }
  const std::string& field() const { return error_.field; }
  /// The failure (an empty Error when ok()).
  const Error& error() const { return error_; }

 private:
  Error error_;
  bool ok_ = true;
};

/// A value of type T, or an Error. Accessing value() of a failed Result is a bug.
template <typename T>
class Result {
 public:
  Result(T value) : state_(std::move(value)) {}             // NOLINT: implicit by design
  Result(Error error) : state_(std::move(error)) {}         // NOLINT: implicit by design
  Result(const Status& status) : state_(status.error()) {}  // NOLINT: only for failures

  bool ok() const { return std::holds_alternative<T>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  T& value() & { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }
  const Error& error() const { return std::get<Error>(state_); }
  const std::string& message() const { return error().message; }
  ErrorCode code() const { return error().code; }
  const std::string& field() const { return error().field; }
  Status status() const { return ok() ? Status() : Status(error()); }

 private:
  std::variant<T, Error> state_;
};

}  // namespace keel

/// Returns early from the enclosing function when a Status or Result failed, with its whole
/// Error (message, code and field).
#define KEEL_RETURN_IF_ERROR(expr)                          \
  do {                                                      \
    if (auto&& keel_status_ = (expr); !keel_status_.ok()) { \
      return ::keel::Error(keel_status_.error());           \
    }                                                       \
  } while (0)
