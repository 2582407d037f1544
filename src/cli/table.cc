#include "cli/table.h"

#include <algorithm>

#include "core/text.h"

namespace keel {

size_t DisplayWidth(const std::string& text) {
  size_t width = 0;
  for (char c : text) width += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return width;
}

std::string RenderTable(const Table& raw, bool color) {
  // Stored text is printed with its control characters escaped: a name holding ESC [ 2 J must
  // not clear the screen, and a line break must not break the table (older databases may hold
  // what keel now refuses on input).
  Table table = raw;
  for (auto& row : table.rows) {
    for (std::string& cell : row) cell = EscapeControls(cell);
  }
  const size_t columns = table.headers.size();
  std::vector<size_t> widths(columns);
  for (size_t c = 0; c < columns; ++c) widths[c] = DisplayWidth(table.headers[c]);
  for (const auto& row : table.rows) {
    for (size_t c = 0; c < columns && c < row.size(); ++c) {
      widths[c] = std::max(widths[c], DisplayWidth(row[c]));
    }
  }
  std::string out;
  auto append_row = [&](const std::vector<std::string>& row, bool header) {
    std::string line;
    for (size_t c = 0; c < columns; ++c) {
      const std::string& cell = c < row.size() ? row[c] : std::string();
      const std::string pad(widths[c] - DisplayWidth(cell), ' ');
      const bool right = c < table.right_aligned.size() && table.right_aligned[c];
      if (c > 0) line += "  ";
      line += right ? pad + cell : cell + (c + 1 < columns ? pad : "");
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    if (header && color) line = "\x1b[1m" + line + "\x1b[0m";
    out += line + "\n";
  };
  append_row(table.headers, true);
  for (const auto& row : table.rows) append_row(row, false);
  return out;
}

}  // namespace keel
