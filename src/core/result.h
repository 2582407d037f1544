// Expected failures (bad input, not found, conflicts) travel as values, never as exceptions:
// every user error becomes one line on stderr and exit code 1, so it must carry its whole message.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace keel {

/// What went wrong, worded for the person at the keyboard: the problem and the fix, one line.
struct Error {
  std::string message;
};

/// Success, or an Error.
class Status {
 public:
  Status() = default;
  Status(Error error)
      : error_(std::move(error.message)), ok_(false) {}  // NOLINT: implicit by design

  bool ok() const { return ok_; }
  const std::string& message() const { return error_; }

 private:
  std::string error_;
  bool ok_ = true;
};

/// A value of type T, or an Error. Accessing value() of a failed Result is a bug.
template <typename T>
class Result {
 public:
  Result(T value) : state_(std::move(value)) {}                      // NOLINT: implicit by design
  Result(Error error) : state_(std::move(error)) {}                  // NOLINT: implicit by design
  Result(const Status& status) : state_(Error{status.message()}) {}  // NOLINT: only for failures

  bool ok() const { return std::holds_alternative<T>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  T& value() & { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }
  const std::string& message() const { return std::get<Error>(state_).message; }
  Status status() const { return ok() ? Status() : Status(Error{message()}); }

 private:
  std::variant<T, Error> state_;
};

}  // namespace keel

/// Returns early from the enclosing function when a Status or Result failed.
#define KEEL_RETURN_IF_ERROR(expr)                               \
  do {                                                           \
    if (auto&& keel_status_ = (expr); !keel_status_.ok()) {      \
      return ::keel::Error{std::string(keel_status_.message())}; \
    }                                                            \
  } while (0)
