#include "app/password.h"

#include <crack.h>
#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <mutex>
#include <set>
#include <stdexcept>

#include "app/sodium.h"
#include "core/text.h"

namespace keel {
namespace {
// src/app/common_passwords.txt, embedded at build time.
constexpr std::string_view kCommonPasswordsText =
#include "keel/common_passwords.inc"
    ;
}  // namespace
}  // namespace keel

namespace keel {
namespace {

// The name part of an email ("ana.diaz" of "ana.diaz@example.com"), lowercased.
std::string LocalPart(std::string_view email) {
  const size_t at = email.rfind('@');
  return Lower(email.substr(0, at == std::string_view::npos ? email.size() : at));
}

// cracklib's verdict on `password`: empty when it finds nothing; else its reason ("it is based on
// a dictionary word"). Its dictionary comes with Debian's cracklib-runtime. Called under a lock:
// cracklib keeps the open dictionary in static state. Debian's Safe variant returns instead of
// calling exit() when the dictionary is missing (Debian bug #682735).
Result<std::string> CracklibVerdict(const std::string& password) {
  static std::mutex lock;
  const std::lock_guard<std::mutex> hold(lock);
  const char* dict = GetDefaultCracklibDict();
  std::error_code ec;
  if (!std::filesystem::exists(std::string(dict) + ".pwd", ec)) {
    return Error{fmt::format("cannot check new passwords: cracklib's dictionary {}.pwd is missing; "
                             "install Debian's cracklib-runtime (scripts/deps does)",
                             dict),
                 ErrorCode::kInternal};
  }
  std::array<char, 256> why{};
  if (__DEBIAN_SPECIFIC__SafeFascistCheck(password.c_str(), dict, why.data(), why.size()) == 0) {
    return Error{
        fmt::format("cannot read cracklib's dictionary {}; reinstall cracklib-runtime", dict),
        ErrorCode::kInternal};
  }
  return std::string(why.data());
}

// What is left of a password once the usual disguises are taken off: lowercased, the digits and
// symbols at either end stripped ("Password123!" -> "password"), then the letter swaps undone
// ("p@ssw0rd" -> "password").
std::string Core(std::string_view password) {
  const std::string lower = Lower(password);
  auto is_letter = [](char c) {
    return (c >= 'a' && c <= 'z') || static_cast<unsigned char>(c) >= 0x80;
  };
  size_t begin = 0;
  size_t end = lower.size();
  while (begin < end && !is_letter(lower[begin])) ++begin;
  while (end > begin && !is_letter(lower[end - 1])) --end;
  std::string core = lower.substr(begin, end - begin);
  for (char& c : core) {
    switch (c) {
      case '0':
        c = 'o';
        break;
      case '1':
      case '!':
        c = 'i';
        break;
      case '3':
        c = 'e';
        break;
      case '4':
      case '@':
        c = 'a';
        break;
      case '5':
      case '$':
        c = 's';
        break;
      case '7':
        c = 't';
        break;
      default:
        break;
    }
  }
  return core;
}

bool IsCommonWord(std::string_view word) {
  static const std::set<std::string, std::less<>> words = [] {
    std::set<std::string, std::less<>> out;
    std::string_view rest = kCommonPasswordsText;
    while (!rest.empty()) {
      const size_t eol = std::min(rest.find('\n'), rest.size());
      const std::string_view line = Trim(rest.substr(0, eol));
      rest.remove_prefix(std::min(eol + 1, rest.size()));
      if (!line.empty() && line.front() != '#') out.emplace(line);
    }
    return out;
  }();
  return words.count(word) > 0;
}

// Whether the core is a common password, or one repeated ("passwordpassword"), or a run of keys
// along the keyboard's rows ("qwertyuiopasdf").
bool IsCommonCore(std::string_view core) {
  if (core.empty()) return false;
  for (size_t unit = 1; unit <= core.size(); ++unit) {
    if (core.size() % unit != 0) continue;
    bool repeats = true;
    for (size_t i = unit; i < core.size() && repeats; ++i) repeats = core[i] == core[i % unit];
    if (repeats && IsCommonWord(core.substr(0, unit))) return true;
  }
  constexpr std::string_view kRows = "qwertyuiopasdfghjklzxcvbnm";
  return core.size() >= 6 && kRows.find(core) != std::string_view::npos;
}

}  // namespace

Status CheckNewPassword(std::string_view password, std::string_view email) {
  constexpr std::string_view kHow =
      "a few unrelated words make a long password that is easy to remember";
  if (password.size() > kMaxPasswordBytes) {
    return Error{
        fmt::format("the password is longer than {} bytes; use a shorter one", kMaxPasswordBytes),
        ErrorCode::kInvalid, "password"};
  }
  if (FindInvalidUtf8(password)) {
    return Error{"the password is not valid UTF-8 text; type it again", ErrorCode::kInvalid,
                 "password"};
  }
  for (const char c : password) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      return Error{"the password holds a control character (a tab or a line break); leave it out",
                   ErrorCode::kInvalid, "password"};
    }
  }
  if (const size_t n = CountCodePoints(password); n < kMinPasswordLength) {
    return Error{fmt::format("the password has {} character{}; use at least {} ({})", n,
                             n == 1 ? "" : "s", kMinPasswordLength, kHow),
                 ErrorCode::kInvalid, "password"};
  }
  const std::string lower = Lower(password);
  const std::string local = LocalPart(email);
  if (lower == Lower(email) || (local.size() >= 4 && lower.find(local) != std::string::npos)) {
    return Error{fmt::format("the password contains the account's email; choose one that does "
                             "not ({})",
                             kHow),
                 ErrorCode::kInvalid, "password"};
  }
  if (IsCommonCore(Core(password))) {
    return Error{fmt::format("the password is built on one of the most used passwords; {}", kHow),
                 ErrorCode::kInvalid, "password"};
  }
  Result<std::string> verdict = CracklibVerdict(std::string(password));
  if (!verdict.ok()) return verdict.status();
  if (!verdict->empty()) {
    return Error{fmt::format("the password is easy to guess ({}); {}", *verdict, kHow),
                 ErrorCode::kInvalid, "password"};
  }
  return Status();
}

Result<std::string> HashPassword(std::string_view password) {
  if (!SodiumReady()) return Error{"libsodium could not start", ErrorCode::kInternal};
  std::array<char, crypto_pwhash_STRBYTES> out{};
  if (crypto_pwhash_str(out.data(), password.data(), password.size(),
                        crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    return Error{"not enough memory to hash the password (it takes 64 MiB); try again",
                 ErrorCode::kBusy};
  }
  return std::string(out.data());
}

bool VerifyPassword(std::string_view hash, std::string_view password) {
  if (!SodiumReady() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  const std::string h(hash);  // NUL-terminated, as libsodium reads it
  return crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
}

std::string NewSecret() {
  std::array<unsigned char, 32> bytes{};
  if (!SodiumReady()) throw std::runtime_error("libsodium could not start");
  randombytes_buf(bytes.data(), bytes.size());
  constexpr size_t kHexChars = size_t{2} * 32;
  std::array<char, kHexChars + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), bytes.data(), bytes.size());
  return std::string(hex.data(), kHexChars);
}

bool SecretsEqual(std::string_view a, std::string_view b) {
  if (a.size() != b.size() || a.empty()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

bool NeedsRehash(std::string_view hash) {
  if (!SodiumReady() || hash.size() >= crypto_pwhash_STRBYTES) return true;
  const std::string h(hash);
  return crypto_pwhash_str_needs_rehash(h.c_str(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0;
}

}  // namespace keel
