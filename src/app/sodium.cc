#include "app/sodium.h"

#include <sodium.h>

#include <array>

namespace keel {

bool SodiumReady() {
  static const bool ready = sodium_init() >= 0;
  return ready;
}

std::string Sha256Hex(std::string_view bytes) {
  // crypto_hash_sha256 needs no initialisation and cannot fail.
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(bytes.data()),
                     bytes.size());
  std::array<char, 2 * crypto_hash_sha256_BYTES + 1> hex{};  // and bin2hex's closing NUL
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return std::string(hex.data(), hex.size() - 1);
}

}  // namespace keel
