// One table renderer for every human report: columns sized to their content, numbers right
// aligned, a bold header only on a colour terminal.
#pragma once

#include <string>
#include <vector>

namespace keel {

struct Table {
  std::vector<std::string> headers;
  std::vector<bool> right_aligned;  // per column; missing means left
  std::vector<std::vector<std::string>> rows;
};

std::string RenderTable(const Table& table, bool color);

/// Display width of UTF-8 text (code points; keel's text is not East Asian wide).
size_t DisplayWidth(const std::string& text);

}  // namespace keel
