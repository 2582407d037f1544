// Passwords of a practice's accounts (PRODUCT.md, "The coaching practice"): what keel accepts as a
// new password, and the one-way hash it keeps instead (argon2id, libsodium's crypto_pwhash_str).
// keel never stores, logs or prints a password; only the hash string is written, and it carries
// its own salt and limits, so a hash made under older limits still verifies and is replaced on
// the next successful sign-in (NeedsRehash).
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace keel {

/// The fewest characters (code points) a password may have: long beats complicated (NIST SP
/// 800-63B, OWASP ASVS 2.1.1).
inline constexpr size_t kMinPasswordLength = 12;
/// The most bytes keel reads of one: a longer "password" is a denial-of-service attempt on the
/// hash, not a person's secret.
inline constexpr size_t kMaxPasswordBytes = 1024;

/// Whether `password` may be a new password for the account `email`: valid UTF-8, no control
/// characters, 12 characters or more, at most 1024 bytes, not the email or its name part, and not
/// easy to guess by cracklib's dictionary and rules (a dictionary word with digits added, a
/// keyboard run, a repeated pattern). The message says what is wrong and how to fix it, and never
/// repeats the password.
Status CheckNewPassword(std::string_view password, std::string_view email);

/// The argon2id hash string of `password` at libsodium's interactive limits (64 MiB, 2 passes):
/// "$argon2id$v=19$m=65536,t=2,p=1$...". Fails only when memory runs out.
Result<std::string> HashPassword(std::string_view password);

/// Whether `password` matches `hash` (a string HashPassword made). A malformed hash never matches.
/// Takes as long as hashing does, whatever the answer.
bool VerifyPassword(std::string_view hash, std::string_view password);

/// 256 random bits from libsodium, as 64 hex characters: a session id, a CSRF token.
std::string NewSecret();

/// Whether two secrets are equal, in time that depends only on their length.
bool SecretsEqual(std::string_view a, std::string_view b);

/// Whether `hash` was made under other limits than HashPassword's now, so the password (known
/// right after a successful VerifyPassword) should be hashed again.
bool NeedsRehash(std::string_view hash);

}  // namespace keel
