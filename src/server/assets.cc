#include "server/assets.h"

#include <array>

namespace keel {
namespace {

constexpr Asset kAssets[] = {
#include "keel/web_assets.inc"
};

}  // namespace

std::span<const Asset> WebAssets() { return kAssets; }

}  // namespace keel
