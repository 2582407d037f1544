// The dashboard's files, embedded at build time (cmake/embed_assets.cmake).
#pragma once

#include <span>
#include <string_view>

namespace keel {

struct Asset {
  std::string_view path;  // "/", "/js/main.js"
  std::string_view content_type;
  std::string_view body;
};

std::span<const Asset> WebAssets();

}  // namespace keel
