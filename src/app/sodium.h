// libsodium, keel's one cryptographic library: passwords (app/password.h), secrets, and the SHA-256
// of a material's file or a session id. It replaced OpenSSL's libcrypto for the digest, since
// libcrypto's 4,000 symbol relocations cost every command about a millisecond before main.
#pragma once

#include <string>
#include <string_view>

namespace keel {

/// libsodium is initialised (once; safe to call again, from any thread). False if it could not.
bool SodiumReady();
/// The SHA-256 digest of `bytes`, as 64 lowercase hex digits.
std::string Sha256Hex(std::string_view bytes);

}  // namespace keel
